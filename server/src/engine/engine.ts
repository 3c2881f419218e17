import { createHash } from 'crypto';
import * as path from 'path';
import { Language, Parser, type Edit, type Node, type Tree } from 'web-tree-sitter';
import { CATEGORY_IDS, isCategoryId, tierOf, type CategoryId } from './categories';
import { collectImports } from './imports';
import { LANGUAGES, LANGUAGE_IDS, type LanguageId, type LanguageSpec } from './languages';
import { buildFix } from './fixes';
import './fixers';
import { RuleSet, readFindingSources, readRuleSources, type RawFinding, type RawTrigger } from './ruleQueries';
import type { FileAnalysis, Finding, FindingSeverity, Region, Span, Suppression, Trigger } from './types';

export interface EnginePaths {
  /** Folder holding `tree-sitter.wasm` and the grammar `.wasm` files. */
  grammarsDir: string;
  /** Folder holding `<family>/<category>.scm`. */
  queriesDir: string;
}

/** Paths inside an installed extension or a checkout: `<root>/grammars`, `<root>/server/queries`. */
export function pathsFromRoot(root: string): EnginePaths {
  return { grammarsDir: path.join(root, 'grammars'), queriesDir: path.join(root, 'server', 'queries') };
}

export interface AnalyzeOptions {
  /** Categories to report; all when absent. */
  categories?: ReadonlySet<CategoryId>;
  /** The previous tree of this document, already `edit()`ed, for incremental parsing. */
  previousTree?: Tree;
  /** Keep and return the tree (the caller must `delete()` it); otherwise it is freed. */
  keepTree?: boolean;
}

export interface AnalyzeResult {
  analysis: FileAnalysis;
  tree?: Tree;
}

interface LoadedLanguage {
  spec: LanguageSpec;
  parser: Parser;
  rules: RuleSet;
  findings: RuleSet;
}

