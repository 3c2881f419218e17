/**
 * The sidebar and the CodeLens reach "Mark as reviewed" by the same route as the quick fix (the
 * language client's server command and its middleware), so they ask for the same confirmation.
 * The UI scenario (test/vscode/ui/driver.ts) checks the confirmation's text from the sidebar.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ClientCommands } from '../../../common/src/commands';
import { Requests, type RegionDto } from '../../../common/src/protocol';
import type { GuardrailsApi } from '../../../client/src/extension';
import { answerInput, categoryOf, extension, ledgerStatuses, openAndWait, waitFor, waitForDiagnostics, writeHmacGo } from './helpers';

const ESCAPE = 'workbench.action.closeQuickOpen';
const ACCEPT = 'workbench.action.acceptSelectedQuickOpenItem';

/** Marks with `mark` twice: dismissed (nothing recorded), then accepted (approved, shown as a hint). */
async function confirmTwice(rel: string, uri: vscode.Uri, mark: () => Thenable<unknown>, before: string[]): Promise<void> {
  await answerInput(mark, ESCAPE, 'the confirmation to be dismissed');
  assert.deepStrictEqual(ledgerStatuses(rel), before, 'a dismissed confirmation records nothing');
  await answerInput(mark, ACCEPT, 'the confirmation to be accepted');
  await waitForDiagnostics(uri, (d) => d.some((x) => categoryOf(x) === 'crypto' && x.severity === vscode.DiagnosticSeverity.Hint), 'the approved region as a hint');
  assert.deepStrictEqual(ledgerStatuses(rel), [...before, 'approved']);
}

describe('review commands from the sidebar and the CodeLens', () => {
  it('"Mark as reviewed" on a sidebar item asks for confirmation, then records the approval', async () => {
    const uri = writeHmacGo('go/sidebarApprove.go', 'SidebarTag');
    await openAndWait('go/sidebarApprove.go', 'crypto');
    const api = extension().exports as GuardrailsApi;
    const region = await waitFor('the region in the workspace results', async () => {
      const results = await api.client.client?.sendRequest(Requests.workspaceResults);
      return results?.regions.find((r: RegionDto) => r.uri === uri.toString() && r.category === 'crypto');
    });
    // What the tree passes to a command of a region item's menu.
    const node = { kind: 'region', id: `region:${region.id}`, region, findings: [] };
    await confirmTwice('go/sidebarApprove.go', uri, () => vscode.commands.executeCommand(ClientCommands.markReviewed, node), []);
  });

  it('"Mark as reviewed" on a CodeLens asks for confirmation, then records the approval', async () => {
    const uri = writeHmacGo('go/lensApprove.go', 'LensTag');
    await openAndWait('go/lensApprove.go', 'crypto');
    let seen: string[] = [];
    const lens = (command: string) =>
      waitFor(`a CodeLens running ${command}`, async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
        seen = lenses.map((l) => `${l.command?.title ?? '?'} -> ${l.command?.command ?? '?'}`);
        return lenses.find((l) => l.command?.command === command)?.command;
      }).catch((err: Error) => {
        throw new Error(`${err.message}; lenses: ${JSON.stringify(seen)}`);
      });
    // An unreviewed region's lens requests a review; from code, (uri, regionId) asks nothing.
    const request = await lens(ClientCommands.requestReview);
    const target = request.arguments?.[0] as { uri: string; regionId: string };
    await vscode.commands.executeCommand(ClientCommands.requestReview, target.uri, target.regionId);
    assert.deepStrictEqual(ledgerStatuses('go/lensApprove.go'), ['requested']);
    const mark = await lens(ClientCommands.markReviewed);
    await confirmTwice('go/lensApprove.go', uri, () => vscode.commands.executeCommand(mark.command, ...(mark.arguments ?? [])), ['requested']);
  });
});
