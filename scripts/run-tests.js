#!/usr/bin/env node
// `npm test`: build, type-check, lint, the mocha suites, then the suite inside a real
// VS Code (unless SKIP_VSCODE_TESTS=1), then one closing line with every count:
// "tests: N passed, N failed".
'use strict';
const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const suites = ['unit', 'lsp', 'cli', 'review', 'workspace', 'ai'].map((s) => `out/test/${s}/**/*.test.js`);

function run(command, args, parse) {
  return new Promise((resolve) => {
    const child = childProcess.spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      tail = (tail + d.toString()).slice(-20000);
    });
    child.on('error', (err) => resolve({ passed: 0, failed: 1, error: err.message }));
    child.on('exit', (code) => resolve({ ...parse(tail), code }));
  });
}

function step(label, command, args) {
  console.log(`\n> ${label}`);
  const r = childProcess.spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${label} failed (exit ${r.status ?? r.signal})`);
    console.log('tests: 0 passed, 1 failed');
    process.exit(1);
  }
}

async function main() {
  require('./ensure-deps').ensureDeps();
  // Explicit steps rather than an npm `pretest` hook, so `node scripts/run-tests.js` and
  // `npm test --ignore-scripts` run the same steps.
  const bin = (name, ...parts) => path.join(root, 'node_modules', ...parts, name);
  step('build (esbuild bundles + grammars)', process.execPath, [path.join(root, 'scripts', 'build.js')]);
  step('type-check and compile tests (tsc)', process.execPath, [bin('tsc', 'typescript', 'bin')]);
  step('lint (eslint)', process.execPath, [bin('eslint.js', 'eslint', 'bin'), '.']);
  let passed = 0;
  let failed = 0;
  const summary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'agr-tests-')), 'mocha.json');
  const mocha = await run(
    process.execPath,
    [path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--reporter', path.join(root, 'scripts', 'summary-reporter.js'), '--reporter-option', `summary=${summary}`, ...suites],
    () => (fs.existsSync(summary) ? JSON.parse(fs.readFileSync(summary, 'utf8')) : { passed: 0, failed: 1 }),
  );
  passed += mocha.passed;
  failed += mocha.failed + (mocha.code !== 0 && mocha.failed === 0 ? 1 : 0);
  console.log(`mocha: ${mocha.passed} passed, ${mocha.failed} failed`);
  if (process.env.SKIP_VSCODE_TESTS === '1') {
    console.log('[vscode] SKIP_VSCODE_TESTS=1: the VS Code integration suite was not run');
  } else {
    const vscode = await run(process.execPath, [path.join(root, 'scripts', 'vscode', 'run-server-tests.js'), '--no-build'], (text) => {
      const m = /^vscode: (\d+) passed, (\d+) failed/m.exec(text);
      return m ? { passed: Number(m[1]), failed: Number(m[2]) } : { passed: 0, failed: 1 };
    });
    passed += vscode.passed;
    failed += vscode.failed + (vscode.code !== 0 && vscode.failed === 0 ? 1 : 0);
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
