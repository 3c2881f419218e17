/**
 * Quick fixes for ecma (TypeScript / TSX / JavaScript) findings, referenced from
 * `server/queries/ecma/findings/*.scm` with `(#set! fix "<name>")`.
 *
 * Every fixer returns undefined when the code is not in a shape it can rewrite mechanically
 * (the finding is then reported without a fix). Edits never duplicate an expression that could
 * have side effects (calls, awaits), and imports are added after the file's leading
 * import / require lines, in the file's own module style.
 */
import type { Node } from 'web-tree-sitter';
import { registerFixer, spanOfNode, type FixContext } from '../fixes';
import { collectImports } from '../imports';
import type { Fix, Position, TextEdit } from '../types';

// ---------------------------------------------------------------------------------------------
// Text positions and edits

let cachedText: string | undefined;
let cachedLineStarts: number[] = [];

function lineStarts(text: string): number[] {
  if (text !== cachedText) {
    cachedText = text;
    cachedLineStarts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) cachedLineStarts.push(i + 1);
  }
  return cachedLineStarts;
}

/** LSP position (0-based line, UTF-16 column) of a UTF-16 offset; web-tree-sitter indexes in UTF-16 too. */
function positionAt(text: string, offset: number): Position {
  const starts = lineStarts(text);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - (starts[lo] ?? 0) };
}

function editAt(text: string, start: number, end: number, newText: string): TextEdit {
  return { span: { start: positionAt(text, start), end: positionAt(text, end) }, newText };
}

function replace(node: Node, newText: string): TextEdit {
  return { span: spanOfNode(node), newText };
}

function insertAt(text: string, offset: number, newText: string): TextEdit {
  return editAt(text, offset, offset, newText);
}

function fix(title: string, edits: TextEdit[]): Fix {
  return { title, edits };
}

/** `(expr)`, unless the node's position already delimits it (if condition, argument, declarator). */
function wrap(node: Node, expr: string): string {
  const parent = node.parent;
  const bare =
    parent?.type === 'parenthesized_expression' ||
    parent?.type === 'arguments' ||
    parent?.type === 'return_statement' ||
    (parent?.type === 'variable_declarator' && field(parent, 'value')?.id === node.id) ||
    (parent?.type === 'expression_statement');
  return bare ? expr : `(${expr})`;
}

// ---------------------------------------------------------------------------------------------
// Syntax helpers

function named(node: Node | null | undefined): Node[] {
  if (!node) return [];
  const out: Node[] = [];
  for (const c of node.namedChildren) if (c && c.type !== 'comment') out.push(c);
  return out;
}

function field(node: Node | null | undefined, name: string): Node | null {
  return node ? node.childForFieldName(name) : null;
}

function rootOf(node: Node): Node {
  return node.tree.rootNode;
}

