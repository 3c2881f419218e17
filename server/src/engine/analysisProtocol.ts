/**
 * Messages between the language server's thread and its analysis worker (analysisWorker.ts).
 * The worker owns the engine and one engine document per open editor buffer; the server's
 * thread keeps a copy of each text and the last results, so it answers hovers, code actions and
 * every other request while an analysis runs.
 */
import type { AiContext } from '../../../common/src/ai';
import type { CategoryId } from './categories';
import type { DocumentChange } from './document';
import type { Skipped } from './files';
import type { LanguageId } from './languages';
import type { ScannedFile } from './scanProtocol';
import type { FileAnalysis } from './types';

export interface AnalysisWorkerInit {
  root: string;
  /** EngineOptions.parserGuards (tests turn it off to reach a real WebAssembly fault). */
  parserGuards?: boolean;
}

/** A wrapper table (wrappers.ts) as plain entries per family. */
export type WrapperEntries = [string, [string, CategoryId][]][];

/** What an analysis reports (DocumentOptions without the parts that do not cross threads). */
export interface AnalysisSettings {
  categories: CategoryId[];
  auditFindings?: boolean;
  /** Analyse generated code too (generatedCode.ts; with `includeTests`). */
  includeGenerated?: boolean;
  /** Key of the wrapper table set by `wrappers` (the workspace folder). */
  wrappersKey?: string;
}

/** Fire-and-forget messages: they change the worker's documents in order. */
export type DocumentMessage =
  | { kind: 'open'; uri: string; path: string; language: LanguageId; text: string; version: number }
  | { kind: 'edit'; uri: string; changes: DocumentChange[]; version: number }
  | { kind: 'forget'; uri: string }
  | { kind: 'close'; uri: string }
  | { kind: 'wrappers'; key: string; entries: WrapperEntries | undefined };

/** Requests: each is answered by a reply with the same id. */
export type AnalysisRequest =
  | { kind: 'analyze'; id: number; uri: string; settings: AnalysisSettings }
  | { kind: 'scanFile'; id: number; path: string; maxBytes: number; settings: AnalysisSettings }
  | { kind: 'context'; id: number; path: string; language: LanguageId; text: string; line: number; categories: CategoryId[] }
  | { kind: 'prepare'; id: number; language: LanguageId };

export type WorkerMessage = DocumentMessage | AnalysisRequest;

export type AnalysisOutcome =
  | { analysis: FileAnalysis; version: number }
  | { skipped: Skipped; version: number; stack?: string }
  /** The document was closed (or never opened) before the analysis ran. */
  | { gone: true };

export interface AnalysisReplies {
  analyze: AnalysisOutcome;
  scanFile: ScannedFile;
  context: { context?: AiContext };
  prepare: { more: boolean };
}

export interface AnalysisReply {
  id: number;
  result?: AnalysisReplies[keyof AnalysisReplies];
  error?: string;
  /**
   * tree-sitter faulted during this request: the engine replaced the parser, but the worker's
   * WebAssembly memory is suspect, so the server replaces the worker.
   */
  faulted?: boolean;
}
