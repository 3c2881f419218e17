/**
 * Redaction by role: string literals that are secrets because of where they are used, whatever
 * they look like. `jwt.sign(payload, "orchard-lantern")` holds a key even though the value reads
 * like prose, so any literal in a key position of a known API is a secret: the argument itself,
 * or the literals it is built from (`[]byte("…")`, `Buffer.from("…")`,
 * `new TextEncoder().encode("…")`, `"a" + "b"`, `process.env.K || "…"`), and, when the argument is
 * a name (`k`, `this.secret`, `cfg["key"]`, `s.Key`), the literals assigned to that name anywhere
 * in the file. Go key functions (`func(t *jwt.Token) (any, error)`) return keys.
 *
 * Works on the engine's tree of the original text; the ranges it returns are string-literal
 * nodes (quotes included) in the same offsets as the text.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { QueryFamily } from '../engine/languages';
import { isSecretName, obviouslyCode } from './redact';
import type { SecretKind } from '../../../common/src/ai';

export interface RoleRange {
  start: number;
  end: number;
  kind: SecretKind;
}

interface CallSite {
  /** Last name of the callee: `sign` for `jwt.sign`, `New` for `hmac.New`. */
  name: string;
  /** The object's last name: `jwt`, `hmac`, `crypto`; '' for a bare call. */
  object: string;
  args: Node[];
}

interface KeyPosition {
  /** Positional argument indexes, or every argument. */
  args: number[] | 'all';
  /** Python keyword arguments that are keys. */
  keywords?: string[];
  kind: SecretKind;
}

const JWT_OBJECT = /^(?:jwt|jws|jwe|jsonwebtoken|jose|JWT|api_jwt)$/;

/** Calls whose key positions do not depend on the object they are called on. */
const FIXED = new Map<string, KeyPosition>();
function fixed(names: string[], pos: KeyPosition): void {
  for (const n of names) FIXED.set(n, pos);
}
fixed(['jwtVerify', 'jwtDecrypt', 'compactVerify', 'flattenedVerify', 'generalVerify'], { args: [1], kind: 'jwt-key' });
fixed(['SignedString'], { args: [0], kind: 'jwt-key' });
fixed(['createHmac'], { args: [1], kind: 'hmac-key' });
fixed(['createCipheriv', 'createDecipheriv', 'createCipher', 'createDecipher'], { args: [1, 2], kind: 'cipher-key' });
fixed(['createSecretKey', 'createPrivateKey'], { args: [0], kind: 'key' });
fixed(['pbkdf2', 'pbkdf2Sync', 'scrypt', 'scryptSync'], { args: [0, 1], kind: 'password' });
fixed(['hkdf', 'hkdfSync'], { args: [1, 2], kind: 'key' });
fixed(['pbkdf2_hmac'], { args: [1, 2], keywords: ['password', 'salt'], kind: 'password' });
fixed(['NewCipher', 'NewTripleDESCipher', 'NewX', 'Fernet', 'MultiFernet', 'AESGCM', 'AESCCM', 'AESSIV', 'AESOCB3', 'ChaCha20Poly1305'], { args: [0], kind: 'cipher-key' });
fixed(
  ['URLSafeTimedSerializer', 'URLSafeSerializer', 'Serializer', 'TimedSerializer', 'TimestampSigner', 'Signer', 'JSONWebSignatureSerializer', 'TimedJSONWebSignatureSerializer'],
  { args: [0], keywords: ['secret_key'], kind: 'session-key' },
);
fixed(['NewCookieStore', 'NewFilesystemStore', 'NewStore'], { args: 'all', kind: 'session-key' });
fixed(['cookieParser'], { args: [0], kind: 'session-key' });
fixed(['NewStaticCredentials', 'NewStaticCredentialsProvider', 'NewStaticV4', 'AWS4Auth', 'StaticCredentialsProvider'], { args: 'all', kind: 'credential' });
fixed(['SetBasicAuth', 'CompareHashAndPassword', 'check_password_hash', 'HTTPBasicAuth', 'HTTPDigestAuth', 'BasicAuth', 'CRAMMD5Auth'], { args: [1], kind: 'password' });
fixed(['PlainAuth'], { args: [2], kind: 'password' });
fixed(['GenerateFromPassword', 'checkpw', 'hashpw', 'generate_password_hash', 'make_password'], { args: [0], keywords: ['password'], kind: 'password' });
fixed(['ConstantTimeCompare', 'compare_digest', 'timingSafeEqual'], { args: 'all', kind: 'secret' });
fixed(['ParseRSAPrivateKeyFromPEM', 'ParseECPrivateKeyFromPEM', 'ParseEdPrivateKeyFromPEM', 'load_pem_private_key'], { args: [0], keywords: ['password'], kind: 'private-key' });

