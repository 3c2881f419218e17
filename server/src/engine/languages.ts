import { languageForPath, type LanguageId } from '../../../common/src/languages';

/** The file-extension table is shared with the client: see common/src/languages.ts. */
export { languageForPath, SUPPORTED_EXTENSIONS, type LanguageId } from '../../../common/src/languages';

/** Query folders: TypeScript, TSX and JavaScript share the `ecma` rules. */
export type QueryFamily = 'go' | 'python' | 'ecma';

export interface LanguageSpec {
  id: LanguageId;
  family: QueryFamily;
  /** File name of the grammar inside `grammars/`. */
  wasm: string;
  /** Node types that form a region unit (function, method, lambda). */
  unitTypes: ReadonlySet<string>;
  /** Node types that give a name to the units nested in them (classes). */
  scopeTypes: ReadonlySet<string>;
}

const ECMA_UNITS = new Set([
  'function_declaration',
  'function_expression',
  'generator_function_declaration',
  'generator_function',
  'arrow_function',
  'method_definition',
]);
const ECMA_SCOPES = new Set(['class_declaration', 'class', 'abstract_class_declaration']);

export const LANGUAGES: Record<LanguageId, LanguageSpec> = {
  go: {
    id: 'go',
    family: 'go',
    wasm: 'tree-sitter-go.wasm',
    unitTypes: new Set(['function_declaration', 'method_declaration', 'func_literal']),
    scopeTypes: new Set(),
  },
  python: {
    id: 'python',
    family: 'python',
    wasm: 'tree-sitter-python.wasm',
    unitTypes: new Set(['function_definition', 'lambda']),
    scopeTypes: new Set(['class_definition']),
  },
  typescript: { id: 'typescript', family: 'ecma', wasm: 'tree-sitter-typescript.wasm', unitTypes: ECMA_UNITS, scopeTypes: ECMA_SCOPES },
  tsx: { id: 'tsx', family: 'ecma', wasm: 'tree-sitter-tsx.wasm', unitTypes: ECMA_UNITS, scopeTypes: ECMA_SCOPES },
  javascript: { id: 'javascript', family: 'ecma', wasm: 'tree-sitter-javascript.wasm', unitTypes: ECMA_UNITS, scopeTypes: ECMA_SCOPES },
};

export const LANGUAGE_IDS = Object.keys(LANGUAGES) as LanguageId[];

/** VS Code / LSP language identifiers. */
const LSP_LANGUAGE_IDS: Record<string, LanguageId> = {
  go: 'go',
  python: 'python',
  typescript: 'typescript',
  typescriptreact: 'tsx',
  javascript: 'javascript',
  javascriptreact: 'javascript',
};

export function languageForDocument(lspLanguageId: string, filePath: string): LanguageId | undefined {
  return LSP_LANGUAGE_IDS[lspLanguageId] ?? languageForPath(filePath);
}

