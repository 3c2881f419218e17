/** Quick fixes for python findings. Register each with registerFixer('<name>', fixer). */
import type { Node } from 'web-tree-sitter';
import { registerFixer, replaceNode, spanOfNode, type FixContext } from '../fixes';
import type { Fix, Position, TextEdit } from '../types';

// ---------------------------------------------------------------------------------------------
// Imports

function insertAt(at: Position, newText: string): TextEdit {
  return { span: { start: at, end: at }, newText };
}

/**
 * The name under which `module` (a top-level module such as hmac or secrets) is usable, and the
 * edit that adds `import <module>` when the file does not import it at top level. The import goes
 * before the first top-level import (after the docstring and `from __future__` imports).
 */
function ensureImport(ctx: FixContext, module: string): { name: string; edits: TextEdit[] } | undefined {
  const root = ctx.node.tree.rootNode;
  const statements = root.namedChildren.filter((c): c is Node => c !== null);
  for (const stmt of statements) {
    if (stmt.type !== 'import_statement') continue;
    for (const name of stmt.childrenForFieldName('name')) {
      if (!name) continue;
      if (name.type === 'dotted_name' && name.text === module) return { name: module, edits: [] };
      if (name.type === 'aliased_import' && name.childForFieldName('name')?.text === module) {
        const alias = name.childForFieldName('alias')?.text;
        if (alias) return { name: alias, edits: [] };
      }
    }
  }
  // Something else bound to the name at top level (`from x import hmac`, `hmac = ...`): leave it.
  if (new RegExp(`^(?:from\\s+\\S+\\s+import\\s+.*\\b${module}\\b|${module}\\s*=)`, 'm').test(ctx.text)) return undefined;
  const line = `import ${module}\n`;
  const firstImport = statements.find((s) => s.type === 'import_statement' || s.type === 'import_from_statement');
  if (firstImport) return { name: module, edits: [insertAt({ line: firstImport.startPosition.row, character: 0 }, line)] };
  // After the docstring and `from __future__` imports, else after leading comments (shebang, coding).
  let after: Node | undefined;
  for (const stmt of statements) {
    if (stmt.type === 'comment') continue;
    const isDocstring = stmt.type === 'expression_statement' && stmt.namedChildren.length === 1 && stmt.namedChildren[0]?.type === 'string' && after === undefined;
    if (isDocstring || stmt.type === 'future_import_statement') after = stmt;
    else break;
  }
  if (after) {
    const row = after.endPosition.row + 1;
    if (row >= ctx.text.split('\n').length) return { name: module, edits: [insertAt(spanOfNode(after).end, `\n${line.trimEnd()}`)] };
    return { name: module, edits: [insertAt({ line: row, character: 0 }, line)] };
  }
  const lines = ctx.text.split('\n');
  let row = 0;
  while (row < lines.length && /^\s*#/.test(lines[row] ?? '')) row++;
  return { name: module, edits: [insertAt({ line: row, character: 0 }, line)] };
}

// ---------------------------------------------------------------------------------------------
// Arguments

function namedArgs(call: Node): Node[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
}

function keywordValue(args: Node[], name: string): Node | undefined {
  for (const a of args) if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) return a.childForFieldName('value') ?? undefined;
  return undefined;
}

/** Appends `text` (e.g. `secure=True`) as the last argument of a call. */
function appendArgument(call: Node, text: string): TextEdit | undefined {
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return undefined;
  const args = namedArgs(call);
  const last = args[args.length - 1];
  if (!last) {
    const close = list.lastChild;
    return close?.type === ')' ? insertAt(spanOfNode(close).start, text) : undefined;
  }
  if (last.type === 'list_splat' || last.type === 'dictionary_splat') return undefined;
  return insertAt(spanOfNode(last).end, `, ${text}`);
}

/** The keyword argument of a call whose name matches `name`, e.g. verify=False. */
function keywordArgument(call: Node, name: RegExp): Node | undefined {
  return namedArgs(call).find((a) => a.type === 'keyword_argument' && name.test(a.childForFieldName('name')?.text ?? ''));
}

