import * as fs from 'fs';
import * as path from 'path';
import { Query, type Language, type Node, type QueryMatch } from 'web-tree-sitter';
import { uncounted, type Budget } from './budget';
import { CATEGORY_IDS, isCategoryId, type CategoryId } from './categories';
import { FactorRegistry, hitsInside, regexFactors, regexPrefixes } from './gates';
import { resolveName, type ImportTable, type ResolvedName } from './imports';
import { mergeRanges, type CharRange, type LineIndex } from './incremental';
import type { RowRange } from './ancestry';
import type { QueryFamily } from './languages';
import { acceptAwaitedCallees, parsePattern, splitPatterns, type CaptureInfo, type ParsedPredicate } from './queryText';
import { RuleAnalysisCache, type ConditionSpec, type PatternAnalysis } from './ruleCache';
import { looksLikeSql, looksLikeTransactionSql, SQL_STATEMENT_KEYWORDS, stringContent } from './sqlText';
import { detached } from './strings';
import { expandLibraryRefs, readLibrarySets, type LibrarySets } from './librarySets';
import { isAtomicBesideLock, isAtomicTyped, isNotCacheFill, isNotCliOutput, isNotCursorToken, isNotFreshAtomicTarget, isNotLoneStore, isNotLockGuarded, isNotTrivialReader, isSmallUnit } from './goAtomics';
import { isCodeBuiltSql, isGuardedBy, isGuardedOff, isHelperMatching, isStaleMarker } from './findingGuards';
import { blockMatches, isExecutedLater, isFireAndForget, isLookedUpBefore, textAfter, textBefore } from './goShapes';
import { isBrowserCode } from './browserCode';
import { comparisonOperands, concatSplicesRuntimeValue, interpolatesRuntimeValue, sprintfInterpolatesRuntimeValue, isClosurePrimitive, isFixedOrmQuery, isForwardedCredential, isReadOnlyTransaction, isRetryLoop, unitName, enclosingFunction, isIncidentalUse, isSecretComparison, isStrongSecretComparison, isMacComparison, isSecretUse, isVerifiedClaimComparison, type ValueContext } from './valueFacts';
import { functionText, isBehindMiddleware, isDummyData, isHashWrapper, isIdHash, isInBranch, isInsideCallbackOf, isNotRandomDisclaimed, isRandomId, isRandomSecret } from './randomUse';
import { isTrivialTransaction } from './trivialTx';

export { splitPatterns, stripPredicates } from './queryText';

/** Thrown when a rule file does not compile; names the file so rule authors can find it. */
export class RuleFileError extends Error {}

export interface RawTrigger {
  rule: string;
  category: CategoryId;
  node: Node;
  /** Position of the rule's pattern among all patterns (earlier patterns win ties). */
  ordinal: number;
  /** From a pattern that can span top-level nodes (re-run in full on every analysis). */
  global: boolean;
  /**
   * The pattern only mentions the category (a type, a field, a base class, a decorator), from
   * `(#set! evidence "mention")`: it joins a region but never makes one by itself.
   */
  mention: boolean;
  /**
   * From `(#set! evidence "summary")`: a mention that still tells what the function does for the
   * project's wrapper table (scanner.ts): bcrypt's GenerateFromPassword alone is not a password
   * check to review, but a small `hashPassword(pw)` helper doing it makes its callers (a user's
   * creation, a password change) auth sites.
   */
  summary?: boolean;
}

/** A finding match: its node, the pattern's `#set!` properties and every capture (for fixes). */
export interface RawFinding {
  rule: string;
  category: CategoryId;
  node: Node;
  props: Readonly<Record<string, string>>;
  captures: ReadonlyMap<string, Node>;
  ordinal: number;
  global: boolean;
}

/** Character offsets to restrict a query run to (incremental re-analysis). */
export type QueryRange = CharRange;

export interface MatchContext extends ValueContext {
  family: QueryFamily;
  imports: ImportTable;
  /** Resolved names by node id, for this analysis only (many patterns resolve the same call). */
  names: Map<number, ResolvedName | undefined>;
  /** The analyzed text and its line index (query ranges are given as rows and columns). */
  text: string;
  lines: LineIndex;
  /** Factor occurrences found so far in this analysis, per registry and searched ranges. */
  factorScans?: Map<FactorRegistry, Map<string, (number[] | undefined)[]>>;
  /** Whether the tree has syntax errors (set lazily). */
  hasErrors?: boolean;
  root?: Node;
  /** This analysis' time budget: query runs stop (and the analysis fails) when it is spent. */
  budget?: Budget;
}

type Capture = QueryMatch['captures'][number];
/** A predicate compiled once per pattern (no per-match parsing). */
type Check = (captures: Capture[], ctx: MatchContext) => boolean;

/**
 * A necessary condition for a pattern to match (see gates.ts):
 * - `imports`: the file imports a module matching `re`;
 * - `factors`: one of the factor strings (ids in the rule set's FactorIndex) occurs inside
 *   the match;
 * - `resolves`: a local name bound to a module compatible with `#resolves-to?` occurs inside
 *   the match (ECMAScript chains can also start at `require(...)` / `import(...)`);
 * - `pattern`: the global regex `re` has a match inside the match (SQL keywords right after a
 *   string's opening quote).
 */
type Condition =
  | { kind: 'imports'; re: RegExp }
  /** `cleanTree`: only valid in trees without errors (MISSING tokens have no text). */
  | { kind: 'factors'; ids: number[]; cleanTree?: boolean }
  | { kind: 'pattern'; re: RegExp }
  | { kind: 'resolves'; compatible: (qualified: string) => boolean; cache: Map<string, boolean>; requireWords: boolean };

interface PatternInfo {
  ordinal: number;
  category: CategoryId;
  rule: string;
  props: Record<string, string>;
  /** Every predicate, cheapest first. */
  checks: Check[];
  conditions: Condition[];
  /** Has a factors/resolves condition: matches can be looked for around occurrences only. */
  localizable: boolean;
  /** Node types a match's root can have; undefined when any (wildcards, several roots). */
  rootTypes: readonly string[] | undefined;
  /** A predicate reads code around the match (CONTEXT_PREDICATES). */
  readsContext: boolean;
}

/** Where a pattern's matches can be rooted, and whether its predicates read code around a match (incremental re-analysis). */
export interface PatternScope {
  rootTypes: readonly string[] | undefined;
  readsContext: boolean;
}

/** Picks patterns by their PatternScope (incremental re-analysis). */
export type RootFilter = (scope: PatternScope) => boolean;

/**
 * Predicates whose answer for a match can depend on code outside the match's root node and its
 * ancestors' own structure: the rest of the enclosing function (its assignments: valueFacts
 * `functionFacts`), the statement around the match (`statementOf`), or names of enclosing scopes
 * read from their subtrees. Incremental re-analysis re-queries such patterns over a whole edited
 * function, not only the edited statement.
 */
const CONTEXT_PREDICATES = new Set([
  'secret-compare?', 'strong-secret-compare?', 'mac-compare?', 'interpolates-runtime-value?', 'sprintf-runtime-value?', 'concat-runtime-value?', 'incidental-use?', 'not-incidental-use?',
  'secret-use?', 'not-secret-use?', 'unit-name-matches?', 'not-unit-name-matches?', 'parses-parameter?', 'not-fixed-orm-query?', 'not-forwarded-credential?', 'not-read-only-transaction?', 'not-closure-primitive?',
  // The function's allocations, its locks, its size (goAtomics.ts).
  'lone-read-tx?', 'lone-statement-tx?',
  'atomic-typed?', 'atomic-beside-lock?', 'small-unit?', 'not-trivial-reader?', 'not-cache-fill?', 'not-fresh-atomic-target?', 'not-lone-store?', 'not-lock-guarded?', 'not-cli-output?', 'not-cursor-token?', 'browser-code?', 'not-browser-code?',
  // What a go statement shares with its spawner, the function's code before or after a call (goShapes.ts).
  'fire-and-forget?', 'not-fire-and-forget?', 'text-before?', 'not-text-before?', 'text-after?', 'not-text-after?', 'executed-later?', 'block-matches?',
  // The `if` / case around a finding, or an early exit before it, tests an operator setting (findingGuards.ts).
  'guarded-by?', 'not-guarded-by?', 'guarded-off?', 'not-guarded-off?', 'helper-matches?', 'not-helper-matches?', 'code-built-sql?', 'not-code-built-sql?', 'stale-marker?', 'not-stale-marker?',
  // The enclosing function's text, the name a value is bound to, the object literals around it (randomUse.ts).
  'random-id?', 'not-random-id?', 'dummy-data?', 'not-dummy-data?',
  'inside-callback-of?', 'not-inside-callback-of?', 'behind-middleware?', 'mode-switch?', 'not-mode-switch?', 'hash-wrapper?', 'not-hash-wrapper?', 'id-hash?', 'not-id-hash?', 'random-secret?', 'not-random-secret?', 'not-random-disclaimed?',
  // One side of a comparison is bound from a JWT verification in the function (valueFacts.ts).
  'verified-claim-compare?', 'not-verified-claim-compare?',
  'field-read?', 'not-field-read?', 'looked-up-before?', 'not-looked-up-before?', 'trivial-transaction?', 'not-trivial-transaction?',
]);

/**
 * Where a pattern's matches can be: inside one top-level node (`local`), at the file's root
 * node (`root`: queried with maxStartDepth 0), or anywhere across top-level nodes.
 */
type Scope = 'local' | 'root' | 'anywhere';

/** Patterns with the same structure share one compiled pattern (one match, many rules). */
interface PatternGroup {
  structure: string;
  members: PatternInfo[];
  scope: Scope;
  /** The rule files its members come from (to name them when it does not compile). */
  sources: Set<RuleSource>;
  /** Its root types when one is a statement list (containerRoots), else null; set on first run. */
  listRoots?: ReadonlySet<string> | null;
}

/**
 * How a query is run: `scan` over the whole file (or the changed ranges), `spot` only around
 * occurrences of its patterns' factors and import names, `root`/`anywhere` over the whole file.
 */
type BucketKind = 'scan' | 'spot' | 'root' | 'anywhere';

/**
 * One compiled query. Spot patterns get one each (queried only around their own occurrences);
 * the other kinds share one per kind. Queries compile on first use: most patterns never apply
 * to a given code base (their imports or words never occur), and compiling is expensive.
 */
interface Bucket {
  kind: BucketKind;
  groups: PatternGroup[];
  query?: Query;
  /**
   * A spot bucket compiled together with others needing their first compile in the same run on
   * a small file (each query costs milliseconds whatever its size: tree-sitter analyses the
   * grammar for it): its group is pattern `first` of the shared `query`, which small files run,
   * skipping the other patterns' matches.
   */
  first?: number;
  /** Its group alone, compiled when a larger file needs it (there, the other patterns' matches would cost more than a compile). */
  solo?: Query;
}

/** Files up to this size may run and compile spot queries shared (see Bucket.first). */
const SHARED_QUERY_MAX_CHARS = 8_000;

/** Thrown by a local-only run when compiling showed a pattern can span top-level nodes. */
export class ScopeChanged extends Error {}

/** Root node types of the grammars' syntax trees. */
const FILE_ROOT_TYPES = new Set(['source_file', 'module', 'program']);

/** Member-access node types per family: captures of these types resolve as chains. */
const CHAIN_TYPES: Record<QueryFamily, ReadonlySet<string>> = {
  go: new Set(['selector_expression']),
  python: new Set(['attribute']),
  ecma: new Set(['member_expression', 'call_expression', 'await_expression']),
};

/** String literal node types per family: their text starts with (a prefix and) the quote. */
const STRING_TYPES: Record<QueryFamily, ReadonlySet<string>> = {
  go: new Set(['interpreted_string_literal', 'raw_string_literal']),
  python: new Set(['string']),
  ecma: new Set(['string', 'template_string']),
};

