/**
 * Run as its own process by hostile.test.ts (a WebAssembly fault must not touch the test
 * process's module): reaches a real tree-sitter fault with the parser guards off and prints what
 * happened as JSON on stdout.
 *
 *   node out/test/helpers/faultProbe.js engine <files...>   analyze, fault, analyze again
 *   node out/test/helpers/faultProbe.js scan <files...>     scanFiles on this thread (workers: 0)
 */
import * as fs from 'fs';
import { GuardrailEngine, pathsFromRoot } from '../../server/src/engine/engine';
import { languageForPath } from '../../server/src/engine/languages';
import { scanFiles } from '../../server/src/engine/scanner';
import { REPO_ROOT } from './engine';
import { deepPythonDefs } from './hostile';

async function main(): Promise<void> {
  const [mode, ...files] = process.argv.slice(2);
  if (mode === 'engine') {
    const engine = await GuardrailEngine.create(pathsFromRoot(REPO_ROOT), undefined, { parserGuards: false });
    const analyzeAll = () =>
      files.map((f) => {
        const { millis: _millis, ...rest } = engine.analyze(fs.readFileSync(f, 'utf8'), languageForPath(f)!).analysis;
        return rest;
      });
    const before = analyzeAll();
    let error: { name: string; message: string } | undefined;
    try {
      engine.analyze(deepPythonDefs(600), 'python');
    } catch (err) {
      error = { name: (err as Error).name, message: (err as Error).message };
    }
    const after = analyzeAll();
    process.stdout.write(JSON.stringify({ error, faults: engine.faults, same: JSON.stringify(before) === JSON.stringify(after) }));
    return;
  }
  if (mode === 'scan') {
    const scanned = await scanFiles(files, {
      root: REPO_ROOT,
      maxBytes: 512 * 1024,
      categories: new Set(['crypto', 'jwt', 'auth', 'timing', 'sql']),
      workers: 0,
      parserGuards: false,
    });
    process.stdout.write(JSON.stringify(scanned.map((s) => ({ file: s.file, skipped: s.skipped, regions: s.regions.length, findings: s.findings.length }))));
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
