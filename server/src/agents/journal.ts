import * as fs from 'fs';
import * as path from 'path';
import { isRecord } from '../json';

/**
 * The local journal of agent edits: `.guardrails/local/agent-edits.jsonl`, one JSON object per
 * line, git-ignored (the folder carries its own `.gitignore`). Hooks append; the language server
 * and `check` read it to say exactly which guarded regions an agent changed.
 *
 * Appends are single `write(2)` calls on a descriptor opened with O_APPEND, which the kernel
 * positions atomically, so concurrent agents never interleave within a line; a reader skips a
 * line it cannot parse (a torn write from a crash) instead of failing.
 */

export const JOURNAL_DIR = path.join('.guardrails', 'local');
export const JOURNAL_PATH = path.join(JOURNAL_DIR, 'agent-edits.jsonl');

export type AgentId = 'claude-code' | 'cursor';

export const AGENT_NAMES: Record<AgentId, string> = { 'claude-code': 'Claude Code', cursor: 'Cursor' };

export interface JournalRegion {
  category: string;
  symbol: string;
  /** Fingerprint of the region's code after the edit. */
  fingerprint: string;
  startLine: number;
  endLine: number;
}

export interface JournalEntry {
  /** ISO 8601 UTC. */
  at: string;
  agent: AgentId;
  session?: string;
  model?: string;
  /** The agent's tool (Edit, MultiEdit, Write, afterFileEdit…). */
  tool?: string;
  /** Workspace-relative, forward slashes. */
  path: string;
  /** 1-based inclusive line ranges the edit wrote. */
  ranges: [number, number][];
  regions: JournalRegion[];
}

/** Appends one entry (one write of one line), creating the folder and its .gitignore. */
export function appendJournal(workspace: string, entry: JournalEntry): void {
  const dir = path.join(workspace, JOURNAL_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const ignore = path.join(dir, '.gitignore');
  if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '# Local to this machine: agent-edit provenance for AI Guardrails.\n*\n');
  const line = `${JSON.stringify(entry)}\n`;
  const fd = fs.openSync(path.join(workspace, JOURNAL_PATH), fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o644);
  try {
    fs.writeSync(fd, line);
  } finally {
    fs.closeSync(fd);
  }
}

function isEntry(v: unknown): v is JournalEntry {
  return (
    isRecord(v) &&
    typeof v.at === 'string' &&
    (v.agent === 'claude-code' || v.agent === 'cursor') &&
    typeof v.path === 'string' &&
    Array.isArray(v.ranges) &&
    Array.isArray(v.regions) &&
    v.regions.every((r: unknown) => isRecord(r) && typeof r.category === 'string' && typeof r.fingerprint === 'string' && typeof r.symbol === 'string')
  );
}

/** Every well-formed entry, oldest first; a missing journal is empty. */
export function readJournal(workspace: string): JournalEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(workspace, JOURNAL_PATH), 'utf8');
  } catch {
    return [];
  }
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const v: unknown = JSON.parse(line);
      if (isEntry(v)) entries.push(v);
    } catch {
      // a torn line from a crashed writer
    }
  }
  return entries;
}

/**
 * The latest agent edit of each region, keyed by `category\0path\0fingerprint`: a region whose
 * current fingerprint is here was last written by that agent (and an approval of the same
 * fingerprint clears the mark, which is the caller's ledger lookup).
 */
export function agentEditedRegions(entries: readonly JournalEntry[]): Map<string, JournalEntry> {
  const map = new Map<string, JournalEntry>();
  for (const e of entries) for (const r of e.regions) map.set(journalKey(r.category, e.path, r.fingerprint), e);
  return map;
}

export function journalKey(category: string, relPath: string, fingerprint: string): string {
  return `${category}\u0000${relPath}\u0000${fingerprint}`;
}

/** "Claude Code (agent, session 1a2b, model claude-sonnet-4)": who wrote a region, for people. */
export function agentEditLabel(entry: Pick<JournalEntry, 'agent' | 'session' | 'model'>): string {
  // Session and model come from a local file an agent writes: keep them to plain identifiers.
  const clean = (s: string) => s.replace(/[^\w.@:/+-]/g, '').slice(0, 64);
  const details = ['agent', ...(entry.session ? [`session ${clean(entry.session)}`] : []), ...(entry.model ? [`model ${clean(entry.model)}`] : [])];
  return `${AGENT_NAMES[entry.agent]} (${details.join(', ')})`;
}
