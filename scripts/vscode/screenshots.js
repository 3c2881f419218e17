#!/usr/bin/env node
// `npm run screenshots -- <folder> <file:line> [--out DIR] [--name NAME] [--no-build]`: the README's
// screenshots, taken in the real VS Code 1.100 server (the one the tests use) on a project of yours.
//
//   1. copies <folder> (without .git and node_modules) to a temp dir named NAME (default: the
//      folder's name), so nothing is written into your tree, and opens it with this checkout's
//      extension;
//   2. waits, with bounded polls, for the workspace scan to end and the Guardrails sidebar to list it;
//      collapses the sidebar's groups and expands, from the top, those whose rows fit on screen;
//   3. opens <file> at <line> (a line in a guarded region: a JWT, auth or crypto function shows best),
//      waits for its squiggles, CodeLens and gutter icons, and saves DIR/overview.png;
//   4. hovers the squiggle on <line> (or the line's first character when it has none), waits for the
//      AI Guardrails hover and saves DIR/hover.png.
// DIR defaults to test-results/screenshots/; pass --out docs/images to replace the README's images.
// Every process started here is ended by pid; the whole run is bounded (5 minutes).
'use strict';
/* global setTimeout, clearTimeout */
const fs = require('fs');
const path = require('path');
const lib = require('./lib');
const { installServer } = require('./install-server');

const USAGE = 'usage: npm run screenshots -- <folder> <file:line> [--out DIR] [--name NAME] [--sidebar-width PX] [--no-build]';
const TIMEOUT_MS = 5 * 60 * 1000;

