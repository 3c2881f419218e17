/**
 * Pieces the fast paths rely on: fingerprints (stored in review ledgers, so they must never
 * change), offset → line/column conversion (used instead of asking the tree), offset mapping
 * through edits.
 */
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Node } from 'web-tree-sitter';
import { codeTokens, fingerprintOf, GuardrailEngine, memoTokens, pathsFromRoot, RangeMemo } from '../../server/src/engine/engine';
import { editedRanges, LineIndex, mapOffset, mergeRanges } from '../../server/src/engine/incremental';
import { languageForPath, type LanguageId } from '../../server/src/engine/languages';
import { detached } from '../../server/src/engine/strings';
import { REPO_ROOT, sharedEngine } from '../helpers/engine';
import { scanText } from '../../server/src/engine/scanFile';

/** The original token walk (one Node per step), kept as the reference. */
function referenceTokens(node: Node): string[] {
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

function referenceFingerprint(category: string, language: string, unit: Node): string {
  const hash = createHash('sha256');
  hash.update(`${category}\u0000${language}\u0000`);
  for (const t of referenceTokens(unit)) hash.update(`${t}\u0001`);
  return hash.digest('hex').slice(0, 20);
}

function fixtureTexts(): { file: string; language: LanguageId; text: string }[] {
  const out: { file: string; language: LanguageId; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (fs.statSync(file).isDirectory()) walk(file);
      else {
        const language = languageForPath(file);
        if (language) out.push({ file, language, text: fs.readFileSync(file, 'utf8') });
      }
    }
  };
  walk(path.join(REPO_ROOT, 'test', 'fixtures', 'rules'));
  walk(path.join(REPO_ROOT, 'test', 'fixtures', 'findings'));
  out.push({ file: 'unicode.go', language: 'go', text: 'package p\n\n// 日本語 😀 é\nfunc f() {\n\ts := "😀😀 héllo"; x := hmac.New(sha256.New, k) /* 🎉 */\n}\n' });
  out.push({ file: 'unicode.py', language: 'python', text: '# 😀\ns = "日本 😀"; t = hashlib.sha256(b"x")\r\nu = 1\r\n' });
  out.push({ file: 'unicode.ts', language: 'typescript', text: 'const s = `😀 ${a} 日本`; const t = crypto.createHash("sha1"); // é\n' });
  return out;
}

function parse(engine: GuardrailEngine, language: LanguageId, text: string) {
  // The engine keeps the tree when asked; that is the tree the analysis used.
  const { tree } = engine.analyze(text, language, { keepTree: true });
  return tree!;
}

