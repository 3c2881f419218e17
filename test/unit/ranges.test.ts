import * as assert from 'assert';
import { comparePositions, containsInclusive, containsLine, linesOverlap, linesWithin } from '../../common/src/ranges';

const pos = (line: number, character: number) => ({ line, character });
const span = (l1: number, c1: number, l2: number, c2: number) => ({ start: pos(l1, c1), end: pos(l2, c2) });

describe('range arithmetic (common/src/ranges.ts)', () => {
  it('compares positions by line, then character', () => {
    assert.ok(comparePositions(pos(1, 9), pos(2, 0)) < 0);
    assert.ok(comparePositions(pos(2, 0), pos(1, 9)) > 0);
    assert.ok(comparePositions(pos(3, 1), pos(3, 4)) < 0);
    assert.strictEqual(comparePositions(pos(3, 4), pos(3, 4)), 0);
    const sorted = [pos(2, 5), pos(0, 7), pos(2, 1), pos(0, 0)].sort(comparePositions);
    assert.deepStrictEqual(sorted, [pos(0, 0), pos(0, 7), pos(2, 1), pos(2, 5)]);
  });

  it('containsInclusive: both ends are inside; a character before the start or after the end is not', () => {
    const s = span(2, 4, 5, 1);
    for (const p of [pos(2, 4), pos(2, 99), pos(3, 0), pos(5, 0), pos(5, 1)]) assert.ok(containsInclusive(s, p), JSON.stringify(p));
    for (const p of [pos(2, 3), pos(1, 50), pos(5, 2), pos(6, 0)]) assert.ok(!containsInclusive(s, p), JSON.stringify(p));
    assert.ok(containsInclusive(span(4, 2, 4, 2), pos(4, 2)), 'an empty span contains its own position');
  });

  it('containsLine: first and last line included, characters ignored', () => {
    const s = span(2, 40, 5, 0);
    assert.deepStrictEqual([1, 2, 3, 5, 6].map((l) => containsLine(s, l)), [false, true, true, true, false]);
  });

  it('linesOverlap: sharing one line is enough, in either order', () => {
    const a = span(3, 0, 6, 0);
    for (const [b, want] of [[span(6, 9, 8, 0), true], [span(0, 0, 3, 0), true], [span(4, 0, 5, 0), true], [span(0, 0, 9, 0), true], [span(7, 0, 9, 0), false], [span(0, 0, 2, 99), false]] as const) {
      assert.strictEqual(linesOverlap(a, b), want, JSON.stringify(b));
      assert.strictEqual(linesOverlap(b, a), want, `${JSON.stringify(b)} (swapped)`);
    }
  });

  it('linesWithin: every line of the inner span is a line of the outer one', () => {
    const outer = span(3, 10, 6, 0);
    assert.ok(linesWithin(span(3, 0, 6, 99), outer), 'characters are ignored');
    assert.ok(linesWithin(span(4, 0, 5, 0), outer));
    assert.ok(!linesWithin(span(2, 0, 4, 0), outer));
    assert.ok(!linesWithin(span(5, 0, 7, 0), outer));
  });
});
