/**
 * The fuzz harness (issue 10): seeded mutations of the fixtures, the crafted inputs of
 * hostile.ts and, when given, real files (`corpusDir`), each analysed in a worker thread under a
 * watchdog. Checks: no crash (an exception other than a budget skip, or a parser fault), no hang
 * (no answer within the watchdog time), no file over its budget (an analysis may stop at its
 * budget and skip the file, which is counted and its input saved, but must not run past it);
 * and, through the real language
 * server, that diagnostics after random edits (reversed ranges and CR line breaks included)
 * equal those of a fresh open of the same text.
 *
 * Used by `npm run fuzz` (scripts/fuzz.ts, bounded by time) and by test/unit/fuzz.test.ts (a
 * short run bounded by input count, so it cannot flake on a slow machine).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Worker } from 'worker_threads';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_BUDGET } from '../../server/src/engine/budget';
import { listSourceFiles } from '../../server/src/engine/files';
import { languageForPath, type LanguageId } from '../../server/src/engine/languages';
import { fixtureSourceFiles, REPO_ROOT } from './engine';
import { deepPythonDefs, nestedArrows, nestedFunctions, nestedLambdas, plusChain, sqlChain, unclosedParens } from './hostile';
import { randomChange, rng, WORDS } from './incremental';
import { TestLspClient } from './lspClient';
import type { FuzzJob, FuzzResult } from './fuzzWorker';

export interface FuzzOptions {
  seed: number;
  /** Stop after this many engine inputs… */
  inputs?: number;
  /** …or after this many seconds (the CLI); at least one of the two. */
  seconds?: number;
  /** A folder of checkouts whose source files are mutated too (e.g. /work/corpus). */
  corpusDir?: string;
  /** Language-server documents to edit, and edit batches per document. */
  lspDocuments?: number;
  lspBatches?: number;
  /**
   * Scales nesting depths and chain lengths (default 1). The brief run in the tests uses less,
   * so its inputs stay far below the time budget even on a loaded machine.
   */
  scale?: number;
  /** Where failing inputs are written (for replay). */
  outDir?: string;
  log?: (line: string) => void;
}

export interface FuzzFailure {
  kind: 'crash' | 'hang' | 'over-budget' | 'lsp-mismatch';
  name: string;
  detail: string;
  /** The input, written to outDir. */
  saved?: string;
}

export interface FuzzReport {
  seed: number;
  inputs: number;
  crashes: number;
  hangs: number;
  /** Analyses that ran past their budget (the budget did not stop them): failures. */
  overBudget: number;
  /** Analyses stopped by their budget, the file skipped with a reason (as designed). */
  budgetSkips: number;
  /** Refused before parsing by design (parserGuards.ts). */
  refused: number;
  slowest: { name: string; millis: number };
  peakRssMb: number;
  lspComparisons: number;
  lspMismatches: number;
  failures: FuzzFailure[];
  seconds: number;
}

/** How long past its budget an analysis may stay silent before it counts as a hang. */
const WATCHDOG_MS = DEFAULT_BUDGET.millis * 3;
/** How far past its budget an analysis may end (the budget is checked between steps). */
const OVERRUN_MS = 1000;
const MAX_BYTES = 512 * 1024;

interface Seed {
  name: string;
  language: LanguageId;
  text: () => string;
}

