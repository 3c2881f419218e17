/**
 * The AI second opinion's shared part: the redacted context the server builds, the findings it
 * returns, its errors, and which endpoint a configuration means (the client names it in the
 * consent prompt and stores the key per origin; the server sends the request there).
 * An AI opinion is advice: nothing here touches review status.
 */
import type { CategoryId, Tier } from './categories';
import type { LanguageId } from './languages';
import type { Span } from './span';

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

const AI_ERROR: unique symbol = Symbol.for('ai-guardrails.AiError');

/** Every failure of a review, with a message fit for a user (never a key, never code). */
export class AiError extends Error {
  /**
   * `instanceof` by brand, not by class: the AI client is a bundle of its own (scripts/build.js)
   * with its own copy of this class, and its errors must still be AiErrors to the CLI and server.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [AI_ERROR]?: unknown })[AI_ERROR] === true;
  }

  readonly [AI_ERROR] = true;

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

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_MODEL = 'gpt-4o-mini';
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

export type Provider = 'auto' | 'openai' | 'azure';

export interface EndpointConfig {
  baseUrl: string;
  /** Optional only for loopback hosts. */
  apiKey?: string;
  provider?: Provider;
  azureApiVersion?: string;
  /** Azure deployment; defaults to the model name. */
  azureDeployment?: string;
  /** Overall bound for a review, retries and streaming included. */
  timeoutMs?: number;
  /** OpenAI organization / project headers; null sends none. */
  organization?: string | null;
  project?: string | null;
}

export interface ResolvedEndpoint {
  kind: 'openai' | 'azure';
  /** The URL the request is POSTed to, query included. */
  url: string;
  /** Header carrying the key. */
  authHeader: 'Authorization' | 'api-key';
  baseURL?: string;
  endpoint?: string;
  deployment?: string;
  apiVersion?: string;
  /** Query parameters of the base URL, sent with every request. */
  query?: Record<string, string>;
}

export function isLoopbackUrl(url: URL): boolean {
  const h = url.hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h) || h.endsWith('.localhost');
}

export function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new AiError('config', `the base URL ${JSON.stringify(baseUrl)} is not a valid URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AiError('config', `the base URL must be http(s), not ${url.protocol}`);
  if (url.username || url.password) throw new AiError('config', 'the base URL must not contain credentials; set the API key instead');
  return url;
}

function trimSlashes(path: string): string {
  return path.replace(/\/+$/, '');
}

/** Which SDK client and which URL a configuration means. */
export function resolveEndpoint(config: EndpointConfig, model: string): ResolvedEndpoint {
  const url = parseBaseUrl(config.baseUrl);
  const path = trimSlashes(url.pathname);
  const azureHost = /\.(?:openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/i.test(url.hostname);
  const azure = config.provider === 'azure' || (config.provider !== 'openai' && azureHost && !/\/openai\/v1$/.test(path));
  if (!azure) {
    const base = `${url.origin}${path}`;
    const query = url.search ? { query: Object.fromEntries(url.searchParams) } : {};
    return { kind: 'openai', url: `${base}/chat/completions${url.search}`, authHeader: 'Authorization', baseURL: base, ...query };
  }
  const apiVersion = config.azureApiVersion || DEFAULT_AZURE_API_VERSION;
  const query = `?api-version=${encodeURIComponent(apiVersion)}`;
  if (/\/deployments\/[^/]+$/.test(path)) {
    const base = `${url.origin}${path}`;
    return { kind: 'azure', url: `${base}/chat/completions${query}`, authHeader: 'api-key', baseURL: base, apiVersion };
  }
  const deployment = config.azureDeployment || model;
  const endpoint = `${url.origin}${path.replace(/\/openai$/, '')}`;
  return {
    kind: 'azure',
    url: `${endpoint}/openai/deployments/${encodeURIComponent(deployment)}/chat/completions${query}`,
    authHeader: 'api-key',
    endpoint,
    deployment,
    apiVersion,
  };
}

/** "2 secrets and 3 other string literals were replaced by <redacted:…> placeholders." */
export function describeRedactions(redactions: RedactionNote[]): string {
  const strings = redactions.filter((r) => r.kind === 'string').length;
  const secrets = redactions.length - strings;
  if (redactions.length === 0) return 'Nothing was withheld here.';
  const parts = [];
  if (secrets > 0) parts.push(`${secrets} ${secrets === 1 ? 'secret' : 'secrets'}`);
  if (strings > 0) parts.push(`${strings} other string ${strings === 1 ? 'literal' : 'literals'}`);
  return `${parts.join(' and ')} ${redactions.length === 1 ? 'was' : 'were'} replaced by <redacted:…> placeholders.`;
}

/** The endpoint part of the editor's AI settings, sent with every AI request (never the key). */
export interface AiEndpointSettings {
  baseUrl: string;
  model: string;
  provider: Provider;
  azureApiVersion: string;
  /** Empty: the model name is the deployment. */
  azureDeployment: string;
  timeoutMs: number;
}

/** The SDK configuration for endpoint settings and an optional key. */
export function endpointConfig(s: AiEndpointSettings, apiKey: string | undefined): EndpointConfig {
  return {
    baseUrl: s.baseUrl,
    ...(apiKey ? { apiKey } : {}),
    provider: s.provider,
    azureApiVersion: s.azureApiVersion,
    ...(s.azureDeployment ? { azureDeployment: s.azureDeployment } : {}),
    timeoutMs: s.timeoutMs,
    organization: null,
    project: null,
  };
}

/** An AiError as it crosses the wire. */
export interface AiErrorData {
  kind: AiErrorKind;
  message: string;
  status?: number;
}

export function aiErrorData(e: AiError): AiErrorData {
  return { kind: e.kind, message: e.message, ...(e.status !== undefined ? { status: e.status } : {}) };
}

export function aiErrorFromData(d: AiErrorData): AiError {
  return new AiError(d.kind, d.message, d.status);
}

/** Params of `aiGuardrails/aiPreview`: what a review of this context would send. */
export interface AiPreviewParams {
  context: AiContext;
  endpoint: AiEndpointSettings;
  /** Whether a key is stored (the preview masks it either way; the key itself is not sent). */
  keySet: boolean;
}

/** The preview document's text, or why there is none (a bad base URL). */
export type AiPreviewResult = { text: string } | { error: AiErrorData };

/** Params of `aiGuardrails/aiReview`: ask the endpoint about a context the server built. */
export interface AiReviewParams {
  /** Chosen by the client; progress notifications carry it. */
  reviewId: string;
  context: AiContext;
  endpoint: AiEndpointSettings;
  /** From the editor's secret storage, for this request only; the server never stores or logs it. */
  apiKey?: string;
}

export type AiReviewOutcome = { result: AiReviewResult } | { error: AiErrorData };

/** Server → client while `aiGuardrails/aiReview` runs: one piece of the streamed answer. */
export interface AiReviewProgressParams {
  reviewId: string;
  /** Text of the answer as it arrives. */
  delta?: string;
  /** A finding, as soon as it is complete in the stream. */
  finding?: AiFinding;
  /** Before waiting out a 429's retry-after, or before retrying without `response_format`. */
  retry?: { reason: 'rate-limited' | 'no-structured-output'; delayMs: number };
}
