/**
 * Client commands: rescan, grouping, filter, and the review actions on a region, as a table of
 * small factories (`COMMANDS`) registered in one loop. The review actions run the server's
 * commands (`ServerCommands`) by the same route as the quick fixes (serverCommands.ts), so the
 * middleware's prompts apply to them too; the server owns the review ledger.
 *
 * Review commands accept a sidebar region node, a `RegionCommandTarget` (the CodeLens passes
 * one), `(uri, regionId[, note])` from code, or nothing (the region at the cursor). They ask for
 * an optional note only when a person invoked them (tree, CodeLens, palette), never when called
 * with `(uri, regionId)`, so scripts and tests do not block on an input box.
 */
import * as vscode from 'vscode';
import { CATEGORIES } from '../../common/src/categories';
import { ClientCommands, ServerCommands, type ServerCommandId } from '../../common/src/commands';
import { isRecord } from '../../common/src/json';
import { Requests, type RegionDto, type ReviewCommandArgs, type ReviewStatus } from '../../common/src/protocol';
import type { GuardrailClient } from './languageClient';
import { FILTER_LABELS, FILTER_VALUES, isRegionFilter, locationLabel, type RegionFilter } from './model/tree';
import { statusLabel } from './model/status';
import type { RegionStore } from './regionStore';
import { runServerCommand } from './serverCommands';
import { VIEW_ID, type GuardrailsSidebar } from './sidebar';
import { containsLine } from '../../common/src/ranges';

/** A region named by URI and id; `interactive` makes review commands ask for a note. */
export interface RegionCommandTarget {
  uri: string;
  regionId: string;
  /** Every region of one function the command applies to (the CodeLens of a unit). */
  regionIds?: string[];
  interactive?: boolean;
  note?: string;
}

interface ResolvedTarget {
  uri: string;
  regionId: string;
  regionIds?: string[];
  region: RegionDto | undefined;
  interactive: boolean;
  note?: string;
}

/** Reveal keeps the region's first line in view when the trigger is at most this far below it. */
const REVEAL_MAX_LINES = 30;

/** A scan that never reports its end must not keep a progress bar forever. */
const SCAN_WAIT_LIMIT_MS = 10 * 60 * 1000;

function isRegionDto(v: unknown): v is RegionDto {
  return isRecord(v) && typeof v.uri === 'string' && typeof v.id === 'string' && isRecord(v.span);
}

function toRange(span: RegionDto['span']): vscode.Range {
  return new vscode.Range(span.start.line, span.start.character, span.end.line, span.end.character);
}

/** What every command gets. */
interface CommandContext {
  guardrails: GuardrailClient;
  store: RegionStore;
  sidebar: GuardrailsSidebar;
}

/** One command: its id, and its body. */
interface CommandEntry {
  id: (typeof ClientCommands)[keyof typeof ClientCommands];
  /** When set, a failure becomes an error message naming the command instead of a rejected command. */
  name?: string;
  run: (ctx: CommandContext, ...args: unknown[]) => unknown;
}

// --- Which region a review command is about -------------------------------------------------

async function pickRegion(candidates: readonly RegionDto[], placeHolder: string): Promise<RegionDto | undefined> {
  if (candidates.length <= 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((r) => ({
      label: r.symbol,
      description: locationLabel(r),
      detail: `${CATEGORIES[r.category].title} · ${statusLabel(r)}`,
      region: r,
    })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.region;
}

/** The region at the cursor, or a pick from all regions when there is none. */
async function regionFromEditor(store: RegionStore): Promise<RegionDto | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const line = editor.selection.active.line;
    const here = store.regionsFor(editor.document.uri).filter((r) => containsLine(r.span, line));
    if (here.length > 0) return pickRegion(here, 'Several guarded regions cover the cursor: pick one');
  }
  if (store.results.regions.length === 0) {
    void vscode.window.showInformationMessage('AI Guardrails: no guarded regions in this workspace.');
    return undefined;
  }
  return pickRegion(store.results.regions, 'Pick a guarded region');
}

