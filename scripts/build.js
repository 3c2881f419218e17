#!/usr/bin/env node
// Copies the pinned tree-sitter grammars into grammars/ and bundles client, server, CLI and
// scan worker with esbuild. `--watch` rebuilds on change.
'use strict';
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const grammars = [
  ['web-tree-sitter', 'tree-sitter.wasm'],
  ['tree-sitter-go', 'tree-sitter-go.wasm'],
  ['tree-sitter-python', 'tree-sitter-python.wasm'],
  ['tree-sitter-typescript', 'tree-sitter-typescript.wasm'],
  ['tree-sitter-typescript', 'tree-sitter-tsx.wasm'],
  ['tree-sitter-javascript', 'tree-sitter-javascript.wasm'],
];

function copyGrammars() {
  const out = path.join(root, 'grammars');
  fs.mkdirSync(out, { recursive: true });
  for (const [pkg, file] of grammars) {
    const src = path.join(root, 'node_modules', pkg, file);
    fs.copyFileSync(src, path.join(out, file));
  }
}

const entryPoints = {
  client: 'client/src/extension.ts',
  server: 'server/src/server.ts',
  cli: 'server/src/cli.ts',
  scanWorker: 'server/src/engine/scanWorker.ts',
  analysisWorker: 'server/src/engine/analysisWorker.ts',
  listWorker: 'server/src/engine/listWorker.ts',
  hookClient: 'server/src/agents/hookClient.ts',
};

/**
 * Parts that only some commands use (the MCP server with its SDK and zod, the SARIF writer with its
 * builder library, the AI client with the `openai` SDK) are bundles of their own beside
 * dist/cli.js and dist/server.js, loaded by the code that needs them (`await import(...)` in the
 * source), so `scan`, `check`, the hooks and the language server start without parsing or
 * evaluating them. In the tsc output (tests) they are ordinary modules. The packages ship them:
 * .npmignore takes all of dist/; .vscodeignore lists the ones the server loads (aiClient).
 */
const PARTS = {
  mcpServer: 'server/src/agents/mcpServer.ts',
  sarif: 'server/src/cli/sarif.ts',
  aiClient: 'server/src/ai/client.ts',
};

/** In a bundle, a dynamic import of a part becomes a require of the part's own file. */
const partsPlugin = {
  name: 'parts',
  setup(build) {
    const byFile = new Map(Object.entries(PARTS).map(([name, file]) => [path.join(root, file), name]));
    build.onResolve({ filter: /^\./ }, (args) => {
      if (!args.importer || args.kind !== 'dynamic-import') return undefined;
      const resolved = path.resolve(path.dirname(args.importer), args.path);
      const name = byFile.get(`${resolved}.ts`) ?? byFile.get(resolved);
      return name ? { path: `./${name}.js`, external: true } : undefined;
    });
  },
};

/**
 * web-tree-sitter's Emscripten start-up gets `createRequire` through `await import("module")`; in
 * a CommonJS bundle that dynamic import starts Node's ES module loader for one built-in (~8 ms of
 * a short CLI run). The bundles' banner requires it instead (`__agrModule`).
 */
const treeSitterPlugin = {
  name: 'tree-sitter-require',
  setup(build) {
    build.onLoad({ filter: /web-tree-sitter[\\/]tree-sitter\.c?js$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      const needle = 'await import("module")';
      if (!text.includes(needle)) throw new Error(`${args.path}: no ${needle} to replace (web-tree-sitter changed: update scripts/build.js)`);
      return { contents: text.replace(needle, '__agrModule'), loader: 'js' };
    });
  },
};

async function main() {
  copyGrammars();
  const existing = Object.fromEntries(
    Object.entries({ ...entryPoints, ...PARTS }).filter(([name, file]) => name !== 'cli' && fs.existsSync(path.join(root, file))),
  );
  const options = {
    absWorkingDir: root,
    entryPoints: existing,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir: 'dist',
    external: ['vscode'],
    plugins: [partsPlugin, treeSitterPlugin],
    sourcemap: true,
    minify: process.argv.includes('--minify'),
    logLevel: 'warning',
    legalComments: 'none',
    // web-tree-sitter reads import.meta.url to find its files; give CJS bundles a real one.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;\nconst __agrModule = require('module');" },
  };
  const cli = { ...options, entryPoints: { cli: entryPoints.cli } };
  const ruleCache = path.join(root, 'dist', 'rule-cache.json');
  if (process.argv.includes('--watch')) {
    // Rules and engine change under watch: no recorded analysis that could be stale.
    fs.rmSync(ruleCache, { force: true });
    for (const o of [options, cli]) await (await esbuild.context(o)).watch();
    console.log('watching for changes…');
  } else {
    await Promise.all([esbuild.build(options), esbuild.build(cli)]);
    // The rule files' analysis, recorded by the engine just bundled (server/src/engine/ruleCache.ts).
    require(path.join(root, 'dist', 'cli.js')).writeRuleCache(path.join(root, 'server', 'queries'), ruleCache);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
