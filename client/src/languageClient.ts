import * as path from 'path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { ClientCommands } from '../../common/src/commands';
import { CONFIG_SECTION } from '../../common/src/protocol';
import { hideApiKeys } from './model/trace';
import { serverCommandMiddleware } from './serverCommands';

export const DOCUMENT_SELECTOR = ['go', 'python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map(
  (language) => ({ language }),
);

/**
 * The output channel for the LSP trace (`aiGuardrails.trace.server`), with the value of every
 * `"apiKey"` field replaced: the AI key travels in the params of `Requests.aiReview`.
 */
function scrubbingChannel(out: vscode.OutputChannel): vscode.OutputChannel {
  const scrub = hideApiKeys;
  return {
    name: out.name,
    append: (value) => out.append(scrub(value)),
    appendLine: (value) => out.appendLine(scrub(value)),
    replace: (value) => out.replace(scrub(value)),
    clear: () => out.clear(),
    show: (columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean) => out.show(typeof columnOrPreserveFocus === 'boolean' ? columnOrPreserveFocus : preserveFocus),
    hide: () => out.hide(),
    // The channel belongs to GuardrailClient, which disposes it.
    dispose: () => undefined,
  };
}

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
      vscode.commands.registerCommand(ClientCommands.restartServer, () => this.restart()),
      vscode.commands.registerCommand(ClientCommands.showOutput, () => this.output.show()),
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
      traceOutputChannel: scrubbingChannel(this.output),
      synchronize: {
        configurationSection: CONFIG_SECTION,
        fileEvents: [
          vscode.workspace.createFileSystemWatcher('**/.guardrails/*.json'),
          vscode.workspace.createFileSystemWatcher('**/*.{go,py,pyi,ts,tsx,mts,cts,js,jsx,mjs,cjs}'),
        ],
      },
      initializationOptions: { settings: vscode.workspace.getConfiguration(CONFIG_SECTION), clientCommands: [ClientCommands.askAi], watchesFiles: true },
      // Server commands that need the editor (client/src/serverCommands.ts): a reason prompt, a confirmation, the clipboard.
      middleware: { executeCommand: serverCommandMiddleware },
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
