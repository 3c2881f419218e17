/** The workspace scan's listing in a worker thread (engine/listFolder.ts) equals listing on this thread. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listSourceFiles } from '../../server/src/engine/files';
import { listFolder } from '../../server/src/engine/listFolder';
import { applySettings, defaultSettings, walkFilters } from '../../server/src/settings';

describe('listing a workspace folder in a worker thread', () => {
  it('returns the files and warnings listing on this thread does: .gitignore, excludes, files.exclude, test code, links out', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-list-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-list-out-'));
    const write = (rel: string, text = 'package x\n') => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    for (const rel of ['src/auth.go', 'src/gen/out.go', 'app/views.py', 'app/tests/test_views.py', 'web/a.ts', 'build/x.js', 'vendor2/y.go', 'README.md']) write(rel);
    write('.gitignore', 'build/\n');
    fs.writeFileSync(path.join(outside, 'secret.go'), 'package y\n');
    fs.symlinkSync(path.join(outside, 'secret.go'), path.join(dir, 'src', 'linked.go'));
    const problems: string[] = [];
    const settings = applySettings(defaultSettings(), { exclude: ['src/gen/**'] }, problems);
    assert.deepStrictEqual(problems, []);
    const extraGlobs = ['vendor2', 'vendor2/**'];
    const warnings: string[] = [];
    const here = listSourceFiles([dir], { root: dir, ...walkFilters(settings, extraGlobs), warn: (m) => warnings.push(m) });
    const listed = await listFolder({ folder: dir, settings, extraGlobs });
    assert.deepStrictEqual(listed, { files: here, warnings });
    assert.deepStrictEqual(here.map((f) => path.relative(dir, f)).sort(), ['app/views.py', 'src/auth.go', 'web/a.ts']);
    assert.strictEqual(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /linked\.go/);
  });

  it('rejects, saying why, when the listing worker cannot run', async () => {
    await assert.rejects(listFolder({ folder: '/x', settings: defaultSettings(), extraGlobs: [] }, path.join(os.tmpdir(), 'agr-no-such-list-worker.js')), /Cannot find module/);
  });
});
