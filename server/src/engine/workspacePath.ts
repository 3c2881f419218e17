import * as fs from 'fs';
import * as path from 'path';

/** Whether `p` is `root` or below it (both absolute; no file system access). */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function realpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/**
 * Where `file` really is relative to the workspace `root`, following symbolic links: the
 * workspace-relative path (forward slashes) when it is inside, else a sentence saying why not.
 * The path as written is kept when it names the file from inside the workspace, so a symlink
 * inside the workspace to another file inside is recorded under the name the user gave.
 */
export function workspaceRelative(root: string, file: string): { rel: string } | { outside: string } {
  const abs = path.resolve(root, file);
  const realRoot = realpath(root) ?? path.resolve(root);
  const real = realpath(abs);
  if (real === undefined) return { outside: `${abs} cannot be resolved (a dangling symbolic link?)` };
  if (!isInside(realRoot, real)) {
    return { outside: real === abs ? `${abs} is outside the workspace ${root}` : `${abs} resolves to ${real}, outside the workspace ${root}` };
  }
  const lexical = isInside(root, abs) ? path.relative(root, abs) : path.relative(realRoot, real);
  return { rel: lexical.split(path.sep).join('/') };
}

/** Whether the real location of `p` (after symbolic links) is inside the real `root`. */
export function resolvesInside(root: string, p: string): boolean {
  const real = realpath(p);
  return real !== undefined && isInside(realpath(root) ?? root, real);
}
