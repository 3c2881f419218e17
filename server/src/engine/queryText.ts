/**
 * Reading tree-sitter query source without compiling it: splitting a file into top-level
 * patterns, separating a pattern's structure from its predicates, and what the structure says
 * about its captures and root. Predicate strings are unescaped exactly like tree-sitter does
 * (`\n`, `\r`, `\t`, `\0`, otherwise the escaped character itself).
 */

/** A predicate operand: a capture (`@name`) or a string (`"..."` or a bare word). */
export type Operand = { type: 'capture'; name: string } | { type: 'string'; value: string };

export interface ParsedPredicate {
  /** Without the `#`: `eq?`, `match?`, `resolves-to?`, `set!` ... */
  operator: string;
  operands: Operand[];
}

export interface CaptureInfo {
  /** Node types the capture can be attached to; undefined when any (wildcards). */
  types: Set<string> | undefined;
  /** Whether every match of the structure has this capture (not under `?`, `*` or `[...]`). */
  guaranteed: boolean;
}

export interface ParsedPattern {
  /** The pattern without predicates, whitespace normalized (identical structures merge). */
  structure: string;
  predicates: ParsedPredicate[];
  captures: Map<string, CaptureInfo>;
  /** Anonymous nodes (`"<-"`) every match contains. */
  tokens: Set<string>;
  /** Sets of anonymous nodes of which every match contains one (`operator: ["==" "!="]`). */
  oneOf: string[][];
  /** Node types the pattern's root can have; undefined for wildcards or several roots. */
  rootTypes: string[] | undefined;
}

const IDENT = /[\p{L}\p{N}_\-.?!]/u;

function skipString(source: string, i: number): number {
  let j = i + 1;
  while (j < source.length && source[j] !== '"') j += source[j] === '\\' ? 2 : 1;
  return j + 1;
}

/**
 * Splits query source into its top-level patterns (text), skipping comments and strings.
 * A top-level pattern is a bracketed group plus any trailing captures or quantifiers.
 */
export function splitPatterns(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let i = 0;
  const flush = (end: number) => {
    if (start !== -1) out.push(source.slice(start, end).trim());
    start = -1;
  };
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === ';') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (ch === '"') {
      i = skipString(source, i);
      continue;
    }
    if (ch === '(' || ch === '[') {
      if (depth === 0) {
        // A new top-level group starts a new pattern unless it continues the previous one.
        flush(i);
        start = i;
      }
      depth++;
    } else if (ch === ')' || ch === ']') {
      depth--;
    }
    i++;
  }
  flush(source.length);
  return out.filter((p) => p.length > 0);
}

/** Removes predicate groups `(#...)` from a pattern, leaving its structure. */
export function stripPredicates(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === ';') {
      while (i < pattern.length && pattern[i] !== '\n') i++;
      continue;
    }
    if (ch === '"') {
      const j = skipString(pattern, i);
      out += pattern.slice(i, j);
      i = j;
      continue;
    }
    if (ch === '(' && /^\(\s*#/.test(pattern.slice(i, i + 40))) {
      let depth = 0;
      let j = i;
      for (; j < pattern.length; j++) {
        const c = pattern[j];
        if (c === '"') {
          j = skipString(pattern, j) - 1;
          continue;
        }
        if (c === ';') {
          while (j < pattern.length && pattern[j] !== '\n') j++;
          continue;
        }
        if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      i = j + 1;
      continue;
    }
    out += ch;
    i++;
  }
  return out.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();
}

/** tree-sitter's string literal rules: returns the value and the index after the closing quote. */
export function readQueryString(source: string, i: number): { value: string; end: number } {
  let value = '';
  let j = i + 1;
  while (j < source.length) {
    const c = source[j]!;
    if (c === '\\') {
      const next = source[j + 1] ?? '';
      value += next === 'n' ? '\n' : next === 'r' ? '\r' : next === 't' ? '\t' : next === '0' ? '\0' : next;
      j += 2;
      continue;
    }
    if (c === '"') return { value, end: j + 1 };
    if (c === '\n') throw new Error('newline in a query string');
    value += c;
    j++;
  }
  throw new Error('unterminated query string');
}

