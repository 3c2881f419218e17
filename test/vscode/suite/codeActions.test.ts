import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { ACTION_TITLES, answerInput, applyCodeAction, byCategory, categoryOf, codeActionsAt, ledgerStatuses, openAndWait, ourDiagnostics, waitFor, waitForDiagnostics, workspaceFolder, writeHmacGo } from './helpers';

describe('code actions and the review ledger', () => {
  it('offers the review actions on a region diagnostic', async () => {
    const { editor, diagnostics } = await openAndWait('go/auth.go', 'jwt');
    const jwt = byCategory(diagnostics, 'jwt');
    const titles = (await codeActionsAt(editor.document.uri, jwt.range)).map((a) => a.title);
    for (const title of Object.values(ACTION_TITLES)) {
      assert.ok(titles.some((x) => x.startsWith(`${title} (`)), `no "${title}" among ${JSON.stringify(titles)}`);
    }
  });

  it('offers nothing of ours on plain code', async () => {
    const { editor } = await openAndWait('go/auth.go', 'jwt');
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('return a + b'));
    const titles = (await codeActionsAt(editor.document.uri, new vscode.Range(line, 1, line, 5))).map((a) => a.title);
    for (const title of Object.values(ACTION_TITLES)) assert.ok(!titles.some((x) => x.startsWith(title)), `"${title}" offered outside any region`);
  });

  it('"Request human review" writes .guardrails/reviews.json in the workspace folder', async () => {
    const { editor, diagnostics } = await openAndWait('py/tokens.py', 'jwt');
    const jwt = byCategory(diagnostics, 'jwt');
    const action = (await codeActionsAt(editor.document.uri, jwt.range)).find((a) => a.title.startsWith(`${ACTION_TITLES.requestReview} (`) && !a.title.includes('(all:'));
    assert.ok(action, 'no "Request human review" action');
    assert.ok(action.command || action.edit, 'the action neither runs a command nor edits');
    await applyCodeAction(action);
    const ledger = vscode.Uri.joinPath(workspaceFolder().uri, '.guardrails', 'reviews.json');
    const text = await waitFor('.guardrails/reviews.json to be written', () => {
      if (!fs.existsSync(ledger.fsPath)) return undefined;
      const t = fs.readFileSync(ledger.fsPath, 'utf8');
      return /requested/.test(t) ? t : undefined;
    });
    const parsed: unknown = JSON.parse(text);
    assert.ok(parsed && typeof parsed === 'object', 'the ledger is a JSON document');
    assert.match(text, /tokens\.py/, 'the ledger names the file');
  });

  it('"Mark as reviewed" from the quick-fix menu asks for confirmation (a note offered), then records the approval', async () => {
    writeHmacGo('go/approve.go');
    const { editor } = await openAndWait('go/approve.go', 'crypto');
    const uri = editor.document.uri;
    const crypto = byCategory(ourDiagnostics(uri), 'crypto');
    const action = (await codeActionsAt(uri, crypto.range)).find((a) => a.title.startsWith(`${ACTION_TITLES.markReviewed} (`));
    assert.ok(action, 'a "Mark as reviewed" action');
    // Dismissed (Escape): nothing is recorded.
    await answerInput(() => applyCodeAction(action), 'workbench.action.closeQuickOpen', 'the confirmation to be dismissed');
    assert.deepStrictEqual(ledgerStatuses('go/approve.go'), [], 'a dismissed confirmation records nothing');
    // Accepted (an empty note): recorded.
    await answerInput(() => applyCodeAction(action), 'workbench.action.acceptSelectedQuickOpenItem', 'the confirmation to be accepted');
    await waitForDiagnostics(uri, (d) => d.some((x) => categoryOf(x) === 'crypto' && x.severity === vscode.DiagnosticSeverity.Hint), 'the approved region as a hint');
    assert.deepStrictEqual(ledgerStatuses('go/approve.go'), ['approved']);
  });
});
