import * as fs from 'fs';
import * as path from 'path';
import { CATEGORIES, type CategoryId } from '../engine/categories';
import { languageForPath } from '../engine/languages';
import type { Region } from '../engine/types';
import { containsLine } from '../../../common/src/ranges';
import { isInside } from '../engine/workspacePath';
import { reviewerIdentity } from '../review/identity';
import { LedgerError, readLedger, recordEvents, reviewState, type LedgerData } from '../review/ledger';
import { isPathExcluded, type GuardrailSettings } from '../settings';
import { analyzeText, editImpact, needsHuman, realOrParent, teamSettings, workspaceFile, type TouchedRegion, type WorkspaceFile } from './editImpact';
import { agentEditedRegions, agentEditLabel, journalKey, readJournal } from './journal';

/**
 * What the MCP tools answer, independent of the SDK (mcpServer.ts wires them to it). Every
 * failure an agent can cause (a path outside the workspace, a missing or binary file, a line
 * without a region) is a ToolError with a sentence the agent can act on; nothing here approves.
 */

export class ToolError extends Error {}

export interface ToolContext {
  /** The package root (grammars, queries). */
  root: string;
  /** The workspace the server answers for: paths are relative to it and must stay inside it. */
  workspace: string;
}

interface Target {
  wf: WorkspaceFile;
  settings: GuardrailSettings;
  /** Current text; '' for a file that does not exist yet. */
  text: string;
  exists: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file's text, or a ToolError saying why it cannot be analysed. */
function readUtf8(file: string, rel: string, maxBytes: number): string {
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (err) {
    throw new ToolError(`cannot read ${rel}: ${(err as Error).message}`);
  }
  if (buffer.length > maxBytes) throw new ToolError(`${rel} is larger than ${Math.round(maxBytes / 1024)} KB (maxFileSizeKb); the guardrail does not analyse it`);
  if (buffer.subarray(0, 8000).includes(0)) throw new ToolError(`${rel} is a binary file (it contains NUL bytes); the guardrail only analyses source text`);
  try {
    return utf8.decode(buffer);
  } catch {
    throw new ToolError(`${rel} is not valid UTF-8; the guardrail only analyses UTF-8 source text, so it cannot say which regions an edit touches`);
  }
}

/**
 * Resolves an agent's path (workspace-relative or absolute) to a guarded file inside the
 * workspace, following symbolic links, with a specific reason when it is not one.
 */
function resolveTarget(ctx: ToolContext, file: string, mustExist: boolean): Target {
  if (file.trim() === '' || file.includes('\0')) throw new ToolError('path must be a non-empty file path (relative to the workspace or absolute)');
  const abs = path.resolve(ctx.workspace, file);
  const real = realOrParent(abs);
  const ws = fs.realpathSync(ctx.workspace);
  if (real === undefined && isInside(ctx.workspace, abs)) throw new ToolError(`no such file or folder: ${file} (paths are relative to the workspace ${ctx.workspace})`);
  if (real === undefined || !isInside(ws, real)) {
    throw new ToolError(
      `refusing ${file}: ${real === undefined || real === abs ? abs : `it resolves to ${real}, which is`} outside the workspace ${ctx.workspace}; this server only answers for files inside it`,
    );
  }
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(real);
  } catch {
    stat = undefined;
  }
  if (!stat && mustExist) throw new ToolError(`no such file: ${file} (paths are relative to the workspace ${ctx.workspace})`);
  if (stat && !stat.isFile()) throw new ToolError(`${file} is not a regular file`);
  const rel = path.relative(ws, real).split(path.sep).join('/');
  if (!languageForPath(real)) throw new ToolError(`${rel} is not a Go, Python, TypeScript or JavaScript file; the guardrail marks no regions there`);
  const settings = teamSettings(ctx.workspace);
  if (isPathExcluded(settings, rel)) throw new ToolError(`${rel} is excluded by the workspace's guardrail settings (exclude globs or test code in .guardrails/config.json); it has no guarded regions`);
  const wf = workspaceFile(ctx.workspace, ctx.workspace, real, settings);
  if (!wf) throw new ToolError(`${rel} is not covered by the guardrail`);
  const text = stat ? readUtf8(real, rel, settings.maxFileSizeKb * 1024) : '';
  return { wf, settings, text, exists: stat !== undefined };
}

