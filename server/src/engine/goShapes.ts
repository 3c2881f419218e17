/**
 * Shapes of Go code read around a match: whether a `go` statement shares anything with the code
 * that spawned it (`#fire-and-forget?`), and what the enclosing function says before or after a
 * call (`#text-before?`, `#text-after?`). Used by server/queries/go/concurrency.scm and
 * server/queries/go/findings/jwt.scm.
 */
import type { Node } from 'web-tree-sitter';
import { enclosingFunction, type ValueContext } from './valueFacts';

const GO_FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** Calls that synchronise with other goroutines: locks, WaitGroups, conditions, atomics, semaphores, errgroups. */
const SYNC_METHOD = /^(Lock|Unlock|RLock|RUnlock|TryLock|TryRLock|Done|Add|Wait|Signal|Broadcast|Store|Load|Swap|CompareAndSwap|LoadOrStore|LoadAndDelete|Go|TryGo|Acquire|TryAcquire|Release)$/;

/** Names a spawned call's argument has when it is a channel, a WaitGroup or a result slot. */
const SHARED_ARGUMENT = /^(ch|done|quit|stop|stopCh|doneCh|results?|errs?Ch|errCh|wg|mu|lock|sem)$|(Ch|Chan|Channel|WG|Wg|WaitGroup|Mutex|Mu)$/;

/** A field of the spawner's receiver set to a cancel func or a stop / done channel. */
const STORED_HANDLE = /\.\w+\s*=\s*(cancel|stop|done|quit)\w*\b|\.\w*([Cc]ancel|[Ss]top|[Qq]uit|[Dd]one)\w*\s*=[^=]/;

function named(n: Node | null | undefined): Node[] {
  return (n?.namedChildren ?? []).filter((c): c is Node => c !== null);
}

/** The innermost Go function around a node. */
function enclosingGoFunction(n: Node): Node | null {
  let cur = n.parent;
  while (cur && !GO_FUNCTIONS.has(cur.type)) cur = cur.parent;
  return cur;
}

/** The variable a written expression belongs to: `x`, `x.f`, `x[i]`, `*p` all write `x`. */
function rootName(n: Node): string | undefined {
  let cur: Node | null = n;
  while (cur) {
    if (cur.type === 'identifier') return cur.text;
    if (cur.type === 'selector_expression') cur = cur.childForFieldName('operand');
    else if (cur.type === 'index_expression' || cur.type === 'slice_expression') cur = cur.childForFieldName('operand');
    else if (cur.type === 'unary_expression' || cur.type === 'parenthesized_expression') cur = named(cur).at(-1) ?? null;
    else return undefined;
  }
  return undefined;
}

/** Names a function literal declares itself: its parameters, `:=`, `var`, range variables, nested literals' parameters. */
function declaredInside(fn: Node): Set<string> {
  const out = new Set<string>();
  for (const field of ['receiver', 'parameters']) {
    for (const id of fn.childForFieldName(field)?.descendantsOfType('identifier') ?? []) if (id) out.add(id.text);
  }
  for (const d of fn.descendantsOfType(['short_var_declaration', 'var_spec', 'range_clause', 'parameter_declaration'])) {
    if (!d) continue;
    const left = d.type === 'var_spec' || d.type === 'parameter_declaration' ? d : d.childForFieldName('left');
    if (d.type === 'range_clause' && !/:=/.test(d.text)) continue;
    const names = d.type === 'var_spec' || d.type === 'parameter_declaration' ? d.childrenForFieldName('name') : named(left);
    for (const name of names) if (name?.type === 'identifier') out.add(name.text);
  }
  return out;
}

/**
 * `#fire-and-forget? @go`: the `go` statement starts work that shares nothing visible with its
 * spawner, which keeps no cancel func or stop channel for it in a field: `go f(a, b)` /
 * `go pkg.Serve()` (a package-level function, not a method of a value the spawner holds nor a
 * local closure) whose arguments are no `&x`, no channel, WaitGroup or lock (by name, or a local
 * made with `make(chan …)`), or `go func() { … }()` whose body sends and
 * receives on no channel, selects nothing, calls no lock / WaitGroup / atomic method and writes no
 * variable it did not declare itself (`go func() { if err := srv.ListenAndServe(); err != nil { log… } }()`).
 */
