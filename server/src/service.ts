import * as path from 'path';
import { URI } from 'vscode-uri';
import { goPackageConstants } from './engine/symbolIndex';
import { tableEntries, wrappersFor, type WrapperTable } from './engine/wrappers';
import type { CategoryId } from './engine/categories';
import {
  DidChangeConfigurationNotification,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { GuardrailEngine, pathsFromRoot } from './engine/engine';
import { languageForDocument } from './engine/languages';
import type { Region } from './engine/types';
import { DocumentStore } from './documents';
import { findingDiagnostic, regionDiagnostic, skippedDiagnostic, type RegionReview } from './features/diagnostics';
import { skipFor } from './engine/scanFile';
import { ReviewStore } from './review/reviewStore';
import { WorkspaceIndex } from './workspaceIndex';
import { ClientCommands, ServerCommands } from '../../common/src/commands';
import { CONFIG_SECTION, Notifications } from '../../common/src/protocol';
import { hoverFor } from './features/hover';
import {
  applySettings,
  defaultSettings,
  enabledCategories,
  isPathExcluded,
  readTeamConfig,
  type GuardrailSettings,
} from './settings';
import { toPosix } from './engine/files';
import { settingFrom, TEAM_KEYS, type SettingValue } from '../../common/src/settings';
import { isRecord } from './json';

export interface ClientSettings {
  approvedDisplay: SettingValue<'review.approvedDisplay'>;
  /** aiGuardrails.ai.enable: the "Ask AI" action is offered only when the feature is on. */
  aiEnabled: boolean;
}

/**
 * The language server's state: the engine, open documents and their analyses, settings per
 * workspace folder. server.ts wires it to the connection.
 */
export class GuardrailService {
  engine: GuardrailEngine | undefined;
  readonly documents = new DocumentStore();
  folders: string[] = [];
  private pullConfiguration = false;
  /** The client accepts file watchers registered by the server (the agent-edit journal). */
  clientWatchesFiles = false;
  /** The client already sends the events we need without a registration (our VS Code client). */
  clientSendsFileEvents = false;
  private pushedSettings: unknown;
  private readonly folderSettings = new Map<string, GuardrailSettings>();
  private globalSettings = defaultSettings();
  private readonly reportedProblems = new Set<string>();
  private readonly pending = new Set<string>();
  private scheduled = false;
  private markReady: () => void = () => undefined;
  /** Settings (and team config) are loaded: analyses before that would use the wrong ones. */
  readonly ready = new Promise<void>((resolve) => {
    this.markReady = resolve;
  });
  clientSettings: ClientSettings = { approvedDisplay: 'hint', aiEnabled: false };
  readonly reviews = new ReviewStore((m) => this.reportProblem(m));
  readonly index = new WorkspaceIndex();
  /** The client runs "Ask AI for a second opinion" (VS Code client with the AI module). */
  askAiSupported = false;
  /** Our VS Code client (it prompts for suppression reasons and copies review requests itself). */
  isOurClient = false;
  /** The client supports window/showDocument. */
  clientShowsDocuments = false;
  private notifyTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly connection: Connection,
    private readonly root: string,
  ) {}

  async initialize(params: InitializeParams): Promise<InitializeResult> {
    this.pullConfiguration = params.capabilities.workspace?.configuration === true;
    this.clientWatchesFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (this.folders.length === 0 && params.rootUri) this.folders = [URI.parse(params.rootUri).fsPath];
    const init = params.initializationOptions as { settings?: unknown; clientCommands?: string[]; watchesFiles?: boolean } | undefined;
    // Our VS Code client sends its own file events (static watchers); other editors get ours.
    this.clientSendsFileEvents = init?.watchesFiles === true;
    this.pushedSettings = init?.settings;
    this.askAiSupported = init?.clientCommands?.includes(ClientCommands.askAi) === true;
    this.isOurClient = this.askAiSupported;
    this.clientShowsDocuments = params.capabilities.window?.showDocument?.support === true;
    this.engine = await GuardrailEngine.create(pathsFromRoot(this.root));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'], resolveProvider: false },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'ai-guardrails' },
    };
  }

  async initialized(): Promise<void> {
    if (this.pullConfiguration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: CONFIG_SECTION }).catch(() => undefined);
    }
    try {
      await this.reloadSettings();
    } finally {
      this.markReady();
    }
  }

  log(message: string): void {
    this.connection.console.log(message);
  }

  /** Reports each distinct problem once (malformed team config, bad settings). */
  reportProblem(message: string): void {
    if (this.reportedProblems.has(message)) return;
    this.reportedProblems.add(message);
    this.connection.console.error(message);
    void this.connection.window.showWarningMessage(`AI Guardrails: ${message}`);
  }

  folderOf(fsPath: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) {
      if ((fsPath === f || fsPath.startsWith(f + path.sep)) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  settingsFor(fsPath: string): GuardrailSettings {
    const folder = this.folderOf(fsPath);
    return (folder ? this.folderSettings.get(folder) : undefined) ?? this.globalSettings;
  }

  /** Reloads settings and team configs; resolves to whether anything the engine uses changed. */
  async reloadSettings(pushed?: unknown): Promise<boolean> {
    const before = JSON.stringify([this.globalSettings, [...this.folderSettings]]);
    if (pushed !== undefined) this.pushedSettings = pushed;
    const problems: string[] = [];
    const fromClient = async (scopeUri?: string): Promise<unknown> => {
      if (!this.pullConfiguration) return this.pushedSettings;
      try {
        return await this.connection.workspace.getConfiguration({ ...(scopeUri ? { scopeUri } : {}), section: CONFIG_SECTION });
      } catch {
        return this.pushedSettings;
      }
    };
    const raw = await fromClient();
    this.clientSettings = clientSettingsFrom(raw);
    this.globalSettings = applySettings(defaultSettings(), editorSettings(raw), problems);
    this.folderSettings.clear();
    for (const folder of this.folders) {
      const folderRaw = await fromClient(URI.file(folder).toString());
      const base = applySettings(defaultSettings(), editorSettings(folderRaw), problems);
      const team = readTeamConfig(folder, base);
      for (const p of team.problems) this.reportProblem(p);
      this.folderSettings.set(folder, team.settings);
    }
    for (const p of problems) this.reportProblem(`settings: ${p}`);
    for (const entry of this.documents.all()) this.schedule(entry.doc.uri);
    return JSON.stringify([this.globalSettings, [...this.folderSettings]]) !== before;
  }

  /** Path relative to its workspace folder with forward slashes (the ledger's `path`). */
  relPathOf(fsPath: string): string {
    const folder = this.folderOf(fsPath);
    return folder ? toPosix(path.relative(folder, fsPath)) : toPosix(fsPath);
  }

  reviewOf(uri: string, region: Region): RegionReview {
    const fsPath = URI.parse(uri).fsPath;
    return this.reviews.review(this.folderOf(fsPath), this.relPathOf(fsPath), {
      category: region.category,
      fingerprint: region.fingerprint,
      symbol: region.symbol,
      suppressed: region.suppression !== undefined,
    });
  }

  /** Tells the client (debounced) that workspace results changed. */
  notifyResultsChanged(): void {
    if (this.notifyTimer) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      void this.connection.sendNotification(Notifications.resultsChanged, { version: this.index.version });
    }, 50);
  }

  /** After a ledger change: every open document's diagnostics and the sidebar. */
  reviewsChanged(): void {
    this.index.version++;
    this.republishAll();
    this.notifyResultsChanged();
  }

  /** The project's wrapper table per workspace folder, from the last workspace scan. */
  private readonly wrappers = new Map<string, WrapperTable>();

  /** Records a folder's wrapper table; returns whether it changed. */
  setWrappers(folder: string, table: WrapperTable): boolean {
    const key = (t: WrapperTable | undefined) => JSON.stringify(t ? tableEntries(t) : []);
    const changed = key(this.wrappers.get(folder)) !== key(table);
    this.wrappers.set(folder, table);
    return changed;
  }

  wrappersOf(folder: string | undefined): WrapperTable | undefined {
    return folder ? this.wrappers.get(folder) : undefined;
  }

  isExcluded(fsPath: string): boolean {
    const settings = this.settingsFor(fsPath);
    const folder = this.folderOf(fsPath);
    const rel = folder ? toPosix(path.relative(folder, fsPath)) : toPosix(fsPath);
    return isPathExcluded(settings, rel);
  }

  openDocument(uri: string, languageId: string, version: number, text: string): void {
    const fsPath = URI.parse(uri).fsPath;
    const language = languageForDocument(languageId, fsPath);
    if (!language) return;
    this.documents.open(uri, languageId, version, text, language);
    this.schedule(uri);
  }

  /** Coalesces bursts of changes: analysis runs once per event-loop turn for each dirty document. */
  schedule(uri: string): void {
    this.pending.add(uri);
    if (this.scheduled) return;
    this.scheduled = true;
    void this.ready.then(() => setImmediate(() => {
      this.scheduled = false;
      const uris = [...this.pending];
      this.pending.clear();
      for (const u of uris) this.analyzeAndPublish(u);
    }));
  }

  analyzeAndPublish(uri: string): void {
    const entry = this.documents.get(uri);
    if (!entry || !this.engine) return;
    const fsPath = URI.parse(uri).fsPath;
    const settings = this.settingsFor(fsPath);
    const text = entry.doc.getText();
    if (!settings.enable || this.isExcluded(fsPath) || text.length > settings.maxFileSizeKb * 1024) {
      entry.analysis = undefined;
      entry.tree?.delete();
      entry.tree = undefined;
      void this.connection.sendDiagnostics({ uri, version: entry.doc.version, diagnostics: [] });
      return;
    }
    if (entry.overBudgetAt !== undefined && text.length >= entry.overBudgetAt) return;
    try {
      const result = this.engine.analyze(text, entry.language, {
        categories: enabledCategories(settings),
        ...(entry.tree ? { previousTree: entry.tree } : {}),
        ...(entry.tree && entry.analysisState && entry.pendingEdits ? { previous: { state: entry.analysisState, edits: entry.pendingEdits } } : {}),
        keepTree: true,
        keepState: true,
        ...(entry.language === 'go' ? { packageConstants: goPackageConstants(fsPath) } : {}),
        ...wrapperOption(wrappersFor(fsPath, this.wrappersOf(this.folderOf(fsPath)))),
        ...(settings.auditFindings ? { auditFindings: true } : {}),
      });
      entry.tree?.delete();
      entry.tree = result.tree;
      entry.analysisState = result.state;
      entry.pendingEdits = [];
      entry.analysis = result.analysis;
      entry.analyzedVersion = entry.doc.version;
      entry.skipped = undefined;
      entry.overBudgetAt = undefined;
    } catch (err) {
      // Never crash on source text: report, say so on the file, and drop the tree so the next
      // parse starts fresh (the engine already replaced a parser that faulted).
      entry.skipped = skipFor(err);
      entry.overBudgetAt = entry.skipped.reason === 'budget' ? text.length : undefined;
      this.connection.console.error(`analysis failed for ${uri}: ${entry.skipped.reason === 'budget' ? entry.skipped.message : ((err as Error).stack ?? String(err))}`);
      entry.tree?.delete();
      entry.tree = undefined;
      entry.analysis = undefined;
      entry.analysisState = undefined;
    }
    this.publish(uri);
    const fsPathOfDoc = URI.parse(uri).fsPath;
    this.index.set({
      uri,
      folder: this.folderOf(fsPathOfDoc),
      relPath: this.relPathOf(fsPathOfDoc),
      language: entry.language,
      regions: entry.analysis?.regions ?? [],
      findings: entry.analysis?.findings ?? [],
      open: true,
    });
    this.notifyResultsChanged();
    this.onIndexed?.(uri);
  }

  /** Called after the index entry of a file was updated (bulk-edit marks are re-applied). */
  onIndexed: ((uri: string) => void) | undefined;

  diagnosticsFor(uri: string): Diagnostic[] {
    const entry = this.documents.get(uri);
    if (entry?.skipped) return [skippedDiagnostic(entry.skipped)];
    if (!entry?.analysis) return [];
    const settings = this.settingsFor(URI.parse(uri).fsPath);
    const out: Diagnostic[] = [];
    for (const region of entry.analysis.regions) {
      const d = regionDiagnostic(uri, region, this.reviewOf(uri, region), {
        settings,
        approvedDisplay: this.clientSettings.approvedDisplay,
      });
      if (d) out.push(d);
    }
    for (const finding of entry.analysis.findings) out.push(findingDiagnostic(finding));
    return out;
  }

  publish(uri: string): void {
    const entry = this.documents.get(uri);
    void this.connection.sendDiagnostics({ uri, version: entry?.doc.version, diagnostics: this.diagnosticsFor(uri) });
  }

  republishAll(): void {
    for (const entry of this.documents.all()) this.publish(entry.doc.uri);
  }

  hover(uri: string, position: { line: number; character: number }) {
    const entry = this.documents.get(uri);
    if (!entry?.analysis) return null;
    return hoverFor(entry.analysis.regions, position, (r) => this.reviewOf(uri, r));
  }

  closeDocument(uri: string): void {
    this.documents.close(uri);
    this.index.release(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.onClosed?.(uri);
  }

  /** Called when a document closes (the workspace scan re-reads it from disk). */
  onClosed: ((uri: string) => void) | undefined;
}

function wrapperOption(w: ReadonlyMap<string, CategoryId> | undefined): { wrappers?: ReadonlyMap<string, CategoryId> } {
  return w ? { wrappers: w } : {};
}

/** The engine-relevant part of the `aiGuardrails` settings section (the schema's team keys). */
function editorSettings(raw: unknown): unknown {
  if (!isRecord(raw)) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of TEAM_KEYS) {
    if (raw[key] !== undefined && raw[key] !== null) out[key] = raw[key];
  }
  return out;
}

function clientSettingsFrom(raw: unknown): ClientSettings {
  return { approvedDisplay: settingFrom(raw, 'review.approvedDisplay'), aiEnabled: settingFrom(raw, 'ai.enable') };
}
