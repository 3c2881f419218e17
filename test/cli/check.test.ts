import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../helpers/engine';
import { humanEnv } from '../helpers/env';
import { validateSarif } from '../helpers/sarif';

/**
 * The merge gate against real git repositories made in temporary folders: base and head
 * commits that add, change, move and reformat guarded functions, with and without approvals.
 */

const BIN = path.join(REPO_ROOT, 'bin', 'ai-guardrails.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(cwd: string, args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...humanEnv(), AI_GUARDRAILS_REVIEWER: 'Rita Reviewer <rita@example.com>', NO_COLOR: '1', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...humanEnv(), GIT_CONFIG_NOSYSTEM: '1' } });
}

const AUTH_GO = `package auth

import (
\t"crypto/hmac"
\t"crypto/sha256"
\t"errors"

\tjwt "github.com/golang-jwt/jwt/v5"
)

type Service struct {
\tkey []byte
}

// Verify checks an access token.
func (s *Service) Verify(raw string) (*jwt.Token, error) {
\ttoken, err := jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
\t\treturn s.key, nil
\t})
\tif err != nil {
\t\treturn nil, errors.New("invalid token")
\t}
\treturn token, nil
}

func Sign(key, msg []byte) []byte {
\tmac := hmac.New(sha256.New, key)
\tmac.Write(msg)
\treturn mac.Sum(nil)
}

func Add(a, b int) int {
\treturn a + b
}
`;

const STORE_PY = `import sqlite3


def by_id(conn, uid):
    cur = conn.cursor()
    cur.execute("SELECT id, name FROM users WHERE id = ?", (uid,))
    return cur.fetchone()
`;

