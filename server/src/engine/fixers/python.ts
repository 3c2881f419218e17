/** Quick fixes for python findings. Register each with registerFixer('<name>', fixer). */
import { registerFixer } from '../fixes';

export function registerPythonFixers(): void {
  void registerFixer;
}
