import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { contextAtLine, describeRegions, MAX_REGION_LINES } from '../../server/src/ai/context';
import { buildReviewRequest, buildUserMessage, renderSnippet } from '../../server/src/ai/prompt';
import type { AiContext, Snippet } from '../../common/src/ai';
import type { LanguageId } from '../../server/src/engine/languages';
import { REPO_ROOT, sharedEngine } from '../helpers/engine';

const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
const read = (rel: string) => fs.readFileSync(path.join(WORKSPACE, rel), 'utf8');

async function at(text: string, language: LanguageId, line1: number, file = 'x'): Promise<{ context?: AiContext; regions: unknown[] }> {
  return contextAtLine(await sharedEngine(), { text, language, path: file, line: line1 - 1 });
}

const lineNumbers = (s: Snippet) => s.lines.map((l) => l.n);

describe('AI context for a region', function () {
  this.timeout(20000);

  it('Go: the whole method around a nested callback, imports, and the receiver type', async () => {
    const { context } = await at(read('go/auth.go'), 'go', 18, 'go/auth.go');
    assert.ok(context);
    assert.strictEqual(context.symbol, 'Service.Verify');
    assert.deepStrictEqual(context.categories, ['jwt']);
    assert.strictEqual(context.tier, 'do-not-trust');
    assert.strictEqual(context.startLine, 16);
    assert.strictEqual(context.endLine, 24);
    assert.deepStrictEqual(lineNumbers(context.code), [16, 17, 18, 19, 20, 21, 22, 23, 24]);
    assert.strictEqual(context.code.lines[1]?.text, '\ttoken, err := jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {');
    assert.deepStrictEqual(lineNumbers(context.imports), [1, 3, 4, 5, 6, 7, 8, 9]);
    assert.strictEqual(context.enclosingType?.name, 'Service');
    assert.deepStrictEqual(lineNumbers(context.enclosingType!.snippet), [11, 12, 13]);
    assert.ok(context.triggers.some((t) => t.line === 17));
    assert.deepStrictEqual(context.span.start, { line: 15, character: 0 });
  });

  it('Python and TypeScript fixtures', async () => {
    const py = (await at(read('py/tokens.py'), 'python', 6, 'py/tokens.py')).context;
    assert.ok(py);
    assert.strictEqual(py.symbol, 'verify');
    assert.deepStrictEqual(lineNumbers(py.imports), [1, 2]);
    assert.deepStrictEqual(lineNumbers(py.code), [5, 6]);
    assert.strictEqual(py.enclosingType, undefined);

    const ts = (await at(read('ts/session.ts'), 'typescript', 5, 'ts/session.ts')).context;
    assert.ok(ts);
    assert.strictEqual(ts.symbol, 'verify');
    assert.deepStrictEqual(lineNumbers(ts.imports), [1, 2]);
    assert.deepStrictEqual(lineNumbers(ts.code), [4, 5, 6]);
  });

  it('no region: lists where the regions are', async () => {
    const found = await at(read('go/auth.go'), 'go', 33, 'go/auth.go');
    assert.strictEqual(found.context, undefined);
    const text = describeRegions((await contextAtLine(await sharedEngine(), { text: read('go/auth.go'), language: 'go', path: 'go/auth.go', line: 32 })).regions);
    assert.match(text, /16-24 jwt in Service\.Verify/);
    assert.match(text, /26-30 crypto in Sign/);
  });

  it('a class method: class header, fields and other method signatures, redacted', async () => {
    const src = [
      'import jwt',
      'from app.config import settings',
      '',
      'class TokenService:',
      '    """Issues and checks tokens."""',
      '    issuer = "https://auth.example.com"',
      "    fallback_secret = 'dev-secret-do-not-use'",
      '',
      '    def __init__(self, key):',
      '        self.key = key',
      '',
      '    def verify(self, token):',
      '        return jwt.decode(token, self.key, algorithms=["HS256"])',
      '',
      '    def helper(self):',
      '        return 1',
      '',
    ].join('\n');
    const { context } = await at(src, 'python', 13, 'svc.py');
    assert.ok(context);
    assert.strictEqual(context.symbol, 'TokenService.verify');
    assert.strictEqual(context.enclosingType?.name, 'TokenService');
    assert.deepStrictEqual(lineNumbers(context.enclosingType!.snippet), [4, 5, 6, 7, 9, 15]);
    const typeText = renderSnippet(context.enclosingType!.snippet);
    assert.match(typeText, /<redacted:secret#\d+ len=21>/);
    assert.ok(!typeText.includes('dev-secret-do-not-use'));
    assert.deepStrictEqual(context.redactions.map((r) => r.line), [7]);
    assert.deepStrictEqual(lineNumbers(context.code), [12, 13]);
  });

  it('a TypeScript class method', async () => {
    const src = [
      "import { createHmac } from 'node:crypto';",
      '',
      'export class Signer {',
      '  private readonly key: Buffer;',
      '  constructor(key: Buffer) {',
      '    this.key = key;',
      '  }',
      '  sign(data: string): string {',
      "    return createHmac('sha256', this.key).update(data).digest('hex');",
      '  }',
      '}',
      '',
    ].join('\n');
    const { context } = await at(src, 'typescript', 9, 'signer.ts');
    assert.ok(context);
    assert.strictEqual(context.symbol, 'Signer.sign');
    assert.deepStrictEqual(lineNumbers(context.enclosingType!.snippet), [3, 4, 5]);
    assert.deepStrictEqual(lineNumbers(context.imports), [1]);
  });

  it('truncates very long regions and says so in the prompt', async () => {
    const body = Array.from({ length: MAX_REGION_LINES + 50 }, (_, i) => `    x${i} = ${i}`).join('\n');
    const src = `import hashlib\n\ndef big(data):\n    h = hashlib.md5(data)\n${body}\n    return h\n`;
    const { context } = await at(src, 'python', 4, 'big.py');
    assert.ok(context?.truncated);
    assert.strictEqual(context.code.lines.length, MAX_REGION_LINES);
    assert.match(buildUserMessage(context), /truncated: the region ends at line \d+/);
  });

  it('renders numbered lines with gaps and a prompt that asks for P0/P1/P2 with file lines', async () => {
    assert.strictEqual(renderSnippet({ lines: [{ n: 9, text: 'a' }, { n: 10, text: 'b' }, { n: 14, text: 'c' }] }), ' 9 | a\n10 | b\n   | …\n14 | c');
    const { context } = await at(read('go/auth.go'), 'go', 18, 'go/auth.go');
    const req = buildReviewRequest(context!, 'm');
    assert.strictEqual(req.model, 'm');
    assert.strictEqual(req.response_format?.type, 'json_schema');
    const user = req.messages[1]!.content;
    assert.match(user, /Code under review \(lines 16-24\)/);
    assert.match(user, /algorithm is pinned/, 'the category checklist is part of the prompt');
    assert.match(req.messages[0]!.content, /\[P0\] path:line — message/);
    assert.strictEqual(buildReviewRequest(context!, 'm', { structured: false }).response_format, undefined);
  });
});
