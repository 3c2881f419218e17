import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { previewRequest, requestReview, retryAfterMs, resolveEndpoint, type EndpointConfig } from '../../server/src/ai/client';
import { contextAtLine } from '../../server/src/ai/context';
import { buildReviewRequest, RESPONSE_FORMAT, type ReviewRequestBody } from '../../server/src/ai/prompt';
import { AiError, type AiContext, type AiFinding } from '../../common/src/ai';
import { REPO_ROOT, sharedEngine } from '../helpers/engine';
import {
  chunk,
  closedPort,
  completion,
  FakeOpenAi,
  pieces,
  sendError,
  sendJson,
  startSse,
  streamPieces,
  writeSse,
} from './fakeOpenAi';

const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
const KEY = 'test-key-0123456789';

const FINDINGS_JSON = JSON.stringify({
  findings: [
    { severity: 'P0', line: 17, message: 'jwt.Parse does not pin the signing algorithm; an attacker can pick it.' },
    { severity: 'P1', line: 21, message: 'Audience and issuer are never checked.' },
  ],
});

async function expectAiError(promise: Promise<unknown>, kind: string, message?: RegExp): Promise<AiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof AiError, `expected an AiError, got ${String(err)}`);
    assert.strictEqual(err.kind, kind, `kind of "${err.message}"`);
    if (message) assert.match(err.message, message);
    assert.ok(!err.message.includes(KEY), 'the API key must never appear in an error message');
    return err;
  }
  assert.fail(`expected an AiError of kind ${kind}`);
}

