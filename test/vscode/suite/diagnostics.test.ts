import * as assert from 'assert';
import * as vscode from 'vscode';
import { byCategory, categoryOf, openAndWait, SOURCE, waitForDiagnostics, hasCategory } from './helpers';

describe('diagnostics', () => {
  it('marks the JWT and crypto regions of a Go file with our source, category codes and severities', async () => {
    const { editor } = await openAndWait('go/auth.go', 'jwt');
    const diags = await waitForDiagnostics(editor.document.uri, (d) => hasCategory('jwt')(d) && hasCategory('crypto')(d), 'jwt and crypto');
    const jwt = byCategory(diags, 'jwt');
    assert.strictEqual(jwt.source, SOURCE);
    assert.strictEqual(jwt.severity, vscode.DiagnosticSeverity.Warning, 'do-not-trust regions are warnings by default');
    assert.match(jwt.message, /Service\.Verify/);
    const text = editor.document.getText();
    const firstJwtLine = text.split('\n').findIndex((l) => /jwt\./.test(l) && !l.includes('"github.com'));
    assert.strictEqual(jwt.range.start.line, firstJwtLine, 'the diagnostic sits on the first trigger');
    const code = jwt.code;
    assert.ok(typeof code === 'object' && code !== null && /#category-jwt$/.test(code.target.toString()), 'code links to the category docs');
    const crypto = byCategory(diags, 'crypto');
    assert.match(crypto.message, /Sign/);
    const addLine = text.split('\n').findIndex((l) => l.startsWith('func Add('));
    assert.ok(!diags.some((d) => d.range.start.line >= addLine), 'plain arithmetic (Add) is not flagged');
  });

  it('marks Python and TypeScript regions, and nothing in their plain functions', async () => {
    for (const file of ['py/tokens.py', 'ts/session.ts']) {
      const { editor, diagnostics } = await openAndWait(file, 'jwt');
      const categories = new Set(diagnostics.map(categoryOf));
      assert.ok(categories.has('jwt'), `${file}: ${[...categories].join(',')}`);
      const lines = editor.document.getText().split('\n');
      const addLine = lines.findIndex((l) => /\badd\(/.test(l));
      assert.ok(addLine > 0);
      assert.ok(!diagnostics.some((d) => d.range.start.line >= addLine), `${file}: add() is not flagged`);
      for (const d of diagnostics) assert.strictEqual(d.source, SOURCE);
    }
  });

  it('follows edits: a region disappears when its trigger is renamed away and comes back when restored', async () => {
    const { editor } = await openAndWait('ts/session.ts', 'jwt');
    const doc = editor.document;
    const line = doc.getText().split('\n').findIndex((l) => l.includes('jwt.verify('));
    const col = doc.lineAt(line).text.indexOf('jwt.verify');
    const range = new vscode.Range(line, col, line, col + 'jwt.verify'.length);
    assert.ok(await editor.edit((b) => b.replace(range, 'verifyLocal')));
    await waitForDiagnostics(doc.uri, (d) => !hasCategory('jwt')(d), 'the jwt region to disappear');
    const back = new vscode.Range(line, col, line, col + 'verifyLocal'.length);
    assert.ok(await editor.edit((b) => b.replace(back, 'jwt.verify')));
    await waitForDiagnostics(doc.uri, hasCategory('jwt'), `the jwt region to come back (line ${line + 1} now reads ${JSON.stringify(doc.lineAt(line).text)})`);
    await doc.save();
  });
});
