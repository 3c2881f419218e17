import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { emptyLedger, LEDGER_PATH, serializeLedger } from '../../server/src/review/ledger';
import { REPO_ROOT } from '../helpers/engine';
import { TestLspClient } from '../helpers/lspClient';

/**
 * One ledger write, one publish: the server's own write comes back as a file event (VS Code's
 * watcher, or the server's poller) and must not republish everything a second time, while an
 * edit of the ledger by anyone else still does.
 */
const SOURCE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'go', 'auth.go');

describe('each ledger write is published once', function () {
  this.timeout(60000);
  let dir: string;
  let client: TestLspClient;
  let uri: string;
  let ledgerUri: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-ledger-publish-'));
    fs.copyFileSync(SOURCE, path.join(dir, 'auth.go'));
    process.env.AI_GUARDRAILS_REVIEWER = 'Publish Tester';
    client = await TestLspClient.start(dir, { initializationOptions: { watchesFiles: true } });
    uri = pathToFileURL(path.join(dir, 'auth.go')).toString();
    ledgerUri = pathToFileURL(path.join(dir, LEDGER_PATH)).toString();
    client.open(uri, 'go', fs.readFileSync(path.join(dir, 'auth.go'), 'utf8'));
    await client.diagnosticsFor(uri, 1);
  });
  after(async () => {
    await client.stop();
    delete process.env.AI_GUARDRAILS_REVIEWER;
  });

  const jwt = (diags: Diagnostic[]) => diags.find((d) => d.code === 'jwt' && (d.data as { symbol: string }).symbol === 'Service.Verify');
  const publishedSince = (mark: number) => client.published.slice(mark).filter((p) => p.uri === uri);

  /** The ledger's file event, as a watcher reports it; resolves once the server has handled it. */
  async function ledgerEvent(): Promise<void> {
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ledgerUri, type: 2 }] });
    // Messages are handled in order and the event is handled synchronously: once a later request
    // is answered, any publish the event caused has arrived before the answer.
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  }

  it('an approval is published once, not again when its own write comes back through the watcher', async () => {
    const diag = jwt(client.diagnostics.get(uri)!.diagnostics)!;
    assert.notStrictEqual(diag.severity, 4);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag], only: ['quickfix'] } });
    const approve = actions.find((a) => a.title.startsWith('Mark as reviewed (') && !a.title.includes('(all:'))!;
    const mark = client.published.length;
    assert.strictEqual(await client.request('workspace/executeCommand', { command: approve.command!.command, arguments: approve.command!.arguments }), 'approved');
    await ledgerEvent();
    const rounds = publishedSince(mark);
    assert.strictEqual(rounds.length, 1, `publishes after one approval: ${rounds.length}`);
    assert.strictEqual(jwt(rounds[0]!.diagnostics)?.severity, 4, 'the one publish shows the approval');
  });

  it('an edit of the ledger by someone else (git checkout, another window) is republished', async () => {
    const mark = client.published.length;
    // Replaced in one step, as git and our writers do, so no reader sees half a file.
    const file = path.join(dir, LEDGER_PATH);
    fs.writeFileSync(`${file}.tmp`, serializeLedger(emptyLedger()));
    fs.renameSync(`${file}.tmp`, file);
    await ledgerEvent();
    const rounds = publishedSince(mark);
    assert.ok(rounds.length >= 1, 'republished after the outside edit');
    assert.notStrictEqual(jwt(rounds[rounds.length - 1]!.diagnostics)?.severity, 4, 'the approval is gone');
    // The same bytes reported again (a second watcher, the poller) change nothing.
    const again = client.published.length;
    await ledgerEvent();
    assert.strictEqual(publishedSince(again).length, 0);
  });
});
