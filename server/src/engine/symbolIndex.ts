/**
 * The project symbol index, kept as light as the engine: the constants a Go file can name
 * without qualification are those of its package, declared in any file of the same directory.
 * `tt == AccessToken` compares with a constant when `AccessToken` is `const` in a sibling file,
 * so it is never a secret comparison (valueFacts.ts).
 *
 * Read with a regular expression, not a parse: sibling files are many and only their `const`
 * declarations matter. Results are cached per file by size and modification time.
 */
import * as fs from 'fs';
import * as path from 'path';
import { detached } from './strings';

const cache = new Map<string, { mtimeMs: number; size: number; names: string[] }>();
const MAX_SIBLING_BYTES = 512 * 1024;
const MAX_SIBLINGS = 400;

const CONST_LINE = /^const\s+([A-Za-z_]\w*)/gm;
const CONST_BLOCK = /^const\s*\(([\s\S]*?)^\)/gm;

/** Names declared `const` at package level in Go source text. */
export function goConstNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(CONST_LINE)) if (m[1]) names.push(detached(m[1]));
  for (const block of text.matchAll(CONST_BLOCK)) {
    const body = block[1] ?? '';
    for (const line of body.split('\n')) {
      const trimmed = line.replace(/\/\/.*$/, '');
      const m = /^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)/.exec(trimmed);
      if (!m || /^\s*$/.test(trimmed)) continue;
      for (const n of (m[1] ?? '').split(',')) names.push(detached(n.trim()));
    }
  }
  return names;
}

/**
 * A directory's result is reused for a short while: a scan analyses all files of a package in
 * a burst, and statting every sibling for every file would be quadratic. Files added or removed
 * invalidate it at once (the listing is compared); edits to a sibling are seen after the TTL.
 */
const dirCache = new Map<string, { at: number; listing: string; names: Map<string, string[]> }>();
const DIR_TTL_MS = 2000;

function goFilesOf(dir: string): string[] | undefined {
  try {
    return fs.readdirSync(dir).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go')).sort();
  } catch {
    return undefined;
  }
}

/** Package-level constants of the Go package `file` belongs to, from its sibling files. */
export function goPackageConstants(file: string): Set<string> {
  const dir = path.dirname(file);
  const entries = goFilesOf(dir);
  if (!entries) return new Set();
  const listing = entries.join('\n');
  const cached = dirCache.get(dir);
  if (cached && cached.listing === listing && Date.now() - cached.at < DIR_TTL_MS) {
    const out = new Set<string>();
    for (const [sibling, names] of cached.names) if (sibling !== file) for (const n of names) out.add(n);
    return out;
  }
  const perFile = new Map<string, string[]>();
  const result = goPackageConstantsUncached(file, dir, entries, perFile);
  dirCache.set(dir, { at: Date.now(), listing, names: perFile });
  if (dirCache.size > 2000) dirCache.delete(dirCache.keys().next().value as string);
  return result;
}

function goPackageConstantsUncached(file: string, dir: string, entries: readonly string[], perFile: Map<string, string[]>): Set<string> {
  const out = new Set<string>();
  for (const name of entries.slice(0, MAX_SIBLINGS)) {
    const sibling = path.join(dir, name);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(sibling);
    } catch {
      continue;
    }
    if (!stat.isFile() || stat.size > MAX_SIBLING_BYTES) continue;
    let hit = cache.get(sibling);
    if (!hit || hit.mtimeMs !== stat.mtimeMs || hit.size !== stat.size) {
      let text = '';
      try {
        text = fs.readFileSync(sibling, 'utf8');
      } catch {
        continue;
      }
      hit = { mtimeMs: stat.mtimeMs, size: stat.size, names: goConstNames(text) };
      cache.set(sibling, hit);
    }
    perFile.set(sibling, hit.names);
    if (sibling !== file) for (const n of hit.names) out.add(n);
  }
  return out;
}
