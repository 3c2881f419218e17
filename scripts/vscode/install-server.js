#!/usr/bin/env node
// Installs the VS Code 1.100 server build (from the npm package code-server@4.100.3) into the
// gitignored .vscode-test/ cache, following ../shared/vscode-server-recipe.md. Idempotent: a
// finished install leaves a marker and later runs return at once. Installs into a `.partial`
// folder first and renames it, so an interrupted install never looks finished.
//
// Also makes sure Debian's chromium and ripgrep are present (apt-get, when running as root).
'use strict';
const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');
const lib = require('./lib');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function which(cmd) {
  const r = childProcess.spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Debian packages the runner needs; installs the missing ones when we are root. */
async function ensureSystemPackages() {
  const missing = [];
  if (!lib.findChromium()) missing.push('chromium');
  if (!which('rg')) missing.push('ripgrep');
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !which('apt-get')) {
    throw new Error(
      `missing system packages: ${missing.join(', ')}. Install them (Debian: apt-get install -y ${missing.join(' ')}) ` +
        'or set SKIP_VSCODE_TESTS=1 to leave the VS Code suite out.',
    );
  }
  lib.log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await lib.run('apt-get', ['update', '-qq'], { env });
  await lib.run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}

async function installServer() {
  if (lib.isInstalled()) {
    lib.log(`VS Code server ${lib.CODE_SERVER_VERSION} already installed in ${path.relative(lib.ROOT, lib.SERVER_DIR)}`);
    return;
  }
  const release = await lib.acquireLock('install');
  try {
    // Another run may have finished the install while we waited for the lock.
    if (!lib.isInstalled()) await installInto();
  } finally {
    release();
  }
}

async function installInto() {
  const started = Date.now();
  const partial = `${lib.SERVER_DIR}.partial`;
  lib.rmQuiet(partial);
  lib.rmQuiet(lib.SERVER_DIR);
  fs.mkdirSync(partial, { recursive: true });
  // A package.json of its own makes this folder npm's prefix, so the project's .npmrc and
  // node_modules are not involved.
  fs.writeFileSync(path.join(partial, 'package.json'), JSON.stringify({ name: 'vscode-test-server', private: true }, null, 2));
  const env = {
    ...process.env,
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: 'error',
  };
  const opts = { env };
  // 1. The package, without its postinstall (which would download from GitHub).
  lib.log(`npm install code-server@${lib.CODE_SERVER_VERSION} (about two minutes and ~300 MB on first use)…`);
  await lib.run(npm, ['install', `code-server@${lib.CODE_SERVER_VERSION}`, '--ignore-scripts', '--no-save'], { ...opts, cwd: partial });
  const vscodeDir = path.join(partial, 'node_modules', 'code-server', 'lib', 'vscode');
  // 2. VS Code's own runtime dependencies.
  lib.log('npm install in lib/vscode…');
  await lib.run(npm, ['install', '--omit=dev', '--ignore-scripts'], { ...opts, cwd: vscodeDir });
  // 3. Native modules, built against Node's headers.
  lib.log('npm rebuild @parcel/watcher @vscode/spdlog node-pty native-watchdog…');
  await lib.run(npm, ['rebuild', '--ignore-scripts=false', '@parcel/watcher', '@vscode/spdlog', 'node-pty'], { ...opts, cwd: vscodeDir });
  // The extension host also loads native-watchdog; without it every window logs an error.
  await lib.run(npm, ['rebuild', '--ignore-scripts=false', 'native-watchdog'], { ...opts, cwd: vscodeDir }).catch((err) => {
    lib.log(`native-watchdog did not build (harmless): ${err.message.split('\n')[0]}`);
  });
  // 4. ripgrep from Debian instead of the GitHub download.
  const rgBin = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgBin, { recursive: true });
  lib.rmQuiet(path.join(rgBin, 'rg'));
  fs.symlinkSync(which('rg') ?? '/usr/bin/rg', path.join(rgBin, 'rg'));
  // 5. The server looks for node_modules.asar.
  const asar = path.join(vscodeDir, 'node_modules.asar');
  lib.rmQuiet(asar);
  fs.symlinkSync('node_modules', asar);
  // 6. Built-in extensions' dependencies.
  lib.log('npm install in lib/vscode/extensions…');
  await lib.run(npm, ['install', '--omit=dev', '--ignore-scripts'], { ...opts, cwd: path.join(vscodeDir, 'extensions') });
  fs.writeFileSync(path.join(partial, '.installed'), `${lib.CODE_SERVER_VERSION}\n`);
  fs.renameSync(partial, lib.SERVER_DIR);
  lib.log(`VS Code server installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

async function main() {
  await ensureSystemPackages();
  await installServer();
}

module.exports = { ensureSystemPackages, installServer, install: main };

if (require.main === module) {
  main().catch((err) => {
    console.error(`[vscode] install failed: ${err.message}`);
    process.exit(1);
  });
}
