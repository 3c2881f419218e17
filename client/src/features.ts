/**
 * Wires the editor features (sidebar, decorations, CodeLens, status bar, edit detection,
 * commands) to the language client. Everything here is cheap to construct; the first data
 * arrives when the server has started and answers `Requests.workspaceResults`.
 */
import * as vscode from 'vscode';
import { TestCommands } from '../../common/src/commands';
import { RegionCodeLensProvider } from './codeLens';
import { registerCommands } from './commands';
import { RegionDecorations } from './decorations';
import { EditWatcher } from './editWatcher';
import { DOCUMENT_SELECTOR, type GuardrailClient } from './languageClient';
import { RegionStore } from './regionStore';
import { GuardrailsSidebar, type RenderedItem } from './sidebar';
import { GuardrailStatusBar } from './statusBar';

/** What `aiGuardrails.test.getState` returns to the VS Code integration suite. */
export interface FeatureState {
  /** Every region item in the sidebar, flattened, as rendered (current grouping and filter). */
  treeItems: RenderedItem[];
  /** The group items (categories or files), as rendered. */
  groupItems: RenderedItem[];
  statusBarText: string;
  /** The workspace scan is under way (the sidebar shows its progress). */
  scanning: boolean;
  /** Ids of regions the server reports as touched by a bulk/external edit since their last review. */
  bulkEditedRegionIds: string[];
  /** Every edit the watcher has reported to the server, as "<kind> <uri>", oldest first. */
  reportedEdits: string[];
}

export interface GuardrailFeatures {
  readonly store: RegionStore;
  /** Sends pending edit notifications, fetches fresh results, and reports what the UI shows. */
  getState(): Promise<FeatureState>;
}

export function registerFeatures(guardrails: GuardrailClient): GuardrailFeatures {
  const context = guardrails.context;
  const store = new RegionStore(guardrails);
  const sidebar = new GuardrailsSidebar(store, context.workspaceState);
  const codeLens = new RegionCodeLensProvider(store);
  const statusBar = new GuardrailStatusBar(store);
  const editWatcher = new EditWatcher(guardrails);
  const selector = DOCUMENT_SELECTOR.flatMap((s) => ['file', 'untitled', 'vscode-remote'].map((scheme) => ({ scheme, ...s })));

  async function getState(): Promise<FeatureState> {
    await editWatcher.flush();
    await store.refresh();
    return {
      treeItems: sidebar.renderedRegionItems(),
      groupItems: sidebar.renderedGroupItems(),
      statusBarText: statusBar.text,
      scanning: store.results.scanning,
      bulkEditedRegionIds: store.results.regions.filter((r) => r.bulkEdit !== undefined).map((r) => r.id),
      reportedEdits: [...editWatcher.reported],
    };
  }

  context.subscriptions.push(
    store,
    sidebar,
    new RegionDecorations(store, context.extensionUri),
    codeLens,
    vscode.languages.registerCodeLensProvider(selector, codeLens),
    statusBar,
    editWatcher,
    ...registerCommands(guardrails, store, sidebar),
    vscode.commands.registerCommand(TestCommands.getState, getState),
  );
  return { store, getState };
}