function parseArgs(argv) {
  const options = { out: path.join(lib.RESULTS_DIR, 'screenshots'), build: true, sidebarWidth: 440, positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') options.out = path.resolve(argv[++i] ?? '');
    else if (a === '--name') options.name = argv[++i];
    else if (a === '--sidebar-width') options.sidebarWidth = Number(argv[++i]);
    else if (a === '--no-build') options.build = false;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n${USAGE}`);
    else options.positional.push(a);
  }
  const [folder, target] = options.positional;
  const m = /^(.+):(\d+)$/.exec(target ?? '');
  if (!folder || !m) throw new Error(USAGE);
  options.folder = path.resolve(folder);
  options.file = m[1].split(path.sep).join('/');
  options.line = Number(m[2]);
  if (!fs.statSync(options.folder, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`no such folder: ${options.folder}`);
  if (!fs.existsSync(path.join(options.folder, options.file))) throw new Error(`no such file in ${options.folder}: ${options.file}`);
  options.name = options.name ?? path.basename(options.folder);
  return options;
}

/** Polls `probe` every 250 ms until it returns a truthy value; fails after `timeoutMs` saying `what`. */
async function poll(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe().catch((err) => (lib.log(`(${what}: ${err.message.split('\n')[0]})`), undefined));
    if (last) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

async function texts(locator) {
  return (await locator.allInnerTexts().catch(() => [])).join('\n');
}

/** The Guardrails view, open, with the scan ended and its group counts unchanged across two looks. */
async function openSidebar(page) {
  const item = page.locator('.part.activitybar [aria-label*="Guardrails"]').first();
  await item.waitFor({ state: 'visible', timeout: 60000 });
  await item.click();
  const view = page.locator('.part.sidebar');
  const rows = view.locator('.monaco-list-row');
  let previous = '';
  await poll(
    'the workspace scan to end and the sidebar to list its regions',
    async () => {
      const all = await texts(view);
      const now = await texts(rows);
      const settled = !/Scanning/.test(all) && /\d+ regions?/.test(now) && now === previous;
      previous = now;
      return settled;
    },
    180000,
  );
  return view;
}

/**
 * Collapses every group, then expands groups from the top while their rows still fit in the view
 * (a category with hundreds of regions stays collapsed, showing its counts).
 */
async function arrangeSidebar(page, view) {
  await view.locator('.action-label[aria-label*="Collapse All"]').first().click();
  const list = view.locator('.monaco-list').first();
  const box = await list.boundingBox();
  const groups = view.locator('.monaco-list-row[aria-level="1"]');
  await poll('the groups to collapse', async () => (await view.locator('.monaco-list-row[aria-level="2"]').count()) === 0, 10000);
  const groupCount = await groups.count();
  const rowHeight = (await groups.first().boundingBox())?.height ?? 22;
  let free = Math.floor((box?.height ?? 600) / rowHeight) - groupCount;
  for (let i = 0; i < groupCount; i++) {
    const group = groups.nth(i);
    const regions = Number(/(\d+) regions?/.exec(await group.innerText())?.[1] ?? Infinity);
    if (regions > free) continue;
    free -= regions;
    await group.click();
    await poll(`group ${i + 1} to expand`, async () => (await group.getAttribute('aria-expanded')) === 'true', 10000);
  }
}

/** Drags the sash between the sidebar and the editor so the sidebar is `width` pixels wide. */
async function widenSidebar(page, view, width) {
  const box = await view.boundingBox();
  if (!box || Math.abs(box.width - width) < 4) return;
  const y = box.y + box.height / 2;
  const x = box.x + box.width;
  await page.mouse.move(x - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
  await poll(`the sidebar to be ${width} px wide`, async () => Math.abs(((await view.boundingBox())?.width ?? 0) - width) < 8, 5000);
}

/**
 * Lets the hover use more of the editor's height: VS Code caps a hover near 250 px, but its edge
 * away from the line can be dragged (resizable hover). Best effort: without the sash, as it is.
 */
async function growHover(page, editor, hover) {
  const box = await hover.boundingBox({ timeout: 2000 }).catch(() => null);
  const editorBox = await editor.boundingBox();
  if (!box || !editorBox) return;
  // Up to the editor's top edge when the hover is above the line, to its bottom when below.
  const above = box.y - (editorBox.y + 8);
  const below = editorBox.y + editorBox.height - 8 - (box.y + box.height);
  const sashes = page.locator('.monaco-resizable-hover .monaco-sash.horizontal:visible');
  for (let i = 0; i < (await sashes.count()); i++) {
    const sash = await sashes.nth(i).boundingBox();
    if (!sash) continue;
    const top = Math.abs(sash.y - box.y) < Math.abs(sash.y - (box.y + box.height));
    const extra = top ? above : below;
    if (extra < 20) return;
    const y = sash.y + sash.height / 2;
    // Into the hover first, as a hand would go (a jump straight to the edge closes the hover).
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 10 });
    await page.mouse.move(sash.x + sash.width / 2, y, { steps: 10 });
    await page.mouse.down();
    await page.mouse.move(sash.x + sash.width / 2, top ? y - extra : y + extra, { steps: 8 });
    await page.mouse.up();
    return;
  }
}

/** Hovers the squiggle on `line` (or the cursor there) until the AI Guardrails hover shows. */
async function showHover(page, editor, hover, line) {
  await poll(
    'the AI Guardrails hover',
    async () => {
      const target = (await squiggleOnLine(page, line)) ?? (await editor.locator('.cursors-layer .cursor').first().boundingBox());
      if (!target) return false;
      const x = target.x + Math.min(target.width / 2, 40) + 2;
      const y = target.y + target.height / 2;
      await page.mouse.move(x, y + 120);
      await page.mouse.move(x, y, { steps: 5 });
      return poll('the hover', async () => /AI Guardrails/.test(await texts(hover)), 4000).catch(() => false);
    },
    60000,
  );
}

/** The box of a squiggle on the editor line showing `line` (1-based), or undefined. */
async function squiggleOnLine(page, line) {
  const editor = page.locator('.part.editor .monaco-editor').first();
  const number = editor.locator('.margin-view-overlays .line-numbers', { hasText: new RegExp(`^${line}$`) }).first();
  const lineBox = await number.boundingBox();
  if (!lineBox) return undefined;
  const mid = lineBox.y + lineBox.height / 2;
  // Ours are warnings (do not trust) and information (review); an error there is more likely the
  // compiler's (a copied project without its dependencies), so it comes last.
  for (const kind of ['.squiggly-warning, .squiggly-info', '.squiggly-error']) {
    const squiggles = editor.locator(kind);
    for (let i = 0; i < (await squiggles.count()); i++) {
      const box = await squiggles.nth(i).boundingBox();
      if (box && box.y < mid && box.y + box.height > mid) return box;
    }
  }
  return undefined;
}

async function openAt(page, file, line) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`${file}:${line}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: path.posix.basename(file) }).first().waitFor({ state: 'visible', timeout: 30000 });
  await page.keyboard.press('Enter');
  const editor = page.locator('.part.editor .monaco-editor').first();
  await editor.locator('.margin-view-overlays .line-numbers', { hasText: new RegExp(`^${line}$`) }).first().waitFor({ state: 'visible', timeout: 30000 });
  await editor.locator('.squiggly-error, .squiggly-warning, .squiggly-info').first().waitFor({ state: 'attached', timeout: 90000 });
  // CodeLens and gutter icons arrive after the diagnostics and move the lines; then put the line back in view.
  await poll('the CodeLens and gutter icons', async () => (await editor.locator('.codelens-decoration').count()) > 0 && (await editor.locator('.cgmr, .glyph-margin-widgets .codicon, .glyph-margin-widgets div[class*="agr"], .glyph-margin-widgets > div').count()) > 0, 60000);
  await page.keyboard.press('Control+G');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  return editor;
}

