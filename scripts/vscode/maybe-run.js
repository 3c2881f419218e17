#!/usr/bin/env node
// The last step of `npm test`: the VS Code integration suite (scripts/vscode/run-server-tests.js,
// without rebuilding: scripts/run-tests.js built and compiled already), unless SKIP_VSCODE_TESTS=1.
// Anything missing (Chromium, the VS Code server) fails the run with a message; it never passes
// without having run.
'use strict';
const childProcess = require('child_process');
const path = require('path');

if (process.env.SKIP_VSCODE_TESTS === '1') {
  console.log('[vscode] SKIP_VSCODE_TESTS=1: the VS Code integration suite was not run');
  process.exit(0);
}
const result = childProcess.spawnSync(process.execPath, [path.join(__dirname, 'run-server-tests.js'), '--no-build', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
if (result.error) {
  console.error(`[vscode] could not start the VS Code runner: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
