import * as assert from 'assert';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import type { AiContext, AiContextResult, AiEndpointSettings, AiReviewProgressParams } from '../../common/src/ai';
import { Notifications, Requests } from '../../common/src/protocol';
import { REPO_ROOT } from '../helpers/engine';
import { TestLspClient } from '../helpers/lspClient';
import { FakeOpenAi, sendError, startSse } from './fakeOpenAi';

const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
const uriOf = (rel: string) => pathToFileURL(path.join(WORKSPACE, rel)).toString();

describe('aiGuardrails/aiContext over LSP', function () {
  this.timeout(30000);
  let client: TestLspClient;

  before(async () => {
    client = await TestLspClient.start(WORKSPACE);
  });
  after(async () => {
    await client.stop();
  });

  it('answers the region at a position of a file on disk, with imports and the receiver type', async () => {
    const result = await client.request<AiContextResult | null>(Requests.aiContext, { uri: uriOf('go/auth.go'), position: { line: 17, character: 3 } });
    assert.ok(result, 'a region covers go/auth.go:18');
    const c = result.context;
    assert.strictEqual(c.path, 'go/auth.go');
    assert.strictEqual(c.symbol, 'Service.Verify');
    assert.deepStrictEqual([c.startLine, c.endLine], [16, 24]);
    assert.ok(c.categories.includes('jwt'));
    assert.strictEqual(c.enclosingType?.name, 'Service');
    assert.ok(c.imports.lines.some((l) => l.text.includes('golang-jwt')));
    assert.strictEqual(result.version, undefined, 'read from disk');
  });

  it('answers null outside regions and for bad params', async () => {
    assert.strictEqual(await client.request(Requests.aiContext, { uri: uriOf('go/auth.go'), position: { line: 32, character: 0 } }), null);
    assert.strictEqual(await client.request(Requests.aiContext, { uri: uriOf('go/auth.go') }), null);
  });

  it('uses the open document (unsaved text), redacted, and leaves diagnostics alone', async () => {
    const uri = uriOf('ts/unsaved-ai.ts');
    const text = [
      "import jwt from 'jsonwebtoken';",
      '',
      "const SIGNING_KEY = 'sk-live-abcdefghijklmnopqrstuvwx12345';",
      '',
      'export function verify(token: string): unknown {',
      "  const secret = 'p@ssw0rd-in-source';",
      "  return jwt.verify(token, secret, { algorithms: ['HS256'] });",
      '}',
      '',
    ].join('\n');
    client.open(uri, 'typescript', text, 3);
    const before = await client.diagnosticsFor(uri, 3);
    const result = await client.request<AiContextResult | null>(Requests.aiContext, { uri, position: { line: 6, character: 10 } });
    assert.ok(result);
    assert.strictEqual(result.version, 3);
    assert.strictEqual(result.context.path, 'ts/unsaved-ai.ts');
    assert.strictEqual(result.context.symbol, 'verify');
    const sent = JSON.stringify(result);
    assert.ok(!sent.includes('p@ssw0rd-in-source'), 'the client never receives the secret');
    assert.match(sent, /const secret = '<redacted:jwt-key#\d+ len=\d+>'/);
    assert.deepStrictEqual(result.context.redactions.map((r) => [r.kind, r.line]), [['jwt-key', 6]]);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepStrictEqual(client.diagnostics.get(uri)?.diagnostics, before, 'asking for context changes nothing');
    client.close(uri);
  });
});

describe('aiGuardrails/aiPreview and aiGuardrails/aiReview over LSP (the server sends, the editor decides)', function () {
  this.timeout(30000);
  const KEY = 'sk-test-lsp-key-0123456789';
  let client: TestLspClient;
  let server: FakeOpenAi;
  let context: AiContext;
  const endpoint = (): AiEndpointSettings => ({ baseUrl: server.baseUrl, model: 'lsp-model', provider: 'auto', azureApiVersion: '2024-10-21', azureDeployment: '', timeoutMs: 10000 });
  const progressOf = (reviewId: string) =>
    client.notifications.filter((n) => n.method === Notifications.aiReviewProgress.method).map((n) => n.params as AiReviewProgressParams).filter((p) => p.reviewId === reviewId);

  before(async () => {
    client = await TestLspClient.start(WORKSPACE);
    server = await FakeOpenAi.start();
    const result = await client.connection.sendRequest(Requests.aiContext, { uri: uriOf('go/auth.go'), position: { line: 17, character: 3 } });
    assert.ok(result, 'a region covers go/auth.go:18');
    context = result.context;
  });
  after(async () => {
    await client.stop();
    await server.close();
  });

  it('previews the request with the key masked and sends nothing; a bad base URL is an error outcome', async () => {
    const preview = await client.connection.sendRequest(Requests.aiPreview, { context, endpoint: endpoint(), keySet: true });
    assert.ok('text' in preview, JSON.stringify(preview));
    assert.match(preview.text, /Nothing has been sent/);
    assert.match(preview.text, /"Authorization": "Bearer <your API key>"/);
    assert.ok(preview.text.includes(`${server.baseUrl}/chat/completions`));
    assert.strictEqual(server.requests.length, 0);
    const bad = await client.connection.sendRequest(Requests.aiPreview, { context, endpoint: { ...endpoint(), baseUrl: 'ftp://example.com' }, keySet: false });
    assert.ok('error' in bad);
    assert.strictEqual(bad.error.kind, 'config');
  });

  it('sends the review with the key it was given, streams progress, and returns the findings', async () => {
    server.answer = JSON.stringify({ findings: [{ severity: 'P1', line: 18, message: 'the algorithm is not pinned' }] });
    const before = server.requests.length;
    const outcome = await client.connection.sendRequest(Requests.aiReview, { reviewId: 'r1', context, endpoint: endpoint(), apiKey: KEY });
    assert.ok('result' in outcome, JSON.stringify(outcome));
    assert.deepStrictEqual(outcome.result.findings, [{ severity: 'P1', line: 18, message: 'the algorithm is not pinned' }]);
    const sent = server.requests[before]!;
    assert.strictEqual(sent.headers.authorization, `Bearer ${KEY}`);
    assert.strictEqual(sent.body.model, 'lsp-model');
    await client.waitFor(() => progressOf('r1').some((p) => p.finding !== undefined), 'a finding streamed as progress');
    assert.strictEqual(progressOf('r1').map((p) => p.delta ?? '').join(''), outcome.result.answer, 'the deltas add up to the answer');
  });

  it('reports an endpoint failure as an error outcome without the key', async () => {
    server.handler = (_req, res) => sendError(res, 401, `bad key ${KEY}`);
    const outcome = await client.connection.sendRequest(Requests.aiReview, { reviewId: 'r2', context, endpoint: endpoint(), apiKey: KEY });
    assert.ok('error' in outcome);
    assert.strictEqual(outcome.error.kind, 'auth');
    assert.ok(!outcome.error.message.includes(KEY), outcome.error.message);
  });

  it('cancelling the request aborts the call to the endpoint', async () => {
    server.handler = (_req, res) => startSse(res); // never answers
    const before = server.requests.length;
    const cancel = new CancellationTokenSource();
    const pending = client.connection.sendRequest(Requests.aiReview, { reviewId: 'r3', context, endpoint: endpoint(), apiKey: KEY }, cancel.token);
    await server.waitForRequests(before + 1);
    cancel.cancel();
    await server.waitForAborted(before);
    const outcome = await pending;
    assert.ok('error' in outcome, JSON.stringify(outcome));
    assert.strictEqual(outcome.error.kind, 'cancelled');
  });
});
