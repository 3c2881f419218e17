import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../helpers/engine';
import { humanEnv } from '../helpers/env';
import { deepPythonDefs } from '../helpers/hostile';

const BIN = path.join(REPO_ROOT, 'bin', 'ai-guardrails.js');
const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');

function cli(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...humanEnv(), AI_GUARDRAILS_REVIEWER: 'Test Reviewer' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface ScanJson {
  tool: string;
  version: string;
  files: { path: string; language: string; skipped: { reason: string; message: string } | null }[];
  regions: {
    id: string;
    path: string;
    category: string;
    tier: string;
    symbol: string;
    start: { line: number; column: number };
    end: { line: number; column: number };
    triggers: { rule: string; start: { line: number; column: number } }[];
    review: string;
  }[];
  findings: { rule: string; severity: string; cwe: number; path: string; start: { line: number } }[];
}

function copyWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-cli-'));
  fs.cpSync(WORKSPACE, dir, { recursive: true });
  return dir;
}

describe('ai-guardrails CLI', function () {
  this.timeout(60000);

  it('scan --format json reports files, regions (1-based) and relative paths', () => {
    const dir = copyWorkspace();
    const r = cli(dir, 'scan', '--format', 'json');
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as ScanJson;
    assert.strictEqual(out.tool, 'ai-guardrails');
    assert.match(out.version, /^\d+\.\d+\.\d+/);
    assert.deepStrictEqual(out.files.map((f) => f.path).sort(), ['go/auth.go', 'py/tokens.py', 'ts/session.ts']);
    const jwt = out.regions.find((x) => x.path === 'go/auth.go' && x.category === 'jwt');
    assert.ok(jwt, 'jwt region in go/auth.go');
    assert.strictEqual(jwt.tier, 'do-not-trust');
    assert.strictEqual(jwt.symbol, 'Service.Verify');
    const source = fs.readFileSync(path.join(dir, 'go', 'auth.go'), 'utf8').split('\n');
    assert.ok(source[jwt.start.line - 1]!.startsWith('func (s *Service) Verify'), 'start line is 1-based');
    assert.strictEqual(jwt.start.column, 1);
    assert.strictEqual(jwt.review, 'unreviewed');
    assert.ok(jwt.triggers.every((t) => t.rule.startsWith('go.jwt.')));
    assert.ok(!out.regions.some((x) => x.symbol === 'Add' || x.symbol === 'add'), 'plain arithmetic is not flagged');
    assert.ok(Array.isArray(out.findings));
  });

  it('scans the paths given, relative to the working directory', () => {
    const dir = copyWorkspace();
    const r = cli(path.join(dir, 'go'), 'scan', '.', '../py/tokens.py', '--format', 'json');
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as ScanJson;
    assert.deepStrictEqual(out.files.map((f) => f.path).sort(), ['../py/tokens.py', 'auth.go']);
  });

  it('skips binary, oversized and unreadable files with a reason and keeps going', function () {
    const dir = copyWorkspace();
    fs.writeFileSync(path.join(dir, 'go', 'blob.go'), Buffer.from([0x70, 0x61, 0x63, 0x6b, 0x00, 0x01, 0x02]));
    fs.writeFileSync(path.join(dir, 'go', 'huge.go'), `package big\n\nvar x = "${'a'.repeat(600 * 1024)}"\n`);
    fs.writeFileSync(path.join(dir, 'go', 'secret.go'), 'package s\n');
    fs.chmodSync(path.join(dir, 'go', 'secret.go'), 0o000);
    const unreadableWorks = (() => {
      try {
        fs.readFileSync(path.join(dir, 'go', 'secret.go'));
        return false; // running as root: permissions do not stop reads
      } catch {
        return true;
      }
    })();
    const r = cli(dir, 'scan', '--format', 'json');
    // Binary and oversized files are skipped by design; an unreadable one makes the scan partial.
    assert.strictEqual(r.code, unreadableWorks ? 2 : 0, r.stderr);
    const out = JSON.parse(r.stdout) as ScanJson;
    const skipped = Object.fromEntries(out.files.filter((f) => f.skipped).map((f) => [f.path, f.skipped!.reason]));
    assert.strictEqual(skipped['go/blob.go'], 'binary');
    assert.strictEqual(skipped['go/huge.go'], 'too-large');
    if (unreadableWorks) assert.strictEqual(skipped['go/secret.go'], 'unreadable');
    assert.ok(out.regions.some((x) => x.path === 'go/auth.go'), 'the other files were still analyzed');
    const text = cli(dir, 'scan');
    assert.match(text.stdout, /go\/huge\.go: skipped \(too-large\): \d+ KB exceeds the 512 KB limit/);
  });

  it('leaves test, fixture and seed code out unless --include-tests or the team config says so', () => {
    const dir = copyWorkspace();
    fs.mkdirSync(path.join(dir, 'tests'));
    fs.copyFileSync(path.join(dir, 'py', 'tokens.py'), path.join(dir, 'tests', 'helpers.py'));
    fs.copyFileSync(path.join(dir, 'go', 'auth.go'), path.join(dir, 'go', 'auth_test.go'));
    const paths = (out: ScanJson) => new Set(out.regions.map((r) => r.path));
    const plain = JSON.parse(cli(dir, 'scan', '--format', 'json').stdout) as ScanJson;
    assert.ok(!plain.files.some((f) => f.path === 'go/auth_test.go' || f.path.startsWith('tests/')), 'test files are not analysed');
    assert.ok(paths(plain).has('go/auth.go'));
    const withTests = JSON.parse(cli(dir, 'scan', '--format', 'json', '--include-tests').stdout) as ScanJson;
    assert.ok(paths(withTests).has('go/auth_test.go') && paths(withTests).has('tests/helpers.py'));
    fs.mkdirSync(path.join(dir, '.guardrails'));
    fs.writeFileSync(path.join(dir, '.guardrails', 'config.json'), JSON.stringify({ includeTests: true }));
    const team = JSON.parse(cli(dir, 'scan', '--format', 'json').stdout) as ScanJson;
    assert.ok(paths(team).has('go/auth_test.go'), 'team config key includeTests');
  });

  it('leaves generated code out (one summary line; listed in JSON) unless --include-tests', () => {
    const dir = copyWorkspace();
    const source = fs.readFileSync(path.join(dir, 'go', 'auth.go'), 'utf8');
    fs.writeFileSync(path.join(dir, 'go', 'auth.pb.go'), `// Code generated by protoc-gen-go. DO NOT EDIT.\n\n${source}`);
    const plain = JSON.parse(cli(dir, 'scan', '--format', 'json').stdout) as ScanJson;
    assert.ok(!plain.regions.some((r) => r.path === 'go/auth.pb.go'), 'no regions in generated code');
    assert.ok(plain.regions.some((r) => r.path === 'go/auth.go'), 'the same code hand-written is still marked');
    const entry = plain.files.find((f) => f.path === 'go/auth.pb.go') as { skipped?: { reason: string } } | undefined;
    assert.strictEqual(entry?.skipped?.reason, 'generated');
    const text = cli(dir, 'scan');
    assert.strictEqual(text.code, 0, 'generated files are skipped by design, not an incomplete scan');
    assert.match(text.stdout, /^1 generated file\(s\) left out/m);
    assert.doesNotMatch(text.stdout, /auth\.pb\.go/);
    const withTests = JSON.parse(cli(dir, 'scan', '--format', 'json', '--include-tests').stdout) as ScanJson;
    assert.ok(withTests.regions.some((r) => r.path === 'go/auth.pb.go'), '--include-tests analyses it');
  });

  it('marks calls to the own do-not-trust helpers in other files (one-level wrappers)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-wrap-'));
    fs.mkdirSync(path.join(dir, 'lib'));
    fs.writeFileSync(
      path.join(dir, 'lib', 'safe.js'),
      "const { timingSafeEqual } = require('crypto');\nfunction signaturesMatch(a, b) {\n  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));\n}\nmodule.exports = { signaturesMatch };\n",
    );
    fs.writeFileSync(
      path.join(dir, 'routes.js'),
      "const { signaturesMatch } = require('./lib/safe');\nfunction checkWebhook(req, secret) {\n  return signaturesMatch(req.headers['x-signature'], secret);\n}\nfunction render(x) {\n  return String(x);\n}\nmodule.exports = { checkWebhook, render };\n",
    );
    const out = JSON.parse(cli(dir, 'scan', '--format', 'json').stdout) as ScanJson;
    const caller = out.regions.find((r) => r.path === 'routes.js');
    assert.ok(caller, `no region in routes.js: ${JSON.stringify(out.regions)}`);
    assert.strictEqual(caller.category, 'timing');
    assert.strictEqual(caller.symbol, 'checkWebhook');
    assert.deepStrictEqual(caller.triggers.map((t) => [t.rule, t.start.line]), [['ecma.timing.project-wrapper', 3]]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('respects .gitignore and the team config excludes', () => {
    const dir = copyWorkspace();
    fs.mkdirSync(path.join(dir, 'generated'));
    fs.copyFileSync(path.join(dir, 'go', 'auth.go'), path.join(dir, 'generated', 'auth.go'));
    fs.mkdirSync(path.join(dir, 'legacy'));
    fs.copyFileSync(path.join(dir, 'py', 'tokens.py'), path.join(dir, 'legacy', 'tokens.py'));
    fs.writeFileSync(path.join(dir, '.gitignore'), 'generated/\n');
    fs.mkdirSync(path.join(dir, '.guardrails'));
    fs.writeFileSync(path.join(dir, '.guardrails', 'config.json'), JSON.stringify({ exclude: ['legacy/**'], categories: { crypto: false } }));
    const out = JSON.parse(cli(dir, 'scan', '--format', 'json').stdout) as ScanJson;
    assert.ok(!out.files.some((f) => f.path.startsWith('generated/')), 'gitignored folder left out');
    assert.ok(!out.files.some((f) => f.path.startsWith('legacy/')), 'excluded by team config');
    assert.ok(!out.regions.some((x) => x.category === 'crypto'), 'category switched off by team config');
    assert.ok(out.regions.some((x) => x.category === 'jwt'));
  });

  it('reports a malformed team config on stderr, leaves it alone and uses defaults', () => {
    const dir = copyWorkspace();
    fs.mkdirSync(path.join(dir, '.guardrails'));
    const bad = '{"categories": {"jwt": false}, "exclude": "not-a-list"';
    fs.writeFileSync(path.join(dir, '.guardrails', 'config.json'), bad);
    const r = cli(dir, 'scan', '--format', 'json');
    assert.strictEqual(r.code, 0);
    assert.match(r.stderr, /config\.json: not valid JSON/);
    const out = JSON.parse(r.stdout) as ScanJson;
    assert.ok(out.regions.some((x) => x.category === 'jwt'), 'defaults used');
    assert.strictEqual(fs.readFileSync(path.join(dir, '.guardrails', 'config.json'), 'utf8'), bad);
    fs.writeFileSync(path.join(dir, '.guardrails', 'config.json'), JSON.stringify({ categories: { nope: true }, exclude: 'x' }));
    const r2 = cli(dir, 'scan', '--format', 'json');
    assert.match(r2.stderr, /unknown category "nope"/);
    assert.match(r2.stderr, /"exclude" must be an array/);
  });

  it('exits 2 with a message on usage and I/O errors', () => {
    const dir = copyWorkspace();
    for (const args of [['scan', '--format', 'xml'], ['scan', 'does/not/exist'], ['frobnicate'], ['scan', '--fail-on', 'sometimes']]) {
      const r = cli(dir, ...args);
      assert.strictEqual(r.code, 2, `${args.join(' ')} → ${r.code}`);
      assert.match(r.stderr, /ai-guardrails: /);
    }
  });

  it('a file that could not be analysed makes the scan exit 2 (also under --fail-on), naming it; the rest is analysed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-cli-partial-'));
    fs.writeFileSync(path.join(dir, 'deep.py'), deepPythonDefs(600));
    // Enough files for the worker threads, each with a region and no error finding (a password
    // digest: a generic `def digest(x)` helper is a mention, its callers decide what it protects).
    for (let i = 0; i < 14; i++) fs.writeFileSync(path.join(dir, `h${i}.py`), 'import hashlib\n\ndef password_digest(x):\n    return hashlib.sha256(x).hexdigest()\n');
    for (const workers of ['0', '2']) {
      for (const args of [['scan'], ['scan', '--fail-on', 'error'], ['scan', '--fail-on', 'unreviewed', '--format', 'json']]) {
        const r = cli(dir, ...args, '--workers', workers);
        const how = `${args.join(' ')} --workers ${workers}`;
        // --fail-on unreviewed is reached by the other files' regions: 1; otherwise partial: 2.
        assert.strictEqual(r.code, args.includes('unreviewed') ? 1 : 2, `${how}: ${r.stderr}`);
        if (args.includes('unreviewed')) continue;
        assert.match(r.stderr, /1 file\(s\) could not be analysed, so the results are incomplete:\n {2}deep\.py: budget: indentation nested 600 levels deep/, how);
        assert.match(r.stdout, /^deep\.py: skipped \(budget\): indentation nested 600 levels deep/m, how);
        assert.strictEqual((r.stdout.match(/ DO NOT TRUST crypto in password_digest /g) ?? []).length, 14, how);
      }
    }
    // Files skipped by design (binary, too large) do not make a scan partial.
    fs.rmSync(path.join(dir, 'deep.py'));
    fs.writeFileSync(path.join(dir, 'blob.py'), Buffer.from([0x70, 0x00, 0x01]));
    assert.strictEqual(cli(dir, 'scan', '--fail-on', 'error').code, 0);
  });

  it('review request / approve / list record in .guardrails/reviews.json and scan shows the status', () => {
    const dir = copyWorkspace();
    const source = fs.readFileSync(path.join(dir, 'go', 'auth.go'), 'utf8').split('\n');
    // A line of Verify outside the key-function lambda (which is a jwt region of its own).
    const line = source.findIndex((l) => l.includes('errors.New("invalid token")')) + 1;
    let r = cli(dir, 'review', 'request', `go/auth.go:${line}`, '--note', 'new verifier');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /review requested: jwt in Service\.Verify/);
    let scan = JSON.parse(cli(dir, 'scan', '--format', 'json').stdout) as ScanJson;
    assert.strictEqual(scan.regions.find((x) => x.category === 'jwt' && x.path === 'go/auth.go')!.review, 'requested');
    r = cli(dir, 'review', 'approve', '--i-am-human', `go/auth.go:${line}`);
    assert.strictEqual(r.code, 0, r.stderr);
    scan = JSON.parse(cli(dir, 'scan', '--format', 'json').stdout) as ScanJson;
    assert.strictEqual(scan.regions.find((x) => x.category === 'jwt' && x.path === 'go/auth.go')!.review, 'approved');
    const ledger = JSON.parse(fs.readFileSync(path.join(dir, '.guardrails', 'reviews.json'), 'utf8')) as { entries: { history: { status: string; by: string; note?: string }[] }[] };
    assert.strictEqual(ledger.entries.length, 1);
    assert.deepStrictEqual(ledger.entries[0]!.history.map((h) => h.status), ['requested', 'approved']);
    assert.strictEqual(ledger.entries[0]!.history[0]!.by, 'Test Reviewer');
    assert.strictEqual(ledger.entries[0]!.history[0]!.note, 'new verifier');
    // Edit a token inside the region: stale.
    fs.writeFileSync(path.join(dir, 'go', 'auth.go'), source.join('\n').replace('return s.key, nil', 'return s.otherKey, nil'));
    scan = JSON.parse(cli(dir, 'scan', '--format', 'json').stdout) as ScanJson;
    assert.strictEqual(scan.regions.find((x) => x.category === 'jwt' && x.path === 'go/auth.go')!.review, 'stale');
    const list = JSON.parse(cli(dir, 'review', 'list', '--format', 'json').stdout) as { entries: { status: string; detail: string }[] };
    assert.strictEqual(list.entries[0]!.status, 'stale');
    assert.match(list.entries[0]!.detail, /changed since approved by Test Reviewer on \d{4}-\d\d-\d\d/);
    // A line outside every region.
    r = cli(dir, 'review', 'approve', '--i-am-human', 'go/auth.go:1');
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /no guardrail region covers go\/auth\.go:1; regions in this file:/);
  });

  it('--fail-on unreviewed exits 1 until every region is approved or suppressed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-cli-'));
    fs.copyFileSync(path.join(WORKSPACE, 'py', 'tokens.py'), path.join(dir, 'tokens.py'));
    assert.strictEqual(cli(dir, 'scan', '--fail-on', 'unreviewed').code, 1);
    const scan = JSON.parse(cli(dir, 'scan', '--format', 'json').stdout) as ScanJson;
    for (const region of scan.regions) assert.strictEqual(cli(dir, 'review', 'approve', '--i-am-human', `tokens.py:${region.start.line}`).code, 0);
    const after = cli(dir, 'scan', '--fail-on', 'unreviewed');
    assert.strictEqual(after.code, 0, after.stdout);
  });

  it('refuses to record reviews into a corrupt ledger and leaves it intact', () => {
    const dir = copyWorkspace();
    fs.mkdirSync(path.join(dir, '.guardrails'));
    const corrupt = '{"schema":"ai-guardrails/reviews","version":9,"entries":[]}';
    fs.writeFileSync(path.join(dir, '.guardrails', 'reviews.json'), corrupt);
    const line = fs.readFileSync(path.join(dir, 'go', 'auth.go'), 'utf8').split('\n').findIndex((l) => l.includes('jwt.Parse(')) + 1;
    const r = cli(dir, 'review', 'approve', '--i-am-human', `go/auth.go:${line}`);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /reviews\.json: unsupported schema version 9/);
    assert.strictEqual(fs.readFileSync(path.join(dir, '.guardrails', 'reviews.json'), 'utf8'), corrupt);
  });
});
