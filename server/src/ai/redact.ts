/**
 * Secret redaction: before code leaves the machine (and before the preview shows it), string
 * literals that look like secrets are replaced by placeholders such as `<redacted:api-key#1>`.
 *
 * Recognised: private keys (PEM), well-known API key and token formats, JWTs, Bearer/Basic
 * credentials, passwords in connection strings and DSNs, literals assigned to names such as
 * `password`, `secret`, `apiKey`, `token`, and long high-entropy literals. Well-known token
 * formats and PEM blocks are also removed from comments. Line structure is preserved (a
 * multi-line secret leaves its newlines behind) so line numbers in answers still match the file.
 */
import type { QueryFamily } from '../engine/languages';
import type { RedactionNote, SecretKind } from './types';

export interface RedactionResult {
  text: string;
  redactions: RedactionNote[];
}

interface Literal {
  /** Offsets of the literal's content (without quotes). */
  start: number;
  end: number;
}

/** Well-known credential formats, matched anywhere (literals and comments). */
const TOKEN_PATTERNS: { re: RegExp; kind: SecretKind }[] = [
  { re: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END \1PRIVATE KEY\2-----|$)/g, kind: 'private-key' },
  { re: /\bsk-(?:proj-|ant-|live-)?[A-Za-z0-9_-]{20,}/g, kind: 'api-key' },
  { re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, kind: 'api-key' },
  { re: /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, kind: 'token' },
  { re: /\bgithub_pat_[A-Za-z0-9_]{22,}/g, kind: 'token' },
  { re: /\bglpat-[A-Za-z0-9_-]{20,}/g, kind: 'token' },
  { re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, kind: 'token' },
  { re: /\bAIza[0-9A-Za-z_-]{35}\b/g, kind: 'api-key' },
  { re: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g, kind: 'api-key' },
  { re: /\bnpm_[A-Za-z0-9]{36}\b/g, kind: 'token' },
  { re: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, kind: 'api-key' },
  { re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, kind: 'token' },
];

/** Only inside string literals: `Bearer <token>` and credentials in URLs and DSNs. */
const BEARER = /(?<=\b(?:Bearer|Basic|Token)\s+)[A-Za-z0-9._~+/-]{16,}=*/g;

