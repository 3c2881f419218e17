import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { GuardrailDocument } from './engine/document';
import type { Skipped } from './engine/files';
import type { FileAnalysis } from './engine/types';

/** An editor buffer: the engine document (text, tree, incremental state) and what the server published for it. */
export interface OpenDocument {
  uri: string;
  document: GuardrailDocument;
  analysis?: FileAnalysis;
  /** Why the last analysis did not complete (its budget, a parser fault); cleared by the next one. */
  skipped?: Skipped;
  /**
   * Text length when the last analysis ran over its budget: edits that do not shorten the text
   * are not analysed again (each attempt would block the server for the whole budget).
   */
  overBudgetAt?: number;
}

/**
 * Open documents with incremental sync. Unlike `TextDocuments`, it hands each change range to
 * the engine document, which edits its previous syntax tree before reparsing.
 */
export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  open(uri: string, document: GuardrailDocument): OpenDocument {
    this.close(uri);
    const entry: OpenDocument = { uri, document };
    this.docs.set(uri, entry);
    return entry;
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const entry = this.docs.get(uri);
    entry?.document.edit(changes, version);
    return entry;
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }

  close(uri: string): void {
    this.docs.get(uri)?.document.dispose();
    this.docs.delete(uri);
  }
}
