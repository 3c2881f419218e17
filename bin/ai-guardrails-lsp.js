#!/usr/bin/env node
'use strict';
// The language server over stdio, for Neovim, Helix, Zed or any LSP client.
if (!process.argv.includes('--stdio') && !process.argv.includes('--node-ipc') && !process.argv.some((a) => a.startsWith('--socket='))) {
  process.argv.push('--stdio');
}
require('../dist/server.js');
