import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { CategoryId } from './categories';
import { GuardrailEngine, pathsFromRoot, preferQuickStart } from './engine';
import { languageForPath } from './languages';
import { scanFile } from './scanFile';
import { buildWrapperTable, mentionsWrapper, tableEntries, wrapperCount, type WrapperTable } from './wrappers';
import type { ScanJob, ScanJobResult, ScannedFile, ScanWorkerInit } from './scanProtocol';

export interface ScanOptions {
  /** Package root (grammars and queries). */
  root: string;
  maxBytes: number;
  categories: ReadonlySet<CategoryId>;
  /** Worker threads; defaults to the number of cores. 0 analyzes on the calling thread. */
  workers?: number;
  /** Called after each finished job with the files done so far. */
  onProgress?: (done: number, total: number) => void;
  /** Return true to stop early (remaining files are not analyzed). */
  isCancelled?: () => boolean;
  /** Path of the compiled worker script; defaults to `scanWorker.js` next to this module. */
  workerScript?: string;
  /** An engine already loaded on this thread, used for small scans instead of starting workers. */
  engine?: GuardrailEngine;
  /**
   * Never analyse on the calling thread, however few the files (the language server: its thread
   * answers the editor, and an open file must never wait behind the workspace scan).
   */
  offThread?: boolean;
  /** The project's wrapper table: calls to these functions are triggers (wrappers.ts). */
  wrappers?: WrapperTable;
  /** Report low-confidence (audit) findings too. */
  auditFindings?: boolean;
  /** Analyse generated code too (generatedCode.ts; with `includeTests`). */
  includeGenerated?: boolean;
  /** A short-lived process (the CLI): a scan of a few files on this thread may preferQuickStart(). */
  quickStart?: boolean;
  /** EngineOptions.parserGuards for the engines this scan creates (default on). */
  parserGuards?: boolean;
  /**
   * Worker threads to reuse across scans (each keeps its compiled queries); started on first use
   * and left running for the caller to terminate (`closePool`).
   */
  pool?: WorkerPool;
}

export interface WorkerPool {
  workers: Worker[];
}

export async function closePool(pool: WorkerPool): Promise<void> {
  await Promise.all(pool.workers.map((w) => w.terminate()));
  pool.workers = [];
}

const JOB_SIZE = 12;

/**
 * A scan worker's young generation (V8's nursery). By default V8 grows it to 32 MB per worker
 * under a scan's allocation rate, all of it resident; what a file's analysis allocates is
 * short-lived, and 8 MB holds it for the same CPU (SQLAlchemy, two workers: about 50 MB less at
 * the peak). Smaller promotes a file's garbage to the old generation, which then grows instead.
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/**
 * A worker's first file of a language compiles that grammar's rule queries (about as much CPU as
 * analyzing a few jobs), so workers stay with languages they have: they take a language nobody
 * works on, and join another worker's language only when it has more than this many jobs left.
 */
const STEAL_MIN_JOBS = 4;

interface Lane {
  key: string;
  jobs: { job: ScanJob; indices: number[] }[];
  next: number;
  /** Workers that have taken jobs of this lane (and so compiled its queries). */
  takenBy: Set<number>;
}

/** Hands out jobs grouped by language, keeping each worker on the languages it has compiled. */
export class ScanScheduler {
  private readonly lanes: Lane[] = [];
  private readonly current = new Map<number, Lane>();

  constructor(files: readonly string[], make: (files: string[]) => ScanJob) {
    const byLanguage = new Map<string, number[]>();
    files.forEach((f, i) => {
      const key = languageForPath(f) ?? 'other';
      let list = byLanguage.get(key);
      if (!list) byLanguage.set(key, (list = []));
      list.push(i);
    });
    for (const [key, indices] of byLanguage) {
      const lane: Lane = { key, jobs: [], next: 0, takenBy: new Set() };
      for (let i = 0; i < indices.length; i += JOB_SIZE) {
        const slice = indices.slice(i, i + JOB_SIZE);
        lane.jobs.push({ job: make(slice.map((k) => files[k]!)), indices: slice });
      }
      this.lanes.push(lane);
    }
  }

