/**
 * Where a random value or a security option sits, for predicates that tell secrets from
 * identifiers, dummy data and operator-chosen modes (ECMAScript trees):
 * - `#random-id?`: a random call whose value is bound to an identifier-like name (`const id =
 *   randomBytes(10)…`, `return` from `generateMockServerSubdomain`), or sits in a function whose
 *   comment says no cryptographic property is needed;
 * - `#dummy-data?`: code inside an entry of a fake-data table (`{ key: "$randomPassword", getValue }`);
 * - `#mode-switch?`: one branch of several in a function that also sets the strict value
 *   (`rejectUnauthorized: false` for sslmode=require beside `true` for verify-full);
 * - `#inside-callback-of?`: inside a function passed to a call (`createParamDecorator(…)`).
 */
import type { Node } from 'web-tree-sitter';
import { enclosingFunction as indexedEnclosingFunction, parentOf, type IdFunctionFacts, type ValueContext } from './valueFacts';
import { escapeRegExp } from './strings';

const FUNCTION_TYPES = new Set([
  'function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function',
  'function_definition', 'func_literal', 'method_declaration',
]);

/** Expressions a value passes through unchanged in kind: `randomBytes(8).toString('hex').slice(0, 12)`. */
const PASS_THROUGH = new Set([
  'call_expression', 'member_expression', 'parenthesized_expression', 'ternary_expression', 'template_string', 'template_substitution',
  'binary_expression', 'await_expression', 'as_expression', 'non_null_expression', 'arguments', 'subscript_expression', 'optional_chain',
]);

/** The last word of a name says identifier: `id`, `userId`, `hashedUserID`, `subdomain`, `slug`, `writePrefix`, `handle`. */
const ID_NAME = /(?:^|[a-z0-9_$])(?:id|Id|ID|ids|Ids|IDs|uuid|Uuid|UUID|guid|Guid|subdomain|Subdomain|slug|Slug|prefix|Prefix|suffix|Suffix|handle|Handle|filename|fileName|FileName|refId|RefId|Name|_name)$|^(?:id|uuid|guid|subdomain|slug|prefix|suffix|handle|filename|name)$/;
/** A name that holds a secret even if it ends like an id (`sessionId`, `keyId` is left alone too). */
const SECRET_WORD = /token|secret|key|pass|otp|pin|salt|nonce|state|verifier|session|csrf|challenge|code|cred/i;
/** A comment saying the value needs no cryptographic strength. */
const NOT_CRYPTO_COMMENT = /(?:does ?n[o']t|need ?n[o']t|not|no need to) (?:need to )?be (?:cryptographically )?(?:secure|random|unpredictable)|no cryptographic (?:property|guarantee|strength)|not (?:used )?(?:for|as) (?:a )?(?:security|secret|cryptograph)|only needs? (?:to be )?unique(?:ness)?|uniqueness only|do not use (?:it |this )?for (?:api keys|tokens|secrets|passwords|security|cryptograph)/i;

function enclosingFunction(n: Node): Node | null {
  let cur = n.parent;
  while (cur && !FUNCTION_TYPES.has(cur.type)) cur = cur.parent;
  return cur;
}

/** The name a function is known by: its own, or the variable / field / property holding it. */
function functionName(fn: Node, ctx?: ValueContext): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  const p = ctx ? parentOf(fn, ctx) : fn.parent;
  if (p?.type === 'variable_declarator') return p.childForFieldName('name')?.text;
  if (p?.type === 'public_field_definition' || p?.type === 'field_definition') return (p.childForFieldName('name') ?? p.childForFieldName('property'))?.text;
  if (p?.type === 'pair') return p.childForFieldName('key')?.text;
  // A callback (`randomBytes(256).then(function (buffer) { return createHash('sha1')… })` in
  // `generateRandomToken`; round 78, node-oauth2-server) is named for the function it works for.
  if (p?.type === 'arguments') {
    const outer = ctx ? indexedEnclosingFunction(p, ctx) : enclosingFunction(p);
    return outer ? functionName(outer, ctx) : undefined;
  }
  return undefined;
}

