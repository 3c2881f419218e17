import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { CategoryId } from './categories';
import { GuardrailEngine, pathsFromRoot } from './engine';
import { scanFile } from './scanFile';
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
}

const JOB_SIZE = 12;

/**
 * Scans files in parallel worker threads (each with its own engine), keeping only results —
 * never syntax trees — so memory stays flat on large repositories.
 */
export async function scanFiles(files: string[], options: ScanOptions): Promise<ScannedFile[]> {
  const workerCount = Math.min(options.workers ?? os.availableParallelism(), Math.ceil(files.length / JOB_SIZE));
  if (workerCount <= 0 || files.length <= JOB_SIZE) {
    const engine = options.engine ?? (await GuardrailEngine.create(pathsFromRoot(options.root)));
    try {
      const results: ScannedFile[] = [];
      for (const f of files) {
        if (options.isCancelled?.()) break;
        results.push(scanFile(engine, f, options.maxBytes, options.categories));
        options.onProgress?.(results.length, files.length);
      }
      return results;
    } finally {
      if (!options.engine) engine.dispose();
    }
  }
  const script = options.workerScript ?? path.join(__dirname, 'scanWorker.js');
  const jobs: ScanJob[] = [];
  const categories = [...options.categories];
  for (let i = 0; i < files.length; i += JOB_SIZE) {
    jobs.push({ jobId: jobs.length, files: files.slice(i, i + JOB_SIZE), maxBytes: options.maxBytes, categories });
  }
  const results: ScannedFile[][] = new Array<ScannedFile[]>(jobs.length);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const feed = (worker: Worker) => {
        if (options.isCancelled?.() || next >= jobs.length) {
          if (running === 0) resolve();
          return;
        }
        running++;
        worker.postMessage(jobs[next++]);
      };
      for (let i = 0; i < workerCount; i++) {
        const init: ScanWorkerInit = { root: options.root };
        const worker = new Worker(script, { workerData: init });
        workers.push(worker);
        worker.on('message', (reply: ScanJobResult) => {
          running--;
          if (reply.error) {
            reject(new Error(`scan worker failed: ${reply.error}`));
            return;
          }
          results[reply.jobId] = reply.results;
          done += reply.results.length;
          options.onProgress?.(done, files.length);
          feed(worker);
        });
        worker.on('error', reject);
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.filter((r) => r !== undefined).flat();
}
