/**
 * "Ask AI for a second opinion" on a guardrail region, through any OpenAI-compatible endpoint.
 * The light-bulb action comes from the server's code actions (the client announces
 * `aiGuardrails.askAi` in its initialization options); it calls `aiGuardrails.askAi(uri, position)`.
 *
 * Safety rules, in order: off by default (`aiGuardrails.ai.enable`); refused in untrusted
 * workspaces; the first use per workspace asks for consent naming the endpoint (asked again when
 * the endpoint changes); the key lives in SecretStorage per endpoint origin and goes to the server
 * with each review request only. The language server builds the redacted context, the preview
 * and the request, and talks to the endpoint (`Requests.aiContext`, `aiPreview`, `aiReview`), so
 * the preview shows exactly what is sent. The answer is advice: it streams back
 * (`Notifications.aiReviewProgress`) into a panel and becomes "AI advisory" diagnostics, cleared
 * when the region changes, and it never touches review status.
 */
import * as vscode from 'vscode';
import {
  AiError,
  aiErrorFromData,
  describeRedactions,
  endpointConfig,
  isLoopbackUrl,
  parseBaseUrl,
  resolveEndpoint,
  type AiContext,
  type AiContextParams,
  type AiContextResult,
  type AiEndpointSettings,
  type AiFinding,
  type AiReviewProgressParams,
} from '../../common/src/ai';
import { ClientCommands, TestCommands } from '../../common/src/commands';
import { Notifications, Requests } from '../../common/src/protocol';
import { aiSettings, type AiSettings } from './config';
import type { GuardrailClient } from './languageClient';
import { applyChanges, type TrackedLines } from './model/aiTrack';

export const AI_DIAGNOSTIC_SOURCE = 'ai-guardrails (AI advisory)';
const CONSENT_KEY = 'aiGuardrails.ai.consent';
const SECRET_PREFIX = 'aiGuardrails.ai.apiKey:';
const PREVIEW_SCHEME = 'ai-guardrails-preview';

/** What the server needs to know about the endpoint (the key travels separately, per review). */
function endpointOf(s: AiSettings): AiEndpointSettings {
  return {
    baseUrl: s.baseUrl,
    model: s.model,
    provider: s.provider,
    azureApiVersion: s.azureApiVersion,
    azureDeployment: s.azureDeployment,
    timeoutMs: Math.round(s.timeoutSeconds * 1000),
  };
}

/** Keys are stored per origin, so a changed base URL never receives another endpoint's key. */
function secretName(baseUrl: string): string {
  return `${SECRET_PREFIX}${parseBaseUrl(baseUrl).origin}`;
}

interface Target {
  uri: vscode.Uri;
  position: vscode.Position;
}

function isPositionLike(v: unknown): v is { line: number; character?: number } {
  return typeof v === 'object' && v !== null && Number.isInteger((v as { line?: unknown }).line);
}

function resolveTarget(uriArg: unknown, positionArg: unknown): Target | undefined {
  if (uriArg !== undefined && uriArg !== null) {
    const uri = uriArg instanceof vscode.Uri ? uriArg : typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : undefined;
    if (!uri) return undefined;
    const pos = isPositionLike(positionArg) ? new vscode.Position(positionArg.line, positionArg.character ?? 0) : undefined;
    if (pos) return { uri, position: pos };
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.uri.toString() === uri.toString()) return { uri, position: editor.selection.active };
    return undefined;
  }
  const editor = vscode.window.activeTextEditor;
  return editor ? { uri: editor.document.uri, position: editor.selection.active } : undefined;
}

function severityOf(f: AiFinding): vscode.DiagnosticSeverity {
  // Advice never blocks: at most a warning.
  return f.severity === 'P2' ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Warning;
}

interface Tracker {
  regionId: string;
  /** 0-based first line of the region when the context was built (the model's line numbers refer to it). */
  originalStart: number;
  lines: TrackedLines;
  diagnostics: vscode.Diagnostic[];
  /** False once the region changed: results arriving later are not shown as diagnostics. */
  valid: boolean;
}

