import * as fs from 'fs';
import * as path from 'path';
import { CATEGORIES } from '../engine/categories';
import { analyzeOnce } from '../engine/document';
import { GuardrailEngine, pathsFromRoot } from '../engine/engine';
import { displayPath, readSource } from '../engine/files';
import { languageForPath } from '../engine/languages';
import type { Region } from '../engine/types';
import { containsLine } from '../../../common/src/ranges';
import { workspaceRelative } from '../engine/workspacePath';
import { reviewerIdentity } from '../review/identity';
import { LedgerError, readLedger, recordEvents, reviewState, type LedgerEntry } from '../review/ledger';
import { defaultSettings, enabledCategories, readTeamConfig } from '../settings';
import { agentMarkers } from '../agents/markers';
import { parseArgs, UsageError } from './args';
import type { CliContext } from './scanCommand';
import { findWorkspaceRoot } from './workspaceRoot';

export const REVIEW_USAGE = `usage: ai-guardrails review request <path>:<line> [--note TEXT]
       ai-guardrails review approve <path>:<line> [--note TEXT] [--i-am-human]
       ai-guardrails review list [--format text|json]`;

function parseLocation(arg: string | undefined, cwd: string): { file: string; line: number } {
  const m = arg ? /^(.*):(\d+)$/.exec(arg) : null;
  if (!m || !m[1]) throw new UsageError(`expected <path>:<line>, got ${JSON.stringify(arg ?? '')}`);
  const line = Number(m[2]);
  if (line < 1) throw new UsageError('lines are 1-based');
  return { file: path.resolve(cwd, m[1]), line };
}

async function analyzeFile(ctx: CliContext, file: string): Promise<Region[]> {
  const language = languageForPath(file);
  if (!language) throw new UsageError(`not a Go, Python, TypeScript or JavaScript file: ${path.relative(ctx.cwd, file)}`);
  const settings = readTeamConfig(findWorkspaceRoot(ctx.cwd), defaultSettings()).settings;
  const read = readSource(file, settings.maxFileSizeKb * 1024);
  if ('skipped' in read) throw new UsageError(`${path.relative(ctx.cwd, file)}: skipped (${read.skipped.reason}): ${read.skipped.message}`);
  const engine = await GuardrailEngine.create(pathsFromRoot(ctx.root), [language]);
  try {
    return analyzeOnce(engine, file, language, read.text, { categories: enabledCategories(settings) }).regions;
  } finally {
    engine.dispose();
  }
}

/**
 * Approvals come from humans: refused outright when an agent's environment markers are present,
 * and from a non-interactive run unless the human says so with --i-am-human (scripts, tests).
 */
function approvalRefusal(ctx: CliContext, iAmHuman: boolean): string | undefined {
  const markers = agentMarkers(process.env);
  if (markers.length > 0) {
    return `refusing to approve: this shell was started by a coding agent (${markers.join(', ')} set). Approvals must come from a human: review the code and approve it from your own terminal or the editor ("Mark as reviewed"). An agent may record a request instead: ai-guardrails review request <path>:<line>`;
  }
  if (!iAmHuman && !(ctx.stdinIsTty ?? process.stdin.isTTY === true)) {
    return 'refusing to approve from a non-interactive run: approvals must come from a human at a terminal. Run it in your terminal, or add --i-am-human if you (a human) are scripting it';
  }
  return undefined;
}

