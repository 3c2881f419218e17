import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { fileUri, openAndWait, SECTION, testState, waitFor } from './helpers';

/**
 * Typing is never an "external edit": keystrokes, auto-save (after a delay and on focus change),
 * format-on-save, pasting a few lines and undo leave a guarded region unmarked; a write to the
 * open file from outside the editor marks it. Every step waits for its condition (bounded polls).
 */

const SOURCE = `package typing

import (
\t"crypto/hmac"
\t"crypto/sha256"
)

func Verify(key, msg, sig []byte) bool {
\tmac := hmac.New(sha256.New, key)
\tmac.Write(msg)
\treturn hmac.Equal(mac.Sum(nil), sig)
}
`;

async function reportsFor(uri: vscode.Uri): Promise<string[]> {
  return (await testState()).reportedEdits.filter((r) => r.endsWith(` ${uri.toString()}`));
}

async function typeAt(editor: vscode.TextEditor, line: number, text: string): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { preview: false });
  const end = editor.document.lineAt(line).range.end;
  editor.selection = new vscode.Selection(end, end);
  const version = editor.document.version;
  await vscode.commands.executeCommand('type', { text });
  await waitFor('the keystroke to reach the document', () => editor.document.version > version);
}

async function withSettings(values: Record<string, unknown>, body: () => Promise<void>): Promise<void> {
  const files = vscode.workspace.getConfiguration();
  const old = Object.fromEntries(Object.keys(values).map((k) => [k, files.inspect(k)?.workspaceValue]));
  for (const [k, v] of Object.entries(values)) await files.update(k, v, vscode.ConfigurationTarget.Workspace);
  try {
    await body();
  } finally {
    for (const [k, v] of Object.entries(old)) await files.update(k, v, vscode.ConfigurationTarget.Workspace);
  }
}

describe('edit detection: typing is never an external edit', function () {
  this.timeout(120000);
  let editor: vscode.TextEditor;
  const uri = () => fileUri('go/typing.go');

  before(async () => {
    fs.writeFileSync(uri().fsPath, SOURCE);
    ({ editor } = await openAndWait('go/typing.go', 'crypto'));
    assert.ok(vscode.workspace.getConfiguration(SECTION).get('editDetection.enable', true), 'edit detection is on');
  });

  it('a keystroke, then save', async () => {
    await typeAt(editor, 9, ' ');
    await editor.document.save();
    assert.deepStrictEqual(await reportsFor(uri()), []);
  });

  it('typing with auto-save after a short delay', async () => {
    await withSettings({ 'files.autoSave': 'afterDelay', 'files.autoSaveDelay': 100 }, async () => {
      for (const ch of ['/', '/', ' ', 'x']) await typeAt(editor, 9, ch);
      await waitFor('auto-save to write the file', () => !editor.document.isDirty);
      await typeAt(editor, 9, 'y');
      await waitFor('auto-save to write the file again', () => !editor.document.isDirty);
    });
    assert.deepStrictEqual(await reportsFor(uri()), []);
  });

  it('typing with auto-save on focus change, and format-on-save', async () => {
    await withSettings({ 'files.autoSave': 'onFocusChange', 'editor.formatOnSave': true }, async () => {
      await typeAt(editor, 9, ' ');
      const other = await vscode.workspace.openTextDocument(fileUri('py/tokens.py'));
      await vscode.window.showTextDocument(other, { preview: false });
      await waitFor('the focus change to save the file', () => !editor.document.isDirty);
      editor = await vscode.window.showTextDocument(editor.document, { preview: false });
      await typeAt(editor, 9, ' ');
      await editor.document.save();
    });
    assert.deepStrictEqual(await reportsFor(uri()), []);
  });

  it('pasting a few lines, then undo', async () => {
    const version = editor.document.version;
    const end = editor.document.lineAt(9).range.end;
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand('paste', { text: '\n\tif len(sig) == 0 {\n\t\treturn false\n\t}' });
    await waitFor('the paste to reach the document', () => editor.document.version > version);
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo to reach the document', () => editor.document.version > version + 1);
    await editor.document.save();
    assert.deepStrictEqual(await reportsFor(uri()), []);
  });

  it('a write to the open, saved file from outside the editor is marked external', async () => {
    await waitFor('the document to be clean', () => !editor.document.isDirty);
    const before = (await testState()).bulkEditedRegionIds;
    const changed = editor.document.getText().replace('return hmac.Equal(mac.Sum(nil), sig)', 'return string(mac.Sum(nil)) == string(sig)');
    fs.writeFileSync(uri().fsPath, changed);
    await waitFor('VS Code to reload the file', () => editor.document.getText() === changed);
    const reports = await waitFor('the reload to be reported', async () => {
      const r = await reportsFor(uri());
      return r.length > 0 ? r : undefined;
    });
    assert.deepStrictEqual(reports, [`external ${uri().toString()}`]);
    await waitFor('the region to be marked', async () => (await testState()).bulkEditedRegionIds.some((id) => !before.includes(id)));
  });
});
