import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { REPO_ROOT } from '../helpers/engine';
import { TestLspClient } from '../helpers/lspClient';

/**
 * The first file a user opens after the window appeared should find its language's rules
 * compiled: the server compiles the rules of the languages the workspace scan lists, the most
 * frequent first, while no file is open.
 */
describe('rules compiled before the first file is opened', function () {
  this.timeout(60000);

  const logged = (client: TestLspClient) =>
    client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);

  it('compiles the workspace languages in idle turns, the most frequent first, and none it does not list', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-warm-'));
    const fixture = (rel: string) => fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', rel), 'utf8');
    for (let i = 0; i < 3; i++) fs.writeFileSync(path.join(dir, `tokens${i}.py`), fixture('py/tokens.py'));
    fs.writeFileSync(path.join(dir, 'auth.go'), fixture('go/auth.go'));
    const client = await TestLspClient.start(dir);
    try {
      const compiled = () => logged(client).filter((m) => /rules compiled in idle turns/.test(m));
      await client.waitFor(() => compiled().length >= 2, 'python and go rules compiled while no file is open', 45000);
      const [first, second] = compiled();
      assert.match(first!, /^python rules compiled in idle turns: \d+ queries/);
      assert.match(second!, /^go rules compiled in idle turns: \d+ queries/);
      assert.ok(!logged(client).some((m) => /^(typescript|javascript|tsx) rules compiled/.test(m)), 'no TypeScript or JavaScript file, no compiling of their rules');
      // The open file is analysed with the compiled rules: same diagnostics as always.
      const uri = pathToFileURL(path.join(dir, 'auth.go')).toString();
      client.open(uri, 'go', fixture('go/auth.go'));
      const diagnostics = await client.diagnosticsFor(uri);
      assert.ok(diagnostics.some((d) => d.code === 'jwt'), `a jwt region in auth.go: ${JSON.stringify(diagnostics.map((d) => d.code))}`);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
