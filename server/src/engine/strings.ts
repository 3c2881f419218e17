/**
 * A copy of `s` that does not point into the text it was cut from. V8 keeps a substring (a
 * node's `text`, a regular expression's match) as a slice of the whole file: a name kept in a
 * cache that outlives the analysis (import memos, per-condition caches keyed by qualified names,
 * Go package constants) would keep the file's text alive with it, hundreds of files per scan worker.
 */
export function detached(s: string): string {
  // JSON keeps lone surrogates (a Buffer round trip would not); shorter strings V8 copies anyway.
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** `s` as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
