import * as os from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { listFolder } from './engine/listFolder';
import { resolvesInside } from './engine/workspacePath';
import { globProblem, quoteGlob } from './engine/globCheck';
import { languageForPath, type LanguageId } from './engine/languages';
import { findPackageRoot } from './engine/root';
import { closePool, scanProject, type WorkerPool } from './engine/scanner';
import { LEDGER_PATH } from './review/ledger';
import { isJournal, journalChanged } from './features/agentJournal';
import type { GuardrailService } from './service';
import { enabledCategories, walkFilters } from './settings';
import { isRecord } from './json';

/**
 * The workspace scan: every supported file of every folder, in worker threads, with LSP
 * work-done progress and cancellation; then kept current from watched-file events.
 */
/** Scan workers are kept this long after a scan (rescans reuse their compiled rules), then ended. */
const POOL_IDLE_MS = 60_000;

/** The scan waits at most this long for the open documents' analyses before it starts. */
const OPEN_FILES_FIRST_MS = 3000;

/**
 * Scan workers in the editor: one core is left to the open files' analysis and to this thread,
 * so a scan never slows what the user is looking at, and at most three (each holds an engine,
 * about 90 MB) so the editor's memory stays bounded. The CLI uses every core.
 */
const SCAN_WORKERS = Math.min(3, Math.max(1, os.availableParallelism() - 1));

export class WorkspaceScanner {
  private generation = 0;
  private filesExclude = new Map<string, string[]>();
  /** Worker threads shared by scans: the server's own thread never analyses the workspace. */
  private readonly pool: WorkerPool = { workers: [] };
  private poolTimer: NodeJS.Timeout | undefined;

  constructor(private readonly service: GuardrailService) {}

  private async loadFilesExclude(): Promise<void> {
    this.filesExclude.clear();
    for (const folder of this.service.folders) {
      const globs: string[] = [];
      try {
        const files = (await this.service.connection.workspace.getConfiguration({ scopeUri: URI.file(folder).toString(), section: 'files' })) as unknown;
        const exclude = isRecord(files) && isRecord(files.exclude) ? files.exclude : {};
        for (const [glob, on] of Object.entries(exclude)) {
          if (on !== true) continue;
          const problem = globProblem(glob) ?? globProblem(`${glob}/**`);
          if (problem) this.service.log(`files.exclude: pattern ${quoteGlob(glob)} ${problem}; left out`);
          else globs.push(glob, `${glob}/**`);
        }
      } catch {
        // clients without workspace/configuration: only our own excludes apply
      }
      this.filesExclude.set(folder, globs);
    }
  }

  private filters(folder: string): { isExcluded: (rel: string) => boolean; isTestCode?: (rel: string) => boolean } {
    const settings = this.service.settingsFor(path.join(folder, 'x'));
    return walkFilters(settings, this.filesExclude.get(folder) ?? []);
  }

  private excluded(folder: string): (rel: string) => boolean {
    const { isExcluded, isTestCode } = this.filters(folder);
    return (rel) => isExcluded(rel) || (isTestCode?.(rel) ?? false);
  }

