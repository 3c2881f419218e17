import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Budget, BudgetExceeded, DEFAULT_BUDGET, threadCpuMillis } from '../../server/src/engine/budget';
import { GuardrailEngine, pathsFromRoot } from '../../server/src/engine/engine';
import { languageForPath } from '../../server/src/engine/languages';
import type { CategoryId } from '../../server/src/engine/categories';
import type { Skipped } from '../../server/src/engine/files';
import { pythonIndentLevels } from '../../server/src/engine/parserGuards';
import { scanFile } from '../../server/src/engine/scanFile';
import { scanFiles } from '../../server/src/engine/scanner';
import type { FileAnalysis } from '../../server/src/engine/types';
import { fixtureSourceFiles, REPO_ROOT } from '../helpers/engine';
import { deepPythonDefs, nestedFunctions, SLOW_CASES, sqlChain } from '../helpers/hostile';

/** This thread's CPU milliseconds (the budget's clock), or wall-clock time where the system does not tell. */
const cpuNow = () => threadCpuMillis() ?? performance.now();

/** Every rule and finding fixture (all languages), for before/after comparisons. */
const fixtureFiles = () => fixtureSourceFiles('rules', 'findings');

/** Runs test/helpers/faultProbe.ts in its own process (see there) and returns its JSON. */
function probe(mode: 'engine' | 'scan', files: string[]): { error?: { name: string; message: string }; faults?: number; same?: boolean } {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'out', 'test', 'helpers', 'faultProbe.js'), mode, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.strictEqual(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { error?: { name: string; message: string }; faults?: number; same?: boolean };
}

function withoutTiming(a: FileAnalysis): Omit<FileAnalysis, 'millis'> {
  const { millis: _millis, ...rest } = a;
  return rest;
}


