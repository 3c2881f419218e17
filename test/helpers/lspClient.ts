import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { pathToFileURL } from 'url';
import { REPO_ROOT } from './engine';

export interface ShownMessage {
  type: number;
  message: string;
}

/**
 * A real LSP client for tests: spawns the bundled server (`dist/server.js --stdio`) and speaks
 * JSON-RPC to it over its standard streams.
 */
export class TestLspClient {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics notification, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: ShownMessage[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  /** Capabilities the server registered dynamically (client/registerCapability). */
  readonly registrations: { id: string; method: string; registerOptions?: unknown }[] = [];
  private readonly waiters: { test: () => boolean; resolve: () => void }[] = [];
  /** What `workspace/configuration` answers for the `aiGuardrails` section. */
  settings: Record<string, unknown> = {};
  stderr = '';

  private constructor(readonly child: ChildProcess) {
    this.connection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    child.stderr!.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.published.push(p);
      this.poke();
    });
    this.connection.onNotification('window/showMessage', (p: ShownMessage) => {
      this.messages.push(p);
      this.poke();
    });
    this.connection.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      this.poke();
    });
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map(() => this.settings),
    );
    this.connection.onRequest('client/registerCapability', (p: { registrations: { id: string; method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      this.poke();
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/applyEdit', () => ({ applied: true }));
    this.connection.onRequest('window/showMessageRequest', (p: ShownMessage) => {
      this.messages.push(p);
      this.poke();
      return null;
    });
    this.connection.listen();
  }

  /** `command` runs another server build, e.g. an installed `ai-guardrails-lsp`. */
  /** `workspaceCapabilities` are added to the client's workspace capabilities (e.g. file watching). */
  static async start(
    workspace: string,
    options: { settings?: Record<string, unknown>; initializationOptions?: unknown; command?: string[]; workspaceCapabilities?: Record<string, unknown> } = {},
  ): Promise<TestLspClient> {
    const [exe, ...args] = options.command ?? [process.execPath, path.join(REPO_ROOT, 'dist', 'server.js'), '--stdio'];
    const child = spawn(exe!, args, { stdio: 'pipe' });
    const client = new TestLspClient(child);
    client.settings = options.settings ?? {};
    const uri = pathToFileURL(workspace).toString();
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(workspace) }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true, ...options.workspaceCapabilities },
        textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } },
        window: { workDoneProgress: true },
      },
      initializationOptions: options.initializationOptions,
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  private poke(): void {
    for (const w of [...this.waiters]) {
      if (w.test()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  /** Resolves when `test` holds (checked after every notification), rejects after `ms`. */
  waitFor(test: () => boolean, what: string, ms = 10000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr.slice(-2000)}`)), ms);
      this.waiters.push({ test, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }

  /** Waits for diagnostics of `uri` for document version `version` (or any version). */
  async diagnosticsFor(uri: string, version?: number, ms?: number): Promise<Diagnostic[]> {
    await this.waitFor(() => {
      const p = this.diagnostics.get(uri);
      return p !== undefined && (version === undefined || p.version === version);
    }, `diagnostics for ${uri} v${version ?? '*'}`, ms);
    return this.diagnostics.get(uri)!.diagnostics;
  }

  open(uri: string, languageId: string, text: string, version = 1): void {
    this.diagnostics.delete(uri);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: unknown[]): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** A method name or one of the typed `Requests` (the params stay untyped: tests send malformed ones too). */
  request<R>(method: string | { method: string }, params: unknown): Promise<R> {
    return this.connection.sendRequest(typeof method === 'string' ? method : method.method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const t = setTimeout(() => { this.child.kill('SIGKILL'); resolve(); }, 3000);
      this.child.once('exit', () => { clearTimeout(t); resolve(); });
    });
  }
}
