import * as fs from 'fs';
import * as path from 'path';
import { Query, type Language, type Node, type QueryMatch, type QueryPredicate } from 'web-tree-sitter';
import { CATEGORY_IDS, isCategoryId, type CategoryId } from './categories';
import { resolveName, type ImportTable, type ResolvedName } from './imports';
import type { QueryFamily } from './languages';
import { looksLikeSql, looksLikeTransactionSql, stringContent } from './sqlText';

/** Thrown when a rule file does not compile; names the file so rule authors can find it. */
export class RuleFileError extends Error {}

export interface RawTrigger {
  rule: string;
  category: CategoryId;
  node: Node;
}

/** A finding match: its node, the pattern's `#set!` properties and every capture (for fixes). */
export interface RawFinding {
  rule: string;
  category: CategoryId;
  node: Node;
  props: Readonly<Record<string, string>>;
  captures: ReadonlyMap<string, Node>;
}

type TextPredicate = (captures: QueryMatch['captures']) => boolean;

interface PatternInfo {
  category: CategoryId;
  rule: string;
  props: Record<string, string>;
  /** Our own predicates (resolves-to?, sql?, …), compiled. */
  predicates: OwnPredicate[];
  /** web-tree-sitter's compiled built-ins (eq?, match?, any-of?, …) for this pattern. */
  builtins: TextPredicate[];
}

