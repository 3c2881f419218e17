/**
 * One-level summaries of the project's own functions: a function whose region performs a
 * do-not-trust operation (a constant-time compare, a password check, a token verification, an
 * encryption) is a **wrapper**, and calls to it elsewhere in the project are triggers of the same
 * category (`<family>.<category>.project-wrapper`). `constantEquals(a, b)` in a controller is a
 * secret comparison even though the file never imports crypto.
 *
 * Built from a first scan's results (CLI, workspace scan), then applied to the files that mention
 * a wrapper's name. One level only: callers of callers are not followed.
 */
import * as path from 'path';
import { tierOf, type CategoryId } from './categories';
import { LANGUAGES, languageForPath, type QueryFamily } from './languages';
import type { ScannedFile } from './scanProtocol';

/** Function name → category, per language family. */
export type WrapperTable = Map<QueryFamily, Map<string, CategoryId>>;

/** Names too generic to summarise: every library and framework has methods called this. */
const GENERIC = new Set(
  [
    'verify', 'decode', 'encode', 'sign', 'hash', 'check', 'validate', 'parse', 'get', 'set', 'run', 'handle', 'equal', 'equals', 'compare',
    'string', 'close', 'lock', 'unlock', 'execute', 'query', 'commit', 'rollback', 'begin', 'transaction', 'login', 'logout', 'authenticate',
    'authorize', 'encrypt', 'decrypt', 'generate', 'create', 'update', 'delete', 'init', 'setup', 'new', 'apply', 'load', 'save', 'middleware',
    'handler', 'callback', 'main', 'constructor', 'token', 'key', 'secret', 'serve', 'servehttp', 'process', 'perform', 'find', 'random',
  ].map((s) => s.toLowerCase()),
);

/** (A bare `Retry`, shorter, still names one thing: a retry helper; see buildWrapperTable.) */
const MIN_NAME = 6;
/** A wrapper is a small, focused helper; a long handler that happens to hash is not. */
const MAX_WRAPPER_LINES = 25;
/**
 * A retry helper takes its policy table, its backoff step and its give-up error as well as the
 * loop (dex's 30-line `retryOnConflict(ctx, fn)`); its name must say retry or backoff all the same.
 */
const MAX_WRAPPER_LINES_BY_CATEGORY: Partial<Record<CategoryId, number>> = { retry: 40 };

/** A Python login helper's length (see buildWrapperTable). */
const MAX_LOGIN_HELPER_LINES = 40;

/** The name must say the category: `safeEqual`, `hashToken`, `has_perm`, `acquireLock`. */
// Not crypto, and jwt only by a name that says a JWT codec operation: callers of a token,
// signature or hashing helper only pass its value on (the held-out judging found them wrong as
// often as right); the helper itself stays marked. A call of the project's own `decode_jwt(token,
// key, audience, algorithms=…)` or `security.NewJWT(claims, key, duration)` is where the key,
// audience, algorithms and lifetime of that token are chosen (judged right in rounds 1-2).
const NAME_SAYS: Partial<Record<CategoryId, RegExp>> = {
  crypto: /encrypt|decrypt|hmac|cipher|hkdf|pbkdf|aead|secretbox|^(?:generate|new|make|create)_?otp$/i,
  jwt: /(?:sign|verify|encode|decode|parse|issue|new|create|generate|make|mint|validate)_?(?:[a-z]+_?)?(?:jwt|jws|jwe)(?![a-z])|(?:jwt|jws|jwe)_?(?:sign|verify|encode|decode|parse|validate)/i,
  auth: /auth|login|logout|session|perm|password|passwd|credential|mfa|otp|totp|webauthn|passkey|role|scope|guard|can_|^can[A-Z]|bearer|csrf|reauth/i,
  // The comparison itself (`safeEqual(a, b)`, `compare_api_key(k)`), not a whole verification
  // (`VerifyPKCEChallenge`, `CheckSignature`): its callers pass inputs and compare nothing.
  timing: /equal|compare|match|safe|constant/i,
  // Not a plain atomic counter's helper (`atomicAddDuration`, `atomicLoadDuration`: bbolt's stats,
  // round 80): a counter only joins a lock-free region, so its callers are counters too.
  'lock-free': /atomic(?!_?(?:add|load|store|inc|incr|dec|decr|get|set))|cas\b|compare_?and_?swap|lockfree|lock_free/i,
  consensus: /lock|leader|elect|raft|acquire|release|lease/i,
  // Review-tier helpers whose callers are the category's sites: `withRetry(fn)`,
  // `order_qs_select_for_update()`, `inTransaction(fn)`.
  transactions: /transaction|atomic|select_?for_?update|for_?update|with_?tx|in_?tx|run_?in_?tx/i,
  retry: /retry|retries|backoff(?!ic)/i,
};
/** A getter of a transaction handle (`getTransaction`, `current_transaction`), not a unit of work. */
const TRANSACTION_ACCESSOR = /^_?(get|current|find|resolve|ensure)_?(Transaction|transaction|Tx|tx|Txn|txn)$/;