/** AI advisory diagnostics per document, shifted with edits above and cleared by edits to the region. */
class AdvisoryDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('aiGuardrails.aiAdvisory');
  private readonly trackers = new Map<string, Tracker[]>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri.toString())),
    );
  }

  /** Starts tracking a region before the request goes out, so edits during it count. */
  track(uri: string, context: AiContext): Tracker {
    const list = (this.trackers.get(uri) ?? []).filter((t) => t.regionId !== context.regionId);
    const tracker: Tracker = {
      regionId: context.regionId,
      originalStart: context.startLine - 1,
      lines: { start: context.startLine - 1, end: context.endLine - 1 },
      diagnostics: [],
      valid: true,
    };
    list.push(tracker);
    this.trackers.set(uri, list);
    this.publish(uri);
    return tracker;
  }

  show(uri: string, tracker: Tracker, findings: AiFinding[], model: string): void {
    if (!tracker.valid) return;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    // Edits above the region while waiting moved it: move the findings with it.
    const shift = tracker.lines.start - tracker.originalStart;
    tracker.diagnostics = findings.map((f) => {
      let line = f.line - 1 + shift;
      if (doc && (line < 0 || line >= doc.lineCount)) line = tracker.lines.start;
      const text = doc?.lineAt(line).text ?? '';
      const first = Math.max(0, text.search(/\S/));
      const range = new vscode.Range(line, first, line, Math.max(first, text.length));
      const d = new vscode.Diagnostic(range, `[${f.severity}] ${f.message} (AI advisory from ${model}; not a review)`, severityOf(f));
      d.source = AI_DIAGNOSTIC_SOURCE;
      d.code = f.severity;
      return d;
    });
    this.publish(uri);
  }

  private publish(uri: string): void {
    const list = this.trackers.get(uri) ?? [];
    const all = list.flatMap((t) => t.diagnostics);
    if (all.length === 0) this.collection.delete(vscode.Uri.parse(uri));
    else this.collection.set(vscode.Uri.parse(uri), all);
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const uri = e.document.uri.toString();
    const list = this.trackers.get(uri);
    if (!list || e.contentChanges.length === 0) return;
    const changes = e.contentChanges.map((c) => ({ startLine: c.range.start.line, endLine: c.range.end.line, text: c.text }));
    const kept: Tracker[] = [];
    for (const t of list) {
      const moved = applyChanges(t.lines, changes);
      if (!moved) {
        t.valid = false; // the region changed: the opinion no longer applies
        continue;
      }
      if (moved.delta !== 0) {
        t.lines = moved.lines;
        t.diagnostics = t.diagnostics.map((d) => {
          const r = d.range;
          const nd = new vscode.Diagnostic(new vscode.Range(r.start.line + moved.delta, r.start.character, r.end.line + moved.delta, r.end.character), d.message, d.severity);
          nd.source = d.source;
          nd.code = d.code;
          return nd;
        });
      }
      kept.push(t);
    }
    if (kept.length === 0) this.trackers.delete(uri);
    else this.trackers.set(uri, kept);
    this.publish(uri);
  }

  clear(uri: string): void {
    for (const t of this.trackers.get(uri) ?? []) t.valid = false;
    this.trackers.delete(uri);
    this.collection.delete(vscode.Uri.parse(uri));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** What the panel shows; sent whole on every update (the webview may load late). */
interface PanelState {
  title: string;
  subtitle: string;
  status: 'running' | 'done' | 'error' | 'cancelled';
  statusText: string;
  answer: string;
  findings: AiFinding[];
  path: string;
  notes: string[];
}

class AiPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private state: PanelState | undefined;
  private target: vscode.Uri | undefined;
  private pending = false;

  start(state: PanelState, target: vscode.Uri): void {
    this.state = state;
    this.target = target;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('aiGuardrails.aiSecondOpinion', 'AI Second Opinion', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
      this.panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m));
      this.panel.webview.html = panelHtml();
    } else {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    this.post();
  }

  update(change: Partial<PanelState>): void {
    if (!this.state) return;
    this.state = { ...this.state, ...change };
    // Coalesce bursts of stream deltas into one message per tick.
    if (this.pending) return;
    this.pending = true;
    setTimeout(() => {
      this.pending = false;
      this.post();
    }, 30);
  }

  get current(): PanelState | undefined {
    return this.state;
  }

  private post(): void {
    if (this.panel && this.state) void this.panel.webview.postMessage({ type: 'state', state: this.state });
  }

  private onMessage(m: unknown): void {
    if (typeof m !== 'object' || m === null) return;
    const msg = m as { type?: unknown; line?: unknown };
    if (msg.type === 'ready') this.post();
    if (msg.type === 'reveal' && typeof msg.line === 'number' && this.target) {
      const line = Math.max(0, msg.line - 1);
      void vscode.window.showTextDocument(this.target, { selection: new vscode.Range(line, 0, line, 0), viewColumn: vscode.ViewColumn.One });
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}

/** Static page; all model text is inserted with textContent, never as HTML. */
function panelHtml(): string {
  const n = nonce();
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style>
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1em; }
.banner { border-left: 3px solid var(--vscode-editorWarning-foreground); padding: .4em .8em; margin: .8em 0; background: var(--vscode-textBlockQuote-background); }
.sub { opacity: .8; }
.status { margin: .6em 0; font-style: italic; }
.status.error { color: var(--vscode-errorForeground); font-style: normal; }
ul { padding-left: 1.2em; }
li { margin: .3em 0; cursor: pointer; }
.sev { font-weight: bold; padding: 0 .3em; border-radius: 3px; margin-right: .4em; }
.P0 { background: var(--vscode-inputValidation-errorBackground); }
.P1 { background: var(--vscode-inputValidation-warningBackground); }
.P2 { background: var(--vscode-inputValidation-infoBackground); }
pre { white-space: pre-wrap; background: var(--vscode-textCodeBlock-background); padding: .6em; }
</style></head>
<body>
<h2 id="title">AI second opinion</h2>
<div class="sub" id="subtitle"></div>
<div class="banner">Advice from a model, not a review: it never approves a region or changes its review status. A human reviewer decides.</div>
<div class="status" id="status"></div>
<h3>Findings</h3>
<ul id="findings"></ul>
<div id="notes"></div>
<details open><summary>Answer as it arrives</summary><pre id="answer"></pre></details>
<script nonce="${n}">
const vscode = acquireVsCodeApi();
const $ = (id) => document.getElementById(id);
window.addEventListener('message', (event) => {
  const m = event.data;
  if (!m || m.type !== 'state') return;
  const s = m.state;
  $('title').textContent = s.title;
  $('subtitle').textContent = s.subtitle;
  $('status').textContent = s.statusText;
  $('status').className = 'status' + (s.status === 'error' ? ' error' : '');
  $('answer').textContent = s.answer;
  const ul = $('findings');
  ul.replaceChildren();
  for (const f of s.findings) {
    const li = document.createElement('li');
    const sev = document.createElement('span');
    sev.className = 'sev ' + f.severity;
    sev.textContent = f.severity;
    li.append(sev, document.createTextNode(s.path + ':' + f.line + ' — ' + f.message));
    li.addEventListener('click', () => vscode.postMessage({ type: 'reveal', line: f.line }));
    ul.append(li);
  }
  if (s.findings.length === 0) {
    const li = document.createElement('li');
    li.textContent = s.status === 'running' ? 'waiting for findings…' : 'no findings reported';
    ul.append(li);
  }
  const notes = $('notes');
  notes.replaceChildren(...s.notes.map((t) => { const p = document.createElement('p'); p.textContent = t; return p; }));
});
vscode.postMessage({ type: 'ready' });
</script>
</body></html>`;
}

/** Read-only documents for the request preview. */
class PreviewProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private count = 0;

  add(content: string): vscode.Uri {
    const uri = vscode.Uri.parse(`${PREVIEW_SCHEME}:/ai-request-${++this.count}.jsonc`);
    this.contents.set(uri.toString(), content);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }
}

/** Shows a running review's streamed progress (`Notifications.aiReviewProgress`) in the panel and the notification. */
function showProgress(panel: AiPanel, progress: vscode.Progress<{ message?: string }>): (p: AiReviewProgressParams) => void {
  let answer = '';
  const streamed: AiFinding[] = [];
  return (p) => {
    if (p.delta !== undefined) {
      answer += p.delta;
      panel.update({ answer, statusText: 'Receiving…' });
    }
    if (p.finding) {
      streamed.push(p.finding);
      panel.update({ findings: [...streamed] });
      progress.report({ message: `${streamed.length} finding(s) so far…` });
    }
    if (p.retry) {
      const text = p.retry.reason === 'rate-limited' ? `rate limited; retrying once in ${Math.ceil(p.retry.delayMs / 1000)}s…` : 'the endpoint refused structured output; retrying with plain text…';
      progress.report({ message: text });
      panel.update({ statusText: text });
    }
  };
}

const ERROR_TITLES: Record<string, string> = {
  config: 'configuration',
  auth: 'API key rejected',
  forbidden: 'access denied',
  'model-not-found': 'model not found',
  'rate-limited': 'rate limited',
  'bad-request': 'request rejected',
  server: 'endpoint error',
  unreachable: 'endpoint unreachable',
  timeout: 'timed out',
  malformed: 'unreadable answer',
  cancelled: 'cancelled',
};

/** The endpoint consent is given for: the POST URL without its query. */
function consentEndpoint(s: AiSettings): string {
  return resolveEndpoint(endpointConfig(endpointOf(s), undefined), s.model).url.replace(/\?.*$/, '');
}

async function keyFor(context: vscode.ExtensionContext, s: AiSettings): Promise<string | undefined> {
  return context.secrets.get(secretName(s.baseUrl));
}

async function setKey(context: vscode.ExtensionContext): Promise<boolean> {
  const s = aiSettings();
  let origin: string;
  try {
    origin = parseBaseUrl(s.baseUrl).origin;
  } catch (err) {
    void vscode.window.showErrorMessage(`AI Guardrails: ${(err as Error).message}`);
    return false;
  }
  const key = await vscode.window.showInputBox({
    title: 'AI Guardrails: API key',
    prompt: `API key for ${origin}. Stored in VS Code's secret storage for this origin only, never in settings.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim().length === 0 ? 'Enter a key (any text for local servers such as Ollama)' : undefined),
  });
  if (!key) return false;
  await context.secrets.store(secretName(s.baseUrl), key.trim());
  void vscode.window.showInformationMessage(`AI Guardrails: API key stored for ${origin}.`);
  return true;
}

