/**
 * Secret redaction: before code leaves the machine (and before the preview shows it), string
 * literals are replaced by placeholders such as `<redacted:jwt-key#1 len=24>`. The default is to
 * withhold: a literal is sent only when it is obviously code.
 *
 * In order, a string literal is replaced
 *  1. whole when its role makes it a secret (a key argument of a known API, or a literal a key
 *     argument is built from or named by: see secretRoles.ts, which needs the syntax tree);
 *  2. whole when the name it is assigned, passed or compared to names a secret (`password`,
 *     `apiKey`, `client_secret`, `Key`), in either direction (`"…" == password`);
 *  3. in part for what it contains: well-known token formats and PEM private keys
 *     (tokenPatterns.ts), `Authorization`-style credentials (`Bearer`, `token`, any case),
 *     passwords in URLs (`redis://:…@`, passwords holding `/` or `@`), and `NAME=value` /
 *     `name: value` pairs with a secret name (`.env` lines, DSNs, query strings, JSON);
 *  4. whole when it is not obviously code. Obviously code: SQL, format strings and templates,
 *     text with spaces (messages, log lines, docs), regular expressions, and word-like text:
 *     identifiers, header and environment-variable names, paths, URLs, MIME types, short
 *     numbers (`HS256`, `application/json`, `JWT_SECRET`, `github.com/x/y/v5`). Random-looking
 *     words inside kept text and inside comments are replaced too.
 * Comments get steps 3 and the random-word scrub. Line structure is preserved (a multi-line
 * secret leaves its newlines behind) so line numbers in answers still match the file.
 */
import type { QueryFamily } from '../engine/languages';
import type { RoleRange } from './secretRoles';
import { TOKEN_PATTERNS } from './tokenPatterns';
import type { RedactionNote, SecretKind } from '../../../common/src/ai';

export interface RedactionResult {
  text: string;
  redactions: RedactionNote[];
}

export interface RedactOptions {
  /** Literals that are secrets by their role (from secretRoles). */
  roles?: RoleRange[];
}

interface Range {
  /** Offsets of the content (a literal without its quotes, a comment without its markers). */
  start: number;
  end: number;
}

const SECRET_WORDS = new Set([
  'password', 'passwd', 'pwd', 'pw', 'pass', 'passphrase', 'passcode', 'secret', 'secrets', 'token', 'tokens', 'apikey', 'credential',
  'credentials', 'authorization', 'bearer', 'dsn', 'privatekey', 'accesskey', 'secretkey', 'key', 'pepper',
]);
const SECRET_PAIRS = new Set([
  'api key', 'access key', 'private key', 'priv key', 'signing key', 'hmac key', 'encryption key', 'enc key', 'master key',
  'session key', 'jwt key', 'auth key', 'client secret', 'conn str', 'connection string', 'database url', 'db url', 'auth token',
  'account key',
]);
/** Names ending in these describe a secret rather than hold one (`tokenType`, `passwordField`). */
const NOT_SECRET_TAIL = new Set([
  'type', 'name', 'names', 'url', 'uri', 'endpoint', 'header', 'field', 'env', 'var', 'path', 'file', 'length', 'len', 'size',
  'expiry', 'expires', 'ttl', 'prefix', 'format', 'kind', 'algorithm', 'alg', 'label', 'message', 'msg', 'error', 'err',
  'pattern', 'regex', 're', 'placeholder', 'hint', 'policy', 'count', 'id', 'ids', 'column', 'col', 'param', 'arg', 'version',
  'status', 'state', 'mode', 'enabled', 'required', 'changed', 'updated', 'reset', 'strength', 'rules', 'min', 'max', 'attempts',
]);
/** Secret words that also name ordinary things (a cache key, a token type): their values must look like more than words. */
const WEAK_SECRET_WORDS = new Set(['key', 'token', 'tokens', 'secrets', 'authorization', 'bearer', 'credential', 'credentials']);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Whether an identifier or key names a secret (`dbPassword`, `API_KEY`, `client_secret`, `Key`). */
export function isSecretName(name: string): boolean {
  const w = words(name);
  if (w.length === 0) return false;
  const tail = w[w.length - 1] ?? '';
  const pairSecret = w.some((word, i) => i > 0 && (SECRET_PAIRS.has(`${w[i - 1]} ${word}`) || (word === 'url' && (w[i - 1] === 'database' || w[i - 1] === 'db'))));
  if (pairSecret) return true;
  if (NOT_SECRET_TAIL.has(tail)) return false;
  return w.some((word) => SECRET_WORDS.has(word));
}