function ledgerOf(workspace: string): LedgerData {
  try {
    return readLedger(workspace);
  } catch (err) {
    if (err instanceof LedgerError) throw new ToolError(`the review ledger cannot be read: ${err.message}`);
    throw err;
  }
}

export interface RegionInfo {
  category: CategoryId;
  title: string;
  tier: Region['tier'];
  symbol: string;
  startLine: number;
  endLine: number;
  fingerprint: string;
  status: 'unreviewed' | 'requested' | 'approved' | 'stale' | 'suppressed';
  statusDetail?: string;
  /** Who last wrote this code when it was an agent (from the local journal) and no human approved it since. */
  editedByAgent?: string;
}

export interface GuardedRegions {
  path: string;
  regions: RegionInfo[];
  /** The review checklist of each category present, once. */
  checklists: Partial<Record<CategoryId, string[]>>;
  summary: string;
}

export async function guardedRegions(ctx: ToolContext, file: string): Promise<GuardedRegions> {
  const t = resolveTarget(ctx, file, true);
  const regions = await analyzeText(ctx.root, t.wf, t.text, t.settings);
  const ledger = ledgerOf(ctx.workspace);
  const agents = agentEditedRegions(readJournal(ctx.workspace));
  const infos = regions.map((r): RegionInfo => {
    const state = reviewState(ledger, { category: r.category, fingerprint: r.fingerprint, path: t.wf.rel, symbol: r.symbol });
    const status = r.suppression ? 'suppressed' : state.status;
    const agent = status === 'approved' || status === 'suppressed' ? undefined : agents.get(journalKey(r.category, t.wf.rel, r.fingerprint));
    return {
      category: r.category,
      title: CATEGORIES[r.category].title,
      tier: r.tier,
      symbol: r.symbol,
      startLine: r.span.start.line + 1,
      endLine: r.span.end.line + 1,
      fingerprint: r.fingerprint,
      status,
      ...(r.suppression ? { statusDetail: `suppressed: ${r.suppression.reason}` } : state.detail ? { statusDetail: state.detail } : {}),
      ...(agent ? { editedByAgent: agentEditLabel(agent) } : {}),
    };
  });
  const checklists: GuardedRegions['checklists'] = {};
  for (const r of infos) checklists[r.category] = CATEGORIES[r.category].checklist;
  const dnt = infos.filter((r) => r.tier === 'do-not-trust');
  const summary =
    infos.length === 0
      ? `${t.wf.rel} has no guarded regions.`
      : `${t.wf.rel} has ${infos.length} guarded region(s)${dnt.length ? `, ${dnt.length} of them do-not-trust (${[...new Set(dnt.map((r) => r.category))].join(', ')})` : ''}. ` +
        'Changing a do-not-trust region needs a human: check_edit before editing, and ask the user to review anything it flags.';
  return { path: t.wf.rel, regions: infos, checklists, summary };
}

export interface EditCheck {
  path: string;
  /** True when a do-not-trust region would change and no human approved its new code. */
  askHuman: boolean;
  touched: TouchedRegion[];
  verdict: string;
}

function describe(t: TouchedRegion): string {
  const what = t.change === 'removed' ? 'removes' : t.change === 'new' ? 'adds' : 'changes';
  return `${what} ${CATEGORIES[t.category].title.toLowerCase()} code in ${t.symbol} (lines ${t.startLine}-${t.endLine}, ${t.tier}, ${t.status})`;
}

