/**
 * `#guarded-by? @c "re"`: the finding's code only runs when an operator setting says so. Between
 * `@c` and its function, an `if` whose condition (a leading `!` / `not` aside) matches `re` holds
 * it in its body (`if c.SkipVerify { … InsecureSkipVerify: true … }`), or a switch / match case
 * whose label matches `re` does (`case unix:`), or a conditional expression's arm does
 * (`tls: o.allowSelfSigned ? { rejectUnauthorized: false } : undefined`); or, before `@c` in the
 * function body, an early exit `if !c.SkipVerify { return … }` tests a condition matching `re`.
 * Used by the TLS findings: the literal `true` behind a skip-verify switch is the documented
 * opt-in, like the field-valued form `InsecureSkipVerify: c.SkipVerify` that never matched.
 *
 * `#guarded-off? @c "re"` is the mirror image: the code only runs when a setting matching `re`
 * is off (`if !c.VerifySSL`, `if not webhook.ssl_verification`, `verify == false`, the `else` arm
 * of `if cfg.verifyCert`, the second arm of `o.verifyTls ? … : …`).
 *
 * Either holds too when the code sits in a helper of the same file (`func insecureTLSConfig()
 * *tls.Config`) every call of which is guarded so (`if cfg.SkipTLSVerify { c = insecureTLSConfig() }`):
 * one level of callers, none outside the file. Such an answer depends on code anywhere in the
 * file, so an edit anywhere analyses the whole file again (WHOLE_FILE_NAME).
 *
 * Runs only on a finding's few matches: it reads the enclosing function from the indexed helper
 * and the `if` statements inside it, never climbing from every node.
 */
import type { Node } from 'web-tree-sitter';
import { enclosingFunction, isConstant, type ValueContext } from './valueFacts';

/** Recorded in ValueContext.readNames when an answer read callers elsewhere in the file. */
export const WHOLE_FILE_NAME = '\0whole-file';

