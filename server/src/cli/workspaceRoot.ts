import * as fs from 'fs';
import * as path from 'path';

/**
 * The folder the review ledger belongs to: the nearest ancestor of `cwd` with a `.guardrails`
 * folder, else the nearest with `.git`, else `cwd` itself. Ledger paths are relative to it, the
 * same as a VS Code workspace folder opened there.
 */
export function findWorkspaceRoot(cwd: string): string {
  for (const marker of ['.guardrails', '.git']) {
    let dir = path.resolve(cwd);
    for (;;) {
      if (fs.existsSync(path.join(dir, marker))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return path.resolve(cwd);
}
