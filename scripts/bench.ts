/**
 * `npm run bench`: prints
 *  1. open-file analysis time on generated 1k/5k/20k-line files per language,
 *  2. didChange → publishDiagnostics latency (p50/p95) through the real server over stdio,
 *  3. `ai-guardrails scan` throughput (lines/s, peak memory) on a generated tree of at least
 *     200k lines per language.
 * Generated code is mostly ordinary (handlers, DTOs, loops, JSON), with a guarded snippet in
 * about one function in ten, which is what real services look like.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { GuardrailEngine, pathsFromRoot } from '../server/src/engine/engine';
import type { LanguageId } from '../server/src/engine/languages';
import { generateFile, type GenLanguage } from './benchCorpus';
import { TestLspClient } from '../test/helpers/lspClient';
import { benchReal } from './benchReal';

const ROOT = path.resolve(__dirname, '..', '..');
const WORK = path.join(ROOT, 'bench-work');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const LANGS: { gen: GenLanguage; id: LanguageId; lsp: string; ext: string }[] = [
  { gen: 'go', id: 'go', lsp: 'go', ext: '.go' },
  { gen: 'python', id: 'python', lsp: 'python', ext: '.py' },
  { gen: 'typescript', id: 'typescript', lsp: 'typescript', ext: '.ts' },
  { gen: 'javascript', id: 'javascript', lsp: 'javascript', ext: '.js' },
];

async function openFileTimes(): Promise<void> {
  console.log('\n## Open-file analysis (parse + all rules + regions + findings), median of 5 (wall and CPU)');
  const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  let t = performance.now();
  let c = process.cpuUsage();
  const engine = await GuardrailEngine.create(pathsFromRoot(ROOT));
  console.log(`engine start (load the 5 grammars; queries compile on first use): ${(performance.now() - t).toFixed(0)} ms wall, ${cpuMs(process.cpuUsage(c)).toFixed(0)} ms CPU`);
  for (const lang of LANGS) {
    const text = generateFile(lang.gen, 1000, 3);
    t = performance.now();
    c = process.cpuUsage();
    engine.analyze(text, lang.id);
    console.log(`  first ${lang.id} file (1k lines, compiles the queries it needs): ${(performance.now() - t).toFixed(0)} ms wall, ${cpuMs(process.cpuUsage(c)).toFixed(0)} ms CPU`);
  }
  const all = await GuardrailEngine.create(pathsFromRoot(ROOT));
  t = performance.now();
  c = process.cpuUsage();
  all.prepare();
  console.log(`  compiling every query of all 5 grammars up front (engine.prepare): ${(performance.now() - t).toFixed(0)} ms wall, ${cpuMs(process.cpuUsage(c)).toFixed(0)} ms CPU`);
  all.dispose();
  console.log('language    lines   median ms   CPU ms   regions');
  for (const lang of LANGS) {
    for (const lines of [1000, 5000, 20000]) {
      const text = generateFile(lang.gen, lines, 7);
      const times: number[] = [];
      const cpus: number[] = [];
      let regions = 0;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        regions = engine.analyze(text, lang.id).analysis.regions.length;
        times.push(performance.now() - t0);
        cpus.push(cpuMs(process.cpuUsage(c0)));
      }
      console.log(
        `${lang.id.padEnd(11)} ${String(text.split('\n').length).padStart(6)} ${percentile(times, 50).toFixed(1).padStart(11)} ${percentile(cpus, 50).toFixed(1).padStart(8)} ${String(regions).padStart(9)}`,
      );
    }
  }
  engine.dispose();
}

async function changeLatency(): Promise<void> {
  console.log('\n## didChange → publishDiagnostics latency over stdio (one-character edits, 60 per file)');
  fs.mkdirSync(path.join(WORK, 'lsp'), { recursive: true });
  const client = await TestLspClient.start(path.join(WORK, 'lsp'));
  console.log('language    lines    p50 ms   p95 ms');
  try {
    for (const lang of LANGS) {
      for (const lines of [1000, 5000, 20000]) {
        const text = generateFile(lang.gen, lines, 11);
        const uri = pathToFileURL(path.join(WORK, 'lsp', `file${lines}${lang.ext}`)).toString();
        client.open(uri, lang.lsp, text);
        await client.diagnosticsFor(uri, 1, 60000);
        const docLines = text.split('\n');
        const latencies: number[] = [];
        let version = 1;
        for (let i = 0; i < 60; i++) {
          // Type inside a function body, like a person would, spread over the file.
          let line = Math.floor(((i * 7919) % docLines.length));
          while (!(docLines[line] ?? '').includes('=')) line = (line + 1) % docLines.length;
          const character = (docLines[line] ?? '').indexOf('=') + 1;
          version++;
          const t = performance.now();
          client.change(uri, version, [{ range: { start: { line, character }, end: { line, character } }, text: ' ' }]);
          await client.diagnosticsFor(uri, version, 60000);
          latencies.push(performance.now() - t);
          docLines[line] = `${(docLines[line] ?? '').slice(0, character)} ${(docLines[line] ?? '').slice(character)}`;
        }
        // The server skips files over aiGuardrails.maxFileSizeKb (512 KB by default): no analysis.
        const note = text.length > 512 * 1024 ? '   (over 512 KB: skipped by the server, not analyzed)' : '';
        console.log(`${lang.id.padEnd(11)} ${String(lines).padStart(6)} ${percentile(latencies, 50).toFixed(1).padStart(9)} ${percentile(latencies, 95).toFixed(1).padStart(8)}${note}`);
        client.close(uri);
      }
    }
  } finally {
    await client.stop();
  }
}

function scanThroughput(): void {
  console.log('\n## ai-guardrails scan throughput');
  const tree = path.join(WORK, 'tree');
  const perLanguage = 200_000;
  const marker = path.join(tree, '.complete');
  if (!fs.existsSync(marker)) {
    fs.rmSync(tree, { recursive: true, force: true });
    for (const lang of LANGS) {
      let written = 0;
      let n = 0;
      while (written < perLanguage) {
        const lines = 150 + ((n * 37) % 450);
        const dir = path.join(tree, lang.gen, `pkg${Math.floor(n / 25)}`);
        fs.mkdirSync(dir, { recursive: true });
        const text = generateFile(lang.gen, lines, n);
        fs.writeFileSync(path.join(dir, `file${n}${lang.ext}`), text);
        written += text.split('\n').length;
        n++;
      }
      console.log(`generated ${lang.gen}: ${n} files, ${written} lines`);
    }
    fs.writeFileSync(marker, '');
  }
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ai-guardrails.js'), 'scan', '.', '--format', 'json', '--stats'], {
    cwd: tree,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`scan failed (${result.status}): ${result.stderr}`);
  const stats = result.stderr.split('\n').find((l) => l.startsWith('stats:'));
  console.log(stats ?? result.stderr);
}

/** The language server's workspace scan of a generated 5,000-file workspace: time and peak memory. */
async function workspaceScan(): Promise<void> {
  console.log('\n## Language server workspace scan (5,000 files)');
  const dir = path.join(WORK, 'ws5000');
  const marker = path.join(dir, '.complete');
  if (!fs.existsSync(marker)) {
    fs.rmSync(dir, { recursive: true, force: true });
    for (let i = 0; i < 5000; i++) {
      const lang = LANGS[i % LANGS.length]!;
      const sub = path.join(dir, lang.gen, `pkg${Math.floor(i / 40)}`);
      fs.mkdirSync(sub, { recursive: true });
      fs.writeFileSync(path.join(sub, `file${i}${lang.ext}`), generateFile(lang.gen, 80 + ((i * 37) % 220), i));
    }
    fs.writeFileSync(marker, '');
  }
  const started = performance.now();
  const client = await TestLspClient.start(dir);
  let ended = 0;
  client.connection.onNotification('$/progress', (p: { value: { kind: string } }) => {
    if (p.value.kind === 'end') ended = performance.now();
  });
  try {
    await client.waitFor(() => ended > 0, 'scan end', 600000);
    const status = fs.readFileSync(`/proc/${client.child.pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    const results = await client.request<{ filesScanned: number; regions: unknown[] }>('aiGuardrails/workspaceResults', null);
    console.log(
      `${results.filesScanned} files scanned, ${results.regions.length} regions, ${((ended - started) / 1000).toFixed(1)} s from server start to the end of the scan, peak RSS ${hwm ? Math.round(Number(hwm) / 1024) : '?'} MB (server process, all threads)`,
    );
  } finally {
    await client.stop();
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only === 'real') {
    // Real trees against ast-grep, CLI start-up and server latency on real files (scripts/benchReal.ts).
    await benchReal(process.argv.slice(3));
    return;
  }
  if (!only || only === 'open') await openFileTimes();
  if (!only || only === 'change') await changeLatency();
  if (!only || only === 'scan') scanThroughput();
  if (!only || only === 'workspace') await workspaceScan();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