/** Which arguments of which call hold a key, password or credential. */
function keyPosition(c: CallSite): KeyPosition | undefined {
  const { name, object } = c;
  const bare = object === '';
  const jwtLike = JWT_OBJECT.test(object) || (bare && c.args.length >= 2);
  switch (name) {
    case 'sign':
      // jwt.sign(payload, key) / sign(payload, key) from jsonwebtoken; SignJWT(…).sign(key), createSign().sign(key)
      return jwtLike ? { args: [1], kind: 'jwt-key' } : { args: [0], kind: 'key' };
    case 'verify':
      if (object === 'argon2') return { args: [1], kind: 'password' };
      if (object === 'crypto') return { args: [2], kind: 'key' };
      return jwtLike ? { args: [1], keywords: ['key'], kind: 'jwt-key' } : { args: [0], kind: 'key' };
    case 'encode':
    case 'decode':
    case 'decode_complete':
      return JWT_OBJECT.test(object) ? { args: [1], keywords: ['key'], kind: 'jwt-key' } : undefined;
    case 'new':
    case 'HMAC':
    case 'digest':
      return object === 'hmac' || (bare && name === 'HMAC') ? { args: [0], keywords: ['key'], kind: 'hmac-key' } : undefined;
    case 'New':
      if (object === 'hmac') return { args: [1], kind: 'hmac-key' };
      if (object === 'jwtauth') return { args: [1], kind: 'jwt-key' };
      if (object === 'securecookie') return { args: 'all', kind: 'session-key' };
      return object === 'chacha20poly1305' || object === 'siphash' ? { args: [0], kind: 'cipher-key' } : undefined;
    case 'Protect':
      return object === 'csrf' ? { args: [0], kind: 'session-key' } : undefined;
    case 'compare':
    case 'compareSync':
    case 'hash':
    case 'hashSync':
      return /^(?:bcrypt|bcryptjs|argon2)$/.test(object) ? { args: [0], kind: 'password' } : undefined;
    case 'Equal':
      return object === 'hmac' ? { args: 'all', kind: 'secret' } : undefined;
    case 'Key':
    case 'IDKey':
      return /^(?:pbkdf2|scrypt|argon2)$/.test(object) ? { args: [0, 1], kind: 'password' } : undefined;
  }
  const known = FIXED.get(name);
  if (known) return known;
  // setApiKey("…"), WithSecret("…"), SetPassword("…"), setSigningKey("…")
  if (/^(?:set|with|use)(?:signing|secret|api|access|private|hmac|jwt|auth|client|master|encryption)?(?:key|secret|password|passphrase|token|credentials?)$/i.test(name)) {
    return { args: 'all', kind: 'key' };
  }
  return undefined;
}

const STRING_NODES = new Set(['string', 'template_string', 'interpreted_string_literal', 'raw_string_literal', 'concatenated_string']);
const CALL_NODES = new Set(['call_expression', 'call', 'new_expression']);
/** Calls whose first argument is the key itself in another form. */
const WRAPPERS = new Set(['from', 'encode', 'DecodeString', 'b64decode', 'urlsafe_b64decode', 'standard_b64decode', 'unhexlify', 'fromhex', 'bytes', 'bytearray', 'Buffer']);
/** Calls whose first argument names an environment variable and whose others are fallbacks. */
const ENV_GETTERS = new Set(['get', 'getenv', 'Getenv', 'LookupEnv', 'env']);
const FUNCTION_NODES = new Set(['func_literal', 'function_declaration', 'method_declaration']);

