import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Requests, type WorkspaceResults } from '../../common/src/protocol';
import { REPO_ROOT } from '../helpers/engine';
import { TestLspClient } from '../helpers/lspClient';

/**
 * The sidebar's empty state comes from workspaceResults: until the first scan has ended the
 * server must say "scanning", never "no files" (filesTotal 0 while not scanning).
 */
describe('workspace results while the first scan runs', function () {
  this.timeout(60000);

  it('never reports a finished scan of zero files for a workspace that has files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-scanstate-'));
    const source = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'go', 'auth.go'), 'utf8');
    for (let i = 0; i < 80; i++) fs.writeFileSync(path.join(dir, `auth${i}.go`), source.replace(/Service/g, `Service${i}`));
    const client = await TestLspClient.start(dir);
    try {
      const seen: WorkspaceResults[] = [];
      // Bounded poll: until the scan has ended, or 30 s.
      for (const deadline = Date.now() + 30000; Date.now() < deadline; ) {
        const r = await client.request<WorkspaceResults>(Requests.workspaceResults, null);
        seen.push(r);
        if (!r.scanning && r.filesTotal > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const last = seen[seen.length - 1]!;
      assert.strictEqual(last.scanning, false, 'the scan ended within the polls');
      assert.strictEqual(last.filesTotal, 80);
      assert.strictEqual(last.filesScanned, 80);
      const wrong = seen.filter((r) => !r.scanning && r.filesTotal === 0);
      assert.deepStrictEqual(wrong, [], 'a "no files" state was reported while the scan had not finished');
      assert.ok(seen[0]!.scanning, 'the first answer already says scanning');
      assert.ok(seen.every((r) => r.filesScanned <= Math.max(r.filesTotal, 80)));
    } finally {
      await client.stop();
    }
  });
});