describe('engine internals', function () {
  this.timeout(120000);

  it('every rule and finding query compiles (they otherwise compile on first use)', async () => {
    const engine = await GuardrailEngine.create(pathsFromRoot(REPO_ROOT));
    try {
      engine.prepare();
      for (const id of ['go', 'python', 'typescript', 'tsx', 'javascript'] as LanguageId[]) assert.ok(engine.patternCount(id) > 0, id);
    } finally {
      engine.dispose();
    }
  });

  it('marks a Kysely sql tag given a row type (the grammar parses sql<T>`…` with an error node, so no fixture file holds it)', async () => {
    const engine = await GuardrailEngine.create(pathsFromRoot(REPO_ROOT), ['typescript']);
    try {
      const text = [
        "import { sql } from 'kysely';",
        'export async function tableInfo(db: any, table: string) {',
        '  return db.selectFrom(sql<{ name: string }>`pragma_table_info(${table})`.as("t")).select(["name"]).execute();',
        '}',
        'export function createdDefault() {',
        '  return sql<Date>`now()`;',
        '}',
        '',
      ].join('\n');
      const regions = engine.analyze(text, 'typescript').analysis.regions.map((r) => `${r.symbol}:${r.category}`);
      assert.deepStrictEqual(regions, ['tableInfo:sql']);
    } finally {
      engine.dispose();
    }
  });

  it('compiles the rest of a language one query at a time (idle work), changing no result', async () => {
    const engine = await GuardrailEngine.create(pathsFromRoot(REPO_ROOT), ['go']);
    try {
      // Before any Go file (the language server warms the workspace's languages this way).
      assert.strictEqual(engine.queryStats('go'), undefined, 'rules load on first use');
      assert.strictEqual(engine.prepareStep('go'), true, 'a first step loads the rules and compiles one query');
      assert.strictEqual(engine.prepareStep('python'), false, 'a language not loaded has nothing to compile');
      const text = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'rules', 'go', 'timing.go'), 'utf8');
      const before = engine.analyze(text, 'go').analysis;
      let steps = 0;
      while (engine.prepareStep('go')) steps++;
      assert.ok(steps > 10, `${steps} steps`);
      assert.strictEqual(engine.prepareStep('go'), false);
      assert.deepStrictEqual(engine.analyze(text, 'go').analysis.regions, before.regions);
    } finally {
      engine.dispose();
    }
  });

  it('detached() copies a name exactly, lone surrogates included (names kept in caches that outlive an analysis)', () => {
    const text = `${'x'.repeat(1000)} github.com/golang-jwt/jwt/v5`;
    const slice = text.slice(1001);
    const copy = detached(slice);
    assert.strictEqual(copy, slice);
    assert.strictEqual(detached('\ud800 lone surrogate kept'), '\ud800 lone surrogate kept');
  });

  it('a broken import specifier binds no empty name (searching the text for it never ended)', async () => {
    const engine = await sharedEngine();
    const text = [
      "import { createHmac, typeof } from 'crypto';",
      '',
      'export function verify(secret: string, body: string, signature: string): boolean {',
      "  return createHmac('sha256', secret).update(body).digest('hex') === signature;",
      '}',
      '',
    ].join('\n');
    const r = engine.analyze(text, 'typescript');
    assert.ok(r.analysis.regions.length > 0);
  });

  it('fingerprints and code tokens are unchanged', async () => {
    const engine = await sharedEngine();
    let checked = 0;
    for (const { file, language, text } of fixtureTexts()) {
      const tree = parse(engine, language, text);
      try {
        const units = tree.rootNode.descendantsOfType(['function_declaration', 'method_declaration', 'function_definition', 'arrow_function', 'comment', 'class_definition', 'block']);
        for (const unit of [tree.rootNode, ...units]) {
          if (!unit) continue;
          assert.deepStrictEqual(codeTokens(unit, text), referenceTokens(unit), file);
          assert.deepStrictEqual(codeTokens(unit), referenceTokens(unit), file);
          assert.strictEqual(fingerprintOf('crypto', 'go', unit, text), referenceFingerprint('crypto', 'go', unit), file);
          // With the statement memo of an editor buffer: walked (filling it), then read back from it.
          const kept = new RangeMemo<readonly string[]>();
          assert.deepStrictEqual(memoTokens(unit, text, { previous: undefined, next: kept }, undefined), referenceTokens(unit), file);
          assert.deepStrictEqual(memoTokens(unit, text, { previous: kept, next: new RangeMemo() }, undefined), referenceTokens(unit), file);
          checked++;
        }
      } finally {
        tree.delete();
      }
    }
    assert.ok(checked > 500);
  });

  it('offsets convert to the rows and columns tree-sitter reports (UTF-16, \\n only)', async () => {
    const engine = await sharedEngine();
    for (const { file, language, text } of fixtureTexts()) {
      const tree = parse(engine, language, text);
      const lines = new LineIndex(text);
      const cursor = tree.rootNode.walk();
      let down = true;
      try {
        for (;;) {
          if (down) {
            const p = lines.position(cursor.startIndex);
            const q = lines.position(cursor.endIndex);
            assert.deepStrictEqual([p.line, p.character, q.line, q.character], [cursor.startPosition.row, cursor.startPosition.column, cursor.endPosition.row, cursor.endPosition.column], `${file}: ${cursor.nodeType}`);
          }
          if (down && cursor.gotoFirstChild()) continue;
          if (cursor.gotoNextSibling()) {
            down = true;
            continue;
          }
          if (!cursor.gotoParent()) break;
          down = false;
        }
      } finally {
        cursor.delete();
        tree.delete();
      }
    }
  });

  it('maps offsets through edits', () => {
    // "abcdef" → insert "XY" at 2 → "abXYcdef" → delete 5..7 ("de") → "abXYcf"
    const edits = [
      { startIndex: 2, oldEndIndex: 2, newEndIndex: 4 },
      { startIndex: 5, oldEndIndex: 7, newEndIndex: 5 },
    ];
    assert.strictEqual(mapOffset(1, edits, 1), 1);
    assert.strictEqual(mapOffset(2, edits, 1), 4, 'text after an insertion point moves');
    assert.strictEqual(mapOffset(5, edits, 1), 5, '"f" ends up at 5');
    assert.deepStrictEqual(editedRanges(edits), [
      { startIndex: 2, endIndex: 4 },
      { startIndex: 5, endIndex: 5 },
    ]);
    assert.deepStrictEqual(mergeRanges([{ startIndex: 5, endIndex: 9 }, { startIndex: 0, endIndex: 5 }, { startIndex: 20, endIndex: 21 }]), [
      { startIndex: 0, endIndex: 9 },
      { startIndex: 20, endIndex: 21 },
    ]);
  });
  it('a Python 2-only file (a print statement) yields no regions; a Python 3 one with the same code does', async () => {
    const engine = await sharedEngine();
    const body = [
      'import sys',
      'from sqlalchemy import create_engine',
      '',
      'def add_column(conn, table, col):',
      '    conn.execute("ALTER TABLE %s ADD COLUMN %s" % (table, col))',
      '',
    ];
    const py2 = [...body, 'if len(sys.argv) < 2:', '    print "usage: migrate.py <uri>"', ''].join('\n');
    const py3 = [...body, 'if len(sys.argv) < 2:', '    print("usage: migrate.py <uri>")', '"""', 'print x in a docstring', '"""', ''].join('\n');
    assert.ok(engine.analyze(py3, 'python').analysis.regions.some((r) => r.category === 'sql'));
    assert.deepStrictEqual(engine.analyze(py2, 'python').analysis.regions, []);
    assert.strictEqual(engine.analyze(py2, 'python').analysis.python2Only, true);
    assert.strictEqual(engine.analyze(py3, 'python').analysis.python2Only, undefined);
    // A scan says why it has nothing for the file, like generated code.
    const scanned = scanText(engine, '/repo/bin/migrate.py', py2, new Set(['sql']));
    assert.strictEqual(scanned.skipped?.reason, 'generated');
    assert.match(scanned.skipped?.message ?? '', /Python 2-only/);
    assert.strictEqual(scanText(engine, '/repo/bin/migrate.py', py3, new Set(['sql'])).skipped, null);
  });

  it('a unit that only returns an empty answer is a stub (Pyramid effective_principals: return [])', async () => {
    const engine = await sharedEngine();
    const text = [
      'from pyramid.authentication import BasicAuthAuthenticationPolicy',
      '',
      'class Policy(BasicAuthAuthenticationPolicy):',
      '    def effective_principals(self, request):',
      '        return []',
      '',
      '    def authenticated_userid(self, request):',
      '        return request.headers.get("X-User")',
      '',
    ].join('\n');
    const units = engine.analyze(text, 'python').analysis.regions.map((r) => r.symbol);
    assert.ok(!units.some((s) => /effective_principals/.test(s)), units.join(', '));
    assert.ok(units.some((s) => /authenticated_userid/.test(s)), units.join(', '));
  });
});