const SUPPRESS_RE = /(?:\/\/|#|\/\*)\s*ai-guardrails-ignore\s+([a-z-]+(?:\s*,\s*[a-z-]+)*)\s*:\s*(.*?)\s*(?:\*\/)?\s*$/;

export function parseSuppressionComment(line: string): { categories: CategoryId[]; reason: string } | undefined {
  const m = SUPPRESS_RE.exec(line);
  if (!m) return undefined;
  const categories = (m[1] ?? '').split(',').map((c) => c.trim()).filter(isCategoryId);
  const reason = m[2] ?? '';
  if (categories.length === 0 || reason.length === 0) return undefined;
  return { categories, reason };
}

function spanOf(node: Node): Span {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

/**
 * The tree-sitter analysis engine: parses a file, runs the category rules and groups triggers
 * into regions. One instance per process (or worker); grammars and queries load once.
 */
export class GuardrailEngine {
  private constructor(private readonly languages: Map<LanguageId, LoadedLanguage>) {}

  static async create(paths: EnginePaths, only?: LanguageId[]): Promise<GuardrailEngine> {
    await Parser.init({ locateFile: (file: string) => path.join(paths.grammarsDir, file) });
    const loaded = new Map<LanguageId, LoadedLanguage>();
    for (const id of only ?? LANGUAGE_IDS) {
      const spec = LANGUAGES[id];
      const language = await Language.load(path.join(paths.grammarsDir, spec.wasm));
      const parser = new Parser();
      parser.setLanguage(language);
      const rules = new RuleSet(language, readRuleSources(paths.queriesDir, spec.family));
      const findings = new RuleSet(language, readFindingSources(paths.queriesDir, spec.family), 'finding');
      loaded.set(id, { spec, parser, rules, findings });
    }
    return new GuardrailEngine(loaded);
  }

  supports(language: LanguageId): boolean {
    return this.languages.has(language);
  }

  patternCount(language: LanguageId): number {
    return this.languages.get(language)?.rules.patternCount ?? 0;
  }

  findingPatternCount(language: LanguageId): number {
    return this.languages.get(language)?.findings.patternCount ?? 0;
  }

  analyze(text: string, language: LanguageId, options: AnalyzeOptions = {}): AnalyzeResult {
    const loaded = this.languages.get(language);
    if (!loaded) throw new Error(`language not loaded: ${language}`);
    const started = performance.now();
    const tree = loaded.parser.parse(text, options.previousTree ?? null);
    if (!tree) throw new Error(`tree-sitter returned no tree for a ${language} file`);
    try {
      const root = tree.rootNode;
      const imports = collectImports(root, loaded.spec.family);
      const ctx = { family: loaded.spec.family, imports, names: new Map() };
      const raw = loaded.rules.run(root, ctx, options.categories);
      const regions = buildRegions(raw, loaded.spec, text);
      const findings = buildFindings(loaded.findings.runFindings(root, ctx, options.categories), loaded.spec, text);
      const analysis: FileAnalysis = {
        language,
        regions,
        findings,
        hasSyntaxErrors: root.hasError,
        millis: performance.now() - started,
      };
      if (options.keepTree) return { analysis, tree };
      tree.delete();
      return { analysis };
    } catch (err) {
      tree.delete();
      throw err;
    }
  }

  dispose(): void {
    for (const l of this.languages.values()) {
      l.rules.delete();
      l.findings.delete();
      l.parser.delete();
    }
    this.languages.clear();
  }
}

/** Converts an LSP-style incremental change into a tree-sitter edit (UTF-16 offsets and columns). */
export function treeEditFor(
  start: { line: number; character: number },
  oldEnd: { line: number; character: number },
  startOffset: number,
  oldEndOffset: number,
  newText: string,
): Edit {
  const lines = newText.split('\n');
  const last = lines[lines.length - 1] ?? '';
  const newEndPosition =
    lines.length === 1
      ? { row: start.line, column: start.character + newText.length }
      : { row: start.line + lines.length - 1, column: last.length };
  return {
    startIndex: startOffset,
    oldEndIndex: oldEndOffset,
    newEndIndex: startOffset + newText.length,
    startPosition: { row: start.line, column: start.character },
    oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
    newEndPosition,
  } as Edit;
}

function enclosingUnit(node: Node, spec: LanguageSpec): Node {
  let current: Node | null = node;
  let topLevel: Node = node;
  while (current) {
    if (spec.unitTypes.has(current.type)) {
      // Python decorators belong to the function they decorate.
      const parent = current.parent;
      return parent?.type === 'decorated_definition' ? parent : current;
    }
    if (current.type === 'decorator' && current.parent?.type === 'decorated_definition') {
      return current.parent;
    }
    if (current.parent && !current.parent.parent) topLevel = current;
    current = current.parent;
  }
  return topLevel;
}

function unitName(unit: Node, spec: LanguageSpec): string | undefined {
  const node = unit.type === 'decorated_definition' ? (unit.childForFieldName('definition') ?? unit) : unit;
  if (node.type === 'method_declaration') {
    const recv = node.childForFieldName('receiver');
    const typeNode = recv?.descendantsOfType('type_identifier')[0];
    const name = node.childForFieldName('name')?.text;
    return typeNode ? `${typeNode.text}.${name}` : name;
  }
  const name = node.childForFieldName('name');
  if (name && spec.unitTypes.has(node.type)) return name.text;
  // Anonymous functions take the name they are assigned to.
  const parent = node.parent;
  if (parent?.type === 'variable_declarator' || parent?.type === 'public_field_definition' || parent?.type === 'field_definition') {
    return parent.childForFieldName('name')?.text ?? parent.childForFieldName('property')?.text;
  }
  if (parent?.type === 'pair') return parent.childForFieldName('key')?.text;
  if (parent?.type === 'assignment' || parent?.type === 'assignment_expression') {
    return parent.childForFieldName('left')?.text;
  }
  if (spec.unitTypes.has(node.type)) return undefined;
  return undefined;
}

function topLevelName(unit: Node): string {
  if (unit.type === 'class_definition' || unit.type === 'class_declaration' || unit.type === 'type_declaration') {
    const name = unit.childForFieldName('name') ?? unit.descendantsOfType('type_identifier')[0];
    if (name) return name.text;
  }
  const declarator =
    unit.descendantsOfType(['variable_declarator', 'var_spec', 'const_spec', 'short_var_declaration', 'assignment'])[0];
  const name = declarator?.childForFieldName('name') ?? declarator?.childForFieldName('left');
  if (name && name.text.length <= 60 && !name.text.includes('\n')) return name.text;
  return '<top-level>';
}

export function symbolFor(unit: Node, spec: LanguageSpec): string {
  if (!spec.unitTypes.has(unit.type) && unit.type !== 'decorated_definition') return topLevelName(unit);
  const parts: string[] = [unitName(unit, spec) ?? '<lambda>'];
  for (let p = unit.parent; p; p = p.parent) {
    if (spec.unitTypes.has(p.type)) {
      parts.unshift(unitName(p, spec) ?? '<lambda>');
    } else if (spec.scopeTypes.has(p.type)) {
      const name = p.childForFieldName('name')?.text;
      if (name) parts.unshift(name);
    }
  }
  return parts.join('.');
}

/** Code tokens of a node: leaves minus comments, so formatting and comment edits do not count. */
export function codeTokens(node: Node): string[] {
  const tokens: string[] = [];
  const cursor = node.walk();
  let descending = true;
  for (;;) {
    if (descending && cursor.nodeType !== 'comment' && cursor.gotoFirstChild()) continue;
    if (descending && cursor.nodeType !== 'comment') {
      const text = cursor.nodeText;
      if (text.length > 0) tokens.push(text);
    }
    if (cursor.currentNode.id === node.id) break;
    if (cursor.gotoNextSibling()) {
      descending = true;
      continue;
    }
    if (!cursor.gotoParent()) break;
    descending = false;
    if (cursor.currentNode.id === node.id) break;
  }
  cursor.delete();
  return tokens;
}

export function fingerprintOf(category: CategoryId, language: string, unit: Node): string {
  const hash = createHash('sha256');
  hash.update(`${category}\u0000${language}\u0000`);
  for (const t of codeTokens(unit)) hash.update(`${t}\u0001`);
  return hash.digest('hex').slice(0, 20);
}

function findSuppression(unit: Node, category: CategoryId, lines: string[]): Suppression | undefined {
  // The comment sits on the line(s) directly above the unit (or its decorators / export keyword).
  let startRow = unit.startPosition.row;
  for (let p = unit.parent; p && p.startPosition.row < startRow + 1 && p.parent; p = p.parent) {
    if (p.type === 'export_statement' || p.type === 'decorated_definition' || p.type === 'lexical_declaration' || p.type === 'variable_declaration' || p.type === 'expression_statement') {
      startRow = Math.min(startRow, p.startPosition.row);
    }
  }
  for (let row = startRow - 1; row >= 0 && row >= startRow - 3; row--) {
    const line = lines[row] ?? '';
    const parsed = parseSuppressionComment(line);
    if (parsed) {
      return parsed.categories.includes(category) ? { category, reason: parsed.reason, line: row } : undefined;
    }
    if (!/^\s*(\/\/|#|\/\*|\*)/.test(line)) return undefined;
  }
  return undefined;
}

function buildRegions(raw: RawTrigger[], spec: LanguageSpec, text: string): Region[] {
  const groups = new Map<string, { unit: Node; category: CategoryId; triggers: RawTrigger[] }>();
  for (const t of raw) {
    const unit = enclosingUnit(t.node, spec);
    const key = `${unit.id}:${t.category}`;
    let group = groups.get(key);
    if (!group) {
      group = { unit, category: t.category, triggers: [] };
      groups.set(key, group);
    }
    group.triggers.push(t);
  }
  let lines: string[] | undefined;
  const regions: Region[] = [];
  const idCounts = new Map<string, number>();
  for (const g of groups.values()) {
    g.triggers.sort((a, b) => a.node.startIndex - b.node.startIndex || a.node.endIndex - b.node.endIndex);
    const fingerprint = fingerprintOf(g.category, spec.family, g.unit);
    const symbol = symbolFor(g.unit, spec);
    const baseId = `${g.category}:${fingerprint}`;
    const n = idCounts.get(baseId) ?? 0;
    idCounts.set(baseId, n + 1);
    const triggers: Trigger[] = g.triggers.map((t) => ({ rule: t.rule, category: t.category, span: spanOf(t.node) }));
    lines ??= text.split('\n');
    const suppression = findSuppression(g.unit, g.category, lines);
    regions.push({
      id: n === 0 ? baseId : `${baseId}:${n}`,
      category: g.category,
      tier: tierOf(g.category),
      symbol,
      span: spanOf(g.unit),
      fingerprint,
      triggers,
      ...(suppression ? { suppression } : {}),
    });
  }
  regions.sort(
    (a, b) =>
      a.span.start.line - b.span.start.line ||
      a.span.start.character - b.span.start.character ||
      CATEGORY_IDS.indexOf(a.category) - CATEGORY_IDS.indexOf(b.category),
  );
  return regions;
}

const FINDING_SEVERITIES: readonly FindingSeverity[] = ['error', 'warning', 'info'];

function buildFindings(raw: RawFinding[], spec: LanguageSpec, text: string): Finding[] {
  const out: Finding[] = [];
  for (const f of raw) {
    const severity = (FINDING_SEVERITIES as readonly string[]).includes(f.props.severity ?? '') ? (f.props.severity as FindingSeverity) : 'warning';
    const finding: Finding = {
      rule: f.rule,
      category: f.category,
      severity,
      cwe: Number(f.props.cwe ?? 0),
      message: f.props.message ?? f.rule,
      span: spanOf(f.node),
    };
    const fixName = f.props.fix;
    if (fixName) {
      const fix = buildFix(fixName, { node: f.node, captures: f.captures, text, family: spec.family });
      if (fix) finding.fix = fix;
    }
    out.push(finding);
  }
  out.sort((a, b) => a.span.start.line - b.span.start.line || a.span.start.character - b.span.start.character || (a.rule < b.rule ? -1 : 1));
  return out;
}