/** `scheme://user:password@host` → the password part. */
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/'"`]*:([^\s@/'"`]+)@/gi;
/** `password=...` style pairs inside DSNs and query strings. */
const DSN_PASSWORD = /(?:^|[\s;&?])(?:password|passwd|pwd|pass|secret|token|api[_-]?key|access[_-]?key|sslpassword)\s*=\s*([^\s;&'"`]+)/gi;

const SECRET_WORDS = new Set([
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'apikey', 'credential',
  'credentials', 'authorization', 'bearer', 'dsn', 'privatekey', 'accesskey', 'secretkey',
]);
const SECRET_PAIRS = new Set([
  'api key', 'access key', 'private key', 'priv key', 'signing key', 'hmac key', 'encryption key', 'enc key', 'master key',
  'session key', 'jwt key', 'auth key', 'client secret', 'conn str', 'connection string', 'database url', 'db url', 'auth token',
]);
/** Names ending in these describe a secret rather than hold one (`tokenType`, `passwordField`). */
const NOT_SECRET_TAIL = new Set([
  'type', 'name', 'names', 'url', 'uri', 'endpoint', 'header', 'field', 'env', 'var', 'path', 'file', 'length', 'len', 'size',
  'expiry', 'expires', 'ttl', 'prefix', 'format', 'kind', 'algorithm', 'alg', 'label', 'message', 'msg', 'error', 'err',
  'pattern', 'regex', 're', 'placeholder', 'hint', 'policy', 'count', 'id',
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Whether an identifier or key names a secret (`dbPassword`, `API_KEY`, `client_secret`). */
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
  return words(name).some((w) => w === 'password' || w === 'passwd' || w === 'passphrase' || w === 'pwd' || w === 'pass');
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

/** A long random-looking literal: an unlabelled key, token or secret. */
export function looksRandom(s: string): boolean {
  if (s.length < 20 || s.length > 2000) return false;
  if (!/^[A-Za-z0-9+/=_-]+$/.test(s)) return false;
  if (!/[0-9]/.test(s) || !/[A-Za-z]/.test(s)) return false;
  // Paths and module names (a/b/c) are not secrets; base64 with slashes usually has + or =.
  if (s.includes('/') && !/[+=]/.test(s)) return false;
  if (/^[0-9a-fA-F]+$/.test(s)) return s.length >= 32 && entropy(s) >= 3.0;
  if (!/[a-z]/.test(s) || !/[A-Z]/.test(s)) return s.length >= 32 && entropy(s) >= 3.8;
  return entropy(s) >= 3.5;
}

/** The name a literal is assigned / passed / compared to on its line, if any. */
export function nameBefore(before: string, family: QueryFamily): string | undefined {
  let b = before;
  if (family === 'python') b = b.replace(/[rRbBuUfF]{1,2}$/, '');
  // Wrappers around the literal: []byte("..."), Buffer.from('...'), bytes("...")
  b = b.replace(/(?:\[\]byte|bytes|bytearray|Buffer\.from|str|String|new\s+TextEncoder\(\)\.encode)\(\s*$/, '');
  let m = /([A-Za-z_$][\w$]*)["'`\]]*\s*(?:===?|!==?|:=|=|:|=>|\?\?|\|\|)\s*$/.exec(b);
  if (m) return m[1];
  // getenv("DB_PASSWORD", "fallback"), headers.set("Authorization", "...")
  m = /["'`]([\w.-]+)["'`]\s*,\s*$/.exec(b);
  if (m) return m[1];
  return undefined;
}

/** Finds string literals (and comments, to skip them) with a small lexer per language family. */
export function findLiterals(text: string, family: QueryFamily): { literals: Literal[]; code: Literal[] } {
  const literals: Literal[] = [];
  const code: Literal[] = [];
  let i = 0;
  let segStart = 0;
  const n = text.length;
  const flushCode = (end: number) => {
    if (end > segStart) code.push({ start: segStart, end });
  };
  while (i < n) {
    const c = text[i];
    const next = text[i + 1];
    if (family !== 'python' && c === '/' && next === '/') {
      const e = text.indexOf('\n', i);
      i = e === -1 ? n : e;
      continue; // comments stay in the code segments: token formats are removed from them too
    }
    if (family !== 'python' && c === '/' && next === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e === -1 ? n : e + 2;
      continue;
    }
    if (family === 'python' && c === '#') {
      const e = text.indexOf('\n', i);
      i = e === -1 ? n : e;
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
      flushCode(i);
      literals.push({ start, end: contentEnd });
      i = end === -1 ? contentEnd : end + open;
      segStart = i;
      continue;
    }
    i++;
  }
  flushCode(n);
  return { literals, code };
}

class Redactor {
  private readonly byValue = new Map<string, string>();
  readonly notes: RedactionNote[] = [];
  private count = 0;

  constructor(private readonly text: string) {}

  placeholder(value: string, kind: SecretKind, offset: number): string {
    let p = this.byValue.get(value);
    if (!p) {
      p = `<redacted:${kind}#${++this.count}>`;
      this.byValue.set(value, p);
    }
    this.notes.push({ placeholder: p, kind, line: lineAt(this.text, offset) + 1 });
    // Keep the line structure: a multi-line secret leaves its newlines.
    return p + '\n'.repeat(countNewlines(value));
  }
}

function countNewlines(s: string): number {
  let k = 0;
  for (const c of s) if (c === '\n') k++;
  return k;
}

function lineAt(text: string, offset: number): number {
  return countNewlines(text.slice(0, offset));
}

interface Replacement {
  start: number;
  end: number;
  kind: SecretKind;
}

function tokenMatches(segment: string, base: number, inLiteral: boolean): Replacement[] {
  const out: Replacement[] = [];
  for (const { re, kind } of TOKEN_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(segment); m; m = re.exec(segment)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      out.push({ start: base + m.index, end: base + m.index + m[0].length, kind });
    }
  }
  if (!inLiteral) return out;
  BEARER.lastIndex = 0;
  for (let m = BEARER.exec(segment); m; m = BEARER.exec(segment)) out.push({ start: base + m.index, end: base + m.index + m[0].length, kind: 'token' });
  for (const re of [URL_PASSWORD, DSN_PASSWORD]) {
    re.lastIndex = 0;
    for (let m = re.exec(segment); m; m = re.exec(segment)) {
      const value = m[1] ?? '';
      if (value.length === 0 || /^<redacted:/.test(value) || /^\$\{?\w+\}?$/.test(value) || value === '****') continue;
      const at = m.index + m[0].lastIndexOf(value);
      out.push({ start: base + at, end: base + at + value.length, kind: re === URL_PASSWORD ? 'connection-string' : 'password' });
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

function literalVerdict(content: string, name: string | undefined, lineText: string): SecretKind | undefined {
  if (name && isSecretName(name)) {
    const v = content.trim();
    const isPlaceholder = /^(?:<[^>]*>|\$\{[^}]*\}|%[sdv]|\{\}|\*+|x+|\.\.\.)$/i.test(v);
    const isEnvName = /^[A-Z][A-Z0-9_]*$/.test(v) && v.includes('_');
    const isPath = /^(?:[.~]?\/|[A-Za-z]:\\)[\w./\\-]*$/.test(v) || /\.(?:pem|key|crt|json|txt|env)$/i.test(v);
    const hasSpace = /\s/.test(v);
    if (v.length >= 3 && !isPlaceholder && !isEnvName && !isPath && (!hasSpace || isPasswordName(name))) {
      return isPasswordName(name) ? 'password' : /key/i.test(name) ? 'api-key' : /token|bearer|authorization/i.test(name) ? 'token' : 'secret';
    }
  }
  if (!/^\s*(?:import|from|package)\b/.test(lineText) && !/\b(?:require|import)\(\s*$/.test(lineText) && looksRandom(content)) return 'secret';
  return undefined;
}

/**
 * Replaces secret-looking literals (and credential formats in comments) with placeholders.
 * `family` selects the comment and string syntax (go, python, ecma); unknown text uses ecma.
 */
export function redactSecrets(text: string, family: QueryFamily = 'ecma'): RedactionResult {
  const { literals, code } = findLiterals(text, family);
  const reps: Replacement[] = [];
  for (const lit of literals) {
    const content = text.slice(lit.start, lit.end);
    const lineStart = text.lastIndexOf('\n', lit.start - 1) + 1;
    const quoteStart = Math.max(lineStart, lit.start - (text.startsWith('"""', lit.start - 3) || text.startsWith("'''", lit.start - 3) ? 3 : 1));
    const before = text.slice(lineStart, quoteStart);
    const inner = tokenMatches(content, lit.start, true);
    if (inner.length > 0) {
      reps.push(...inner);
      continue;
    }
    const kind = literalVerdict(content, nameBefore(before, family), before);
    if (kind) reps.push({ start: lit.start, end: lit.end, kind });
  }
  for (const seg of code) reps.push(...tokenMatches(text.slice(seg.start, seg.end), seg.start, false));
  const chosen = disjoint(reps);
  if (chosen.length === 0) return { text, redactions: [] };
  const redactor = new Redactor(text);
  let out = '';
  let pos = 0;
  for (const r of chosen) {
    out += text.slice(pos, r.start) + redactor.placeholder(text.slice(r.start, r.end), r.kind, r.start);
    pos = r.end;
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
  const reps = disjoint(tokenMatches(out, 0, true));
  let res = '';
  let pos = 0;
  for (const r of reps) {
    res += out.slice(pos, r.start) + '<redacted>';
    pos = r.end;
  }
  return res + out.slice(pos);
}