async function clearKey(context: vscode.ExtensionContext): Promise<void> {
  const s = aiSettings();
  try {
    await context.secrets.delete(secretName(s.baseUrl));
    void vscode.window.showInformationMessage(`AI Guardrails: API key for ${parseBaseUrl(s.baseUrl).origin} removed.`);
  } catch (err) {
    void vscode.window.showErrorMessage(`AI Guardrails: ${(err as Error).message}`);
  }
}

/** The region's redacted context from the server; null when no region covers the position, undefined when the server is down. */
async function fetchContext(guardrails: GuardrailClient, target: Target): Promise<AiContextResult | null | undefined> {
  const client = guardrails.client;
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('AI Guardrails: the language server is not running.');
    return undefined;
  }
  const params: AiContextParams = { uri: target.uri.toString(), position: { line: target.position.line, character: target.position.character } };
  const result = await client.sendRequest(Requests.aiContext, params);
  if (!result) void vscode.window.showInformationMessage('AI Guardrails: there is no guardrail region at this position.');
  return result;
}

function noTargetMessage(): undefined {
  void vscode.window.showInformationMessage('AI Guardrails: open a file and put the cursor in a guardrail region.');
  return undefined;
}

/** What "Ask AI" checks before anything is fetched: trust, the setting, a target, a valid base URL. */
function askAiPreconditions(uriArg: unknown, positionArg: unknown): { s: AiSettings; target: Target; baseUrl: URL } | undefined {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('AI Guardrails: the AI second opinion is disabled in untrusted workspaces. Trust the workspace to use it.');
    return undefined;
  }
  const s = aiSettings();
  if (!s.enable) {
    void vscode.window
      .showInformationMessage('AI Guardrails: the AI second opinion is off. Turn on "aiGuardrails.ai.enable" and choose an endpoint first.', 'Open Settings')
      .then((open) => (open ? vscode.commands.executeCommand('workbench.action.openSettings', 'aiGuardrails.ai') : undefined));
    return undefined;
  }
  const target = resolveTarget(uriArg, positionArg);
  if (!target) return noTargetMessage();
  try {
    return { s, target, baseUrl: parseBaseUrl(s.baseUrl) };
  } catch (err) {
    void vscode.window.showErrorMessage(`AI Guardrails: ${(err as Error).message}`);
    return undefined;
  }
}

