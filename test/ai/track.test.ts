import * as assert from 'assert';
import { applyChanges, trackChange } from '../../client/src/model/aiTrack';

describe('AI advisory diagnostics tracking', () => {
  const region = { start: 10, end: 20 };

  it('shifts with edits above the region', () => {
    assert.deepStrictEqual(trackChange(region, { startLine: 2, endLine: 2, text: 'a\nb\n' }), { kind: 'shift', delta: 2 });
    assert.deepStrictEqual(trackChange(region, { startLine: 2, endLine: 5, text: '' }), { kind: 'shift', delta: -3 });
    assert.deepStrictEqual(trackChange(region, { startLine: 2, endLine: 2, text: 'x' }), { kind: 'unchanged' });
  });

  it('ignores edits below the region', () => {
    assert.deepStrictEqual(trackChange(region, { startLine: 21, endLine: 30, text: '\n\n' }), { kind: 'unchanged' });
  });

  it('invalidates on any edit touching the region', () => {
    for (const c of [
      { startLine: 10, endLine: 10, text: 'x' },
      { startLine: 15, endLine: 15, text: '' },
      { startLine: 20, endLine: 22, text: '' },
      { startLine: 5, endLine: 12, text: '' },
    ]) {
      assert.deepStrictEqual(trackChange(region, c), { kind: 'invalidate' }, JSON.stringify(c));
    }
  });

  it('applies a sequence of changes', () => {
    assert.deepStrictEqual(applyChanges(region, [{ startLine: 1, endLine: 1, text: '\n' }, { startLine: 0, endLine: 0, text: '\n\n' }]), {
      lines: { start: 13, end: 23 },
      delta: 3,
    });
    assert.strictEqual(applyChanges(region, [{ startLine: 1, endLine: 1, text: '\n' }, { startLine: 11, endLine: 11, text: 'x' }]), undefined);
  });
});
