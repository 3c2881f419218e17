import { triggerSummary } from './hover';
import { CATEGORIES } from '../engine/categories';
import type { Finding, Region } from '../engine/types';
import { editNote, type RegionReview } from './diagnostics';

/** "Copy review request as Markdown": category, location, why and the checklist, for a PR. */
export function reviewRequestMarkdown(relPath: string, region: Region, review: RegionReview, findings: Finding[]): string {
  const info = CATEGORIES[region.category];
  const start = region.span.start.line + 1;
  const end = region.span.end.line + 1;
  const lines = [
    `### AI Guardrails review request: ${info.title} (\`${region.category}\`, ${region.tier})`,
    '',
    `**Where:** \`${relPath}:${start}-${end}\` — \`${region.symbol}\``,
    `**Status:** ${review.detail ?? review.status}${editNote(review) ? ` (${editNote(review)})` : ''}`,
    `**Fingerprint:** \`${region.fingerprint}\``,
    '',
    `**Why a human must review:** ${info.why}`,
    '',
    '**Checklist**',
    ...info.checklist.map((c) => `- [ ] ${c}`),
  ];
  if (findings.length > 0) {
    lines.push('', '**Findings in this region**');
    for (const f of findings) lines.push(`- [${f.severity}] line ${f.span.start.line + 1}: ${f.message} (\`${f.rule}\`, CWE-${f.cwe})`);
  }
  lines.push('', `Triggers: ${triggerSummary(region)}`);
  return `${lines.join('\n')}\n`;
}