/** Consent once per workspace, naming the endpoint; asked again when the endpoint changes. */
async function consent(context: vscode.ExtensionContext, s: AiSettings, ctx: AiContext, showPreview: () => Promise<unknown>): Promise<boolean> {
  const endpoint = consentEndpoint(s);
  const stored = context.workspaceState.get<{ endpoint?: string }>(CONSENT_KEY);
  if (stored?.endpoint === endpoint) return true;
  const choice = await vscode.window.showWarningMessage(
    `Send code from this workspace to ${endpoint} for an AI second opinion?`,
    {
      modal: true,
      detail:
        `AI Guardrails will send ${ctx.symbol} (${ctx.path}:${ctx.startLine}-${ctx.endLine}) with its imports and enclosing type to ${endpoint} (model ${s.model}). ` +
        `String literals that are not obviously code (secrets above all) are replaced by placeholders first: ${describeRedactions(ctx.redactions)} ` +
        'The answer is advice only and never changes review status. You will be asked again if the endpoint changes.',
    },
    'Send',
    'Preview Request',
  );
  if (choice === 'Preview Request') {
    await showPreview();
    return false;
  }
  if (choice !== 'Send') return false;
  await context.workspaceState.update(CONSENT_KEY, { endpoint, at: new Date().toISOString() });
  return true;
}

