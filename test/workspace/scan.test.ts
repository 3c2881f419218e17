import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { generateFile } from '../../scripts/benchCorpus';
import { Notifications, Requests, type WorkspaceResults } from '../../common/src/protocol';
import { REPO_ROOT } from '../helpers/engine';
import { TestLspClient } from '../helpers/lspClient';

interface ProgressParams {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number; cancellable?: boolean };
}

/** A fixture workspace of several hundred files: generated services in three languages. */
function makeWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-ws-'));
  const langs = [['go', '.go'], ['python', '.py'], ['typescript', '.ts']] as const;
  let n = 0;
  for (const [lang, ext] of langs) {
    for (let i = 0; i < 110; i++) {
      const sub = path.join(dir, lang, `pkg${i % 7}`);
      fs.mkdirSync(sub, { recursive: true });
      fs.writeFileSync(path.join(sub, `file${i}${ext}`), generateFile(lang, 60 + (i % 5) * 20, n++));
    }
  }
  fs.mkdirSync(path.join(dir, 'ignored'));
  fs.copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'go', 'auth.go'), path.join(dir, 'ignored', 'auth.go'));
  fs.writeFileSync(path.join(dir, '.gitignore'), 'ignored/\n');
  return dir;
}

describe('workspace scan over LSP', function () {
  this.timeout(120000);
  let dir: string;
  let client: TestLspClient;
  const progress: ProgressParams[] = [];

  before(async () => {
    dir = makeWorkspace();
    client = await TestLspClient.start(dir);
    client.connection.onNotification('$/progress', (p: ProgressParams) => progress.push(p));
    await client.waitFor(() => progress.some((p) => p.value.kind === 'end'), 'end of the scan progress', 100000);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function results(): Promise<WorkspaceResults> {
    return client.request<WorkspaceResults>(Requests.workspaceResults, null);
  }

  it('reports work-done progress with a file count, and cancellable', () => {
    const begin = progress.find((p) => p.value.kind === 'begin');
    assert.ok(begin, 'begin');
    assert.match(begin.value.title ?? '', /scanning workspace/);
    assert.strictEqual(begin.value.cancellable, true);
    const reports = progress.filter((p) => p.value.kind === 'report');
    assert.ok(reports.length > 0, 'at least one report');
    assert.match(reports[reports.length - 1]!.value.message ?? '', /^330\/330 files$/);
  });

  it('returns every region of every file, the same as the CLI, without opening them', async () => {
    const r = await results();
    assert.strictEqual(r.scanning, false);
    assert.strictEqual(r.filesScanned, 330);
    assert.ok(!r.regions.some((x) => x.path.startsWith('ignored/')), '.gitignore respected');
    assert.ok(client.notifications.some((n) => n.method === Notifications.resultsChanged.method), 'resultsChanged was sent');
    const cli = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'ai-guardrails.js'), 'scan', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    const fromCli = JSON.parse(cli.stdout) as { regions: { path: string; category: string; symbol: string }[] };
    const key = (x: { path: string; category: string; symbol: string }) => `${x.path}|${x.category}|${x.symbol}`;
    assert.deepStrictEqual(r.regions.map(key).sort(), fromCli.regions.map(key).sort());
    assert.ok(r.regions.length > 50, `a realistic number of regions (${r.regions.length})`);
    assert.ok(r.regions.every((x) => x.review === 'unreviewed'));
  });

  it('keeps results current as files are created, changed and deleted on disk', async () => {
    const file = path.join(dir, 'go', 'new_verifier.go');
    fs.copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'go', 'auth.go'), file);
    const uri = pathToFileURL(file).toString();
    let before = client.notifications.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    await client.waitFor(() => client.notifications.slice(before).some((n) => n.method === Notifications.resultsChanged.method), 'resultsChanged after create');
    assert.ok((await results()).regions.some((x) => x.path === 'go/new_verifier.go' && x.category === 'jwt'));
    fs.writeFileSync(file, 'package service\n\nfunc Add(a, b int) int { return a + b }\n');
    before = client.notifications.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    await client.waitFor(() => client.notifications.slice(before).some((n) => n.method === Notifications.resultsChanged.method), 'resultsChanged after change');
    assert.ok(!(await results()).regions.some((x) => x.path === 'go/new_verifier.go'));
    fs.rmSync(file);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await client.waitFor(() => true, 'noop');
    const after = await results();
    assert.strictEqual(after.filesScanned, 330);
  });

  it('marks regions touched by a bulk edit until a human approves them again', async () => {
    const r = await results();
    const region = r.regions.find((x) => x.category === 'jwt' && x.path.startsWith('go/'))!;
    const file = path.join(dir, region.path);
    const text = fs.readFileSync(file, 'utf8');
    client.open(region.uri, 'go', text);
    const plain = (await client.diagnosticsFor(region.uri, 1)).find((d: Diagnostic) => (d.data as { regionId: string }).regionId === region.id)!;
    assert.strictEqual(plain.severity, 2);
    await client.connection.sendNotification(Notifications.bulkEdit, { uri: region.uri, kind: 'bulk', ranges: [region.span] });
    await client.waitFor(() => {
      const d = client.diagnostics.get(region.uri)?.diagnostics.find((x) => (x.data as { regionId: string }).regionId === region.id);
      return d?.severity === 1;
    }, 'severity raised one step');
    const marked = (await results()).regions.find((x) => x.id === region.id)!;
    assert.strictEqual(marked.bulkEdit?.kind, 'bulk');
    const other = (await results()).regions.find((x) => x.path === region.path && x.id !== region.id && (x.span.end.line < region.span.start.line || x.span.start.line > region.span.end.line));
    if (other) assert.strictEqual(other.bulkEdit, undefined, 'regions outside the edit are not marked');
    await client.request('workspace/executeCommand', { command: 'aiGuardrails.server.markReviewed', arguments: [{ uri: region.uri, regionId: region.id }] });
    const approved = (await results()).regions.find((x) => x.id === region.id)!;
    assert.strictEqual(approved.review, 'approved');
    assert.strictEqual(approved.bulkEdit, undefined, 'approval clears the mark');
  });
});
