import { createHash } from 'crypto';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Result } from 'sarif';
import { CATEGORIES, type CategoryId } from '../engine/categories';
import type { Finding, Region, Span } from '../engine/types';

/**
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, the SARIF viewer). Built with
 * node-sarif-builder; what it has no setter for (fingerprints, suppressions, properties) is set on
 * the objects it builds. Findings are results at their severity with CWE tags and a
 * `security-severity`; guarded regions are results of level `warning` (do-not-trust) or `note`
 * (review). `partialFingerprints` come from the engine's own fingerprints, so code scanning
 * tracks an alert across commits that move or reformat its code.
 */

export interface SarifRegion {
  path: string;
  region: Region;
  /** Review status shown in the message (approved, unreviewed, …). */
  status: string;
  /** For `check`: whether the region changed in the compared range. */
  change?: string;
}

export interface SarifFinding {
  path: string;
  finding: Finding;
  fingerprint: string;
}

const HELP_URI = 'https://github.com/ai-guardrails/ai-guardrails#findings';
const SECURITY_SEVERITY: Record<Finding['severity'], string> = { error: '8.0', warning: '5.5', info: '3.0' };

function regionRuleId(category: CategoryId): string {
  return `region/${category}`;
}

function location(span: Span): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  return { startLine: span.start.line + 1, startColumn: span.start.character + 1, endLine: span.end.line + 1, endColumn: span.end.character + 1 };
}

function hash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

function checklistMarkdown(category: CategoryId): string {
  const info = CATEGORIES[category];
  return `${info.why}\n\nWhat a reviewer checks:\n${info.checklist.map((c) => `- ${c}`).join('\n')}`;
}

export function toSarif(version: string, regions: readonly SarifRegion[], findings: readonly SarifFinding[]): string {
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'ai-guardrails', toolDriverVersion: version, url: 'https://github.com/ai-guardrails/ai-guardrails' });
  run.run.tool.driver.semanticVersion = version;
  const rules = new Map<string, SarifRuleBuilder>();
  const addRule = (id: string, make: () => SarifRuleBuilder) => {
    if (!rules.has(id)) rules.set(id, make());
  };

  for (const { finding } of findings) {
    addRule(finding.rule, () => {
      const info = CATEGORIES[finding.category];
      const rule = new SarifRuleBuilder().initSimple({
        ruleId: finding.rule,
        shortDescriptionText: `${info.title}: ${finding.rule}`,
        fullDescriptionText: finding.message,
        helpUri: HELP_URI,
      });
      rule.rule.help = { text: `${finding.message}\n\n${checklistMarkdown(finding.category)}`, markdown: `${finding.message}\n\n${checklistMarkdown(finding.category)}` };
      rule.rule.defaultConfiguration = { level: finding.severity === 'info' ? 'note' : finding.severity };
      rule.rule.properties = {
        tags: ['security', `external/cwe/cwe-${finding.cwe}`, finding.category],
        'security-severity': SECURITY_SEVERITY[finding.severity],
        precision: 'high',
      };
      return rule;
    });
  }
  for (const { region } of regions) {
    addRule(regionRuleId(region.category), () => {
      const info = CATEGORIES[region.category];
      const rule = new SarifRuleBuilder().initSimple({
        ruleId: regionRuleId(region.category),
        shortDescriptionText: `${info.title} (${info.tier === 'do-not-trust' ? 'do not trust AI edits' : 'AI edits need review'})`,
        fullDescriptionText: `${info.title}: ${info.covers}. ${info.why}`,
        helpUri: 'https://github.com/ai-guardrails/ai-guardrails#categories',
      });
      rule.rule.help = { text: checklistMarkdown(region.category), markdown: checklistMarkdown(region.category) };
      rule.rule.defaultConfiguration = { level: info.tier === 'do-not-trust' ? 'warning' : 'note' };
      rule.rule.properties = { tags: ['ai-guardrails', 'human-review', region.category, `tier:${info.tier}`] };
      return rule;
    });
  }
  for (const [, rule] of [...rules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) run.addRule(rule);

  for (const { path, finding, fingerprint } of findings) {
    const result = new SarifResultBuilder().initSimple({
      level: finding.severity === 'info' ? 'note' : finding.severity,
      messageText: finding.message,
      ruleId: finding.rule,
      fileUri: path,
      ...location(finding.span),
    });
    const r: Result = result.result;
    r.partialFingerprints = { 'aiGuardrailsFinding/v1': fingerprint };
    if (finding.suppression) {
      r.suppressions = [{ kind: 'inSource', justification: finding.suppression.reason, status: 'accepted' }];
    }
    if (finding.fix) r.properties = { fixAvailable: true, fixTitle: finding.fix.title };
    run.addResult(result);
  }
  for (const { path, region, status, change } of regions) {
    const info = CATEGORIES[region.category];
    const first = region.triggers[0];
    const what = change ? `${change === 'new' ? 'New' : 'Changed'} ${info.title} code` : `${info.title} code`;
    const result = new SarifResultBuilder().initSimple({
      level: region.tier === 'do-not-trust' ? 'warning' : 'note',
      messageText:
        `${what} in ${region.symbol} (${region.tier === 'do-not-trust' ? 'do not trust AI edits' : 'AI edits need review'}; review status: ${status})` +
        (first ? `, triggered by ${first.rule}` : ''),
      ruleId: regionRuleId(region.category),
      fileUri: path,
      ...location(region.span),
    });
    const r: Result = result.result;
    // The region fingerprint hashes the unit's code tokens; the symbol separates identical copies.
    r.partialFingerprints = { 'aiGuardrailsRegion/v1': hash(region.fingerprint, region.symbol) };
    r.properties = { category: region.category, tier: region.tier, symbol: region.symbol, review: status, fingerprint: region.fingerprint, ...(change ? { change } : {}) };
    if (region.suppression) {
      r.suppressions = [{ kind: 'inSource', justification: region.suppression.reason, status: 'accepted' }];
    }
    run.addResult(result);
  }
  const builder = new SarifBuilder();
  builder.log.$schema = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
  builder.addRun(run);
  return `${builder.buildSarifJsonString({ indent: true })}\n`;
}
