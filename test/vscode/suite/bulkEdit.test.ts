import * as assert from 'assert';
import * as vscode from 'vscode';
import { openAndWait, testState, waitFor, waitForDiagnostics, hasCategory } from './helpers';

describe('bulk edits', () => {
  it('detects a bulk edit pasted into a guarded region', async () => {
    const { editor } = await openAndWait('go/sessions.go', 'crypto');
    const doc = editor.document;
    const before = (await testState()).bulkEditedRegionIds;
    const lines = doc.getText().split('\n');
    const start = lines.findIndex((l) => l.startsWith('func CheckSignature('));
    const end = lines.findIndex((l, i) => i > start && l === '}');
    assert.ok(start > 0 && end > start);
    // What an assistant's "apply" does: one edit replacing the whole body with a rewritten one.
    const body = [
      '\tmac := hmac.New(sha256.New, secret)',
      '\tif _, err := mac.Write(body); err != nil {',
      '\t\treturn err',
      '\t}',
      '\texpected := hex.EncodeToString(mac.Sum(nil))',
      '\tif len(signature) != len(expected) {',
      '\t\treturn ErrBadSignature',
      '\t}',
      '\tfor i := range expected {',
      '\t\tif expected[i] != signature[i] {',
      '\t\t\treturn ErrBadSignature',
      '\t\t}',
      '\t}',
      '\treturn nil',
    ].join('\n');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(start + 1, 0, end - 1, doc.lineAt(end - 1).text.length), body);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the bulk edit was applied');
    await waitForDiagnostics(doc.uri, hasCategory('crypto'), 'the region after the edit');
    const ids = await waitFor('the bulk edit to be recorded', async () => {
      const now = (await testState()).bulkEditedRegionIds;
      return now.some((id) => !before.includes(id)) ? now : undefined;
    }).catch(async (err: Error) => {
      throw new Error(`${err.message}; bulkEditedRegionIds now ${JSON.stringify((await testState()).bulkEditedRegionIds)}`);
    });
    assert.ok(ids.length > 0);
    await doc.save();
  });
});
