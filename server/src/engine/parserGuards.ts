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
  // Each line's indentation and first character, by a regular expression: a loop of charCodeAt
  // over an editor's text (built by concatenation) ran 30 times slower than over a file's.
  const stack = [0];
  let deepest = 0;
  LINE_START.lastIndex = 0;
  for (let m = LINE_START.exec(text); m; m = LINE_START.exec(text)) {
    const indent = m[1]!;
    const c = m[2]!;
    if (c !== '' && c !== '#') {
      let column = 0;
      for (let k = 0; k < indent.length; k++) column = indent[k] === '\t' ? column + TAB - (column % TAB) : column + 1;
      while (column < stack[stack.length - 1]!) stack.pop();
      if (column > stack[stack.length - 1]!) {
        stack.push(column);
        deepest = Math.max(deepest, stack.length - 1);
      }
    }
    if (m[0].length === 0) LINE_START.lastIndex++;
    if (LINE_START.lastIndex >= text.length) break;
  }
  return deepest;
}

/** A line (after \n, \r\n or a lone \r, or at the start): its indentation and the character after it. */
const LINE_START = /(?:^|\r\n|\n|\r)([ \t]*)([^\n\r]?)/g;

/** Throws UnsupportedInput (skipped as `budget`, with this reason) for inputs a grammar cannot take. */
export function checkParserInput(text: string, language: LanguageId): void {
  if (language !== 'python') return;
  const levels = pythonIndentLevels(text);
  if (levels > MAX_PYTHON_INDENT_LEVELS) {
    throw new UnsupportedInput(`indentation nested ${levels} levels deep; the Python parser takes at most ${MAX_PYTHON_INDENT_LEVELS}`);
  }
}
