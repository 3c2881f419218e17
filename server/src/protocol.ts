/**
 * Custom LSP requests, notifications, commands and their payloads, shared by client and server.
 * Positions are LSP positions (0-based line, UTF-16 character).
 */
import type { CategoryId, Tier } from './engine/categories';
import type { Span } from './engine/types';

export const EXTENSION_ID = 'ai-guardrails';
export const DIAGNOSTIC_SOURCE = 'ai-guardrails';
export const CONFIG_SECTION = 'aiGuardrails';

export type ReviewStatus = 'unreviewed' | 'requested' | 'approved' | 'stale' | 'suppressed';

/** Data attached to every region diagnostic (code actions are built from it, not recomputed). */
export interface RegionDiagnosticData {
  kind: 'region';
  regionId: string;
  category: CategoryId;
  tier: Tier;
  fingerprint: string;
  symbol: string;
}

export interface RegionDto {
  id: string;
  uri: string;
  /** Path relative to its workspace folder, with forward slashes. */
  path: string;
  category: CategoryId;
  tier: Tier;
  symbol: string;
  span: Span;
  /** Where the first trigger is: what "reveal" selects. */
  firstTrigger: Span;
  fingerprint: string;
  triggerCount: number;
  review: ReviewStatus;
  /** e.g. "changed since approved by Ada on 2026-11-20". */
  reviewDetail?: string;
  /** Set when a bulk or external edit touched the region since its last approval. */
  bulkEdit?: { at: string; kind: 'bulk' | 'external' };
  /** Set when a coding agent wrote the region's current code (agent-edit journal) and no human approved it since. */
  agentEdit?: AgentEditDto;
}

/** Who wrote a region's current code, from `.guardrails/local/agent-edits.jsonl` (written by the agent hooks). */
export interface AgentEditDto {
  agent: 'claude-code' | 'cursor';
  /** "Claude Code". */
  name: string;
  /** For people: "Claude Code (agent, session 1a2b, model claude-sonnet-4)". */
  label: string;
  /** ISO 8601 UTC. */
  at: string;
  session?: string;
  model?: string;
  /** The agent's tool (Edit, Write, afterFileEdit…). */
  tool?: string;
}

export type FindingSeverity = 'error' | 'warning' | 'info';

/** A specific finding ("this line is wrong"), as opposed to a region ("a human must look here"). */
export interface FindingDto {
  id: string;
  uri: string;
  path: string;
  rule: string;
  category: CategoryId;
  severity: FindingSeverity;
  cwe: number;
  message: string;
  span: Span;
  fixAvailable: boolean;
  /** The region the finding lies in, when there is one. */
  regionId?: string;
}

export interface WorkspaceResults {
  /** Increases whenever results change. */
  version: number;
  scanning: boolean;
  filesScanned: number;
  /** Supported files found in the workspace (scanned or not yet). */
  filesTotal: number;
  regions: RegionDto[];
  findings: FindingDto[];
}

/** Client → server: an edit that looks like an AI/agent edit touched these ranges. */
export interface BulkEditParams {
  uri: string;
  kind: 'bulk' | 'external';
  /** Ranges in the document after the edit. Empty means the whole file. */
  ranges: Span[];
}

/** Arguments of the server review commands. */
export interface ReviewCommandArgs {
  uri: string;
  regionId: string;
  /** requestReview / markReviewed: every region to record at once (one function's categories). */
  regionIds?: string[];
  note?: string;
}

export interface SuppressCommandArgs {
  uri: string;
  regionId: string;
  reason: string;
}

export const Requests = {
  /** Params: none. Result: WorkspaceResults. */
  workspaceResults: 'aiGuardrails/workspaceResults',
  /** Params: none. Result: void; starts a new workspace scan. */
  rescan: 'aiGuardrails/rescan',
  /** Params: AiContextParams. Result: AiContextResult | null (the region at the position, redacted). */
  aiContext: 'aiGuardrails/aiContext',
} as const;

export type { AiContext, AiContextParams, AiContextResult } from './ai/types';

export const Notifications = {
  /** Server → client. Params: { version: number }. The workspace results changed; ask again. */
  resultsChanged: 'aiGuardrails/resultsChanged',
  /** Client → server. Params: BulkEditParams. */
  bulkEdit: 'aiGuardrails/bulkEdit',
} as const;

/**
 * Commands the server executes (workspace/executeCommand), usable from any LSP client.
 * requestReview / markReviewed take ReviewCommandArgs and return the new ReviewStatus;
 * suppress takes SuppressCommandArgs (an empty reason is refused); reviewMarkdown takes
 * ReviewCommandArgs and returns the Markdown text (the client copies it to the clipboard).
 */
export const ServerCommands = {
  requestReview: 'aiGuardrails.server.requestReview',
  markReviewed: 'aiGuardrails.server.markReviewed',
  suppress: 'aiGuardrails.server.suppress',
  reviewMarkdown: 'aiGuardrails.server.reviewMarkdown',
} as const;
