/**
 * What the light model knows about Go atomics: which names (struct fields, variables) are
 * declared with a sync/atomic type, read from the declarations of the file and of its package's
 * other files (symbolIndex.ts), and where an atomic access sits relative to the mutex of the
 * same function. Used by `#atomic-typed?`, `#atomic-beside-lock?`, `#small-unit?`
 * (server/queries/go/lock-free.scm).
 *
 * Kinds, by declared type:
 * - `publish`: `atomic.Value`, `atomic.Pointer[T]` — a value or pointer published to readers
 *   who take no lock (hot-reloaded handlers, copy-on-write maps, configuration snapshots);
 * - `scalar`: `atomic.Bool`, `atomic.Int32/Int64/Uint32/Uint64/Uintptr` — counters, flags and
 *   timestamps, lock-free only in how they are used next to a lock;
 * - `pointer`: `unsafe.Pointer`, juggled with `atomic.LoadPointer`/`StorePointer`.
 * Names are matched without their struct (a field `p` declared atomic anywhere in the package
 * makes every `x.p` one): the model is a name table, not a type checker.
 */
import { detached, escapeRegExp } from './strings';
import type { Node } from 'web-tree-sitter';
import { functionText } from './randomUse';
import { enclosingFunction, PACKAGE_CLAUSE_NAME, parentOf, type ValueContext } from './valueFacts';

export type AtomicKind = 'publish' | 'scalar' | 'pointer';

const NAMES = String.raw`[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*`;
const ATOMIC_DECL = new RegExp(
  String.raw`^[ \t]*(?:var[ \t]+)?(${NAMES})[ \t]+\*?(atomic\.(?:Value|Pointer\[[^\]\n]*\]|Bool|Int32|Int64|Uint32|Uint64|Uintptr)|unsafe\.Pointer)(?!\w)`,
  'gm',
);

/** A local made as an atomic: `ptr := &atomic.Pointer[tls.Config]{}`, `n := new(atomic.Int64)`. */
const ATOMIC_LOCAL = /^[ \t]*(?:var[ \t]+)?([A-Za-z_]\w*)[ \t]*:?=[ \t]*(?:&[ \t]*|new\()(atomic\.(?:Value|Pointer\[[^\]\n]*\]|Bool|Int32|Int64|Uint32|Uint64|Uintptr))(?!\w)/gm;

function kindOf(type: string): AtomicKind {
  if (type.startsWith('unsafe.')) return 'pointer';
  return /^atomic\.(Value|Pointer)/.test(type) ? 'publish' : 'scalar';
}

/** Names declared in Go source text as fields or variables of an atomic type (see the kinds above). */
export function goAtomicNames(text: string): Map<string, AtomicKind> {
  const out = new Map<string, AtomicKind>();
  // The declaration regex runs only over the lines that name an atomic type (with the lines their
  // name list continues from): over a whole 5,000-line file on every keystroke it cost more than
  // the incremental re-query itself.
  for (const [start, end] of declarationLines(text)) {
    const lines = text.slice(start, end);
    for (const m of [...lines.matchAll(ATOMIC_DECL), ...lines.matchAll(ATOMIC_LOCAL)]) {
      const kind = kindOf(m[2] ?? '');
      for (const name of (m[1] ?? '').split(',')) {
        const n = name.trim();
        // `var` itself and keywords never name a field; a name declared twice keeps its first kind.
        // Copied out of the text: a cached table must not keep the whole file alive.
        if (n && n !== 'var' && !out.has(n)) out.set(detached(n), kind);
      }
    }
  }
  return out;
}

const ATOMIC_TYPE_WORDS = ['atomic.', 'unsafe.Pointer'];

/**
 * Line spans, merged and in text order, that hold every match of ATOMIC_DECL: each line naming an
 * atomic type, widened back over the lines its name list continues from (`a,⏎ b atomic.Int64`:
 * the names' `\s*,\s*` may cross lines; the last name and the type share a line).
 */
