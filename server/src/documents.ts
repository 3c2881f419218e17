import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { Edit, Tree } from 'web-tree-sitter';
import { treeEditFor, type AnalysisState } from './engine/engine';
import type { Skipped } from './engine/files';
import type { LanguageId } from './engine/languages';
import type { FileAnalysis } from './engine/types';

export interface OpenDocument {
  doc: TextDocument;
  language: LanguageId;
  /** The last tree, edited in step with the text so the next parse is incremental. */
  tree?: Tree;
  analysis?: FileAnalysis;
  /** Text version the analysis belongs to. */
  analyzedVersion?: number;
  /** Engine state of the last analysis, for incremental re-analysis. */
  analysisState?: AnalysisState;
  /** Tree edits since the last analysis, in order (undefined after a full-text change). */
  pendingEdits?: Edit[];
  /** Why the last analysis did not complete (its budget, a parser fault); cleared by the next one. */
  skipped?: Skipped;
  /**
   * Text length when the last analysis ran over its budget: edits that do not shorten the text
   * are not analysed again (each attempt would block the server for the whole budget).
   */
  overBudgetAt?: number;
}

/**
 * Open documents with incremental sync. Unlike `TextDocuments`, it sees each change range,
 * which it needs to `tree.edit()` the previous syntax tree before reparsing.
 */
export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string, language: LanguageId): OpenDocument {
    this.close(uri);
    const entry: OpenDocument = { doc: TextDocument.create(uri, languageId, version, text), language };
    this.docs.set(uri, entry);
    return entry;
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const entry = this.docs.get(uri);
    if (!entry) return undefined;
    for (const change of changes) {
      if ('range' in change) {
        const a = entry.doc.offsetAt(change.range.start);
        const b = entry.doc.offsetAt(change.range.end);
        // A reversed range (start after end) is applied by TextDocument.update as if in order:
        // the tree edit must be too, or the tree and the text disagree from here on.
        const start = Math.min(a, b);
        const end = Math.max(a, b);
        // Clamp through offsetAt/positionAt so out-of-range positions cannot corrupt the tree.
        const edit = treeEditFor(entry.doc.positionAt(start), entry.doc.positionAt(end), start, end, change.text);
        if (entry.tree) {
          entry.tree.edit(edit);
          entry.pendingEdits?.push(edit);
        }
      } else {
        entry.tree?.delete();
        entry.tree = undefined;
        entry.pendingEdits = undefined;
      }
      entry.doc = TextDocument.update(entry.doc, [change], version);
    }
    return entry;
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }

  close(uri: string): void {
    const entry = this.docs.get(uri);
    entry?.tree?.delete();
    this.docs.delete(uri);
  }
}