  /** Scans all folders; a newer scan cancels an older one. */
  async scanAll(): Promise<void> {
    const service = this.service;
    const generation = ++this.generation;
    service.index.scanning = true;
    service.index.scanProgress = 0;
    service.notifyResultsChanged();
    if (this.poolTimer) clearTimeout(this.poolTimer);
    await service.ready;
    await service.openDocumentsAnalysed(OPEN_FILES_FIRST_MS);
    if (generation !== this.generation) return;
    await this.loadFilesExclude();
    const progress = await service.connection.window.createWorkDoneProgress().catch(() => undefined);
    const started = performance.now();
    let cancelled = false;
    const isCancelled = () => cancelled || generation !== this.generation || progress?.token.isCancellationRequested === true;
    progress?.token.onCancellationRequested(() => {
      cancelled = true;
    });
    service.index.scanning = true;
    service.notifyResultsChanged();
    try {
      const files: { folder: string; file: string }[] = [];
      for (const folder of service.folders) {
        // In a worker: a large tree takes a while to walk, and this thread answers the editor.
        const listed = await listFolder({ folder, settings: service.settingsFor(path.join(folder, 'x')), extraGlobs: this.filesExclude.get(folder) ?? [] });
        if (generation !== this.generation) return;
        for (const message of listed.warnings) service.log(`workspace scan: ${message}`);
        for (const file of listed.files) files.push({ folder, file });
      }
      // The first file the user opens should find its language's rules compiled.
      for (const language of languagesByCount(files.map((f) => f.file))) service.warmUp(language);
      service.index.filesTotal = files.length;
      service.index.version++;
      service.notifyResultsChanged();
      progress?.begin('AI Guardrails: scanning workspace', 0, `0/${files.length} files`, true);
      // Files that disappeared since the last scan.
      const wanted = new Set(files.map((f) => URI.file(f.file).toString()));
      for (const e of service.index.all()) if (!e.open && !wanted.has(e.uri)) service.index.delete(e.uri);
      let lastReport = 0;
      let wrappersChanged = false;
      const root = findPackageRoot(__dirname);
      for (const folder of service.folders) {
        const settings = service.settingsFor(path.join(folder, 'x'));
        if (!settings.enable) continue;
        const mine = files.filter((f) => f.folder === folder).map((f) => f.file);
        const scannedBefore = service.index.scanProgress;
        const { scanned: results, wrappers } = await scanProject(mine, {
          root,
          maxBytes: settings.maxFileSizeKb * 1024,
          categories: enabledCategories(settings),
          ...(settings.auditFindings ? { auditFindings: true } : {}),
          ...(settings.includeTests ? { includeGenerated: true } : {}),
          offThread: true,
          workers: SCAN_WORKERS,
          pool: this.pool,
          isCancelled,
          onProgress: (done, total) => {
            const now = Date.now();
            if (now - lastReport > 250 || done === total) {
              lastReport = now;
              progress?.report(Math.round((done / Math.max(1, total)) * 100), `${done}/${total} files`);
              // The sidebar shows the count too (the progress notification may be hidden).
              service.index.scanProgress = scannedBefore + done;
              service.index.version++;
              service.notifyResultsChanged();
            }
          },
        });
        if (generation !== this.generation) return;
        if (service.setWrappers(folder, wrappers)) wrappersChanged = true;
        for (const r of results) {
          const uri = URI.file(r.file).toString();
          if (service.isOpen(uri)) continue; // open editors are analyzed on their own
          service.index.set({ uri, folder, relPath: service.relPathOf(r.file), language: r.language, regions: r.regions, findings: r.findings, open: false });
        }
      }
      // Open documents see the project's wrappers once the scan has found them.
      if (wrappersChanged && generation === this.generation) service.analyzeOpenDocuments();
      service.log(
        `workspace scan: ${service.index.size} files in ${((performance.now() - started) / 1000).toFixed(2)} s${isCancelled() ? ' (cancelled)' : ''}`,
      );
    } catch (err) {
      service.connection.console.error(`workspace scan failed: ${(err as Error).stack ?? String(err)}`);
    } finally {
      if (generation === this.generation) {
        service.index.scanning = false;
        if (this.poolTimer) clearTimeout(this.poolTimer);
        this.poolTimer = setTimeout(() => void closePool(this.pool), POOL_IDLE_MS);
        this.poolTimer.unref();
      }
      progress?.done();
      service.notifyResultsChanged();
    }
  }

  /** Re-analyzes one file from disk (not open in an editor), in the analysis worker. */
  async rescanFile(fsPath: string): Promise<void> {
    const service = this.service;
    const uri = URI.file(fsPath).toString();
    if (service.isOpen(uri)) return;
    const folder = service.folderOf(fsPath);
    if (!folder || !languageForPath(fsPath) || !resolvesInside(folder, fsPath)) return;
    const rel = service.relPathOf(fsPath);
    if (this.excluded(folder)(rel)) return;
    let result;
    try {
      result = await service.analyzeFromDisk(fsPath);
    } catch (err) {
      service.connection.console.error(`re-analysing ${fsPath}: ${(err as Error).message}`);
      return;
    }
    // Opened in an editor meanwhile: its own analysis is what counts.
    if (service.isOpen(uri)) return;
    if (result.skipped?.reason === 'unreadable' && result.skipped.message.includes('ENOENT')) {
      service.index.delete(uri);
    } else {
      service.index.set({ uri, folder, relPath: rel, language: result.language, regions: result.regions, findings: result.findings, open: false });
      service.onIndexed?.(uri);
    }
    service.notifyResultsChanged();
  }

  /** Watched files: sources created/changed/deleted on disk, the ledger, the agent-edit journal and the team config. */
  filesChanged(changes: FileEvent[]): { settings: boolean } {
    const service = this.service;
    let settings = false;
    for (const change of changes) {
      const fsPath = URI.parse(change.uri).fsPath;
      if (fsPath.endsWith(path.join('.guardrails', 'config.json'))) {
        settings = true;
        continue;
      }
      if (isJournal(fsPath)) {
        journalChanged(service, fsPath);
        continue;
      }
      if (fsPath.endsWith(LEDGER_PATH)) {
        if (service.reviews.ledgerChangedOnDisk(service.folderOf(fsPath), fsPath)) service.reviewsChanged();
        continue;
      }
      if (change.type === FileChangeType.Deleted) {
        if (languageForPath(fsPath)) service.index.delete(change.uri);
        else service.index.deleteUnder(fsPath);
        service.notifyResultsChanged();
        continue;
      }
      if (languageForPath(fsPath)) void this.rescanFile(fsPath);
    }
    return { settings };
  }
}

/** The languages of these files, the most frequent first. */
export function languagesByCount(files: string[]): LanguageId[] {
  const counts = new Map<LanguageId, number>();
  for (const file of files) {
    const language = languageForPath(file);
    if (language) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([language]) => language);
}