// ---------------------------------------------------------------------------------------------
// Fixers

/** An expression of lower precedence than a call, parenthesized unless its position makes that unnecessary. */
function wrap(replaced: Node, text: string): string {
  return ['assignment', 'argument_list', 'return_statement', 'expression_statement', 'keyword_argument', 'parenthesized_expression', 'list', 'tuple'].includes(
    replaced.parent?.type ?? '',
  )
    ? text
    : `(${text})`;
}

const NEGATABLE_PARENTS = new Set([
  'if_statement', 'elif_clause', 'while_statement', 'boolean_operator', 'not_operator', 'parenthesized_expression',
  'assignment', 'return_statement', 'argument_list', 'expression_statement', 'assert_statement', 'keyword_argument',
  'conditional_expression', 'list', 'tuple',
]);

/** a == b → hmac.compare_digest(a, b); a != b → not hmac.compare_digest(a, b). */
function compareDigest(ctx: FixContext): Fix | undefined {
  const node = ctx.node;
  const operands = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const ops = node.children.filter((c): c is Node => c !== null && (c.type === '==' || c.type === '!='));
  if (operands.length !== 2 || ops.length !== 1) return undefined;
  const imp = ensureImport(ctx, 'hmac');
  if (!imp) return undefined;
  let call = `${imp.name}.compare_digest(${operands[0]!.text}, ${operands[1]!.text})`;
  if (ops[0]!.type === '!=') {
    call = `not ${call}`;
    if (!NEGATABLE_PARENTS.has(node.parent?.type ?? '')) call = `(${call})`;
  }
  return { title: `Compare in constant time with ${imp.name}.compare_digest`, edits: [replaceNode(node, call), ...imp.edits] };
}

/** The `False`/`True` captured as @value flipped. */
function flip(to: 'True' | 'False'): (ctx: FixContext) => Fix | undefined {
  return (ctx) => {
    const value = ctx.captures.get('value');
    if (!value || value.text === to) return undefined;
    return { title: `Set to ${to}`, edits: [replaceNode(value, to)] };
  };
}

