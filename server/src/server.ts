/**
 * The AI Guardrails language server: LSP wiring only. Runs over IPC inside VS Code and over
 * stdio (`ai-guardrails-lsp --stdio`) for other editors.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { findPackageRoot } from './engine/root';
import { GuardrailService } from './service';

const connection = createConnection(ProposedFeatures.all);
const service = new GuardrailService(connection, findPackageRoot(__dirname));

connection.onInitialize((params) => service.initialize(params));
connection.onInitialized(() => {
  void service.initialized();
});
connection.onDidChangeConfiguration((change) => {
  const settings = (change.settings as Record<string, unknown> | null | undefined)?.aiGuardrails;
  void service.reloadSettings(settings);
});
connection.onDidOpenTextDocument((p) => service.openDocument(p.textDocument.uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text));
connection.onDidChangeTextDocument((p) => {
  if (service.documents.change(p.textDocument.uri, p.textDocument.version, p.contentChanges)) service.schedule(p.textDocument.uri);
});
connection.onDidCloseTextDocument((p) => service.closeDocument(p.textDocument.uri));
connection.onHover((p) => service.hover(p.textDocument.uri, p.position));
connection.onDidChangeWatchedFiles((p) => {
  if (p.changes.some((c) => c.uri.endsWith('/.guardrails/config.json'))) void service.reloadSettings();
});

process.on('uncaughtException', (err) => {
  connection.console.error(`uncaught: ${err.stack ?? String(err)}`);
});

connection.listen();
