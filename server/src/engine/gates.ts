/**
 * Gates: necessary conditions for a rule pattern to match, derived from its predicates, so a
 * file (or a changed region) that cannot satisfy them is never queried for that pattern.
 *
 * - `#eq?`, `#any-of?`, `#match?` on a capture: the capture's text contains one of a few
 *   literal strings ("factors"), so the file text must contain one, and a match must contain
 *   one of its occurrences.
 * - `#resolves-to?`: the capture's head identifier is a local name bound by an import to a
 *   matching module, so one of those names must occur (inside the match).
 * - `#imports?`: a file-level fact.
 * Gates only ever skip work: a pattern runs whenever its gate can hold.
 */

// ---------------------------------------------------------------------------------------------
// Regular expression analysis (the subset rule authors use; anything else means "no gate").

type Atom =
  | { kind: 'char'; ch: string }
  /** A small character class (`[Ss]`): one of a few characters. */
  | { kind: 'choice'; chars: string[] }
  | { kind: 'other' }
  | { kind: 'assert'; caret?: boolean }
  | { kind: 'group'; alt: Alt; capturing: boolean };
interface Item {
  atom: Atom;
  min: number;
  max: number;
}
type Seq = Item[];
type Alt = Seq[];

class Unsupported extends Error {}

/** Reads a regular expression's source into alternatives of atoms (see parseRegex). */
class RegexReader {
  i = 0;

  constructor(private readonly source: string) {}

  alt(): Alt {
    const branches: Alt = [this.seq()];
    while (this.source[this.i] === '|') {
      this.i++;
      branches.push(this.seq());
    }
    return branches;
  }

  private seq(): Seq {
    const source = this.source;
    const items: Seq = [];
    while (this.i < source.length && source[this.i] !== '|' && source[this.i] !== ')') {
      const atom = this.atom();
      let min = 1;
      let max = 1;
      const q = source[this.i];
      if (q === '?' || q === '*' || q === '+') {
        min = q === '+' ? 1 : 0;
        max = q === '?' ? 1 : Infinity;
        this.i++;
      } else if (q === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(this.i));
        if (m) {
          min = Number(m[1]);
          max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
          this.i += m[0].length;
        }
      }
      if (max !== 1 || min !== 1) {
        if (source[this.i] === '?') this.i++; // lazy
        if (atom.kind === 'assert') throw new Unsupported();
      }
      items.push({ atom, min, max });
    }
    return items;
  }

  private atom(): Atom {
    const source = this.source;
    const c = source[this.i]!;
    if (c === '(') return this.group();
    if (c === '[') {
      const end = skipClass(source, this.i);
      const chars = classChars(source.slice(this.i + 1, end - 1));
      this.i = end;
      return chars ? { kind: 'choice', chars } : { kind: 'other' };
    }
    if (c === '.') {
      this.i++;
      return { kind: 'other' };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { kind: 'assert', caret: c === '^' };
    }
    if (c === '\\') return this.escape();
    if (c === '*' || c === '+' || c === '?' || c === '{' || c === '}' || c === ']') {
      if (c === '}' || c === ']' || c === '{') {
        this.i++;
        return { kind: 'char', ch: c };
      }
      throw new Unsupported();
    }
    this.i++;
    return { kind: 'char', ch: c };
  }

  /** `(...)`, `(?:...)`, `(?<name>...)`; lookarounds are zero-width and contribute nothing. */
  private group(): Atom {
    const source = this.source;
    this.i++;
    let capturing = true;
    if (source[this.i] === '?') {
      if (source[this.i + 1] === ':') {
        capturing = false;
        this.i += 2;
      } else if (source[this.i + 1] === '<' && /[A-Za-z]/.test(source[this.i + 2] ?? '')) {
        const close = source.indexOf('>', this.i);
        if (close === -1) throw new Unsupported();
        this.i = close + 1;
      } else {
        let depth = 1;
        while (this.i < source.length && depth > 0) {
          const d = source[this.i];
          if (d === '\\') this.i++;
          else if (d === '[') this.i = skipClass(source, this.i) - 1;
          else if (d === '(') depth++;
          else if (d === ')') depth--;
          this.i++;
        }
        return { kind: 'assert' };
      }
    }
    const inner = this.alt();
    if (source[this.i] !== ')') throw new Unsupported();
    this.i++;
    return { kind: 'group', alt: inner, capturing };
  }

  private escape(): Atom {
    const e = this.source[this.i + 1];
    this.i += 2;
    if (e === undefined) throw new Unsupported();
    if (e === 'b' || e === 'B') return { kind: 'assert' };
    if ('dDwWsS'.includes(e)) return { kind: 'other' };
    if (e === 'n') return { kind: 'char', ch: '\n' };
    if (e === 't') return { kind: 'char', ch: '\t' };
    if (e === 'r') return { kind: 'char', ch: '\r' };
    if (e === 'f') return { kind: 'char', ch: '\f' };
    if (e === 'v') return { kind: 'char', ch: '\v' };
    if (/[A-Za-z0-9]/.test(e)) throw new Unsupported(); // \x, \u, \p, \k, backreferences...
    return { kind: 'char', ch: e };
  }
}

