/**
 * Builds what the AI reviewer sees for one guardrail region: the region's code, the file's
 * imports and the enclosing type (Go receiver type, Python/JS/TS class), each as numbered lines
 * of the *redacted* text. Syntax comes from the engine's tree of the original text; every line
 * of text comes from the redacted copy (redaction keeps line numbers).
 */
import type { Node, Tree } from 'web-tree-sitter';
import { CATEGORY_IDS, type CategoryId } from '../engine/categories';
import type { GuardrailEngine } from '../engine/engine';
import { LANGUAGES, type LanguageId } from '../engine/languages';
import type { Region, Span } from '../engine/types';
import { redactSecrets } from './redact';
import { secretRoles } from './secretRoles';
import type { AiContext, Snippet } from '../../../common/src/ai';

export const MAX_REGION_LINES = 400;
export const MAX_CONTEXT_LINES = 60;
export const MAX_LINE_CHARS = 400;

/**
 * Regions covering a 0-based line. The first is the outermost unit (a reviewer reads the whole
 * function, not only the callback inside it); the others are the nested or same-unit regions
 * whose categories and triggers also apply.
 */
export function regionsAtLine(regions: Region[], line: number): Region[] {
  const here = regions.filter((r) => r.span.start.line <= line && line <= r.span.end.line);
  here.sort(
    (a, b) =>
      a.span.start.line - b.span.start.line ||
      a.span.start.character - b.span.start.character ||
      b.span.end.line - a.span.end.line ||
      CATEGORY_IDS.indexOf(a.category) - CATEGORY_IDS.indexOf(b.category),
  );
  return here;
}

