#!/usr/bin/env node
// `npm start`: builds the extension, starts the VS Code 1.100 server (npm code-server package,
// installed on first use into .vscode-test/) on 127.0.0.1 with the extension loaded from this
// checkout and examples/demo-service open, and prints the URL to open in a browser. Ctrl+C stops it.
//
//   node scripts/vscode/start-demo.js [--port N] [--folder <dir>] [--no-build] [--smoke]
// --smoke: instead of waiting, open the page in headless Chromium, check that squiggles appear in
// a demo file, save test-results/demo.png and stop (a quick check that `npm start` works).
'use strict';
/* global setTimeout */
require('../ensure-deps').ensureDeps();
const fs = require('fs');
const path = require('path');
const lib = require('./lib');
const { ensureSystemPackages, installServer } = require('./install-server');

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const smoke = argv.includes('--smoke');
// The example is served from a temporary copy (auto-save is on in the served VS Code: typing in
// the demo must not edit the checkout); --folder serves a folder of yours in place.
const source = path.resolve(option('--folder') ?? path.join(lib.ROOT, 'examples', 'demo-service'));
const inPlace = option('--folder') !== undefined;
let folder = source;
const port = Number(option('--port') ?? process.env.PORT ?? 0);

function demoUrl(actualPort) {
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${actualPort}${lib.ROOT}`],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  return `http://127.0.0.1:${actualPort}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function smokeCheck(url) {
  const browser = await lib.launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 90000 });
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('web/src/webhooks.ts');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'webhooks.ts' }).first().waitFor({ timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.locator('.part.editor .squiggly-warning').first().waitFor({ state: 'attached', timeout: 90000 });
    await page.waitForTimeout(500);
    fs.mkdirSync(lib.RESULTS_DIR, { recursive: true });
    const shot = path.join(lib.RESULTS_DIR, 'demo.png');
    await page.screenshot({ path: shot });
    lib.log(`smoke check passed: squiggles in web/src/webhooks.ts; screenshot ${path.relative(lib.ROOT, shot)}`);
  } finally {
    await lib.closeBrowser(browser);
  }
}

async function main() {
  if (!fs.existsSync(source)) throw new Error(`no such folder: ${source}`);
  if (!inPlace) folder = lib.copyWorkspace(source, 'agr-demo-service-');
  if (smoke) await ensureSystemPackages();
  await installServer();
  if (!argv.includes('--no-build')) {
    lib.log('building the extension…');
    await lib.run(process.execPath, [path.join(lib.ROOT, 'scripts', 'build.js')], { cwd: lib.ROOT });
  }
  // Persistent state for the demo (window layout, extension storage) unless smoke-testing.
  const dataDir = smoke ? lib.mkTemp('agr-demo-') : path.join(lib.CACHE_DIR, 'demo');
  fs.mkdirSync(dataDir, { recursive: true });
  const server = await lib.startServer({ dataDir, port });
  const url = demoUrl(server.port);
  if (smoke) {
    try {
      await smokeCheck(url);
    } finally {
      await lib.stopProcess(server.child);
      lib.rmQuiet(dataDir);
      if (!inPlace) lib.rmQuiet(folder);
    }
    return;
  }
  console.log('');
  console.log(`  AI Guardrails demo: VS Code with the extension and ${inPlace ? folder : `a copy of examples/demo-service (${folder})`}`);
  console.log('');
  console.log(`  ${url}`);
  console.log('');
  console.log('  Open that URL in a browser on this machine (the extension host is addressed as 127.0.0.1:' + server.port + ').');
  console.log('  Try web/src/webhooks.ts or go/internal/auth/tokens.go: hover a squiggle, press Ctrl+. on it,');
  console.log('  and open the AI Guardrails view in the activity bar. Ctrl+C stops the server.');
  console.log('');
  await new Promise((resolve) => server.child.once('exit', resolve));
  lib.log('the VS Code server stopped');
}

main().catch((err) => {
  console.error(`[vscode] ${err.message ?? err}`);
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100).unref();
});
