/**
 * The language server's analysis thread: the engine and one engine document per open editor
 * buffer (edited in step with the editor, analysed incrementally). Messages run in the order
 * they arrive, so an analysis sees every edit sent before it. See analysisProtocol.ts.
 */
import { parentPort, workerData } from 'worker_threads';
import { contextAtLine } from '../ai/context';
import type { GuardrailDocument } from './document';
import { GuardrailEngine, pathsFromRoot } from './engine';
import { scanFile, skipFor } from './scanFile';
import { tableFromEntries, type WrapperTable } from './wrappers';
import type {
  AnalysisOutcome,
  AnalysisReplies,
  AnalysisReply,
  AnalysisRequest,
  AnalysisSettings,
  AnalysisWorkerInit,
  DocumentMessage,
  WorkerMessage,
} from './analysisProtocol';

const init = workerData as AnalysisWorkerInit;
const documents = new Map<string, GuardrailDocument>();
const wrapperTables = new Map<string, WrapperTable>();
let engine: GuardrailEngine | undefined;
const ready = GuardrailEngine.create(pathsFromRoot(init.root), undefined, init.parserGuards === false ? { parserGuards: false } : {}).then((e) => {
  engine = e;
  return e;
});

/** Messages wait here until the engine is loaded, then run in order. */
const queue: WorkerMessage[] = [];
let draining = false;

parentPort?.on('message', (message: WorkerMessage) => {
  queue.push(message);
  if (engine) drain(engine);
  else if (!draining) {
    draining = true;
    ready.then(drain, (err: unknown) => {
      const error = `the analysis engine did not load: ${(err as Error)?.message ?? String(err)}`;
      for (const m of queue.splice(0)) if ('id' in m) reply({ id: m.id, error });
    });
  }
});

function drain(e: GuardrailEngine): void {
  draining = false;
  for (let m = queue.shift(); m; m = queue.shift()) {
    if ('id' in m) answer(e, m);
    else apply(e, m);
  }
}

function apply(e: GuardrailEngine, m: DocumentMessage): void {
  switch (m.kind) {
    case 'open':
      documents.get(m.uri)?.dispose();
      documents.set(m.uri, e.open(m.path, m.language, m.text, { version: m.version }));
      break;
    case 'edit':
      documents.get(m.uri)?.edit(m.changes, m.version);
      break;
    case 'forget':
      documents.get(m.uri)?.forget();
      break;
    case 'close':
      documents.get(m.uri)?.dispose();
      documents.delete(m.uri);
      break;
    case 'wrappers':
      if (m.entries) wrapperTables.set(m.key, tableFromEntries(m.entries));
      else wrapperTables.delete(m.key);
      break;
  }
}

function answer(e: GuardrailEngine, m: AnalysisRequest): void {
  const faults = e.faults;
  try {
    const result = run(e, m);
    reply({ id: m.id, result, ...(e.faults !== faults ? { faulted: true } : {}) });
  } catch (err) {
    reply({ id: m.id, error: (err as Error)?.stack ?? String(err), ...(e.faults !== faults ? { faulted: true } : {}) });
  }
}

function run(e: GuardrailEngine, m: AnalysisRequest): AnalysisReplies[keyof AnalysisReplies] {
  switch (m.kind) {
    case 'analyze':
      return analyze(m.uri, m.settings);
    case 'scanFile': {
      const wrappers = tableFor(m.settings);
      return scanFile(e, m.path, m.maxBytes, new Set(m.settings.categories), { wrappers, auditFindings: m.settings.auditFindings === true, includeGenerated: m.settings.includeGenerated === true });
    }
    case 'context': {
      const { context } = contextAtLine(e, { text: m.text, language: m.language, path: m.path, line: m.line, categories: new Set(m.categories) });
      return context ? { context } : {};
    }
    case 'prepare':
      return { more: e.prepareStep(m.language) };
  }
}

function analyze(uri: string, settings: AnalysisSettings): AnalysisOutcome {
  const document = documents.get(uri);
  if (!document) return { gone: true };
  const wrapperTable = tableFor(settings);
  try {
    const { analysis } = document.analyze({
      categories: new Set(settings.categories),
      packageFiles: true,
      ...(wrapperTable ? { wrapperTable } : {}),
      ...(settings.auditFindings ? { auditFindings: true } : {}),
    });
    return { analysis, version: document.version };
  } catch (err) {
    // Never crash on source text: the document dropped its tree, so the next parse starts fresh.
    const skipped = skipFor(err);
    return { skipped, version: document.version, ...(skipped.reason === 'budget' ? {} : { stack: (err as Error)?.stack ?? String(err) }) };
  }
}

function tableFor(settings: AnalysisSettings): WrapperTable | undefined {
  return settings.wrappersKey === undefined ? undefined : wrapperTables.get(settings.wrappersKey);
}

function reply(message: AnalysisReply): void {
  parentPort?.postMessage(message);
}