describe('AI client against an OpenAI-compatible server', function () {
  this.timeout(20000);
  let server: FakeOpenAi;
  let context: AiContext;
  let body: ReviewRequestBody;
  const config = (extra: Partial<EndpointConfig> = {}): EndpointConfig => ({ baseUrl: server.baseUrl, apiKey: KEY, timeoutMs: 15000, ...extra });

  before(async () => {
    const engine = await sharedEngine();
    const text = fs.readFileSync(path.join(WORKSPACE, 'go', 'auth.go'), 'utf8');
    const found = contextAtLine(engine, { text, language: 'go', path: 'go/auth.go', line: 17 });
    assert.ok(found.context, 'go/auth.go:18 is in the Verify region');
    context = found.context;
    body = buildReviewRequest(context, 'gpt-test');
  });
  beforeEach(async () => {
    server = await FakeOpenAi.start();
  });
  afterEach(async () => {
    await server.close();
  });

  it('sends model, messages, a json_schema response_format, stream and a Bearer key; streams findings as they arrive', async () => {
    server.answer = FINDINGS_JSON;
    const deltas: string[] = [];
    const streamed: AiFinding[] = [];
    const result = await requestReview(config(), body, { onDelta: (d) => deltas.push(d), onFinding: (f) => streamed.push(f) });
    assert.strictEqual(server.requests.length, 1);
    const req = server.requests[0]!;
    assert.strictEqual(req.method, 'POST');
    assert.strictEqual(req.url, '/v1/chat/completions');
    assert.strictEqual(req.headers.authorization, `Bearer ${KEY}`);
    assert.match(String(req.headers['content-type']), /application\/json/);
    assert.strictEqual(req.body.model, 'gpt-test');
    assert.strictEqual(req.body.stream, true);
    assert.deepStrictEqual(req.body.response_format, JSON.parse(JSON.stringify(RESPONSE_FORMAT)));
    const format = req.body.response_format as { type: string; json_schema: { strict: boolean; schema: { required: string[] } } };
    assert.strictEqual(format.type, 'json_schema');
    assert.strictEqual(format.json_schema.strict, true);
    const messages = req.body.messages as { role: string; content: string }[];
    assert.deepStrictEqual(messages.map((m) => m.role), ['system', 'user']);
    assert.match(messages[0]!.content, /P0/);
    const user = messages[1]!.content;
    assert.match(user, /File: go\/auth\.go/);
    assert.match(user, /Service\.Verify/);
    assert.match(user, /17 \| \ttoken, err := jwt\.Parse/, 'code lines carry their file line numbers');
    assert.match(user, /jwt "github\.com\/golang-jwt\/jwt\/v5"/, 'imports are included');
    assert.match(user, /type Service struct/, 'the receiver type is included');
    assert.ok(!('temperature' in req.body) && !('max_tokens' in req.body), 'no parameters some models refuse');

    assert.strictEqual(result.model, 'fake-model-1', 'the model the endpoint reports');
    assert.strictEqual(result.form, 'json');
    assert.strictEqual(result.structured, true);
    assert.deepStrictEqual(result.findings, [
      { severity: 'P0', line: 17, message: 'jwt.Parse does not pin the signing algorithm; an attacker can pick it.' },
      { severity: 'P1', line: 21, message: 'Audience and issuer are never checked.' },
    ]);
    assert.ok(deltas.length > 5, 'the answer arrived in pieces');
    assert.strictEqual(deltas.join(''), FINDINGS_JSON);
    assert.deepStrictEqual(streamed, result.findings, 'each finding was reported as soon as it was complete');
  });

  it('reads a non-streaming JSON completion', async () => {
    server.answer = FINDINGS_JSON;
    const result = await requestReview(config(), body, { stream: false });
    assert.strictEqual(server.requests[0]!.body.stream, false);
    assert.strictEqual(result.findings.length, 2);
  });

  it('accepts the plain-text form "[P0] path:line — message"', async () => {
    server.answer = '[P0] go/auth.go:17 — algorithm not pinned\n[P2] go/auth.go:21 — error hides the cause\n';
    const streamed: AiFinding[] = [];
    const result = await requestReview(config(), body, { onFinding: (f) => streamed.push(f) });
    assert.strictEqual(result.form, 'text');
    assert.deepStrictEqual(result.findings, [
      { severity: 'P0', line: 17, message: 'algorithm not pinned' },
      { severity: 'P2', line: 21, message: 'error hides the cause' },
    ]);
    assert.deepStrictEqual(streamed, result.findings);
  });

  it('retries once without response_format when the endpoint refuses structured output', async () => {
    server.handler = (req, res) => {
      if (req.body.response_format) sendError(res, 400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.");
      else void streamPieces(res, pieces('[P1] go/auth.go:18 — key returned for any algorithm'));
    };
    const retries: string[] = [];
    const result = await requestReview(config(), body, { onRetry: (i) => retries.push(i.reason) });
    assert.strictEqual(server.requests.length, 2);
    assert.ok(!('response_format' in server.requests[1]!.body));
    assert.deepStrictEqual(retries, ['no-structured-output']);
    assert.strictEqual(result.structured, false);
    assert.deepStrictEqual(result.findings, [{ severity: 'P1', line: 18, message: 'key returned for any algorithm' }]);
  });

  it('maps 401 to an API key error', async () => {
    server.handler = (_req, res) => sendError(res, 401, `Incorrect API key provided: ${KEY}.`, {}, 'invalid_api_key');
    const err = await expectAiError(requestReview(config(), body), 'auth', /401.*API key/);
    assert.strictEqual(err.status, 401);
    assert.strictEqual(server.requests.length, 1, 'no retry');
  });

  it('maps 403 to access denied', async () => {
    server.handler = (_req, res) => sendError(res, 403, 'Project does not have access to model gpt-test');
    await expectAiError(requestReview(config(), body), 'forbidden', /403/);
  });

  it('maps 404 to model not found, naming the model', async () => {
    server.handler = (_req, res) => sendError(res, 404, 'The model `gpt-test` does not exist or you do not have access to it.', {}, 'model_not_found');
    await expectAiError(requestReview(config(), body), 'model-not-found', /model "gpt-test" not found \(404\)/);
  });

  it('waits out retry-after on 429 once, then succeeds', async () => {
    server.handler = (req, res) => {
      if (server.requests.length === 1) sendError(res, 429, 'Rate limit reached', { 'retry-after': '1' }, 'rate_limit_exceeded');
      else void streamPieces(res, pieces(FINDINGS_JSON));
    };
    const retries: { reason: string; delayMs: number }[] = [];
    const result = await requestReview(config(), body, { onRetry: (i) => retries.push(i) });
    assert.strictEqual(server.requests.length, 2);
    const gap = server.requests[1]!.at - server.requests[0]!.at;
    assert.ok(gap >= 950, `the retry came ${gap}ms after the 429; retry-after was 1s`);
    assert.ok(gap < 5000, `the retry came ${gap}ms after the 429`);
    assert.deepStrictEqual(retries, [{ reason: 'rate-limited', delayMs: 1000 }]);
    assert.strictEqual(result.attempts, 2);
    assert.strictEqual(result.findings.length, 2);
  });

  it('gives up after the second 429', async () => {
    server.handler = (_req, res) => sendError(res, 429, 'Rate limit reached', { 'retry-after-ms': '200' });
    await expectAiError(requestReview(config(), body), 'rate-limited', /429.*still limited/);
    assert.strictEqual(server.requests.length, 2, 'exactly one retry');
  });

  it('does not wait when retry-after is longer than the timeout', async () => {
    server.handler = (_req, res) => sendError(res, 429, 'Rate limit reached', { 'retry-after': '120' });
    const started = Date.now();
    await expectAiError(requestReview(config({ timeoutMs: 2000 }), body), 'rate-limited', /retry after 120s/);
    assert.ok(Date.now() - started < 1900, 'failed at once, without waiting out the timeout');
    assert.strictEqual(server.requests.length, 1);
  });

  it('does not retry a 429 for an exhausted quota', async () => {
    server.handler = (_req, res) => sendError(res, 429, 'You exceeded your current quota', { 'retry-after': '1' }, 'insufficient_quota');
    await expectAiError(requestReview(config(), body), 'rate-limited', /quota exceeded/);
    assert.strictEqual(server.requests.length, 1);
  });

  it('maps 5xx to a server error without retrying', async () => {
    server.handler = (_req, res) => sendError(res, 503, 'The server is overloaded');
    await expectAiError(requestReview(config(), body), 'server', /503.*overloaded/);
    assert.strictEqual(server.requests.length, 1);
  });

  it('reports an unreachable host', async () => {
    const port = await closedPort();
    await expectAiError(requestReview(config({ baseUrl: `http://127.0.0.1:${port}/v1` }), body), 'unreachable', new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}.*ECONNREFUSED`));
  });

  it('times out when the server never answers', async () => {
    server.handler = () => undefined; // never responds
    const started = Date.now();
    await expectAiError(requestReview(config({ timeoutMs: 300 }), body), 'timeout', /0\.3s/);
    const took = Date.now() - started;
    assert.ok(took >= 280 && took < 5000, `timed out after ${took}ms`);
  });

  it('times out when the stream stalls half-way (the timeout covers the whole answer)', async () => {
    server.handler = (_req, res) => {
      startSse(res);
      writeSse(res, chunk('{"findings": ['));
    };
    const deltas: string[] = [];
    await expectAiError(requestReview(config({ timeoutMs: 400 }), body, { onDelta: (d) => deltas.push(d) }), 'timeout');
    assert.deepStrictEqual(deltas, ['{"findings": [']);
  });

  it('reports a malformed answer (neither JSON findings nor text lines)', async () => {
    server.answer = 'I think this code looks mostly fine, but who knows.';
    await expectAiError(requestReview(config(), body), 'malformed', /neither/);
  });

  it('reports JSON findings of the wrong shape as malformed', async () => {
    server.answer = '{"issues": [{"level": "high"}]}';
    await expectAiError(requestReview(config(), body), 'malformed', /no "findings" list/);
  });

  it('reports a body that is not a chat completion as malformed', async () => {
    server.handler = (_req, res) => sendJson(res, 200, { hello: 'world' });
    await expectAiError(requestReview(config(), body, { stream: false }), 'malformed', /not with a chat completion/);
  });

  it('reports invalid JSON in a stream chunk as malformed', async () => {
    server.handler = (_req, res) => {
      startSse(res);
      res.write('data: {"choices": [\n\n');
      res.end();
    };
    await expectAiError(requestReview(config(), body), 'malformed', /not valid JSON/);
  });

  it('reports an error event inside the stream', async () => {
    server.handler = (_req, res) => {
      startSse(res);
      writeSse(res, { error: { message: 'model crashed', type: 'server_error' } });
      res.end();
    };
    await expectAiError(requestReview(config(), body), 'server', /model crashed/);
  });

  it('returns as soon as the stream says the answer is finished, even if the server keeps the response open', async () => {
    // Some local servers (and proxies in front of them) hold an SSE response open after the last
    // chunk; waiting for the body to end made `ai-review` take until the timeout.
    server.handler = (_req, res) => {
      startSse(res);
      writeSse(res, chunk(FINDINGS_JSON));
      writeSse(res, chunk(undefined, 'fake-model-1', 'stop'));
      res.write('data: [DONE]\n\n');
    };
    const started = Date.now();
    const result = await requestReview(config({ timeoutMs: 20000 }), body);
    assert.strictEqual(result.findings.length, 2);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    await server.waitForAborted(0);
  });

  it('is cancelled through an AbortSignal mid-stream, and the connection is closed', async () => {
    server.handler = (_req, res) => streamPieces(res, pieces(FINDINGS_JSON, 3), { delayMs: 50 });
    const controller = new AbortController();
    const deltas: string[] = [];
    const started = Date.now();
    await expectAiError(
      requestReview(config(), body, {
        signal: controller.signal,
        onDelta: (d) => {
          deltas.push(d);
          if (deltas.length === 2) controller.abort();
        },
      }),
      'cancelled',
    );
    assert.ok(Date.now() - started < 5000);
    assert.strictEqual(deltas.length, 2, 'nothing is delivered after the abort');
    await new Promise((r) => setTimeout(r, 100));
    assert.strictEqual(server.requests[0]!.aborted, true, 'the server saw the request go away');
  });

  it('is cancelled while waiting out a retry-after', async () => {
    server.handler = (_req, res) => sendError(res, 429, 'slow down', { 'retry-after': '3' });
    const controller = new AbortController();
    const started = Date.now();
    const pending = requestReview(config(), body, { signal: controller.signal, onRetry: () => setTimeout(() => controller.abort(), 100) });
    await expectAiError(pending, 'cancelled');
    assert.ok(Date.now() - started < 2900, 'well before the 3s retry-after');
    assert.strictEqual(server.requests.length, 1);
  });

  it('refuses an already-aborted signal without sending anything', async () => {
    const controller = new AbortController();
    controller.abort();
    await expectAiError(requestReview(config(), body, { signal: controller.signal }), 'cancelled');
    assert.strictEqual(server.requests.length, 0);
  });

  it('needs a key for remote endpoints but not for local servers', async () => {
    await expectAiError(requestReview({ baseUrl: 'https://api.example.invalid/v1' }, body), 'config', /no API key/);
    server.answer = '{"findings": []}';
    const result = await requestReview({ baseUrl: server.baseUrl, timeoutMs: 5000 }, body);
    assert.deepStrictEqual(result.findings, []);
    assert.match(String(server.requests[0]!.headers.authorization), /^Bearer \S+/);
  });

  it('speaks the Azure OpenAI dialect: deployment path, api-version query, api-key header', async () => {
    server.answer = FINDINGS_JSON;
    const base = `http://127.0.0.1:${server.port}`;
    const azure = { baseUrl: base, apiKey: KEY, provider: 'azure' as const, azureApiVersion: '2024-10-21', timeoutMs: 5000 };
    const result = await requestReview(azure, body);
    const req = server.requests[0]!;
    assert.strictEqual(req.url, '/openai/deployments/gpt-test/chat/completions?api-version=2024-10-21');
    assert.strictEqual(req.headers['api-key'], KEY);
    assert.strictEqual(req.headers.authorization, undefined);
    assert.strictEqual(result.findings.length, 2);
    assert.strictEqual(previewRequest(azure, body).url, `${base}${req.url}`, 'the preview names the same URL');
    // A base URL that already names the deployment is used as is.
    const named = resolveEndpoint({ baseUrl: 'https://res.openai.azure.com/openai/deployments/prod-4o' }, 'ignored');
    assert.strictEqual(named.url, 'https://res.openai.azure.com/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21');
    assert.strictEqual(named.authHeader, 'api-key');
  });

  it('previews the exact request without the key', () => {
    const p = previewRequest(config(), body);
    assert.strictEqual(p.url, `${server.baseUrl}/chat/completions`);
    assert.strictEqual(p.headers.Authorization, 'Bearer <your API key>');
    assert.ok(!JSON.stringify(p).includes(KEY));
    assert.deepStrictEqual(p.body.messages, body.messages);
  });

  it('parses retry-after in seconds, milliseconds and as an HTTP date', () => {
    const h = (o: Record<string, string>) => new Headers(o);
    assert.strictEqual(retryAfterMs(h({ 'retry-after': '2' })), 2000);
    assert.strictEqual(retryAfterMs(h({ 'retry-after-ms': '150', 'retry-after': '9' })), 150);
    assert.strictEqual(retryAfterMs(h({ 'retry-after': new Date(10_000).toUTCString() }), 7_000), 3000);
    assert.strictEqual(retryAfterMs(h({})), undefined);
  });

  it('uses the SDK chat completion shape for a JSON answer with a finish_reason of length', async () => {
    server.handler = (_req, res) => sendJson(res, 200, completion('{"findings": [{"severity": "P0", "li', 'fake-model-1', 'length'));
    await expectAiError(requestReview(config(), body, { stream: false }), 'malformed', /cut off/);
  });
});
