/**
 * `#guarded-by? @c "re"`: the finding's code only runs when an operator setting says so. Between
 * `@c` and its function, an `if` whose condition (a leading `!` / `not` aside) matches `re` holds
 * it in its body (`if c.SkipVerify { … InsecureSkipVerify: true … }`), or a switch / match case
 * whose label matches `re` does (`case unix:`); or, before `@c` in the function body, an early exit
 * `if !c.SkipVerify { return … }` tests a condition matching `re`. Used by the TLS findings: the
 * literal `true` behind a skip-verify switch is the documented opt-in, like the field-valued form
 * `InsecureSkipVerify: c.SkipVerify` that never matched.
 *
 * Runs only on a finding's few matches: it reads the enclosing function from the indexed helper
 * and the `if` statements inside it, never climbing from every node.
 */
import type { Node } from 'web-tree-sitter';
import { enclosingFunction, type ValueContext } from './valueFacts';

const IF_TYPES = ['if_statement'];
const CASE_TYPES = ['expression_case', 'switch_case', 'case_clause'];
const NEGATION = /^\s*\(?\s*(?:!|not\s)\s*/;
const EXIT = /^\s*(?:\{\s*)?(?:return|raise|throw|continue)\b/;

function conditionText(ifNode: Node): string {
  return (ifNode.childForFieldName('condition')?.text ?? '').replace(/^\(\s*|\s*\)$/g, '');
}

function holds(outer: Node, n: Node): boolean {
  return outer.startIndex <= n.startIndex && outer.endIndex >= n.endIndex;
}

export function isGuardedBy(n: Node, re: RegExp, ctx: ValueContext): boolean {
  const fn = enclosingFunction(n, ctx);
  if (!fn) return false;
  for (const s of fn.descendantsOfType(IF_TYPES)) {
    if (!s) continue;
    const cond = conditionText(s);
    const negated = NEGATION.test(cond);
    const flag = cond.replace(NEGATION, '');
    if (!re.test(flag)) continue;
    const body = s.childForFieldName('consequence');
    if (body && !negated && holds(body, n)) return true;
    // An early exit unless the switch is on: `if !c.SkipVerify { return ctx }` before the code.
    if (body && negated && s.endIndex <= n.startIndex && EXIT.test(body.text) && !holds(s, n)) return true;
  }
  for (const c of fn.descendantsOfType(CASE_TYPES)) {
    if (!c || !holds(c, n)) continue;
    const label = c.childForFieldName('value') ?? c.namedChild(0);
    if (label && !holds(label, n) && re.test(label.text)) return true;
  }
  return false;
}

const HELPER_DECLARATIONS = ['function_declaration', 'method_declaration', 'function_definition'];

/** The name a key-function argument calls or passes: `keyFunc(token, fn)`, `keyFunc`, `s.keyFunc`. */
function helperName(arg: Node): string | undefined {
  const callee = arg.type === 'call_expression' || arg.type === 'call' ? arg.childForFieldName('function') : arg;
  if (callee?.type === 'identifier') return callee.text;
  const field = callee?.type === 'selector_expression' ? callee.childForFieldName('field') : callee?.type === 'member_expression' ? callee.childForFieldName('property') : null;
  return field?.text;
}

/**
 * `#helper-matches? @args "re"`: an argument of the argument list `@args` names, or calls, a
 * function or method declared in the same file whose code matches `re` (`jwt.Parse(raw,
 * keyFunc(token, fn))` where `keyFunc` rejects `t.Method.Alg() != SignerAlgo`). Reads the file's
 * top-level declarations once per match; matches are the few calls a finding pattern picks.
 */
export function isHelperMatching(args: Node, re: RegExp): boolean {
  const names = new Set(args.namedChildren.map((a) => (a ? helperName(a) : undefined)).filter((s): s is string => s !== undefined));
  if (names.size === 0) return false;
  for (const d of args.tree.rootNode.namedChildren) {
    if (!d || !HELPER_DECLARATIONS.includes(d.type)) continue;
    const name = d.childForFieldName('name')?.text;
    if (name !== undefined && names.has(name) && re.test(d.text)) return true;
  }
  return false;
}
