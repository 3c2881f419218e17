import * as assert from 'assert';
import * as vscode from 'vscode';
import { extension, openAndWait, testState, treeText, TREE_VIEW_ID, VIEW_CONTAINER_ID, waitFor } from './helpers';

interface ViewContributions {
  viewsContainers?: { activitybar?: { id: string; title: string; icon: string }[] };
  views?: Record<string, { id: string; name: string }[]>;
}

describe('sidebar and status bar', () => {
  before(async () => {
    // Activation (and the workspace scan that feeds the tree) starts with a supported file.
    await openAndWait('go/auth.go', 'jwt');
  });

  it('contributes the Guardrails view container and its regions tree', async () => {
    const contributes = (extension().packageJSON as { contributes: ViewContributions }).contributes;
    const container = contributes.viewsContainers?.activitybar?.find((c) => c.id === VIEW_CONTAINER_ID);
    assert.ok(container, `no activity bar container "${VIEW_CONTAINER_ID}"`);
    const view = contributes.views?.[VIEW_CONTAINER_ID]?.find((v) => v.id === TREE_VIEW_ID);
    assert.ok(view, `no view "${TREE_VIEW_ID}" in container "${VIEW_CONTAINER_ID}"`);
    // Not "Guardrails": a container with one view shows "AI GUARDRAILS: <view name>" as its title.
    assert.strictEqual(view.name, 'Guarded regions');
    // Opening the view works (the command exists once the view is registered).
    await vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER_ID}`);
    await vscode.commands.executeCommand(`${TREE_VIEW_ID}.focus`);
  });

  it("the tree lists the workspace's regions, including files never opened", async () => {
    const wanted = ['auth.go', 'tokens.py', 'session.ts', 'sessions.go', 'store.go'];
    await testState(); // fails at once, with a clear message, while the command is missing
    const state = await waitFor(`tree items naming ${wanted.join(', ')}`, async () => {
      const s = await testState();
      const text = treeText(s).join('\n');
      return wanted.every((w) => text.includes(w)) ? s : undefined;
    }, 60000).catch(async (err: Error) => {
      throw new Error(`${err.message}; tree now: ${JSON.stringify(treeText(await testState()))}`);
    });
    const text = treeText(state).join('\n');
    assert.match(text, /Verify/, 'region items name their symbol');
    assert.match(text, /FindUser/, 'the SQL region of the unopened store.go is listed');
  });

  it('rows name the file and line compactly, with the full path in the tooltip', async () => {
    const verify = await waitFor('the Service.Verify row', async () => (await testState()).treeItems.find((i) => i.label === 'Service.Verify'));
    // Under a category the row says "auth.go:<line> · go" (it said "go/auth.go:<line>").
    assert.match(verify.description ?? '', /^auth\.go:\d+ · go$/, `description ${JSON.stringify(verify.description)}`);
    assert.match(verify.tooltip ?? '', /go\/auth\.go:\d+/, 'the tooltip gives the full path');

    await vscode.commands.executeCommand('aiGuardrails.groupByFile');
    try {
      const state = await waitFor('file groups', async () => {
        const s = await testState();
        return s.groupItems.some((g) => g.label === 'auth.go') ? s : undefined;
      });
      const group = state.groupItems.find((g) => g.label === 'auth.go');
      assert.match(group?.description ?? '', /^go · \d+ regions?/, `file group description ${JSON.stringify(group?.description)}`);
      assert.strictEqual(group?.tooltip, 'go/auth.go');
      const row = state.treeItems.find((i) => i.label === 'Service.Verify');
      assert.match(row?.description ?? '', /^line \d+ · JWT/, 'under its file a row gives the line and category');
    } finally {
      await vscode.commands.executeCommand('aiGuardrails.groupByCategory');
    }
  });

  it('the status bar shows a count of regions', async () => {
    await testState();
    const state = await waitFor('a status bar count', async () => {
      const s = await testState();
      return /\d+/.test(s.statusBarText) ? s : undefined;
    });
    const count = Number(/(\d+)/.exec(state.statusBarText)?.[1]);
    assert.ok(count > 0, `status bar "${state.statusBarText}" counts no regions`);
  });
});
