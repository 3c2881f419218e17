import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Region } from '../engine/types';
import { ClientCommands, ServerCommands } from '../../../common/src/commands';
import type { RegionDiagnosticData, ReviewCommandArgs, SuppressCommandArgs } from '../../../common/src/protocol';
import type { FindingDiagnosticData, RegionReview } from './diagnostics';
import { containsInclusive, linesOverlap, linesWithin } from '../../../common/src/ranges';

/** What other editors get to type over; a suppression with it does not count (engine.ts). */
export const REASON_PLACEHOLDER = '<reason>';

function overlaps(region: Region, params: CodeActionParams): boolean {
  const r = params.range;
  return containsInclusive(region.span, r.start) || containsInclusive(region.span, r.end) || linesWithin(region.span, r);
}

export interface CodeActionInput {
  uri: string;
  params: CodeActionParams;
  regions: Region[];
  findings: Finding[];
  reviewOf: (r: Region) => RegionReview;
  /** The client can run "Ask AI for a second opinion" (a client-side command). */
  askAi: boolean;
  /**
   * Our VS Code client, which asks for a suppression reason itself. Other editors get the comment
   * inserted as an edit with a `<reason>` placeholder to type over (it does not count until they do).
   */
  promptsForReason?: boolean;
  /** Text of the region's first line, for the inserted comment's indentation (other editors). */
  lineText?: (line: number) => string;
  language?: string;
}

/**
 * Code actions are built from what the diagnostics carry (region ids, finding fixes) and from
 * the regions covering the range, so they work on a squiggle and anywhere inside a region.
 */
export function codeActions(input: CodeActionInput): CodeAction[] {
  const { uri, params } = input;
  const actions: CodeAction[] = [];
  const diagnosticsByRegion = new Map<string, Diagnostic>();
  for (const d of params.context.diagnostics) {
    const data = d.data as RegionDiagnosticData | FindingDiagnosticData | undefined;
    if (data?.kind === 'region') diagnosticsByRegion.set(data.regionId, d);
    if (data?.kind === 'finding' && data.fix) {
      actions.push({
        title: `Fix: ${data.fix.title}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [uri]: data.fix.edits.map((e) => ({ range: e.span, newText: e.newText })) } },
      });
    }
  }
  // Findings in range with a fix whose diagnostic the client did not send (e.g. cursor on the line).
  for (const f of input.findings) {
    if (!f.fix || actions.some((a) => a.title === `Fix: ${f.fix?.title}`)) continue;
    const r = params.range;
    if (linesOverlap(f.span, r)) {
      actions.push({
        title: `Fix: ${f.fix.title}`,
        kind: CodeActionKind.QuickFix,
        edit: { changes: { [uri]: f.fix.edits.map((e) => ({ range: e.span, newText: e.newText })) } },
      });
    }
  }
  const only = params.context.only;
  const wantsQuickFix = !only || only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k));
  if (!wantsQuickFix) return actions;
  const here = input.regions.filter((r) => diagnosticsByRegion.has(r.id) || overlaps(r, params));
  // Every review action names its category (and its function when the range spans several), so
  // two regions never offer two identical entries.
  const symbols = new Set(here.map((r) => r.symbol));
  const labelOf = (r: Region) => (symbols.size > 1 ? `${r.category} in ${r.symbol}` : r.category);
  // One request for all categories of a function, besides the per-category ones.
  for (const symbol of symbols) {
    const open = here.filter((r) => r.symbol === symbol && !['suppressed', 'requested'].includes(input.reviewOf(r).status));
    if (open.length < 2) continue;
    const all: ReviewCommandArgs = { uri, regionId: open[0]!.id, regionIds: open.map((r) => r.id) };
    const cats = open.map((r) => r.category).join(', ');
    actions.push({
      title: `Request human review (all: ${cats}${symbols.size > 1 ? ` in ${symbol}` : ''})`,
      kind: CodeActionKind.QuickFix,
      command: { title: `Request human review of ${symbol} (${cats})`, command: ServerCommands.requestReview, arguments: [all] },
    });
  }
  for (const region of here) {
    const diag = diagnosticsByRegion.get(region.id);
    const diagnostics = diag ? [diag] : undefined;
    const review = input.reviewOf(region);
    const args: ReviewCommandArgs = { uri, regionId: region.id };
    const label = `${region.category} in ${region.symbol}`;
    const tag = ` (${labelOf(region)})`;
    if (review.status !== 'suppressed') {
      if (review.status !== 'requested') {
        actions.push({
          title: `Request human review${tag}`,
          kind: CodeActionKind.QuickFix,
          ...(diagnostics ? { diagnostics } : {}),
          isPreferred: review.status === 'unreviewed' || review.status === 'stale',
          command: { title: `Request human review (${label})`, command: ServerCommands.requestReview, arguments: [args] },
        });
      }
      if (review.status !== 'approved' || review.bulkEdit) {
        actions.push({
          title: `Mark as reviewed${tag}`,
          kind: CodeActionKind.QuickFix,
          ...(diagnostics ? { diagnostics } : {}),
          command: { title: `Mark as reviewed (${label})`, command: ServerCommands.markReviewed, arguments: [args] },
        });
      }
      const suppress: SuppressCommandArgs = { uri, regionId: region.id, reason: '' };
      if (input.promptsForReason === false) {
        const line = region.span.start.line;
        const indent = /^[ \t]*/.exec(input.lineText?.(line) ?? '')?.[0] ?? '';
        const comment = input.language === 'python' ? '#' : '//';
        actions.push({
          title: `Suppress with reason${tag}`,
          kind: CodeActionKind.QuickFix,
          ...(diagnostics ? { diagnostics } : {}),
          edit: { changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${comment} ai-guardrails-ignore ${region.category}: ${REASON_PLACEHOLDER}\n` }] } },
        });
      } else {
        actions.push({
          title: `Suppress with reason${tag}`,
          kind: CodeActionKind.QuickFix,
          ...(diagnostics ? { diagnostics } : {}),
          command: { title: `Suppress ${label} with reason`, command: ServerCommands.suppress, arguments: [suppress] },
        });
      }
    }
    actions.push({
      title: `Copy review request as Markdown${tag}`,
      kind: CodeActionKind.QuickFix,
      ...(diagnostics ? { diagnostics } : {}),
      command: { title: 'Copy review request as Markdown', command: ServerCommands.reviewMarkdown, arguments: [args] },
    });
    if (input.askAi) {
      actions.push({
        title: `Ask AI for a second opinion${tag}`,
        kind: CodeActionKind.QuickFix,
        ...(diagnostics ? { diagnostics } : {}),
        command: { title: 'Ask AI for a second opinion', command: ClientCommands.askAi, arguments: [uri, region.span.start] },
      });
    }
  }
  return actions;
}