/** The panel's first state for a review of `ctx`. */
function runningPanelState(ctx: AiContext, s: AiSettings, endpoint: string): PanelState {
  return {
    title: `AI second opinion: ${ctx.symbol}`,
    subtitle: `${ctx.path}:${ctx.startLine}-${ctx.endLine} · ${ctx.categories.join(', ')} · ${s.model} at ${endpoint}`,
    status: 'running',
    statusText: 'Waiting for the model…',
    answer: '',
    findings: [],
    path: ctx.path,
    notes: ctx.redactions.length > 0 ? [`Before sending: ${describeRedactions(ctx.redactions)}`] : [],
  };
}

/** Shows a failed review in the panel, the log and an error message with the actions that can fix it. */
function reportFailure(context: vscode.ExtensionContext, guardrails: GuardrailClient, panel: AiPanel, e: AiError): void {
  const title = ERROR_TITLES[e.kind] ?? e.kind;
  panel.update({ status: 'error', statusText: `Failed (${title}): ${e.message}` });
  guardrails.output.warn(`AI second opinion failed (${e.kind}): ${e.message}`);
  const actions: string[] = [];
  if (e.kind === 'auth' || e.kind === 'forbidden' || e.kind === 'config') actions.push('Set API Key');
  if (e.kind !== 'rate-limited' && e.kind !== 'server') actions.push('Open Settings');
  void vscode.window.showErrorMessage(`AI second opinion failed (${title}): ${e.message}`, ...actions).then(async (choice) => {
    if (choice === 'Set API Key') await setKey(context);
    if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'aiGuardrails.ai');
  });
}

/**
 * Integration tests cannot answer the modal consent dialog: only under the test runner may they
 * record consent for the configured endpoint directly.
 */
function testConsentCommands(context: vscode.ExtensionContext): vscode.Disposable[] {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return [];
  return [
    vscode.commands.registerCommand(TestCommands.grantAiConsent, async () => {
      const endpoint = consentEndpoint(aiSettings());
      await context.workspaceState.update(CONSENT_KEY, { endpoint, at: new Date().toISOString() });
      return endpoint;
    }),
    vscode.commands.registerCommand(TestCommands.revokeAiConsent, () => context.workspaceState.update(CONSENT_KEY, undefined)),
  ];
}