function declarationLines(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const word of ATOMIC_TYPE_WORDS) {
    for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + word.length)) {
      let start = text.lastIndexOf('\n', i) + 1;
      for (;;) {
        let before = start - 1;
        while (before >= 0 && /\s/.test(text[before]!)) before--;
        let after = start;
        while (after < i && /[ \t]/.test(text[after]!)) after++;
        if (before < 0 || (text[before] !== ',' && text[after] !== ',')) break;
        start = text.lastIndexOf('\n', before) + 1;
      }
      const newline = text.indexOf('\n', i);
      spans.push([start, newline === -1 ? text.length : newline]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

/** A stable text of an atomics table, for cache keys (incremental analysis restarts when it changes). */
export function atomicsKey(atomics: ReadonlyMap<string, AtomicKind>): string {
  return [...atomics].map(([n, k]) => `${n}:${k}`).sort().join(',');
}

/** `x`, `x.f`, `x.f.g`: the last name (what was declared) and the first (the variable). */
function chainEnds(n: Node): { last: string; first: Node } | undefined {
  if (n.type === 'identifier') return { last: n.text, first: n };
  if (n.type !== 'selector_expression') return undefined;
  const last = n.childForFieldName('field')?.text;
  let first: Node | null = n;
  while (first && first.type === 'selector_expression') first = first.childForFieldName('operand');
  return last && first?.type === 'identifier' ? { last, first } : undefined;
}

/**
 * The variable's last binding before `at` allocates a fresh value (`e := &entry{}`,
 * `x := new(T)`, `var x T`): stores into it happen before anyone else can see it, so they cannot
 * race. A variable bound from a map, a parameter or a call is shared.
 */
function freshLocal(variable: Node, at: number, fn: Node, ctx: ValueContext): boolean {
  const name = variable.text.replace(/[$]/g, '\\$&');
  const before = ctx.text.slice(fn.startIndex, at);
  const binding = new RegExp(String.raw`(?:^|[^\w.])(?:\w+\s*,\s*)*${name}(?:\s*,\s*\w+)*\s*(:?=)(?!=)|\bvar\s+${name}\b`, 'g');
  let last: RegExpExecArray | undefined;
  for (let m = binding.exec(before); m; m = binding.exec(before)) last = m;
  if (!last) return false;
  if (!last[1]) return !sharedWithGoroutine(name, last.index, fn, ctx);
  const value = before.slice(last.index + last[0].length);
  return /^\s*(&\s*[\w.]+(\[[^\]]*\])?\s*\{|new\()/.test(value) && !sharedWithGoroutine(name, last.index, fn, ctx);
}

/**
 * The local (a regex-escaped name) bound at `from` is used inside a `go func() {…}` the function
 * starts: published to another goroutine (a hot-reloaded TLS config behind an atomic.Pointer), so
 * its stores race with that goroutine's, even the first.
 */
function sharedWithGoroutine(name: string, from: number, fn: Node, ctx: ValueContext): boolean {
  const after = ctx.text.slice(fn.startIndex + from, fn.endIndex);
  const spawn = /\bgo\s+func\s*\(/.exec(after);
  return spawn !== null && new RegExp(String.raw`(?:^|[^\w.])${name}\.`).test(after.slice(spawn.index));
}

/**
 * `#atomic-typed? @recv "kind-re"`: the receiver (identifier or field chain) names something
 * declared with an atomic type of a kind matching the pattern, in this file or its package, and
 * is not a value the function has just allocated.
 */
export function isAtomicTyped(recv: Node, kinds: RegExp, ctx: ValueContext): boolean {
  const ends = chainEnds(recv);
  if (!ends) return false;
  const kind = ctx.atomics?.get(ends.last);
  if (!kind || !kinds.test(kind)) return false;
  const fn = enclosingFunction(recv, ctx);
  return !fn || !freshLocal(ends.first, recv.startIndex, fn, ctx);
}

const LOCK_CALL = /^(Lock|RLock|Unlock|RUnlock)$/;

/** The mutex calls of a function body (`mu.Lock()`, `defer mu.RUnlock()`), in order. */
function lockCalls(fn: Node): { at: number; op: string; deferred: boolean }[] {
  const out: { at: number; op: string; deferred: boolean }[] = [];
  for (const call of fn.descendantsOfType('call_expression')) {
    const callee = call?.childForFieldName('function');
    if (!call || callee?.type !== 'selector_expression') continue;
    const op = callee.childForFieldName('field')?.text ?? '';
    if (!LOCK_CALL.test(op) || (call.childForFieldName('arguments')?.namedChildCount ?? 1) !== 0) continue;
    out.push({ at: call.startIndex, op, deferred: call.parent?.type === 'defer_statement' });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Whether a node is (part of) the condition of an `if`, `for` or `switch`, or an operand of `!`/a comparison. */
function inCondition(n: Node): boolean {
  let cur: Node | null = n;
  for (let depth = 0; cur && depth < 6; depth++) {
    const parent: Node | null = cur.parent;
    if (!parent) return false;
    if (['if_statement', 'for_statement', 'expression_switch_statement'].includes(parent.type)) {
      return parent.childForFieldName('condition')?.id === cur.id || parent.childForFieldName('value')?.id === cur.id;
    }
    if (parent.type === 'unary_expression' || parent.type === 'binary_expression' || parent.type === 'parenthesized_expression') {
      cur = parent;
      continue;
    }
    return false;
  }
  return false;
}

/**
 * `#atomic-beside-lock? @call`: an atomic access that lets code share or skip the function's
 * mutex, so its correctness rests on the atomic alone:
 * - a write (`Store`, `Swap`, `CompareAndSwap`) made while holding only a read lock (`RLock`):
 *   readers mutate shared state side by side;
 * - a read (`Load`) tested in a condition while no exclusive lock is held, the same atomic read
 *   or written again after the function takes its exclusive lock (the double-checked fast path:
 *   `if o.done.Load() { return }; o.mu.Lock(); if !o.done.Load() { …; o.done.Store(true) }`).
 *   An early exit on a flag (`if s.closed.Load() { return }`) before unrelated locking is not.
 * An access under the exclusive lock, or in a function without a mutex (a counter, a metrics
 * gauge), does not qualify.
 */
export function isAtomicBesideLock(call: Node, ctx: ValueContext): boolean {
  const callee = call.type === 'call_expression' ? call.childForFieldName('function') : call.parent?.type === 'call_expression' ? call : null;
  const expr = call.type === 'call_expression' ? call : call.parent;
  if (!callee || !expr || callee.type !== 'selector_expression') return false;
  // atomic.StoreInt32(&x, 1) is x.Store(1) in the function form.
  const method = (callee.childForFieldName('field')?.text ?? '').replace(/(Int32|Int64|Uint32|Uint64|Uintptr)$/, '');
  const fn = enclosingFunction(expr, ctx);
  if (!fn) return false;
  const calls = lockCalls(fn);
  if (!calls.some((c) => c.op === 'Lock' || c.op === 'RLock')) return false;
  const { exclusive, shared } = locksHeldAt(calls, expr.startIndex);
  if (exclusive > 0) return false;
  if (/^(Store|Swap|CompareAndSwap)$/.test(method)) return shared > 0;
  if (method !== 'Load' || !inCondition(expr)) return false;
  // Double-checked: after the exclusive lock the same atomic is read or written again.
  const target = atomicTarget(expr, callee);
  const lock = calls.find((c) => c.op === 'Lock' && c.at > expr.startIndex);
  if (!target || !lock) return false;
  const after = ctx.text.slice(lock.at, fn.endIndex);
  const esc = escapeRegExp(target);
  return new RegExp(String.raw`(^|[^\w.])${esc}\.(Load|Store|Swap|CompareAndSwap)\(|atomic\.(Load|Store|Swap|CompareAndSwap)\w*\(\s*&\s*${esc}\b`).test(after);
}

/** The exclusive and shared locks a function holds at an offset, by its (non-deferred) lock calls before it. */
function locksHeldAt(calls: readonly { at: number; op: string; deferred: boolean }[], offset: number): { exclusive: number; shared: number } {
  let exclusive = 0;
  let shared = 0;
  for (const c of calls) {
    if (c.at >= offset) break;
    if (c.deferred) continue;
    if (c.op === 'Lock') exclusive++;
    else if (c.op === 'Unlock') exclusive = Math.max(0, exclusive - 1);
    else if (c.op === 'RLock') shared++;
    else shared = Math.max(0, shared - 1);
  }
  return { exclusive, shared };
}

/**
 * `#not-lock-guarded? @call`: false when every access in the file to the atomic that `call` reads or
 * writes (`extensions.Load()`, `extensions.Store(…)`) happens while its function holds a mutex it
 * took: a value kept behind a lock that happens to be declared atomic (round 66, photoprism's
 * extension registry under `extMutex`). Nothing reads it lock-free, so there is no ordering protocol
 * to review; the lock is the concurrency region. One access outside a lock (a fast path, a double
 * check, a reader that bypasses the mutex) keeps every access an operation.
 */
export function isNotLockGuarded(call: Node, ctx: ValueContext): boolean {
  const callee = call.type === 'call_expression' ? call.childForFieldName('function') : call.parent?.type === 'call_expression' ? call : null;
  const expr = call.type === 'call_expression' ? call : call.parent;
  if (!callee || !expr || callee.type !== 'selector_expression') return true;
  const target = atomicTarget(expr, callee);
  if (!target) return true;
  ctx.lockGuarded ??= lockGuardedTargets(ctx.root ?? expr.tree.rootNode, ctx);
  return ctx.lockGuarded.get(target) !== true;
}

/**
 * Every atomic accessed by method in the file (`x.Load()`, `o.p.Store(v)`: the text before the
 * method), and whether each of its accesses happens while its function holds a mutex it took
 * (#not-lock-guarded?). The answer for one access depends on functions elsewhere in the file, so
 * the guarded ones are part of the file facts' key (engine.ts): an edit that takes or drops a lock
 * around one access analyses the whole file again.
 */
export function lockGuardedTargets(root: Node, ctx: ValueContext): Map<string, boolean> {
  const guarded = new Map<string, boolean>();
  const access = /(^|[^\w.])([A-Za-z_][\w.]*)\.(?:Load|Store|Swap|CompareAndSwap)\(/g;
  // Each function's lock calls once, however many accesses it has.
  const callsOf = new Map<number, ReturnType<typeof lockCalls>>();
  for (let m = access.exec(ctx.text); m; m = access.exec(ctx.text)) {
    const target = m[2]!;
    if (guarded.get(target) === false) continue;
    const at = m.index + m[1]!.length;
    const node = root.descendantForIndex(at);
    const fn = node ? enclosingFunction(node, ctx) : null;
    let held = false;
    if (fn) {
      let calls = callsOf.get(fn.id);
      if (!calls) callsOf.set(fn.id, (calls = lockCalls(fn)));
      const { exclusive, shared } = locksHeldAt(calls, at);
      held = exclusive + shared > 0;
    }
    guarded.set(target, held);
  }
  return guarded;
}

/** A stable text of the atomics every access of which holds a lock, for cache keys. */
export function lockGuardedKey(guarded: ReadonlyMap<string, boolean>): string {
  return [...guarded].filter(([, held]) => held).map(([t]) => t).sort().join(',');
}

/** What an atomic access reads or writes: `o.done` of `o.done.Load()`, `o.flag` of `atomic.LoadUint32(&o.flag)`. */
function atomicTarget(call: Node, callee: Node): string | undefined {
  const operand = callee.childForFieldName('operand');
  if (operand?.type === 'selector_expression') return operand.text;
  const first = call.childForFieldName('arguments')?.namedChild(0);
  if (first?.type === 'unary_expression' && first.text.startsWith('&')) return first.text.slice(1).trim();
  return operand?.type === 'identifier' && operand.text !== 'atomic' ? operand.text : undefined;
}

const SMALL_UNIT_STATEMENTS = 5;

/** `#small-unit? @node`: the function around the node has at most a few statements (an accessor). */
export function isSmallUnit(n: Node, ctx: ValueContext): boolean {
  const fn = enclosingFunction(n, ctx);
  let block = fn?.childForFieldName('body');
  if (!block) return false;
  const code = (x: Node) => x.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  let statements = code(block);
  // tree-sitter-go wraps a block's statements in a statement_list.
  if (statements.length === 1 && statements[0]!.type === 'statement_list') {
    block = statements[0]!;
    statements = code(block);
  }
  return statements.length <= SMALL_UNIT_STATEMENTS;
}

/** An atomic call other than the one Load a trivial reader makes, or a lock. */
const OTHER_SYNC = /\.(?:Store|Swap|CompareAndSwap\w*|Lock|RLock|Unlock|RUnlock|Wait)\(|\batomic\.\w+\(/;
/** Counter methods: atomic only on an atomic-typed receiver (a Prometheus counter's `Inc()` is not). */
const COUNTER_METHODS = new Set(['Add', 'Sub', 'Inc', 'Dec']);

/**
 * `#not-trivial-reader? @call`: false when the `Load` is the one synchronising operation of a
 * reader that only reads what was published (`return h.val.Load().(*box).h`,
 * `if s := r.read.Load(); s != nil { return s.m[k] }`, `return s.data.Load().allNodes`): one
 * `.Load()` in the function, not in a loop or select, no other atomic operation or lock, and the
 * loaded value compared with nothing but nil. What is published, and when, is decided where it is stored; a
 * reader has no ordering to get wrong (test/corpus/RECONCILED.md, "Readers of a published value").
 * A load compared with a sentinel (`p == expunged`), loaded twice (a double check), or read in a
 * loop (a queue, a spin) still matches.
 */
export function isNotTrivialReader(call: Node, ctx: ValueContext): boolean {
  const expr = call.type === 'call_expression' ? call : call.parent?.type === 'call_expression' ? call.parent : null;
  const fn = expr ? enclosingFunction(expr, ctx) : null;
  const body = fn?.childForFieldName('body');
  if (!expr || !body) return true;
  const text = ctx.text.slice(body.startIndex, body.endIndex);
  if ((text.match(/\.Load\(\)/g) ?? []).length !== 1 || OTHER_SYNC.test(text)) return true;
  for (const c of body.descendantsOfType('call_expression')) {
    const f = c?.childForFieldName('function');
    const recv = f?.type === 'selector_expression' ? f.childForFieldName('operand') : null;
    if (recv && COUNTER_METHODS.has(f?.childForFieldName('field')?.text ?? '') && isAtomicTyped(recv, /^(?:scalar|publish)$/, ctx)) return true;
  }
  // Loaded in a loop or a select: a spin, a queue, a wait (a loop over the loaded snapshot is a read).
  for (let p = expr.parent; p && p.id !== body.id; p = p.parent) if (p.type === 'for_statement' || p.type === 'select_statement') return true;
  // The loaded value: the call itself, through any selectors, index and type assertions, or a name bound to it.
  let value: Node = expr;
  while (value.parent && ['selector_expression', 'type_assertion_expression', 'index_expression', 'parenthesized_expression'].includes(value.parent.type)) value = value.parent;
  const compared = (n: Node) => {
    const parent = n.parent;
    if (parent?.type !== 'binary_expression' || !/^(?:==|!=)$/.test(parent.childForFieldName('operator')?.text ?? '')) return false;
    const other = parent.childForFieldName('left')?.id === n.id ? parent.childForFieldName('right') : parent.childForFieldName('left');
    return other?.text !== 'nil';
  };
  if (compared(value)) return true;
  const list = value.parent?.type === 'expression_list' ? value.parent : null;
  const decl = list?.parent && ['short_var_declaration', 'assignment_statement'].includes(list.parent.type) ? list.parent : null;
  const name = decl?.childForFieldName('left')?.namedChildren[0];
  if (!decl || name?.type !== 'identifier') return false;
  return body.descendantsOfType('identifier').some((id) => id !== null && id.text === name.text && id.startIndex > name.endIndex && compared(id));
}

/** A Go file that imports a command-line framework (its import path in quotes). */
const GO_CLI_FRAMEWORK = /"(?:github\.com\/spf13\/cobra|github\.com\/urfave\/cli(?:\/v\d+)?|github\.com\/alecthomas\/(?:kong|kingpin(?:\/v\d+)?)|gopkg\.in\/alecthomas\/kingpin\.v\d+|github\.com\/peterbourgon\/ff(?:\/v\d+)?(?:\/ffcli)?)"/;

/** A Python program run from a terminal: argument parsing, prompts, or a `__main__` guard. */
const PYTHON_CLI = /^\s*(?:import|from)\s+(?:argparse|click|typer|getpass|optparse|docopt|fire)\b|^if\s+__name__\s*==\s*["']__main__["']/m;

/**
 * `#not-cli-output? @callee`: the call is not a command's own output, `fmt.Print*` in a file of
 * `package main` (a key generator printing the key it made, shown once): stdout of a CLI is what
 * the operator asked for, not a log that outlives the request.
 */
export function isNotCliOutput(callee: Node, ctx: ValueContext): boolean {
  const text = ctx.text.slice(callee.startIndex, callee.endIndex);
  // Python: `print(...)` in a command-line program (it parses arguments or prompts the operator, or
  // runs as `__main__`): an admin command showing the password or TOTP secret it just made.
  if (ctx.family === 'python') return !(text === 'print' && PYTHON_CLI.test(ctx.text));
  // ECMAScript: `console.log(...)` (stdout) in a function that writes its status to stderr
  // (`process.stderr.write(...)`): a command printing the token it minted so `$(cli mint-token)`
  // captures it. console.error / warn and loggers still count. Only the function's own text is
  // read, so an edit elsewhere in the file cannot change the answer.
  if (ctx.family === 'ecma') return !isEcmaCommandOutput(text, functionText(callee));
  if (!/^fmt\.Print/.test(text)) return true;
  // A command of a CLI framework (cobra, urfave/cli, kong, kingpin, ff): its stdout is the
  // command's output (`token create` printing the token it minted), wherever the package lives.
  if (GO_CLI_FRAMEWORK.test(ctx.text)) return false;
  const root = ctx.root ?? callee.tree.rootNode;
  ctx.readNames?.add(PACKAGE_CLAUSE_NAME);
  const clause = root.namedChildren.find((c) => c?.type === 'package_clause');
  const name = clause?.namedChildren.find((c) => c?.type === 'package_identifier');
  return !(name && ctx.text.slice(name.startIndex, name.endIndex) === 'main');
}

/**
 * ECMAScript: the log call `text` (its callee) prints a terminal command's own output:
 * - `console.log` / `console.info` (stdout) in a function that writes its status to stderr
 *   (`process.stderr.write(...)`, a token printed for `$(cli mint-token)`), or that drives the
 *   terminal itself: reads `process.argv` or `process.stdout` (`process.stdout.columns` for a
 *   separator) or ends the process (`process.exit(...)`): a setup command printing the admin
 *   password it generated, once, to the operator who ran it;
 * - an `info` / `log` line of a `logger` / `log` object in a function that ends the process
 *   (`process.exit(...)`): a CLI command (`medusa user --invite`) printing the invite it made.
 * console.error / warn and other logger levels still count, as does any log in server code that
 * does not exit the process.
 */
const ECMA_TERMINAL_FUNCTION = /\bprocess\.(?:stderr\.write\(|stdout\b|argv\b|exit\()/;
function isEcmaCommandOutput(callee: string, fnText: string): boolean {
  if (/^console\.(?:log|info)$/.test(callee)) return ECMA_TERMINAL_FUNCTION.test(fnText);
  return /^(?:[\w$]+\.)*(?:logger|log)\.(?:info|log)$/.test(callee) && /\bprocess\.exit\(/.test(fnText);
}

/** Whether `n` sits in a `return` or in the condition of an `if`, below `stop`. */
function inReturnOrIfCondition(n: Node, stop: Node): boolean {
  for (let cur: Node | null = n; cur && cur.id !== stop.id; cur = cur.parent) {
    const parent: Node | null = cur.parent;
    if (!parent) return false;
    if (parent.type === 'return_statement') return true;
    if (parent.type === 'if_statement' && parent.childForFieldName('condition')?.id === cur.id) return true;
  }
  return false;
}

/**
 * `#not-cache-fill? @call`: false when a `Store` on an atomic.Value / atomic.Pointer fills a
 * read-through cache (dex keyCacher.GetKeys): the same function first loads it into a variable
 * (`keys, ok := k.keys.Load().(*Keys)`) that is only tested and returned early, then recomputes
 * the value from its source and stores it. The stored value never derives from the loaded one, so
 * two racing fillers only repeat work; nothing lock-free is being built. A copy-on-write update
 * (`old := p.Load(); n := clone(old); p.Store(n)`), a CAS in the function, or a Store in a function
 * that does not read the atomic (a publisher) still matches.
 */
export function isNotCacheFill(call: Node, ctx: ValueContext): boolean {
  const callee = call.type === 'call_expression' ? call.childForFieldName('function') : call.parent?.type === 'call_expression' ? call : null;
  const expr = call.type === 'call_expression' ? call : call.parent;
  const recv = callee?.childForFieldName('operand');
  const fn = expr ? enclosingFunction(expr, ctx) : undefined;
  const body = fn?.childForFieldName('body');
  if (!expr || !recv || !body) return true;
  if (/\bCompareAndSwap\w*\(/.test(body.text)) return true;
  if (isMemoUnit(body, recv.text)) return false;
  // The shapes below hold only for an atomic no other function of the file stores: a cache that an
  // invalidation elsewhere clears (`c.atomic.Store(nil)` in `Clear()`) can have a stale value put
  // back by a racing fill (round 84, gotosocial's domain-block and header-filter caches, and
  // netmaker's settings cache: judged Y).
  const onlyHere = () => storedOnlyIn(recv.text, fn!, ctx);
  if (callee?.childForFieldName('field')?.text === 'Load') {
    // The read side of a cache fill is part of it: the unit's one store decides (round 100,
    // go-kratos's BBR.maxPASS tests and returns what it loaded, then refills).
    if (!onlyHere()) return true;
    const stores = callsOn(body, recv.text).filter((c) => calledMethod(c) === 'Store');
    return stores.length !== 1 || isNotCacheFill(stores[0]!, ctx);
  }
  const esc = escapeRegExp(recv.text);
  const before = ctx.text.slice(body.startIndex, expr.startIndex);
  const load = new RegExp(String.raw`(?:^|[^\w.])(\w+)(?:\s*,\s*\w+)?\s*:?=\s*${esc}\.Load\(\)`).exec(before);
  if (!load) return true;
  const name = load[1] ?? '';
  const from = body.startIndex + load.index + load[0].length;
  const usesUntil = (end: number) => body.descendantsOfType('identifier').filter((id): id is Node => id !== null && id.text === name && id.startIndex >= from && id.startIndex < end);
  if (usesUntil(body.endIndex).every((id) => inReturnOrIfCondition(id, body))) return false;
  if (!onlyHere()) return true;
  // The loaded name until the function gives it a fresh value (`partitions = make([]int, n)`: round
  // 101, kafka-go's loadCachedPartitions refills the same variable and stores that).
  const rest = ctx.text.slice(from, body.endIndex);
  const reassigned = new RegExp(String.raw`(?:^|[^\w.])${escapeRegExp(name)}\s*=(?!=)`).exec(rest);
  const until = reassigned ? from + reassigned.index + reassigned[0].search(/\w/) : body.endIndex;
  return !usesUntil(until).every((id) => inReturnOrIfCondition(id, body) || inReturningBranchBefore(id, body, expr.startIndex));
}

/**
 * Whether no function of the file but `fn` stores, swaps or compares-and-swaps the atomic `recv`
 * names (by its last selector: `l.minRtCache` → `.minRtCache.Store(`, a package variable
 * `partitionsCache.Store(`).
 */
function storedOnlyIn(recv: string, fn: Node, ctx: ValueContext): boolean {
  const field = recv.split('.').pop() ?? recv;
  const write = new RegExp(String.raw`(?:^|[^\w])${escapeRegExp(field)}\.(?:Store|Swap|CompareAndSwap)\(`, 'g');
  for (const m of ctx.text.matchAll(write)) {
    const at = m.index ?? 0;
    if (at < fn.startIndex || at >= fn.endIndex) return false;
  }
  return true;
}

/**
 * Whether `n` sits in the block of an `if` that returns inside it and closes before `limit`: a
 * cached value read and returned on a hit (`if rtCache != nil { rc := rtCache.(*counterCache); if
 * fresh(rc) { return rc.val } }`: round 100, go-kratos's BBR.minRT), which cannot reach a later store.
 */
function inReturningBranchBefore(n: Node, stop: Node, limit: number): boolean {
  for (let cur: Node | null = n.parent; cur && cur.id !== stop.id; cur = cur.parent) {
    if (cur.type !== 'if_statement' || cur.endIndex > limit) continue;
    const block = cur.childForFieldName('consequence');
    if (!block || n.startIndex < block.startIndex || n.endIndex > block.endIndex) continue;
    if (returnsInside(block)) return true;
  }
  return false;
}

/**
 * Whether a Go block returns somewhere inside (its last statement, or a nested `if`'s): the hit path
 * of a memo. **Limit:** a value copied to another name inside the block and stored after it is not
 * followed; only the loaded name's own uses are.
 */
function returnsInside(block: Node): boolean {
  return block.descendantsOfType('return_statement').length > 0;
}

/** Names of protocol cursors that are called tokens but grant nothing (RFC 6578 sync-token, a page token). */
const CURSOR_TOKEN_NAME = /(?:[Ss]ync|[Pp]age|[Nn]ext(?:Page)?|[Cc]ontinuation|[Rr]esume|[Pp]agination|[Cc]ursor|[Ss]tate[Ss]ync|[Dd]elta)_?[Tt]oken$/;
/** What a cursor token is made from or read out of: a sync-token element, an etag/ctag, a page cursor. */
const CURSOR_TOKEN_SOURCE = /[Ss]ync[-_]?[Tt]oken|SYNC_?TOKEN|[Pp]age[-_]?[Tt]oken|[Nn]ext[-_]?(?:[Pp]age)?[-_]?[Tt]oken|[Cc]ontinuation|[Cc]ursor|[Ee][Tt]ag|[Cc][Tt]ag/;
/** An argument of a log call named like a token (the last name of a selector). */
const TOKEN_ARGUMENT = /(?:^|\.)(\w*(?:[Tt]oken|TOKEN))$/;

/** A log argument named like a cookie or token, which an integer type makes an identifier (isNotCursorToken). */
const NUMBER_NAMED_SECRET = /^\w*(?:[Cc]ookie|COOKIE|[Tt]oken|TOKEN)$/;

/** `name` is declared in the function's text with an integer type: a parameter or result `cookie uint64`, `var cookie uint64`. */
function integerTyped(name: string, fnText: string): boolean {
  return new RegExp(String.raw`(?:^|[^\w.])${name}(?:\s*,\s*\w+)*\s+u?int(?:8|16|32|64)?\b`).test(fnText);
}

/**
 * `#not-cursor-token? @args`: false when every token-named argument of the log call is a protocol
 * cursor, not a credential: named like one (`syncToken`, `nextPageToken`), or assigned in the
 * function from a sync-token / page-token / etag source (`rawToken := extractSyncTokenFromBody(b)`,
 * `newToken := syncTokenPrefix + etag`). A password, secret or key argument keeps the call a finding.
 */
export function isNotCursorToken(args: Node, ctx: ValueContext): boolean {
  const list = args.type === 'argument_list' ? args : args.childForFieldName('arguments');
  if (!list) return true;
  const fn = enclosingFunction(list, ctx);
  const before = fn ? ctx.text.slice(fn.startIndex, list.startIndex) : '';
  let cursors = 0;
  const fnText = fn ? ctx.text.slice(fn.startIndex, fn.endIndex) : '';
  for (const arg of list.namedChildren) {
    if (!arg || (arg.type !== 'identifier' && arg.type !== 'selector_expression')) continue;
    const text = ctx.text.slice(arg.startIndex, arg.endIndex);
    // A number named like a cookie or token (`cookie uint64`, a kernel netns/socket cookie, a
    // counter) is an identifier of a kernel or protocol object, not a credential.
    if (arg.type === 'identifier' && NUMBER_NAMED_SECRET.test(text) && integerTyped(text, fnText)) {
      cursors++;
      continue;
    }
    const m = TOKEN_ARGUMENT.exec(text);
    if (!m) continue;
    const name = m[1] ?? '';
    if (CURSOR_TOKEN_NAME.test(name)) {
      cursors++;
      continue;
    }
    if (arg.type !== 'identifier') return true;
    const esc = escapeRegExp(name);
    const sources = [...before.matchAll(new RegExp(String.raw`(?:^|[^\w.])${esc}(?:\s*,\s*\w+)*\s*:?=(?!=)\s*([^\n]*)`, 'g'))];
    if (sources.length === 0 || !sources.every((s) => CURSOR_TOKEN_SOURCE.test(s[1] ?? ''))) return true;
    cursors++;
  }
  return cursors === 0;
}

/** The method calls in `body` on the receiver written `recvText` (`l.minRtCache.Load()`, `.Store(v)`). */
function callsOn(body: Node, recvText: string): Node[] {
  return body.descendantsOfType('call_expression').filter((c): c is Node => {
    const f = c?.childForFieldName('function');
    return f?.type === 'selector_expression' && f.childForFieldName('operand')?.text === recvText;
  });
}

/** The method a selector call names (`Store` for `x.v.Store(p)`). */
function calledMethod(call: Node): string {
  return call.childForFieldName('function')?.childForFieldName('field')?.text ?? '';
}

/**
 * A memo or throttle on one atomic in a function body: every `recv.Load()` is either tested in an
 * `if` condition or returned, or bound in an `if` initializer whose name is only tested and returned
 * inside that `if` (`if c := memo.Load(); c != nil && c.key == key { return c.val }`), and the one
 * `recv.Store(x)` stores a value that does not derive from a load (`memo.Store(&entry{…})`,
 * `deadline.Store(new(time.Now().Add(d)))`). A lost race only recomputes; nothing lock-free is built.
 */
function isMemoUnit(body: Node, recvText: string): boolean {
  const calls = callsOn(body, recvText);
  const loads = calls.filter((c) => calledMethod(c) === 'Load');
  const stores = calls.filter((c) => calledMethod(c) === 'Store');
  if (loads.length === 0 || stores.length !== 1 || loads.length + stores.length !== calls.length) return false;
  const bound: { name: string; scope: Node }[] = [];
  for (const load of loads) {
    if (inReturnOrIfCondition(load, body)) continue;
    // `if c := recv.Load(); cond { … }`: the initializer's name lives in that if statement only.
    const list = load.parent?.type === 'expression_list' ? load.parent : null;
    const decl = list?.parent?.type === 'short_var_declaration' ? list.parent : null;
    const ifStmt = decl?.parent?.type === 'if_statement' && decl.parent.childForFieldName('initializer')?.id === decl.id ? decl.parent : null;
    const name = decl?.childForFieldName('left')?.namedChildren[0];
    if (!ifStmt || name?.type !== 'identifier') return false;
    const uses = ifStmt.descendantsOfType('identifier').filter((id): id is Node => id !== null && id.text === name.text && id.id !== name.id);
    if (!uses.every((id) => inReturnOrIfCondition(id, ifStmt))) return false;
    bound.push({ name: name.text, scope: ifStmt });
  }
  const stored = stores[0]?.childForFieldName('arguments')?.text ?? '';
  const esc = escapeRegExp(recvText);
  if (new RegExp(`${esc}\\.Load\\(`).test(stored)) return false;
  const store = stores[0]!;
  // A name bound in an `if` initializer is out of scope after that `if` (a later `c := …` is another).
  return !bound.some((b) => store.startIndex >= b.scope.startIndex && store.endIndex <= b.scope.endIndex && new RegExp(`\\b${b.name}\\b`).test(stored));
}

/** The sync/atomic call a node is, or is an argument of (a few levels up): `atomic.StorePointer(&x.f, unsafe.Pointer(p))`. */
function atomicCallAround(n: Node, ctx: ValueContext): Node | undefined {
  let cur: Node | null = n;
  for (let depth = 0; cur && depth < 5; depth++) {
    if (cur.type === 'call_expression') {
      const callee = cur.childForFieldName('function');
      if (callee && /^atomic\.(Store|Swap|CompareAndSwap)\w*$/.test(ctx.text.slice(callee.startIndex, callee.endIndex))) return cur;
    }
    if (cur.type.endsWith('_statement') || cur.type === 'block') return undefined;
    cur = parentOf(cur, ctx);
  }
  return undefined;
}

/**
 * `#not-fresh-atomic-target? @node`: false when the node is, or sits in the arguments of, a
 * sync/atomic store whose target is a field of a value the function has just allocated
 * (`ts := &T{}; atomic.StorePointer(&ts.params, unsafe.Pointer(p)); return ts`): a constructor
 * filling its object before it is returned publishes nothing yet.
 */
export function isNotFreshAtomicTarget(n: Node, ctx: ValueContext): boolean {
  const call = atomicCallAround(n, ctx);
  const first = call?.childForFieldName('arguments')?.namedChild(0);
  if (!call || first?.type !== 'unary_expression' || !first.text.startsWith('&')) return true;
  const ends = chainEnds(first.childForFieldName('operand') ?? first);
  const fn = enclosingFunction(call, ctx);
  return !(ends && ends.first.id !== (first.childForFieldName('operand')?.id ?? -1) && fn && freshLocal(ends.first, call.startIndex, fn, ctx));
}

/**
 * `#not-lone-store? @call`: false when the function's atomic accesses are `Store`s only, none in a
 * loop or a select: a reset (`func (b *Bag) Clear() { b.head.Store(nil) }`), a setter publishing a new
 * value (`func (s *Store) UpdateJWTGroupsFilter(f) { s.jwtGroupsFilter.Store(&f) }`), a config-change
 * handler storing the snapshot it built. A lone publication has no ordering of loads and stores to get
 * wrong: readers load whatever was stored last (test/corpus/RECONCILED.md, "A lone publication"). A
 * unit that also loads, swaps, compares-and-swaps or adds (a double check, a hand-off, a drain) still
 * matches.
 */
export function isNotLoneStore(call: Node, ctx: ValueContext): boolean {
  const expr = call.type === 'call_expression' ? call : call.parent;
  // A Swap hands back what it took (a drain: `head := b.head.Swap(nil)`): only a Store publishes alone.
  if (!expr || expr.childForFieldName('function')?.childForFieldName('field')?.text !== 'Store') return true;
  // The declared function around it: a closure handed to singleflight or a scheduler shares its
  // holder's loads (`c.sf.Do("k", func() { … c.entry.Store(e) })` beside `c.entry.Load()`).
  let fn = enclosingFunction(expr, ctx);
  for (let outer = fn; outer?.type === 'func_literal'; ) {
    outer = outer.parent ? enclosingFunction(outer.parent, ctx) : null;
    if (outer) fn = outer;
  }
  const body = fn?.childForFieldName('body');
  if (!fn || !body) return true;
  const text = body.text;
  const accesses = text.match(/\.(Load|Store|Swap|CompareAndSwap|Add|Sub|And|Or)\w*\(/g) ?? [];
  if (accesses.some((a) => !a.startsWith('.Store'))) return true;
  // A store under the mutex that lock-free readers bypass (a sync.Map's promotion of its dirty map,
  // `missLocked`, `Clear` under `m.mu.Lock()`): the double-checked half of a lock-free structure.
  if (/\.R?Lock\(\)/.test(text) || /Locked$/.test(fn.childForFieldName('name')?.text ?? '')) return true;
  for (let p = expr.parent; p && p.id !== body.id; p = p.parent) if (p.type === 'for_statement' || p.type === 'select_statement') return true;
  return false;
}
