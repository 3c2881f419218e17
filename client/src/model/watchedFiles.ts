/** Which files on disk the edit watcher listens to. Pure. */
import { SUPPORTED_EXTENSIONS, languageForPath } from '../../../common/src/languages';
import { DEFAULT_EXCLUDES } from '../../../common/src/settings';

/** `**\/*.{go,py,…}`: every file the server can analyse. */
export const WATCH_GLOB = `**/*.{${SUPPORTED_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;

/** Directories the server never scans (its default excludes `**\/<dir>/**`); changes there are not edits to review. */
const IGNORED_DIRS = new Set(DEFAULT_EXCLUDES.flatMap((g) => /^\*\*\/([^*/]+)\/\*\*$/.exec(g)?.[1] ?? []));
/** File endings the default excludes leave out (`**\/*.min.js`). */
const IGNORED_ENDINGS = DEFAULT_EXCLUDES.flatMap((g) => /^\*\*\/\*(\.[^*/]+)$/.exec(g)?.[1] ?? []);
/** Directories whose files of some languages only are output (`**\/build/**\/*.{js,py}`): dir → endings. */
const IGNORED_DIR_ENDINGS = new Map(
  DEFAULT_EXCLUDES.flatMap((g) => {
    const m = /^\*\*\/([^*/]+)\/\*\*\/\*\.\{([\w,]+)\}$/.exec(g);
    return m?.[1] && m[2] ? [[m[1], m[2].split(',').map((e) => `.${e}`)] as const] : [];
  }),
);

/**
 * True for paths the watcher should drop: dependencies, build output, minified or declaration
 * files. Pass the workspace-relative path, so a workspace that itself lives under "build/" works.
 */
export function isIgnoredPath(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/);
  if (parts.some((p) => IGNORED_DIRS.has(p))) return true;
  for (const [dir, endings] of IGNORED_DIR_ENDINGS) {
    if (parts.slice(0, -1).includes(dir) && endings.some((e) => relativePath.endsWith(e))) return true;
  }
  if (IGNORED_ENDINGS.some((e) => relativePath.endsWith(e))) return true;
  return languageForPath(relativePath) === undefined;
}
