import * as path from 'path';
import { listSourceFiles } from '../server/src/engine/files';
import { scanFiles, scanProject } from '../server/src/engine/scanner';
import { defaultSettings, enabledCategories, walkFilters } from '../server/src/settings';
const ROOT = path.resolve(__dirname, '..', '..');
(async () => {
  const s = defaultSettings(); s.includeTests = true;
  const files: string[] = [];
  for (const d of process.argv.slice(2)) files.push(...listSourceFiles([d], { root: d, ...walkFilters(s) }));
  const opts = { root: ROOT, maxBytes: 512 * 1024, categories: enabledCategories(s), workers: 2 };
  let t = performance.now(); const one = await scanFiles(files, opts); const a = performance.now() - t;
  t = performance.now(); const two = await scanProject(files, opts); const b = performance.now() - t;
  const lines = one.reduce((n, x) => n + x.lines, 0);
  console.log(`files ${files.length} lines ${lines}: one pass ${(a/1000).toFixed(1)} s, two passes ${(b/1000).toFixed(1)} s; second pass re-analysed ${two.scanned.filter((x,i)=>x!==one[i]).length}`);
})();