function clip(text: string): string {
  return text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}…` : text;
}

class LineBook {
  private readonly rows = new Set<number>();
  constructor(private readonly lines: string[]) {}

  /** Adds 0-based rows [from, to], up to `limit` rows in total. */
  add(from: number, to: number, limit = MAX_CONTEXT_LINES): void {
    for (let r = from; r <= to && this.rows.size < limit; r++) {
      if (r >= 0 && r < this.lines.length) this.rows.add(r);
    }
  }

  snippet(exclude?: { from: number; to: number }): Snippet {
    return {
      lines: [...this.rows]
        .filter((r) => !exclude || r < exclude.from || r > exclude.to)
        .sort((a, b) => a - b)
        .map((r) => ({ n: r + 1, text: clip(this.lines[r] ?? '') })),
    };
  }
}

function unitNode(tree: Tree, span: Span): Node | undefined {
  const start = { row: span.start.line, column: span.start.character };
  const end = { row: span.end.line, column: span.end.character };
  let node: Node | null = tree.rootNode.namedDescendantForPosition(start, end);
  while (node) {
    const s = node.startPosition;
    const e = node.endPosition;
    if (s.row === start.row && s.column === start.column && e.row === end.row && e.column === end.column) return node;
    if (s.row < start.row || (s.row === start.row && s.column < start.column)) break;
    node = node.parent;
  }
  return undefined;
}

function importNodes(root: Node, language: LanguageId): Node[] {
  const family = LANGUAGES[language].family;
  const out: Node[] = [];
  for (const child of root.namedChildren) {
    if (!child) continue;
    const t = child.type;
    if (family === 'go' && (t === 'package_clause' || t === 'import_declaration')) out.push(child);
    else if (family === 'python' && (t === 'import_statement' || t === 'import_from_statement' || t === 'future_import_statement')) out.push(child);
    else if (family === 'ecma') {
      if (t === 'import_statement') out.push(child);
      else if ((t === 'lexical_declaration' || t === 'variable_declaration') && /\brequire\s*\(/.test(child.text) && child.endPosition.row - child.startPosition.row < 5) {
        out.push(child);
      }
    }
  }
  return out;
}

const CLASS_TYPES = new Set(['class_definition', 'class_declaration', 'class', 'abstract_class_declaration']);
const MEMBER_FIELDS = new Set(['public_field_definition', 'field_definition', 'property_signature', 'expression_statement', 'class_static_block']);
const MEMBER_METHODS = new Set(['method_definition', 'function_definition', 'decorated_definition', 'method_signature', 'abstract_method_signature']);

/** The class around the unit, or for a Go method the declaration of its receiver type. */
function enclosingType(root: Node, unit: Node, language: LanguageId): { name: string; node: Node; summarise: boolean } | undefined {
  if (LANGUAGES[language].family === 'go') {
    const method = unit.type === 'method_declaration' ? unit : undefined;
    const recvType = method?.childForFieldName('receiver')?.descendantsOfType('type_identifier')[0]?.text;
    if (!recvType) return undefined;
    for (const decl of root.namedChildren) {
      if (decl?.type !== 'type_declaration') continue;
      for (const spec of decl.namedChildren) {
        if (spec?.childForFieldName('name')?.text === recvType) return { name: recvType, node: decl, summarise: false };
      }
    }
    return undefined;
  }
  for (let p = unit.parent; p; p = p.parent) {
    if (CLASS_TYPES.has(p.type)) return { name: p.childForFieldName('name')?.text ?? '<class>', node: p, summarise: true };
  }
  return undefined;
}

/** Class header, fields, and the first line of every other method. */
function summariseClass(cls: Node, book: LineBook, unit: Node): void {
  const body = cls.childForFieldName('body');
  const headerEnd = body ? Math.max(cls.startPosition.row, body.startPosition.row) : cls.startPosition.row;
  book.add(cls.startPosition.row, headerEnd);
  if (!body) return;
  for (const member of body.namedChildren) {
    if (!member || member.id === unit.id || member.type === 'comment') continue;
    if (MEMBER_METHODS.has(member.type)) {
      if (member.startPosition.row <= unit.startPosition.row && unit.endPosition.row <= member.endPosition.row) continue;
      // Signature: up to the line where the body starts (at most 3 lines).
      const inner = member.type === 'decorated_definition' ? (member.childForFieldName('definition') ?? member) : member;
      const bodyNode = inner.childForFieldName('body');
      // Python blocks start on the line after the `def ...:`; braces usually on the same line.
      const bodyRow = bodyNode ? bodyNode.startPosition.row : inner.startPosition.row;
      const last = bodyNode?.type === 'block' ? Math.max(inner.startPosition.row, bodyRow - 1) : bodyRow;
      book.add(inner.startPosition.row, Math.min(last, inner.startPosition.row + 2));
    } else if (MEMBER_FIELDS.has(member.type) || member.type.endsWith('_definition') || member.type.endsWith('_signature')) {
      book.add(member.startPosition.row, Math.min(member.endPosition.row, member.startPosition.row + 4));
    }
  }
}

export interface BuildContextInput {
  /** The file's original text (never sent: only its redacted copy is). */
  text: string;
  language: LanguageId;
  /** The engine's tree of `text`. */
  tree: Tree;
  /** Regions covering the line (from `regionsAtLine`); the first, outermost, gives the code. */
  regions: Region[];
  path: string;
}

/** The region with its context, from the redacted text. */
export function buildAiContext(input: BuildContextInput): AiContext {
  const primary = input.regions[0];
  if (!primary) throw new Error('buildAiContext needs at least one region');
  const family = LANGUAGES[input.language].family;
  const redacted = redactSecrets(input.text, family, { roles: secretRoles(input.tree, family) });
  const lines = redacted.text.split('\n');
  const span = primary.span;
  const from = span.start.line;
  const to = span.end.line;

  const codeRows = to - from + 1;
  const truncated = codeRows > MAX_REGION_LINES;
  const codeBook = new LineBook(lines);
  codeBook.add(from, truncated ? from + MAX_REGION_LINES - 1 : to, MAX_REGION_LINES);

  const root = input.tree.rootNode;
  const importBook = new LineBook(lines);
  for (const node of importNodes(root, input.language)) importBook.add(node.startPosition.row, node.endPosition.row);

  const unit = unitNode(input.tree, span);
  let enclosing: AiContext['enclosingType'];
  const type = unit ? enclosingType(root, unit, input.language) : undefined;
  if (type && unit) {
    const book = new LineBook(lines);
    if (type.summarise) summariseClass(type.node, book, unit);
    else book.add(type.node.startPosition.row, type.node.endPosition.row);
    const snippet = book.snippet({ from, to });
    if (snippet.lines.length > 0) enclosing = { name: type.name, snippet };
  }

  const seen = new Set<string>();
  const triggers = input.regions
    .flatMap((r) => r.triggers)
    .sort((a, b) => a.span.start.line - b.span.start.line)
    .map((t) => ({ rule: t.rule, line: t.span.start.line + 1 }))
    .filter((t) => !seen.has(`${t.rule}:${t.line}`) && (seen.add(`${t.rule}:${t.line}`), true));
  const imports = importBook.snippet({ from, to });
  const code = codeBook.snippet();
  // Only what is sent is worth listing.
  const sent = new Set([...imports.lines, ...code.lines, ...(enclosing?.snippet.lines ?? [])].map((l) => l.n));
  const redactionsInScope = redacted.redactions.filter((r) => sent.has(r.line));
  return {
    path: input.path,
    language: input.language,
    regionId: primary.id,
    symbol: primary.symbol,
    categories: [...new Set(input.regions.map((r) => r.category))].sort((a, b) => CATEGORY_IDS.indexOf(a) - CATEGORY_IDS.indexOf(b)),
    tier: input.regions.some((r) => r.tier === 'do-not-trust') ? 'do-not-trust' : 'review',
    span,
    startLine: from + 1,
    endLine: to + 1,
    triggers,
    imports,
    ...(enclosing ? { enclosingType: enclosing } : {}),
    code,
    ...(truncated ? { truncated: true } : {}),
    redactions: redactionsInScope,
  };
}

/** Where the regions of a file are, 1-based, for "not in a region" messages. */
export function describeRegions(regions: Region[]): string {
  if (regions.length === 0) return 'no guardrail regions in this file';
  return regions.map((r) => `${r.span.start.line + 1}-${r.span.end.line + 1} ${r.category} in ${r.symbol}`).join(', ');
}

export interface ContextAtLineInput {
  text: string;
  language: LanguageId;
  path: string;
  /** 0-based line. */
  line: number;
  categories?: ReadonlySet<CategoryId>;
}

/**
 * Analyzes `text` with the real engine and builds the context of the region covering `line`.
 * `context` is absent when no region covers it; `regions` lists all of the file's regions.
 */
export function contextAtLine(engine: GuardrailEngine, input: ContextAtLineInput): { context?: AiContext; regions: Region[] } {
  const document = engine.open(input.path, input.language, input.text);
  try {
    const { analysis } = document.analyze(input.categories ? { categories: input.categories } : {});
    const tree = document.tree;
    const here = regionsAtLine(analysis.regions, input.line);
    if (here.length === 0 || !tree) return { regions: analysis.regions };
    return {
      context: buildAiContext({ text: input.text, language: input.language, tree, regions: here, path: input.path }),
      regions: analysis.regions,
    };
  } finally {
    document.dispose();
  }
}
