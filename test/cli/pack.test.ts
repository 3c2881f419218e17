import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { REPO_ROOT } from '../helpers/engine';
import { TestLspClient } from '../helpers/lspClient';

/**
 * The npm package as a user gets it: `npm pack` (its `prepack` builds dist/ and the grammars),
 * installed globally into a temporary prefix, then `ai-guardrails` and `ai-guardrails-lsp` run
 * from there, outside this repository.
 */
describe('the npm package', function () {
  this.timeout(180000);
  let prefix: string;
  let work: string;

  before(() => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-pack-'));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const pack = spawnSync(npm, ['pack', '--pack-destination', tmp, '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.strictEqual(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    const files = info!.files.map((f) => f.path);
    for (const needed of ['dist/cli.js', 'dist/server.js', 'dist/scanWorker.js', 'dist/analysisWorker.js', 'dist/listWorker.js', 'grammars/tree-sitter-go.wasm', 'grammars/tree-sitter.wasm', 'server/queries/go/jwt.scm', 'bin/ai-guardrails.js']) {
      assert.ok(files.includes(needed), `${needed} is in the package`);
    }
    assert.ok(!files.some((f) => f.startsWith('test/') || f.startsWith('client/') || f.endsWith('.ts')), 'no tests or sources in the package');
    prefix = path.join(tmp, 'prefix');
    const install = spawnSync(npm, ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--offline', path.join(tmp, info!.filename)], { cwd: tmp, encoding: 'utf8' });
    assert.strictEqual(install.status, 0, install.stderr);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-pack-ws-'));
    fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'), work, { recursive: true });
  });

  const bin = (name: string) => path.join(prefix, process.platform === 'win32' ? '' : 'bin', name);

  it('installs with no dependencies to fetch and `ai-guardrails scan` works', () => {
    const r = spawnSync(bin('ai-guardrails'), ['scan', '--format', 'json'], { cwd: work, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { regions: { path: string; category: string }[] };
    assert.ok(out.regions.some((x) => x.path === 'go/auth.go' && x.category === 'jwt'), r.stdout);
    const version = spawnSync(bin('ai-guardrails'), ['version'], { encoding: 'utf8' });
    assert.strictEqual(version.stdout.trim(), (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('`ai-guardrails-lsp --stdio` answers an LSP client and publishes diagnostics', async () => {
    const client = await TestLspClient.start(work, { command: [bin('ai-guardrails-lsp'), '--stdio'] });
    try {
      const file = path.join(work, 'go', 'auth.go');
      const uri = pathToFileURL(file).toString();
      client.open(uri, 'go', fs.readFileSync(file, 'utf8'));
      const diagnostics = await client.diagnosticsFor(uri);
      assert.ok(diagnostics.some((d) => /jwt/i.test(String(d.code ?? '')) || /JWT/.test(d.message)), JSON.stringify(diagnostics));
    } finally {
      await client.stop();
    }
  });
});
