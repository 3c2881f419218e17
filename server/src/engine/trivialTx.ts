/**
 * `#trivial-transaction? @t` (and its `not-` form, which the region patterns carry so that both
 * re-run together on an edit): the transaction `@t` opens or ends protects nothing.
 *
 * Python: a Django `transaction.atomic` block (a decorated function's
 * body or a `with` block) that writes at most once, outside any loop, and calls nothing else the
 * engine cannot vouch for as a read: `profile.has_dismissed = True; profile.save(); return
 * JsonResponse(…)`, a view that only reads. One statement is atomic by itself, so the boundary
 * protects nothing (unless the block raises, reads after its write, recovers from an IntegrityError in
 * the savepoint, or is a generator) (round 48, pontoon: judged N; as Go's single-statement transactions). Any call of
 * an unknown function (the project's own helper, a signal, a task) may write, and keeps the region:
 * a textual count of write-named calls lost 100 regions judged right in earlier rounds, whose writes
 * go through helpers (`cls.save(…)`, `_save_m2m`, `perform_mutation`).
 */
import type { Node } from 'web-tree-sitter';

const WRITE = new Set([
  'save', 'delete', 'create', 'update', 'bulk_create', 'bulk_update', 'get_or_create', 'update_or_create', 'add', 'remove', 'set', 'clear',
  'execute', 'executemany', 'raw', 'select_for_update', 'send', 'delay', 'apply_async', 'full_clean',
]);

/** Calls that only read or build values: ORM query-set reads, Django responses, builtins, logging. */
const READ = new Set([
  'get', 'filter', 'exclude', 'all', 'first', 'last', 'count', 'exists', 'values', 'values_list', 'order_by', 'select_related',
  'prefetch_related', 'annotate', 'aggregate', 'only', 'defer', 'distinct', 'none', 'latest', 'earliest', 'in_bulk', 'iterator', 'using',
  'get_object_or_404', 'get_list_or_404', 'render', 'redirect', 'reverse', 'is_valid', 'has_changed', 'int', 'str', 'len', 'list',
  'dict', 'tuple', 'sorted', 'bool', 'float', 'min', 'max', 'sum', 'any', 'isinstance', 'getattr', 'hasattr', 'range', 'enumerate',
  'zip', 'format', 'join', 'split', 'strip', 'lower', 'upper', 'replace', 'startswith', 'endswith', 'items', 'keys', 'append', 'extend',
  'loads', 'dumps', 'now', 'today', 'gettext', 'ugettext', 'gettext_lazy', '_', 'debug', 'info', 'warning', 'error', 'exception',
  'strftime', 'isoformat', 'timedelta', 'date', 'datetime',
]);

function calleeName(call: Node): { name: string; method: boolean } | undefined {
  const f = call.childForFieldName('function');
  if (f?.type === 'identifier') return { name: f.text, method: false };
  if (f?.type === 'attribute') {
    const a = f.childForFieldName('attribute');
    return a ? { name: a.text, method: true } : undefined;
  }
  return undefined;
}

