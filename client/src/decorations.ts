/**
 * Editor decorations for guarded regions: a gutter icon per tier on the region's first line and
 * a subtle whole-line background over the region, in contributed theme colours
 * (`aiGuardrails.*Background`, `aiGuardrails.*OverviewRuler`) that themes and users can override.
 */
import * as vscode from 'vscode';
import type { Tier } from '../../common/src/categories';
import { editorSettings, onDidChangeSettings } from './config';
import { decorationPlan } from './model/decorationPlan';
import type { RegionStore } from './regionStore';

const TIERS: readonly Tier[] = ['do-not-trust', 'review'];
const COLOR_PREFIX: Record<Tier, string> = { 'do-not-trust': 'aiGuardrails.doNotTrust', review: 'aiGuardrails.review' };

interface TierTypes {
  gutter: vscode.TextEditorDecorationType;
  background: vscode.TextEditorDecorationType;
}

export class RegionDecorations implements vscode.Disposable {
  private readonly types: Record<Tier, TierTypes>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: RegionStore,
    extensionUri: vscode.Uri,
  ) {
    const icon = (theme: 'light' | 'dark', tier: Tier) => vscode.Uri.joinPath(extensionUri, 'media', theme, `${tier}.svg`);
    const make = (tier: Tier): TierTypes => ({
      // Gutter icons cannot take theme colours, so each theme kind gets its own SVG.
      gutter: vscode.window.createTextEditorDecorationType({
        light: { gutterIconPath: icon('light', tier), gutterIconSize: 'contain' },
        dark: { gutterIconPath: icon('dark', tier), gutterIconSize: 'contain' },
      }),
      background: vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        backgroundColor: new vscode.ThemeColor(`${COLOR_PREFIX[tier]}Background`),
        overviewRulerColor: new vscode.ThemeColor(`${COLOR_PREFIX[tier]}OverviewRuler`),
        overviewRulerLane: vscode.OverviewRulerLane.Left,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }),
    });
    this.types = { 'do-not-trust': make('do-not-trust'), review: make('review') };
    for (const t of TIERS) this.disposables.push(this.types[t].gutter, this.types[t].background);
    this.disposables.push(
      store.onDidChange(() => this.updateAll()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.updateAll()),
      onDidChangeSettings('editor', () => this.updateAll()),
    );
    this.updateAll();
  }

  private updateAll(): void {
    const settings = editorSettings();
    for (const editor of vscode.window.visibleTextEditors) this.update(editor, settings);
  }

  private update(editor: vscode.TextEditor, settings: ReturnType<typeof editorSettings>): void {
    const plan = decorationPlan(this.store.regionsFor(editor.document.uri), settings);
    for (const tier of TIERS) {
      const p = plan[tier];
      editor.setDecorations(
        this.types[tier].gutter,
        p.gutterLines.map((line) => new vscode.Range(line, 0, line, 0)),
      );
      editor.setDecorations(
        this.types[tier].background,
        p.backgrounds.map((s) => new vscode.Range(s.startLine, 0, s.endLine, 0)),
      );
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
