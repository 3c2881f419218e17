/**
 * A light semantic model for comparisons: what an operand's value is, from the syntax tree of
 * one file plus the constants of its package (Go). Used by `#secret-compare?`.
 *
 * Facts, and their limits (docs/data-flow.md):
 * - constant: a literal; a name bound by `const`, by a module/package-level assignment of a
 *   literal, or in the same function only to literals (constant propagation, one level); an
 *   enum member (`Status.ACTIVE`, `TokenType.Access` of an enum declared in the file); an
 *   ALL_CAPS name that is not secret-named or is named as a sentinel (`FAILED_TO_DECRYPT_PASSWORD`); a Go identifier declared `const` in another file of the same package.
 * - secret-bearing: the value's own name says MAC, signature, token, secret, API key, password,
 *   OTP, nonce, CSRF (a hash or digest only with one of those words), or a local name assigned
 *   from a MAC/signature/digest computation (`expected := mac.Sum(nil)`).
 * - not a secret comparison: either side constant; counts, ids, names, kinds, flags, URLs,
 *   audiences, defaults; change detection (`old…`/`previous…`/`original…`/`cached…`/`last…`
 *   against the current value) and confirmation pairs (`password != confirm`, `password1` vs
 *   `password2`).
 * Names are read from the value, not the expression: `hex.EncodeToString(mac)` is `mac`,
 * `payload[core.TokenClaimEmail]` is `payload`, `user.Email()` is `Email`.
 */
import type { Language, Node } from 'web-tree-sitter';
import { EnclosingIndex, namedTypes, type RowRange } from './ancestry';
import type { AtomicKind } from './goAtomics';
import { LANGUAGES, type QueryFamily } from './languages';
import { escapeRegExp } from './strings';

export interface ValueContext {
  family: QueryFamily;
  text: string;
  root?: Node;
  /** Constants declared in other files of the same Go package. */
  packageConstants?: ReadonlySet<string>;
  /** Go names declared with a sync/atomic type in this file or its package (goAtomics.ts). */
  atomics?: ReadonlyMap<string, AtomicKind>;
  /** Go atomics by accessed text, true when every access in the file holds a mutex (goAtomics.ts lockGuardedTargets). */
  lockGuarded?: Map<string, boolean>;
  /** Per-analysis caches. */
  fileFacts?: FileFacts;
  functionFacts?: Map<number, FunctionFacts>;
  /** `#id-hash?` facts of functions by node id (randomUse.ts). */
  idFunctionFacts?: Map<number, IdFunctionFacts>;
  /** Enclosing-node indexes by kind, and unit names by innermost scope (enclosingOf). */
  enclosing?: Map<EnclosingKind, EnclosingIndex>;
  /**
   * The ranges the current query run is restricted to (an incremental re-analysis): lookups for
   * nodes there use indexes of just those ranges (`partialEnclosing`, by kind and ranges).
   */
  queryRanges?: readonly RowRange[];
  partialEnclosing?: Map<string, EnclosingIndex>;
  /** Lookups of enclosingFunction answered by climbing parents so far. */
  functionClimbs?: number;
  /**
   * Names of top-level declarations a predicate looked up (found or not): a helper function, a
   * module-level constant list, the package clause (PACKAGE_CLAUSE_NAME). An incremental analysis
   * whose edits touch a top-level node declaring one of them analyses the whole file again
   * (engine.ts declarationsUnchanged): the answers for matches elsewhere may change.
   */
  readNames?: Set<string>;
}

/** The name recorded in ValueContext.readNames for a read of the Go package clause. */
export const PACKAGE_CLAUSE_NAME = '\0package';

/** enclosingFunction climbs parents for this many lookups of an analysis, then builds the index. */
const CLIMBS_BEFORE_INDEX = 24;
/** Climbs give up (and use the index) past this depth: `parent` costs O(depth) in tree-sitter 0.25. */
const MAX_CLIMB = 48;

/**
 * The kinds of enclosing node the heuristics below look for. They are found through an
 * EnclosingIndex, not by climbing `parent` (O(depth) per step in tree-sitter 0.25): climbing
 * from every match made long `+` chains and deep lambda nests take minutes.
 */
type EnclosingKind = 'function' | 'scope' | 'statement';

const ROOT_TYPES = new Set(['program', 'module', 'source_file']);
const STATEMENT_TYPE = /statement|declaration|assignment|expression_statement|lexical_declaration|return/;
const isClassType = (type: string) => /^class/.test(type) || type === 'type_declaration';

function enclosingIndex(kind: EnclosingKind, n: Node, ctx: ValueContext): EnclosingIndex {
  ctx.enclosing ??= new Map();
  const whole = ctx.enclosing.get(kind);
  if (whole) return whole;
  const root = ctx.root ?? n.tree.rootNode;
  const ranges = ctx.queryRanges;
  if (ranges) {
    // Indexing the whole tree of a 5,000-line file on each keystroke cost more than re-querying
    // the edited statements; the nodes of such a run lie in its ranges.
    ctx.partialEnclosing ??= new Map();
    const key = `${kind}@${ranges.map((r) => `${r.startIndex}:${r.endIndex}`).join(',')}`;
    let part = ctx.partialEnclosing.get(key);
    if (!part) ctx.partialEnclosing.set(key, (part = new EnclosingIndex(root, enclosingTypes(kind, root), ranges)));
    if (part.covers(n)) return part;
  }
  const index = new EnclosingIndex(root, enclosingTypes(kind, root));
  ctx.enclosing.set(kind, index);
  return index;
}

const ENCLOSING_TYPES = new WeakMap<Language, Map<EnclosingKind, string[]>>();

/** The node types an index of `kind` holds in the tree's language (computed once per language). */
function enclosingTypes(kind: EnclosingKind, root: Node): string[] {
  const language = root.tree.language;
  let perKind = ENCLOSING_TYPES.get(language);
  if (!perKind) ENCLOSING_TYPES.set(language, (perKind = new Map()));
  let types = perKind.get(kind);
  if (!types) {
    types =
      kind === 'function'
        ? [...FUNCTION_TYPES]
        : kind === 'scope'
          ? namedTypes(language, (t) => FUNCTION_TYPES.has(t) || isClassType(t) || t === 'method_declaration')
          : namedTypes(language, (t) => FUNCTION_TYPES.has(t) || ROOT_TYPES.has(t) || STATEMENT_TYPE.test(t));
    perKind.set(kind, types);
  }
  return types;
}

/** What `#id-hash?` reads of a function (randomUse.ts): secret words, an id-making name, a truncation. */
export interface IdFunctionFacts {
  namesSecret: boolean;
  idFunction: boolean;
  truncates: boolean;
}

export interface FileFacts {
  constants: Set<string>;
  enums: Set<string>;
  /** Python: the file's top-level functions whose every return is a MAC (callsMacFunction). */
  macFunctions?: Set<string>;
  /**
   * JavaScript: top-level `const X = Symbol(…)`: a unique identity, whatever it is called
   * (`secret !== CONSTRUCTOR_SECRET` guarding a private constructor: round 104, sequelize).
   */
  symbols?: Set<string>;
}

/**
 * The file-level facts (top-level constants and enums) and a key that changes when they do:
 * incremental re-analysis must start over when it changes, since a comparison anywhere in the
 * file may read a constant declared elsewhere in it.
 */
export function computeFileFacts(root: Node, family: QueryFamily, text: string): { facts: FileFacts; key: string } {
  const ctx: ValueContext = { family, text, root };
  const facts = fileFacts(ctx);
  return { facts, key: `${[...facts.constants].sort().join(',')}|${[...facts.enums].sort().join(',')}|${[...(facts.macFunctions ?? [])].sort().join(',')}|${[...(facts.symbols ?? [])].sort().join(',')}` };
}


interface FunctionFacts {
  /** Local names assigned only literals. */
  constants: Set<string>;
  /** Local names assigned from a MAC / signature / digest computation. */
  macDerived: Set<string>;
  /** Every local name bound in the function (parameters included). */
  bound: Set<string>;
  /** Local names by the texts of the values assigned to them. */
  values: Map<string, string[]>;
  /** Local names by the value nodes assigned to them. */
  assignedNodes: Map<string, Node[]>;
  /** The function's parameter names. */
  parameters: Set<string>;
}

const LITERAL_TYPES = new Set([
  // Go
  'interpreted_string_literal', 'raw_string_literal', 'int_literal', 'float_literal', 'rune_literal', 'imaginary_literal', 'nil', 'true', 'false', 'iota',
  // Python
  'string', 'concatenated_string', 'integer', 'float', 'none',
  // ECMAScript
  'number', 'null', 'undefined', 'regex',
]);

/** Every language's function units (languages.ts), for finding a node's enclosing function. */
const FUNCTION_TYPES: ReadonlySet<string> = new Set(Object.values(LANGUAGES).flatMap((l) => [...l.unitTypes]));

const ALL_CAPS = /^[A-Z][A-Z0-9_]*[A-Z0-9]$/;
/** UPPER_CASE names of a route, API id, label or error code that hold no secret (`VERIFY_TOTP_API`, `RESET_PASSWORD_TOKEN_PATH`, `ERROR_CODE_INVALID_TOKEN`). */
// (Also a kind of secret named as a member of a type or class enum, `KEY_CLASS_SECRET_KEY`,
// `TOKEN_TYPE_PASSWORD`, and the PKCS#11 constants `CKO_SECRET_KEY`, `CKK_AES`: an object class, not a
// key; round 94, freeIPA's HSM helpers.)
const CAPS_NOT_SECRET = /_(API|APIS|PATH|URL|URI|ROUTE|ENDPOINT|ID|IDS|NAME|TYPE|KIND|LABEL|CODE|ERROR|STATUS|MESSAGE|EVENT)$|^(ERR|ERROR)_|(^|_)(TYPE|KIND|CLASS)_|^CK[OAKM]_/;
const ENUM_BASES = /(^|\.)(Enum|IntEnum|StrEnum|Flag|IntFlag|TextChoices|IntegerChoices|Choices)$/;

/**
 * A server's shared client key or master key by its whole name (`ServerKey`, `HTTPKey`, `masterKey`: nakama and
 * parse-server, round 53); not `currentServerKey`, a push service's public key, nor `master_key`, a public signing key.
 */
const SHARED_KEY_NAME = /^(ServerKey|HTTPKey|HttpKey|httpKey|http_key|MasterKey|masterKey|readOnlyMasterKey|GetMasterKey|getMasterKey|SERVER_KEY|HTTP_KEY|MASTER_KEY)$/;
/** A secret word in the name (hashes and digests only together with a secret word; a one-time `reset_key`; an AEAD `auth_tag`: round 106, python-jose). */
const SECRET_WORD =
  /(^|[^a-z])(h?mac|sig|sigs|otp|[ht]otp|pwd|csrf|xsrf)($|[^a-z])|Pwd($|[^a-zA-Z]|Hash|Digest)|H?Mac|HMAC|Sig($|[^a-z])|SIG|[Ss]ignature|SIGNATURE|[Tt]oken|TOKEN|[Ss]ecret|SECRET|[Aa]pi[-_]?[Kk]ey|API[-_]?[Kk]ey|API[-_]?KEY|apikey|[Pp]assw(or)?d|PASSW(OR)?D|Otp|OTP|Csrf|CSRF|Xsrf|XSRF|(^|[^A-Za-z])(key|Key)_?([Hh]ash|[Dd]igest)|([Ss]igning|[Pp]rivate|[Hh]mac|[Ss]hared)_?[Kk]ey|(^|[^A-Za-z])(admin|in|invoice)_?key($|[^a-z])|[a-z](Admin|Invoice)Key($|[^a-z])|(^|[^A-Za-z])(reset|recovery|activation|invitation|invite)_key($|[^a-z])|(^|[^A-Za-z])(recovery|backup)_?[Cc]odes?($|[^a-z])|(Recovery|Backup)Codes?($|[^a-z])|(^|[^A-Za-z])auth_?tag($|[^a-z])|AuthTag($|[^a-z])/;
/** The name says the value is a secret. */
const SECRET_NAME = new RegExp(`${SHARED_KEY_NAME.source}|${SECRET_WORD.source}`);

/**
 * ALL_CAPS constants named as a sentinel or marker despite a secret word in them:
 * `FAILED_TO_DECRYPT_PASSWORD` (what decrypt returns on error), `CENSORED_PASSWORD`, `EMPTY_TOKEN`,
 * `DUMMY_SECRET`, `CANARY_PLAINTEXT`: a known value compared to see which case a result is, not a secret.
 */
// (VOID and DEFAULT: the value shipped in the code, compared to warn that it was left in place;
// round 78, LinOTP's `VOID_RADIUS_SECRET`.)
const SENTINEL_NAME = /(^|_)(FAILED|FAILURE|FAIL|ERROR|INVALID|MISSING|UNSET|PLACEHOLDER|DUMMY|CENSORED|REDACTED|MASKED|EMPTY|NULL|NONE|UNKNOWN|FAKE|CANARY|SENTINEL|MARKER|VOID|DEFAULT|DELETED|REMOVED|TOMBSTONE)(_|$)/;

/**
 * Names of values that are not secrets even when a secret word is in them (a pagination cursor, `next_token`, is one; so is a token's CRC checksum, `secretChecksum`, a public typo check: round 50, netbird;
 * and a network interface's hardware address, `MacAddress`, `mac_addr`: round 52, netmaker; and a structure's signature,
 * `getStrongNodeSignature(item)`, `depsSignature`, `toolCallSignature`: a fingerprint of a tree or a call, round 59 nocobase;
 * and a chart series' key, `breakdownSignature`: round 61, openpanel; and a lock's owner token, `lockToken`,
 * `headerLockToken`: a WebDAV or distributed lock's handle, round 62, puter; and an environment variable's
 * name, `secretEnvVar`: round 63, cloudflared).
 */
const NOT_SECRET_NAME =
  /([a-z](Node|Deps|Dependency|Dependencies|State|Schema|Type|Shape|Layout|Tree|Structure|Content|Render|Props|Call|Tool|Loop|Route|View|Form|Function|Method|Weak|Strong|Breakdown|Group|Series|Row|Column|Chart|Query|Cache)Signature$|(^|_)(node|deps|dependency|state|schema|type|shape|layout|tree|call|tool|loop|route|view|function|method|breakdown|group|series|row|column|chart|query|cache)_signature$|^(node|deps|dependency|state|schema|type|shape|layout|tree|call|tool|loop|route|view|function|method|breakdown|group|series|row|column|chart|query|cache)Signature$|((^|[^A-Za-z])([Mm]ac|MAC)_?([Aa]ddr|[Aa]ddress|ADDR|ADDRESS)(es|s|ES)?$|[a-z](Mac|MAC)([Aa]ddr|[Aa]ddress)(es)?$|[Hh]ardware_?[Aa]ddr|HwAddr|HWAddr|hwaddr|Checksum|CRC|Crc|Jti|JTI|jti|Kid|KID|kid|Nonce|nonce|NONCE|Count|Len|Length|Type|Kind|Index|Idx|ID|Id|Num|Size|Pos|Offset|Line|Col|Name|Names|Expiry|ExpiresAt|Exp|TTL|Time|Timeout|Lifespan|Version|Alg|Algorithm|Func|Fn|Method|Mode|Enabled|Required|Valid|Scheme|Prefix|Suffix|URL|Url|URI|Uri|Endpoint|Path|Host|Domain|Issuer|Aud|Audience|Email|Literal|Period|Digits|Ref|Status|State|Use|Header|Field|Param|Label|Format|Policy|Config|Settings|Options|Strategy|Provider|Location|Namespace|Namespaces)$|(_(id|ids|type|kind|name|count|len|length|url|uri|at|expiry|expires|ttl|version|alg|algorithm|mode|header|field|status|state|policy|format|prefix|label|checksum|crc|namespace|namespaces))$|^(checksum|crc)$|^(has|is|should|can|use|enable|allow)([A-Z_]|$)|(^|[a-z0-9])(Has|Is|Should|Can|Use|Enable|Allow)[A-Z]|^(len|cap|count|num|max|min|Max|Min|Num|Err|err)$|^(method|func|fn|handler|action|op|operation|callback|id|ids|name|names|type|kind|path|url|uri|route|endpoint)$|(^|_)(next|page|next_page|continuation|sync|pagination|cursor|lock)_token$|^(next|page|nextPage|continuation|sync|pagination|cursor|lock)Token$|[a-z]LockToken$|(^|_)lock$|^[a-z]\w*Lock$|[a-z]EnvVar(s|Name)?$|(^|_)env_var(s|_name)?$)/;

/**
 * Names of on-chain values (round 61, rotki's transaction decoders): in wallet and DeFi code a token
 * is an asset (`event.asset == underlying_token`, `asset == self.node_inquirer.native_token`), an
 * address is public, and a log's topic is the hash of a public event signature (`tx_log.topics[0]
 * == SWAP_SIGNATURE`, Go `vLog.Topics[0]`). A comparison with one of them is bookkeeping.
 */
const ON_CHAIN_NAME =
  /(^|_)(asset|assets|address|addresses|topics)$|^Topics$|^[a-z]\w*(Asset|Address)(es|s)?$|(^|_)(native|wrapped|wrapped_native|underlying|underlying_vault|vault|lp|pool|reward|rewards|collateral|borrowed|deposit|deposited|staked|staking|gauge|yield|protocol|governance|erc20|erc721|nft|stable|debt|claimed|received|spent|bought|sold)_token$|^(native|wrapped|wrappedNative|underlying|vault|lp|pool|reward|collateral|borrowed|deposit|deposited|staked|staking|gauge|governance|erc20|stable|debt)Token$/;

/** A pagination object's token field: `resp.Pagination.Token`, `page.next_token`, `cursor?.token`. */
const PAGING_FIELD = /(^|[.?])(pagination|Pagination|paging|Paging|page|Page|cursor|Cursor)\??\.(token|Token|next_?token|nextToken|NextToken)$/;

/** Go: the named function or method declaring `n` (through any closures). */
function goDeclaration(n: Node): Node | null {
  let fn: Node | null = n.parent;
  while (fn && fn.type !== 'method_declaration' && fn.type !== 'function_declaration') fn = fn.parent;
  return fn;
}

/** Go: the enclosing function's result is an id type (`restic.ID`, `fileID`, `(ID, error)`). */
function goReturnsIdType(n: Node, ctx: ValueContext): boolean {
  const result = goDeclaration(n)?.childForFieldName('result');
  if (!result) return false;
  return /^\(?\s*(\*?[\w.]*\.)?\w*(ID|Id)\s*(,\s*error\s*)?\)?$/.test(textOf(result, ctx));
}

/**
 * Go: `a != b` is the condition of an `if` (alone or beside `&&`) whose branch stores one side as the
 * new secret (or `a == b` whose else branch does): a setter (`cfg.SetPassword(x)`), an assignment to a secret-named field, or an update
 * call given it. Change detection before a write; nobody is admitted by it.
 */