/** The name the value at `n` is stored in or returned as, if any. */
function boundName(n: Node): string | undefined {
  let cur: Node = n;
  for (let depth = 0; depth < 16; depth++) {
    const p = cur.parent;
    if (!p) return undefined;
    switch (p.type) {
      case 'variable_declarator':
        return p.childForFieldName('value')?.id === cur.id ? p.childForFieldName('name')?.text : undefined;
      case 'public_field_definition':
      case 'field_definition':
        return (p.childForFieldName('name') ?? p.childForFieldName('property'))?.text;
      case 'assignment_expression': {
        const left = p.childForFieldName('left');
        if (!left || left.id === cur.id) return undefined;
        return left.type === 'member_expression' ? left.childForFieldName('property')?.text : left.text;
      }
      case 'pair':
        return p.childForFieldName('value')?.id === cur.id ? p.childForFieldName('key')?.text : undefined;
      case 'return_statement': {
        const fn = enclosingFunction(p);
        return fn ? functionName(fn) : undefined;
      }
      case 'arrow_function':
        // `=> randomBytes(8)…`: the arrow's name, or the call it is immediately invoked in.
        return functionName(p) ?? boundName(p.parent?.type === 'parenthesized_expression' && p.parent.parent?.type === 'call_expression' ? p.parent.parent : p);
      default:
        if (!PASS_THROUGH.has(p.type)) return undefined;
        cur = p;
    }
  }
  return undefined;
}