function unquote(literal: string): string {
  return literal.replace(/^[`'"]|[`'"]$/g, '');
}

/** Side-effect-free expressions that may be written twice: names, members, literal subscripts. */
function isPlainReference(node: Node | null): boolean {
  if (!node) return false;
  switch (node.type) {
    case 'identifier':
    case 'this':
    case 'property_identifier':
    case 'shorthand_property_identifier':
      return true;
    case 'member_expression': {
      const prop = field(node, 'property');
      return isPlainReference(field(node, 'object')) && (prop?.type === 'property_identifier' || prop?.type === 'private_property_identifier');
    }
    case 'subscript_expression': {
      const index = field(node, 'index');
      return isPlainReference(field(node, 'object')) && (index?.type === 'string' || index?.type === 'number' || index?.type === 'identifier');
    }
    case 'parenthesized_expression':
      return named(node).length === 1 && isPlainReference(named(node)[0] ?? null);
    default:
      return false;
  }
}

function isLiteral(node: Node | null): boolean {
  return !!node && ['string', 'number', 'true', 'false', 'null', 'undefined'].includes(node.type);
}

/** `Buffer.from(x[, 'hex'])` with a plain x: allocation only, safe to write twice. */
function isPlainBufferFrom(node: Node | null): boolean {
  if (!node || node.type !== 'call_expression') return false;
  if (field(node, 'function')?.text !== 'Buffer.from') return false;
  const args = named(field(node, 'arguments'));
  return args.length >= 1 && args.length <= 2 && isPlainReference(args[0] ?? null) && (args.length === 1 || isLiteral(args[1] ?? null));
}

/** An object literal's pair (or shorthand property) by key name. */
function objectProperty(object: Node, key: string): Node | undefined {
  for (const child of named(object)) {
    if (child.type === 'pair') {
      const k = field(child, 'key');
      if (k && unquote(k.text) === key) return child;
    } else if (child.type === 'shorthand_property_identifier' && child.text === key) {
      return child;
    }
  }
  return undefined;
}

/** Edit adding `entry` (e.g. `secure: true`) as the last property of an object literal. */
function addProperty(text: string, object: Node, entry: string): TextEdit {
  const props = named(object);
  const last = props[props.length - 1];
  if (!last) return replace(object, `{ ${entry} }`);
  const multiline = object.startPosition.row !== object.endPosition.row && last.startPosition.row !== object.startPosition.row;
  if (multiline) {
    const lineStart = text.lastIndexOf('\n', last.startIndex - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
    // `a: 1,` (trailing comma) keeps its comma; otherwise add one.
    const after = text.slice(last.endIndex, object.endIndex - 1);
    const comma = /^\s*,/.exec(after);
    if (comma) return insertAt(text, last.endIndex + comma[0].length, `\n${indent}${entry},`);
    return insertAt(text, last.endIndex, `,\n${indent}${entry}`);
  }
  return insertAt(text, last.endIndex, `, ${entry}`);
}

/** Edit removing an item (object property, array element, argument) and its separating comma. */
function removeListItem(text: string, item: Node): TextEdit | undefined {
  const list = item.parent;
  if (!list) return undefined;
  const items = named(list);
  const i = items.findIndex((p) => p.id === item.id);
  if (i < 0) return undefined;
  const next = items[i + 1];
  if (next) return editAt(text, item.startIndex, next.startIndex, '');
  const trailing = /^\s*,/.exec(text.slice(item.endIndex, list.endIndex));
  if (trailing) {
    // Last item with a trailing comma: remove it and its comma, and its line if it has one.
    const lineStart = text.lastIndexOf('\n', item.startIndex - 1) + 1;
    const ownLine = lineStart > 0 && /^[ \t]*$/.test(text.slice(lineStart, item.startIndex));
    return editAt(text, ownLine ? lineStart - 1 : item.startIndex, item.endIndex + trailing[0].length, '');
  }
  const prev = items[i - 1];
  if (prev) return editAt(text, prev.endIndex, item.endIndex, '');
  return editAt(text, list.startIndex + 1, list.endIndex - 1, '');
}

/** Arguments of a call, without comments. */
function callArgs(call: Node): Node[] {
  return named(field(call, 'arguments'));
}

function isFunction(node: Node | undefined): boolean {
  return !!node && (node.type === 'arrow_function' || node.type === 'function_expression' || node.type === 'function');
}

// ---------------------------------------------------------------------------------------------
// Imports

interface CryptoBinding {
  /** Expression naming each member, e.g. `timingSafeEqual` or `crypto.timingSafeEqual`. */
  names: Map<string, string>;
  edits: TextEdit[];
}

function isCryptoModule(literal: Node | null): boolean {
  return !!literal && /^(node:)?crypto$/.test(unquote(literal.text));
}

/** A `require('crypto')` / `require('node:crypto')` call. */
function requireOfCrypto(node: Node | null): boolean {
  if (!node || node.type !== 'call_expression') return false;
  if (field(node, 'function')?.text !== 'require') return false;
  const arg = callArgs(node)[0];
  return arg?.type === 'string' && isCryptoModule(arg);
}

function isRequireCall(node: Node | null): boolean {
  let current = node;
  while (current?.type === 'member_expression') current = field(current, 'object');
  if (current?.type === 'await_expression') current = named(current)[0] ?? null;
  return current?.type === 'call_expression' && field(current, 'function')?.text === 'require';
}

function declarators(stmt: Node): Node[] {
  return stmt.type === 'lexical_declaration' || stmt.type === 'variable_declaration' ? named(stmt).filter((d) => d.type === 'variable_declarator') : [];
}

function isImportLike(stmt: Node): boolean {
  if (stmt.type === 'import_statement') return true;
  const decls = declarators(stmt);
  return decls.length > 0 && decls.every((d) => isRequireCall(field(d, 'value')));
}

function isDirective(stmt: Node): boolean {
  return stmt.type === 'expression_statement' && named(stmt).length === 1 && named(stmt)[0]?.type === 'string';
}

/** Where and how to add an import line: after the leading imports / requires, in their style. */
function importEdit(text: string, root: Node, esmLine: string, cjsLine: string): TextEdit {
  const stmts = root.namedChildren.filter((c): c is Node => !!c);
  let lastImport: Node | undefined;
  let lastPreamble: Node | undefined;
  let firstCode: Node | undefined;
  for (const s of stmts) {
    if (s.type === 'comment' || s.type === 'hash_bang_line') continue;
    if (isDirective(s) && !lastImport) {
      lastPreamble = s;
      continue;
    }
    if (isImportLike(s)) {
      lastImport = s;
      continue;
    }
    firstCode = s;
    break;
  }
  const hasEsm = stmts.some((s) => s.type === 'import_statement' || s.type === 'export_statement');
  const hasCjs = !hasEsm && (stmts.some((s) => declarators(s).some((d) => isRequireCall(field(d, 'value')))) || /\bmodule\.exports\b|\brequire\s*\(/.test(text));
  let line = hasCjs ? cjsLine : esmLine;
  const sample = lastImport?.text ?? '';
  if (/"/.test(sample) && !/'/.test(sample)) line = line.replace(/'/g, '"');
  if (lastImport && !/;\s*$/.test(lastImport.text)) line = line.replace(/;$/, '');
  const anchor = lastImport ?? lastPreamble;
  if (anchor) {
    const eol = text.indexOf('\n', anchor.endIndex);
    return insertAt(text, eol === -1 ? text.length : eol, `\n${line}`);
  }
  if (firstCode) {
    const lineStart = text.lastIndexOf('\n', firstCode.startIndex - 1) + 1;
    return insertAt(text, lineStart, `${line}\n`);
  }
  return insertAt(text, text.length, `${text.length > 0 && !text.endsWith('\n') ? '\n' : ''}${line}\n`);
}

/** How to name `crypto.<member>` in this file, adding or extending one import when needed. */
function cryptoMembers(text: string, root: Node, members: string[]): CryptoBinding {
  const names = new Map<string, string>();
  let namespace: string | undefined;
  let namedList: Node | undefined;
  let pattern: Node | undefined;
  for (const stmt of root.namedChildren) {
    if (!stmt) continue;
    if (stmt.type === 'import_statement') {
      if (!isCryptoModule(field(stmt, 'source')) || /^import\s+type\b/.test(stmt.text)) continue;
      const clause = named(stmt).find((c) => c.type === 'import_clause');
      for (const part of named(clause)) {
        if (part.type === 'identifier') namespace ??= part.text;
        else if (part.type === 'namespace_import') namespace ??= named(part).find((c) => c.type === 'identifier')?.text;
        else if (part.type === 'named_imports') {
          for (const spec of named(part)) {
            if (spec.type !== 'import_specifier' || /^type\b/.test(spec.text)) continue;
            const name = field(spec, 'name')?.text ?? '';
            const alias = field(spec, 'alias')?.text ?? name;
            if (members.includes(name) && !names.has(name)) names.set(name, alias);
          }
          namedList ??= part;
        }
      }
      continue;
    }
    for (const d of declarators(stmt)) {
      if (!requireOfCrypto(field(d, 'value'))) continue;
      const name = field(d, 'name');
      if (name?.type === 'identifier') namespace ??= name.text;
      else if (name?.type === 'object_pattern') {
        for (const p of named(name)) {
          if (p.type === 'shorthand_property_identifier_pattern' && members.includes(p.text) && !names.has(p.text)) names.set(p.text, p.text);
          const key = p.type === 'pair_pattern' ? unquote(field(p, 'key')?.text ?? '') : '';
          const value = field(p, 'value');
          if (key && members.includes(key) && value?.type === 'identifier' && !names.has(key)) names.set(key, value.text);
        }
        pattern ??= name;
      }
    }
  }
  const missing = members.filter((m) => !names.has(m));
  if (missing.length === 0) return { names, edits: [] };
  if (namespace) {
    for (const m of missing) names.set(m, `${namespace}.${m}`);
    return { names, edits: [] };
  }
  for (const m of missing) names.set(m, m);
  const list = namedList ?? pattern;
  const joined = missing.join(', ');
  if (list) {
    const items = named(list);
    const rest = items.findIndex((i) => i.type === 'rest_pattern');
    if (rest >= 0) return { names, edits: [insertAt(text, items[rest]!.startIndex, `${joined}, `)] };
    const last = items[items.length - 1];
    return { names, edits: [last ? insertAt(text, last.endIndex, `, ${joined}`) : replace(list, `{ ${joined} }`)] };
  }
  return { names, edits: [importEdit(text, root, `import { ${joined} } from 'node:crypto';`, `const { ${joined} } = require('node:crypto');`)] };
}

/** Browser-side code (React, Vue, ...): node:crypto is not available, Web Crypto is. */
const BROWSER_MODULES = /^(react|react-dom|preact|vue|svelte|solid-js|@angular\/core|lit)$/;

function isBrowserCode(root: Node): boolean {
  return collectImports(root, 'ecma').modules.some((m) => BROWSER_MODULES.test(m));
}

function cryptoMember(text: string, root: Node, member: string): { expr: string; edits: TextEdit[] } {
  const b = cryptoMembers(text, root, [member]);
  return { expr: b.names.get(member) ?? member, edits: b.edits };
}

// ---------------------------------------------------------------------------------------------
// Timing: constant-time comparison

function timingSafeEqual(ctx: FixContext): Fix | undefined {
  const node = ctx.node;
  const left = ctx.captures.get('l');
  const right = ctx.captures.get('r');
  if (!left || !right) return undefined;
  const root = rootOf(node);
  // Browser code has no node:crypto (and no remote timing attacker): report only.
  if (isBrowserCode(root)) return undefined;
  if (node.type === 'binary_expression') {
    if (!isPlainReference(left) || !isPlainReference(right)) return undefined;
    const op = ctx.captures.get('op')?.text ?? '';
    const tse = cryptoMember(ctx.text, root, 'timingSafeEqual');
    const a = left.text;
    const b = right.text;
    const body = `Buffer.byteLength(${a}) === Buffer.byteLength(${b}) && ${tse.expr}(Buffer.from(${a}), Buffer.from(${b}))`;
    const negate = op.startsWith('!');
    return fix('Compare with crypto.timingSafeEqual', [replace(node, negate ? `!(${body})` : wrap(node, body)), ...tse.edits]);
  }
  if (node.type === 'call_expression') {
    const ok = (n: Node) => isPlainReference(n) || isPlainBufferFrom(n);
    if (!ok(left) || !ok(right)) return undefined;
    const tse = cryptoMember(ctx.text, root, 'timingSafeEqual');
    return fix('Compare with crypto.timingSafeEqual', [
      replace(node, wrap(node, `${left.text}.length === ${right.text}.length && ${tse.expr}(${left.text}, ${right.text})`)),
      ...tse.edits,
    ]);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// JWT

/**
 * Per syntax tree: every JWT finding of a file asks, and walking the whole file once per finding
 * made an edit in a file with many of them quadratic.
 */
const signingAlgorithmsByTree = new WeakMap<Node['tree'], Node[]>();

/** Algorithms the file signs with: jwt.sign(..., { algorithm }) and setProtectedHeader({ alg }). */
function signingAlgorithms(root: Node): Node[] {
  let algs = signingAlgorithmsByTree.get(root.tree);
  if (!algs) signingAlgorithmsByTree.set(root.tree, (algs = findSigningAlgorithms(root)));
  return algs;
}

function findSigningAlgorithms(root: Node): Node[] {
  const found = new Map<string, Node>();
  for (const call of root.descendantsOfType('call_expression')) {
    if (!call) continue;
    const callee = field(call, 'function')?.text ?? '';
    const key = /(^|\.)sign$/.test(callee) ? 'algorithm' : /(^|\.)setProtectedHeader$/.test(callee) ? 'alg' : undefined;
    if (!key) continue;
    for (const arg of callArgs(call)) {
      if (arg.type !== 'object') continue;
      const value = field(objectProperty(arg, key) ?? null, 'value');
      if (value?.type === 'string' && !/^none$/i.test(unquote(value.text))) found.set(unquote(value.text), value);
    }
  }
  return [...found.values()];
}

function pinAlgorithm(ctx: FixContext): Fix | undefined {
  const call = ctx.captures.get('call');
  if (!call) return undefined;
  const algs = signingAlgorithms(rootOf(call));
  if (algs.length !== 1) return undefined;
  const alg = algs[0]!.text;
  const entry = `algorithms: [${alg}]`;
  const title = `Pin the algorithm to ${unquote(alg)} (the one this file signs with)`;
  const opts = ctx.captures.get('opts');
  if (opts?.type === 'object') return fix(title, [addProperty(ctx.text, opts, entry)]);
  const args = callArgs(call);
  if (args.length === 2) return fix(title, [insertAt(ctx.text, args[1]!.endIndex, `, { ${entry} }`)]);
  if (args.length === 3 && isFunction(args[2])) return fix(title, [insertAt(ctx.text, args[2]!.startIndex, `{ ${entry} }, `)]);
  return undefined;
}

/** 'none' in an algorithms list: drop it if others remain, else use the file's signing algorithm. */
function dropNone(ctx: FixContext): Fix | undefined {
  const node = ctx.node;
  if (node.parent?.type === 'array' && named(node.parent).length > 1) {
    const edit = removeListItem(ctx.text, node);
    return edit ? fix("Remove 'none'", [edit]) : undefined;
  }
  const algs = signingAlgorithms(rootOf(node));
  if (algs.length !== 1) return undefined;
  return fix(`Use ${unquote(algs[0]!.text)} (the algorithm this file signs with)`, [replace(node, algs[0]!.text)]);
}

function removeProperty(ctx: FixContext): Fix | undefined {
  const node = ctx.node;
  if ((node.type !== 'pair' && node.type !== 'method_definition') || node.parent?.type !== 'object') return undefined;
  const edit = removeListItem(ctx.text, node);
  return edit ? fix(`Remove ${field(node, node.type === 'pair' ? 'key' : 'name')?.text ?? 'the option'}`, [edit]) : undefined;
}

function setTrue(ctx: FixContext): Fix | undefined {
  const value = ctx.captures.get('value');
  if (value?.type !== 'false') return undefined;
  const key = value.parent?.type === 'pair' ? field(value.parent, 'key')?.text : field(field(value.parent, 'left'), 'property')?.text;
  return fix(`Set ${key ?? 'it'} to true`, [replace(value, 'true')]);
}

// ---------------------------------------------------------------------------------------------
// Cookies

/** Sets `secure` and `httpOnly` to true in a cookie options object (flip false, add missing). */
function cookieFlags(ctx: FixContext): Fix | undefined {
  const opts = ctx.captures.get('opts');
  const call = ctx.captures.get('call');
  const title = 'Set secure: true and httpOnly: true';
  if (opts?.type === 'object') {
    if (/\.\.\./.test(opts.text)) return undefined;
    const edits: TextEdit[] = [];
    const missing: string[] = [];
    const changed: string[] = [];
    for (const key of ['secure', 'httpOnly']) {
      const prop = objectProperty(opts, key);
      const value = prop?.type === 'pair' ? field(prop, 'value') : undefined;
      if (!prop) missing.push(`${key}: true`);
      else if (value?.type === 'false') edits.push(replace(value, 'true'));
      else continue;
      changed.push(`${key}: true`);
    }
    if (missing.length > 0) edits.push(addProperty(ctx.text, opts, missing.join(', ')));
    return edits.length > 0 ? fix(`Set ${changed.join(' and ')}`, edits) : undefined;
  }
  if (!call) return undefined;
  const args = callArgs(call);
  if (args.length !== 2) return undefined;
  return fix(title, [insertAt(ctx.text, args[1]!.endIndex, ', { secure: true, httpOnly: true }')]);
}

/** express-session options without `cookie`: add one with secure and httpOnly. */
function sessionCookieFlags(ctx: FixContext): Fix | undefined {
  const opts = ctx.captures.get('opts');
  if (opts?.type !== 'object' || objectProperty(opts, 'cookie')) return undefined;
  return fix('Add cookie: { secure: true, httpOnly: true }', [addProperty(ctx.text, opts, 'cookie: { secure: true, httpOnly: true }')]);
}

// ---------------------------------------------------------------------------------------------
// SQL: bound parameters

/** A piece of SQL source: literal text (raw, as written between its quotes) or a value. */
type SqlPiece = { raw: string; quote: string } | { value: Node };

/** Flattens a `+` chain / template literal into literal text and values; false if unsure. */
function sqlPieces(text: string, node: Node, out: SqlPiece[]): boolean {
  if (node.type === 'binary_expression' && field(node, 'operator')?.text === '+') {
    const l = field(node, 'left');
    const r = field(node, 'right');
    return !!l && !!r && sqlPieces(text, l, out) && sqlPieces(text, r, out);
  }
  if (node.type === 'string') {
    out.push({ raw: node.text.slice(1, -1), quote: node.text[0] ?? "'" });
    return true;
  }
  if (node.type === 'template_string') {
    let cursor = node.startIndex + 1;
    for (const child of named(node)) {
      if (child.type !== 'template_substitution') continue;
      out.push({ raw: text.slice(cursor, child.startIndex), quote: '`' });
      const expr = named(child)[0];
      if (!expr) return false;
      out.push({ value: expr });
      cursor = child.endIndex;
    }
    out.push({ raw: text.slice(cursor, node.endIndex - 1), quote: '`' });
    return true;
  }
  out.push({ value: node });
  return true;
}

/** Raw text of a '...' or "..." literal rewritten for a template literal (escape ` and ${). */
function toTemplateRaw(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\') {
      out += raw.slice(i, i + 2);
      i++;
    } else if (ch === '`') out += '\\`';
    else if (ch === '$' && raw[i + 1] === '{') out += '\\$';
    else out += ch;
  }
  return out;
}

/** SQL before a value that expects a value (not an identifier, keyword or list). */
const VALUE_CONTEXT = /(?:[=<>]|\b(?:LIKE|ILIKE|LIMIT|OFFSET|BETWEEN|THEN|ELSE)|\bBETWEEN\s+\S+\s+AND|\b(?:LOWER|UPPER|TRIM)\s*\()\s*$/i;
const IN_LIST = /\bIN\s*\(\s*$/i;
/** Inside `VALUES (...`: first or later item. */
const VALUES_LIST = /\bVALUES\s*\((?:(?:[^()]|\([^()]*\))*,)?\s*$/i;
/** SQL after a value: it must end there (no `${prefix}_users`). */
const VALUE_END = /^(?:\s|[),;\]]|::|$)/;
const SQL_QUOTE_BEFORE = /\\?'$/;
const SQL_QUOTE_AFTER = /^\\?'/;

/**
 * Rebuilds SQL source with placeholders, in the target quote (`'`, `"` or a template). Quotes
 * around a value (`'${name}'`, `"'" + name + "'"`) are dropped; a value with other text inside
 * its quotes (`'%${q}%'`) or where SQL expects an identifier or keyword is not mechanical.
 */
function parameterize(pieces: SqlPiece[], target: string, placeholder: (n: number, expr: string) => string): { sql: string; values: string[] } | undefined {
  const raw = pieces.map((p) => ('raw' in p ? (target === '`' && p.quote !== '`' ? toTemplateRaw(p.raw) : p.raw) : undefined));
  const out: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const r = raw[i];
    if (r !== undefined || 'raw' in piece) {
      out.push(r ?? '');
      continue;
    }
    let before = out.length > 0 ? out[out.length - 1]! : '';
    const nextRaw = raw[i + 1];
    let after = nextRaw ?? '';
    const qb = SQL_QUOTE_BEFORE.exec(before);
    const qa = SQL_QUOTE_AFTER.exec(after);
    if (qb || qa) {
      if (!qb || !qa) return undefined;
      before = before.slice(0, before.length - qb[0].length);
      after = after.slice(qa[0].length);
    }
    const sqlBefore = out.slice(0, -1).join('') + before;
    if (IN_LIST.test(sqlBefore) || !(VALUE_CONTEXT.test(sqlBefore) || VALUES_LIST.test(sqlBefore))) return undefined;
    if (!VALUE_END.test(after)) return undefined;
    values.push(piece.value.text);
    if (out.length > 0) out[out.length - 1] = before;
    out.push(placeholder(values.length, piece.value.text));
    if (nextRaw !== undefined) {
      out.push(after);
      i++;
    }
  }
  return values.length > 0 ? { sql: `${target}${out.join('')}${target}`, values } : undefined;
}

/** The quote for rebuilt SQL: the source strings' common quote, else a template literal. */
function sqlTarget(pieces: SqlPiece[]): string {
  const quotes = new Set<string>();
  for (const p of pieces) if ('raw' in p) quotes.add(p.quote);
  return quotes.size === 1 ? [...quotes][0]! : '`';
}

const PG_MODULES = /^(pg|pg-pool|@neondatabase\/serverless|@vercel\/postgres)$/;
const MYSQL_MODULES = /^(mysql|mysql2|mysql2\/promise|mariadb)$/;
const SQLITE_MODULES = /^(sqlite|sqlite3)$/;
const KNEX_METHODS = /^(raw|whereRaw|orWhereRaw|andWhereRaw|whereNotRaw|orWhereNotRaw|havingRaw|orHavingRaw|orderByRaw|groupByRaw|joinRaw|fromRaw|selectRaw|onRaw)$/;

type SqlDialect = 'dollar' | 'qmark' | 'sequelize' | 'prisma';

function sqlDialect(call: Node, method: string, receiver: string): SqlDialect | undefined {
  if (/^\$(queryRawUnsafe|executeRawUnsafe)$/.test(method)) return 'prisma';
  if (KNEX_METHODS.test(method)) return 'qmark';
  const modules = collectImports(rootOf(call), 'ecma').modules;
  if (/^(all|get|run|each)$/.test(method)) return modules.some((m) => SQLITE_MODULES.test(m)) ? 'qmark' : undefined;
  if (!/^(query|execute)$/.test(method)) return undefined;
  if (/(^|\.)sequelize$/i.test(receiver)) return 'sequelize';
  const pg = modules.some((m) => PG_MODULES.test(m));
  const mysql = modules.some((m) => MYSQL_MODULES.test(m));
  if (pg && !mysql && method === 'query') return 'dollar';
  if (mysql && !pg) return 'qmark';
  return undefined;
}

function sqlParameterize(ctx: FixContext): Fix | undefined {
  const call = ctx.captures.get('call');
  const sql = ctx.captures.get('sql');
  const method = ctx.captures.get('m')?.text ?? '';
  const receiver = ctx.captures.get('obj')?.text ?? '';
  if (!call || !sql) return undefined;
  const dialect = sqlDialect(call, method, receiver);
  if (!dialect) return undefined;
  const pieces: SqlPiece[] = [];
  if (!sqlPieces(ctx.text, sql, pieces)) return undefined;
  const literalText = pieces.map((p) => ('raw' in p ? p.raw : '')).join('');
  const args = callArgs(call);
  if (dialect === 'prisma') {
    // $queryRawUnsafe(`... ${id}`) -> $queryRaw`... ${id}`: the tagged template binds values.
    const prop = field(field(call, 'function'), 'property');
    const argList = field(call, 'arguments');
    if (args.length !== 1 || !prop || !argList) return undefined;
    const result = parameterize(pieces, '`', (_n, expr) => `\${${expr}}`);
    if (!result) return undefined;
    const safeName = method.replace('Unsafe', '');
    return fix(`Use the tagged template ${safeName}\`...\` (values become parameters)`, [replace(prop, safeName), replace(argList, result.sql)]);
  }
  if (dialect === 'dollar' ? /\$\d/.test(literalText) : /\?/.test(literalText)) return undefined;
  const result = parameterize(pieces, sqlTarget(pieces), (n) => (dialect === 'dollar' ? `$${n}` : '?'));
  if (!result) return undefined;
  const values = `[${result.values.join(', ')}]`;
  const title = `Use bound parameters (${dialect === 'dollar' ? '$1, $2, ...' : '?'}) with a values array`;
  const edits: TextEdit[] = [replace(sql, result.sql)];
  const second = args[1];
  if (dialect === 'sequelize') {
    if (args.length === 1) edits.push(insertAt(ctx.text, sql.endIndex, `, { replacements: ${values} }`));
    else if (args.length === 2 && second?.type === 'object' && !objectProperty(second, 'replacements') && !objectProperty(second, 'bind') && !/\.\.\./.test(second.text)) {
      edits.push(addProperty(ctx.text, second, `replacements: ${values}`));
    } else return undefined;
    return fix(title, edits);
  }
  if (args.length === 1) edits.push(insertAt(ctx.text, sql.endIndex, `, ${values}`));
  else if (args.length === 2 && isFunction(second) && !KNEX_METHODS.test(method)) edits.push(insertAt(ctx.text, second!.startIndex, `${values}, `));
  else return undefined;
  return fix(title, edits);
}

// ---------------------------------------------------------------------------------------------
// Weak crypto

function hashSha256(ctx: FixContext): Fix | undefined {
  const node = ctx.node;
  if (node.type !== 'string') return undefined;
  const q = node.text[0] ?? "'";
  return fix('Use SHA-256 (every digest changes: migrate stored or exchanged values)', [replace(node, `${q}sha256${q}`)]);
}

function rsa2048(ctx: FixContext): Fix | undefined {
  return ctx.node.type === 'number' ? fix('Use a 2048-bit key', [replace(ctx.node, '2048')]) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Randomness

function numberValue(node: Node | undefined): number | undefined {
  if (!node || node.type !== 'number') return undefined;
  const n = Number(node.text.replace(/_/g, ''));
  return Number.isInteger(n) ? n : undefined;
}

/** `.method(args)` called on `node`: the call, or undefined. */
function calledMethod(node: Node, methods: RegExp): Node | undefined {
  const member = node.parent;
  if (member?.type !== 'member_expression' || field(member, 'object')?.id !== node.id) return undefined;
  if (!methods.test(field(member, 'property')?.text ?? '')) return undefined;
  const call = member.parent;
  return call?.type === 'call_expression' && field(call, 'function')?.id === member.id ? call : undefined;
}

/** One Math.random() idiom: the node to replace and its CSPRNG equivalent (member + text). */
function randomReplacement(random: Node): { node: Node; member: 'randomBytes' | 'randomInt'; args: string; suffix: string } | undefined {
  const toString = calledMethod(random, /^toString$/);
  if (toString) {
    const radix = callArgs(toString);
    if (radix.length > 1 || (radix.length === 1 && numberValue(radix[0]) === undefined)) return undefined;
    const slice = calledMethod(toString, /^(slice|substring|substr)$/);
    if (!slice) return { node: toString, member: 'randomBytes', args: '16', suffix: ".toString('hex')" };
    const method = field(field(slice, 'function'), 'property')?.text;
    const [from, to] = callArgs(slice).map(numberValue);
    if (from === undefined || from < 0 || from > 2) return undefined;
    const args = callArgs(slice);
    if (args.length === 1) return { node: slice, member: 'randomBytes', args: '16', suffix: ".toString('hex')" };
    if (args.length !== 2 || to === undefined) return undefined;
    const length = method === 'substr' ? to : to - from;
    if (length <= 0 || length > 64) return undefined;
    const bytes = Math.ceil(length / 2);
    return { node: slice, member: 'randomBytes', args: String(bytes), suffix: `.toString('hex')${length % 2 ? `.slice(0, ${length})` : ''}` };
  }
  // Math.floor(Math.random() * n) / Math.floor(n * Math.random()) -> randomInt(n)
  const product = random.parent;
  if (product?.type !== 'binary_expression' || field(product, 'operator')?.text !== '*') return undefined;
  const other = field(product, 'left')?.id === random.id ? field(product, 'right') : field(product, 'left');
  const args = product.parent;
  const floor = args?.parent;
  if (!other || args?.type !== 'arguments' || named(args).length !== 1 || floor?.type !== 'call_expression' || field(floor, 'function')?.text !== 'Math.floor') {
    return undefined;
  }
  return { node: floor, member: 'randomInt', args: other.text, suffix: '' };
}

/** The Web Crypto form of a toString idiom: crypto.randomUUID() (122 random bits). */
function webCryptoReplacement(rep: { args: string; suffix: string }): string | undefined {
  const length = /\.slice\(0, (\d+)\)$/.exec(rep.suffix)?.[1] ?? (rep.args === '16' ? undefined : String(Number(rep.args) * 2));
  if (length === undefined) return 'crypto.randomUUID()';
  return Number(length) <= 32 ? `crypto.randomUUID().replace(/-/g, '').slice(0, ${length})` : undefined;
}

function cryptoRandom(ctx: FixContext): Fix | undefined {
  const value = ctx.captures.get('value');
  if (!value) return undefined;
  const browser = isBrowserCode(rootOf(value));
  const randoms = [value, ...value.descendantsOfType('call_expression').filter((c): c is Node => !!c)].filter(
    (c) => c.type === 'call_expression' && field(c, 'function')?.text === 'Math.random' && callArgs(c).length === 0,
  );
  if (randoms.length === 0) return undefined;
  const replacements = [];
  for (const r of randoms) {
    const rep = randomReplacement(r);
    if (!rep) return undefined;
    replacements.push(rep);
  }
  replacements.sort((a, b) => a.node.startIndex - b.node.startIndex);
  for (let i = 1; i < replacements.length; i++) if (replacements[i]!.node.startIndex < replacements[i - 1]!.node.endIndex) return undefined;
  if (browser) {
    const edits: TextEdit[] = [];
    for (const r of replacements) {
      const text = r.member === 'randomBytes' ? webCryptoReplacement(r) : undefined;
      if (!text) return undefined;
      edits.push(replace(r.node, text));
    }
    return fix('Use crypto.randomUUID() (Web Crypto)', edits);
  }
  const members = [...new Set(replacements.map((r) => r.member))];
  const binding = cryptoMembers(ctx.text, rootOf(value), members);
  const edits = replacements.map((r) => replace(r.node, `${binding.names.get(r.member) ?? r.member}(${r.args})${r.suffix}`));
  return fix(`Use crypto.${members.join(' / crypto.')}`, [...edits, ...binding.edits]);
}

// ---------------------------------------------------------------------------------------------
// Body limits

/** getRawBody(req[, opts | encoding | cb]): add `limit: '1mb'`. */
function rawBodyLimit(ctx: FixContext): Fix | undefined {
  const call = ctx.captures.get('call');
  if (!call) return undefined;
  const title = "Limit the body to 1mb";
  const opts = ctx.captures.get('opts');
  if (opts?.type === 'object') return fix(title, [addProperty(ctx.text, opts, "limit: '1mb'")]);
  const enc = ctx.captures.get('enc');
  if (enc) return fix(title, [replace(enc, `{ limit: '1mb', encoding: ${enc.text} }`)]);
  const args = callArgs(call);
  if (args.length === 1) return fix(title, [insertAt(ctx.text, args[0]!.endIndex, ", { limit: '1mb' }")]);
  if (args.length === 2 && isFunction(args[1])) return fix(title, [insertAt(ctx.text, args[1]!.startIndex, "{ limit: '1mb' }, ")]);
  return undefined;
}

export function registerEcmaFixers(): void {
  registerFixer('ecma.timing-safe-equal', timingSafeEqual);
  registerFixer('ecma.jwt-pin-algorithm', pinAlgorithm);
  registerFixer('ecma.jwt-drop-none', dropNone);
  registerFixer('ecma.remove-property', removeProperty);
  registerFixer('ecma.set-true', setTrue);
  registerFixer('ecma.cookie-flags', cookieFlags);
  registerFixer('ecma.session-cookie-flags', sessionCookieFlags);
  registerFixer('ecma.raw-body-limit', rawBodyLimit);
  registerFixer('ecma.sql-parameterize', sqlParameterize);
  registerFixer('ecma.crypto-sha256', hashSha256);
  registerFixer('ecma.crypto-rsa-2048', rsa2048);
  registerFixer('ecma.crypto-random', cryptoRandom);
}