/** A `RegionCommandTarget` (the CodeLens passes one, code may too). */
function targetFromRecord(store: RegionStore, first: Record<string, unknown> & { uri: string; regionId: string }): ResolvedTarget {
  const region = store.region(first.uri, first.regionId);
  return {
    uri: region?.uri ?? first.uri,
    regionId: first.regionId,
    region,
    interactive: first.interactive === true,
    ...(Array.isArray(first.regionIds) ? { regionIds: first.regionIds.filter((id): id is string => typeof id === 'string') } : {}),
    ...(typeof first.note === 'string' ? { note: first.note } : {}),
  };
}

async function resolveTarget(store: RegionStore, args: readonly unknown[]): Promise<ResolvedTarget | undefined> {
  const [first, second, third] = args;
  if (isRecord(first) && first.kind === 'region' && isRegionDto(first.region)) {
    const region = first.region;
    return { uri: region.uri, regionId: region.id, region, interactive: true };
  }
  if (isRecord(first) && typeof first.uri === 'string' && typeof first.regionId === 'string') {
    return targetFromRecord(store, { ...first, uri: first.uri, regionId: first.regionId });
  }
  if ((typeof first === 'string' || first instanceof vscode.Uri) && typeof second === 'string') {
    const region = store.region(first, second);
    return {
      uri: region?.uri ?? first.toString(),
      regionId: second,
      region,
      interactive: false,
      ...(typeof third === 'string' ? { note: third } : {}),
    };
  }
  if (first === undefined) {
    const region = await regionFromEditor(store);
    return region ? { uri: region.uri, regionId: region.id, region, interactive: true } : undefined;
  }
  throw new Error('expected a region from the Guardrails view, or (uri, regionId)');
}

function describe(target: ResolvedTarget): string {
  return target.region ? `${CATEGORIES[target.region.category].title} in ${target.region.symbol}` : 'the region';
}

// --- Running them ---------------------------------------------------------------------------

/** Runs a command body, turning failures into an error message instead of a rejected command. */
function guarded(ctx: CommandContext, name: string, run: CommandEntry['run']): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    try {
      return await run(ctx, ...args);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      ctx.guardrails.output.error(`${name} failed: ${message}`);
      void vscode.window.showErrorMessage(`AI Guardrails: ${name} failed: ${message}`);
      return undefined;
    }
  };
}

/** Asks for the optional note; undefined means the person cancelled. */
async function askNote(target: ResolvedTarget, title: string, prompt: string): Promise<string | undefined> {
  if (!target.interactive || target.note !== undefined) return target.note ?? '';
  return vscode.window.showInputBox({ title, prompt, placeHolder: 'Optional note (Enter to skip, Escape to cancel)', ignoreFocusOut: true });
}

/** The server command's arguments; a note, even an empty one, tells the middleware not to ask for one. */
function reviewArgs(target: ResolvedTarget, note: string | undefined): ReviewCommandArgs {
  const args: ReviewCommandArgs = { uri: target.uri, regionId: target.regionId };
  if (target.regionIds && target.regionIds.length > 1) args.regionIds = target.regionIds;
  if (note !== undefined) args.note = note;
  return args;
}

/** Records a review through the server command; undefined when the person cancelled its confirmation. */
async function record(ctx: CommandContext, target: ResolvedTarget, command: ServerCommandId, note: string | undefined, done: string): Promise<ReviewStatus | undefined> {
  const status = (await runServerCommand(ctx.guardrails, command, reviewArgs(target, note))) as ReviewStatus | null | undefined;
  if (status === undefined) return undefined;
  await ctx.store.refresh();
  vscode.window.setStatusBarMessage(`$(shield) AI Guardrails: ${done} — ${describe(target)}`, 4000);
  return status ?? undefined;
}

async function waitForScanEnd(store: RegionStore): Promise<void> {
  if (!store.results.scanning) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(finish, SCAN_WAIT_LIMIT_MS);
    const sub = store.onDidChange((r) => {
      if (!r.scanning || store.failed) finish();
    });
    function finish() {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    }
  });
}

// --- The commands ---------------------------------------------------------------------------

async function rescan(ctx: CommandContext): Promise<boolean> {
  await vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: 'Scanning the workspace' }, async () => {
    const client = ctx.guardrails.client;
    if (!client?.isRunning()) throw new Error('the AI Guardrails server is not running');
    await client.sendRequest(Requests.rescan);
    await ctx.store.refresh();
    await waitForScanEnd(ctx.store);
  });
  return true;
}

