/**
 * Drives the VS Code workbench in Chromium as a user would: open a file, wait for squiggles,
 * hover one, open the quick-fix menu, open the Guardrails sidebar and the Problems panel. Each
 * step saves a screenshot and asserts on what the page shows (hover text, menu titles, tree
 * labels). Run by scripts/vscode/run-server-tests.js against a page that has the fixture
 * workspace open and the extension loaded for development.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';

export interface UiCheck {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
  screenshot?: string;
}

export interface UiOptions {
  /** Where screenshots go (test-results/vscode). */
  resultsDir: string;
  log: (line: string) => void;
}

const REVIEW_ACTIONS = ['Request human review', 'Mark as reviewed', 'Suppress with reason', 'Copy review request as Markdown'];

class Assertion extends Error {}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Assertion(message);
}

/** Polls a locator's text until `ok` holds; returns the last text seen. */
async function waitForText(locator: Locator, ok: (text: string) => boolean, what: string, timeoutMs = 30000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = (await locator.allInnerTexts().catch(() => [])).join('\n');
    if (ok(text)) return text;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Assertion(`timed out waiting for ${what}; saw: ${JSON.stringify(text.slice(0, 600))}`);
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible', timeout: 10000 });
  await page.keyboard.press('Enter');
}

export async function runUiScenario(page: Page, options: UiOptions): Promise<UiCheck[]> {
  fs.mkdirSync(options.resultsDir, { recursive: true });
  const checks: UiCheck[] = [];
  const step = async (name: string, shot: string | undefined, body: () => Promise<void>): Promise<boolean> => {
    const started = Date.now();
    const check: UiCheck = { name, ok: false, ms: 0 };
    try {
      await body();
      check.ok = true;
    } catch (err) {
      check.error = err instanceof Assertion ? err.message : ((err as Error).stack ?? String(err)).split('\n').slice(0, 4).join('\n');
    }
    if (shot) {
      check.screenshot = path.join(options.resultsDir, shot);
      await page.screenshot({ path: check.screenshot }).catch((e: Error) => options.log(`screenshot ${shot} failed: ${e.message}`));
    }
    check.ms = Date.now() - started;
    checks.push(check);
    options.log(`${check.ok ? '✓' : '✗'} ${name} (${check.ms} ms)${check.error ? `\n    ${check.error.replace(/\n/g, '\n    ')}` : ''}`);
    return check.ok;
  };

  const editor = page.locator('.part.editor .monaco-editor').first();
  const squiggles = editor.locator('.squiggly-error, .squiggly-warning, .squiggly-info');
  // The line `func (s *Service) Verify(...)` holds the JWT region's first trigger.
  const verifyLine = editor.locator('.view-lines .view-line', { hasText: 'func (s *Service) Verify' });

  await step('the workbench loads', undefined, async () => {
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90000 });
    await page.locator('.part.activitybar').waitFor({ state: 'visible', timeout: 30000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60000 });
  });

  const opened = await step('opening go/auth.go shows squiggles on its regions', '01-editor-squiggles.png', async () => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill('go/auth.go');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'auth.go' }).first().waitFor({ state: 'visible', timeout: 15000 });
    await page.keyboard.press('Enter');
    await verifyLine.waitFor({ state: 'visible', timeout: 30000 });
    // The extension starts its server on first open: squiggles follow within seconds.
    await squiggles.first().waitFor({ state: 'attached', timeout: 90000 });
    const deadline = Date.now() + 30000;
    while ((await squiggles.count()) < 2 && Date.now() < deadline) await page.waitForTimeout(250);
    expect((await squiggles.count()) >= 2, `expected squiggles on the JWT and HMAC regions, found ${await squiggles.count()}`);
  });

  /**
   * The squiggle on the Verify signature line (the JWT region's first trigger). Code lenses and
   * decorations arrive after the squiggles and move lines, so this waits (bounded) until a squiggle
   * and the line overlap instead of failing on the first look. Returns the centre of the box it
   * measured: looking the squiggle up again could find it re-rendered (no box) in between.
   */
  const jwtSquiggle = async (timeoutMs = 30000): Promise<{ x: number; y: number }> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lineBox = await verifyLine.boundingBox();
      const count = await squiggles.count();
      for (let i = 0; lineBox && i < count; i++) {
        const box = await squiggles.nth(i).boundingBox();
        if (box && box.y < lineBox.y + lineBox.height / 2 && box.y + box.height > lineBox.y + lineBox.height / 2) return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      }
      if (Date.now() > deadline) throw new Assertion(`no squiggle on the \`func (s *Service) Verify\` line after ${timeoutMs} ms (${count} squiggles, line ${lineBox ? 'visible' : 'not visible'})`);
      await page.waitForTimeout(250);
    }
  };

  if (opened) {
    await step('hovering a squiggle explains the region', '02-hover.png', async () => {
      const hover = page.locator('.monaco-hover:visible');
      // Code lenses and decorations arrive after the squiggles and move lines down: aim again
      // until the hover shows up.
      let text = '';
      const deadline = Date.now() + 45000;
      while (!/AI Guardrails: JWT/.test(text) && Date.now() < deadline) {
        const target = await jwtSquiggle();
        await page.mouse.move(target.x - 40, target.y + 200);
        await page.mouse.move(target.x, target.y, { steps: 5 });
        text = await waitForText(hover, (t) => /AI Guardrails: JWT/.test(t), 'the hover', 5000).catch(() => text);
      }
      expect(/AI Guardrails: JWT/.test(text), `no AI Guardrails hover on the JWT squiggle; saw ${JSON.stringify(text.slice(0, 300))}`);
      expect(/Review checklist/.test(text), 'hover lacks the review checklist');
      expect(/do not trust/i.test(text), 'hover lacks the tier');
      expect(/Service\.Verify/.test(text), 'hover lacks the region symbol');
    });

    await step('the quick-fix menu offers the review actions', '03-quick-fix.png', async () => {
      await page.keyboard.press('Escape');
      const menu = page.locator('.action-widget:visible');
      const none = page.locator('.monaco-editor .message', { hasText: 'No code actions available' });
      for (let attempt = 1; ; attempt++) {
        const target = await jwtSquiggle();
        await page.mouse.click(target.x, target.y);
        await page.mouse.move(target.x, target.y + 300);
        await page.keyboard.press('Control+.');
        await menu.or(none).first().waitFor({ state: 'visible', timeout: 15000 });
        if (!(await none.isVisible()) || attempt === 3) break;
        await page.keyboard.press('Escape');
        await none.waitFor({ state: 'hidden', timeout: 10000 }).catch(() => undefined);
      }
      expect(!(await none.isVisible()), 'VS Code says "No code actions available" on the JWT region');
      const text = await waitForText(menu, (t) => REVIEW_ACTIONS.every((a) => t.includes(a)), 'the review actions in the quick-fix menu', 20000);
      expect(text.includes('Request human review'), 'no "Request human review"');
    });
    await page.keyboard.press('Escape');
  }

  await step('the Guardrails sidebar lists the workspace regions', '04-sidebar.png', async () => {
    const item = page.locator('.part.activitybar [aria-label*="Guardrails"]').first();
    if (await item.count()) await item.click();
    else await runCommand(page, 'Focus on Guarded regions View');
    const view = page.locator('.part.sidebar');
    // A container with one view shows its name in the sidebar title ("AI GUARDRAILS: GUARDRAILS"),
    // with several in the pane headers.
    const title = view.locator('.composite.title, .pane-header', { hasText: /Guardrails/i });
    await title.first().waitFor({ state: 'visible', timeout: 15000 }).catch(() => {
      throw new Assertion('the Guardrails view did not open (no view container "aiGuardrails" in the activity bar?)');
    });
    const rows = view.locator('.monaco-list-row');
    await waitForText(rows, (t) => /Service\.Verify/.test(t), 'the tree item for Service.Verify (go/auth.go)', 30000);
    // go/store.go is never opened: its region can only come from the workspace scan. Its group is
    // the last one and the list renders only the rows that fit, so go to the end of the list.
    const list = view.locator('.monaco-list').first();
    const deadline = Date.now() + 30000;
    let text = '';
    while (!/store\.go/.test(text) && Date.now() < deadline) {
      await list.focus();
      await page.keyboard.press('End');
      text = await waitForText(rows, (t) => /store\.go/.test(t), 'the tree item for go/store.go', 2000).catch(() => text);
    }
    expect(/store\.go/.test(text), 'the sidebar never listed go/store.go (from the workspace scan)');
  });

  // The sidebar runs "Mark as reviewed" by the quick fix's route (the language client's middleware):
  // the confirmation is the middleware's. Escape leaves the ledger as it was.
  await step('"Mark as reviewed" in the sidebar asks for the same confirmation as the quick fix', '04b-sidebar-confirm.png', async () => {
    const view = page.locator('.part.sidebar');
    await view.locator('.monaco-list').first().focus();
    await page.keyboard.press('Home');
    const row = view.locator('.monaco-list-row', { hasText: 'Service.Verify' }).first();
    await row.waitFor({ state: 'visible', timeout: 15000 });
    await row.hover();
    await row.locator('.action-label[aria-label*="Mark as Reviewed"]').first().click({ timeout: 10000 });
    const box = page.locator('.quick-input-widget:visible');
    const text = await waitForText(box, (t) => /You confirm that you reviewed this code against its checklist/.test(t), 'the confirmation of "Mark as reviewed"', 15000);
    expect(/Mark as reviewed/.test(text), 'the confirmation has no "Mark as reviewed" title');
  });
  await page.keyboard.press('Escape');

  await step('the Problems panel lists the regions as ai-guardrails diagnostics', '05-problems.png', async () => {
    await runCommand(page, 'View: Focus Problems');
    const rows = page.locator('.markers-panel .monaco-list-row');
    const text = await waitForText(rows, (t) => /JWT/.test(t) && /ai-guardrails/.test(t), 'ai-guardrails problems', 30000);
    expect(/Service\.Verify/.test(text), 'problem messages name the region symbol');
  });

  return checks;
}
