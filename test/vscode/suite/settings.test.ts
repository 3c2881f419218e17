import * as assert from 'assert';
import * as vscode from 'vscode';
import { byCategory, categoryOf, hasCategory, openAndWait, setSetting, waitForDiagnostics } from './helpers';

describe('settings', () => {
  afterEach(async () => {
    await setSetting('categories', undefined);
    await setSetting('severity', undefined);
    await setSetting('enable', undefined);
  });

  it('turning a category off removes its diagnostics, turning it on brings them back', async () => {
    const { editor } = await openAndWait('go/auth.go', 'jwt');
    const uri = editor.document.uri;
    await setSetting('categories', { jwt: false });
    const diags = await waitForDiagnostics(uri, (d) => !hasCategory('jwt')(d) && hasCategory('crypto')(d), 'jwt gone, crypto kept');
    assert.ok(byCategory(diags, 'crypto'));
    await setSetting('categories', undefined);
    await waitForDiagnostics(uri, hasCategory('jwt'), 'jwt back');
  });

  it('a severity override changes the diagnostic severity', async () => {
    const { editor, diagnostics } = await openAndWait('go/auth.go', 'crypto');
    // jwt keeps whatever severity it had (a bulk edit or a review may have changed the default).
    const jwtBefore = byCategory(diagnostics, 'jwt').severity;
    assert.notStrictEqual(byCategory(diagnostics, 'crypto').severity, vscode.DiagnosticSeverity.Error, 'crypto starts below error');
    await setSetting('severity', { crypto: 'error' });
    const diags = await waitForDiagnostics(
      editor.document.uri,
      (d) => d.some((x) => categoryOf(x) === 'crypto' && x.severity === vscode.DiagnosticSeverity.Error),
      'crypto as an error',
    );
    assert.strictEqual(byCategory(diags, 'crypto').severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(byCategory(diags, 'jwt').severity, jwtBefore, 'other categories keep their severity');
  });

  it('aiGuardrails.enable=false clears every diagnostic', async () => {
    const { editor } = await openAndWait('ts/session.ts', 'jwt');
    await setSetting('enable', false);
    await waitForDiagnostics(editor.document.uri, (d) => d.length === 0, 'no diagnostics');
    await setSetting('enable', undefined);
    await waitForDiagnostics(editor.document.uri, hasCategory('jwt'), 'diagnostics back');
  });
});
