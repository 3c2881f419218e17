/**
 * The generic findings-fixture runner. Files under test/fixtures/findings/<family>/ are annotated:
 *
 *   // finding: go.timing.bytes-equal     (Python: # finding: …)
 *   if bytes.Equal(mac, expected) {
 *
 *   // safe: constant-time comparison
 *   if hmac.Equal(mac, expected) {
 *
 * `finding: <rule>[, <rule>]` — the next code line must start a finding of each listed rule.
 * `safe` — the next code line must start no finding.
 * Every finding in a fixture must be annotated. For every finding with a fix, the fix is applied
 * and the result must still parse (tree-sitter, plus `python3 -m py_compile` for Python and the
 * TypeScript parser for TS/JS), and the same finding must no longer fire at that line.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { languageForPath, type LanguageId } from '../../server/src/engine/languages';
import { applyEdits } from '../../server/src/engine/textEdits';
import type { Finding } from '../../server/src/engine/types';
import { REPO_ROOT, sharedEngine } from '../helpers/engine';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'findings');
const ANNOTATION = /^\s*(?:\/\/|#)\s*(finding|safe)\b:?\s*(.*)$/;

interface Annotation {
  kind: 'finding' | 'safe';
  rules: string[];
  line: number;
}

function readAnnotations(text: string): Annotation[] {
  const lines = text.split('\n');
  const out: Annotation[] = [];
  lines.forEach((line, index) => {
    const m = ANNOTATION.exec(line);
    if (!m) return;
    let target = index + 1;
    while (target < lines.length && (ANNOTATION.test(lines[target] ?? '') || (lines[target] ?? '').trim() === '')) target++;
    const kind = m[1] === 'finding' ? 'finding' : 'safe';
    out.push({ kind, rules: kind === 'finding' ? (m[2] ?? '').split(/[\s,]+/).filter((r) => r.length > 0) : [], line: target });
  });
  return out;
}

function compilerProblems(language: LanguageId, text: string): string | undefined {
  if (language === 'python') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-fix-'));
    const file = path.join(dir, 'fixed.py');
    fs.writeFileSync(file, text);
    const r = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    if (r.error) return undefined; // no python3 here: tree-sitter reparse still ran
    return r.status === 0 ? undefined : r.stderr;
  }
  if (language === 'typescript' || language === 'tsx' || language === 'javascript') {
    const kind = language === 'tsx' ? ts.ScriptKind.TSX : language === 'javascript' ? ts.ScriptKind.JS : ts.ScriptKind.TS;
    const sf = ts.createSourceFile(`fixed.${language === 'tsx' ? 'tsx' : language === 'javascript' ? 'js' : 'ts'}`, text, ts.ScriptTarget.Latest, true, kind);
    const diags = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
    return diags.length > 0 ? diags.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ') : undefined;
  }
  return undefined;
}

function fixtureFiles(): string[] {
  if (!fs.existsSync(FIXTURES)) return [];
  const files: string[] = [];
  for (const family of fs.readdirSync(FIXTURES)) {
    for (const name of fs.readdirSync(path.join(FIXTURES, family))) files.push(path.join(FIXTURES, family, name));
  }
  return files.sort();
}

export const findingTotals = new Map<string, { flagged: number; safe: number; fixed: number }>();

describe('finding fixtures', function () {
  this.timeout(60000);
  for (const file of fixtureFiles()) {
    const rel = path.relative(FIXTURES, file);
    it(rel, async () => {
      const language = languageForPath(file);
      assert.ok(language, `unsupported fixture extension: ${rel}`);
      const text = fs.readFileSync(file, 'utf8');
      const engine = await sharedEngine();
      const { analysis } = engine.analyze(text, language, { auditFindings: true });
      assert.ok(!analysis.hasSyntaxErrors, `${rel} has syntax errors; fixtures must parse`);
      const byLine = new Map<number, Finding[]>();
      for (const f of analysis.findings) byLine.set(f.span.start.line, [...(byLine.get(f.span.start.line) ?? []), f]);
      const problems: string[] = [];
      const expected = new Set<string>();
      const annotations = readAnnotations(text);
      for (const a of annotations) {
        const found = byLine.get(a.line) ?? [];
        if (a.kind === 'safe') {
          if (found.length > 0) problems.push(`${rel}:${a.line + 1}: marked safe but ${found.map((f) => f.rule).join(', ')} fired`);
          continue;
        }
        for (const rule of a.rules) {
          expected.add(`${a.line}:${rule}`);
          const t = findingTotals.get(rule) ?? { flagged: 0, safe: 0, fixed: 0 };
          t.flagged++;
          findingTotals.set(rule, t);
          if (!found.some((f) => f.rule === rule)) problems.push(`${rel}:${a.line + 1}: expected finding ${rule}, none fired`);
        }
      }
      // Look-alikes are counted for every rule a file exercises.
      const fileRules = new Set(annotations.flatMap((a) => a.rules));
      const safeLines = annotations.filter((x) => x.kind === 'safe').length;
      for (const rule of fileRules) {
        const t = findingTotals.get(rule) ?? { flagged: 0, safe: 0, fixed: 0 };
        t.safe += safeLines;
        findingTotals.set(rule, t);
      }
      for (const f of analysis.findings) {
        if (!expected.has(`${f.span.start.line}:${f.rule}`)) problems.push(`${rel}:${f.span.start.line + 1}: unexpected finding ${f.rule}`);
        assert.ok(['error', 'warning', 'info'].includes(f.severity), `${f.rule}: bad severity ${f.severity}`);
        assert.ok(Number.isInteger(f.cwe) && f.cwe > 0, `${f.rule}: cwe must be a positive number`);
        assert.ok(f.message.length > 10, `${f.rule}: message too short`);
      }
      // Every fix must leave code that parses, and must remove the finding it fixes.
      for (const f of analysis.findings) {
        if (!f.fix) continue;
        const fixed = applyEdits(text, f.fix.edits);
        assert.notStrictEqual(fixed, text, `${rel}:${f.span.start.line + 1}: fix for ${f.rule} changes nothing`);
        const again = engine.analyze(fixed, language, { auditFindings: true }).analysis;
        if (again.hasSyntaxErrors) problems.push(`${rel}:${f.span.start.line + 1}: fix for ${f.rule} leaves a syntax error`);
        const compiler = compilerProblems(language, fixed);
        if (compiler) problems.push(`${rel}:${f.span.start.line + 1}: fix for ${f.rule} does not compile: ${compiler}`);
        const lineDelta = fixed.split('\n').length - text.split('\n').length;
        const still = again.findings.some(
          (g) => g.rule === f.rule && g.span.start.line >= f.span.start.line && g.span.start.line <= f.span.start.line + Math.max(0, lineDelta),
        );
        if (still) problems.push(`${rel}:${f.span.start.line + 1}: ${f.rule} still fires after its fix`);
        const t = findingTotals.get(f.rule) ?? { flagged: 0, safe: 0, fixed: 0 };
        t.fixed++;
        findingTotals.set(f.rule, t);
      }
      assert.deepStrictEqual(problems, []);
    });
  }

  after(() => {
    if (findingTotals.size === 0) return;
    console.log('      finding rules (must-flag / look-alike lines in the same files / fixes verified):');
    for (const [rule, t] of [...findingTotals].sort()) console.log(`        ${rule}: ${t.flagged} / ${t.safe} / ${t.fixed}`);
  });
});
