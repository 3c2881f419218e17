/**
 * Shared types of the AI second opinion: vscode-free, used by the language server, the CLI
 * and the extension. An AI opinion is advice: nothing here touches review status.
 */
import type { CategoryId, Tier } from '../engine/categories';
import type { LanguageId } from '../engine/languages';
import type { Span } from '../engine/types';

export type Severity = 'P0' | 'P1' | 'P2';
export const SEVERITIES: readonly Severity[] = ['P0', 'P1', 'P2'];

/** One problem the model reported. `line` is 1-based, in the file. */
export interface AiFinding {
  severity: Severity;
  line: number;
  message: string;
}

/** Numbered source lines (1-based line numbers as in the file); gaps are allowed. */
export interface Snippet {
  lines: { n: number; text: string }[];
}

/** What was taken out before anything left the machine: never the value itself. */
export interface RedactionNote {
  /** The placeholder that replaced the secret, e.g. `<redacted:api-key#1>`. */
  placeholder: string;
  kind: SecretKind;
  /** 1-based line where the secret started. */
  line: number;
  /** Length of the value that was taken out. */
  length: number;
}

/**
 * What a placeholder stands for. `string` is a literal that was not recognised as a secret but
 * is not obviously code either (the default is to withhold it); all the others are secrets.
 */
export type SecretKind =
  | 'private-key'
  | 'api-key'
  | 'token'
  | 'password'
  | 'connection-string'
  | 'secret'
  | 'jwt-key'
  | 'hmac-key'
  | 'cipher-key'
  | 'session-key'
  | 'key'
  | 'credential'
  | 'string';

/**
 * A guardrail region with the context a reviewer needs (imports, enclosing type), built from the
 * redacted text: no field of it ever holds a secret the redactor recognised.
 */
export interface AiContext {
  /** Path relative to the workspace folder or the CLI's cwd, forward slashes. */
  path: string;
  language: LanguageId;
  regionId: string;
  symbol: string;
  /** Categories of the region(s) covering this unit, most important first. */
  categories: CategoryId[];
  tier: Tier;
  /** The region's unit, 0-based LSP span (what diagnostics are cleared against). */
  span: Span;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** The rules that flagged the region, 1-based lines. */
  triggers: { rule: string; line: number }[];
  /** Package clause and imports. */
  imports: Snippet;
  /** The enclosing class / receiver type, summarised (fields and method signatures). */
  enclosingType?: { name: string; snippet: Snippet };
  /** The region's code. */
  code: Snippet;
  /** Set when the region was too long and lines were left out. */
  truncated?: boolean;
  redactions: RedactionNote[];
}

/** Params of the `aiGuardrails/aiContext` request. */
export interface AiContextParams {
  uri: string;
  /** 0-based LSP position; any line of the region selects it. */
  position: { line: number; character: number };
}

/** Result of `aiGuardrails/aiContext`: null when no guardrail region covers the position. */
export interface AiContextResult {
  context: AiContext;
  /** The document version the context was built from (undefined when read from disk). */
  version?: number;
}

export type AiErrorKind =
  | 'config'
  | 'auth'
  | 'forbidden'
  | 'model-not-found'
  | 'rate-limited'
  | 'bad-request'
  | 'server'
  | 'unreachable'
  | 'timeout'
  | 'malformed'
  | 'cancelled';

/** Every failure of a review, with a message fit for a user (never a key, never code). */
export class AiError extends Error {
  constructor(
    readonly kind: AiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AiError';
  }
}

export interface AiReviewResult {
  /** The model that answered (as reported by the endpoint, else the one requested). */
  model: string;
  findings: AiFinding[];
  /** How the answer was read. */
  form: 'json' | 'text';
  /** The model's raw answer. */
  answer: string;
  /** False when the endpoint refused `response_format` and the plain-text form was used. */
  structured: boolean;
  /** Attempts made (2 when a 429 with retry-after was retried). */
  attempts: number;
}
