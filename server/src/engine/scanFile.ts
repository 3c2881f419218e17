import type { CategoryId } from './categories';
import type { GuardrailEngine } from './engine';
import { readSource } from './files';
import { languageForPath } from './languages';
import { goPackageConstants } from './symbolIndex';
import { wrappersFor, type WrapperTable } from './wrappers';
import type { ScannedFile } from './scanProtocol';

/** Reads and analyzes one file; never throws (failures become a skip reason). */
export function scanFile(engine: GuardrailEngine, file: string, maxBytes: number, categories: ReadonlySet<CategoryId>, wrappers?: WrapperTable, auditFindings = false): ScannedFile {
  const language = languageForPath(file) ?? 'javascript';
  const read = readSource(file, maxBytes);
  if ('skipped' in read) return { file, language, lines: 0, skipped: read.skipped, regions: [], findings: [], hasSyntaxErrors: false };
  const lines = countLines(read.text);
  try {
    const own = wrappersFor(file, wrappers);
    const { analysis } = engine.analyze(read.text, language, {
      categories,
      ...(language === 'go' ? { packageConstants: goPackageConstants(file) } : {}),
      ...(own ? { wrappers: own } : {}),
      ...(auditFindings ? { auditFindings } : {}),
    });
    return { file, language, lines, skipped: null, regions: analysis.regions, findings: analysis.findings, ...(analysis.suppressedFindings.length > 0 ? { suppressedFindings: analysis.suppressedFindings } : {}), hasSyntaxErrors: analysis.hasSyntaxErrors };
  } catch (err) {
    return {
      file,
      language,
      lines,
      skipped: { reason: 'unreadable', message: `analysis failed: ${(err as Error).message}` },
      regions: [],
      findings: [],
      hasSyntaxErrors: false,
    };
  }
}

export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}
