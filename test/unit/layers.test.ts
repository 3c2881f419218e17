/**
 * The layer boundary (eslint.config.mjs, docs/architecture.md): client/src imports only common/src
 * from this repository, server/src never imports client/src, common/src imports neither. These
 * lint small in-memory files placed in each layer and expect the rule to fire.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ESLint } from 'eslint';
import { ClientCommands } from '../../common/src/commands';
import { hideApiKeys } from '../../client/src/model/trace';
import { REPO_ROOT } from '../helpers/engine';

const RULE = 'no-restricted-imports';

describe('layers', function () {
  this.timeout(60_000);
  let eslint: ESLint;

  before(() => {
    eslint = new ESLint({ cwd: REPO_ROOT });
  });

  /** The restricted imports eslint reports for `code` as if it were the file at `rel`. */
  async function violations(rel: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, rel) });
    assert.ok(result, 'eslint returned a result');
    return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
  }

  it('refuses a client file that imports the server, by value, by type or by re-export', async () => {
    const found = await violations(
      'client/src/model/boundaryFixture.ts',
      [
        "import { GuardrailEngine } from '../../../server/src/engine/engine';",
        "import type { Region } from '../../../server/src/engine/types';",
        "export { requestReview } from '../../../server/src/ai/client';",
        'export const probe: Region | undefined = GuardrailEngine ? undefined : undefined;',
        '',
      ].join('\n'),
    );
    assert.strictEqual(found.length, 3, found.join('\n'));
    for (const m of found) assert.match(m, /client\/src may import only common\/src/);
  });

  it('lets a client file import common/ and packages', async () => {
    const found = await violations(
      'client/src/boundaryFixture.ts',
      [
        "import * as path from 'path';",
        "import * as vscode from 'vscode';",
        "import { Requests } from '../../common/src/protocol';",
        'export const probe = [path.sep, vscode.version, Requests.rescan.method];',
        '',
      ].join('\n'),
    );
    assert.deepStrictEqual(found, []);
  });

  it('refuses a server file that imports the client', async () => {
    const found = await violations('server/src/features/boundaryFixture.ts', "import { activate } from '../../../client/src/extension';\nexport const probe = activate;\n");
    assert.strictEqual(found.length, 1, found.join('\n'));
    assert.match(found[0]!, /server\/src may import only common\/src/);
  });

  it('refuses a common file that imports either side or an editor/server-only package', async () => {
    const found = await violations(
      'common/src/boundaryFixture.ts',
      [
        "import { CATEGORIES } from '../../server/src/engine/categories';",
        "import { RegionStore } from '../../client/src/regionStore';",
        "import * as vscode from 'vscode';",
        "import { createConnection } from 'vscode-languageserver/node';",
        "import { LanguageClient } from 'vscode-languageclient/node';",
        'export const probe = [CATEGORIES, RegionStore, vscode, createConnection, LanguageClient];',
        '',
      ].join('\n'),
    );
    assert.strictEqual(found.length, 5, found.join('\n'));
  });

  it('every client command the manifest contributes is in common/src/commands.ts, and back', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    assert.deepStrictEqual(Object.values(ClientCommands).sort(), contributed);
  });

  it('the LSP trace never shows the AI key', () => {
    const params = { reviewId: 'review-1', apiKey: 'sk-test-\\"quoted\\"-key', endpoint: { baseUrl: 'http://127.0.0.1:1' } };
    for (const text of [JSON.stringify(params, null, 4), JSON.stringify(params)]) {
      const shown = hideApiKeys(text);
      assert.ok(!shown.includes('sk-test'), shown);
      assert.match(shown, /"apiKey"\s*:\s*"<redacted>"/);
      assert.ok(shown.includes('review-1') && shown.includes('127.0.0.1'), shown);
    }
  });
});
