import * as fs from 'fs';
import * as path from 'path';
import { Query, type Language, type Node, type QueryMatch, type QueryPredicate } from 'web-tree-sitter';
import { CATEGORY_IDS, isCategoryId, type CategoryId } from './categories';
import { resolveName, type ImportTable } from './imports';
import type { QueryFamily } from './languages';
import { looksLikeSql, looksLikeTransactionSql, stringContent } from './sqlText';

/** Thrown when a rule file does not compile; names the file so rule authors can find it. */
export class RuleFileError extends Error {}

export interface RawTrigger {
  rule: string;
  category: CategoryId;
  node: Node;
}

interface PatternInfo {
  category: CategoryId;
  rule: string;
  predicates: QueryPredicate[];
}

export interface MatchContext {
  family: QueryFamily;
  imports: ImportTable;
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
  return match.captures.filter((c) => c.name === name).map((c) => c.node);
}

/** Our own predicates, evaluated after tree-sitter's built-ins (`#eq?`, `#match?`, `#any-of?`). */
function predicateHolds(p: QueryPredicate, match: QueryMatch, ctx: MatchContext): boolean {
  const captures = p.operands.filter((o) => o.type === 'capture').map((o) => o.name);
  const strings = p.operands.filter((o) => o.type === 'string').map((o) => o.value);
  const nodes = captures.flatMap((c) => captureNodes(match, c));
  const pattern = strings[0] ?? '';
  switch (p.operator) {
    case 'resolves-to?':
    case 'not-resolves-to?': {
      const holds = nodes.length > 0 && nodes.every((n) => {
        const r = resolveName(n, ctx.family, ctx.imports);
        return r !== undefined && r.imported && regex(pattern).test(r.name);
      });
      return p.operator === 'resolves-to?' ? holds : !holds;
    }
    case 'name-matches?':
    case 'not-name-matches?': {
      const holds = nodes.length > 0 && nodes.every((n) => {
        const r = resolveName(n, ctx.family, ctx.imports);
        return r !== undefined && regex(pattern).test(r.name);
      });
      return p.operator === 'name-matches?' ? holds : !holds;
    }
    case 'imports?':
      return ctx.imports.importsMatching(regex(pattern));
    case 'not-imports?':
      return !ctx.imports.importsMatching(regex(pattern));
    case 'sql?':
      return nodes.length > 0 && nodes.every((n) => looksLikeSql(stringContent(n.text)));
    case 'transaction-sql?':
      return nodes.length > 0 && nodes.every((n) => looksLikeTransactionSql(stringContent(n.text)));
    case 'not-docstring?':
      return nodes.every((n) => !(n.parent?.type === 'expression_statement' && n.parent.namedChildCount === 1));
    default:
      return true; // built-ins are already applied by web-tree-sitter
  }
}

const OWN_PREDICATES = new Set([
  'resolves-to?', 'not-resolves-to?', 'name-matches?', 'not-name-matches?', 'imports?', 'not-imports?',
  'sql?', 'transaction-sql?', 'not-docstring?',
]);

export interface RuleSource {
  category: CategoryId;
  file: string;
  text: string;
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

/** All rules of one grammar compiled into a single query (one tree walk per analysis). */
export class RuleSet {
  private readonly query: Query;
  private readonly patterns: PatternInfo[] = [];

  constructor(language: Language, sources: RuleSource[]) {
    for (const source of sources) {
      let q: Query;
      try {
        q = new Query(language, source.text);
      } catch (err) {
        throw new RuleFileError(`${source.file}: ${(err as Error).message}`);
      }
      for (let i = 0; i < q.patternCount(); i++) {
        const rule = q.setProperties[i]?.rule;
        if (typeof rule !== 'string') {
          q.delete();
          throw new RuleFileError(`${source.file}: pattern ${i + 1} has no (#set! rule "...")`);
        }
        const predicates = q.predicatesForPattern(i).filter((p) => OWN_PREDICATES.has(p.operator));
        this.patterns.push({ category: source.category, rule, predicates });
      }
      if (!q.captureNames.includes('trigger') && q.patternCount() > 0) {
        q.delete();
        throw new RuleFileError(`${source.file}: no @trigger capture`);
      }
      q.delete();
    }
    this.query = new Query(language, sources.map((s) => s.text).join('\n'));
  }

  get patternCount(): number {
    return this.patterns.length;
  }

  run(root: Node, ctx: MatchContext, enabled?: ReadonlySet<CategoryId>): RawTrigger[] {
    const out: RawTrigger[] = [];
    const seen = new Set<string>();
    for (const match of this.query.matches(root)) {
      const info = this.patterns[match.patternIndex];
      if (!info) continue;
      if (enabled && !enabled.has(info.category)) continue;
      if (!info.predicates.every((p) => predicateHolds(p, match, ctx))) continue;
      for (const node of captureNodes(match, 'trigger')) {
        const key = `${info.category}:${node.startIndex}:${node.endIndex}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ rule: info.rule, category: info.category, node });
      }
    }
    return out;
  }

  delete(): void {
    this.query.delete();
  }
}
