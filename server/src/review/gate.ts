import { createHash } from 'crypto';
import type { CategoryId, Tier } from '../engine/categories';
import type { Finding, Region } from '../engine/types';
import { findEntry, reviewState, type LedgerData, type LedgerEvent } from './ledger';

/**
 * The merge gate's comparison: which guarded regions of the head revision are not present, with
 * the same code, at the base, and whether a human approved exactly their new code. Pure: the
 * caller does the git and the analysis.
 */

/** One analysed file of one revision, its path relative to the ledger's folder. */
export interface RevisionFile {
  path: string;
  regions: Region[];
  findings: KeyedFinding[];
}

export interface KeyedFinding {
  finding: Finding;
  /** Stable across edits elsewhere in the file and across moves (findingFingerprints). */
  fingerprint: string;
}

export type ChangeKind = 'new' | 'changed' | 'moved-and-changed';

export type GateStatus = 'approved' | 'requested' | 'stale' | 'unreviewed' | 'suppressed';

export interface ChangedRegion {
  path: string;
  region: Region;
  change: ChangeKind;
  status: GateStatus;
  /** Who approved (or requested) and when, for the summary. */
  detail?: string;
  /** True when this region fails the gate under the chosen policy. */
  blocking: boolean;
  /** The agent whose hook last wrote exactly this code (local runs: the agent-edit journal). */
  editedBy?: string;
}

export interface RemovedRegion {
  path: string;
  category: CategoryId;
  tier: Tier;
  symbol: string;
}

export interface NewFinding {
  path: string;
  finding: Finding;
  fingerprint: string;
  blocking: boolean;
}

export interface AddedApproval {
  path: string;
  symbol: string;
  category: CategoryId;
  event: LedgerEvent;
  /** Authors of the commits that added the event, when known. */
  committedBy?: string[];
}

export type FailOn = 'do-not-trust' | 'review' | 'finding';

export interface GateReport {
  changed: ChangedRegion[];
  removed: RemovedRegion[];
  findings: NewFinding[];
  approvalsAdded: AddedApproval[];
  /** Regions at the head that did not change (counted, not listed). */
  unchanged: number;
  failed: boolean;
}

function regionKey(r: Region): string {
  return `${r.category}\u0000${r.fingerprint}`;
}

/**
 * Compares the changed files of two revisions. A head region is unchanged when a base region of
 * the same category has the same fingerprint (code tokens; formatting and comments ignored),
 * wherever it was: moves and reformatting are not changes. Each base region matches at most one
 * head region, so a copy of guarded code counts as new.
 */
export function compareRevisions(
  base: RevisionFile[],
  head: RevisionFile[],
  ledgers: { base: LedgerData; head: LedgerData },
  failOn: ReadonlySet<FailOn>,
): GateReport {
  const pool = new Map<string, { path: string; region: Region; used: boolean }[]>();
  for (const f of base) {
    for (const r of f.regions) {
      const k = regionKey(r);
      const list = pool.get(k) ?? [];
      list.push({ path: f.path, region: r, used: false });
      pool.set(k, list);
    }
  }
  const headRegions = head.flatMap((f) => f.regions.map((region) => ({ path: f.path, region })));
  // Same place first, so a function copied elsewhere leaves the original unchanged.
  const matched = new Set<Region>();
  for (const pass of ['same-place', 'anywhere'] as const) {
    for (const { path, region } of headRegions) {
      if (matched.has(region)) continue;
      const candidates = pool.get(regionKey(region)) ?? [];
      const hit = candidates.find((c) => !c.used && (pass === 'anywhere' || (c.path === path && c.region.symbol === region.symbol)));
      if (hit) {
        hit.used = true;
        matched.add(region);
      }
    }
  }
  const leftover = [...pool.values()].flat().filter((c) => !c.used);
  const changed: ChangedRegion[] = [];
  for (const { path, region } of headRegions) {
    if (matched.has(region)) continue;
    const samePlace = leftover.findIndex((c) => c.region.category === region.category && c.path === path && c.region.symbol === region.symbol);
    const sameSymbol = samePlace === -1 ? leftover.findIndex((c) => c.region.category === region.category && c.region.symbol === region.symbol) : -1;
    const change: ChangeKind = samePlace !== -1 ? 'changed' : sameSymbol !== -1 ? 'moved-and-changed' : 'new';
    const prior = leftover[samePlace !== -1 ? samePlace : sameSymbol];
    if (prior) leftover.splice(leftover.indexOf(prior), 1);
    const { status, detail } = statusOf(ledgers.head, path, region, prior?.region);
    const needsReview = region.tier === 'do-not-trust' ? failOn.has('do-not-trust') || failOn.has('review') || failOn.has('finding') : failOn.has('review');
    changed.push({ path, region, change, status, ...(detail ? { detail } : {}), blocking: needsReview && status !== 'approved' && status !== 'suppressed' });
  }
  const removed: RemovedRegion[] = leftover.map((c) => ({ path: c.path, category: c.region.category, tier: c.region.tier, symbol: c.region.symbol }));

  const baseFindings = new Map<string, number>();
  for (const f of base) for (const k of f.findings) baseFindings.set(k.fingerprint, (baseFindings.get(k.fingerprint) ?? 0) + 1);
  const findings: NewFinding[] = [];
  for (const f of head) {
    for (const k of f.findings) {
      const left = baseFindings.get(k.fingerprint) ?? 0;
      if (left > 0) {
        baseFindings.set(k.fingerprint, left - 1);
        continue;
      }
      const suppressed = k.finding.suppression !== undefined;
      findings.push({ path: f.path, finding: k.finding, fingerprint: k.fingerprint, blocking: failOn.has('finding') && !suppressed && k.finding.severity !== 'info' });
    }
  }
  const approvalsAdded = addedApprovals(ledgers.base, ledgers.head);
  const unchanged = headRegions.length - changed.length;
  const failed = changed.some((c) => c.blocking) || findings.some((f) => f.blocking);
  return { changed, removed, findings, approvalsAdded, unchanged, failed };
}

