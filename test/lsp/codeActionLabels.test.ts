import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { readLedger } from '../../server/src/review/ledger';
import { TestLspClient } from '../helpers/lspClient';

/** A function with two guarded categories: every review action says which one it acts on. */
const SOURCE = `package auth

import (
\t"crypto/hmac"
\t"crypto/sha256"

\tjwt "github.com/golang-jwt/jwt/v5"
)

func Verify(raw string, key []byte) (*jwt.Token, error) {
\tmac := hmac.New(sha256.New, key)
\tmac.Write([]byte(raw))
\t_ = mac.Sum(nil)
\treturn jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) { return key, nil })
}
`;

describe('review actions are labelled by category', function () {
  this.timeout(60000);
  let client: TestLspClient;
  let dir: string;
  let uri: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-labels-'));
    fs.writeFileSync(path.join(dir, 'auth.go'), SOURCE);
    process.env.AI_GUARDRAILS_REVIEWER = 'Lsp Tester';
    client = await TestLspClient.start(dir);
    uri = pathToFileURL(path.join(dir, 'auth.go')).toString();
    client.open(uri, 'go', SOURCE);
  });
  after(async () => {
    await client.stop();
    delete process.env.AI_GUARDRAILS_REVIEWER;
  });

  const actions = () =>
    client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 11, character: 1 }, end: { line: 11, character: 1 } },
      context: { diagnostics: [] },
    });

  it('no two actions share a title, each names its category, and one request covers the whole function', async () => {
    const diags = await client.diagnosticsFor(uri, 1);
    const categories = [...new Set(diags.map((d) => String(d.code)).filter((c) => !c.includes('.')))].sort();
    assert.deepStrictEqual(categories, ['crypto', 'jwt'], JSON.stringify(diags.map((d) => d.code)));
    const titles = (await actions()).map((a) => a.title);
    assert.strictEqual(new Set(titles).size, titles.length, `duplicate titles: ${JSON.stringify(titles)}`);
    for (const c of categories) {
      for (const verb of ['Request human review', 'Mark as reviewed', 'Suppress with reason', 'Copy review request as Markdown']) {
        assert.ok(titles.includes(`${verb} (${c})`), `"${verb} (${c})" in ${JSON.stringify(titles)}`);
      }
    }
    const all = (await actions()).filter((a) => a.title.startsWith('Request human review (all:'));
    assert.strictEqual(all.length, 1, JSON.stringify(titles));
    await client.request('workspace/executeCommand', { command: all[0]!.command!.command, arguments: all[0]!.command!.arguments });
    const ledger = readLedger(dir);
    assert.deepStrictEqual(ledger.entries.map((e) => `${e.category}:${e.history.at(-1)!.status}`).sort(), ['crypto:requested', 'jwt:requested']);
    // Both requested: the combined action is gone, approving stays per category.
    const after = (await actions()).map((a) => a.title);
    assert.ok(!after.some((t) => t.startsWith('Request human review')), JSON.stringify(after));
    assert.ok(after.includes('Mark as reviewed (jwt)') && after.includes('Mark as reviewed (crypto)'));
  });
});
