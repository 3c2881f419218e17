import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { FakeOpenAi } from '../../ai/fakeOpenAi';
import { byCategory, codeActionsAt, extension, hasCategory, ourDiagnostics, setSetting, waitFor, waitForDiagnostics, workspaceFolder } from './helpers';

const AI_SOURCE = 'ai-guardrails (AI advisory)';
const AI_KEYS = ['ai.enable', 'ai.baseUrl', 'ai.model', 'ai.timeoutSeconds'];

async function setAi(values: Record<string, unknown>): Promise<void> {
  for (const [k, v] of Object.entries(values)) await setSetting(`ai.${k}`, v);
}
const ASK_TITLE = 'Ask AI for a second opinion';
const SECRET = 'sk-proj-VsCodeSuiteSecret0123456789abcd';

function aiDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === AI_SOURCE);
}

/** go/auth.go of the suite workspace with a hard-coded key inside Verify (line 17). */
function source(): string {
  const text = fs.readFileSync(path.join(workspaceFolder().uri.fsPath, 'go', 'auth.go'), 'utf8');
  return text.replace('func (s *Service) Verify(raw string) (*jwt.Token, error) {\n', `func (s *Service) Verify(raw string) (*jwt.Token, error) {\n\tfallback := "${SECRET}"\n`);
}

describe('AI second opinion', function () {
  this.timeout(120000);
  let server: FakeOpenAi;
  let doc: vscode.TextDocument;

  before(async () => {
    server = await FakeOpenAi.start();
    // An untitled document: nothing on disk changes, other tests see the workspace as it was.
    doc = await vscode.workspace.openTextDocument({ language: 'go', content: source() });
    await vscode.window.showTextDocument(doc, { preview: false });
    await waitFor('the extension to activate', () => extension().isActive, 60000);
    await waitForDiagnostics(doc.uri, hasCategory('jwt'), 'a jwt diagnostic', 60000);
  });

  after(async () => {
    for (const k of AI_KEYS) await setSetting(k, undefined);
    await vscode.commands.executeCommand('aiGuardrails.test.revokeAiConsent').then(undefined, () => undefined);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await server.close();
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['aiGuardrails.askAi', 'aiGuardrails.previewAiRequest', 'aiGuardrails.setAiApiKey', 'aiGuardrails.clearAiApiKey']) {
      assert.ok(commands.includes(c), `${c} is not registered`);
    }
  });

  it('is off by default: the command explains how to turn it on and sends nothing', async () => {
    const result = await vscode.commands.executeCommand('aiGuardrails.askAi', doc.uri.toString(), { line: 17, character: 2 });
    assert.strictEqual(result, undefined);
    assert.strictEqual(server.requests.length, 0);
  });

  it('streams findings into AI advisory diagnostics, leaves review status alone, and clears them when the region changes', async function () {
    await setAi({ enable: true, baseUrl: server.baseUrl, model: 'suite-model', timeoutSeconds: 20 });
    const commands = await vscode.commands.getCommands(true);
    if (!commands.includes('aiGuardrails.test.grantAiConsent')) this.skip(); // consent needs a person outside the test runner

    const jwt = byCategory(ourDiagnostics(doc.uri), 'jwt');
    const actions = (await codeActionsAt(doc.uri, jwt.range)).filter((a) => a.title.startsWith(ASK_TITLE));
    assert.strictEqual(actions.length, 1, 'one "Ask AI for a second opinion" action on the region');
    assert.strictEqual(actions[0]!.command?.command, 'aiGuardrails.askAi');

    const endpoint = await vscode.commands.executeCommand<string>('aiGuardrails.test.grantAiConsent');
    assert.strictEqual(endpoint, `${server.baseUrl}/chat/completions`);
    server.answer = JSON.stringify({
      findings: [
        { severity: 'P0', line: 18, message: 'jwt.Parse does not pin the algorithm' },
        { severity: 'P2', line: 17, message: 'hard-coded fallback key' },
      ],
    });
    const before = ourDiagnostics(doc.uri).map((d) => `${d.range.start.line}:${d.message}`);
    // Choosing the light-bulb action: the server's code action runs the client's command.
    const command = actions[0]!.command!;
    const result = await vscode.commands.executeCommand<{ findings: unknown[]; model: string } | undefined>(command.command, ...(command.arguments ?? []));
    assert.ok(result, 'askAi returned nothing');
    assert.strictEqual(result.findings.length, 2);
    assert.strictEqual(server.requests.length, 1);
    const sent = server.requests[0]!;
    assert.strictEqual(sent.body.model, 'suite-model');
    assert.strictEqual(sent.body.stream, true);
    assert.ok(!sent.raw.includes(SECRET), 'the secret reached the endpoint');
    assert.match(sent.raw, /fallback := \\"<redacted:api-key#1 len=\d+>\\"/);

    const ai = await waitFor('AI advisory diagnostics', () => (aiDiagnostics(doc.uri).length === 2 ? aiDiagnostics(doc.uri) : undefined));
    assert.deepStrictEqual(ai.map((d) => d.range.start.line).sort(), [16, 17]);
    const p0 = ai.find((d) => d.code === 'P0');
    assert.ok(p0 && p0.severity === vscode.DiagnosticSeverity.Warning && /not pin the algorithm/.test(p0.message));
    assert.deepStrictEqual(ourDiagnostics(doc.uri).map((d) => `${d.range.start.line}:${d.message}`), before, 'the region diagnostics (and review status) are unchanged');

    // An edit above the region moves the findings with it.
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// header\n'));
    await waitFor('AI diagnostics shifted', () => aiDiagnostics(doc.uri).map((d) => d.range.start.line).sort().join() === '17,18');
    // An edit inside the region clears them: the opinion was about other code.
    await editor.edit((e) => e.insert(new vscode.Position(19, 0), '\t// changed\n'));
    await waitFor('AI diagnostics cleared', () => aiDiagnostics(doc.uri).length === 0);
  });

  it('previews the redacted request without sending it', async () => {
    await setAi({ enable: true, baseUrl: server.baseUrl, model: 'suite-model' });
    const sentBefore = server.requests.length;
    const uri = await vscode.commands.executeCommand<vscode.Uri>('aiGuardrails.previewAiRequest', doc.uri.toString(), { line: 20, character: 1 });
    assert.ok(uri, 'no preview document');
    const preview = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(preview);
    const text = preview.getText();
    assert.match(text, /Nothing has been sent/);
    assert.match(text, /"url": "http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions"/);
    assert.match(text, /<redacted:api-key#1 len=\d+>/);
    assert.ok(!text.includes(SECRET));
    assert.strictEqual(server.requests.length, sentBefore);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
