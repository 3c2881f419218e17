import * as fs from 'fs';
import * as path from 'path';
import { CATEGORIES, type Tier } from '../engine/categories';
import { isRecord } from '../json';
import { TEAM_CONFIG_PATH } from '../settings';
import { reviewState } from '../review/ledger';
import { analyzeText, editImpact, ledgerOf, needsHuman, readText, teamSettings, workspaceFile, type TouchedRegion } from './editImpact';
import { appendJournal, readJournal, type AgentId, type JournalEntry } from './journal';

/**
 * Agent hooks: what Claude Code and Cursor send before and after they edit or run a command, and
 * what we answer. Pure functions of the payload and the workspace; hookCommand.ts does the I/O.
 *
 * Claude Code: https://docs.anthropic.com/en/docs/claude-code/hooks (PreToolUse / PostToolUse,
 * `hookSpecificOutput.permissionDecision`). Cursor: https://cursor.com/docs/agent/hooks
 * (`afterFileEdit`, `beforeShellExecution` → `permission`, `stop` → `followup_message`).
 */

export type Decision = 'allow' | 'ask' | 'deny';

export interface AgentPolicy {
  /** What to answer when an edit would change an unapproved region of this tier. */
  onEdit: Record<Tier, Decision>;
}

export const DEFAULT_POLICY: AgentPolicy = { onEdit: { 'do-not-trust': 'ask', review: 'allow' } };

/** The team's `agents` key in .guardrails/config.json: `{ "do-not-trust": "ask", "review": "allow" }`. */
export function agentPolicy(workspace: string, problems: string[] = []): AgentPolicy {
  const policy: AgentPolicy = { onEdit: { ...DEFAULT_POLICY.onEdit } };
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(workspace, TEAM_CONFIG_PATH), 'utf8'));
  } catch {
    return policy;
  }
  const agents = isRecord(raw) ? raw.agents : undefined;
  if (agents === undefined) return policy;
  if (!isRecord(agents)) {
    problems.push(`${TEAM_CONFIG_PATH}: "agents" must be an object like {"do-not-trust": "ask", "review": "allow"}`);
    return policy;
  }
  for (const [tier, decision] of Object.entries(agents)) {
    if (tier !== 'do-not-trust' && tier !== 'review') problems.push(`${TEAM_CONFIG_PATH}: "agents": unknown tier ${JSON.stringify(tier)}`);
    else if (decision !== 'allow' && decision !== 'ask' && decision !== 'deny') problems.push(`${TEAM_CONFIG_PATH}: "agents.${tier}" must be allow, ask or deny`);
    else policy.onEdit[tier] = decision;
  }
  return policy;
}

interface EditSpec {
  old_string: string;
  new_string: string;
  replace_all?: boolean;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function editsOf(v: unknown): EditSpec[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: EditSpec[] = [];
  for (const e of v) {
    if (!isRecord(e)) return undefined;
    const o = str(e.old_string);
    const n = str(e.new_string);
    if (o === undefined || n === undefined) return undefined;
    out.push({ old_string: o, new_string: n, ...(e.replace_all === true ? { replace_all: true } : {}) });
  }
  return out;
}

/** The file's content after the tool runs, or undefined when the edit cannot apply (the tool will fail too). */
export function applyTool(tool: string, input: Record<string, unknown>, current: string): string | undefined {
  if (tool === 'Write') return str(input.content);
  const edits = tool === 'MultiEdit' ? editsOf(input.edits) : tool === 'Edit' ? editsOf([input]) : undefined;
  if (!edits) return undefined;
  let text = current;
  for (const e of edits) {
    if (e.old_string === '') {
      if (text !== '') return undefined;
      text = e.new_string;
      continue;
    }
    const at = text.indexOf(e.old_string);
    if (at === -1) return undefined;
    text = e.replace_all ? text.split(e.old_string).join(e.new_string) : text.slice(0, at) + e.new_string + text.slice(at + e.old_string.length);
  }
  return text;
}

/** 1-based line ranges where `pieces` occur in `text` (the lines an edit wrote). */
export function writtenRanges(text: string, pieces: string[]): [number, number][] {
  const ranges: [number, number][] = [];
  const lineAt = (offset: number) => {
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
    return n;
  };
  for (const piece of pieces) {
    if (piece === '') continue;
    for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + piece.length)) {
      ranges.push([lineAt(at), lineAt(at + piece.length - 1)]);
    }
  }
  return ranges;
}

