/**
 * The engine document API (server/src/engine/document.ts): what a document does with its tree
 * and state across edits, whole-text changes, failures and dispose. Results are always compared
 * with a fresh analysis of the same text (incremental.test.ts does so on random edits).
 */
import * as assert from 'assert';
import { BudgetExceeded, DEFAULT_BUDGET } from '../../server/src/engine/budget';
import { analyzeOnce, type GuardrailDocument } from '../../server/src/engine/document';
import type { GuardrailEngine } from '../../server/src/engine/engine';
import { sharedEngine } from '../helpers/engine';
import { comparable } from '../helpers/incremental';

const GO = ['package p', '', 'import "crypto/sha256"', ''];
for (let i = 0; i < 40; i++) GO.push(`func f${i}(b []byte) [32]byte {`, '\tx := 1', '\t_ = x', '\treturn sha256.Sum256(b)', '}', '');
const GO_TEXT = GO.join('\n');

/** Runs `body` on the document, then disposes it. */
function withDocument(doc: GuardrailDocument, body: (doc: GuardrailDocument) => void): void {
  try {
    body(doc);
  } finally {
    doc.dispose();
  }
}

describe('engine document API', function () {
  this.timeout(60000);
  let engine: GuardrailEngine;

  before(async () => {
    engine = await sharedEngine();
  });

  it('analyzes incrementally after range edits, in full after a whole-text change', () => {
    withDocument(engine.open('/p/a.go', 'go', GO_TEXT, { version: 1 }), (doc) => {
      assert.strictEqual(doc.tree, undefined, 'nothing is parsed before the first analysis');
      const first = doc.analyze();
      assert.strictEqual(first.incremental, false);
      assert.strictEqual(first.analysis.regions.length, 40);
      assert.ok(doc.tree);
      const row = GO.indexOf('\tx := 1', 20);
      doc.edit([{ range: { start: { line: row, character: 6 }, end: { line: row, character: 7 } }, text: '2' }], 2);
      assert.strictEqual(doc.version, 2);
      const edited = doc.analyze();
      assert.ok(edited.incremental);
      assert.deepStrictEqual(comparable(edited.analysis), comparable(engine.analyze(doc.text, 'go').analysis));
      doc.edit([{ text: GO_TEXT.replace('func f3(', 'func g3(') }], 3);
      assert.strictEqual(doc.tree, undefined, 'a whole-text change drops the tree');
      const replaced = doc.analyze();
      assert.strictEqual(replaced.incremental, false);
      assert.deepStrictEqual(comparable(replaced.analysis), comparable(engine.analyze(doc.text, 'go').analysis));
    });
  });

  it('edits with CR line breaks and reversed ranges keep the tree in step with the text', () => {
    withDocument(engine.open('/p/b.go', 'go', GO_TEXT.replace(/\n/g, '\r\n')), (doc) => {
      doc.analyze();
      const row = GO.indexOf('\tx := 1', 10);
      doc.edit([{ range: { start: { line: row, character: 7 }, end: { line: row, character: 0 } }, text: '\ty := 2\r\tx := 1' }]);
      assert.ok(doc.lineText(row).startsWith('\ty := 2\r'));
      const edited = doc.analyze();
      assert.ok(edited.incremental);
      assert.deepStrictEqual(comparable(edited.analysis), comparable(engine.analyze(doc.text, 'go').analysis));
    });
  });

  it('a failed analysis drops the tree and state; the next one starts afresh', () => {
    withDocument(engine.open('/p/c.go', 'go', GO_TEXT), (doc) => {
      doc.analyze();
      doc.edit([{ range: { start: { line: 5, character: 6 }, end: { line: 5, character: 7 } }, text: '3' }]);
      assert.throws(() => doc.analyze({ budget: { millis: DEFAULT_BUDGET.millis, nodes: 10 } }), BudgetExceeded);
      assert.strictEqual(doc.tree, undefined);
      const after = doc.analyze();
      assert.strictEqual(after.incremental, false);
      assert.deepStrictEqual(comparable(after.analysis), comparable(engine.analyze(doc.text, 'go').analysis));
    });
  });

  it('analyzeOnce equals the engine analysis with the same options, and options given at open apply', () => {
    const categories = new Set(['crypto'] as const);
    const once = analyzeOnce(engine, '/p/d.go', 'go', GO_TEXT, { categories });
    assert.deepStrictEqual(comparable(once), comparable(engine.analyze(GO_TEXT, 'go', { categories }).analysis));
    withDocument(engine.open('/p/d.go', 'go', GO_TEXT, { categories: new Set(['sql'] as const) }), (doc) => {
      assert.strictEqual(doc.analyze().analysis.regions.length, 0);
    });
  });
});
