/** Which lines get which editor decoration. Pure: decorations.ts turns this into ranges. */
import type { Tier } from '../../../common/src/categories';
import type { RegionDto } from '../../../common/src/protocol';
import { decorationKinds } from './status';

export interface LineSpan {
  startLine: number;
  endLine: number;
}

export interface TierPlan {
  /** Lines that get the tier's gutter icon: the first line of each region. */
  gutterLines: number[];
  /** Line spans that get the tier's whole-line background. */
  backgrounds: LineSpan[];
}

export type DecorationPlan = Record<Tier, TierPlan>;

export interface DecorationOptions {
  gutterIcons: boolean;
  lineBackground: boolean;
}

/**
 * One gutter icon per line (VS Code draws only one): do-not-trust wins over review. Identical
 * background spans are drawn once per tier so translucent colours do not stack.
 */
export function decorationPlan(regions: readonly Pick<RegionDto, 'tier' | 'span' | 'review' | 'bulkEdit'>[], options: DecorationOptions): DecorationPlan {
  const gutter: Record<Tier, Set<number>> = { 'do-not-trust': new Set(), review: new Set() };
  const backgrounds: Record<Tier, Map<string, LineSpan>> = { 'do-not-trust': new Map(), review: new Map() };
  for (const r of regions) {
    const kinds = decorationKinds(r);
    if (options.gutterIcons && kinds.gutter) gutter[r.tier].add(r.span.start.line);
    if (options.lineBackground && kinds.background) {
      const span = { startLine: r.span.start.line, endLine: Math.max(r.span.start.line, r.span.end.line) };
      backgrounds[r.tier].set(`${span.startLine}:${span.endLine}`, span);
    }
  }
  for (const line of gutter['do-not-trust']) gutter.review.delete(line);
  const plan = (tier: Tier): TierPlan => ({
    gutterLines: [...gutter[tier]].sort((a, b) => a - b),
    backgrounds: [...backgrounds[tier].values()].sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine),
  });
  return { 'do-not-trust': plan('do-not-trust'), review: plan('review') };
}
