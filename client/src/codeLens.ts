/** "AI Guardrails: <category> — <status> · Request review" above each guarded region. */
import * as vscode from 'vscode';
import { editorSettings, onDidChangeSettings } from './config';
import type { RegionCommandTarget } from './commands';
import { codeLensTitle, hasCodeLens } from './model/status';
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
    return this.store
      .regionsFor(document.uri)
      .filter(hasCodeLens)
      .map((region) => {
        const line = Math.min(region.span.start.line, Math.max(0, document.lineCount - 1));
        // Interactive: a click on the lens asks for the optional note.
        const target: RegionCommandTarget = { uri: region.uri, regionId: region.id, interactive: true };
        return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: codeLensTitle(region),
          tooltip: 'Ask a human to review this region against its checklist',
          command: 'aiGuardrails.requestReview',
          arguments: [target],
        });
      });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
