import * as path from 'path';
import { GuardrailEngine, pathsFromRoot } from '../../server/src/engine/engine';

/** Repository root, from `out/test/helpers` or `test/helpers`. */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');

let shared: Promise<GuardrailEngine> | undefined;

/** One real engine (real grammars, real queries) shared by the unit tests. */
export function sharedEngine(): Promise<GuardrailEngine> {
  shared ??= GuardrailEngine.create(pathsFromRoot(REPO_ROOT));
  return shared;
}