  private remaining(lane: Lane): number {
    return lane.jobs.length - lane.next;
  }

  get done(): boolean {
    return this.lanes.every((l) => this.remaining(l) === 0);
  }

  /** Returns a job (the files a replaced worker did not get to) to the front of its language. */
  putBack(entry: { job: ScanJob; indices: number[] }): void {
    const key = languageForPath(entry.job.files[0] ?? '') ?? 'other';
    let lane = this.lanes.find((l) => l.key === key);
    if (!lane) this.lanes.push((lane = { key, jobs: [], next: 0, takenBy: new Set() }));
    lane.jobs.splice(lane.next, 0, entry);
  }

  /** The next job for a worker, or undefined when it should stop (others finish the rest). */
  take(worker: number): { job: ScanJob; indices: number[] } | undefined {
    const open = this.lanes.filter((l) => this.remaining(l) > 0);
    const biggest = (lanes: Lane[]) => lanes.sort((a, b) => this.remaining(b) - this.remaining(a))[0];
    let lane = this.current.get(worker);
    if (!lane || this.remaining(lane) === 0) {
      lane =
        biggest(open.filter((l) => l.takenBy.has(worker))) ??
        biggest(open.filter((l) => l.takenBy.size === 0)) ??
        biggest(open.filter((l) => this.remaining(l) > STEAL_MIN_JOBS));
    }
    if (!lane) return undefined;
    this.current.set(worker, lane);
    lane.takenBy.add(worker);
    return lane.jobs[lane.next++];
  }
}

/**
 * Scans files in parallel worker threads (each with its own engine), keeping only results —
 * never syntax trees — so memory stays flat on large repositories. Results come back in the
 * order of `files`.
 */
export async function scanFiles(files: string[], options: ScanOptions): Promise<ScannedFile[]> {
  if (files.length === 0) return [];
  const workerCount = Math.min(options.workers ?? os.availableParallelism(), Math.ceil(files.length / JOB_SIZE));
  if (workerCount <= 0 || (files.length <= JOB_SIZE && !options.offThread)) {
    if (options.quickStart && !options.engine) preferQuickStart();
    const engine = options.engine ?? (await GuardrailEngine.create(pathsFromRoot(options.root), undefined, engineOptions(options)));
    const results: ScannedFile[] = [];
    try {
      for (const f of files) {
        if (options.isCancelled?.()) break;
        const faults = engine.faults;
        results.push(scanFile(engine, f, options.maxBytes, options.categories, { wrappers: options.wrappers, auditFindings: options.auditFindings, includeGenerated: options.includeGenerated }));
        options.onProgress?.(results.length, files.length);
        // This thread's WebAssembly memory is suspect after a fault: the rest run in a worker,
        // which has a module of its own.
        if (engine.faults !== faults) break;
      }
    } finally {
      if (!options.engine) engine.dispose();
    }
    if (results.length === files.length || options.isCancelled?.()) return results;
    const rest = files.slice(results.length);
    const done = results.length;
    const onProgress = options.onProgress;
    const more = await scanInWorkers(rest, { ...options, ...(onProgress ? { onProgress: (n: number) => onProgress(done + n, files.length) } : {}) }, 1);
    return [...results, ...more];
  }
  return scanInWorkers(files, options, workerCount);
}

function engineOptions(options: ScanOptions): { parserGuards?: boolean } {
  return options.parserGuards === false ? { parserGuards: false } : {};
}

