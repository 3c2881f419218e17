import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { REPO_ROOT } from '../helpers/engine';
import { TestLspClient } from '../helpers/lspClient';

const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
const uriOf = (rel: string) => pathToFileURL(path.join(WORKSPACE, rel)).toString();
const read = (rel: string) => fs.readFileSync(path.join(WORKSPACE, rel), 'utf8');

function byCategory(diags: Diagnostic[], category: string): Diagnostic | undefined {
  return diags.find((d) => d.code === category);
}

describe('language server over stdio', function () {
  this.timeout(30000);
  let client: TestLspClient;

  before(async () => {
    client = await TestLspClient.start(WORKSPACE);
  });
  after(async () => {
    await client.stop();
  });

  it('publishes one diagnostic per region with source, code, description link, data and related triggers', async () => {
    const uri = uriOf('go/auth.go');
    client.open(uri, 'go', read('go/auth.go'));
    const diags = await client.diagnosticsFor(uri, 1);
    const jwtDiag = byCategory(diags, 'jwt');
    assert.ok(jwtDiag, `no jwt diagnostic in ${JSON.stringify(diags)}`);
    assert.strictEqual(jwtDiag.source, 'ai-guardrails');
    assert.strictEqual(jwtDiag.severity, 2, 'do-not-trust regions are warnings');
    assert.match(jwtDiag.codeDescription?.href ?? '', /README\.md#category-jwt$/);
    const data = jwtDiag.data as { regionId: string; category: string; tier: string };
    assert.strictEqual(data.category, 'jwt');
    assert.strictEqual(data.tier, 'do-not-trust');
    assert.ok(data.regionId.length > 0);
    const firstJwtLine = read('go/auth.go').split('\n').findIndex((l) => /jwt\./.test(l) && !l.includes('import'));
    assert.strictEqual(jwtDiag.range.start.line, firstJwtLine, 'on the first trigger');
    assert.match(jwtDiag.message, /Service\.Verify/);
    // One diagnostic per (region, category): no duplicates.
    const keys = diags.map((d) => `${(d.data as { regionId: string }).regionId}`);
    assert.strictEqual(new Set(keys).size, keys.length);
    // Plain arithmetic has no region.
    assert.ok(!diags.some((d) => d.range.start.line >= 30), 'Add() must not be flagged');
  });

  it('lists at most eight more triggers under a region diagnostic, then how many places are left', async () => {
    const uri = uriOf('go/many_locks.go');
    const calls = Array.from({ length: 12 }, (_, i) => `\ts.mu.Lock()\n\ts.n += ${i}\n\ts.mu.Unlock()\n`).join('');
    client.open(uri, 'go', `package store\n\nimport "sync"\n\ntype S struct {\n\tmu sync.Mutex\n\tn  int\n}\n\nfunc (s *S) Bump() {\n${calls}}\n`);
    const diag = byCategory(await client.diagnosticsFor(uri, 1), 'concurrency');
    assert.ok(diag, 'a concurrency region on Bump');
    const related = diag.relatedInformation ?? [];
    assert.strictEqual(related.length, 9, JSON.stringify(related.map((r) => r.message)));
    assert.ok(related.slice(0, 8).every((r) => /^Also .* here \(go\.concurrency\./.test(r.message)));
    assert.match(related[8]!.message, /^…and \d+ more places in S\.Bump$/);
    const listed = 1 + 8 + Number(/(\d+) more/.exec(related[8]!.message)![1]);
    assert.ok(listed >= 24, `every Lock and Unlock is a trigger (${listed})`);
    client.close(uri);
  });

  it('answers hovers inside a region with category, tier, checklist and status, and nothing outside', async () => {
    const uri = uriOf('go/auth.go');
    const inside = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 19, character: 4 } });
    assert.ok(inside, 'hover inside Verify');
    const text = (inside.contents as MarkupContent).value;
    assert.match(text, /JWT \/ OAuth \/ SAML validation/);
    assert.match(text, /do not trust/);
    assert.match(text, /Review checklist/);
    assert.match(text, /algorithm is pinned/);
    assert.match(text, /Review status: \*\*unreviewed\*\*/);
    const outside = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 31, character: 2 } });
    assert.strictEqual(outside, null);
  });

  it('updates diagnostics on incremental changes (reusing the tree) and clears them on close', async () => {
    const uri = uriOf('go/edited.go');
    const text = [
      'package auth',
      '',
      'import jwt "github.com/golang-jwt/jwt/v5"',
      '',
      'func Check(raw string, kf func() []byte) error {',
      '\t_, err := jwt.Parse(raw, nil)',
      '\treturn err',
      '}',
      '',
    ].join('\n');
    client.open(uri, 'go', text);
    assert.ok(byCategory(await client.diagnosticsFor(uri, 1), 'jwt'), 'jwt region at first');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('jwt.Parse('));
    const col = lines[line]!.indexOf('jwt.Parse');
    // Rename the call to a non-JWT function: the jwt region must disappear.
    client.change(uri, 2, [{ range: { start: { line, character: col }, end: { line, character: col + 'jwt.Parse'.length } }, text: 'parseLocal' }]);
    let diags = await client.diagnosticsFor(uri, 2);
    assert.ok(!byCategory(diags, 'jwt'), 'jwt region gone after the edit');
    // Type it back one character at a time, as a person would.
    client.change(uri, 3, [{ range: { start: { line, character: col }, end: { line, character: col + 'parseLocal'.length } }, text: '' }]);
    let version = 3;
    for (const ch of 'jwt.Parse') {
      version++;
      const at = col + (version - 4);
      client.change(uri, version, [{ range: { start: { line, character: at }, end: { line, character: at } }, text: ch }]);
    }
    diags = await client.diagnosticsFor(uri, version);
    assert.ok(byCategory(diags, 'jwt'), 'jwt region back');
    // Insert lines above: the region moves with the code.
    version++;
    client.change(uri, version, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// header\n// more\n' }]);
    diags = await client.diagnosticsFor(uri, version);
    assert.strictEqual(byCategory(diags, 'jwt')!.range.start.line, line + 2);
    client.close(uri);
    await client.waitFor(() => client.diagnostics.get(uri)?.diagnostics.length === 0, 'cleared diagnostics');
  });

  it('handles Python and TypeScript documents', async () => {
    const py = uriOf('py/tokens.py');
    client.open(py, 'python', read('py/tokens.py'));
    const pyDiags = await client.diagnosticsFor(py, 1);
    assert.ok(pyDiags.some((d) => d.code === 'jwt'), `python jwt: ${JSON.stringify(pyDiags.map((d) => d.code))}`);
    const ts = uriOf('ts/session.ts');
    client.open(ts, 'typescript', read('ts/session.ts'));
    const tsDiags = await client.diagnosticsFor(ts, 1);
    assert.ok(tsDiags.some((d) => d.code === 'jwt'), `typescript jwt: ${JSON.stringify(tsDiags.map((d) => d.code))}`);
    assert.ok(!tsDiags.some((d) => d.range.start.line >= 9), 'add() is not flagged');
  });

  it('never crashes on hostile text and keeps serving', async () => {
    const uri = uriOf('go/garbage.go');
    const junk = ['func (((( {{{ ]]] "unterminated', '\u0000\u0001\uffff', '😀'.repeat(500), 'package x\nfunc f() { go func() {}() }'].join('\n');
    client.open(uri, 'go', junk);
    await client.diagnosticsFor(uri, 1);
    client.change(uri, 2, [{ range: { start: { line: 0, character: 3 }, end: { line: 2, character: 9999 } }, text: '\n\n\n' }]);
    await client.diagnosticsFor(uri, 2);
    client.change(uri, 3, [{ text: '' }]);
    assert.deepStrictEqual(await client.diagnosticsFor(uri, 3), []);
    client.close(uri);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.strictEqual(hover, null);
  });

  it('applies settings changes without a restart: a category switched off loses its diagnostics', async () => {
    const uri = uriOf('go/auth.go');
    client.open(uri, 'go', read('go/auth.go'), 10);
    assert.ok(byCategory(await client.diagnosticsFor(uri, 10), 'jwt'));
    client.settings = { categories: { jwt: false }, severity: { crypto: 'error' } };
    client.diagnostics.delete(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { aiGuardrails: client.settings } });
    const diags = await client.diagnosticsFor(uri, 10);
    assert.ok(!byCategory(diags, 'jwt'), 'jwt switched off');
    const crypto = byCategory(diags, 'crypto');
    assert.ok(crypto, 'crypto still on');
    assert.strictEqual(crypto.severity, 1, 'severity override to error');
    client.settings = {};
    client.diagnostics.delete(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { aiGuardrails: {} } });
    assert.ok(byCategory(await client.diagnosticsFor(uri, 10), 'jwt'));
    client.close(uri);
  });
});