export function isFireAndForget(goStmt: Node): boolean {
  const call = named(goStmt).find((c) => c.type === 'call_expression');
  if (!call) return false;
  const callee = call.childForFieldName('function');
  const args = named(call.childForFieldName('arguments'));
  // The named function around the statement, through any closures (a go in a defer func() { … }()
  // still runs on the method's receiver and its locals).
  let spawner = enclosingGoFunction(goStmt);
  while (spawner?.type === 'func_literal' && enclosingGoFunction(spawner)) spawner = enclosingGoFunction(spawner);
  const channels = new Set<string>();
  for (const d of spawner?.descendantsOfType(['short_var_declaration', 'var_spec', 'parameter_declaration']) ?? []) {
    if (!d || !/\bchan\b/.test(d.text)) continue;
    const names = d.type === 'short_var_declaration' ? named(d.childForFieldName('left')) : d.childrenForFieldName('name');
    for (const name of names) if (name?.type === 'identifier') channels.add(name.text);
  }
  for (const a of args) {
    if (a.type === 'unary_expression' && a.text.startsWith('&')) return false;
    if (a.type === 'func_literal' || a.descendantsOfType('func_literal').length > 0) return false;
    const root = rootName(a);
    if (a.type === 'identifier' && (channels.has(a.text) || SHARED_ARGUMENT.test(a.text))) return false;
    if (root && a.type === 'selector_expression' && SHARED_ARGUMENT.test(a.childForFieldName('field')?.text ?? '')) return false;
  }
  // The spawner keeps a handle on the goroutine: s.cancel = cancel, w.stopCh = stop, s.done = make(…).
  if (spawner && STORED_HANDLE.test(spawner.text)) return false;
  if (callee?.type !== 'func_literal') {
    // go pkg.Serve() or go notify(url): a package-level function. A method of the receiver, of a
    // parameter or of a local value (go s.loop(), go dw.stream(ctx)), or a local closure
    // (go execute(ctx, t)), runs on state the spawner holds too.
    const root = callee?.type === 'identifier' ? callee.text : callee?.type === 'selector_expression' ? rootName(callee) : undefined;
    return root !== undefined && !(spawner && declaredInside(spawner).has(root));
  }
  const body = callee.childForFieldName('body');
  if (!body) return false;
  if (body.descendantsOfType(['send_statement', 'select_statement', 'go_statement', 'receive_statement']).length > 0) return false;
  if (body.descendantsOfType('unary_expression').some((u) => u?.childForFieldName('operator')?.type === '<-' || u?.text.startsWith('<-'))) return false;
  for (const c of body.descendantsOfType('call_expression')) {
    const f = c?.childForFieldName('function');
    if (f?.type === 'selector_expression' && SYNC_METHOD.test(f.childForFieldName('field')?.text ?? '')) return false;
    if (f?.type === 'selector_expression' && /^atomic\./.test(f.text)) return false;
  }
  const own = declaredInside(callee);
  for (const w of body.descendantsOfType(['assignment_statement', 'inc_statement', 'dec_statement'])) {
    if (!w) continue;
    const targets = w.type === 'assignment_statement' ? named(w.childForFieldName('left')) : named(w).slice(0, 1);
    for (const t of targets) {
      const root = rootName(t);
      if (root === undefined || (root !== '_' && !own.has(root))) return false;
    }
  }
  return true;
}

/**
 * The text of the innermost function around `n` before `n` starts, or after it ends: Go's by its
 * own function types (a callback argument reads the function holding it), other languages' through
 * the engine's enclosing-function index (climbing `parent` to the root from every match made a
 * crafted file of nested arrow functions quadratic). A deferred closure reads its holder too.
 */
function functionTextAround(n: Node, side: 'before' | 'after', ctx: ValueContext): string {
  let fn = ctx.family === 'go' ? enclosingGoFunction(n) : enclosingFunction(n, ctx);
  // A call inside a key function or callback argument reads the function that holds it.
  // So does a deferred closure, `defer func() { tx.Rollback() }()`: it runs as the holder returns.
  while (fn?.type === 'func_literal' && (fn.parent?.type === 'argument_list' || (fn.parent?.type === 'call_expression' && fn.parent.parent?.type === 'defer_statement'))) fn = enclosingGoFunction(fn);
  if (!fn) return '';
  const text = fn.text;
  const offset = side === 'before' ? n.startIndex - fn.startIndex : n.endIndex - fn.startIndex;
  return side === 'before' ? text.slice(0, offset) : text.slice(offset);
}

/** `#text-before? @c "re"`: the enclosing function's code before `@c` matches `re`. */
export function textBefore(n: Node, re: RegExp, ctx: ValueContext): boolean {
  return re.test(functionTextAround(n, 'before', ctx));
}

/** `#text-after? @c "re"`: the enclosing function's code after `@c` matches `re`. */
export function textAfter(n: Node, re: RegExp, ctx: ValueContext): boolean {
  return re.test(functionTextAround(n, 'after', ctx));
}

/** Per analysis: whether a block's text matches a pattern, by block span and pattern (many locals share one block). */
const blockTests = new WeakMap<object, Map<string, boolean>>();

