/**
 * Helpers for incremental re-analysis: character ranges, mapping offsets through tree edits,
 * the "dirty" part of a document after an edit, and offset → line/column conversion.
 * All offsets are UTF-16 code units, like web-tree-sitter's `startIndex`/`endIndex`.
 */
import type { Edit, Node, Tree } from 'web-tree-sitter';
import type { Position } from './types';

/** A half-open character range `[startIndex, endIndex)` (empty ranges mark insertion points). */
export interface CharRange {
  startIndex: number;
  endIndex: number;
}

/** The offsets an edit needs (a tree-sitter `Edit` has them, plus row/column positions). */
export type OffsetEdit = Pick<Edit, 'startIndex' | 'oldEndIndex' | 'newEndIndex'>;

/** Sorts and merges ranges that overlap or touch (or are closer than `gap`). */
export function mergeRanges(ranges: readonly CharRange[], gap = 0): CharRange[] {
  const sorted = [...ranges].sort((a, b) => a.startIndex - b.startIndex || a.endIndex - b.endIndex);
  const out: CharRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.startIndex <= last.endIndex + gap) {
      if (r.endIndex > last.endIndex) last.endIndex = r.endIndex;
    } else {
      out.push({ startIndex: r.startIndex, endIndex: r.endIndex });
    }
  }
  return out;
}

/**
 * Whether `[start, end)` overlaps a range or lies inside one (an empty item on a range's border
 * counts as inside). Items merely touching a range from outside do not: the dirty ranges are
 * whole top-level nodes, and an item in the clean node next door is still valid.
 */
export function overlapsAny(ranges: readonly CharRange[], start: number, end: number): boolean {
  // Ranges are few (one per changed declaration): a linear scan is fine.
  for (const r of ranges) {
    if (start < r.endIndex && end > r.startIndex) return true;
    if (start >= r.startIndex && end <= r.endIndex) return true;
  }
  return false;
}

/** Whether `[start, end]` lies inside one of the ranges. */
export function insideAny(ranges: readonly CharRange[], start: number, end: number): boolean {
  for (const r of ranges) if (start >= r.startIndex && end <= r.endIndex) return true;
  return false;
}

export function totalLength(ranges: readonly CharRange[]): number {
  let n = 0;
  for (const r of ranges) n += r.endIndex - r.startIndex;
  return n;
}

/**
 * Maps an offset of the text before `edits` to the text after them (edits apply in order, each
 * in the coordinates left by the previous one). Offsets inside a replaced range move to its
 * start (`bias` -1) or the end of the new text (`bias` 1); callers treat such items as changed.
 */
export function mapOffset(offset: number, edits: readonly OffsetEdit[], bias: -1 | 1): number {
  let p = offset;
  for (const e of edits) {
    if (p < e.startIndex) continue;
    if (p >= e.oldEndIndex) {
      p += e.newEndIndex - e.oldEndIndex;
    } else {
      p = bias < 0 ? e.startIndex : e.newEndIndex;
    }
  }
  return p;
}

/**
 * `[start, end)` of the text before `edits` in the text after them, when no edit wrote inside it
 * (its text is then unchanged); undefined otherwise. An edit that only touches an end from
 * outside (an insertion at `start` or at `end`) leaves it whole.
 */
export function mapUntouched(start: number, end: number, edits: readonly OffsetEdit[]): CharRange | undefined {
  let s = start;
  let e = end;
  for (const ed of edits) {
    if (ed.oldEndIndex <= s) {
      const delta = ed.newEndIndex - ed.oldEndIndex;
      s += delta;
      e += delta;
    } else if (ed.startIndex < e) return undefined;
  }
  return { startIndex: s, endIndex: e };
}

/** The ranges of the new text each edit wrote, in final coordinates. */
export function editedRanges(edits: readonly OffsetEdit[]): CharRange[] {
  const out: CharRange[] = [];
  edits.forEach((e, i) => {
    const later = edits.slice(i + 1);
    out.push({ startIndex: mapOffset(e.startIndex, later, -1), endIndex: mapOffset(e.newEndIndex, later, 1) });
  });
  return out;
}

/**
 * Widens ranges to whole top-level nodes: every child of the root that shares a point with a
 * range joins it. Rule patterns that are rooted below the root match inside one top-level node,
 * so re-querying whole top-level nodes finds every match that an edit can have changed.
 */
export function expandToTopLevel(root: Node, ranges: readonly CharRange[]): CharRange[] {
  const out: CharRange[] = [];
  for (const r of ranges) {
    let lo = r.startIndex;
    let hi = r.endIndex;
    // `firstChildForIndex(i)` is the first child ending after i: the first one touching the
    // range starts it, the first one ending after its end (if it starts inside) ends it.
    const first = root.firstChildForIndex(Math.max(0, r.startIndex - 1));
    if (first && first.startIndex <= r.endIndex) {
      lo = Math.min(lo, first.startIndex);
      hi = Math.max(hi, first.endIndex);
      const last = root.firstChildForIndex(r.endIndex);
      if (last && last.startIndex <= r.endIndex) hi = Math.max(hi, last.endIndex);
    }
    out.push({ startIndex: lo, endIndex: hi });
  }
  return mergeRanges(out);
}

/** Ranges whose syntax changed between an edited old tree and the new tree parsed from it. */
export function changedRanges(oldTree: Tree, newTree: Tree): CharRange[] {
  return oldTree.getChangedRanges(newTree).map((r) => ({ startIndex: r.startIndex, endIndex: r.endIndex }));
}

/** Offset → 0-based line and UTF-16 column (tree-sitter counts only `\n` as a line break). */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      const text = this.text;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    return this.starts;
  }

  position(offset: number): Position {
    const starts = this.lineStarts();
    let a = 0;
    let b = starts.length - 1;
    while (a < b) {
      const mid = (a + b + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) a = mid;
      else b = mid - 1;
    }
    return { line: a, character: offset - (starts[a] ?? 0) };
  }

  /** The text of a line without its `\n`, or '' past the end. */
  line(row: number): string {
    const starts = this.lineStarts();
    const start = starts[row];
    if (start === undefined) return '';
    const next = starts[row + 1];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1);
  }
}
