/** Worker thread for parallel scans: one engine per worker, files arrive in small jobs. */
import { parentPort, workerData } from 'worker_threads';
import { GuardrailEngine, pathsFromRoot } from './engine';
import { scanFile } from './scanFile';
import { tableFromEntries } from './wrappers';
import type { ScanJob, ScanJobResult, ScanWorkerInit } from './scanProtocol';

const init = workerData as ScanWorkerInit;
// Many files each: compiling spot queries together for small files would compile them twice (EngineOptions).
const ready = GuardrailEngine.create(pathsFromRoot(init.root), undefined, { shareSpotQueries: false, ...(init.parserGuards === false ? { parserGuards: false } : {}) });

parentPort?.on('message', (job: ScanJob) => {
  ready
    .then((engine) => {
      const categories = new Set(job.categories);
      const wrappers = job.wrappers ? tableFromEntries(job.wrappers) : undefined;
      const results = [];
      let faulted = false;
      for (const f of job.files) {
        const faults = engine.faults;
        results.push(scanFile(engine, f, job.maxBytes, categories, { wrappers, auditFindings: job.auditFindings, includeGenerated: job.includeGenerated }));
        // A fault may have corrupted this module's memory beyond the parser it replaced.
        if (engine.faults !== faults) {
          faulted = true;
          break;
        }
      }
      const reply: ScanJobResult = { jobId: job.jobId, results, ...(faulted ? { faulted } : {}) };
      parentPort?.postMessage(reply);
    })
    .catch((err: unknown) => {
      const reply: ScanJobResult = { jobId: job.jobId, results: [], error: String((err as Error)?.message ?? err) };
      parentPort?.postMessage(reply);
    });
});