/**
 * `#block-matches? @c "re"`: Go: `@c` is a statement directly in a block (`statement_list`) whose
 * text matches `re` (the block plainly reads request input). Read once per block and pattern: a
 * pattern capturing the block around each local kept a tree-sitter state per local until the block
 * ended, quadratic in a long function.
 */
export function blockMatches(n: Node, re: RegExp, ctx: object): boolean {
  const block = n.parent;
  if (block?.type !== 'statement_list') return false;
  let memo = blockTests.get(ctx);
  if (!memo) blockTests.set(ctx, (memo = new Map()));
  const key = `${block.startIndex}:${block.endIndex}:${re.source}`;
  let hit = memo.get(key);
  if (hit === undefined) memo.set(key, (hit = re.test(block.text)));
  return hit;
}

/**
 * `#executed-later? @c "re"`: Go: `@c` assigns a local (`q := fmt.Sprintf(…)`, `q = "…" + id`), and
 * a later statement of the same block calls a method matching `re` with that local as its first or
 * second argument, directly or as the receiver call of a chain: `db.Query(q, id)`, `rows, err :=
 * tx.QueryContext(ctx, q)`, `if _, err := db.Exec(q); …`, `return tx.RawQuery(q).All(&xs)`. The same
 * statement shapes a pattern listing every later sibling would match, read here in one pass over the
 * siblings: that pattern kept a tree-sitter state per assignment across the rest of the block,
 * quadratic in a long function (800 statements ran over the 2 s budget).
 */
export function isExecutedLater(n: Node, re: RegExp): boolean {
  const target = n.childForFieldName('left')?.namedChild(0);
  if (target?.type !== 'identifier') return false;
  const name = target.text;
  const passes = (call: Node): boolean => {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression') return false;
    const field = fn.childForFieldName('field');
    const args = call.childForFieldName('arguments');
    if (field && args && re.test(field.text)) {
      for (const i of [0, 1]) {
        const a = args.namedChild(i);
        if (a?.type === 'identifier' && a.text === name) return true;
      }
    }
    return false;
  };
  // A call, or a call whose receiver is such a call (tx.RawQuery(q).All(&xs)).
  const used = (call: Node | null): boolean => {
    if (call?.type !== 'call_expression') return false;
    if (passes(call)) return true;
    const operand = call.childForFieldName('function')?.childForFieldName('operand');
    return operand?.type === 'call_expression' && passes(operand);
  };
  const usedInList = (list: Node | null): boolean => list?.type === 'expression_list' && list.namedChildren.some((c) => used(c));
  const usedBy = (s: Node): boolean => {
    switch (s.type) {
      case 'expression_statement':
        return used(s.namedChild(0));
      case 'short_var_declaration':
      case 'assignment_statement':
        return usedInList(s.childForFieldName('right'));
      case 'if_statement': {
        const init = s.childForFieldName('initializer');
        return (init?.type === 'short_var_declaration' || init?.type === 'assignment_statement') && usedInList(init.childForFieldName('right'));
      }
      case 'return_statement':
        return usedInList(s.namedChild(0));
      default:
        return false;
    }
  };
  for (let s = n.nextNamedSibling; s; s = s.nextNamedSibling) if (usedBy(s)) return true;
  return false;
}

/** A call that looks a row up by its arguments: gorm/xorm `Where`/`Find`/`First`, `database/sql` `QueryRow…`, `GetBy…`. */
const LOOKUP_CALL = /(?:^|\.)(?:Where|Find|First|Take|Get|Query|QueryRow|QueryContext|QueryRowContext|FindOne|(?:Get|Find|Lookup)By\w+)$/;

/**
 * `#looked-up-before? @c`: Go: one side of the comparison `@c` is a plain name that the function
 * already passed to a lookup call before it (`d.DB.Where("token = ?", token).Find(app)` … `if
 * app.Token == token`, `QueryRowContext(ctx, q, tokenHash)` … `pat.TokenHash == tokenHash`): the
 * database found the row by that value, so the compare after it only guards the lookup (case,
 * a JSON list's other entries) and adds no timing oracle. Reads only the enclosing function.
 */
export function isLookedUpBefore(n: Node): boolean {
  if (n.type !== 'binary_expression') return false;
  const fn = enclosingGoFunction(n);
  if (!fn) return false;
  const names = [n.childForFieldName('left'), n.childForFieldName('right')].filter((s): s is Node => s?.type === 'identifier').map((s) => s.text);
  if (names.length === 0) return false;
  for (const call of fn.descendantsOfType('call_expression')) {
    if (!call || call.endIndex > n.startIndex) continue;
    const callee = call.childForFieldName('function');
    if (!callee || !LOOKUP_CALL.test(callee.text)) continue;
    if ((call.childForFieldName('arguments')?.namedChildren ?? []).some((a) => a !== null && names.includes(a.text))) return true;
  }
  return false;
}
