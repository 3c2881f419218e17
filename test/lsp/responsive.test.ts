/**
 * The language server answers while it analyses: analysis runs in its worker thread
 * (engine/analysisWorker.ts), so a hover waits for no analysis, however slow the file.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { REPO_ROOT } from '../helpers/engine';
import { SLOW_CASES } from '../helpers/hostile';
import { TestLspClient } from '../helpers/lspClient';

interface HoverResult {
  contents: { value: string };
}

describe('language server answers while it analyses', function () {
  this.timeout(120000);
  let client: TestLspClient;
  let dir: string;
  const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).toString();

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-lsp-responsive-'));
    client = await TestLspClient.start(dir);
  });
  after(async () => {
    await client.stop();
  });

  it('answers a hover on one file while crafted files opened before it are still being analysed', async () => {
    const go = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'rules', 'go', 'jwt.go'), 'utf8');
    client.open(uriOf('jwt.go'), 'go', go);
    const diags = await client.diagnosticsFor(uriOf('jwt.go'), 1, 30000);
    const target = diags.find((d) => d.code === 'jwt');
    assert.ok(target, 'the Go file has a JWT region');
    // Each crafted file keeps the analysis busy for a fraction of a second; together, seconds.
    const slow = SLOW_CASES.filter((c) => c.file.endsWith('.js'));
    slow.forEach((c, i) => client.open(uriOf(`${i}-${c.file}`), 'javascript', c.text()));
    const last = uriOf(`${slow.length - 1}-${slow[slow.length - 1]!.file}`);
    // The first one's diagnostics: the server is now busy with the others.
    await client.diagnosticsFor(uriOf(`0-${slow[0]!.file}`), 1, 60000);
    const order: string[] = [];
    const lastAnalysed = client.diagnosticsFor(last, 1, 60000).then(() => order.push('crafted files analysed'));
    const hover = client.request<HoverResult | null>('textDocument/hover', { textDocument: { uri: uriOf('jwt.go') }, position: target.range.start }).then((h) => {
      order.push('hover answered');
      return h;
    });
    const answer = await hover;
    assert.match(answer?.contents.value ?? '', /JWT/);
    await lastAnalysed;
    assert.deepStrictEqual(order, ['hover answered', 'crafted files analysed']);
  });
});
