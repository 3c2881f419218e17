import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { ACTION_TITLES, applyCodeAction, byCategory, categoryOf, codeActionsAt, fileUri, openAndWait, ourDiagnostics, waitFor, waitForDiagnostics, workspaceFolder } from './helpers';

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
    fs.writeFileSync(fileUri('go/approve.go').fsPath, 'package auth\n\nimport (\n\t"crypto/hmac"\n\t"crypto/sha256"\n)\n\nfunc Tag(key, msg []byte) []byte {\n\tmac := hmac.New(sha256.New, key)\n\tmac.Write(msg)\n\treturn mac.Sum(nil)\n}\n');
    const { editor } = await openAndWait('go/approve.go', 'crypto');
    const uri = editor.document.uri;
    const crypto = byCategory(ourDiagnostics(uri), 'crypto');
    const action = (await codeActionsAt(uri, crypto.range)).find((a) => a.title.startsWith(`${ACTION_TITLES.markReviewed} (`));
    assert.ok(action, 'a "Mark as reviewed" action');
    const ledger = () => {
      const file = vscode.Uri.joinPath(workspaceFolder().uri, '.guardrails', 'reviews.json').fsPath;
      const data = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: { path: string; history: { status: string }[] }[] }) : { entries: [] };
      return data.entries.filter((e) => e.path === 'go/approve.go').flatMap((e) => e.history.map((h) => h.status));
    };
    /** Runs the action and answers its input box with `answer` until the command finishes. */
    const answered = async (answer: string, what: string) => {
      let finished = false;
      const run = applyCodeAction(action).then(() => {
        finished = true;
      });
      await waitFor(what, async () => {
        if (!finished) await vscode.commands.executeCommand(answer);
        return finished;
      });
      await run;
    };
    // Dismissed (Escape): nothing is recorded.
    await answered('workbench.action.closeQuickOpen', 'the confirmation to be dismissed');
    assert.deepStrictEqual(ledger(), [], 'a dismissed confirmation records nothing');
    // Accepted (an empty note): recorded.
    await answered('workbench.action.acceptSelectedQuickOpenItem', 'the confirmation to be accepted');
    await waitForDiagnostics(uri, (d) => d.some((x) => categoryOf(x) === 'crypto' && x.severity === vscode.DiagnosticSeverity.Hint), 'the approved region as a hint');
    assert.deepStrictEqual(ledger(), ['approved']);
  });
});
