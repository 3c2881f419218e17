#!/usr/bin/env node
'use strict';
const fs = require('fs');
const path = require('path');

const argv = process.argv.slice(2);
const finish = (promise) =>
  promise.then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`ai-guardrails: error: ${String(err)}\n`);
      process.exitCode = 2;
    },
  );

// Agent hooks run on every edit, `check --staged` on every commit: a small client asks the
// installation's hook server first (see server/src/agents/hookClient.ts) and loads the full CLI
// only when there is none.
const hookClient = path.join(__dirname, '..', 'dist', 'hookClient.js');
if (argv[0] === 'hook' && fs.existsSync(hookClient)) {
  finish(require(hookClient).runHookFast(argv));
} else if ((argv[0] === 'scan' || argv[0] === 'check') && fs.existsSync(hookClient)) {
  finish(require(hookClient).runServedFast(argv));
} else {
  finish(require('../dist/cli.js').main(argv));
}
