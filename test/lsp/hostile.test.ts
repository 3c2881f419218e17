import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Requests } from '../../common/src/protocol';
import { REPO_ROOT } from '../helpers/engine';
import { diagnosticSummary } from '../helpers/fuzz';
import { deepPythonDefs } from '../helpers/hostile';
import { TestLspClient } from '../helpers/lspClient';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'rules');
const fixture = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8').replace(/\r\n/g, '\n');

const summary = diagnosticSummary;

describe('language server under hostile input', function () {
  this.timeout(60000);
  let client: TestLspClient;
  let dir: string;
  const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).toString();

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-lsp-hostile-'));
    // On disk, so the workspace scan meets it first (it used to break Python for the session).
    fs.writeFileSync(path.join(dir, 'deep.py'), deepPythonDefs(600));
    fs.writeFileSync(path.join(dir, 'crypto.py'), fixture('python/crypto.py'));
    client = await TestLspClient.start(dir);
    await client.request(Requests.rescan, {});
  });
  after(async () => {
    await client.stop();
  });

  it('says on the file why it was not analysed, and Python files opened later still get diagnostics', async () => {
    client.open(uriOf('deep.py'), 'python', deepPythonDefs(600));
    const deep = await client.diagnosticsFor(uriOf('deep.py'), 1);
    assert.deepStrictEqual(summary(deep), ['0:0-0:0 skipped-budget AI Guardrails did not analyse this file (budget): indentation nested 600 levels deep; the Python parser takes at most 300']);
    assert.strictEqual(deep[0]?.severity, 3, 'information');
    client.open(uriOf('crypto.py'), 'python', fixture('python/crypto.py'));
    const diags = await client.diagnosticsFor(uriOf('crypto.py'), 1);
    assert.ok(diags.some((d) => d.code === 'crypto'), JSON.stringify(summary(diags)));
    // Edits that do not shorten an over-budget file are not analysed again; the reason stays.
    client.change(uriOf('deep.py'), 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# more\n' }]);
    client.open(uriOf('probe.py'), 'python', 'import hashlib\nhashlib.md5(b"")\n');
    await client.diagnosticsFor(uriOf('probe.py'), 1);
    assert.deepStrictEqual(summary(await client.diagnosticsFor(uriOf('deep.py'))), summary(deep));
  });

  it('reads CR-only line endings as line breaks, like the editor (Python had no regions, JavaScript 14 of 20)', async () => {
    for (const [rel, languageId] of [['python/crypto.py', 'python'], ['ecma/crypto.js', 'javascript']] as const) {
      const lf = fixture(rel);
      const name = path.basename(rel);
      client.open(uriOf(`lf-${name}`), languageId, lf);
      client.open(uriOf(`cr-${name}`), languageId, lf.replace(/\n/g, '\r'));
      const expected = await client.diagnosticsFor(uriOf(`lf-${name}`), 1);
      assert.ok(expected.length >= 5, `${rel}: ${expected.length} diagnostics`);
      assert.deepStrictEqual(summary(await client.diagnosticsFor(uriOf(`cr-${name}`), 1)), summary(expected), rel);
    }
  });
});
