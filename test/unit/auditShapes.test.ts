/**
 * Findings that the round 9 review (hoppscotch) moved to the audit level (confidence low: hidden
 * unless auditFindings is on), next to the look-alikes that must stay reported. Since the
 * calibration on judged real code (stop 29) every insecure-random finding is an audit finding, and
 * TLS verification turned off is a warning: the shapes below still decide within those levels.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT, sharedEngine } from '../helpers/engine';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'findings', 'ecma');

async function errorLines(file: string, audit: boolean, severity: 'error' | 'warning' = 'error'): Promise<number[]> {
  const engine = await sharedEngine();
  const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
  const { analysis } = engine.analyze(text, 'typescript', { auditFindings: audit });
  return analysis.findings.filter((f) => f.severity === severity).map((f) => f.span.start.line + 1);
}

function lineOf(file: string, needle: string): number {
  const lines = fs.readFileSync(path.join(FIXTURES, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${needle} not in ${file}`);
  return i + 1;
}

describe('audit-level findings (round 9 shapes)', () => {
  it('a browser pairing code is not an error; browser tokens are errors (all at the audit level)', async () => {
    const file = 'randomness-browser.ts';
    assert.deepStrictEqual(await errorLines(file, false), [], 'insecure-random findings are audit findings');
    const errors = await errorLines(file, true);
    assert.ok(!errors.includes(lineOf(file, 'const otp =')), 'the pairing code must not be an error');
    assert.ok(errors.includes(lineOf(file, 'const csrfToken =')), 'a browser CSRF token stays an error');
    assert.ok(errors.includes(lineOf(file, 'const sessionToken =')), 'a browser session token stays an error');
  });

  it('rejectUnauthorized: false in an sslmode branch beside a strict branch is audit; without one it stays reported', async () => {
    const file = 'tls.ts';
    const warnings = await errorLines(file, false, 'warning');
    const relaxed = lineOf(file, 'return { rejectUnauthorized: false };');
    assert.ok(!warnings.includes(relaxed), 'the operator-selected mode is not reported by default');
    const lines = fs.readFileSync(path.join(FIXTURES, file), 'utf8').split('\n');
    const production = lines.findIndex((l, i) => i > relaxed && l.trim() === 'rejectUnauthorized: false,') + 1;
    assert.ok(production > 0 && warnings.includes(production), 'a production switch without a strict branch stays reported by default');
  });
});
