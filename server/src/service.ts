import * as path from 'path';
import { URI } from 'vscode-uri';
import { tableEntries, type WrapperTable } from './engine/wrappers';
import { AnalysisHost, AnalysisWorkerStopped } from './engine/analysisHost';
import type { AnalysisOutcome, AnalysisSettings, DocumentMessage } from './engine/analysisProtocol';
import {
  DidChangeConfigurationNotification,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type TextDocumentContentChangeEvent,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { languageForDocument, type LanguageId } from './engine/languages';
import type { FileAnalysis, Region } from './engine/types';
import { DocumentStore, type OpenDocument } from './documents';
import { findingDiagnostic, regionDiagnostic, skippedDiagnostic, type RegionReview } from './features/diagnostics';
import type { ScannedFile } from './engine/scanProtocol';
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
import { generatedMarker } from './engine/generatedCode';
import { settingFrom, TEAM_KEYS, type SettingValue } from '../../common/src/settings';
import { isRecord } from './json';

interface ClientSettings {
  approvedDisplay: SettingValue<'review.approvedDisplay'>;
  /** aiGuardrails.ai.enable: the "Ask AI" action is offered only when the feature is on. */
  aiEnabled: boolean;
}

/** Idle compiling (warmUp) starts this long after the last edit or open. */
const WARM_UP_AFTER_MS = 1500;

/**
 * The language server's state: the engine, open documents and their analyses, settings per
 * workspace folder. server.ts wires it to the connection.
 */
export class GuardrailService {
  /** The analysis worker: the engine and the open documents' trees live there, off this thread. */
  readonly analysis: AnalysisHost;
  private readonly documents = new DocumentStore();
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
  /** Documents whose analysis is with the worker, and those to analyse again when it returns. */
  private readonly inFlight = new Set<string>();
  private readonly again = new Set<string>();
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
    root: string,
  ) {
    this.analysis = new AnalysisHost({ root }, { replay: () => this.replay(), log: (m) => this.connection.console.error(m) });
    // The worker loads the engine (grammars, rules) while the client's handshake is under way.
    this.analysis.start();
  }

  /** What a fresh analysis worker needs: the wrapper tables and the open documents. */
  private replay(): DocumentMessage[] {
    const out: DocumentMessage[] = [];
    for (const [key, table] of this.wrappers) out.push({ kind: 'wrappers', key, entries: tableEntries(table) });
    for (const e of this.documents.all()) out.push({ kind: 'open', uri: e.uri, path: e.path, language: e.language, text: e.text.getText(), version: e.text.version });
    return out;
  }

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
    if (init?.settings !== undefined) {
      // Settings came with initialize: files opened next are analysed at once, without waiting
      // for workspace/configuration round trips; initialized() reads them again per folder and
      // analyses again only if they differ.
      this.applyRawSettings(init.settings, this.folders.map(() => init.settings));
      this.markReady();
    }
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
  private reportProblem(message: string): void {
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
    const clientBefore = JSON.stringify(this.clientSettings);
    if (pushed !== undefined) this.pushedSettings = pushed;
    const fromClient = async (scopeUri?: string): Promise<unknown> => {
      if (!this.pullConfiguration) return this.pushedSettings;
      try {
        return await this.connection.workspace.getConfiguration({ ...(scopeUri ? { scopeUri } : {}), section: CONFIG_SECTION });
      } catch {
        return this.pushedSettings;
      }
    };
    const raw = await fromClient();
    const byFolder: unknown[] = [];
    for (const folder of this.folders) byFolder.push(await fromClient(URI.file(folder).toString()));
    this.applyRawSettings(raw, byFolder);
    const changed = JSON.stringify([this.globalSettings, [...this.folderSettings]]) !== before;
    if (changed) this.analyzeOpenDocuments();
    else if (JSON.stringify(this.clientSettings) !== clientBefore) this.republishAll();
    return changed;
  }

  /** Settings from the client (global and per folder) with each folder's team config on top. */
  private applyRawSettings(raw: unknown, byFolder: readonly unknown[]): void {
    const problems: string[] = [];
    this.clientSettings = clientSettingsFrom(raw);
    this.globalSettings = applySettings(defaultSettings(), editorSettings(raw), problems);
    this.folderSettings.clear();
    this.folders.forEach((folder, i) => {
      const base = applySettings(defaultSettings(), editorSettings(byFolder[i]), problems);
      const team = readTeamConfig(folder, base);
      for (const p of team.problems) this.reportProblem(p);
      this.folderSettings.set(folder, team.settings);
    });
    for (const p of problems) this.reportProblem(`settings: ${p}`);
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
    if (changed) this.analysis.send({ kind: 'wrappers', key: folder, entries: tableEntries(table) });
    return changed;
  }

  /** What an analysis of this file reports, as the worker takes it. */
  analysisSettings(fsPath: string, settings = this.settingsFor(fsPath)): AnalysisSettings {
    const folder = this.folderOf(fsPath);
    return {
      categories: [...enabledCategories(settings)],
      ...(settings.auditFindings ? { auditFindings: true } : {}),
      ...(settings.includeTests ? { includeGenerated: true } : {}),
      ...(folder !== undefined && this.wrappers.has(folder) ? { wrappersKey: folder } : {}),
    };
  }

  isExcluded(fsPath: string): boolean {
    return isPathExcluded(this.settingsFor(fsPath), this.relPathOf(fsPath));
  }

  openDocument(uri: string, languageId: string, version: number, text: string): void {
    const fsPath = URI.parse(uri).fsPath;
    const language = languageForDocument(languageId, fsPath);
    if (!language) return;
    this.documents.open(uri, fsPath, language, version, text);
    this.analysis.send({ kind: 'open', uri, path: fsPath, language, text, version });
    this.schedule(uri);
  }

  /** didChange: applies the changes to the open document (here and in the worker) and schedules its analysis. */
  changeDocument(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    if (!this.documents.change(uri, version, changes)) return;
    this.analysis.send({ kind: 'edit', uri, changes, version });
    this.schedule(uri);
  }

  isOpen(uri: string): boolean {
    return this.documents.get(uri) !== undefined;
  }

  /** The text, language and version of an open document. */
  openText(uri: string): { text: string; language: LanguageId; version: number } | undefined {
    const entry = this.documents.get(uri);
    return entry && { text: entry.text.getText(), language: entry.language, version: entry.text.version };
  }

  /** A line of an open document, with its line break ('' when the document is not open). */
  openLine(uri: string, line: number): string {
    return this.documents.get(uri)?.text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }) ?? '';
  }

  /** The last analysis of an open document. */
  openAnalysis(uri: string): FileAnalysis | undefined {
    return this.documents.get(uri)?.analysis;
  }

  /** Schedules every open document's analysis (settings or the project's wrappers changed). */
  analyzeOpenDocuments(): void {
    for (const entry of this.documents.all()) this.schedule(entry.uri);
  }

  /** Coalesces bursts of changes: analysis runs once per event-loop turn for each dirty document. */
  private schedule(uri: string): void {
    this.lastScheduled = performance.now();
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

  /**
   * Sends a document's analysis to the worker and publishes what comes back. One analysis per
   * document at a time: changes made meanwhile are analysed once it returns. Meanwhile hovers,
   * code actions and other requests are answered from the last results.
   */
  private analyzeAndPublish(uri: string): void {
    const entry = this.documents.get(uri);
    if (!entry) return;
    if (this.inFlight.has(uri)) {
      this.again.add(uri);
      return;
    }
    const settings = this.settingsFor(entry.path);
    const length = entry.text.getText().length;
    if (!settings.enable || this.isExcluded(entry.path) || length > settings.maxFileSizeKb * 1024 || (!settings.includeTests && this.isGenerated(entry))) {
      this.clearAnalysis(entry);
      return;
    }
    if (entry.overBudgetAt !== undefined && length >= entry.overBudgetAt) return;
    this.inFlight.add(uri);
    this.analysis
      .request<'analyze'>({ kind: 'analyze', uri, settings: this.analysisSettings(entry.path, settings) })
      .then(
        (outcome) => this.analyzed(entry, outcome),
        (err: unknown) => this.analysisStopped(entry, err, length),
      )
      .finally(() => {
        this.inFlight.delete(uri);
        if (this.again.delete(uri) && this.documents.get(uri) === entry) this.schedule(uri);
        this.settleIdleWaiters();
      });
  }

  /** A generated-code header (generatedCode.ts) at the top of an open document: only its first lines are read. */
  private isGenerated(entry: OpenDocument): boolean {
    return generatedMarker(entry.text.getText({ start: { line: 0, character: 0 }, end: { line: 120, character: 0 } })) !== undefined;
  }

  private readonly idleWaiters: (() => void)[] = [];

  /** No open document is waiting for its analysis. */
  private get idle(): boolean {
    return !this.scheduled && this.pending.size === 0 && this.inFlight.size === 0;
  }

  private settleIdleWaiters(): void {
    if (!this.idle) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /**
   * Resolves once every open document has its analysis (or after `maxMs`): the workspace scan
   * starts after them, so the files in front of the user never share the CPU with it.
   */
  openDocumentsAnalysed(maxMs: number): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, maxMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.idleWaiters.push(done);
    });
  }

  private analyzed(entry: OpenDocument, outcome: AnalysisOutcome): void {
    if ('gone' in outcome || this.documents.get(entry.uri) !== entry) return;
    if ('skipped' in outcome) {
      entry.skipped = outcome.skipped;
      entry.overBudgetAt = outcome.skipped.reason === 'budget' ? entry.text.getText().length : undefined;
      entry.analysis = undefined;
      this.connection.console.error(`analysis failed for ${entry.uri}: ${outcome.stack ?? outcome.skipped.message}`);
    } else {
      entry.analysis = outcome.analysis;
      entry.skipped = undefined;
      entry.overBudgetAt = undefined;
    }
    entry.resultVersion = outcome.version;
    this.publish(entry.uri);
    this.warmUp(entry.language);
    this.indexOpen(entry);
    this.onIndexed?.(entry.uri);
  }

  /** An open document's last results in the workspace index (the sidebar's source). */
  private indexOpen(entry: OpenDocument): void {
    this.index.set({
      uri: entry.uri,
      folder: this.folderOf(entry.path),
      relPath: this.relPathOf(entry.path),
      language: entry.language,
      regions: entry.analysis?.regions ?? [],
      findings: entry.analysis?.findings ?? [],
      open: true,
    });
    this.notifyResultsChanged();
  }

  /**
   * The worker stopped during this analysis (a crash, a runaway allocation) or while it waited
   * behind another. The one it was running is reported on the file and not retried until the
   * text shrinks, like an analysis over its budget; the others run again in the new worker.
   */
  private analysisStopped(entry: OpenDocument, err: unknown, length: number): void {
    if (this.documents.get(entry.uri) !== entry) return;
    if (err instanceof AnalysisWorkerStopped && !err.running) {
      this.again.add(entry.uri);
      return;
    }
    const message = `the analysis stopped: ${(err as Error)?.message ?? String(err)}`;
    entry.skipped = { reason: 'analysis-failed', message };
    entry.overBudgetAt = length;
    entry.analysis = undefined;
    this.connection.console.error(`analysis failed for ${entry.uri}: ${message}`);
    entry.resultVersion = entry.text.version;
    this.publish(entry.uri);
    this.indexOpen(entry);
  }

  /** When an analysis was last asked for (warm-up waits for a pause). */
  private lastScheduled = -WARM_UP_AFTER_MS;

  /** Languages whose queries are compiling (or compiled) in idle turns, or queued to. */
  private readonly warming = new Set<LanguageId>();

  /** Languages waiting for their turn to compile, in order; the first is compiling. */
  private readonly warmQueue: LanguageId[] = [];

  /**
   * Compiles a language's rule queries one per idle turn, one language at a time: after its first
   * analysis (so a later edit or file that brings a new pattern into play does not wait for its
   * compile), and for the languages the workspace scan lists (so the first file the user opens
   * after the window opened finds its queries compiled). Analyses go first: steps run after a
   * pause in editing, when none is waiting, and an analysis waits for one step at most.
   */
  warmUp(language: LanguageId): void {
    if (this.warming.has(language)) return;
    this.warming.add(language);
    this.warmQueue.push(language);
    if (this.warmQueue.length === 1) this.warmNext();
  }

  private warmNext(): void {
    const language = this.warmQueue[0];
    if (language === undefined) return;
    let steps = 0;
    let busy = 0;
    const next = () => {
      this.warmQueue.shift();
      this.warmNext();
    };
    const step = () => {
      // Only after a pause in editing: a keystroke never waits behind a compile while typing.
      const quiet = performance.now() - this.lastScheduled;
      if (this.scheduled || this.pending.size > 0 || this.inFlight.size > 0 || quiet < WARM_UP_AFTER_MS) {
        setTimeout(step, Math.max(20, WARM_UP_AFTER_MS - quiet));
        return;
      }
      const started = performance.now();
      this.analysis.request<'prepare'>({ kind: 'prepare', language }).then(
        ({ more }) => {
          steps++;
          busy += performance.now() - started;
          if (more) {
            setImmediate(step);
            return;
          }
          if (steps > 1) this.log(`${language} rules compiled in idle turns: ${steps - 1} queries, ${Math.round(busy)} ms`);
          next();
        },
        (err: unknown) => {
          // A replaced worker starts cold: compile again once it has analysed something.
          if (err instanceof AnalysisWorkerStopped) this.warming.delete(language);
          else this.connection.console.error(`compiling ${language} rules: ${(err as Error).message}`);
          next();
        },
      );
    };
    setImmediate(step);
  }

  /** Off, excluded or too large: no analysis, no tree, no diagnostics. */
  private clearAnalysis(entry: OpenDocument): void {
    entry.analysis = undefined;
    this.analysis.send({ kind: 'forget', uri: entry.uri });
    void this.connection.sendDiagnostics({ uri: entry.uri, version: entry.text.version, diagnostics: [] });
  }

  /** Called after the index entry of a file was updated (bulk-edit marks are re-applied). */
  onIndexed: ((uri: string) => void) | undefined;

  private diagnosticsFor(uri: string): Diagnostic[] {
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

  /** Publishes an open document's diagnostics, with the version of the text they were computed from. */
  private publish(uri: string): void {
    void this.connection.sendDiagnostics({ uri, version: this.documents.get(uri)?.resultVersion, diagnostics: this.diagnosticsFor(uri) });
  }

  private republishAll(): void {
    for (const entry of this.documents.all()) this.publish(entry.uri);
  }

  hover(uri: string, position: { line: number; character: number }) {
    const entry = this.documents.get(uri);
    if (!entry?.analysis) return null;
    return hoverFor(entry.analysis.regions, position, (r) => this.reviewOf(uri, r));
  }

  /** Re-analyzes a file from disk that is not open in an editor (a watched-file change), in the worker. */
  analyzeFromDisk(fsPath: string): Promise<ScannedFile> {
    const settings = this.settingsFor(fsPath);
    return this.analysis.request<'scanFile'>({ kind: 'scanFile', path: fsPath, maxBytes: settings.maxFileSizeKb * 1024, settings: this.analysisSettings(fsPath, settings) });
  }

  closeDocument(uri: string): void {
    this.documents.close(uri);
    this.analysis.send({ kind: 'close', uri });
    this.index.release(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.onClosed?.(uri);
  }

  /** Called when a document closes (the workspace scan re-reads it from disk). */
  onClosed: ((uri: string) => void) | undefined;
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
