/**
 * The engine's document API: one text the engine analyses again and again (an editor buffer),
 * or once (a file of a scan). A `GuardrailDocument` owns what incremental re-analysis needs —
 * the syntax tree of its last analysis, edited in step with the text, the engine's state of
 * that analysis and the tree edits since — so callers only `edit`, `analyze` and `dispose`.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Edit, Tree } from 'web-tree-sitter';
import type { CategoryId } from './categories';
import type { BudgetLimits } from './budget';
import type { AnalysisState, GuardrailEngine } from './engine';
import type { LanguageId } from './languages';
import { goPackageFacts } from './symbolIndex';
import type { AtomicKind } from './goAtomics';
import type { FileAnalysis, Position } from './types';
import { wrappersFor, type WrapperTable } from './wrappers';

/** What to report for a document; the same for a buffer, a scanned file and the CLI. */
export interface DocumentOptions {
  /** Categories to report; all when absent. */
  categories?: ReadonlySet<CategoryId>;
  /** The project's wrapper table (wrappers.ts): calls to its wrappers for this file's language are triggers. */
  wrapperTable?: WrapperTable;
  /** Go: read the constants the file's package declares in its other files on disk (symbolIndex.ts). */
  packageFiles?: boolean;
  /** Also report low-confidence ("audit") findings. */
  auditFindings?: boolean;
  /** Time and syntax-node limits (budget.ts); over them `analyze` throws BudgetExceeded. */
  budget?: BudgetLimits;
}

/**
 * An LSP-style content change: a replaced range (positions in the text before this change; a
 * reversed range counts as if in order, out-of-range positions are clamped) or the whole text.
 */
export type DocumentChange = { range: { start: Position; end: Position }; text: string } | { text: string };

export interface DocumentAnalysis {
  analysis: FileAnalysis;
  /** Whether the analysis reused the previous one (only the changed declarations were queried). */
  incremental: boolean;
}

export class GuardrailDocument {
  private doc: TextDocument;
  /** The last analysis's tree, edited in step with the text so the next parse is incremental. */
  private lastTree: Tree | undefined;
  /** Engine state of the last analysis (set whenever `lastTree` is). */
  private state: AnalysisState | undefined;
  /** Tree edits since the last analysis, in order. */
  private edits: Edit[] = [];

  /**
   * @param path the file's path: names it, and locates its package (Go) and wrapper table entry
   * @param options what `analyze()` reports when it is given no options of its own
   */
  constructor(
    private readonly engine: GuardrailEngine,
    readonly path: string,
    readonly language: LanguageId,
    text: string,
    version = 0,
    public options: DocumentOptions = {},
  ) {
    this.doc = TextDocument.create(path, language, version, text);
  }

  get text(): string {
    return this.doc.getText();
  }

  get version(): number {
    return this.doc.version;
  }

  /** The text of a line, with its line break. */
  lineText(line: number): string {
    return this.doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  }

  positionAt(offset: number): Position {
    return this.doc.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.doc.offsetAt(position);
  }

  /**
   * The tree of the last analysis, edited in step with the text since (undefined before the
   * first analysis, after a whole-text change or a failed one). Owned by the document: `copy()` it
   * to keep it.
   */
  get tree(): Tree | undefined {
    return this.lastTree;
  }

  /** Applies changes in order (each in the coordinates left by the previous one). */
  edit(changes: readonly DocumentChange[], version = this.doc.version + 1): void {
    for (const change of changes) {
      if ('range' in change) {
        const a = this.doc.offsetAt(change.range.start);
        const b = this.doc.offsetAt(change.range.end);
        // A reversed range (start after end) is applied by TextDocument.update as if in order:
        // the tree edit must be too, or the tree and the text disagree from here on.
        const start = Math.min(a, b);
        const end = Math.max(a, b);
        // Clamp through offsetAt/positionAt so out-of-range positions cannot corrupt the tree.
        const edit = treeEditFor(this.doc.positionAt(start), this.doc.positionAt(end), start, end, change.text);
        if (this.lastTree) {
          this.lastTree.edit(edit);
          this.edits.push(edit);
        }
      } else {
        this.forget();
      }
      this.doc = TextDocument.update(this.doc, [change], version);
    }
  }

  /**
   * Analyses the current text, reusing the previous tree and analysis when there is one (the
   * result equals a full analysis). Throws what `GuardrailEngine.analyze` throws (over budget, a
   * parser fault); the next analysis then starts afresh.
   */
  analyze(options: DocumentOptions = this.options): DocumentAnalysis {
    const tree = this.lastTree;
    try {
      const result = this.engine.analyze(this.doc.getText(), this.language, {
        ...this.analyzeOptions(options),
        ...(tree ? { previousTree: tree } : {}),
        ...(tree && this.state ? { previous: { state: this.state, edits: this.edits } } : {}),
        keepTree: true,
        keepState: true,
      });
      tree?.delete();
      this.lastTree = result.tree;
      this.state = result.state;
      this.edits = [];
      return { analysis: result.analysis, incremental: result.incremental === true };
    } catch (err) {
      this.forget();
      throw err;
    }
  }

  /** Drops the tree and the state: the next analysis parses and queries the whole text. */
  forget(): void {
    this.lastTree?.delete();
    this.lastTree = undefined;
    this.state = undefined;
    this.edits = [];
  }

  /** Frees the tree. The document can still be edited and analysed (from scratch). */
  dispose(): void {
    this.forget();
  }

  private analyzeOptions(options: DocumentOptions) {
    const wrappers = wrappersFor(this.path, options.wrapperTable);
    return {
      ...(options.categories ? { categories: options.categories } : {}),
      ...(options.packageFiles && this.language === 'go' ? packageOptions(this.path) : {}),
      ...(wrappers ? { wrappers } : {}),
      ...(options.auditFindings ? { auditFindings: true } : {}),
      ...(options.budget ? { budget: options.budget } : {}),
    };
  }
}

/** Analyses a text once (a scanned file, a CLI argument): a document opened, analysed and disposed. */
export function analyzeOnce(engine: GuardrailEngine, path: string, language: LanguageId, text: string, options: DocumentOptions = {}): FileAnalysis {
  const document = new GuardrailDocument(engine, path, language, text, 0, options);
  try {
    return document.analyze().analysis;
  } finally {
    document.dispose();
  }
}

/** Converts an LSP-style incremental change into a tree-sitter edit (UTF-16 offsets and columns). */
function treeEditFor(
  start: { line: number; character: number },
  oldEnd: { line: number; character: number },
  startOffset: number,
  oldEndOffset: number,
  newText: string,
): Edit {
  // Line breaks as the LSP counts them (\r\n, \n or a lone \r), which analyze() parses as such.
  const lines = newText.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1] ?? '';
  const newEndPosition =
    lines.length === 1
      ? { row: start.line, column: start.character + newText.length }
      : { row: start.line + lines.length - 1, column: last.length };
  return {
    startIndex: startOffset,
    oldEndIndex: oldEndOffset,
    newEndIndex: startOffset + newText.length,
    startPosition: { row: start.line, column: start.character },
    oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
    newEndPosition,
  } as Edit;
}

/** A Go file's package facts from its sibling files, as analysis options. */
function packageOptions(file: string): { packageConstants: ReadonlySet<string>; packageAtomics?: ReadonlyMap<string, AtomicKind> } {
  const facts = goPackageFacts(file);
  return facts.atomics.size > 0 ? { packageConstants: facts.constants, packageAtomics: facts.atomics } : { packageConstants: facts.constants };
}