function parseRegex(source: string): Alt {
  const reader = new RegexReader(source);
  const result = reader.alt();
  if (reader.i !== source.length) throw new Unsupported();
  return result;
}

function skipClass(source: string, i: number): number {
  let j = i + 1;
  if (source[j] === '^') j++;
  // In JavaScript `[]` is an empty class: `]` right after `[` closes it.
  while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
  if (j >= source.length) throw new Unsupported();
  return j + 1;
}

/** The characters of a small, plain class body (`Ss`, `a-c`), or undefined. */
function classChars(body: string): string[] | undefined {
  if (body.startsWith('^') || body.length === 0) return undefined;
  const out: string[] = [];
  for (let k = 0; k < body.length; k++) {
    let c = body[k]!;
    if (c === '\\') {
      const e = body[k + 1];
      if (e === undefined || /[A-Za-z0-9]/.test(e)) return undefined;
      c = e;
      k++;
    } else if (body[k + 1] === '-' && k + 2 < body.length) {
      const from = c.charCodeAt(0);
      const to = body.charCodeAt(k + 2);
      if (body[k + 2] === '\\' || to < from || to - from > 4) return undefined;
      for (let x = from; x <= to; x++) out.push(String.fromCharCode(x));
      k += 2;
      continue;
    }
    out.push(c);
  }
  const unique = [...new Set(out)];
  return unique.length <= 4 ? unique : undefined;
}

const MAX_FACTORS = 64;
/** Expanding classes multiplies strings; stop at this many per run. */
const MAX_RUN_STRINGS = 16;

function better(a: string[], b: string[] | undefined): boolean {
  if (!b) return true;
  const minA = Math.min(...a.map((s) => s.length));
  const minB = Math.min(...b.map((s) => s.length));
  return minA > minB || (minA === minB && a.length < b.length);
}

function altFactors(alt: Alt): string[] | undefined {
  const out = new Set<string>();
  for (const branch of alt) {
    const f = seqFactors(branch);
    if (!f) return undefined;
    for (const s of f) out.add(s);
  }
  return out.size > MAX_FACTORS ? undefined : [...out];
}

function seqFactors(seq: Seq): string[] | undefined {
  let best: string[] | undefined;
  // The current literal run, as the set of strings it can be (classes multiply it).
  let run: string[] = [''];
  const flush = () => {
    if (run[0] !== '' && better(run, best)) best = run;
    run = [''];
  };
  const extend = (chars: string[]) => {
    if (run.length * chars.length > MAX_RUN_STRINGS) {
      flush();
      if (chars.length > MAX_RUN_STRINGS) return;
    }
    run = run.flatMap((r) => chars.map((c) => r + c));
  };
  for (const it of seq) {
    const a = it.atom;
    if (a.kind === 'assert') continue;
    if (it.min === 0) {
      flush();
      continue;
    }
    if (a.kind === 'char' || a.kind === 'choice') {
      extend(a.kind === 'char' ? [a.ch] : a.chars);
      if (it.max !== 1) flush();
      continue;
    }
    flush();
    if (a.kind === 'group') {
      const f = altFactors(a.alt);
      if (f && f.length > 0 && f.every((s) => s.length > 0) && better(f, best)) best = f;
    }
  }
  flush();
  return best;
}

/**
 * Strings at least one of which occurs in every string `source` matches (case-sensitive, no
 * flags), or undefined when the expression is too complex to tell.
 */
