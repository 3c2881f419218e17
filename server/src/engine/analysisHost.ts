/**
 * The server's side of its analysis worker (analysisWorker.ts): starts it, posts document
 * changes in order, matches replies to requests, and replaces the worker when it stops or its
 * WebAssembly memory is suspect — replaying the open documents into the new one.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { AnalysisReplies, AnalysisReply, AnalysisRequest, AnalysisWorkerInit, DocumentMessage } from './analysisProtocol';

type RequestKind = AnalysisRequest['kind'];
export type RequestOf<K extends RequestKind> = Omit<Extract<AnalysisRequest, { kind: K }>, 'id'>;

/**
 * A request that was waiting when the worker stopped; the worker was replaced. `running`: this
 * request was the one the worker was working on (it runs them in order), so it may be the cause;
 * the others can simply be asked again.
 */
export class AnalysisWorkerStopped extends Error {
  constructor(
    message: string,
    readonly running = false,
  ) {
    super(message);
  }
}

/**
 * A worker whose V8 heap grows past this stops with ERR_WORKER_OUT_OF_MEMORY instead of taking
 * the language server down (a runaway allocation on some source text).
 */
const WORKER_HEAP_MB = 1536;

/** Workers replaced in a row without one reply: past this the host stops starting new ones. */
const MAX_FAILED_STARTS = 3;

interface Waiting {
  resolve: (value: never) => void;
  reject: (err: Error) => void;
}

export interface AnalysisHostEvents {
  /** The documents and tables a fresh worker needs, in order (sent before anything else). */
  replay(): DocumentMessage[];
  log(message: string): void;
}

export class AnalysisHost {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  /** Worker replacements so far (faults, crashes). */
  restarts = 0;
  /** Replacements since the last reply: a worker that cannot even start is not started forever. */
  private failedInARow = 0;
  /** Set when workers kept failing: every request is refused with it. */
  private brokenReason: string | undefined;
  private disposed = false;

  constructor(
    private readonly init: AnalysisWorkerInit,
    private readonly events: AnalysisHostEvents,
    private readonly script = path.join(__dirname, 'analysisWorker.js'),
  ) {}

  /** Starts the worker (it loads the engine while the server does other things). */
  start(): void {
    if (!this.worker && !this.disposed && !this.brokenReason) this.spawn();
  }

  send(message: DocumentMessage): void {
    this.start();
    this.worker?.postMessage(message);
  }

  request<K extends RequestKind>(message: RequestOf<K>): Promise<AnalysisReplies[K]> {
    this.start();
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error(this.brokenReason ?? 'the analysis worker is shut down'));
    const id = this.nextId++;
    return new Promise<AnalysisReplies[K]>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: never) => void, reject });
      worker.postMessage({ ...message, id });
    });
  }

  /** Requests waiting for a reply. */
  get busy(): boolean {
    return this.waiting.size > 0;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failWaiting('the analysis worker is shut down');
    if (worker) {
      worker.removeAllListeners();
      await worker.terminate();
    }
  }

  private spawn(): void {
    const worker = new Worker(this.script, { workerData: this.init, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    this.worker = worker;
    worker.on('message', (reply: AnalysisReply) => {
      if (this.worker !== worker) return;
      this.failedInARow = 0;
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.error !== undefined) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.result as never);
      // The engine replaced its faulted parser, but this thread's WebAssembly memory is suspect.
      if (reply.faulted) this.replace('tree-sitter faulted', false);
    });
    worker.on('error', (err) => {
      if (this.worker === worker) this.replace(`the analysis worker failed: ${err.stack ?? String(err)}`);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.replace(`the analysis worker exited with code ${code}`);
    });
    for (const message of this.events.replay()) worker.postMessage(message);
  }

  /** Ends the current worker and starts a fresh one with the open documents. */
  private replace(reason: string, running = true): void {
    const old = this.worker;
    this.worker = undefined;
    if (old) {
      old.removeAllListeners();
      void old.terminate();
    }
    this.failWaiting(reason, running);
    if (this.disposed) return;
    if (++this.failedInARow > MAX_FAILED_STARTS) {
      this.brokenReason = `the analysis worker failed ${MAX_FAILED_STARTS + 1} times in a row without answering; files are not analysed until the server restarts (last: ${reason})`;
      this.events.log(this.brokenReason);
      return;
    }
    this.restarts++;
    this.events.log(`analysis worker replaced (${reason})`);
    this.spawn();
  }

  /** Rejects every waiting request; with `running`, the oldest is the one the worker was running. */
  private failWaiting(reason: string, running = false): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    waiting.forEach((w, i) => w.reject(new AnalysisWorkerStopped(reason, running && i === 0)));
  }
}
