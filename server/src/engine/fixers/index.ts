import { registerEcmaFixers } from './ecma';
import { registerGoFixers } from './go';
import { registerPythonFixers } from './python';

registerGoFixers();
registerPythonFixers();
registerEcmaFixers();
