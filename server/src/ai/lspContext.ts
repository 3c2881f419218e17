/** The `aiGuardrails/aiContext` request: the region at a position with its redacted context. */
import * as fs from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { toPosix } from '../engine/files';
import { languageForPath, type LanguageId } from '../engine/languages';
import type { GuardrailService } from '../service';
import type { AiContextParams, AiContextResult } from '../../../common/src/ai';

function validParams(p: unknown): p is AiContextParams {
  if (typeof p !== 'object' || p === null) return false;
  const o = p as Record<string, unknown>;
  const pos = o.position as Record<string, unknown> | null | undefined;
  return typeof o.uri === 'string' && typeof pos === 'object' && pos !== null && Number.isInteger(pos.line) && (pos.line as number) >= 0;
}

/**
 * Builds the context from the open document (or the file on disk), analysed afresh so that the
 * region, its lines and the text belong to one version. Null when no region covers the line.
 * Read-only: it never changes review state.
 */
export async function aiContextFor(service: GuardrailService, params: unknown): Promise<AiContextResult | null> {
  if (!validParams(params)) return null;
  await service.ready;
  const uri = URI.parse(params.uri);
  const fsPath = uri.fsPath;
  const open = service.openText(params.uri);
  let text: string;
  let language: LanguageId | undefined;
  let version: number | undefined;
  if (open) {
    ({ text, language, version } = open);
  } else {
    if (uri.scheme !== 'file') return null;
    language = languageForPath(fsPath);
    if (!language) return null;
    try {
      text = fs.readFileSync(fsPath, 'utf8');
    } catch {
      return null;
    }
  }
  const settings = service.settingsFor(fsPath);
  if (!settings.enable || service.isExcluded(fsPath)) return null;
  const folder = service.folderOf(fsPath);
  const rel = folder ? toPosix(path.relative(folder, fsPath)) : path.basename(fsPath);
  const { context } = await service.analysis.request<'context'>({
    kind: 'context',
    text,
    language,
    path: rel,
    line: params.position.line,
    categories: service.analysisSettings(fsPath, settings).categories,
  });
  if (!context) return null;
  return { context, ...(version !== undefined ? { version } : {}) };
}
