/**
 * The engine skips patterns whose predicates cannot hold in a file and looks for the others
 * only around the names and words they need ("gates", server/src/engine/gates.ts). Gates may
 * only save work: these tests compare gated analysis with running every pattern everywhere, on
 * fixtures, benchmark code and randomly edited fixtures, and check the pieces gates are built
 * from (predicate parsing, regex factors, import collection) against their references.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Parser, Query, type Language, type Node } from 'web-tree-sitter';
import { GuardrailEngine, pathsFromRoot } from '../../server/src/engine/engine';
import { FactorRegistry, hitsInside, regexFactors, regexPrefixes, updateFactorHits, type FactorHits } from '../../server/src/engine/gates';
import { bindImports, collectImports, ImportTable, type ImportStatements } from '../../server/src/engine/imports';
import { LANGUAGES, languageForPath, type LanguageId, type QueryFamily } from '../../server/src/engine/languages';
import { analyzeStructure, parsePredicates, splitPatterns } from '../../server/src/engine/queryText';
import { readFindingSources, readRuleSources } from '../../server/src/engine/ruleQueries';
import { generateFile } from '../../scripts/benchCorpus';
import { REPO_ROOT, sharedEngine } from '../helpers/engine';
import { comparable, randomChange, rng, WORDS } from '../helpers/incremental';

const QUERIES = path.join(REPO_ROOT, 'server', 'queries');

function fixtureFiles(): string[] {
  const out: string[] = [];
  for (const kind of ['rules', 'findings', 'workspace']) {
    const walk = (dir: string) => {
      if (!fs.existsSync(dir)) return;
      for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        if (fs.statSync(file).isDirectory()) walk(file);
        else if (languageForPath(file)) out.push(file);
      }
    };
    walk(path.join(REPO_ROOT, 'test', 'fixtures', kind));
  }
  return out.sort();
}

/** Texts to compare on: each fixture, and a few randomly edited copies of it. */
function variants(file: string, count: number): string[] {
  const original = fs.readFileSync(file, 'utf8');
  let seed = 7;
  for (const ch of file) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
  const rand = rng(seed);
  const pool = [...new Set(original.match(WORDS) ?? [])];
  const out = [original];
  let text = original;
  for (let i = 0; i < count; i++) {
    const c = randomChange(text, rand, pool);
    text = text.slice(0, c.start) + c.newText + text.slice(c.end);
    if (i % 3 === 2) out.push(text);
  }
  return out;
}

