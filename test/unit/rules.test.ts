/**
 * The generic rule-fixture runner. Every file under test/fixtures/rules/<family>/ is annotated:
 *
 *   // expect: jwt            (or `# expect: jwt, crypto` in Python)
 *   token, err := jwt.Parse(raw, keyFunc)
 *
 *   // ok: a look-alike that must not trigger
 *   parser.Parse(raw)
 *
 * `expect: <categories>` — the next code line must start a trigger of each listed category.
 * `ok` — the next code line must start no trigger of any category.
 * In `<category>.<ext>` every trigger of that category must be on an `expect` line (nothing
 * unannotated may fire). In `lookalikes.<ext>` no trigger of any category may fire at all.
 * Adding a rule means adding a query and annotated lines here; no new test code.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CATEGORY_IDS, isCategoryId, type CategoryId } from '../../server/src/engine/categories';
import { languageForPath } from '../../server/src/engine/languages';
import type { Trigger } from '../../server/src/engine/types';
import { REPO_ROOT, sharedEngine } from '../helpers/engine';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'rules');
const ANNOTATION = /^\s*(?:\/\/|#)\s*(expect|ok)\b:?\s*(.*)$/;

export interface Expectation {
  kind: 'expect' | 'ok';
  categories: CategoryId[];
  /** Rule ids named in the annotation (`expect: go.jwt.algorithm-check`): each must fire there. */
  rules: string[];
  /** 0-based line the annotation applies to. */
  line: number;
  annotationLine: number;
}

export function readExpectations(text: string): Expectation[] {
  const lines = text.split('\n');
  const out: Expectation[] = [];
  lines.forEach((line, index) => {
    const m = ANNOTATION.exec(line);
    if (!m) return;
    let target = index + 1;
    while (target < lines.length && (ANNOTATION.test(lines[target] ?? '') || (lines[target] ?? '').trim() === '')) target++;
    const kind = m[1] === 'expect' ? 'expect' : 'ok';
    const words = kind === 'expect' ? (m[2] ?? '').split(/[\s,]+/).filter((c) => c.length > 0) : [];
    const rules = words.filter((w) => w.includes('.'));
    const categories = [...new Set([
      ...words.filter((w) => !w.includes('.')),
      ...rules.map((r) => r.split('.')[1] ?? ''),
    ])].map((c) => {
      if (!isCategoryId(c)) throw new Error(`line ${index + 1}: unknown category "${c}"`);
      return c;
    });
    out.push({ kind, categories, rules, line: target, annotationLine: index });
  });
  return out;
}

function fixtureFiles(): string[] {
  const files: string[] = [];
  for (const family of fs.readdirSync(FIXTURES)) {
    for (const name of fs.readdirSync(path.join(FIXTURES, family))) files.push(path.join(FIXTURES, family, name));
  }
  return files.sort();
}

describe('rule fixtures', function () {
  this.timeout(20000);
  const totals = { expect: 0, ok: 0 };

  for (const file of fixtureFiles()) {
    const rel = path.relative(FIXTURES, file);
    const base = path.basename(file).replace(/\.[^.]+$/, '');
    it(rel, async () => {
      const language = languageForPath(file);
      assert.ok(language, `unsupported fixture extension: ${rel}`);
      assert.ok(isCategoryId(base) || base === 'lookalikes', `fixture name must be a category id or "lookalikes": ${rel}`);
      const text = fs.readFileSync(file, 'utf8');
      const engine = await sharedEngine();
      const { analysis } = engine.analyze(text, language);
      assert.ok(!analysis.hasSyntaxErrors, `${rel} has syntax errors; fixtures must parse`);
      const triggers: Trigger[] = analysis.regions.flatMap((r) => r.triggers);
      const byLine = new Map<number, Trigger[]>();
      for (const t of triggers) byLine.set(t.span.start.line, [...(byLine.get(t.span.start.line) ?? []), t]);
      const expectations = readExpectations(text);
      const problems: string[] = [];
      const expected = new Set<string>();
      for (const e of expectations) {
        const found = byLine.get(e.line) ?? [];
        if (e.kind === 'ok') {
          totals.ok++;
          if (found.length > 0) {
            problems.push(`${rel}:${e.line + 1}: marked ok but ${found.map((t) => `${t.rule} (${t.category})`).join(', ')} fired`);
          }
          continue;
        }
        for (const c of e.categories) {
          totals.expect++;
          expected.add(`${e.line}:${c}`);
          if (!found.some((t) => t.category === c)) problems.push(`${rel}:${e.line + 1}: expected a ${c} trigger, none fired`);
        }
        for (const r of e.rules) {
          if (!found.some((t) => t.rule === r)) problems.push(`${rel}:${e.line + 1}: expected rule ${r}, got ${found.map((t) => t.rule).join(', ') || 'nothing'}`);
        }
      }
      for (const t of triggers) {
        const strict = base === 'lookalikes' || t.category === base;
        if (strict && !expected.has(`${t.span.start.line}:${t.category}`)) {
          problems.push(`${rel}:${t.span.start.line + 1}: unexpected ${t.rule} (${t.category})`);
        }
      }
      if (isCategoryId(base)) {
        assert.ok(expectations.some((e) => e.kind === 'expect' && e.categories.includes(base)), `${rel} has no expect: ${base} case`);
        assert.ok(expectations.some((e) => e.kind === 'ok'), `${rel} has no ok (look-alike) case`);
      }
      assert.deepStrictEqual(problems, []);
    });
  }

  it('covers every category in every language family', () => {
    const missing: string[] = [];
    for (const family of ['go', 'python', 'ecma']) {
      const names = fs.readdirSync(path.join(FIXTURES, family)).map((n) => n.replace(/\.[^.]+$/, ''));
      for (const c of CATEGORY_IDS) if (!names.includes(c)) missing.push(`${family}/${c}`);
    }
    assert.deepStrictEqual(missing, []);
  });

  after(() => {
    console.log(`      rule fixtures: ${totals.expect} must-flag cases, ${totals.ok} look-alike cases`);
  });
});
