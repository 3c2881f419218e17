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
  /** Set when a bulk or external edit touched the region since its last approval. */
  bulkEdit?: { at: string; kind: 'bulk' | 'external' };
}

export interface WorkspaceResults {
  /** Increases whenever results change. */
  version: number;
  scanning: boolean;
  filesScanned: number;
  regions: RegionDto[];
}

export const Requests = {
  /** Params: none. Result: WorkspaceResults. */
  workspaceResults: 'aiGuardrails/workspaceResults',
  /** Params: none. Result: void; starts a new workspace scan. */
  rescan: 'aiGuardrails/rescan',
} as const;

export const Notifications = {
  /** Params: { version: number }. The workspace results changed; ask again. */
  resultsChanged: 'aiGuardrails/resultsChanged',
} as const;

/** Commands the server executes (workspace/executeCommand), usable from any LSP client. */
export const ServerCommands = {
  requestReview: 'aiGuardrails.server.requestReview',
  markReviewed: 'aiGuardrails.server.markReviewed',
  suppress: 'aiGuardrails.server.suppress',
  reviewMarkdown: 'aiGuardrails.server.reviewMarkdown',
} as const;
