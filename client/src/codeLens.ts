/** "AI Guardrails: <categories> — <status> · <next step>" above each guarded function (model/status.ts). */
import * as vscode from 'vscode';
import { ClientCommands } from '../../common/src/commands';
import { editorSettings, onDidChangeSettings } from './config';
import type { RegionCommandTarget } from './commands';
import { unitLenses } from './model/status';
import type { RegionStore } from './regionStore';

export class RegionCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly store: RegionStore) {
    this.disposables.push(
      store.onDidChange(() => this.changed.fire()),
      onDidChangeSettings('editor', () => this.changed.fire()),
    );
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!editorSettings().codeLens) return [];
    return unitLenses(this.store.regionsFor(document.uri)).map((lens) => {
      const line = Math.min(lens.line, Math.max(0, document.lineCount - 1));
      const range = new vscode.Range(line, 0, line, 0);
      // Approved: a plain label (a lens with an empty command is not clickable).
      if (!lens.action) return new vscode.CodeLens(range, { title: lens.title, command: '' });
      // Interactive: a click on the lens asks for the optional note (and confirms an approval).
      const target: RegionCommandTarget = { uri: document.uri.toString(), regionId: lens.regionIds[0]!, regionIds: lens.regionIds, interactive: true };
      return new vscode.CodeLens(range, {
        title: lens.title,
        tooltip: lens.action === 'request' ? 'Ask a human to review this code against its checklist' : 'Record that you reviewed this code against its checklist',
        command: lens.action === 'request' ? ClientCommands.requestReview : ClientCommands.markReviewed,
        arguments: [target],
      });
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
