/**
 * The client's copy of the server's workspace results. Fetched with `Requests.workspaceResults`
 * when the server starts and again on every `Notifications.resultsChanged`; every view reads it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  Notifications,
  Requests,
  type FindingDto,
  type RegionDto,
  type WorkspaceResults,
} from '../../common/src/protocol';
import type { GuardrailClient } from './languageClient';

const EMPTY: WorkspaceResults = { version: -1, scanning: false, filesScanned: 0, filesTotal: 0, regions: [], findings: [] };

/** Notifications arrive in bursts while a scan runs; ask at most this often. */
const REFRESH_DELAY_MS = 150;

function isWorkspaceResults(value: unknown): value is WorkspaceResults {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<WorkspaceResults>;
  return typeof v.version === 'number' && Array.isArray(v.regions) && Array.isArray(v.findings);
}

/** URIs from the server and from VS Code can differ in escaping; compare them in VS Code's form. */
export function uriKey(uri: string | vscode.Uri): string {
  return typeof uri === 'string' ? vscode.Uri.parse(uri).toString() : uri.toString();
}

export class RegionStore implements vscode.Disposable {
  private current: WorkspaceResults = EMPTY;
  private regionsByUri = new Map<string, RegionDto[]>();
  private findingsByUri = new Map<string, FindingDto[]>();
  private client: LanguageClient | undefined;
  private generation = 0;
  private running: Promise<void> | undefined;
  private rerun = false;
  private timer: NodeJS.Timeout | undefined;
  private notification: vscode.Disposable | undefined;
  private reportedFailure = false;
  private readonly emitter = new vscode.EventEmitter<WorkspaceResults>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  readonly onDidChange = this.emitter.event;
  /** True once a first answer arrived from the server. */
  loaded = false;
  /** True when the last request failed (no server, or a server without the request). */
  failed = false;

  constructor(private readonly guardrails: GuardrailClient) {
    this.disposables.push(guardrails.onDidStart((client) => this.attach(client)));
    if (guardrails.client?.isRunning()) this.attach(guardrails.client);
  }

  get results(): WorkspaceResults {
    return this.current;
  }

  regionsFor(uri: string | vscode.Uri): readonly RegionDto[] {
    return this.regionsByUri.get(uriKey(uri)) ?? [];
  }

  findingsFor(uri: string | vscode.Uri): readonly FindingDto[] {
    return this.findingsByUri.get(uriKey(uri)) ?? [];
  }

  region(uri: string | vscode.Uri, regionId: string): RegionDto | undefined {
    return this.regionsFor(uri).find((r) => r.id === regionId);
  }

  /** Asks the server for the current results. Concurrent calls share one request loop. */
  refresh(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.rerun = false;
          await this.fetchOnce();
        } while (this.rerun);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private attach(client: LanguageClient): void {
    this.client = client;
    this.generation++;
    this.notification?.dispose();
    this.notification = client.onNotification(Notifications.resultsChanged, (params: { version?: number } | undefined) => {
      if (params?.version !== undefined && params.version === this.current.version) return;
      this.scheduleRefresh();
    });
    void this.refresh();
  }

  private scheduleRefresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  private async fetchOnce(): Promise<void> {
    const client = this.client;
    if (!client?.isRunning()) return;
    const generation = this.generation;
    try {
      const result: unknown = await client.sendRequest(Requests.workspaceResults);
      if (generation !== this.generation) return; // the server restarted meanwhile
      if (!isWorkspaceResults(result)) throw new Error('malformed workspace results');
      this.failed = false;
      this.reportedFailure = false;
      this.set(result);
    } catch (err) {
      if (generation !== this.generation || !client.isRunning()) return;
      this.failed = true;
      if (!this.reportedFailure) {
        this.reportedFailure = true;
        this.guardrails.output.warn(`Could not get workspace results: ${err instanceof Error ? err.message : String(err)}`);
      }
      this.emitter.fire(this.current);
    }
  }

  private set(results: WorkspaceResults): void {
    this.current = results;
    this.loaded = true;
    this.regionsByUri = groupByUri(results.regions);
    this.findingsByUri = groupByUri(results.findings);
    this.emitter.fire(results);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.notification?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function groupByUri<T extends { uri: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = uriKey(item.uri);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}