async function record(ctx: CliContext, argv: string[], status: 'requested' | 'approved'): Promise<number> {
  const args = parseArgs(argv, ['note'], status === 'approved' ? ['i-am-human'] : []);
  if (status === 'approved') {
    const refusal = approvalRefusal(ctx, args.flags.has('i-am-human'));
    if (refusal) {
      ctx.stderr(`ai-guardrails: ${refusal}\n`);
      return 2;
    }
  }
  const { file, line } = parseLocation(args.positionals[0], ctx.cwd);
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${args.positionals[0]}`);
  const root = findWorkspaceRoot(ctx.cwd);
  // Reviews bind to workspace paths: a file outside (by path or through a link) has none, and
  // recording one as "../x" would approve identical code anywhere in the workspace.
  const where = workspaceRelative(root, file);
  if ('outside' in where) {
    ctx.stderr(`ai-guardrails: refusing to record a review: ${where.outside}\n`);
    return 2;
  }
  const rel = where.rel;
  const regions = await analyzeFile(ctx, file);
  const here = regions.filter((r) => containsLine(r.span, line - 1) && !r.suppression);
  if (here.length === 0) {
    const where = regions.map((r) => `  ${r.span.start.line + 1}-${r.span.end.line + 1} ${r.category} in ${r.symbol}`).join('\n');
    ctx.stderr(`ai-guardrails: no guardrail region covers ${path.relative(ctx.cwd, file)}:${line}${where ? `; regions in this file:\n${where}` : ' (the file has none)'}\n`);
    return 2;
  }
  const by = reviewerIdentity(root);
  const note = args.options.get('note');
  try {
    await recordEvents(
      root,
      here.map((r) => ({
        key: { category: r.category, fingerprint: r.fingerprint, path: rel, symbol: r.symbol },
        options: { status, by, ...(note !== undefined ? { note } : {}) },
      })),
    );
  } catch (err) {
    if (err instanceof LedgerError) {
      ctx.stderr(`ai-guardrails: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  for (const r of here) {
    ctx.stdout(`${status === 'requested' ? 'review requested' : 'approved'}: ${r.category} in ${r.symbol} (${rel}:${r.span.start.line + 1}-${r.span.end.line + 1}) by ${by}\n`);
  }
  return 0;
}

interface ListedEntry {
  id: string;
  path: string;
  symbol: string;
  category: string;
  status: string;
  detail?: string;
  by: string;
  at: string;
  note?: string;
  history: LedgerEntry['history'];
}

async function list(ctx: CliContext, argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['format'], []);
  const format = args.options.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError('--format must be text or json');
  const root = findWorkspaceRoot(ctx.cwd);
  let data;
  try {
    data = readLedger(root);
  } catch (err) {
    if (err instanceof LedgerError) {
      ctx.stderr(`ai-guardrails: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  // Current status: re-analyze each file the ledger names, so stale approvals show as stale.
  const byPath = new Map<string, Region[] | null>();
  for (const e of data.entries) {
    if (byPath.has(e.path)) continue;
    const file = path.join(root, e.path);
    const readable = fs.existsSync(file) && languageForPath(file) && 'rel' in workspaceRelative(root, file);
    byPath.set(e.path, readable ? await analyzeFile(ctx, file).catch(() => null) : null);
  }
  const listed: ListedEntry[] = data.entries.map((e) => {
    const last = e.history[e.history.length - 1]!;
    const regions = byPath.get(e.path);
    const current = regions?.find((r) => r.category === e.category && (r.fingerprint === e.fingerprint || r.symbol === e.symbol));
    let status: string = 'missing';
    let detail: string | undefined = 'the region is no longer in the code';
    if (current) {
      const state = reviewState(data, { category: current.category, fingerprint: current.fingerprint, path: e.path, symbol: current.symbol });
      status = state.status;
      detail = state.detail;
    }
    return {
      id: e.id,
      path: e.path,
      symbol: e.symbol,
      category: e.category,
      status,
      ...(detail ? { detail } : {}),
      by: last.by,
      at: last.at,
      ...(last.note ? { note: last.note } : {}),
      history: e.history,
    };
  });
  if (format === 'json') {
    ctx.stdout(`${JSON.stringify({ tool: 'ai-guardrails', version: ctx.version, ledger: '.guardrails/reviews.json', entries: listed }, null, 2)}\n`);
  } else {
    for (const e of listed) {
      ctx.stdout(`${displayPath(e.path)}  ${displayPath(e.symbol)}  ${e.category} (${CATEGORIES[e.category as keyof typeof CATEGORIES]?.tier ?? '?'})  ${e.status}${e.detail ? `: ${e.detail}` : ''}${e.note ? `  note: ${e.note}` : ''}\n`);
    }
    ctx.stdout(`${listed.length} ledger entries\n`);
  }
  return 0;
}

export async function runReview(argv: string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'request':
      return record(ctx, rest, 'requested');
    case 'approve':
      return record(ctx, rest, 'approved');
    case 'list':
      return list(ctx, rest);
    default:
      throw new UsageError(sub ? `unknown review command "${sub}"` : 'review needs a command: request, approve or list');
  }
}