/** Tokens that stress tokenizers and scanners: brackets, quotes, comments, line breaks, Unicode. */
const TOKENS = ['(', ')', '[', ']', '{', '}', '"', "'", '`', '"""', "'''", '${', '#', '//', '/*', '*/', '\\', '\n', '\r', '\r\n', '\t', '    ', ':', ';', ',', '=>', 'lambda ', 'def ', 'func ', 'class ', 'async ', 'await ', 'f"{', '+', '\u2028', '\u00e9', '\ud83d\ude00', '\u0301', '\ufeff', 'jwt.decode(', 'crypto.createHash("md5")', 'hashlib.md5(', 'db.query("SELECT * FROM t WHERE a = " + '];

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/** One structural or byte-level mutation; returns the new text and what it did. */
function mutate(text: string, rand: Rand, donors: () => string, scale: number): { text: string; op: string } {
  const at = () => int(rand, 0, text.length);
  // Repetition counts (nesting depth, chain length), scaled down for the brief run in the tests.
  const count = (lo: number, hi: number) => int(rand, lo, Math.max(lo, Math.round(hi * scale)));
  const kind = int(rand, 0, 10);
  switch (kind) {
    case 0: {
      const p = at();
      return { text: text.slice(0, p) + text.slice(Math.min(text.length, p + int(rand, 1, 200))), op: 'delete' };
    }
    case 1: {
      const p = at();
      const slice = text.slice(p, p + int(rand, 1, 2000));
      const q = at();
      return { text: text.slice(0, q) + slice + text.slice(q), op: 'duplicate' };
    }
    case 2: {
      const p = at();
      const n = int(rand, 1, 5);
      let ins = '';
      for (let i = 0; i < n; i++) ins += pick(rand, TOKENS);
      return { text: text.slice(0, p) + ins + text.slice(p), op: 'tokens' };
    }
    case 3: {
      const donor = donors();
      const p = int(rand, 0, donor.length);
      const slice = donor.slice(p, p + int(rand, 10, 3000));
      const q = at();
      return { text: text.slice(0, q) + slice + text.slice(q), op: 'splice' };
    }
    case 4: {
      // Nest a line deeper and deeper (indentation and scanner state stacks).
      const lines = text.split('\n');
      const line = pick(rand, lines).trim() || 'x = 1';
      const n = count(10, 450);
      const step = pick(rand, [1, 1, 2, 4]);
      const block: string[] = [];
      for (let i = 0; i < n; i++) block.push(`${' '.repeat(i * step)}${/:\s*$/.test(line) ? line : `if x${i}:`}`);
      block.push(`${' '.repeat(n * step)}${line}`);
      const r = int(rand, 0, lines.length);
      lines.splice(r, 0, ...block);
      return { text: lines.join('\n'), op: `nest-lines ${n}` };
    }
    case 5: {
      // Parentheses around a span, closed or not.
      const n = count(10, 3000);
      const p = at();
      const q = Math.min(text.length, p + int(rand, 0, 200));
      const close = rand() < 0.5 ? ')'.repeat(n) : '';
      return { text: `${text.slice(0, p)}${'('.repeat(n)}${text.slice(p, q)}${close}${text.slice(q)}`, op: `parens ${n}${close ? '' : ' unclosed'}` };
    }
    case 6: {
      // An operand repeated into a long + chain.
      const words = [...text.matchAll(WORDS)];
      const w = words.length > 0 ? pick(rand, words) : undefined;
      if (w?.index === undefined) return { text, op: 'noop' };
      const n = count(10, 3000);
      const chain = Array.from({ length: n }, () => w[0]).join(' + ');
      return { text: text.slice(0, w.index) + chain + text.slice(w.index + w[0].length), op: `plus-chain ${n}` };
    }
    case 7:
      return rand() < 0.5 ? { text: text.replace(/\r?\n/g, '\r'), op: 'cr' } : { text: text.replace(/\r?\n/g, '\r\n'), op: 'crlf' };
    case 8:
      return { text: text.slice(0, at()), op: 'truncate' };
    case 9: {
      // Nested lambdas / arrows / closures around a span.
      const n = count(10, 2000);
      const open = pick(rand, ['lambda x: (', '(x) => (', 'function () { return (', 'func() { _ = (']);
      const p = at();
      return { text: `${text.slice(0, p)}${open.repeat(n)}${text.slice(p)}`, op: `nest-functions ${n}` };
    }
    default: {
      const c = randomChange(text, rand, [...new Set(text.match(WORDS) ?? ['x'])].slice(0, 200));
      return { text: text.slice(0, c.start) + c.newText + text.slice(c.end), op: 'edit' };
    }
  }
}