describe('language server team config', function () {
  this.timeout(30000);

  it('reports a malformed .guardrails/config.json, leaves it untouched and uses defaults', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-lsp-'));
    fs.mkdirSync(path.join(dir, '.guardrails'));
    const bad = '{ "categories": { "jwt": false, }';
    fs.writeFileSync(path.join(dir, '.guardrails', 'config.json'), bad);
    fs.copyFileSync(path.join(WORKSPACE, 'go', 'auth.go'), path.join(dir, 'auth.go'));
    const client = await TestLspClient.start(dir);
    try {
      const uri = pathToFileURL(path.join(dir, 'auth.go')).toString();
      client.open(uri, 'go', fs.readFileSync(path.join(dir, 'auth.go'), 'utf8'));
      const diags = await client.diagnosticsFor(uri, 1);
      assert.ok(byCategory(diags, 'jwt'), 'defaults used: jwt still on');
      await client.waitFor(() => client.messages.some((m) => /config\.json: not valid JSON/.test(m.message)), 'warning message');
      assert.strictEqual(fs.readFileSync(path.join(dir, '.guardrails', 'config.json'), 'utf8'), bad);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies a valid team config (category off, extra exclude)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-lsp-'));
    fs.mkdirSync(path.join(dir, '.guardrails'));
    fs.mkdirSync(path.join(dir, 'gen'));
    fs.writeFileSync(path.join(dir, '.guardrails', 'config.json'), JSON.stringify({ categories: { crypto: false }, exclude: ['gen/**'] }));
    fs.copyFileSync(path.join(WORKSPACE, 'go', 'auth.go'), path.join(dir, 'auth.go'));
    fs.copyFileSync(path.join(WORKSPACE, 'go', 'auth.go'), path.join(dir, 'gen', 'auth.go'));
    const client = await TestLspClient.start(dir);
    try {
      const uri = pathToFileURL(path.join(dir, 'auth.go')).toString();
      client.open(uri, 'go', fs.readFileSync(path.join(dir, 'auth.go'), 'utf8'));
      const diags = await client.diagnosticsFor(uri, 1);
      assert.ok(byCategory(diags, 'jwt'));
      assert.ok(!byCategory(diags, 'crypto'), 'crypto off by team config');
      const gen = pathToFileURL(path.join(dir, 'gen', 'auth.go')).toString();
      client.open(gen, 'go', fs.readFileSync(path.join(dir, 'gen', 'auth.go'), 'utf8'));
      assert.deepStrictEqual(await client.diagnosticsFor(gen, 1), []);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server and test code', function () {
  this.timeout(30000);

  it('gives test files no diagnostics by default, and does with includeTests (editor setting and team config)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-lsp-tests-'));
    const source = fs.readFileSync(path.join(WORKSPACE, 'go', 'auth.go'), 'utf8');
    fs.writeFileSync(path.join(dir, 'auth.go'), source);
    fs.writeFileSync(path.join(dir, 'auth_test.go'), source);
    const client = await TestLspClient.start(dir);
    try {
      const prod = pathToFileURL(path.join(dir, 'auth.go')).toString();
      const test = pathToFileURL(path.join(dir, 'auth_test.go')).toString();
      client.open(prod, 'go', source);
      client.open(test, 'go', source);
      assert.ok(byCategory(await client.diagnosticsFor(prod, 1), 'jwt'));
      assert.deepStrictEqual(await client.diagnosticsFor(test, 1), [], 'test code is left out by default');
      client.settings = { includeTests: true };
      client.diagnostics.delete(test);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { aiGuardrails: client.settings } });
      assert.ok(byCategory(await client.diagnosticsFor(test, 1), 'jwt'), 'includeTests turns it on');
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives generated code no diagnostics by default; an edit that removes the header brings them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-lsp-gen-'));
    const header = '// Code generated by protoc-gen-go. DO NOT EDIT.\n\n';
    const source = header + fs.readFileSync(path.join(WORKSPACE, 'go', 'auth.go'), 'utf8');
    fs.writeFileSync(path.join(dir, 'auth.pb.go'), source);
    const client = await TestLspClient.start(dir);
    try {
      const uri = pathToFileURL(path.join(dir, 'auth.pb.go')).toString();
      client.open(uri, 'go', source);
      assert.deepStrictEqual(await client.diagnosticsFor(uri, 1), [], 'generated code is left out');
      client.diagnostics.delete(uri);
      client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
      assert.ok(byCategory(await client.diagnosticsFor(uri, 2), 'jwt'), 'without the header it is hand-written code');
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