/** The predicates of one pattern, in source order. */
export function parsePredicates(pattern: string): ParsedPredicate[] {
  const out: ParsedPredicate[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === ';') {
      while (i < pattern.length && pattern[i] !== '\n') i++;
      continue;
    }
    if (ch === '"') {
      i = skipString(pattern, i);
      continue;
    }
    const head = ch === '(' ? /^\(\s*#/.exec(pattern.slice(i, i + 40)) : null;
    if (!head) {
      i++;
      continue;
    }
    i += head[0].length;
    let operator = '';
    while (i < pattern.length && IDENT.test(pattern[i]!)) operator += pattern[i++];
    const operands: Operand[] = [];
    for (;;) {
      while (i < pattern.length && /\s/.test(pattern[i]!)) i++;
      const c = pattern[i];
      if (c === undefined) throw new Error(`unterminated predicate #${operator}`);
      if (c === ')') {
        i++;
        break;
      }
      if (c === ';') {
        while (i < pattern.length && pattern[i] !== '\n') i++;
        continue;
      }
      if (c === '@') {
        i++;
        let name = '';
        while (i < pattern.length && IDENT.test(pattern[i]!)) name += pattern[i++];
        operands.push({ type: 'capture', name });
      } else if (c === '"') {
        const s = readQueryString(pattern, i);
        operands.push({ type: 'string', value: s.value });
        i = s.end;
      } else if (IDENT.test(c)) {
        let word = '';
        while (i < pattern.length && IDENT.test(pattern[i]!)) word += pattern[i++];
        operands.push({ type: 'string', value: word });
      } else {
        throw new Error(`unexpected "${c}" in predicate #${operator}`);
      }
    }
    out.push({ operator, operands });
  }
  return out;
}

/**
 * Walks a structure (no predicates) and reports its root types and captures. Conservative:
 * anything it does not understand makes types unknown and captures not guaranteed.
 */
interface ParsedItem {
  /** Possible root types of the item (undefined: any). */
  types: string[] | undefined;
  /** Captures present whenever the item matches. */
  present: Set<string>;
  /** Anonymous node literals present whenever the item matches. */
  tokens: Set<string>;
  /** Sets of literals of which one is present whenever the item matches (an alternation of tokens). */
  oneOf: string[][];
}

/** Reads a pattern's structure item by item (see analyzeStructure). */
class StructureReader {
  readonly captures = new Map<string, CaptureInfo>();
  i = 0;

  constructor(readonly structure: string) {}

  ws(): void {
    while (this.i < this.structure.length && /\s/.test(this.structure[this.i]!)) this.i++;
  }

  private note(name: string, types: string[] | undefined): void {
    const prev = this.captures.get(name);
    const t = types ? new Set(types) : undefined;
    if (!prev) {
      this.captures.set(name, { types: t, guaranteed: false });
      return;
    }
    if (prev.types && t) for (const x of t) prev.types.add(x);
    else prev.types = undefined;
  }

  /** Parses one item; null at a closing bracket. */
  item(): ParsedItem | null {
    this.ws();
    const structure = this.structure;
    const ch = structure[this.i];
    if (ch === undefined || ch === ')' || ch === ']') return null;
    let parsed: ParsedItem;
    if (ch === '"') {
      const s = readQueryString(structure, this.i);
      parsed = { types: [s.value], present: new Set(), tokens: new Set([s.value]), oneOf: [] };
      this.i = s.end;
    } else if (ch === '[') {
      parsed = this.alternation();
    } else if (ch === '(') {
      parsed = this.node();
    } else if (ch === '_') {
      this.i++;
      parsed = { types: undefined, present: new Set(), tokens: new Set(), oneOf: [] };
    } else if (ch === '.') {
      this.i++;
      return this.item();
    } else if (ch === '!') {
      // Negated field: `!name`.
      this.i++;
      while (this.i < structure.length && IDENT.test(structure[this.i]!)) this.i++;
      return this.item();
    } else {
      const m = /^[\p{L}\p{N}_-]+:\s*/u.exec(structure.slice(this.i));
      if (m) {
        this.i += m[0].length;
        return this.item();
      }
      this.i++;
      parsed = { types: undefined, present: new Set(), tokens: new Set(), oneOf: [] };
    }
    return this.suffixes(parsed);
  }