/** Names that say bookkeeping, not security, even when a category word is in them. */
const NAME_INCIDENTAL = /cache|etag|colou?r|file_?name|filename|url|fake|seed|mock|test|example|uuid|slug|log|metric|telemetry|format|string_?to/i;

function lastSegment(symbol: string): string {
  const parts = symbol.split('.');
  return parts[parts.length - 1] ?? symbol;
}

/**
 * Method names every lock, semaphore, pool and resource has: a wrapper by these names is known
 * only with its class, and only static-style calls of it count (`MutexLock.acquire(key)`, not
 * an in-process semaphore's `sema.acquire()`).
 */
const NEEDS_OWNER = new Set(['acquire', 'release']);

/**
 * Generic names that still say one thing when called on a class (`Journalist.login(username,
 * password, token)`, `User.authenticate(email, pw)`): a classmethod the project's login goes
 * through. Only the owner-qualified call counts, never `self.login()` or `client.login()`.
 */
const CLASS_QUALIFIED = new Set(['login', 'logout', 'authenticate', 'authorize']);

/**
 * `exports.verify` / `module.exports.verify` defined in `server/password-hash.js`: the name its
 * callers use, `passwordHash.verify` (the file's base name in camelCase, as `const passwordHash =
 * require("./password-hash")` binds it). Undefined for any other symbol, or an `index` file (bound
 * by its folder's name, which varies).
 */
