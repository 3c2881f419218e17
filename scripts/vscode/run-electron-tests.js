#!/usr/bin/env node
// `npm run test:vscode:electron`: the same mocha suite (out/test/vscode/suite) the classic way,
// with @vscode/test-electron's runTests: it downloads a VS Code desktop build into .vscode-test/
// and launches it with --extensionDevelopmentPath/--extensionTestsPath. For machines that can
// reach VS Code's download servers (a laptop, hosted CI); where they cannot, use
// `npm run test:vscode` (VS Code server + headless Chromium, scripts/vscode/run-server-tests.js).
// On Linux without a display, run it under Xvfb: `xvfb-run -a npm run test:vscode:electron`.
//
//   node scripts/vscode/run-electron-tests.js [--no-build] [--skip-package]
// Env: VSCODE_TEST_VERSION (default 1.100.3, the version the server runner uses).
'use strict';
/* global setTimeout, clearTimeout */
const fs = require('fs');
const path = require('path');
const lib = require('./lib');
const { packageVsix, unpackVsix } = require('./package-vsix');

const argv = process.argv.slice(2);
const VERSION = process.env.VSCODE_TEST_VERSION || '1.100.3';
const OVERALL_TIMEOUT_MS = Number(process.env.AGR_VSCODE_TIMEOUT_MS ?? 20 * 60 * 1000);

async function runOnce(name, extensionDevelopmentPath) {
  const { runTests } = require('@vscode/test-electron');
  const workspace = lib.copyWorkspace(lib.SUITE_WORKSPACE);
  const userData = lib.mkTemp(`agr-electron-${name}-`);
  try {
    lib.log(`${name}: VS Code ${VERSION} (desktop) with ${extensionDevelopmentPath}`);
    const code = await runTests({
      version: VERSION,
      extensionDevelopmentPath,
      extensionTestsPath: lib.SUITE_INDEX,
      launchArgs: [
        workspace,
        '--disable-extensions', // other installed extensions; built-ins (Go, Python, TS grammars) stay
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        '--user-data-dir',
        userData,
      ],
    });
    return code === 0;
  } catch (err) {
    // runTests rejects on a non-zero exit and on a failed download.
    console.error(`[vscode] ${name}: ${err.message ?? err}`);
    if (/download|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|getaddrinfo|fetch/i.test(String(err.message ?? err))) {
      console.error('[vscode] could not download VS Code here; `npm run test:vscode` runs the same suite in the VS Code server build instead.');
    }
    return false;
  } finally {
    lib.rmQuiet(workspace);
    lib.rmQuiet(userData);
  }
}

async function main() {
  const overall = setTimeout(() => {
    console.error(`[vscode] overall timeout (${OVERALL_TIMEOUT_MS / 60000} min)`);
    process.exit(1);
  }, OVERALL_TIMEOUT_MS);
  overall.unref();
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    lib.log('warning: no DISPLAY; the desktop build needs one (xvfb-run -a npm run test:vscode:electron)');
  }
  if (!argv.includes('--no-build')) {
    await lib.run(process.execPath, [path.join(lib.ROOT, 'scripts', 'build.js')], { cwd: lib.ROOT });
    await lib.run(process.execPath, [path.join(lib.ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: lib.ROOT });
  }
  if (!fs.existsSync(lib.SUITE_INDEX)) throw new Error(`${lib.SUITE_INDEX} is missing: run npx tsc -p . first`);
  const results = [['source', await runOnce('source', lib.ROOT)]];
  if (!argv.includes('--skip-package')) {
    const outDir = path.join(lib.RESULTS_DIR, 'vscode-electron');
    fs.mkdirSync(outDir, { recursive: true });
    const vsix = await packageVsix({ out: path.join(outDir, 'ai-guardrails.vsix'), skipBuild: true });
    const unpacked = lib.mkTemp('agr-vsix-');
    try {
      results.push(['packaged', await runOnce('packaged', unpackVsix(vsix, unpacked))]);
    } finally {
      lib.rmQuiet(unpacked);
    }
  }
  clearTimeout(overall);
  for (const [name, ok] of results) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}`);
  if (results.some(([, ok]) => !ok)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`[vscode] ${err.stack ?? err}`);
  process.exitCode = 1;
});
