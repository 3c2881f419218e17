import * as assert from 'assert';
import type { Position, Span } from '../../server/src/engine/types';
import {
  DEFAULT_THRESHOLDS,
  EditDetector,
  classifyEdit,
  contentLines,
  isLargeChange,
  mapChanges,
  normalizeThresholds,
  postEditSpans,
  transformSpan,
  type EditContext,
  type TextChange,
} from '../../client/src/model/editDetection';
import { WATCH_GLOB, isIgnoredPath } from '../../client/src/model/watchedFiles';

const T = DEFAULT_THRESHOLDS;
const TYPING: EditContext = { undoRedo: false, reloadedFromDisk: false, focusedEditor: true };
const BACKGROUND: EditContext = { undoRedo: false, reloadedFromDisk: false, focusedEditor: false };
const RELOAD: EditContext = { undoRedo: false, reloadedFromDisk: true, focusedEditor: false };

function pos(line: number, character: number): Position {
  return { line, character };
}
function sp(l1: number, c1: number, l2: number, c2: number): Span {
  return { start: pos(l1, c1), end: pos(l2, c2) };
}
function insert(line: number, character: number, text: string): TextChange {
  return { range: sp(line, character, line, character), text };
}
function code(lines: number, prefix = 'x'): string {
  return Array.from({ length: lines }, (_, i) => `${prefix}${i} := compute(${i})`).join('\n') + '\n';
}

