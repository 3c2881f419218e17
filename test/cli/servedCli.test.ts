import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { forwardedEnv, mayStartServer } from '../../server/src/agents/hookSocket';
import { REPO_ROOT } from '../helpers/engine';
import { humanEnv } from '../helpers/env';

/**
 * `scan` and `check` answered by the installation's hook server (a persistent process with the
 * rules compiled): the real bin, a real server over its Unix socket, real git. What the server
 * answers must be exactly what the command prints in its own process, with the caller's git
 * environment (a pre-commit hook's GIT_INDEX_FILE), never the environment of whoever started it.
 */

const BIN = path.join(REPO_ROOT, 'bin', 'ai-guardrails.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(cwd: string, args: string[], env: Record<string, string>): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: humanEnv({ NO_COLOR: '1', ...env }) });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: humanEnv({ GIT_CONFIG_NOSYSTEM: '1', ...env }) });
}

const GO = 'package auth\n\nimport "crypto/hmac"\n\nfunc Check(a, b []byte) bool { return hmac.Equal(a, b) }\n';
const PY = 'import hmac\n\ndef check(a, b):\n    return hmac.compare_digest(a, b)\n';
const TOKEN_PY = 'import jwt\n\ndef read(raw, key):\n    return jwt.decode(raw, key, algorithms=["HS256"])\n';

function repo(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agr-served-')));
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.email', 'dev@example.com']);
  git(dir, ['config', 'user.name', 'Dev']);
  fs.mkdirSync(path.join(dir, 'auth'));
  fs.writeFileSync(path.join(dir, 'auth', 'check.go'), GO);
  fs.writeFileSync(path.join(dir, 'auth', 'check.py'), PY);
  fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n*.log\n');
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'start']);
  return dir;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(condition(), what);
}

const SERVED = /answered by the hook server \((\d+) ms of CPU there\)/;