/** `#random-id? @call`: the random value becomes an identifier, not a secret (see the module comment). */
/** A uniform float made from 32 random bits (`u32[0] / 2 ** 32`): a Math.random stand-in, never a key. */
const UNIT_FLOAT = /\/\s*\(?\s*(?:2\s*\*\*\s*32|0x100000000|4294967296|0xffffffff|4294967295|2\s*\*\*\s*32\s*-\s*1)\b/i;
const COMPARISON = new Set(['<', '<=', '>', '>=']);

/**
 * A coin flip: the random call (or the `randomInt(…)` around its callee) is one side of a `<`/`>`
 * comparison with a number (`randomInt(10) >= 3`) or divided (`randomInt(D) / D`), or its function turns the bytes into a float in
 * [0, 1): sampling and demo data, not a secret.
 */
function isCoinFlip(n: Node): boolean {
  const call = n.parent?.type === 'call_expression' ? n.parent : n;
  const cmp = call.parent;
  if (cmp?.type === 'binary_expression') {
    const op = cmp.childForFieldName('operator')?.text ?? '';
    const other = cmp.childForFieldName('left')?.id === call.id ? cmp.childForFieldName('right') : cmp.childForFieldName('left');
    if (COMPARISON.has(op) && other?.type === 'number') return true;
    // `randomInt(D) / D`: a float in [0, 1).
    if (op === '/' && cmp.childForFieldName('left')?.id === call.id) return true;
  }
  const fn = enclosingFunction(n);
  return fn !== null && UNIT_FLOAT.test(fn.text) && fn.text.length < 600 && !SECRET_WORD.test(functionName(fn) ?? '');
}

export function isRandomId(n: Node): boolean {
  if (isCoinFlip(n)) return true;
  const name = boundName(n);
  if (name !== undefined && ID_NAME.test(name) && !SECRET_WORD.test(name)) return true;
  // A function whose name says it makes an id (`generateAnalyticsUserId`) returning the value.
  const fn = enclosingFunction(n);
  const fnName = fn ? functionName(fn) : undefined;
  // (Also through a neutral local, `const randomBytes = crypto.getRandomValues(…)` in `randomId`, and a
  // versioned UUID maker, `uuidv4`: round 63, OpenSign's widget and placeholder ids.)
  if (fnName !== undefined && /^(generate|create|make|new|random|uuid|guid)/i.test(fnName) && ID_NAME.test(fnName.replace(/_?[vV]\d+$/, '')) && !SECRET_WORD.test(fnName) && (name === undefined || !SECRET_WORD.test(name))) return true;
  return fn !== null && NOT_CRYPTO_COMMENT.test(fn.text);
}

/** A table entry's label that says fake data: `"$randomPassword"`, `'{{$randomEmail}}'`, `"fakeToken"`. */
const DUMMY_LABEL = /^['"`]\s*(?:\{\{\s*)?\$?(?:random|fake|faker|mock|dummy|sample|example)/i;
const LABEL_KEYS = new Set(['key', 'name', 'id', 'variable', 'label', 'placeholder']);

/** A literal that says its value is made up (`'sk_dev_mock_key_'`, `"fake-"`). */
const FAKE_LITERAL = /(^|[^a-z])(mock|fake|dummy|placeholder)([^a-z]|$)/i;
/** A local named for made-up data (`mockApiKey`, `fake_user`, `dummyToken`). */
const FAKE_NAME = /^(mock|fake|dummy)([A-Z_]|$)/;

/** `#dummy-data? @node`: the node is inside an object literal labelled as fake data (see DUMMY_LABEL). */
export function isDummyData(n: Node): boolean {
  for (let cur = n.parent, depth = 0; cur && depth < 40; cur = cur.parent, depth++) {
    // A value spliced after a literal that says it is fake (`'sk_dev_mock_key_' + Math.random()`), or
    // a local named so (`const mockApiKey = { value: … }`): round 56, stack-auth's mock mode.
    if (cur.type === 'binary_expression' && cur.childForFieldName('left')?.type === 'string' && FAKE_LITERAL.test(cur.childForFieldName('left')!.text)) return true;
    if (cur.type === 'variable_declarator' && FAKE_NAME.test(cur.childForFieldName('name')?.text ?? '')) return true;
    if (cur.type !== 'object') continue;
    for (const pair of cur.namedChildren) {
      if (pair?.type !== 'pair') continue;
      const key = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      if (key && value && LABEL_KEYS.has(key.text.replace(/['"]/g, '')) && (value.type === 'string' || value.type === 'template_string') && DUMMY_LABEL.test(value.text)) return true;
    }
  }
  return false;
}

/** The text of the function around `n`, or of the whole file at top level. */
export function functionText(n: Node): string {
  const fn = enclosingFunction(n);
  if (fn) return fn.text;
  let root: Node = n;
  while (root.parent) root = root.parent;
  return root.text;
}

/**
 * `#inside-callback-of? @node "re"`: a function around the node is passed directly to a call
 * whose callee's text matches `re` (`createParamDecorator((data, ctx) => …)`).
 */
export function isInsideCallbackOf(n: Node, re: RegExp): boolean {
  for (let fn = enclosingFunction(n); fn; fn = enclosingFunction(fn)) {
    const args = fn.parent;
    if (args?.type !== 'arguments') continue;
    const callee = args.parent?.type === 'call_expression' ? args.parent.childForFieldName('function') : null;
    if (callee && re.test(callee.text)) return true;
  }
  return false;
}

/**
 * `#behind-middleware? @node "re"`: a function around the node is a route handler registered after
 * a middleware argument whose text matches `re` (`router.get('/start', requireSignIn, async (req, res)
 * => { … })`): the middleware runs first and has already decided what the handler re-tests.
 */
export function isBehindMiddleware(n: Node, re: RegExp): boolean {
  for (let fn = enclosingFunction(n); fn; fn = enclosingFunction(fn)) {
    const args = fn.parent;
    if (args?.type !== 'arguments') continue;
    for (const a of args.namedChildren) {
      if (!a || a.id === fn.id) break;
      if (re.test(a.text)) return true;
    }
  }
  return false;
}

/**
 * `#in-branch? @node`: between the node and its function, an `if` / `else` body, a `switch` case
 * or a ternary's arm holds it (not the condition): the value is one mode of several.
 */
export function isInBranch(n: Node): boolean {
  let cur: Node = n;
  for (let p = n.parent; p && !FUNCTION_TYPES.has(p.type); cur = p, p = p.parent) {
    if (p.type === 'if_statement' && p.childForFieldName('condition')?.id !== cur.id) return true;
    if (p.type === 'ternary_expression' && p.childForFieldName('condition')?.id !== cur.id) return true;
    if (p.type === 'switch_case' || p.type === 'else_clause') return true;
  }
  return false;
}

/** A generic hash helper's name: `sha256Hash`, `sha1`, `hashData`, `digest`, `md5Hex`. */
const HASH_HELPER_NAME = /^(?:sha\d*|md5|hash|digest)[A-Za-z0-9]*$|^[a-z][A-Za-z0-9]*(?:Hash|Digest|Sha\d*)$/i;
const KEYED_OR_SECRET = /pass|secret|token|key|sign|hmac|verif|mac|cred|otp|salt/i;

/**
 * `#hash-wrapper? @callee`: the digest call sits in a small named hash helper (`function
 * sha256Hash(data) { … return crypto.subtle.digest(…) }`): at most three statements, a generic hash
 * name with no secret or key word in it.
 */
export function isHashWrapper(n: Node): boolean {
  // Text tests first: finding the enclosing function walks up the tree (1,500 nested lambdas).
  const goDigest = /\.digest$/.test(n.text);
  if (!goDigest && !PY_UNKEYED_DIGEST.test(n.text)) return false;
  if (!goDigest) {
    // Python: the nearest def or lambda (a lambda is never a named helper; stopping there keeps
    // deeply nested lambdas linear).
    let fn = n.parent;
    while (fn && !FUNCTION_TYPES.has(fn.type) && fn.type !== 'lambda') fn = fn.parent;
    return fn?.type === 'function_definition' && isPythonHashWrapper(fn);
  }
  const fn = enclosingFunction(n);
  const name = fn ? functionName(fn) : undefined;
  if (!fn || !name || !HASH_HELPER_NAME.test(name) || KEYED_OR_SECRET.test(name)) return false;
  const body = fn.childForFieldName('body');
  if (!body) return false;
  if (body.type !== 'statement_block') return true;
  return body.namedChildren.filter((c) => c !== null && c.type !== 'comment').length <= 3;
}

/** A Python hash helper's name: `sha256`, `md5_hex`, `hash_string`, `calculate_sha256`, `_hash`, `file_digest`. */
const PY_HASH_HELPER_NAME = /^_*(?:sha\d*|md5|blake2[bs]?|hash|digest)(?:_[a-z0-9]+)*$|^_*[a-z0-9_]*_(?:sha\d*|md5|hash|digest|checksum)(?:_hex)?$/i;
/** A Python unkeyed digest constructor: `hashlib.sha256`, `sha1`, `hashlib.new`, `blake2b`. */
const PY_UNKEYED_DIGEST = /(?:^|\.)(?:md5|sha1|sha224|sha256|sha384|sha512|sha3_\w+|blake2[bs]|new)$/;
/** What a generic hash helper must not contain: a key, a secret, a salt, a password, a session. */
const PY_KEYED_OR_SECRET = /pass|secret|token|key|sign|hmac|verif|\bmac\b|cred|otp|salt|pepper|nonce|session|cookie|auth/i;
/** Keys that name a lookup, not key material (`grouping_key`, `cache_key`: round 61, bugsink's `get_grouping_key_hash`). */
const PY_LOOKUP_KEY = /\b(?:\w+_)?(?:grouping|group|cache|lookup|dedup|dedupe|idempotency|sort|partition|routing|shard|bucket|index|dict|map)_key(?:s|_\w+)?\b/gi;
/** PY_KEYED_OR_SECRET on `text` with lookup keys left out. */
function pyKeyedOrSecret(text: string): boolean {
  return PY_KEYED_OR_SECRET.test(text.replace(PY_LOOKUP_KEY, ''));
}

/**
 * Python: `fn`, around an unkeyed digest call, is a small generic hash helper, `def sha256(p):
 * return hashlib.sha256(p.encode()).hexdigest()`: at most three statements (a docstring aside), a
 * generic hash name, and neither the helper's code nor its class names a key, secret or password.
 */
function isPythonHashWrapper(fn: Node): boolean {
  const name = fn.childForFieldName('name')?.text;
  if (!name || !PY_HASH_HELPER_NAME.test(name) || pyKeyedOrSecret(name)) return false;
  for (let p = fn.parent; p; p = p.parent) {
    if (p.type === 'function_definition') return false; // a nested helper: its outer function decides
    if (p.type === 'class_definition' && PY_KEYED_OR_SECRET.test(p.childForFieldName('name')?.text ?? '')) return false;
  }
  const body = fn.childForFieldName('body');
  if (!body) return false;
  const statements = body.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const first = statements[0];
  const code = first?.type === 'expression_statement' && first.namedChildren[0]?.type === 'string' ? statements.slice(1) : statements;
  if (code.length === 0 || code.length > 3) return false;
  const params = fn.childForFieldName('parameters')?.text ?? '';
  return !pyKeyedOrSecret(params) && !code.some((c) => pyKeyedOrSecret(c.text));
}

/** Words that put a hash or random value near a secret (kept out of `#id-hash?`). */
const SECRET_CONTEXT = /pass(?:word|wd|phrase)?|secret|token|api_?key|apiKey|privateKey|private_key|sign|hmac|verif|cred|otp|salt|nonce|cookie|session/i;

/**
 * `#id-hash? @callee`: a `createHash(…)` / `randomInt(…)` whose value becomes an identifier: a
 * digest cut down to a short id (`digest.slice(0, 24)`, `.digest("hex").slice(0, 8)`) or a random
 * digit of an id-making function (`generateId`, `…Id(…)` returning the id), in a function whose code
 * names no secret, key material, signature or session: a stable id, a path segment, a dedup key,
 * or an MD5 / SHA-1 checksum (also `md5(x)` / `CryptoJS.MD5(x)` of the md5 and crypto-js packages).
 */
export function isIdHash(n: Node, ctx: ValueContext): boolean {
  const md5Package = /(?:^|\.)(?:md5|MD5)$/.test(n.text);
  if (!md5Package && !/(?:^|\.)(?:createHash|randomInt)$/.test(n.text)) return false;
  // Through the engine's index: climbing `parent` from every call of a crafted chain thousands
  // deep was quadratic (tree-sitter 0.25 finds a parent from the root).
  const fn = indexedEnclosingFunction(n, ctx);
  // An id helper is a small function; past this size (nested arrows of a crafted file, each
  // holding the rest) the region stays, and its text is not searched again for every call.
  if (!fn || fn.endIndex - fn.startIndex > ID_HELPER_MAX_CHARS) return false;
  const facts = idFunctionFacts(fn, ctx);
  if (facts.namesSecret) return false;
  // `md5(org.id)` from the md5 / crypto-js packages: an unkeyed MD5 like `createHash('md5')` below
  // (telemetry's hashed ids, an avatar colour, a cache key) in a function that names no secret.
  if (md5Package) return true;
  if (/randomInt$/.test(n.text)) return facts.idFunction || isRandomId(n);
  // A digest truncated to an id, or returned by a function whose name says id, or the digest of
  // a file name, path or URL (`createHash('md5').update(filename)`): a storage or dedup key. Or an
  // unkeyed MD5 / SHA-1 (an upload's checksum, an ETag, a generated module's name): no security
  // use of these is left but one holding a secret, which the function would name.
  // Or a digest bound to a name that says id (`activeQueryId = createHash('sha256').update(sql).digest('hex')`:
  // a ClickHouse query id, round 61 openpanel).
  return facts.truncates || facts.idFunction || hashesLocation(n, ctx) || hashesFileContents(n, fn, ctx) || WEAK_DIGEST.test(ctx.text.slice(n.endIndex, n.endIndex + 40)) || ID_NAME.test(boundName(n) ?? '');
}

/**
 * The `createHash` call's digest is fed a local the function read from disk (`const buf = await
 * readFile(path); createHash('sha256').update(buf)`): a file's content digest (a checksum, an
 * index's `sha256:` field, a content-addressed name), in a function that names no secret.
 */
function hashesFileContents(callee: Node, fn: Node, ctx: ValueContext): boolean {
  const name = UPDATE_ARGUMENT.exec(ctx.text.slice(callee.endIndex, callee.endIndex + 160))?.[2];
  if (name === undefined || !/^[\w$]+$/.test(name)) return false;
  return new RegExp(`\\b${escapeRegExp(name)}\\s*=\\s*(?:await\\s+)?(?:[\\w$]+\\.)*readFile(?:Sync)?\\(`).test(fn.text);
}

/** The argument list of a `createHash` call naming MD5 or SHA-1. */
const WEAK_DIGEST = /^\s*\(\s*(['"`])(?:md5|sha-?1)\1/i;

/** `createHash('md5').update(filename)`, `.update(fileObj.path)`, `.update(url)`: what the digest reads. */
const UPDATE_ARGUMENT = /^\s*\(\s*(['"`])\w+\1\s*\)\s*\.update\(\s*([\w$.]+)\s*[,)]/;
/** A name for a location: a file name or path, a URL. */
const LOCATION_NAME = /^(?:file_?name|fileName|filename|file_?path|filePath|fullPath|relativePath|path|url|uri|href|link|fileUrl|imageUrl)$/;

/** The `createHash` call's digest is fed one value named as a file name, path or URL. */
function hashesLocation(callee: Node, ctx: ValueContext): boolean {
  const m = UPDATE_ARGUMENT.exec(ctx.text.slice(callee.endIndex, callee.endIndex + 160));
  const last = m?.[2]?.split('.').pop();
  return last !== undefined && LOCATION_NAME.test(last);
}

/** Functions larger than this are no id helpers (`#id-hash?`). */
const ID_HELPER_MAX_CHARS = 20_000;

/** What `#id-hash?` reads of a function, once per function and analysis (a function's calls share it). */
function idFunctionFacts(fn: Node, ctx: ValueContext): IdFunctionFacts {
  ctx.idFunctionFacts ??= new Map();
  let facts = ctx.idFunctionFacts.get(fn.id);
  if (!facts) {
    const text = fn.text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
    const name = functionName(fn, ctx);
    facts = {
      // (The name too: a method in an object literal or a callback carries it outside its text.)
      namesSecret: SECRET_CONTEXT.test(text) || (name !== undefined && SECRET_CONTEXT.test(name)),
      idFunction: name !== undefined && ID_NAME.test(name.replace(/(?:For|From|Of)[A-Z]\w*$/, '')),
      truncates: /\.(?:slice|substring|substr)\(\s*0\s*,/.test(text),
    };
    ctx.idFunctionFacts.set(fn.id, facts);
  }
  return facts;
}

/** Secret words for a CSPRNG value (`randomUUID`): a nonce only needs uniqueness, so it is not one. */
const KEPT_SECRET_WORD = /token|secret|key|pass|otp|pin|salt|state|verifier|session|csrf|code|cred/i;

/**
 * `#random-secret? @callee`: the random value is stored in or returned as a secret-named thing
 * (`const recoveryToken = crypto.randomUUID()`, `const generateState = () => crypto.randomUUID()…`).
 * A nonce is left out: a UUID's job there is uniqueness, which it has (`SignatureNonce: randomUUID()`).
 */
export function isRandomSecret(n: Node): boolean {
  const name = boundName(n);
  // A cache, lookup or idempotency key names what it identifies: `cacheTokenKey` is not a key secret;
  // nor is a throwaway probe's storage key (`testKey = \`__health_check__${randomUUID()}\``, `tmpKey`).
  if (name === undefined || !KEPT_SECRET_WORD.test(name) || /^(?:get|has|is|set)[A-Z]|Key(?:s|Id|Name)$|^keys?$|(?:cache|lookup|storage|idempotency|dedup|map|redis|test|tmp|temp|probe|health|instance)\w*Key$/i.test(name)) return false;
  return !correlationSession(n, name);
}

/** Callees that would keep a value as a credential: a cookie, a header, a store, a signature. */
const KEEPING_CALLEE = /cookie|header|sign|token|secret|password|hash|encrypt|crypt|redis|cache|store|save|session|login|(^|\.)set$/i;

/**
 * `const session = randomUUID()` in a NestJS controller, then only `this.debug(msg, name, session)`
 * and `this.service.register(body, session)` (round 88, laudspeaker: fifteen handlers, judged N): a
 * request's log-correlation id. Only the bare name `session`, and only when every use is a plain
 * argument of a call that does not keep it as a credential (no cookie, header, store or signature,
 * no object, return or assignment).
 */
function correlationSession(n: Node, name: string): boolean {
  if (name !== 'session') return false;
  const fn = enclosingFunction(n);
  if (!fn) return false;
  let uses = 0;
  for (const id of fn.descendantsOfType('identifier')) {
    if (!id || id.text !== name || id.startIndex <= n.startIndex) continue;
    uses++;
    const args = id.parent;
    if (args?.type !== 'arguments') return false;
    const callee = args.parent?.type === 'call_expression' ? args.parent.childForFieldName('function') : null;
    if (!callee || KEEPING_CALLEE.test(callee.text)) return false;
  }
  return uses > 0;
}

/**
 * `#not-random-disclaimed? @node`: the function around the node (Go: a function or method
 * declaration) does not say, in its doc comment or body, that its randomness is not for secrets
 * (`// Uses math/rand/v2 which is NOT cryptographically secure. Do not use for API keys, tokens`):
 * an id generator documented as such, whose secrets come from a crypto/rand sibling.
 */
export function isNotRandomDisclaimed(n: Node): boolean {
  let fn: Node | null = n;
  while (fn && fn.type !== 'function_declaration' && fn.type !== 'method_declaration') fn = fn.parent;
  if (!fn) return true;
  let doc = '';
  for (let c = fn.previousNamedSibling; c && c.type === 'comment'; c = c.previousNamedSibling) doc = `${c.text} ${doc}`;
  return !NOT_CRYPTO_COMMENT.test(`${doc} ${fn.text}`.replace(/\s*\/\/\s*/g, ' '));
}
