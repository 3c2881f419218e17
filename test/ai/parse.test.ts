import * as assert from 'assert';
import { FindingStream, parseAnswer, parseTextLine } from '../../server/src/ai/parse';
import { AiError } from '../../common/src/ai';

function malformed(text: string): AiError {
  try {
    parseAnswer(text);
  } catch (err) {
    assert.ok(err instanceof AiError);
    assert.strictEqual(err.kind, 'malformed');
    return err;
  }
  assert.fail(`expected ${JSON.stringify(text)} to be malformed`);
}

describe('AI answer parsing', () => {
  it('reads the structured JSON form, also inside a code fence or as a bare list', () => {
    const json = '{"findings": [{"severity": "P0", "line": 4, "message": "alg not pinned"}, {"severity": "p2", "line": "9", "message": " nit "}]}';
    const expected = [
      { severity: 'P0', line: 4, message: 'alg not pinned' },
      { severity: 'P2', line: 9, message: 'nit' },
    ];
    assert.deepStrictEqual(parseAnswer(json), { findings: expected, form: 'json' });
    assert.deepStrictEqual(parseAnswer('```json\n' + json + '\n```').findings, expected);
    assert.deepStrictEqual(parseAnswer(JSON.stringify(JSON.parse(json).findings)).findings, expected);
    assert.deepStrictEqual(parseAnswer('{"findings": []}'), { findings: [], form: 'json' });
  });

  it('drops findings without a severity, a positive line or a message', () => {
    const r = parseAnswer('{"findings": [{"severity": "P1", "line": 3, "message": "ok"}, {"severity": "P9", "line": 3, "message": "x"}, {"severity": "P1", "line": 0, "message": "x"}, {"severity": "P1", "line": 2, "message": ""}]}');
    assert.deepStrictEqual(r.findings, [{ severity: 'P1', line: 3, message: 'ok' }]);
  });

  it('reads the plain-text fallback "[P0] path:line — message" and common variants', () => {
    const text = [
      'Here is what I found:',
      '[P0] go/auth.go:17 — jwt.Parse accepts any algorithm',
      '- [P1] go/auth.go:21:5 - audience is not checked',
      '**P2** `go/auth.go:22`: error message is generic',
      'P1 line 18 – key reused',
      'Overall the code needs work.',
    ].join('\n');
    assert.deepStrictEqual(parseAnswer(text), {
      form: 'text',
      findings: [
        { severity: 'P0', line: 17, message: 'jwt.Parse accepts any algorithm' },
        { severity: 'P1', line: 21, message: 'audience is not checked' },
        { severity: 'P2', line: 22, message: 'error message is generic' },
        { severity: 'P1', line: 18, message: 'key reused' },
      ],
    });
    assert.deepStrictEqual(parseTextLine('[P0] C:\\src\\auth.go:17 — windows path'), { severity: 'P0', line: 17, message: 'windows path' });
  });

  it('treats "no findings" text as an empty list and anything else as malformed', () => {
    assert.deepStrictEqual(parseAnswer('No findings.'), { findings: [], form: 'text' });
    malformed('');
    malformed('The code looks reasonable to me.');
    assert.match(malformed('{"result": "fine"}').message, /no "findings" list/);
    assert.match(malformed('{"findings": [{"level": "high"}]}').message, /no finding has/);
  });

  it('pulls complete findings out of a JSON answer while it streams', () => {
    const json = '{"findings": [{"severity": "P0", "line": 4, "message": "a {brace} in \\"text\\""}, {"severity": "P1", "line": 7, "message": "b"}]}';
    const s = new FindingStream();
    const seen: number[] = [];
    for (let i = 0; i < json.length; i += 5) {
      for (const f of s.push(json.slice(i, i + 5))) seen.push(f.line);
      if (i + 5 < json.indexOf('"line": 7')) assert.ok(seen.length <= 1);
    }
    assert.deepStrictEqual(seen, [4, 7]);
  });

  it('pulls complete text findings line by line, deciding the form from the first characters', () => {
    const s = new FindingStream();
    assert.deepStrictEqual(s.push('['), []);
    assert.deepStrictEqual(s.push('P0] a.go:3 — x'), [], 'a line counts when it ends');
    assert.deepStrictEqual(s.push('\n[P2] a.go:5 — y'), [{ severity: 'P0', line: 3, message: 'x' }]);
    assert.deepStrictEqual(s.push('\n'), [{ severity: 'P2', line: 5, message: 'y' }]);
  });
});