function goStoredOnChange(a: Node, b: Node, ctx: ValueContext): boolean {
  const cmp = a.parent;
  const op = cmp?.childForFieldName('operator')?.text;
  if (!cmp || cmp.type !== 'binary_expression' || cmp.id !== b.parent?.id || (op !== '!=' && op !== '==')) return false;
  let cond: Node = cmp;
  while (cond.parent?.type === 'binary_expression' && cond.parent.childForFieldName('operator')?.text === '&&') cond = cond.parent;
  if (cond.parent?.type === 'parenthesized_expression') cond = cond.parent;
  const stmt = cond.parent;
  if (stmt?.type !== 'if_statement' || stmt.childForFieldName('condition')?.id !== cond.id) return false;
  // (`if req.VaultToken == h.vaultToken { return nil } else { h.vaultToken = req.VaultToken }`: round
  // 105, nomad's template hook; the store is in the else branch.)
  const body = stmt.childForFieldName(op === '!=' ? 'consequence' : 'alternative');
  if (!body) return false;
  const text = textOf(body, ctx);
  const stores = /\.Set\w*([Pp]assw(or)?d|[Ss]ecret|[Tt]oken|[Kk]ey)\w*\(|\.\w*(Password|Passwd|Secret|Token|APIKey|ApiKey)\s*=[^=]|\.Update\w*\([^)]*"\w*(password|passwd|secret|token|api_?key)\w*"/.test(text);
  if (!stores) return false;
  const side = (n: Node) => new RegExp(`[(,=]\\s*${escapeRegExp(textOf(n, ctx))}\\s*[),\\n]`).test(text);
  return side(a) || side(b);
}

/**
 * Go: a `encoding/json` token: a `json.Delim(…)` conversion, or a name the enclosing function declares
 * as a `json.Token` / `json.Delim` or takes from a decoder's `Token()` (`to, err := t.dec.Token()`).
 */
function goJsonToken(n: Node, ctx: ValueContext): boolean {
  const text = textOf(n, ctx);
  if (/^json\.Delim\(/.test(text)) return true;
  if (n.type !== 'identifier') return false;
  const fn = enclosingFunction(n, ctx);
  if (!fn || fn.endIndex - fn.startIndex > 20000) return false;
  const body = textOf(fn, ctx);
  const name = escapeRegExp(text);
  return new RegExp(`\\b${name}(?:,\\s*\\w+)*\\s+json\\.(?:Token|Delim)\\b|\\b${name}(?:,\\s*\\w+)*\\s*:?=\\s*[\\w.]*(?:dec|[Dd]ecoder)\\.Token\\(\\)`).test(body);
}

/** Go: `n` sits in a method named for equality (`equal`, `Equal`, `Equals`, `IsEqual`). */
function goEqualityMethod(n: Node): boolean {
  const fn = goDeclaration(n);
  return fn?.type === 'method_declaration' && /^(equal|Equal|equals|Equals|isEqual|IsEqual|eq|Eq)$/.test(fn.childForFieldName('name')?.text ?? '');
}

/** Go: `x.name` where this file declares a struct field `name bool` (one per line, or `a, name bool`). */
function goBoolField(n: Node, ctx: ValueContext): boolean {
  if (n.type !== 'selector_expression') return false;
  const name = n.childForFieldName('field')?.text;
  if (!name || !/^\w+$/.test(name)) return false;
  return new RegExp(`^[ \\t]*(?:\\w+,\\s*)*${name}(?:,\\s*\\w+)*[ \\t]+bool\\b`, 'm').test(ctx.text);
}

/** Go's numeric types, as a declaration spells them. */
const GO_NUMERIC_TYPE = '(?:u?int(?:8|16|32|64)?|uintptr|float(?:32|64)|byte|rune)';

/**
 * Go: a value the code shows to be a number, so a comparison of it cannot leak a secret's bytes
 * (seaweedfs's filer "signatures" are random int32 origin ids, Kafka's request "API key" a uint16;
 * round 90). Go is statically typed, so any of these settles it: a numeric conversion
 * (`uint16(APIKeyApiVersions)`); the same text compared with a number literal or conversion anywhere
 * in the function (`sig == req.Signature && req.Signature != 0`: a string cannot be compared with 0); a
 * parameter, `var`, conversion-initialised local or struct field of this file declared numeric; a
 * range variable over a parameter or local declared `[]int32` / `map[K]int32`; a local bound to a
 * decoded integer (`binary.BigEndian.Uint16(buf)`, `strconv.Atoi(s)`) or to the first result of a
 * function of this file declared to return a number.
 */
function goNumericValue(n: Node, ctx: ValueContext): boolean {
  const t = textOf(n, ctx);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (n.type === 'call_expression' && new RegExp(`^${GO_NUMERIC_TYPE}\\(`).test(t)) return true;
  if (!/^[\w.]+$/.test(t)) return false;
  // The outermost function (a closure's comparison sees its declaring function's parameters), found
  // through the function index like every other lookup here, not by climbing `parent`.
  let fn: Node | null = null;
  for (let f = enclosingFunction(n, ctx); f; f = enclosingFunction(f, ctx)) fn = f;
  const body = fn ? textOf(fn, ctx) : '';
  const e = esc(t);
  if (body && new RegExp(`(^|[^\\w.])${e}\\s*(==|!=|<=|>=|<|>)\\s*(-?\\d|${GO_NUMERIC_TYPE}\\()|[^\\w.]-?\\d+\\s*(==|!=)\\s*${e}([^\\w.(]|$)`).test(body)) return true;
  if (n.type === 'selector_expression') {
    const name = n.childForFieldName('field')?.text;
    return !!name && /^\w+$/.test(name) && new RegExp(`^[ \\t]*(?:\\w+,\\s*)*${name}(?:,\\s*\\w+)*[ \\t]+${GO_NUMERIC_TYPE}\\b`, 'm').test(ctx.text);
  }
  if (n.type !== 'identifier' || !body) return false;
  const declared = (name: string, type: string) =>
    new RegExp(`(^|[(,\\s])${name}(\\s*,\\s*\\w+)*\\s+${type}\\b|\\bvar\\s+${name}\\s+${type}\\b|(^|[^\\w.])${name}\\s*:?=\\s*(make\\()?${type}[({),]|(^|[^\\w.])${name}\\s*:?=\\s*(binary\\.(BigEndian|LittleEndian)\\.(Uint16|Uint32|Uint64)|strconv\\.(Atoi|ParseInt|ParseUint))\\(`).test(body);
  if (declared(e, GO_NUMERIC_TYPE)) return true;
  const range = new RegExp(`for\\s+(?:\\w+\\s*,\\s*)?${e}\\s*:?=\\s*range\\s+(\\w+)\\s*\\{`).exec(body);
  if (range && declared(esc(range[1] ?? ""), `(?:\\[\\]|map\\[[^\\]]+\\])${GO_NUMERIC_TYPE}`)) return true;
  const call = new RegExp(`(^|[^\\w.])${e}\\s*(?:,\\s*\\w+\\s*)*:?=\\s*(?:[\\w.]+\\.)?(\\w+)\\(`).exec(body);
  return !!call && new RegExp(`^func\\s+(?:\\([^)]*\\)\\s*)?${call[2]}\\([^)]*\\)\\s*\\(?\\s*(?:\\w+\\s+)?${GO_NUMERIC_TYPE}\\b`, 'm').test(ctx.text);
}

/**
 * Python: a value the function shows to be a number or a signal, not a secret: compared elsewhere
 * in the function with a number literal or a `signal.SIG…` constant, or bound to one (`sig =
 * signal.SIGALRM … if sig == signal.SIGALRM: … elif sig == sighup:`, borg's daemonizing wait, round
 * 90). Not one bound to `int(…)`: an OTP parsed as an integer (`token = int(token)`, then `hotp(key,
 * counter) == token`) is still the secret (django-otp, two-factor-auth: judged Y).
 */
function pyNumericValue(n: Node, ctx: ValueContext): boolean {
  const t = textOf(n, ctx);
  if (!/^[\w.]+$/.test(t)) return false;
  const fn = enclosingFunction(n, ctx);
  if (!fn) return false;
  const e = t.replace(/\./g, '\\.');
  const signal = '(signal\\.SIG[A-Z0-9]+|SIG(HUP|INT|TERM|KILL|ALRM|USR1|USR2|CHLD|QUIT|PIPE|STOP|CONT|WINCH|ABRT))\\b';
  // (Not the sentinel -1 for "not set", `if self.shared_secret == -1: raise …` before the secret is
  // compared: round 95, cobbler's login.)
  return new RegExp(`(^|[^\\w.])${e}\\s*((==|!=|<=|>=|<|>)\\s*((?!-1\\b)-?\\d|${signal})|=\\s*((?!-1\\b)-?\\d+\\s*$|${signal}))`, 'm').test(textOf(fn, ctx));
}

/** A name or header key that says anti-forgery token: `CSRF-Token`, `X-XSRF-TOKEN`, `csrf_token`, `csrfToken`. */
const CSRF_NAME = /csrf|xsrf/i;

/** Change detection and confirmation: old/new, original/current, password/confirm, x1/x2. */
const CHANGE_SIDE = /(^|[^a-z])(old|prev|previous|original|orig|initial|init|last|cached|before|saved)([^a-z]|$)|(Old|Prev|Previous|Original|Initial|Last|Cached|Before|Saved)([^a-z]|$)/;
/** Values a request presents (`req.Token`, `requestToken`, `providedSecret`), never a change-detection side. */
const PRESENTED_SIDE = /(^|[^a-z])(req|request|provided|presented|supplied|submitted|incoming)([^a-z]|$)|(Req|Request|Provided|Presented|Supplied|Submitted|Incoming)([^a-z]|$)/;
/** An operand holding the second entry of a password typed twice (`verifyPassword`, `verify_pwd`). */
const RETYPED_COPY = /^[Vv]erify_?[Pp](ass(word|wd)?|wd)$/;
// (`confpass`, `conf_password`, `password_conf`: the abbreviation, round 29; not a `conf` object.
// `rpassword`, `repassword`, `re_password`: the repeated field, round 73 PowerDNS-Admin.)
const CONFIRM_SIDE = /[Cc]onfirm|CONFIRM|[Rr]epeat|[Rr]etype|[Aa]gain|[Vv]erification[A-Z_]?[Pp]assword|(^|[^a-z])[Vv]erify_?[Nn]ew_?[Pp]ass(word|wd)?([^a-z]|$)|(^|[^a-z])[Cc]onf_?[Pp]ass|CONF_?PASS|[Pp]ass(word|wd)?_?[Cc]onf([^a-z]|$)|(^|[^a-z])r_?e?_?[Pp]ass(word|wd)?([^a-z]|$)/;
const DEFAULT_SIDE = /(^|[^a-z])(default|defaults)([^a-z]|$)|Default|DEFAULT|#defaults/;
/**
 * A sentinel constant (`API_KEY_NON_EXISTENT`, `NOT_FOUND_TOKEN`, `EMPTY_SECRET`): a fixed marker a
 * cache or store hands back for "no such value", named in capitals with a word that says so. A
 * comparison with it asks whether the lookup found anything; nothing secret is compared (round 42,
 * langfuse's API-key cache).
 */
const SENTINEL_SIDE = /^(?:[\w$]+\.)?[A-Z][A-Z0-9_]*(NOT_FOUND|NON_?EXISTENT|NONEXISTENT|MISSING|EMPTY|UNSET|NONE|NULL|INVALID|PLACEHOLDER|SENTINEL|UNKNOWN|ABSENT)[A-Z0-9_]*$/;
/** A new value being set (`newPassword`, `new_password`, `data.newPassword`) and the one it replaces. */
const NEW_SIDE = /(^|[^A-Za-z])new(_|[A-Z])|(^|[^A-Za-z])New[A-Z]/;
const CURRENT_SIDE = /(^|[^A-Za-z])(current|old)(_|[A-Z])|(^|[^A-Za-z])(Current|Old)[A-Z]/;
/** A password named as such, and a login identity it must not equal (`password === username`). */
const PASSWORD_NAME = /[Pp]assword|PASSWORD|passwd/;
const IDENTITY_NAME = /[Uu]ser_?[Nn]ame|USERNAME|[Ll]ogin_?[Nn]ame|(^|[^A-Za-z])e?mail([^A-Za-z]|$)|[Ee]mail[A-Z_]?[Aa]ddress|#username|#email/;

/** Computations whose result is a MAC, signature or digest. */
const MAC_CALL = /[Hh]mac|HMAC|[Ss]ign(ature)?\b|\.Sign\(|[Ss]ign[A-Z]|createHmac|compute[A-Z_]?[Mm]ac|make_token|makeToken/;
/**
 * A key derived from a password or an API key (`dk := pbkdf2.Key([]byte(cred.APIKey), salt, 4096, 32,
 * sha256.New)`, `scrypt.Key(…)`, `argon2.IDKey(…)`, `crypto.pbkdf2Sync(…)`): compared with the stored
 * hash it is the credential check (round 108, convoy's native realm: `bytes.Equal(dk, decodedKey)`).
 */
const KDF_CALL = /(^|[^\w.])(pbkdf2\.Key|scrypt\.Key|argon2\.(ID)?Key|(crypto\.)?pbkdf2Sync|(crypto\.)?scryptSync|hashlib\.pbkdf2_hmac|hashlib\.scrypt)\s*\(/;

/** Calls that keep the value and only change its form: the name is the argument's/receiver's. */
const FORM_FUNCTIONS = new Set([
  'string', '[]byte', 'hex.EncodeToString', 'base64.StdEncoding.EncodeToString', 'base64.URLEncoding.EncodeToString',
  'base64.RawURLEncoding.EncodeToString', 'base64.RawStdEncoding.EncodeToString', 'strings.TrimSpace', 'strings.ToLower', 'cast.ToString',
  'str', 'bytes', 'String', 'Buffer.from', 'Number',
]);
const FORM_METHODS = new Set(['hex', 'encode', 'decode', 'strip', 'lower', 'upper', 'toString', 'trim', 'toLowerCase', 'toUpperCase', 'digest', 'hexdigest', 'String', 'Bytes']);

function field(n: Node, name: string): Node | null {
  return n.childForFieldName(name);
}

function textOf(n: Node, ctx: ValueContext): string {
  return ctx.text.slice(n.startIndex, n.endIndex);
}

/** Strips parentheses, `await`, `!`, type assertions and value-preserving conversions. */
export function unwrap(n: Node, ctx: ValueContext): Node {
  for (let i = 0; i < 8; i++) {
    const t = n.type;
    if (t === 'parenthesized_expression' || t === 'await_expression' || t === 'non_null_expression') {
      const inner = n.namedChildren.find((c) => c !== null && c.type !== 'comment');
      if (!inner) return n;
      n = inner;
      continue;
    }
    if (t === 'as_expression' || t === 'satisfies_expression') {
      const inner = n.namedChild(0);
      if (!inner) return n;
      n = inner;
      continue;
    }
    if (t === 'type_conversion_expression') {
      const inner = field(n, 'operand');
      if (!inner) return n;
      n = inner;
      continue;
    }
    if (t === 'call_expression' || t === 'call') {
      const fn = field(n, 'function');
      const args = field(n, 'arguments');
      if (!fn) return n;
      const fnText = textOf(fn, ctx);
      const firstArg = args?.namedChildren.find((c) => c !== null && c.type !== 'comment');
      if (FORM_FUNCTIONS.has(fnText) && firstArg) {
        n = firstArg;
        continue;
      }
      const method = memberName(fn, ctx);
      const receiver = receiverOf(fn);
      if (method && receiver && FORM_METHODS.has(method)) {
        n = receiver;
        continue;
      }
    }
    return n;
  }
  return n;
}

function receiverOf(n: Node): Node | null {
  switch (n.type) {
    case 'selector_expression':
      return field(n, 'operand');
    case 'attribute':
    case 'member_expression':
      return field(n, 'object');
    default:
      return null;
  }
}

function memberName(n: Node, ctx: ValueContext): string | undefined {
  switch (n.type) {
    case 'selector_expression':
      return (field(n, 'field') && textOf(field(n, 'field')!, ctx)) || undefined;
    case 'attribute':
      return (field(n, 'attribute') && textOf(field(n, 'attribute')!, ctx)) || undefined;
    case 'member_expression':
      return (field(n, 'property') && textOf(field(n, 'property')!, ctx)) || undefined;
    default:
      return undefined;
  }
}

/** The name the value goes by: `user.password_hash` → password_hash, `h.Sum(nil)` → Sum, `m[k]` → m. */
export function valueName(n: Node, ctx: ValueContext): string {
  n = unwrap(n, ctx);
  switch (n.type) {
    case 'identifier':
    case 'field_identifier':
    case 'property_identifier':
    case 'private_property_identifier':
      return textOf(n, ctx);
    case 'selector_expression':
    case 'attribute':
    case 'member_expression':
      return memberName(n, ctx) ?? textOf(n, ctx);
    case 'call_expression':
    case 'call': {
      const fn = field(n, 'function');
      if (!fn) return '';
      const method = memberName(fn, ctx) ?? textOf(fn, ctx);
      // r.Header.Get("X-Api-Key"), request.headers.get("X-Signature"), req.get('X-Token'): the key names the value.
      const first = field(n, 'arguments')?.namedChildren.find((c) => c !== null && c.type !== 'comment');
      if (/^(Get|get|getHeader|header|Header|Values|FormValue|PostFormValue|param|query)$/.test(method) && first && /string/.test(first.type)) {
        return textOf(first, ctx).replace(/^[rRbBuU]*["'`]|["'`]$/g, '');
      }
      return method;
    }
    case 'index_expression':
      return valueName(field(n, 'operand') ?? n, ctx);
    case 'subscript': {
      // request.headers["X-Signature"]: the key names the value.
      const key = field(n, 'subscript');
      if (key && key.type === 'string') return textOf(key, ctx).replace(/^[rRbBuU]*["']|["']$/g, '');
      return valueName(field(n, 'value') ?? n, ctx);
    }
    case 'subscript_expression': {
      const key = field(n, 'index');
      if (key && key.type === 'string') return textOf(key, ctx).replace(/^["']|["']$/g, '');
      return valueName(field(n, 'object') ?? n, ctx);
    }
    default:
      return textOf(n, ctx);
  }
}

function isLiteral(n: Node): boolean {
  if (LITERAL_TYPES.has(n.type)) return true;
  // A template literal or f-string without substitutions is a constant string.
  if (n.type === 'template_string') return !n.namedChildren.some((c) => c?.type === 'template_substitution');
  if (n.type === 'unary_expression') return n.namedChildren.every((c) => c !== null && isLiteral(c));
  // Go: a fixed byte sequence, `protocolSignature{0x0A, 0x36, 0xCD}` (a protocol's magic bytes, round 63
  // cloudflared): a composite literal of number literals only.
  if (n.type === 'composite_literal') {
    const body = n.childForFieldName('body');
    const items = body?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
    return items.length > 0 && items.every((c) => (c.type === 'literal_element' ? c.namedChild(0) : c)?.type === 'int_literal');
  }
  // A fixed byte string: `Buffer.from([137, 80, 78, 71])`, `Buffer.from('%PDF')`, `new Uint8Array([…])`,
  // Python `bytes([0x89, 0x50])` (a file signature or magic number; round 49, wekan's PNG check).
  if ((n.type === 'call_expression' || n.type === 'new_expression' || n.type === 'call') && /^(Buffer\.from|new\s+Uint8Array|bytes|bytearray)\s*\(\s*(\[[\s\d,xXa-fA-F]*\]|'[^'\\]*'|"[^"\\]*")\s*\)$/.test(n.text)) return true;
  return false;
}

function fileFacts(ctx: ValueContext): FileFacts {
  if (ctx.fileFacts) return ctx.fileFacts;
  const facts: FileFacts = { constants: new Set(), enums: new Set() };
  ctx.fileFacts = facts;
  const root = ctx.root;
  if (!root) return facts;
  for (const top of root.namedChildren) {
    if (!top) continue;
    collectTopLevel(top, facts, ctx);
  }
  return facts;
}

function collectTopLevel(top: Node, facts: FileFacts, ctx: ValueContext): void {
  switch (top.type) {
    case 'const_declaration': // Go
      for (const spec of top.descendantsOfType('const_spec')) {
        if (!spec) continue;
        for (const name of spec.childrenForFieldName('name')) if (name) facts.constants.add(textOf(name, ctx));
      }
      return;
    case 'var_declaration': // Go: package vars initialised with literals
      for (const spec of top.descendantsOfType('var_spec')) {
        const value = spec?.childForFieldName('value');
        if (!spec || !value || !value.namedChildren.every((c) => c !== null && isLiteral(c))) continue;
        for (const name of spec.childrenForFieldName('name')) if (name) facts.constants.add(textOf(name, ctx));
      }
      return;
    case 'expression_statement': {
      // Python: NAME = "literal"
      const a = top.namedChild(0);
      if (a?.type === 'assignment') {
        const left = field(a, 'left');
        const right = field(a, 'right');
        if (left?.type === 'identifier' && right && isLiteral(right)) facts.constants.add(textOf(left, ctx));
      }
      return;
    }
    case 'class_definition': {
      const bases = field(top, 'superclasses');
      const name = field(top, 'name');
      if (bases && name && bases.namedChildren.some((b) => b !== null && ENUM_BASES.test(textOf(b, ctx)))) facts.enums.add(textOf(name, ctx));
      // Python: a method returning a MAC is a helper called as `self._get_digest(salt, url)` (round 65,
      // pulpcore's content guard comparing the presented digest with the one it computes).
      if (ctx.family === 'python') {
        for (const member of field(top, 'body')?.namedChildren ?? []) {
          const def = member?.type === 'decorated_definition' ? field(member, 'definition') : member;
          if (def?.type === 'function_definition') collectMacFunction(def, facts, ctx, 'self.');
        }
      }
      return;
    }
    case 'decorated_definition': {
      const def = field(top, 'definition');
      if (def) collectTopLevel(def, facts, ctx);
      return;
    }
    case 'function_definition':
      if (ctx.family === 'python') collectMacFunction(top, facts, ctx);
      return;
    case 'export_statement': {
      const decl = field(top, 'declaration');
      if (decl) collectTopLevel(decl, facts, ctx);
      return;
    }
    case 'enum_declaration': {
      const name = field(top, 'name');
      if (name) facts.enums.add(textOf(name, ctx));
      return;
    }
    case 'lexical_declaration': {
      if (!textOf(top, ctx).startsWith('const')) return;
      for (const d of top.namedChildren) {
        if (d?.type !== 'variable_declarator') continue;
        const name = field(d, 'name');
        const value = field(d, 'value');
        if (name?.type !== 'identifier' || !value) continue;
        if (isLiteral(value)) facts.constants.add(textOf(name, ctx));
        else if (value.type === 'call_expression' && /^Symbol(\.for)?$/.test(textOf(field(value, 'function') ?? value, ctx))) (facts.symbols ??= new Set()).add(textOf(name, ctx));
        // const Roles = { ADMIN: 'admin' } as const / Object.freeze({...}): members are constants.
        else if (/^(Object\.freeze\(\s*)?\{[^]*\}\s*(as\s+const)?\)?$/.test(textOf(value, ctx)) && /as const|Object\.freeze/.test(textOf(value, ctx))) facts.enums.add(textOf(name, ctx));
        // const FINDINGS = { SIGNATURE: 'signature', MISSING: 'missing' } (round 49, wekan): an
        // UPPER_CASE table of string or number literals is an enum too, frozen or not.
        else if (value.type === 'object' && ALL_CAPS.test(textOf(name, ctx)) && value.namedChildCount > 0 && value.namedChildren.every((p) => p?.type === 'comment' || (p?.type === 'pair' && ['string', 'number'].includes(field(p, 'value')?.type ?? '')))) facts.enums.add(textOf(name, ctx));
      }
      return;
    }
    default:
      return;
  }
}

/** The innermost function (unit) around a node, or null at top level. */
export function enclosingFunction(n: Node, ctx: ValueContext): Node | null {
  // An edit re-analyses a few statements: climbing from their few matches is cheaper than
  // indexing every function of the file. Many lookups, or a deep nest, use the index.
  if (!ctx.enclosing?.has('function') && (ctx.functionClimbs = (ctx.functionClimbs ?? 0) + 1) <= CLIMBS_BEFORE_INDEX) {
    let steps = 0;
    for (let p = n.parent; p && steps < MAX_CLIMB; p = p.parent, steps++) if (FUNCTION_TYPES.has(p.type)) return p;
    if (steps < MAX_CLIMB) return null;
  }
  const index = enclosingIndex('function', n, ctx);
  const i = index.innermost(n);
  return i < 0 ? null : index.at(i);
}

function functionFacts(fn: Node, ctx: ValueContext): FunctionFacts {
  ctx.functionFacts ??= new Map();
  const cached = ctx.functionFacts.get(fn.id);
  if (cached) return cached;
  const assigned = new Map<string, Node[]>();
  const bound = new Set<string>();
  const add = (name: Node | null, value: Node | null | undefined) => {
    if (!name || name.type !== 'identifier') return;
    const key = textOf(name, ctx);
    bound.add(key);
    if (value) assigned.set(key, [...(assigned.get(key) ?? []), value]);
  };
  const parameters = new Set<string>();
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (params) for (const id of params.descendantsOfType('identifier')) if (id) parameters.add(textOf(id, ctx));
  for (const p of parameters) bound.add(p);
  const body = fn.childForFieldName('body');
  if (body) {
    for (const d of body.descendantsOfType(['short_var_declaration', 'assignment_statement', 'var_spec', 'const_spec', 'assignment', 'variable_declarator', 'assignment_expression', 'for_in_statement', 'for_statement'])) {
      if (!d) continue;
      switch (d.type) {
        case 'for_in_statement': // for (const t of ['a', 'b'])
        case 'for_statement': { // Python: for t in ("a", "b")
          const left = field(d, 'left');
          const right = field(d, 'right');
          if (left && right && ['array', 'list', 'tuple'].includes(right.type) && right.namedChildren.every((c) => c !== null && isLiteral(c))) {
            const name = left.type === 'identifier' ? left : left.descendantsOfType('identifier')[0] ?? null;
            const lit = right.namedChildren.find((c) => c !== null) ?? null;
            add(name, lit);
          } else if (left) {
            for (const id of left.type === 'identifier' ? [left] : left.descendantsOfType('identifier')) if (id) bound.add(textOf(id, ctx));
          }
          break;
        }
        case 'short_var_declaration':
        case 'assignment_statement': {
          const left = field(d, 'left')?.namedChildren ?? [];
          const right = field(d, 'right')?.namedChildren ?? [];
          left.forEach((l, i) => add(l, left.length === right.length ? right[i] : right[0]));
          break;
        }
        case 'var_spec': {
          const values = field(d, 'value')?.namedChildren ?? [];
          d.childrenForFieldName('name').forEach((l, i) => add(l, values[i]));
          break;
        }
        // A Go constant is one whatever it is set from (`const validSignature = cachedir.CacheDirMarkerHeader`:
        // kopia's marker check, round 81): the spec itself stands for its value.
        case 'const_spec':
          d.childrenForFieldName('name').forEach((l) => add(l, d));
          break;
        case 'assignment':
        case 'assignment_expression':
          add(field(d, 'left'), field(d, 'right'));
          break;
        case 'variable_declarator':
          add(field(d, 'name'), field(d, 'value'));
          break;
      }
    }
  }
  const constants = new Set<string>();
  const macDerived = new Set<string>();
  for (const [name, values] of assigned) {
    if (values.every((v) => v.type === 'const_spec' || isLiteral(v))) constants.add(name);
    if (values.some((v) => MAC_CALL.test(textOf(v, ctx)) || KDF_CALL.test(textOf(v, ctx)) || callsMacFunction(v, ctx) || keyedDigest(v, ctx))) macDerived.add(name);
  }
  const values = new Map([...assigned].map(([name, vs]) => [name, vs.map((v) => textOf(v, ctx))]));
  const facts = { constants, macDerived, bound, values, assignedNodes: assigned, parameters };
  ctx.functionFacts.set(fn.id, facts);
  return facts;
}

/** A digest call by name: `hashlib.md5(`, `sha256(`, `vk_sig(`, `make_hash(`, `compute_digest(`. */
const DIGEST_CALL = /^(await\s+)?([\w.]*\.)?(md5|sha1|sha224|sha256|sha384|sha512|\w*_sig|sig|\w*_hash|hash_\w+|\w*_?digest)\s*\(/;
/** A secret among a digest's inputs (`secret`, `api_secret`, `self.secret`, `settings.SECRET_KEY`; not the `secrets` module). */
const DIGEST_SECRET_INPUT = /(^|[^A-Za-z])(secret|SECRET)(?!s\.)/;

/**
 * Python: the value digests text that holds a secret (`check_key = vk_sig(f"{key}_{uid}_{secret}")`,
 * `md5((params + api_secret).encode()).hexdigest()`): a secret-suffix signature of a provider's
 * callback, as keyed as an HMAC whatever the local is called.
 */
function keyedDigest(v: Node, ctx: ValueContext): boolean {
  if (ctx.family !== 'python' || v.type !== 'call') return false;
  const t = textOf(v, ctx);
  const m = DIGEST_CALL.exec(t);
  return m !== null && DIGEST_SECRET_INPUT.test(t.slice(m[0].length));
}

/**
 * Python: the value is a call of a top-level function of this file that returns a MAC
 * (`fingerprint = create_config_fingerprint(user)`, whose body ends `return salted_hmac(salt,
 * value).hexdigest()`): the local holds a keyed digest as much as if the call were inline.
 */
function callsMacFunction(v: Node, ctx: ValueContext): boolean {
  if (ctx.family !== 'python' || v.type !== 'call') return false;
  const callee = v.childForFieldName('function');
  // A module function (`fingerprint(user)`) or a method of the class (`self._get_digest(salt, url)`).
  if (callee?.type !== 'identifier' && !(callee?.type === 'attribute' && /^self\.\w+$/.test(textOf(callee, ctx)))) return false;
  return fileFacts(ctx).macFunctions?.has(textOf(callee, ctx)) ?? false;
}

/**
 * A top-level function that may return a MAC (its text names one): an edit inside it can change
 * the file's macFunctions, so incremental analysis must recompute the file facts (engine.ts).
 */
export function mayReturnMac(def: Node): boolean {
  return MAC_CALL.test(def.text) || (/md5|sha\d|digest|_hash|hash_|_sig/.test(def.text) && DIGEST_SECRET_INPUT.test(def.text));
}

/**
 * A return statement's value is a MAC: a MAC call, or a digest with a secret among its inputs
 * (`return sha256(force_bytes("%s:%s" % (settings.SECRET_KEY, value))).hexdigest()[:8]`: round 69,
 * Misago's token checksum, compared with `!=`).
 */
function returnsMac(r: Node, ctx: ValueContext): boolean {
  const t = textOf(r, ctx);
  if (MAC_CALL.test(t)) return true;
  const value = t.replace(/^return\s+/, '');
  const m = DIGEST_CALL.exec(value);
  return m !== null && DIGEST_SECRET_INPUT.test(value.slice(m[0].length));
}

/** Python: collects a top-level function whose every return statement is a MAC. */
function collectMacFunction(def: Node, facts: FileFacts, ctx: ValueContext, prefix = ''): void {
  const name = def.childForFieldName('name');
  const body = def.childForFieldName('body');
  if (!name || !body) return;
  const returns = body.namedChildren.filter((c): c is Node => c !== null && c.type === 'return_statement');
  if (returns.length > 0 && returns.every((r) => returnsMac(r, ctx))) (facts.macFunctions ??= new Set()).add(prefix + textOf(name, ctx));
}

/** The value is a constant (see the module comment). */
export function isConstant(raw: Node, ctx: ValueContext): boolean {
  const n = unwrap(raw, ctx);
  if (isLiteral(n)) return true;
  const file = fileFacts(ctx);
  if (n.type === 'identifier') {
    const name = textOf(n, ctx);
    const fn = enclosingFunction(n, ctx);
    // (A file's Symbol is an identity whatever it is called, unless a local of the same name shadows it.)
    if (file.symbols?.has(name) && !(fn && functionFacts(fn, ctx).bound.has(name))) return true;
    // API_KEY, SECRET_KEY: constant names that hold secrets are not constants here.
    if (ALL_CAPS.test(name)) return !SECRET_NAME.test(name) || SENTINEL_NAME.test(name) || CAPS_NOT_SECRET.test(name);
    const local = fn ? functionFacts(fn, ctx) : undefined;
    if (local?.constants.has(name)) return true;
    if (local?.bound.has(name)) return false;
    if (file.constants.has(name)) return true;
    return ctx.family === 'go' && (ctx.packageConstants?.has(name) ?? false);
  }
  if (placeholderCall(n, ctx)) return true;
  // Go: the name of an exported value of another package, `jwk.ForSignature.String()`,
  // `jwa.RS256.String()` (an enum's text; round 77, jwx's key-usage check).
  if (ctx.family === 'go' && raw.type === 'call_expression' && (raw.childForFieldName('arguments')?.namedChildren.length ?? 1) === 0) {
    const fn = raw.childForFieldName('function');
    const inner = fn?.type === 'selector_expression' && textOf(fn.childForFieldName('field') ?? fn, ctx) === 'String' ? fn.childForFieldName('operand') : null;
    // (Secret-sounding enum names count too: `ForSignature` is a key usage, and a Stringer's text is a
    // name; a secret is held in a string or bytes, not printed by a String method.)
    if (inner?.type === 'selector_expression' && /^[a-z][a-z0-9]*\.[A-Z][A-Za-z0-9]*$/.test(textOf(inner, ctx))) return true;
  }
  if (n.type === 'selector_expression' || n.type === 'attribute' || n.type === 'member_expression') {
    const last = memberName(n, ctx) ?? '';
    if (/(^|\.)(env|environ)\./.test(textOf(n, ctx))) return false;
    const owner = receiverOf(n);
    // (A member of the file's enum is a constant whatever it is called: `FINDINGS.SIGNATURE`.)
    if (owner && owner.type === 'identifier' && file.enums.has(textOf(owner, ctx))) return true;
    if (ALL_CAPS.test(last)) return !SECRET_NAME.test(last) || SENTINEL_NAME.test(last) || CAPS_NOT_SECRET.test(last);
    // `AccountCenterControlValue.Edit`, `Role.Admin`: a capitalised member of a PascalCase or
    // UPPER_CASE object is an enum member, also when the enum is imported (not in file.enums).
    // Go selectors on a package (`http.MethodGet`) are left to packageConstants.
    if (ctx.family !== 'go' && owner?.type === 'identifier' && /^[A-Z][A-Za-z0-9]*$/.test(last) && !SECRET_NAME.test(last)) {
      const ownerName = textOf(owner, ctx);
      if (/^[A-Z][A-Za-z0-9_]*$/.test(ownerName) && !SECRET_NAME.test(ownerName)) return true;
    }
    // Python: a lowercase member of an imported class named as an enum, `ParticipantRoleType.reporter`
    // (round 70, dispatch comparing the role picked in a Slack form): Python enums are often
    // spelled in lowercase, and the class name says what it is.
    if (ctx.family === 'python' && owner?.type === 'identifier' && /^[a-z_][a-z0-9_]*$/.test(last) && !SECRET_NAME.test(last) && ENUM_CLASS_NAME.test(textOf(owner, ctx))) return true;
  }
  return false;
}

/** A class named as an enumeration (`ParticipantRoleType`, `OrderStatus`, `UserRole`, `AuthMode`). */
const ENUM_CLASS_NAME = /^[A-Z][A-Za-z0-9]*(Type|Types|Enum|Kind|Kinds|Status|Statuses|Role|Roles|State|States|Mode|Modes|Level|Levels|Choices|Category|Categories)$/;

/** Names of functions that make the fixed stand-in shown for a hidden secret: `Mask()`, `redacted()`, `placeholderSecret()`. */
const PLACEHOLDER_FUNCTION = /^(get_?)?(mask|masked|redacted|censored|placeholder|dummy|sentinel)(_?(value|string|str|text|secret|password|token))?$/i;

/**
 * A call without arguments of a function named as a placeholder (`secret == logic.Mask()`, where the
 * UI sends the mask back for an unchanged secret: round 52, netmaker): the value is a fixed stand-in.
 */
function placeholderCall(n: Node, ctx: ValueContext): boolean {
  if (n.type !== 'call_expression' && n.type !== 'call') return false;
  const args = field(n, 'arguments');
  if (!args || args.namedChildCount > 0) return false;
  const callee = field(n, 'function');
  if (!callee) return false;
  const name = callee.type === 'identifier' ? textOf(callee, ctx) : (memberName(callee, ctx) ?? '');
  return PLACEHOLDER_FUNCTION.test(name);
}

/** The identifier a member or call chain starts from: `decoded` in `decoded.toString('hex')`. */
function chainRoot(n: Node): Node | null {
  let cur: Node | null = n;
  while (cur && cur.type !== 'identifier') {
    if (cur.type === 'call_expression' || cur.type === 'call') cur = field(cur, 'function');
    else cur = receiverOf(cur);
  }
  return cur;
}

/**
 * `decoded.toString('base64url') !== secret` where `decoded = Buffer.from(secret, 'base64url')`:
 * a value compared with its own re-encoding (a canonical-form check), not with a stored secret.
 */
function reEncodingOf(n: Node, source: string, ctx: ValueContext): boolean {
  if (n.type === 'identifier') return false;
  const root = chainRoot(n);
  if (!root || textOf(root, ctx) === source) return false;
  const fn = enclosingFunction(root, ctx);
  const values = fn ? functionFacts(fn, ctx).values.get(textOf(root, ctx)) : undefined;
  return values !== undefined && values.length > 0 && values.every((v) => v.includes(`(${source})`) || v.includes(`(${source},`));
}

/** `n` is a local name every assignment of which passes `source` to a call: `f(source)`. */
function derivedLocal(n: Node, source: string, ctx: ValueContext): boolean {
  if (n.type !== 'identifier') return false;
  const fn = enclosingFunction(n, ctx);
  const values = fn ? functionFacts(fn, ctx).values.get(textOf(n, ctx)) : undefined;
  return values !== undefined && values.length > 0 && values.every((v) => v.includes(`(${source})`));
}

function macDerived(raw: Node, ctx: ValueContext): boolean {
  const n = unwrap(raw, ctx);
  // Python: the MAC computed in place by a helper of the file, `digest == self._get_digest(salt, url)`.
  if (n.type === 'call') return callsMacFunction(n, ctx);
  if (n.type !== 'identifier') return false;
  const fn = enclosingFunction(n, ctx);
  return fn ? functionFacts(fn, ctx).macDerived.has(textOf(n, ctx)) : false;
}

/** A MAC computed in place by a helper of the file (`_make_checksum(value)`), whatever the helper is called. */
function macCallInPlace(n: Node, ctx: ValueContext): boolean {
  return unwrap(n, ctx).type === 'call' && macDerived(n, ctx);
}

function secretBearing(n: Node, ctx: ValueContext): boolean {
  const name = valueName(n, ctx);
  if (NOT_SECRET_NAME.test(name)) return macCallInPlace(n, ctx);
  return SECRET_NAME.test(name) || macDerived(n, ctx) || goSigningCall(n, ctx) || passwordDigestLocal(n, name, ctx) || secretDigest(n, ctx);
}

/** A call named for hashing (`hashInternal(`, `computeDigest(`, `hash_password(`, `sha256(`). */
const DIGEST_CALLEE = /(^|[._])([Hh]ash|HASH|[Dd]igest|DIGEST|sha(1|256|384|512)|md5)[A-Za-z0-9_]*$|[a-z0-9](Hash|Digest)[A-Za-z0-9]*$/;

/**
 * The digest of a secret computed in place or held in a local: a call named for hashing given a
 * secret-named argument, `hashInternal(secret, randomSeed, seed)`, `computeDigest(password)` (round
 * 109, jitsu's checkHash: the stored hash of an API key or token against the one computed from the
 * presented secret, `hash === hashInternal(secret, …)`, unmarked because neither name said secret).
 */
function secretDigest(raw: Node, ctx: ValueContext): boolean {
  const digestOfSecret = (v: Node): boolean => {
    const c = unwrap(v, ctx);
    if (c.type !== 'call_expression' && c.type !== 'call') return false;
    const fn = field(c, 'function');
    if (!fn || !DIGEST_CALLEE.test(textOf(fn, ctx))) return false;
    return (field(c, 'arguments')?.namedChildren ?? []).some((arg) => {
      if (!arg || !['identifier', 'member_expression', 'attribute', 'selector_expression'].includes(arg.type)) return false;
      const argName = valueName(arg, ctx);
      return SECRET_NAME.test(argName) && !NOT_SECRET_NAME.test(argName);
    });
  };
  const n = unwrap(raw, ctx);
  if (digestOfSecret(n)) return true;
  return n.type === 'identifier' && everyLocalValue(n, ctx, (v) => digestOfSecret(v));
}

/**
 * Python, TS/JS: a local named as a digest every value of which is a call given the password
 * (`digest = self._cache_digest(login, password, salt)`): a password hash under a neutral name.
 */
function passwordDigestLocal(n: Node, name: string, ctx: ValueContext): boolean {
  // TS/JS too (round 35): `const derivedHash = await getDerivedHash(password, salt); return hash === derivedHash`.
  const named = ctx.family === 'python' ? /^(\w*_)?(digest|hash|hashed)$/ : ctx.family === 'ecma' ? /^([a-z]\w*)?([Dd]igest|[Hh]ash|[Hh]ashed)$/ : null;
  if (!named || n.type !== 'identifier' || !named.test(name)) return false;
  const fn = enclosingFunction(n, ctx);
  const values = fn ? functionFacts(fn, ctx).values.get(name) : undefined;
  // (`digest = ""` resets aside.)
  const digestOfPassword = (v: string) =>
    ctx.family === 'ecma' ? /^(await\s+)?[\w.]+\(([^()]*,)?\s*(password|passwd|pwd)\s*[,)]/s.test(v) : /^[\w.]+\(.*[(,]\s*(password|passwd|pwd)\s*[,)]/s.test(v);
  return values !== undefined && values.some(digestOfPassword) && values.every((v) => digestOfPassword(v) || /^([rbuRBU]?(""|'')|None)$/.test(v));
}

/** Go: a signing call's result, `auth.Sign(body, expires)`, `s.computeSign(req)` (with arguments; big.Int's `x.Sign()` has none). */
function goSigningCall(raw: Node, ctx: ValueContext): boolean {
  if (ctx.family !== 'go') return false;
  const n = unwrap(raw, ctx);
  if (n.type !== 'call_expression' || !(field(n, 'arguments')?.namedChildCount ?? 0)) return false;
  const fn = field(n, 'function');
  const name = fn?.type === 'selector_expression' ? field(fn, 'field') : fn;
  return name != null && /^([Ss]ign|[a-z]\w*Sign)$/.test(textOf(name, ctx));
}

/** The two operands of a comparison node or an equality call; undefined for other shapes. */
export function comparisonOperands(n: Node): [Node, Node] | undefined {
  switch (n.type) {
    case 'binary_expression': {
      const l = field(n, 'left');
      const r = field(n, 'right');
      return l && r ? [l, r] : undefined;
    }
    case 'comparison_operator': {
      const parts = n.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
      return parts.length === 2 ? [parts[0]!, parts[1]!] : undefined;
    }
    case 'call_expression':
    case 'call': {
      const args = (field(n, 'arguments')?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment');
      if (args.length >= 2) return [args[0]!, args[1]!];
      const fn = field(n, 'function');
      const recv = fn ? receiverOf(fn) : null;
      return recv && args.length === 1 ? [recv, args[0]!] : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Whether `a` and `b` are compared as secrets: neither is a constant, at least one bears a
 * secret, and they are not a change-detection, confirmation or default pair.
 */
export function isSecretComparison(a: Node, b: Node, ctx: ValueContext): boolean {
  if (isConstant(a, ctx) || isConstant(b, ctx)) return false;
  if (ctx.family === 'python' && pythonNotSecretPair(a, b, ctx)) return false;
  // `recipients.find((r) => r.token === token)` after a query already matched `token`: picking
  // the row out of a result, not verifying the value (see lookupKeyMatch).
  if (lookupKeyMatch(a, b, ctx) || lookupKeyMatch(b, a, ctx)) return false;
  // Double-submit CSRF (`csrfToken !== csrfCookieToken`), URL token against a cookie: both sides
  // come from the client, so there is no server-held value for the timing to leak.
  if (clientHeld(a, ctx, 0) && clientHeld(b, ctx, 0)) return false;
  // ... and in Go, a request's cookie against its header read through locals (`cookieToken :=
  // string(r.RequestCtx.Request.Header.Cookie("csrf_token"))`, `hdrToken := …Header.Peek("X-CSRFTOKEN")`;
  // round 76, libredesk).
  if (ctx.family === 'go' && fromRequest(a, ctx) && fromRequest(b, ctx)) return false;
  // A value the server already authenticated (a signed cookie, a verified JWT's payload) compared
  // with another such or stored value: session bookkeeping. Against a MAC the code computes it is
  // still MAC verification code (the finding, below, is not raised: the client cannot vary it).
  if ((signedHeld(a, ctx, 0) && !macDerived(b, ctx)) || (signedHeld(b, ctx, 0) && !macDerived(a, ctx))) return false;
  // `sessions.filter((s) => s.token !== current.token)`: dropping one element from a list is
  // bookkeeping, not a verification; `payload.sid !== data.session.token` where `data` was
  // parsed from `payload`: two fields of one value checked for consistency.
  if (exclusionFilter(a, ctx) || sameSource(a, b, ctx) || sameSource(b, a, ctx)) return false;
  // `const canSkip = existing && existing.secret === variable.value && …`: a write path skipping
  // a no-op update (old value against new), not an access decision.
  if (changeDetectionFlag(a, ctx)) return false;
  const ta = textOf(a, ctx);
  const tb = textOf(b, ctx);
  // `if (this.main.apiKey != process.env.API_KEY) this.main.apiKey = process.env.API_KEY;`: the
  // branch makes the two equal (config sync), and `user.settings.accessToken !== settings.options.accessToken`
  // compares two values the server holds in its settings: neither is presented by a client.
  if (ctx.family === 'ecma' && (syncedByBranch(a, ta, tb, ctx) || (SETTINGS_HELD.test(ta) && SETTINGS_HELD.test(tb)))) return false;
  // A stored value against one the request presents is a check, not change detection: dex's
  // refresh rotation `old.Token != requestToken.Token` (the stored token before the update).
  // (Unless a mismatch is refused as an authentication failure: `elif cached_token != token: raise
  // AuthenticationFailed(…)`, a cached copy of the stored token checked against the presented one, round 53.)
  if (((CHANGE_SIDE.test(ta) && !PRESENTED_SIDE.test(tb)) || (CHANGE_SIDE.test(tb) && !PRESENTED_SIDE.test(ta))) && !deniesOnMismatch(a, ctx)) return false;
  if (CONFIRM_SIDE.test(ta) || CONFIRM_SIDE.test(tb)) return false;
  // A retyped copy held in a variable, `verifyPassword != options.password` in a CLI prompt (round 99,
  // ziti); as an operand only: a function named verifyPassword is a password check.
  if (RETYPED_COPY.test(ta) || RETYPED_COPY.test(tb)) return false;
  if (DEFAULT_SIDE.test(ta) || DEFAULT_SIDE.test(tb)) return false;
  if (SENTINEL_SIDE.test(ta) || SENTINEL_SIDE.test(tb)) return false;
  // ECMAScript: the same field of two records held on the server (`headerObj.secret !==
  // existingHeader.secret`: an "is secret" flag of an edited header against the stored one), as Go's
  // same-field rule: neither side is presented by a request, so it is an edit's change check.
  if (ctx.family === 'ecma' && sameFieldOfRecords(ta, tb)) return false;
  // Two entries of one list compared field by field (`sigs[runEnd].sig === sigs[runStart].sig`: a
  // run of repeated tool calls, round 58 anything-llm): neither is presented against the other.
  if (sameListEntries(ta, tb)) return false;
  // Two fields of one configuration object (`config.ZoneToken == config.AuthToken`: which client to
  // build, round 63 lego): a consistency check of the operator's settings, nothing presented.
  if (sameConfigObject(ta, tb)) return false;
  // A password policy check on two values the user typed: the new password against the current
  // one (`data.currentPassword === data.newPassword`), or against the user name or e-mail address
  // (`password === $('#username').val()`). Neither side is a value the server holds.
  if ((NEW_SIDE.test(ta) && CURRENT_SIDE.test(tb)) || (NEW_SIDE.test(tb) && CURRENT_SIDE.test(ta))) return false;
  if ((PASSWORD_NAME.test(ta) && IDENTITY_NAME.test(tb)) || (PASSWORD_NAME.test(tb) && IDENTITY_NAME.test(ta))) return false;
  // password vs url.QueryEscape(password): one side is derived from the other, in place or
  // through a local (`value := url.QueryEscape(password); password != value`).
  if (ta !== tb && (tb.includes(`(${ta})`) || ta.includes(`(${tb})`))) return false;
  if (ta !== tb && (derivedLocal(b, ta, ctx) || derivedLocal(a, tb, ctx))) return false;
  if (ta !== tb && ((a.type === 'identifier' && reEncodingOf(b, ta, ctx)) || (b.type === 'identifier' && reEncodingOf(a, tb, ctx)))) return false;
  // A page's token (`resp.Pagination.Token == req.Pagination.Token`, round 46 spire): a cursor.
  if (PAGING_FIELD.test(ta) || PAGING_FIELD.test(tb)) return false;
  if (mustDifferCheck(a, ctx) && !fromRequest(a, ctx) && !fromRequest(b, ctx)) return false;
  // Go: a field the file declares `bool` (`a.Signatures[t] == s.expected` with `expected bool` in
  // the struct, round 46 harbor): a flag, whatever the other side is called.
  if (ctx.family === 'go' && (goBoolField(a, ctx) || goBoolField(b, ctx))) return false;
  // Go: a number (an int32 origin id named `signature`, a uint16 Kafka `apiKey`; round 90 seaweedfs).
  if (ctx.family === 'go' && (goNumericValue(unwrap(a, ctx), ctx) || goNumericValue(unwrap(b, ctx), ctx))) return false;
  if (ctx.family === 'python' && (pyNumericValue(a, ctx) || pyNumericValue(b, ctx))) return false;
  // A hardware address named `mac`, read from a device's identity (`mac := strings.ToLower(req.Identity.MAC)`
  // against an install key's allow-list; round 94, shellhub): a network card's address, not a MAC tag.
  if (hardwareAddress(a, ctx) || hardwareAddress(b, ctx)) return false;
  // Go: a setting stored only when it changed (`if apiKey != user.WakatimeApiKey {
  // repo.UpdateField(user, "wakatime_api_key", apiKey) }`, round 74 wakapi; syncthing's SetPassword).
  if (ctx.family === 'go' && goStoredOnChange(a, b, ctx)) return false;
  // Go: a JSON decoder's token (`token == json.Delim('}')`, `to != token` with `token json.Token`,
  // `to, err := t.dec.Token()`; round 73, restic's tree decoder): a token of the grammar.
  if (ctx.family === 'go' && (goJsonToken(a, ctx) || goJsonToken(b, ctx))) return false;
  // Go: a type's own equality method (`func (s *sessionState) equal(i interface{}) bool`, round 49
  // cfssl): two values of the type compared field by field, a copy check, never a verification.
  if (ctx.family === 'go' && goEqualityMethod(a)) return false;
  const na = valueName(a, ctx);
  const nb = valueName(b, ctx);
  // password1 vs password2, password vs password2
  const base = (s: string) => s.replace(/[12]$/, '');
  if (na !== nb && base(na) === base(nb) && /[12]$/.test(na + nb)) return false;
  if (/[12]$/.test(na) && /[12]$/.test(nb)) return false;
  // A nonce is public (an OIDC nonce, a CSP nonce) unless the other side names it a CSRF token:
  // `session["nonce"] != request.headers.get("CSRF-Token")` checks the session's anti-forgery secret.
  const csrfNonce = (own: string, other: string) => /^nonce$|_nonce$|Nonce$/.test(own) && CSRF_NAME.test(other);
  // An Authorization header's value carries the credential (`authHeader !== \`Bearer ${secret}\``).
  const notSecret = (own: string, other: string) => NOT_SECRET_NAME.test(own) && !csrfNonce(own, other) && !AUTH_HEADER_VALUE.test(own);
  // Against a MAC the function computes in place (`checksum != _make_checksum(value)`, the helper
  // hashing with SECRET_KEY: round 69, Misago), a neutral name on the presented side says nothing.
  if (!macCallInPlace(a, ctx) && !macCallInPlace(b, ctx) && (notSecret(na, nb) || notSecret(nb, na))) return false;
  if (ON_CHAIN_NAME.test(na) || ON_CHAIN_NAME.test(nb)) return false;
  if (ctx.family === 'python' && (urlUserinfoPair(a, b, ctx) || hashedPresentedValue(a, b, ctx) || hashedPresentedValue(b, a, ctx))) return false;
  if (!secretBearing(a, ctx) && !secretBearing(b, ctx)) return false;
  // `new_user = repo.update_password(id, password_hash); new_user.password != password_hash`: the
  // value the server just wrote, compared with what the store handed back (a write check).
  if (readBackOf(b, a, ctx) || readBackOf(a, b, ctx)) return false;
  return !inStandInOrConfirmation(a, ctx);
}

const MAC_NAME = /^(mac|MAC)$|[a-z_](MAC|Mac)$|^mac_?[Aa]ddr/;
const HARDWARE_SOURCE = /\b(Identity|Device|Hardware|Iface|Interface|NIC|Nic|Host|Agent)\w*\.(MAC|Mac|HardwareAddr)\b|\bnet\.ParseMAC\(|\.HardwareAddr\b|getmac|uuid\.getnode\(/;

/** A value named `mac` in a function that reads a device's hardware address (see isSecretComparison). */
function hardwareAddress(n: Node, ctx: ValueContext): boolean {
  if (!MAC_NAME.test(valueName(n, ctx))) return false;
  const fn = enclosingFunction(n, ctx);
  return fn !== null && HARDWARE_SOURCE.test(textOf(fn, ctx));
}

/** Object names that say a value came in with the request (body, input, params, a DTO). */
const PRESENTED_OBJECT = /(^|[^a-z])(req|request|body|input|params|query|form|payload|args|dto|data|provided|presented|supplied|submitted|incoming|credentials?)([^a-z]|$)|(Req|Request|Body|Input|Params|Query|Form|Payload|Args|Dto|DTO|Data|Provided|Presented|Supplied|Submitted|Incoming|Credentials?)([^a-z]|$)/;
/** Object names that say a record is the stored one an edit is checked against. */
const STORED_OBJECT = /(^|[^a-z])(existing|stored|saved|current|old|prev|previous|original)([^a-z]|$)|(Existing|Stored|Saved|Current|Old|Prev|Previous|Original)([^a-z]|$)/;

/** An object holding the operator's settings, as the last part of a member's owner. */
const CONFIG_OWNER = /(^|\.)(config|cfg|conf|configuration|opts|options|settings|Config|Cfg|Options|Settings)$/;

/** `config.A` against `config.B`: two fields of one configuration object. */
function sameConfigObject(ta: string, tb: string): boolean {
  const owner = (t: string) => (/^[\w$.]+$/.test(t) && t.includes('.') ? t.slice(0, t.lastIndexOf('.')) : undefined);
  const oa = owner(ta);
  return oa !== undefined && oa === owner(tb) && ta !== tb && CONFIG_OWNER.test(oa);
}

/** `list[i].field` (or `list[i]?.field`): the list's text and the field's. */
const LIST_ENTRY_FIELD = /^([\w$.]+)\[[^\][]+\]\??\.([\w$]+)$/;

/** `xs[i].f` against `xs[j].f`: the same field of two entries of one list. */
function sameListEntries(ta: string, tb: string): boolean {
  const ma = LIST_ENTRY_FIELD.exec(ta);
  const mb = LIST_ENTRY_FIELD.exec(tb);
  return ma !== null && mb !== null && ta !== tb && ma[1] === mb[1] && ma[2] === mb[2];
}

/** `object.field` (or `object?.field`): the object's name and the field's. */
const OBJECT_FIELD = /^([A-Za-z_$][\w$]*)\??\.([A-Za-z_$][\w$]*)$/;

/**
 * `a.f` against `b.f` (two different plain objects, one property each), one of them named the stored
 * record (`existingHeader`, `storedClient`), neither presented by a request.
 */
function sameFieldOfRecords(ta: string, tb: string): boolean {
  const ma = OBJECT_FIELD.exec(ta);
  const mb = OBJECT_FIELD.exec(tb);
  if (!ma || !mb || ma[2] !== mb[2] || ma[1] === mb[1]) return false;
  return (STORED_OBJECT.test(ma[1]!) || STORED_OBJECT.test(mb[1]!)) && !PRESENTED_OBJECT.test(ma[1]!) && !PRESENTED_OBJECT.test(mb[1]!);
}

/** A local holding an Authorization header's value (`authHeader`, `authorization_header`). */
const AUTH_HEADER_VALUE = /^(auth|authorization|bearer)_?[Hh]eader$/i;

/** A URL parse in Python: `urlparse(origin)`, `urllib.parse.urlsplit(u)`. */
const URL_PARSE = /(^|[\w.])url(parse|split)\(/;

/**
 * Python: `parsed_origin.password != parsed_allowed_origin.password`, the same userinfo field of two
 * parsed URLs (an origin against an allow-list entry): URL matching, not a secret check.
 */
function urlUserinfoPair(a: Node, b: Node, ctx: ValueContext): boolean {
  if (a.type !== 'attribute' || b.type !== 'attribute') return false;
  const field = (n: Node) => n.childForFieldName('attribute');
  const fa = field(a);
  const fb = field(b);
  if (!fa || !fb || textOf(fa, ctx) !== textOf(fb, ctx) || !/^(password|username)$/.test(textOf(fa, ctx))) return false;
  const parsed = (n: Node) => {
    const owner = n.childForFieldName('object');
    if (owner?.type === 'call') return URL_PARSE.test(textOf(owner, ctx));
    if (owner?.type !== 'identifier') return false;
    const fn = enclosingFunction(owner, ctx);
    const values = fn ? functionFacts(fn, ctx).values.get(textOf(owner, ctx)) : undefined;
    return values !== undefined && values.length > 0 && values.every((v) => URL_PARSE.test(v));
  };
  return parsed(a) && parsed(b);
}

/** An unkeyed hash of a value (`adapter.hash_token(refresh_token)`, `hashlib.sha256(t).hexdigest()`). */
const UNKEYED_HASH_CALL = /^[\w.]*(\bhash_\w+|_hash|\bsha(1|224|256|384|512)|\bmd5|\bblake2[bs])\(/;

/**
 * Python: `presented` is a local every value of which is an unkeyed hash of something
 * (`refresh_token_hash = adapter.hash_token(refresh_token)`), compared with a stored hash
 * (`rt.hash`, `row.token_hash`): the caller cannot steer the digest's bytes, so an early exit
 * leaks nothing it can use (and the row was found by that hash). Not a MAC or a signature.
 */
function hashedPresentedValue(presented: Node, stored: Node, ctx: ValueContext): boolean {
  if (presented.type !== 'identifier') return false;
  const storedName = valueName(stored, ctx);
  // (A password hash is another matter: `user.password_hash != hash_password(pw)` stays a check.)
  if (!/(^|_)(hash|digest)$/i.test(storedName) || /sig|mac|pass|pwd/i.test(storedName)) return false;
  const fn = enclosingFunction(presented, ctx);
  const values = fn ? functionFacts(fn, ctx).values.get(textOf(presented, ctx)) : undefined;
  return values !== undefined && values.length > 0 && values.every((v) => UNKEYED_HASH_CALL.test(v) && !MAC_CALL.test(v) && !/pass|pwd/i.test(v));
}

/** Array methods that pick elements out of a collection by a predicate callback. */
const PICK_METHOD = /^(find|findIndex|findLast|findLastIndex|filter|some|every)$/;
/** Iteration callbacks and loops whose parameter is an element of another collection. */
const ITERATE_METHOD = /^(forEach|map|flatMap|filter|reduce|some|every|find)$/;

/** The callee's method name when `fn` is passed directly as an argument of a method call. */
function callbackMethod(fn: Node, ctx: ValueContext): string | undefined {
  const args = fn.parent;
  const call = args?.type === 'arguments' ? args.parent : null;
  const callee = call?.type === 'call_expression' ? field(call, 'function') : null;
  return callee ? memberName(callee, ctx) : undefined;
}

function patternBinds(pattern: Node, name: string, ctx: ValueContext): boolean {
  if (pattern.type === 'identifier') return textOf(pattern, ctx) === name;
  // `{ token: t }` binds `t` (its key is a property_identifier); `{ token }` binds `token`.
  return pattern.descendantsOfType(['shorthand_property_identifier_pattern', 'identifier']).some((d) => d !== null && textOf(d, ctx) === name);
}

/**
 * `elementMember` (`r.token`) is a member of the parameter of a `find`/`filter`/`some` callback
 * whose whole body is the comparison, and `key` (`token`) is a name from outside the callback that
 * is either a query key earlier in the function (`where: { recipients: { some: { token } } }`,
 * `{ token: token }` in a call's arguments) or an element of another collection being iterated
 * (`items.forEach(({ token }) => rows.find((r) => r.token === token))`): a join by key.
 */
function lookupKeyMatch(elementMember: Node, key: Node, ctx: ValueContext): boolean {
  if (ctx.family !== 'ecma') return false;
  const m = unwrap(elementMember, ctx);
  const k = unwrap(key, ctx);
  if (m.type !== 'member_expression' || k.type !== 'identifier') return false;
  const cmp = m.parent;
  let cb: Node | null = cmp?.parent ?? null;
  if (cb?.type === 'return_statement') cb = cb.parent?.type === 'statement_block' && cb.parent.namedChildren.length === 1 ? cb.parent.parent : null;
  if (!cb || (cb.type !== 'arrow_function' && cb.type !== 'function_expression')) return false;
  const method = callbackMethod(cb, ctx);
  if (!method || !PICK_METHOD.test(method)) return false;
  const params = cb.childForFieldName('parameters') ?? cb.childForFieldName('parameter');
  const root = chainRoot(m);
  const name = textOf(k, ctx);
  if (!params || !root || root.type !== 'identifier' || !patternBinds(params, textOf(root, ctx), ctx) || patternBinds(params, name, ctx)) return false;
  for (let outer = enclosingFunction(cb, ctx), depth = 0; outer && depth < 4; outer = enclosingFunction(outer, ctx), depth++) {
    const outerParams = outer.childForFieldName('parameters') ?? outer.childForFieldName('parameter');
    if (outerParams && patternBinds(outerParams, name, ctx)) {
      const how = callbackMethod(outer, ctx);
      if (how && ITERATE_METHOD.test(how)) return true;
    }
    const body = outer.childForFieldName('body');
    if (!body) continue;
    for (const d of body.descendantsOfType(['shorthand_property_identifier', 'pair'])) {
      if (!d || d.startIndex >= cb.startIndex) continue;
      const value = d.type === 'pair' ? field(d, 'value') : d;
      if (!value || textOf(value, ctx) !== name || (d.type === 'pair' && value.type !== 'identifier')) continue;
      // The key object sits in a call's arguments (a query), not in a value being returned.
      for (let p = d.parent; p && p.id !== body.id; p = p.parent) if (p.type === 'arguments') return true;
    }
    if (outerParams && patternBinds(outerParams, name, ctx)) return false;
  }
  return false;
}

/** Reads of client-supplied input: the request body/query/params/headers/cookies, cookie helpers. */
const CLIENT_SOURCE =
  /^(await\s+)?(\(\s*)*(((req|request|c|ctx|context)\.)?(req\.)?(valid|json|body|query|params|param|header|headers|cookies)\b|(\w+\.)*(get|read|parse)\w*(Cookie|FromRequest)\w*\(|(\w+\.)*getSignedCookie\()/;

/**
 * The value is read from the client: a request field, a cookie, a route param, or a local bound
 * (directly or by destructuring) to one (`const { csrfToken } = c.req.valid('json')`,
 * `const csrfCookieToken = await getCsrfCookie(c)`, `const { token } = params`).
 */
function clientHeld(raw: Node, ctx: ValueContext, depth: number): boolean {
  return heldFrom(raw, ctx, depth, (t) => CLIENT_SOURCE.test(t) && !/\bsession\b/i.test(t));
}

/** The value, or a local bound (directly or by destructuring, up to two hops) to it, reads a source `isSource` accepts. */
function heldFrom(raw: Node, ctx: ValueContext, depth: number, isSource: (text: string) => boolean): boolean {
  if (ctx.family !== 'ecma' || depth > 2) return false;
  const n = unwrap(raw, ctx);
  if (isSource(textOf(n, ctx))) return true;
  const root = n.type === 'identifier' ? n : chainRoot(n);
  if (!root || root.type !== 'identifier') return false;
  const name = textOf(root, ctx);
  const fn = enclosingFunction(root, ctx);
  const body = fn?.childForFieldName('body');
  if (!body) return false;
  const values: Node[] = [];
  for (const d of body.descendantsOfType('variable_declarator')) {
    const left = d ? field(d, 'name') : null;
    const value = d ? field(d, 'value') : null;
    if (left && value && patternBinds(left, name, ctx)) values.push(value);
  }
  return values.length > 0 && values.every((v) => heldFrom(v, ctx, depth + 1, isSource));
}

/** Reads of a value the server authenticated: a signed cookie, a verified JWT or its payload. */
const SIGNED_SOURCE = /^(await\s+)?(\(\s*)*((\w+\.)*getSignedCookie\(|(\w+\.)*(jwtVerify|verifyJWT|verifyJwt)\()/;

/** The value (or the local bound to it, up to two hops) was read from a signed cookie or a verified JWT. */
function signedHeld(raw: Node, ctx: ValueContext, depth: number): boolean {
  return heldFrom(raw, ctx, depth, (t) => SIGNED_SOURCE.test(t));
}

/** `a` is an operand of a `!==` / `!=` that is the whole body of a `.filter(...)` callback (or its `&&` part). */
function exclusionFilter(a: Node, ctx: ValueContext): boolean {
  if (ctx.family !== 'ecma') return false;
  const cmp = parentOf(a, ctx);
  if (cmp?.type !== 'binary_expression' || !/^!==?$/.test(cmp.childForFieldName('operator')?.type ?? '')) return false;
  let cur: Node = cmp;
  let up = parentOf(cur, ctx);
  while (up && (up.type === 'parenthesized_expression' || (up.type === 'binary_expression' && up.childForFieldName('operator')?.type === '&&'))) {
    cur = up;
    up = parentOf(cur, ctx);
  }
  if (up?.type === 'return_statement') {
    const block = parentOf(up, ctx);
    up = block?.type === 'statement_block' ? parentOf(block, ctx) : null;
  }
  return (up?.type === 'arrow_function' || up?.type === 'function_expression') && callbackMethod(up, ctx) === 'filter';
}

/**
 * Read from the server's settings or configuration object (`settings.options.accessToken`,
 * `user.settings.pushbulletAccessToken`, `config.apiKey`, `process.env.API_KEY`), not from a request.
 */
const SETTINGS_HELD = /^(?!.*\b(req|request|ctx|headers|body|query|params|cookies|session)\b)(.*\.)?(settings|config|configuration|options|opts|cfg|conf|env)\.[\w$.]+$/;

/**
 * The comparison is an `if`'s whole condition and the branch's first statement assigns one operand
 * from the other (`if (a !== b) { a = b; }`): bringing a copy up to date, not a verification.
 */
function syncedByBranch(a: Node, ta: string, tb: string, ctx: ValueContext): boolean {
  const around = comparisonParent(a, /^!==?$/, ctx);
  if (!around) return false;
  const { cmp, up } = around;
  if (!isConditionOf(cmp, up, false)) return cacheRebuiltByBranch(cmp, ta, tb, ctx);
  let body = field(up, 'consequence');
  if (body?.type === 'statement_block') body = body.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
  return assignsOneFromOther(body, ta, tb, ctx);
}

/** A refusal of access: an authentication or permission error, a 401 or 403. */
const ACCESS_REFUSAL = /\b(\w*Authentication\w*(Failed|Error)|AuthenticationFailed|NotAuthenticated|Unauthori[sz]ed\w*|Unauthenticated\w*|Forbidden\w*|PermissionDenied|AccessDenied|InvalidToken\w*|HTTP_401\w*|HTTP_403\w*|StatusUnauthorized|StatusForbidden)\b|\b40[13]\b/;

/**
 * `a` is an operand of an inequality (`!=`, `!==`) that is an `if` (or `elif`) condition whose branch
 * refuses access: it raises, throws or returns an authentication or permission failure.
 */
function deniesOnMismatch(a: Node, ctx: ValueContext): boolean {
  const around = comparisonParent(a, /^(!=|!==)$/, ctx);
  if (!around || !isConditionOf(around.cmp, around.up, true)) return false;
  const body = field(around.up, 'consequence');
  const first = body && /^(block|statement_block)$/.test(body.type) ? body.namedChildren.find((c) => c !== null && c.type !== 'comment') : body;
  return !!first && /^(raise_statement|throw_statement|return_statement)$/.test(first.type) && ACCESS_REFUSAL.test(textOf(first, ctx));
}

/** What a "these must differ" check says when two values are the same. */
const MUST_DIFFER_MESSAGE = /\b(different|differ|distinct|same|identical|reuse[sd]?|re-used|must not|should not|cannot be|can't be|fallen back|falls back)\b/i;
/** A statement that only reports: a throw or raise, a log or warning call, a panic. */
const REPORT_CALLEE = /^(log|logger|logging|console|warnings|slog|klog|glog)\b|\.(Warn|Warning|Warnf|Error|Errorf|Fatal|Fatalf|Panic|Panicf|Msg|Msgf|Print|Printf|Println|warn|warning|error|critical|exception)$|^(panic|print)$/;

/**
 * Two secrets the server holds that must not be the same, checked where they are configured:
 * `if (masterKey === readOnlyMasterKey) throw new Error('masterKey and readOnlyMasterKey should be
 * different')` (parse-server), Go `if cfg.EncryptionKey == cfg.JWTSecret { log.Warn().Msg("… has fallen
 * back to --jwt-secret …") }` (authorizer, round 53). `a` is one operand of an equality (not `!=`) that is
 * an `if` condition whose branch only throws, raises, logs or panics with a message saying the values
 * must differ: a verification accepts on a match; this rejects on one, and no caller presents either side.
 */
function mustDifferCheck(a: Node, ctx: ValueContext): boolean {
  const around = comparisonParent(a, /^(==|===)$/, ctx);
  if (!around || !isConditionOf(around.cmp, around.up, false)) return false;
  const body = field(around.up, 'consequence');
  if (!body) return false;
  const statements: Node[] = [];
  const collect = (n: Node) => {
    for (const c of n.namedChildren) {
      if (!c || c.type === 'comment') continue;
      if (c.type === 'statement_list' || c.type === 'block' || c.type === 'statement_block') collect(c);
      else statements.push(c);
    }
  };
  if (/^(block|statement_block|statement_list)$/.test(body.type)) collect(body);
  else statements.push(body);
  const reports = (st: Node) => {
    if (st.type === 'throw_statement' || st.type === 'raise_statement') return true;
    const call = st.type === 'expression_statement' ? st.namedChildren[0] : st.type === 'call_expression' ? st : null;
    const callee = call && (call.type === 'call_expression' || call.type === 'call') ? field(call, 'function') : null;
    return callee !== null && REPORT_CALLEE.test(textOf(callee, ctx).replace(/\(\)/g, '').replace(/\s+/g, ''));
  };
  return statements.length > 0 && statements.every(reports) && MUST_DIFFER_MESSAGE.test(textOf(body, ctx));
}

/**
 * The comparison holding operand `a`, when its operator matches `operators` (a binary expression, or
 * a Python comparison), with parentheses around it stepped over, and the node above it.
 */
function comparisonParent(a: Node, operators: RegExp, ctx: ValueContext): { cmp: Node; up: Node | null } | undefined {
  let cmp = parentOf(a, ctx);
  if (!cmp) return undefined;
  const matches =
    cmp.type === 'binary_expression' ? operators.test(field(cmp, 'operator')?.type ?? '') : cmp.type === 'comparison_operator' && cmp.children.some((c) => c !== null && operators.test(c.type));
  if (!matches) return undefined;
  let up = parentOf(cmp, ctx);
  if (up?.type === 'parenthesized_expression') {
    cmp = up;
    up = parentOf(up, ctx);
  }
  return { cmp, up };
}

/** `up` is an `if` (or, with `elif`, a Python `elif`) whose whole condition is `cmp`. */
function isConditionOf(cmp: Node, up: Node | null, elif: boolean): up is Node {
  return (up?.type === 'if_statement' || (elif && up?.type === 'elif_clause')) && field(up, 'condition')?.id === cmp.id;
}

/** The statement `s` assigns one of the texts `ta`, `tb` from the other (`a = b`, `a = b ?? ''`). */
function assignsOneFromOther(s: Node | null | undefined, ta: string, tb: string, ctx: ValueContext): boolean {
  const assign = s?.type === 'expression_statement' ? s.namedChildren[0] : null;
  if (assign?.type !== 'assignment_expression') return false;
  const lhs = textOf(field(assign, 'left') ?? assign, ctx);
  const rhs = textOf(field(assign, 'right') ?? assign, ctx);
  // `a = b ?? ''`: the same value with a fallback.
  const from = (src: string) => rhs === src || rhs.startsWith(`${src} ??`) || rhs.startsWith(`${src} ||`);
  return (lhs === ta && from(tb)) || (lhs === tb && from(ta));
}

/**
 * A cached client rebuilt when its credential changed: the `!==` comparison `cmp` is an `||` / `&&`
 * part of an `if` condition (`if (!this.client || this.accessToken !== accessToken)`) whose block
 * stores one operand into the other among its statements (`this.accessToken = accessToken`).
 */
function cacheRebuiltByBranch(cmp: Node, ta: string, tb: string, ctx: ValueContext): boolean {
  let cur = cmp;
  let up = parentOf(cur, ctx);
  for (let i = 0; up && i < 6 && (up.type === 'parenthesized_expression' || (up.type === 'binary_expression' && /^(&&|\|\|)$/.test(field(up, 'operator')?.type ?? ''))); i++) {
    cur = up;
    up = parentOf(up, ctx);
  }
  if (cur.id === cmp.id || up?.type !== 'if_statement' || field(up, 'condition')?.id !== cur.id) return false;
  const body = field(up, 'consequence');
  if (body?.type !== 'statement_block') return false;
  return body.namedChildren.some((c) => c !== null && assignsOneFromOther(c, ta, tb, ctx));
}

/** A flag that names change detection: `canSkip`, `unchanged`, `hasChanged`, `dirty` (not `same`: `const same = a.passwordHash === b.passwordHash`). */
const CHANGE_FLAG = /^(?:can|should|is|has)?_?(?:skip|unchanged|noop|no_?change|changed|dirty|modified)/i;

/** The comparison holding `a` is (an `&&` / `||` part of) the value of a change-detection flag. */
function changeDetectionFlag(a: Node, ctx: ValueContext): boolean {
  if (ctx.family !== 'ecma') return false;
  let cur = parentOf(a, ctx);
  for (let i = 0; cur && i < 8; i++) {
    const up = parentOf(cur, ctx);
    if (!up) return false;
    if (up.type === 'variable_declarator') {
      const name = field(up, 'name');
      return name !== null && name.type === 'identifier' && CHANGE_FLAG.test(textOf(name, ctx));
    }
    if (up.type !== 'parenthesized_expression' && !(up.type === 'binary_expression' && /^(&&|\|\|)$/.test(field(up, 'operator')?.type ?? ''))) return false;
    cur = up;
  }
  return false;
}

/**
 * `b` is a member of the same local `a` is read from, or of a local every assignment of which
 * passes `a`'s root to a call (`data = parseCookieCachePayload(payload)`): a consistency check
 * between two fields of one value, not a presented secret against a stored one.
 */
function sameSource(a: Node, b: Node, ctx: ValueContext): boolean {
  if (ctx.family !== 'ecma') return false;
  const ua = unwrap(a, ctx);
  const ub = unwrap(b, ctx);
  if (ua.type !== 'member_expression' || ub.type !== 'member_expression') return false;
  const ra = chainRoot(ua);
  const rb = chainRoot(ub);
  if (!ra || !rb) return false;
  const na = textOf(ra, ctx);
  if (/^(req|request|ctx|c|context|this|self)$/.test(na)) return false;
  return derivedLocal(rb, na, ctx);
}

/**
 * Names of a function checking that two entries of one form agree: `passwords_match`,
 * `passwordsMatch`, `samePassword`, `isSamePassword`, `matchPasswords`, `checkPasswordsMatch`.
 */
const CONFIRM_CHECK_NAME = /passwords?_?match|Passwords?Match|(^|_|[a-z])[Ss]ame_?[Pp]asswords?$|^match_?[Pp]asswords$|^matchPasswords$/;

/** Classes that stand in for the real thing (FakeHasher, DummyBackend): test doubles. */
const STAND_IN_CLASS = /(^|\s)(Fake|Dummy|Stub|Mock)[A-Z]\w*/;

/**
 * The comparison sits in a test double's method (`FakeHasher.verify`), or in a function that
 * checks a confirmation field (`@field_validator("password_confirm") def passwords_match`,
 * `clean_confirm_password`): not a secret compare whatever its operands are called.
 */
function inStandInOrConfirmation(n: Node, ctx: ValueContext): boolean {
  if (STAND_IN_CLASS.test(unitName(n, ctx))) return true;
  const fn = enclosingFunction(n, ctx);
  if (!fn) return false;
  // The function's own name, or the variable or property holding it (`const samePassword = (value,
  // values) => …`, a form's `validate:` rule).
  const holderOf = fn.parent;
  const name =
    fn.childForFieldName('name') ??
    (holderOf?.type === 'variable_declarator' ? holderOf.childForFieldName('name') : holderOf?.type === 'pair' ? holderOf.childForFieldName('key') : null);
  if (name && (CONFIRM_SIDE.test(textOf(name, ctx)) || CONFIRM_CHECK_NAME.test(textOf(name, ctx)))) return true;
  const holder = fn.parent?.type === 'decorated_definition' ? fn.parent : null;
  return holder !== null && holder.namedChildren.some((d) => d?.type === 'decorator' && CONFIRM_SIDE.test(textOf(d, ctx)));
}

/**
 * `field` is a member of a local (`new_user.password`) every assignment of which is a call that
 * was given `value` (an identifier) as an argument: the store's answer to writing `value`.
 */
function readBackOf(field: Node, value: Node, ctx: ValueContext): boolean {
  const v = unwrap(value, ctx);
  const f = unwrap(field, ctx);
  if (v.type !== 'identifier' || (f.type !== 'attribute' && f.type !== 'member_expression' && f.type !== 'selector_expression')) return false;
  const root = chainRoot(f);
  if (!root || root.id === f.id) return false;
  const fn = enclosingFunction(root, ctx);
  const values = fn ? functionFacts(fn, ctx).values.get(textOf(root, ctx)) : undefined;
  const arg = new RegExp(`[(,]\\s*${textOf(v, ctx).replace(/[$]/g, '\\$')}\\s*[,)]`);
  return values !== undefined && values.length > 0 && values.every((t) => /^(await\s+)?[\w.$]+\(/.test(t) && arg.test(t));
}

/** Words that say a hash or random value serves bookkeeping, not security. */
const INCIDENTAL_USE =
  /content_?md5|dir(ectory)?_?hash|md5_?sum|gravatar|cache|etag|e_tag|fingerprint|checksum|bucket|file_?name|dedup|colou?r|avatar|gravatar|telemetry|uuid|external_?id|internal_?id|slug|shard|partition|thumbnail|script_?src|\bcsp\b|query_?hash|content_?hash|integrity|throttl|rate_?limit|ratelimit|\bsri\b|publishable|\bmd5\b.{0,80}\bcontents?\b|description_?hash|desc_?hash|unhashed_description|\bapp_?name\b|dir(ectory)?_?name|remote_?addr(ess)?_?hash|\bip_?(addr(ess)?_?)?hash|designation|message_?id|\bmsg_?id|dupe_?key|\bdupes?\b|duplicate_?key|\.(title|description)\b[^\n]{0,160}\.(title|description)\b/i;

/**
 * Names (case-sensitive, by camelCase / snake_case part) of units that build a label from a hash:
 * a cookie's name, a log, run, connection, trace or dedupe id (`connID`: a digest of two addresses keying a session map, round 56 glauth), a telemetry deployment id, an opaque serial (`getTrustedDeviceCookieName`,
 * `buildUsageLogId`, `createCronRunId`, `deployment_id`, `hashToOpaqueSerial`), an item's UID (`find_available_uid`,
 * `new_uid`). The hash names something; it guards nothing.
 */
const INCIDENTAL_NAME = /[Cc]ookie_?Name|cookie_name|COOKIE_NAME|(^|[a-z0-9\s])(Log|log_|Run|run_|Conn|conn_?|Connection|connection_|Trace|trace_|Span|span_|Correlation|correlation_)(Id|ID|id)([A-Z_\s]|$)|[Dd]eployment_?(Id|ID|id)|Opaque_?Serial|opaque_serial|(^|\s)_?(Null|Mock|Fake|Dummy|Stub)[A-Z]\w*(\s|$)|(^|[\s_])uid(\s|$)/;

/**
 * What a hash or random value names when no secret word is near (tested after them, unlike
 * INCIDENTAL_USE): a generated user name's suffix, a database index's or search document's name
 * (`_generate_index_name`, `index_id`), a temporary directory, a profile photo URL (libravatar), a
 * feature flag's rollout percentage (the hash of the ids buckets them).
 */
const INCIDENTAL_LABEL = /user_?name|index_?(name|id)\b|te?mp(orary)?_?dir(ectory)?|photo_?url|percentage|rollout/i;

/** Words that say a value is a secret or protects one. */
const SECRET_USE = /token|secret|password|passwd|passphrase|salt|nonce|otp|session|csrf|xsrf|signature|sign|verif|credential|api_?key|private|priv_?key|signing|hmac|\bmac\b|cipher|encrypt|decrypt|\biv\b|challenge|verifier|auth|keypair|key_?pair|\bkey\b|Key\b|_key\b/i;

/** The statement a node sits in, up to its enclosing unit (cheap context for a call). */
function statementOf(n: Node, ctx: ValueContext): Node {
  // The nearest statement-like ancestor below the nearest function (or the root); without one,
  // the node's ancestor just below that boundary.
  const index = enclosingIndex('statement', n, ctx);
  const i = index.innermost(n);
  if (i < 0) return n;
  const nearest = index.at(i);
  if (!FUNCTION_TYPES.has(nearest.type) && !ROOT_TYPES.has(nearest.type)) return nearest;
  return childToward(nearest, n);
}

/**
 * `n.parent` without its cost: tree-sitter 0.25 finds a parent by walking down from the root
 * (O(depth)), which is quadratic over thousands of nested lambdas. This walks down from the
 * nearest indexed statement or unit instead, a few steps in real code; null past 64 levels.
 */
export function parentOf(n: Node, ctx: ValueContext): Node | null {
  const index = enclosingIndex('statement', n, ctx);
  const i = index.innermost(n);
  if (i < 0) return n.parent;
  const cursor = index.at(i).walk();
  try {
    // Down from the indexed ancestor: at each level, the child that is `n` or holds it.
    for (let depth = 0; depth < 64; depth++) {
      const parent = cursor.currentNode;
      if (!cursor.gotoFirstChild()) return n.parent;
      let found = false;
      do {
        if (cursor.nodeId === n.id) return parent;
        if (cursor.startIndex <= n.startIndex && cursor.endIndex >= n.endIndex && cursor.endIndex > cursor.startIndex) {
          found = true;
          break;
        }
      } while (cursor.gotoNextSibling());
      if (!found) return n.parent;
    }
    // Deeper than any real statement nests: a crafted chain. No parent is a safe answer for the
    // heuristics that ask (each then says "not this shape").
    return null;
  } finally {
    cursor.delete();
  }
}

/** The child of `ancestor` that holds `node` (or is it). */
function childToward(ancestor: Node, node: Node): Node {
  const cursor = ancestor.walk();
  try {
    if (!cursor.gotoFirstChildForIndex(node.startIndex)) return node;
    do {
      if (cursor.nodeId === node.id) return node;
      if (cursor.startIndex <= node.startIndex && cursor.endIndex >= node.endIndex) return cursor.currentNode;
    } while (cursor.gotoNextSibling());
    return node;
  } finally {
    cursor.delete();
  }
}

/**
 * Names of the function and classes around a node ("innerFn Class Outer"): the nearest named
 * function (or Go method) unless a class comes first, then every class outward.
 */
export function unitName(n: Node, ctx: ValueContext): string {
  const index = enclosingIndex('scope', n, ctx);
  const inner = index.innermost(n);
  return inner < 0 ? '' : scopeNames(index, inner, true, ctx);
}

/**
 * The names from the scope at `i` outward; `wantFunction`: no name taken yet, so a function or
 * method still counts. Memoized per (scope, wantFunction), so nested scopes share their outer part.
 */
function scopeNames(index: EnclosingIndex, i: number, wantFunction: boolean, ctx: ValueContext): string {
  const memo = index.names;
  const key = (k: number, want: boolean) => k * 2 + (want ? 1 : 0);
  // Walk out to a memoized scope (or the top), then fill in on the way back.
  const chain: { i: number; want: boolean; own: string | undefined }[] = [];
  let k = i;
  let want = wantFunction;
  let tail = '';
  while (k >= 0) {
    const hit = memo.get(key(k, want));
    if (hit !== undefined) {
      tail = hit;
      break;
    }
    const own = scopeOwnName(index.at(k), want, ctx);
    chain.push({ i: k, want, own });
    if (own !== undefined) want = false;
    k = index.up(k);
  }
  for (let c = chain.length - 1; c >= 0; c--) {
    const { i: at, want: w, own } = chain[c]!;
    tail = own === undefined ? tail : tail ? `${own} ${tail}` : own;
    memo.set(key(at, w), tail);
  }
  return tail;
}

/** The name a scope adds, if any: a class always, a function or method only while `wantFunction`. */
function scopeOwnName(p: Node, wantFunction: boolean, ctx: ValueContext): string | undefined {
  if (FUNCTION_TYPES.has(p.type)) {
    if (!wantFunction) return undefined;
    const name = p.childForFieldName('name');
    if (name) return textOf(name, ctx);
    const holder = parentOf(p, ctx);
    const alt = holder?.childForFieldName('name') ?? holder?.childForFieldName('left') ?? holder?.childForFieldName('key');
    return alt ? textOf(alt, ctx) : undefined;
  }
  if (isClassType(p.type)) {
    // A Go `type_declaration` names its type in its spec. A class body or heritage (ECMAScript's
    // `class_body`, `class_heritage`) has no name of its own: searching it found the first type
    // annotation of the class (in a name the `unit-name` predicates read) and, per keystroke in a
    // large class, cost more than the re-query.
    const name = p.childForFieldName('name') ?? (p.type === 'type_declaration' ? (p.descendantsOfType('type_identifier')[0] ?? null) : null);
    return name ? textOf(name, ctx) : undefined;
  }
  if (p.type === 'method_declaration' && wantFunction) return textOf(p.childForFieldName('name') ?? p, ctx);
  return undefined;
}

/**
 * A hash, digest or random value used for bookkeeping (cache keys, ETags, fingerprints, file
 * names, rate-limit buckets, ids): the function's or class's name says so, or the statement says
 * so and nothing in it says secret.
 */
export function isIncidentalUse(n: Node, ctx: ValueContext): boolean {
  // A digest of a bearer credential keeps it out of a cache or store (`md5(token)` as the cache
  // key of a token lookup): the hash protects the secret, whatever the unit is called.
  // The digest call whose callee is `n` (one parent lookup, shared by the digest shapes below).
  const digest = FINGERPRINT_HASH.test(textOf(n, ctx)) ? calleeCall(n, ctx) : null;
  if (digest && digestsCredential(digest, ctx)) return false;
  // Encryption and its IV, nonce or salt are never bookkeeping, whatever the unit or class is called
  // (a storage `GridFSBucketAdapter` that encrypts files: `const iv = randomBytes(16)`, `createCipheriv(…)`).
  if (CIPHER_CALL.test(textOf(n, ctx)) || CIPHER_MATERIAL.test(textOf(statementOf(n, ctx), ctx).slice(0, 200))) return false;
  const names = unitName(n, ctx);
  if (INCIDENTAL_USE.test(names) || INCIDENTAL_NAME.test(names)) return true;
  const statementNode = statementOf(n, ctx);
  const statement = textOf(statementNode, ctx).slice(0, 400);
  // The caller says the digest is not for security: `hashlib.md5(email, usedforsecurity=False)`.
  if (/\busedforsecurity\s*=\s*False\b/.test(statement)) return true;
  // ... or its line's comment does: `return md5(s).hexdigest()[:8]  # noqa: S324 -- used for cache
  // busting` (bandit/ruff's insecure-hash rule waived, `# nosec`). A digest only (not an HMAC or a
  // cipher): the waiver is about collisions, which a label does not care about.
  if (digest && DIGEST_WAIVER.test(trailingComment(statementNode, ctx))) return true;
  // ... or it keeps only a few characters of an unkeyed digest (`sha1(x).hexdigest()[:8]`): a
  // version string or label; nothing compares 32 bits with a secret.
  if (digest && /\.hexdigest\(\)\s*\[\s*(0\s*)?:\s*([1-9]|1[0-2])\s*\]/.test(statement)) return true;
  // Python's `secrets.token_urlsafe(6)` names its module, not what the value is for.
  const context = `${names} ${statement.replace(/\bsecrets\.(?=token_|choice|randbits|randbelow)/g, '')}`;
  if (/password|passwd|secret|signature|hmac|private|credential/i.test(context)) return false;
  if (INCIDENTAL_USE.test(context) || (INCIDENTAL_LABEL.test(context) && !/token|\bkey\b|_key\b|Key\b|salt|nonce|\botp|session|csrf|sign|verif|auth/i.test(context))) return true;
  if (digest && versionHash(digest, names, ctx)) return true;
  if (ctx.family === 'go' && goIncidentalDigest(n, ctx)) return true;
  // An unkeyed digest of a JSON serialisation fingerprints structured data (a cache key, a key
  // id, a dedup id): `crypto.hash('sha256', JSON.stringify(props))`, `sha256(json.dumps(d))`.
  if (FINGERPRINT_HASH.test(textOf(n, ctx)) && JSON_SERIALISATION.test(statement) && !/token|sign|nonce|salt/i.test(statement)) return true;
  if (!digest) return randomBoundToId(n, ctx);
  return contentFingerprint(digest, ctx) || identifierDigest(digest, ctx) || cacheKeyDigest(digest, ctx);
}

/** Words of a unit whose digest protects or derives from a secret (`plugin_signature` is a label: a word on its own). */
const VERSION_HASH_SECRET = /token|secret|passw|credential|api_?key|private|\bsignature\b|hmac|salt|nonce|preimage/i;

/** A name that says it holds or returns a hash (`get_hash`, `config_hash`, `pluginHash`), and what it is a hash of. */
const HASH_NAME = /^(?:(.*?)_)?(?:hash|md5|sha1|sha256)$|^([a-z][A-Za-z0-9]*?)(?:Hash|Md5|MD5|Sha1|Sha256)$/;

/**
 * An unkeyed digest that only versions non-secret data (round 38, OctoPrint): a function whose own
 * name says it computes a hash (`get_hash`, `Settings.config_hash`, `get_plugin_hash`,
 * `_get_check_hash`), or a local named for what it fingerprints (`plugin_hash = hashlib.sha1();
 * plugin_hash.update(",".join(ui_plugins).encode())`; `current_md5 = hashlib.md5(self.screenshot)`,
 * round 58 changedetection.io), fed nothing secret-named, directly or
 * through `<local>.update(…)`: an ETag, cache buster or change marker. Not a password, token, key
 * or signature hash (`password_hash`, `token_hash`: their names say so).
 */
function versionHash(digest: Node, names: string, ctx: ValueContext): boolean {
  const says = (name: string | undefined): boolean => {
    const m = name === undefined ? null : HASH_NAME.exec(name);
    const of = m?.[1] ?? m?.[2];
    return of !== undefined && of !== '' && !SECRET_USE.test(of);
  };
  const local = assignedLocal(digest, ctx);
  if (!says(names.split(/\s+/)[0]) && !says(local)) return false;
  // The unit (its class, its code, its docstring) names no secret: `SHA256Token.create_hash`, a
  // webhook check hashing `HUBSPOT_CLIENT_SECRET + rawBody`, an ID token's `at_hash` stay.
  const fn = enclosingFunction(digest, ctx);
  if (VERSION_HASH_SECRET.test(names) || (fn && VERSION_HASH_SECRET.test(textOf(fn, ctx)))) return false;
  // A local fed in is read as what it was assigned (`key = ':'.join((str(self.id), str(hash(perms))))`
  // in `permissions_hash`, a cache key: round 72, ralph), so a local's name alone does not say secret.
  const values = fn && fn.type !== 'lambda' ? functionFacts(fn, ctx).values : undefined;
  const fed = callArguments(digest).flatMap((a) => {
    const text = textOf(a, ctx);
    const peeled = peelEncoding(text);
    const assigned = /^[A-Za-z_$][\w$]*$/.test(peeled) ? values?.get(peeled) : undefined;
    return assigned && assigned.length > 0 ? assigned : [text];
  });
  if (local && fn && fn.endIndex - fn.startIndex <= MAX_LOCAL_LOOKUP_CHARS) {
    for (const m of textOf(fn, ctx).matchAll(new RegExp(`\\b${local}\\.update\\(([^\\n]*)`, 'g'))) fed.push(m[1] ?? '');
  }
  // (A Lightning payment hash digests the preimage, which is the payment's secret.)
  return !fed.some((t) => SECRET_INPUT.test(t) || SECRET_USE.test(t) || /preimage|seed|priv/i.test(t));
}

/** Encryption and decryption calls (node:crypto, WebCrypto). */
const CIPHER_CALL = /(^|\.)(create(De)?cipher(iv)?|(public|private)(En|De)crypt|encrypt|decrypt)$/i;
/** A statement binding a cipher's IV, nonce or salt (`const iv = crypto.randomBytes(16)`). */
const CIPHER_MATERIAL = /^(?:const|let|var)\s+(?:iv|nonce|salt|\w*(?:Iv|IV|Nonce|Salt))\s*=/;

/** A line comment waiving an insecure-hash warning: ruff/flake8-bandit S303/S324, bandit `nosec`, or saying so. */
const DIGEST_WAIVER = /#\s*(noqa\b[^\n]*\bS3(03|24)\b|nosec\b)|\bnot (used )?for security\b|cache[- ]?bust/i;

/** The comment that ends the statement's last line (`x = f()  # why`), or ''. */
function trailingComment(statement: Node, ctx: ValueContext): string {
  const end = statement.endIndex;
  const eol = ctx.text.indexOf('\n', end);
  const rest = ctx.text.slice(end, eol < 0 ? Math.min(ctx.text.length, end + 200) : Math.min(eol, end + 200));
  return /^\s*#/.test(rest) ? rest : '';
}

/** The call whose callee is `n`, or null. */
function calleeCall(n: Node, ctx: ValueContext): Node | null {
  const call = parentOf(n, ctx);
  return call && call.childForFieldName('function')?.id === n.id ? call : null;
}

/** Call arguments without comments. */
function callArguments(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment');
}

/** Every `)` in `text` closes a `(` before it, and all are closed. */
function balancedParens(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Wrappers that turn a value into bytes or normalise it: `force_bytes(x)`, `x.lower().encode("utf-8")`. */
function peelEncoding(text: string): string {
  let t = text.trim();
  for (let i = 0; i < 6; i++) {
    const wrapped = /^(?:force_bytes|force_str|smart_bytes|str|bytes)\((.*)\)$/s.exec(t);
    // Only when the outer parentheses are one pair: `str(user.pk).encode()` is a method call on `str(…)`.
    if (wrapped && balancedParens(wrapped[1]!)) {
      t = wrapped[1]!.trim();
      continue;
    }
    const method = /^(.*)\.(?:encode|lower|upper|strip|toLowerCase|toUpperCase|trim)\([^()]*\)$/s.exec(t);
    if (method) {
      t = method[1]!.trim();
      continue;
    }
    break;
  }
  return t;
}

/** A message, object or account identifier, an e-mail address or a URL (by its last name part). */
const IDENTIFIER_VALUE = /^[\w.]*?(?:^|[._])(?:[a-z0-9]+_)*(?:id|pk|e_?mail|url|uri)$/i;

/** Functions whose locals `identifierDigest` follows: a statement body (a lambda binds none), ordinary size. */
const LOCAL_BODY_TYPES = new Set(['statement_block', 'block']);
const MAX_LOCAL_LOOKUP_CHARS = 20_000;

/**
 * The unkeyed digest call hashes identifiers only (`md5(msg_id.encode())` for a Thread-Index
 * header, `sha256(user.id)` for a directory name): a stable label, never a secret. A session,
 * token or key id is left alone.
 */
function identifierDigest(call: Node, ctx: ValueContext): boolean {
  const args = callArguments(call);
  const isIdentifier = (t: string) => IDENTIFIER_VALUE.test(t) && !SECRET_INPUT.test(t);
  return args.length > 0 && args.every((a) => {
    const t = peelEncoding(textOf(a, ctx));
    if (isIdentifier(t)) return true;
    // ... or through a local bound only to one (`const str = res.e_mail.toLowerCase().trim();
    // sha256(str)` for a Gravatar URL).
    if (a.type !== 'identifier') return false;
    const fn = enclosingFunction(call, ctx);
    // Only a function with a statement body (a lambda or expression arrow binds no locals) and of
    // ordinary size: each nested one would walk all the functions inside it (1,500 nested lambdas).
    const body = fn?.childForFieldName('body');
    if (!fn || !body || !LOCAL_BODY_TYPES.has(body.type) || fn.endIndex - fn.startIndex > MAX_LOCAL_LOOKUP_CHARS) return false;
    const values = functionFacts(fn, ctx).values.get(t);
    return values !== undefined && values.length > 0 && values.every((v) => isIdentifier(peelEncoding(v)));
  });
}

/** The local an expression's value is assigned to (through `.hexdigest()` and the like), if any. */
function assignedLocal(expr: Node, ctx: ValueContext): string | undefined {
  let cur = expr;
  for (let depth = 0; depth < 6; depth++) {
    const p = parentOf(cur, ctx);
    if (!p) return undefined;
    if (p.type === 'assignment' || p.type === 'variable_declarator') {
      const left = p.childForFieldName('left') ?? p.childForFieldName('name');
      return left?.type === 'identifier' && left.id !== cur.id ? textOf(left, ctx) : undefined;
    }
    if (!['call', 'attribute', 'call_expression', 'member_expression', 'parenthesized_expression', 'argument_list', 'arguments'].includes(p.type)) return undefined;
    cur = p;
  }
  return undefined;
}

/** A cache client's read or write keyed by a name: `cache.get(key)`, `caches["x"].set(k, v)`. */
const CACHE_CALL = /\b\w*cache\w*(?:\[[^\]]*\])?\.(?:get|set|add|delete|get_or_set|get_many|set_many|touch|incr|has_key)\(\s*(\w+)\b/gi;

/**
 * The unkeyed digest call's value (directly or through one local built from it) is the key
 * of a cache read or write: `sha1_hash = sha1(text).hexdigest(); key = f"md/{sha1_hash}";
 * cache.get(key)`. The digest names a cache entry; nothing compares it with a secret.
 */
function cacheKeyDigest(call: Node, ctx: ValueContext): boolean {
  const fn = enclosingFunction(call, ctx);
  const local = fn ? assignedLocal(call, ctx) : undefined;
  if (!local || !fn) return false;
  const names = new Set([local]);
  const ref = new RegExp(`\\b${local}\\b`);
  for (const [name, values] of functionFacts(fn, ctx).values) if (values.some((v) => ref.test(v))) names.add(name);
  const text = textOf(fn, ctx);
  for (const m of text.matchAll(CACHE_CALL)) if (names.has(m[1]!)) return true;
  return false;
}

/** Random values in Python: os.urandom, secrets.token_*, SystemRandom. */
const PY_RANDOM_CALL = /(^|\.)(urandom|getrandom|token_bytes|token_hex|token_urlsafe|get_random_bytes|get_random_string)$|^(secrets\.)?(choice|randbelow|randbits)$/;
/** A name that says identifier, label or file name (its last part). */
const ID_TARGET = /(^|_)(id|ids|uuid|guid|name|filename|filepath|path|slug|prefix|suffix|label)$/i;
const SECRET_TARGET = /token|secret|key|pass|otp|pin|salt|nonce|state|verifier|session|\bsid\b|csrf|challenge|code|cred|iv\b|seed/i;

/** The last name part of an assignment target (`self.tmp_file_id` → `tmp_file_id`). */
function targetName(left: Node, ctx: ValueContext): string | undefined {
  if (left.type === 'identifier') return textOf(left, ctx);
  if (left.type === 'attribute') {
    const a = left.childForFieldName('attribute');
    return a ? textOf(a, ctx) : undefined;
  }
  return undefined;
}

/**
 * A Python random value that only becomes an identifier or a file name: `tab_id =
 * urlsafe_b64encode(os.urandom(64)).decode()`, `data = urlsafe_b64encode(os.urandom(32));
 * self.tmp_file_id = data.decode()`. A session id, token, key or code is left alone.
 */
function randomBoundToId(n: Node, ctx: ValueContext): boolean {
  if (ctx.family !== 'python' || !PY_RANDOM_CALL.test(textOf(n, ctx))) return false;
  const call = calleeCall(n, ctx);
  if (!call) return false;
  let cur: Node = call;
  let target: string | undefined;
  for (let depth = 0; depth < 8 && target === undefined; depth++) {
    const p = parentOf(cur, ctx);
    if (!p) return false;
    if (p.type === 'assignment') {
      const left = p.childForFieldName('left');
      if (!left || left.id === cur.id) return false;
      target = targetName(left, ctx);
      if (target === undefined) return false;
      break;
    }
    // `return ''.join(secrets.choice(letters) for _ in range(10))` in `def get_random_id()`: the
    // function's name says what the value is.
    if (p.type === 'return_statement') {
      const fn = enclosingFunction(p, ctx);
      const name = fn?.type === 'function_definition' ? fn.childForFieldName('name') : null;
      if (!name) return false;
      target = textOf(name, ctx);
      break;
    }
    // `conn_id = f"llm_{secrets.choice(range(1, 9999999))}"`, `name = "t_" + str(secrets.randbelow(n))`
    if (!['call', 'attribute', 'argument_list', 'parenthesized_expression', 'subscript', 'generator_expression', 'interpolation', 'string', 'binary_operator'].includes(p.type)) return false;
    cur = p;
  }
  // A database primary key is an id, whatever `key` says (`generate_public_primary_key(prefix)`: the
  // public id of a row shown in URLs; round 75, grafana/oncall).
  if (target !== undefined) target = target.replace(/primary_?key/gi, 'id');
  if (target === undefined || SECRET_TARGET.test(target)) return false;
  if (ID_TARGET.test(target)) return true;
  // A local passed on once more: every later reference is an assignment to an id-like name.
  const fn = enclosingFunction(call, ctx);
  if (!fn || !/^\w+$/.test(target)) return false;
  const ref = new RegExp(`\\b${target}\\b`, 'g');
  const refs = (textOf(fn, ctx).match(ref) ?? []).length;
  let idUses = 0;
  for (const a of fn.descendantsOfType('assignment')) {
    const left = a?.childForFieldName('left');
    const right = a?.childForFieldName('right');
    if (!left || !right || !new RegExp(`\\b${target}\\b`).test(textOf(right, ctx))) continue;
    const name = targetName(left, ctx);
    if (name === target) continue;
    if (!name || SECRET_TARGET.test(name) || !ID_TARGET.test(name)) return false;
    idUses++;
  }
  return idUses > 0 && refs === 1 + idUses;
}

/** Go unkeyed digest constructors and one-shot sums: `sha256.Sum256`, `sha1.New`, `md5.Sum`. */
const GO_DIGEST = /^(\w+)\.(Sum|Sum\d+(_\d+)?|New|New\d+(_\d+)?)$/;
const GO_DIGEST_PACKAGE = /^(md5|sha1|sha256|sha512|sha3|blake2[bs]|blake3|\w*sha\w*|\w*md5\w*)$/i;
/** A line comment saying the digest guards nothing (`//nolint:gosec // not used for cryptography`). */
const NOT_FOR_SECURITY = /\/\/.*\bnot\s+(used\s+)?(for|as)\s+(a\s+)?(security|crypto)|\/\/.*\bnon[-\s]?(security|crypto)/i;
/** A line comment silencing gosec (its weak-hash checks G401/G505 are what a sha1/md5 line trips). */
const LINT_SILENCED = /\/\/\s*(nolint\b|#?nosec\b)/;
/** `call` (a hash constructor) is an argument of a call named for making an id (`HashID`, `makeUserID`) and not a session, token or key id. */
function goHashedIntoId(call: Node, ctx: ValueContext): boolean {
  const list = parentOf(call, ctx);
  const outer = list?.type === 'argument_list' ? parentOf(list, ctx) : null;
  if (outer?.type !== 'call_expression') return false;
  const callee = outer.childForFieldName('function');
  const name = callee?.type === 'selector_expression' ? textOf(callee.childForFieldName('field') ?? callee, ctx) : textOf(callee ?? outer, ctx);
  return /(ID|Id)$/.test(name) && !/[Ss]ession|[Tt]oken|[Kk]ey|[Nn]once|[Ss]ecret/.test(name);
}

/** Calls a cache or map key goes to: `cache.Get(key[:])`, `c.SetWithTTL(key[:], v, 1, ttl)`. */
const GO_CACHE_CALL = /(^|\.)(Get|GetIfPresent|Set|SetWithTTL|SetWithExpire|SetDefault|Add|Del|Delete|Remove|Peek|Has|Contains|Load|Store|LoadOrStore|LoadAndDelete|Exists)$/;
/** The names of what a Sprintf'd digest becomes when it is a name: an id, a path, a file name. */
const GO_ID_TARGET = /^(\w*_)?(id|ID|Id|name|Name|path|Path|file|File|filename|fileName|key|cacheKey|cache_key|etag|ETag)$|(ID|Id|Name|Path|File|Key)$/;

/** The text of the source line holding `n` (comments included). */
function lineOf(n: Node, ctx: ValueContext): string {
  const start = ctx.text.lastIndexOf('\n', n.startIndex - 1) + 1;
  const end = ctx.text.indexOf('\n', n.startIndex);
  return ctx.text.slice(start, end < 0 ? ctx.text.length : end);
}

/**
 * Go: `@n` is an unkeyed digest (`sha256.Sum256`, `sha1.New`) used as a name, not a protection:
 * - its line, or the line importing its package, says so (`//nolint:gosec // not used for
 *   security`), or silences gosec on a weak md5/sha1 digest;
 * - its value, held in a local, goes only to cache or map calls as their key (`key :=
 *   sha256.Sum256(schema)`; `cache.Get(key[:])`; `cache.Set(key[:], v, 1)`);
 * - it is formatted by `fmt.Sprintf` into an id or a path (`id := fmt.Sprintf("%x.json", sum)`).
 * In each case its input is not secret-named (a keyed use is `hmac`, another rule's business).
 */
function goIncidentalDigest(n: Node, ctx: ValueContext): boolean {
  // A finding reports the whole call (`md5.Sum(data)`): its callee is the digest.
  if (n.type === 'call_expression') n = n.childForFieldName('function') ?? n;
  const m = GO_DIGEST.exec(textOf(n, ctx));
  if (!m || !GO_DIGEST_PACKAGE.test(m[1] ?? '')) return false;
  const weak = /md5|sha1/i.test(m[1] ?? '');
  const call = parentOf(n, ctx);
  const called = call?.type === 'call_expression' && call.childForFieldName('function')?.id === n.id;
  const args = called ? call.childForFieldName('arguments') : null;
  // A digest in a package that exists for bookkeeping (`package cache` sharding file names by the
  // hash of a cache key, `package gravatar` hashing an e-mail into a URL), unless its input names a
  // credential.
  if (INCIDENTAL_PACKAGE.test(goPackageName(n, ctx)) && !(args && CREDENTIAL_INPUT.test(textOf(args, ctx)))) return true;
  // An md5/sha1 in a function that makes an id (`legacyTrackID`: md5 of a file path or lookup key,
  // encoded): a stable label; a session, token or key id, or a credential input, is left alone.
  if (weak && GO_ID_MAKER.test(unitName(n, ctx)) && !/[Ss]ession|[Tt]oken|[Kk]ey|[Nn]once|[Ss]ecret/.test(unitName(n, ctx)) && !(args && CREDENTIAL_INPUT.test(textOf(args, ctx)))) return true;
  // Any unkeyed digest in a function that returns an id type (`func PackBlobsHash(pbs PackBlobs)
  // restic.ID`, `func makeFileIDByContents(node) fileID`: a content address or dedup key of ids;
  // round 73, restic), whose code names no secret: the digest names a thing, nothing is compared
  // with it in secret.
  // (Not a certificate's digest: syncthing's `NewDeviceID(rawCert)` is the pinned identity peers are
  // authenticated by, round 38.)
  // A weak hash handed to a function that makes an id from it (`token.HashID(sha1.New(), data.Value("sub"))`:
  // a provider's user id or e-mail turned into the local user id; round 75, go-pkgz/auth, as remark42's
  // in round 14): the digest names a user; nothing secret is hashed or compared.
  if (weak && called && call && goHashedIntoId(call, ctx)) return true;
  if (goReturnsIdType(n, ctx) && !/[Ss]ession|[Tt]oken|[Kk]ey|[Nn]once|[Ss]ecret|[Ss]ign|[Pp]assw|[Mm]ac\b|MAC|[Hh]mac|[Cc]ert|[Ff]ingerprint|[Pp]eer/.test(textOf(enclosingFunction(n, ctx) ?? n, ctx))) return true;
  // Any unkeyed digest in a function that computes a file-system name (`sqliteTemplatePath`: the
  // content-addressed cache file of a migration set, `cacheDir`, `thumbnailFileName`): the hash
  // names a file; nothing is compared with it. Not a function hashing the file at a path it is given
  // (`HashFromPath`), nor a signed or token-bearing name.
  if (GO_PATH_MAKER.test(unitName(n, ctx)) && !/[Ss]ession|[Tt]oken|[Kk]ey|[Nn]once|[Ss]ecret|[Ss]ign/.test(unitName(n, ctx)) && !(args && CREDENTIAL_INPUT.test(textOf(args, ctx)))) return true;
  if (args && SECRET_INPUT.test(textOf(args, ctx))) return false;
  // An md5/sha1 in a function named for the hash of something non-secret, whose code names no
  // secret (`getURLHash(url string)`: `sha1.New()`, `Write([]byte(url))`, the key of a cached row;
  // round 72, traQ): a lookup hash, as `versionHash` reads Python's and TypeScript's. Not a SHA-256
  // (`pluginHash(f)`: the integrity value a caller compares, round 34).
  // (Named for what it hashes, and that is a locator or a label: `getRequestMD5`, the digest an
  // OSS callback's RSA signature covers, is no lookup hash; round 27, Cloudreve.)
  const hashName = HASH_NAME.exec(unitName(n, ctx).split(/\s+/)[0] ?? '');
  const hashOf = hashName?.[1] ?? hashName?.[2] ?? '';
  if (weak && called && call && /(URL|Url|url|URI|Uri|Path|path|File|file|FileName|Name|name|Content|content|Cache|cache|ID|Id)$/.test(hashOf) && versionHash(call, unitName(n, ctx), ctx)) return true;
  // An md5/sha1 of a file-system path or URL alone (`md5.Sum([]byte(a.Path))` stored as a PathHash
  // lookup column, `md5.Sum([]byte(albumPath))` as an id): a path is no secret, so the digest is a
  // fixed-length key for finding the row or file (round 36: photoview Album.BeforeSave judged N).
  if (weak && args && /^\(\s*(\[\]byte|string)\(\s*[\w.]*([Pp]ath|PATH|[Ff]ile[Nn]ame|URL|[Uu]rl)\s*\)\s*,?\s*\)$/.test(textOf(args, ctx))) return true;
  // An unkeyed digest of an e-mail address alone (`md5.Sum([]byte(strings.ToLower(email)))` for a
  // Gravatar URL) or of content the function read from a file or reader and never compares
  // (`data, _ := io.ReadAll(rc); hash := sha256.Sum256(data)`: an ETag, a change fingerprint).
  if (called && call && (goEmailDigest(call, ctx) || goContentFingerprint(call, ctx) || (weak && goStreamedFingerprint(call, ctx)))) return true;
  const line = lineOf(n, ctx);
  if (NOT_FOR_SECURITY.test(line) || (weak && LINT_SILENCED.test(line))) return true;
  if (goImportDisclaimed(m[1] ?? '', weak, ctx)) return true;
  // A digest in a metrics or telemetry package anonymises what it reports (`metricsx.Hash(query)`).
  if (TELEMETRY_PACKAGE.test(goPackageName(n, ctx))) return true;
  if (!called) return false;
  const holder = parentOf(call, ctx);
  // `fmt.Sprintf("%x.json", sha256.Sum256(raw))` assigned to an id or path.
  if (holder?.type === 'argument_list') {
    const outer = parentOf(holder, ctx);
    if (outer?.type !== 'call_expression' || !/^fmt\.Sprintf$/.test(textOf(outer.childForFieldName('function') ?? outer, ctx))) return false;
    const format = holder.namedChildren[0];
    const target = parentOf(parentOf(outer, ctx) ?? outer, ctx);
    const named = target?.type === 'short_var_declaration' || target?.type === 'assignment_statement' ? target.childForFieldName('left')?.namedChildren[0] : null;
    return (format?.type === 'interpreted_string_literal' && /%x[./_-]|[./]%x/.test(textOf(format, ctx))) || (named != null && GO_ID_TARGET.test(textOf(named, ctx)));
  }
  // `key := sha256.Sum256(schema)`, whose every later use is a cache call's argument.
  const decl = holder?.type === 'expression_list' ? parentOf(holder, ctx) : null;
  if (decl?.type !== 'short_var_declaration') return false;
  const local = decl.childForFieldName('left')?.namedChildren[0];
  const fn = enclosingFunction(decl, ctx);
  if (local?.type !== 'identifier' || !fn) return false;
  const name = textOf(local, ctx);
  const uses = fn.descendantsOfType('identifier').filter((i) => i !== null && i.id !== local.id && textOf(i, ctx) === name).length;
  if (uses === 0) return false;
  let keyed = 0;
  for (const c of fn.descendantsOfType('call_expression')) {
    const callee = c?.childForFieldName('function');
    if (!c || !callee || !GO_CACHE_CALL.test(textOf(callee, ctx))) continue;
    for (const a of c.childForFieldName('arguments')?.namedChildren ?? []) {
      const t = a ? textOf(a, ctx) : '';
      if (t === name || t === `${name}[:]`) keyed++;
    }
  }
  return keyed === uses;
}

/** Go: peels `[]byte(x)`, `string(x)`, `strings.ToLower(x)`, `strings.TrimSpace(x)` and `x[:]` off a digest argument. */
function goPeelDigestInput(a: Node, ctx: ValueContext): Node {
  for (let i = 0; i < 6; i++) {
    if (a.type === 'type_conversion_expression') {
      const inner = field(a, 'operand');
      if (!inner) break;
      a = inner;
      continue;
    }
    if (a.type === 'call_expression' && /^(strings\.(ToLower|TrimSpace|ToUpper)|string|\[\]byte)$/.test(textOf(field(a, 'function') ?? a, ctx))) {
      const inner = callArguments(a);
      if (inner.length !== 1) break;
      a = inner[0]!;
      continue;
    }
    if (a.type === 'slice_expression' && /^\[\s*:\s*\]$/.test(textOf(a, ctx).slice(textOf(field(a, 'operand') ?? a, ctx).length))) {
      const inner = field(a, 'operand');
      if (!inner) break;
      a = inner;
      continue;
    }
    break;
  }
  return a;
}

/** A name that holds an e-mail address (`email`, `user.Email`, `email_lowered`, `authorEmail`). */
const GO_EMAIL_NAME = /^(\w+\.)*(e?mail|\w*E[Mm]ail)(_?[a-z]\w*)?$/;

/** Go: every argument of the digest is an e-mail address, nothing else mixed in. */
function goEmailDigest(call: Node, ctx: ValueContext): boolean {
  const args = callArguments(call);
  return args.length > 0 && args.every((a) => {
    const v = goPeelDigestInput(a, ctx);
    const t = textOf(v, ctx);
    return (v.type === 'identifier' || v.type === 'selector_expression') && GO_EMAIL_NAME.test(t) && !SECRET_INPUT.test(t);
  });
}

/** Go calls that read content from a file or a reader. */
const GO_CONTENT_READ = /^(os|ioutil|fs|io)\.(ReadFile|ReadAll)\(|^[\w.]*\.ReadFile\(/;

/**
 * Go: every argument of the digest is a local every value of which was read from a file or reader,
 * and the function compares no digest (no `==`/`!=` or Equal/Compare call on the digest's local,
 * no verification or expected-checksum wording): content fingerprinting, not an integrity check.
 */
function goContentFingerprint(call: Node, ctx: ValueContext): boolean {
  const fn = enclosingFunction(call, ctx);
  if (!fn) return false;
  const facts = functionFacts(fn, ctx);
  const args = callArguments(call);
  if (args.length === 0 || !args.every((a) => {
    const v = goPeelDigestInput(a, ctx);
    if (v.type !== 'identifier') return false;
    const values = facts.values.get(textOf(v, ctx));
    return values !== undefined && values.length > 0 && values.every((x) => GO_CONTENT_READ.test(x));
  })) return false;
  const body = textOf(fn, ctx);
  if (/[Vv]erif|[Ee]xpect|[Ii]ntegrity|[Tt]amper|[Mm]ismatch|[Ss]ignature|[Hh]mac|HMAC/.test(body)) return false;
  // The digest's own local, if any, must not be compared.
  const holder = parentOf(call, ctx);
  const decl = holder?.type === 'expression_list' ? parentOf(holder, ctx) : null;
  if (decl?.type !== 'short_var_declaration' && decl?.type !== 'assignment_statement') return holder?.type !== 'binary_expression' && holder?.type !== 'argument_list';
  const local = decl.childForFieldName('left')?.namedChildren[0];
  if (!local || local.type !== 'identifier') return false;
  const name = textOf(local, ctx);
  const mentions = (n: Node) => n.descendantsOfType('identifier').some((i) => i !== null && textOf(i, ctx) === name);
  for (const b of fn.descendantsOfType('binary_expression')) {
    const op = b?.childForFieldName('operator');
    if (b && op && (op.type === '==' || op.type === '!=') && mentions(b)) return false;
  }
  for (const c of fn.descendantsOfType('call_expression')) {
    const callee = c?.childForFieldName('function');
    if (c && callee && /(Equal|Compare|ConstantTime\w*)$/.test(textOf(callee, ctx)) && mentions(c.childForFieldName('arguments') ?? c)) return false;
  }
  return true;
}

/**
 * An unkeyed MD5/SHA-1 hasher (the caller checks weak) fed only by copying a stream into it, `h := md5.New(); io.Copy(h, file);
 * hex.EncodeToString(h.Sum(nil))` (an upload's content hash, a rapid-upload fingerprint): every use of
 * `h` is an argument of a copy (`io.Copy`, `io.CopyN`, a project's `CopyWithBuffer`/`CopyWithCtx`,
 * `io.MultiWriter`, `io.TeeReader`), its `Sum`/`Reset`, or a `Write` of another hasher's `Sum`, and
 * no digest of it is compared or verified in the function. A `Write` of anything else (a password,
 * a salt) keeps it a crypto operation. Not SHA-256: a file's SHA-256 can be the integrity gate a
 * caller compares (a plugin archive's hash, navidrome ComputeFileSHA256, judged Y in round 16).
 */
function goStreamedFingerprint(call: Node, ctx: ValueContext): boolean {
  if (callArguments(call).length !== 0 || !/^\w+\.New$/.test(textOf(call.childForFieldName('function') ?? call, ctx))) return false;
  const holder = parentOf(call, ctx);
  const decl = holder?.type === 'expression_list' ? parentOf(holder, ctx) : null;
  if (decl?.type !== 'short_var_declaration' && decl?.type !== 'assignment_statement') return false;
  const local = decl.childForFieldName('left')?.namedChildren[0];
  const fn = enclosingFunction(decl, ctx);
  if (!local || local.type !== 'identifier' || !fn) return false;
  const name = textOf(local, ctx);
  const body = textOf(fn, ctx);
  if (/[Vv]erif|[Ee]xpect|[Ii]ntegrity|[Tt]amper|[Mm]ismatch|[Ss]ignature|[Hh]mac|HMAC/.test(body)) return false;
  // Uses up to the name's next declaration (`m, err := d.upPart(…)` reuses a short name later).
  let end = fn.endIndex;
  for (const d of fn.descendantsOfType('short_var_declaration')) {
    if (d && d.startIndex > decl.endIndex && d.startIndex < end && (d.childForFieldName('left')?.namedChildren ?? []).some((l) => l !== null && textOf(l, ctx) === name)) end = d.startIndex;
  }
  let uses = 0;
  for (const i of fn.descendantsOfType('identifier')) {
    if (!i || i.id === local.id || textOf(i, ctx) !== name || i.startIndex >= end) continue;
    uses++;
    const up = parentOf(i, ctx);
    if (up?.type === 'selector_expression' && up.childForFieldName('operand')?.id === i.id) {
      const field = textOf(up.childForFieldName('field') ?? up, ctx);
      if (field === 'Sum' || field === 'Reset') continue;
      const writeCall = parentOf(up, ctx);
      if (field === 'Write' && writeCall?.type === 'call_expression') {
        const a = callArguments(writeCall);
        if (a.length === 1 && /^\w+\.Sum\(/.test(textOf(a[0]!, ctx))) continue;
      }
      return false;
    }
    const copy = up?.type === 'argument_list' ? parentOf(up, ctx) : null;
    if (copy?.type === 'call_expression' && /(^|\.)(Copy\w*|MultiWriter|TeeReader)$/.test(textOf(copy.childForFieldName('function') ?? copy, ctx))) continue;
    return false;
  }
  if (uses === 0) return false;
  for (const b of fn.descendantsOfType('binary_expression')) {
    const op = b?.childForFieldName('operator');
    if (b && op && (op.type === '==' || op.type === '!=') && textOf(b, ctx).includes(`${name}.Sum(`)) return false;
  }
  return true;
}

const TELEMETRY_PACKAGE = /^(metrics|telemetry|analytics|usage[-_]?stats)\w*$/;
/** Go packages for caches, avatars, thumbnails and checksums: a digest there is a label. */
const INCIDENTAL_PACKAGE = /^(\w*cache|gravatar|avatars?|thumbnails?|etags?|checksums?|fingerprints?|shard\w*)$/;
/** A digest input naming a credential (stricter than SECRET_INPUT: a cache or lookup `key` is not one). */
const CREDENTIAL_INPUT = /password|passwd|secret|token|private|credential|api_?key|salt|session/i;
/** A Go function that makes an identifier (`legacyTrackID`, `albumId`, `pathIDs`). */
const GO_ID_MAKER = /(?:^|[a-z0-9.])(?:ID|Id|IDs|Ids)$/;
/** A Go function that makes a file-system name (`sqliteTemplatePath`, `cacheDir`), not one reading from a path (`HashFromPath`). */
const GO_PATH_MAKER = /(?:^|[a-z0-9.])(?<!From)(?:Path|Dir|FileName|Filename)$/;

/** The Go file's package name, from the clause under the root. */
function goPackageName(n: Node, ctx: ValueContext): string {
  ctx.readNames?.add(PACKAGE_CLAUSE_NAME);
  const clause = (ctx.root ?? n.tree.rootNode).namedChildren.find((c) => c?.type === 'package_clause');
  const name = clause?.namedChildren.find((c) => c?.type === 'package_identifier');
  return name ? textOf(name, ctx) : '';
}

/** The file imports digest package `pkg` on a line that says it is not for security (or silences gosec on md5/sha1). */
function goImportDisclaimed(pkg: string, weak: boolean, ctx: ValueContext): boolean {
  const re = new RegExp(`^\\s*(import\\s+)?(${pkg}\\s+)?"[^"]*\\b${pkg}"\\s*(//.*)$`, 'm');
  const m = re.exec(ctx.text.slice(0, 4000));
  if (!m) return false;
  const comment = m[3] ?? '';
  return NOT_FOR_SECURITY.test(comment) || (weak && LINT_SILENCED.test(comment));
}

/**
 * `@n` is the value of `const authHeader = req.headers.authorization` and the function only hands
 * that variable on: every use is an argument of a call or a property of an object literal
 * (`controller.token(req.body, authHeader)`, `{ apiSecret: authHeader }`). The callee checks the
 * credential; a thin route that forwards it makes no decision. Any other use (a comparison, a
 * split, a condition) keeps it.
 */
export function isForwardedCredential(n: Node, ctx: ValueContext): boolean {
  const declarator = parentOf(n, ctx);
  const name = declarator?.type === 'variable_declarator' ? declarator.childForFieldName('name') : null;
  if (!declarator || name?.type !== 'identifier') return false;
  const fn = enclosingFunction(n, ctx);
  if (!fn) return false;
  const text = textOf(name, ctx);
  let uses = 0;
  for (const id of fn.descendantsOfType(['identifier', 'shorthand_property_identifier'])) {
    if (!id || id.id === name.id || textOf(id, ctx) !== text) continue;
    uses++;
    if (id.type === 'shorthand_property_identifier') continue;
    const holder = parentOf(id, ctx);
    if (holder?.type === 'arguments') continue;
    if (holder?.type === 'pair' && holder.childForFieldName('value')?.id === id.id) continue;
    return false;
  }
  return uses > 0;
}

/** Inputs that are a file's or an object's contents, or numbers turned into bytes. */
const CONTENT_INPUT = /\.(read_bytes|read|read_text|getvalue|getbuffer|to_bytes)\(|\b(pickle|marshal)\.dumps\(|^(chunk|block|content|contents|file_?bytes|new_bytes|file_?content|data_?bytes)$/;
const SECRET_INPUT = /token|secret|passw|key|salt|sign(ature|ing|er)?\b|nonce|cred|auth|session|otp/i;

/**
 * The unkeyed digest call is fed only file or object contents: `sha256(pickle.dumps(model))`,
 * `blake2b(path.read_bytes())`, `h = sha256(); for chunk in …: h.update(chunk)`,
 * `h.update(y.to_bytes(4, "little"))`, `crypto.createHash('sha1').update(JSON.stringify(obj))`. A
 * checksum for change detection or deduplication.
 */
function contentFingerprint(call: Node, ctx: ValueContext): boolean {
  const fed: Node[] = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment');
  // Node's `createHash('sha1')` names its algorithm: what it digests comes through `update`.
  if (/(^|\.)createHash$/.test(textOf(call.childForFieldName('function') ?? call, ctx)) && fed.length === 1 && fed[0]!.type === 'string') fed.length = 0;
  // `hasher = sha256()`: what the function later `update`s it with.
  const holder = parentOf(call, ctx);
  const local = holder && (holder.type === 'assignment' || holder.type === 'variable_declarator') ? (holder.childForFieldName('left') ?? holder.childForFieldName('name')) : null;
  if (local?.type === 'identifier') {
    const fn = enclosingFunction(call, ctx);
    const name = textOf(local, ctx);
    for (const c of fn?.descendantsOfType(['call', 'call_expression']) ?? []) {
      const callee = c?.childForFieldName('function');
      if (!c || !callee || textOf(callee, ctx) !== `${name}.update`) continue;
      fed.push(...(c.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null && a.type !== 'comment'));
    }
  }
  // Python, round 35 (synapse): `self._hash = hashlib.sha256()` in a stream wrapper whose
  // `read`/`write` methods feed it what passes through (`self._hash.update(buffer)`): a digest of
  // the content, like the local above. (No argument at all stays: `fed` is then empty.)
  const streamFed: Node[] = [];
  if (ctx.family === 'python' && local?.type === 'attribute' && /^self\.\w+$/.test(textOf(local, ctx)) && fed.length === 0) {
    let cls = parentOf(call, ctx);
    while (cls && cls.type !== 'class_definition') cls = parentOf(cls, ctx);
    const target = `${textOf(local, ctx)}.update`;
    for (const c of cls && cls.endIndex - cls.startIndex <= MAX_LOCAL_LOOKUP_CHARS ? cls.descendantsOfType('call') : []) {
      const callee = c?.childForFieldName('function');
      if (!c || !callee || textOf(callee, ctx) !== target) continue;
      const args = callArguments(c);
      fed.push(...args);
      streamFed.push(...args);
    }
  }
  // A JSON serialisation of an object fingerprints its contents (change detection: `hash.update(JSON.stringify(obj))`).
  // `buff = f.read(blocksize); h.update(buff)`: a local every assignment of which reads contents.
  // Only a function with statements can assign one (not a lambda or an expression-bodied arrow,
  // thousands of which nest in crafted input); its facts are computed once it is needed.
  const content = (a: Node) => {
    const t = textOf(a, ctx);
    if (CONTENT_INPUT.test(t) || /^(JSON\.stringify|json\.dumps)\(/.test(t)) return true;
    if (a.type !== 'identifier') return false;
    const fn = enclosingFunction(a, ctx);
    // (A stream wrapper's `write(self, buffer)`: the bytes written through it.)
    if (fn && streamFed.some((f) => f.id === a.id) && /^(write|read|readinto|send|recv|feed)$/.test(textOf(fn.childForFieldName('name') ?? a, ctx)) && functionFacts(fn, ctx).parameters.has(t)) return true;
    if (!fn || fn.type === 'lambda' || (fn.type === 'arrow_function' && fn.childForFieldName('body')?.type !== 'statement_block')) return false;
    const values = functionFacts(fn, ctx).values.get(t);
    return values !== undefined && values.length > 0 && values.every((v) => CONTENT_INPUT.test(v) && !SECRET_INPUT.test(v));
  };
  return fed.length > 0 && fed.every((a) => content(a) && !SECRET_INPUT.test(textOf(a, ctx)));
}

/** The digest call's arguments name a token, API key, password or secret. */
function digestsCredential(call: Node, ctx: ValueContext): boolean {
  const args = call.childForFieldName('arguments');
  if (args === null) return false;
  if (CREDENTIAL_ARGUMENT.test(textOf(args, ctx))) return true;
  // Node's `createHash("sha256").update(token).digest("hex")`: what it digests comes through `update`.
  const member = parentOf(call, ctx);
  const property = member?.type === 'member_expression' ? member.childForFieldName('property') : null;
  if (member && property && textOf(property, ctx) === 'update') {
    const update = parentOf(member, ctx);
    const fed = update?.type === 'call_expression' ? update.childForFieldName('arguments') : null;
    if (fed && CREDENTIAL_ARGUMENT.test(textOf(fed, ctx))) return true;
  }
  // Python's `h = hashlib.sha3_512(); h.update(password.encode())`: the hash object is fed later.
  if (ctx.family === 'python' && member?.type === 'assignment' && member.childForFieldName('left')?.type === 'identifier') {
    const fn = enclosingFunction(call, ctx);
    const name = textOf(member.childForFieldName('left') ?? member, ctx);
    const fed = new RegExp(`\\b${name}\\.update\\(([^)]*)\\)`, 'g');
    if (fn) for (const m of textOf(fn, ctx).matchAll(fed)) if (CREDENTIAL_ARGUMENT.test(m[1] ?? "")) return true;
  }
  // `salted = (email + settings.SECRET_KEY).encode(); sha1(salted)`: a local built from a secret
  // (a keyed hash) or a credential. Only a function with statements can assign one.
  const locals = callArguments(call).map((a) => peelEncoding(textOf(a, ctx))).filter((t) => /^[A-Za-z_$][\w$]*$/.test(t));
  if (locals.length === 0) return false;
  const fn = enclosingFunction(call, ctx);
  if (!fn || fn.type === 'lambda' || (fn.type === 'arrow_function' && fn.childForFieldName('body')?.type !== 'statement_block')) return false;
  const values = functionFacts(fn, ctx).values;
  return locals.some((t) => (values.get(t) ?? []).some((v) => CREDENTIAL_ARGUMENT.test(v)));
}

// `tokenstring`, `token_value`: the credential itself under a name that says its form.
const CREDENTIAL_ARGUMENT = /(^|[^A-Za-z])(token|access_?token|api_?key|password|passwd|secret)(_?str(ing)?|_?value)?([^A-Za-z]|$)/i;

/** Unkeyed digest calls (callee text), and serialisations of structured data. */
const FINGERPRINT_HASH = /(^|\.)(hash|createHash|md5|sha1|sha224|sha256|sha384|sha512|sha3_\w+|blake2[bs])$/;
const JSON_SERIALISATION = /\b(JSON\.stringify|json\.dumps|json\.Marshal)\s*\(/;

/** A random value that is, or protects, a secret: the function's name or the statement says so. */
export function isSecretUse(n: Node, ctx: ValueContext): boolean {
  const context = `${unitName(n, ctx)} ${textOf(statementOf(n, ctx), ctx).slice(0, 400)}`;
  return SECRET_USE.test(context) && !isIncidentalUse(n, ctx);
}

/**
 * Whether a template literal or f-string interpolates a runtime value: some substitution is not
 * a constant (valueFacts) and not the object's own field (`${this.workingTable}`). Strings
 * without substitutions say nothing here (true), so other predicates decide.
 */
export function interpolatesRuntimeValue(n: Node, ctx: ValueContext): boolean {
  const subs = n.descendantsOfType(['template_substitution', 'interpolation']);
  if (subs.length === 0) return true;
  return subs.some((sub) => {
    const e = sub?.namedChildren.find((c) => c !== null && c.type !== 'comment' && c.type !== 'format_specifier' && c.type !== 'type_conversion');
    if (!e) return false;
    if (isConstant(e, ctx)) return false;
    // The object's own field, or (Python) a class attribute read in a classmethod
    // (`cls._threshold`): configuration of the class, not a value from the caller.
    const t = textOf(e, ctx);
    // ECMAScript: a field of the options / config object the instance was constructed with
    // (`this.options.slotName`): operator configuration, not a value from the caller.
    if (ctx.family === 'ecma' && /^this\.#?_?(?:options|opts|config|configuration|settings)\.[\w$]+$/.test(t)) return false;
    // ECMAScript: the deployment's own environment (`SET search_path TO "${schema}"` where `schema`
    // comes from `new URL(process.env.DATABASE_URL).searchParams.get('schema')`): the operator
    // chose it, no request can reach it, and an identifier cannot be a bound parameter.
    if (ctx.family === 'ecma' && fromProcessEnv(e, ctx, 0)) return false;
    return !/^(this|self|cls)\.[\w$]+$/.test(t);
  });
}

/** A read of `process.env` (`process.env.DB_SCHEMA`, `process.env['X']`). */
const PROCESS_ENV = /^process\.env(\.[\w$]+|\[['"`][\w$]+['"`]\])$/;

/**
 * The local `n` (not a parameter) is assigned at least once in its function, and every value
 * assigned to it passes `test` (which gets the local's name).
 */
function everyLocalValue(n: Node, ctx: ValueContext, test: (value: Node, name: string) => boolean): boolean {
  const fn = enclosingFunction(n, ctx);
  if (!fn) return false;
  const facts = functionFacts(fn, ctx);
  const name = textOf(n, ctx);
  const values = facts.assignedNodes.get(name);
  if (!values || values.length === 0 || facts.parameters.has(name)) return false;
  return values.every((v) => test(v, name));
}

/**
 * ECMAScript: the value is the process environment's: `process.env.X`, a local assigned only such
 * values, or a call with no arguments of a parameterless function of the same file whose body
 * reads `process.env` and nothing from outside (`function getSchema() { return new
 * URL(process.env.DATABASE_URL).searchParams.get('schema') }`). `depth` bounds the walk.
 */
function fromProcessEnv(raw: Node, ctx: ValueContext, depth: number): boolean {
  const n = unwrap(raw, ctx);
  const t = textOf(n, ctx);
  if (PROCESS_ENV.test(t)) return true;
  if (depth >= 2) return false;
  if (n.type === 'identifier') return everyLocalValue(n, ctx, (v) => fromProcessEnv(v, ctx, depth + 1));
  if (n.type === 'call_expression') {
    const callee = field(n, 'function');
    const args = field(n, 'arguments')?.namedChildren.filter((c) => c !== null && c.type !== 'comment') ?? [];
    if (callee?.type !== 'identifier' || args.length > 0) return false;
    const d = topLevelFunction(textOf(callee, ctx), n, ctx);
    if (!d) return false;
    const params = field(d, 'parameters')?.namedChildren.filter((c) => c !== null && c.type !== 'comment') ?? [];
    const body = field(d, 'body')?.text ?? '';
    return params.length === 0 && body.includes('process.env') && !/\b(req|request|ctx|params|query|body|input|args)\b/.test(body);
  }
  return false;
}

/**
 * The first function declared at the top level of the file as `name` (`function name`, `export
 * function name`, Go `func name`, Python `def name` also decorated; not a method).
 */
function topLevelFunction(name: string, from: Node, ctx: ValueContext): Node | undefined {
  ctx.readNames?.add(name);
  for (const decl of (ctx.root ?? from.tree.rootNode).namedChildren) {
    const d =
      decl?.type === 'export_statement' ? decl.namedChildren.find((c) => c?.type === 'function_declaration') : decl?.type === 'decorated_definition' ? field(decl, 'definition') : decl;
    if ((d?.type === 'function_declaration' || d?.type === 'function_definition') && field(d, 'name')?.text === name) return d;
  }
  return undefined;
}

/** A Go format verb: `%s`, `%-10v`, `%[2]d`; `%%` is a literal percent sign. */
const GO_VERB = /%(?:%|[-+# 0]*(?:\[\d+\])?(?:\d+|\*)?(?:\.(?:\d+|\*))?([a-zA-Z]))/g;

/** Calls whose result is an integer or a number formatted as text: never an injection by itself. */
const NUMERIC_TEXT = /^(strconv\.(Itoa|FormatInt|FormatUint|FormatFloat|FormatBool|Quote)|len|int|int64|uint|float64)$/;

/**
 * An argument a Go format string splices in that cannot carry attacker text: a constant, a table
 * name from a model (`(&pop.Model{Value: Factor{}}).TableName()`, `m.TableName()`), a number
 * formatted as text, or a local assigned only such values (`interval := fmt.Sprintf("interval '%d
 * seconds'", n)`). `depth` bounds the walk through locals.
 */
function codeControlledText(raw: Node, ctx: ValueContext, depth = 0): boolean {
  // `popx.DBColumns[identity.Identity](quoter)`: tree-sitter-go reads a call of an instantiated
  // generic function as a conversion to the generic type (which unwrap would drop); the column
  // list is still the model's.
  if (raw.type === 'type_conversion_expression' && /(^|\.)(TableName|DBColumns)\[[^\]]*\]$/.test(textOf(field(raw, 'type') ?? raw, ctx))) return true;
  const n = unwrap(raw, ctx);
  if (isConstant(n, ctx)) return true;
  if (n.type === 'call_expression') {
    const fn = field(n, 'function');
    const fnText = fn ? textOf(fn, ctx) : '';
    // A model's table or its column list read from the struct (popx.DBColumns[Identity](quoter)).
    if (/(^|\.)(TableName|DBColumns)(\[[^\]]*\])?$/.test(fnText)) return true;
    if (NUMERIC_TEXT.test(fnText)) return true;
    // Placeholders made from a literal: strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
    const callArgs = field(n, 'arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
    if (depth < 3 && fnText === 'strings.Repeat' && callArgs.length === 2) return codeControlledText(callArgs[0]!, ctx, depth + 1);
    if (depth < 3 && /^strings\.Trim(Suffix|Prefix|Right|Left|Space)?$/.test(fnText) && callArgs.length >= 1) {
      return callArgs.every((a) => codeControlledText(a, ctx, depth + 1));
    }
    if (fnText === 'fmt.Sprintf' && depth < 3) return !sprintfInterpolatesRuntimeValue(n, ctx, depth + 1);
    // `placeholder(len(args)+1)`, `placeholders(3)`: a helper that makes `?` / `$n` markers.
    if (PLACEHOLDER_HELPER.test(fnText)) return true;
    // `strings.Join(placeholders, ", ")` over a list filled only with such text.
    if (depth < 5 && fnText === 'strings.Join' && callArgs.length === 2) {
      return codeControlledList(callArgs[0]!, ctx, depth + 1, '') && codeControlledText(callArgs[1]!, ctx, depth + 1);
    }
    // `clause, args := inClause(1, batch)`: a function of this file that returns only such text.
    if (depth < 4 && fn?.type === 'identifier') return fileFunctionReturnsCodeText(textOf(fn, ctx), n, ctx, depth + 1);
    // `db.now()`, `db.dateSub(3, "HOUR")`, `db.upsert("id")`: a method of this file called with
    // constants only, whose returns are code-controlled text once its parameters are those
    // constants (a SQL dialect fragment chosen per driver).
    if (depth < 4 && fn?.type === 'selector_expression') return fileMethodReturnsCodeText(n, ctx, depth + 1);
    return false;
  }
  // `"(" + strings.Join(placeholders, ", ") + ")"`: text joined from code-controlled parts.
  if (n.type === 'binary_expression' && field(n, 'operator')?.type === '+') {
    const left = field(n, 'left');
    const right = field(n, 'right');
    return left !== null && right !== null && codeControlledText(left, ctx, depth) && codeControlledText(right, ctx, depth);
  }
  if (n.type === 'identifier' && isTrustedParameter(n, ctx)) return true;
  if (n.type === 'identifier' && depth < 4) return everyLocalValue(n, ctx, (v) => codeControlledText(v, ctx, depth + 1));
  return false;
}

/**
 * Parameters bound to constants at the call being followed (fileMethodReturnsCodeText): the method
 * declaration and its parameter names, innermost last.
 */
const trustedParameters: { decl: Node; names: Set<string> }[] = [];

/** `n` names a parameter of a method being followed from a call that passed only constants. */
function isTrustedParameter(n: Node, ctx: ValueContext): boolean {
  if (trustedParameters.length === 0) return false;
  const name = textOf(n, ctx);
  return trustedParameters.some((t) => t.names.has(name) && n.startIndex >= t.decl.startIndex && n.endIndex <= t.decl.endIndex);
}

/**
 * Names of the parameters of a Go function or method declaration that the call passes constants
 * to (`isConst` of the argument at the same position; a variadic parameter when every remaining
 * argument is constant).
 */
function constantBoundParameters(decl: Node, args: readonly Node[], isConst: (a: Node) => boolean): Set<string> {
  const names = new Set<string>();
  let i = 0;
  for (const p of field(decl, 'parameters')?.namedChildren ?? []) {
    if (p?.type === 'variadic_parameter_declaration') {
      const name = p.childForFieldName('name');
      if (name && args.slice(i).every(isConst)) names.add(name.text);
      break;
    }
    if (p?.type !== 'parameter_declaration') continue;
    for (const c of p.childrenForFieldName('name')) {
      if (!c) continue;
      const a = args[i++];
      if (a && isConst(a)) names.add(c.text);
    }
  }
  return names;
}

/**
 * Every method named like the call `call` (`recv.name(args)`) that this file declares returns
 * code-controlled text first in every `return` of its own body, the parameters the call passes
 * constants to standing for those constants: `func (db *datastore) now() string` returning
 * `"NOW()"` or an SQLite `strftime(…)`; `db.dateAdd(secs, "SECOND")` formatting the number with
 * `%d` and the unit with `%s` into `DATE_ADD(NOW(), INTERVAL %d %s)`.
 */
function fileMethodReturnsCodeText(call: Node, ctx: ValueContext, depth: number): boolean {
  if (ctx.family !== 'go') return false;
  const name = field(field(call, 'function') ?? call, 'field')?.text;
  const args = field(call, 'arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
  if (!name || args.some((a) => a.type === 'variadic_argument')) return false;
  const isConst = (a: Node): boolean => isConstant(unwrap(a, ctx), ctx);
  ctx.readNames?.add(name);
  const decls = (ctx.root ?? call.tree.rootNode).namedChildren.filter(
    (d): d is Node => d?.type === 'method_declaration' && field(d, 'name')?.text === name,
  );
  // Declared only in sibling files of the package: listed as `name()` when every declaration there
  // returns a string literal (symbolIndex.ts goTextFuncNames).
  if (decls.length === 0) return ctx.packageConstants?.has(`${name}()`) ?? false;
  return decls.every((decl) => {
    const firsts = firstReturnedValues(decl);
    if (!firsts) return false;
    trustedParameters.push({ decl, names: constantBoundParameters(decl, args, isConst) });
    try {
      return firsts.every((first) => first !== undefined && codeControlledText(first, ctx, depth));
    } finally {
      trustedParameters.pop();
    }
  });
}

/** Go helpers that make bind markers by name: `placeholder(n)`, `placeholders(len(args))`, `deleteUserPlaceholder(1)`. */
const PLACEHOLDER_HELPER = /(^|\.)(\w*[a-z0-9_])?[Pp]laceholders?$/;

/**
 * A Go string list whose every element is code-controlled text (codeControlledText): a literal
 * `[]string{"?", "?"}`, `make(…)`, `append(list, placeholder(i))`, or a local assigned only such
 * lists. `self` is the local being resolved, so `xs = append(xs, …)` does not recurse on `xs`.
 */
function codeControlledList(raw: Node, ctx: ValueContext, depth: number, self: string): boolean {
  const n = unwrap(raw, ctx);
  if (n.type === 'nil') return true;
  if (n.type === 'composite_literal') {
    const body = field(n, 'body');
    if (!body) return false;
    return body.namedChildren.every((c) => {
      if (c === null || c.type === 'comment') return true;
      if (c.type !== 'literal_element') return false;
      const e = c.namedChildren.find((x) => x !== null && x.type !== 'comment');
      return e !== undefined && e !== null && codeControlledText(e, ctx, depth);
    });
  }
  if (n.type === 'call_expression') {
    const fnText = textOf(field(n, 'function') ?? n, ctx);
    const args = field(n, 'arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
    if (fnText === 'make') return true;
    if (fnText !== 'append' || args.length === 0) return false;
    const [base, ...rest] = args;
    const baseOk = (base!.type === 'identifier' && textOf(base!, ctx) === self) || codeControlledList(base!, ctx, depth + 1, self);
    return baseOk && rest.every((a) => (a.type === 'variadic_argument'
      ? a.namedChildren[0] !== null && a.namedChildren[0] !== undefined && codeControlledList(a.namedChildren[0], ctx, depth + 1, self)
      : codeControlledText(a, ctx, depth)));
  }
  if (n.type === 'identifier' && isTrustedParameter(n, ctx)) return true;
  if (n.type === 'identifier' && depth < 6) return everyLocalValue(n, ctx, (v, name) => codeControlledList(v, ctx, depth + 1, name));
  return false;
}

/**
 * The Go function `name` is declared at the top level of this file (a package-level
 * `func name(…)`, not a method) and every `return` of its own body (not of closures in it)
 * returns code-controlled text first: `func inClause(start int, ids []T) (string, []any)` that
 * returns `"(" + strings.Join(placeholders, ", ") + ")", args`.
 */
function fileFunctionReturnsCodeText(name: string, from: Node, ctx: ValueContext, depth: number): boolean {
  const decl = topLevelFunction(name, from, ctx);
  if (!decl && ctx.family === 'go' && ctx.packageConstants?.has(`${name}()`)) return true;
  const firsts = decl ? firstReturnedValues(decl) : undefined;
  return firsts !== undefined && firsts.every((first) => first !== undefined && codeControlledText(first, ctx, depth));
}

/**
 * The first value of each `return` of a Go function's own body (not of closures in it), undefined
 * for a bare `return`; undefined when it has no body or no `return`.
 */
function firstReturnedValues(decl: Node): (Node | undefined)[] | undefined {
  const body = decl.childForFieldName('body');
  if (!body) return undefined;
  const returns = body.descendantsOfType('return_statement').filter((r): r is Node => {
    if (r === null) return false;
    for (let p = r.parent; p && p.id !== decl.id; p = p.parent) if (p.type === 'func_literal') return false;
    return true;
  });
  if (returns.length === 0) return undefined;
  return returns.map((r) => {
    const list = r.namedChildren.find((c) => c !== null && c.type !== 'comment');
    const first = list?.type === 'expression_list' ? list.namedChildren.find((c) => c !== null && c.type !== 'comment') : list;
    return first ?? undefined;
  });
}

/** A SQL literal's text ends where a value goes: after `=`, `<`, `>`, `LIKE`, `IN (` or inside `VALUES (…`. */
const SQL_VALUE_END = /([=<>]|\b[Ll][Ii][Kk][Ee]|\b[Ii][Nn]\s*\(|\b[Vv][Aa][Ll][Uu][Ee][Ss]\s*\([^)]*)\s*'?%?$/;

/**
 * Go: the `+` chain `n` splices a runtime value into a value position of its SQL: some operand
 * right after a literal ending in `=`, `LIKE`, `IN (` or `VALUES (` is not code-controlled
 * (codeControlledText: constants, numbers as text, placeholder helpers such as `placeholder(n)`,
 * `strings.Join` of a list of `?` markers, a local or file function returning only such text).
 * A chain whose value positions the code does not show at its top level counts as runtime text.
 */
export function concatSplicesRuntimeValue(raw: Node, ctx: ValueContext): boolean {
  const operands: Node[] = [];
  const flatten = (e: Node): void => {
    const u = unwrap(e, ctx);
    if (u.type === 'binary_expression' && field(u, 'operator')?.type === '+') {
      const l = field(u, 'left');
      const r = field(u, 'right');
      if (l) flatten(l);
      if (r) flatten(r);
    } else operands.push(u);
  };
  flatten(raw);
  let positioned = false;
  for (let i = 1; i < operands.length; i++) {
    const prev = operands[i - 1]!;
    if (prev.type !== 'interpreted_string_literal' && prev.type !== 'raw_string_literal') continue;
    if (!SQL_VALUE_END.test(textOf(prev, ctx).slice(1, -1))) continue;
    positioned = true;
    if (!codeControlledText(operands[i]!, ctx)) return true;
  }
  return !positioned;
}

/**
 * `fmt.Sprintf(format, args…)` splices a runtime value into text: some argument bound to %s or %v
 * (not %q, which quotes, %x, which hex-encodes, or the numeric verbs) is not code-controlled (codeControlledText). A format the code does not show (a variable) counts as
 * runtime text; so does an argument list the verbs cannot be matched to (`args...`).
 */
export function sprintfInterpolatesRuntimeValue(call: Node, ctx: ValueContext, depth = 0): boolean {
  const args = field(call, 'arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
  const format = args[0];
  if (!format || (format.type !== 'interpreted_string_literal' && format.type !== 'raw_string_literal')) return true;
  if (args.some((a) => a.type === 'variadic_argument')) return true;
  const verbs = [...textOf(format, ctx).matchAll(GO_VERB)].map((m) => m[1]).filter((v): v is string => v !== undefined);
  if (verbs.length !== args.length - 1) return true; // indexed verbs (%[2]s) or a mismatch: no guess
  // %s and %v splice text as it is; %q quotes it, %x hex-encodes it, the numeric verbs print numbers.
  return verbs.some((verb, i) => (verb === 's' || verb === 'v') && !codeControlledText(args[i + 1]!, ctx, depth));
}

/** Names of stored secrets whose comparison is a realistic timing oracle: MACs, signatures, API keys. */
const STRONG_SECRET_WORD = /(^|[^a-z])(h?mac|sig)($|[^a-z])|H?Mac|HMAC|Sig($|[^a-z])|SIG|[Ss]ignature|SIGNATURE|[Dd]igest|DIGEST|[Ss]ecret|SECRET|[Aa]pi[-_]?[Kk]ey|API[-_]?[Kk]ey|API[-_]?KEY|apikey|[Pp]assword_?[Hh]ash|PASSWORD_HASH|password_digest/;
const STRONG_SECRET = new RegExp(`${SHARED_KEY_NAME.source}|${STRONG_SECRET_WORD.source}`);

/** Request input read directly: headers, query, form and body fields, `req.session` excluded. */
const REQUEST_ACCESS = /^(req|request|r|ctx\.request|ctx)\.(body|query|params|headers?|Header|form|args|GET|POST|cookies|URL\.Query\(\))\b|\.(FormValue|PostFormValue|Query|Param|GetHeader|QueryParam)\(|^(req|request|r)\.(get|header|Header\.Get)\(/;

/** Python: a token the request object carries as an attribute (`request.bearer_token`, `request.auth_token`). */
const PY_REQUEST_TOKEN = /^(self\.)?(req|request)\.\w*token$/;

/**
 * The value comes straight from the request (a header, query, form or body field); in Python also
 * a request attribute holding a token, or a local the function assigns from a request read
 * (`token = request.headers.get("X-CSRF-Token") or request.form.get("csrf_token")`).
 */
function fromRequest(n: Node, ctx: ValueContext): boolean {
  const u = unwrap(n, ctx);
  const text = textOf(u, ctx);
  if (REQUEST_ACCESS.test(text)) return true;
  if (ctx.family === 'go') return goLocalFromRequest(u, ctx);
  if (ctx.family !== 'python') return false;
  if (PY_REQUEST_TOKEN.test(text)) return true;
  if (u.type !== 'identifier') return false;
  const fn = enclosingFunction(u, ctx);
  const values = fn ? functionFacts(fn, ctx).values.get(text) : undefined;
  return values !== undefined && values.some((t) => REQUEST_ACCESS.test(t));
}

/** Go: a request header read in a fasthttp/fiber handler, `c.Request().Header.Peek("Authorization")`. */
const GO_REQUEST_HEADER = /\.Header\.(Peek|Cookie)\(|\.(Get|Header)\(\s*"(Authorization|X-[\w-]*(Token|Key|Secret))"/i;

/**
 * Go: a local the function assigns from a request read, directly or through one more local
 * (`authorizationHeader := string(c.Request().Header.Peek("Authorization"))`, then
 * `token := strings.TrimPrefix(authorizationHeader, "Bearer ")`).
 */
function goLocalFromRequest(u: Node, ctx: ValueContext): boolean {
  if (u.type !== 'identifier') return false;
  const fn = enclosingFunction(u, ctx);
  if (!fn) return false;
  const facts = functionFacts(fn, ctx).values;
  const direct = (t: string) => REQUEST_ACCESS.test(t) || GO_REQUEST_HEADER.test(t);
  const values = facts.get(textOf(u, ctx));
  if (values === undefined) return false;
  return values.some((t) => direct(t) || [...t.matchAll(/\b[A-Za-z_]\w*\b/g)].some((m) => m[0] !== textOf(u, ctx) && (facts.get(m[0]) ?? []).some(direct)));
}

/**
 * A secret comparison (isSecretComparison) where one side is a MAC, signature, digest, secret or
 * API key: the shapes where an early-exit compare is a practical oracle (webhook signatures, API
 * keys). Token, OTP and password compares stay timing regions for review, not findings: on real
 * code most compare values the caller cannot iterate (looked up by the same token first).
 */
export function isStrongSecretComparison(a: Node, b: Node, ctx: ValueContext): boolean {
  if (!isSecretComparison(a, b, ctx)) return false;
  // `token = signer.unsign(signed_token)`: the value already passed a signature check, so the
  // caller cannot vary it to learn how much of the other side matched.
  if (signatureVerified(a, ctx) || signatureVerified(b, ctx) || signedHeld(a, ctx, 0) || signedHeld(b, ctx, 0)) return false;
  // `project = Project.objects.for_api_key(api_key)`, `if project is None: return error(…)`, then
  // `api_key == project.api_key_readonly`: the key already matched a stored one, so the caller
  // holds a valid key and the compare only tells which kind (Python).
  if (ctx.family === 'python' && (lookedUpBefore(a, ctx) || lookedUpBefore(b, ctx))) return false;
  // `session_hash = session.get("hash"); if session_hash != hmac(user.password)`: the session value
  // is the server's own (a signed cookie in Flask, a server-side store in Django), and the other
  // side is computed on the server: the caller presents neither, so there is nothing to iterate.
  if ((sessionHeld(a, ctx) && !fromRequest(b, ctx)) || (sessionHeld(b, ctx) && !fromRequest(a, ctx))) return false;
  const strong = (n: Node) => {
    const name = valueName(n, ctx);
    return STRONG_SECRET.test(name) && !NOT_SECRET_NAME.test(name);
  };
  if (strong(a) || strong(b) || macDerived(a, ctx) || macDerived(b, ctx)) return true;
  // A token or OTP read from the request compared with the expected one: the caller iterates it.
  if ((fromRequest(a, ctx) && secretBearing(b, ctx)) || (fromRequest(b, ctx) && secretBearing(a, ctx))) return true;
  // Python, round 35 (synapse): `def get_app_service_by_token(self, token): for service in
  // self.services: if service.token == token`: a lookup named for the credential it is given
  // scans the known ones with ==; the caller's token is what is being authenticated.
  return ctx.family === 'python' && ((pyLookupKeyParameter(a, ctx) && secretBearing(a, ctx) && secretBearing(b, ctx)) || (pyLookupKeyParameter(b, ctx) && secretBearing(b, ctx) && secretBearing(a, ctx)));
}

/** Python: `n` is a parameter its function is named to look something up by (`get_user_by_token(token)`). */
function pyLookupKeyParameter(raw: Node, ctx: ValueContext): boolean {
  const n = unwrap(raw, ctx);
  if (n.type !== 'identifier') return false;
  const fn = enclosingFunction(n, ctx);
  const fnName = fn?.childForFieldName('name');
  if (!fn || !fnName) return false;
  const name = textOf(n, ctx);
  return textOf(fnName, ctx).endsWith(`_by_${name}`) && functionFacts(fn, ctx).parameters.has(name) && !functionFacts(fn, ctx).values.has(name);
}

/**
 * A secret comparison (isSecretComparison) where one side is a local holding a MAC the function
 * computed (`fingerprint = create_config_fingerprint(user)` returning a salted_hmac digest), whatever
 * the operands are called.
 */
export function isMacComparison(a: Node, b: Node, ctx: ValueContext): boolean {
  return (macDerived(a, ctx) || macDerived(b, ctx)) && isSecretComparison(a, b, ctx);
}

/** Python: a read of the server-held session by key (Flask `session.get("hash")`, `session["id"]`, Django `request.session["k"]`). */
const SESSION_READ = /^(self\.)?(request\.)?session(\.get\(\s*[rbuRBU]?["']|\[\s*[rbuRBU]?["'])/;

/** Python: the value is (or a local bound only to) a read of the server-held session by key. */
function sessionHeld(raw: Node, ctx: ValueContext): boolean {
  if (ctx.family !== 'python') return false;
  const n = unwrap(raw, ctx);
  if (SESSION_READ.test(textOf(n, ctx))) return true;
  if (n.type !== 'identifier') return false;
  const fn = enclosingFunction(n, ctx);
  const values = fn ? functionFacts(fn, ctx).values.get(textOf(n, ctx)) : undefined;
  return values !== undefined && values.length > 0 && values.every((t) => SESSION_READ.test(t));
}

/** Calls that return a value only after checking its signature (Django signing, itsdangerous). */
const SIGNATURE_CHECKED = /^(await\s+)?([\w.]*\.unsign(_object)?|([\w.]*\.)?signing\.loads)\(/;

/**
 * Python: before `raw` (a name) in its function, a call took it as an argument, its result was
 * bound to a name, and the next statement returns or raises when that result is None or falsy:
 * `project = Project.objects.for_api_key(api_key)` / `if project is None:` / `return error(…)`.
 * Past that point the value is one the store knows (looked up by itself).
 */
function lookedUpBefore(raw: Node, ctx: ValueContext): boolean {
  const n = unwrap(raw, ctx);
  if (n.type !== 'identifier') return false;
  const fn = enclosingFunction(n, ctx);
  if (!fn) return false;
  const before = ctx.text.slice(fn.startIndex, n.startIndex);
  const name = escapeRegExp(textOf(n, ctx));
  const lookup = new RegExp(
    String.raw`(?:^|\n)\s*(\w+)\s*=\s*(?:await\s+)?[\w.]+\([^()\n]*\b${name}\b[^\n]*\)\s*\n\s*if\s+(?:\1\s+is\s+None|not\s+\1)\s*:\s*\n?\s*(?:return|raise)\b`,
  );
  return lookup.test(before);
}

function signatureVerified(raw: Node, ctx: ValueContext): boolean {
  const n = unwrap(raw, ctx);
  if (n.type !== 'identifier') return false;
  const fn = enclosingFunction(n, ctx);
  const values = fn ? functionFacts(fn, ctx).values.get(textOf(n, ctx)) : undefined;
  return values !== undefined && values.length > 0 && values.every((t) => SIGNATURE_CHECKED.test(t));
}

const RETRY_WORD = /[Rr]etr(y|ies|ied|ying)|RETR(Y|IES)|[Aa]ttempt|ATTEMPT|[Bb]ack[Oo]ff(?!ic)|BACK_?OFF(?!IC)|(^|[^a-z])tries\b|Tries|TRIES/;
const WAIT_CALL = /time\.(Sleep|After)\(|asyncio\.sleep\(|time\.sleep\(|\bsleep\(|setTimeout\(|\bdelay\(|\bwait\(|[Bb]ack[Oo]ff(?!ic)\w*\(|\.(After|Sleep)\(/;

/**
 * A loop that retries: it waits (sleep, timer, backoff call) somewhere in its body and names
 * attempts, retries or backoff. Polling loops that only sleep, and retry counters that never
 * wait, do not qualify.
 */
export function isRetryLoop(n: Node, ctx: ValueContext): boolean {
  const text = textOf(n, ctx);
  return WAIT_CALL.test(text) && RETRY_WORD.test(text);
}

/** A SQLAlchemy statement built from column expressions: `select(User)…`, `self._query()…`, `update(T)…`. */
// (`db.select(…)`: Flask-SQLAlchemy's `db` object re-exports the constructs; round 52, flaskbb.)
const ORM_STATEMENT = /^(await\s+)?(\(\s*)*((sa|sqlalchemy|sql|sqlmodel|expression|db)\.)?(select|update|delete|insert|exists|union|union_all)\s*\(|^(await\s+)?(\(\s*)*(self\.|cls\.)?(\w+\.)*_?query\s*\(/;
/** Raw SQL in a statement: text()/literal_column() pieces or formatted strings. */
const RAW_SQL_PIECE = /(^|[^A-Za-z0-9])(\w+_)?(text|literal_column)\s*\(|(^|[^\w])[rRbB]?[fF][rRbB]?["']|["']\s*%\s*[\w(]|\.format\(/;
/**
 * Signs that the enclosing function builds a statement's shape from its input: a filter keyed by
 * a variable (`filter_by(**{match_key: v})`, `getattr(Model, field)`), a bare column name compared
 * (`.filter(attribute_name == value)`), raw SQL pieces, or caller-supplied keyword filters; a LIKE
 * pattern concatenated from input (`.like(prefix + '%')`: wildcards in it are not escaped) or
 * columns from a caller's dict (`.values(**values)`) (round 70, byceps).
 */
const DYNAMIC_ORM = /\.i?like\(\s*([a-z_][\w.]*\s*\+|f["'])|\.values\(\s*\*\*|\*\*\{\s*[A-Za-z_(]|\bgetattr\(\s*[^,()]+,\s*[A-Za-z_]|\.(filter|where|having)\(\s*[a-z_]\w*\s*(==|!=|>=|<=|<|>)|\.(order_by|group_by)\(\s*[a-z_]\w*\s*[,)]/;
/** Parameter names that carry a query's shape (a search, filter, ordering, column or key). */
const QUERY_SHAPE_PARAMETER = /(^|_)(search|query|filter|filters|where|order(?!_(number|numbers|id|ids|no|nr|code|ref|uuid|item|items|line|lines|status|token))|order_by|sort|sort_by|pagination|column|columns|col|field|fields|attr|attribute|key|table|tables)(_|$)/i;

/**
 * `session.execute(stmt)` where `stmt` is a fixed SQLAlchemy ORM statement: built only from
 * column expressions (`select(User).filter(User.username == username)`, values bound as
 * parameters), in a function that takes no part of the query's shape from its input. The call
 * is the execute callee's call; a statement held in a parameter, or assigned anything else, is
 * not known fixed.
 */
/**
 * The parameter is only copied onto the object (`self.Key = convert(Key)` in a model's `__init__`):
 * it names a column's value, not a part of the query the function runs.
 */
function onlyStoredOnSelf(name: string, fn: Node, ctx: ValueContext): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return false;
  const word = new RegExp(`(^|[^\\w.])${name.replace(/[^\w]/g, '')}\\b`);
  const uses = textOf(body, ctx).split('\n').filter((line) => !/^\s*#/.test(line) && word.test(line));
  return uses.every((line) => /^\s*self\.\w+\s*=[^=]/.test(line) && !/^\s*self\.\w+\s*=.*\b(select|query|filter|order_by|where|text|getattr)\b/.test(line));
}

/**
 * Python: the top-level function of the file that a statement's text starts by calling, when its
 * return annotation is an ORM statement type (`-> Select`); its body, for the raw-SQL check.
 */
function pythonStatementHelper(statement: string, from: Node, ctx: ValueContext): Node | undefined {
  // (Or a method of the enclosing class, `self._get_readable_statement(auth_subject).where(…)`:
  // round 83, polar's repositories and services.)
  const m = /^(?:await\s+)?(?:\(\s*)*(?:(self|cls)\.)?([A-Za-z_]\w*)\s*\(/.exec(statement);
  const d = m ? (m[1] ? classMethod(m[2]!, from, ctx) : topLevelFunction(m[2]!, from, ctx)) : undefined;
  const returns = d ? field(d, 'return_type') : null;
  return d && returns && ORM_STATEMENT_TYPE.test(textOf(returns, ctx)) ? (field(d, 'body') ?? undefined) : undefined;
}

/** Python: the method `name` of the class that encloses `from`. */
function classMethod(name: string, from: Node, ctx: ValueContext): Node | undefined {
  // From the method around `from` (the engine's indexed lookup), a few steps up to its class.
  let cls: Node | null = enclosingFunction(from, ctx);
  while (cls && cls.type !== 'class_definition') cls = parentOf(cls, ctx);
  const body = cls ? field(cls, 'body') : null;
  if (!body) return undefined;
  ctx.readNames?.add(name);
  for (const decl of body.namedChildren) {
    const d = decl?.type === 'decorated_definition' ? field(decl, 'definition') : decl;
    if (d?.type === 'function_definition' && field(d, 'name')?.text === name) return d;
  }
  return undefined;
}

/** SQLAlchemy statement types a parameter may be annotated with (`Select`, `Select[Any]`, `sa.Update`, `Executable`). */
const ORM_STATEMENT_TYPE = /^((sa|sqlalchemy|sql)\.)?(Select|Update|Delete|Insert|Executable)(\[.*\])?$/;

function ormTypedParameter(fn: Node, name: string, ctx: ValueContext): boolean {
  const typed = pyParameterAnnotation(fn, name, ctx);
  return typed?.parameter.type === 'typed_parameter' && ORM_STATEMENT_TYPE.test(typed.annotation);
}

/** Python: the annotation of `fn`'s parameter `name` (`statement: Select`, `token: StreamToken = None`), and its parameter node. */
function pyParameterAnnotation(fn: Node, name: string, ctx: ValueContext): { parameter: Node; annotation: string } | undefined {
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p?.type !== 'typed_parameter' && p?.type !== 'typed_default_parameter') continue;
    const pn = p.type === 'typed_parameter' ? p.namedChildren.find((c) => c?.type === 'identifier') : field(p, 'name');
    const type = field(p, 'type');
    if (pn && type && textOf(pn, ctx) === name) return { parameter: p, annotation: textOf(type, ctx).trim() };
  }
  return undefined;
}

export function isFixedOrmQuery(callee: Node, ctx: ValueContext): boolean {
  const call = callee.parent;
  if (!call || (call.type !== 'call' && call.type !== 'call_expression')) return false;
  const first = call.childForFieldName('arguments')?.namedChildren.find((c) => c !== null && c.type !== 'comment');
  if (!first) return false;
  let arg = unwrap(first, ctx);
  // `session.execute(stmt.with_only_columns(func.count()))`, `stmt.limit(1)`: a local statement
  // continued in place is the local's statement (round 83, polar).
  if (ctx.family === 'python' && arg.type === 'call') {
    const root = chainRoot(arg);
    if (root && root.id !== arg.id && /^\w+\.\w+\(/.test(textOf(arg, ctx)) && !RAW_SQL_PIECE.test(textOf(arg, ctx)) && !/^(self|cls|session|db|conn|connection|sa|sqlalchemy|sql)$/.test(textOf(root, ctx))) arg = root;
  }
  const fn = enclosingFunction(call, ctx);
  let statements: string[];
  // The bodies of statement helpers of the file the statement comes from (`-> Select` functions).
  const helpers: string[] = [];
  const ormStatement = (t: string): boolean => {
    if (ORM_STATEMENT.test(t)) return true;
    // `_get_user_stmt(include_avatar).filter(DbUser.id == user_id)`: a helper of the file annotated
    // to return a statement (`def _get_user_stmt(include_avatar: bool) -> Select`: round 70,
    // byceps's user repository), whose own body is checked for raw SQL pieces and a shape built
    // from its input too.
    const helper = ctx.family === 'python' ? pythonStatementHelper(t, call, ctx) : undefined;
    if (helper) helpers.push(textOf(helper, ctx));
    return helper !== undefined;
  };
  if (arg.type === 'identifier') {
    const name = textOf(arg, ctx);
    const values = fn ? functionFacts(fn, ctx).values.get(name) : undefined;
    // Round 35 (fief): a repository's generic runner takes a statement typed as an ORM construct
    // (`async def _execute_statement(self, statement: Executable)`): built from column expressions
    // by its callers, where any text() piece is its own region.
    if ((!values || values.length === 0) && fn && ormTypedParameter(fn, name, ctx)) {
      statements = [];
    } else {
      if (!values || values.length === 0) return false;
      const continues = (t: string) => t.replace(/^(\(\s*)+/, '').startsWith(`${name}.`);
      const kinds = values.map((t) => (ormStatement(t) ? 'statement' : continues(t) ? 'continued' : 'other'));
      if (!kinds.includes('statement') || kinds.includes('other')) return false;
      statements = values;
    }
  } else if (arg.type === 'call') {
    statements = [textOf(arg, ctx)];
    if (!ormStatement(statements[0]!)) return false;
  } else {
    return false;
  }
  if ([...statements, ...helpers].some((t) => RAW_SQL_PIECE.test(t))) return false;
  if (helpers.some((t) => DYNAMIC_ORM.test(t))) return false;
  if (!fn) return true;
  const params = fn.childForFieldName('parameters');
  if (params) {
    if (params.namedChildren.some((p) => p?.type === 'dictionary_splat_pattern')) return false;
    for (const id of params.namedChildren) {
      const nameNode = id?.type === 'identifier' ? id : id?.namedChildren.find((c) => c?.type === 'identifier');
      if (nameNode && QUERY_SHAPE_PARAMETER.test(textOf(nameNode, ctx)) && !onlyStoredOnSelf(textOf(nameNode, ctx), fn, ctx)) return false;
    }
  }
  return !DYNAMIC_ORM.test(textOf(fn.childForFieldName('body') ?? fn, ctx));
}

/**
 * Calls that change data or the schema (or may: an `execute` whose result is not read as rows), or
 * that make the block transaction control anyway (a row lock, an isolation level, a savepoint).
 */
const WRITE_CALL = /^(add|add_all|delete|merge|commit|flush|bulk_\w+|save\w*|create\w*|insert\w*|update\w*|upsert\w*|remove\w*|execute|executemany|exec_driver_sql|run_migrations|upgrade|downgrade|stamp|drop\w*|truncate|set_\w+|setattr|put|post|patch|write\w*|persist|destroy|refresh|expire\w*|delete\w*|store\w*|execution_options|with_for_update|begin_nested|lock\w*)$/;
/** Methods that read an execute's result as rows: the statement was a query. */
const ROW_READ = /^(scalars|scalar|scalar_one|scalar_one_or_none|all|one|one_or_none|first|fetchall|fetchone|fetchmany|unique|mappings|tuples|partitions)$/;

/**
 * A SQLAlchemy `begin()` or `rollback()` around reads only: the `with` block `begin()` opens, or
 * the `try` whose `except` rolls back (else the whole function), calls nothing that writes, sets
 * no attribute of a loaded object, and reads every `execute` back as rows
 * (`session.execute(q).scalars().all()`). Rolling back after a failed read is session hygiene,
 * and a transaction opened to read the migration version guards no multi-step write.
 */
export function isReadOnlyTransaction(callee: Node, ctx: ValueContext): boolean {
  if (/(^|\.)db_session$/.test(textOf(callee, ctx))) return isReadOnlyPonySession(callee, ctx);
  const call = callee.parent;
  if (!call || call.type !== 'call') return false;
  const method = memberName(callee, ctx);
  if (method !== 'begin' && method !== 'rollback') return false;
  let scope: Node | null = null;
  for (let p: Node | null = call.parent, depth = 0; p && depth < 40; p = p.parent, depth++) {
    if (FUNCTION_TYPES.has(p.type)) {
      scope = scope ?? p.childForFieldName('body');
      break;
    }
    if (method === 'rollback' && p.type === 'except_clause') {
      const tryStatement = p.parent;
      scope = tryStatement?.childForFieldName('body') ?? null;
      break;
    }
    if (method !== 'rollback' && p.type === 'with_statement') {
      scope = p.childForFieldName('body');
      break;
    }
  }
  if (!scope) return false;
  const block = scope;
  return !writesIn(block, ctx, (c, name) => {
    if (!WRITE_CALL.test(name)) return false;
    if (name !== 'execute') return true;
    const next = c.parent?.type === 'attribute' ? c.parent : null;
    const reader = next && next.parent?.type === 'call' ? memberName(next, ctx) : undefined;
    return reader ? !ROW_READ.test(reader) : !readBackAsRows(c, block, ctx);
  });
}

/**
 * Python: the block deletes (`del x`), assigns an attribute or item (`obj.x = …`, `d[k] = …`), or
 * makes a call `writes` says changes data (given the call and its function's or method's name).
 */
function writesIn(scope: Node, ctx: ValueContext, writes: (call: Node, name: string) => boolean): boolean {
  for (const c of scope.descendantsOfType(['call', 'assignment', 'augmented_assignment', 'delete_statement'])) {
    if (!c) continue;
    if (c.type === 'delete_statement') return true;
    if (c.type !== 'call') {
      const left = c.childForFieldName('left');
      if (left && (left.type === 'attribute' || left.type === 'subscript')) return true;
      continue;
    }
    const fn = c.childForFieldName('function');
    if (writes(c, fn ? (fn.type === 'identifier' ? textOf(fn, ctx) : memberName(fn, ctx) ?? '') : '')) return true;
  }
  return false;
}

/**
 * Pony ORM's `@db_session` (or `with db_session:`) around reads only: the function selects and
 * reads attributes (`self.TrackerState.select(lambda g: …).order_by(…).limit(1)`,
 * `select(max(o.rowid) for o in …).get()`), creates no entity (a call of a capitalised name:
 * `self.TorrentState(infohash=h)`), assigns no attribute or item and calls nothing that writes
 * (`obj.set(**kw)`, `delete()`, `commit()`, `flush()`). Round 90, Tribler: 7 such sessions judged N;
 * the session only scopes the identity map for the reads.
 */
function isReadOnlyPonySession(callee: Node, ctx: ValueContext): boolean {
  let scope: Node | null = null;
  const holder = callee.parent;
  if (holder?.type === 'decorator') {
    const def = holder.parent?.childForFieldName('definition');
    scope = def?.type === 'function_definition' ? def.childForFieldName('body') : null;
  } else if (holder?.type === 'with_item') {
    scope = holder.parent?.parent?.type === 'with_statement' ? holder.parent.parent.childForFieldName('body') : null;
  }
  // An entity made (`self.TorrentState(infohash=h)`: a capitalised call), or a write call.
  return !!scope && !writesIn(scope, ctx, (_c, name) =>
    (/^[A-Z]\w*$/.test(name) && !/^[A-Z0-9_]+$/.test(name)) || WRITE_CALL.test(name) || /^(set|append|extend|pop|clear|discard|sync\w*|save)$/.test(name));
}

/**
 * `result = await session.execute(query)` whose name the scope then reads as rows
 * (`result.scalars().first()`): the statement was a query (round 69, fides' `async with
 * session.begin()` around one select).
 */
function readBackAsRows(call: Node, scope: Node, ctx: ValueContext): boolean {
  let value: Node = call;
  if (value.parent?.type === 'await') value = value.parent;
  const assignment = value.parent;
  const target = assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === value.id ? assignment.childForFieldName('left') : null;
  if (target?.type !== 'identifier') return false;
  const name = textOf(target, ctx);
  for (const a of scope.descendantsOfType('attribute')) {
    const object = a?.childForFieldName('object');
    if (!a || object?.type !== 'identifier' || textOf(object, ctx) !== name || a.startIndex < call.endIndex) continue;
    if (a.parent?.type === 'call' && ROW_READ.test(memberName(a, ctx) ?? '')) return true;
  }
  return false;
}

const SYNC_PRIMITIVE = /(Semaphore|BoundedSemaphore|Lock|RLock|Condition|CapacityLimiter)\s*\(/;

/**
 * `async with sem:` in a nested coroutine whose `sem` is the enclosing function's own
 * `asyncio.Semaphore(n)`: the closure is the outer function's bounded fan-out, which that function's
 * region already covers (its gather or spawn), not a second operation.
 */
export function isClosurePrimitive(n: Node, ctx: ValueContext): boolean {
  if (n.type !== 'identifier') return false;
  const fn = enclosingFunction(n, ctx);
  if (!fn) return false;
  const name = textOf(n, ctx);
  if (functionFacts(fn, ctx).bound.has(name)) return false;
  const outer = fn.parent ? enclosingFunction(fn.parent, ctx) : null;
  const values = outer ? functionFacts(outer, ctx).values.get(name) : undefined;
  return values !== undefined && values.length > 0 && values.every((t) => SYNC_PRIMITIVE.test(t));
}

/** A JWT verification call: jose `jwtVerify`, jsonwebtoken `jwt.verify`, NestJS `this.jwtService.verifyAsync<T>(…)`. */
const JWT_VERIFIED_SOURCE = /^(await\s+)?(\(\s*)*(\w+\.)*(jwtVerify|verifyJWT|verifyJwt|[jJ]wt\w*\.verify(?:Async)?)(?:<[^()]*>)?\(/;

/**
 * `#verified-claim-compare? @cmp` (ECMAScript findings): one side of the comparison is a claim of a
 * JWT the function verified (a name destructured from, or a field of a local bound to, `await
 * jwtService.verifyAsync(token)` / `jwt.verify(token, key)`): the caller cannot vary a signed claim
 * without the key, and can read it anyway, so an early-exit comparison leaks nothing. The region
 * stays (the comparison still decides access); only the timing finding is dropped.
 */
export function isVerifiedClaimComparison(a: Node, b: Node, ctx: ValueContext): boolean {
  if (ctx.family !== 'ecma') return false;
  const held = (n: Node) => heldFrom(n, ctx, 0, (t) => JWT_VERIFIED_SOURCE.test(t));
  return held(a) || held(b);
}

/**
 * Python names of a sentinel or placeholder value (`self.empty_secret`, `self._secret_save_to_vault_mark`,
 * `placeholder_password`): a known marker compared to see which case a value is, like `EMPTY_TOKEN`.
 */
const PY_SENTINEL_NAME = /(^|_)(empty|placeholder|sentinel|marker|mark|dummy|censored|redacted|masked|canary|unset)(_|$)/i;
/** Builtins whose value is a bool: `isinstance(f, EncryptMixin) == secret` compares flags. */
const PY_BOOL_CALL = /^(isinstance|issubclass|hasattr|callable|bool|all|any)$/;
/** Where a request's values come from: a chain through one of these names is presented, not stored. */
const PY_PRESENTED_CHAIN = /(^|\.)(req|request|data|form|payload|body|params|args|kwargs|headers|cookies|serializer|validated_data|cleaned_data|initial_data|query_params|POST|GET|json|credentials|creds|provided|presented|submitted|incoming|attrs)(\.|\(|\[|$)/;

/**
 * Python pairs that compare no presented secret:
 * - one side is named as a sentinel or placeholder (`secret != self.empty_secret`);
 * - one side is a bool (a builtin predicate's value, a comparison, `not x`, or a parameter whose
 *   default is `True`/`False`: `isinstance(i, EncryptMixin) == secret`);
 * - both sides are secret-named fields of records the code holds (`account.secret !=
 *   latest_history.secret`, `account.secret == record.new_secret`): neither object is a parameter
 *   (other than `self`) or a value read from the request, so the caller supplies neither side;
 * - change detection: `user.email_lookup == email_lookup` where the function then assigns
 *   `user.email_lookup = email_lookup` (a no-op update skipped).
 */
function pythonNotSecretPair(a: Node, b: Node, ctx: ValueContext): boolean {
  const ua = unwrap(a, ctx);
  const ub = unwrap(b, ctx);
  if (pySentinel(ua, ctx) || pySentinel(ub, ctx)) return true;
  if (pyBoolean(ua, ctx) || pyBoolean(ub, ctx)) return true;
  if (pyStoredField(ua, ctx) && pyStoredField(ub, ctx)) return true;
  if (pyStreamPosition(ua, ctx) || pyStreamPosition(ub, ctx)) return true;
  if (pyNormalFormCheck(a, ub, ctx) || pyNormalFormCheck(b, ua, ctx)) return true;
  if (pyPairKey(ua, ctx) || pyPairKey(ub, ctx)) return true;
  return pyAssignedAfter(ua, ub, ctx) || pyAssignedAfter(ub, ua, ctx);
}

/**
 * A value against a method of itself, `password.strip() != password`, `name.lower() == name`: asks
 * whether the value is in normal form (a policy check of what the user typed; round 94, freeIPA's
 * Directory Manager password rules), nothing is verified.
 */
function pyNormalFormCheck(call: Node, other: Node, ctx: ValueContext): boolean {
  if (call.type !== 'call' || (other.type !== 'identifier' && other.type !== 'attribute')) return false;
  const fn = field(call, 'function');
  return fn?.type === 'attribute' && textOf(field(fn, 'object') ?? fn, ctx) === textOf(other, ctx);
}

/**
 * The name half of a `name=secret` line split in two, `(token, pin) = line.split('=', 1)`,
 * `user, password = entry.split(':')`: the first part says which entry the line is (Dogtag's
 * `internal=<pin>` password file, round 94 freeIPA), the secret is the other part.
 */
function pyPairKey(n: Node, ctx: ValueContext): boolean {
  if (n.type !== 'identifier') return false;
  const fn = enclosingFunction(n, ctx);
  if (!fn) return false;
  const name = escapeRegExp(textOf(n, ctx));
  const m = new RegExp(`(^|\\n)\\s*\\(?\\s*${name}\\s*,\\s*(\\w+)\\s*\\)?\\s*=\\s*[\\w.\\[\\]()]+\\.(r?split|partition|rpartition)\\(`).exec(textOf(fn, ctx));
  const other = m?.[2] ?? '';
  return m !== null && (SECRET_NAME.test(other) || /^(pin|passphrase|passcode)$/i.test(other)) && !NOT_SECRET_NAME.test(other);
}

/**
 * Round 35 (synapse): the bounds of a stream or page range named as tokens (`from_token ==
 * upto_token`, `from_key == max_token`, `token != current_batch_token`) are positions; so is a
 * parameter annotated as a stream/position type (`token: StreamToken`) or a token
 * annotated as a number (`token: int`). Comparing positions tells the caller nothing secret.
 */
const PY_POSITION_TOKEN_NAME = /(^|_)(from|upto|up_to|to|since|max|min|start|end|batch|stream_pos|position)_(token|key)$/;
const PY_POSITION_TYPE = /^\w*(Stream|Position|Cursor|Offset)\w*$/;

function pyStreamPosition(n: Node, ctx: ValueContext): boolean {
  if (n.type !== 'identifier' && n.type !== 'attribute') return false;
  const name = n.type === 'identifier' ? textOf(n, ctx) : memberName(n, ctx) ?? '';
  if (PY_POSITION_TOKEN_NAME.test(name)) return true;
  if (n.type !== 'identifier') return false;
  const fn = enclosingFunction(n, ctx);
  const typed = fn ? pyParameterAnnotation(fn, name, ctx) : undefined;
  if (!typed) return false;
  const bare = typed.annotation.replace(/^Optional\[(.*)\]$/, '$1').replace(/\s*\|\s*None$|^None\s*\|\s*/, '').trim();
  // (A number is a position only under a token's name: `otp: int` is a one-time code.)
  return PY_POSITION_TYPE.test(bare) || (/^int$/.test(bare) && /(^|_)token$/.test(name));
}

function pySentinel(n: Node, ctx: ValueContext): boolean {
  if (n.type !== 'identifier' && n.type !== 'attribute') return false;
  const name = n.type === 'identifier' ? textOf(n, ctx) : memberName(n, ctx) ?? '';
  return PY_SENTINEL_NAME.test(name);
}

function pyBoolean(n: Node, ctx: ValueContext): boolean {
  if (n.type === 'not_operator' || n.type === 'comparison_operator' || n.type === 'boolean_operator') return true;
  if (n.type === 'call') {
    const callee = field(n, 'function');
    return callee?.type === 'identifier' && PY_BOOL_CALL.test(textOf(callee, ctx));
  }
  if (n.type !== 'identifier') return false;
  const fn = enclosingFunction(n, ctx);
  const params = fn?.childForFieldName('parameters');
  if (!params) return false;
  const name = textOf(n, ctx);
  return params.namedChildren.some((p) => {
    if (p?.type !== 'default_parameter' && p?.type !== 'typed_default_parameter') return false;
    const pn = field(p, 'name');
    const value = field(p, 'value');
    return pn !== null && textOf(pn, ctx) === name && (value?.type === 'true' || value?.type === 'false');
  });
}

/** `record.secret`: a secret-named field of a local or `self` the request did not supply. */
function pyStoredField(n: Node, ctx: ValueContext): boolean {
  if (n.type !== 'attribute') return false;
  const last = memberName(n, ctx) ?? '';
  if (!SECRET_NAME.test(last) || PY_PRESENTED_CHAIN.test(textOf(n, ctx)) || PRESENTED_SIDE.test(textOf(n, ctx))) return false;
  const root = chainRoot(n);
  if (!root) return false;
  const rootName = textOf(root, ctx);
  if (rootName === 'self' || rootName === 'cls') return true;
  const fn = enclosingFunction(root, ctx);
  if (!fn) return false;
  const facts = functionFacts(fn, ctx);
  if (facts.parameters.has(rootName) || !facts.bound.has(rootName)) return false;
  const values = facts.values.get(rootName) ?? [];
  return !values.some((v) => PY_PRESENTED_CHAIN.test(v) || PRESENTED_SIDE.test(v));
}

/**
 * `field` (`user.email_lookup`) is assigned `value` (a local) after the comparison in its function;
 * or an entry of a parsed file is set from the setting it differed from (`connector.attrib[secretattr]
 * = self.ajp_secret` after `connector.attrib[secretattr] != self.ajp_secret`: round 94, freeIPA writing
 * its AJP secret into Tomcat's server.xml; a config sync, no presented value).
 */
function pyAssignedAfter(f: Node, v: Node, ctx: ValueContext): boolean {
  if ((f.type !== 'attribute' && f.type !== 'subscript') || (v.type !== 'identifier' && v.type !== 'attribute')) return false;
  const fn = enclosingFunction(f, ctx);
  if (!fn) return false;
  const after = ctx.text.slice(f.endIndex, fn.endIndex);
  return new RegExp(`(^|\\n)\\s*${escapeRegExp(textOf(f, ctx))}\\s*=\\s*${escapeRegExp(textOf(v, ctx))}\\s*(\\n|$)`).test(after);
}
