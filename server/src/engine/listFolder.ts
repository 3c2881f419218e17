/** A folder's source files for the workspace scan, listed off the caller's thread (listWorker.ts). */
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { GuardrailSettings } from '../../../common/src/settings';

export interface ListRequest {
  folder: string;
  settings: GuardrailSettings;
  /** More exclude globs (the editor's `files.exclude`). */
  extraGlobs: string[];
}

export interface ListResult {
  files: string[];
  /** What `listSourceFiles` warned about (a link out of the workspace, a refused pattern). */
  warnings: string[];
  error?: string;
}

/** `listSourceFiles` of one folder under these settings, in a worker thread. */
export function listFolder(request: ListRequest, script = path.join(__dirname, 'listWorker.js')): Promise<ListResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: request });
    let settled = false;
    worker.once('message', (result: ListResult) => {
      settled = true;
      if (result.error) reject(new Error(`listing ${request.folder}: ${result.error}`));
      else resolve(result);
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`listing ${request.folder}: the worker exited with code ${code}`));
    });
  });
}
