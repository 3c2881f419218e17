/** What the VS Code suite's tests share: the extension, the workspace, waiting for results. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { CONFIG_SECTION, DIAGNOSTIC_SOURCE } from '../../../common/src/protocol';

export const EXTENSION_ID = 'ai-guardrails.ai-guardrails';
export const SOURCE = DIAGNOSTIC_SOURCE;
export const SECTION = CONFIG_SECTION;
/** The test-only command the client registers (naming contract with the sidebar/status bar work). */
export const TEST_STATE_COMMAND = 'aiGuardrails.test.getState';
export const VIEW_CONTAINER_ID = 'aiGuardrails';
export const TREE_VIEW_ID = 'aiGuardrails.regions';
export const ACTION_TITLES = {
  requestReview: 'Request human review',
  markReviewed: 'Mark as reviewed',
  suppress: 'Suppress with reason',
  copyMarkdown: 'Copy review request as Markdown',
} as const;

export interface TestState {
  treeItems: { label: string; description?: string; tooltip?: string }[];
  groupItems: { label: string; description?: string; tooltip?: string }[];
  statusBarText: string;
  scanning: boolean;
  bulkEditedRegionIds: string[];
  reportedEdits: string[];
}

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the fixture workspace open (test/vscode/workspace)');
  return folder;
}

export function fileUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...rel.split('/'));
}

export async function openFile(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value that is not undefined/false, or fails with `what`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    await sleep(150);
  }
  const detail = lastError instanceof Error ? `: last error ${lastError.message}` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** The diagnostic's category: LSP `code` is the category id. */
export function categoryOf(d: vscode.Diagnostic): string {
  const code = d.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return String(code);
}

/** Waits until our diagnostics for `uri` satisfy `ok` and returns them. */
export function waitForDiagnostics(uri: vscode.Uri, ok: (diags: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 30000): Promise<vscode.Diagnostic[]> {
  return waitFor(`${what} in ${path.basename(uri.path)} (have: ${describe(uri)})`, () => {
    const diags = ourDiagnostics(uri);
    return ok(diags) ? diags : undefined;
  }, timeoutMs).catch((err: Error) => {
    throw new Error(`${err.message}; now: ${describe(uri)}`);
  });
}

function describe(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  return JSON.stringify(all.map((d) => `${d.source}:${categoryOf(d)}@${d.range.start.line + 1}`));
}

export function hasCategory(category: string): (diags: vscode.Diagnostic[]) => boolean {
  return (diags) => diags.some((d) => categoryOf(d) === category);
}

export function byCategory(diags: vscode.Diagnostic[], category: string): vscode.Diagnostic {
  const d = diags.find((x) => categoryOf(x) === category);
  assert.ok(d, `no ${category} diagnostic among ${JSON.stringify(diags.map(categoryOf))}`);
  return d;
}

/** Opens a file and waits for the extension to be active and our diagnostics to include `category`. */
export async function openAndWait(rel: string, category: string): Promise<{ editor: vscode.TextEditor; diagnostics: vscode.Diagnostic[] }> {
  const editor = await openFile(rel);
  await waitFor('the extension to activate', () => extension().isActive, 60000);
  const diagnostics = await waitForDiagnostics(editor.document.uri, hasCategory(category), `a ${category} diagnostic`, 60000);
  return { editor, diagnostics };
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n---\n');
}

export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    undefined,
    10,
  );
  // Providers may answer with bare Commands; present those as actions that run the command.
  return (actions ?? []).map((a) => (typeof a.command === 'string' ? { title: a.title, command: a as vscode.Command } : (a as vscode.CodeAction)));
}

/** Does what choosing the action in the light-bulb menu does: apply its edit, then run its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `edit of "${action.title}" was not applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/**
 * Runs `run` (a command that opens an input box) and answers the box with the VS Code command
 * `answer` (e.g. 'workbench.action.closeQuickOpen' for Escape) until `run` finishes.
 */
export async function answerInput(run: () => Thenable<unknown>, answer: string, what: string): Promise<void> {
  let finished = false;
  const running = Promise.resolve(run()).then(() => {
    finished = true;
  });
  await waitFor(what, async () => {
    if (!finished) await vscode.commands.executeCommand(answer);
    return finished;
  });
  await running;
}

/** The review history of `rel` in the workspace's .guardrails/reviews.json, oldest first. */
export function ledgerStatuses(rel: string): string[] {
  const file = vscode.Uri.joinPath(workspaceFolder().uri, '.guardrails', 'reviews.json').fsPath;
  const data = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: { path: string; history: { status: string }[] }[] }) : { entries: [] };
  return data.entries.filter((e) => e.path === rel).flatMap((e) => e.history.map((h) => h.status));
}

/**
 * Writes `rel` as a Go file with one function, an HMAC ("crypto") region, and returns its URI.
 * Another `name` makes another fingerprint (an approval follows code that moves between files).
 */
export function writeHmacGo(rel: string, name = 'Tag'): vscode.Uri {
  const uri = fileUri(rel);
  const salt = name === 'Tag' ? '' : `\tmac.Write([]byte("${name}"))\n`;
  fs.writeFileSync(uri.fsPath, `package auth\n\nimport (\n\t"crypto/hmac"\n\t"crypto/sha256"\n)\n\nfunc ${name}(key, msg []byte) []byte {\n\tmac := hmac.New(sha256.New, key)\n${salt}\tmac.Write(msg)\n\treturn mac.Sum(nil)\n}\n`);
  return uri;
}

/** The command contributed for tests; fails with a clear message while it is not registered yet. */
export async function testState(): Promise<TestState> {
  const commands = await vscode.commands.getCommands(true);
  assert.ok(commands.includes(TEST_STATE_COMMAND), `command ${TEST_STATE_COMMAND} is not registered by the extension`);
  const state = await vscode.commands.executeCommand<TestState | undefined>(TEST_STATE_COMMAND);
  assert.ok(state, `${TEST_STATE_COMMAND} returned nothing`);
  return state;
}

export function treeText(state: TestState): string[] {
  return state.treeItems.map((i) => `${i.label} ${i.description ?? ''}`.trim());
}

/** Sets (or with `undefined` clears) a workspace-level `aiGuardrails.*` setting. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Workspace);
}
