import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../server/src/cli';
import { REPO_ROOT } from '../helpers/engine';
import { validateSarif } from '../helpers/sarif';

/** The CLI options CI users expect from Semgrep, Bandit, gosec and ESLint. */

const BIN = path.join(REPO_ROOT, 'bin', 'ai-guardrails.js');
const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');

function cli(cwd: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    ...(options.input !== undefined ? { input: options.input } : {}),
    env: { ...process.env, ...options.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function copyWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-opts-'));
  fs.cpSync(WORKSPACE, dir, { recursive: true });
  return dir;
}

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; properties?: { tags?: string[]; 'security-severity'?: string } }[] } };
    results: { ruleId: string; level: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
  }[];
}

describe('ai-guardrails CLI options', function () {
  this.timeout(60000);

  it('scan --format sarif is valid SARIF 2.1.0 with rule metadata and fingerprints that survive moves', () => {
    const dir = copyWorkspace();
    const r = cli(dir, ['scan', '--format', 'sarif', '--audit']);
    assert.strictEqual(r.code, 0, r.stderr);
    validateSarif(r.stdout);
    const run = (JSON.parse(r.stdout) as SarifLog).runs[0]!;
    const jwtRegion = run.results.find((x) => x.ruleId === 'region/jwt' && x.locations[0]?.physicalLocation.artifactLocation.uri === 'go/auth.go');
    assert.ok(jwtRegion, 'the jwt region of go/auth.go is a result');
    assert.strictEqual(jwtRegion.level, 'warning');
    const finding = run.results.find((x) => !x.ruleId.startsWith('region/'));
    assert.ok(finding, 'a finding is a result');
    const rule = run.tool.driver.rules.find((x) => x.id === finding.ruleId);
    assert.ok(rule?.properties?.tags?.some((t) => /^external\/cwe\/cwe-\d+$/.test(t)), 'findings carry CWE tags');
    assert.match(rule?.properties?.['security-severity'] ?? '', /^\d+\.\d$/);

    // Lines inserted above move every result; the fingerprints stay.
    const file = path.join(dir, 'go', 'auth.go');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('package auth\n', 'package auth\n\n// moved\n// down\n'));
    const moved = (JSON.parse(cli(dir, ['scan', '--format', 'sarif', '--audit']).stdout) as SarifLog).runs[0]!;
    const after = moved.results.find((x) => x.ruleId === 'region/jwt' && x.locations[0]?.physicalLocation.artifactLocation.uri === 'go/auth.go');
    assert.strictEqual(after?.locations[0]?.physicalLocation.region.startLine, jwtRegion.locations[0]!.physicalLocation.region.startLine + 3);
    assert.deepStrictEqual(after?.partialFingerprints, jwtRegion.partialFingerprints);
  });

  it('-o writes the report to a file, --quiet prints nothing but keeps the exit code', () => {
    const dir = copyWorkspace();
    const out = cli(dir, ['scan', '--format', 'json', '-o', 'reports/scan.json']);
    assert.strictEqual(out.code, 0, out.stderr);
    assert.strictEqual(out.stdout, '');
    assert.ok((JSON.parse(fs.readFileSync(path.join(dir, 'reports', 'scan.json'), 'utf8')) as { regions: unknown[] }).regions.length > 0);
    const quiet = cli(dir, ['scan', '--quiet', '--fail-on', 'error']);
    assert.strictEqual(quiet.stdout, '');
    assert.strictEqual(quiet.code, cli(dir, ['scan', '--fail-on', 'error']).code);
  });

  it('--stdin-filename analyses text from stdin as that file', () => {
    const dir = copyWorkspace();
    const source = fs.readFileSync(path.join(dir, 'py', 'tokens.py'), 'utf8');
    const r = cli(dir, ['scan', '--stdin-filename', 'py/unsaved.py', '--format', 'json'], { input: source });
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { regions: { path: string; category: string; symbol: string }[] };
    assert.ok(out.regions.some((x) => x.path === 'py/unsaved.py' && x.category === 'jwt' && x.symbol === 'verify'), r.stdout);
    const bad = cli(dir, ['scan', '--stdin-filename', 'notes.txt'], { input: 'x' });
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /not a Go, Python, TypeScript or JavaScript file name/);
  });

  it('finds the team config from the scanned path upward, and takes --config', () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-up-'));
    const project = path.join(parent, 'project');
    fs.cpSync(WORKSPACE, project, { recursive: true });
    fs.mkdirSync(path.join(project, '.guardrails'), { recursive: true });
    fs.writeFileSync(path.join(project, '.guardrails', 'config.json'), JSON.stringify({ categories: { jwt: false } }));
    // Run from the parent folder: the config beside the scanned code applies.
    const r = cli(parent, ['scan', 'project', '--format', 'json']);
    assert.strictEqual(r.code, 0, r.stderr);
    const regions = (JSON.parse(r.stdout) as { regions: { category: string }[] }).regions;
    assert.ok(regions.length > 0 && !regions.some((x) => x.category === 'jwt'), 'jwt is off by the project config');
    fs.writeFileSync(path.join(parent, 'strict.json'), JSON.stringify({ categories: { crypto: false } }));
    const withConfig = (JSON.parse(cli(parent, ['scan', 'project', '--format', 'json', '--config', 'strict.json']).stdout) as { regions: { category: string }[] }).regions;
    assert.ok(withConfig.some((x) => x.category === 'jwt') && !withConfig.some((x) => x.category === 'crypto'));
    const missing = cli(parent, ['scan', 'project', '--config', 'nope.json']);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /--config: no such file: nope\.json/);
  });

  it('colours only on a terminal and never with NO_COLOR; --help works for every subcommand', async () => {
    const dir = copyWorkspace();
    assert.ok(!cli(dir, ['scan']).stdout.includes('\u001b['), 'no colour when stdout is a pipe');
    const onTty = async (env: string | undefined) => {
      let out = '';
      const saved = process.env.NO_COLOR;
      if (env === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = env;
      try {
        await main(['scan'], { root: REPO_ROOT, cwd: dir, isTty: true, stdout: (s) => (out += s), stderr: () => undefined });
      } finally {
        if (saved === undefined) delete process.env.NO_COLOR;
        else process.env.NO_COLOR = saved;
      }
      return out;
    };
    assert.ok((await onTty(undefined)).includes('\u001b[31mDO NOT TRUST\u001b[0m'), 'colour on a terminal');
    assert.ok(!(await onTty('1')).includes('\u001b['), 'NO_COLOR turns colour off');
    for (const sub of ['scan', 'check', 'review', 'ai-review']) {
      const r = cli(dir, [sub, '--help']);
      assert.strictEqual(r.code, 0, `${sub} --help: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`usage: ai-guardrails ${sub}`));
    }
    const unknown = cli(dir, ['scan', '--bogus']);
    assert.strictEqual(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option --bogus[\s\S]*ai-guardrails scan --help/);
  });

  it('escapes control characters in file names so a name cannot forge lines of the text report', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-names-'));
    const name = 'evil\nok.go: all clear.go';
    fs.writeFileSync(path.join(dir, name), fs.readFileSync(path.join(WORKSPACE, 'go', 'auth.go')));
    const r = cli(dir, ['scan']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.ok(r.stdout.split('\n').every((line) => line === '' || line.startsWith('evil\\nok.go') || /^\d+ files/.test(line)), r.stdout);
  });
});
