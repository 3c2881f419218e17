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
  hookClient: 'server/src/agents/hookClient.ts',
};

async function main() {
  copyGrammars();
  const existing = Object.fromEntries(
    Object.entries(entryPoints).filter(([, file]) => fs.existsSync(path.join(root, file))),
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
    sourcemap: true,
    minify: process.argv.includes('--minify'),
    logLevel: 'warning',
    legalComments: 'none',
    // web-tree-sitter reads import.meta.url to find its files; give CJS bundles a real one.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  };
  if (process.argv.includes('--watch')) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
    console.log('watching for changes…');
  } else {
    await esbuild.build(options);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
