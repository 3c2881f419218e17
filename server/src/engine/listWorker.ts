/**
 * Lists a workspace folder's source files in a thread of its own (listFolder.ts), so a large
 * tree or many .gitignore files never keep the language server from answering.
 */
import { parentPort, workerData } from 'worker_threads';
import { listSourceFiles } from './files';
import { walkFilters } from '../settings';
import type { ListRequest, ListResult } from './listFolder';

const request = workerData as ListRequest;
const warnings: string[] = [];
let result: ListResult;
try {
  const files = listSourceFiles([request.folder], { root: request.folder, ...walkFilters(request.settings, request.extraGlobs), warn: (m) => warnings.push(m) });
  result = { files, warnings };
} catch (err) {
  result = { files: [], warnings, error: (err as Error)?.stack ?? String(err) };
}
parentPort?.postMessage(result);
