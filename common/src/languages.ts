/**
 * Which files AI Guardrails reads, by extension: the server analyses them, the client watches
 * them (its file watcher and the edit detector ignore everything else).
 */
import * as path from 'path';

/** Grammar-level languages we parse. TSX has its own grammar; JSX parses with the JavaScript one. */
export type LanguageId = 'go' | 'python' | 'typescript' | 'tsx' | 'javascript';

const EXTENSIONS: Record<string, LanguageId> = {
  '.go': 'go',
  '.py': 'python',
  '.pyi': 'python',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
};

export function languageForPath(filePath: string): LanguageId | undefined {
  if (filePath.endsWith('.d.ts')) return undefined;
  return EXTENSIONS[path.extname(filePath).toLowerCase()];
}

export const SUPPORTED_EXTENSIONS = Object.keys(EXTENSIONS);
