import { UnsupportedInput } from './budget';
import type { LanguageId } from './languages';

/**
 * Inputs a grammar is known to mishandle, refused before parsing.
 *
 * tree-sitter-python's external scanner saves its indent stack (2 bytes per level, after up to
 * 257 bytes of string delimiters) into tree-sitter's 1 KB scanner-state buffer and checks the
 * size only per level: from about 380 nested indentation levels (with strings open; 510 without)
 * it writes past the buffer. Sometimes
 * the WebAssembly traps ("memory access out of bounds"), sometimes the write lands silently and
 * later files parse wrong in the same module. No real code nests that deep, so such a file is
 * skipped with a reason instead. (Faults from causes not known yet are still caught: engine.ts.)
 */
export const MAX_PYTHON_INDENT_LEVELS = 300;

/** A tab stops at the next multiple of 8, as in the grammar's scanner. */
const TAB = 8;

/**
 * The deepest indent stack a Python file builds, roughly as the grammar's scanner counts (lines
 * inside brackets count too, so it can only overestimate).
 */
export function pythonIndentLevels(text: string): number {
  // Fast path: MAX levels need a line indented by at least MAX columns (MAX / TAB characters).
  if (!new RegExp(`^[ \\t]{${Math.floor(MAX_PYTHON_INDENT_LEVELS / TAB)}}`, 'm').test(text)) return 0;
  const stack = [0];
  let deepest = 0;
  let i = 0;
  while (i < text.length) {
    let column = 0;
    let j = i;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x20) column++;
      else if (c === 0x09) column += TAB - (column % TAB);
      else break;
    }
    const c = text[j];
    if (c !== undefined && c !== '\n' && c !== '\r' && c !== '#') {
      while (column < stack[stack.length - 1]!) stack.pop();
      if (column > stack[stack.length - 1]!) {
        stack.push(column);
        deepest = Math.max(deepest, stack.length - 1);
      }
    }
    // Next line (\n, \r\n or a lone \r).
    let k = j;
    while (k < text.length && text[k] !== '\n' && text[k] !== '\r') k++;
    i = text[k] === '\r' && text[k + 1] === '\n' ? k + 2 : k + 1;
  }
  return deepest;
}

/** Throws UnsupportedInput (skipped as `budget`, with this reason) for inputs a grammar cannot take. */
export function checkParserInput(text: string, language: LanguageId): void {
  if (language !== 'python') return;
  const levels = pythonIndentLevels(text);
  if (levels > MAX_PYTHON_INDENT_LEVELS) {
    throw new UnsupportedInput(`indentation nested ${levels} levels deep; the Python parser takes at most ${MAX_PYTHON_INDENT_LEVELS}`);
  }
}
