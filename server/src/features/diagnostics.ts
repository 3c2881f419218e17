import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { CATEGORIES } from '../engine/categories';
import type { Skipped } from '../engine/files';
import type { Finding, Region, TextEdit } from '../engine/types';
import { DIAGNOSTIC_SOURCE, type AgentEditDto, type RegionDiagnosticData, type ReviewStatus } from '../../../common/src/protocol';
import type { GuardrailSettings, SeverityName } from '../settings';

export const README_URL = 'https://github.com/ai-guardrails/ai-guardrails/blob/main/README.md';

export function categoryDocUrl(category: string): string {
  return `${README_URL}#category-${category}`;
}

const SEVERITY: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** One step more severe (bulk/external edits into a region). */
export function raiseSeverity(s: DiagnosticSeverity): DiagnosticSeverity {
  return s === DiagnosticSeverity.Error ? s : ((s - 1) as DiagnosticSeverity);
}

export interface RegionReview {
  status: ReviewStatus;
  /** e.g. "changed since approved by Ada on 2026-11-20". */
  detail?: string;
  /** A bulk or external edit touched the region since its last approval. */
  bulkEdit?: boolean;
  /** A coding agent wrote the region's current code and no human approved it since (agent-edit journal). */
  agentEdit?: AgentEditDto;
}

/** What the diagnostic, hover and review Markdown say about who edited the region; the journal's word beats the edit-shape guess. */
export function editNote(review: RegionReview): string | undefined {
  if (review.agentEdit) return `edited by ${review.agentEdit.label} since last review`;
  return review.bulkEdit ? 'bulk/external edit since last review' : undefined;
}

export interface DiagnosticOptions {
  settings: GuardrailSettings;
  /** What approved regions show: a hint-level diagnostic, or nothing. */
  approvedDisplay: 'hint' | 'hide';
}

/**
 * Trigger lines listed under a region's diagnostic. A long unit can hold dozens; every one of
 * them went out with every keystroke's diagnostics (half the bytes of a 5,000-line Go file's
 * publish) and each became a row in the Problems panel. The hover and the sidebar show the unit.
 */
const MAX_RELATED = 8;

/** One diagnostic per region and category, on its first trigger. */
export function regionDiagnostic(uri: string, region: Region, review: RegionReview, options: DiagnosticOptions): Diagnostic | undefined {
  const info = CATEGORIES[region.category];
  const first = region.triggers[0];
  if (!first) return undefined;
  let severity = SEVERITY[options.settings.severity[region.category]];
  if (review.status === 'approved' || review.status === 'suppressed') {
    if (options.approvedDisplay === 'hide') return undefined;
    severity = DiagnosticSeverity.Hint;
  } else if (review.bulkEdit || review.agentEdit) {
    severity = raiseSeverity(severity);
  }
  const tier = region.tier === 'do-not-trust' ? 'do not trust AI here' : 'review AI code carefully';
  const status =
    review.status === 'suppressed' && region.suppression
      ? `suppressed: ${region.suppression.reason}`
      : (review.detail ?? review.status);
  const note = editNote(review);
  const bulk = note ? ` ${note[0]!.toUpperCase()}${note.slice(1)}.` : '';
  const data: RegionDiagnosticData = {
    kind: 'region',
    regionId: region.id,
    category: region.category,
    tier: region.tier,
    fingerprint: region.fingerprint,
    symbol: region.symbol,
  };
  const related: DiagnosticRelatedInformation[] = region.triggers.slice(1, 1 + MAX_RELATED).map((t) => ({
    location: { uri, range: t.span },
    message: `Also ${info.title} here (${t.rule})`,
  }));
  const more = region.triggers.length - 1 - MAX_RELATED;
  if (more > 0) related.push({ location: { uri, range: region.span }, message: `…and ${more} more ${more === 1 ? 'place' : 'places'} in ${region.symbol}` });
  return {
    range: first.span,
    severity,
    source: DIAGNOSTIC_SOURCE,
    code: region.category,
    codeDescription: { href: categoryDocUrl(region.category) },
    message: `${info.title} in ${region.symbol}: ${tier} [${status}].${bulk}`,
    data,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
  };
}

/** Data attached to finding diagnostics: the quick fix travels with the diagnostic. */
export interface FindingDiagnosticData {
  kind: 'finding';
  rule: string;
  category: string;
  cwe: number;
  fix?: { title: string; edits: TextEdit[] };
}

const FINDING_SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function findingDiagnostic(finding: Finding): Diagnostic {
  const data: FindingDiagnosticData = {
    kind: 'finding',
    rule: finding.rule,
    category: finding.category,
    cwe: finding.cwe,
    ...(finding.fix ? { fix: finding.fix } : {}),
  };
  return {
    range: finding.span,
    severity: FINDING_SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.rule,
    codeDescription: { href: `https://cwe.mitre.org/data/definitions/${finding.cwe}.html` },
    message: `${finding.message} (CWE-${finding.cwe})`,
    data,
  };
}

/**
 * A file the engine could not analyse (over its budget, or the parser faulted): one information
 * diagnostic on its first line, so the editor does not look as if the file had nothing to review.
 */
export function skippedDiagnostic(skipped: Skipped): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: `skipped-${skipped.reason}`,
    message: `AI Guardrails did not analyse this file (${skipped.reason}): ${skipped.message}`,
  };
}