/**
 * looksLikeSql needs a statement keyword at the start of the trimmed content, and the content
 * starts after the opening quote: so the source has a quote, whitespace, maybe "(", the keyword.
 */
const SQL_START = new RegExp(`["'\`]\\s*(?:\\(\\s*)?(?:${SQL_STATEMENT_KEYWORDS.join('|')})(?!\\w)`, 'gi');
/**
 * Answers of the SQL tests by literal source text. An editor re-queries the edited part of a
 * document at each keystroke, and a module's table of SQL keywords (thousands of strings) was
 * read with both regular expressions every time.
 */
const SQL_LITERALS = new Map<string, boolean>();
const TRANSACTION_LITERALS = new Map<string, boolean>();
const MAX_LITERAL_ANSWERS = 20_000;

function literalIs(memo: Map<string, boolean>, literal: string, test: (content: string) => boolean): boolean {
  let answer = memo.get(literal);
  if (answer === undefined) {
    answer = test(stringContent(literal));
    if (memo.size >= MAX_LITERAL_ANSWERS) memo.clear();
    // A copy: the literal is a slice of the file's text, and a slice kept as a key keeps the whole
    // text alive (a scan's workers held every file with a string literal, 18 MB on SQLAlchemy).
    memo.set(detached(literal), answer);
  }
  return answer;
}

/** looksLikeTransactionSql: a keyword right after the quote, or FOR UPDATE / FOR SHARE anywhere. */
const TRANSACTION_SQL_HINT =
  /["'`]\s*(?:begin|start|commit|rollback|savepoint|release|set)(?!\w)|\bfor\s+(?:no\s+key\s+)?update\b|\bfor\s+share\b/gi;

/**
 * Words of the `resolves` gate that count only where they are called: `require('m').f(…)` and
 * `(await import('m')).f(…)` resolve through the call, while an `import … from 'm'` statement
 * (in every ES module) binds its names, which the gate already lists. Without this every
 * ECMAScript file with an import statement passed the gate of every resolves-to? pattern.
 */
const CALL_WORDS: ReadonlySet<string> = new Set(['require', 'import']);

/** Whether the code at `at` (after a word) goes on with a call's `(` (or a comment before it). */
function callsAt(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return text[i] === '(' || text[i] === '/';
}

/** The next occurrence of a gate word in [from, end) (a CALL_WORDS word only where called), or -1. */
function nextWordHit(text: string, word: string, from: number, end: number): number {
  const call = CALL_WORDS.has(word);
  for (let i = text.indexOf(word, from); i !== -1 && i + word.length <= end; i = text.indexOf(word, i + 1)) {
    if (!call || callsAt(text, i + word.length)) return i;
  }
  return -1;
}

/** Spots closer than this are queried as one range (a query call costs about as much). */
const SPOT_GAP = 96;

function resolvedName(n: Node, ctx: MatchContext): ResolvedName | undefined {
  if (ctx.names.has(n.id)) return ctx.names.get(n.id);
  const r = resolveName(n, ctx.family, ctx.imports);
  ctx.names.set(n.id, r);
  return r;
}

function captureNodes(match: QueryMatch, name: string): Node[] {
  const out: Node[] = [];
  for (const c of match.captures) if (c.name === name) out.push(c.node);
  return out;
}

/** Every captured node named `name` satisfies `test`, and there is at least one. */
function allOf(captures: Capture[], name: string, test: (n: Node) => boolean): boolean {
  let seen = false;
  for (const c of captures) {
    if (c.name !== name) continue;
    seen = true;
    if (!test(c.node)) return false;
  }
  return seen;
}

function textOf(n: Node, ctx: MatchContext): string {
  return ctx.text.slice(n.startIndex, n.endIndex);
}

/** Whether the node's text is `value`, without asking the tree for its end unless it may be. */
function textIs(n: Node, value: string, ctx: MatchContext): boolean {
  const start = n.startIndex;
  return ctx.text.startsWith(value, start) && n.endIndex - start === value.length;
}

const OWN_PREDICATES = new Set([
  'resolves-to?', 'not-resolves-to?', 'name-matches?', 'not-name-matches?', 'imports?', 'not-imports?',
  'sql?', 'transaction-sql?', 'not-docstring?', 'secret-compare?', 'mac-compare?', 'incidental-use?', 'not-incidental-use?', 'secret-use?', 'not-secret-use?', 'interpolates-runtime-value?', 'sprintf-runtime-value?', 'concat-runtime-value?', 'strong-secret-compare?', 'unit-name-matches?', 'not-unit-name-matches?', 'retry-loop?', 'called?', 'not-called?', 'parses-parameter?',
  'argument-of?', 'not-argument-of?', 'string-concat?', 'sql-concat?', 'concat-match?', 'atomic-typed?', 'atomic-beside-lock?', 'small-unit?', 'not-trivial-reader?', 'not-cache-fill?', 'not-fresh-atomic-target?', 'not-lone-store?', 'not-lock-guarded?', 'not-cli-output?', 'not-cursor-token?', 'browser-code?', 'not-browser-code?', 'single-statement-tx?', 'read-only-tx?', 'one-write-tx?', 'lone-read-tx?', 'lone-statement-tx?',
  'random-id?', 'not-random-id?', 'dummy-data?', 'not-dummy-data?',
  'inside-callback-of?', 'not-inside-callback-of?', 'behind-middleware?', 'mode-switch?', 'not-mode-switch?', 'hash-wrapper?', 'not-hash-wrapper?', 'id-hash?', 'not-id-hash?', 'random-secret?', 'not-random-secret?', 'not-random-disclaimed?',
  'not-fixed-orm-query?', 'not-forwarded-credential?', 'not-read-only-transaction?', 'not-closure-primitive?',
  'fire-and-forget?', 'not-fire-and-forget?', 'text-before?', 'not-text-before?', 'text-after?', 'not-text-after?', 'executed-later?', 'block-matches?',
  'guarded-by?', 'not-guarded-by?', 'guarded-off?', 'not-guarded-off?', 'helper-matches?', 'not-helper-matches?', 'code-built-sql?', 'not-code-built-sql?', 'stale-marker?', 'not-stale-marker?',
  'member-decorator?',
  'verified-claim-compare?', 'not-verified-claim-compare?',
  'field-read?', 'not-field-read?', 'looked-up-before?', 'not-looked-up-before?', 'trivial-transaction?', 'not-trivial-transaction?',
]);

/**
 * The leftmost operand of a `+` chain when it is a string or template literal (so every `+` is
 * string concatenation). Patterns cannot nest to any depth, so `"SELECT …" + a + b + …` chains
 * are matched as one `(binary_expression operator: "+")` and this finds the string: a chain of
 * any length keeps its finding.
 */
function leftmostString(n: Node): Node | undefined {
  let cur: Node | null = n;
  while (cur && cur.type === 'binary_expression' && cur.childForFieldName('operator')?.type === '+') cur = cur.childForFieldName('left');
  return cur && cur !== n && (cur.type === 'string' || cur.type === 'template_string') ? cur : undefined;
}

/** What a Go call chain starts from: `tx` of `tx.Where(…).First(&u)`, `d` of `d.store.Get(…)`. */
function chainRoot(n: Node | null): Node | null {
  while (n && (n.type === 'call_expression' || n.type === 'selector_expression')) {
    n = n.type === 'call_expression' ? n.childForFieldName('function') : n.childForFieldName('operand');
  }
  return n;
}

/** A Go transaction closure's handle parameters (`tx`, `conn`), not its `context.Context`. */
function txHandles(fn: Node): Set<string> {
  const handles = new Set<string>();
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p?.type !== 'parameter_declaration' || /(^|\.)Context$/.test(p.childForFieldName('type')?.text ?? '')) continue;
    for (const name of p.childrenForFieldName('name')) if (name) handles.add(name.text);
  }
  return handles;
}

/**
 * `#single-statement-tx? @closure`: a Go transaction closure whose only work is one call on its own
 * transaction handle, `func(tx *Conn) error { return tx.RawQuery(q).First(&n) }` or
 * `if err := tx.Create(&x); err != nil { return err }; return nil`: one statement is atomic by
 * itself, so the transaction guards nothing (not a nested wrapper or an eager write of associations,
 * `tx.Eager().Destroy(p)`). Returns of plain values (`return nil`, `return err`)
 * and error checks that only return do not count; a call of another function handed the
 * transaction (`models.Link(tx, …)`, which may run several statements) is not on the handle.
 */
