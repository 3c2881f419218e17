/**
 * Talks to an OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, Ollama, LM Studio,
 * vLLM) through the `openai` SDK: streaming, one overall timeout, cancellation, one retry after a
 * 429 that carries retry-after, a plain-text retry when the endpoint refuses `response_format`,
 * and every failure mapped to an AiError with a clear, bounded message that never holds the key.
 */
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AzureOpenAI,
  BadRequestError,
  OpenAIError,
  RateLimitError,
} from 'openai';
import { FindingStream, parseAnswer } from './parse';
import type { ReviewRequestBody } from './prompt';
import { DEFAULT_TIMEOUT_MS, LOCAL_PLACEHOLDER_KEY } from './preview';
import { scrubText } from './redact';
import { isRecord } from '../../../common/src/json';
import {
  AiError,
  DEFAULT_AZURE_API_VERSION,
  isLoopbackUrl,
  parseBaseUrl,
  resolveEndpoint,
  type AiFinding,
  type AiReviewResult,
  type EndpointConfig,
  type ResolvedEndpoint,
} from '../../../common/src/ai';

export { DEFAULT_AZURE_API_VERSION, DEFAULT_BASE_URL, DEFAULT_MODEL, isLoopbackUrl, parseBaseUrl, resolveEndpoint } from '../../../common/src/ai';
export type { EndpointConfig, Provider, ResolvedEndpoint } from '../../../common/src/ai';
export { DEFAULT_TIMEOUT_MS, LOCAL_PLACEHOLDER_KEY, previewRequest, type RequestPreview } from './preview';

export interface ReviewOptions {
  signal?: AbortSignal;
  /** Stream the answer (SSE); default true. */
  stream?: boolean;
  /** Each piece of the answer as it arrives. */
  onDelta?: (text: string) => void;
  /** Each finding as soon as it is complete in the stream (the final list is in the result). */
  onFinding?: (finding: AiFinding) => void;
  /** Before waiting out a 429's retry-after, or before retrying without `response_format`. */
  onRetry?: (info: { reason: 'rate-limited' | 'no-structured-output'; delayMs: number }) => void;
}

/** The key to send, or a config error when none is set for a remote endpoint. */
export function effectiveApiKey(config: EndpointConfig): string {
  const key = config.apiKey?.trim();
  if (key) return key;
  if (isLoopbackUrl(parseBaseUrl(config.baseUrl))) return LOCAL_PLACEHOLDER_KEY;
  throw new AiError('config', `no API key is set for ${parseBaseUrl(config.baseUrl).origin}`);
}

function makeClient(config: EndpointConfig, resolved: ResolvedEndpoint, apiKey: string, timeoutMs: number): OpenAI {
  const common = {
    apiKey,
    maxRetries: 0,
    timeout: timeoutMs,
    logLevel: 'off' as const,
    adminAPIKey: null,
    webhookSecret: null,
    organization: config.organization ?? null,
    project: config.project ?? null,
  };
  if (resolved.kind === 'openai') {
    return new OpenAI({ ...common, baseURL: resolved.baseURL ?? null, ...(resolved.query ? { defaultQuery: resolved.query } : {}) });
  }
  const { adminAPIKey: _a, ...azureCommon } = common;
  return new AzureOpenAI({
    ...azureCommon,
    apiVersion: resolved.apiVersion ?? DEFAULT_AZURE_API_VERSION,
    ...(resolved.baseURL ? { baseURL: resolved.baseURL } : { endpoint: resolved.endpoint ?? '', deployment: resolved.deployment ?? '', baseURL: null }),
  });
}

/** Delay from `retry-after-ms` / `retry-after` (seconds or an HTTP date), if present. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = headers?.get('retry-after');
  if (!ra) return undefined;
  if (/^\s*\d+(?:\.\d+)?\s*$/.test(ra)) return Math.max(0, Number(ra) * 1000);
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function clipDetail(s: string, max = 300): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

/** The `code` of a system error in the cause chain (ECONNREFUSED, ENOTFOUND...), else the innermost message. */
function causeDetail(err: unknown): string | undefined {
  let e: unknown = err;
  let innermost: string | undefined;
  for (let i = 0; i < 6 && isRecord(e); i++) {
    if (typeof e.code === 'string' && /^E[A-Z_]+$/.test(e.code)) return e.code;
    if (Array.isArray(e.errors) && isRecord(e.errors[0]) && typeof e.errors[0].code === 'string') return e.errors[0].code;
    if (i > 0 && e instanceof Error && e.message) innermost = e.message;
    e = e.cause;
  }
  return innermost && innermost !== 'fetch failed' ? clipDetail(innermost, 120) : undefined;
}

