import * as assert from 'assert';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { AiContextResult } from '../../common/src/ai';
import { Requests } from '../../common/src/protocol';
import { REPO_ROOT } from '../helpers/engine';
import { TestLspClient } from '../helpers/lspClient';

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