const LOOPS = new Set(['for_statement', 'while_statement', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

function inLoop(n: Node, body: Node): boolean {
  for (let p = n.parent; p && p.id !== body.id; p = p.parent) if (LOOPS.has(p.type)) return true;
  return false;
}

/** ORM reads that decide or raise (`self.queryset.get(pk=obj.pk)`, a permission re-check): after a write they make the rollback matter. */
const QUERY_READ = new Set(['get', 'filter', 'exclude', 'first', 'last', 'exists', 'count', 'get_object_or_404', 'get_list_or_404', 'latest', 'earliest', 'in_bulk']);

/** A body that relies on the rollback: it raises, recovers from a database error in a savepoint, or is a generator (the block ends before iteration). */
const RELIES_ON_ROLLBACK = /\braise\b|IntegrityError|DatabaseError|OperationalError|TransactionManagementError|\byield\b/;

export function isTrivialAtomicBody(body: Node): boolean {
  if (RELIES_ON_ROLLBACK.test(body.text)) return false;
  let writes = 0;
  for (const call of body.descendantsOfType('call')) {
    if (!call) continue;
    const callee = calleeName(call);
    if (!callee) return false;
    const { name, method } = callee;
    if (WRITE.has(name) && (method || name === 'send')) {
      if (inLoop(call, body)) return false;
      writes++;
      if (writes > 1) return false;
      continue;
    }
    // A read after the write (nautobot: `obj = form.save(); self.queryset.get(pk=obj.pk)`, an
    // object-permission check that rolls the save back): the boundary is the check's.
    if (writes > 0 && QUERY_READ.has(name)) return false;
    if (READ.has(name)) continue;
    // A class made (a form, a response, a model instance not yet saved): no write by itself.
    if (/^[A-Z]/.test(name)) continue;
    return false;
  }
  return true;
}

/** Python: the block a `@transaction.atomic` decorator or a `with transaction.atomic():` item governs. */
function pythonAtomicBody(n: Node): Node | null {
  let d: Node | null = n;
  while (d && d.type !== 'decorator' && d.type !== 'with_item' && d.type !== 'block' && d.type !== 'module') d = d.parent;
  if (d?.type === 'decorator') {
    const def = d.parent?.type === 'decorated_definition' ? d.parent.childForFieldName('definition') : null;
    return def?.type === 'function_definition' ? def.childForFieldName('body') : null;
  }
  if (d?.type === 'with_item') {
    const value = d.childForFieldName('value');
    // The item must be the call itself, `with transaction.atomic():`, not something inside its arguments.
    if (value?.type !== 'call' || value.childForFieldName('function')?.startIndex !== n.startIndex) return null;
    const stmt = d.parent?.type === 'with_clause' ? d.parent.parent : null;
    return stmt?.type === 'with_statement' ? stmt.childForFieldName('body') : null;
  }
  return null;
}

/** TS/JS: calls that may write between a transaction's start and its commit (an ORM save, a raw query, the project's own `saveUser`). */
const ECMA_WRITE = /\.(save|insert|update|delete|remove|softDelete|softRemove|restore|create|upsert|increment|decrement|query|execute|persist|flush|bulkCreate|destroy|set|add)\w*\(/g;
const ECMA_LOOP = /\b(for|while)\b|\.(forEach|map)\(|Promise\.all/;

/**
 * TS/JS (round 48, Flowise's six services): an explicit transaction, `queryRunner.startTransaction()`
 * at the default isolation … `commitTransaction()`, with at most one write and no loop between the two
 * in the function holding the call (`@t` is the start, the commit or the rollback).
 */
function ecmaTrivialTransaction(n: Node): boolean {
  if (!/^(startTransaction|commitTransaction|rollbackTransaction)$/.test(n.text)) return false;
  let fn: Node | null = n.parent;
  while (fn && !['function_declaration', 'method_definition', 'function_expression', 'arrow_function', 'generator_function_declaration'].includes(fn.type)) fn = fn.parent;
  if (!fn) return false;
  const text = fn.text;
  const start = text.search(/\.startTransaction\(\s*\)/);
  if (start < 0) return false;
  const commit = text.indexOf('.commitTransaction(', start);
  if (commit < 0) return false;
  const between = text.slice(text.indexOf(')', start) + 1, commit);
  if (ECMA_LOOP.test(between)) return false;
  return (between.match(ECMA_WRITE) ?? []).length <= 1;
}

/** Session settings a transaction scopes for its queries: `tx.execute(sql\`SET LOCAL pg_trgm.similarity_threshold = 0.3\`)`. */
const ECMA_SET_LOCAL = /\b[\w$.]+\.execute\(\s*sql\s*`\s*SET\s+LOCAL\b[^`$]*`\s*\)/gi;
/** What makes reads in a transaction matter: an isolation level, a read-only snapshot request, a locking read. */
const ECMA_SNAPSHOT = /isolation|ISOLATION|readOnly|read only|READ ONLY|REPEATABLE|[Rr]epeatable|SERIALIZABLE|[Ss]erializable|FOR\s+(UPDATE|SHARE|NO KEY)|\.for\(\s*['"]|forUpdate|forShare|lockForUpdate|\block\w*\(/;

/**
 * TS/JS (round 69, midday's pg_trgm searches): `db.transaction(async (tx) => { await
 * tx.execute(sql\`SET LOCAL …\`); return tx.select(…).from(t).where(…) })`: a callback that, but
 * for session settings it scopes, calls nothing that may write, outside any loop, at the default
 * isolation. Reads alone at READ COMMITTED see what they would see without the boundary; the
 * transaction only scopes the setting.
 */
function ecmaReadOnlyCallback(n: Node): boolean {
  if (!/^(transaction|transactionAsync)$/.test(n.text)) return false;
  const call = n.parent?.type === 'member_expression' ? n.parent.parent : null;
  const args = call?.type === 'call_expression' ? call.childForFieldName('arguments') : null;
  if (!args) return false;
  const callbacks = args.namedChildren.filter((a): a is Node => a !== null && (a.type === 'arrow_function' || a.type === 'function_expression'));
  if (callbacks.length !== 1 || args.namedChildCount !== 1) return false;
  const body = callbacks[0]!.childForFieldName('body');
  if (!body) return false;
  const text = body.text.replace(ECMA_SET_LOCAL, '');
  if (ECMA_LOOP.test(text) || ECMA_SNAPSHOT.test(text)) return false;
  // The project's own helpers, whatever their names, may write: `this.recordVisit(t)`, `await touch(t)`.
  const param = callbacks[0]!.childForFieldName('parameters')?.namedChild(0)?.text ?? callbacks[0]!.childForFieldName('parameter')?.text ?? '';
  if (/\bthis\.[\w$]+\s*\(/.test(text)) return false;
  for (const m of text.matchAll(/\bawait\s+([\w$]+)\s*\(/g)) if (m[1] !== param) return false;
  // (`search` ignores the global regex's lastIndex, which `test` would carry between calls.)
  return text.search(ECMA_WRITE) === -1 && /\.(select|selectDistinct|findMany|findFirst|findUnique|findOne|count)\w*\(/.test(text);
}

export function isTrivialTransaction(n: Node): boolean {
  if (n.type === 'property_identifier') return ecmaTrivialTransaction(n) || ecmaReadOnlyCallback(n);
  const body = pythonAtomicBody(n);
  return body !== null && isTrivialAtomicBody(body);
}