const JWT_ALG = /["'](HS256|HS384|HS512|RS256|RS384|RS512|ES256|ES256K|ES384|ES512|PS256|PS384|PS512|EdDSA)["']/g;

/** jwt.decode(t, key) → jwt.decode(t, key, algorithms=["HS256"]) when the file uses exactly one algorithm. */
function jwtPinAlgorithms(ctx: FixContext): Fix | undefined {
  const algs = new Set([...ctx.text.matchAll(JWT_ALG)].map((m) => m[1]));
  if (algs.size !== 1) return undefined;
  const alg = [...algs][0]!;
  const edit = appendArgument(ctx.node, `algorithms=["${alg}"]`);
  return edit ? { title: `Pin the algorithm: algorithms=["${alg}"]`, edits: [edit] } : undefined;
}

/** algorithms=["HS256", "none"] → algorithms=["HS256"]. */
function jwtDropNone(ctx: FixContext): Fix | undefined {
  const kw = ctx.node.type === 'call' ? keywordArgument(ctx.node, /^algorithms$/) : undefined;
  const list = kw?.childForFieldName('value');
  if (!list || (list.type !== 'list' && list.type !== 'tuple')) return undefined;
  const items = list.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const i = items.findIndex((e) => /^[uU]?["']none["']$/i.test(e.text));
  if (i === -1 || items.length < 2 || (list.type === 'tuple' && items.length < 3)) return undefined;
  const el = items[i]!;
  const span = i > 0 ? { start: spanOfNode(items[i - 1]!).end, end: spanOfNode(el).end } : { start: spanOfNode(el).start, end: spanOfNode(items[1]!).start };
  return { title: 'Stop accepting the "none" algorithm', edits: [{ span, newText: '' }] };
}

// --- SQL ----------------------------------------------------------------------------------------

type ParamStyle = 'format' | 'qmark' | 'numeric';

const FORMAT_DRIVERS = /^(psycopg2?|psycopg_pool|pymysql|MySQLdb|mysql\.connector|aiomysql|aiopg|pymssql|django\.db)(\.|$)/;
const QMARK_DRIVERS = /^(sqlite3|aiosqlite|pyodbc|duckdb)(\.|$)/;
const NUMERIC_DRIVERS = /^asyncpg(\.|$)/;

function importedModules(root: Node): string[] {
  const out: string[] = [];
  for (const stmt of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (!stmt) continue;
    if (stmt.type === 'import_from_statement') {
      const m = stmt.childForFieldName('module_name')?.text;
      if (m) out.push(m);
    } else {
      for (const n of stmt.childrenForFieldName('name')) {
        const m = n?.type === 'aliased_import' ? n.childForFieldName('name')?.text : n?.text;
        if (m) out.push(m);
      }
    }
  }
  return out;
}

function paramStyle(root: Node): ParamStyle | undefined {
  const mods = importedModules(root);
  const styles = new Set<ParamStyle>();
  if (mods.some((m) => FORMAT_DRIVERS.test(m))) styles.add('format');
  if (mods.some((m) => QMARK_DRIVERS.test(m))) styles.add('qmark');
  if (mods.some((m) => NUMERIC_DRIVERS.test(m))) styles.add('numeric');
  if (styles.size !== 1) return undefined;
  return [...styles][0];
}

/** SQL text so far ends where a value goes: after = < > LIKE, or inside VALUES (...). */
const VALUE_POSITION = /(?:[=<>]|\blike|\bvalues\s*\((?:[^)]*,)?)\s*$/i;

class SqlBuilder {
  sql = '';
  args: string[] = [];
  private quote = '';
  constructor(private readonly style: ParamStyle) {}

  /** Literal SQL text (already unescaped from the source format: no `{{`, no `%%`). */
  literal(content: string): boolean {
    if (/\$\d|\?|%\(|%s/.test(content)) return false; // placeholders already there
    if (this.quote) {
      if (!content.startsWith(this.quote)) return false;
      content = content.slice(1);
      this.quote = '';
    }
    this.sql += content;
    return true;
  }

  value(expr: string): boolean {
    if (this.quote) return false;
    const last = this.sql[this.sql.length - 1];
    if (last === "'" || last === '"') {
      this.sql = this.sql.slice(0, -1);
      this.quote = last;
    }
    if (!VALUE_POSITION.test(this.sql)) return false;
    this.args.push(expr);
    this.sql += this.style === 'format' ? '%s' : this.style === 'qmark' ? '?' : `$${this.args.length}`;
    return true;
  }

  /** The final SQL text for a plain (non-f) string body: `%` doubled for the format paramstyle. */
  text(): string | undefined {
    if (this.quote || this.args.length === 0) return undefined;
    return this.style === 'format' ? this.sql.replace(/%(?!s)/g, '%%') : this.sql;
  }
}

interface StringParts {
  prefix: string;
  quote: string;
  /** Literal pieces and interpolations, in order. */
  parts: ({ kind: 'text'; text: string } | { kind: 'expr'; node: Node })[];
}

/** Splits a Python string literal into its prefix, quotes and (for f-strings) interpolations. */
function splitString(s: Node, src: string): StringParts | undefined {
  const start = s.namedChildren.find((c) => c?.type === 'string_start');
  const end = s.namedChildren.find((c) => c?.type === 'string_end');
  if (!start || !end) return undefined;
  const m = /^([rRbBuUfF]*)(.*)$/.exec(start.text);
  if (!m) return undefined;
  const prefix = m[1] ?? '';
  const quote = m[2] ?? '';
  if (/[bB]/.test(prefix)) return undefined;
  const parts: StringParts['parts'] = [];
  let cursor = start.endIndex;
  const isF = /[fF]/.test(prefix);
  for (const c of s.namedChildren) {
    if (!c || c.type !== 'interpolation') continue;
    parts.push({ kind: 'text', text: src.slice(cursor, c.startIndex) });
    if (c.childForFieldName('type_conversion') || c.childForFieldName('format_specifier')) return undefined;
    const expr = c.childForFieldName('expression');
    if (!expr) return undefined;
    parts.push({ kind: 'expr', node: expr });
    cursor = c.endIndex;
  }
  parts.push({ kind: 'text', text: src.slice(cursor, end.startIndex) });
  if (isF) for (const p of parts) if (p.kind === 'text') p.text = p.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  return { prefix: prefix.replace(/[fF]/, ''), quote, parts };
}

/** str(uid) → uid: the driver adapts the value itself. */
function unwrapStr(n: Node): string {
  if (n.type === 'call' && n.childForFieldName('function')?.text === 'str') {
    const args = namedArgs(n);
    if (args.length === 1 && args[0]!.type !== 'keyword_argument') return args[0]!.text;
  }
  return n.text;
}

/** Builds the parameterized SQL for the query node (f-string, % format, .format or + concatenation). */
function parameterize(query: Node, style: ParamStyle, src: string): { literal: string; args: string[] } | undefined {
  const b = new SqlBuilder(style);
  let prefix = '';
  let quote = '';
  const takeString = (s: Node): StringParts | undefined => {
    const parts = splitString(s, src);
    if (!parts) return undefined;
    if (quote && (parts.quote !== quote || parts.prefix !== prefix)) return undefined;
    prefix = parts.prefix;
    quote = parts.quote;
    return parts;
  };
  if (query.type === 'string') {
    const parts = takeString(query);
    if (!parts) return undefined;
    for (const p of parts.parts) if (!(p.kind === 'text' ? b.literal(p.text) : b.value(p.node.text))) return undefined;
  } else if (query.type === 'binary_operator' && query.childForFieldName('operator')?.text === '%') {
    const format = query.childForFieldName('left');
    const right = query.childForFieldName('right');
    if (format?.type !== 'string' || !right) return undefined;
    const parts = takeString(format);
    if (!parts || parts.parts.length !== 1 || parts.parts[0]!.kind !== 'text') return undefined;
    const values = right.type === 'tuple' ? right.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') : [right];
    const content = parts.parts[0]!.text;
    let next = 0;
    let chunk = '';
    for (let i = 0; i < content.length; i++) {
      if (content[i] !== '%') {
        chunk += content[i];
        continue;
      }
      if (content[i + 1] === '%') {
        chunk += '%';
        i++;
        continue;
      }
      const verb = /^%[-+# 0-9.]*([sdifr])/.exec(content.slice(i));
      const value = values[next++];
      if (!verb || !value || value.type === 'list_splat') return undefined;
      if (!b.literal(chunk) || !b.value(unwrapStr(value))) return undefined;
      chunk = '';
      i += verb[0].length - 1;
    }
    if (!b.literal(chunk) || next !== values.length) return undefined;
  } else if (query.type === 'call') {
    const fn = query.childForFieldName('function');
    const format = fn?.childForFieldName('object');
    if (fn?.type !== 'attribute' || format?.type !== 'string' || fn.childForFieldName('attribute')?.text !== 'format') return undefined;
    const parts = takeString(format);
    if (!parts || parts.parts.length !== 1 || parts.parts[0]!.kind !== 'text') return undefined;
    const values = namedArgs(query);
    if (values.some((v) => v.type !== 'identifier' && v.type !== 'attribute' && v.type !== 'call' && v.type !== 'subscript')) return undefined;
    const pieces = parts.parts[0]!.text.split(/(\{\{|\}\}|\{\d*\})/);
    let next = 0;
    for (const piece of pieces) {
      if (piece === '{{' || piece === '}}') {
        if (!b.literal(piece[0]!)) return undefined;
      } else if (/^\{\d*\}$/.test(piece)) {
        const index = piece.length > 2 ? Number(piece.slice(1, -1)) : next++;
        const value = values[index];
        if (!value || !b.value(unwrapStr(value))) return undefined;
      } else if (/[{}]/.test(piece) || !b.literal(piece)) {
        return undefined;
      }
    }
  } else if (query.type === 'binary_operator') {
    const leaves: Node[] = [];
    const walk = (n: Node): void => {
      if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '+') {
        walk(n.childForFieldName('left')!);
        walk(n.childForFieldName('right')!);
      } else leaves.push(n);
    };
    walk(query);
    for (const leaf of leaves) {
      if (leaf.type === 'string') {
        const parts = takeString(leaf);
        if (!parts || parts.parts.length !== 1 || parts.parts[0]!.kind !== 'text' || !b.literal(parts.parts[0]!.text)) return undefined;
      } else if (!b.value(unwrapStr(leaf))) {
        return undefined;
      }
    }
  } else {
    return undefined;
  }
  const sql = b.text();
  if (sql === undefined || !quote) return undefined;
  return { literal: `${prefix}${quote}${sql}${quote}`, args: b.args };
}

const FORMAT_METHODS = new Set(['execute', 'executemany', 'mogrify', 'raw']);
const NUMERIC_METHODS = new Set(['execute', 'fetch', 'fetchrow', 'fetchval']);

/** cur.execute(f"… id = {uid}") → cur.execute("… id = %s", (uid,)) (? for sqlite3, $1 for asyncpg). */
function sqlPlaceholders(ctx: FixContext): Fix | undefined {
  const call = ctx.node.type === 'call' ? ctx.node : undefined;
  const fn = call?.childForFieldName('function');
  const method = (fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text) ?? '';
  if (!call || namedArgs(call).length !== 1) return undefined;
  const query = namedArgs(call)[0]!;
  // Django's raw() always takes %s, whatever the database.
  const style = method === 'raw' ? 'format' : paramStyle(query.tree.rootNode);
  if (!style) return undefined;
  if (style === 'numeric' ? !NUMERIC_METHODS.has(method) : !FORMAT_METHODS.has(method) || method === 'executemany') return undefined;
  if (method === 'raw' && style !== 'format') return undefined;
  const built = parameterize(query, style, ctx.text);
  if (!built) return undefined;
  const params = style === 'numeric' ? built.args.join(', ') : method === 'raw' ? `[${built.args.join(', ')}]` : `(${built.args.join(', ')}${built.args.length === 1 ? ',' : ''})`;
  const marker = style === 'format' ? '%s' : style === 'qmark' ? '?' : '$1';
  return {
    title: `Pass the value${built.args.length > 1 ? 's' : ''} as query parameters (${marker} placeholders)`,
    edits: [replaceNode(query, `${built.literal}, ${params}`)],
  };
}

// --- crypto -------------------------------------------------------------------------------------

/** hashlib.md5(x) → hashlib.sha256(x); hashlib.new("md5", x) → hashlib.new("sha256", x). */
function sha256(ctx: FixContext): Fix | undefined {
  const fn = ctx.captures.get('fn');
  if (!fn || fn.type !== 'attribute' || fn.childForFieldName('object')?.text !== 'hashlib') return undefined;
  const attr = fn.childForFieldName('attribute');
  if (!attr) return undefined;
  if (attr.text === 'md5' || attr.text === 'sha1') {
    return { title: 'Use SHA-256 (changes the digest value)', edits: [replaceNode(attr, 'sha256')] };
  }
  if (attr.text === 'new') {
    const first = namedArgs(ctx.node)[0];
    if (first?.type === 'string' && /^["'](md5|sha1|MD5|SHA1)["']$/.test(first.text)) {
      return { title: 'Use SHA-256 (changes the digest value)', edits: [replaceNode(first, '"sha256"')] };
    }
  }
  return undefined;
}

/** key_size=1024 / RSA.generate(1024) → 2048. */
function rsa2048(ctx: FixContext): Fix | undefined {
  if (ctx.node.type !== 'call') return undefined;
  const small = (n: Node | null | undefined) => n?.type === 'integer' && /^\d+$/.test(n.text) && Number(n.text) < 2048;
  const kw = keywordArgument(ctx.node, /^(key_size|bits)$/)?.childForFieldName('value');
  const bits = small(kw) ? kw : namedArgs(ctx.node).find((a) => small(a) && Number(a.text) !== 65537);
  return bits ? { title: 'Use a 2048-bit key', edits: [replaceNode(bits, '2048')] } : undefined;
}

function intLiteral(n: Node | undefined): number | undefined {
  return n?.type === 'integer' && /^\d+$/.test(n.text) ? Number(n.text) : undefined;
}

const RANDOM_CALL = /^random\.(choice|choices|randint|randrange|getrandbits|randbytes)$/;

/** random.choice(x) → secrets.choice(x), random.randint(a, b) → secrets.randbelow(…) + a, etc. */
function secretsRandom(ctx: FixContext): Fix | undefined {
  // The finding is the random call, or the assignment / return holding it.
  const call =
    ctx.node.type === 'call' && RANDOM_CALL.test(ctx.node.childForFieldName('function')?.text ?? '')
      ? ctx.node
      : ctx.node.descendantsOfType('call').filter((c): c is Node => c !== null && RANDOM_CALL.test(c.childForFieldName('function')?.text ?? ''));
  if (Array.isArray(call)) {
    if (call.length !== 1) return undefined; // several random calls: rewrite by hand
    return secretsRandomCall(ctx, call[0]!);
  }
  return secretsRandomCall(ctx, call);
}

function secretsRandomCall(ctx: FixContext, call: Node): Fix | undefined {
  const fn = call.childForFieldName('function');
  if (!fn || call.type !== 'call') return undefined;
  const method = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.text;
  const args = namedArgs(call);
  const positional = args.filter((a) => a.type !== 'keyword_argument');
  if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return undefined;
  const imp = ensureImport(ctx, 'secrets');
  if (!imp) return undefined;
  const s = imp.name;
  let text: string | undefined;
  if (method === 'choice' && args.length === 1 && positional.length === 1) {
    text = `${s}.choice(${positional[0]!.text})`;
  } else if (method === 'getrandbits' && args.length === 1 && positional.length === 1) {
    text = `${s}.randbits(${positional[0]!.text})`;
  } else if (method === 'randbytes' && args.length === 1 && positional.length === 1) {
    text = `${s}.token_bytes(${positional[0]!.text})`;
  } else if (method === 'randrange' && args.length === 1 && positional.length === 1) {
    text = `${s}.randbelow(${positional[0]!.text})`;
  } else if ((method === 'randint' || method === 'randrange') && args.length === 2 && positional.length === 2) {
    const [a, b] = positional as [Node, Node];
    const lo = intLiteral(a);
    const hi = intLiteral(b);
    const inclusive = method === 'randint' ? 1 : 0;
    if (lo !== undefined && hi !== undefined) {
      const span = hi - lo + inclusive;
      if (span <= 0) return undefined;
      text = lo === 0 ? `${s}.randbelow(${span})` : wrap(call, `${s}.randbelow(${span}) + ${lo}`);
    } else {
      text = wrap(call, `${a.text} + ${s}.randbelow(${b.text} - ${a.text}${inclusive ? ' + 1' : ''})`);
    }
  } else if (method === 'choices' && positional.length === 1 && args.length === 2) {
    const k = keywordValue(args, 'k');
    if (!k) return undefined;
    text = `[${s}.choice(${positional[0]!.text}) for _ in range(${k.text})]`;
  }
  if (!text) return undefined;
  const used = /secrets\.(\w+)/.exec(text.replace(s, 'secrets'))?.[1] ?? 'choice';
  return { title: `Use the secrets module (secrets.${used})`, edits: [replaceNode(call, text), ...imp.edits] };
}

// --- TLS ----------------------------------------------------------------------------------------

/** ssl._create_unverified_context → ssl.create_default_context. */
function sslDefaultContext(ctx: FixContext): Fix | undefined {
  const fn = ctx.captures.get('fn') ?? (ctx.node.type === 'assignment' ? ctx.captures.get('value') : undefined);
  const attr = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
  if (!attr || attr.text !== '_create_unverified_context') return undefined;
  return { title: 'Use ssl.create_default_context (verifies certificates)', edits: [replaceNode(attr, 'create_default_context')] };
}

/** ssl.CERT_NONE → ssl.CERT_REQUIRED, "CERT_NONE" → "CERT_REQUIRED". */
function certRequired(ctx: FixContext): Fix | undefined {
  // ssl.wrap_socket(s, cert_reqs=ssl.CERT_NONE) (the call) or ctx.verify_mode = ssl.CERT_NONE (@value).
  const value = ctx.node.type === 'call' ? keywordArgument(ctx.node, /^cert_reqs$/)?.childForFieldName('value') : ctx.captures.get('value');
  if (!value || !/CERT_NONE/.test(value.text)) return undefined;
  return { title: 'Require a valid certificate (CERT_REQUIRED)', edits: [replaceNode(value, value.text.replace('CERT_NONE', 'CERT_REQUIRED'))] };
}

/** check_hostname = False → True, unless the file also sets CERT_NONE (Python rejects that pair). */
function checkHostname(ctx: FixContext): Fix | undefined {
  if (/CERT_NONE/.test(ctx.text)) return undefined;
  return flip('True')(ctx);
}

// --- cookies ------------------------------------------------------------------------------------

function cookieKwarg(name: 'secure' | 'httponly'): (ctx: FixContext) => Fix | undefined {
  return (ctx) => {
    const call = ctx.node;
    if (call.type !== 'call') return undefined;
    const existing = keywordValue(namedArgs(call), name);
    if (existing) return existing.text === 'False' ? { title: `Set ${name}=True`, edits: [replaceNode(existing, 'True')] } : undefined;
    const edit = appendArgument(call, `${name}=True`);
    return edit ? { title: `Set ${name}=True`, edits: [edit] } : undefined;
  };
}

/** verify=False → verify=True (and ssl=False, SESSION_COOKIE_SECURE=False, ...) on the finding's call. */
function kwargTrue(names: RegExp): (ctx: FixContext) => Fix | undefined {
  return (ctx) => {
    if (ctx.node.type !== 'call') return flip('True')(ctx);
    const value = namedArgs(ctx.node)
      .filter((a) => a.type === 'keyword_argument' && names.test(a.childForFieldName('name')?.text ?? ''))
      .map((a) => a.childForFieldName('value'))
      .find((v) => v?.text === 'False');
    return value ? { title: `Set ${value.parent?.childForFieldName('name')?.text ?? ''}=True`, edits: [replaceNode(value, 'True')] } : undefined;
  };
}

export function registerPythonFixers(): void {
  registerFixer('python.tls-verify-true', kwargTrue(/^(verify|ssl|verify_ssl)$/));
  registerFixer('python.cookie-setting-true', kwargTrue(/^(SESSION|CSRF|REMEMBER|LANGUAGE)_COOKIE_(SECURE|HTTPONLY)$/));
  registerFixer('python.compare-digest', compareDigest);
  registerFixer('python.flip-false', flip('True'));
  registerFixer('python.jwt-pin-algorithms', jwtPinAlgorithms);
  registerFixer('python.jwt-drop-none', jwtDropNone);
  registerFixer('python.sql-placeholders', sqlPlaceholders);
  registerFixer('python.sha256', sha256);
  registerFixer('python.rsa-2048', rsa2048);
  registerFixer('python.secrets-random', secretsRandom);
  registerFixer('python.ssl-default-context', sslDefaultContext);
  registerFixer('python.cert-required', certRequired);
  registerFixer('python.check-hostname', checkHostname);
  registerFixer('python.cookie-secure', cookieKwarg('secure'));
  registerFixer('python.cookie-httponly', cookieKwarg('httponly'));
  registerFixer('python.data-upload-limit', (ctx) => {
    const value = ctx.captures.get('value');
    return value ? { title: "Restore Django's 2.5 MiB limit", edits: [replaceNode(value, '2621440')] } : undefined;
  });
}
