/**
 * Incremental re-analysis must give exactly what a full analysis gives. Every rule and findings
 * fixture is opened as an engine document (what the language server holds per editor) and edited with deterministic random edit
 * sequences (typing, deleting, renames, duplicated and removed lines, pasted risky code, import
 * edits); after each batch the incremental result is compared with a fresh full analysis.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { DocumentChange, GuardrailDocument } from '../../server/src/engine/document';
import type { GuardrailEngine } from '../../server/src/engine/engine';
import { languageForPath, type LanguageId } from '../../server/src/engine/languages';
import { REPO_ROOT, sharedEngine } from '../helpers/engine';
import { comparable, enlargeFunctions, largeFileChange, randomChange, rng, WORDS } from '../helpers/incremental';

function fixtureFiles(): string[] {
  const out: string[] = [];
  for (const kind of ['rules', 'findings']) {
    const base = path.join(REPO_ROOT, 'test', 'fixtures', kind);
    if (!fs.existsSync(base)) continue;
    for (const family of fs.readdirSync(base)) {
      for (const name of fs.readdirSync(path.join(base, family))) {
        const file = path.join(base, family, name);
        if (languageForPath(file)) out.push(file);
      }
    }
  }
  return out.sort();
}

describe('incremental analysis', function () {
  this.timeout(120000);
  let engine: GuardrailEngine;
  let incrementalRuns = 0;
  let totalRuns = 0;
  let largeRuns = 0;
  let largeIncremental = 0;

  before(async () => {
    engine = await sharedEngine();
  });

  for (const file of fixtureFiles()) {
    const rel = path.relative(path.join(REPO_ROOT, 'test', 'fixtures'), file);
    it(`equals a full analysis after random edits: ${rel}`, () => {
      const language = languageForPath(file) as LanguageId;
      const original = fs.readFileSync(file, 'utf8');
      let seed = 0;
      for (const ch of rel) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
      const rand = rng(seed);
      const pool = [...new Set(original.match(WORDS) ?? [])];
      let open: GuardrailDocument | undefined;
      try {
        for (let round = 0; round < 3; round++) {
          // Audit findings too: their predicates (#code-built-sql?, #helper-matches?) are the ones
          // that read declarations elsewhere in the file.
          const doc = engine.open(`/fixture/${rel}`, language, original, { version: 1, auditFindings: true });
          open = doc;
          doc.analyze();
          let version = 1;
          for (let batch = 0; batch < 25; batch++) {
            const changes: DocumentChange[] = [];
            let text = doc.text;
            const n = 1 + Math.floor(rand() * 3);
            for (let i = 0; i < n; i++) {
              const c = randomChange(text, rand, pool);
              changes.push({ range: { start: doc.positionAt(c.start), end: doc.positionAt(c.end) }, text: c.newText });
              text = text.slice(0, c.start) + c.newText + text.slice(c.end);
              // Positions of later changes refer to the text after this one.
              doc.edit([changes[changes.length - 1]!], ++version);
            }
            assert.strictEqual(doc.text, text);
            // Reference: a full analysis of the same tree (incremental parsing may recover from
            // syntax errors differently than a fresh parse; that is tree-sitter's business).
            const editedTree = doc.tree?.copy();
            const inc = doc.analyze();
            const full = engine.analyze(text, language, { auditFindings: true, ...(editedTree ? { previousTree: editedTree } : {}) }).analysis;
            editedTree?.delete();
            totalRuns++;
            if (inc.incremental) incrementalRuns++;
            const where = `${rel}: round ${round}, batch ${batch} (${inc.incremental ? 'incremental' : 'full'})`;
            assert.deepStrictEqual(comparable(inc.analysis), comparable(full), `${where} differs; changes ${JSON.stringify(changes)}`);
            if (!full.hasSyntaxErrors) {
              assert.deepStrictEqual(comparable(inc.analysis), comparable(engine.analyze(text, language, { auditFindings: true }).analysis), `${where} differs from a fresh parse`);
            }
          }
          doc.dispose();
        }
      } finally {
        open?.dispose();
      }
    });
  }

  it('asks every unit again when an edit makes the file browser code', () => {
    // A parameter named `document` is a value; renamed, the `document.` reads elsewhere in the file are
    // the page's, the file is browser code, and a unit the edit did not touch loses its timing region.
    const text = [
      'export const mask = ({ document, token }) => document.token === token;',
      'export function verify(link, password) {',
      '  return link.password === password;',
      '}',
      '',
    ].join('\n');
    const doc = engine.open('/browser-flip.js', 'javascript', text, { version: 1 });
    try {
      const before = doc.analyze().analysis;
      assert.ok(before.regions.some((r) => r.category === 'timing' && r.symbol === 'verify'), 'a server helper compares the password');
      const at = text.indexOf('document,');
      doc.edit([{ range: { start: doc.positionAt(at), end: doc.positionAt(at + 'document'.length) }, text: 'ok' }], 2);
      const after = doc.analyze().analysis;
      assert.deepStrictEqual(comparable(after), comparable(engine.analyze(doc.text, 'javascript').analysis));
      assert.ok(!after.regions.some((r) => r.symbol === 'verify'), 'browser code: the server decides');
    } finally {
      doc.dispose();
    }
  });

  it('keeps the tree in step with the text when a change range is reversed (start after end)', () => {
    // TextDocument.update applies a reversed range as if in order; the tree edit used the raw
    // offsets, and regions and findings went missing until the file was reopened.
    let runs = 0;
    for (const file of fixtureFiles().filter((f) => /rules[\\/](python[\\/]crypto|ecma[\\/]jwt|go[\\/]jwt|ecma[\\/]crypto)\./.test(f))) {
      const language = languageForPath(file) as LanguageId;
      const original = fs.readFileSync(file, 'utf8');
      const rand = rng(7);
      const pool = [...new Set(original.match(WORDS) ?? [])];
      for (let round = 0; round < 10; round++) {
        const doc = engine.open('/r', language, original, { version: 1 });
        doc.analyze();
        for (let batch = 0; batch < 5; batch++) {
          const c = randomChange(doc.text, rand, pool);
          const range = { start: doc.positionAt(c.end), end: doc.positionAt(c.start) };
          doc.edit([{ range, text: c.newText }], batch + 2);
          const inc = doc.analyze();
          const fresh = engine.analyze(doc.text, language).analysis;
          if (fresh.hasSyntaxErrors) continue;
          runs++;
          assert.deepStrictEqual(comparable(inc.analysis), comparable(fresh), `${file}: round ${round}, batch ${batch}`);
        }
        doc.dispose();
      }
    }
    assert.ok(runs > 50, `${runs} comparisons`);
  });

  it('edits far from imports are analyzed incrementally', async () => {
    const lines = ['package p', '', 'import "crypto/sha256"', ''];
    for (let i = 0; i < 200; i++) lines.push(`func f${i}(b []byte) [32]byte {`, '\tx := 1', '\t_ = x', `\treturn sha256.Sum256(b)`, '}', '');
    const text = lines.join('\n');
    const doc = engine.open('/a.go', 'go', text, { version: 1 });
    doc.analyze();
    const row = lines.indexOf('\tx := 1', 100);
    doc.edit([{ range: { start: { line: row, character: 6 }, end: { line: row, character: 7 } }, text: '2' }], 2);
    const inc = doc.analyze();
    assert.ok(inc.incremental, 'a one-character edit inside a function is incremental');
    assert.deepStrictEqual(comparable(inc.analysis), comparable(engine.analyze(doc.text, 'go').analysis));
    // Renaming the package in a call (no structural change) updates that region only.
    const callRow = row + 2;
    doc.edit([{ range: { start: { line: callRow, character: 8 }, end: { line: callRow, character: 14 } }, text: 'shaXYZ' }], 3);
    const renamed = doc.analyze();
    assert.ok(renamed.incremental);
    assert.strictEqual(renamed.analysis.regions.length, 199);
    assert.deepStrictEqual(comparable(renamed.analysis), comparable(engine.analyze(doc.text, 'go').analysis));
    // An import edit falls back to a full analysis.
    doc.edit([{ range: { start: { line: 2, character: 8 }, end: { line: 2, character: 21 } }, text: 'crypto/md5' }], 4);
    const full = doc.analyze();
    assert.ok(!full.incremental);
    assert.strictEqual(full.analysis.regions.length, 0);
    doc.dispose();
  });

  // Real files are long: edits land in large functions (re-queried by edited statement), next to
  // imports and constants (file-wide facts). Each fixture's functions are made ten times longer
  // (their bodies repeated), and the edits are mostly inside them, plus imports, constants and
  // whole functions added and removed. A reuse that kept a stale match would differ.
  for (const file of fixtureFiles().filter((f) => /[\\/](timing|crypto|sql|jwt|auth|concurrency|lock-free)\.(go|py|ts|js)$/.test(f))) {
    const rel = path.relative(path.join(REPO_ROOT, 'test', 'fixtures'), file);
    it(`equals a full analysis after edits inside large functions: ${rel}`, () => {
      const language = languageForPath(file) as LanguageId;
      const original = enlargeFunctions(engine, language, fs.readFileSync(file, 'utf8'), 5);
      let seed = 7;
      for (const ch of rel) seed = (seed * 33 + ch.charCodeAt(0)) >>> 0;
      const rand = rng(seed);
      const pool = [...new Set(original.match(WORDS) ?? [])];
      const doc = engine.open(`/large/${rel}`, language, original, { version: 1 });
      let incremental = 0;
      try {
        doc.analyze();
        for (let batch = 0; batch < 20; batch++) {
          const changes: DocumentChange[] = [];
          const n = 1 + Math.floor(rand() * 2);
          for (let i = 0; i < n; i++) {
            const c = largeFileChange(doc.text, language, rand, pool);
            const change = { range: { start: doc.positionAt(c.start), end: doc.positionAt(c.end) }, text: c.newText };
            changes.push(change);
            doc.edit([change], doc.version + 1);
          }
          const editedTree = doc.tree?.copy();
          const inc = doc.analyze();
          const full = engine.analyze(doc.text, language, editedTree ? { previousTree: editedTree } : {}).analysis;
          editedTree?.delete();
          if (inc.incremental) incremental++;
          assert.deepStrictEqual(comparable(inc.analysis), comparable(full), `${rel}: batch ${batch} (${inc.incremental ? 'incremental' : 'full'}) differs; changes ${JSON.stringify(changes)}`);
        }
      } finally {
        doc.dispose();
      }
      largeRuns += 20;
      largeIncremental += incremental;
    });
  }

  it('most edit batches in large functions reuse the previous analysis', () => {
    // (A file that is one large function falls back to a full analysis: over half of it changed.)
    assert.ok(largeRuns > 0 && largeIncremental >= largeRuns * 0.4, `${largeIncremental} of ${largeRuns}`);
  });

  it('an edit in one statement of a large function changes a comparison in another (function-wide facts)', () => {
    // `expected` is assigned a MAC in one statement and compared in another: whether the compare
    // is a timing finding depends on the assignment, so editing it must re-query the compare.
    const filler = Array.from({ length: 150 }, (_, i) => `\tcount${i} := len(msg) + ${i}\n\t_ = count${i}\n`).join('');
    const text = `package p\n\nimport (\n\t"crypto/hmac"\n\t"crypto/sha256"\n)\n\nfunc Verify(key, msg []byte, sig string) bool {\n\tmac := hmac.New(sha256.New, key)\n\tmac.Write(msg)\n${filler}\texpected := string(mac.Sum(nil))\n${filler}\tif sig == expected {\n\t\treturn true\n\t}\n\treturn false\n}\n\nfunc Other(msg []byte) int {\n${filler}${filler}${filler}\treturn 0\n}\n`;
    const doc = engine.open('/verify.go', 'go', text, { version: 1 });
    try {
      const before = doc.analyze().analysis;
      const row = text.split('\n').findIndex((l) => l.includes('expected := string('));
      const col = text.split('\n')[row]!.indexOf('string(mac.Sum(nil))');
      doc.edit([{ range: { start: { line: row, character: col }, end: { line: row, character: col + 'string(mac.Sum(nil))'.length } }, text: '"fixed"' }], 2);
      const after = doc.analyze();
      assert.ok(after.incremental);
      assert.deepStrictEqual(comparable(after.analysis), comparable(engine.analyze(doc.text, 'go').analysis));
      assert.notDeepStrictEqual(before.findings.map((f) => f.rule), after.analysis.findings.map((f) => f.rule), 'the compare against a constant is no timing finding');
    } finally {
      doc.dispose();
    }
  });

  it('an edit to where a handler reads a value changes whether SQL built from it is a default finding (request taint)', () => {
    // The read is in the handler, the SQL in a callback inside it: editing the read must re-decide
    // the callback's finding, which is reported by default only while the value comes from the request.
    const filler = Array.from({ length: 40 }, (_, i) => `  const count${i} = rows.length + ${i};\n`).join('');
    const text = `import express from 'express';\nimport { Pool } from 'pg';\nconst pool = new Pool();\nconst app = express();\nconst rows: number[] = [];\nfunction lookupName(): string {\n  return 'x';\n}\napp.get('/users', async (req, res) => {\n  const name = req.query.name;\n${filler}  await Promise.all(rows.map(async () => {\n${filler}    await pool.query(\`SELECT id FROM users WHERE name = '\${name}'\`);\n  }));\n  res.end();\n});\n`;
    const doc = engine.open('/handler.ts', 'typescript', text, { version: 1 });
    try {
      const sql = (a: { findings: { rule: string }[] }) => a.findings.filter((f) => f.rule.startsWith('ecma.sql.')).length;
      assert.strictEqual(sql(doc.analyze().analysis), 1, 'SQL from req.query is reported by default');
      const row = text.split('\n').findIndex((l) => l.includes('const name = req.query.name'));
      const col = text.split('\n')[row]!.indexOf('req.query.name');
      doc.edit([{ range: { start: { line: row, character: col }, end: { line: row, character: col + 'req.query.name'.length } }, text: 'lookupName()' }], 2);
      const after = doc.analyze();
      assert.deepStrictEqual(comparable(after.analysis), comparable(engine.analyze(doc.text, 'typescript').analysis));
      assert.strictEqual(sql(after.analysis), 0, 'SQL from a local function is an audit finding');
    } finally {
      doc.dispose();
    }
  });

  it('an edit to the lock a function takes changes whether an atomic store in another statement is lock-free', () => {
    // `#atomic-beside-lock?` reads the function's locks: a store under only the read lock is
    // lock-free code; under the exclusive lock it is not. The edit is in another statement.
    const filler = Array.from({ length: 150 }, (_, i) => `\t\tcount${i} := len(key) + ${i}\n\t\t_ = count${i}\n`).join('');
    const text = `package p\n\nimport (\n\t"sync"\n\t"sync/atomic"\n)\n\ntype limiter struct {\n\tupdated atomic.Int64\n}\n\ntype Bucket struct {\n\tmu      sync.RWMutex\n\tentries map[string]*limiter\n}\n\nfunc (b *Bucket) Fetch(key string, now int64) *limiter {\n\tb.mu.RLock()\n\tif l, ok := b.entries[key]; ok {\n${filler}\t\tl.updated.Store(now)\n\t\tb.mu.RUnlock()\n\t\treturn l\n\t}\n\tb.mu.RUnlock()\n\treturn nil\n}\n\nfunc Other(key string) int {\n${filler}${filler}${filler}\treturn 0\n}\n`;
    const doc = engine.open('/bucket.go', 'go', text, { version: 1 });
    try {
      const before = doc.analyze().analysis;
      assert.ok(before.regions.some((r) => r.category === 'lock-free'), 'a store under only the read lock is lock-free');
      const lines = text.split('\n');
      const row = lines.findIndex((l) => l === '\tb.mu.RLock()');
      doc.edit([{ range: { start: { line: row, character: '\tb.mu.'.length }, end: { line: row, character: '\tb.mu.RLock'.length } }, text: 'Lock' }], 2);
      const after = doc.analyze();
      assert.ok(after.incremental);
      assert.deepStrictEqual(comparable(after.analysis), comparable(engine.analyze(doc.text, 'go').analysis));
      assert.ok(!after.analysis.regions.some((r) => r.category === 'lock-free'), 'under the exclusive lock it is not');
    } finally {
      doc.dispose();
    }
  });

  it('dropping the lock around one access of an atomic in another function brings back the lock-free region (#not-lock-guarded?)', () => {
    // Every access to cfg holds cfgMutex, so the setter's store is a locked value, not lock-free
    // code. Dropping the lock in Get (another function, the only one edited) makes Get a reader
    // that skips the mutex: the setter's publication is lock-free code again.
    const filler = Array.from({ length: 150 }, (_, i) => `\tcount${i} := len(k) + ${i}\n\t_ = count${i}\n`).join('');
    const text = `package p\n\nimport (\n\t"sync"\n\t"sync/atomic"\n)\n\nvar (\n\tcfgMutex sync.Mutex\n\tcfg      atomic.Value\n)\n\nfunc SetCfg(v map[string]string) {\n\tcfgMutex.Lock()\n\told, _ := cfg.Load().(map[string]string)\n\tmerged := map[string]string{}\n\tfor k, x := range old {\n\t\tmerged[k] = x\n\t}\n\tfor k, x := range v {\n\t\tmerged[k] = x\n\t}\n\tcfg.Store(merged)\n\tcfgMutex.Unlock()\n}\n\nfunc Get(k string) string {\n${filler}\tcfgMutex.Lock()\n\tdefer cfgMutex.Unlock()\n\tif m, ok := cfg.Load().(map[string]string); ok && m != nil {\n\t\treturn m[k]\n\t}\n\treturn ""\n}\n\nfunc Other(k string) int {\n${filler}${filler}\treturn 0\n}\n`;
    const lockFree = (a: { regions: { category: string; symbol?: string }[] }) => a.regions.filter((r) => r.category === 'lock-free').map((r) => r.symbol);
    const doc = engine.open('/cfg.go', 'go', text, { version: 1 });
    try {
      assert.deepStrictEqual(lockFree(doc.analyze().analysis), [], 'every access holds the mutex');
      const row = text.split('\n').findIndex((l) => l === '\tdefer cfgMutex.Unlock()');
      doc.edit([{ range: { start: { line: row - 1, character: 0 }, end: { line: row, character: '\tdefer cfgMutex.Unlock()'.length } }, text: '\t// read without the lock\n\t// (a fast path)' }], 2);
      const after = doc.analyze().analysis;
      assert.deepStrictEqual(comparable(after), comparable(engine.analyze(doc.text, 'go').analysis));
      assert.deepStrictEqual(lockFree(after), ['SetCfg'], 'a reader skips the mutex: the setter publishes lock-free');
    } finally {
      doc.dispose();
    }
  });

  it('adding or removing a `// @flow` pragma re-parses with the other grammar (equals a fresh analysis)', () => {
    const body = "const crypto = require('crypto');\nclass A {\n  sign(x: string): string {\n    return crypto.createHmac('sha256', this.key).update(x).digest('hex');\n  }\n}\n";
    for (const [from, to] of [['// @flow\n', ''], ['', '// @flow\n']] as const) {
      const doc = engine.open('/flow.js', 'javascript', from + body, { version: 1 });
      try {
        doc.analyze();
        doc.edit([{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(from.length) }, text: to }], 2);
        const after = doc.analyze().analysis;
        assert.deepStrictEqual(comparable(after), comparable(engine.analyze(doc.text, 'javascript').analysis), `${JSON.stringify(from)} -> ${JSON.stringify(to)}`);
        assert.ok(after.regions.some((r) => r.category === 'crypto' && r.symbol === 'A.sign'), `${JSON.stringify(from)} -> ${JSON.stringify(to)}`);
      } finally {
        doc.dispose();
      }
    }
  });

  /** A module-level list of table names that a loop splices into SQL (#code-built-sql?). */
  const BACKFILL_TS = [
    "import { PrismaClient } from '@prisma/client';",
    '',
    'const prisma = new PrismaClient();',
    "const TABLES = ['Contact', 'Survey'] as const;",
    '',
    'export async function backfill() {',
    '  for (const table of TABLES) {',
    '    await prisma.$executeRawUnsafe(`UPDATE "${table}" SET "workspaceId" = 1 WHERE "workspaceId" IS NULL`);',
    '  }',
    '}',
    '',
    'export function label(name: string): string {',
    "  const prefix = 'table';",
    '  return prefix + name;',
    '}',
    '',
  ].join('\n');

  // Predicates that read a declaration elsewhere in the file record its name; an edit to such a
  // declaration analyses the whole file, an edit anywhere else stays incremental. (The users here
  // have no other finding: a fixable finding re-queries its whole top-level node on every edit.)
  const declarationCases: { name: string; file: string; language: LanguageId; text: string; from: string; to: string; elsewhere: [string, string]; rule: string }[] = [
    {
      name: 'a key-function factory (#helper-matches?)',
      file: 'keys.go',
      language: 'go',
      text: [
        'package auth',
        '',
        'import (',
        '\t"errors"',
        '',
        '\t"github.com/golang-jwt/jwt/v5"',
        ')',
        '',
        'var secret = []byte("k")',
        '',
        'func keyFunc(t *jwt.Token) (interface{}, error) {',
        '\tif t.Method.Alg() != "HS256" {',
        '\t\treturn nil, errors.New("alg")',
        '\t}',
        '\treturn secret, nil',
        '}',
        '',
        'func Parse(raw string) (*jwt.Token, error) {',
        '\treturn jwt.Parse(raw, keyFunc)',
        '}',
        '',
        'func Audience(raw string) string {',
        '\tlabel := "aud"',
        '\treturn label + raw',
        '}',
        '',
      ].join('\n'),
      from: '\tif t.Method.Alg() != "HS256" {\n\t\treturn nil, errors.New("alg")\n\t}\n',
      to: '',
      elsewhere: ['label := "aud"', 'label := "audience"'],
      rule: 'go.jwt.algorithm-not-pinned',
    },
    {
      name: 'a module-level list of table names (#code-built-sql?)',
      file: 'backfill.ts',
      language: 'typescript',
      text: BACKFILL_TS,
      from: "const TABLES = ['Contact', 'Survey'] as const;",
      to: "const TABLES = ['Contact', process.argv[2]] as const;",
      elsewhere: ["const prefix = 'table';", "const prefix = 'tables';"],
      rule: 'ecma.sql.template-query',
    },
    {
      name: 'the keyword of a module-level list (the edited old tree reads its text from the old source)',
      file: 'backfill.ts',
      language: 'typescript',
      text: BACKFILL_TS,
      from: 'const TABLES',
      to: 'c1onst TABLES',
      elsewhere: ["const prefix = 'table';", "const prefix = 'tables';"],
      rule: 'ecma.sql.template-query',
    },
  ];
  for (const c of declarationCases) {
    it(`an edit to ${c.name} re-analyses its users elsewhere in the file; other edits stay incremental`, () => {
      const count = (a: { findings: { rule: string }[] }) => a.findings.filter((f) => f.rule === c.rule).length;
      const replace = (doc: GuardrailDocument, from: string, to: string, version: number) => {
        const at = doc.text.indexOf(from);
        assert.ok(at >= 0, `${JSON.stringify(from)} in ${c.file}`);
        doc.edit([{ range: { start: doc.positionAt(at), end: doc.positionAt(at + from.length) }, text: to }], version);
      };
      const doc = engine.open(`/declarations/${c.file}`, c.language, c.text, { version: 1, auditFindings: true });
      try {
        assert.strictEqual(count(doc.analyze().analysis), 0, `no ${c.rule} finding before the edit`);
        // An edit in a function that declares nothing looked up: incremental, same findings.
        replace(doc, c.elsewhere[0], c.elsewhere[1], 2);
        const other = doc.analyze();
        assert.ok(other.incremental, 'an edit elsewhere reuses the previous analysis');
        assert.deepStrictEqual(comparable(other.analysis), comparable(engine.analyze(doc.text, c.language, { auditFindings: true }).analysis));
        // The declaration itself: the answer for a match in another top-level node changes.
        replace(doc, c.from, c.to, 3);
        const edited = doc.analyze();
        assert.deepStrictEqual(comparable(edited.analysis), comparable(engine.analyze(doc.text, c.language, { auditFindings: true }).analysis));
        assert.strictEqual(count(edited.analysis), 1, `a ${c.rule} finding once the declaration changed`);
      } finally {
        doc.dispose();
      }
    });
  }

  after(() => {
    console.log(`      incremental analysis: ${incrementalRuns} of ${totalRuns} edit batches reused the previous analysis`);
  });
});
