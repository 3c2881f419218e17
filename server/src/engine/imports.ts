import type { Node } from 'web-tree-sitter';
import { forEachPath } from './ancestry';
import type { QueryFamily } from './languages';
import { detached } from './strings';

/**
 * What a file imports: local names bound to qualified module paths, and the module list.
 * Qualified names use the module path followed by dotted members: `crypto/sha256.Sum256` (Go),
 * `jose.jwt.decode` (Python), `jsonwebtoken.verify` (JS, with `node:` prefixes dropped).
 */
export class ImportTable {
  readonly bindings = new Map<string, string>();
  readonly modules: string[] = [];

  bind(local: string, qualified: string): void {
    // A broken import (`import { createHmac, typeof } from 'crypto'` while typing) can yield an
    // empty name: it binds nothing (searching the text for '' never ends).
    if (local.length === 0) return;
    this.bindings.set(detached(local), detached(qualified));
    this.signatureCache = undefined;
  }

  addModule(module: string): void {
    if (!this.modules.includes(module)) this.modules.push(detached(module));
    this.signatureCache = undefined;
  }

  private readonly matchCache = new Map<RegExp, boolean>();
  private signatureCache: string | undefined;

  /** Identifies the table's content: files with the same imports share derived facts. */
  get signature(): string {
    if (this.signatureCache === undefined) {
      let s = this.modules.join('\u0001');
      s += '\u0000';
      for (const [k, v] of this.bindings) s += `${k}=${v}\u0001`;
      this.signatureCache = s;
    }
    return this.signatureCache;
  }

  importsMatching(re: RegExp): boolean {
    let hit = this.matchCache.get(re);
    if (hit === undefined) {
      hit = this.modules.some((m) => re.test(m));
      this.matchCache.set(re, hit);
    }
    return hit;
  }
}