export function isSingleStatementTx(fn: Node, strict = false): boolean {
  if (fn.type !== 'func_literal') return false;
  const handles = txHandles(fn);
  let statements = (fn.childForFieldName('body')?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment');
  if (statements.length === 1 && statements[0]!.type === 'statement_list') {
    statements = statements[0]!.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  }
  const plainReturn = (st: Node): boolean => st.type === 'return_statement' && st.descendantsOfType('call_expression').length === 0;
  // Reading the one statement's result back (`n, err := result.RowsAffected()`, `id, err :=
  // res.LastInsertId()`) runs nothing on the database: a DELETE checked for a missing row is still one statement.
  const resultRead = (st: Node): boolean =>
    (st.type === 'short_var_declaration' || st.type === 'assignment_statement') &&
    /^[\w\s,]+:?=\s*\w+\.(RowsAffected|LastInsertId)\(\)$/.test(st.text);
  const work: Node[] = [];
  for (const st of statements) {
    if (plainReturn(st) || resultRead(st)) continue;
    if (st.type === 'if_statement' && !st.childForFieldName('alternative')) {
      const inner = (st.childForFieldName('consequence')?.descendantsOfType('return_statement') ?? []).filter((r): r is Node => r !== null);
      const body = st.childForFieldName('consequence')?.namedChildren.flatMap((c) => (c?.type === 'statement_list' ? c.namedChildren : [c])) ?? [];
      if (body.length > 0 && body.every((c) => c?.type === 'return_statement') && inner.length === body.length) {
        const init = st.childForFieldName('initializer');
        if (init) work.push(init);
        if (st.childForFieldName('condition')?.descendantsOfType('call_expression').length) work.push(st);
        continue;
      }
    }
    work.push(st);
  }
  if (work.length !== 1) return false;
  // A nested transaction wrapper (txApp.AuxRunInTransaction(func…)) or an eager write of the
  // associations too (tx.Eager().Destroy(p), Select(clause.Associations)) is more than one statement.
  // (Nor is a loop: `for _, id := range ids { tx.Model(…).Updates(…) }` runs one per item; round 72.)
  if (work[0]!.type === 'for_statement' || work[0]!.descendantsOfType('func_literal').length > 0 || /\bEager\(|\bAssociations\b/.test(work[0]!.text)) return false;
  // Strict (a call of the project's own transaction helper): the one statement is a direct SQL call
  // on the handle (`tx.ExecContext(ctx, q, args...)`, `tx.Create(&x)`), not a loop of them, nor a
  // repository reached through the handle (`tx.Playlist(ctx).Tracks(id).Delete(ids...)`, which may
  // run several statements).
  if (strict) {
    if (!['short_var_declaration', 'assignment_statement', 'expression_statement', 'return_statement', 'if_statement'].includes(work[0]!.type)) return false;
    const first = work[0]!.descendantsOfType('call_expression')[0];
    const callee = first?.childForFieldName('function');
    const operand = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : null;
    const method = callee?.type === 'selector_expression' ? callee.childForFieldName('field')?.text ?? '' : '';
    return operand?.type === 'identifier' && handles.has(operand.text) && /^(Must)?(Named)?(Exec|Query|QueryRow|Get|Select)(x|Context)?$|^(Create|Save|Update|Updates|Delete)$/.test(method);
  }
  const root = chainRoot(work[0]!.descendantsOfType('call_expression')[0] ?? null);
  return root?.type === 'identifier' && handles.has(root.text);
}

/** Method names that only read: a store's `GetRepoByName`, `FindUserByPublicKey`, `ListPublicKeysByUserID`, `CountUsers`; sqlx `Get`/`Select`; gorm `First`/`Find`. */
const TX_READ_METHOD = /^(Get|Find|List|Count|Exists?|Has|Lookup|Load|Fetch|Read|Select|First|Last|Take|Scan|Pluck|Is)(?![a-z])\w*$/;
/** Query builders that run nothing by themselves (gorm, bun, sqlx): `tx.Where(…).Preload(…).First(&u)`. */
const TX_BUILDER_METHOD = /^(Where|Or|Not|Preload|Joins|Model|Table|Order|Limit|Offset|Group|Having|Distinct|Omit|Unscoped|Debug|WithContext|Rebind|Session|Raw)$/;
/** A call returning something bound to the transaction: `GetTenantPersisterWithConnection(tx)`, `store.WithTx(tx)`, `NewRepo(tx)`. */
const TX_DERIVED_HANDLE = /(Persister|Repository|Repo|Store|Storage|Conn|Connection|Tx|Querier|Queries|Session|DB)(With(Connection|Conn|Tx|Transaction|Context))?$|^(With|New)[A-Z]|^(With|New)$/;
/** What a read must not say: a locking read is the first half of a write. */
const TX_WRITE_WORDS = /ForUpdate|ForShare|FOR\s+(UPDATE|SHARE)|\bLock|\b(INSERT|UPDATE|DELETE|UPSERT|MERGE|REPLACE|CREATE|DROP|ALTER|TRUNCATE)\b/i;

/**
 * `#read-only-tx? @closure`: a Go transaction closure that only reads, through its handle or
 * through functions it hands the handle to (`m, err = d.store.GetRepoByName(ctx, tx, name)`; two
 * lookups `GetLFSLockForUserByID` and `GetUserByID`; `tx.Where("id = ?", id).First(&u)`): nothing
 * is written, so there is nothing to commit atomically (RECONCILED: read-only work in a transaction
 * is N; round 40, soft-serve: every backend read inside `TransactionContext`). Any call handed the
 * handle whose name is not a read (`SetAdminByUsername`, `Create`, `Exec`), a locking read, a nested
 * closure, or no database call at all keeps the transaction an operation.
 */
export function isReadOnlyTx(fn: Node, allowedWrites = 0): boolean {
  if (fn.type !== 'func_literal') return false;
  const handles = txHandles(fn);
  // The closure's own handles (a write through a store bound to one, hanko's `tp.Update(a)`, may run
  // several statements, so only these may take the one write).
  const own = new Set(handles);
  const body = fn.childForFieldName('body');
  if (handles.size === 0 || !body || body.descendantsOfType('func_literal').length > 0) return false;
  // A write allowed is one statement run once: not in a loop, not beside a goroutine.
  const loops = body.descendantsOfType(['for_statement', 'go_statement']).length > 0;
  const usesHandle = (n: Node | null): boolean => !!n && n.descendantsOfType('identifier').some((i) => i !== null && handles.has(i.text));
  // A store or repository bound to the transaction is a handle too (hanko's `p :=
  // h.persister.GetTenantPersisterWithConnection(tx)`, then `p.Update(t)`); a read's result is data.
  for (const decl of body.descendantsOfType(['short_var_declaration', 'assignment_statement'])) {
    const right = decl?.childForFieldName('right')?.namedChildren[0];
    const callee = right?.type === 'call_expression' ? right.childForFieldName('function') : null;
    const name = callee?.type === 'selector_expression' ? callee.childForFieldName('field')?.text ?? '' : callee?.text ?? '';
    if (!decl || !right || !TX_DERIVED_HANDLE.test(name) || !usesHandle(right.childForFieldName('arguments'))) continue;
    for (const id of decl.childForFieldName('left')?.namedChildren ?? []) if (id?.type === 'identifier' && id.text !== '_') handles.add(id.text);
  }
  let reads = 0;
  let writes = 0;
  // A read filtering with SQL text (`tx.Where("user_id = ? AND code = ? AND is_used = ?", …).First(&rc)`
  // then `tx.Model(&rc).Update("is_used", true)`: gogs' UseRecoveryCode, judged Y) is a check whose
  // answer the one write acts on; only reads by key or struct condition leave the write on its own.
  let filteredRead = false;
  for (const call of body.descendantsOfType('call_expression')) {
    if (!call) continue;
    const callee = call.childForFieldName('function');
    const method = callee?.type === 'selector_expression' ? callee.childForFieldName('field')?.text ?? '' : callee?.text ?? '';
    const root = chainRoot(callee ?? null);
    const onHandle = root?.type === 'identifier' && handles.has(root.text);
    const handedHandle = (call.childForFieldName('arguments')?.namedChildren ?? []).some((a) => a !== null && a.type === 'identifier' && handles.has(a.text));
    if (!onHandle && !handedHandle) {
      // A call that reaches the handle some other way (`models.Save(tx.Conn)`, a struct holding it) is not known to read.
      if (usesHandle(call.childForFieldName('arguments'))) return false;
      continue;
    }
    if (allowedWrites > 0 && onHandle && own.has(root.text) && TX_WRITE_METHOD.test(method) && !TX_LOCK_WORDS.test(call.text.slice(0, 400))) {
      if (++writes > allowedWrites || loops) return false;
      continue;
    }
    if (TX_WRITE_WORDS.test(call.text.slice(0, 400))) return false;
    if (/^(Where|Or|Not|Having)$/.test(method) && /^(interpreted|raw)_string_literal$/.test(call.childForFieldName('arguments')?.namedChildren[0]?.type ?? '')) filteredRead = true;
    if (TX_BUILDER_METHOD.test(method)) continue;
    if (!TX_READ_METHOD.test(method)) return false;
    reads++;
  }
  return reads > 0 && !(writes > 0 && filteredRead);
}

/** One write on the handle (gorm, sqlx, database/sql): `tx.Model(&ch).Updates(data)`, `tx.Delete(&x, cond)`, `tx.ExecContext(ctx, q)`. */
const TX_WRITE_METHOD = /^(Create|CreateInBatches|Save|Update|Updates|UpdateColumn|UpdateColumns|Delete|Exec|ExecContext|NamedExec|NamedExecContext|Insert|Upsert)$/;
/** A locking clause makes a write part of a read-modify-write. */
const TX_LOCK_WORDS = /ForUpdate|ForShare|FOR\s+(UPDATE|SHARE)|\bLock/i;

/**
 * `#one-write-tx? @closure`: a Go transaction closure that only reads (`#read-only-tx?`), or reads and writes once on its handle,
 * outside loops (`tx.First(&ch, id)`, `tx.Model(&ch).Updates(data)`, `tx.First(&ch, id)` again;
 * round 72, traQ's `UpdateChannel` and `DeleteClipFolderMessage`): one statement is atomic by
 * itself, and the reads beside it take no lock (RECONCILED: an atomic block around one write is N).
 */
export function isOneWriteTx(fn: Node): boolean {
  return isReadOnlyTx(fn, 1);
}

/** Methods of a Go transaction handle that end it rather than run a statement. */
const TX_END_METHOD = /^(Rollback|Commit)$/;

/**
 * `#lone-read-tx? @n`: `n` sits in a Go function that begins a transaction asking for `ReadOnly:
 * true` (`tx, err := m.db.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true})`) and runs one statement on
 * it (`tx.Get(&stats, query)`) besides ending it, and that statement's text is not handed in by the
 * caller (no argument mentions a parameter of the function): a single read needs no transaction and can
 * write nothing (round 76, libredesk's report queries: seven judged N). A dry run of the caller's
 * SQL in a read-only transaction keeps its region.
 *
 * `#lone-statement-tx? @n` (`readOnly` false): the same for any transaction the function begins
 * (`tx, err := a.db.BeginTx(ctx, pgx.TxOptions{})`, `db.Begin()`) around one statement run once, not in
 * a loop and not a locking read: `tx.Exec(ctx, q, args...)` then `tx.Commit(ctx)` (round 97, tinode's
 * `SubsUpdate`: one UPDATE, judged N). One statement is atomic by itself (RECONCILED: an atomic block
 * around one write, as Go's transaction closures with one statement).
 */
export function isLoneReadOnlyTx(n: Node, ctx: ValueContext, readOnly = true): boolean {
  // (The engine's indexed lookup, not a climb over parents: each climb step asks the tree from its root.)
  let fn = enclosingFunction(n, ctx);
  // A rollback in a deferred closure (`defer func() { if err != nil { tx.Rollback(ctx) } }()`) ends the holder's transaction.
  while (!readOnly && fn?.type === 'func_literal' && fn.parent?.type === 'call_expression' && fn.parent.parent?.type === 'defer_statement') fn = enclosingFunction(fn.parent, ctx);
  const body = fn?.childForFieldName('body');
  if (!fn || !body) return false;
  let tx: string | undefined;
  for (const decl of body.descendantsOfType(['short_var_declaration', 'assignment_statement'])) {
    const right = decl?.childForFieldName('right')?.namedChildren[0];
    const callee = right?.type === 'call_expression' ? right.childForFieldName('function') : null;
    if (!decl || !right || callee?.type !== 'selector_expression' || !(readOnly ? /^BeginTxx?$/ : /^(BeginTxx?|Beginx?|MustBegin(Tx)?)$/).test(callee.childForFieldName('field')?.text ?? '')) continue;
    if (readOnly && !/\bReadOnly\s*:\s*true\b/.test(right.childForFieldName('arguments')?.text ?? '')) return false;
    const first = decl.childForFieldName('left')?.namedChildren[0];
    if (tx !== undefined || first?.type !== 'identifier') return false;
    tx = first.text;
  }
  if (tx === undefined) return false;
  // The function's own parameters (not its receiver: `m.q.Report` is the application's statement).
  const params = new Set<string>();
  for (const p of fn.childForFieldName('parameters')?.descendantsOfType(['parameter_declaration', 'variadic_parameter_declaration']) ?? []) {
    // (A context handed on is no statement: `tx.ExecContext(ctx, q)` with `ctx context.Context` a parameter.)
    if (!readOnly && p?.childForFieldName('type')?.text === 'context.Context') continue;
    for (const id of p?.childrenForFieldName('name') ?? []) if (id) params.add(id.text);
  }
  const mentionsParam = (text: string) => [...params].some((name) => new RegExp(`\\b${name}\\b`).test(text));
  let statements = 0;
  for (const call of body.descendantsOfType('call_expression')) {
    const callee = call?.childForFieldName('function');
    if (!call || callee?.type !== 'selector_expression' || callee.childForFieldName('operand')?.text !== tx) continue;
    if (TX_END_METHOD.test(callee.childForFieldName('field')?.text ?? '')) continue;
    if (++statements > 1) return false;
    // (`tx.QueryRow("EXPLAIN (FORMAT JSON) " + query, args...)`: listmonk's check of a caller's query, judged Y.)
    if (mentionsParam(call.childForFieldName('arguments')?.text ?? '')) return false;
    if (!readOnly) {
      // Not a statement prepared, or a bucket or cursor opened, whose handle runs more (ntfy's
      // `stmt, err := tx.Prepare(q)` executed per message, round 28; bbolt's `tx.Bucket(name)`).
      if (/^(Prepare\w*|Stmt\w*|Bucket|CreateBucket\w*|Cursor|NewQuery)$/.test(callee.childForFieldName('field')?.text ?? '')) return false;
      // Run once: not in a loop (one statement per item), not a locking read (the first half of a write).
      if (TX_LOCK_WORDS.test(call.text.slice(0, 400))) return false;
      for (let p: Node | null = call.parent; p && p.id !== body.id; p = p.parent) if (p.type === 'for_statement' || p.type === 'func_literal') return false;
    }
  }
  // The handle handed on to another function runs statements unseen here.
  const handedOn = body.descendantsOfType('argument_list').some((l) => (l?.namedChildren ?? []).some((a) => a?.type === 'identifier' && a.text === tx));
  if (!readOnly && statements === 1 && !handedOn) {
    // Any other use of the handle (kept in a struct, `txp := &txPreparedStmts{Tx: tx}`; stored in a
    // field to hold a read lock, `db.rtx = tx`; returned) lets more run on it than this function shows.
    for (const id of body.descendantsOfType('identifier')) {
      if (!id || id.text !== tx) continue;
      const parent = id.parent;
      if (parent?.type === 'expression_list' && (parent.parent?.type === 'short_var_declaration' || parent.parent?.type === 'assignment_statement') && parent.parent.childForFieldName('left')?.id === parent.id) continue;
      if (parent?.type === 'selector_expression' && parent.childForFieldName('operand')?.id === id.id && parent.parent?.type === 'call_expression') continue;
      return false;
    }
  }
  return statements === 1 && !handedOn;
}

const TEXT_PREDICATES = new Set([
  'eq?', 'not-eq?', 'any-eq?', 'any-not-eq?', 'match?', 'not-match?', 'any-match?', 'any-not-match?', 'any-of?', 'not-any-of?',
]);

function firstCapture(p: ParsedPredicate): string {
  const o = p.operands[0];
  if (o?.type !== 'capture') throw new Error(`first argument of #${p.operator} must be a capture`);
  return o.name;
}

function stringArg(p: ParsedPredicate, index: number): string {
  const o = p.operands[index];
  if (o?.type !== 'string') throw new Error(`argument ${index + 1} of #${p.operator} must be a string`);
  return o.value;
}

/** web-tree-sitter's built-in text predicates, same semantics, reading text from the source. */
function compileTextPredicate(p: ParsedPredicate): Check {
  const op = p.operator;
  if (op === 'any-of?' || op === 'not-any-of?') {
    if (p.operands.length < 1) throw new Error(`#${op} needs a capture`);
    const name = firstCapture(p);
    const values = p.operands.slice(1).map((o) => {
      if (o.type !== 'string') throw new Error(`arguments of #${op} must be strings`);
      return o.value;
    });
    const positive = op === 'any-of?';
    const member = (n: Node, ctx: MatchContext) => values.some((v) => textIs(n, v, ctx));
    return (caps, ctx) => {
      let seen = false;
      let all = true;
      for (const c of caps) {
        if (c.name !== name) continue;
        seen = true;
        if (!member(c.node, ctx)) {
          all = false;
          break;
        }
      }
      return seen ? all === positive : !positive;
    };
  }
  if (p.operands.length !== 2) throw new Error(`wrong number of arguments to #${op}: expected 2, got ${p.operands.length}`);
  const name = firstCapture(p);
  const matchAll = !op.startsWith('any-');
  if (op.endsWith('match?')) {
    const re = new RegExp(stringArg(p, 1));
    const positive = op === 'match?' || op === 'any-match?';
    return (caps, ctx) => {
      let seen = false;
      for (const c of caps) {
        if (c.name !== name) continue;
        seen = true;
        const ok = re.test(textOf(c.node, ctx)) === positive;
        if (matchAll && !ok) return false;
        if (!matchAll && ok) return true;
      }
      if (!seen) return !positive;
      return matchAll;
    };
  }
  // eq? family.
  const positive = op === 'eq?' || op === 'any-eq?';
  const second = p.operands[1]!;
  if (second.type === 'capture') {
    const other = second.name;
    return (caps, ctx) => {
      const a: string[] = [];
      const b: string[] = [];
      for (const c of caps) {
        if (c.name === name) a.push(textOf(c.node, ctx));
        if (c.name === other) b.push(textOf(c.node, ctx));
      }
      const cmp = (x: string, y: string) => (positive ? x === y : x !== y);
      return matchAll ? a.every((x) => b.some((y) => cmp(x, y))) : a.some((x) => b.some((y) => cmp(x, y)));
    };
  }
  const value = second.value;
  return (caps, ctx) => {
    for (const c of caps) {
      if (c.name !== name) continue;
      const ok = textIs(c.node, value, ctx) === positive;
      if (matchAll && !ok) return false;
      if (!matchAll && ok) return true;
    }
    // `every` of nothing holds, `some` of nothing does not.
    return matchAll;
  };
}

/**
 * The node (or `&node`) is a direct argument of a call whose callee's text matches `re`
 * (`req.AddCookie(&http.Cookie{…})`).
 */
function argumentOf(n: Node, re: RegExp, ctx: MatchContext): boolean {
  let cur: Node = n;
  while (cur.parent && (cur.parent.type === 'unary_expression' || cur.parent.type === 'parenthesized_expression')) cur = cur.parent;
  const args = cur.parent;
  // A tagged template is its call's argument list (prisma.$queryRaw`SELECT 1`).
  if (args?.type === 'call_expression' && cur.type === 'template_string' && args.childForFieldName('arguments')?.id === cur.id) {
    const tag = args.childForFieldName('function');
    return tag !== null && re.test(textOf(tag, ctx));
  }
  if (!args || (args.type !== 'argument_list' && args.type !== 'arguments')) return false;
  const callee = args.parent?.type === 'call_expression' || args.parent?.type === 'call' ? args.parent.childForFieldName('function') : null;
  return callee !== null && callee !== undefined && re.test(textOf(callee, ctx));
}

/** Tests of a captured node alone (randomUse.ts): `(#random-id? @c)` and `(#not-random-id? @c)` alike. */
const NODE_TESTS: ReadonlyMap<string, (n: Node, ctx: MatchContext) => boolean> = new Map([
  ['random-id?', isRandomId],
  ['dummy-data?', isDummyData],
  ['random-secret?', isRandomSecret],
  ['hash-wrapper?', isHashWrapper],
  ['id-hash?', isIdHash],
  ['fire-and-forget?', isFireAndForget],
  ['code-built-sql?', isCodeBuiltSql],
  ['stale-marker?', isStaleMarker],
  ['member-decorator?', isMemberDecorator],
  ['field-read?', isFieldRead],
  ['looked-up-before?', isLookedUpBefore],
  ['trivial-transaction?', isTrivialTransaction],
]);

/**
 * `#field-read? @k`: Go: the name `@k` (the key of a keyed element, `txOptions: pgx.TxOptions{…}`)
 * is read somewhere in the file as a field, `.txOptions`. A setting stored in a field the file never
 * reads is dead configuration there. Reads the whole file, like `#helper-matches?`.
 */
function isFieldRead(n: Node, ctx: MatchContext): boolean {
  const name = textOf(n, ctx);
  if (!/^\w+$/.test(name)) return true;
  return new RegExp(`\\.${name}(?!\\w)`).test(ctx.text);
}

/**
 * `#member-decorator? @d`: ECMAScript: the decorator `@d` decorates a class member (a method), not
 * the class: TypeScript puts a method's decorators in the class body, JavaScript inside the method.
 */
function isMemberDecorator(n: Node): boolean {
  const parent = n.parent?.type;
  return n.type === 'decorator' && (parent === 'class_body' || parent === 'method_definition');
}

/** Tests of a captured node against a pattern (goShapes.ts): `(#text-before? @c "re")` and its `not-` form alike. */
const NODE_PATTERN_TESTS: ReadonlyMap<string, (n: Node, re: RegExp, ctx: MatchContext) => boolean> = new Map([
  ['text-before?', textBefore],
  ['text-after?', textAfter],
  ['executed-later?', isExecutedLater],
  ['block-matches?', blockMatches],
  ['guarded-by?', isGuardedBy],
  ['guarded-off?', isGuardedOff],
  ['helper-matches?', isHelperMatching],
]);

function compileOwnPredicate(p: ParsedPredicate): Check {
  const capture = p.operands.find((o) => o.type === 'capture')?.name ?? '';
  const pattern = p.operands.find((o) => o.type === 'string')?.value ?? '';
  const re = new RegExp(pattern);
  const negated = p.operator.startsWith('not-');
  const nodeTest = NODE_TESTS.get(negated ? p.operator.slice(4) : p.operator);
  if (nodeTest) return (caps, ctx) => allOf(caps, capture, (n) => nodeTest(n, ctx)) !== negated;
  const patternTest = NODE_PATTERN_TESTS.get(negated ? p.operator.slice(4) : p.operator);
  if (patternTest) return (caps, ctx) => allOf(caps, capture, (n) => patternTest(n, re, ctx)) !== negated;
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
      return (caps, ctx) => allOf(caps, capture, (n) => literalIs(SQL_LITERALS, textOf(n, ctx), looksLikeSql));
    case 'string-concat?':
      return (caps) => allOf(caps, capture, (n) => leftmostString(n) !== undefined);
    case 'sql-concat?':
      return (caps, ctx) => allOf(caps, capture, (n) => {
        const s = leftmostString(n);
        return s !== undefined && looksLikeSql(stringContent(textOf(s, ctx)));
      });
    case 'concat-match?':
      return (caps, ctx) => allOf(caps, capture, (n) => {
        const s = leftmostString(n);
        return s !== undefined && re.test(textOf(s, ctx));
      });
    case 'transaction-sql?':
      return (caps, ctx) => allOf(caps, capture, (n) => literalIs(TRANSACTION_LITERALS, textOf(n, ctx), looksLikeTransactionSql));
    case 'not-docstring?':
      return (caps) => !allOf(caps, capture, (n) => n.parent?.type === 'expression_statement' && n.parent.namedChildCount === 1);
    case 'interpolates-runtime-value?':
      return (caps, ctx) => allOf(caps, capture, (n) => interpolatesRuntimeValue(n, ctx));
    case 'sprintf-runtime-value?':
      // Go: the fmt.Sprintf call splices in a value that is not code-controlled (valueFacts.ts).
      // The capture is the call or its argument list.
      return (caps, ctx) => allOf(caps, capture, (n) => {
        const call = n.type === 'argument_list' ? n.parent : n;
        return call?.type !== 'call_expression' || sprintfInterpolatesRuntimeValue(call, ctx);
      });
    case 'concat-runtime-value?':
      // Go: the `+` chain splices a value that is not code-controlled into a value position of
      // its SQL (valueFacts.ts): `"… id = " + placeholder(1)` is a bind marker, not a value.
      return (caps, ctx) => allOf(caps, capture, (n) => concatSplicesRuntimeValue(n, ctx));
    case 'not-closure-primitive?':
      // `async with sem:` on the enclosing function's own Semaphore (valueFacts).
      return (caps, ctx) => !allOf(caps, capture, (n) => isClosurePrimitive(n, ctx));
    case 'not-read-only-transaction?':
      // `except: session.rollback()` after a read, `with engine.begin()` to read a version (valueFacts).
      return (caps, ctx) => !allOf(caps, capture, (n) => isReadOnlyTransaction(n, ctx));
    case 'not-forwarded-credential?':
      // `const h = req.headers.authorization` only passed on to the call that checks it (valueFacts).
      return (caps, ctx) => !allOf(caps, capture, (n) => isForwardedCredential(n, ctx));
    case 'not-fixed-orm-query?':
      // `session.execute(select(User).filter(User.name == name))`: a fixed ORM statement (valueFacts).
      return (caps, ctx) => !allOf(caps, capture, (n) => isFixedOrmQuery(n, ctx));
    case 'incidental-use?':
      return (caps, ctx) => allOf(caps, capture, (n) => isIncidentalUse(n, ctx));
    case 'not-incidental-use?':
      return (caps, ctx) => !allOf(caps, capture, (n) => isIncidentalUse(n, ctx));
    case 'secret-use?':
      return (caps, ctx) => allOf(caps, capture, (n) => isSecretUse(n, ctx));
    case 'not-secret-use?':
      return (caps, ctx) => !allOf(caps, capture, (n) => isSecretUse(n, ctx));
    case 'called?':
      // The capture is what a call calls: `sha256.Sum256(...)`, not the constant `tls.VersionTLS13`.
      return (caps) => allOf(caps, capture, (n) => n.parent?.type === 'call_expression' && n.parent.childForFieldName('function')?.id === n.id);
    case 'not-called?':
      return (caps) => !allOf(caps, capture, (n) => n.parent?.type === 'call_expression' && n.parent.childForFieldName('function')?.id === n.id);
    case 'argument-of?':
      return (caps, ctx) => allOf(caps, capture, (n) => argumentOf(n, re, ctx));
    case 'not-argument-of?':
      // `req.AddCookie(&http.Cookie{…})`: the value goes to a call named by the pattern.
      return (caps, ctx) => !allOf(caps, capture, (n) => argumentOf(n, re, ctx));
    case 'parses-parameter?':
      // The call's first argument is, or is a field of, a parameter of the enclosing function:
      // `ParsePEMBlock(block *pem.Block) { … x509.ParseCertificate(block.Bytes) }`, not bytes the
      // function decoded from a literal of its own.
      return (caps) => allOf(caps, capture, (n) => {
        let arg = n.parent?.type === 'call_expression' ? n.parent.childForFieldName('arguments')?.namedChild(0) ?? null : null;
        while (arg && arg.type === 'selector_expression') arg = arg.childForFieldName('operand');
        let fn: Node | null = n.parent;
        while (fn && !['function_declaration', 'method_declaration', 'func_literal'].includes(fn.type)) fn = fn.parent;
        const params = fn?.childForFieldName('parameters')?.descendantsOfType('identifier') ?? [];
        return arg?.type === 'identifier' && params.some((q) => q?.text === arg?.text);
      });
    case 'retry-loop?':
      return (caps, ctx) => allOf(caps, capture, (n) => isRetryLoop(n, ctx));
    case 'atomic-typed?':
      // The receiver names a field or variable declared with a sync/atomic type of a kind
      // matching the pattern (goAtomics.ts), not a value the function just allocated.
      return (caps, ctx) => allOf(caps, capture, (n) => isAtomicTyped(n, re, ctx));
    case 'atomic-beside-lock?':
      return (caps, ctx) => allOf(caps, capture, (n) => isAtomicBesideLock(n, ctx));
    case 'small-unit?':
      return (caps, ctx) => allOf(caps, capture, (n) => isSmallUnit(n, ctx));
    case 'not-trivial-reader?':
      return (caps, ctx) => allOf(caps, capture, (n) => isNotTrivialReader(n, ctx));
    case 'not-cache-fill?':
      return (caps, ctx) => allOf(caps, capture, (n) => isNotCacheFill(n, ctx));
    case 'not-fresh-atomic-target?':
      return (caps, ctx) => allOf(caps, capture, (n) => isNotFreshAtomicTarget(n, ctx));
    case 'not-lone-store?':
      return (caps, ctx) => allOf(caps, capture, (n) => isNotLoneStore(n, ctx));
    case 'not-lock-guarded?':
      return (caps, ctx) => allOf(caps, capture, (n) => isNotLockGuarded(n, ctx));
    case 'not-random-disclaimed?':
      return (caps) => allOf(caps, capture, (n) => isNotRandomDisclaimed(n));
    case 'not-cli-output?':
      return (caps, ctx) => allOf(caps, capture, (n) => isNotCliOutput(n, ctx));
    case 'browser-code?':
      // The file is browser code (browserCode.ts); no capture needed.
      return (_caps, ctx) => isBrowserCode(ctx.text, ctx.imports);
    case 'not-browser-code?':
      return (_caps, ctx) => !isBrowserCode(ctx.text, ctx.imports);
    case 'not-cursor-token?':
      return (caps, ctx) => allOf(caps, capture, (n) => isNotCursorToken(n, ctx));
    case 'single-statement-tx?':
      return (caps) => allOf(caps, capture, (n) => isSingleStatementTx(n));
    case 'read-only-tx?':
      return (caps) => allOf(caps, capture, (n) => isReadOnlyTx(n));
    case 'one-write-tx?':
      return (caps) => allOf(caps, capture, (n) => isOneWriteTx(n));
    case 'lone-read-tx?':
      return (caps, ctx) => allOf(caps, capture, (n) => isLoneReadOnlyTx(n, ctx));
    case 'lone-statement-tx?':
      return (caps, ctx) => allOf(caps, capture, (n) => isLoneReadOnlyTx(n, ctx, false));
    case 'unit-name-matches?':
      return (caps, ctx) => allOf(caps, capture, (n) => re.test(unitName(n, ctx)));
    case 'not-unit-name-matches?':
      return (caps, ctx) => !allOf(caps, capture, (n) => re.test(unitName(n, ctx)));
    case 'mode-switch?':
      // One branch of several (if / else / case / ternary arm) in a function whose text matches `re`.
      return (caps) => allOf(caps, capture, (n) => isInBranch(n) && re.test(functionText(n)));
    case 'not-mode-switch?':
      return (caps) => !allOf(caps, capture, (n) => isInBranch(n) && re.test(functionText(n)));
    case 'inside-callback-of?':
      return (caps) => allOf(caps, capture, (n) => isInsideCallbackOf(n, re));
    case 'not-inside-callback-of?':
      return (caps) => !allOf(caps, capture, (n) => isInsideCallbackOf(n, re));
    case 'behind-middleware?':
      return (caps) => allOf(caps, capture, (n) => isBehindMiddleware(n, re));
    case 'strong-secret-compare?':
      return (caps, ctx) => allOf(caps, capture, (n) => {
        const operands = comparisonOperands(n);
        return operands !== undefined && isStrongSecretComparison(operands[0], operands[1], ctx);
      });
    case 'mac-compare?':
      // One side holds a MAC computed in the function, inline or through a helper of the file (valueFacts.ts).
      return (caps, ctx) => allOf(caps, capture, (n) => {
        const operands = comparisonOperands(n);
        return operands !== undefined && isMacComparison(operands[0], operands[1], ctx);
      });
    case 'secret-compare?':
      // The comparison (or equality call) compares secret-bearing values (valueFacts.ts).
      return (caps, ctx) => allOf(caps, capture, (n) => {
        const operands = comparisonOperands(n);
        return operands !== undefined && isSecretComparison(operands[0], operands[1], ctx);
      });
    case 'verified-claim-compare?':
    case 'not-verified-claim-compare?': {
      // One side is a claim of a JWT the function verified (valueFacts.ts).
      const want = p.operator === 'verified-claim-compare?';
      return (caps, ctx) => allOf(caps, capture, (n) => {
        const operands = comparisonOperands(n);
        return (operands !== undefined && isVerifiedClaimComparison(operands[0], operands[1], ctx)) === want;
      });
    }
    default:
      throw new Error(`unknown predicate #${p.operator}`);
  }
}

/** Cost rank of a predicate: file-level first, then text, then name resolution. */
function cost(p: ParsedPredicate): number {
  if (p.operator === 'imports?' || p.operator === 'not-imports?') return 0;
  if (p.operator.endsWith('eq?') || p.operator.endsWith('any-of?')) return 1;
  if (p.operator.endsWith('match?') && !p.operator.includes('name')) return 2;
  return 3;
}

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
  const libraries = librariesOf(queriesDir, family);
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.scm'))
    .sort()
    .map((n) => readSource(path.join(dir, n), libraries));
}