function fixtureSeeds(): Seed[] {
  const out: Seed[] = fixtureSourceFiles().map((file) => ({ name: path.relative(REPO_ROOT, file), language: languageForPath(file)!, text: () => fs.readFileSync(file, 'utf8') }));
  out.push(
    { name: 'hostile:deep-python', language: 'python', text: () => deepPythonDefs(600) },
    { name: 'hostile:plus-chain', language: 'javascript', text: () => plusChain(1500) },
    { name: 'hostile:sql-chain', language: 'javascript', text: () => sqlChain(800) },
    { name: 'hostile:arrows', language: 'javascript', text: () => nestedArrows(1000) },
    { name: 'hostile:lambdas', language: 'python', text: () => nestedLambdas(1000) },
    { name: 'hostile:parens', language: 'typescript', text: () => unclosedParens(2000) },
    { name: 'hostile:functions', language: 'javascript', text: () => nestedFunctions(400) },
  );
  return out;
}

function corpusSeeds(dir: string, rand: Rand, limit = 5000): Seed[] {
  const files: string[] = [];
  for (const repo of fs.readdirSync(dir).sort()) {
    const root = path.join(dir, repo);
    if (!fs.statSync(root).isDirectory()) continue;
    files.push(...listSourceFiles([root], { root, isExcluded: (rel) => /(^|\/)node_modules\//.test(rel) }));
  }
  // A seeded sample, so a run can be repeated.
  for (let i = files.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [files[i], files[j]] = [files[j]!, files[i]!];
  }
  return files.slice(0, limit).flatMap((file) => {
    const language = languageForPath(file);
    return language ? [{ name: path.relative(dir, file), language, text: () => fs.readFileSync(file, 'utf8') }] : [];
  });
}

/** A seed's text, or undefined when it cannot be read (a corpus file that went away). */
function readSeed(seed: Seed): string | undefined {
  try {
    return seed.text();
  } catch {
    return undefined;
  }
}

/** The analysis worker with a watchdog: a new one after a hang, a crash or a parser fault. */
class Analyzer {
  private worker: Worker | undefined;
  private ids = 0;

  private start(): Worker {
    this.worker ??= new Worker(path.join(__dirname, 'fuzzWorker.js'), { workerData: { root: REPO_ROOT } });
    return this.worker;
  }

  async run(text: string, language: LanguageId): Promise<FuzzResult | { outcome: 'hang' | 'crash'; millis: number; message: string }> {
    const worker = this.start();
    const job: FuzzJob = { id: ++this.ids, text, language };
    const started = performance.now();
    const result = await new Promise<FuzzResult | { outcome: 'hang' | 'crash'; millis: number; message: string }>((resolve) => {
      const done = (r: FuzzResult | { outcome: 'hang' | 'crash'; millis: number; message: string }) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(r);
      };
      const onMessage = (r: FuzzResult) => {
        if (r.id === job.id) done(r);
      };
      const onError = (err: Error) => done({ outcome: 'crash', millis: performance.now() - started, message: err.stack ?? String(err) });
      const onExit = (code: number) => done({ outcome: 'crash', millis: performance.now() - started, message: `worker exited (${code})` });
      // The first input of a worker also loads the grammars and compiles queries.
      const timer = setTimeout(() => done({ outcome: 'hang', millis: performance.now() - started, message: `no answer in ${WATCHDOG_MS} ms` }), WATCHDOG_MS * (this.ids === 1 ? 2 : 1));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job);
    });
    if (result.outcome === 'hang' || result.outcome === 'crash' || result.outcome === 'fault') await this.stop();
    return result;
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.ids = 0;
    await w?.terminate();
  }
}

function save(outDir: string | undefined, name: string, text: string): string | undefined {
  if (!outDir) return undefined;
  fs.mkdirSync(outDir, { recursive: true });
  // Long names keep their head (the kind and input number) and their tail (the file name).
  const safe = name.replace(/[^\w.-]+/g, '_');
  const short = safe.length > 80 ? `${safe.slice(0, 24)}__${safe.slice(-54)}` : safe;
  const file = path.join(outDir, `${short}${path.extname(name) || '.txt'}`);
  fs.writeFileSync(file, text);
  return file;
}

export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  if (options.inputs === undefined && options.seconds === undefined) throw new Error('fuzz: give inputs or seconds');
  const started = performance.now();
  const rand = rng(options.seed);
  const log = options.log ?? (() => undefined);
  const seeds = [...fixtureSeeds(), ...(options.corpusDir ? corpusSeeds(options.corpusDir, rand) : [])];
  const report: FuzzReport = {
    seed: options.seed, inputs: 0, crashes: 0, hangs: 0, overBudget: 0, budgetSkips: 0, refused: 0,
    slowest: { name: '', millis: 0 }, peakRssMb: 0, lspComparisons: 0, lspMismatches: 0, failures: [], seconds: 0,
  };
  const analyzer = new Analyzer();
  let slowestText = '';
  // The LSP part takes a share of the time when bounded by seconds.
  const engineDeadline = options.seconds !== undefined ? started + options.seconds * 1000 * (options.lspDocuments ? 0.8 : 1) : Infinity;
  const fail = (f: FuzzFailure) => {
    report.failures.push(f);
    log(`  ${f.kind}: ${f.name}: ${f.detail.split('\n')[0]}${f.saved ? ` (saved: ${f.saved})` : ''}`);
  };
  try {
    while ((options.inputs === undefined || report.inputs < options.inputs) && performance.now() < engineDeadline) {
      const seed = pick(rand, seeds);
      let text = readSeed(seed);
      if (text === undefined) continue;
      const ops: string[] = [];
      const n = int(rand, 0, 6);
      for (let i = 0; i < n; i++) {
        const m = mutate(
          text,
          rand,
          () => readSeed(pick(rand, seeds)) ?? '',
          options.scale ?? 1,
        );
        text = m.text.length > MAX_BYTES ? m.text.slice(0, MAX_BYTES) : m.text;
        ops.push(m.op);
      }
      const name = `${seed.name} [${ops.join(', ') || 'as is'}]`;
      report.inputs++;
      const r = await analyzer.run(text, seed.language);
      if (r.millis > report.slowest.millis && r.outcome !== 'hang') {
        report.slowest = { name, millis: r.millis };
        slowestText = text;
      }
      if (r.outcome === 'refused') report.refused++;
      else if (r.outcome === 'hang') {
        report.hangs++;
        fail({ kind: 'hang', name, detail: r.message, saved: save(options.outDir, `hang-${report.inputs}-${seed.name}`, text) });
      } else if (r.millis > DEFAULT_BUDGET.millis + OVERRUN_MS) {
        report.overBudget++;
        fail({ kind: 'over-budget', name, detail: `${r.outcome} after ${r.millis.toFixed(0)} ms`, saved: save(options.outDir, `over-${report.inputs}-${seed.name}`, text) });
      } else if (r.outcome === 'budget') {
        report.budgetSkips++;
        const saved = save(options.outDir, `budget-${report.inputs}-${seed.name}`, text);
        log(`  skipped at its budget: ${name}: ${r.message?.split('\n')[0] ?? ''}${saved ? ` (saved: ${saved})` : ''}`);
      } else if (r.outcome !== 'ok') {
        report.crashes++;
        fail({ kind: 'crash', name, detail: `${r.outcome}: ${r.message ?? ''}`, saved: save(options.outDir, `crash-${report.inputs}-${seed.name}`, text) });
      }
      if (report.inputs % 100 === 0) log(`  ${report.inputs} inputs, slowest ${report.slowest.millis.toFixed(0)} ms`);
    }
    const saved = save(options.outDir, `slowest-${report.slowest.name.split(' [')[0]}`, slowestText);
    if (saved) report.slowest.name += ` (saved: ${saved})`;
    if (options.lspDocuments) await fuzzLanguageServer(options, seeds, rand, analyzer, report, fail, started);
  } finally {
    await analyzer.stop();
  }
  report.peakRssMb = process.resourceUsage().maxRSS / 1024;
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/** Where each diagnostic is and what it says (the document's URI aside). */
export function diagnosticSummary(diags: Diagnostic[]): string[] {
  return diags.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${d.message}`).sort();
}

async function fuzzLanguageServer(
  options: FuzzOptions,
  seeds: Seed[],
  rand: Rand,
  analyzer: Analyzer,
  report: FuzzReport,
  fail: (f: FuzzFailure) => void,
  started: number,
): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-fuzz-lsp-'));
  const client = await TestLspClient.start(dir);
  const LSP_IDS: Record<LanguageId, string> = { go: 'go', python: 'python', typescript: 'typescript', tsx: 'typescriptreact', javascript: 'javascript' };
  const ext: Record<LanguageId, string> = { go: '.go', python: '.py', typescript: '.ts', tsx: '.tsx', javascript: '.js' };
  const small = seeds.filter((s) => !s.name.startsWith('hostile:'));
  try {
    for (let d = 0; d < (options.lspDocuments ?? 0); d++) {
      if (options.seconds !== undefined && performance.now() > started + options.seconds * 1000) break;
      const seed = pick(rand, small);
      const text = readSeed(seed);
      if (text === undefined || text.length > 100 * 1024) continue;
      const uri = pathToFileURL(path.join(dir, `doc${d}${ext[seed.language]}`)).toString();
      const languageId = LSP_IDS[seed.language];
      client.open(uri, languageId, text);
      await client.diagnosticsFor(uri, 1, 20000);
      let doc = TextDocument.create(uri, languageId, 1, text);
      const pool = [...new Set(text.match(WORDS) ?? ['x'])].slice(0, 200);
      for (let b = 0; b < (options.lspBatches ?? 10); b++) {
        const changes: TextDocumentContentChangeEvent[] = [];
        for (let i = int(rand, 1, 3); i > 0; i--) {
          const c = randomChange(doc.getText(), rand, pool);
          const newText = rand() < 0.1 ? c.newText.replace(/\n/g, pick(rand, ['\r', '\r\n'])) : c.newText;
          const [s, e] = [doc.positionAt(c.start), doc.positionAt(c.end)];
          // A third of the ranges reversed (start after end), as some clients send them.
          const change = { range: rand() < 0.33 ? { start: e, end: s } : { start: s, end: e }, text: newText };
          changes.push(change);
          doc = TextDocument.update(doc, [change], doc.version + 1);
        }
        client.change(uri, doc.version, changes);
        const edited = await client.diagnosticsFor(uri, doc.version, 20000);
        // Only comparable when the text parses cleanly: error recovery may differ between an
        // incremental and a fresh parse (tree-sitter's business, not ours).
        const check = await analyzer.run(doc.getText(), seed.language);
        if (check.outcome !== 'ok' || check.hasSyntaxErrors) continue;
        const freshUri = pathToFileURL(path.join(dir, `fresh${d}-${b}${ext[seed.language]}`)).toString();
        client.open(freshUri, languageId, doc.getText());
        const fresh = await client.diagnosticsFor(freshUri, 1, 20000);
        client.close(freshUri);
        report.lspComparisons++;
        const a = diagnosticSummary(edited);
        const want = diagnosticSummary(fresh);
        if (JSON.stringify(a) !== JSON.stringify(want)) {
          report.lspMismatches++;
          const missing = want.filter((x) => !a.includes(x));
          const extra = a.filter((x) => !want.includes(x));
          fail({ kind: 'lsp-mismatch', name: `${seed.name} after ${b + 1} edit batches`, detail: `missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`, saved: save(options.outDir, `lsp-${d}-${b}-${seed.name}`, doc.getText()) });
        }
      }
      client.close(uri);
    }
  } finally {
    await client.stop();
  }
}

export function formatReport(r: FuzzReport): string {
  return [
    `fuzz: seed ${r.seed}, ${r.seconds.toFixed(1)} s`,
    `inputs tried: ${r.inputs}`,
    `crashes: ${r.crashes}`,
    `hangs: ${r.hangs}`,
    `over budget (ran past it): ${r.overBudget}`,
    `stopped at the budget (file skipped with a reason): ${r.budgetSkips}`,
    `refused before parsing (by design): ${r.refused}`,
    `slowest file: ${r.slowest.millis.toFixed(0)} ms (${r.slowest.name})`,
    `peak RSS: ${r.peakRssMb.toFixed(0)} MB`,
    `language server: ${r.lspComparisons} edited texts compared with a fresh open, ${r.lspMismatches} differed`,
  ].join('\n');
}
