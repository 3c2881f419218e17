#!/usr/bin/env node
// `npm run test:vscode`: runs the VS Code integration suite inside a real VS Code 1.100 (the server
// build from the npm package code-server, see ../shared/vscode-server-recipe.md) in headless
// Chromium, in three phases:
//   1. suite     the mocha suite (out/test/vscode/suite) against the extension from this checkout;
//   2. ui        playwright-core clicks through the workbench and saves screenshots;
//   3. packaged  `npm run package`, unpack the .vsix, and the mocha suite again against it.
// Each phase gets its own server, data dirs and copy of test/vscode/workspace. Every process
// started here is ended by pid; an overall timeout stops everything.
//
//   node scripts/vscode/run-server-tests.js [--no-build] [--only suite,ui,packaged] [--grep <re>]
'use strict';
/* global setTimeout, clearTimeout */
const fs = require('fs');
const path = require('path');
const util = require('util');
const lib = require('./lib');
const { install } = require('./install-server');
const { packageVsix, unpackVsix } = require('./package-vsix');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ONLY = new Set((option('--only') ?? 'suite,ui,packaged').split(','));
const OVERALL_TIMEOUT_MS = Number(process.env.AGR_VSCODE_TIMEOUT_MS ?? 20 * 60 * 1000);
const SUITE_TIMEOUT_MS = 8 * 60 * 1000;
const OUT_DIR = path.join(lib.RESULTS_DIR, 'vscode');
const WORKBENCH_NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|ChatSessionStore:|\[Service Worker\] registration)/;

function fail(message) {
  console.error(`[vscode] ${message}`);
  process.exitCode = 1;
}

/** Where VS Code keeps the logs of a run (server, extension host, our output channel). */
function keepLogs(dataDir, name) {
  const dest = path.join(OUT_DIR, 'logs', name);
  lib.rmQuiet(dest);
  for (const sub of ['server-data/data/logs', 'server-data/logs', 'user-data/logs']) {
    const src = path.join(dataDir, sub);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(dest, sub.replace(/\//g, '_')), { recursive: true });
  }
  return dest;
}

function findFiles(dir, base) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? findFiles(p, base) : e.name === base ? [p] : [];
  });
}

/** The end of our output channel's log: why the language server failed, if it did. */
function printExtensionLogTail(logsDir, name) {
  for (const file of findFiles(logsDir, 'AI Guardrails.log')) {
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    lib.log(`${name}: last lines of ${path.relative(lib.ROOT, file)}:`);
    for (const line of lines.slice(-15)) console.log(`    ${line}`);
  }
}

/**
 * Starts a server and a browser, opens a workspace copy with the extension loaded from
 * `extensionPath`, and hands the page to `body`. Always ends both processes and removes temp dirs.
 */
async function withWorkbench(name, { extensionPath, testsPath, grep }, body) {
  const dataDir = lib.mkTemp(`agr-vscode-${name}-`);
  const workspace = lib.copyWorkspace(lib.SUITE_WORKSPACE);
  let server;
  let browser;
  let ok = false;
  const serverLog = [];
  try {
    server = await lib.startServer({
      dataDir,
      env: grep ? { AGR_VSCODE_GREP: grep } : {},
      onOutput: (text) => serverLog.push(text),
    });
    lib.log(`${name}: VS Code server on http://127.0.0.1:${server.port} (pid ${server.child.pid}), workspace ${workspace}`);
    browser = await lib.launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const url = lib.testUrl(server.port, { folder: workspace, extensionDevelopmentPath: extensionPath, extensionTestsPath: testsPath });
    ok = await body(page, url, workspace);
    return ok;
  } finally {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.writeFileSync(path.join(OUT_DIR, `${name}-server.log`), serverLog.join(''));
    if (!ok) {
      const kept = keepLogs(dataDir, name);
      lib.log(`${name}: logs kept in ${path.relative(lib.ROOT, kept)}`);
      printExtensionLogTail(kept, name);
    }
    await lib.closeBrowser(browser);
    if (server) await lib.stopProcess(server.child);
    lib.rmQuiet(dataDir);
    lib.rmQuiet(workspace);
  }
}

/** Runs the mocha suite in the extension host; resolves to { ok, passed, failed }. */
async function runSuite(name, extensionPath) {
  const transcript = [];
  const counts = { passed: 0, failed: 0 };
  const ok = await withWorkbench(name, { extensionPath, testsPath: lib.SUITE_INDEX, grep: option('--grep') }, async (page, url) => {
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // args are console.log's arguments: mocha passes printf-style format strings.
      const text = Array.isArray(args) ? util.format(...args) : String(args);
      transcript.push(text);
      // The extension host forwards its console here (mocha's spec reporter among it), along
      // with the workbench's own chatter, which stays in the transcript file only.
      if (WORKBENCH_NOISE.test(text)) return;
      if (type === 'error') console.error(`  ${text}`);
      else console.log(`  ${text}`);
      const m = /vscode-suite: (\d+) passed, (\d+) failed/.exec(text);
      if (m) {
        counts.passed = Number(m[1]);
        counts.failed = Number(m[2]);
      }
    });
    page.on('pageerror', (err) => transcript.push(`pageerror: ${err.message}`));
    await page.goto(url);
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS)));
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (code === 'timeout') {
      await page.screenshot({ path: path.join(OUT_DIR, `${name}-timeout.png`) }).catch(() => undefined);
      fail(`${name}: the suite did not finish within ${SUITE_TIMEOUT_MS / 60000} min`);
      return false;
    }
    if (!transcript.some((l) => /vscode-suite: \d+ passed/.test(l))) {
      fail(`${name}: the extension host never ran the suite (exit ${code}); see ${path.relative(lib.ROOT, OUT_DIR)}/${name}.log`);
      return false;
    }
    return code === 0;
  }).finally(() => {
    fs.writeFileSync(path.join(OUT_DIR, `${name}.log`), transcript.join('\n') + '\n');
  });
  return { ok, ...counts };
}

