/** Helpers for the incremental-analysis tests (and for replaying a failing edit sequence). */
import type { FileAnalysis } from '../../server/src/engine/types';

export function rng(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export function comparable(a: FileAnalysis): unknown {
  return { regions: a.regions, findings: a.findings, hasSyntaxErrors: a.hasSyntaxErrors };
}

export const WORDS = /[A-Za-z_][A-Za-z0-9_]*/g;

/** One random LSP change against the current text. */
export function randomChange(text: string, rand: () => number, pool: string[]): { start: number; end: number; newText: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const at = () => Math.floor(rand() * (text.length + 1));
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineRange = (row: number) => {
    const start = lineStarts[row] ?? text.length;
    const next = lineStarts[row + 1];
    return { start, end: next ?? text.length };
  };
  const kind = rand();
  if (kind < 0.2) {
    // Typing one character.
    const p = at();
    return { start: p, end: p, newText: pick([' ', 'x', '(', ')', '{', '}', '"', '.', ',', '\n', 'a', '_', '1', ';']) };
  }
  if (kind < 0.3) {
    // Backspace / small deletion.
    const p = at();
    return { start: p, end: Math.min(text.length, p + 1 + Math.floor(rand() * 4)), newText: '' };
  }
  if (kind < 0.5) {
    // Rename: replace a word by another word of the file (hmac → strings, Parse → Print ...).
    const words = [...text.matchAll(WORDS)];
    const w = words.length > 0 ? pick(words) : undefined;
    if (w?.index !== undefined) return { start: w.index, end: w.index + w[0].length, newText: pick(pool) };
    return { start: 0, end: 0, newText: ' ' };
  }
  if (kind < 0.62) {
    // Duplicate a line elsewhere (pasting code, including risky code and imports).
    const src = lineRange(Math.floor(rand() * lineStarts.length));
    const dst = lineStarts[Math.floor(rand() * lineStarts.length)] ?? 0;
    const line = text.slice(src.start, src.end);
    return { start: dst, end: dst, newText: line.endsWith('\n') ? line : `${line}\n` };
  }
  if (kind < 0.72) {
    // Delete a whole line.
    const r = lineRange(Math.floor(rand() * lineStarts.length));
    return { start: r.start, end: r.end, newText: '' };
  }
  if (kind < 0.8) {
    // Move a block of lines (cut + paste in one change sequence is approximated by a replace).
    const a = Math.floor(rand() * lineStarts.length);
    const b = Math.min(lineStarts.length - 1, a + 1 + Math.floor(rand() * 5));
    const r = { start: lineRange(a).start, end: lineRange(b).end };
    return { start: r.start, end: r.end, newText: text.slice(r.start, r.end).split('\n').reverse().join('\n') };
  }
  if (kind < 0.9) {
    // Comment a line in or out (suppression comments live on their own lines).
    const r = lineRange(Math.floor(rand() * lineStarts.length));
    const line = text.slice(r.start, r.end);
    const marker = /^\s*(#|\/\/)/.exec(line);
    if (marker) return { start: r.start, end: r.start + marker[0].length, newText: '' };
    return { start: r.start, end: r.start, newText: pick(['// ', '# ']) };
  }
  // Replace a random span with a random slice of the file.
  const p = at();
  const q = Math.min(text.length, p + Math.floor(rand() * 40));
  const s = at();
  return { start: p, end: q, newText: text.slice(s, Math.min(text.length, s + Math.floor(rand() * 60))) };
}

