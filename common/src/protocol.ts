/**
 * Custom LSP requests and notifications with their payloads, shared by client and server: both
 * sides use these typed objects (`connection.onRequest(Requests.x, …)`, `client.sendRequest(Requests.x, …)`),
 * so a renamed field fails to compile on both. Positions are LSP positions (0-based line, UTF-16 character).
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { AiContextParams, AiContextResult, AiPreviewParams, AiPreviewResult, AiReviewOutcome, AiReviewParams, AiReviewProgressParams } from './ai';
import type { CategoryId, Tier } from './categories';
import type { Span } from './span';

export { CONFIG_SECTION, DIAGNOSTIC_SOURCE, EXTENSION_ID } from './names';

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

export interface ResultsChangedParams {
  version: number;
}

export const Requests = {
  /** The workspace's regions and findings. */
  workspaceResults: new RequestType0<WorkspaceResults, void>('aiGuardrails/workspaceResults'),
  /** Reloads settings and starts a new workspace scan. */
  rescan: new RequestType0<void, void>('aiGuardrails/rescan'),
  /** The region at the position with its redacted context; null when no region covers it. */
  aiContext: new RequestType<AiContextParams, AiContextResult | null, void>('aiGuardrails/aiContext'),
  /** The text of the request preview: exactly what `aiReview` would send, the key masked. */
  aiPreview: new RequestType<AiPreviewParams, AiPreviewResult, void>('aiGuardrails/aiPreview'),
  /** Sends the context to the endpoint and returns the parsed findings; progress arrives as `aiReviewProgress`. Cancellable. */
  aiReview: new RequestType<AiReviewParams, AiReviewOutcome, void>('aiGuardrails/aiReview'),
} as const;

export const Notifications = {
  /** Server → client. The workspace results changed; ask again. */
  resultsChanged: new NotificationType<ResultsChangedParams>('aiGuardrails/resultsChanged'),
  /** Client → server. An edit that looks like an AI/agent edit touched these ranges. */
  bulkEdit: new NotificationType<BulkEditParams>('aiGuardrails/bulkEdit'),
  /** Server → client, while an `aiReview` request runs. */
  aiReviewProgress: new NotificationType<AiReviewProgressParams>('aiGuardrails/aiReviewProgress'),
} as const;
