/**
 * Position and span arithmetic, in one place for the server and the client. Positions are LSP
 * positions (0-based line, UTF-16 character). Each helper says whether a span's end counts as
 * inside it: callers differ on purpose, and the name carries the choice.
 */
import type { Position, Span } from './span';

/** Negative when `a` comes before `b`, 0 when they are the same, positive after. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** `pos` lies in `span`, both ends included (a cursor right after the last character is inside). */
export function containsInclusive(span: Span, pos: Position): boolean {
  return comparePositions(span.start, pos) <= 0 && comparePositions(pos, span.end) <= 0;
}

/** `line` is one of the lines `span` touches, first and last included. */
export function containsLine(span: Span, line: number): boolean {
  return span.start.line <= line && line <= span.end.line;
}

/** The two spans share at least one line (characters ignored). */
export function linesOverlap(a: Span, b: Span): boolean {
  return a.start.line <= b.end.line && b.start.line <= a.end.line;
}

/** Every line of `inner` is a line of `outer` (characters ignored). */
export function linesWithin(inner: Span, outer: Span): boolean {
  return outer.start.line <= inner.start.line && inner.end.line <= outer.end.line;
}