  /** `[a b c]`: a capture (token) is present if every branch has it. */
  private alternation(): ParsedItem {
    this.i++;
    let types: string[] | undefined = [];
    let present = new Set<string>();
    let tokens = new Set<string>();
    // One literal each branch requires: together, a set of which every match holds one.
    let picks: string[] | undefined = [];
    let first = true;
    for (;;) {
      const t = this.item();
      if (t === null) break;
      const pick = t.tokens.values().next().value ?? t.oneOf[0];
      if (pick === undefined) picks = undefined;
      else if (picks) picks.push(...(typeof pick === 'string' ? [pick] : pick));
      if (t.types === undefined) types = undefined;
      else if (types) types.push(...t.types);
      if (first) {
        present = new Set(t.present);
        tokens = new Set(t.tokens);
      } else {
        for (const c of present) if (!t.present.has(c)) present.delete(c);
        for (const c of tokens) if (!t.tokens.has(c)) tokens.delete(c);
      }
      first = false;
    }
    this.i++;
    const oneOf = tokens.size === 0 && picks && picks.length > 0 ? [[...new Set(picks)]] : [];
    return { types, present, tokens, oneOf };
  }

  /** `(type child...)`, or a grouping `((a) (b))`. */
  private node(): ParsedItem {
    const structure = this.structure;
    this.i++;
    this.ws();
    const next = structure[this.i];
    const children: ParsedItem[] = [];
    let types: string[] | undefined;
    if (next === '(' || next === '[' || next === '"' || next === '.') {
      for (let t = this.item(); t !== null; t = this.item()) children.push(t);
      types = children.length === 1 ? children[0]!.types : undefined;
    } else {
      let name = '';
      while (this.i < structure.length && (IDENT.test(structure[this.i]!) || structure[this.i] === '/')) name += structure[this.i++];
      types = name === '_' || name === '' ? undefined : [name.split('/')[0] ?? name];
      for (let t = this.item(); t !== null; t = this.item()) children.push(t);
    }
    const present = new Set<string>();
    const tokens = new Set<string>();
    const oneOf: string[][] = [];
    for (const c of children) {
      for (const x of c.present) present.add(x);
      for (const x of c.tokens) tokens.add(x);
      oneOf.push(...c.oneOf);
    }
    this.i++;
    return { types, present, tokens, oneOf };
  }

  /** Quantifiers and captures after an item. */
  private suffixes(parsed: ParsedItem): ParsedItem {
    const structure = this.structure;
    let optional = false;
    for (;;) {
      this.ws();
      const c = structure[this.i];
      if (c === '?' || c === '*') {
        optional = true;
        this.i++;
      } else if (c === '+') {
        this.i++;
      } else if (c === '@') {
        this.i++;
        let name = '';
        while (this.i < structure.length && IDENT.test(structure[this.i]!)) name += structure[this.i++];
        this.note(name, parsed.types);
        parsed.present.add(name);
      } else {
        break;
      }
    }
    return optional ? { types: parsed.types, present: new Set(), tokens: new Set(), oneOf: [] } : parsed;
  }
}

export function analyzeStructure(structure: string): { rootTypes: string[] | undefined; captures: Map<string, CaptureInfo>; tokens: Set<string>; oneOf: string[][] } {
  const reader = new StructureReader(structure);
  const root = reader.item();
  reader.ws();
  if (root) for (const name of root.present) {
    const c = reader.captures.get(name);
    if (c) c.guaranteed = true;
  }
  const rootTypes = root === null || reader.i < structure.length ? undefined : root.types;
  return { rootTypes, captures: reader.captures, tokens: root?.tokens ?? new Set(), oneOf: root?.oneOf ?? [] };
}

