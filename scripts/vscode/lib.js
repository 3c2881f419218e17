// Shared pieces of the VS Code runners: paths, the VS Code server from the npm `code-server`
// package, headless Chromium, and process bookkeeping so every process we start is ended.
'use strict';
/* global setTimeout, clearTimeout */
const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
/** code-server 4.100.3 ships VS Code 1.100.3 and runs on Node 20 (4.103+ need Node 22). */
const CODE_SERVER_VERSION = '4.100.3';
const CACHE_DIR = path.join(ROOT, '.vscode-test');
const SERVER_DIR = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
const VSCODE_DIR = path.join(SERVER_DIR, 'node_modules', 'code-server', 'lib', 'vscode');
const SERVER_MAIN = path.join(VSCODE_DIR, 'out', 'server-main.js');
const INSTALLED_MARKER = path.join(SERVER_DIR, '.installed');
const RESULTS_DIR = path.join(ROOT, 'test-results');
const SUITE_WORKSPACE = path.join(ROOT, 'test', 'vscode', 'workspace');
const SUITE_INDEX = path.join(ROOT, 'out', 'test', 'vscode', 'suite', 'index.js');
const UI_DRIVER = path.join(ROOT, 'out', 'test', 'vscode', 'ui', 'driver.js');

const CHROMIUM_CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter(Boolean);

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function log(...args) {
  console.log('[vscode]', ...args);
}

function findChromium() {
  return CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
}

function isInstalled() {
  try {
    return fs.readFileSync(INSTALLED_MARKER, 'utf8').trim() === CODE_SERVER_VERSION && fs.existsSync(SERVER_MAIN);
  } catch {
    return false;
  }
}

/** Processes started by this runner, ended by pid (their whole process group) on exit. */
const started = new Set();

function track(child) {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

function killTree(child, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Spawned with detached: true, so the child leads its own process group.
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Ends a process and its group; SIGKILL if it has not left after `graceMs`. */
async function stopProcess(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killTree(child, 'SIGTERM');
  const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), graceMs));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    killTree(child, 'SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
  }
}

function killAllStartedSync() {
  for (const child of started) killTree(child, 'SIGKILL');
}
process.once('exit', killAllStartedSync);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAllStartedSync();
    process.exit(130);
  });
}

/** Runs a command to completion, streaming its output; rejects on a non-zero exit. */
function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = track(
      childProcess.spawn(cmd, args, { stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', detached: true, ...options }),
    );
    let output = '';
    if (options.quiet) {
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
    }
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}${output ? `\n${output.slice(-4000)}` : ''}`));
    });
  });
}

/**
 * Starts `server-main.js` on 127.0.0.1 with a port the OS picks (port 0) and resolves once it
 * prints the URL. Data and user dirs live in a fresh temp dir so runs never share state.
 */
async function startServer({ dataDir, port = 0, extraArgs = [], env = {}, onOutput } = {}) {
  if (!isInstalled()) throw new Error(`VS Code server missing: run \`node scripts/vscode/install-server.js\` (expected ${SERVER_MAIN})`);
  const args = [
    SERVER_MAIN,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--telemetry-level', 'off',
    '--disable-workspace-trust',
    '--server-data-dir', path.join(dataDir, 'server-data'),
    '--user-data-dir', path.join(dataDir, 'user-data'),
    '--extensions-dir', path.join(dataDir, 'extensions'),
    ...extraArgs,
  ];
  const child = track(
    childProcess.spawn(process.execPath, args, {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // EXTENSIONS_GALLERY={}: no marketplace (code-server would ask open-vsx.org, unreachable here).
      env: { ...process.env, VSCODE_CLI: undefined, ELECTRON_RUN_AS_NODE: undefined, EXTENSIONS_GALLERY: '{}', ...env },
    }),
  );
  let buffered = '';
  const boundPort = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`VS Code server did not report its URL within 60 s:\n${buffered.slice(-3000)}`)), 60000);
    const onData = (chunk) => {
      const text = chunk.toString();
      buffered += text;
      onOutput?.(text);
      const m = /Web UI available at https?:\/\/[^:\s]+:(\d+)/.exec(buffered);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`VS Code server exited early (${code ?? signal}):\n${buffered.slice(-3000)}`));
    });
  });
  return { child, port: boundPort, output: () => buffered };
}

async function launchChromium() {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      'Chromium is missing: install Debian\'s `chromium` (apt-get install -y chromium) or set CHROMIUM_PATH. ' +
        'Set SKIP_VSCODE_TESTS=1 to leave the VS Code suite out.',
    );
  }
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60000 });
}

/** Runs Playwright's browser process cleanup; chromium.launch() children are tracked by Playwright itself. */
async function closeBrowser(browser) {
  if (!browser) return;
  const proc = typeof browser.process === 'function' ? browser.process() : undefined;
  await Promise.race([browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, 10000))]);
  if (proc && proc.exitCode === null && proc.signalCode === null) {
    try {
      process.kill(proc.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/**
 * An exclusive lock file in .vscode-test/ (`name`.lock holding our pid), so two runs in one
 * checkout (two terminals, or `npm test` twice) take turns instead of deleting each other's
 * results or installing into the same folder. A lock whose process is gone is taken over.
 * Resolves to a release function.
 */
async function acquireLock(name, { maxWaitMs = 20 * 60 * 1000 } = {}) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const file = path.join(CACHE_DIR, `${name}.lock`);
  const deadline = Date.now() + maxWaitMs;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const holder = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    if (!Number.isFinite(holder) || !isAlive(holder)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another VS Code run (pid ${holder}) still holds ${file}`);
    if (!announced) {
      log(`waiting for another run (pid ${holder}) to finish (${path.relative(ROOT, file)})…`);
      announced = true;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** A fresh copy of a workspace folder in a temp dir (tests write .guardrails/reviews.json). */
function copyWorkspace(src, prefix = 'agr-vscode-ws-') {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(src, dest, { recursive: true });
  return dest;
}

/** Payload that makes the workbench load an extension for development and run its tests. */
function testUrl(port, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
    ...(extensionTestsPath ? [['extensionTestsPath', remote(extensionTestsPath)]] : []),
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function mkTemp(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function rmQuiet(p) {
  try {
    fs.rmSync(p, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    /* best effort */
  }
}

module.exports = {
  ROOT,
  CODE_SERVER_VERSION,
  CACHE_DIR,
  SERVER_DIR,
  VSCODE_DIR,
  SERVER_MAIN,
  INSTALLED_MARKER,
  RESULTS_DIR,
  SUITE_WORKSPACE,
  SUITE_INDEX,
  UI_DRIVER,
  CHROMIUM_ARGS,
  log,
  findChromium,
  isInstalled,
  track,
  stopProcess,
  run,
  startServer,
  launchChromium,
  closeBrowser,
  acquireLock,
  copyWorkspace,
  testUrl,
  mkTemp,
  rmQuiet,
};
