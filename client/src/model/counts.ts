/** Counting regions for the badge, the status bar and the group nodes. Pure. */
import { CATEGORIES, CATEGORY_IDS, type CategoryId, type Tier } from '../../../common/src/categories';
import type { RegionDto, WorkspaceResults } from '../../../common/src/protocol';
import { needsReview } from './status';

type CountedRegion = Pick<RegionDto, 'category' | 'tier' | 'review' | 'bulkEdit'>;

/** Regions of `tier` that still need a human (see `needsReview`), per category, in category order. */
export function needsReviewByCategory(regions: readonly CountedRegion[], tier: Tier): Map<CategoryId, number> {
  const counts = new Map<CategoryId, number>();
  for (const r of regions) {
    if (r.tier !== tier || !needsReview(r)) continue;
    counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  }
  return new Map(CATEGORY_IDS.filter((c) => counts.has(c)).map((c) => [c, counts.get(c) ?? 0]));
}

/** The number on the activity-bar badge and the status bar: do-not-trust regions needing review. */
export function unreviewedDoNotTrust(regions: readonly CountedRegion[]): number {
  let n = 0;
  for (const r of regions) if (r.tier === 'do-not-trust' && needsReview(r)) n++;
  return n;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function statusBarText(results: Pick<WorkspaceResults, 'regions'>): string {
  return `$(shield) ${unreviewedDoNotTrust(results.regions)}`;
}

/** Markdown for the status bar tooltip: the count broken down by category. */
export function statusBarTooltip(results: Pick<WorkspaceResults, 'regions' | 'scanning' | 'filesScanned' | 'filesTotal'>): string {
  const doNotTrust = needsReviewByCategory(results.regions, 'do-not-trust');
  const review = needsReviewByCategory(results.regions, 'review');
  const total = [...doNotTrust.values()].reduce((a, b) => a + b, 0);
  const lines = [`**AI Guardrails** — ${plural(total, 'do-not-trust region')} awaiting human review`, ''];
  for (const [c, n] of doNotTrust) lines.push(`- ${CATEGORIES[c].title}: ${n}`);
  const reviewTotal = [...review.values()].reduce((a, b) => a + b, 0);
  if (reviewTotal > 0) {
    lines.push('', `Review carefully: ${[...review].map(([c, n]) => `${CATEGORIES[c].title} ${n}`).join(', ')}`);
  }
  if (results.scanning) lines.push('', `Scanning… ${results.filesScanned}/${results.filesTotal} files`);
  lines.push('', 'Click to open the Guardrails sidebar.');
  return lines.join('\n');
}

export interface GroupCounts {
  regions: number;
  needsReview: number;
  findings: number;
}

/** Description of a group node: "3 regions · 2 need review · 1 finding". */
export function groupDescription(c: GroupCounts): string {
  const parts: string[] = [];
  if (c.regions > 0) parts.push(plural(c.regions, 'region'));
  if (c.needsReview > 0) parts.push(`${c.needsReview} need${c.needsReview === 1 ? 's' : ''} review`);
  if (c.findings > 0) parts.push(plural(c.findings, 'finding'));
  return parts.join(' · ');
}