async function shoot(page, file) {
  // Hovers and tooltips fade in; wait until the page stops changing (two equal screenshots).
  let previous;
  await poll(
    `a still frame for ${path.basename(file)}`,
    async () => {
      const shot = await page.screenshot();
      const same = previous !== undefined && shot.equals(previous);
      previous = shot;
      return same;
    },
    15000,
  );
  fs.writeFileSync(file, previous);
  lib.log(`saved ${path.relative(process.cwd(), file)}`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const overall = setTimeout(() => {
    console.error(`[vscode] screenshots: no result within ${TIMEOUT_MS / 60000} min; stopping`);
    process.exit(1); // lib's exit handler ends every process started here
  }, TIMEOUT_MS);
  overall.unref();
  await installServer();
  if (!lib.findChromium()) throw new Error('Chromium is missing (apt-get install -y chromium, or set CHROMIUM_PATH)');
  if (options.build) await lib.run(process.execPath, [path.join(lib.ROOT, 'scripts', 'build.js')], { cwd: lib.ROOT });

  const tempDir = lib.mkTemp('agr-shots-');
  const workspace = path.join(tempDir, options.name);
  fs.cpSync(options.folder, workspace, { recursive: true, filter: (src) => !/(^|[\\/])(\.git|node_modules)$/.test(src) });
  const dataDir = lib.mkTemp('agr-shots-data-');
  // VS Code's defaults, but no sticky scroll (it would put an unrelated function's header over the
  // code) and no minimap (the code gets its width; the overview ruler still marks the regions).
  const settings = { 'editor.stickyScroll.enabled': false, 'editor.minimap.enabled': false };
  fs.mkdirSync(path.join(dataDir, 'user-data', 'User'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'user-data', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  let server;
  let browser;
  try {
    server = await lib.startServer({ dataDir });
    lib.log(`VS Code server on http://127.0.0.1:${server.port} (pid ${server.child.pid}), workspace ${workspace}`);
    browser = await lib.launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(lib.testUrl(server.port, { folder: workspace, extensionDevelopmentPath: lib.ROOT }));
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 90000 });

    const editor = await openAt(page, options.file, options.line);
    const view = await openSidebar(page);
    await widenSidebar(page, view, options.sidebarWidth);
    await arrangeSidebar(page, view);
    await openAt(page, options.file, options.line);
    // Park the pointer beyond the end of the editor's first line, where it shows nothing.
    const editorBox = await editor.boundingBox();
    await page.mouse.move(editorBox.x + editorBox.width - 160, editorBox.y + 40);
    fs.mkdirSync(options.out, { recursive: true });
    await shoot(page, path.join(options.out, 'overview.png'));

    // The line a third of the way up the editor, so the hover above it has room.
    for (let i = 0; i < 8; i++) await page.keyboard.press('Control+ArrowUp');
    const hover = page.locator('.monaco-hover:visible');
    await showHover(page, editor, hover, options.line);
    // A resized hover keeps its size for the next one: hover again if the resize closed it.
    await growHover(page, editor, hover.first());
    if (!/AI Guardrails/.test(await texts(hover))) await showHover(page, editor, hover, options.line);
    await shoot(page, path.join(options.out, 'hover.png'));
  } finally {
    await lib.closeBrowser(browser);
    if (server) await lib.stopProcess(server.child);
    lib.rmQuiet(dataDir);
    lib.rmQuiet(tempDir);
    clearTimeout(overall);
  }
}

main().catch((err) => {
  console.error(`[vscode] ${err.message ?? err}`);
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100).unref();
});