/** A repository with `main` (the base) and a `feature` branch checked out. */
function makeRepo(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agr-check-')));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Alice Author');
  git(dir, 'config', 'user.email', 'alice@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  fs.mkdirSync(path.join(dir, 'auth'));
  fs.mkdirSync(path.join(dir, 'store'));
  fs.writeFileSync(path.join(dir, 'auth', 'auth.go'), AUTH_GO);
  fs.writeFileSync(path.join(dir, 'store', 'store.py'), STORE_PY);
  commitAll(dir, 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  return dir;
}

function commitAll(dir: string, message: string, author?: string): void {
  git(dir, 'add', '-A');
  const who = author ? ['-c', `user.name=${author}`, '-c', `user.email=${author.toLowerCase().replace(/\s+/g, '.')}@example.com`] : [];
  git(dir, ...who, 'commit', '-q', '--allow-empty', '-m', message);
}

function edit(dir: string, file: string, fn: (text: string) => string): void {
  const p = path.join(dir, file);
  const before = fs.readFileSync(p, 'utf8');
  const after = fn(before);
  assert.notStrictEqual(after, before, `the edit of ${file} changed nothing`);
  fs.writeFileSync(p, after);
}

interface CheckJson {
  changed: { path: string; change: string; status: string; blocking: boolean; region: { category: string; tier: string; symbol: string } }[];
  removed: { path: string; symbol: string; category: string }[];
  findings: { path: string; blocking: boolean; finding: { rule: string; suppression?: { reason: string } } }[];
  approvalsAdded: { symbol: string; committedBy?: string[]; event: { by: string } }[];
  unchanged: number;
  failed: boolean;
}

function checkJson(dir: string, ...extra: string[]): { code: number; report: CheckJson; stderr: string } {
  const r = cli(dir, ['check', '--base', 'main', '--format', 'json', ...extra]);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return { code: r.code, report: JSON.parse(r.stdout) as CheckJson, stderr: r.stderr };
}

describe('ai-guardrails check (merge gate)', function () {
  this.timeout(120000);

  it('passes when guarded code is only reformatted, commented or moved to another file', () => {
    const dir = makeRepo();
    // Reformat and comment Verify, move Sign to a new file unchanged.
    edit(dir, 'auth/auth.go', (t) => t.replace('\treturn token, nil\n', '\n\t// all checks passed\n\treturn token,   nil\n'));
    const sign = AUTH_GO.slice(AUTH_GO.indexOf('func Sign'), AUTH_GO.indexOf('func Add'));
    edit(dir, 'auth/auth.go', (t) => t.replace(sign, ''));
    fs.writeFileSync(path.join(dir, 'auth', 'sign.go'), `package auth\n\nimport (\n\t"crypto/hmac"\n\t"crypto/sha256"\n)\n\n${sign}`);
    commitAll(dir, 'refactor');
    const { code, report } = checkJson(dir);
    assert.strictEqual(code, 0, JSON.stringify(report));
    assert.deepStrictEqual(report.changed, []);
    assert.ok(report.unchanged >= 2, 'the moved and the reformatted region count as unchanged');
    assert.deepStrictEqual(report.removed, []);
  });

  it('fails on a changed do-not-trust function until a human approves exactly the new code', () => {
    const dir = makeRepo();
    edit(dir, 'auth/auth.go', (t) => t.replace('return nil, errors.New("invalid token")', 'return token, nil'));
    commitAll(dir, 'accept bad tokens');
    const summary = path.join(dir, '..', `${path.basename(dir)}-summary.md`);
    const text = cli(dir, ['check', '--base', 'main', '--summary', summary]);
    assert.strictEqual(text.code, 1, text.stdout + text.stderr);
    assert.match(text.stdout, /auth\/auth\.go:16: BLOCKING changed DO NOT TRUST jwt in Service\.Verify \[not reviewed\]/);
    assert.match(text.stdout, /gate failed/);
    const md = fs.readFileSync(summary, 'utf8');
    assert.match(md, /❌ \*\*1 guarded change needs a human review before merge\*\*/);
    assert.match(md, /\| ❌ \| `Service\.Verify` in auth\/auth\.go:16 \| JWT/);
    assert.match(md, /ai-guardrails review approve auth\/auth\.go:16 --note/);

    // A human approves and commits the ledger: the gate passes and names who approved and committed.
    const approve = cli(dir, ['review', 'approve', '--i-am-human', 'auth/auth.go:17', '--note', 'token errors handled upstream']);
    assert.strictEqual(approve.code, 0, approve.stderr);
    commitAll(dir, 'review', 'Carol Committer');
    const passed = checkJson(dir);
    assert.strictEqual(passed.code, 0, JSON.stringify(passed.report.changed));
    assert.strictEqual(passed.report.changed[0]?.status, 'approved');
    assert.strictEqual(passed.report.approvalsAdded.length, 1);
    assert.match(passed.report.approvalsAdded[0]!.event.by, /Rita Reviewer/);
    assert.deepStrictEqual(passed.report.approvalsAdded[0]!.committedBy, ['Carol Committer <carol.committer@example.com>']);

    // Changing the approved code again makes the approval stale: the gate fails again.
    edit(dir, 'auth/auth.go', (t) => t.replace('return s.key, nil', 'return []byte("k"), nil'));
    const stale = checkJson(dir);
    assert.strictEqual(stale.code, 1);
    assert.strictEqual(stale.report.changed[0]?.status, 'stale');
  });

  it('reports new and moved-and-changed regions, and compares the working tree including untracked files', () => {
    const dir = makeRepo();
    fs.writeFileSync(path.join(dir, 'auth', 'extra.go'), 'package auth\n\nimport "crypto/subtle"\n\nfunc Same(a, b []byte) bool {\n\treturn subtle.ConstantTimeCompare(a, b) == 1\n}\n');
    const sign = AUTH_GO.slice(AUTH_GO.indexOf('func Sign'), AUTH_GO.indexOf('func Add'));
    edit(dir, 'auth/auth.go', (t) => t.replace(sign, ''));
    fs.writeFileSync(path.join(dir, 'auth', 'mac.go'), `package auth\n\nimport (\n\t"crypto/hmac"\n\t"crypto/sha1"\n)\n\n${sign.replace('sha256.New', 'sha1.New')}`);
    const { code, report } = checkJson(dir);
    assert.strictEqual(code, 1);
    const kinds = Object.fromEntries(report.changed.map((c) => [`${c.path}:${c.region.symbol}`, c.change]));
    assert.strictEqual(kinds['auth/extra.go:Same'], 'new', JSON.stringify(kinds));
    assert.strictEqual(kinds['auth/mac.go:Sign'], 'moved-and-changed', JSON.stringify(kinds));
  });

  it('--fail-on review also blocks review-tier changes; the default only do-not-trust', () => {
    const dir = makeRepo();
    edit(dir, 'store/store.py', (t) => t.replace('SELECT id, name FROM users', 'SELECT id, name, email FROM users'));
    commitAll(dir, 'more columns');
    const dflt = checkJson(dir);
    assert.strictEqual(dflt.code, 0);
    assert.strictEqual(dflt.report.changed[0]?.region.category, 'sql');
    assert.strictEqual(dflt.report.changed[0]?.blocking, false);
    const strict = cli(dir, ['check', '--base', 'main', '--fail-on', 'review']);
    assert.strictEqual(strict.code, 1, strict.stdout);
    assert.strictEqual(cli(dir, ['check', '--base', 'main', '--fail-on', 'none']).code, 0);
  });

  it('--fail-on finding blocks new findings; a finding waived on its line with a reason is listed as suppressed', () => {
    const dir = makeRepo();
    edit(dir, 'store/store.py', (t) => t.replace('cur.execute("SELECT id, name FROM users WHERE id = ?", (uid,))', 'cur.execute(f"SELECT id, name FROM users WHERE id = {uid}")'));
    // SQL built from runtime values is an audit finding (judged right 9% of the time on real code):
    // the default gate does not see it, --audit does.
    assert.strictEqual(checkJson(dir, '--fail-on', 'finding').report.findings.length, 0);
    const failing = checkJson(dir, '--audit', '--fail-on', 'do-not-trust,finding');
    assert.strictEqual(failing.code, 1);
    assert.strictEqual(failing.report.findings[0]?.finding.rule, 'python.sql.fstring-query');
    assert.strictEqual(failing.report.findings[0]?.blocking, true);
    // Naming another rule does not waive it; naming this one with a reason does.
    edit(dir, 'store/store.py', (t) => t.replace('    cur.execute(f"', '    # ai-guardrails-ignore-finding python.sql.format-query: wrong rule\n    cur.execute(f"'));
    assert.strictEqual(checkJson(dir, '--audit', '--fail-on', 'finding').code, 1);
    edit(dir, 'store/store.py', (t) => t.replace('python.sql.format-query: wrong rule', 'python.sql.fstring-query: uid is an int from the router'));
    const waived = checkJson(dir, '--audit', '--fail-on', 'finding');
    assert.strictEqual(waived.code, 0, JSON.stringify(waived.report.findings));
    assert.strictEqual(waived.report.findings[0]?.finding.suppression?.reason, 'uid is an int from the router');
    const sarif = cli(dir, ['check', '--base', 'main', '--audit', '--format', 'sarif', '--fail-on', 'none']);
    validateSarif(sarif.stdout);
    const results = (JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; suppressions?: { justification: string }[] }[] }[] }).runs[0]!.results;
    assert.deepStrictEqual(results.find((r) => r.ruleId === 'python.sql.fstring-query')?.suppressions?.[0]?.justification, 'uid is an int from the router');
    // scan counts it too.
    const scan = cli(dir, ['scan', 'store', '--audit']);
    assert.match(scan.stdout, /0 findings \(1 suppressed\)/);
  });

  it('does not let a change waive its own review with a new suppression comment or a relaxed team config', () => {
    const dir = makeRepo();
    edit(dir, 'auth/auth.go', (t) =>
      t.replace('// Verify checks an access token.', '// ai-guardrails-ignore jwt: trust me').replace('return nil, errors.New("invalid token")', 'return token, nil'),
    );
    fs.mkdirSync(path.join(dir, '.guardrails'));
    fs.writeFileSync(path.join(dir, '.guardrails', 'config.json'), JSON.stringify({ categories: { jwt: false } }));
    commitAll(dir, 'sneaky');
    const { code, report } = checkJson(dir);
    assert.strictEqual(code, 1, 'the head config does not apply and the new suppression does not count');
    assert.strictEqual(report.changed[0]?.status, 'unreviewed');
    // A suppression that was already there at the base is honoured.
    const dir2 = makeRepo();
    git(dir2, 'checkout', '-q', 'main');
    edit(dir2, 'auth/auth.go', (t) => t.replace('// Verify checks an access token.', '// ai-guardrails-ignore jwt: verified by the gateway'));
    commitAll(dir2, 'suppress on main');
    git(dir2, 'checkout', '-q', '-B', 'feature');
    edit(dir2, 'auth/auth.go', (t) => t.replace('return nil, errors.New("invalid token")', 'return nil, errors.New("bad token")'));
    const ok = checkJson(dir2);
    assert.strictEqual(ok.code, 0, JSON.stringify(ok.report.changed));
    assert.strictEqual(ok.report.changed[0]?.status, 'suppressed');
  });

  it('--head compares two commits; SARIF output is valid 2.1.0 with stable fingerprints', () => {
    const dir = makeRepo();
    edit(dir, 'auth/auth.go', (t) => t.replace('return nil, errors.New("invalid token")', 'return token, nil'));
    commitAll(dir, 'one');
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    // The working tree moves on; --head still analyses the commit.
    git(dir, 'checkout', '-q', 'main');
    const r = cli(dir, ['check', '--base', 'main', '--head', head, '--format', 'sarif', '-o', 'out/check.sarif']);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.strictEqual(r.stdout, '', 'with -o the report goes to the file');
    const sarif = fs.readFileSync(path.join(dir, 'out', 'check.sarif'), 'utf8');
    validateSarif(sarif);
    const run = (JSON.parse(sarif) as { runs: { results: { ruleId: string; level: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!;
    const verify = run.results.find((x) => x.ruleId === 'region/jwt');
    assert.ok(verify);
    assert.strictEqual(verify.level, 'warning');
    assert.strictEqual(verify.locations[0]?.physicalLocation.artifactLocation.uri, 'auth/auth.go');
    const again = cli(dir, ['check', '--base', 'main', '--head', head, '--format', 'sarif']);
    const fp2 = (JSON.parse(again.stdout) as typeof run & { runs: (typeof run)[] }).runs[0]!.results.find((x) => x.ruleId === 'region/jwt')?.partialFingerprints;
    assert.deepStrictEqual(fp2, verify.partialFingerprints);
  });

  it('exits 2 with what to run for an unknown base, a shallow clone without the base, and outside git', () => {
    const dir = makeRepo();
    const unknown = cli(dir, ['check', '--base', 'origin/nope']);
    assert.strictEqual(unknown.code, 2);
    assert.match(unknown.stderr, /unknown revision "origin\/nope".*git fetch origin nope/);

    edit(dir, 'auth/auth.go', (t) => t.replace('return a + b', 'return a - b'));
    commitAll(dir, 'f1');
    commitAll(dir, 'f2');
    const shallow = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agr-shallow-')));
    git(shallow, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${dir}`, 'repo');
    const clone = path.join(shallow, 'repo');
    const missing = cli(clone, ['check', '--base', 'origin/main']);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /shallow clone.*git fetch --depth=\d+ origin main/);
    git(clone, 'fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main');
    const noBase = cli(clone, ['check', '--base', 'origin/main']);
    assert.strictEqual(noBase.code, 2, noBase.stdout);
    assert.match(noBase.stderr, /no merge base.*git fetch --deepen=/);
    git(clone, 'fetch', '-q', '--unshallow');
    assert.strictEqual(cli(clone, ['check', '--base', 'origin/main']).code, 0);

    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-nogit-'));
    const outside = cli(plain, ['check', '--base', 'main'], { GIT_CEILING_DIRECTORIES: path.dirname(plain) });
    assert.strictEqual(outside.code, 2);
    assert.match(outside.stderr, /not inside a git repository/);
    assert.strictEqual(cli(dir, ['check']).code, 2, '--base is required');
  });

  it('handles file names with spaces and non-ASCII, and deleted guarded files', () => {
    const dir = makeRepo();
    fs.mkdirSync(path.join(dir, 'weird dir'));
    fs.writeFileSync(path.join(dir, 'weird dir', 'tök en.py'), 'import jwt\n\n\ndef check(t, k):\n    return jwt.decode(t, k, options={"verify_signature": False})\n');
    fs.rmSync(path.join(dir, 'store', 'store.py'));
    const { code, report } = checkJson(dir);
    assert.strictEqual(code, 1);
    assert.ok(report.changed.some((c) => c.path === 'weird dir/tök en.py' && c.region.category === 'jwt'), JSON.stringify(report.changed));
    assert.ok(report.removed.some((r) => r.path === 'store/store.py' && r.category === 'sql'), JSON.stringify(report.removed));
    const md = cli(dir, ['check', '--base', 'main', '--format', 'markdown']);
    assert.match(md.stdout, /ai-guardrails review approve 'weird dir\/tök en\.py:4'/);
  });

  it('--staged checks only what is staged; the plain git hook blocks such a commit and passes an empty one', () => {
    const dir = makeRepo();
    const shim = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-shim-'));
    fs.writeFileSync(path.join(shim, 'ai-guardrails'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
    git(dir, 'config', 'core.hooksPath', path.join(REPO_ROOT, 'hooks'));
    const env = { ...humanEnv(), PATH: `${shim}${path.delimiter}${process.env.PATH ?? ''}`, AI_GUARDRAILS_REVIEWER: 'Rita Reviewer <rita@example.com>' };
    const commit = (...args: string[]) => spawnSync('git', ['commit', '-q', ...args], { cwd: dir, encoding: 'utf8', env });

    // An unstaged guarded change does not count for --staged; a staged one in a file with spaces does.
    edit(dir, 'auth/auth.go', (t) => t.replace('return nil, errors.New("invalid token")', 'return token, nil'));
    fs.writeFileSync(path.join(dir, 'store', 'my tokens.py'), 'import jwt\n\n\ndef peek(t):\n    return jwt.decode(t, options={"verify_signature": False})\n');
    git(dir, 'add', 'store/my tokens.py');
    const staged = checkJson(dir.toString(), '--staged');
    assert.deepStrictEqual(staged.report.changed.map((c) => `${c.path}:${c.region.symbol}`), ['store/my tokens.py:peek']);
    const blocked = commit('-m', 'peek');
    assert.notStrictEqual(blocked.status, 0, 'the hook blocks the commit');
    assert.match(blocked.stdout + blocked.stderr, /store\/my tokens\.py:4: BLOCKING new DO NOT TRUST jwt in peek/);
    // Nothing staged: the hook passes at once.
    git(dir, 'reset', '-q');
    assert.strictEqual(commit('--allow-empty', '-m', 'empty').status, 0);
    // Approved, the same commit goes through.
    assert.strictEqual(cli(dir, ['review', 'approve', '--i-am-human', 'store/my tokens.py:5']).code, 0);
    git(dir, 'add', 'store/my tokens.py', '.guardrails/reviews.json');
    const ok = commit('-m', 'peek, reviewed');
    assert.strictEqual(ok.status, 0, ok.stdout + ok.stderr);
  });

  it('the GitHub Action step fetches the base into a depth-1 checkout, writes the summary, SARIF and exit code', () => {
    const origin = makeRepo();
    edit(origin, 'auth/auth.go', (t) => t.replace('return nil, errors.New("invalid token")', 'return token, nil'));
    for (let i = 0; i < 3; i++) commitAll(origin, `feature ${i}`);
    const baseSha = git(origin, 'rev-parse', 'main').trim();
    const runner = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agr-action-')));
    git(runner, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin}`, 'repo');
    const outputs = path.join(runner, 'outputs.txt');
    const summary = path.join(runner, 'summary.md');
    const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'ci', 'action-check.sh')], {
      cwd: path.join(runner, 'repo'),
      encoding: 'utf8',
      env: { ...humanEnv(), NO_COLOR: '1', AGR_CLI: `${process.execPath} ${BIN}`, AGR_BASE: baseSha, AGR_FAIL_ON: 'do-not-trust', AGR_SARIF: 'out.sarif', GITHUB_OUTPUT: outputs, GITHUB_STEP_SUMMARY: summary },
    });
    assert.strictEqual(r.status, 0, r.stderr);
    const out = fs.readFileSync(outputs, 'utf8');
    assert.match(out, /^exit-code=1$/m, out + r.stderr);
    assert.match(out, /^sarif-file=out\.sarif$/m);
    validateSarif(fs.readFileSync(path.join(runner, 'repo', 'out.sarif'), 'utf8'));
    assert.match(fs.readFileSync(summary, 'utf8'), /\| ❌ \| `Service\.Verify` in auth\/auth\.go:16/);
  });

  it('run locally, lists which changed regions an agent wrote (from the hooks\' journal)', () => {
    const dir = makeRepo();
    const file = path.join(dir, 'auth', 'auth.go');
    edit(dir, 'auth/auth.go', (t) => t.replace('return nil, errors.New("invalid token")', 'return token, nil'));
    const post = JSON.stringify({ hook_event_name: 'PostToolUse', session_id: 'abc', cwd: dir, tool_name: 'Edit', tool_input: { file_path: file, old_string: 'return nil, errors.New("invalid token")', new_string: 'return token, nil' } });
    const r = spawnSync(process.execPath, [BIN, 'hook', 'claude-code', 'PostToolUse'], { cwd: dir, input: post, encoding: 'utf8', env: humanEnv({ AI_GUARDRAILS_HOOK_SERVER: '0' }) });
    assert.strictEqual(r.status, 0, r.stderr);
    const text = cli(dir, ['check', '--base', 'main']);
    assert.match(text.stdout, /BLOCKING changed DO NOT TRUST jwt in Service\.Verify \[not reviewed\] edited by Claude Code \(agent\)/);
    assert.ok(!/Sign.*edited by/.test(text.stdout));
  });
});
