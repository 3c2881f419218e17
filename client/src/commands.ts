/**
 * Client commands: rescan, grouping, filter, and the review actions on a region. The review
 * actions run the server's commands (`ServerCommands`) through workspace/executeCommand; the
 * server owns the review ledger.
 *
 * Review commands accept a sidebar region node, a `RegionCommandTarget` (the CodeLens passes
 * one), `(uri, regionId[, note])` from code, or nothing (the region at the cursor). They ask for
 * an optional note only when a person invoked them (tree, CodeLens, palette), never when called
 * with `(uri, regionId)`, so scripts and tests do not block on an input box.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { CATEGORIES } from '../../common/src/categories';
import { ClientCommands, ServerCommands, type ServerCommandId } from '../../common/src/commands';
import { isRecord } from '../../common/src/json';
import { Requests, type RegionDto, type ReviewCommandArgs, type ReviewStatus } from '../../common/src/protocol';
import type { GuardrailClient } from './languageClient';
import { FILTER_LABELS, FILTER_VALUES, isRegionFilter, locationLabel, type RegionFilter } from './model/tree';
import { statusLabel } from './model/status';
import type { RegionStore } from './regionStore';
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

export function registerCommands(guardrails: GuardrailClient, store: RegionStore, sidebar: GuardrailsSidebar): vscode.Disposable[] {
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
  async function regionFromEditor(): Promise<RegionDto | undefined> {
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

  async function resolveTarget(args: readonly unknown[]): Promise<ResolvedTarget | undefined> {
    const [first, second, third] = args;
    if (isRecord(first) && first.kind === 'region' && isRegionDto(first.region)) {
      const region = first.region;
      return { uri: region.uri, regionId: region.id, region, interactive: true };
    }
    if (isRecord(first) && typeof first.uri === 'string' && typeof first.regionId === 'string') {
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
      const region = await regionFromEditor();
      return region ? { uri: region.uri, regionId: region.id, region, interactive: true } : undefined;
    }
    throw new Error('expected a region from the Guardrails view, or (uri, regionId)');
  }

  async function executeServerCommand(command: ServerCommandId, args: ReviewCommandArgs): Promise<unknown> {
    const client = guardrails.client;
    if (!client?.isRunning()) throw new Error('the AI Guardrails server is not running');
    return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [args] });
  }

  /** Runs a command body, turning failures into an error message instead of a rejected command. */
  function guarded<A extends unknown[], R>(name: string, body: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
    return async (...args: A) => {
      try {
        return await body(...args);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        guardrails.output.error(`${name} failed: ${message}`);
        void vscode.window.showErrorMessage(`AI Guardrails: ${name} failed: ${message}`);
        return undefined;
      }
    };
  }

  function describe(target: ResolvedTarget): string {
    return target.region ? `${CATEGORIES[target.region.category].title} in ${target.region.symbol}` : 'the region';
  }

  /** Asks for the optional note; undefined means the person cancelled. */
  async function askNote(target: ResolvedTarget, title: string, prompt: string): Promise<string | undefined> {
    if (!target.interactive || target.note !== undefined) return target.note ?? '';
    return vscode.window.showInputBox({ title, prompt, placeHolder: 'Optional note (Enter to skip, Escape to cancel)', ignoreFocusOut: true });
  }

  function reviewArgs(target: ResolvedTarget, note?: string): ReviewCommandArgs {
    const args: ReviewCommandArgs = { uri: target.uri, regionId: target.regionId };
    if (target.regionIds && target.regionIds.length > 1) args.regionIds = target.regionIds;
    if (note) args.note = note;
    return args;
  }

  async function review(args: unknown[], command: ServerCommandId, title: string, prompt: (t: ResolvedTarget) => string, done: string) {
    const target = await resolveTarget(args);
    if (!target) return undefined;
    const note = await askNote(target, title, prompt(target));
    if (note === undefined) return undefined;
    const status = (await executeServerCommand(command, reviewArgs(target, note))) as ReviewStatus | null;
    await store.refresh();
    vscode.window.setStatusBarMessage(`$(shield) AI Guardrails: ${done} — ${describe(target)}`, 4000);
    return status ?? undefined;
  }

  async function waitForScanEnd(): Promise<void> {
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

  return [
    vscode.commands.registerCommand(
      ClientCommands.rescan,
      guarded('Rescan', async () => {
        await vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: 'Scanning the workspace' }, async () => {
          const client = guardrails.client;
          if (!client?.isRunning()) throw new Error('the AI Guardrails server is not running');
          await client.sendRequest(Requests.rescan);
          await store.refresh();
          await waitForScanEnd();
        });
        return true;
      }),
    ),
    vscode.commands.registerCommand(ClientCommands.groupByCategory, () => sidebar.setGroupBy('category')),
    vscode.commands.registerCommand(ClientCommands.groupByFile, () => sidebar.setGroupBy('file')),
    vscode.commands.registerCommand(
      ClientCommands.filter,
      guarded('Filter', async (value?: unknown) => {
        let filter: RegionFilter | undefined = isRegionFilter(value) ? value : undefined;
        if (!filter) {
          const picked = await vscode.window.showQuickPick(
            FILTER_VALUES.map((f) => ({ label: FILTER_LABELS[f], description: f === sidebar.filter ? '(current)' : undefined, filter: f })),
            { title: 'Show in the Guardrails view' },
          );
          filter = picked?.filter;
        }
        if (filter) sidebar.setFilter(filter);
        return filter;
      }),
    ),
    vscode.commands.registerCommand(
      ClientCommands.requestReview,
      guarded('Request review', (...args: unknown[]) =>
        review(
          args,
          ServerCommands.requestReview,
          'Request human review',
          (t) => `Ask a human to review ${describe(t)} against its checklist. Note for the reviewer:`,
          'review requested',
        ),
      ),
    ),
    vscode.commands.registerCommand(
      ClientCommands.markReviewed,
      guarded('Mark as reviewed', (...args: unknown[]) =>
        review(
          args,
          ServerCommands.markReviewed,
          'Mark as reviewed',
          (t) => `You confirm a human reviewed ${describe(t)} against its checklist. Note:`,
          'marked as reviewed',
        ),
      ),
    ),
    vscode.commands.registerCommand(
      ClientCommands.copyReviewMarkdown,
      guarded('Copy review request', async (...args: unknown[]) => {
        const target = await resolveTarget(args);
        if (!target) return undefined;
        const text = await executeServerCommand(ServerCommands.reviewMarkdown, reviewArgs(target, target.note));
        if (typeof text !== 'string') throw new Error('the server returned no Markdown');
        await vscode.env.clipboard.writeText(text);
        vscode.window.setStatusBarMessage(`$(copy) AI Guardrails: review request copied — ${describe(target)}`, 4000);
        return text;
      }),
    ),
    vscode.commands.registerCommand(
      ClientCommands.revealRegion,
      guarded('Reveal region', async (...args: unknown[]) => {
        const target = await resolveTarget(args);
        if (!target) return undefined;
        let region = target.region;
        if (!region) {
          await store.refresh();
          region = store.region(target.uri, target.regionId);
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
      }),
    ),
  ];
}