/** Patterns with the same structure share one compiled pattern (one match, many rules). */
interface PatternGroup {
  structure: string;
  members: PatternInfo[];
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
      i++;
      while (i < source.length && source[i] !== '"') i += source[i] === '\\' ? 2 : 1;
      i++;
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
      let j = i + 1;
      while (j < pattern.length && pattern[j] !== '"') j += pattern[j] === '\\' ? 2 : 1;
      out += pattern.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '(' && /^\(\s*#/.test(pattern.slice(i, i + 40))) {
      let depth = 0;
      let j = i;
      for (; j < pattern.length; j++) {
        const c = pattern[j];
        if (c === '"') {
          j++;
          while (j < pattern.length && pattern[j] !== '"') j += pattern[j] === '\\' ? 2 : 1;
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

/** Character offsets to restrict a query run to (incremental re-analysis). */
export interface QueryRange {
  startIndex: number;
  endIndex: number;
}

export interface MatchContext {
  family: QueryFamily;
  imports: ImportTable;
  /** Resolved names by node id, for this analysis only (many patterns resolve the same call). */
  names: Map<number, ResolvedName | undefined>;
}

function resolvedName(n: Node, ctx: MatchContext): ResolvedName | undefined {
  if (ctx.names.has(n.id)) return ctx.names.get(n.id);
  const r = resolveName(n, ctx.family, ctx.imports);
  ctx.names.set(n.id, r);
  return r;
}

const regexCache = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let re = regexCache.get(source);
  if (!re) {
    re = new RegExp(source);
    regexCache.set(source, re);
  }
  return re;
}

function captureNodes(match: QueryMatch, name: string): Node[] {
  const out: Node[] = [];
  for (const c of match.captures) if (c.name === name) out.push(c.node);
  return out;
}

/** A predicate compiled once per pattern: our own predicates, as closures (no per-match parsing). */
type OwnPredicate = (captures: QueryMatch['captures'], ctx: MatchContext) => boolean;

/** Every captured node named `name` satisfies `test`, and there is at least one. */
function allOf(captures: QueryMatch['captures'], name: string, test: (n: Node) => boolean): boolean {
  let seen = false;
  for (const c of captures) {
    if (c.name !== name) continue;
    seen = true;
    if (!test(c.node)) return false;
  }
  return seen;
}

function compileOwnPredicate(p: QueryPredicate): OwnPredicate {
  const capture = p.operands.find((o) => o.type === 'capture')?.name ?? '';
  const pattern = p.operands.find((o) => o.type === 'string')?.value ?? '';
  const re = new RegExp(pattern);
  switch (p.operator) {
    case 'resolves-to?':
      return (caps, ctx) => allOf(caps, capture, (n) => {
        const r = resolvedName(n, ctx);
        return r !== undefined && r.imported && re.test(r.name);
      });
    case 'not-resolves-to?':
      return (caps, ctx) => !allOf(caps, capture, (n) => {
        const r = resolvedName(n, ctx);
        return r !== undefined && r.imported && re.test(r.name);
      });
    case 'name-matches?':
      return (caps, ctx) => allOf(caps, capture, (n) => {
        const r = resolvedName(n, ctx);
        return r !== undefined && re.test(r.name);
      });
    case 'not-name-matches?':
      return (caps, ctx) => !allOf(caps, capture, (n) => {
        const r = resolvedName(n, ctx);
        return r !== undefined && re.test(r.name);
      });
    case 'imports?':
      return (_caps, ctx) => ctx.imports.importsMatching(re);
    case 'not-imports?':
      return (_caps, ctx) => !ctx.imports.importsMatching(re);
    case 'sql?':
      return (caps) => allOf(caps, capture, (n) => looksLikeSql(stringContent(n.text)));
    case 'transaction-sql?':
      return (caps) => allOf(caps, capture, (n) => looksLikeTransactionSql(stringContent(n.text)));
    case 'not-docstring?':
      return (caps) => !allOf(caps, capture, (n) => n.parent?.type === 'expression_statement' && n.parent.namedChildCount === 1);
    default:
      throw new Error(`unknown predicate #${p.operator}`);
  }
}

const OWN_PREDICATES = new Set([
  'resolves-to?', 'not-resolves-to?', 'name-matches?', 'not-name-matches?', 'imports?', 'not-imports?',
  'sql?', 'transaction-sql?', 'not-docstring?',
]);

export interface RuleSource {
  /** The category of every pattern; findings files name it per pattern with `#set! category`. */
  category?: CategoryId;
  file: string;
  text: string;
}

/** Reads `<queriesDir>/<family>/findings/*.scm` (specific findings, see the README there). */
export function readFindingSources(queriesDir: string, family: QueryFamily): RuleSource[] {
  const dir = path.join(queriesDir, family, 'findings');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.scm'))
    .sort()
    .map((n) => ({ file: path.join(dir, n), text: fs.readFileSync(path.join(dir, n), 'utf8') }));
}

/** Reads `<queriesDir>/<family>/<category>.scm`; a category without a file has no rules there. */
export function readRuleSources(queriesDir: string, family: QueryFamily): RuleSource[] {
  const dir = path.join(queriesDir, family);
  const sources: RuleSource[] = [];
  for (const category of CATEGORY_IDS) {
    const file = path.join(dir, `${category}.scm`);
    if (fs.existsSync(file)) sources.push({ category, file, text: fs.readFileSync(file, 'utf8') });
  }
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const base = name.replace(/\.scm$/, '');
    if (name.endsWith('.scm') && !isCategoryId(base)) {
      throw new RuleFileError(`${path.join(dir, name)}: file name is not a category id (${CATEGORY_IDS.join(', ')})`);
    }
  }
  return sources;
}

const FINDING_PROPS = ['rule', 'category', 'severity', 'cwe', 'message'];

/** All rules of one grammar compiled into a single query (one tree walk per analysis). */
export class RuleSet {
  private readonly query: Query | undefined;
  private readonly groups: PatternGroup[] = [];
  private count = 0;

  /** `capture` is `trigger` for region rules and `finding` for findings. */
  constructor(language: Language, sources: RuleSource[], private readonly capture: 'trigger' | 'finding' = 'trigger') {
    for (const source of sources) {
      let q: Query;
      try {
        q = new Query(language, source.text);
      } catch (err) {
        throw new RuleFileError(`${source.file}: ${(err as Error).message}`);
      }
      const texts = splitPatterns(source.text);
      if (texts.length !== q.patternCount()) {
        const compiled = q.patternCount();
        q.delete();
        throw new RuleFileError(`${source.file}: could not split into patterns (${texts.length} found, ${compiled} compiled)`);
      }
      const builtins = (q as unknown as { textPredicates: TextPredicate[][] }).textPredicates;
      for (let i = 0; i < q.patternCount(); i++) {
        const props: Record<string, string> = {};
        for (const [k, v] of Object.entries(q.setProperties[i] ?? {})) if (typeof v === 'string') props[k] = v;
        const required = capture === 'finding' ? FINDING_PROPS : ['rule'];
        const missing = required.filter((k) => props[k] === undefined);
        const category = source.category ?? props.category;
        if (missing.length > 0 || !isCategoryId(category)) {
          q.delete();
          throw new RuleFileError(
            `${source.file}: pattern ${i + 1} needs (#set! ${missing.join(' / ') || 'category'} "...")${
              category !== undefined && !isCategoryId(category) ? ` (unknown category ${category})` : ''
            }`,
          );
        }
        const unknown = q.predicatesForPattern(i).find((p) => !OWN_PREDICATES.has(p.operator) && !p.operator.endsWith('!'));
        if (unknown) {
          q.delete();
          throw new RuleFileError(`${source.file}: pattern ${i + 1} uses unknown predicate #${unknown.operator}`);
        }
        // File-level predicates (#imports?) first: they are cheapest and settle most matches.
        const predicates = q
          .predicatesForPattern(i)
          .filter((p) => OWN_PREDICATES.has(p.operator))
          .sort((x, y) => Number(!x.operator.includes('imports?')) - Number(!y.operator.includes('imports?')))
          .map(compileOwnPredicate);
        const info: PatternInfo = { category, rule: props.rule ?? '', props, predicates, builtins: builtins[i] ?? [] };
        const structure = stripPredicates(texts[i] ?? '');
        const group = this.groups.find((g) => g.structure === structure);
        if (group) group.members.push(info);
        else this.groups.push({ structure, members: [info] });
        this.count++;
      }
      if (!q.captureNames.includes(capture) && q.patternCount() > 0) {
        q.delete();
        throw new RuleFileError(`${source.file}: no @${capture} capture`);
      }
      q.delete();
    }
    if (this.groups.length > 0) {
      this.query = new Query(language, this.groups.map((g) => g.structure).join('\n'));
      if (this.query.patternCount() !== this.groups.length) {
        throw new RuleFileError(`merged query has ${this.query.patternCount()} patterns, expected ${this.groups.length}`);
      }
    }
  }

  /** Rule patterns as written. */
  get patternCount(): number {
    return this.count;
  }

  /** Distinct pattern structures actually run (identical structures are matched once). */
  get compiledPatternCount(): number {
    return this.groups.length;
  }

  private accepted(root: Node, ctx: MatchContext, enabled: ReadonlySet<CategoryId> | undefined, range: QueryRange | undefined): [QueryMatch, PatternInfo][] {
    const out: [QueryMatch, PatternInfo][] = [];
    if (!this.query) return out;
    const matches = range ? this.query.matches(root, { startIndex: range.startIndex, endIndex: range.endIndex }) : this.query.matches(root);
    for (const match of matches) {
      const group = this.groups[match.patternIndex];
      if (!group) continue;
      const caps = match.captures;
      members: for (const info of group.members) {
        if (enabled && !enabled.has(info.category)) continue;
        for (const p of info.predicates) if (!p(caps, ctx)) continue members;
        for (const f of info.builtins) if (!f(caps)) continue members;
        out.push([match, info]);
      }
    }
    return out;
  }

  run(root: Node, ctx: MatchContext, enabled?: ReadonlySet<CategoryId>, range?: QueryRange): RawTrigger[] {
    const out: RawTrigger[] = [];
    const seen = new Set<string>();
    for (const [match, info] of this.accepted(root, ctx, enabled, range)) {
      for (const node of captureNodes(match, 'trigger')) {
        const key = `${info.category}:${node.startIndex}:${node.endIndex}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ rule: info.rule, category: info.category, node });
      }
    }
    return out;
  }

  /** Findings: one per match, with the pattern's properties and captures. */
  runFindings(root: Node, ctx: MatchContext, enabled?: ReadonlySet<CategoryId>, range?: QueryRange): RawFinding[] {
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    for (const [match, info] of this.accepted(root, ctx, enabled, range)) {
      const node = captureNodes(match, this.capture)[0];
      if (!node) continue;
      const key = `${info.rule}:${node.startIndex}:${node.endIndex}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const captures = new Map<string, Node>();
      for (const c of match.captures) if (!captures.has(c.name)) captures.set(c.name, c.node);
      out.push({ rule: info.rule, category: info.category, node, props: info.props, captures });
    }
    return out;
  }

  delete(): void {
    this.query?.delete();
  }
}
