import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  LEDGER_PATH,
  LedgerError,
  readLedger,
  recordEvents,
  reviewState,
  serializeLedger,
  type RegionKey,
} from '../../server/src/review/ledger';
import { sharedEngine } from '../helpers/engine';

function tmpFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'agr-ledger-'));
}

const key = (over: Partial<RegionKey> = {}): RegionKey => ({ category: 'jwt', fingerprint: 'f1', path: 'a/b.go', symbol: 'Service.Verify', ...over });

describe('review ledger', () => {
  it('keeps history (request → approve → stale → approve again) and derives statuses', async () => {
    const dir = tmpFolder();
    await recordEvents(dir, [{ key: key(), options: { status: 'requested', by: 'Ann <ann@x>', note: 'please look' } }]);
    let data = readLedger(dir);
    assert.strictEqual(reviewState(data, key()).status, 'requested');
    await recordEvents(dir, [{ key: key(), options: { status: 'approved', by: 'Bob <bob@x>', at: new Date('2026-11-20T10:00:00Z') } }]);
    data = readLedger(dir);
    assert.strictEqual(reviewState(data, key()).status, 'approved');
    // A token change inside the region gives a new fingerprint at the same place: stale.
    const changed = key({ fingerprint: 'f2' });
    const stale = reviewState(data, changed);
    assert.strictEqual(stale.status, 'stale');
    assert.strictEqual(stale.detail, 'changed since approved by Bob on 2026-11-20');
    await recordEvents(dir, [{ key: changed, options: { status: 'approved', by: 'Bob <bob@x>' } }]);
    data = readLedger(dir);
    assert.strictEqual(data.entries.length, 1, 'one entry per region, history appended');
    assert.deepStrictEqual(data.entries[0]!.history.map((h) => h.status), ['requested', 'approved', 'stale', 'approved']);
    assert.strictEqual(data.entries[0]!.history[0]!.note, 'please look');
    assert.strictEqual(reviewState(data, changed).status, 'approved');
    // A move to another file keeps the approval (same code, same fingerprint).
    assert.strictEqual(reviewState(data, key({ fingerprint: 'f2', path: 'moved/elsewhere.go', symbol: 'Verify' })).status, 'approved');
    // Another category of the same unit is independent.
    assert.strictEqual(reviewState(data, key({ category: 'crypto', fingerprint: 'f2' })).status, 'unreviewed');
  });

  it('writes a stable, sorted, schema-versioned file', async () => {
    const dir = tmpFolder();
    await recordEvents(dir, [
      { key: key({ path: 'z.go', symbol: 'Z' }), options: { status: 'requested', by: 'a', at: new Date(0) } },
      { key: key({ path: 'a.go', symbol: 'A' }), options: { status: 'requested', by: 'a', at: new Date(0) } },
    ]);
    const text = fs.readFileSync(path.join(dir, LEDGER_PATH), 'utf8');
    const parsed = JSON.parse(text) as { schema: string; version: number; entries: { path: string }[] };
    assert.strictEqual(parsed.schema, 'ai-guardrails/reviews');
    assert.strictEqual(parsed.version, 1);
    assert.deepStrictEqual(parsed.entries.map((e) => e.path), ['a.go', 'z.go']);
    assert.deepStrictEqual(Object.keys(parsed.entries[0]!), ['id', 'category', 'path', 'symbol', 'fingerprint', 'history']);
    assert.strictEqual(serializeLedger(readLedger(dir)), text, 're-serializing gives the same bytes');
    assert.ok(!fs.readdirSync(path.join(dir, '.guardrails')).some((f) => f.endsWith('.tmp') || f.endsWith('.lock')), 'no temp or lock files left');
  });

  for (const [name, content, problem] of [
    ['corrupt JSON', '{"schema": "ai-guardrails/reviews", "version": 1, "entries": [', /not valid JSON/],
    ['a future schema version', JSON.stringify({ schema: 'ai-guardrails/reviews', version: 2, entries: [] }), /unsupported schema version 2/],
    ['an unknown schema', JSON.stringify({ schema: 'other', version: 1, entries: [] }), /unknown schema/],
    ['a bad entry', JSON.stringify({ schema: 'ai-guardrails/reviews', version: 1, entries: [{ id: 1 }] }), /entries\[0\]/],
  ] as const) {
    it(`refuses to write over ${name} and leaves it byte-for-byte intact`, async () => {
      const dir = tmpFolder();
      fs.mkdirSync(path.join(dir, '.guardrails'));
      const file = path.join(dir, LEDGER_PATH);
      fs.writeFileSync(file, content);
      await assert.rejects(recordEvents(dir, [{ key: key(), options: { status: 'approved', by: 'x' } }]), (err: unknown) => {
        assert.ok(err instanceof LedgerError);
        assert.ok(err.message.includes(file), 'message names the file');
        assert.match(err.message, problem);
        assert.match(err.message, /left unchanged/);
        return true;
      });
      assert.strictEqual(fs.readFileSync(file, 'utf8'), content);
      assert.deepStrictEqual(fs.readdirSync(path.join(dir, '.guardrails')), ['reviews.json']);
    });
  }

  it('fingerprints ignore moves, outside edits, comments and formatting; token edits change them', async () => {
    const engine = await sharedEngine();
    const base = `package a

import "crypto/hmac"

func Sign(k, m []byte) []byte {
\th := hmac.New(nil, k)
\th.Write(m)
\treturn h.Sum(nil)
}
`;
    const fp = (text: string) => engine.analyze(text, 'go').analysis.regions.find((r) => r.category === 'crypto')!.fingerprint;
    const original = fp(base);
    const moved = fp(base.replace('import "crypto/hmac"\n', 'import "crypto/hmac"\n\nfunc Other() int { return 1 }\n\n// a comment\n'));
    assert.strictEqual(moved, original, 'code added above does not change it');
    const reformatted = fp(base.replace('\th := hmac.New(nil, k)', '\th   :=   hmac.New( nil,k )  // comment inside'));
    assert.strictEqual(reformatted, original, 'formatting and comments inside do not change it');
    const edited = fp(base.replace('h.Write(m)', 'h.Write(k)'));
    assert.notStrictEqual(edited, original, 'a token change inside does');
  });
});