describe('scan and check served by the hook server', function () {
  this.timeout(120000);

  it('answers exactly as the command in its own process, and follows the caller\'s GIT_INDEX_FILE', async () => {
    const dir = repo();
    const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-runtime-'));
    const served = { AI_GUARDRAILS_HOOK_SERVER: '1', AI_GUARDRAILS_RUNTIME_DIR: runtime, AI_GUARDRAILS_HOOK_SERVER_IDLE_MS: '20000', AI_GUARDRAILS_HOOK_DEBUG: '1' };
    const alone = { AI_GUARDRAILS_HOOK_SERVER: '0' };
    const socketDir = path.join(runtime, `ai-guardrails-${process.getuid!()}`);
    const socketUp = () => fs.existsSync(socketDir) && fs.readdirSync(socketDir).some((f) => f.endsWith('.sock'));
    try {
      const scanArgs = ['scan', '--format', 'json'];
      const expected = cli(dir, scanArgs, alone);
      assert.strictEqual(expected.code, 0, expected.stderr);
      const first = cli(dir, scanArgs, served);
      assert.doesNotMatch(first.stderr, SERVED, 'no server yet: answered in its own process');
      assert.strictEqual(first.stdout, expected.stdout);
      await until(socketUp, 'the first local scan left a hook server');

      const second = cli(dir, scanArgs, served);
      assert.match(second.stderr, SERVED);
      assert.strictEqual(second.code, expected.code);
      assert.strictEqual(second.stdout, expected.stdout, 'the served report is the same report');
      const regions = (JSON.parse(second.stdout) as { regions: { path: string; category: string }[] }).regions.map((r) => `${r.path}:${r.category}`).sort();
      assert.deepStrictEqual(regions, ['auth/check.go:timing', 'auth/check.py:timing']);

      // A file named on the command line, relative to the caller's folder; a usage error keeps its exit code.
      const one = cli(path.join(dir, 'auth'), ['scan', 'check.go'], served);
      assert.match(one.stderr, SERVED);
      assert.match(one.stdout, /^check\.go:5:\d+: DO NOT TRUST timing in Check/m);
      const bad = cli(dir, ['scan', '--format', 'yaml'], served);
      assert.strictEqual(bad.code, 2);
      assert.match(bad.stderr, /--format must be/);
      // Lint-on-type: the source comes on stdin.
      const stdin = spawnSync(process.execPath, [BIN, 'scan', '--stdin-filename', 'auth/new.py'], { cwd: dir, encoding: 'utf8', input: TOKEN_PY, env: humanEnv({ NO_COLOR: '1', ...served }) });
      assert.match(stdin.stderr, SERVED);
      assert.match(stdin.stdout, /^auth\/new\.py:4:\d+: DO NOT TRUST jwt in read/m);

      // check --staged as a pre-commit hook runs it: git points GIT_INDEX_FILE at the index being
      // committed. Stage a new guarded file in a separate index only; the default index has nothing.
      fs.writeFileSync(path.join(dir, 'auth', 'token.py'), TOKEN_PY);
      const index = path.join(dir, '.git', 'commit-index');
      fs.copyFileSync(path.join(dir, '.git', 'index'), index);
      git(dir, ['add', 'auth/token.py'], { GIT_INDEX_FILE: index });
      const checkArgs = ['check', '--base', 'HEAD', '--staged', '--format', 'json'];
      const changed = (r: Run) => (JSON.parse(r.stdout) as { changed: { path: string }[] }).changed.map((c) => c.path);
      const alt = cli(dir, checkArgs, { ...alone, GIT_INDEX_FILE: index });
      const altServed = cli(dir, checkArgs, { ...served, GIT_INDEX_FILE: index });
      assert.match(altServed.stderr, SERVED);
      assert.strictEqual(altServed.code, alt.code, altServed.stderr);
      assert.deepStrictEqual(changed(altServed), ['auth/token.py']);
      const timeless = (r: Run) => ({ ...(JSON.parse(r.stdout) as Record<string, unknown>), millis: 0 });
      assert.deepStrictEqual(timeless(altServed), timeless(alt));
      // The next caller, without GIT_INDEX_FILE, gets the default index: nothing staged.
      const plain = cli(dir, checkArgs, served);
      assert.match(plain.stderr, SERVED);
      assert.deepStrictEqual(changed(plain), [], 'the previous request\'s GIT_INDEX_FILE did not stay in the server');
    } finally {
      // Removing the folder removes the socket; the server then exits on its idle timer.
      fs.rmSync(runtime, { recursive: true, force: true });
    }
  });

  it('a server is left only outside CI and when not switched off; only git, colour and reviewer variables are passed', () => {
    assert.strictEqual(mayStartServer({}, true), true);
    assert.strictEqual(mayStartServer({ CI: 'true' }, true), false, 'CI: every run is a fresh machine');
    assert.strictEqual(mayStartServer({ CI: 'false' }, true), true);
    assert.strictEqual(mayStartServer({ CI: 'true', AI_GUARDRAILS_HOOK_SERVER: '1' }, true), true);
    assert.strictEqual(mayStartServer({ AI_GUARDRAILS_HOOK_SERVER: '0' }, true), false);
    assert.strictEqual(mayStartServer({ CI: 'true' }, false), true, 'agent hooks keep their server');
    assert.strictEqual(mayStartServer({ AI_GUARDRAILS_HOOK_SERVER: '0' }, false), false);
    assert.deepStrictEqual(
      forwardedEnv({ GIT_INDEX_FILE: '.git/index', GIT_DIR: '.git', NO_COLOR: '1', TERM: 'dumb', AI_GUARDRAILS_REVIEWER: 'Rita', OPENAI_API_KEY: 'sk-secret', AI_GUARDRAILS_AI_KEY: 'k', HOME: '/home/x', PATH: '/bin' }),
      { GIT_INDEX_FILE: '.git/index', GIT_DIR: '.git', NO_COLOR: '1', TERM: 'dumb', AI_GUARDRAILS_REVIEWER: 'Rita' },
    );
  });
});