async function runUi() {
  const { runUiScenario } = require(lib.UI_DRIVER);
  const shotsDir = OUT_DIR;
  let checks = [];
  const ok = await withWorkbench('ui', { extensionPath: lib.ROOT }, async (page, url) => {
    await page.goto(url);
    checks = await runUiScenario(page, { resultsDir: shotsDir, log: (line) => console.log(`  ${line}`) });
    return checks.length > 0 && checks.every((c) => c.ok);
  });
  fs.writeFileSync(path.join(OUT_DIR, 'ui-checks.json'), JSON.stringify(checks, null, 2));
  return {
    ok,
    passed: checks.filter((c) => c.ok).length,
    failed: checks.filter((c) => !c.ok).length,
    screenshots: checks.map((c) => c.screenshot).filter(Boolean),
  };
}

async function main() {
  // One run at a time per checkout: a second one waits (it would delete this one's results).
  await lib.acquireLock('run');
  const started = Date.now();
  const overall = setTimeout(() => {
    console.error(`[vscode] overall timeout (${OVERALL_TIMEOUT_MS / 60000} min): stopping everything`);
    process.exit(1); // lib's exit handler kills every process started here
  }, OVERALL_TIMEOUT_MS);
  overall.unref();

  // Chromium, ripgrep and the VS Code server: installed on first use, or a clear failure.
  await install();
  if (!lib.findChromium()) throw new Error('Chromium is missing (apt-get install -y chromium, or set CHROMIUM_PATH)');

  if (!flag('--no-build')) {
    lib.log('building (scripts/build.js) and compiling the suite (tsc -p .)…');
    await lib.run(process.execPath, [path.join(lib.ROOT, 'scripts', 'build.js')], { cwd: lib.ROOT });
    await lib.run(process.execPath, [path.join(lib.ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: lib.ROOT });
  }
  for (const f of [lib.SUITE_INDEX, lib.UI_DRIVER, path.join(lib.ROOT, 'dist', 'client.js')]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(lib.ROOT, f)} is missing: build and compile first (npm run build && npx tsc -p .)`);
  }
  lib.rmQuiet(OUT_DIR);
  fs.mkdirSync(OUT_DIR, { recursive: true });

  const phases = [];
  const timed = async (name, fn) => {
    const t = Date.now();
    lib.log(`── ${name} ──`);
    let result;
    try {
      result = await fn();
    } catch (err) {
      fail(`${name}: ${err.stack ?? err}`);
      result = { ok: false, passed: 0, failed: 1 };
    }
    phases.push({ name, ...result, seconds: Math.round((Date.now() - t) / 1000) });
  };

  if (ONLY.has('suite')) await timed('suite', () => runSuite('suite', lib.ROOT));
  if (ONLY.has('ui')) await timed('ui', runUi);
  if (ONLY.has('packaged')) {
    await timed('packaged', async () => {
      const vsix = await packageVsix({ out: path.join(OUT_DIR, 'ai-guardrails.vsix'), skipBuild: true });
      const unpacked = lib.mkTemp('agr-vsix-');
      try {
        const extensionPath = unpackVsix(vsix, unpacked);
        lib.log(`packaged: testing ${path.relative(lib.ROOT, vsix)} unpacked at ${extensionPath}`);
        return await runSuite('packaged', extensionPath);
      } finally {
        lib.rmQuiet(unpacked);
      }
    });
  }

  const passed = phases.reduce((n, p) => n + p.passed, 0);
  const failed = phases.reduce((n, p) => n + p.failed, 0);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log('');
  lib.log('summary');
  for (const p of phases) {
    console.log(`  ${p.ok ? 'ok  ' : 'FAIL'} ${p.name.padEnd(9)} ${p.passed} passed, ${p.failed} failed (${p.seconds} s)`);
  }
  const shots = phases.flatMap((p) => p.screenshots ?? []);
  if (shots.length) console.log(`  screenshots: ${shots.map((s) => path.relative(lib.ROOT, s)).join(', ')}`);
  console.log(`  total ${seconds} s; logs in ${path.relative(lib.ROOT, OUT_DIR)}/`);
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  clearTimeout(overall);
  if (phases.length === 0 || phases.some((p) => !p.ok)) process.exitCode = 1;
}

main()
  .catch((err) => fail(err.stack ?? String(err)))
  .finally(() => {
    // Give stdout a moment, then leave even if a stray handle lingers.
    setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
  });
