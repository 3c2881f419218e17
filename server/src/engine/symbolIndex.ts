/**
 * The project symbol index, kept as light as the engine: the constants a Go file can name
 * without qualification are those of its package, declared in any file of the same directory.
 * `tt == AccessToken` compares with a constant when `AccessToken` is `const` in a sibling file,
 * so it is never a secret comparison (valueFacts.ts).
 *
 * It also keeps the names each file declares with a sync/atomic type (goAtomics.ts): a field
 * declared `atomic.Value` in types.go makes `h.val.Load()` in handler.go a publication.
 *
 * Read with a regular expression, not a parse: sibling files are many and only their `const`
 * and atomic declarations matter. Results are cached per file by size and modification time.
 */
import * as fs from 'fs';
import * as path from 'path';
import { goAtomicNames, type AtomicKind } from './goAtomics';
import { detached } from './strings';

const cache = new Map<string, { mtimeMs: number; size: number } & GoFileFacts>();
const MAX_SIBLING_BYTES = 512 * 1024;
const MAX_SIBLINGS = 400;

const CONST_LINE = /^const\s+([A-Za-z_]\w*)/gm;
const CONST_BLOCK = /^const\s*\(([\s\S]*?)^\)/gm;
/** A package variable holding fixed bytes, `var sig = protocolSignature{0x0A, 0x36}` (a protocol's magic number). */
const MAGIC_VAR_LINE = /^var\s+([A-Za-z_]\w*)\s*(?:[\w.[\]]+\s*)?=\s*[\w.[\]]*\{\s*(?:(?:0[xX][0-9A-Fa-f]+|\d+)\s*,\s*)*(?:0[xX][0-9A-Fa-f]+|\d+)\s*,?\s*\}\s*(?:\/\/.*)?$/gm;
const VAR_BLOCK = /^var\s*\(([\s\S]*?)^\)/gm;
const MAGIC_VAR_SPEC = /^\s*([A-Za-z_]\w*)\s*(?:[\w.[\]]+\s*)?=\s*[\w.[\]]*\{\s*(?:(?:0[xX][0-9A-Fa-f]+|\d+)\s*,\s*)*(?:0[xX][0-9A-Fa-f]+|\d+)\s*,?\s*\}\s*(?:\/\/.*)?$/gm;

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
  // Package variables holding fixed bytes are constants too (round 63: cloudflared compares a
  // stream's first bytes with `dataStreamProtocolSignature`, declared in a sibling file).
  for (const m of text.matchAll(MAGIC_VAR_LINE)) if (m[1]) names.push(detached(m[1]));
  for (const block of text.matchAll(VAR_BLOCK)) {
    for (const m of (block[1] ?? '').matchAll(MAGIC_VAR_SPEC)) if (m[1]) names.push(detached(m[1]));
  }
  return names;
}

/** What the index keeps of one Go file: its package-level constants and its atomic-typed names. */
interface GoFileFacts {
  names: string[];
  atomics: Map<string, AtomicKind>;
  /** Functions and methods returning a string, split by whether every `return` is a string literal. */
  textFuncs?: { literal: string[]; other: string[] };
}

/** A gofmt'ed function or method returning one string: `func (db *datastore) now() string {` … `}`. */
const STRING_FUNC = /^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*\([^)]*\)\s*string\s*\{\n([\s\S]*?)^\}/gm;
/** Method names many types implement (fmt.Stringer, error, …). */
const INTERFACE_METHOD = /^(String|GoString|Error|Name|Type|Kind|Value|Key|ID|Id|Text)$/;
const RETURN_LINE = /^\s*return\b(.*)$/gm;
const STRING_LITERAL = /^\s*(?:"(?:[^"\\\n]|\\.)*"|`[^`]*`)\s*(?:\/\/.*)?$/;

/**
 * Names of the functions and methods of Go source text that return one string, as `literal`
 * when every `return` of the body gives a string literal (a SQL dialect helper
 * `func (db *datastore) now() string` returning `"NOW()"` or SQLite's `strftime(…)`), else `other`.
 */
export function goTextFuncNames(text: string): { literal: string[]; other: string[] } {
  const literal: string[] = [];
  const other: string[] = [];
  for (const m of text.matchAll(STRING_FUNC)) {
    const name = m[1] ?? '';
    const body = m[2] ?? '';
    const returns = [...body.matchAll(RETURN_LINE)].map((r) => r[1] ?? '');
    const plain = returns.length > 0 && !/\bfunc\s*\(/.test(body) && returns.every((r) => STRING_LITERAL.test(r));
    (plain ? literal : other).push(detached(name));
  }
  return { literal, other };
}

/** A package's facts from the files other than the one analysed. */
export interface GoPackageFacts {
  constants: Set<string>;
  atomics: Map<string, AtomicKind>;
}

/**
 * A directory's result is reused for a short while: a scan analyses all files of a package in
 * a burst, and statting every sibling for every file would be quadratic. Files added or removed
 * invalidate it at once (the listing is compared); edits to a sibling are seen after the TTL.
 */
const dirCache = new Map<string, { at: number; listing: string; files: Map<string, GoFileFacts> }>();
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
  return goPackageFacts(file).constants;
}

/** The constants and atomic-typed names of the Go package `file` belongs to, from its sibling files. */
export function goPackageFacts(file: string): GoPackageFacts {
  const dir = path.dirname(file);
  const entries = goFilesOf(dir);
  if (!entries) return { constants: new Set(), atomics: new Map() };
  const listing = entries.join('\n');
  let cached = dirCache.get(dir);
  if (!cached || cached.listing !== listing || Date.now() - cached.at >= DIR_TTL_MS) {
    cached = { at: Date.now(), listing, files: readSiblings(dir, entries) };
    dirCache.set(dir, cached);
    if (dirCache.size > 2000) dirCache.delete(dirCache.keys().next().value as string);
  }
  const out: GoPackageFacts = { constants: new Set(), atomics: new Map() };
  const literalFuncs = new Set<string>();
  const otherFuncs = new Set<string>();
  for (const [sibling, facts] of cached.files) {
    if (sibling === file) continue;
    for (const n of facts.names) out.constants.add(n);
    for (const [n, k] of facts.atomics) if (!out.atomics.has(n)) out.atomics.set(n, k);
    for (const n of facts.textFuncs?.literal ?? []) literalFuncs.add(n);
    for (const n of facts.textFuncs?.other ?? []) otherFuncs.add(n);
  }
  // A function or method every sibling declaration of which returns only string literals is
  // listed as `name()` (valueFacts.ts codeControlledText): its result is text the code chose.
  // Not the methods every type may have (`String()`, `Error()`): a literal `Status.String()` here
  // says nothing of `id.String()` on another package's type.
  for (const n of literalFuncs) if (!otherFuncs.has(n) && !INTERFACE_METHOD.test(n)) out.constants.add(`${n}()`);
  return out;
}

function readSiblings(dir: string, entries: readonly string[]): Map<string, GoFileFacts> {
  const perFile = new Map<string, GoFileFacts>();
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
      hit = { mtimeMs: stat.mtimeMs, size: stat.size, names: goConstNames(text), atomics: goAtomicNames(text), textFuncs: goTextFuncNames(text) };
      cache.set(sibling, hit);
    }
    perFile.set(sibling, hit);
  }
  return perFile;
}