export function regexFactors(source: string): string[] | undefined {
  try {
    return altFactors(parseRegex(source));
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

const MAX_PREFIXES = 128;

/** Literal prefixes of a sequence (after its leading `^` unless `anchored`); undefined if none. */
function seqPrefixes(seq: Seq, anchored: boolean): string[] | undefined {
  let k = 0;
  if (!anchored) {
    const first = seq[0];
    if (!first || first.atom.kind !== 'assert' || !first.atom.caret) return undefined;
    k = 1;
  }
  let prefixes = [''];
  for (; k < seq.length; k++) {
    const it = seq[k]!;
    if (it.min !== 1 || it.max !== 1) break;
    const a = it.atom;
    if (a.kind === 'char') {
      prefixes = prefixes.map((p) => p + a.ch);
      continue;
    }
    if (a.kind === 'group') {
      const inner = altPrefixes(a.alt, true);
      if (inner && prefixes.length * inner.length <= MAX_PREFIXES) prefixes = prefixes.flatMap((p) => inner.map((q) => p + q));
    }
    // A group's prefixes may be partial, and anything else ends the literal part.
    break;
  }
  return prefixes;
}

function altPrefixes(alt: Alt, anchored: boolean): string[] | undefined {
  const out: string[] = [];
  for (const branch of alt) {
    const p = seqPrefixes(branch, anchored);
    if (!p) return undefined;
    out.push(...p);
  }
  return out;
}

/**
 * For a regex whose every top-level branch starts with `^`: literal prefixes one of which every
 * match starts with (possibly just ""). Undefined otherwise.
 */
export function regexPrefixes(source: string): string[] | undefined {
  try {
    const p = altPrefixes(parseRegex(source), false);
    return p && p.length <= MAX_PREFIXES ? p : undefined;
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Aho–Corasick over the rule factors: one pass over the text finds every occurrence.

export class FactorIndex {
  readonly factors: readonly string[];
  private readonly classOf: Uint8Array;
  private readonly classes: number;
  /** Transitions, premultiplied: `delta[state + class]` is the next state times `classes`. */
  private readonly delta: Int32Array;
  /** Factor ids ending at each state (through failure links), by premultiplied state. */
  private readonly outputs: (number[] | undefined)[];
  private readonly hasOutput: Uint8Array;

  constructor(factors: readonly string[]) {
    this.factors = factors;
    // Character classes: one per distinct code unit in the factors, 0 for all others.
    const classOf = new Uint8Array(65536);
    let classes = 1;
    for (const f of factors) {
      for (let k = 0; k < f.length; k++) {
        const code = f.charCodeAt(k);
        if (classOf[code] === 0) {
          if (classes >= 255) throw new Error('too many distinct characters in rule factors');
          classOf[code] = classes++;
        }
      }
    }
    this.classOf = classOf;
    this.classes = classes;
    // Trie.
    const goto: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    factors.forEach((f, id) => {
      let s = 0;
      for (let k = 0; k < f.length; k++) {
        const c = classOf[f.charCodeAt(k)]!;
        let next = goto[s]!.get(c);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[s]!.set(c, next);
        }
        s = next;
      }
      out[s]!.push(id);
    });
    // Failure links, breadth first, folded into a full transition table with premultiplied
    // targets: a state's row starts as a copy of its failure state's (complete, as that state is
    // shallower) and then takes its own trie edges, so building costs a copy per state rather than
    // a lookup per state and class.
    const n = goto.length;
    const delta = new Int32Array(n * classes);
    const failRow = new Int32Array(n);
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!;
      const row = s * classes;
      if (s !== 0) {
        const f = failRow[s]!;
        delta.copyWithin(row, f, f + classes);
        const inherited = out[f / classes]!;
        if (inherited.length > 0) out[s] = [...out[s]!, ...inherited];
      }
      for (const [c, t] of goto[s]!) {
        failRow[t] = s === 0 ? 0 : delta[failRow[s]! + c]!;
        delta[row + c] = t * classes;
        queue.push(t);
      }
    }
    this.delta = delta;
    this.outputs = new Array<number[] | undefined>(n * classes);
    this.hasOutput = new Uint8Array(n * classes);
    out.forEach((o, state) => {
      if (o.length === 0) return;
      this.outputs[state * classes] = o;
      this.hasOutput[state * classes] = 1;
    });
  }

  /** Start offsets of every factor occurrence inside `[from, to)`, by factor id. */
  scan(text: string, from: number, to: number, found: (number[] | undefined)[]): void {
    const { classOf, delta, hasOutput } = this;
    let s = 0;
    for (let i = from; i < to; i++) {
      s = delta[s + classOf[text.charCodeAt(i)]!]!;
      if (hasOutput[s] === 1) {
        for (const id of this.outputs[s]!) {
          const start = i + 1 - this.factors[id]!.length;
          (found[id] ??= []).push(start);
        }
      }
    }
  }
}

/**
 * Factor strings of all rule sets of one grammar, so one scan of a file finds the occurrences
 * for all of them. The index is built on first use, after the rule sets registered theirs.
 */
export class FactorRegistry {
  private readonly factors: string[] = [];
  private readonly ids = new Map<string, number>();
  private built: FactorIndex | undefined;

  id(factor: string): number {
    let id = this.ids.get(factor);
    if (id === undefined) {
      id = this.factors.length;
      this.factors.push(factor);
      this.ids.set(factor, id);
      this.built = undefined;
    }
    return id;
  }

  factor(id: number): string {
    return this.factors[id] ?? '';
  }

  get size(): number {
    return this.factors.length;
  }

  /** The length of the longest factor. */
  get longest(): number {
    let n = 0;
    for (const f of this.factors) if (f.length > n) n = f.length;
    return n;
  }

  get index(): FactorIndex | undefined {
    if (!this.built && this.factors.length > 0) this.built = new FactorIndex([...this.factors]);
    return this.built;
  }

  /**
   * Adds the start of every occurrence of every factor in `text[from, to)` to `found[id]`, in
   * ascending order. Short spans (a small file, an edit's ranges) are searched factor by factor
   * until the index exists: building the automaton costs more than a few kilobytes of search.
   */
  scan(text: string, from: number, to: number, found: (number[] | undefined)[]): void {
    if (!this.built && to - from <= SMALL_SCAN) {
      this.factors.forEach((f, id) => {
        if (f.length === 0) return;
        for (let p = text.indexOf(f, from); p !== -1 && p + f.length <= to; p = text.indexOf(f, p + 1)) (found[id] ??= []).push(p);
      });
      return;
    }
    this.index?.scan(text, from, to, found);
  }
}

/** Occurrences by factor id (`found[id]`: start offsets, ascending), as `FactorRegistry.scan` fills them. */
export type FactorHits = (number[] | undefined)[];

/** The offsets of an edit (tree-sitter's `Edit` has them). */
interface SpanEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
}

/**
 * `found`, the factor occurrences of a whole text, brought up to date after `edits` (applied in
 * order, each in the coordinates the previous left): occurrences away from every edit move with
 * the text, and only the edited spans, widened by the longest factor, are searched again. The
 * result equals a scan of all of `text`; an editor's keystroke no longer searches a 5,000-line
 * file for every rule word.
 */
export function updateFactorHits(registry: FactorRegistry, found: FactorHits, edits: readonly SpanEdit[], text: string): FactorHits {
  const reach = Math.max(0, registry.longest - 1);
  // Arrays are never written in place: an unchanged factor's array is shared with `found`.
  const hits: FactorHits = found.slice();
  let windows: { start: number; end: number }[] = [];
  for (const ed of edits) {
    const delta = ed.newEndIndex - ed.oldEndIndex;
    const lo = ed.startIndex - reach;
    const hi = ed.oldEndIndex + reach;
    for (let id = 0; id < hits.length; id++) {
      const a = hits[id];
      if (!a || a.length === 0) continue;
      const i = lowerBound(a, lo);
      const j = lowerBound(a, hi);
      if (i === j && (j === a.length || delta === 0)) continue;
      const out = a.slice(0, i);
      for (let k = j; k < a.length; k++) out.push(a[k]! + delta);
      hits[id] = out;
    }
    const moved = (x: number, end: boolean) => (x <= ed.startIndex ? x : x >= ed.oldEndIndex ? x + delta : end ? ed.newEndIndex : ed.startIndex);
    windows = windows.map((w) => ({ start: moved(w.start, false), end: moved(w.end, true) }));
    windows.push({ start: Math.max(0, lo), end: ed.newEndIndex + reach });
  }
  windows.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else merged.push({ ...w });
  }
  for (const w of merged) {
    const start = Math.max(0, w.start);
    const end = Math.min(text.length, w.end);
    if (start >= end) continue;
    const fresh: FactorHits = [];
    registry.scan(text, start, Math.min(text.length, end + reach), fresh);
    const ids = Math.max(hits.length, fresh.length);
    for (let id = 0; id < ids; id++) {
      const a = hits[id] ?? [];
      const i = lowerBound(a, start);
      const j = lowerBound(a, end);
      const f = fresh[id];
      let n = 0;
      while (f && n < f.length && f[n]! < end) n++;
      if (i === j && n === 0) continue;
      const out = a.slice(0, i);
      for (let k = 0; k < n; k++) out.push(f![k]!);
      for (let k = j; k < a.length; k++) out.push(a[k]!);
      hits[id] = out;
    }
  }
  return hits;
}

/** Occurrences of `hits` (a whole-text scan) that lie inside one of `ranges` (a factor of `length` characters), ascending. */
export function hitsInside(hits: readonly number[], length: number, ranges: readonly { startIndex: number; endIndex: number }[], textLength: number): number[] {
  const out: number[] = [];
  for (const r of ranges) {
    const last = Math.min(r.endIndex, textLength) - length;
    for (let k = lowerBound(hits, r.startIndex); k < hits.length && hits[k]! <= last; k++) out.push(hits[k]!);
  }
  if (ranges.length > 1) {
    out.sort((a, b) => a - b);
    return out.filter((p, k) => k === 0 || p !== out[k - 1]);
  }
  return out;
}

/** The first index of the ascending `a` whose value is at least `x`. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Spans up to this many characters are searched without building the factor index. */
const SMALL_SCAN = 4096;
