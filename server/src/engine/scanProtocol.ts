import type { CategoryId } from './categories';
import type { Skipped } from './files';
import type { LanguageId } from './languages';
import type { Finding, Region, WrapperEvidence } from './types';

export interface ScanWorkerInit {
  root: string;
  /** EngineOptions.parserGuards (tests turn it off to reach a real WebAssembly fault). */
  parserGuards?: boolean;
}

export interface ScanJob {
  jobId: number;
  files: string[];
  maxBytes: number;
  categories: CategoryId[];
  /** The project's wrapper table (wrappers.ts), as entries per family. */
  wrappers?: [string, [string, CategoryId][]][];
  auditFindings?: boolean;
  includeGenerated?: boolean;
}

export interface ScannedFile {
  file: string;
  language: LanguageId;
  lines: number;
  skipped: Skipped | null;
  regions: Region[];
  findings: Finding[];
  /** Findings waived by a suppression comment (reported as suppressed). */
  suppressedFindings?: Finding[];
  hasSyntaxErrors: boolean;
  /** Units that make no region but feed the wrapper table (FileAnalysis.wrapperEvidence). */
  wrapperEvidence?: WrapperEvidence[];
  /** The analyzed text, only when requested (for findings and fingerprints by callers). */
}

export interface ScanJobResult {
  jobId: number;
  /** The job's files in order; after a fault only those up to the faulting one. */
  results: ScannedFile[];
  error?: string;
  /**
   * tree-sitter faulted on the last file: the worker's WebAssembly memory is suspect, so it
   * stopped there and is replaced; the job's other files run again in a fresh worker.
   */
  faulted?: boolean;
}
