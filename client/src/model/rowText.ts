/**
 * What a sidebar row says: the best name for a region and its place, compactly. The sidebar is
 * narrow (about 35 characters of description at its default width), so a row names the file, not
 * its whole path; the folder comes shortened after it and the full path is in the tooltip.
 * Pure: sidebar.ts turns these strings into tree items.
 */
import type { RegionDto } from '../../../common/src/protocol';

type Located = { path: string; span: RegionDto['span'] };

/**
 * The engine's symbol as a row label. It names a function, a method (`Service.Verify`), the name
 * a lambda is assigned to, or the call a callback is passed to (`router.post('/login')`, shown as
 * "router.post('/login') callback"). What it could not name reads `<lambda>` (leading parts such
 * as `<lambda>.setAttestBinding` are dropped for the named part) and `<top-level>`.
 */
export function regionName(symbol: string): string {
  if (symbol === '<top-level>') return 'top-level code';
  const named = symbol.replace(/^(?:<lambda>\.)+/, '');
  if (named === '<lambda>') return 'anonymous function';
  if (named.endsWith('.<lambda>')) return `anonymous function in ${named.slice(0, -'.<lambda>'.length)}`;
  return named.endsWith(')') ? `${named} callback` : named;
}

export function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * A folder path in at most `max` characters: whole when it fits, else its first and last folders
 * around an ellipsis (`packages/…/postgres`), else the last folders that fit (`…/localize-status`).
 */
export function shortFolder(folder: string, max = 24): string {
  if (folder.length <= max) return folder;
  const parts = folder.split('/');
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  const ends = `${first}/…/${last}`;
  if (parts.length > 2 && ends.length <= max) return ends;
  let tail = last;
  for (let i = parts.length - 2; i > 0 && `…/${parts[i]}/${tail}`.length <= max; i--) tail = `${parts[i]}/${tail}`;
  const out = `…/${tail}`;
  return out.length <= max ? out : `…${last.slice(last.length - (max - 1))}`;
}

/** "auth.go:42" (1-based line). */
export function shortLocation(item: Located): string {
  return `${fileName(item.path)}:${item.span.start.line + 1}`;
}

/**
 * Where a row's item is, for its description: "auth.go:42 · server/…/jwt" under a category, where
 * rows of many files mix; "line 42" under its file's own group, which already names the file.
 */
export function rowLocation(item: Located, groupedByFile: boolean): string {
  if (groupedByFile) return `line ${item.span.start.line + 1}`;
  const folder = folderOf(item.path);
  return folder ? `${shortLocation(item)} · ${shortFolder(folder)}` : shortLocation(item);
}

/** A file group's row: the file name as its label, the folder shortened in front of the counts. */
export function fileGroupText(path: string, counts: string): { label: string; description: string } {
  const folder = folderOf(path);
  return { label: fileName(path), description: folder ? `${shortFolder(folder)} · ${counts}` : counts };
}