interface ErrorContext {
  baseUrl: string;
  model: string;
  apiKey: string;
  timeoutMs: number;
  retried: boolean;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`;
}

/** Maps any failure to an AiError with a message for a user (scrubbed of the key). */
export function toAiError(err: unknown, ctx: ErrorContext): AiError {
  if (err instanceof AiError) return new AiError(err.kind, scrubText(err.message, [ctx.apiKey]), err.status);
  const scrub = (s: string) => scrubText(s, [ctx.apiKey]);
  let origin = ctx.baseUrl;
  try {
    origin = new URL(ctx.baseUrl).origin;
  } catch {
    // keep as given
  }
  if (err instanceof APIUserAbortError) return new AiError('cancelled', 'cancelled');
  if (err instanceof APIConnectionTimeoutError) return new AiError('timeout', `no answer from ${origin} within ${seconds(ctx.timeoutMs)}`);
  if (err instanceof APIConnectionError) {
    const detail = causeDetail(err);
    return new AiError('unreachable', `cannot reach ${origin}${detail ? ` (${detail})` : ''}: check the base URL and that the server is running`);
  }
  if (err instanceof APIError) {
    const body = err.error;
    const raw = isRecord(body) && typeof body.message === 'string' ? body.message : typeof body === 'string' ? body : '';
    const detail = raw ? `: ${clipDetail(scrub(raw))}` : '';
    const status = err.status;
    if (status === 401) return new AiError('auth', `the endpoint rejected the API key (401 Unauthorized)${detail}`, 401);
    if (status === 403) return new AiError('forbidden', `access denied (403 Forbidden): the API key may not use model "${ctx.model}" or this endpoint${detail}`, 403);
    if (status === 404) {
      return new AiError('model-not-found', `model "${ctx.model}" not found (404) at ${ctx.baseUrl}: check the model (or Azure deployment) name and that the base URL ends in /v1${detail}`, 404);
    }
    if (status === 429) {
      const quota = err.code === 'insufficient_quota' || /quota/i.test(raw);
      const after = retryAfterMs(err.headers);
      const when = after !== undefined ? `; retry after ${seconds(after)}` : '';
      const tried = ctx.retried ? ' (still limited after waiting once)' : '';
      return new AiError('rate-limited', `${quota ? 'quota exceeded' : 'rate limited'} (429)${tried}${when}${detail}`, 429);
    }
    if (status !== undefined && status >= 500) return new AiError('server', `the endpoint failed (${status})${detail}`, status);
    if (status !== undefined) return new AiError('bad-request', `the endpoint rejected the request (${status})${detail}`, status);
    return new AiError('server', `the endpoint reported an error${detail || `: ${clipDetail(scrub(err.message))}`}`);
  }
  if (err instanceof SyntaxError) return new AiError('malformed', 'the endpoint sent data that is not valid JSON');
  if (err instanceof OpenAIError) return new AiError('config', clipDetail(scrub(err.message)));
  const message = err instanceof Error ? err.message : String(err);
  return new AiError('server', clipDetail(scrub(message)));
}

interface AttemptResult {
  answer: string;
  model: string;
  finish?: string;
  refusal?: string;
}

async function attempt(
  client: OpenAI,
  body: ReviewRequestBody,
  options: ReviewOptions,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<AttemptResult> {
  const requestOptions = { signal, timeout: Math.max(1, Math.round(timeoutMs)), maxRetries: 0 };
  if (options.stream === false) {
    const completion: unknown = await client.chat.completions.create({ ...body, stream: false }, requestOptions);
    const choice = isRecord(completion) && Array.isArray(completion.choices) ? completion.choices[0] : undefined;
    if (!isRecord(completion) || !isRecord(choice) || !isRecord(choice.message)) {
      throw new AiError('malformed', 'the endpoint answered, but not with a chat completion (no choices[0].message)');
    }
    const answer = typeof choice.message.content === 'string' ? choice.message.content : '';
    if (answer) options.onDelta?.(answer);
    const stream = new FindingStream();
    for (const f of stream.push(`${answer}\n`)) options.onFinding?.(f);
    return {
      answer,
      model: typeof completion.model === 'string' && completion.model ? completion.model : body.model,
      ...(typeof choice.finish_reason === 'string' ? { finish: choice.finish_reason } : {}),
      ...(typeof choice.message.refusal === 'string' ? { refusal: choice.message.refusal } : {}),
    };
  }
  const stream = await client.chat.completions.create({ ...body, stream: true }, requestOptions);
  const findings = new FindingStream();
  let answer = '';
  let model = body.model;
  let finish: string | undefined;
  let refusal = '';
  for await (const chunk of stream as AsyncIterable<unknown>) {
    if (!isRecord(chunk) || !Array.isArray(chunk.choices)) throw new AiError('malformed', 'a streamed chunk is not a chat completion chunk (no "choices")');
    if (typeof chunk.model === 'string' && chunk.model) model = chunk.model;
    const choice: unknown = chunk.choices[0];
    if (!isRecord(choice)) continue;
    const delta = isRecord(choice.delta) ? choice.delta : {};
    if (typeof delta.content === 'string' && delta.content.length > 0) {
      answer += delta.content;
      options.onDelta?.(delta.content);
      for (const f of findings.push(delta.content)) options.onFinding?.(f);
    }
    if (typeof delta.refusal === 'string') refusal += delta.refusal;
    if (typeof choice.finish_reason === 'string') {
      // The answer is complete. Stop here rather than wait for the body to end: some servers and
      // proxies keep an SSE response open after the last chunk (leaving the loop closes it).
      finish = choice.finish_reason;
      break;
    }
  }
  // The SDK ends an aborted stream quietly: make it an error here.
  if (signal.aborted) throw new Error('aborted');
  for (const f of findings.push('\n')) options.onFinding?.(f);
  return { answer, model, ...(finish ? { finish } : {}), ...(refusal ? { refusal } : {}) };
}

function refusesResponseFormat(err: unknown): boolean {
  if (!(err instanceof BadRequestError) && !(err instanceof APIError && (err.status === 400 || err.status === 422))) return false;
  const body = err.error;
  const text = `${err.message} ${isRecord(body) && typeof body.message === 'string' ? body.message : ''} ${err.param ?? ''}`;
  return /response_format|json_schema|structured output|schema/i.test(text);
}

/**
 * Asks the endpoint for a review of `body` (from buildReviewRequest). Resolves with the parsed
 * findings; rejects with an AiError of a known kind.
 */
export async function requestReview(config: EndpointConfig, body: ReviewRequestBody, options: ReviewOptions = {}): Promise<AiReviewResult> {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const ctx: ErrorContext = { baseUrl: config.baseUrl, model: body.model, apiKey: config.apiKey ?? '', timeoutMs, retried: false };
  if (options.signal?.aborted) throw new AiError('cancelled', 'cancelled');
  const resolved = resolveEndpoint(config, body.model);
  const apiKey = effectiveApiKey(config);
  const started = Date.now();
  const controller = new AbortController();
  let reason: 'timeout' | 'cancelled' | undefined;
  const onUserAbort = () => {
    reason ??= 'cancelled';
    controller.abort();
  };
  options.signal?.addEventListener('abort', onUserAbort, { once: true });
  const timer = setTimeout(() => {
    reason ??= 'timeout';
    controller.abort();
  }, timeoutMs);
  const remaining = () => timeoutMs - (Date.now() - started);
  let structured = body.response_format !== undefined;
  let attempts = 0;
  try {
    const client = makeClient(config, resolved, apiKey, timeoutMs);
    for (;;) {
      attempts++;
      try {
        const sent: ReviewRequestBody = structured ? body : { model: body.model, messages: body.messages };
        const result = await attempt(client, sent, options, controller.signal, remaining());
        if (!result.answer.trim() && result.refusal) throw new AiError('malformed', `the model refused: ${clipDetail(result.refusal)}`);
        let parsed;
        try {
          parsed = parseAnswer(result.answer);
        } catch (err) {
          if (err instanceof AiError && result.finish === 'length') throw new AiError('malformed', `${err.message} (the answer was cut off at the token limit)`);
          throw err;
        }
        return { model: result.model, findings: parsed.findings, form: parsed.form, answer: result.answer, structured, attempts };
      } catch (err) {
        if (reason) throw err;
        if (err instanceof RateLimitError && !ctx.retried && err.code !== 'insufficient_quota') {
          const delay = retryAfterMs(err.headers);
          if (delay !== undefined && delay < remaining()) {
            ctx.retried = true;
            options.onRetry?.({ reason: 'rate-limited', delayMs: delay });
            await sleep(delay, controller.signal);
            continue;
          }
          if (delay !== undefined) {
            throw new AiError('rate-limited', `rate limited (429): retry after ${seconds(delay)}, longer than the ${seconds(timeoutMs)} timeout`, 429);
          }
        }
        if (structured && refusesResponseFormat(err)) {
          structured = false;
          options.onRetry?.({ reason: 'no-structured-output', delayMs: 0 });
          continue;
        }
        throw err;
      }
    }
  } catch (err) {
    if (reason === 'timeout') throw new AiError('timeout', `no complete answer from ${safeOrigin(config.baseUrl)} within ${seconds(timeoutMs)}`);
    if (reason === 'cancelled') throw new AiError('cancelled', 'cancelled');
    throw toAiError(err, ctx);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onUserAbort);
  }
}

function safeOrigin(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}
