/**
 * The AI Guardrails language server: LSP wiring only. Runs over IPC inside VS Code and over
 * stdio (`ai-guardrails-lsp --stdio`) for other editors.
 */
import { createConnection, ProposedFeatures, type FileEvent } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { aiContextFor } from './ai/lspContext';
import { aiPreview, aiReview } from './ai/lspReview';
import { findPackageRoot } from './engine/root';
import { AgentJournalWatcher } from './features/agentJournal';
import { BulkEditTracker } from './features/bulkEdits';
import { executeReviewCommand, provideCodeActions } from './features/reviewCommands';
import { Notifications, Requests } from '../../common/src/protocol';
import { GuardrailService } from './service';
import { WorkspaceScanner } from './workspaceScan';

const connection = createConnection(ProposedFeatures.all);
const service = new GuardrailService(connection, findPackageRoot(__dirname));
const scanner = new WorkspaceScanner(service);
const bulkEdits = new BulkEditTracker(service);
/** File events from the client's watchers, or from our own polling when it has none. */
const onFileEvents = (changes: FileEvent[]) => {
  if (scanner.filesChanged(changes).settings) void service.reloadSettings().then((changed) => (changed ? scanner.scanAll() : undefined));
};
const journal = new AgentJournalWatcher(service, onFileEvents);
service.onClosed = (uri) => {
  if (uri.startsWith('file:')) void scanner.rescanFile(URI.parse(uri).fsPath);
};
service.onIndexed = (uri) => bulkEdits.analyzed(uri);

connection.onInitialize((params) => service.initialize(params));
connection.onInitialized(() => {
  void service.initialized().then(() => {
    void journal.start(service.clientWatchesFiles, service.clientSendsFileEvents);
    return scanner.scanAll();
  });
});
connection.onDidChangeConfiguration((change) => {
  const settings = (change.settings as Record<string, unknown> | null | undefined)?.aiGuardrails;
  // Editor-only settings (decorations, edit detection) do not need a workspace rescan.
  void service.reloadSettings(settings).then((changed) => (changed ? scanner.scanAll() : undefined));
});
connection.onDidOpenTextDocument((p) => service.openDocument(p.textDocument.uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text));
connection.onDidChangeTextDocument((p) => service.changeDocument(p.textDocument.uri, p.textDocument.version, p.contentChanges));
connection.onDidCloseTextDocument((p) => service.closeDocument(p.textDocument.uri));
connection.onHover((p) => service.hover(p.textDocument.uri, p.position));
connection.onCodeAction((p) => provideCodeActions(service, p));
connection.onExecuteCommand((p) => executeReviewCommand(service, p));
// Any LSP client may send these: aiContext checks its params, preview and review report failures as an error outcome.
connection.onRequest(Requests.aiContext, (p) => aiContextFor(service, p));
connection.onRequest(Requests.aiPreview, (p) => aiPreview(p));
connection.onRequest(Requests.aiReview, (p, token) => aiReview(connection, p, token));
connection.onRequest(Requests.workspaceResults, () =>
  service.index.results((entry, region) => {
    const review = service.reviewOf(entry.uri, region);
    const mark = entry.folder ? service.reviews.bulkMark(entry.folder, entry.relPath, { ...region, suppressed: false }) : undefined;
    return { ...review, ...(mark ? { bulkAt: mark.at, bulkKind: mark.kind } : {}) };
  }),
);
connection.onRequest(Requests.rescan, async () => {
  await service.reloadSettings();
  await scanner.scanAll();
});
connection.onNotification(Notifications.bulkEdit, (p) => bulkEdits.received(p));
connection.onDidChangeWatchedFiles((p) => {
  onFileEvents(p.changes);
});

process.on('uncaughtException', (err) => {
  connection.console.error(`uncaught: ${err.stack ?? String(err)}`);
});

connection.listen();
