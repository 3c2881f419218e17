import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CATEGORY_IDS } from '../../server/src/engine/categories';
import { appendJournal } from '../../server/src/agents/journal';
import { readLedger, recordEvents } from '../../server/src/review/ledger';
import { REPO_ROOT } from '../helpers/engine';

const BIN = path.join(REPO_ROOT, 'bin', 'ai-guardrails.js');
const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');

interface ToolAnswer {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
}

interface RegionInfo {
  category: string;
  tier: string;
  symbol: string;
  startLine: number;
  endLine: number;
  fingerprint: string;
  status: string;
  statusDetail?: string;
  editedByAgent?: string;
}

interface Touched {
  category: string;
  symbol: string;
  change: string;
  status: string;
  fingerprint: string;
}

describe('ai-guardrails mcp (MCP server over stdio)', function () {
  this.timeout(60000);
  let dir: string;
  let outside: string;
  let client: Client;
  let stderr = '';

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-mcp-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-mcp-outside-'));
    fs.cpSync(WORKSPACE, dir, { recursive: true });
    fs.mkdirSync(path.join(dir, '.guardrails'));
    fs.writeFileSync(path.join(outside, 'secret.ts'), fs.readFileSync(path.join(WORKSPACE, 'ts', 'session.ts')));
    fs.symlinkSync(path.join(outside, 'secret.ts'), path.join(dir, 'ts', 'link.ts'));
    const transport = new StdioClientTransport({
      command: process.execPath,
      // The editor's workspace folder is a subfolder here: the server serves the folder with .guardrails above it.
      args: [BIN, 'mcp', '--workspace', path.join(dir, 'ts')],
      cwd: os.tmpdir(),
      env: { ...getDefaultEnvironment(), AI_GUARDRAILS_REVIEWER: 'Mcp Tester <mcp@example.com>' },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    client = new Client({ name: 'ai-guardrails-test', version: '0.0.0' });
    await client.connect(transport);
  });
  after(async () => {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  async function call(name: string, args: Record<string, unknown>): Promise<ToolAnswer> {
    return (await client.callTool({ name, arguments: args })) as ToolAnswer;
  }

  async function ok<T>(name: string, args: Record<string, unknown>): Promise<T> {
    const r = await call(name, args);
    assert.ok(!r.isError, `${name} failed: ${r.content[0]?.text}; stderr: ${stderr}`);
    assert.deepStrictEqual(JSON.parse(r.content[0]!.text), r.structuredContent, 'the text and the structured content agree');
    return r.structuredContent as T;
  }

  async function refused(name: string, args: Record<string, unknown>, pattern: RegExp): Promise<void> {
    const r = await call(name, args);
    assert.strictEqual(r.isError, true, `${name} should fail: ${JSON.stringify(r)}`);
    assert.match(r.content[0]!.text, pattern);
  }

  const session = () => fs.readFileSync(path.join(dir, 'ts', 'session.ts'), 'utf8');

  it('refuses a --workspace that is not a folder (an editor that left ${workspaceFolder} unexpanded)', () => {
    const r = spawnSync(process.execPath, [BIN, 'mcp', '--workspace', '${workspaceFolder}'], { cwd: dir, encoding: 'utf8', input: '' });
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /--workspace "\$\{workspaceFolder\}" is not a folder/);
    assert.strictEqual(r.stdout, '', 'nothing but MCP messages on stdout');
  });

  it('lists three tools (none approves) and one checklist resource per category', async () => {
    const { tools } = await client.listTools();
    assert.deepStrictEqual(tools.map((t) => t.name).sort(), ['check_edit', 'guarded_regions', 'request_review']);
    assert.ok(!tools.some((t) => /approve/i.test(t.name)));
    assert.deepStrictEqual(Object.keys(tools.find((t) => t.name === 'check_edit')!.inputSchema.properties ?? {}).sort(), ['new_content', 'path']);
    const { resources } = await client.listResources();
    assert.deepStrictEqual(resources.map((r) => r.uri).sort(), CATEGORY_IDS.map((c) => `guardrails://checklist/${c}`).sort());
    const read = await client.readResource({ uri: 'guardrails://checklist/jwt' });
    const text = (read.contents[0] as { text: string }).text;
    assert.match(text, /JWT/);
    assert.match(text, /- \[ \] The algorithm is pinned/);
    assert.match((await client.getServerVersion())?.name ?? '', /ai-guardrails/);
  });

  it('guarded_regions lists regions with 1-based lines, status and checklists (relative to the workspace, or absolute)', async () => {
    const r = await ok<{ path: string; regions: RegionInfo[]; checklists: Record<string, string[]> }>('guarded_regions', { path: 'ts/session.ts' });
    assert.strictEqual(r.path, 'ts/session.ts');
    const jwt = r.regions.find((x) => x.category === 'jwt');
    assert.ok(jwt, JSON.stringify(r.regions));
    assert.deepStrictEqual([jwt.symbol, jwt.tier, jwt.startLine, jwt.endLine, jwt.status], ['verify', 'do-not-trust', 4, 6, 'unreviewed']);
    assert.deepStrictEqual(Object.keys(r.checklists), ['jwt'], 'one checklist per category present');
    assert.ok(r.checklists.jwt!.length > 3);
    const abs = await ok<{ path: string; regions: RegionInfo[] }>('guarded_regions', { path: path.join(dir, 'py', 'tokens.py') });
    assert.strictEqual(abs.path, 'py/tokens.py');
    assert.ok(abs.regions.some((x) => x.category === 'jwt' && x.symbol === 'verify'));
  });

  it('refuses paths outside the workspace, also through a symbolic link, with a tool error', async () => {
    await refused('guarded_regions', { path: `../${path.basename(outside)}/secret.ts` }, /outside the workspace/);
    await refused('guarded_regions', { path: path.join(outside, 'secret.ts') }, /outside the workspace/);
    await refused('guarded_regions', { path: 'ts/link.ts' }, /resolves to .*secret\.ts, which is outside the workspace/);
    await refused('check_edit', { path: path.join(outside, 'new.ts'), new_content: 'export {}\n' }, /outside the workspace/);
    await refused('request_review', { path: path.join(outside, 'secret.ts'), line: 5 }, /outside the workspace/);
  });

  it('says clearly when a file is missing, binary, not UTF-8 or not a supported language', async () => {
    await refused('guarded_regions', { path: 'ts/missing.ts' }, /no such file: ts\/missing\.ts/);
    await refused('request_review', { path: 'ts/missing.ts', line: 1 }, /no such file/);
    fs.writeFileSync(path.join(dir, 'ts', 'latin1.ts'), Buffer.from('// caf\xe9\nexport const x = 1;\n', 'latin1'));
    await refused('guarded_regions', { path: 'ts/latin1.ts' }, /not valid UTF-8/);
    await refused('check_edit', { path: 'ts/latin1.ts', new_content: 'export const x = 2;\n' }, /not valid UTF-8/);
    fs.writeFileSync(path.join(dir, 'ts', 'blob.ts'), Buffer.from([0x63, 0x00, 0x01, 0x02]));
    await refused('guarded_regions', { path: 'ts/blob.ts' }, /binary file/);
    fs.writeFileSync(path.join(dir, 'notes.md'), '# notes\n');
    await refused('guarded_regions', { path: 'notes.md' }, /not a Go, Python, TypeScript or JavaScript file/);
    await refused('guarded_regions', { path: 'ts' }, /not a regular file/);
    await refused('guarded_regions', { path: '' }, /non-empty/);
  });

  it('answers malformed arguments with a tool error and keeps serving', async () => {
    const bad = await call('request_review', { path: 'ts/session.ts', line: 'five' });
    assert.strictEqual(bad.isError, true);
    const zero = await call('request_review', { path: 'ts/session.ts', line: 0 });
    assert.strictEqual(zero.isError, true);
    const missing = await call('check_edit', { path: 'ts/session.ts' });
    assert.strictEqual(missing.isError, true);
    assert.strictEqual((await client.listTools()).tools.length, 3);
  });

  it('check_edit: changing a do-not-trust function says to ask the human', async () => {
    const after = session().replace("algorithms: ['HS256']", "algorithms: ['HS256', 'none']");
    const r = await ok<{ askHuman: boolean; touched: Touched[]; verdict: string }>('check_edit', { path: 'ts/session.ts', new_content: after });
    assert.strictEqual(r.askHuman, true);
    assert.deepStrictEqual(r.touched.map((t) => [t.category, t.symbol, t.change, t.status]), [['jwt', 'verify', 'changed', 'unreviewed']]);
    assert.match(r.verdict, /^ASK THE HUMAN FIRST/);
    assert.match(r.verdict, /Only a human can approve it/);
    assert.strictEqual(session().includes("'none'"), false, 'check_edit never writes the file');
  });

  it('check_edit: reformatting a do-not-trust function or editing outside guarded code changes nothing', async () => {
    const reformatted = session()
      .replace('export function verify(token: string, key: string): unknown {\n  return jwt.verify(token, key, { algorithms: [\'HS256\'] });', "export function verify(token: string, key: string): unknown {\n\n    return jwt.verify(token,   key, {\n      algorithms: ['HS256']\n    });");
    assert.notStrictEqual(reformatted, session());
    const r = await ok<{ askHuman: boolean; touched: Touched[]; verdict: string }>('check_edit', { path: 'ts/session.ts', new_content: reformatted });
    assert.deepStrictEqual([r.askHuman, r.touched], [false, []]);
    assert.match(r.verdict, /changes no guarded region/);
    const outsideEdit = await ok<{ askHuman: boolean; touched: Touched[] }>('check_edit', { path: 'ts/session.ts', new_content: session().replace('return a + b;', 'return b + a;') });
    assert.deepStrictEqual([outsideEdit.askHuman, outsideEdit.touched], [false, []]);
  });

  it('check_edit on a new file reports its guarded code as new; an approved version needs no human', async () => {
    const content = "import { createHmac } from 'node:crypto';\nexport const sign = (key: string, s: string): string => createHmac('sha256', key).update(s).digest('hex');\n";
    const r = await ok<{ askHuman: boolean; touched: Touched[] }>('check_edit', { path: 'ts/new.ts', new_content: content });
    assert.strictEqual(r.askHuman, true);
    assert.deepStrictEqual(r.touched.map((t) => [t.category, t.change]), [['crypto', 'new']]);
    assert.strictEqual(fs.existsSync(path.join(dir, 'ts', 'new.ts')), false);
    const t = r.touched[0]!;
    await recordEvents(dir, [{ key: { category: 'crypto', fingerprint: t.fingerprint, path: 'ts/new.ts', symbol: t.symbol }, options: { status: 'approved', by: 'Human Reviewer' } }]);
    const again = await ok<{ askHuman: boolean; touched: Touched[] }>('check_edit', { path: 'ts/new.ts', new_content: content });
    assert.deepStrictEqual([again.askHuman, again.touched.map((x) => x.status)], [false, ['approved']]);
  });

  it('request_review records "requested" (never approved) under the reviewer identity', async () => {
    const r = await ok<{ requested: { category: string; symbol: string }[]; by: string; message: string }>('request_review', { path: 'ts/session.ts', line: 5, note: 'algorithms list' });
    assert.deepStrictEqual(r.requested.map((x) => [x.category, x.symbol]), [['jwt', 'verify']]);
    assert.strictEqual(r.by, 'Mcp Tester <mcp@example.com>');
    const entry = readLedger(dir).entries.find((e) => e.path === 'ts/session.ts' && e.category === 'jwt');
    assert.ok(entry);
    assert.deepStrictEqual(entry.history.map((h) => [h.status, h.by]), [['requested', 'Mcp Tester <mcp@example.com>']]);
    assert.match(entry.history[0]!.note ?? '', /^algorithms list \(requested by an AI agent via ai-guardrails mcp\)$/);
    const regions = await ok<{ regions: RegionInfo[] }>('guarded_regions', { path: 'ts/session.ts' });
    assert.strictEqual(regions.regions.find((x) => x.category === 'jwt')!.status, 'requested');
    await refused('request_review', { path: 'ts/session.ts', line: 11 }, /no guarded region covers ts\/session\.ts:11 \(regions: 4-6 jwt in verify/);
  });

  it('guarded_regions says which agent last wrote a region (from the local journal) until a human approves it', async () => {
    const before = await ok<{ regions: RegionInfo[] }>('guarded_regions', { path: 'py/tokens.py' });
    const jwt = before.regions.find((x) => x.category === 'jwt')!;
    appendJournal(dir, {
      at: new Date().toISOString(),
      agent: 'claude-code',
      session: 'sess-42',
      path: 'py/tokens.py',
      ranges: [[jwt.startLine, jwt.endLine]],
      regions: [{ category: 'jwt', symbol: jwt.symbol, fingerprint: jwt.fingerprint, startLine: jwt.startLine, endLine: jwt.endLine }],
    });
    const marked = await ok<{ regions: RegionInfo[] }>('guarded_regions', { path: 'py/tokens.py' });
    assert.strictEqual(marked.regions.find((x) => x.category === 'jwt')!.editedByAgent, 'Claude Code (agent, session sess-42)');
    await recordEvents(dir, [{ key: { category: 'jwt', fingerprint: jwt.fingerprint, path: 'py/tokens.py', symbol: jwt.symbol }, options: { status: 'approved', by: 'Human Reviewer' } }]);
    const approved = await ok<{ regions: RegionInfo[] }>('guarded_regions', { path: 'py/tokens.py' });
    const after = approved.regions.find((x) => x.category === 'jwt')!;
    assert.deepStrictEqual([after.status, after.editedByAgent], ['approved', undefined]);
  });
});
