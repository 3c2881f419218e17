import * as fs from 'fs';
import * as path from 'path';
import { GuardrailEngine, pathsFromRoot } from '../../server/src/engine/engine';
import { languageForPath } from '../../server/src/engine/languages';

/** Repository root, from `out/test/helpers` or `test/helpers`. */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');

let shared: Promise<GuardrailEngine> | undefined;

/** One real engine (real grammars, real queries) shared by the unit tests. */
export function sharedEngine(): Promise<GuardrailEngine> {
  shared ??= GuardrailEngine.create(pathsFromRoot(REPO_ROOT));
  return shared;
}

/** Every supported source file under these folders of test/fixtures (all when none), sorted. */
export function fixtureSourceFiles(...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (fs.statSync(file).isDirectory()) walk(file);
      else if (languageForPath(file)) out.push(file);
    }
  };
  const root = path.join(REPO_ROOT, 'test', 'fixtures');
  for (const d of dirs.length > 0 ? dirs : ['']) walk(path.join(root, d));
  return out;
}
