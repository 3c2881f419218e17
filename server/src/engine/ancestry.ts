import { Query, type Language, type Node } from 'web-tree-sitter';

/**
 * Ancestor chains without `node.parent`. In tree-sitter 0.25 a node does not store its parent:
 * `parent` walks down from the root (O(depth)), so climbing to the root is O(depth²) per node.
 * On a 5,000-term `+` chain or thousands of nested lambdas, climbing once per trigger took
 * minutes. These walk down instead, once for all nodes of interest.
 */

/** The nodes from the root down to `node` (root first, `node` last), climbing by `parent`. */
export function pathByParents(node: Node): Node[] {
  const path: Node[] = [];
  for (let n: Node | null = node; n; n = n.parent) path.push(n);
  return path.reverse();
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Calls `visit(target, path)` for each target node with its path from the root (root first, the
 * target last; the array is reused, copy it to keep it). One cursor walk that descends only into
 * nodes whose range can hold a target, so each node on the way is visited once for all targets.
 * Targets not found in `root`'s tree (none in practice) are not visited.
 */
export function forEachPath(
  root: Node,
  targets: readonly Node[],
  visit: (target: Node, path: readonly Node[]) => void,
  /** Called for each node entered (the last of `path`), before `visit` if it is a target. */
  onEnter?: (path: readonly Node[]) => void,
): void {
  if (targets.length === 0) return;
  const byId = new Map<number, Node>();
  for (const t of targets) byId.set(t.id, t);
  const starts = [...byId.values()].map((t) => t.startIndex).sort((a, b) => a - b);
  let remaining = byId.size;
  const cursor = root.walk();
  const path: Node[] = [];
  // Whether the cursor's node can contain a target (one starts inside it or at its end).
  const wanted = () => {
    const i = lowerBound(starts, cursor.startIndex);
    return i < starts.length && starts[i]! <= cursor.endIndex;
  };
  const seekWanted = () => {
    while (!wanted()) if (!cursor.gotoNextSibling()) return false;
    return true;
  };
  const enter = () => {
    const node = cursor.currentNode;
    path.push(node);
    onEnter?.(path);
    const target = byId.get(node.id);
    if (target) {
      byId.delete(node.id);
      remaining--;
      visit(target, path);
    }
  };
  try {
    let depth = 0;
    enter();
    outer: while (remaining > 0) {
      if (cursor.gotoFirstChild()) {
        depth++;
        if (seekWanted()) {
          enter();
          continue;
        }
        cursor.gotoParent();
        depth--;
      }
      // The node at the top of `path` is done: on to the next wanted sibling, or up.
      for (;;) {
        if (depth === 0) break outer;
        path.pop();
        if (cursor.gotoNextSibling() && seekWanted()) {
          enter();
          continue outer;
        }
        cursor.gotoParent();
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether `node`, with the same range as `candidate`, lies inside it (a chain of same-range children). */
function sameRangeDescendant(candidate: Node, node: Node): boolean {
  const cursor = candidate.walk();
  try {
    for (;;) {
      if (cursor.nodeId === node.id) return true;
      if (!cursor.gotoFirstChild()) return false;
      while (cursor.startIndex !== node.startIndex || cursor.endIndex !== node.endIndex) if (!cursor.gotoNextSibling()) return false;
    }
  } finally {
    cursor.delete();
  }
}

/** A character range with the rows it spans (query ranges are given in rows). */
export interface RowRange {
  startIndex: number;
  endIndex: number;
  startRow: number;
  endRow: number;
}

const indexQueries = new Map<Language, Map<string, Query | null>>();

/** One query capturing every node of these types (those the grammar has), compiled once. */
function queryFor(language: Language, types: readonly string[]): Query | null {
  let perLanguage = indexQueries.get(language);
  if (!perLanguage) indexQueries.set(language, (perLanguage = new Map()));
  const key = types.join(',');
  if (!perLanguage.has(key)) {
    const known = types.filter((t) => language.idForNodeType(t, true) !== null);
    perLanguage.set(key, known.length > 0 ? new Query(language, `[${known.map((t) => `(${t})`).join(' ')}] @n`) : null);
  }
  return perLanguage.get(key)!;
}

/** Named node types of a language that satisfy `keep`. */
export function namedTypes(language: Language, keep: (type: string) => boolean): string[] {
  const out = new Set<string>();
  for (let id = 0; id < language.nodeTypeCount; id++) {
    const type = language.nodeTypeForId(id);
    if (type && language.nodeTypeIsNamed(id) && keep(type)) out.add(type);
  }
  return [...out].sort();
}

/**
 * The nodes of some types (functions, statements, classes) in one tree, by range, to find a
 * node's nearest enclosing one without climbing `parent`: one query (run in tree-sitter's C code)
 * per analysis, then a binary search and a walk up the found nodes' own nesting.
 */
export class EnclosingIndex {
  private readonly nodes: Node[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Index of each node's nearest enclosing indexed node, -1 at the top. */
  private readonly parents: number[] = [];
  /** Memo of the unit names of indexed scopes (valueFacts `unitName`), by position and kind. */
  readonly names = new Map<number, string>();

  /**
   * `part`: index only the nodes meeting these ranges (rows widened to whole lines), as an
   * incremental analysis re-queries a few statements of a large file. Every ancestor of a node
   * that meets them meets them too, so `innermost` stays exact for such nodes (`covers`).
   */
  constructor(
    root: Node,
    types: readonly string[],
    private readonly part?: readonly RowRange[],
  ) {
    const query = queryFor(root.tree.language, types);
    let found: Node[] = [];
    if (query && !part) found = query.captures(root).map((c) => c.node);
    else if (query && part) {
      const seen = new Set<number>();
      for (const r of part) {
        const captures = query.captures(root, { startPosition: { row: r.startRow, column: 0 }, endPosition: { row: r.endRow + 1, column: 0 } });
        for (const c of captures) {
          if (seen.has(c.node.id)) continue;
          seen.add(c.node.id);
          found.push(c.node);
        }
      }
    }
    // Outer before inner at the same start; captures come in document (pre-)order otherwise.
    const order = found.map((n, i) => ({ n, i }));
    order.sort((a, b) => a.n.startIndex - b.n.startIndex || b.n.endIndex - a.n.endIndex || a.i - b.i);
    const stack: number[] = [];
    for (const { n } of order) {
      const k = this.nodes.length;
      while (stack.length > 0 && this.ends[stack[stack.length - 1]!]! < n.endIndex) stack.pop();
      this.nodes.push(n);
      this.starts.push(n.startIndex);
      this.ends.push(n.endIndex);
      this.parents.push(stack.length > 0 ? stack[stack.length - 1]! : -1);
      stack.push(k);
    }
  }

  /** Whether `innermost` answers for `node`: always for a whole-tree index; else when it meets a range. */
  covers(node: Node): boolean {
    if (!this.part) return true;
    const start = node.startIndex;
    const end = node.endIndex;
    return this.part.some((r) => (start < r.endIndex && end > r.startIndex) || (start >= r.startIndex && end <= r.endIndex));
  }

  /** Position (for `at` / `up`) of the nearest indexed strict ancestor of `node`, or -1. */
  innermost(node: Node): number {
    for (let i = upperBound(this.starts, node.startIndex) - 1; i >= 0; i = this.parents[i]!) {
      if (this.ends[i]! < node.endIndex) continue;
      const candidate = this.nodes[i]!;
      if (candidate.id === node.id) continue;
      if (this.starts[i] === node.startIndex && this.ends[i] === node.endIndex && !sameRangeDescendant(candidate, node)) continue;
      return i;
    }
    return -1;
  }

  at(i: number): Node {
    return this.nodes[i]!;
  }

  /** The nearest indexed node enclosing the one at `i`, or -1. */
  up(i: number): number {
    return this.parents[i]!;
  }
}
