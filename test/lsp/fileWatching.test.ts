import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { REPO_ROOT } from '../helpers/engine';
import { humanEnv } from '../helpers/env';
import { TestLspClient } from '../helpers/lspClient';

/**
 * Editors other than VS Code see changes made outside them (a CLI approval, a git pull of the
 * ledger or config): the server registers file watchers with clients that take them, and polls
 * .guardrails/ with clients that do not.
 */
const SOURCE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'go', 'auth.go');
const BIN = path.join(REPO_ROOT, 'bin', 'ai-guardrails.js');

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-watch-'));
  fs.copyFileSync(SOURCE, path.join(dir, 'auth.go'));
  fs.mkdirSync(path.join(dir, '.git'));
  return dir;
}

describe('file changes outside the editor, for every LSP client', function () {
  this.timeout(60000);

  it('registers watchers for the ledger, the team config and sources with clients that take them (not twice with ours)', async () => {
    const dir = workspace();
    const other = await TestLspClient.start(dir, { workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    try {
      await other.waitFor(() => other.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'a watcher registration');
      const globs = other.registrations.flatMap((r) => (r.method === 'workspace/didChangeWatchedFiles' ? (r.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern) : []));
      for (const g of ['**/.guardrails/*.json', '**/.guardrails/local/agent-edits.jsonl']) assert.ok(globs.includes(g), JSON.stringify(globs));
      assert.ok(globs.some((g) => g.includes('go,py')), JSON.stringify(globs));
    } finally {
      await other.stop();
    }
    const ours = await TestLspClient.start(dir, { workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true } }, initializationOptions: { watchesFiles: true } });
    try {
      await ours.waitFor(() => ours.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'a watcher registration');
      const globs = ours.registrations.flatMap((r) => (r.method === 'workspace/didChangeWatchedFiles' ? (r.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern) : []));
      assert.deepStrictEqual(globs, ['**/.guardrails/local/agent-edits.jsonl']);
    } finally {
      await ours.stop();
    }
  });

  it('without client watchers, an approval recorded by the CLI shows in the open file', async () => {
    const dir = workspace();
    const client = await TestLspClient.start(dir);
    try {
      const uri = pathToFileURL(path.join(dir, 'auth.go')).toString();
      client.open(uri, 'go', fs.readFileSync(path.join(dir, 'auth.go'), 'utf8'));
      const diags = await client.diagnosticsFor(uri, 1);
      const jwt = diags.find((d) => d.code === 'jwt');
      assert.ok(jwt && jwt.severity !== 4, JSON.stringify(diags));
      const r = spawnSync(process.execPath, [BIN, 'review', 'approve', '--i-am-human', `auth.go:${jwt.range.start.line + 1}`], { cwd: dir, encoding: 'utf8', env: humanEnv({ AI_GUARDRAILS_REVIEWER: 'Cli Human' }) });
      assert.strictEqual(r.status, 0, r.stderr);
      await client.waitFor(() => client.diagnostics.get(uri)?.diagnostics.find((d) => d.code === 'jwt')?.severity === 4, 'the approved region to drop to a hint', 15000);
    } finally {
      await client.stop();
    }
  });
});