/** A family's library sets, as a rule-file error when the file is malformed. */
function librariesOf(queriesDir: string, family: QueryFamily): LibrarySets {
  try {
    return readLibrarySets(queriesDir, family);
  } catch (err) {
    throw new RuleFileError((err as Error).message);
  }
}

/** A rule file's text with its library-set references expanded (librarySets.ts). */
function readSource(file: string, libraries: LibrarySets, category?: CategoryId): RuleSource {
  let text: string;
  try {
    text = expandLibraryRefs(fs.readFileSync(file, 'utf8'), file, libraries);
  } catch (err) {
    throw new RuleFileError((err as Error).message);
  }
  return category ? { category, file, text } : { file, text };
}

/** Reads `<queriesDir>/<family>/<category>.scm`; a category without a file has no rules there. */
export function readRuleSources(queriesDir: string, family: QueryFamily): RuleSource[] {
  const dir = path.join(queriesDir, family);
  const libraries = librariesOf(queriesDir, family);
  const sources: RuleSource[] = [];
  for (const category of CATEGORY_IDS) {
    const file = path.join(dir, `${category}.scm`);
    if (fs.existsSync(file)) sources.push(readSource(file, libraries, category));
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

/** Sorts triggers into document order and keeps one per (category, node): the earliest pattern. */
export function sortTriggers(triggers: readonly RawTrigger[]): RawTrigger[] {
  const keyed = triggers.map((t) => ({ start: t.node.startIndex, end: t.node.endIndex, c: CATEGORY_IDS.indexOf(t.category), t }));
  keyed.sort((a, b) => a.start - b.start || a.end - b.end || a.c - b.c || a.t.ordinal - b.t.ordinal);
  const out: RawTrigger[] = [];
  let last: (typeof keyed)[number] | undefined;
  for (const k of keyed) {
    if (last && last.start === k.start && last.end === k.end && last.c === k.c) continue;
    out.push(k.t);
    last = k;
  }
  return out;
}

interface ImportMemo {
  imports: Map<RegExp, boolean>;
  locals: Map<Condition, string[]>;
}

/**
 * Per-analysis answers to the gate conditions over some ranges of the text (all of it when
 * `ranges` is undefined): which patterns can match there, and where.
 */
class Facts {
  private occurrences: (number[] | undefined)[] | undefined;
  private readonly localHits = new Map<string, number[]>();
  private readonly patternHits = new Map<RegExp, { start: number; length: number }[]>();
  private readonly possible = new Map<number, boolean>();

  /** Facts that depend only on the imports, shared by every file with the same imports. */
  private readonly memo: ImportMemo;

  constructor(
    private readonly rules: RuleSet,
    private readonly ctx: MatchContext,
    private readonly ranges: readonly CharRange[] | undefined,
  ) {
    this.memo = rules.importMemo(ctx.imports);
  }

  private factorHits(id: number): number[] | undefined {
    if (!this.occurrences) {
      // Rules and findings share the registry: the first of them to ask scans for both.
      const registry = this.rules.factors;
      const scans = (this.ctx.factorScans ??= new Map());
      let byRanges = scans.get(registry);
      if (!byRanges) scans.set(registry, (byRanges = new Map()));
      const key = this.ranges ? this.ranges.map((r) => `${r.startIndex}:${r.endIndex}`).join(',') : '*';
      let found = byRanges.get(key);
      if (!found) {
        const whole = byRanges.get('*');
        const text = this.ctx.text;
        if (this.ranges && whole) {
          // The whole text's occurrences are known (kept from the last analysis of this document): pick those inside the ranges.
          const ranges = this.ranges;
          found = whole.map((starts: number[] | undefined, id: number) => starts && hitsInside(starts, registry.factor(id).length, ranges, text.length));
        } else {
          found = [];
          if (this.ranges) for (const r of this.ranges) registry.scan(text, r.startIndex, Math.min(r.endIndex, text.length), found);
          else registry.scan(text, 0, text.length, found);
        }
        byRanges.set(key, found);
      }
      this.occurrences = found;
      return found[id];
    }
    return this.occurrences[id];
  }

  private wordHits(word: string): number[] {
    let hits = this.localHits.get(word);
    if (!hits) {
      hits = [];
      // '' would match at every offset, and the loop below would never end.
      if (word.length === 0) return hits;
      const text = this.ctx.text;
      const spans = this.ranges ?? [{ startIndex: 0, endIndex: text.length }];
      for (const r of spans) {
        for (let i = nextWordHit(text, word, r.startIndex, r.endIndex); i !== -1; i = nextWordHit(text, word, i + 1, r.endIndex)) hits.push(i);
      }
      this.localHits.set(word, hits);
    }
    return hits;
  }

  private locals(c: Extract<Condition, { kind: 'resolves' }>): string[] {
    let out = this.memo.locals.get(c);
    if (!out) {
      out = this.computeLocals(c);
      this.memo.locals.set(c, out);
    }
    return out;
  }

  private computeLocals(c: Extract<Condition, { kind: 'resolves' }>): string[] {
    const out: string[] = [];
    for (const [local, qualified] of this.ctx.imports.bindings) {
      let ok = c.cache.get(qualified);
      if (ok === undefined) {
        ok = c.compatible(qualified);
        c.cache.set(qualified, ok);
      }
      if (ok) out.push(local);
    }
    // A chain rooted at an inline require('m') / import('m') binds no name: the call itself is
    // where such a match lies (an `import … from` statement is no such call: CALL_WORDS).
    if (c.requireWords) out.push('require', 'import');
    return out;
  }

  /** Occurrences (start, length) that a match satisfying `c` must contain; [] if none. */
  private hits(c: Condition): { start: number; length: number }[] {
    const out: { start: number; length: number }[] = [];
    if (c.kind === 'factors') {
      for (const id of c.ids) {
        const length = this.rules.factors.factor(id).length;
        for (const start of this.factorHits(id) ?? []) out.push({ start, length });
      }
    } else if (c.kind === 'resolves') {
      for (const word of this.locals(c)) for (const start of this.wordHits(word)) out.push({ start, length: word.length });
    } else if (c.kind === 'pattern') {
      out.push(...this.regexHits(c.re));
    }
    return out;
  }

  private regexHits(re: RegExp): { start: number; length: number }[] {
    let hits = this.patternHits.get(re);
    if (!hits) {
      hits = [];
      const text = this.ctx.text;
      const spans = this.ranges ?? [{ startIndex: 0, endIndex: text.length }];
      for (const r of spans) {
        const slice = text.slice(r.startIndex, r.endIndex);
        re.lastIndex = 0;
        for (let m = re.exec(slice); m; m = re.exec(slice)) {
          hits.push({ start: r.startIndex + m.index, length: m[0].length });
          if (m[0].length === 0) re.lastIndex++;
        }
      }
      this.patternHits.set(re, hits);
    }
    return hits;
  }

  /** Conditions that say nothing for this tree (token factors in a tree with errors). */
  private void(c: Condition): boolean {
    if (c.kind !== 'factors' || !c.cleanTree) return false;
    this.ctx.hasErrors ??= this.ctx.root?.hasError ?? true;
    return this.ctx.hasErrors;
  }

  private holds(c: Condition): boolean {
    if (this.void(c)) return true;
    if (c.kind === 'imports') {
      let hit = this.memo.imports.get(c.re);
      if (hit === undefined) {
        hit = this.ctx.imports.importsMatching(c.re);
        this.memo.imports.set(c.re, hit);
      }
      return hit;
    }
    if (c.kind === 'factors') return c.ids.some((id) => (this.factorHits(id)?.length ?? 0) > 0);
    // Only whether there is a hit: the first one settles it (a whole-file scan for every
    // occurrence of an import's name, on every keystroke, showed in profiles).
    if (c.kind === 'pattern') return this.present(c.re, () => this.regexHits(c.re).length > 0, (text, r) => {
      c.re.lastIndex = 0;
      return c.re.exec(text.slice(r.startIndex, r.endIndex)) !== null;
    });
    return this.locals(c).some((w) => this.present(w, () => this.wordHits(w).length > 0, (text, r) => w.length > 0 && nextWordHit(text, w, r.startIndex, r.endIndex) !== -1));
  }

  private readonly presence = new Map<string | RegExp, boolean>();

  /** Whether `key` has a hit in the ranges: from its hits when known, else by looking for the first. */
  private present(key: string | RegExp, fromHits: () => boolean, hitIn: (text: string, r: CharRange) => boolean): boolean {
    if (typeof key === 'string' ? this.localHits.has(key) : this.patternHits.has(key)) return fromHits();
    let yes = this.presence.get(key);
    if (yes === undefined) {
      const text = this.ctx.text;
      yes = (this.ranges ?? [{ startIndex: 0, endIndex: text.length }]).some((r) => hitIn(text, r));
      this.presence.set(key, yes);
    }
    return yes;
  }

  /** Whether the pattern's gate can hold in these ranges. */
  canMatch(info: PatternInfo): boolean {
    let ok = this.possible.get(info.ordinal);
    if (ok === undefined) {
      ok = true;
      // File-level conditions first: they are cheap and settle most patterns.
      for (const c of info.conditions) if (c.kind === 'imports' && !this.holds(c)) ok = false;
      if (ok) for (const c of info.conditions) if (c.kind !== 'imports' && !this.holds(c)) ok = false;
      this.possible.set(info.ordinal, ok);
    }
    return ok;
  }

  /**
   * Ranges every match of a localizable pattern intersects (around its rarest condition), or
   * undefined when none of its conditions localizes here (then it runs everywhere).
   */
  spots(info: PatternInfo): CharRange[] | undefined {
    let best: { start: number; length: number }[] | undefined;
    for (const c of info.conditions) {
      if (c.kind === 'imports' || this.void(c)) continue;
      const h = this.hits(c);
      if (!best || h.length < best.length) best = h;
    }
    return best?.map((h) => ({ startIndex: h.start, endIndex: h.start + h.length }));
  }
}

/**
 * All rules of one grammar, compiled into a few queries by how they can be run: most patterns
 * only around occurrences of the names and words their predicates require (`spot`), the rest
 * over the whole file (`scan`), plus patterns that span top-level nodes (`root`, `anywhere`).
 */
export class RuleSet {
  private readonly buckets: Bucket[] = [];
  /** Each pattern's possible root types and context reads, by ordinal. */
  private readonly scopes: PatternScope[] = [];
  private count = 0;
  private groupCount = 0;

  /**
   * `capture` is `trigger` for region rules and `finding` for findings. `gating: false` runs
   * every pattern over the whole file (a reference for tests: results must not change).
   */
  constructor(
    language: Language,
    private readonly family: QueryFamily,
    sources: RuleSource[],
    private readonly capture: 'trigger' | 'finding' = 'trigger',
    private readonly gating = true,
    /** Factor strings, shared with the grammar's other rule set (one text scan for both). */
    readonly factors: FactorRegistry = new FactorRegistry(),
    /** Analyses of rule files recorded at build time (ruleCache.ts); recomputed when absent. */
    cache?: RuleAnalysisCache,
  ) {
    const groups: PatternGroup[] = [];
    const byStructure = new Map<string, PatternGroup>();
    const factorId = (s: string) => factors.id(s);
    for (const source of sources) {
      const analyses = analyzeSourceCached(source, family, cache);
      let captured = false;
      analyses.forEach((analysis, i) => {
        const fail = (message: string): never => {
          throw new RuleFileError(`${source.file}: pattern ${i + 1}: ${message}`);
        };
        if ('error' in analysis) return fail(analysis.error);
        const { props, category, captureNames } = validatePattern(analysis, source, capture, fail);
        if (captureNames.has(capture)) captured = true;
        const checked = analysis.predicates.filter((p) => OWN_PREDICATES.has(p.operator) || TEXT_PREDICATES.has(p.operator));
        let checks: Check[];
        try {
          checks = [...checked].sort((a, b) => cost(a) - cost(b)).map((p) => (TEXT_PREDICATES.has(p.operator) ? compileTextPredicate(p) : compileOwnPredicate(p)));
        } catch (err) {
          return fail((err as Error).message);
        }
        const conditions = gating ? analysis.conditions.map((c) => toCondition(c, factorId)) : [];
        const info: PatternInfo = {
          ordinal: this.count++,
          category,
          rule: props.rule ?? '',
          props,
          checks,
          conditions,
          localizable: conditions.some((c) => c.kind !== 'imports'),
          rootTypes: analysis.rootTypes ?? undefined,
          readsContext: checked.some((p) => CONTEXT_PREDICATES.has(p.operator)),
        };
        this.scopes[info.ordinal] = info;
        // Predicates that read declarations elsewhere in the file (a key-function factory for
        // `#helper-matches?`, a module-level list for `#code-built-sql?`, a placeholder helper for
        // `#concat-runtime-value?`) record the names they look up (ValueContext.readNames): an
        // edit to such a declaration re-analyses the whole file (engine.ts), so they run like others.
        let group = byStructure.get(analysis.structure);
        if (!group) {
          const scope = scopeOf(analysis.rootTypes ?? undefined);
          // ECMAScript callees also match behind tree-sitter-typescript's `await f<T>(x)` misparse (queryText.ts).
          const structure = family === 'ecma' ? acceptAwaitedCallees(analysis.structure) : analysis.structure;
          group = { structure, members: [], scope, sources: new Set() };
          byStructure.set(analysis.structure, group);
          groups.push(group);
        }
        group.members.push(info);
        group.sources.add(source);
      });
      if (!captured && analyses.length > 0) throw new RuleFileError(`${source.file}: no @${capture} capture`);
    }
    this.groupCount = groups.length;
    this.language = language;
    this.layout(groups);
  }

  private readonly language: Language;

  /** Spreads the groups over buckets (compiled later, on first use). */
  private layout(groups: PatternGroup[]): void {
    const kindOf = (g: PatternGroup): BucketKind =>
      g.scope === 'root' ? 'root' : g.scope === 'anywhere' ? 'anywhere' : g.members.every((m) => m.localizable) ? 'spot' : 'scan';
    this.buckets.length = 0;
    for (const kind of ['scan', 'root', 'anywhere'] as BucketKind[]) {
      const mine = groups.filter((g) => kindOf(g) === kind);
      if (mine.length > 0) this.buckets.push({ kind, groups: mine });
    }
    for (const g of groups) if (kindOf(g) === 'spot') this.buckets.push({ kind: 'spot', groups: [g] });
  }

  /** Compiles a bucket's query; a pattern tree-sitter finds unrooted moves to `anywhere`. */
  private compiled(bucket: Bucket): Query {
    if (bucket.query) return bucket.query;
    const sources = [...new Set(bucket.groups.flatMap((g) => [...g.sources]))];
    let query: Query;
    try {
      query = uncounted(() => new Query(this.language, bucket.groups.map((g) => g.structure).join('\n')));
    } catch (err) {
      throw locateError(this.language, sources, err as Error);
    }
    if (query.patternCount() !== bucket.groups.length) {
      query.delete();
      throw locateError(this.language, sources, new Error(`merged query has ${query.patternCount()} patterns, expected ${bucket.groups.length}`));
    }
    if (bucket.kind !== 'anywhere') {
      // Our reading of the structure said rooted; tree-sitter has the last word.
      const unrooted = bucket.groups.filter((_, i) => !query.isPatternRooted(i));
      if (unrooted.length > 0) {
        query.delete();
        for (const g of unrooted) g.scope = 'anywhere';
        const all = this.buckets.flatMap((b) => b.groups);
        this.deleteQueries();
        this.layout(all);
        throw new ScopeChanged();
      }
    }
    bucket.query = query;
    return query;
  }

  /**
   * Compiles the groups of spot buckets not compiled yet as one query, when that goes through
   * cleanly (else each compiles alone later, which names a broken rule file and moves a pattern
   * tree-sitter finds unrooted).
   */
  private compileTogether(buckets: Bucket[]): void {
    let query: Query;
    try {
      query = uncounted(() => new Query(this.language, buckets.map((b) => b.groups[0]!.structure).join('\n')));
    } catch {
      return;
    }
    if (query.patternCount() !== buckets.length || buckets.some((_, i) => !query.isPatternRooted(i))) {
      query.delete();
      return;
    }
    buckets.forEach((b, i) => {
      b.query = query;
      b.first = i;
    });
  }

  /** The query this run uses for a bucket, and the pattern index of its first group there. */
  private runnable(bucket: Bucket, query: Query, small: boolean): { query: Query; first: number } {
    if (bucket.first === undefined) return { query, first: 0 };
    if (small) return { query, first: bucket.first };
    return { query: (bucket.solo ??= uncounted(() => new Query(this.language, bucket.groups[0]!.structure))), first: 0 };
  }

  /** Compiles every query now (validates all rule files; benchmarks). */
  compileAll(): void {
    for (;;) {
      try {
        for (const b of this.buckets) this.compiled(b);
        return;
      } catch (err) {
        if (!(err instanceof ScopeChanged)) throw err;
      }
    }
  }

  /**
   * Compiles one query not compiled yet; false when all are. A language server calls it while
   * idle, so a later edit that brings a new pattern into play does not wait for its compile.
   */
  compileNext(): boolean {
    const next = this.buckets.find((b) => !b.query);
    if (!next) return false;
    try {
      this.compiled(next);
    } catch (err) {
      if (!(err instanceof ScopeChanged)) throw err;
    }
    return this.buckets.some((b) => !b.query);
  }

  private readonly importMemos = new Map<string, ImportMemo>();

  /** Whether spot queries may be compiled together for small files (EngineOptions.shareSpotQueries). */
  shareSpotQueries = true;

  /** Gate facts that depend only on a file's imports, shared across files importing the same. */
  importMemo(imports: ImportTable): ImportMemo {
    const key = imports.signature;
    let memo = this.importMemos.get(key);
    if (!memo) {
      if (this.importMemos.size >= 256) this.importMemos.clear();
      memo = { imports: new Map(), locals: new Map() };
      this.importMemos.set(key, memo);
    }
    return memo;
  }

  /** Rule patterns as written. */
  get patternCount(): number {
    return this.count;
  }

  /** Distinct pattern structures actually run (identical structures are matched once). */
  get compiledPatternCount(): number {
    return this.groupCount;
  }

  /** How many patterns each way of running holds, how many are compiled so far, and into how many queries. */
  get stats(): Record<BucketKind | 'compiled' | 'queries', number> {
    const out: Record<BucketKind | 'compiled' | 'queries', number> = { scan: 0, spot: 0, root: 0, anywhere: 0, compiled: 0, queries: 0 };
    for (const b of this.buckets) {
      out[b.kind] += b.groups.length;
      if (b.query) out.compiled += b.groups.length;
    }
    out.queries = new Set(this.buckets.flatMap((b) => [b.query, b.solo]).filter((q) => q !== undefined)).size;
    return out;
  }

  /**
   * Runs the queries and calls `visit` for each (match, pattern) whose predicates hold.
   * `ranges` restricts the run to matches intersecting them (whole tree when undefined); `scope`
   * picks the patterns: `local` (inside one top-level node; honours `ranges`), `global` (may
   * span top-level nodes; always the whole tree), or `all`.
   */
  private collect(
    root: Node,
    ctx: MatchContext,
    enabled: ReadonlySet<CategoryId> | undefined,
    ranges: readonly QueryRange[] | undefined,
    scope: 'all' | 'local' | 'global',
    visit: (match: QueryMatch, info: PatternInfo, global: boolean) => void,
    only?: RootFilter,
  ): void {
    let localFacts: Facts | undefined;
    let wholeFacts: Facts | undefined;
    const factsFor = (global: boolean) =>
      global || !ranges ? (wholeFacts ??= new Facts(this, ctx, undefined)) : (localFacts ??= new Facts(this, ctx, ranges));
    const usable = (m: PatternInfo, facts: Facts) => (!enabled || enabled.has(m.category)) && (!only || only(m)) && facts.canMatch(m);
    // Which buckets run, compiled first: compiling can move a pattern to `anywhere`.
    let plan: { bucket: Bucket; query: Query; global: boolean; facts: Facts; active: boolean[] }[];
    const small = ctx.text.length <= SHARED_QUERY_MAX_CHARS;
    for (;;) {
      try {
        const wanted: { bucket: Bucket; global: boolean; facts: Facts; active: boolean[] }[] = [];
        for (const bucket of this.buckets) {
          const global = bucket.kind === 'root' || bucket.kind === 'anywhere';
          if ((scope === 'local' && global) || (scope === 'global' && !global)) continue;
          const facts = factsFor(global);
          const active = bucket.groups.map((g) => g.members.some((m) => usable(m, facts)));
          if (active.includes(true)) wanted.push({ bucket, global, facts, active });
        }
        const firstSpots = wanted.filter((w) => w.bucket.kind === 'spot' && !w.bucket.query).map((w) => w.bucket);
        if (firstSpots.length > 1 && small && this.shareSpotQueries) this.compileTogether(firstSpots);
        plan = wanted.map((w) => ({ ...w, query: this.compiled(w.bucket) }));
        break;
      } catch (err) {
        // A local-only run cannot handle a pattern that turned out to span top-level nodes.
        if (!(err instanceof ScopeChanged) || scope === 'local') throw err;
      }
    }
    // Predicates of a run restricted to ranges look up enclosing nodes in those ranges only.
    const rowRanges = ranges?.map((r) => ({ ...r, startRow: ctx.lines.position(r.startIndex).line, endRow: ctx.lines.position(r.endIndex).line }));
    const outerRanges = ctx.queryRanges;
    try {
      this.runPlan(plan, root, ctx, ranges, rowRanges, small, usable, visit);
    } finally {
      ctx.queryRanges = outerRanges;
    }
  }

  private runPlan(
    plan: { bucket: Bucket; query: Query; global: boolean; facts: Facts; active: boolean[] }[],
    root: Node,
    ctx: MatchContext,
    ranges: readonly QueryRange[] | undefined,
    rowRanges: RowRange[] | undefined,
    small: boolean,
    usable: (m: PatternInfo, facts: Facts) => boolean,
    visit: (match: QueryMatch, info: PatternInfo, global: boolean) => void,
  ): void {
    let tops: TopLevel | undefined;
    // A stopped run returns partial matches: afterCancellable() turns that into a failure.
    const budget: QueryBudget = ctx.budget ? { progressCallback: ctx.budget.cancelFor('rule queries') } : {};
    for (const { bucket, global, facts, active, ...compiled } of plan) {
      ctx.queryRanges = global ? undefined : rowRanges;
      const { query, first } = this.runnable(bucket, compiled.query, small);
      let matches: QueryMatch[];
      let spots: CharRange[] | undefined = [];
      if (bucket.kind === 'spot') {
        for (const m of bucket.groups[0]!.members) {
          if (!usable(m, facts)) continue;
          const mine = facts.spots(m);
          if (!mine) {
            spots = undefined;
            break;
          }
          for (const r of mine) spots.push(r);
        }
      }
      if (bucket.kind === 'spot' && spots) {
        tops ??= new TopLevel(root);
        matches = [];
        const roots = containerRoots(bucket.groups[0]!);
        const done = roots ? new Set<number>() : undefined;
        for (const r of mergeRanges(spots, SPOT_GAP)) {
          // Local matches lie inside the top-level node holding the spot: start there.
          const start = ctx.lines.position(r.startIndex);
          const end = ctx.lines.position(r.endIndex);
          const top = tops.containing(r.startIndex, r.endIndex);
          let from = top;
          if (roots && done) {
            // Matches rooted inside the innermost node holding the spot come from a range query
            // started there; those rooted above it hold the whole spot, so each such ancestor of a
            // root type is queried at itself (maxStartDepth 0), once per run however many spots it holds.
            from = top.descendantForIndex(r.startIndex, Math.max(r.startIndex, r.endIndex - 1)) ?? top;
            for (let a = from.id === top.id ? null : from.parent; a; a = a.id === top.id ? null : a.parent) {
              if (!roots.has(a.type) || done.has(a.id)) continue;
              done.add(a.id);
              for (const m of query.matches(a, { maxStartDepth: 0, ...budget })) matches.push(m);
            }
          }
          const found = query.matches(from, {
            startPosition: { row: start.line, column: start.character },
            endPosition: { row: end.line, column: end.character },
            ...budget,
          });
          for (const m of found) matches.push(m);
        }
      } else if (bucket.kind === 'scan' || bucket.kind === 'spot') {
        matches = matchesIn(query, root, ranges, ctx.lines, budget);
      } else {
        matches = query.matches(root, bucket.kind === 'root' ? { maxStartDepth: 0, ...budget } : budget);
      }
      ctx.budget?.afterCancellable();
      for (const match of matches) {
        ctx.budget?.check('rule predicates');
        const i = match.patternIndex - first;
        if (!active[i]) continue;
        const group = bucket.groups[i];
        if (!group) continue;
        const caps = match.captures;
        members: for (const info of group.members) {
          if (!usable(info, facts)) continue;
          for (const check of info.checks) if (!check(caps, ctx)) continue members;
          visit(match, info, global);
        }
      }
    }
  }

  /**
   * Triggers in document order, one per (category, node): when several rules of a category
   * mark the same node, the earliest pattern wins.
   */
  run(
    root: Node,
    ctx: MatchContext,
    enabled?: ReadonlySet<CategoryId>,
    ranges?: readonly QueryRange[],
    scope: 'all' | 'local' | 'global' = 'all',
    only?: RootFilter,
  ): RawTrigger[] {
    const found: RawTrigger[] = [];
    this.collect(root, ctx, enabled, ranges, scope, (match, info, global) => {
      for (const node of captureNodes(match, 'trigger')) found.push({ rule: info.rule, category: info.category, node, ordinal: info.ordinal, global, mention: info.props.evidence !== undefined, ...(info.props.evidence === 'summary' ? { summary: true } : {}) });
    }, only);
    return sortTriggers(found);
  }

  /**
   * Findings: one per (rule, node), with the pattern's properties and the captures of its
   * first match, in document order.
   */
  runFindings(
    root: Node,
    ctx: MatchContext,
    enabled?: ReadonlySet<CategoryId>,
    ranges?: readonly QueryRange[],
    scope: 'all' | 'local' | 'global' = 'all',
    only?: RootFilter,
  ): RawFinding[] {
    const found: { start: number; end: number; f: RawFinding }[] = [];
    this.collect(root, ctx, enabled, ranges, scope, (match, info, global) => {
      const node = captureNodes(match, this.capture)[0];
      if (!node) return;
      const captures = new Map<string, Node>();
      for (const c of match.captures) if (!captures.has(c.name)) captures.set(c.name, c.node);
      found.push({
        start: node.startIndex,
        end: node.endIndex,
        f: { rule: info.rule, category: info.category, node, props: info.props, captures, ordinal: info.ordinal, global },
      });
    }, only);
    found.sort((a, b) => a.start - b.start || a.end - b.end || a.f.ordinal - b.f.ordinal);
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    for (const x of found) {
      const key = `${x.f.rule}:${x.start}:${x.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(x.f);
    }
    return out;
  }

  /** The node types the matches of the pattern with this ordinal can be rooted at, and its context reads. */
  scopeOf(ordinal: number): PatternScope {
    return this.scopes[ordinal] ?? { rootTypes: undefined, readsContext: true };
  }

  /** Whether some pattern can span top-level nodes (re-run over the whole file every time). */
  get hasGlobalPatterns(): boolean {
    return this.buckets.some((b) => b.kind === 'root' || b.kind === 'anywhere');
  }

  delete(): void {
    this.deleteQueries();
  }

  /** Deletes every compiled query once (spot buckets may share one). */
  private deleteQueries(): void {
    for (const q of new Set(this.buckets.flatMap((b) => [b.query, b.solo]))) q?.delete();
  }
}

/** A pattern's `#set!` properties and capture names, after checking them (`fail` throws, naming the pattern). */
function validatePattern(
  analysis: Exclude<PatternAnalysis, { error: string }>,
  source: RuleSource,
  capture: 'trigger' | 'finding',
  fail: (message: string) => never,
): { props: Record<string, string>; category: CategoryId; captureNames: Set<string> } {
  const props: Record<string, string> = {};
  for (const p of analysis.predicates) {
    if (p.operator !== 'set!') continue;
    const [k, v] = p.operands;
    if (k?.type === 'string' && v?.type === 'string') props[k.value] = v.value;
  }
  const required = capture === 'finding' ? FINDING_PROPS : ['rule'];
  const missing = required.filter((k) => props[k] === undefined);
  const category = source.category ?? props.category;
  if (missing.length > 0 || !isCategoryId(category)) {
    return fail(
      `needs (#set! ${missing.join(' / ') || 'category'} "...")${
        category !== undefined && !isCategoryId(category) ? ` (unknown category ${category})` : ''
      }`,
    );
  }
  if (props.evidence !== undefined && props.evidence !== 'mention' && props.evidence !== 'summary') fail(`evidence must be "mention" or "summary", not ${JSON.stringify(props.evidence)}`);
  if (props.confidence !== undefined && props.confidence !== 'low') fail(`confidence must be "low" (audit findings), not ${JSON.stringify(props.confidence)}`);
  if (capture === 'finding' && !['error', 'warning', 'info'].includes(props.severity ?? '')) {
    fail(`severity must be error, warning or info, not ${JSON.stringify(props.severity)}`);
  }
  const unknown = analysis.predicates.find(
    (p) => !OWN_PREDICATES.has(p.operator) && !TEXT_PREDICATES.has(p.operator) && !p.operator.endsWith('!') && p.operator !== 'is?' && p.operator !== 'is-not?',
  );
  if (unknown) fail(`uses unknown predicate #${unknown.operator}`);
  const captureNames = new Set(analysis.captures);
  for (const p of analysis.predicates) {
    for (const o of p.operands) {
      if (o.type === 'capture' && !captureNames.has(o.name)) fail(`#${p.operator} names @${o.name}, which the pattern does not capture`);
    }
  }
  return { props, category, captureNames };
}

/** Where a pattern's matches can be, from the node types its root can have. */
function scopeOf(roots: readonly string[] | undefined): Scope {
  if (roots === undefined || roots.includes('ERROR') || roots.includes('_')) return 'anywhere';
  if (!roots.some((t) => FILE_ROOT_TYPES.has(t))) return 'local';
  return roots.every((t) => FILE_ROOT_TYPES.has(t)) ? 'root' : 'anywhere';
}

/**
 * Gate conditions implied by a pattern's predicates, as plain data (cached with the rule files'
 * analysis). Each must hold for the predicates to hold (never the other way round), so skipping
 * a pattern whose gate fails changes no result. Factor strings are listed in the order the
 * registry first sees them, so ids come out the same whether the analysis was cached or not.
 */
function conditionSpecs(predicates: ParsedPredicate[], captures: ReadonlyMap<string, CaptureInfo>, tokens: ReadonlySet<string>, family: QueryFamily, oneOf: readonly string[][] = []): ConditionSpec[] {
  const out: ConditionSpec[] = [];
  const factorsCondition = (strings: string[] | undefined) => {
    if (!strings || strings.length === 0 || strings.some((s) => s.length === 0)) return;
    out.push({ kind: 'factors', strings: [...new Set(strings)] });
  };
  for (const p of predicates) {
    const capture = p.operands[0]?.type === 'capture' ? p.operands[0].name : undefined;
    const literal = p.operands[1]?.type === 'string' ? p.operands[1].value : undefined;
    switch (p.operator) {
      case 'imports?':
        if (p.operands[0]?.type === 'string') out.push({ kind: 'imports', re: p.operands[0].value });
        break;
      case 'eq?':
        // `eq?` holds vacuously when the capture is absent; only a guaranteed capture gates.
        if (capture && literal !== undefined && p.operands.length === 2 && captures.get(capture)?.guaranteed) factorsCondition([literal]);
        break;
      case 'any-eq?':
        if (capture && literal !== undefined && p.operands.length === 2) factorsCondition([literal]);
        break;
      case 'any-of?':
        // Fails when the capture is absent.
        if (capture && p.operands.length > 1 && p.operands.slice(1).every((o) => o.type === 'string')) {
          factorsCondition(p.operands.slice(1).map((o) => (o.type === 'string' ? o.value : '')));
        }
        break;
      case 'sql-concat?':
        out.push({ kind: 'pattern', re: 'sql' });
        break;
      case 'match?':
      case 'any-match?':
      case 'concat-match?':
        // Fails when the capture is absent.
        if (capture && literal !== undefined) factorsCondition(regexFactors(literal));
        break;
      case 'resolves-to?': {
        // Fails when the capture is absent; holds only for names whose head is imported.
        if (!capture || p.operands[1]?.type !== 'string') break;
        const source = p.operands[1].value;
        const types = captures.get(capture)?.types;
        const chain = !types || [...types].some((t) => CHAIN_TYPES[family].has(t));
        // A bare identifier resolves to exactly the module it is bound to; for `module.member...`
        // the module must be able to start a matching name.
        out.push({ kind: 'resolves', re: source, chain, prefixes: chain ? (regexPrefixes(source) ?? null) : null, requireWords: chain && family === 'ecma' });
        break;
      }
      case 'sql?':
      case 'transaction-sql?': {
        // Fails when the capture is absent; string literal text starts with its quote.
        const types = capture ? captures.get(capture)?.types : undefined;
        if (types && [...types].every((t) => STRING_TYPES[family].has(t))) {
          out.push({ kind: 'pattern', re: p.operator === 'sql?' ? 'sql' : 'transaction-sql' });
        }
        break;
      }
      default:
        break;
    }
  }
  // Operator and punctuation tokens the structure requires occur in the match's text.
  for (const token of tokens) if (/^[^\p{L}\p{N}_\s]+$/u.test(token)) out.push({ kind: 'factors', strings: [token], cleanTree: true });
  // ... and so does one of an alternation's (`operator: ["==" "!="]`).
  for (const set of oneOf) if (set.every((t) => /^[^\p{L}\p{N}_\s]+$/u.test(t))) out.push({ kind: 'factors', strings: [...set], cleanTree: true });
  return out;
}

function toCondition(spec: ConditionSpec, factorId: (s: string) => number): Condition {
  switch (spec.kind) {
    case 'imports':
      return { kind: 'imports', re: new RegExp(spec.re) };
    case 'factors':
      return spec.cleanTree ? { kind: 'factors', ids: spec.strings.map(factorId), cleanTree: true } : { kind: 'factors', ids: spec.strings.map(factorId) };
    case 'pattern':
      return { kind: 'pattern', re: spec.re === 'sql' ? SQL_START : TRANSACTION_SQL_HINT };
    case 'resolves': {
      const re = new RegExp(spec.re);
      const prefixes = spec.prefixes;
      const compatible = !spec.chain
        ? (q: string) => re.test(q)
        : (q: string) => re.test(q) || !prefixes || prefixes.some((pre) => `${q}.`.startsWith(pre) || pre.startsWith(`${q}.`));
      return { kind: 'resolves', compatible, cache: new Map(), requireWords: spec.requireWords };
    }
  }
}

/** What a rule file's patterns are, as plain data: the expensive part of loading rules. */
export function analyzeSource(source: RuleSource, family: QueryFamily): PatternAnalysis[] {
  return splitPatterns(source.text).map((text): PatternAnalysis => {
    let parsed;
    try {
      parsed = parsePattern(text);
    } catch (err) {
      return { error: (err as Error).message };
    }
    return {
      structure: parsed.structure,
      predicates: parsed.predicates,
      captures: [...parsed.captures.keys()],
      rootTypes: parsed.rootTypes ?? null,
      conditions: conditionSpecs(parsed.predicates, parsed.captures, parsed.tokens, family, parsed.oneOf),
    };
  });
}

function analyzeSourceCached(source: RuleSource, family: QueryFamily, cache: RuleAnalysisCache | undefined): PatternAnalysis[] {
  return cache?.get(family, source) ?? analyzeSource(source, family);
}

/** Finds the rule file behind a failed merged compile, for a useful error message. */
function locateError(language: Language, sources: RuleSource[], merged: Error): RuleFileError {
  for (const source of sources) {
    let q: Query | undefined;
    try {
      q = new Query(language, source.text);
      const texts = splitPatterns(source.text);
      if (texts.length !== q.patternCount()) {
        return new RuleFileError(`${source.file}: could not split into patterns (${texts.length} found, ${q.patternCount()} compiled)`);
      }
    } catch (err) {
      return new RuleFileError(`${source.file}: ${(err as Error).message}`);
    } finally {
      q?.delete();
    }
  }
  return new RuleFileError(merged.message);
}

/**
 * Statement lists. A pattern rooted at one (`(statement_block [(lexical_declaration …)] [(expression_statement
 * (call_expression …))])`: a query built in one statement and run in a later one) is matched by walking the
 * list's children, and a range query around a spot deep inside a long body walked the whole body again for
 * every spot in it (a 700-line method with twenty `this.query(` calls: twenty walks of the method, 9 ms of
 * an 18 ms keystroke). Such a pattern is run once on each list holding a spot, whatever the number of spots.
 * (Wider nodes, functions and classes, were measured too: there a range query is cheaper.)
 */
const CONTAINER_TYPES: ReadonlySet<string> = new Set(['statement_block', 'statement_list', 'block']);

/** The root types of a group rooted (also) at a statement list, else undefined (worked out once per group). */
function containerRoots(group: PatternGroup): ReadonlySet<string> | undefined {
  if (group.listRoots === undefined) {
    const roots = group.members[0]?.rootTypes;
    group.listRoots = roots !== undefined && roots.some((t) => CONTAINER_TYPES.has(t)) ? new Set(roots) : null;
  }
  return group.listRoots ?? undefined;
}

/** Finds the top-level node (child of the root) holding a range, or the root. */
class TopLevel {
  constructor(private readonly root: Node) {}

  containing(start: number, end: number): Node {
    const child = this.root.firstChildForIndex(start);
    return child && child.startIndex <= start && child.endIndex >= end ? child : this.root;
  }
}

/**
 * Runs a query over character ranges. web-tree-sitter 0.25 takes `startIndex`/`endIndex` in
 * bytes of its UTF-16 buffer, not in the code units its nodes report, so ranges go in as rows and
 * columns, which it converts consistently.
 */
function matchesIn(query: Query, root: Node, ranges: readonly QueryRange[] | undefined, lines: LineIndex, budget: QueryBudget): QueryMatch[] {
  if (!ranges) return query.matches(root, budget);
  const out: QueryMatch[] = [];
  for (const r of ranges) {
    if (r.endIndex <= r.startIndex) continue;
    const start = lines.position(r.startIndex);
    const end = lines.position(r.endIndex);
    const found = query.matches(root, {
      startPosition: { row: start.line, column: start.character },
      endPosition: { row: end.line, column: end.character },
      ...budget,
    });
    for (const m of found) out.push(m);
  }
  return out;
}

/** Query options that stop a run when the analysis' budget is spent (none without a budget). */
type QueryBudget = { progressCallback?: () => boolean };

/** Records the analysis of every rule file under `queriesDir` in `file` (run by the build). */
export function writeRuleCache(queriesDir: string, file: string): { files: number; patterns: number } {
  const cache = RuleAnalysisCache.empty();
  let patterns = 0;
  for (const family of ['go', 'python', 'ecma'] as const) {
    for (const source of [...readRuleSources(queriesDir, family), ...readFindingSources(queriesDir, family)]) {
      const analyses = analyzeSource(source, family);
      patterns += analyses.length;
      cache.set(family, source, analyses);
    }
  }
  cache.save(file);
  return { files: cache.size, patterns };
}
