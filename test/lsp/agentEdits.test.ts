import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity, type Diagnostic, type Hover, type MarkupContent } from 'vscode-languageserver-protocol';
import { appendJournal, JOURNAL_PATH, type JournalEntry } from '../../server/src/agents/journal';
import { LEDGER_PATH, recordEvents } from '../../server/src/review/ledger';
import { Requests, type RegionDiagnosticData, type WorkspaceResults } from '../../common/src/protocol';
import { REPO_ROOT } from '../helpers/engine';
import { TestLspClient } from '../helpers/lspClient';

const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
const MARK = 'Edited by Claude Code (agent, session s-1, model claude-sonnet-4-5) since last review.';

describe('agent edits from the journal over LSP', function () {
  this.timeout(60000);
  let dir: string;
  let client: TestLspClient | undefined;
  const rel = 'ts/session.ts';
  let uri: string;
  let text: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-agent-'));
    fs.cpSync(WORKSPACE, dir, { recursive: true });
    uri = pathToFileURL(path.join(dir, rel)).toString();
    text = fs.readFileSync(path.join(dir, rel), 'utf8');
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const jwtOf = (diags: Diagnostic[]) => diags.find((d) => d.code === 'jwt');

  function journalEntry(fingerprint: string): JournalEntry {
    return {
      at: new Date().toISOString(),
      agent: 'claude-code',
      session: 's-1',
      model: 'claude-sonnet-4-5',
      tool: 'Edit',
      path: rel,
      ranges: [[4, 6]],
      regions: [{ category: 'jwt', symbol: 'verify', fingerprint, startLine: 4, endLine: 6 }],
    };
  }

  async function openAndFingerprint(c: TestLspClient): Promise<{ diag: Diagnostic; fingerprint: string }> {
    c.open(uri, 'typescript', text);
    const diag = jwtOf(await c.diagnosticsFor(uri, 1));
    assert.ok(diag, 'the fixture has a jwt region');
    return { diag, fingerprint: (diag.data as RegionDiagnosticData).fingerprint };
  }

  /** Waits (bounded) until the jwt diagnostic's message does or does not carry the agent mark. */
  async function waitForMark(c: TestLspClient, present: boolean): Promise<Diagnostic> {
    await c.waitFor(() => {
      const d = jwtOf(c.diagnostics.get(uri)?.diagnostics ?? []);
      return d !== undefined && d.message.includes(MARK) === present;
    }, `the agent mark to be ${present ? 'shown' : 'cleared'}`, 15000);
    return jwtOf(c.diagnostics.get(uri)!.diagnostics)!;
  }

  async function hoverText(c: TestLspClient, diag: Diagnostic): Promise<string> {
    const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: diag.range.start });
    return (hover?.contents as MarkupContent | undefined)?.value ?? '';
  }

  it('marks a region an agent wrote (journal appended while running, no client file watcher), survives a restart, clears on approval', async () => {
    client = await TestLspClient.start(dir);
    const { diag: before, fingerprint } = await openAndFingerprint(client);
    assert.ok(!before.message.includes('Edited by'), before.message);
    assert.strictEqual(fs.existsSync(path.join(dir, JOURNAL_PATH)), false, 'the journal does not exist when the server starts');
    // An entry for other code of the same region (an older fingerprint) marks nothing.
    appendJournal(dir, { ...journalEntry('0000000000deadbeef00'), agent: 'cursor' });
    appendJournal(dir, journalEntry(fingerprint));

    const marked = await waitForMark(client, true);
    assert.match(marked.message, /^JWT \/ OAuth \/ SAML validation in verify: do not trust AI here \[unreviewed\]\. Edited by Claude Code/);
    assert.strictEqual(marked.severity, DiagnosticSeverity.Error, 'warning raised one step, as for bulk edits');
    assert.match(await hoverText(client, marked), /· ⚠ edited by Claude Code \(agent, session s-1, model claude-sonnet-4-5\) since last review/);
    const results = await client.request<WorkspaceResults>(Requests.workspaceResults, null);
    const region = results.regions.find((r) => r.path === rel && r.category === 'jwt');
    assert.deepStrictEqual(
      region?.agentEdit && { ...region.agentEdit, at: '' },
      { agent: 'claude-code', name: 'Claude Code', label: 'Claude Code (agent, session s-1, model claude-sonnet-4-5)', at: '', session: 's-1', model: 'claude-sonnet-4-5', tool: 'Edit' },
    );

    // A new server reads the journal from disk.
    await client.stop();
    client = await TestLspClient.start(dir);
    const { diag: restarted } = await openAndFingerprint(client);
    assert.ok(restarted.message.includes(MARK), restarted.message);

    // A human approves exactly this code (as `ai-guardrails review approve` does); the client reports the ledger change.
    await recordEvents(dir, [{ key: { category: 'jwt', fingerprint, path: rel, symbol: 'verify' }, options: { status: 'approved', by: 'Human Reviewer' } }]);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, LEDGER_PATH)).toString(), type: 2 }] });
    const cleared = await waitForMark(client, false);
    assert.strictEqual(cleared.severity, DiagnosticSeverity.Hint);
    assert.match(cleared.message, /\[approved by Human Reviewer on \d{4}-\d\d-\d\d\]\.$/);
    assert.ok(!(await hoverText(client, cleared)).includes('edited by'));
    const after = await client.request<WorkspaceResults>(Requests.workspaceResults, null);
    assert.strictEqual(after.regions.find((r) => r.path === rel && r.category === 'jwt')?.agentEdit, undefined);
  });

  it('registers a file watcher for the journal with clients that accept one, and re-reads it on their events', async () => {
    client = await TestLspClient.start(dir, { workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    const c = client;
    await c.waitFor(() => c.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'the journal watcher registration');
    const reg = c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!;
    const globs = (reg.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.ok(globs.includes('**/.guardrails/local/agent-edits.jsonl'), JSON.stringify(globs));
    const { fingerprint } = await openAndFingerprint(c);
    appendJournal(dir, journalEntry(fingerprint));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, JOURNAL_PATH)).toString(), type: 1 }] });
    await waitForMark(c, true);
  });
});
