/**
 * `npm run secrets`: sends every shape of the secrets corpus (test/fixtures/secrets/) through the
 * AI second opinion's real path to an OpenAI-compatible server on 127.0.0.1 and prints
 *   secrets: N shapes, L leaked, P partly; look-alikes: K of M kept
 * then one line per shape that leaked, lost a look-alike, or is broken. `--verbose` also prints
 * what was sent for each of those. Exit code 1 when anything leaked.
 */
import * as path from 'path';
import { GuardrailEngine, pathsFromRoot } from '../server/src/engine/engine';
import { FakeOpenAi } from '../test/ai/fakeOpenAi';
import { details, loadShapes, runCorpus, summarize } from '../test/ai/secretsCorpus';

const ROOT = path.resolve(__dirname, '..', '..');

async function main(): Promise<number> {
  const verbose = process.argv.includes('--verbose');
  const shapes = loadShapes(path.join(ROOT, 'test', 'fixtures', 'secrets'));
  const engine = await GuardrailEngine.create(pathsFromRoot(ROOT));
  const server = await FakeOpenAi.start();
  try {
    const results = await runCorpus(engine, server, shapes);
    console.log(summarize(results));
    for (const line of details(results)) console.log(`  ${line}`);
    if (verbose) {
      for (const r of results) {
        if (r.leaked.length + r.partly.length + r.overRedacted.length === 0) continue;
        console.log(`\n--- ${r.shape.file}\n${r.sent.map((s) => s.slice(0, s.indexOf('\n{"model"'))).join('\n---\n')}`);
      }
    }
    return results.some((r) => r.leaked.length + r.partly.length > 0 || r.problems.length > 0) ? 1 : 0;
  } finally {
    await server.close();
    engine.dispose();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 2;
  },
);
