/** Worker thread for parallel scans: one engine per worker, files arrive in small jobs. */
import { parentPort, workerData } from 'worker_threads';
import { GuardrailEngine, pathsFromRoot } from './engine';
import { scanFile } from './scanFile';
import { tableFromEntries } from './wrappers';
import type { ScanJob, ScanJobResult, ScanWorkerInit } from './scanProtocol';

const init = workerData as ScanWorkerInit;
const ready = GuardrailEngine.create(pathsFromRoot(init.root));

parentPort?.on('message', (job: ScanJob) => {
  ready
    .then((engine) => {
      const categories = new Set(job.categories);
      const wrappers = job.wrappers ? tableFromEntries(job.wrappers) : undefined;
      const results = job.files.map((f) => scanFile(engine, f, job.maxBytes, categories, wrappers, job.auditFindings));
      const reply: ScanJobResult = { jobId: job.jobId, results };
      parentPort?.postMessage(reply);
    })
    .catch((err: unknown) => {
      const reply: ScanJobResult = { jobId: job.jobId, results: [], error: String((err as Error)?.message ?? err) };
      parentPort?.postMessage(reply);
    });
});
