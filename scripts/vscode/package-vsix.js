#!/usr/bin/env node
// `npm run package`: builds the bundles and grammars, then packs the .vsix with @vscode/vsce.
// What goes in is decided by .vscodeignore (an allowlist: dist/, grammars/*.wasm,
// server/queries/**, media/**, package.json, README, CHANGELOG, LICENSE). esbuild bundles every
// runtime dependency into dist/, so node_modules stays out (--no-dependencies).
//
//   node scripts/vscode/package-vsix.js [--no-build] [--out <file.vsix>]
//
// Also exports unpackVsix() for the runners, which test the packaged extension.
'use strict';
/* global Buffer */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const lib = require('./lib');

function manifest() {
  return JSON.parse(fs.readFileSync(path.join(lib.ROOT, 'package.json'), 'utf8'));
}

function defaultVsixPath() {
  const m = manifest();
  return path.join(lib.ROOT, `${m.name}-${m.version}.vsix`);
}

async function build() {
  await lib.run(process.execPath, [path.join(lib.ROOT, 'scripts', 'build.js')], { cwd: lib.ROOT });
}

async function packageVsix({ out = defaultVsixPath(), skipBuild = false } = {}) {
  if (!skipBuild) await build();
  const vsce = path.join(lib.ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const args = [vsce, 'package', '--no-dependencies', '--out', out];
  // vsce asks (y/N) when LICENSE is missing; CI has no stdin, so say so instead of hanging.
  if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => fs.existsSync(path.join(lib.ROOT, f)))) {
    lib.log('warning: no LICENSE file; packaging with --skip-license');
    args.push('--skip-license');
  }
  fs.rmSync(out, { force: true });
  await lib.run(process.execPath, args, { cwd: lib.ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (!fs.existsSync(out)) throw new Error(`vsce did not write ${out}`);
  return out;
}

/**
 * Extracts a .vsix (a zip) into `dest`; the extension itself is `dest/extension`. A small reader
 * for stored/deflated entries so no unzip tool or extra dependency is needed.
 */
function unpackVsix(vsix, dest) {
  const buf = fs.readFileSync(vsix);
  // End of central directory record: scan back from the end for its signature.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${vsix} is not a zip file`);
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const root = path.resolve(dest);
  for (let n = 0; n < entries; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${vsix}: bad central directory`);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    const target = path.resolve(root, name);
    if (target !== root && !target.startsWith(root + path.sep)) throw new Error(`${vsix}: entry escapes the folder: ${name}`);
    if (name.endsWith('/')) {
      fs.mkdirSync(target, { recursive: true });
      continue;
    }
    const localNameLen = buf.readUInt16LE(localOffset + 26);
    const localExtraLen = buf.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLen + localExtraLen;
    const data = buf.subarray(start, start + compressedSize);
    let content;
    if (method === 0) content = Buffer.from(data);
    else if (method === 8) content = zlib.inflateRawSync(data);
    else throw new Error(`${vsix}: unsupported compression method ${method} for ${name}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return path.join(root, 'extension');
}

module.exports = { packageVsix, unpackVsix, defaultVsixPath };

if (require.main === module) {
  const argv = process.argv.slice(2);
  const outIdx = argv.indexOf('--out');
  const out = outIdx >= 0 ? path.resolve(argv[outIdx + 1]) : defaultVsixPath();
  packageVsix({ out, skipBuild: argv.includes('--no-build') })
    .then((file) => {
      const kb = Math.round(fs.statSync(file).size / 1024);
      lib.log(`packaged ${path.relative(process.cwd(), file)} (${kb} KB)`);
    })
    .catch((err) => {
      console.error(`[vscode] packaging failed: ${err.message}`);
      process.exit(1);
    });
}
