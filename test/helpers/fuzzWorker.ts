/**
 * The fuzzer's analysis thread (fuzz.ts): one engine, inputs in, outcomes out. A thread of its
 * own so a hang can be stopped (terminate) and a WebAssembly fault cannot reach the fuzzer.
 */
import { parentPort, workerData } from 'worker_threads';
import { BudgetExceeded, EngineFault, UnsupportedInput } from '../../server/src/engine/budget';
import { GuardrailEngine, pathsFromRoot } from '../../server/src/engine/engine';
import type { LanguageId } from '../../server/src/engine/languages';

export interface FuzzJob {
  id: number;
  text: string;
  language: LanguageId;
}

export type FuzzOutcome = 'ok' | 'refused' | 'budget' | 'fault' | 'error';

export interface FuzzResult {
  id: number;
  outcome: FuzzOutcome;
  millis: number;
  message?: string;
  regions?: number;
  findings?: number;
  hasSyntaxErrors?: boolean;
}

const ready = GuardrailEngine.create(pathsFromRoot((workerData as { root: string }).root));

parentPort?.on('message', (job: FuzzJob) => {
  void ready.then((engine) => {
    const started = performance.now();
    let reply: FuzzResult;
    try {
      const { analysis } = engine.analyze(job.text, job.language);
      reply = { id: job.id, outcome: 'ok', millis: performance.now() - started, regions: analysis.regions.length, findings: analysis.findings.length, hasSyntaxErrors: analysis.hasSyntaxErrors };
    } catch (err) {
      const outcome: FuzzOutcome =
        err instanceof UnsupportedInput ? 'refused' : err instanceof BudgetExceeded ? 'budget' : err instanceof EngineFault ? 'fault' : 'error';
      reply = { id: job.id, outcome, millis: performance.now() - started, message: (err as Error).stack ?? String(err) };
    }
    parentPort?.postMessage(reply);
  });
});
