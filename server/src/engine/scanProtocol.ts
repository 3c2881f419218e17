import type { CategoryId } from './categories';
import type { Skipped } from './files';
import type { LanguageId } from './languages';
import type { Finding, Region } from './types';

export interface ScanWorkerInit {
  root: string;
}

export interface ScanJob {
  jobId: number;
  files: string[];
  maxBytes: number;
  categories: CategoryId[];
  /** The project's wrapper table (wrappers.ts), as entries per family. */
  wrappers?: [string, [string, CategoryId][]][];
  auditFindings?: boolean;
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
  /** The analyzed text, only when requested (for findings and fingerprints by callers). */
}

export interface ScanJobResult {
  jobId: number;
  results: ScannedFile[];
  error?: string;
}