async function filter(ctx: CommandContext, value?: unknown): Promise<RegionFilter | undefined> {
  let chosen: RegionFilter | undefined = isRegionFilter(value) ? value : undefined;
  if (!chosen) {
    const picked = await vscode.window.showQuickPick(
      FILTER_VALUES.map((f) => ({ label: FILTER_LABELS[f], description: f === ctx.sidebar.filter ? '(current)' : undefined, filter: f })),
      { title: 'Show in the Guardrails view' },
    );
    chosen = picked?.filter;
  }
  if (chosen) ctx.sidebar.setFilter(chosen);
  return chosen;
}

async function requestReview(ctx: CommandContext, ...args: unknown[]): Promise<ReviewStatus | undefined> {
  const target = await resolveTarget(ctx.store, args);
  if (!target) return undefined;
  const note = await askNote(target, 'Request human review', `Ask a human to review ${describe(target)} against its checklist. Note for the reviewer:`);
  if (note === undefined) return undefined;
  return record(ctx, target, ServerCommands.requestReview, note, 'review requested');
}

async function markReviewed(ctx: CommandContext, ...args: unknown[]): Promise<ReviewStatus | undefined> {
  const target = await resolveTarget(ctx.store, args);
  if (!target) return undefined;
  // A person's approval is confirmed by the middleware, which offers the note; code passes its note or none.
  return record(ctx, target, ServerCommands.markReviewed, target.interactive ? target.note : (target.note ?? ''), 'marked as reviewed');
}

async function copyReviewMarkdown(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const target = await resolveTarget(ctx.store, args);
  if (!target) return undefined;
  // The middleware puts the text on the clipboard.
  const text = await runServerCommand(ctx.guardrails, ServerCommands.reviewMarkdown, reviewArgs(target, target.note));
  if (typeof text !== 'string') throw new Error('the server returned no Markdown');
  vscode.window.setStatusBarMessage(`$(copy) AI Guardrails: review request copied — ${describe(target)}`, 4000);
  return text;
}

async function revealRegion(ctx: CommandContext, ...args: unknown[]): Promise<boolean | undefined> {
  const target = await resolveTarget(ctx.store, args);
  if (!target) return undefined;
  let region = target.region;
  if (!region) {
    await ctx.store.refresh();
    region = ctx.store.region(target.uri, target.regionId);
  }
  if (!region) throw new Error(`region ${target.regionId} is no longer in ${target.uri}`);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(region.uri), { preview: true });
  const trigger = toRange(region.firstTrigger);
  editor.selection = new vscode.Selection(trigger.start, trigger.end);
  // Show the region's first line with the trigger when both fit; otherwise the trigger.
  const fits = trigger.end.line - region.span.start.line <= REVEAL_MAX_LINES;
  editor.revealRange(
    fits ? new vscode.Range(region.span.start.line, 0, trigger.end.line, trigger.end.character) : trigger,
    vscode.TextEditorRevealType.InCenterIfOutsideViewport,
  );
  return true;
}

/** Every command this module registers (titles and menus are in package.json). */
const COMMANDS: readonly CommandEntry[] = [
  { id: ClientCommands.rescan, name: 'Rescan', run: rescan },
  { id: ClientCommands.groupByCategory, run: (ctx) => ctx.sidebar.setGroupBy('category') },
  { id: ClientCommands.groupByFile, run: (ctx) => ctx.sidebar.setGroupBy('file') },
  { id: ClientCommands.filter, name: 'Filter', run: filter },
  { id: ClientCommands.requestReview, name: 'Request review', run: requestReview },
  { id: ClientCommands.markReviewed, name: 'Mark as reviewed', run: markReviewed },
  { id: ClientCommands.copyReviewMarkdown, name: 'Copy review request', run: copyReviewMarkdown },
  { id: ClientCommands.revealRegion, name: 'Reveal region', run: revealRegion },
];

export function registerCommands(guardrails: GuardrailClient, store: RegionStore, sidebar: GuardrailsSidebar): vscode.Disposable[] {
  const ctx: CommandContext = { guardrails, store, sidebar };
  return COMMANDS.map(({ id, name, run }) => vscode.commands.registerCommand(id, name ? guarded(ctx, name, run) : (...args: unknown[]) => run(ctx, ...args)));
}