async function scanInWorkers(files: string[], options: ScanOptions, workerCount: number): Promise<ScannedFile[]> {
  const script = options.workerScript ?? path.join(__dirname, 'scanWorker.js');
  const categories = [...options.categories];
  let jobIds = 0;
  const wrappers = options.wrappers ? tableEntries(options.wrappers) : undefined;
  const makeJob = (batch: string[]): ScanJob => ({ jobId: jobIds++, files: batch, maxBytes: options.maxBytes, categories, ...(wrappers ? { wrappers } : {}), ...(options.auditFindings ? { auditFindings: true } : {}), ...(options.includeGenerated ? { includeGenerated: true } : {}) });
  const scheduler = new ScanScheduler(files, makeJob);
  const placed = new Map<number, number[]>();
  const results: (ScannedFile | undefined)[] = new Array<ScannedFile | undefined>(files.length);
  let done = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const feed = (worker: Worker, index: number) => {
        const next = options.isCancelled?.() ? undefined : scheduler.take(index);
        if (!next) {
          if (running === 0) resolve();
          return;
        }
        running++;
        placed.set(next.job.jobId, next.indices);
        worker.postMessage(next.job);
      };
      const init: ScanWorkerInit = { root: options.root, ...engineOptions(options) };
      const start = (i: number, fresh: boolean) => {
        let worker = fresh ? undefined : options.pool?.workers[i];
        if (!worker) {
          worker = new Worker(script, { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
          if (options.pool) options.pool.workers[i] = worker;
        }
        workers[i] = worker;
        const self = worker;
        worker.on('message', (reply: ScanJobResult) => {
          running--;
          if (reply.error) {
            reject(new Error(`scan worker failed: ${reply.error}`));
            return;
          }
          const indices = placed.get(reply.jobId) ?? [];
          placed.delete(reply.jobId);
          reply.results.forEach((r, k) => {
            const at = indices[k];
            if (at !== undefined) results[at] = r;
          });
          done += reply.results.length;
          options.onProgress?.(done, files.length);
          if (!reply.faulted) {
            feed(self, i);
            return;
          }
          // The worker's WebAssembly memory is suspect: replace it, and run the files of the job
          // it did not get to in a fresh one.
          const left = indices.slice(reply.results.length);
          if (left.length > 0) {
            scheduler.putBack({ job: makeJob(left.map((k) => files[k]!)), indices: left });
          }
          self.removeAllListeners('message');
          self.removeAllListeners('error');
          void self.terminate();
          feed(start(i, true), i);
        });
        worker.on('error', reject);
        return worker;
      };
      for (let i = 0; i < workerCount; i++) feed(start(i, false), i);
    });
  } finally {
    if (options.pool) {
      for (const w of workers) {
        w.removeAllListeners('message');
        w.removeAllListeners('error');
      }
    } else await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.filter((r): r is ScannedFile => r !== undefined);
}

/**
 * Scans a project in two passes: every file, then again only the files that call one of the
 * project's own do-not-trust functions found by the first pass (wrappers.ts), with those calls
 * as triggers. Returns the results and the wrapper table.
 */
export async function scanProject(files: string[], options: ScanOptions): Promise<{ scanned: ScannedFile[]; wrappers: WrapperTable }> {
  if (!options.pool) {
    // One set of workers for both passes: each keeps the queries it compiled in the first.
    const pool: WorkerPool = { workers: [] };
    try {
      return await scanProject(files, { ...options, pool });
    } finally {
      await closePool(pool);
    }
  }
  const first = await scanFiles(files, options);
  const wrappers = buildWrapperTable(first);
  if (wrapperCount(wrappers) === 0 || options.isCancelled?.()) return { scanned: first, wrappers };
  const again: string[] = [];
  for (const s of first) {
    if (s.skipped) continue;
    let text: string;
    try {
      text = fs.readFileSync(s.file, 'utf8');
    } catch {
      continue;
    }
    if (mentionsWrapper(s.file, text, wrappers)) again.push(s.file);
  }
  if (again.length === 0) return { scanned: first, wrappers };
  // The second pass runs in the first pass's workers when it had some, however few the files: they
  // have the queries compiled, and an engine on this thread would be a third copy of everything.
  const rest: ScanOptions = { ...options, wrappers, ...(options.pool.workers.length > 0 ? { offThread: true } : {}) };
  delete rest.onProgress;
  const second = await scanFiles(again, rest);
  const byFile = new Map(second.map((s) => [s.file, s]));
  return { scanned: first.map((s) => byFile.get(s.file) ?? s), wrappers };
}
