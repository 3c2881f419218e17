import type { Node } from 'web-tree-sitter';
import type { QueryFamily } from './languages';
import type { Fix, Span } from './types';

/**
 * Quick fixes for findings, by the name a finding pattern gives with `(#set! fix "<name>")`.
 * Each fixer gets the pattern's captures and returns edits, or undefined when the code is not
 * in a shape it can fix mechanically (then the finding is reported without a fix).
 */
export interface FixContext {
  node: Node;
  captures: ReadonlyMap<string, Node>;
  text: string;
  family: QueryFamily;
}

export type Fixer = (ctx: FixContext) => Fix | undefined;

const FIXERS = new Map<string, Fixer>();

export function registerFixer(name: string, fixer: Fixer): void {
  FIXERS.set(name, fixer);
}

export function fixerNames(): string[] {
  return [...FIXERS.keys()].sort();
}

export function buildFix(name: string, ctx: FixContext): Fix | undefined {
  const fixer = FIXERS.get(name);
  if (!fixer) throw new Error(`unknown fix "${name}" (known: ${fixerNames().join(', ')})`);
  try {
    return fixer(ctx);
  } catch {
    return undefined;
  }
}

export function spanOfNode(node: Node): Span {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

/** Helper for fixers: replace one node's text. */
export function replaceNode(node: Node, newText: string): { span: Span; newText: string } {
  return { span: spanOfNode(node), newText };
}
