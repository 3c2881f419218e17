/** Quick fixes for go findings. Register each with registerFixer('<name>', fixer). */
import type { Node } from 'web-tree-sitter';
import { registerFixer, replaceNode, spanOfNode, type FixContext } from '../fixes';
import { goDefaultPackageName } from '../imports';
import type { Fix, TextEdit } from '../types';

// ---------------------------------------------------------------------------------------------
// Imports

interface GoImport {
  path: string;
  /** The name the file uses for the package (alias, or the default package name). */
  name: string;
  spec: Node;
  decl: Node;
}

function goImports(root: Node): GoImport[] {
  const out: GoImport[] = [];
  for (const decl of root.namedChildren) {
    if (!decl || decl.type !== 'import_declaration') continue;
    for (const spec of decl.descendantsOfType('import_spec')) {
      if (!spec) continue;
      const pathNode = spec.childForFieldName('path');
      if (!pathNode) continue;
      const importPath = pathNode.text.replace(/^["`]|["`]$/g, '');
      const nameNode = spec.childForFieldName('name');
      out.push({ path: importPath, name: nameNode ? nameNode.text : goDefaultPackageName(importPath), spec, decl });
    }
  }
  return out;
}

function lineText(text: string, line: number): string {
  return text.split('\n')[line] ?? '';
}

function within(n: Node, outer: Node): boolean {
  return n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;
}

/** Uses of a package name in the file (`name.X` selectors and `name.T` types), outside `except`. */
function packageUses(root: Node, name: string, except: Node[]): number {
  let count = 0;
  for (const n of root.descendantsOfType(['selector_expression', 'qualified_type'])) {
    if (!n) continue;
    const head = n.type === 'selector_expression' ? n.childForFieldName('operand') : n.childForFieldName('package');
    if (!head || head.text !== name) continue;
    if (head.type !== 'identifier' && head.type !== 'package_identifier') continue;
    if (except.some((e) => within(n, e))) continue;
    count++;
  }
  return count;
}

/** The edit that deletes an import spec (or its whole declaration when it is the only spec). */
function deleteImportEdit(imp: GoImport, text: string): TextEdit | undefined {
  const specs = imp.decl.descendantsOfType('import_spec').filter((s) => s !== null);
  const target = specs.length <= 1 ? imp.decl : imp.spec;
  const line = lineText(text, target.startPosition.row).trim();
  // Only whole lines: the spec (or declaration) must sit alone on its line(s).
  const first = lineText(text, target.startPosition.row).slice(0, target.startPosition.column).trim();
  const last = lineText(text, target.endPosition.row).slice(target.endPosition.column).trim();
  if (first !== '' || (last !== '' && !last.startsWith('//')) || line === '') return undefined;
  return {
    span: { start: { line: target.startPosition.row, character: 0 }, end: { line: target.endPosition.row + 1, character: 0 } },
    newText: '',
  };
}

interface ImportPlan {
  /** Name to use for the added package. */
  name: string;
  edits: TextEdit[];
}

/**
 * Plans import edits: add `add` (unless imported) and drop `remove` when the fix removes its
 * last use (Go rejects unused imports). Returns undefined when the file is in an odd shape.
 */
function planImports(ctx: FixContext, add: string | undefined, ...removes: { path: string; replaced: Node[] }[]): ImportPlan | undefined {
  const root = ctx.node.tree.rootNode;
  const imports = goImports(root);
  const edits: TextEdit[] = [];
  let name = '';
  const dropped: GoImport[] = [];
  for (const remove of removes) {
    const imp = imports.find((i) => i.path === remove.path);
    if (imp && imp.name !== '_' && imp.name !== '.' && !dropped.includes(imp) && packageUses(root, imp.name, remove.replaced) === 0) dropped.push(imp);
  }
  let toRemove = dropped.shift();
  if (add) {
    const existing = imports.find((i) => i.path === add);
    if (existing) {
      if (existing.name === '_' || existing.name === '.') return undefined;
      name = existing.name;
    } else {
      name = goDefaultPackageName(add);
      if (imports.some((i) => i.name === name && i !== toRemove)) return undefined; // name taken
      if (toRemove) {
        // Reuse the line of the import that goes away.
        edits.push(replaceNode(toRemove.spec, `"${add}"`));
        toRemove = undefined;
      } else if (imports.some((i) => i.decl.descendantsOfType('import_spec_list').length > 0)) {
        const block = imports.find((i) => i.decl.descendantsOfType('import_spec_list').length > 0)!;
        const first = block.decl.descendantsOfType('import_spec')[0];
        if (!first) return undefined;
        const before = lineText(ctx.text, first.startPosition.row).slice(0, first.startPosition.column);
        if (before.trim() !== '') return undefined;
        edits.push({
          span: { start: { line: first.startPosition.row, character: 0 }, end: { line: first.startPosition.row, character: 0 } },
          newText: `${before}"${add}"\n`,
        });
      } else {
        const anchor = imports.length > 0 ? imports[imports.length - 1]!.decl : root.namedChildren.find((c) => c?.type === 'package_clause');
        if (!anchor) return undefined;
        edits.push({
          span: { start: spanOfNode(anchor).end, end: spanOfNode(anchor).end },
          newText: imports.length > 0 ? `\nimport "${add}"` : `\n\nimport "${add}"`,
        });
      }
    }
  }
  for (const imp of toRemove ? [toRemove, ...dropped] : dropped) {
    // Two specs of one declaration cannot both take the whole declaration with them.
    const del = deleteImportEdit(imp, ctx.text);
    if (!del) return undefined;
    edits.push(del);
  }
  if (new Set(edits.map((e) => e.span.start.line)).size !== edits.length) return undefined;
  return { name, edits };
}

// ---------------------------------------------------------------------------------------------
// Small type inference: is an expression certainly a string?

const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

function enclosingFunction(n: Node): Node | null {
  let p = n.parent;
  while (p && !FUNCTION_TYPES.has(p.type)) p = p.parent;
  return p;
}

const STRING_CALL =
  /(?:^|\.)(?:Header\.Get|Query\(\)\.Get|Form\.Get|PostForm\.Get|Trailer\.Get|FormValue|PostFormValue|EncodeToString|Sprintf|Sprint|Sprintln|TrimSpace|TrimPrefix|TrimSuffix|Trim|ToLower|ToUpper|Getenv|Itoa|FormatInt|FormatUint)$/;

function isStringExpr(n: Node | null, depth = 0): boolean {
  if (!n || depth > 3) return false;
  switch (n.type) {
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      return true;
    case 'parenthesized_expression':
      return isStringExpr(n.namedChildren[0] ?? null, depth + 1);
    case 'call_expression': {
      const fn = n.childForFieldName('function');
      if (!fn) return false;
      if (fn.type === 'identifier') return fn.text === 'string';
      return STRING_CALL.test(fn.text) && !/^(bytes|http)\./.test(fn.text);
    }
    case 'binary_expression':
      return n.childForFieldName('operator')?.text === '+' && (isStringExpr(n.childForFieldName('left'), depth + 1) || isStringExpr(n.childForFieldName('right'), depth + 1));
    case 'identifier':
      return identifierIsString(n, depth);
    default:
      return false;
  }
}

/** An identifier declared as a string parameter, `var x string` or `x := <string>` in its function. */
function identifierIsString(id: Node, depth: number): boolean {
  for (let fn = enclosingFunction(id); fn; fn = enclosingFunction(fn)) {
    const params = fn.childForFieldName('parameters');
    for (const p of params?.namedChildren ?? []) {
      if (p?.type !== 'parameter_declaration') continue;
      if (p.childrenForFieldName('name').some((nm) => nm?.text === id.text)) return p.childForFieldName('type')?.text === 'string';
    }
    const body = fn.childForFieldName('body');
    if (!body) continue;
    for (const decl of body.descendantsOfType(['short_var_declaration', 'var_spec', 'assignment_statement'])) {
      if (!decl || decl.startIndex >= id.startIndex) continue;
      if (decl.type === 'var_spec') {
        if (!decl.childrenForFieldName('name').some((nm) => nm?.text === id.text)) continue;
        const type = decl.childForFieldName('type');
        if (type) return type.text === 'string';
        const value = decl.childForFieldName('value')?.namedChildren[0] ?? null;
        return isStringExpr(value, depth + 1);
      }
      const left = decl.childForFieldName('left')?.namedChildren ?? [];
      const right = decl.childForFieldName('right')?.namedChildren ?? [];
      const i = left.findIndex((l) => l?.type === 'identifier' && l.text === id.text);
      if (i === -1 || left.length !== right.length) continue;
      if (isStringExpr(right[i] ?? null, depth + 1)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Fixers

/** bytes.Equal(a, b) → hmac.Equal(a, b); a == b (strings) → subtle.ConstantTimeCompare(...) == 1. */
function constantTimeCompare(ctx: FixContext): Fix | undefined {
  const node = ctx.node;
  if (node.type === 'call_expression') {
    const fn = ctx.captures.get('fn');
    if (!fn) return undefined;
    const plan = planImports(ctx, 'crypto/hmac', { path: 'bytes', replaced: [fn] });
    if (!plan) return undefined;
    return { title: `Compare in constant time with ${plan.name}.Equal`, edits: [replaceNode(fn, `${plan.name}.Equal`), ...plan.edits] };
  }
  if (node.type !== 'binary_expression') return undefined;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const op = node.childForFieldName('operator')?.text;
  if (!left || !right || (op !== '==' && op !== '!=')) return undefined;
  // == on two []byte does not compile, so the operands are strings or arrays; rewrite only strings.
  if (!isStringExpr(left) && !isStringExpr(right)) return undefined;
  const plan = planImports(ctx, 'crypto/subtle');
  if (!plan) return undefined;
  return {
    title: `Compare in constant time with ${plan.name}.ConstantTimeCompare`,
    edits: [replaceNode(node, `${plan.name}.ConstantTimeCompare([]byte(${left.text}), []byte(${right.text})) ${op} 1`), ...plan.edits],
  };
}

/** The `true`/`false` captured as @value flipped. */
function flip(to: 'true' | 'false'): (ctx: FixContext) => Fix | undefined {
  return (ctx) => {
    const value = ctx.captures.get('value');
    if (!value || value.text === to) return undefined;
    return { title: `Set to ${to}`, edits: [replaceNode(value, to)] };
  };
}

const JWT_ALGS = /\bSigningMethod(HS256|HS384|HS512|RS256|RS384|RS512|ES256|ES384|ES512|PS256|PS384|PS512|EdDSA)\b/g;

/** jwt.Parse(s, kf) → jwt.Parse(s, kf, jwt.WithValidMethods([]string{"HS256"})) when the file signs with one alg. */
function jwtPinAlgorithm(ctx: FixContext): Fix | undefined {
  const fn = ctx.captures.get('fn');
  const args = ctx.captures.get('args');
  const pkg = fn?.childForFieldName('operand');
  if (!fn || !args || pkg?.type !== 'identifier') return undefined;
  const imp = goImports(ctx.node.tree.rootNode).find((i) => i.name === pkg.text);
  if (!imp || !/^github\.com\/golang-jwt\/jwt\/v[45]$/.test(imp.path)) return undefined; // the option needs v4+
  const algs = new Set([...ctx.text.matchAll(JWT_ALGS)].map((m) => m[1]));
  if (algs.size !== 1) return undefined;
  const alg = [...algs][0]!;
  const last = args.namedChildren[args.namedChildren.length - 1];
  if (!last || args.namedChildren.length < 2) return undefined;
  const at = spanOfNode(last).end;
  return {
    title: `Pin the algorithm to ${alg} with ${pkg.text}.WithValidMethods`,
    edits: [{ span: { start: at, end: at }, newText: `, ${pkg.text}.WithValidMethods([]string{"${alg}"})` }],
  };
}

/** Removes "none" from a jwt.WithValidMethods([]string{...}) list that has other entries. */
function jwtDropNone(ctx: FixContext): Fix | undefined {
  const args = ctx.captures.get('args');
  const list = args?.namedChildren[0]?.childForFieldName('body');
  if (!list || list.type !== 'literal_value') return undefined;
  const elements = list.namedChildren.filter((e): e is Node => e !== null && e.type === 'literal_element');
  const i = elements.findIndex((e) => /^["`]none["`]$/i.test(e.text));
  if (i === -1 || elements.length < 2) return undefined;
  const el = elements[i]!;
  const span = i > 0 ? { start: spanOfNode(elements[i - 1]!).end, end: spanOfNode(el).end } : { start: spanOfNode(el).start, end: spanOfNode(elements[1]!).start };
  return { title: 'Stop accepting the "none" algorithm', edits: [{ span, newText: '' }] };
}

// ---------------------------------------------------------------------------------------------
// SQL placeholders

/** `$n` for Postgres drivers, `?` for MySQL/SQLite and gorm; undefined when the file does not say. */
function placeholderStyle(root: Node): '$' | '?' | undefined {
  const paths = goImports(root).map((i) => i.path);
  const pg = paths.some((p) => /^github\.com\/(lib\/pq|jackc\/pgx(\/v\d+)?(\/pgxpool|\/stdlib)?|jackc\/pgconn)$/.test(p));
  const qmark = paths.some((p) => /^(github\.com\/go-sql-driver\/mysql|github\.com\/mattn\/go-sqlite3|modernc\.org\/sqlite|github\.com\/glebarez\/sqlite|gorm\.io\/gorm|github\.com\/jinzhu\/gorm)$/.test(p));
  if (pg === qmark) return undefined;
  return pg ? '$' : '?';
}

/** SQL text so far ends where a value goes: after = < > LIKE, or inside VALUES (...). */
const VALUE_POSITION = /(?:[=<>]|\blike|\bvalues\s*\((?:[^)]*,)?)\s*$/i;

class SqlBuilder {
  sql = '';
  args: string[] = [];
  private quoted = false;
  constructor(private readonly style: '$' | '?') {}

  literal(content: string): boolean {
    // Placeholders already in the text would need renumbering; leave those queries alone.
    if (/\$\d|\?/.test(content)) return false;
    if (this.quoted) {
      if (!content.startsWith("'")) return false;
      content = content.slice(1);
      this.quoted = false;
    }
    this.sql += content;
    return true;
  }

  value(expr: string): boolean {
    if (this.quoted) return false;
    if (this.sql.endsWith("'")) {
      this.sql = this.sql.slice(0, -1);
      this.quoted = true;
    }
    if (!VALUE_POSITION.test(this.sql)) return false;
    this.args.push(expr);
    this.sql += this.style === '$' ? `$${this.args.length}` : '?';
    return true;
  }

  done(): boolean {
    return !this.quoted && this.args.length > 0;
  }
}

/** strconv.Itoa(id) → id: the driver takes the number itself. Records the dropped call in `dropped`. */
function unwrapFormatting(n: Node, dropped: Node[]): string {
  const fn = n.type === 'call_expression' ? n.childForFieldName('function') : null;
  if (fn && /^strconv\.(Itoa|FormatInt|FormatUint)$/.test(fn.text)) {
    const inner = n.childForFieldName('arguments')?.namedChildren[0];
    if (inner) {
      dropped.push(fn);
      return inner.text;
    }
  }
  return n.text;
}

function concatLeaves(n: Node, out: Node[]): void {
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+') {
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    if (l) concatLeaves(l, out);
    if (r) concatLeaves(r, out);
  } else if (n.type === 'parenthesized_expression' && n.namedChildren.length === 1 && n.namedChildren[0]) {
    concatLeaves(n.namedChildren[0], out);
  } else {
    out.push(n);
  }
}

const STRING_TYPES = new Set(['interpreted_string_literal', 'raw_string_literal']);

/** db.Query("… id = " + id) → db.Query("… id = $1", id); db.Query(fmt.Sprintf("… '%s'", n)) → db.Query("… $1", n). */
function sqlPlaceholders(ctx: FixContext): Fix | undefined {
  const query = ctx.node;
  const args = ctx.captures.get('args');
  if (!args) return undefined;
  // The query must be the last argument: existing arguments would need renumbering.
  const last = args.namedChildren[args.namedChildren.length - 1];
  if (!last || last.id !== query.id) return undefined;
  const style = placeholderStyle(query.tree.rootNode);
  if (!style) return undefined;
  const b = new SqlBuilder(style);
  let quote = '';
  const unwrapped: Node[] = [];
  const removes = [{ path: 'strconv', replaced: unwrapped }];
  if (query.type === 'binary_expression') {
    const leaves: Node[] = [];
    concatLeaves(query, leaves);
    for (const leaf of leaves) {
      if (STRING_TYPES.has(leaf.type)) {
        const q = leaf.text[0] ?? '';
        if (quote && q !== quote) return undefined;
        quote = q;
        if (!b.literal(leaf.text.slice(1, -1))) return undefined;
      } else if (!b.value(unwrapFormatting(leaf, unwrapped))) {
        return undefined;
      }
    }
  } else if (query.type === 'call_expression') {
    const sprintf = ctx.captures.get('sprintf');
    const fargs = query.childForFieldName('arguments')?.namedChildren ?? [];
    const format = fargs[0];
    if (!sprintf || !format || !STRING_TYPES.has(format.type) || /\.\.\.\s*\)$/.test(query.text)) return undefined;
    quote = format.text[0] ?? '';
    const content = format.text.slice(1, -1);
    const values = fargs.slice(1);
    let next = 0;
    let chunk = '';
    for (let i = 0; i < content.length; i++) {
      const ch = content[i];
      if (ch !== '%') {
        chunk += ch;
        continue;
      }
      if (content[i + 1] === '%') {
        chunk += '%';
        i++;
        continue;
      }
      const verb = /^%[-+# 0-9.]*([a-zA-Z])/.exec(content.slice(i));
      const value = values[next++];
      if (!verb || !/^[sdv]$/.test(verb[1] ?? '') || !value) return undefined;
      if (!b.literal(chunk) || !b.value(unwrapFormatting(value, unwrapped))) return undefined;
      chunk = '';
      i += verb[0].length - 1;
    }
    if (!b.literal(chunk) || next !== values.length) return undefined;
    removes.push({ path: 'fmt', replaced: [sprintf] });
  } else {
    return undefined;
  }
  if (!b.done()) return undefined;
  const importPlan = planImports(ctx, undefined, ...removes);
  if (!importPlan) return undefined;
  return {
    title: `Pass the value${b.args.length > 1 ? 's' : ''} as query arguments (${style === '$' ? '$1' : '?'} placeholders)`,
    edits: [replaceNode(query, `${quote}${b.sql}${quote}, ${b.args.join(', ')}`), ...importPlan.edits],
  };
}

// ---------------------------------------------------------------------------------------------
// Struct literal fields

/** Sets `field: true` in a composite literal body: flips an explicit false, or adds the field. */
function setLiteralField(body: Node, field: string, text: string): TextEdit | undefined {
  const elements = body.namedChildren.filter((e): e is Node => e !== null && e.type === 'keyed_element');
  for (const el of elements) {
    const key = el.namedChildren[0];
    const value = el.namedChildren[1];
    if (key?.text !== field || !value) continue;
    return value.text === 'false' ? replaceNode(value, 'true') : undefined;
  }
  const last = elements[elements.length - 1];
  if (!last || last.namedChildren.length === 0) return undefined;
  const comma = last.nextSibling?.type === ',' ? last.nextSibling : null;
  const closing = body.lastChild;
  if (!closing || closing.type !== '}') return undefined;
  if (closing.startPosition.row > last.endPosition.row) {
    // Multi-line literal: a new line with the same indentation, after the trailing comma.
    if (!comma) return undefined;
    const indent = /^\s*/.exec(lineText(text, last.startPosition.row))?.[0] ?? '';
    const at = spanOfNode(comma).end;
    return { span: { start: at, end: at }, newText: `\n${indent}${field}: true,` };
  }
  const at = spanOfNode(comma ?? last).end;
  return { span: { start: at, end: at }, newText: comma ? ` ${field}: true,` : `, ${field}: true` };
}

function cookieField(field: string): (ctx: FixContext) => Fix | undefined {
  return (ctx) => {
    const body = ctx.captures.get('body');
    const edit = body ? setLiteralField(body, field, ctx.text) : undefined;
    return edit ? { title: `Set ${field}: true`, edits: [edit] } : undefined;
  };
}

/** io.ReadAll(r.Body) → io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20)) with the handler's ResponseWriter. */
function maxBytesReader(ctx: FixContext): Fix | undefined {
  const scope = ctx.captures.get('scope');
  const arg = ctx.node.childForFieldName('arguments')?.namedChildren[0];
  if (!scope || !arg) return undefined;
  let writer: string | undefined;
  let httpName: string | undefined;
  for (const p of scope.childForFieldName('parameters')?.namedChildren ?? []) {
    const type = p?.childForFieldName('type');
    if (p?.type !== 'parameter_declaration' || type?.type !== 'qualified_type') continue;
    if (type.childForFieldName('name')?.text !== 'ResponseWriter') continue;
    const names = p.childrenForFieldName('name');
    if (names.length !== 1 || !names[0] || names[0].text === '_') return undefined;
    writer = names[0].text;
    httpName = type.childForFieldName('package')?.text;
  }
  if (!writer || !httpName) return undefined;
  const imp = goImports(ctx.node.tree.rootNode).find((i) => i.name === httpName);
  if (imp?.path !== 'net/http') return undefined;
  return {
    title: 'Limit the body to 1 MiB with http.MaxBytesReader',
    edits: [replaceNode(arg, `${httpName}.MaxBytesReader(${writer}, ${arg.text}, 1<<20)`)],
  };
}

export function registerGoFixers(): void {
  registerFixer('go.constant-time-compare', constantTimeCompare);
  registerFixer('go.flip-true', flip('false'));
  registerFixer('go.jwt-pin-algorithm', jwtPinAlgorithm);
  registerFixer('go.jwt-drop-none', jwtDropNone);
  registerFixer('go.sql-placeholders', sqlPlaceholders);
  registerFixer('go.cookie-secure', cookieField('Secure'));
  registerFixer('go.cookie-httponly', cookieField('HttpOnly'));
  registerFixer('go.max-bytes-reader', maxBytesReader);
  registerFixer('go.rsa-2048', (ctx) => {
    const bits = ctx.captures.get('args')?.namedChildren[1];
    return bits?.type === 'int_literal' ? { title: 'Use a 2048-bit key', edits: [replaceNode(bits, '2048')] } : undefined;
  });
  // jwt.WithValidate(false) → jwt.WithValidate(true)
  registerFixer('go.call-arg-true', (ctx) => {
    const arg = ctx.captures.get('args')?.namedChildren[0];
    return arg?.type === 'false' ? { title: 'Set to true', edits: [replaceNode(arg, 'true')] } : undefined;
  });
}