// Python's `elif mode == 'none':` is an `elif_clause` with its own condition and consequence.
const IF_TYPES = ['if_statement', 'elif_clause'];
const CASE_TYPES = ['expression_case', 'switch_case', 'case_clause'];
const CONDITIONAL_TYPES = new Set(['ternary_expression', 'conditional_expression']);
const NEGATION = /^\s*\(?\s*(?:!|not\s)\s*/;
// (Also a setting read as text, `searchParams.get('rejectUnauthorized') === 'false'`: round 47, docmost.)
const FALSE_TEST = /\s*(?:===?|\bis)\s*(?:false|False|'false'|"false")\s*$/;
const CONJUNCTION = /\s*(?:&&|\|\||\band\b|\bor\b)\s*/;
const EXIT = /^\s*(?:\{\s*)?(?:return|raise|throw|continue)\b/;

type Polarity = 'on' | 'off';

function conditionText(ifNode: Node, fn: Node | null): string {
  const text = (ifNode.childForFieldName('condition')?.text ?? '').replace(/^\(\s*|\s*\)$/g, '');
  // `if can_pin:` of a local set once, `can_pin = not proxies and not webhook.ssl_verification`: its value.
  return fn && /^[A-Za-z_$][\w$]*$/.test(text) ? (localValue(text, fn) ?? text) : text;
}

const LOCAL_ASSIGNMENTS = ['assignment', 'variable_declarator', 'short_var_declaration'];

/** The text of the one value a function gives the local `name` (`x = …`, `const x = …`, `x := …`), if it gives one. */
function localValue(name: string, fn: Node): string | undefined {
  let value: string | undefined;
  for (const a of fn.descendantsOfType(LOCAL_ASSIGNMENTS)) {
    const left = a?.childForFieldName('left') ?? a?.childForFieldName('name');
    const right = a?.childForFieldName('right') ?? a?.childForFieldName('value');
    if (left?.text !== name) continue;
    if (value !== undefined || !right) return undefined;
    value = right.text;
  }
  return value;
}

function holds(outer: Node, n: Node): boolean {
  return outer.startIndex <= n.startIndex && outer.endIndex >= n.endIndex;
}

/** `n` sits in an `elif` or `else` arm of the Python `if` statement `s`. */
function inOtherArm(s: Node, n: Node): boolean {
  return s.namedChildren.some((c) => (c?.type === 'elif_clause' || c?.type === 'else_clause') && holds(c, n));
}

/** `n` sits in the `else` arm of an `if` (Go, ECMAScript `alternative`; Python `else_clause`). */
function inElseArm(s: Node, n: Node): boolean {
  const alt = s.childForFieldName('alternative');
  return (alt !== null && holds(alt, n)) || s.namedChildren.some((c) => c?.type === 'else_clause' && holds(c, n));
}

/**
 * How a condition tests a setting matching `re`: `on` (`c.SkipVerify`, `cfg.Insecure && x`),
 * `off` (`!c.VerifySSL`, `not x.ssl_verification`, `verify === false`), or not at all. The whole
 * condition is tried first (the settings' patterns may span an operator: `verify_mode == 'none'`),
 * then each operand of `&&` / `||` / `and` / `or`.
 */
function settingTest(cond: string, re: RegExp): Polarity | undefined {
  const one = (c: string): Polarity | undefined => {
    const t = c.replace(/^[\s(]+|[\s)]+$/g, '');
    const negated = NEGATION.test(t) || FALSE_TEST.test(t);
    const flag = t.replace(NEGATION, '').replace(FALSE_TEST, '');
    if (!re.test(flag)) return undefined;
    return negated ? 'off' : 'on';
  };
  const whole = one(cond);
  if (whole !== undefined && !CONJUNCTION.test(cond.replace(NEGATION, ''))) return whole;
  for (const part of cond.split(CONJUNCTION)) {
    const t = one(part);
    if (t !== undefined) return t;
  }
  return whole;
}

function guardedLocally(n: Node, re: RegExp, want: Polarity, fn: Node | null, ctx: ValueContext): boolean {
  const opposite: Polarity = want === 'on' ? 'off' : 'on';
  // Module-level code (a settings file's `if DOMAIN == "localhost":` branch): the `if`s around it.
  const around: Node[] = [];
  if (!fn) for (let p = n.parent; p; p = p.parent) if (IF_TYPES.includes(p.type)) around.push(p);
  for (const s of fn ? fn.descendantsOfType(IF_TYPES) : around) {
    if (!s) continue;
    const t = settingTest(conditionText(s, fn), re);
    if (t === undefined) continue;
    const body = s.childForFieldName('consequence');
    if (body && t === want && holds(body, n)) return true;
    // An early exit unless the switch is on: `if !c.SkipVerify { return ctx }` before the code.
    if (body && t === opposite && s.endIndex <= n.startIndex && EXIT.test(body.text) && !holds(s, n)) return true;
    // The other arm of an `if` testing the opposite: `if cfg.VerifyCert { … } else { … }`.
    if (t === opposite && s.type === 'if_statement' && inElseArm(s, n)) return true;
    // Python: another arm of a chain that dispatches on the setting (`if mode == REQUIRED: …
    // elif mode == OPTIONAL: … else: CERT_NONE`), the operator's choice among its modes.
    if (want === 'on' && ctx.family === 'python' && t === 'on' && s.type === 'if_statement' && inOtherArm(s, n)) return true;
  }
  // `o.allowSelfSigned ? { rejectUnauthorized: false } : undefined` and Python's `a if c else b`.
  for (let p = n.parent, child: Node = n; p && p !== fn; child = p, p = p.parent) {
    if (!CONDITIONAL_TYPES.has(p.type)) continue;
    const [condition, consequence, alternative] = p.type === 'conditional_expression'
      ? [p.namedChild(1), p.namedChild(0), p.namedChild(2)]
      : [p.childForFieldName('condition'), p.childForFieldName('consequence'), p.childForFieldName('alternative')];
    if (!condition || holds(condition, child)) continue;
    const t = settingTest(condition.text, re);
    if (t === want && consequence && holds(consequence, child)) return true;
    if (t === opposite && alternative && holds(alternative, child)) return true;
  }
  if (!fn || want !== 'on') return false;
  for (const c of fn.descendantsOfType(CASE_TYPES)) {
    if (!c || !holds(c, n)) continue;
    const label = c.childForFieldName('value') ?? c.namedChild(0);
    if (label && !holds(label, n) && re.test(label.text)) return true;
  }
  return false;
}

const CALL_TYPES = ['call_expression', 'call'];
const HELPER_DECLARATIONS = ['function_declaration', 'method_declaration', 'function_definition'];
const NAMED_FUNCTIONS = new Set([...HELPER_DECLARATIONS, 'method_definition']);

/** The name a named function is called by: `insecureTLS` of `func insecureTLS()`, `const insecureTLS = () => …`, a method's name. */
function functionName(fn: Node): string | undefined {
  if (NAMED_FUNCTIONS.has(fn.type)) return fn.childForFieldName('name')?.text;
  const parent = fn.parent;
  if ((fn.type === 'arrow_function' || fn.type === 'function_expression') && parent?.type === 'variable_declarator') return parent.childForFieldName('name')?.text;
  return undefined;
}

/** Every call of `fn` in the file is guarded (one level), and there is at least one. */
function callersGuarded(fn: Node, re: RegExp, want: Polarity, ctx: ValueContext): boolean {
  const name = functionName(fn);
  if (name === undefined) return false;
  ctx.readNames?.add(WHOLE_FILE_NAME);
  let calls = 0;
  for (const call of fn.tree.rootNode.descendantsOfType(CALL_TYPES)) {
    if (!call || holds(fn, call) || helperName(call) !== name) continue;
    if (!guardedLocally(call, re, want, enclosingFunction(call, ctx), ctx)) return false;
    calls++;
  }
  return calls > 0;
}

function isGuarded(n: Node, re: RegExp, want: Polarity, ctx: ValueContext): boolean {
  const fn = enclosingFunction(n, ctx);
  return guardedLocally(n, re, want, fn, ctx) || (fn !== null && callersGuarded(fn, re, want, ctx));
}

export function isGuardedBy(n: Node, re: RegExp, ctx: ValueContext): boolean {
  return isGuarded(n, re, 'on', ctx);
}

export function isGuardedOff(n: Node, re: RegExp, ctx: ValueContext): boolean {
  return isGuarded(n, re, 'off', ctx);
}

/** The name a key-function argument calls or passes: `keyFunc(token, fn)`, `keyFunc`, `s.keyFunc`, `self.key_func()`. */
function helperName(arg: Node): string | undefined {
  const callee = arg.type === 'call_expression' || arg.type === 'call' ? arg.childForFieldName('function') : arg;
  if (callee?.type === 'identifier') return callee.text;
  const field = callee?.type === 'selector_expression' ? callee.childForFieldName('field') : callee?.type === 'member_expression' ? callee.childForFieldName('property') : callee?.type === 'attribute' ? callee.childForFieldName('attribute') : null;
  return field?.text;
}

/**
 * `#helper-matches? @args "re"`: an argument of the argument list `@args` names, or calls, a
 * function or method declared in the same file whose code matches `re` (`jwt.Parse(raw,
 * keyFunc(token, fn))` where `keyFunc` rejects `t.Method.Alg() != SignerAlgo`). Reads the file's
 * top-level declarations once per match; matches are the few calls a finding pattern picks.
 */
export function isHelperMatching(args: Node, re: RegExp, ctx: ValueContext): boolean {
  const names = new Set(args.namedChildren.map((a) => (a ? helperName(a) : undefined)).filter((s): s is string => s !== undefined));
  if (names.size === 0) return false;
  for (const name of names) ctx.readNames?.add(name);
  for (const d of args.tree.rootNode.namedChildren) {
    if (!d || !HELPER_DECLARATIONS.includes(d.type)) continue;
    const name = d.childForFieldName('name')?.text;
    if (name !== undefined && names.has(name) && re.test(d.text)) return true;
  }
  return false;
}

/** A module-level `const NAME = ["a", "b"]` (or `[…] as const`): a fixed list of strings. */
function constantStringList(name: string, root: Node, ctx: ValueContext): boolean {
  ctx.readNames?.add(name);
  for (const st of root.namedChildren) {
    const decl = st?.type === 'export_statement' ? st.childForFieldName('declaration') : st;
    if (decl?.type !== 'lexical_declaration' || !decl.text.startsWith('const')) continue;
    for (const d of decl.namedChildren) {
      if (d?.type !== 'variable_declarator' || d.childForFieldName('name')?.text !== name) continue;
      let v = d.childForFieldName('value');
      if (v?.type === 'as_expression' || v?.type === 'satisfies_expression') v = v.namedChild(0);
      // Strings, or objects whose every value is a string (`{ column: "blocks", kind: "jsonArray" }`).
      const item = (e: Node | null): boolean =>
        e?.type === 'string' || (e?.type === 'object' && e.namedChildren.every((p) => p?.type === 'pair' && p.childForFieldName('value')?.type === 'string'));
      return v?.type === 'array' && v.namedChildren.length > 0 && v.namedChildren.every(item);
    }
  }
  return false;
}

/** `for (const table of TABLES)` around `at`, over a fixed module-level list. */
function loopOverConstantList(id: Node, at: Node, fn: Node, ctx: ValueContext): boolean {
  const name = id.text;
  for (const loop of fn.descendantsOfType('for_in_statement')) {
    if (!loop || !holds(loop, at) || !/^\s*for\s*\(\s*const\b/.test(loop.text)) continue;
    if (loop.childForFieldName('left')?.text !== name) continue;
    const right = loop.childForFieldName('right');
    return right?.type === 'identifier' && constantStringList(right.text, at.tree.rootNode, ctx);
  }
  return false;
}

/** A string or template every substitution of which is code-built (depth-bounded). */
function codeBuiltString(e: Node, fn: Node, ctx: ValueContext, depth: number): boolean {
  if (e.type === 'string') return true;
  return e.type === 'template_string' && depth < 3 && e.namedChildren.every((c) => c?.type !== 'template_substitution' || codeBuiltSubstitution(c, fn, ctx, depth + 1));
}

/** `clauses.join(", ")` of a local array the function fills only with code-built strings. */
function joinOfCodeBuiltList(e: Node, fn: Node, ctx: ValueContext, depth: number): boolean {
  const callee = e.type === 'call_expression' ? e.childForFieldName('function') : null;
  const list = callee?.type === 'member_expression' && callee.childForFieldName('property')?.text === 'join' ? callee.childForFieldName('object') : null;
  // `update.setClauses.join(", ")` of records the function filled with `{ id, setClauses }`: the local array of that name.
  const shorthand = list?.type === 'member_expression' ? list.childForFieldName('property')?.text : undefined;
  if (shorthand !== undefined && !fn.descendantsOfType('shorthand_property_identifier').some((p) => p?.text === shorthand)) return false;
  if (list?.type !== 'identifier' && shorthand === undefined) return false;
  const name = shorthand ?? list?.text ?? '';
  let declared = false;
  for (const d of fn.descendantsOfType('variable_declarator')) {
    if (d?.childForFieldName('name')?.text !== name) continue;
    const v = d.childForFieldName('value');
    if (v?.type !== 'array' || !v.namedChildren.every((c) => c !== null && codeBuiltString(c, fn, ctx, depth))) return false;
    declared = true;
  }
  if (!declared) return false;
  for (const c of fn.descendantsOfType('call_expression')) {
    const f = c?.childForFieldName('function');
    if (f?.type !== 'member_expression' || f.childForFieldName('object')?.text !== name) continue;
    const method = f.childForFieldName('property')?.text;
    if (method === 'join') continue;
    if (method !== 'push' && method !== 'unshift') return false;
    const args = c?.childForFieldName('arguments')?.namedChildren ?? [];
    if (!args.every((a) => a !== null && codeBuiltString(a, fn, ctx, depth))) return false;
  }
  // Reassigned or handed elsewhere: not followed.
  return !fn.descendantsOfType('assignment_expression').some((a) => a?.childForFieldName('left')?.text === name);
}

function codeBuiltSubstitution(sub: Node, fn: Node, ctx: ValueContext, depth: number): boolean {
  const e = sub.namedChildren.find((c) => c !== null && c.type !== 'comment');
  if (!e) return true;
  // `$${paramIndex}`: a positional placeholder's number, the value goes in the parameters.
  if (ctx.text[sub.startIndex - 1] === '$') return true;
  if (isConstant(e, ctx)) return true;
  if (isQuotedOrCompiledSql(e) || isSchemaIdentifier(e, sub, ctx)) return true;
  if (e.type === 'identifier' && randomNameLocal(e, fn)) return true;
  if (e.type === 'identifier') return loopOverConstantList(e, sub, fn, ctx);
  // `${field.column}` of a loop over a module-level list of records of strings.
  const owner = e.type === 'member_expression' ? e.childForFieldName('object') : null;
  if (owner?.type === 'identifier' && loopOverConstantList(owner, sub, fn, ctx)) return true;
  return joinOfCodeBuiltList(e, fn, ctx, depth);
}

/**
 * Text a SQL library made safe before it reaches the template: an identifier quoted by the driver
 * or query builder (knex's `knex.ref(name)` renders a quoted identifier; mysql's `escapeId`, pg's
 * `escapeIdentifier` / `escapeLiteral`, `quoteIdentifier`), or a sub-query compiled by knex
 * (`builder.toQuery()` renders the statement with its bindings already escaped by the dialect).
 */
const QUOTING_CALL = /(?:^|\.)(?:[kK]nex|[\w$]+Knex)\.ref$|(?:^|\.)(?:escapeId|escapeIdentifier|escapeLiteral|quoteIdentifier|quoteIdent|quote_ident)$/;
function isQuotedOrCompiledSql(e: Node): boolean {
  if (e.type !== 'call_expression') return false;
  const callee = e.childForFieldName('function');
  if (!callee) return false;
  if (QUOTING_CALL.test(callee.text)) return true;
  return callee.type === 'member_expression' && callee.childForFieldName('property')?.text === 'toQuery' && (e.childForFieldName('arguments')?.namedChildCount ?? 1) === 0;
}

/**
 * A column or table name the application keeps in its own schema metadata, by the `db…Name`
 * convention (`dbFieldName`, `dbTableName`, `field.dbColumnName`: the physical name the app
 * generated for a user-facing field), spliced where an identifier goes (bare or in double quotes,
 * not inside a '…' value literal). Identifiers cannot be bound parameters.
 */
const SCHEMA_IDENTIFIER = /(?:^|\.)db[A-Z][A-Za-z]*Name$/;
function isSchemaIdentifier(e: Node, sub: Node, ctx: ValueContext): boolean {
  if ((e.type !== 'identifier' && e.type !== 'member_expression') || !SCHEMA_IDENTIFIER.test(e.text)) return false;
  return ctx.text[sub.startIndex - 1] !== "'";
}

/** A random call whose text is a name, never a value: `Math.random().toString(36).substring(7)`, `randomUUID()`. */
const RANDOM_NAME_PART = /^(?:Math\.random|(?:crypto\.)?randomUUID|uuid(?:v4)?|v4|nanoid|Date\.now)\(\d*\)(?:\.\w+\([\w\s,]*\))*$/;

/**
 * A local `const` built only from literals and random or clock values (`const savepoint =
 * \`upsert_${Math.random().toString(36).substring(7)}\``): a name the code made up (a savepoint, a
 * temporary table), not input.
 */
function randomNameLocal(id: Node, fn: Node): boolean {
  let found = false;
  for (const d of fn.descendantsOfType('variable_declarator')) {
    if (d?.childForFieldName('name')?.text !== id.text) continue;
    if (!d.parent?.text.startsWith('const')) return false;
    const v = d.childForFieldName('value');
    if (v?.type !== 'template_string') return false;
    const subs = v.namedChildren.filter((c): c is Node => c?.type === 'template_substitution');
    if (subs.length === 0 || !subs.every((c) => RANDOM_NAME_PART.test(c.namedChildren.find((x) => x !== null && x.type !== 'comment')?.text ?? ''))) return false;
    found = true;
  }
  return found;
}

/**
 * `#code-built-sql? @s`: ECMAScript: every substitution of the template `@s` is text the code
 * itself chose: a constant, a `$${n}` positional placeholder number, the variable of a
 * `for (const t of TABLES)` loop over a module-level list of strings (`["Survey", "Tag"] as const`:
 * identifiers cannot be parameters), or `clauses.join(", ")` of a local array filled only with
 * such strings (`clauses.push(\`logo = $${i}::jsonb\`)`). Values spliced in (`'${update.id}'`) are not.
 */
export function isCodeBuiltSql(s: Node, ctx: ValueContext): boolean {
  if (s.type !== 'template_string') return false;
  const fn = enclosingFunction(s, ctx);
  if (!fn) return false;
  const subs = s.namedChildren.filter((c): c is Node => c?.type === 'template_substitution');
  return subs.length > 0 && subs.every((sub) => codeBuiltSubstitution(sub, fn, ctx, 0));
}

const EQUALITY = new Set(['===', '!==', '==', '!=']);

/**
 * `#stale-marker? @value`: ECMAScript: the value of `const fetchToken = Math.random()…` (the
 * declarator around `@value`) serves only to tell a stale response from the latest one: every
 * use of the name in its function is an equality test, or a store into a field (`this._current =
 * fetchToken`, `ref.current = token`) that the function itself compares with the name; it is never
 * returned, sent, passed to a call or kept anywhere else. A value nobody outside the process sees
 * is no secret, whatever its name.
 */
export function isStaleMarker(value: Node, ctx: ValueContext): boolean {
  const decl = value.parent;
  const nameNode = decl?.type === 'variable_declarator' ? decl.childForFieldName('name') : null;
  if (nameNode?.type !== 'identifier') return false;
  const fn = enclosingFunction(value, ctx);
  if (!fn) return false;
  const name = nameNode.text;
  const stores: string[] = [];
  const compared: string[] = [];
  for (const id of fn.descendantsOfType('identifier')) {
    if (!id || id.text !== name || id.id === nameNode.id) continue;
    const p = id.parent;
    if (p?.type === 'binary_expression' && EQUALITY.has(p.childForFieldName('operator')?.text ?? '')) {
      const other = p.childForFieldName('left')?.id === id.id ? p.childForFieldName('right') : p.childForFieldName('left');
      compared.push(other?.text ?? '');
      continue;
    }
    const left = p?.type === 'assignment_expression' && p.childForFieldName('right')?.id === id.id ? p.childForFieldName('left') : null;
    if (left?.type === 'member_expression') {
      stores.push(left.text);
      continue;
    }
    return false;
  }
  return compared.length > 0 && stores.every((s) => compared.includes(s));
}