describe('gates', function () {
  this.timeout(300000);
  let gated: GuardrailEngine;
  let ungated: GuardrailEngine;

  before(async () => {
    gated = await sharedEngine();
    ungated = await GuardrailEngine.create(pathsFromRoot(REPO_ROOT), undefined, { gating: false });
  });
  after(() => ungated.dispose());

  it('gated analysis equals running every pattern everywhere (fixtures and edited fixtures)', () => {
    let compared = 0;
    for (const file of fixtureFiles()) {
      const language = languageForPath(file)!;
      for (const text of variants(file, 24)) {
        const a = gated.analyze(text, language).analysis;
        const b = ungated.analyze(text, language).analysis;
        assert.deepStrictEqual(comparable(a), comparable(b), `${path.relative(REPO_ROOT, file)} (variant ${compared})`);
        compared++;
      }
    }
    assert.ok(compared > 100);
  });

  it('compiles the spot queries a run needs first as one query, with the results of running every pattern everywhere', async () => {
    const text =
      "import { createCipheriv, createHash, timingSafeEqual } from 'crypto';\n\nexport function check(a: Buffer, b: Buffer): boolean {\n  createCipheriv('aes-128-cbc', a, 'fixed-iv-0123456');\n  return timingSafeEqual(createHash('md5').update(a).digest(), b);\n}\n";
    const fresh = await GuardrailEngine.create(pathsFromRoot(REPO_ROOT), ['typescript']);
    try {
      assert.deepStrictEqual(comparable(fresh.analyze(text, 'typescript').analysis), comparable(ungated.analyze(text, 'typescript').analysis));
      const stats = fresh.queryStats('typescript')!;
      for (const [name, s] of Object.entries(stats)) {
        assert.ok(s.compiled >= 2, `${name}: several patterns compiled (${JSON.stringify(s)})`);
        assert.strictEqual(s.queries, 1, `${name}: in one query (${JSON.stringify(s)})`);
      }
      // A larger file runs each of those patterns on its own query (the other patterns' matches would cost more).
      const large = text + Array.from({ length: 100 }, (_, i) => `export function check${i}(a: Buffer, b: Buffer): boolean {\n  return timingSafeEqual(createHash('md5').update(a).digest(), b);\n}\n`).join('');
      assert.ok(large.length > 8_000);
      assert.deepStrictEqual(comparable(fresh.analyze(large, 'typescript').analysis), comparable(ungated.analyze(large, 'typescript').analysis));
      const after = fresh.queryStats('typescript')!;
      assert.strictEqual(after.findings.queries, 1 + after.findings.compiled, JSON.stringify(after.findings));
      // The rest still compiles one query at a time while idle.
      const queries = after.rules.queries;
      assert.ok(fresh.prepareStep('typescript'));
      assert.strictEqual(fresh.queryStats('typescript')!.rules.queries, queries + 1);
    } finally {
      fresh.dispose();
    }
  });

  it('an import statement opens no resolves-to? gate of a name it does not bind; an inline require or import() call does', async () => {
    const fresh = await GuardrailEngine.create(pathsFromRoot(REPO_ROOT), ['typescript']);
    try {
      // Binds timingSafeEqual only: the createCipheriv patterns (static IV) cannot match, so they are not compiled.
      const bound = "import { timingSafeEqual } from 'crypto';\n\nexport function check(a: Buffer, b: Buffer): boolean {\n  return timingSafeEqual(a, b);\n}\n";
      assert.deepStrictEqual(comparable(fresh.analyze(bound, 'typescript').analysis), comparable(ungated.analyze(bound, 'typescript').analysis));
      assert.strictEqual(fresh.queryStats('typescript')!.findings.compiled, 0, JSON.stringify(fresh.queryStats('typescript')));
      // The same cipher through require('crypto') inline (spaced, or the argument on the next line) is still a crypto region.
      for (const inline of ["require ('crypto')", "require(\n    'crypto')", "require /* node */ ('crypto')"]) {
        const text = `export async function seal(key: Buffer, data: Buffer) {\n  const c = ${inline}.createCipheriv('aes-128-cbc', key, 'fixed-iv-0123456');\n  return c.update(data);\n}\n`;
        const found = fresh.analyze(text, 'typescript').analysis;
        assert.deepStrictEqual(comparable(found), comparable(ungated.analyze(text, 'typescript').analysis), inline);
        assert.ok(found.regions.some((r) => r.category === 'crypto'), `${inline}: ${JSON.stringify(found.regions)}`);
      }
      const dynamic = "export async function seal(key: Buffer) {\n  return (await import('crypto')).createCipheriv('aes-128-cbc', key, 'fixed-iv-0123456');\n}\n";
      assert.deepStrictEqual(comparable(fresh.analyze(dynamic, 'typescript').analysis), comparable(ungated.analyze(dynamic, 'typescript').analysis));
    } finally {
      fresh.dispose();
    }
  });

  it('gated analysis equals running every pattern everywhere (benchmark code)', () => {
    const langs: [Parameters<typeof generateFile>[0], LanguageId][] = [
      ['go', 'go'],
      ['python', 'python'],
      ['typescript', 'typescript'],
      ['typescript', 'tsx'],
      ['javascript', 'javascript'],
    ];
    for (const [gen, id] of langs) {
      for (const seed of [1, 2, 3]) {
        const text = generateFile(gen, 800, seed);
        assert.deepStrictEqual(comparable(gated.analyze(text, id).analysis), comparable(ungated.analyze(text, id).analysis), `${id} seed ${seed}`);
      }
    }
  });

  it('reads predicates exactly like tree-sitter does', async () => {
    await Parser.init({ locateFile: (f: string) => path.join(REPO_ROOT, 'grammars', f) });
    const { Language } = await import('web-tree-sitter');
    const grammars: Record<QueryFamily, string> = { go: 'go', python: 'python', ecma: 'typescript' };
    for (const family of ['go', 'python', 'ecma'] as QueryFamily[]) {
      const language: Language = await Language.load(path.join(REPO_ROOT, 'grammars', LANGUAGES[grammars[family] as LanguageId].wasm));
      for (const source of [...readRuleSources(QUERIES, family), ...readFindingSources(QUERIES, family)]) {
        // Renaming the built-in operators makes tree-sitter hand them over as plain predicates.
        const renamed = source.text.replace(/\(#(eq|not-eq|any-eq|any-not-eq|match|not-match|any-match|any-not-match|any-of|not-any-of)\?/g, '(#x-$1?');
        const q = new Query(language, renamed);
        try {
          const patterns = splitPatterns(source.text);
          assert.strictEqual(patterns.length, q.patternCount(), source.file);
          patterns.forEach((text, i) => {
            const ours = parsePredicates(text)
              .filter((p) => p.operator !== 'set!')
              .map((p) => ({ operator: p.operator, operands: p.operands }));
            const theirs = q.predicatesForPattern(i).map((p) => ({ operator: p.operator.replace(/^x-/, ''), operands: p.operands }));
            assert.deepStrictEqual(ours, theirs, `${source.file} pattern ${i + 1}`);
            const props = Object.fromEntries(
              parsePredicates(text)
                .filter((p) => p.operator === 'set!')
                .map((p) => [p.operands[0]?.type === 'string' ? p.operands[0].value : '', p.operands[1]?.type === 'string' ? p.operands[1].value : null]),
            );
            assert.deepStrictEqual(props, { ...(q.setProperties[i] ?? {}) }, `${source.file} pattern ${i + 1} properties`);
          });
        } finally {
          q.delete();
        }
      }
    }
  });

  it('regex factors: every string a rule regex matches contains one', () => {
    const samples = new Set<string>();
    for (const file of fixtureFiles()) {
      const text = fs.readFileSync(file, 'utf8');
      for (const line of text.split('\n')) samples.add(line);
      for (const w of text.match(/[\w$.]+/g) ?? []) samples.add(w);
      for (const s of text.match(/(["'`])(?:\\.|(?!\1).)*\1/g) ?? []) samples.add(s);
    }
    let checked = 0;
    for (const family of ['go', 'python', 'ecma'] as QueryFamily[]) {
      for (const source of [...readRuleSources(QUERIES, family), ...readFindingSources(QUERIES, family)]) {
        for (const p of splitPatterns(source.text).flatMap((t) => parsePredicates(t))) {
          const value = p.operands.find((o) => o.type === 'string');
          if (!p.operator.endsWith('match?') || value?.type !== 'string') continue;
          const factors = regexFactors(value.value);
          if (!factors) continue;
          const re = new RegExp(value.value);
          for (const s of samples) {
            if (re.test(s)) {
              checked++;
              assert.ok(factors.some((f) => s.includes(f)), `${value.value} matches ${JSON.stringify(s)} but no factor of ${JSON.stringify(factors)} occurs`);
            }
          }
        }
      }
    }
    assert.ok(checked > 100, `only ${checked} regex matches checked`);
  });

  it('an alternation of operator tokens is a set of which every match holds one; optional ones are not', () => {
    assert.deepStrictEqual(analyzeStructure('((binary_expression operator: ["==" "!="]) @t)').oneOf, [['==', '!=']]);
    assert.deepStrictEqual(analyzeStructure('((binary_expression operator: ["==" "!="]?) @t)').oneOf, []);
    assert.deepStrictEqual(analyzeStructure('([(send_statement "<-") (binary_expression "==")] @t)').oneOf, [['<-', '==']]);
    // A branch that requires no token leaves nothing required.
    assert.deepStrictEqual(analyzeStructure('([(binary_expression "==") (identifier)] @t)').oneOf, []);
    // A token every branch has is a plain token.
    const both = analyzeStructure('([(binary_expression "==") (comparison_operator "==")] @t)');
    assert.deepStrictEqual([[...both.tokens], both.oneOf], [['=='], []]);
  });

  it('regex factors and prefixes on hand-made cases', () => {
    assert.deepStrictEqual(regexFactors('^(Parse|ParseWithClaims)$')?.sort(), ['Parse', 'ParseWithClaims']);
    assert.deepStrictEqual(regexFactors('[Tt]oken')?.sort(), ['Token', 'token']);
    assert.deepStrictEqual(regexFactors('^(Enforce\\w*|AddPolicy)$')?.sort(), ['AddPolicy', 'Enforce']);
    assert.deepStrictEqual(regexFactors('ab+c'), ['ab']);
    assert.deepStrictEqual(regexFactors('x?yz'), ['yz']);
    assert.strictEqual(regexFactors('.*'), undefined);
    assert.strictEqual(regexFactors('a|.'), undefined);
    assert.strictEqual(regexFactors('\\x41BC'), undefined);
    assert.deepStrictEqual(regexFactors('(?:^|_)(key|Key)$')?.sort(), ['Key', 'key']);
    assert.deepStrictEqual(regexPrefixes('^crypto/(hmac\\.Equal|subtle\\.ConstantTime\\w+)$')?.sort(), ['crypto/hmac.Equal', 'crypto/subtle.ConstantTime']);
    assert.deepStrictEqual(regexPrefixes('^(a|b)\\.x$')?.sort(), ['a.x', 'b.x'].slice(0, 0).concat(['a', 'b']));
    assert.strictEqual(regexPrefixes('crypto'), undefined);
    assert.strictEqual(regexPrefixes('^a|b'), undefined);
    for (const [re, samples] of [
      ['^(bytes\\.(Equal|Compare)|strings\\.Compare)$', ['bytes.Equal', 'bytes.Compare', 'strings.Compare']],
      ['^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go)(/v\\d+)?\\.(Parse|ParseWithClaims)$', ['github.com/golang-jwt/jwt/v5.Parse']],
    ] as [string, string[]][]) {
      const prefixes = regexPrefixes(re)!;
      for (const s of samples) assert.ok(prefixes.some((p) => s.startsWith(p)), `${s} / ${prefixes.join(',')}`);
    }
  });

  it('factor occurrences updated through edits equal a scan of the edited text', () => {
    const registry = new FactorRegistry();
    for (const f of ['hmac', 'Equal', 'sync.Mutex', 'jwt', 'BEGIN', 'a', 'ab', 'password']) registry.id(f);
    const norm = (h: FactorHits) => Array.from({ length: registry.size }, (_, id) => (h[id] ?? []).join(','));
    const scan = (t: string) => {
      const found: FactorHits = [];
      registry.scan(t, 0, t.length, found);
      return found;
    };
    const rand = rng(20261203);
    const pool = ['hmac.Equal(', 'sync.Mutex', 'jw', 't', 'BEG', 'IN ', 'passw', 'ord', 'ab', '\n', '', 'x'];
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    for (let round = 0; round < 300; round++) {
      // Long enough that the factor index is built (spans over 4 KB are searched with it).
      let text = Array.from({ length: 400 }, () => pick(pool)).join(' ').repeat(round % 3 === 0 ? 3 : 1);
      const before = scan(text);
      const edits: { startIndex: number; oldEndIndex: number; newEndIndex: number }[] = [];
      for (let k = 1 + Math.floor(rand() * 4); k > 0; k--) {
        const start = Math.floor(rand() * (text.length + 1));
        const end = Math.min(text.length, start + Math.floor(rand() * 12));
        const insert = rand() < 0.2 ? '' : pick(pool) + pick(pool);
        text = text.slice(0, start) + insert + text.slice(end);
        edits.push({ startIndex: start, oldEndIndex: end, newEndIndex: start + insert.length });
      }
      const updated = updateFactorHits(registry, before, edits, text);
      assert.deepStrictEqual(norm(updated), norm(scan(text)), `round ${round}`);
      // Occurrences inside some ranges, picked from the whole text's, equal a scan of those ranges.
      const a = Math.floor(rand() * text.length);
      const ranges = [
        { startIndex: a, endIndex: Math.min(text.length, a + Math.floor(rand() * 300)) },
        { startIndex: Math.min(text.length, a + 400), endIndex: Math.min(text.length, a + 400 + Math.floor(rand() * 300)) },
      ];
      const inRanges: FactorHits = [];
      for (const r of ranges) registry.scan(text, r.startIndex, r.endIndex, inRanges);
      const picked = updated.map((h, id) => h && hitsInside(h, registry.factor(id).length, ranges, text.length));
      assert.deepStrictEqual(norm(picked), norm(inRanges), `round ${round}, ranges`);
    }
  });

  it('collects the same imports as walking the whole tree', async () => {
    const engine = await sharedEngine();
    void engine;
    await Parser.init({ locateFile: (f: string) => path.join(REPO_ROOT, 'grammars', f) });
    const { Language } = await import('web-tree-sitter');
    const parsers = new Map<LanguageId, Parser>();
    for (const file of fixtureFiles()) {
      const id = languageForPath(file)!;
      let parser = parsers.get(id);
      if (!parser) {
        parser = new Parser();
        parser.setLanguage(await Language.load(path.join(REPO_ROOT, 'grammars', LANGUAGES[id].wasm)));
        parsers.set(id, parser);
      }
      for (const text of variants(file, 12)) {
        const tree = parser.parse(text)!;
        const family = LANGUAGES[id].family;
        const ours = collectImports(tree.rootNode, family, text);
        const fromRoot = collectImports(tree.rootNode, family);
        const reference = referenceImports(tree.rootNode, family);
        const show = (t: ImportTable) => ({ modules: t.modules, bindings: [...t.bindings] });
        assert.deepStrictEqual(show(ours), show(reference), path.relative(REPO_ROOT, file));
        assert.deepStrictEqual(show(fromRoot), show(reference), path.relative(REPO_ROOT, file));
        tree.delete();
      }
    }
    for (const p of parsers.values()) p.delete();
  });
});

// The import statements as they were found before the text was searched for keywords: whole-tree
// walks. Binding is shared (bindImports), so this checks exactly what the keyword search changed.
function referenceImports(root: Node, family: QueryFamily): ImportTable {
  const topLevel = (type: string) => root.namedChildren.filter((n): n is Node => n?.type === type);
  const all = (type: string | string[]) => root.descendantsOfType(type).filter((n): n is Node => n !== null);
  const statements: ImportStatements =
    family === 'go'
      ? { imports: topLevel('import_declaration'), declarators: [], importRequires: [] }
      : family === 'python'
        ? { imports: all(['import_statement', 'import_from_statement']), declarators: [], importRequires: [] }
        : { imports: topLevel('import_statement'), declarators: all('variable_declarator'), importRequires: all('import_require_clause') };
  const table = new ImportTable();
  bindImports(family, statements, table);
  return table;
}
