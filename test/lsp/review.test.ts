import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { REPO_ROOT } from '../helpers/engine';
import { TestLspClient } from '../helpers/lspClient';

const SOURCE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'go', 'auth.go');

describe('review code actions and commands over LSP', function () {
  this.timeout(60000);
  let dir: string;
  let client: TestLspClient;
  let uri: string;
  let text: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-review-'));
    text = fs.readFileSync(SOURCE, 'utf8');
    fs.writeFileSync(path.join(dir, 'auth.go'), text);
    process.env.AI_GUARDRAILS_REVIEWER = 'Lsp Tester';
    client = await TestLspClient.start(dir);
    uri = pathToFileURL(path.join(dir, 'auth.go')).toString();
    client.open(uri, 'go', text);
  });
  after(async () => {
    await client.stop();
    delete process.env.AI_GUARDRAILS_REVIEWER;
  });

  const jwtDiag = (diags: Diagnostic[]) => diags.find((d) => d.code === 'jwt' && (d.data as { symbol: string }).symbol === 'Service.Verify');

  async function actionsAt(diag: Diagnostic): Promise<CodeAction[]> {
    return client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag], only: ['quickfix'] },
    });
  }

  it('offers the review actions on a guardrail diagnostic and anywhere inside the region', async () => {
    const diag = jwtDiag(await client.diagnosticsFor(uri, 1));
    assert.ok(diag);
    const titles = (await actionsAt(diag)).map((a) => a.title);
    for (const t of ['Request human review', 'Mark as reviewed', 'Suppress with reason', 'Copy review request as Markdown']) assert.ok(titles.some((x) => x.startsWith(`${t} (`)), `${t} in ${titles}`);
    const inside = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: diag.range.start.line + 3, character: 2 }, end: { line: diag.range.start.line + 3, character: 2 } },
      context: { diagnostics: [] },
    });
    assert.ok(inside.some((a) => a.title.startsWith('Request human review (') && !a.title.includes('(all:')));
    const outside = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.deepStrictEqual(outside, []);
  });

  it('executing "Request human review" writes the ledger and the status shows everywhere', async () => {
    const diag = jwtDiag(client.diagnostics.get(uri)!.diagnostics)!;
    const action = (await actionsAt(diag)).find((a) => a.title.startsWith('Request human review (') && !a.title.includes('(all:'))!;
    client.diagnostics.delete(uri);
    const status = await client.request<string>('workspace/executeCommand', { command: action.command!.command, arguments: action.command!.arguments });
    assert.strictEqual(status, 'requested');
    const ledger = JSON.parse(fs.readFileSync(path.join(dir, '.guardrails', 'reviews.json'), 'utf8')) as { entries: { symbol: string; category: string; history: { status: string; by: string }[] }[] };
    const entry = ledger.entries.find((e) => e.symbol === 'Service.Verify' && e.category === 'jwt');
    assert.ok(entry);
    assert.strictEqual(entry.history[0]!.status, 'requested');
    assert.strictEqual(entry.history[0]!.by, 'Lsp Tester');
    const diags = await client.diagnosticsFor(uri);
    assert.match(jwtDiag(diags)!.message, /review requested by Lsp Tester/);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: diag.range.start });
    assert.match((hover.contents as MarkupContent).value, /Review status: \*\*review requested by Lsp Tester/);
  });

  it('"Mark as reviewed" drops the region to a hint; a token edit brings it back as stale', async () => {
    const diag = jwtDiag(client.diagnostics.get(uri)!.diagnostics)!;
    const action = (await actionsAt(diag)).find((a) => a.title.startsWith('Mark as reviewed (') && !a.title.includes('(all:'))!;
    client.diagnostics.delete(uri);
    assert.strictEqual(await client.request('workspace/executeCommand', { command: action.command!.command, arguments: action.command!.arguments }), 'approved');
    let d = jwtDiag(await client.diagnosticsFor(uri))!;
    assert.strictEqual(d.severity, 4, 'hint once approved');
    // Formatting-only edit inside: still approved.
    const lines = text.split('\n');
    const retLine = lines.findIndex((l) => l.includes('return s.key, nil'));
    client.change(uri, 2, [{ range: { start: { line: retLine, character: 0 }, end: { line: retLine, character: 0 } }, text: '  ' }]);
    d = jwtDiag(await client.diagnosticsFor(uri, 2))!;
    assert.strictEqual(d.severity, 4, 'whitespace does not make it stale');
    // A token edit inside: stale, back at warning, with who approved it.
    const col = lines[retLine]!.indexOf('s.key') + 2;
    client.change(uri, 3, [{ range: { start: { line: retLine, character: col + 2 }, end: { line: retLine, character: col + 5 } }, text: 'otherKey' }]);
    d = jwtDiag(await client.diagnosticsFor(uri, 3))!;
    assert.strictEqual(d.severity, 2);
    assert.match(d.message, /changed since approved by Lsp Tester on \d{4}-\d\d-\d\d/);
  });

  it('"Copy review request as Markdown" returns the checklist for a PR description', async () => {
    const diag = jwtDiag(client.diagnostics.get(uri)!.diagnostics)!;
    const action = (await actionsAt(diag)).find((a) => a.title.startsWith('Copy review request as Markdown (') && !a.title.includes('(all:'))!;
    const md = await client.request<string>('workspace/executeCommand', { command: action.command!.command, arguments: action.command!.arguments });
    assert.match(md, /### AI Guardrails review request: JWT/);
    assert.match(md, /`auth\.go:\d+-\d+` — `Service\.Verify`/);
    assert.match(md, /- \[ \] The algorithm is pinned/);
    // Editors other than ours drop a command's result: the request is also a file, and they are told where.
    const file = path.join(dir, '.guardrails', 'local', 'review-requests', 'Service.Verify-jwt.md');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), md);
    await client.waitFor(() => client.messages.some((m) => m.message.includes('review request written to') && m.message.includes('Service.Verify-jwt.md')), 'the message naming the file');
  });

  it('"Suppress with reason" inserts the comment with a placeholder to type over; the command refuses an empty reason', async () => {
    const diag = jwtDiag(client.diagnostics.get(uri)!.diagnostics)!;
    const action = (await actionsAt(diag)).find((a) => a.title.startsWith('Suppress with reason (') && !a.title.includes('(all:'))!;
    // Not our VS Code client: an edit, not a command whose prompt the editor cannot show.
    const change = action.edit!.changes![uri]![0]!;
    assert.strictEqual(change.newText, '// ai-guardrails-ignore jwt: <reason>\n');
    const funcLine = text.split('\n').findIndex((l) => l.startsWith('func (s *Service) Verify'));
    assert.strictEqual(change.range.start.line, funcLine);
    client.change(uri, 4, [{ range: { start: { line: funcLine, character: 0 }, end: { line: funcLine, character: 0 } }, text: change.newText }]);
    assert.notStrictEqual(jwtDiag(await client.diagnosticsFor(uri, 4))!.severity, 4, 'the placeholder is not a reason: still not suppressed');
    const at = change.newText.indexOf('<reason>');
    client.change(uri, 5, [{ range: { start: { line: funcLine, character: at }, end: { line: funcLine, character: at + '<reason>'.length } }, text: 'audited in SEC-42' }]);
    const d = jwtDiag(await client.diagnosticsFor(uri, 5))!;
    assert.strictEqual(d.severity, 4);
    assert.match(d.message, /suppressed: audited in SEC-42/);
    // The server command (what our VS Code client runs after its prompt) still refuses no reason.
    const regionId = (diag.data as { regionId: string }).regionId;
    await assert.rejects(client.request('workspace/executeCommand', { command: 'aiGuardrails.server.suppress', arguments: [{ uri, regionId, reason: '  ' }] }), /needs a reason|no guardrail region/);
  });

  it('a corrupt ledger is reported, never overwritten', async () => {
    const file = path.join(dir, '.guardrails', 'reviews.json');
    const corrupt = '{ "schema": "ai-guardrails/reviews", "version": 1, "entries": [ }';
    fs.writeFileSync(file, corrupt);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type: 2 }] });
    const crypto = client.diagnostics.get(uri)!.diagnostics.find((x) => x.code === 'crypto')!;
    const action = (await actionsAt(crypto)).find((a) => a.title.startsWith('Mark as reviewed (') && !a.title.includes('(all:'))!;
    await assert.rejects(client.request('workspace/executeCommand', { command: action.command!.command, arguments: action.command!.arguments }), /reviews\.json: not valid JSON.*left unchanged/);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), corrupt);
    await client.waitFor(() => client.messages.some((m) => /reviews\.json: not valid JSON/.test(m.message)), 'error message to the user');
  });
});