// --- a tiny text model to check position arithmetic against real string edits ---
function offsetAt(text: string, p: Position): number {
  const lines = text.split('\n');
  let off = 0;
  for (let i = 0; i < p.line; i++) off += (lines[i] ?? '').length + 1;
  return off + p.character;
}
function textAt(text: string, s: Span): string {
  return text.slice(offsetAt(text, s.start), offsetAt(text, s.end));
}
/** Applies simultaneous changes (pre-edit coordinates) like VS Code does: last first. */
function apply(text: string, changes: TextChange[]): string {
  const sorted = [...changes].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  for (const c of sorted) text = text.slice(0, offsetAt(text, c.range.start)) + c.text + text.slice(offsetAt(text, c.range.end));
  return text;
}
function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return pos(before.length - 1, (before[before.length - 1] ?? '').length);
}
function seeded(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

describe('client model: edit detection thresholds', () => {
  it('counts non-blank inserted lines; Enter with indentation counts zero', () => {
    assert.strictEqual(contentLines('\n    '), 0);
    assert.strictEqual(contentLines('a\n\n  b\n'), 2);
    assert.strictEqual(contentLines(code(8)), 8);
  });

  it('large change: ≥ minLines non-blank lines or ≥ minChars characters of code', () => {
    assert.strictEqual(isLargeChange(code(7), T), false);
    assert.strictEqual(isLargeChange(code(8), T), true);
    assert.strictEqual(isLargeChange('y'.repeat(400), T), true);
    assert.strictEqual(isLargeChange(' '.repeat(1000), T), false);
    assert.strictEqual(isLargeChange('\n'.repeat(50), T), false);
  });

  it('normalizes settings values', () => {
    assert.deepStrictEqual(normalizeThresholds({}), T);
    assert.deepStrictEqual(normalizeThresholds({ minLines: 3.7, minChars: 'x' }), { minLines: 3, minChars: 400 });
    assert.deepStrictEqual(normalizeThresholds({ minLines: 0, minChars: -5 }), T);
  });
});

describe('client model: classifying one change event', () => {
  it('typing a few characters never triggers', () => {
    for (const text of ['a', '()', ';', '\n\t', '\n    \n', 'return']) {
      assert.strictEqual(classifyEdit([insert(3, 4, text)], TYPING, T), undefined, JSON.stringify(text));
    }
  });

  it('a large paste or completion in the focused editor is a bulk edit with its post-edit range', () => {
    const v = classifyEdit([insert(10, 2, code(8))], TYPING, T);
    assert.deepStrictEqual(v, { kind: 'bulk', ranges: [sp(10, 2, 18, 0)] });
    assert.strictEqual(classifyEdit([{ range: sp(0, 0, 30, 0), text: 'z'.repeat(450) }], TYPING, T)?.kind, 'bulk');
  });

  it('undo and redo never count, however large', () => {
    assert.strictEqual(classifyEdit([insert(0, 0, code(100))], { ...TYPING, undoRedo: true }, T), undefined);
    assert.strictEqual(classifyEdit([insert(0, 0, code(1))], { ...RELOAD, undoRedo: true }, T), undefined);
  });

  it('a change that leaves the document clean is a reload from disk: external, any size', () => {
    assert.deepStrictEqual(classifyEdit([{ range: sp(4, 0, 4, 3), text: 'abc' }], RELOAD, T), { kind: 'external', ranges: [sp(4, 0, 4, 3)] });
  });

  it('deleting a large block is not an AI-looking edit', () => {
    assert.strictEqual(classifyEdit([{ range: sp(0, 0, 200, 0), text: '' }], TYPING, T), undefined);
  });

  it('in a background document: renames are ignored, multi-line edits are external', () => {
    const rename = [3, 9, 27, 40].map((l) => ({ range: sp(l, 4, l, 9), text: 'newLongerName' }));
    assert.strictEqual(classifyEdit(rename, BACKGROUND, T), undefined);
    assert.strictEqual(classifyEdit([insert(5, 0, 'import x\n')], BACKGROUND, T), undefined);
    const agent = [insert(20, 0, 'a := 1\nb := 2\n'), insert(2, 0, 'import "crypto/hmac"\n')];
    const v = classifyEdit(agent, BACKGROUND, T);
    assert.strictEqual(v?.kind, 'external');
    assert.deepStrictEqual(v?.ranges, [sp(21, 0, 23, 0), sp(2, 0, 3, 0)]);
    assert.strictEqual(classifyEdit([insert(0, 0, code(8))], BACKGROUND, T)?.kind, 'external');
  });
});

describe('client model: post-edit ranges', () => {
  it('shifts later changes by the lines and characters earlier ones add (VS Code order: last first)', () => {
    const changes = [insert(5, 3, 'X'), { range: sp(2, 0, 3, 0), text: 'one\ntwo\nthree\n' }, insert(1, 2, 'Q')];
    assert.deepStrictEqual(postEditSpans(changes), [sp(7, 3, 7, 4), sp(2, 0, 5, 0), sp(1, 2, 1, 3)]);
    // On one line, a later change moves right by what earlier ones inserted.
    assert.deepStrictEqual(postEditSpans([insert(2, 9, 'C'), { range: sp(2, 5, 2, 6), text: 'AB' }]), [sp(2, 10, 2, 11), sp(2, 5, 2, 7)]);
  });

  it('matches real string edits (randomized)', () => {
    const rnd = seeded(42);
    let checked = 0;
    let spans = 0;
    for (let round = 0; round < 300; round++) {
      let text = Array.from({ length: 12 }, (_, i) => `line ${i} ${'abc'.repeat(Math.floor(rnd() * 4))}`).join('\n');
      const len = text.length;
      const cuts = Array.from({ length: 2 * (1 + Math.floor(rnd() * 3)) }, () => Math.floor(rnd() * (len + 1))).sort((a, b) => a - b);
      const changes: TextChange[] = [];
      for (let i = 0; i + 1 < cuts.length; i += 2) {
        const inserted = ['', 'x', 'new\nlines\n', '\n', 'a\nb'][Math.floor(rnd() * 5)] ?? '';
        changes.push({ range: { start: positionAt(text, cuts[i] ?? 0), end: positionAt(text, cuts[i + 1] ?? 0) }, text: inserted });
      }
      // Same position twice would be ambiguous; VS Code never reports that.
      if (new Set(changes.map((c) => offsetAt(text, c.range.start))).size !== changes.length) continue;
      changes.reverse();
      const after = apply(text, changes);
      postEditSpans(changes).forEach((s, i) => assert.strictEqual(textAt(after, s), changes[i]?.text, `round ${round}`));
      checked++;

      // A span clear of every change keeps its text.
      const a = Math.floor(rnd() * len);
      const b = Math.min(len, a + Math.floor(rnd() * 15));
      const touched = changes.some((c) => offsetAt(text, c.range.start) <= b && offsetAt(text, c.range.end) >= a);
      if (!touched) {
        const s = { start: positionAt(text, a), end: positionAt(text, b) };
        assert.strictEqual(textAt(after, transformSpan(s, mapChanges(changes))), textAt(text, s), `round ${round} span`);
        spans++;
      }
      text = after;
    }
    assert.ok(checked > 200 && spans > 50, `${checked} edits, ${spans} spans checked`);
  });

  it('a change inside or touching a span widens it', () => {
    const s = sp(10, 0, 20, 0);
    assert.deepStrictEqual(transformSpan(s, mapChanges([insert(15, 0, 'a\nb\n')])), sp(10, 0, 22, 0));
    assert.deepStrictEqual(transformSpan(s, mapChanges([insert(20, 0, 'a\n')])), sp(10, 0, 21, 0));
    assert.deepStrictEqual(transformSpan(s, mapChanges([{ range: sp(5, 0, 12, 0), text: '' }])), sp(5, 0, 13, 0));
    assert.deepStrictEqual(transformSpan(s, mapChanges([insert(25, 0, 'zz\n')])), s);
  });
});

describe('client model: EditDetector', () => {
  const uri = 'file:///ws/a.go';

  it('typing for minutes never produces a notification', () => {
    const d = new EditDetector();
    let now = 0;
    for (let i = 0; i < 5000; i++) {
      const text = i % 40 === 0 ? '\n\t' : i % 7 === 0 ? '()' : 'k';
      d.onDidChange(uri, [insert(Math.floor(i / 40), i % 40, text)], TYPING, T, (now += 80));
    }
    assert.strictEqual(d.hasPending, false);
  });

  it('streamed chunks within the window add up to a bulk edit, then each further chunk is reported', () => {
    const d = new EditDetector(3000);
    assert.strictEqual(d.onDidChange(uri, [insert(10, 0, code(3))], TYPING, T, 1000), undefined);
    assert.strictEqual(d.onDidChange(uri, [insert(13, 0, code(3))], TYPING, T, 1500), undefined);
    const v = d.onDidChange(uri, [insert(16, 0, code(3))], TYPING, T, 2000);
    assert.strictEqual(v?.kind, 'bulk');
    // Chunks appended at the end of earlier ones widen them; the union is what gets sent.
    assert.strictEqual(v?.ranges.length, 3);
    assert.deepStrictEqual(d.take(), [{ uri, kind: 'bulk', ranges: [sp(10, 0, 19, 0)] }]);
    assert.deepStrictEqual(d.onDidChange(uri, [insert(30, 0, 'x := 1\n')], TYPING, T, 2500)?.ranges, [sp(30, 0, 31, 0)]);
    assert.deepStrictEqual(d.take(), [{ uri, kind: 'bulk', ranges: [sp(30, 0, 31, 0)] }]);
    assert.strictEqual(d.hasPending, false);
  });

  it('chunks further apart than the window do not add up', () => {
    const d = new EditDetector(3000);
    for (let i = 0; i < 10; i++) d.onDidChange(uri, [insert(i * 3, 0, code(3))], TYPING, T, i * 4000);
    assert.strictEqual(d.hasPending, false);
  });

  it('pending ranges follow later typing until sent', () => {
    const d = new EditDetector();
    d.onDidChange(uri, [insert(10, 0, code(8))], TYPING, T, 0);
    d.onDidChange(uri, [insert(0, 0, '// header\n')], TYPING, T, 10);
    d.onDidChange(uri, [insert(1, 0, '\n')], TYPING, T, 20);
    assert.deepStrictEqual(d.take(), [{ uri, kind: 'bulk', ranges: [sp(12, 0, 20, 0)] }]);
  });

  it('an external change to a closed file means the whole file, and wins over ranges', () => {
    const d = new EditDetector();
    d.onDidChange(uri, [{ range: sp(1, 0, 1, 1), text: 'b' }], RELOAD, T, 0);
    d.onExternalFileChange(uri);
    d.onExternalFileChange('file:///ws/b.py');
    d.onDidChange(uri, [insert(0, 0, code(9))], TYPING, T, 5);
    assert.deepStrictEqual(d.take(), [
      { uri, kind: 'external', ranges: [] },
      { uri: 'file:///ws/b.py', kind: 'external', ranges: [] },
      { uri, kind: 'bulk', ranges: [sp(0, 0, 9, 0)] },
    ]);
  });

  it('many ranges for one file collapse to their enclosing range', () => {
    const d = new EditDetector();
    for (let i = 0; i < 60; i++) d.onDidChange(uri, [{ range: sp(2 * i, 0, 2 * i, 1), text: 'q' }], RELOAD, T, i);
    const [sent] = d.take();
    assert.ok(sent && sent.ranges.length <= 50);
    assert.deepStrictEqual(sent?.ranges[0]?.start, pos(0, 0));
  });
});

describe('client model: watched files', () => {
  it('watches every supported extension', () => {
    for (const ext of ['go', 'py', 'ts', 'tsx', 'js', 'mjs', 'jsx']) assert.ok(WATCH_GLOB.includes(ext), ext);
  });

  it('ignores dependencies, build output and unsupported files', () => {
    assert.strictEqual(isIgnoredPath('src/auth/login.go'), false);
    assert.strictEqual(isIgnoredPath('node_modules/jsonwebtoken/index.js'), true);
    assert.strictEqual(isIgnoredPath('pkg\\vendor\\x.go'), true);
    assert.strictEqual(isIgnoredPath('web/app.min.js'), true);
    assert.strictEqual(isIgnoredPath('types/index.d.ts'), true);
    assert.strictEqual(isIgnoredPath('README.md'), true);
  });
});
