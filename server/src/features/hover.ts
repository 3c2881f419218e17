import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { CATEGORIES } from '../engine/categories';
import { containsInclusive } from '../../../common/src/ranges';
import type { Region } from '../engine/types';
import type { RegionReview } from './diagnostics';
import { categoryDocUrl, editNote } from './diagnostics';

/** Regions covering a position, innermost first. */
export function regionsAt(regions: Region[], pos: Position): Region[] {
  return regions
    .filter((r) => containsInclusive(r.span, pos))
    .sort((a, b) => b.span.start.line - a.span.start.line || a.span.end.line - b.span.end.line);
}

export function regionMarkdown(region: Region, review: RegionReview): string {
  const info = CATEGORIES[region.category];
  const tier = region.tier === 'do-not-trust' ? '**do not trust** (AI is dangerous here)' : '**review carefully**';
  const status = review.status === 'suppressed' && region.suppression ? `suppressed — ${region.suppression.reason}` : (review.detail ?? review.status);
  const lines = [
    `**AI Guardrails: ${info.title}** \`${region.category}\` — ${tier}`,
    '',
    `Review status: **${status}**${editNote(review) ? ` · ⚠ ${editNote(review)}` : ''} · \`${region.symbol}\``,
    '',
    info.why,
    '',
    '**Review checklist**',
    ...info.checklist.map((c) => `- [ ] ${c}`),
    '',
    `Triggers: ${triggerSummary(region)}`,
    '',
    `[About this category](${categoryDocUrl(region.category)})`,
  ];
  return lines.join('\n');
}

export function hoverFor(regions: Region[], pos: Position, reviewOf: (r: Region) => RegionReview): Hover | null {
  const here = regionsAt(regions, pos);
  if (here.length === 0) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: here.map((r) => regionMarkdown(r, reviewOf(r))).join('\n\n---\n\n') },
  };
}

/** "`go.jwt.api` (lines 35, 40), `go.crypto.hmac` (line 52)": each rule once, its lines in order. */
export function triggerSummary(region: Region): string {
  const lines = new Map<string, Set<number>>();
  for (const t of region.triggers) lines.set(t.rule, (lines.get(t.rule) ?? new Set()).add(t.span.start.line + 1));
  return [...lines]
    .map(([rule, set]) => {
      const ls = [...set].sort((a, b) => a - b);
      return `\`${rule}\` (line${ls.length > 1 ? 's' : ''} ${ls.join(', ')})`;
    })
    .join(', ');
}
