/** Helpers for the incremental-analysis tests (and for replaying a failing edit sequence). */
import type { Node } from 'web-tree-sitter';
import type { GuardrailEngine } from '../../server/src/engine/engine';
import { LANGUAGES, type LanguageId } from '../../server/src/engine/languages';
import type { FileAnalysis } from '../../server/src/engine/types';

export function rng(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export function comparable(a: FileAnalysis): unknown {
  return { regions: a.regions, findings: a.findings, hasSyntaxErrors: a.hasSyntaxErrors };
}

export const WORDS = /[A-Za-z_][A-Za-z0-9_]*/g;

/** One random LSP change against the current text. */
export function randomChange(text: string, rand: () => number, pool: string[]): { start: number; end: number; newText: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const at = () => Math.floor(rand() * (text.length + 1));
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineRange = (row: number) => {
    const start = lineStarts[row] ?? text.length;
    const next = lineStarts[row + 1];
    return { start, end: next ?? text.length };
  };
  const kind = rand();
  if (kind < 0.2) {
    // Typing one character.
    const p = at();
    return { start: p, end: p, newText: pick([' ', 'x', '(', ')', '{', '}', '"', '.', ',', '\n', 'a', '_', '1', ';']) };
  }
  if (kind < 0.3) {
    // Backspace / small deletion.
    const p = at();
    return { start: p, end: Math.min(text.length, p + 1 + Math.floor(rand() * 4)), newText: '' };
  }
  if (kind < 0.5) {
    // Rename: replace a word by another word of the file (hmac → strings, Parse → Print ...).
    const words = [...text.matchAll(WORDS)];
    const w = words.length > 0 ? pick(words) : undefined;
    if (w?.index !== undefined) return { start: w.index, end: w.index + w[0].length, newText: pick(pool) };
    return { start: 0, end: 0, newText: ' ' };
  }
  if (kind < 0.62) {
    // Duplicate a line elsewhere (pasting code, including risky code and imports).
    const src = lineRange(Math.floor(rand() * lineStarts.length));
    const dst = lineStarts[Math.floor(rand() * lineStarts.length)] ?? 0;
    const line = text.slice(src.start, src.end);
    return { start: dst, end: dst, newText: line.endsWith('\n') ? line : `${line}\n` };
  }
  if (kind < 0.72) {
    // Delete a whole line.
    const r = lineRange(Math.floor(rand() * lineStarts.length));
    return { start: r.start, end: r.end, newText: '' };
  }
  if (kind < 0.8) {
    // Move a block of lines (cut + paste in one change sequence is approximated by a replace).
    const a = Math.floor(rand() * lineStarts.length);
    const b = Math.min(lineStarts.length - 1, a + 1 + Math.floor(rand() * 5));
    const r = { start: lineRange(a).start, end: lineRange(b).end };
    return { start: r.start, end: r.end, newText: text.slice(r.start, r.end).split('\n').reverse().join('\n') };
  }
  if (kind < 0.9) {
    // Comment a line in or out (suppression comments live on their own lines).
    const r = lineRange(Math.floor(rand() * lineStarts.length));
    const line = text.slice(r.start, r.end);
    const marker = /^\s*(#|\/\/)/.exec(line);
    if (marker) return { start: r.start, end: r.start + marker[0].length, newText: '' };
    return { start: r.start, end: r.start, newText: pick(['// ', '# ']) };
  }
  // Replace a random span with a random slice of the file.
  const p = at();
  const q = Math.min(text.length, p + Math.floor(rand() * 40));
  const s = at();
  return { start: p, end: q, newText: text.slice(s, Math.min(text.length, s + Math.floor(rand() * 60))) };
}


/**
 * The text with the body of every outermost function repeated `times` times: the fixture's own
 * statements, risky ones included, in functions as long as real ones.
 */
export function enlargeFunctions(engine: GuardrailEngine, language: LanguageId, text: string, times: number): string {
  const { tree } = engine.analyze(text, language, { keepTree: true });
  const bodies: { start: number; end: number; indent: string }[] = [];
  try {
    const visit = (n: Node) => {
      const body = LANGUAGES[language].unitTypes.has(n.type) ? n.childForFieldName('body') : null;
      if (body && (body.type === 'block' || body.type === 'statement_block') && body.text.includes('\n')) {
        const braces = body.text.startsWith('{');
        const start = braces ? body.startIndex + 1 : body.startIndex;
        const end = braces ? body.endIndex - 1 : body.endIndex;
        bodies.push({ start, end, indent: braces ? '' : `\n${' '.repeat(body.startPosition.column)}` });
        return;
      }
      for (const c of n.namedChildren) if (c) visit(c);
    };
    visit(tree!.rootNode);
  } finally {
    tree?.delete();
  }
  let out = text;
  for (const b of bodies.reverse()) {
    const inner = out.slice(b.start, b.end);
    out = out.slice(0, b.start) + Array.from({ length: times }, () => inner).join(b.indent) + out.slice(b.end);
  }
  return out;
}

const ADDED: Record<'go' | 'python' | 'ecma', { imports: string[]; constants: string[] }> = {
  go: { imports: ['import "crypto/subtle"\n', 'import "crypto/md5"\n', 'import jwt "github.com/golang-jwt/jwt/v5"\n'], constants: ['const expected = "v1"\n', 'const token = "t"\n', 'var sig = "s"\n'] },
  python: { imports: ['import hmac\n', 'import hashlib\n', 'from jose import jwt\n'], constants: ['expected = "v1"\n', 'TOKEN = "t"\n', 'signature = "s"\n'] },
  ecma: { imports: ["import * as crypto from 'crypto';\n", "import jwt from 'jsonwebtoken';\n", "const bcrypt = require('bcrypt');\n"], constants: ["const expected = 'v1';\n", "const token = 't';\n", 'enum Sig { A = 1 }\n'] },
};

/**
 * One random change to a file of large functions: mostly inside an indented line (a function
 * body), otherwise an import, a constant or a whole function added or removed, or any change.
 */
export function largeFileChange(text: string, language: LanguageId, rand: () => number, pool: string[]): { start: number; end: number; newText: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const lines: { start: number; end: number }[] = [];
  for (let s = 0; s < text.length; ) {
    const nl = text.indexOf('\n', s);
    const end = nl === -1 ? text.length : nl + 1;
    lines.push({ start: s, end });
    s = end;
  }
  const lineText = (l: { start: number; end: number }) => text.slice(l.start, l.end);
  const indented = lines.filter((l) => /^[ \t]+\S/.test(lineText(l)));
  const topLevel = lines.filter((l) => /^\S/.test(lineText(l)));
  const family = LANGUAGES[language].family;
  const kind = rand();
  if (kind < 0.55 && indented.length > 0) {
    const l = pick(indented);
    const line = lineText(l);
    const what = rand();
    if (what < 0.3) {
      const p = l.start + Math.floor(rand() * line.length);
      return { start: p, end: p, newText: pick([' ', 'x', '(', ')', '"', '.', ',', '_', '1']) };
    }
    if (what < 0.6) {
      const words = [...line.matchAll(WORDS)];
      const w = words.length > 0 ? pick(words) : undefined;
      if (w?.index !== undefined) return { start: l.start + w.index, end: l.start + w.index + w[0].length, newText: pick(pool) };
    }
    if (what < 0.8) return { start: l.start, end: l.end, newText: '' };
    const other = pick(indented);
    return { start: l.start, end: l.start, newText: lineText(other) };
  }
  if (kind < 0.65) {
    // An import added after the first top-level line (Go: the package clause), or one removed.
    const imports = topLevel.filter((l) => /^(import|from)\b/.test(lineText(l)));
    if (rand() < 0.4 && imports.length > 0) {
      const l = pick(imports);
      return { start: l.start, end: l.end, newText: '' };
    }
    const at = family === 'go' ? (topLevel[0]?.end ?? 0) : 0;
    return { start: at, end: at, newText: pick(ADDED[family].imports) };
  }
  if (kind < 0.75) {
    const l = topLevel.length > 0 ? pick(topLevel) : { start: text.length, end: text.length };
    return { start: l.start, end: l.start, newText: pick(ADDED[family].constants) };
  }
  if (kind < 0.85 && topLevel.length > 1) {
    // A whole top-level declaration copied elsewhere, or removed.
    const i = Math.floor(rand() * (topLevel.length - 1));
    const a = topLevel[i]!;
    const b = topLevel[i + 1]!;
    if (rand() < 0.5) return { start: a.start, end: b.start, newText: '' };
    return { start: text.length, end: text.length, newText: `\n${text.slice(a.start, b.start)}` };
  }
  return randomChange(text, rand, pool);
}
