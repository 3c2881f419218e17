import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { AiError } from '../../common/src/ai';
import { REPO_ROOT } from '../helpers/engine';

const DIST = path.join(REPO_ROOT, 'dist');

function bundle(name: string): string {
  const file = path.join(DIST, name);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`node scripts/build.js\` (npm test builds first)`);
  return fs.readFileSync(file, 'utf8');
}

/**
 * Strings only the rarely used libraries hold (header names and class names survive --minify),
 * with the part (scripts/build.js PARTS) that must carry each instead of the start-up bundles.
 */
const LIBRARIES = [
  { library: 'the openai SDK', marker: 'X-Stainless-', part: 'aiClient.js' },
  { library: 'the MCP SDK', marker: 'notifications/roots/list_changed', part: 'mcpServer.js' },
  { library: 'the SARIF builder', marker: 'SarifBuilder', part: 'sarif.js' },
];

/** The parts a bundle loads lazily: `import("./name.js")` in its output. */
function partsLoadedBy(text: string): string[] {
  return [...new Set([...text.matchAll(/\bimport\("\.\/([A-Za-z]+\.js)"\)/g)].map((m) => m[1]!))].sort();
}

/**
 * `scan`, `check`, the hooks and the language server start by parsing their whole bundle: the
 * libraries only some commands need stay in parts of their own, loaded when used.
 */
describe('the start-up bundles leave rarely used libraries to parts', () => {
  for (const { library, marker, part } of LIBRARIES) {
    it(`dist/cli.js and dist/server.js hold no copy of ${library}; dist/${part} does`, () => {
      assert.ok(bundle(part).includes(marker), `dist/${part} holds ${library} (marker ${JSON.stringify(marker)})`);
      for (const name of ['cli.js', 'server.js']) assert.ok(!bundle(name).includes(marker), `dist/${name} holds ${library} again (found ${JSON.stringify(marker)}); load it with \`await import(...)\` of a part`);
    });
  }

  it('loads the parts it uses lazily, and the .vsix ships every part the server loads', () => {
    assert.deepStrictEqual(partsLoadedBy(bundle('cli.js')), ['aiClient.js', 'mcpServer.js', 'sarif.js']);
    const serverParts = partsLoadedBy(bundle('server.js'));
    assert.deepStrictEqual(serverParts, ['aiClient.js']);
    const allowed = fs.readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8').split('\n');
    for (const part of serverParts) assert.ok(allowed.includes(`!dist/${part}`), `.vscodeignore lets dist/${part} in`);
  });

  it("an AI client error from the part's own copy of AiError is still an AiError here", async () => {
    const { requestReview } = (await import(path.join(DIST, 'aiClient.js'))) as typeof import('../../server/src/ai/client');
    const body = { model: 'm', messages: [] } as unknown as Parameters<typeof requestReview>[1];
    const err: unknown = await requestReview({ baseUrl: 'https://ai.example.com/v1' }, body).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof Error && /no API key is set for https:\/\/ai\.example\.com/.test(err.message), String(err));
    assert.ok(err instanceof AiError, 'the CLI and the server tell AI errors (exit 3, error outcome) from crashes by instanceof');
    assert.strictEqual(err.kind, 'config');
  });
});
