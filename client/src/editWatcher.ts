/**
 * Spots edits that look like AI or agent edits and tells the server (`Notifications.bulkEdit`),
 * which marks the guarded regions they touch until a human approves them again. The rules live
 * in model/editDetection.ts; docs/edit-detection.md explains them and what they cannot see.
 */
import * as vscode from 'vscode';
import { Notifications } from '../../common/src/protocol';
import { editDetectionSettings, onDidChangeSettings, type EditDetectionSettings } from './config';
import { DOCUMENT_SELECTOR, type GuardrailClient } from './languageClient';
import type { Span } from '../../common/src/span';
import { EditDetector, postEditSpans, type TextChange } from './model/editDetection';
import { WATCH_GLOB, isIgnoredPath } from './model/watchedFiles';

/** Pending notifications are sent this long after the first detected edit. */
const SEND_DELAY_MS = 300;
/** File events this soon after VS Code saved the file are VS Code's own write. */
const OWN_SAVE_MS = 3000;
const TRACKED_SCHEMES = new Set(['file', 'vscode-remote']);
const TRACKED_LANGUAGES = new Set(DOCUMENT_SELECTOR.map((s) => s.language));

function isTracked(document: vscode.TextDocument): boolean {
  return TRACKED_SCHEMES.has(document.uri.scheme) && TRACKED_LANGUAGES.has(document.languageId);
}

function toChange(c: vscode.TextDocumentContentChangeEvent): TextChange {
  return {
    range: {
      start: { line: c.range.start.line, character: c.range.start.character },
      end: { line: c.range.end.line, character: c.range.end.character },
    },
    text: c.text,
  };
}

export class EditWatcher implements vscode.Disposable {
  private readonly detector = new EditDetector();
  private settings: EditDetectionSettings = editDetectionSettings();
  private fileWatcher: vscode.FileSystemWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** URI → when VS Code last saved it, so our own writes are not taken for an agent's. */
  private readonly savedAt = new Map<string, number>();
  /** URI → when VS Code last started saving it (auto-save, format-on-save included). */
  private readonly savingAt = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly guardrails: GuardrailClient) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.onDidChangeTextDocument(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.detector.forget(d.uri.toString())),
      vscode.workspace.onDidSaveTextDocument((d) => this.savedAt.set(d.uri.toString(), Date.now())),
      vscode.workspace.onWillSaveTextDocument((e) => this.savingAt.set(e.document.uri.toString(), Date.now())),
      onDidChangeSettings('editDetection', () => {
        this.settings = editDetectionSettings();
        this.updateFileWatcher();
      }),
    );
    this.updateFileWatcher();
  }

  /** Sends what is pending now (the test hook calls this before reading state). */
  async flush(): Promise<void> {
    await Promise.all([...this.verifying]);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.detector.take();
    const client = this.guardrails.client;
    if (batch.length === 0 || !client?.isRunning()) return;
    for (const params of batch) {
      this.reported.push(`${params.kind} ${params.uri}`);
      if (this.reported.length > 200) this.reported.shift();
      const where = params.ranges.length === 0 ? 'whole file' : `${params.ranges.length} range(s)`;
      this.guardrails.output.info(`Detected ${params.kind} edit in ${vscode.Uri.parse(params.uri).fsPath} (${where})`);
      try {
        await client.sendNotification(Notifications.bulkEdit, params);
      } catch (err) {
        this.guardrails.output.warn(`Could not report ${params.kind} edit: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  private onDidChangeTextDocument(e: vscode.TextDocumentChangeEvent): void {
    if (!this.settings.enable || e.contentChanges.length === 0 || !isTracked(e.document)) return;
    const reason = e.reason;
    const undoRedo = reason === vscode.TextDocumentChangeReason.Undo || reason === vscode.TextDocumentChangeReason.Redo;
    const changes = e.contentChanges.map(toChange);
    const verdict = this.detector.onDidChange(
      e.document.uri.toString(),
      changes,
      { undoRedo, reloadedFromDisk: false, focusedEditor: vscode.window.state.focused && vscode.window.activeTextEditor?.document === e.document },
      this.settings,
      Date.now(),
    );
    if (verdict) this.schedule();
    // A change that leaves the document clean may be a reload from disk, or just a keystroke
    // whose dirty flag has not arrived yet: the file's content decides (verifyReload).
    if (!undoRedo && !e.document.isDirty) this.track(this.verifyReload(e.document, e.document.version, postEditSpans(changes), Date.now()));
  }

  /**
   * A reload from disk leaves the document equal to the file and was not VS Code's own save.
   * A keystroke (with or without auto-save) leaves the file behind the document until the save,
   * and the save itself is ours (onWillSave).
   */
  private async verifyReload(document: vscode.TextDocument, version: number, spans: Span[], at: number): Promise<void> {
    const key = document.uri.toString();
    let disk: string;
    try {
      disk = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(document.uri)).replace(/^\uFEFF/, '');
    } catch {
      return;
    }
    // A save that started after the change (auto-save right behind a keystroke) wrote the file
    // itself; saves before the change are irrelevant (a keystroke cannot make the file match).
    const saving = this.savingAt.get(key);
    const ownSave = saving !== undefined && saving >= at;
    if (ownSave || document.isClosed || document.version !== version || document.isDirty || disk !== document.getText()) return;
    this.detector.onReloadFromDisk(key, spans);
    this.schedule();
  }

  /** What was reported, for the test hook (bounded). */
  readonly reported: string[] = [];

  /** Verifications still running (the test hook waits for them before reading state). */
  private readonly verifying = new Set<Promise<void>>();

  private track(p: Promise<void>): void {
    this.verifying.add(p);
    void p.finally(() => this.verifying.delete(p));
  }

  /**
   * A supported file changed on disk. Open documents are skipped: VS Code reloads clean ones
   * (onDidChangeTextDocument sees that, with exact ranges) and keeps the editor's text for dirty
   * ones. So are files VS Code itself just saved (save, then close before the event arrives).
   */
  private onDidChangeFile(uri: vscode.Uri): void {
    if (!this.settings.enable || uri.scheme !== 'file') return;
    if (isIgnoredPath(vscode.workspace.asRelativePath(uri, false))) return;
    const key = uri.toString();
    const now = Date.now();
    for (const [saved, at] of this.savedAt) if (now - at > OWN_SAVE_MS) this.savedAt.delete(saved);
    if (this.savedAt.has(key)) return;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return;
    this.detector.onExternalFileChange(key);
    this.schedule();
  }

  private updateFileWatcher(): void {
    if (this.settings.enable && !this.fileWatcher) {
      // Creation and deletion are ignored: a new file's regions are unreviewed anyway.
      this.fileWatcher = vscode.workspace.createFileSystemWatcher(WATCH_GLOB, true, false, true);
      this.fileWatcher.onDidChange((uri) => this.onDidChangeFile(uri));
    } else if (!this.settings.enable && this.fileWatcher) {
      this.fileWatcher.dispose();
      this.fileWatcher = undefined;
    }
  }

  /** Throttled, not debounced: a long stream of edits is still reported while it runs. */
  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, SEND_DELAY_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.fileWatcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
