import type { Position, TextEdit } from './types';

function offsetAt(text: string, lineStarts: number[], pos: Position): number {
  const start = lineStarts[pos.line];
  if (start === undefined) return text.length;
  return Math.min(start + pos.character, text.length);
}

/** Applies non-overlapping edits (LSP positions) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const resolved = edits
    .map((e) => ({ start: offsetAt(text, lineStarts, e.span.start), end: offsetAt(text, lineStarts, e.span.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of resolved) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