export function parsePattern(text: string): ParsedPattern {
  const structure = stripPredicates(text);
  const { rootTypes, captures, tokens, oneOf } = analyzeStructure(structure);
  return { structure, predicates: parsePredicates(text), captures, rootTypes, tokens, oneOf };
}

/** The end (exclusive) of the bracketed group starting at `i` (`(` or `[`), strings skipped. */
function groupEnd(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j]!;
    if (c === '"') {
      j = skipString(s, j) - 1;
      continue;
    }
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && --depth === 0) return j + 1;
  }
  return s.length;
}

/** The alternatives of `[a @x b c]` (each with its own captures), or the pattern itself. */
function alternativesOf(callee: string): string[] {
  if (!callee.startsWith('[')) return [callee];
  const out: string[] = [];
  for (let i = 1; i < callee.length - 1; ) {
    const c = callee[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    let end = c === '(' || c === '[' ? groupEnd(callee, i) : i + 1;
    if (c === '"') end = skipString(callee, i);
    else if (c !== '(' && c !== '[') while (end < callee.length - 1 && IDENT.test(callee[end]!)) end++;
    const caps = /^(\s*@[\p{L}\p{N}_\-.]+|\s*[?*+])*/u.exec(callee.slice(end, callee.length - 1))![0];
    out.push(callee.slice(i, end + caps.length).trim());
    i = end + caps.length;
  }
  return out;
}

/** Whether a callee pattern already matches an `await_expression` (a wildcard, or one of its alternatives). */
function matchesAwait(alternatives: string[]): boolean {
  return alternatives.some((a) => /^(_|\(\s*_\s*\)|\(\s*await_expression\b)/.test(a));
}

/**
 * ECMAScript: tree-sitter-typescript parses `await f<T>(x)` (a generic call awaited, `await
 * jwtVerify<Claims>(token, key)`, `await prisma.$queryRaw<Row[]>(q)`) as a call whose callee is
 * `await f`: `(call_expression function: (await_expression (identifier)) type_arguments: …)`. So
 * every `function: X` of a structure also accepts `(await_expression X)`, with the same captures
 * (nested callees too). Callees that match an await already (`(_)`, `(await_expression …)`) and
 * quantified ones stay as they are.
 */
export function acceptAwaitedCallees(structure: string): string {
  let out = '';
  let i = 0;
  const field = /(^|[\s(])function:\s*/y;
  while (i < structure.length) {
    const c = structure[i]!;
    if (c === '"') {
      const j = skipString(structure, i);
      out += structure.slice(i, j);
      i = j;
      continue;
    }
    field.lastIndex = i;
    const m = c === 'f' || /[\s(]/.test(c) ? field.exec(structure) : null;
    if (!m) {
      out += c;
      i++;
      continue;
    }
    const at = i + m[0].length;
    const open = structure[at];
    if (open !== '(' && open !== '[') {
      out += structure.slice(i, at);
      i = at;
      continue;
    }
    const end = groupEnd(structure, at);
    const caps = /^(\s*@[\p{L}\p{N}_\-.]+)*/u.exec(structure.slice(end))![0];
    const after = end + caps.length;
    const alternatives = alternativesOf(structure.slice(at, end));
    if (/^\s*[?*+]/.test(structure.slice(after)) || matchesAwait(alternatives) || alternatives.some((a) => /[?*+]$/.test(a))) {
      out += structure.slice(i, at);
      i = at;
      continue;
    }
    // Flat: tree-sitter drops alternatives of an alternation nested directly in another.
    const plain = alternatives.map((a) => acceptAwaitedCallees(a) + caps);
    out += `${structure.slice(i, at)}[${[...plain, ...plain.map((a) => `(await_expression ${a})`)].join(' ')}]`;
    i = after;
  }
  return out;
}