function isPasswordName(name: string): boolean {
  return words(name).some((w) => w === 'password' || w === 'passwd' || w === 'passphrase' || w === 'pwd' || w === 'pw' || w === 'pass');
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Separators of the parts of identifiers, paths, URLs and header names. */
const PART_SEPARATORS = /[\s._\-/:@?=&,;"'`()[\]{}<>+|#%\\]+/;

/** One part: a word or camelCase words (with vowels, or short), an acronym, a short number. */
function wordish(part: string): boolean {
  if (!/[A-Za-z0-9]/.test(part) || /^\d{1,12}$/.test(part) || /^[0-9a-f]{1,8}$/.test(part) || /^[0-9A-Z]{1,6}$/.test(part) || /^[0-9a-z]{1,3}$/.test(part)) return true;
  // Letters with at most two digit groups: sha256, HS256, Base64URL, v1beta2 (random keys interleave many)
  if (!/^[A-Za-z]+(?:\d{1,4}[A-Za-z]*){0,2}$/.test(part)) return false;
  const runs = part.split(/\d+/).filter((r) => r.length > 0);
  if (runs.length === 1 && (runs[0] ?? '').length <= 2) return true;
  // camelCase words need a vowel unless short lowercase or an acronym; one exception per part (timeoutMs, userDb)
  const words = runs.flatMap((run) => run.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? []);
  return words.filter((w) => !/[aeiouy]/i.test(w) && !/^[a-z]{1,5}$/.test(w) && !/^[A-Z]{1,6}$/.test(w)).length <= (words.length >= 2 ? 1 : 0);
}

/** Identifier-, path- or URL-like text made only of word-like parts. */
export function looksLikeWords(s: string): boolean {
  return s.split(PART_SEPARATORS).every(wordish);
}

/** A random-looking literal: an unlabelled key, token or secret (for the placeholder's kind). */
export function looksRandom(s: string): boolean {
  if (s.length < 12 || s.length > 4000 || /\s/.test(s)) return false;
  if (!/[0-9]/.test(s) || !/[A-Za-z]/.test(s)) return false;
  if (looksLikeWords(s)) return false;
  if (/^[0-9a-fA-F]+$/.test(s)) return s.length >= 16 && entropy(s) >= 3.0;
  return entropy(s) >= 3.0;
}

const SQL_START = /^\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET|SHOW|EXPLAIN|GRANT|REVOKE|TRUNCATE|MERGE|UPSERT|REPLACE|LOCK|VACUUM|ANALYZE|PRAGMA|CALL|DECLARE)\b/i;
const FORMAT = /\$\{|%[-+ #0]*\d*(?:\.\d+)?[sdvfqxXtTwiegcbopr]|\{\d*\}|\{[A-Za-z_][\w.]*(?:[!:][^}]*)?\}/;
const REGEX_LIKE = /^\^|[^\\]\$$/;

/** Obviously code, sent as is: SQL, format strings, prose, regexes, word-like text. */
export function obviouslyCode(content: string): boolean {
  const v = content.trim();
  if (v.length <= 3) return true;
  if (SQL_START.test(v) || FORMAT.test(v) || /\s/.test(v)) return true;
  if (REGEX_LIKE.test(v) && /[[\]()*+?{}|\\]/.test(v)) return true;
  return looksLikeWords(v);
}

/** The name a literal is assigned / passed / compared to on its line, if any. */
export function nameBefore(before: string, family: QueryFamily): string | undefined {
  let b = before;
  if (family === 'python') b = b.replace(/[rRbBuUfF]{1,2}$/, '');
  // Wrappers around the literal: []byte("..."), Buffer.from('...'), bytes("...")
  b = b.replace(/(?:\[\]byte|bytes|bytearray|Buffer\.from|str|String|new\s+TextEncoder\(\)\.encode)\(\s*$/, '');
  let m = /([A-Za-z_$][\w$]*)["'`\]]*\s*(?:===?|!==?|:=|=|:|=>|\?\?|\|\||==)\s*$/.exec(b);
  if (m) return m[1];
  // getenv("DB_PASSWORD", "fallback"), headers.set("Authorization", "...")
  m = /["'`]([\w.-]+)["'`]\s*,\s*$/.exec(b);
  if (m) return m[1];
  return undefined;
}

/** The name a literal is compared to on its right: `"…" == password`, `'…' !== req.headers['x-api-token']`. */
export function nameAfter(after: string): string | undefined {
  const m = /^\s*(?:===?|!==?)\s*([A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*|\[\s*["'`][^"'`]+["'`]\s*\])*)/.exec(after);
  if (!m) return undefined;
  const parts = (m[1] ?? '').split(/\??\.|\[\s*["'`]|["'`]\s*\]/).filter((p) => p.length > 0);
  return parts[parts.length - 1];
}

/** Finds string literals and comments with a small lexer per language family. */
export function findLiterals(text: string, family: QueryFamily): { literals: Range[]; comments: Range[] } {
  const literals: Range[] = [];
  const comments: Range[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    const next = text[i + 1];
    if ((family !== 'python' && c === '/' && next === '/') || (family === 'python' && c === '#')) {
      const e = text.indexOf('\n', i);
      const end = e === -1 ? n : e;
      comments.push({ start: i + (c === '#' ? 1 : 2), end });
      i = end;
      continue;
    }
    if (family !== 'python' && c === '/' && next === '*') {
      const e = text.indexOf('*/', i + 2);
      comments.push({ start: i + 2, end: e === -1 ? n : e });
      i = e === -1 ? n : e + 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const triple = family === 'python' && (c === '"' || c === "'") && text.startsWith(c.repeat(3), i);
      const multiline = triple || (c === '`' && family !== 'python');
      const raw = family === 'go' && c === '`';
      const open = triple ? 3 : 1;
      const start = i + open;
      let j = start;
      let end = -1;
      while (j < n) {
        const d = text[j];
        if (d === '\\' && !raw) {
          j += 2;
          continue;
        }
        if (d === '\n' && !multiline) break; // unterminated: stop at the line end
        if (triple ? text.startsWith(c.repeat(3), j) : d === c) {
          end = j;
          break;
        }
        j++;
      }
      const contentEnd = end === -1 ? Math.min(j, n) : end;
      literals.push({ start, end: contentEnd });
      i = end === -1 ? contentEnd : end + open;
      continue;
    }
    i++;
  }
  return { literals, comments };
}

/** Role kinds say most, then names and formats, then entropy; `string` says least. */
const KIND_RANK: Record<SecretKind, number> = {
  'jwt-key': 0,
  'hmac-key': 0,
  'cipher-key': 0,
  'session-key': 0,
  credential: 0,
  'private-key': 0,
  password: 1,
  'api-key': 1,
  token: 1,
  'connection-string': 1,
  key: 1,
  secret: 2,
  string: 3,
};

class Redactor {
  private readonly byValue = new Map<string, string>();
  private readonly perKind = new Map<SecretKind, number>();
  readonly notes: RedactionNote[] = [];
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** 0-based line of an offset (binary search: a file can have thousands of placeholders). */
  private lineAt(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Names the placeholders, most telling kind first: one value gets one placeholder wherever it
   * is, and a key that also appears in a comment is still called a jwt-key.
   */
  name(reps: { value: string; kind: SecretKind }[]): void {
    const order = [...reps].sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind]);
    for (const { value, kind } of order) {
      if (this.byValue.has(value)) continue;
      const k = (this.perKind.get(kind) ?? 0) + 1;
      this.perKind.set(kind, k);
      this.byValue.set(value, `<redacted:${kind}#${k} len=${value.length}>`);
    }
  }

  placeholder(value: string, offset: number): string {
    const p = this.byValue.get(value) ?? `<redacted:secret len=${value.length}>`;
    const kind = (/^<redacted:([a-z-]+)/.exec(p)?.[1] ?? 'secret') as SecretKind;
    this.notes.push({ placeholder: p, kind, line: this.lineAt(offset) + 1, length: value.length });
    // Keep the line structure: a multi-line secret leaves its newlines.
    return p + '\n'.repeat(countNewlines(value));
  }
}

function countNewlines(s: string): number {
  let k = 0;
  for (const c of s) if (c === '\n') k++;
  return k;
}

interface Replacement {
  start: number;
  end: number;
  kind: SecretKind;
}

/** Authorization-style credentials, any case: `Bearer x`, `token x`, `Basic x`. */
const AUTH = /\b(bearer|basic|token|digest)[ \t]+([A-Za-z0-9._~+/=:-]{8,})/gi;
/** `scheme://user:password@host`: the password may hold `/` and `@` (the last `@` ends it). */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/'"`]*:([^\s'"`]+)@[^\s@/'"`?#]+/gi;
/** `NAME=value`, `name: value`, `"name": "value"`, `password is value` (.env lines, DSNs, query strings, JSON, prose). */
const NAME_VALUE = /(?<![A-Za-z0-9_])([A-Za-z_][\w.-]*)["']?[ \t]*(?:=|:|[ \t]is[ \t])[ \t]*["']?([^\s;&'"`,}]+)/g;
const PLACEHOLDER_VALUE = /^(?:%\w|\$\{?\w+\}?|\{\w*\}|\?|\$\d+|:\w+|<[^>]*>?|\*+|x+|\.\.\.|null|none|nil|true|false|undefined|bearer|basic|token|digest)$/i;

function push(out: Replacement[], base: number, at: number, value: string, kind: SecretKind): void {
  if (!/[A-Za-z0-9]/.test(value) || value.startsWith('<redacted:') || PLACEHOLDER_VALUE.test(value.replace(/(?:\\[nrt])+$/, ''))) return;
  out.push({ start: base + at, end: base + at + value.length, kind });
}

/** Credentials recognised by what they look like, in a literal's or comment's text. */
function contentMatches(segment: string, base: number): Replacement[] {
  const out: Replacement[] = [];
  for (const { re, kind } of TOKEN_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(segment); m; m = re.exec(segment)) {
      if (m[0].length === 0) re.lastIndex++;
      else out.push({ start: base + m.index, end: base + m.index + m[0].length, kind });
    }
  }
  for (const m of segment.matchAll(AUTH)) {
    const value = m[2] ?? '';
    const at = (m.index ?? 0) + m[0].length - value.length;
    if (!looksLikeWords(value)) push(out, base, at, value, 'token'); // "Token mismatch" is a message
  }
  for (const m of segment.matchAll(URL_CREDENTIALS)) {
    const value = m[1] ?? '';
    push(out, base, (m.index ?? 0) + m[0].indexOf(`:${value}@`) + 1, value, 'connection-string');
  }
  for (const m of segment.matchAll(NAME_VALUE)) {
    const value = m[2] ?? '';
    const at = (m.index ?? 0) + m[0].length - value.length;
    // Prose goes on after a word ("key: the old key and…", ":param token: The token…"); "token is valid" says nothing.
    const prose = looksLikeWords(value) && !/=/.test(m[0].slice(0, m[0].length - value.length)) && (/^[ \t]+[A-Za-z]/.test(segment.slice(at + value.length)) || /[ \t]is[ \t]/.test(m[0]));
    if (!prose && isSecretName(m[1] ?? '')) push(out, base, at, value, isPasswordName(m[1] ?? '') ? 'password' : 'secret');
  }
  return out;
}

/** Random-looking words inside text that is otherwise kept (messages, docs, comments). */
function randomWords(segment: string, base: number): Replacement[] {
  const out: Replacement[] = [];
  for (const m of segment.matchAll(/\S+/g)) {
    const word = m[0].replace(/^[^A-Za-z0-9]+/, '');
    const trimmed = word.replace(/[^A-Za-z0-9]+$/, '');
    if (trimmed.length >= 8 && !looksLikeWords(trimmed) && !FORMAT.test(trimmed)) {
      out.push({ start: base + (m.index ?? 0) + (m[0].length - word.length), end: base + (m.index ?? 0) + (m[0].length - word.length) + trimmed.length, kind: 'secret' });
    }
  }
  return out;
}

/** Drops overlapping replacements, keeping the earliest (then the longest). */
function disjoint(reps: Replacement[]): Replacement[] {
  reps.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Replacement[] = [];
  let until = -1;
  for (const r of reps) {
    if (r.start < until) continue;
    out.push(r);
    until = r.end;
  }
  return out;
}

function kindForName(name: string): SecretKind {
  if (isPasswordName(name)) return 'password';
  if (/key/i.test(name)) return 'api-key';
  if (/token|bearer|authorization/i.test(name)) return 'token';
  return 'secret';
}

/** Step 2: the literal is assigned, passed or compared to a secret name. */
function nameVerdict(content: string, name: string | undefined): SecretKind | undefined {
  if (!name || !isSecretName(name)) return undefined;
  const v = content.trim();
  const isPlaceholder = /^(?:<[^>]*>|\$\{[^}]*\}|%[sdv]|\{\}|\*+|x+|\.\.\.)$/i.test(v);
  const isEnvName = /^[A-Z][A-Z0-9_]*$/.test(v) && v.includes('_');
  const isPath = /^(?:[.~]?\/|[A-Za-z]:\\)[\w./\\-]*$/.test(v) || /\.(?:pem|key|crt|json|txt|env)$/i.test(v);
  const hasSpace = /\s/.test(v);
  // revoke_key == "api_key", token_kind: "refresh_token": an enum, not a key
  // (an UPPER_CASE name is an environment variable or a constant: getenv("API_TOKEN", "fallback") is a secret)
  const weak =
    !/^[A-Z0-9_]+$/.test(name) &&
    words(name).every((w) => !SECRET_WORDS.has(w) || WEAK_SECRET_WORDS.has(w)) &&
    !words(name).some((w, i, all) => i > 0 && SECRET_PAIRS.has(`${all[i - 1]} ${w}`));
  if (weak && looksLikeWords(v) && !/\d/.test(v)) return undefined;
  // key = f"{prefix}{secret}": a template of other values, not a value
  if (FORMAT.test(v) && obviouslyCode(v.replace(new RegExp(FORMAT.source, 'g'), ' '))) return undefined;
  if (v.length >= 3 && !isPlaceholder && !isEnvName && !isPath && (!hasSpace || isPasswordName(name))) return kindForName(name);
  return undefined;
}

const IMPORT_LINE = /^\s*(?:import|from|package|export\s.*\bfrom)\b|\b(?:require|import)\(\s*$|\bfrom\s*$/;

/** Replacements for one literal (content offsets `lit`), or none when it is sent as is. */
function literalReplacements(text: string, lit: Range, family: QueryFamily, role: SecretKind | undefined): Replacement[] {
  const whole = (kind: SecretKind): Replacement[] => (lit.end > lit.start ? [{ start: lit.start, end: lit.end, kind }] : []);
  if (role) return whole(role);
  const content = text.slice(lit.start, lit.end);
  const lineStart = text.lastIndexOf('\n', lit.start - 1) + 1;
  const quoteStart = Math.max(lineStart, lit.start - (text.startsWith('"""', lit.start - 3) || text.startsWith("'''", lit.start - 3) ? 3 : 1));
  const before = text.slice(lineStart, quoteStart);
  if (IMPORT_LINE.test(before)) return [];
  const lineEnd = text.indexOf('\n', lit.end);
  const after = text.slice(Math.min(text.length, lit.end + 1), lineEnd === -1 ? text.length : lineEnd);
  // What the content shows (a URL's password, a .env line's value) is enough when the rest is code.
  const inner = contentMatches(content, lit.start);
  let rest = content;
  for (const r of inner) rest = rest.slice(0, r.start - lit.start) + ' '.repeat(r.end - r.start) + rest.slice(r.end - lit.start);
  if (inner.length > 0 && obviouslyCode(rest.replace(/ +/g, ' '))) return [...inner, ...randomWords(rest, lit.start)];
  const named = nameVerdict(content, nameBefore(before, family) ?? nameAfter(after));
  if (named) return whole(named);
  if (inner.length > 0) return whole(inner[0]?.kind ?? 'secret');
  if (looksRandom(content)) return whole('secret');
  if (obviouslyCode(content)) return randomWords(content, lit.start);
  return whole('string');
}

/** The role of the literal node around `lit` (roles sorted by start; nested roles are rare, so a few steps back suffice). */
function roleAt(roles: RoleRange[], lit: Range): SecretKind | undefined {
  let lo = 0;
  let hi = roles.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((roles[mid]?.start ?? 0) <= lit.start) lo = mid + 1;
    else hi = mid - 1;
  }
  for (let i = hi; i >= 0 && i > hi - 8; i--) {
    const r = roles[i];
    if (r && r.start <= lit.start && lit.end <= r.end) return r.kind;
  }
  return undefined;
}

/**
 * Replaces secrets and every string literal that is not obviously code with placeholders.
 * `family` selects the comment and string syntax (go, python, ecma); unknown text uses ecma.
 */
export function redactSecrets(text: string, family: QueryFamily = 'ecma', options: RedactOptions = {}): RedactionResult {
  const { literals, comments } = findLiterals(text, family);
  const roles = [...(options.roles ?? [])].sort((a, b) => a.start - b.start);
  const reps: Replacement[] = [];
  for (const lit of literals) reps.push(...literalReplacements(text, lit, family, roleAt(roles, lit)));
  for (const c of comments) {
    const body = text.slice(c.start, c.end);
    reps.push(...contentMatches(body, c.start), ...randomWords(body, c.start));
  }
  const chosen = disjoint(reps);
  if (chosen.length === 0) return { text, redactions: [] };
  const redactor = new Redactor(text);
  redactor.name(chosen.map((x) => ({ value: text.slice(x.start, x.end), kind: x.kind })));
  let out = '';
  let pos = 0;
  for (const x of chosen) {
    out += text.slice(pos, x.start) + redactor.placeholder(text.slice(x.start, x.end), x.start);
    pos = x.end;
  }
  out += text.slice(pos);
  return { text: out, redactions: redactor.notes };
}

/**
 * For messages that may echo request data (endpoint error bodies): removes the given values
 * (the API key) and anything in a well-known credential format.
 */
export function scrubText(message: string, values: (string | undefined)[] = []): string {
  let out = message;
  for (const v of values) {
    if (v && v.length >= 4) out = out.split(v).join('<redacted>');
  }
  const reps = disjoint(contentMatches(out, 0));
  let res = '';
  let pos = 0;
  for (const x of reps) {
    res += out.slice(pos, x.start) + '<redacted>';
    pos = x.end;
  }
  return res + out.slice(pos);
}