const IDENTIFIERS = new Set(['identifier', 'property_identifier', 'field_identifier', 'type_identifier', 'private_property_identifier']);
/** Where a reference keeps its last name (`jwt.sign` → sign) and an index its entry (`cfg["key"]` → key). */
const NAME_FIELD: Record<string, string> = { member_expression: 'property', attribute: 'attribute', selector_expression: 'field' };
const INDEX_FIELD: Record<string, string> = { subscript_expression: 'index', subscript: 'subscript', index_expression: 'index' };

function lastName(node: Node | null | undefined): string {
  if (!node) return '';
  if (IDENTIFIERS.has(node.type)) return node.text;
  const nameField = NAME_FIELD[node.type];
  if (nameField) return lastName(node.childForFieldName(nameField));
  const indexField = INDEX_FIELD[node.type];
  if (indexField) return stringValue(node.childForFieldName(indexField));
  if (node.type === 'literal_element') return lastName(node.namedChild(0));
  return stringValue(node); // '' unless a string
}

function stringValue(node: Node | null | undefined): string {
  if (!node || !STRING_NODES.has(node.type)) return '';
  return node.text.replace(/^[rRbBuUfF]{0,2}(?:"""|'''|["'`])/, '').replace(/(?:"""|'''|["'`])$/, '');
}

function callSite(node: Node): CallSite | undefined {
  const fn = node.childForFieldName('function') ?? node.childForFieldName('constructor');
  const argList = node.childForFieldName('arguments');
  if (!fn) return undefined;
  let object = '';
  if (fn.type === 'member_expression') object = lastName(fn.childForFieldName('object'));
  else if (fn.type === 'attribute') object = lastName(fn.childForFieldName('object'));
  else if (fn.type === 'selector_expression') object = lastName(fn.childForFieldName('operand'));
  const args = argList ? argList.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') : [];
  return { name: lastName(fn), object, args };
}

function calleeObject(node: Node): Node | null {
  const fn = node.childForFieldName('function');
  return fn?.childForFieldName('object') ?? fn?.childForFieldName('operand') ?? null;
}

class RoleFinder {
  readonly ranges: RoleRange[] = [];
  private readonly wanted = new Map<string, SecretKind>();
  private readonly seen = new Set<number>();

  /**
   * Every string literal an expression is built from; names it refers to are resolved later.
   * Through a call that is not a known wrapper (`sign(p, derive(parts.join(".")))`) only the
   * literals that are not obviously code count.
   */
  collect(expr: Node, kind: SecretKind): void {
    const stack: { node: Node; strict: boolean }[] = [{ node: expr, strict: true }];
    const push = (node: Node, strict: boolean) => stack.push({ node, strict });
    while (stack.length > 0) {
      const { node, strict } = stack.pop()!;
      if (STRING_NODES.has(node.type)) {
        // `${prefix}:${id}`, f"{a}{b}": built from other values; only its literal text can be a secret
        const interpolated = node.namedChildren.some((c) => c?.type === 'template_substitution' || c?.type === 'interpolation');
        if ((strict && !interpolated) || !obviouslyCode(stringValue(node))) this.add(node, kind);
        continue;
      }
      if (FUNCTION_NODES.has(node.type) || node.type === 'arrow_function' || node.type === 'lambda' || node.type === 'function_expression') continue;
      const name = lastName(node);
      if (name && node.type !== 'string' && !STRING_NODES.has(node.type)) {
        // k, this.secret, s.Key, cfg["key"] (the index names the entry; it is not the key)
        if (!this.wanted.has(name)) this.wanted.set(name, kind);
        continue;
      }
      if (CALL_NODES.has(node.type)) {
        const site = callSite(node);
        const obj = calleeObject(node);
        if (obj && STRING_NODES.has(obj.type)) {
          // "key".encode("utf-8"): the string is the key, the argument an encoding.
          push(obj, strict);
          continue;
        }
        if (site && ENV_GETTERS.has(site.name)) {
          for (const a of site.args.slice(1)) push(a, strict);
          continue;
        }
        if (site && (WRAPPERS.has(site.name) || node.type === 'new_expression')) {
          if (site.args[0]) push(site.args[0], strict);
          if (obj && CALL_NODES.has(obj.type)) push(obj, strict); // new TextEncoder().encode("…")
          continue;
        }
        for (const a of site?.args ?? []) push(a, false);
        continue;
      }
      for (const c of node.namedChildren) if (c) push(c, strict);
    }
  }

  private add(node: Node, kind: SecretKind): void {
    if (this.seen.has(node.startIndex)) return;
    this.seen.add(node.startIndex);
    this.ranges.push({ start: node.startIndex, end: node.endIndex, kind });
  }

  /** Takes the wanted names (and empties the list). */
  takeWanted(): Map<string, SecretKind> {
    const w = new Map(this.wanted);
    this.wanted.clear();
    return w;
  }
}

/** Name → value pairs: declarations, assignments, fields, object/dict/struct entries, default parameters. */
function definitions(node: Node): { names: string[]; values: Node[] } | undefined {
  const f = (n: string) => node.childForFieldName(n);
  switch (node.type) {
    case 'variable_declarator':
    case 'public_field_definition':
    case 'default_parameter':
    case 'typed_default_parameter': {
      const v = f('value');
      return v ? { names: [lastName(f('name'))], values: [v] } : undefined;
    }
    case 'field_definition': {
      const v = f('value');
      return v ? { names: [lastName(f('property'))], values: [v] } : undefined;
    }
    case 'assignment_expression':
    case 'assignment':
    case 'assignment_pattern': {
      const l = f('left');
      const r = f('right');
      return l && r ? { names: [lastName(l)], values: [r] } : undefined;
    }
    case 'required_parameter':
    case 'optional_parameter': {
      const v = f('value');
      return v ? { names: [lastName(f('pattern'))], values: [v] } : undefined;
    }
    case 'pair':
    case 'keyed_element': {
      const k = f('key') ?? node.namedChild(0);
      const v = f('value') ?? node.namedChild(1);
      return k && v ? { names: [lastName(k)], values: [v] } : undefined;
    }
    case 'short_var_declaration':
    case 'assignment_statement':
    case 'var_spec':
    case 'const_spec': {
      const left = f('left') ?? null;
      const names = left ? left.namedChildren.map((n) => lastName(n)) : node.childrenForFieldName('name').map((n) => lastName(n));
      const right = f('right') ?? f('value');
      const values = right ? right.namedChildren.filter((n): n is Node => !!n) : [];
      return values.length > 0 ? { names, values } : undefined;
    }
    default:
      return undefined;
  }
}

/** Nodes of the whole tree, without recursion (generated files can nest deeply). */
function* allNodes(root: Node): Generator<Node> {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const c = node.namedChild(i);
      if (c) stack.push(c);
    }
  }
}

/** Go key functions: a function taking a *jwt.Token returns the verification key. */
function keyFunctionReturns(fn: Node): Node[] {
  const params = fn.childForFieldName('parameters');
  if (!params || !/\*\s*jwt\.Token\b/.test(params.text)) return [];
  const out: Node[] = [];
  const stack: Node[] = [];
  const body = fn.childForFieldName('body');
  if (body) stack.push(body);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'func_literal') continue;
    if (node.type === 'return_statement') {
      // return key, nil: the first value is the key (the second an error, with its message)
      const first = node.namedChild(0)?.namedChild(0);
      if (first && first.type !== 'nil') out.push(first);
      continue;
    }
    for (const c of node.namedChildren) if (c) stack.push(c);
  }
  return out;
}

/** `user:%s@host` in a format string: the value formatted there is a password. */
const FORMAT_PASSWORD = /:(%[-+ #0]*\d*[sv]|\{\d*\}|\{[A-Za-z_]\w*\})@/;
const FORMAT_VERB = /%[-+ #0]*\d*(?:\.\d+)?[a-zA-Z%]|\{\d*\}|\{[A-Za-z_]\w*\}/g;

/**
 * Arguments that are credentials by their place in the call rather than by the API:
 * the value formatted into `%s:%s@host` (Sprintf, format, printf), and `auth=("user", "password")`.
 */
function credentialArguments(site: CallSite): [Node, SecretKind][] {
  const out: [Node, SecretKind][] = [];
  const first = site.args[0];
  const format = first && STRING_NODES.has(first.type) ? stringValue(first) : undefined;
  const m = format ? FORMAT_PASSWORD.exec(format) : null;
  if (format && m) {
    const verbs = format.slice(0, m.index + 1).match(FORMAT_VERB)?.filter((v) => v !== '%%').length ?? 0;
    const arg = site.args[verbs + 1];
    if (arg) out.push([arg, 'password']);
  }
  for (const arg of site.args) {
    if (arg.type !== 'keyword_argument' || arg.childForFieldName('name')?.text !== 'auth') continue;
    const value = arg.childForFieldName('value');
    const second = value?.type === 'tuple' || value?.type === 'list' ? value.namedChild(1) : null;
    if (second) out.push([second, 'password']);
  }
  return out;
}

/**
 * A literal glued to a secret (`"pepper-" + password`, `salt + pw`) is a salt or pepper; text
 * with spaces ("Bearer " + token) is a header or a message.
 */
function pepperLiteral(node: Node): Node | undefined {
  if (node.type !== 'binary_expression' && node.type !== 'binary_operator') return undefined;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right || !/^\s*\+\s*$/.test(node.text.slice(left.endIndex - node.startIndex, right.startIndex - node.startIndex))) return undefined;
  const [lit, other] = STRING_NODES.has(left.type) ? [left, right] : [right, left];
  if (!STRING_NODES.has(lit.type) || STRING_NODES.has(other.type)) return undefined;
  const value = stringValue(lit);
  return value.length >= 6 && !/\s/.test(value) && isSecretName(lastName(other)) ? lit : undefined;
}

/** String literals of `tree` that are keys, passwords or credentials by their role. */
export function secretRoles(tree: Tree, family: QueryFamily): RoleRange[] {
  const finder = new RoleFinder();
  const defs: { names: string[]; values: Node[] }[] = [];
  for (const node of allNodes(tree.rootNode)) {
    const d = definitions(node);
    if (d) defs.push(d);
    const pepper = pepperLiteral(node);
    if (pepper) finder.collect(pepper, 'secret');
    if (family === 'go' && FUNCTION_NODES.has(node.type)) for (const e of keyFunctionReturns(node)) finder.collect(e, 'jwt-key');
    if (!CALL_NODES.has(node.type)) continue;
    const site = callSite(node);
    if (site) for (const [arg, kind] of credentialArguments(site)) finder.collect(arg, kind);
    const pos = site ? keyPosition(site) : undefined;
    if (!site || !pos) continue;
    site.args.forEach((arg, i) => {
      if (arg.type === 'keyword_argument') {
        const kw = arg.childForFieldName('name')?.text ?? '';
        const value = arg.childForFieldName('value');
        if (value && pos.keywords?.includes(kw)) finder.collect(value, pos.kind);
        return;
      }
      if (pos.args === 'all' || pos.args.includes(i)) finder.collect(arg, pos.kind);
    });
  }
  // Names used as keys: the literals assigned to them (two levels: k := "…"; key := []byte(k)).
  for (let level = 0; level < 2; level++) {
    const wanted = finder.takeWanted();
    if (wanted.size === 0) break;
    for (const d of defs) {
      d.names.forEach((name, i) => {
        const kind = wanted.get(name);
        if (!kind) return;
        const value = d.values.length === d.names.length ? d.values[i] : d.values[0];
        if (value) finder.collect(value, kind);
      });
    }
  }
  return finder.ranges;
}
