import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Skipped } from './engine/files';
import type { LanguageId } from './engine/languages';
import type { FileAnalysis } from './engine/types';

/**
 * An editor buffer as the server's thread sees it: its text (the analysis worker keeps its own
 * copy, with the syntax tree) and what the server published for it.
 */
export interface OpenDocument {
  uri: string;
  path: string;
  language: LanguageId;
  text: TextDocument;
  analysis?: FileAnalysis;
  /** The version of the text `analysis` (or `skipped`) belongs to. */
  resultVersion?: number;
  /** Why the last analysis did not complete (its budget, a parser fault); cleared by the next one. */
  skipped?: Skipped;
  /**
   * Text length when the last analysis ran over its budget (or stopped the analysis worker):
   * edits that do not shorten the text are not analysed again (each attempt would keep the
   * worker busy for the whole budget).
   */
  overBudgetAt?: number;
}

/** Open documents with incremental sync; the same changes go to the analysis worker. */
export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  open(uri: string, path: string, language: LanguageId, version: number, text: string): OpenDocument {
    const entry: OpenDocument = { uri, path, language, text: TextDocument.create(uri, language, version, text) };
    this.docs.set(uri, entry);
    return entry;
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const entry = this.docs.get(uri);
    if (entry) entry.text = TextDocument.update(entry.text, changes, version);
    return entry;
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }
}
