import * as fs from 'fs';
import * as path from 'path';

/**
 * Finds the extension/package root (the folder with `grammars/tree-sitter.wasm` and
 * `server/queries`) from a bundle in `dist/` or compiled code in `out/…`.
 */
export function findPackageRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'server', 'queries')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ai-guardrails package root above ${from}`);
    dir = parent;
  }
}
