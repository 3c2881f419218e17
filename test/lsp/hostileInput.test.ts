import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { REPO_ROOT } from '../helpers/engine';
import { TestLspClient } from '../helpers/lspClient';

describe('language server with hostile exclude patterns', function () {
  this.timeout(60000);

  it('keeps answering with diagnostics, and warns naming the config file, when excludes backtrack or are huge', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-lsp-hostile-'));
    fs.mkdirSync(path.join(dir, '.guardrails'));
    const config = path.join(dir, '.guardrails', 'config.json');
    fs.writeFileSync(config, JSON.stringify({ exclude: [`**/${'*a'.repeat(12)}*b`, `**/${'+(a|aa)'.repeat(12)}b`, `**/${'x'.repeat(70000)}`] }));
    fs.writeFileSync(path.join(dir, '.gitignore'), `${'*a'.repeat(12)}*b\n`);
    fs.writeFileSync(path.join(dir, `${'a'.repeat(60)}.py`), 'x = 1\n');
    fs.copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'go', 'auth.go'), path.join(dir, 'auth.go'));
    const client = await TestLspClient.start(dir);
    try {
      const uri = pathToFileURL(path.join(dir, 'auth.go')).toString();
      client.open(uri, 'go', fs.readFileSync(path.join(dir, 'auth.go'), 'utf8'));
      const diags = await client.diagnosticsFor(uri, 1);
      assert.ok(diags.some((d) => String(d.code ?? '').includes('jwt') || d.message.toLowerCase().includes('jwt')), 'diagnostics as usual');
      const warned = (what: string) => client.messages.some((m) => m.message.includes(config) && m.message.includes(what));
      await client.waitFor(() => ['characters long', 'extglob', '13 * wildcards'].every(warned), 'a warning naming the config file for each refused pattern');
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server review commands on a file linked from outside the workspace', function () {
  this.timeout(60000);

  it('refuses to record a review for it, saying why, and writes no ledger', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-lsp-link-'));
    const ws = path.join(base, 'ws');
    const outside = path.join(base, 'outside');
    fs.mkdirSync(ws);
    fs.mkdirSync(outside);
    const text = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'go', 'auth.go'), 'utf8');
    fs.writeFileSync(path.join(outside, 'auth.go'), text);
    fs.symlinkSync(path.join(outside, 'auth.go'), path.join(ws, 'auth.go'));
    const client = await TestLspClient.start(ws);
    try {
      const uri = pathToFileURL(path.join(ws, 'auth.go')).toString();
      client.open(uri, 'go', text);
      const diag = (await client.diagnosticsFor(uri, 1)).find((d) => d.code === 'jwt');
      assert.ok(diag);
      const actions = await client.request<{ title: string; command?: { command: string; arguments?: unknown[] } }[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: diag.range,
        context: { diagnostics: [diag], only: ['quickfix'] },
      });
      const approve = actions.find((a) => a.title.startsWith('Mark as reviewed (') && !a.title.includes('(all:'));
      assert.ok(approve?.command);
      await assert.rejects(
        client.request('workspace/executeCommand', { command: approve.command.command, arguments: approve.command.arguments }),
        /reviews are recorded only for files in the workspace: .*resolves to .*outside.*auth\.go, outside the workspace/,
      );
      assert.ok(!fs.existsSync(path.join(ws, '.guardrails')));
    } finally {
      await client.stop();
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('language server with a read-only review ledger', function () {
  this.timeout(60000);

  it('refuses the write with the reason, leaves the file alone and keeps showing its review states', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-lsp-ro-'));
    const text = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'go', 'auth.go'), 'utf8');
    fs.writeFileSync(path.join(dir, 'auth.go'), text);
    process.env.AI_GUARDRAILS_REVIEWER = 'Lsp Tester';
    const client = await TestLspClient.start(dir);
    try {
      const uri = pathToFileURL(path.join(dir, 'auth.go')).toString();
      client.open(uri, 'go', text);
      const jwt = (await client.diagnosticsFor(uri, 1)).find((d) => d.code === 'jwt')!;
      const command = async (title: string) => {
        const actions = await client.request<{ title: string; command?: { command: string; arguments?: unknown[] } }[]>('textDocument/codeAction', {
          textDocument: { uri },
          range: jwt.range,
          context: { diagnostics: [jwt], only: ['quickfix'] },
        });
        const c = actions.find((a) => a.title.startsWith(`${title} (`) && !a.title.includes('(all:'))!.command!;
        return client.request('workspace/executeCommand', { command: c.command, arguments: c.arguments });
      };
      assert.strictEqual(await command('Request human review'), 'requested');
      const file = path.join(dir, '.guardrails', 'reviews.json');
      const before = fs.readFileSync(file, 'utf8');
      fs.chmodSync(file, 0o444);
      await assert.rejects(command('Mark as reviewed'), /reviews\.json: is read-only \(mode 0444\); make it writable/);
      assert.strictEqual(fs.statSync(file).mode & 0o777, 0o444);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), before);
      client.diagnostics.delete(uri);
      client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
      const after = (await client.diagnosticsFor(uri, 2)).find((d) => d.code === 'jwt')!;
      assert.match(after.message, /review requested by Lsp Tester/, 'the ledger still reads fine');
    } finally {
      await client.stop();
      delete process.env.AI_GUARDRAILS_REVIEWER;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