/**
 * Shell commands an agent must not run: recording an approval, or writing the ledger or team
 * config by other means. Reading them (cat, grep, git diff/log/show) stays allowed.
 */
export function forbiddenCommand(command: string): string | undefined {
  const c = command.replace(/\\\n/g, ' ');
  if (/\breview\s+approve\b/.test(c) || /--i-am-human\b/.test(c)) {
    return 'Approving guarded code is for a human: do not run `ai-guardrails review approve`. Ask the user to review the code and approve it themselves; you may run `ai-guardrails review request <path>:<line>`.';
  }
  if (/\.guardrails(\/|\\|\b)/.test(c)) {
    const writes = /(^|[\s;&|(])(>|>>|tee|sed\s+-i|perl\s+-[a-z]*i|mv|cp|rm|truncate|dd|ln|install|chmod|touch|python3?|node|ruby|jq\s+.*\s-i|git\s+(checkout|restore|apply|am|cherry-pick|stash\s+pop|reset))\b|>\s*\S*\.guardrails/;
    if (writes.test(c)) {
      return 'The review ledger and team config in .guardrails/ are written by humans (and the AI Guardrails editor commands), not by agents. Ask the user instead.';
    }
  }
  return undefined;
}

function describe(t: TouchedRegion): string {
  const info = CATEGORIES[t.category];
  const where = t.change === 'removed' ? `removes ${t.symbol}` : `${t.change === 'new' ? 'adds' : 'changes'} ${t.symbol} (lines ${t.startLine}-${t.endLine})`;
  return `${where}: ${info.title}, ${t.tier === 'do-not-trust' ? 'do-not-trust' : 'needs review'}, ${t.status === 'stale' ? 'approval no longer matches' : t.status}`;
}

function checklistText(touched: TouchedRegion[]): string {
  const categories = [...new Set(touched.map((t) => t.category))];
  return categories.map((c) => `${CATEGORIES[c].title} checklist:\n${CATEGORIES[c].checklist.map((l) => `  - ${l}`).join('\n')}`).join('\n');
}

export interface PreEditAnswer {
  decision: Decision;
  reason?: string;
  touched: TouchedRegion[];
}

/** Decides on a proposed edit (Claude Code PreToolUse on Edit, MultiEdit, Write). */
export async function preEdit(root: string, workspace: string, cwd: string, tool: string, input: Record<string, unknown>): Promise<PreEditAnswer> {
  const filePath = str(input.file_path);
  if (!filePath) return { decision: 'allow', touched: [] };
  const settings = teamSettings(workspace);
  const wf = workspaceFile(workspace, cwd, filePath, settings);
  if (!wf || !settings.enable) return { decision: 'allow', touched: [] };
  const before = readText(wf.file);
  if (before === undefined) return { decision: 'allow', touched: [] };
  if (Buffer.byteLength(before) > settings.maxFileSizeKb * 1024) return { decision: 'allow', touched: [] };
  const after = applyTool(tool, input, before);
  if (after === undefined) return { decision: 'allow', touched: [] };
  const impact = await editImpact(root, wf, before, after, settings);
  const policy = agentPolicy(workspace);
  const pending = impact.touched.filter(needsHuman);
  let decision: Decision = 'allow';
  for (const t of pending) {
    const d = policy.onEdit[t.tier];
    if (d === 'deny' || (d === 'ask' && decision === 'allow')) decision = d;
  }
  if (decision === 'allow') return { decision, touched: impact.touched };
  const gated = pending.filter((t) => policy.onEdit[t.tier] !== 'allow');
  const reason =
    `AI Guardrails: this edit to ${wf.rel} ${gated.map(describe).join('; ')}. ` +
    `AI edits here need a human who knows the domain. ${decision === 'deny' ? 'The team does not allow agents to edit this code: explain the change to the user instead.' : 'Confirm only if you will review it line by line.'}\n` +
    checklistText(gated);
  return { decision, reason, touched: impact.touched };
}

export interface EditRecord {
  agent: AgentId;
  tool: string;
  filePath: string;
  session?: string;
  model?: string;
  /** The text the edit wrote (new_string of each edit; undefined: the whole file). */
  written?: string[];
}

/** Records a finished agent edit in the journal; returns the entry (undefined: not a guarded file). */
export async function recordEdit(root: string, workspace: string, cwd: string, rec: EditRecord): Promise<JournalEntry | undefined> {
  const settings = teamSettings(workspace);
  const wf = workspaceFile(workspace, cwd, rec.filePath, settings);
  if (!wf || !settings.enable) return undefined;
  const text = readText(wf.file);
  if (text === undefined || Buffer.byteLength(text) > settings.maxFileSizeKb * 1024) return undefined;
  const lines = text === '' ? 0 : text.split('\n').length;
  const ranges: [number, number][] = rec.written ? writtenRanges(text, rec.written) : lines > 0 ? [[1, lines]] : [];
  const regions = (await analyzeText(root, wf, text, settings))
    .filter((r) => ranges.some(([a, b]) => r.span.start.line + 1 <= b && r.span.end.line + 1 >= a))
    .map((r) => ({ category: r.category, symbol: r.symbol, fingerprint: r.fingerprint, startLine: r.span.start.line + 1, endLine: r.span.end.line + 1 }));
  const entry: JournalEntry = {
    at: new Date().toISOString(),
    agent: rec.agent,
    ...(rec.session ? { session: rec.session } : {}),
    ...(rec.model ? { model: rec.model } : {}),
    tool: rec.tool,
    path: wf.rel,
    ranges,
    regions,
  };
  appendJournal(wf.workspace, entry);
  return entry;
}

/**
 * Guarded regions an agent session changed whose current code no human approved: the follow-up
 * Cursor's `stop` hook hands back to the agent.
 */
export async function pendingForSession(root: string, workspace: string, agent: AgentId, session: string | undefined): Promise<string[]> {
  const entries = readJournal(workspace).filter((e) => e.agent === agent && (session === undefined || e.session === session));
  const settings = teamSettings(workspace);
  const ledger = ledgerOf(workspace);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const file of [...new Set(entries.map((e) => e.path))]) {
    const wf = workspaceFile(workspace, workspace, file, settings);
    const text = wf ? readText(wf.file) : undefined;
    if (!wf || text === undefined) continue;
    const edited = new Set(entries.filter((e) => e.path === file).flatMap((e) => e.regions.map((r) => `${r.category}\u0000${r.fingerprint}`)));
    const regions = await analyzeText(root, wf, text, settings);
    for (const r of regions) {
      const key = `${r.category}\u0000${r.fingerprint}`;
      if (!edited.has(key) || seen.has(`${file}\u0000${key}`)) continue;
      // Only an approval of this exact code clears it (a suppression comment the agent may have added does not).
      const status = ledger ? reviewState(ledger, { category: r.category, fingerprint: r.fingerprint, path: wf.rel, symbol: r.symbol }).status : 'unreviewed';
      if (status === 'approved') continue;
      seen.add(`${file}\u0000${key}`);
      out.push(`${wf.rel}:${r.span.start.line + 1} ${r.symbol} (${CATEGORIES[r.category].title}, ${r.tier})`);
    }
  }
  return out;
}

