import * as assert from 'assert';
import * as vscode from 'vscode';
import { byCategory, hoverText, openAndWait } from './helpers';

describe('hover', () => {
  it('explains a region with its category, tier, checklist and review status', async () => {
    const { editor, diagnostics } = await openAndWait('go/auth.go', 'jwt');
    const jwt = byCategory(diagnostics, 'jwt');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, jwt.range.start);
    const text = hoverText(hovers);
    assert.match(text, /AI Guardrails: JWT \/ OAuth \/ SAML validation/);
    assert.match(text, /do not trust/);
    assert.match(text, /Review checklist/);
    assert.match(text, /Review status: \*\*/);
  });

  it('says nothing about plain code', async () => {
    const { editor } = await openAndWait('go/auth.go', 'jwt');
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('return a + b'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, 9));
    assert.doesNotMatch(hoverText(hovers), /AI Guardrails/);
  });
});