describe('hostile input', function () {
  this.timeout(120000);
  // Own engines: a fault must not reach the engine the other unit tests share.
  let engine: GuardrailEngine;
  before(async () => {
    engine = await GuardrailEngine.create(pathsFromRoot(REPO_ROOT));
  });
  after(() => engine.dispose());

  it('refuses Python nested deeper than its parser can take, before it corrupts the parser', () => {
    const text = deepPythonDefs(600);
    assert.ok(text.length < 512 * 1024, 'under the size limit');
    assert.throws(() => engine.analyze(text, 'python'), (err: unknown) => {
      assert.ok(err instanceof BudgetExceeded, String(err));
      assert.strictEqual(err.message, 'indentation nested 600 levels deep; the Python parser takes at most 300');
      return true;
    });
    assert.strictEqual(engine.faults, 0, 'never reached the parser');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-hostile-'));
    fs.writeFileSync(path.join(dir, 'deep.py'), text);
    const r = scanFile(engine, path.join(dir, 'deep.py'), 512 * 1024, new Set(['crypto']));
    assert.deepStrictEqual(r.skipped, { reason: 'budget', message: 'indentation nested 600 levels deep; the Python parser takes at most 300' });
    // Real code is nowhere near: every fixture passes the guard.
    for (const f of fixtureFiles().filter((f) => f.endsWith('.py'))) assert.ok(pythonIndentLevels(fs.readFileSync(f, 'utf8')) < 20, f);
  });

  it('a WebAssembly fault fails that file only: the parser is replaced and later analyses equal earlier ones', () => {
    const files = fixtureFiles();
    const r = probe('engine', files);
    assert.deepStrictEqual(r.error, { name: 'EngineFault', message: 'tree-sitter failed (memory access out of bounds); the python parser was restarted' });
    assert.strictEqual(r.faults, 1);
    // Before the fix the next Python file silently got 0 regions, and the ones after it threw.
    assert.strictEqual(r.same, true, 'analyses after the fault equal those before it');
  });

  it('a scan reports the faulting file as analysis-failed and analyses the rest in a fresh module', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-fault-'));
    const deep = path.join(dir, 'deep.py');
    fs.writeFileSync(deep, deepPythonDefs(600));
    const others = fixtureFiles().filter((f) => f.endsWith('.py')).slice(0, 24);
    const files = [...others.slice(0, 3), deep, ...others.slice(3)];
    const categories = new Set<CategoryId>(['crypto', 'jwt', 'auth', 'timing', 'sql']);
    // Expected: each file alone in this (unharmed) process.
    const expected = files.map((f) => (f === deep ? undefined : scanFile(engine, f, 512 * 1024, categories)));
    const check = (got: { file: string; skipped: Skipped | null; regions: number; findings: number }[], how: string) => {
      assert.deepStrictEqual(got.map((g) => g.file), files, how);
      got.forEach((g, i) => {
        const want = expected[i];
        if (!want) {
          assert.strictEqual(g.skipped?.reason, 'analysis-failed', how);
          assert.match(g.skipped.message, /memory access out of bounds/);
          return;
        }
        assert.deepStrictEqual([g.skipped, g.regions, g.findings], [null, want.regions.length, want.findings.length], `${how}: ${g.file}`);
      });
    };
    // On this thread: the files after the fault move to a worker.
    check(probe('scan', files) as unknown as Parameters<typeof check>[0], 'workers: 0');
    // In workers (the fault is inside one, so this process is safe): the worker is replaced.
    const scanned = await scanFiles(files, { root: REPO_ROOT, maxBytes: 512 * 1024, categories, workers: 2, parserGuards: false });
    check(scanned.map((s) => ({ file: s.file, skipped: s.skipped, regions: s.regions.length, findings: s.findings.length })), 'workers: 2');
  });

  it('stops at the syntax-node budget and at the time budget with a reason, and the parser is reset', () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'rules', 'python', 'crypto.py'), 'utf8');
    const expected = withoutTiming(engine.analyze(text, 'python').analysis);
    assert.throws(() => engine.analyze(text, 'python', { budget: { millis: DEFAULT_BUDGET.millis, nodes: 10 } }), (err: unknown) => {
      assert.ok(err instanceof BudgetExceeded);
      assert.match(err.message, /^\d+ syntax nodes exceed the limit of 10$/);
      return true;
    });
    assert.throws(() => engine.analyze(text, 'python', { budget: { millis: 0, nodes: DEFAULT_BUDGET.nodes } }), (err: unknown) => {
      assert.ok(err instanceof BudgetExceeded);
      assert.match(err.message, /^analysis stopped after 0 ms( of CPU time)? \(/);
      return true;
    });
    // A parse stopped half-way must not be resumed by the next one.
    assert.deepStrictEqual(withoutTiming(engine.analyze(text, 'python').analysis), expected);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-budget-'));
    fs.writeFileSync(path.join(dir, 'c.py'), text);
    // scanFile turns it into a skip reason (the default budget leaves this file alone).
    assert.strictEqual(scanFile(engine, path.join(dir, 'c.py'), 512 * 1024, new Set(['crypto'])).skipped, null);
  });

  it('counts the analysing thread\'s CPU time, so a busy machine does not make a file go over its budget (Linux)', function () {
    if (threadCpuMillis() === undefined) {
      // Elsewhere the budget is wall-clock time: a wait counts.
      const budget = new Budget({ millis: 50, nodes: DEFAULT_BUDGET.nodes });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120);
      assert.throws(() => budget.check('waiting'), BudgetExceeded);
      return;
    }
    const budget = new Budget({ millis: 300, nodes: DEFAULT_BUDGET.nodes });
    const spin = (cpuMillis: number) => {
      const from = threadCpuMillis()!;
      while (threadCpuMillis()! - from < cpuMillis) budget.check('working');
    };
    spin(100);
    // Off the CPU for twice the budget (as when other processes have the cores): not counted.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600);
    budget.check('after waiting');
    // Working again: stopped once the CPU time adds up, whatever the wall-clock time.
    assert.throws(() => spin(400), (err: unknown) => {
      assert.ok(err instanceof BudgetExceeded);
      assert.match(err.message, /^analysis stopped after 300 ms of CPU time \(working\)$/);
      return true;
    });
  });

  for (const c of SLOW_CASES) {
    it(`analyses a crafted file within the default budget: ${c.name}`, () => {
      const text = c.text();
      const started = cpuNow();
      // Before: minutes (quadratic climbs through node.parent per trigger and per predicate).
      const { analysis } = engine.analyze(text, languageForPath(c.file)!);
      const millis = cpuNow() - started;
      assert.ok(millis < DEFAULT_BUDGET.millis, `${millis.toFixed(0)} ms of CPU`);
      assert.ok(analysis.regions.length > 0, 'the triggers still make regions');
    });
  }

  it('stops at its budget, not long after, where the work itself is quadratic (nested units hash their subtrees)', () => {
    const text = nestedFunctions(3000);
    const started = cpuNow();
    // Before: 90 s with a 60 s budget (no budget check while fingerprinting).
    assert.throws(() => engine.analyze(text, 'javascript', { budget: { millis: 1000, nodes: DEFAULT_BUDGET.nodes } }), BudgetExceeded);
    const millis = cpuNow() - started;
    assert.ok(millis < 1000 + 2000, `${millis.toFixed(0)} ms of CPU`);
  });

  it('keeps the finding of a SQL concatenation of any length (the rule matched 5 terms at most)', () => {
    for (const terms of [1, 6, 50, 1500]) {
      const { analysis } = engine.analyze(sqlChain(terms), 'javascript', { auditFindings: true });
      assert.deepStrictEqual(
        analysis.findings.map((f) => f.rule),
        ['ecma.sql.concat-query'],
        `${terms} terms`,
      );
    }
  });

  it('finds the same regions and findings with CR-only line endings as with LF (Python had none, JS 14 of 20)', () => {
    let compared = 0;
    for (const f of fixtureFiles()) {
      const lf = fs.readFileSync(f, 'utf8').replace(/\r\n/g, '\n');
      const language = languageForPath(f)!;
      const expected = withoutTiming(engine.analyze(lf, language, { auditFindings: true }).analysis);
      const cr = withoutTiming(engine.analyze(lf.replace(/\n/g, '\r'), language, { auditFindings: true }).analysis);
      // Fixes insert text with \n; everything else, positions included, is the same.
      const strip = (a: Omit<FileAnalysis, 'millis'>) => ({ ...a, findings: a.findings.map(({ fix: _fix, ...rest }) => rest) });
      assert.deepStrictEqual(strip(cr), strip(expected), f);
      compared += expected.regions.length;
    }
    assert.ok(compared > 100, `${compared} regions compared`);
  });
});
