import type { CategoryId } from './categories';
import { withLineFeeds, type GuardrailEngine } from './engine';
import { BudgetExceeded } from './budget';
import { analyzeOnce } from './document';
import { readSource, type Skipped } from './files';
import { generatedMarker } from './generatedCode';
import { languageForPath } from './languages';
import type { WrapperTable } from './wrappers';
import type { ScannedFile } from './scanProtocol';

/** What a scan of one file reports besides its categories. */
export interface ScanFileOptions {
  /** The project's wrapper table (wrappers.ts). */
  wrappers?: WrapperTable | undefined;
  /** Report low-confidence (audit) findings too. */
  auditFindings?: boolean | undefined;
  /** Analyse generated code too (generatedCode.ts); set with `includeTests`. */
  includeGenerated?: boolean | undefined;
}

/** Reads and analyzes one file; never throws (failures become a skip reason). */
export function scanFile(engine: GuardrailEngine, file: string, maxBytes: number, categories: ReadonlySet<CategoryId>, options: ScanFileOptions = {}): ScannedFile {
  const language = languageForPath(file) ?? 'javascript';
  const read = readSource(file, maxBytes);
  if ('skipped' in read) return { file, language, lines: 0, skipped: read.skipped, regions: [], findings: [], hasSyntaxErrors: false };
  return scanText(engine, file, read.text, categories, options);
}

/** Analyzes `text` as the file `file` (read from disk or, for `scan --stdin-filename`, stdin). */
export function scanText(engine: GuardrailEngine, file: string, text: string, categories: ReadonlySet<CategoryId>, options: ScanFileOptions = {}): ScannedFile {
  const language = languageForPath(file) ?? 'javascript';
  const lines = countLines(text);
  const marker = options.includeGenerated ? undefined : generatedMarker(text);
  if (marker !== undefined) return { file, language, lines, skipped: { reason: 'generated', message: `${marker.startsWith('//go:build') ? 'test-only build' : 'generated code'} (${marker.length > 80 ? `${marker.slice(0, 77)}...` : marker})` }, regions: [], findings: [], hasSyntaxErrors: false };
  try {
    const { wrappers, auditFindings = false } = options;
    const analysis = analyzeOnce(engine, file, language, text, { categories, packageFiles: true, ...(wrappers ? { wrapperTable: wrappers } : {}), auditFindings });
    // Python 2-only code (a `print` statement): Python 3 cannot import it; said as a skip, like generated code.
    if (analysis.python2Only) return { file, language, lines, skipped: { reason: 'generated', message: 'Python 2-only code (a print statement): Python 3 cannot import it' }, regions: [], findings: [], hasSyntaxErrors: analysis.hasSyntaxErrors };
    return { file, language, lines, skipped: null, regions: analysis.regions, findings: analysis.findings, ...(analysis.suppressedFindings.length > 0 ? { suppressedFindings: analysis.suppressedFindings } : {}), ...(analysis.wrapperEvidence ? { wrapperEvidence: analysis.wrapperEvidence } : {}), hasSyntaxErrors: analysis.hasSyntaxErrors };
  } catch (err) {
    return { file, language, lines, skipped: skipFor(err), regions: [], findings: [], hasSyntaxErrors: false };
  }
}

/** The skip reason for an analysis that threw: over budget, or failed (a parser fault included). */
export function skipFor(err: unknown): Skipped {
  if (err instanceof BudgetExceeded) return { reason: 'budget', message: err.message };
  return { reason: 'analysis-failed', message: (err as Error)?.message ?? String(err) };
}

/**
 * Files that should have been analysed and were not (reasons other than `binary` and
 * `too-large`, which are skipped by design; a file that vanished during the scan, ENOENT, is
 * not counted either).
 */
export function incompleteFiles(scanned: readonly ScannedFile[]): ScannedFile[] {
  return scanned.filter((s) => {
    const reason = s.skipped?.reason;
    if (reason === 'analysis-failed' || reason === 'budget') return true;
    return reason === 'unreadable' && !s.skipped!.message.includes('ENOENT');
  });
}

export function countLines(source: string): number {
  if (source.length === 0) return 0;
  const text = withLineFeeds(source);
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}