export async function checkEdit(ctx: ToolContext, file: string, newContent: string): Promise<EditCheck> {
  const t = resolveTarget(ctx, file, false);
  const maxBytes = t.settings.maxFileSizeKb * 1024;
  if (Buffer.byteLength(newContent, 'utf8') > maxBytes) throw new ToolError(`new_content is larger than ${t.settings.maxFileSizeKb} KB (maxFileSizeKb); the guardrail does not analyse files that large`);
  ledgerOf(ctx.workspace); // a broken ledger is reported, not read as "nothing approved"
  const impact = await editImpact(ctx.root, t.wf, t.text, newContent, t.settings);
  const pending = impact.touched.filter(needsHuman);
  const stop = pending.filter((r) => r.tier === 'do-not-trust');
  const careful = pending.filter((r) => r.tier === 'review');
  let verdict: string;
  if (stop.length > 0) {
    verdict =
      `ASK THE HUMAN FIRST. This edit ${stop.map(describe).join('; ')}. ` +
      'AI-written code in these categories is not trusted, and no human has approved this version. ' +
      'Do not apply it on your own: show the user the change and ask them to review it (request_review records the request). Only a human can approve it.';
  } else if (careful.length > 0) {
    verdict = `Review carefully: this edit ${careful.map(describe).join('; ')}. Tell the user which regions changed so a human reviews them.`;
  } else if (impact.touched.length > 0) {
    verdict = 'The guarded regions this edit touches are already approved in exactly this form (or suppressed); no new review is needed.';
  } else {
    verdict = 'This edit changes no guarded region (reformatting and edits outside guarded code keep their review status).';
  }
  return { path: impact.path, askHuman: stop.length > 0, touched: impact.touched, verdict };
}

export interface ReviewRequested {
  path: string;
  requested: { category: CategoryId; symbol: string; startLine: number; endLine: number; fingerprint: string }[];
  by: string;
  message: string;
}

/** Records "review requested" for the regions covering `line` (1-based). Never approves. */
export async function requestReview(ctx: ToolContext, file: string, line: number, note: string | undefined): Promise<ReviewRequested> {
  if (!Number.isInteger(line) || line < 1) throw new ToolError('line must be a whole number, 1 or more (lines are 1-based)');
  const t = resolveTarget(ctx, file, true);
  const regions = await analyzeText(ctx.root, t.wf, t.text, t.settings);
  const here = regions.filter((r) => containsLine(r.span, line - 1) && !r.suppression);
  if (here.length === 0) {
    const list = regions.map((r) => `${r.span.start.line + 1}-${r.span.end.line + 1} ${r.category} in ${r.symbol}`).join('; ');
    throw new ToolError(`no guarded region covers ${t.wf.rel}:${line}${list ? ` (regions: ${list})` : ' (the file has none)'}; guarded_regions lists them`);
  }
  const by = reviewerIdentity(ctx.workspace);
  // The ledger names the human whose session asked; the note says an agent made the request.
  const agentNote = note?.trim() ? `${note.trim()} (requested by an AI agent via ai-guardrails mcp)` : 'requested by an AI agent via ai-guardrails mcp';
  try {
    await recordEvents(
      ctx.workspace,
      here.map((r) => ({
        key: { category: r.category, fingerprint: r.fingerprint, path: t.wf.rel, symbol: r.symbol },
        options: { status: 'requested' as const, by, note: agentNote },
      })),
    );
  } catch (err) {
    if (err instanceof LedgerError) throw new ToolError(`the review request was not recorded: ${err.message}`);
    throw err;
  }
  const requested = here.map((r) => ({ category: r.category, symbol: r.symbol, startLine: r.span.start.line + 1, endLine: r.span.end.line + 1, fingerprint: r.fingerprint }));
  return {
    path: t.wf.rel,
    requested,
    by,
    message: `Review requested in .guardrails/reviews.json for ${requested.map((r) => `${r.category} in ${r.symbol}`).join(', ')}. The region stays unapproved until a human approves it (in the editor or with \`ai-guardrails review approve\`); tell the user.`,
  };
}

export const CHECKLIST_URI_PREFIX = 'guardrails://checklist/';

/** The review checklist of a category as Markdown (the MCP resources). */
export function checklistMarkdown(category: CategoryId): string {
  const info = CATEGORIES[category];
  return [
    `# ${info.title} (\`${category}\`): ${info.tier === 'do-not-trust' ? 'do not trust AI here' : 'review AI code carefully'}`,
    '',
    `Covers: ${info.covers}.`,
    '',
    info.why,
    '',
    '## What a human reviewer checks',
    '',
    ...info.checklist.map((c) => `- [ ] ${c}`),
    '',
  ].join('\n');
}
