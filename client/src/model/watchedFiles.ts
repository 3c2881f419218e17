/** Which files on disk the edit watcher listens to. Pure. */
import { SUPPORTED_EXTENSIONS, languageForPath } from '../../../common/src/languages';

/** `**\/*.{go,py,…}`: every file the server can analyse. */
export const WATCH_GLOB = `**/*.{${SUPPORTED_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;

/** Directories the server never scans (its default excludes); changes there are not edits to review. */
const IGNORED_DIRS = new Set(['node_modules', '.git', 'vendor', '.venv', 'venv', '__pycache__', 'dist', 'build']);

/**
 * True for paths the watcher should drop: dependencies, build output, minified or declaration
 * files. Pass the workspace-relative path, so a workspace that itself lives under "build/" works.
 */
export function isIgnoredPath(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/);
  if (parts.some((p) => IGNORED_DIRS.has(p))) return true;
  if (relativePath.endsWith('.min.js')) return true;
  return languageForPath(relativePath) === undefined;
}
