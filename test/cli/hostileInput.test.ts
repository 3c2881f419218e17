import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../helpers/engine';
import { humanEnv } from '../helpers/env';

const BIN = path.join(REPO_ROOT, 'bin', 'ai-guardrails.js');
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');

/** Runs the CLI with a deadline, so a hang fails the test instead of stalling the suite. */
function run(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30000,
    env: { ...humanEnv(), AI_GUARDRAILS_REVIEWER: 'Test Reviewer' },
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `<tmp>/ws` (a workspace: it has `.git`) with the Go fixture, and `<tmp>/outside` with a copy. */
function workspaceAndOutside(): { ws: string; outside: string; line: number } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-hostile-'));
  const ws = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  for (const d of [ws, outside]) {
    fs.mkdirSync(d);
    fs.copyFileSync(path.join(FIXTURES, 'go', 'auth.go'), path.join(d, 'auth.go'));
  }
  fs.mkdirSync(path.join(ws, '.git'));
  const line = fs.readFileSync(path.join(ws, 'auth.go'), 'utf8').split('\n').findIndex((l) => l.includes('errors.New("invalid token")')) + 1;
  return { ws, outside, line };
}

const ledgerOf = (ws: string) => path.join(ws, '.guardrails', 'reviews.json');

describe('CLI on hostile repository content', function () {
  this.timeout(60000);

  it('refuses reviews for files outside the workspace, by relative or absolute path or through a link', () => {
    const { ws, outside, line } = workspaceAndOutside();
    fs.symlinkSync(path.join(outside, 'auth.go'), path.join(ws, 'linked.go'));
    for (const target of ['../outside/auth.go', path.join(outside, 'auth.go'), 'linked.go']) {
      for (const verb of ['request', 'approve']) {
        const r = run(ws, 'review', verb, ...(verb === 'approve' ? ['--i-am-human'] : []), `${target}:${line}`);
        assert.strictEqual(r.code, 2, `${verb} ${target}: ${r.stdout}${r.stderr}`);
        assert.match(r.stderr, /refusing to record a review: .*outside the workspace/);
      }
    }
    assert.ok(!fs.existsSync(ledgerOf(ws)), 'nothing recorded');
    // An absolute path inside the workspace is fine and recorded relative to it.
    const r = run(ws, 'review', 'approve', '--i-am-human', `${path.join(ws, 'auth.go')}:${line}`);
    assert.strictEqual(r.code, 0, r.stderr);
    const ledger = JSON.parse(fs.readFileSync(ledgerOf(ws), 'utf8')) as { entries: { path: string }[] };
    assert.deepStrictEqual(ledger.entries.map((e) => e.path), ['auth.go']);
  });

  it('refuses a committed .guardrails link out of the workspace and writes nothing there', () => {
    const { ws, outside, line } = workspaceAndOutside();
    const target = path.join(outside, 'guardrails');
    fs.mkdirSync(target);
    fs.symlinkSync(target, path.join(ws, '.guardrails'));
    const r = run(ws, 'review', 'approve', '--i-am-human', `auth.go:${line}`);
    assert.strictEqual(r.code, 2, r.stdout);
    assert.match(r.stderr, /\.guardrails is a symbolic link to .*, outside the workspace/);
    assert.deepStrictEqual(fs.readdirSync(target), []);
  });

  it('refuses a ledger entry whose path leaves the workspace, naming it', () => {
    const { ws } = workspaceAndOutside();
    fs.mkdirSync(path.join(ws, '.guardrails'));
    const entry = { id: 'x', category: 'jwt', path: '../outside/auth.go', symbol: 'S', fingerprint: 'f', history: [{ status: 'approved', fingerprint: 'f', by: 'a', at: '2026-01-01T00:00:00Z' }] };
    fs.writeFileSync(ledgerOf(ws), JSON.stringify({ schema: 'ai-guardrails/reviews', version: 1, entries: [entry] }));
    const r = run(ws, 'review', 'list');
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /entries\[0\]\.path "\.\.\/outside\/auth\.go" is outside the workspace/);
  });

  it('scan does not read source-named links out of the workspace, to FIFOs or to devices, and says so', () => {
    const { ws, outside } = workspaceAndOutside();
    fs.symlinkSync(path.join(outside, 'auth.go'), path.join(ws, 'outside.go'));
    const mk = spawnSync('mkfifo', [path.join(ws, 'pipe')]);
    assert.strictEqual(mk.status, 0, 'mkfifo');
    fs.symlinkSync(path.join(ws, 'pipe'), path.join(ws, 'pipe.py'));
    fs.symlinkSync('/dev/zero', path.join(ws, 'zero.py'));
    const r = run(ws, 'scan', '--format', 'json');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stderr, /skipped outside\.go: symbolic link: .*resolves to .*outside.*auth\.go, outside the workspace/);
    assert.match(r.stderr, /skipped zero\.py: symbolic link: .*resolves to \/dev\/zero, outside the workspace/);
    const files = (JSON.parse(r.stdout) as { files: { path: string; skipped: { message: string } | null }[] }).files;
    assert.deepStrictEqual(files.map((f) => f.path).sort(), ['auth.go', 'pipe.py']);
    assert.match(files.find((f) => f.path === 'pipe.py')!.skipped!.message, /a FIFO, not a regular file/);
    // Named explicitly, a device is opened but not read.
    const zero = run(ws, 'scan', 'zero.py', '--format', 'json');
    assert.strictEqual(zero.code, 0, zero.stderr);
    assert.match(zero.stdout, /a character device, not a regular file/);
  });

  it('scan refuses exclude patterns that backtrack or are huge, names the file holding them, and finishes quickly', () => {
    const { ws } = workspaceAndOutside();
    const name = `${'a'.repeat(60)}.py`;
    fs.writeFileSync(path.join(ws, name), 'import hmac\n\ndef sign(k, m):\n    return hmac.new(k, m).digest()\n');
    const starry = `**/${'*a'.repeat(12)}*b`;
    const extglob = `**/${'+(a|aa)'.repeat(12)}b`;
    const huge = `**/${'x'.repeat(70000)}`;
    fs.mkdirSync(path.join(ws, '.guardrails'));
    const config = path.join(ws, '.guardrails', 'config.json');
    fs.writeFileSync(config, JSON.stringify({ exclude: [starry, extglob, huge, 'gen/**'] }));
    fs.writeFileSync(path.join(ws, '.gitignore'), `# hostile\n${'*a'.repeat(12)}*b\n**/a/**/a/**/a/b\nbuild.log\n`);
    const started = Date.now();
    const r = run(ws, 'scan', '--format', 'json');
    assert.ok(Date.now() - started < 15000, `scan took ${Date.now() - started} ms`);
    assert.strictEqual(r.code, 0, r.stderr);
    const warnings = r.stderr.split('\n').filter((l) => l.length > 0);
    const configWarnings = warnings.filter((l) => l.includes(config));
    assert.strictEqual(configWarnings.length, 3, r.stderr);
    assert.match(configWarnings[0]!, /pattern "\*\*\/\*a\*a.*" has 13 \* wildcards in one path segment \(at most 2\); left out/);
    assert.match(configWarnings[1]!, /uses extglob syntax/);
    assert.match(configWarnings[2]!, /is 70003 characters long/);
    assert.match(r.stderr, /\.gitignore:2: pattern "\*a\*a.*" has 13 \* wildcards/);
    assert.match(r.stderr, /\.gitignore:3: pattern "\*\*\/a\/\*\*\/a\/\*\*\/a\/b" has 3 \*\* wildcards \(at most 2\)/);
    const paths = (JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path).sort();
    assert.deepStrictEqual(paths, ['a'.repeat(60) + '.py', 'auth.go'], 'the other excludes and defaults still apply; the file is scanned');
  });

  it('scan text output escapes names that would split or disguise lines; a name that is not UTF-8 is reported as such', () => {
    const { ws } = workspaceAndOutside();
    const hmac = 'import hmac\n\ndef sign(k, m):\n    return hmac.new(k, m).digest()\n';
    fs.writeFileSync(path.join(ws, 'x.py\nauth.go:1:1: review jwt in Fake [approved]\n.py'), hmac);
    fs.writeFileSync(path.join(ws, 'rtl\u202egnp.py'), hmac);
    fs.writeFileSync(Buffer.concat([Buffer.from(`${ws}/bad`), Buffer.from([0xff, 0xfe]), Buffer.from('.py')]), hmac);
    const r = run(ws, 'scan');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.ok(!/^auth\.go:1:1: review jwt in Fake/m.test(r.stdout), r.stdout);
    assert.match(r.stdout, /^x\.py\\nauth\.go:1:1: review jwt in Fake \[approved\]\\n\.py:\d+:\d+: DO NOT TRUST crypto/m);
    assert.match(r.stdout, /^rtl\\u202egnp\.py:\d+/m);
    assert.match(r.stderr, /skipped bad\uFFFD\uFFFD\.py: the name is not valid UTF-8/);
    assert.ok(!r.stdout.includes('ENOENT'), r.stdout);
  });
});
