/**
 * Request taint (requestTaint.ts): SQL built from a value the handler read from the request is
 * reported by default; the same SQL built from a caller's value stays an audit finding. Fixtures in
 * test/fixtures/taint annotate the line after `default: <rule>` (reported by default),
 * `audit-only: <rule>` (reported only with audit findings) and `safe:` (no finding by default).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { languageForPath } from '../../server/src/engine/languages';
import { REPO_ROOT, sharedEngine } from '../helpers/engine';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'taint');

interface Expectation {
  line: number;
  kind: 'default' | 'audit-only' | 'safe';
  rule?: string;
}

function expectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split('\n').forEach((l, i) => {
    const m = /(?:\/\/|#)\s*(default|audit-only|safe):\s*([\w.-]+)?/.exec(l);
    if (m) out.push({ line: i + 1, kind: m[1] as Expectation['kind'], ...(m[1] !== 'safe' && m[2] ? { rule: m[2] } : {}) });
  });
  return out;
}

describe('request taint promotes SQL findings to the default suite', function () {
  this.timeout(60000);
  for (const name of fs.readdirSync(FIXTURES).sort()) {
    it(name, async () => {
      const file = path.join(FIXTURES, name);
      const language = languageForPath(file);
      assert.ok(language, name);
      const text = fs.readFileSync(file, 'utf8');
      const engine = await sharedEngine();
      const byDefault = engine.analyze(text, language).analysis;
      const audit = engine.analyze(text, language, { auditFindings: true }).analysis;
      assert.ok(!byDefault.hasSyntaxErrors, `${name} must parse`);
      const at = (findings: typeof byDefault.findings, line: number) => findings.filter((f) => f.span.start.line === line).map((f) => f.rule);
      const problems: string[] = [];
      const expected = expectations(text);
      assert.ok(expected.some((e) => e.kind === 'default') && expected.some((e) => e.kind !== 'default'), `${name} needs both kinds of case`);
      for (const e of expected) {
        const got = at(byDefault.findings, e.line);
        if (e.kind === 'default') {
          if (!got.includes(e.rule!)) problems.push(`${name}:${e.line + 1}: expected ${e.rule} by default, got [${got.join(', ')}]`);
          const f = byDefault.findings.find((x) => x.span.start.line === e.line && x.rule === e.rule);
          if (f && !/The value comes from the request: \S/.test(f.message)) problems.push(`${name}:${e.line + 1}: the message does not name the request source: ${f.message}`);
        } else if (got.length > 0) problems.push(`${name}:${e.line + 1}: expected no default finding, got [${got.join(', ')}]`);
        if (e.kind === 'audit-only' && !at(audit.findings, e.line).includes(e.rule!)) problems.push(`${name}:${e.line + 1}: expected ${e.rule} with audit findings on`);
      }
      // Nothing else in these files is reported by default.
      const annotated = new Set(expected.filter((e) => e.kind === 'default').map((e) => `${e.line}:${e.rule}`));
      for (const f of byDefault.findings) if (!annotated.has(`${f.span.start.line}:${f.rule}`)) problems.push(`${name}:${f.span.start.line + 1}: unexpected default finding ${f.rule}`);
      assert.deepStrictEqual(problems, []);
    });
  }
});