/**
 * Review status at the head. A suppression comment counts only when it already covered the code
 * at the base: a change cannot waive its own review by adding one.
 */
function statusOf(ledger: LedgerData, path: string, region: Region, prior: Region | undefined): { status: GateStatus; detail?: string } {
  const state = reviewState(ledger, { category: region.category, fingerprint: region.fingerprint, path, symbol: region.symbol });
  if (state.status === 'approved') return { status: 'approved', ...(state.detail ? { detail: state.detail } : {}) };
  if (region.suppression && prior?.suppression) return { status: 'suppressed', detail: `ai-guardrails-ignore: ${region.suppression.reason}` };
  if (region.suppression) {
    return { status: state.status, detail: `suppression comment added in this change ("${region.suppression.reason}"); it needs a review to count` };
  }
  return { status: state.status, ...(state.detail ? { detail: state.detail } : {}) };
}

function eventKey(e: LedgerEvent): string {
  return `${e.status}\u0000${e.fingerprint}\u0000${e.by}\u0000${e.at}`;
}

/** Approval events in the head ledger that the base ledger does not have. */
export function addedApprovals(base: LedgerData, head: LedgerData): AddedApproval[] {
  const known = new Set<string>();
  for (const e of base.entries) for (const h of e.history) known.add(`${e.id}\u0000${eventKey(h)}`);
  const added: AddedApproval[] = [];
  for (const e of head.entries) {
    for (const h of e.history) {
      if (h.status === 'approved' && !known.has(`${e.id}\u0000${eventKey(h)}`)) {
        added.push({ path: e.path, symbol: e.symbol, category: e.category, event: h });
      }
    }
  }
  return added;
}

/** Whether `data` has an entry for this exact region, for attributing approvals to commits. */
export function hasApproval(data: LedgerData, a: AddedApproval): boolean {
  const entry = findEntry(data, { category: a.category, fingerprint: a.event.fingerprint, path: a.path, symbol: a.symbol });
  return entry?.history.some((h) => eventKey(h) === eventKey(a.event)) ?? false;
}

/**
 * Fingerprints for findings: the rule, the finding's own source text with whitespace collapsed,
 * and its ordinal among identical ones in the file. Edits elsewhere and moves keep it; editing
 * the flagged code changes it.
 */
export function findingFingerprints(text: string, findings: readonly Finding[]): KeyedFinding[] {
  const lines = text.split(/\r\n|\r|\n/);
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const { start, end } = finding.span;
    const snippet = lines
      .slice(start.line, end.line + 1)
      .join('\n')
      .replace(/\s+/g, ' ')
      .trim();
    const base = `${finding.rule}\u0000${snippet}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    const fingerprint = createHash('sha256').update(`${base}\u0000${n}`).digest('hex').slice(0, 20);
    return { finding, fingerprint };
  });
}