export function registerAiReview(context: vscode.ExtensionContext, guardrails: GuardrailClient): vscode.Disposable {
  const diagnostics = new AdvisoryDiagnostics();
  const panel = new AiPanel();
  const previews = new PreviewProvider();
  let running: AbortController | undefined;
  let reviews = 0;
  /** Progress of the running review, by review id (one handler per server start). */
  const progressHandlers = new Map<string, (p: AiReviewProgressParams) => void>();
  let progressSubscription: vscode.Disposable | undefined;
  const started = guardrails.onDidStart((client) => {
    progressSubscription?.dispose();
    progressSubscription = client.onNotification(Notifications.aiReviewProgress, (p) => progressHandlers.get(p.reviewId)?.(p));
  });

  async function preview(uriArg?: unknown, positionArg?: unknown): Promise<vscode.Uri | undefined> {
    const target = resolveTarget(uriArg, positionArg);
    if (!target) return noTargetMessage();
    const result = await fetchContext(guardrails, target);
    if (!result) return undefined;
    const s = aiSettings();
    const keySet = Boolean(await keyFor(context, s));
    const client = guardrails.client;
    if (!client?.isRunning()) return undefined;
    const built = await client.sendRequest(Requests.aiPreview, { context: result.context, endpoint: endpointOf(s), keySet });
    if ('error' in built) {
      void vscode.window.showErrorMessage(`AI Guardrails: ${built.error.message}`);
      return undefined;
    }
    const uri = previews.add(built.text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return uri;
  }

  /** The context to send once the key and consent are settled; undefined when the person stopped. */
  async function prepare(s: AiSettings, target: Target, baseUrl: URL): Promise<{ ctx: AiContext; apiKey: string | undefined } | undefined> {
    let result = await fetchContext(guardrails, target);
    if (!result) return undefined;
    let apiKey = await keyFor(context, s);
    if (!apiKey && !isLoopbackUrl(baseUrl)) {
      const set = await vscode.window.showWarningMessage(`AI Guardrails: no API key is set for ${baseUrl.origin}.`, 'Set API Key');
      if (set !== 'Set API Key' || !(await setKey(context))) return undefined;
      apiKey = await keyFor(context, s);
    }
    if (!(await consent(context, s, result.context, () => preview(target.uri, target.position)))) return undefined;
    // The document may have changed while a dialog was open: take the context of the current text.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri.toString());
    if (open && result.version !== undefined && open.version !== result.version) {
      result = await fetchContext(guardrails, target);
      if (!result) return undefined;
    }
    return { ctx: result.context, apiKey };
  }

  async function askAi(uriArg?: unknown, positionArg?: unknown): Promise<{ findings: AiFinding[]; model: string } | undefined> {
    const checked = askAiPreconditions(uriArg, positionArg);
    if (!checked) return undefined;
    const { s, target } = checked;
    const prepared = await prepare(s, target, checked.baseUrl);
    if (!prepared) return undefined;
    const { ctx, apiKey } = prepared;

    running?.abort();
    const controller = new AbortController();
    running = controller;
    const uri = target.uri.toString();
    const tracker = diagnostics.track(uri, ctx);
    const endpoint = consentEndpoint(s);
    guardrails.output.info(`AI second opinion: sending ${ctx.symbol} (${ctx.path}:${ctx.startLine}-${ctx.endLine}, ${ctx.redactions.length} redaction(s)) to ${endpoint}, model ${s.model}`);
    panel.start(runningPanelState(ctx, s, endpoint), target.uri);

    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `AI second opinion on ${ctx.symbol}`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        progress.report({ message: `asking ${s.model}…` });
        const reviewId = `review-${++reviews}`;
        progressHandlers.set(reviewId, showProgress(panel, progress));
        const cancel = new vscode.CancellationTokenSource();
        controller.signal.addEventListener('abort', () => cancel.cancel(), { once: true });
        try {
          const client = guardrails.client;
          if (!client?.isRunning()) throw new AiError('server', 'the language server is not running');
          const outcome = await client.sendRequest(Requests.aiReview, { reviewId, context: ctx, endpoint: endpointOf(s), ...(apiKey ? { apiKey } : {}) }, cancel.token);
          if (controller.signal.aborted) throw new AiError('cancelled', 'cancelled');
          // Undefined when the server stopped while the request was running.
          if (!outcome) throw new AiError('server', 'the language server stopped before the answer arrived');
          if ('error' in outcome) throw aiErrorFromData(outcome.error);
          const review = outcome.result;
          const stale = !tracker.valid;
          diagnostics.show(uri, tracker, review.findings, review.model);
          panel.update({
            status: 'done',
            answer: review.answer,
            findings: review.findings,
            statusText: `${review.findings.length} finding(s) from ${review.model}.${stale ? ' The region changed while waiting, so no diagnostics were added.' : ''}`,
          });
          return { findings: review.findings, model: review.model };
        } catch (err) {
          const e = controller.signal.aborted ? new AiError('cancelled', 'cancelled') : err instanceof AiError ? err : new AiError('server', err instanceof Error ? err.message : String(err));
          if (e.kind === 'cancelled') panel.update({ status: 'cancelled', statusText: 'Cancelled.' });
          else reportFailure(context, guardrails, panel, e);
          return undefined;
        } finally {
          progressHandlers.delete(reviewId);
          cancel.dispose();
          if (running === controller) running = undefined;
        }
      },
    );
  }

  return vscode.Disposable.from(
    diagnostics,
    panel,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.commands.registerCommand(ClientCommands.askAi, askAi),
    vscode.commands.registerCommand(ClientCommands.previewAiRequest, preview),
    vscode.commands.registerCommand(ClientCommands.setAiApiKey, () => setKey(context)),
    vscode.commands.registerCommand(ClientCommands.clearAiApiKey, () => clearKey(context)),
    { dispose: () => running?.abort() },
    started,
    { dispose: () => progressSubscription?.dispose() },
    ...testConsentCommands(context),
  );
}
