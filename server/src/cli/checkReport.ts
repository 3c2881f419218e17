import { CATEGORIES } from '../engine/categories';
import type { GateReport, GateStatus } from '../review/gate';

/** Text and Markdown renderings of a `check` report (the PR comment / `$GITHUB_STEP_SUMMARY`). */

export interface CheckMeta {
  base: string;
  mergeBase: string;
  head: string;
  filesAnalysed: number;
  skipped: { path: string; reason: string }[];
  failOn: string[];
  millis: number;
}

const STATUS_LABEL: Record<GateStatus, string> = {
  approved: 'approved',
  requested: 'review requested',
  stale: 'changed since approval',
  unreviewed: 'not reviewed',
  suppressed: 'suppressed',
};

/** Escapes text for a Markdown table cell (pipes, newlines, HTML and backticks from file names). */
function cell(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n|\r/g, ' ');
}

function code(text: string): string {
  const clean = text.replace(/[\r\n]/g, ' ');
  const fence = clean.includes('`') ? '``' : '`';
  return `${fence}${clean.replace(/\|/g, '\\|')}${fence}`;
}

/** A shell word: quoted when it needs to be, so the suggested commands can be pasted. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function checkMarkdown(report: GateReport, meta: CheckMeta): string {
  const out: string[] = [];
  const blocking = report.changed.filter((c) => c.blocking);
  const blockingFindings = report.findings.filter((f) => f.blocking);
  const verdict = report.failed
    ? `❌ **${blocking.length + blockingFindings.length} guarded change${blocking.length + blockingFindings.length === 1 ? '' : 's'} need${blocking.length + blockingFindings.length === 1 ? 's' : ''} a human review before merge**`
    : report.changed.length > 0
      ? '✅ **Every changed guarded region that needs review is approved**'
      : '✅ **No guarded code changed**';
  out.push('## AI Guardrails review gate', '', verdict, '');
  out.push(
    `Compared ${code(meta.head)} with the merge base ${code(meta.mergeBase.slice(0, 12))} of ${code(meta.base)}: ${meta.filesAnalysed} changed source file${meta.filesAnalysed === 1 ? '' : 's'} analysed, ` +
      `${report.changed.length} guarded region${report.changed.length === 1 ? '' : 's'} changed, ${report.unchanged} unchanged; fails on: ${meta.failOn.join(', ') || 'nothing'}.`,
    '',
  );
  if (report.changed.length > 0) {
    out.push('| | Region | Category | Tier | Change | Review |', '|---|---|---|---|---|---|');
    for (const c of report.changed) {
      const icon = c.blocking ? '❌' : c.status === 'approved' ? '✅' : c.status === 'suppressed' ? '➖' : '⚠️';
      const where = `${cell(c.path)}:${c.region.span.start.line + 1}`;
      out.push(
        `| ${icon} | ${code(c.region.symbol)} in ${where} | ${cell(CATEGORIES[c.region.category].title)} | ${c.region.tier} | ${c.change}${c.editedBy ? `, by ${cell(c.editedBy)}` : ''} | ${STATUS_LABEL[c.status]}${c.detail ? ` (${cell(c.detail)})` : ''} |`,
      );
    }
    out.push('');
  }
  if (report.findings.length > 0) {
    out.push('### New findings', '', '| | Where | Rule | Severity | Message |', '|---|---|---|---|---|');
    for (const f of report.findings) {
      const icon = f.finding.suppression ? '➖' : f.blocking ? '❌' : '⚠️';
      const sev = f.finding.suppression ? `${f.finding.severity}, suppressed: ${cell(f.finding.suppression.reason)}` : f.finding.severity;
      out.push(`| ${icon} | ${cell(f.path)}:${f.finding.span.start.line + 1} | ${code(f.finding.rule)} | ${sev} | ${cell(f.finding.message)} |`);
    }
    out.push('');
  }
  if (report.removed.length > 0) {
    out.push(
      '<details><summary>Guarded regions removed or no longer detected (' + report.removed.length + ')</summary>',
      '',
      ...report.removed.map((r) => `- ${code(r.symbol)} in ${cell(r.path)} (${r.category}, ${r.tier})`),
      '',
      '</details>',
      '',
    );
  }
  if (report.approvalsAdded.length > 0) {
    out.push('### Approvals added in this range', '', '| Region | Category | Approved by | At | Committed by |', '|---|---|---|---|---|');
    for (const a of report.approvalsAdded) {
      const committers = a.committedBy?.length ? a.committedBy.map(cell).join(', ') : 'not committed yet';
      out.push(`| ${code(a.symbol)} in ${cell(a.path)} | ${a.category} | ${cell(a.event.by)} | ${a.event.at.slice(0, 16).replace('T', ' ')} | ${committers} |`);
    }
    out.push('');
  }
  if (meta.skipped.length > 0) {
    out.push(
      `**${meta.skipped.length} changed file${meta.skipped.length === 1 ? ' was' : 's were'} not analysed** (the gate fails: it cannot vouch for them):`,
      '',
      ...meta.skipped.map((s) => `- ${cell(s.path)}: ${cell(s.reason)}`),
      '',
    );
  }
  if (blocking.length > 0) {
    out.push(
      '### To pass',
      '',
      'A human who has read the code records the review in the repository ledger (`.guardrails/reviews.json`) and commits it:',
      '',
      '```sh',
      ...blocking.map((c) => `ai-guardrails review approve ${shellWord(`${c.path}:${c.region.span.start.line + 1}`)} --note ${shellWord('reviewed: <what you checked>')}`),
      'git add .guardrails/reviews.json && git commit -m "Review guarded code"',
      '```',
      '',
      'Or ask for a review first (`ai-guardrails review request <path>:<line>`), or use "Request human review" / "Mark as reviewed" in the editor.',
      '',
    );
  }
  return `${out.join('\n')}\n`;
}

export function checkText(report: GateReport, meta: CheckMeta, colour: (s: string, c: 'red' | 'green' | 'yellow') => string): string {
  const out: string[] = [];
  for (const c of report.changed) {
    const mark = c.blocking ? colour('BLOCKING', 'red') : c.status === 'approved' ? colour('ok', 'green') : colour('note', 'yellow');
    out.push(
      `${c.path}:${c.region.span.start.line + 1}: ${mark} ${c.change} ${c.region.tier === 'do-not-trust' ? 'DO NOT TRUST' : 'review'} ${c.region.category} in ${c.region.symbol} [${STATUS_LABEL[c.status]}${c.detail ? `: ${c.detail}` : ''}]${c.editedBy ? ` edited by ${c.editedBy}` : ''}`,
    );
  }
  for (const f of report.findings) {
    const mark = f.finding.suppression ? 'suppressed' : f.blocking ? colour('BLOCKING', 'red') : 'new';
    out.push(`${f.path}:${f.finding.span.start.line + 1}:${f.finding.span.start.character + 1}: ${mark} ${f.finding.severity}: ${f.finding.message} [${f.finding.rule}]`);
  }
  for (const s of meta.skipped) out.push(`${s.path}: ${colour('not analysed', 'red')}: ${s.reason}`);
  for (const a of report.approvalsAdded) out.push(`approval added: ${a.category} in ${a.symbol} (${a.path}) by ${a.event.by}${a.committedBy?.length ? `, committed by ${a.committedBy.join(', ')}` : ''}`);
  const blocking = report.changed.filter((c) => c.blocking).length + report.findings.filter((f) => f.blocking).length;
  out.push(
    `${meta.filesAnalysed} changed files, ${report.changed.length} guarded regions changed (${blocking} blocking), ${report.findings.length} new findings, ${report.unchanged} unchanged regions in ${(meta.millis / 1000).toFixed(2)}s` +
      (report.failed ? ` — ${colour('gate failed', 'red')}` : ` — ${colour('gate passed', 'green')}`),
  );
  return `${out.join('\n')}\n`;
}