function commonJsExportName(symbol: string, file: string): string | undefined {
  const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(symbol);
  if (!m) return undefined;
  const base = path.basename(file).replace(/\.[cm]?[jt]s$/, '');
  if (!/^[A-Za-z][\w-]*$/.test(base) || base === 'index') return undefined;
  const binding = base.replace(/[-_]+([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase());
  return `${binding}.${m[1]}`;
}

/** The name calls use: `name`, or `Owner.name` for NEEDS_OWNER methods (undefined without an owner). */
function wrapperName(symbol: string): string | undefined {
  const parts = symbol.split('.');
  const name = parts[parts.length - 1] ?? symbol;
  if (CLASS_QUALIFIED.has(name.toLowerCase())) {
    const owner = parts[parts.length - 2];
    return owner && /^[A-Z][A-Za-z0-9_]*$/.test(owner) ? `${owner}.${name}` : undefined;
  }
  if (!NEEDS_OWNER.has(name.toLowerCase())) return name;
  const owner = parts[parts.length - 2];
  return owner && /^[A-Za-z_$][\w$]*$/.test(owner) && !owner.startsWith('<') ? `${owner}.${name}` : undefined;
}

/**
 * Wrappers from scan results: small named functions (at most 25 lines) with a do-not-trust
 * region, whose name is specific (6+ characters, not generic), says the category (`safeEqual`
 * for timing, `hashToken` for crypto, `has_perm` for auth) and means one category in the project.
 */
export function buildWrapperTable(scanned: readonly ScannedFile[]): WrapperTable {
  const seen = new Map<string, Set<CategoryId>>();
  /** Go names seen as a method (`Type.Name`) in any region, and as a plain function: the folders (packages) that define one. */
  const goMethods = new Set<string>();
  const goFunctions = new Map<string, Set<string>>();
  /** Go functions of a token package named by their folder (`jwt.Encode`): name → folders, categories. */
  const goFolderQualified = new Map<string, { folders: Set<string>; cats: Set<CategoryId> }>();
  for (const s of scanned) {
    const family = LANGUAGES[s.language].family;
    for (const r of s.wrapperEvidence ? [...s.regions, ...s.wrapperEvidence] : s.regions) {
      if ((tierOf(r.category) !== 'do-not-trust' && r.category !== 'transactions' && r.category !== 'retry') || r.suppression) continue;
      const name = lastSegment(r.symbol);
      // A CommonJS module's export (`exports.verify = function (password, hash)` in
      // `password-hash.js`) is called through the module's binding (`passwordHash.verify(pw,
      // user.password)`): the module's name qualifies a generic method name, like a class does.
      const moduleQualified = family === 'ecma' ? commonJsExportName(r.symbol, s.file) : undefined;
      if (moduleQualified) {
        if (!NAME_SAYS[r.category]?.test(moduleQualified) || NAME_INCIDENTAL.test(moduleQualified)) continue;
        if (r.span.end.line - r.span.start.line > (MAX_WRAPPER_LINES_BY_CATEGORY[r.category] ?? MAX_WRAPPER_LINES)) continue;
        if (r.triggers.every((t) => t.rule.endsWith('.project-wrapper'))) continue;
        const key = `${family}\u0000${moduleQualified}`;
        let cats = seen.get(key);
        if (!cats) seen.set(key, (cats = new Set()));
        cats.add(r.category);
        continue;
      }
      // A Go package named for tokens (`app/pkg/jwt`) whose functions are named for what they do to
      // one (`jwt.Encode(claims)`, `jwt.DecodeFiderClaims(t)`): the package qualifies a generic name at
      // every call, as a class does (round 54, fider). Only called through that package (engine.ts).
      const folder = family === 'go' && !r.symbol.includes('.') ? path.basename(path.dirname(s.file)) : '';
      if (TOKEN_PACKAGE.test(folder) && /^[A-Z]\w*$/.test(name) && r.triggers.some((t) => !t.rule.endsWith('.project-wrapper'))) {
        const maxLines = MAX_WRAPPER_LINES_BY_CATEGORY[r.category] ?? MAX_WRAPPER_LINES;
        if (r.span.end.line - r.span.start.line <= maxLines && NAME_SAYS[r.category]?.test(`${folder}_${name}`)) {
          let entry = goFolderQualified.get(name);
          if (!entry) goFolderQualified.set(name, (entry = { folders: new Set(), cats: new Set() }));
          entry.folders.add(folder);
          entry.cats.add(r.category);
          continue;
        }
      }
      const classQualified = CLASS_QUALIFIED.has(name.toLowerCase()) && r.category === 'auth';
      // `Retry` is short, but a project's own `resilience.Retry(…)` is a retry wrapper all the same.
      const retryNamed = r.category === 'retry' && /^retry$/i.test(name);
      if (!classQualified && ((name.length < MIN_NAME && !retryNamed) || GENERIC.has(name.toLowerCase()))) continue;
      if (!/^[A-Za-z_$][\w$]*$/.test(name) || name.startsWith('<')) continue;
      if (r.triggers.every((t) => t.rule.endsWith('.project-wrapper'))) continue;
      // A Django form's or DRF serializer's field hook (`AccountPasswordSerializer.validate_password`,
      // `LoginForm.clean_password`) is called by the framework, never by name: a call by that name
      // elsewhere is another function (Django's `password_validation.validate_password(pw)`, a
      // strength policy).
      if (family === 'python' && /^(?:validate|clean)_\w+$/.test(name) && /(?:Serializer|Form)\.[^.]+$/.test(r.symbol)) continue;
      // A Python login helper (`create_and_login_user(org, name, email)`, which finds or creates the
      // user before `login_user`) is longer than a one-line wrapper, and its callers (a remote-user
      // header login, a SAML or OAuth callback) are where who gets logged in is decided.
      const loginHelper = family === 'python' && r.category === 'auth' && /_login_user$|^login_user_|(^|_)log_?in(_|$)/i.test(name);
      const maxLines = loginHelper ? MAX_LOGIN_HELPER_LINES : (MAX_WRAPPER_LINES_BY_CATEGORY[r.category] ?? MAX_WRAPPER_LINES);
      if (r.span.end.line - r.span.start.line > maxLines) continue;
      // (`log` in NAME_INCIDENTAL is for logging helpers; a class's own login says what it is.)
      const incidental = NAME_INCIDENTAL.test(loginHelper ? name.replace(/log_?(in|out)/gi, '') : name);
      if (!NAME_SAYS[r.category]?.test(name) || (!classQualified && incidental)) continue;
      // An accessor that hands back a transaction handle (`getTransaction(options)`: the caller's, or a
      // new one on request; round 59, nocobase's repositories) wraps no unit of work: its callers only
      // pass the handle on to their statements, which mark what they do.
      if (r.category === 'transactions' && TRANSACTION_ACCESSOR.test(name)) continue;
      const called = wrapperName(r.symbol);
      if (!called) continue;
      if (family === 'go' && r.symbol.includes('.')) goMethods.add(called);
      else if (family === 'go') {
        let folders = goFunctions.get(called);
        if (!folders) goFunctions.set(called, (folders = new Set()));
        folders.add(path.basename(path.dirname(s.file)));
      }
      const key = `${family}\u0000${called}`;
      let cats = seen.get(key);
      if (!cats) seen.set(key, (cats = new Set()));
      cats.add(r.category);
    }
  }
  const table: WrapperTable = new Map();
  for (const [name, { folders, cats }] of goFolderQualified) {
    if (cats.size !== 1 || seen.has(`go\u0000${name}`)) continue;
    let m = table.get('go');
    if (!m) table.set('go', (m = new Map()));
    const category = [...cats][0]!;
    m.set(name, category);
    m.set(goFunctionOnlyKey(name), category);
    m.set(goPackageOnlyKey(name), category);
    for (const folder of folders) m.set(goPackageKey(name, folder), category);
  }
  for (const [key, cats] of seen) {
    if (cats.size !== 1) continue;
    const [family, name] = key.split('\u0000') as [QueryFamily, string];
    let m = table.get(family);
    if (!m) table.set(family, (m = new Map()));
    m.set(name, [...cats][0]!);
    if (family === 'go' && goFunctions.has(name) && !goMethods.has(name)) {
      m.set(goFunctionOnlyKey(name), [...cats][0]!);
      for (const folder of goFunctions.get(name) ?? []) m.set(goPackageKey(name, folder), [...cats][0]!);
    }
  }
  return table;
}

/** Folders of Go packages named for tokens, whose function names the folder qualifies. */
const TOKEN_PACKAGE = /^(jwt|jws|jwe|jwtutil|jwtutils|jwtauth|jwttoken)$/i;

/**
 * The table's marker for a Go wrapper known only through its package's name (`jwt.Encode`): a call
 * without the package (inside the package, or another package's own `Encode`) is not it.
 */
export function goPackageOnlyKey(name: string): string {
  return `\u0000pkgonly ${name}`;
}

/**
 * The table's marker for a Go wrapper that is a package-level function, never a method (a NUL
 * never occurs in source text, so the marker is never searched for as a call): `store.Name(…)` on
 * a value is then another function, a method of the same name (a data store's
 * `GetOauthAccounts(id)` beside the `GetOauthAccounts(app)` handler).
 */
export function goFunctionOnlyKey(name: string): string {
  return `\u0000func ${name}`;
}

/**
 * The table's marker for the package (folder) a Go package-level wrapper lives in: a call through
 * another package's import of the same name (`webhook.CheckSecret(s)`, a length check, beside the
 * wrapper `apiauth.CheckSecret`) is that package's function (round 42, harness). Never searched for.
 */
export function goPackageKey(name: string, folder: string): string {
  return `\u0000pkg ${folder} ${name}`;
}

/** Files whose text names a wrapper of their family (only these need a second analysis). */
export function mentionsWrapper(file: string, text: string, table: WrapperTable): boolean {
  const language = languageForPath(file);
  const names = language ? table.get(LANGUAGES[language].family) : undefined;
  if (!names) return false;
  for (const name of names.keys()) {
    // A call of the name, not its definition (`func name(`, `def name(`, `function name(`).
    for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + name.length)) {
      if (/[\w$]/.test(text[i - 1] ?? '')) continue;
      let j = i + name.length;
      while (text[j] === ' ') j++;
      if (text[j] !== '(' && text[j] !== '[' && text[j] !== '<') continue;
      const before = text.slice(Math.max(0, i - 12), i);
      if (/(func|def|function|fn)\s+$|\)\s+$/.test(before)) continue;
      return true;
    }
  }
  return false;
}

export function wrapperCount(table: WrapperTable): number {
  let n = 0;
  for (const m of table.values()) for (const name of m.keys()) if (!name.startsWith('\u0000')) n++;
  return n;
}

export function wrappersFor(file: string, table: WrapperTable | undefined): ReadonlyMap<string, CategoryId> | undefined {
  if (!table) return undefined;
  const language = languageForPath(path.basename(file));
  return language ? table.get(LANGUAGES[language].family) : undefined;
}

/** The table as plain entries (to cross a worker boundary) and back. */
export function tableEntries(table: WrapperTable): [string, [string, CategoryId][]][] {
  return [...table].map(([family, m]) => [family, [...m]]);
}

export function tableFromEntries(entries: [string, [string, CategoryId][]][]): WrapperTable {
  return new Map(entries.map(([family, m]) => [family as QueryFamily, new Map(m)]));
}
