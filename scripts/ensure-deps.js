#!/usr/bin/env node
// Installs the locked dependencies when node_modules is missing or older than package-lock.json,
// so `npm test` and `npm start` work on a fresh clone without a separate `npm install`.
'use strict';
const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

function ensureDeps() {
  const installed = mtime(path.join(root, 'node_modules', '.package-lock.json'));
  const locked = mtime(path.join(root, 'package-lock.json'));
  if (installed >= 0 && installed >= locked) return;
  console.log(installed < 0 ? '> installing dependencies (npm ci)' : '> package-lock.json changed: reinstalling dependencies (npm ci)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = childProcess.spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`npm ci failed (exit ${r.status ?? r.signal}); check network access to the npm registry`);
    process.exit(r.status ?? 1);
  }
}

module.exports = { ensureDeps };
if (require.main === module) ensureDeps();
