import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../helpers/engine';
import { closedPort, FakeOpenAi, sendError } from './fakeOpenAi';

const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
const BIN = path.join(REPO_ROOT, 'bin', 'ai-guardrails.js');
const KEY = 'cli-test-key-42424242';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns the bundled CLI asynchronously (the fake server answers from this process). */
function runCli(args: string[], env: Record<string, string>, cwd = WORKSPACE): Promise<Run> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(OPENAI_|AI_GUARDRAILS_|AZURE_OPENAI_)/.test(k)) clean[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('ai-guardrails ai-review (CLI end to end)', function () {
  this.timeout(90000);
  let server: FakeOpenAi;
  const env = (extra: Record<string, string> = {}) => ({ OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: KEY, ...extra });

  before(function () {
    if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `node scripts/build.js` (npm test builds first)');
  });
  beforeEach(async () => {
    server = await FakeOpenAi.start();
  });
  afterEach(async () => {
    await server.close();
  });

  it('prints {"model", "advisory": true, "findings"} as JSON and exits 0', async () => {
    server.answer = JSON.stringify({ findings: [{ severity: 'P0', line: 17, message: 'algorithm not pinned' }] });
    server.model = 'gpt-4o-mini-2024-07-18';
    const run = await runCli(['ai-review', 'go/auth.go:18', '--format', 'json'], env());
    assert.strictEqual(run.code, 0, run.stderr);
    assert.deepStrictEqual(JSON.parse(run.stdout), {
      model: 'gpt-4o-mini-2024-07-18',
      advisory: true,
      findings: [{ severity: 'P0', line: 17, message: 'algorithm not pinned' }],
    });
    const req = server.requests[0]!;
    assert.strictEqual(req.url, '/v1/chat/completions');
    assert.strictEqual(req.headers.authorization, `Bearer ${KEY}`);
    assert.strictEqual(req.body.model, 'gpt-4o-mini', 'the default model');
    assert.strictEqual(req.body.stream, true);
    assert.strictEqual((req.body.response_format as { type: string }).type, 'json_schema');
  });

  it('takes the model from --model, then AI_GUARDRAILS_AI_MODEL; prints text with file:line', async () => {
    server.answer = '[P1] go/auth.go:21 — audience not checked\n[P2] go/auth.go:18 — key type not checked';
    const run = await runCli(['ai-review', 'go/auth.go:20', '--model', 'llama3.1'], env({ AI_GUARDRAILS_AI_MODEL: 'ignored' }));
    assert.strictEqual(run.code, 0, run.stderr);
    assert.strictEqual(server.requests[0]!.body.model, 'llama3.1');
    assert.match(run.stdout, /^go\/auth\.go:21: \[P1\] audience not checked$/m);
    assert.match(run.stdout, /^go\/auth\.go:18: \[P2\] key type not checked$/m);
    assert.match(run.stdout, /advisory, not a review/);
    const second = await runCli(['ai-review', 'py/tokens.py:6', '--format', 'json', '--no-stream'], env({ AI_GUARDRAILS_AI_MODEL: 'qwen2.5-coder' }));
    assert.strictEqual(second.code, 0, second.stderr);
    assert.strictEqual(server.requests[1]!.body.model, 'qwen2.5-coder');
    assert.strictEqual(server.requests[1]!.body.stream, false);
  });

  it('redacts secrets before they reach the endpoint', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aig-ai-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'verify.go'),
        [
          'package auth',
          '',
          'import jwt "github.com/golang-jwt/jwt/v5"',
          '',
          'func Verify(raw string) (*jwt.Token, error) {',
          '\tpassword := "correct-horse-battery"',
          '\tapiKey := "sk-proj-ZZtopSecret0123456789abcdefXYZ"',
          '\tdsn := "postgres://svc:pgPa55w0rd@db:5432/app"',
          '\t_ = password + apiKey + dsn',
          '\treturn jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {',
          '\t\treturn []byte("c2VjcmV0LWtleS1mb3ItaG1hYy0xMjM0NTY3ODkw"), nil',
          '\t})',
          '}',
          '',
        ].join('\n'),
      );
      server.answer = '{"findings": [{"severity": "P0", "line": 7, "message": "hard-coded API key"}]}';
      const run = await runCli(['ai-review', 'verify.go:10', '--format', 'json'], env(), dir);
      assert.strictEqual(run.code, 0, run.stderr);
      const sent = server.requests[0]!.raw;
      for (const secret of ['correct-horse-battery', 'ZZtopSecret0123456789', 'pgPa55w0rd', 'c2VjcmV0LWtleS1mb3ItaG1hYy0xMjM0NTY3ODkw']) {
        assert.ok(!sent.includes(secret), `${secret} reached the endpoint`);
      }
      assert.match(sent, /password := \\"<redacted:password#1 len=21>\\"/);
      assert.match(sent, /postgres:\/\/svc:<redacted:connection-string#\d len=\d+>@db:5432\/app/);
      assert.match(sent, / 7 \| \\tapiKey := \\"<redacted:api-key#1 len=\d+>\\"/, 'line numbers survive redaction');

      const preview = await runCli(['ai-review', 'verify.go:10', '--preview'], { OPENAI_BASE_URL: 'https://api.example.invalid/v1' }, dir);
      assert.strictEqual(preview.code, 0, preview.stderr);
      const shown = JSON.parse(preview.stdout) as { url: string; headers: Record<string, string>; body: { messages: { content: string }[] } };
      assert.strictEqual(shown.url, 'https://api.example.invalid/v1/chat/completions');
      assert.strictEqual(shown.headers.Authorization, 'Bearer <no key set>');
      assert.ok(!preview.stdout.includes('pgPa55w0rd'));
      assert.strictEqual(shown.body.messages[1]!.content, (server.requests[0]!.body.messages as { content: string }[])[1]!.content, 'the preview is what is sent');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const endpointErrors: [string, (s: FakeOpenAi) => void, RegExp][] = [
    ['401', (s) => (s.handler = (_r, res) => sendError(res, 401, `Incorrect API key provided: ${KEY}`)), /auth: the endpoint rejected the API key \(401/],
    ['403', (s) => (s.handler = (_r, res) => sendError(res, 403, 'no access')), /forbidden: access denied \(403/],
    ['404', (s) => (s.handler = (_r, res) => sendError(res, 404, 'model not found')), /model-not-found: model "gpt-4o-mini" not found \(404\)/],
    ['429', (s) => (s.handler = (_r, res) => sendError(res, 429, 'slow down', { 'retry-after-ms': '100' })), /rate-limited: rate limited \(429\) \(still limited after waiting once\)/],
    ['500', (s) => (s.handler = (_r, res) => sendError(res, 500, 'boom')), /server: the endpoint failed \(500\): boom/],
    ['a malformed answer', (s) => (s.answer = 'Looks fine to me!'), /malformed: /],
    ['a timeout', (s) => (s.handler = () => undefined), /timeout: no complete answer from http:\/\/127\.0\.0\.1:\d+ within 0\.5s/],
  ];
  for (const [what, setup, message] of endpointErrors) {
    it(`exits 3 with a message on stderr for ${what}`, async () => {
      setup(server);
      // Only the timeout case needs a short limit; the others must not race it on a busy machine.
      const timeout = what === 'a timeout' ? '500' : '20000';
      const run = await runCli(['ai-review', 'go/auth.go:18', '--format', 'json'], env({ AI_GUARDRAILS_AI_TIMEOUT_MS: timeout }));
      assert.strictEqual(run.code, 3, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
      assert.strictEqual(run.stdout, '');
      assert.match(run.stderr, /^ai-guardrails: ai-review: /);
      assert.match(run.stderr, message);
      assert.ok(!run.stderr.includes(KEY), 'the key never reaches stderr');
    });
  }

  it('exits 3 when the host is unreachable', async () => {
    const port = await closedPort();
    const run = await runCli(['ai-review', 'go/auth.go:18'], env({ OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` }));
    assert.strictEqual(run.code, 3);
    assert.match(run.stderr, /unreachable: cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('exits 2 when the line is outside every guardrail region, listing the regions', async () => {
    const run = await runCli(['ai-review', 'go/auth.go:33'], env());
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /go\/auth\.go:33 is not inside a guardrail region \(go\/auth\.go: 16-24 jwt in Service\.Verify, .*26-30 crypto in Sign\)/);
    assert.strictEqual(server.requests.length, 0);
  });

  it('exits 2 for usage, file and configuration errors without contacting the endpoint', async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['ai-review'], env(), /exactly one <path>:<line>/],
      [['ai-review', 'go/auth.go'], env(), /expected <path>:<line>/],
      [['ai-review', 'go/auth.go:0'], env(), /1-based line/],
      [['ai-review', 'nope.go:3'], env(), /no such file: nope\.go/],
      [['ai-review', 'go/auth.go:999'], env(), /line 999 is past the end/],
      [['ai-review', 'go/auth.go:18', '--format', 'xml'], env(), /--format must be text or json/],
      [['ai-review', 'go/auth.go:18'], env({ AI_GUARDRAILS_AI_TIMEOUT_MS: 'soon' }), /AI_GUARDRAILS_AI_TIMEOUT_MS must be/],
      [['ai-review', 'go/auth.go:18'], { OPENAI_BASE_URL: 'https://api.example.invalid/v1' }, /no API key is set for https:\/\/api\.example\.invalid \(set OPENAI_API_KEY\)/],
    ];
    for (const [args, e, message] of cases) {
      const run = await runCli(args, e);
      assert.strictEqual(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message, args.join(' '));
    }
    assert.strictEqual(server.requests.length, 0);
  });

  it('is listed in the CLI usage', async () => {
    const run = await runCli(['--help'], {});
    assert.match(run.stdout, /ai-review <path>:<line>/);
    assert.match(run.stdout, /exit codes: 0 answered, 2 usage\/file\/configuration error, 3 AI endpoint error/);
  });
});
