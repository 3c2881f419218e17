import * as path from 'path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CONFIG_SECTION } from '../../server/src/protocol';

export const DOCUMENT_SELECTOR = ['go', 'python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map(
  (language) => ({ language }),
);

/** Owns the LanguageClient: start, stop, restart, output channel. */
export class GuardrailClient implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly startedEmitter = new vscode.EventEmitter<LanguageClient>();
  /** Fires each time the server (re)starts, for features that register handlers on it. */
  readonly onDidStart = this.startedEmitter.event;

  constructor(readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('AI Guardrails', { log: true });
    this.disposables.push(
      this.output,
      this.startedEmitter,
      vscode.commands.registerCommand('aiGuardrails.restartServer', () => this.restart()),
      vscode.commands.registerCommand('aiGuardrails.showOutput', () => this.output.show()),
    );
  }

  async start(): Promise<void> {
    const serverModule = this.context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR.flatMap((s) => [
        { scheme: 'file', ...s },
        { scheme: 'untitled', ...s },
        { scheme: 'vscode-remote', ...s },
      ]),
      outputChannel: this.output,
      synchronize: {
        configurationSection: CONFIG_SECTION,
        fileEvents: vscode.workspace.createFileSystemWatcher('**/.guardrails/*.json'),
      },
      initializationOptions: { settings: vscode.workspace.getConfiguration(CONFIG_SECTION) },
    };
    this.client = new LanguageClient('aiGuardrails', 'AI Guardrails', serverOptions, clientOptions);
    await this.client.start();
    this.startedEmitter.fire(this.client);
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.isRunning()) await client.stop();
  }

  async restart(): Promise<void> {
    this.output.info('Restarting the AI Guardrails server');
    await this.stop();
    await this.start();
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables) d.dispose();
  }
}