function unquote(text: string): string {
  return text.replace(/^[`'"]|[`'"]$/g, '');
}

/** The name Go gives a package when the import has no alias: `jwt` for `github.com/golang-jwt/jwt/v5`. */
const GO_PACKAGE_NAMES: Record<string, string> = {
  'go.etcd.io/etcd/client/v3': 'clientv3',
  'go.etcd.io/etcd/clientv3': 'clientv3',
  'github.com/coreos/etcd/clientv3': 'clientv3',
};

export function goDefaultPackageName(importPath: string): string {
  const known = GO_PACKAGE_NAMES[importPath];
  if (known) return known;
  const parts = importPath.split('/');
  let last = parts[parts.length - 1] ?? importPath;
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2] ?? last;
  last = last.replace(/\.v\d+$/, ''); // gopkg.in/square/go-jose.v2
  last = last.replace(/-v\d+$/, ''); // github.com/rpadovani/sqlx-v2 declares package sqlx
  last = last.replace(/^go-/, '').replace(/-go$/, '');
  return last.replace(/[^A-Za-z0-9_]/g, '');
}

/**
 * Nodes of the given types that contain an occurrence of `word` as the token right under them,
 * in document order, each once. Finding statements through their keyword in the text is much
 * cheaper than walking the whole tree, and finds exactly the same statements (each contains its
 * keyword).
 */
function statementsWithKeyword(root: Node, source: Source, word: string, types: ReadonlySet<string>, maxDepth = 1): Node[] {
  const tokens: Node[] = [];
  const { text, base } = source;
  for (let k = text.indexOf(word); k !== -1; k = text.indexOf(word, k + word.length)) {
    const i = base + k;
    const n = root.descendantForIndex(i, i + word.length);
    if (n && n.startIndex === i && n.endIndex === i + word.length) tokens.push(n);
  }
  // The nearest node of `types` at or above each token, found in one walk down the tree
  // (climbing `parent` from every token was quadratic: `import + import + …` took minutes).
  const out: Node[] = [];
  const seen = new Set<number>();
  const nearest: number[] = [];
  forEachPath(
    root,
    tokens,
    (_token, path) => {
      const k = path.length - 1;
      const j = nearest[k]!;
      if (j < 0 || k - j > maxDepth) return;
      const n = path[j]!;
      if (!seen.has(n.id)) {
        seen.add(n.id);
        out.push(n);
      }
    },
    (path) => {
      const k = path.length - 1;
      nearest[k] = types.has(path[k]!.type) ? k : k > 0 ? nearest[k - 1]! : -1;
    },
  );
  return out.sort((a, b) => a.startIndex - b.startIndex);
}

/** Text to search and the document offset of its first character. */
export interface Source {
  text: string;
  base: number;
}

/** The statements of a file that can bind imported names. */
export interface ImportStatements {
  /** Go top-level `import_declaration`s, Python `import`/`from … import` statements anywhere,
   *  ECMAScript top-level `import_statement`s. */
  imports: Node[];
  /** ECMAScript `variable_declarator`s that may hold `require('m')` / `import('m')`. */
  declarators: Node[];
  /** TypeScript `import x = require('y')` clauses. */
  importRequires: Node[];
}

const GO_IMPORT = new Set(['import_declaration']);
const PY_IMPORT = new Set(['import_statement', 'import_from_statement']);
const ECMA_IMPORT = new Set(['import_statement']);
const ECMA_DECLARATOR = new Set(['variable_declarator']);
const ECMA_IMPORT_REQUIRE = new Set(['import_require_clause']);

function isTopLevel(node: Node, root: Node): boolean {
  return node.parent?.type === root.type && !node.parent.parent;
}

/**
 * Finds the import statements through their keywords in the text, which is much cheaper than
 * walking the whole tree (each statement contains its keyword).
 */
export function findImportStatements(root: Node, family: QueryFamily, source: Source): ImportStatements {
  if (family === 'go') {
    return { imports: statementsWithKeyword(root, source, 'import', GO_IMPORT).filter((d) => isTopLevel(d, root)), declarators: [], importRequires: [] };
  }
  if (family === 'python') {
    // Imports inside functions and try/except blocks count too.
    return { imports: statementsWithKeyword(root, source, 'import', PY_IMPORT), declarators: [], importRequires: [] };
  }
  // Declarators whose value is (a member of) require('m') / import('m'): the call's function
  // token sits in the value, and the nearest declarator above it is the one.
  const unique = new Map<number, Node>();
  // A project's dynamic-import helper (`await dynamicImport('jose')`, kept as a real import() in
  // CommonJS builds) binds like import('jose').
  const helpers = new Set<string>();
  for (const m of source.text.matchAll(DYNAMIC_IMPORT_HELPER_CALL)) if (helpers.size < 4) helpers.add(m[1]!);
  for (const word of ['require', 'import', 'promisify', ...helpers]) {
    for (const d of statementsWithKeyword(root, source, word, ECMA_DECLARATOR, Infinity)) unique.set(d.id, d);
  }
  return {
    imports: statementsWithKeyword(root, source, 'import', ECMA_IMPORT).filter((s) => isTopLevel(s, root)),
    declarators: [...unique.values()].sort((a, b) => a.startIndex - b.startIndex),
    importRequires: statementsWithKeyword(root, source, 'require', ECMA_IMPORT_REQUIRE, Infinity),
  };
}

function bindGo(decl: Node, table: ImportTable): void {
  for (const spec of decl.descendantsOfType('import_spec')) {
    if (!spec) continue;
    const pathNode = spec.childForFieldName('path');
    if (!pathNode) continue;
    const importPath = unquote(pathNode.text);
    table.addModule(importPath);
    const nameNode = spec.childForFieldName('name');
    if (nameNode?.type === 'blank_identifier' || nameNode?.type === 'dot') continue;
    table.bind(nameNode ? nameNode.text : goDefaultPackageName(importPath), importPath);
  }
}

function bindPython(stmt: Node, table: ImportTable): void {
  if (stmt.type === 'import_statement') {
    for (const name of stmt.childrenForFieldName('name')) {
      if (!name) continue;
      if (name.type === 'aliased_import') {
        const full = name.childForFieldName('name')?.text ?? '';
        const alias = name.childForFieldName('alias')?.text;
        table.addModule(full);
        if (alias) table.bind(alias, full);
      } else {
        const full = name.text;
        table.addModule(full);
        // `import os.path` binds `os`; attribute access then spells the rest.
        const head = full.split('.')[0] ?? full;
        if (!table.bindings.has(head)) table.bind(head, head);
      }
    }
    return;
  }
  const moduleNode = stmt.childForFieldName('module_name');
  if (!moduleNode || moduleNode.type === 'relative_import') return;
  const module = moduleNode.text;
  table.addModule(module);
  for (const name of stmt.childrenForFieldName('name')) {
    if (!name) continue;
    if (name.type === 'aliased_import') {
      const member = name.childForFieldName('name')?.text ?? '';
      const alias = name.childForFieldName('alias')?.text;
      table.addModule(`${module}.${member}`);
      if (alias) table.bind(alias, `${module}.${member}`);
    } else {
      table.addModule(`${module}.${name.text}`);
      table.bind(name.text, `${module}.${name.text}`);
    }
  }
}

function ecmaModuleName(source: string): string {
  return unquote(source).replace(/^node:/, '');
}

function bindPattern(pattern: Node, module: string, table: ImportTable): void {
  if (pattern.type === 'identifier') {
    table.bind(pattern.text, module);
    return;
  }
  if (pattern.type !== 'object_pattern') return;
  for (const prop of pattern.namedChildren) {
    if (!prop) continue;
    if (prop.type === 'shorthand_property_identifier_pattern') {
      table.bind(prop.text, `${module}.${prop.text}`);
    } else if (prop.type === 'pair_pattern') {
      const key = prop.childForFieldName('key')?.text;
      const value = prop.childForFieldName('value');
      if (key && value?.type === 'identifier') table.bind(value.text, `${module}.${key}`);
    }
  }
}

/** A call of a dynamic-import helper by name: `dynamicImport('jose')`, `lazyImport(...)`. */
const DYNAMIC_IMPORT_HELPER = /^[a-z][A-Za-z0-9_$]*Import$/;
const DYNAMIC_IMPORT_HELPER_CALL = /\b([a-z][A-Za-z0-9_$]*Import)\s*(?:<[^>()]*>)?\(\s*['"]/g;
/** Wrappers around a value that do not change it: `(x)`, `x as T`, `x!`, `x satisfies T`. */
const TRANSPARENT = new Set(['parenthesized_expression', 'as_expression', 'non_null_expression', 'satisfies_expression']);

/**
 * `require('x')`, `require('x').member`, `await import('x')`, `(await dynamicImport('x')) as typeof
 * import('x')` → module name and member path.
 */
export function ecmaRequireTarget(node: Node): { module: string; member: string } | undefined {
  let member = '';
  let current: Node | null = node;
  while (current && TRANSPARENT.has(current.type)) current = current.namedChildren[0] ?? null;
  while (current?.type === 'member_expression') {
    member = `.${current.childForFieldName('property')?.text ?? ''}${member}`;
    current = current.childForFieldName('object');
  }
  while (current && TRANSPARENT.has(current.type)) current = current.namedChildren[0] ?? null;
  if (current?.type === 'await_expression') current = current.namedChildren[0] ?? null;
  if (current?.type !== 'call_expression') return undefined;
  const fn = current.childForFieldName('function');
  const helper = fn?.type === 'identifier' && member === '' && DYNAMIC_IMPORT_HELPER.test(fn.text);
  if (!fn || (fn.type !== 'identifier' && fn.type !== 'import') || (fn.text !== 'require' && fn.text !== 'import' && !helper)) {
    return undefined;
  }
  const arg = current.childForFieldName('arguments')?.namedChildren[0];
  if (!arg || arg.type !== 'string') return undefined;
  return { module: ecmaModuleName(arg.text), member };
}

function bindEcmaImport(stmt: Node, table: ImportTable): void {
  const source = stmt.childForFieldName('source');
  if (!source) return;
  const module = ecmaModuleName(source.text);
  table.addModule(module);
  const clause = stmt.namedChildren.find((c) => c?.type === 'import_clause');
  if (!clause) return;
  for (const part of clause.namedChildren) {
    if (!part) continue;
    if (part.type === 'identifier') table.bind(part.text, module); // default import
    else if (part.type === 'namespace_import') {
      const id = part.namedChildren.find((c) => c?.type === 'identifier');
      if (id) table.bind(id.text, module);
    } else if (part.type === 'named_imports') {
      for (const spec of part.namedChildren) {
        if (!spec || spec.type !== 'import_specifier') continue;
        const name = spec.childForFieldName('name')?.text ?? '';
        const alias = spec.childForFieldName('alias')?.text ?? name;
        table.bind(alias, name === 'default' ? module : `${module}.${name}`);
      }
    }
  }
}

/** Binds the names the statements import, in document order within each kind. */
export function bindImports(family: QueryFamily, statements: ImportStatements, table: ImportTable): void {
  for (const stmt of statements.imports) {
    if (family === 'go') bindGo(stmt, table);
    else if (family === 'python') bindPython(stmt, table);
    else bindEcmaImport(stmt, table);
  }
  for (const decl of statements.declarators) {
    const value = decl.childForFieldName('value');
    const name = decl.childForFieldName('name');
    if (!value || !name) continue;
    // `const randomBytes = util.promisify(crypto.randomBytes)` (also Bluebird's `Promise.promisify`):
    // the promise-returning twin of an imported function is that function (round 97, Gladys's
    // refresh tokens, API keys and backup keys drawn through it).
    const promisified = promisifiedTarget(value, table);
    if (promisified && name.type === 'identifier') {
      table.bind(name.text, promisified);
      continue;
    }
    const target = ecmaRequireTarget(value);
    if (!target) continue;
    table.addModule(target.module);
    bindPattern(name, target.module + target.member, table);
  }
  for (const alias of statements.importRequires) {
    const id = alias.namedChildren.find((c) => c?.type === 'identifier');
    const src = alias.childForFieldName('source');
    if (id && src) {
      const module = ecmaModuleName(src.text);
      table.addModule(module);
      table.bind(id.text, module);
    }
  }
}

/** The imported function a `promisify(f)` call wraps (`util.promisify`, `Promise.promisify`, a bare `promisify`), by the names bound so far. */
function promisifiedTarget(value: Node, table: ImportTable): string | undefined {
  if (value.type !== 'call_expression') return undefined;
  const fn = value.childForFieldName('function');
  // Bluebird's `Promise.promisifyAll(require('crypto'))` returns the module itself, with an
  // `…Async` twin added beside each function (round 108, Wiki.js's session secret and key pair).
  if (fn && /^([A-Za-z_$][\w$]*\.)?promisifyAll$/.test(fn.text)) {
    const all = value.childForFieldName('arguments')?.namedChildren ?? [];
    if (all.length !== 1 || !all[0]) return undefined;
    const required = ecmaRequireTarget(all[0]);
    if (required) {
      table.addModule(required.module);
      return required.module + required.member;
    }
    const resolved = resolveName(all[0], 'ecma', table);
    return resolved?.imported ? resolved.name : undefined;
  }
  if (!fn || !/^(promisify|[A-Za-z_$][\w$]*\.promisify)$/.test(fn.text)) return undefined;
  const args = value.childForFieldName('arguments')?.namedChildren ?? [];
  if (args.length !== 1 || !args[0]) return undefined;
  const resolved = resolveName(args[0], 'ecma', table);
  return resolved?.imported ? resolved.name : undefined;
}

/** `text` is the whole parsed text (faster than reading it back from the tree). */
export function collectImports(root: Node, family: QueryFamily, fullText?: string): ImportTable {
  const table = new ImportTable();
  const source: Source = fullText !== undefined ? { text: fullText, base: 0 } : { text: root.text, base: root.startIndex };
  bindImports(family, findImportStatements(root, family, source), table);
  return table;
}

/** Member-access chain node types per family, and the field names of their parts. */
const CHAIN: Record<QueryFamily, { type: string; object: string; property: string }> = {
  go: { type: 'selector_expression', object: 'operand', property: 'field' },
  python: { type: 'attribute', object: 'object', property: 'attribute' },
  ecma: { type: 'member_expression', object: 'object', property: 'property' },
};

export interface ResolvedName {
  /** Qualified name through imports where the head is imported, else the dotted source text. */
  name: string;
  /** Whether the head identifier was bound by an import. */
  imported: boolean;
}

/** Resolves `alias.member.sub` chains (and JS `require('m').x`) to qualified names. */
export function resolveName(node: Node, family: QueryFamily, imports: ImportTable): ResolvedName | undefined {
  const chain = CHAIN[family];
  const members: string[] = [];
  let current: Node | null = node;
  while (current && current.type === chain.type) {
    const prop = current.childForFieldName(chain.property);
    if (!prop) return undefined;
    members.unshift(prop.text);
    current = current.childForFieldName(chain.object);
  }
  if (!current) return undefined;
  if (family === 'ecma' && current.type === 'call_expression') {
    const target = ecmaRequireTarget(current);
    if (!target) return undefined;
    return { name: [target.module + target.member, ...members].join('.'), imported: true };
  }
  const head = current.text;
  if (!/^[A-Za-z_$][\w$]*$/.test(head)) return undefined;
  const bound = imports.bindings.get(head);
  if (bound !== undefined) return { name: [bound, ...members].join('.'), imported: true };
  return { name: [head, ...members].join('.'), imported: false };
}
