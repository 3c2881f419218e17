/**
 * Entry point VS Code's extension host calls with `--extensionTestsPath` (both runners: the
 * @vscode/test-electron desktop build and the VS Code server driven through Chromium). Runs mocha
 * on the compiled `*.test.js` files next to this one and rejects when any test failed, which the
 * host turns into exit code 1.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: 60000,
    slow: 5000,
    ...(process.env.AGR_VSCODE_GREP ? { grep: process.env.AGR_VSCODE_GREP } : {}),
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        // A closing line the runners (and CI) read: the same shape in every environment.
        console.log(`vscode-suite: ${stats?.passes ?? 0} passed, ${failures} failed, ${stats?.pending ?? 0} skipped`);
        if (failures > 0) reject(new Error(`${failures} VS Code test(s) failed`));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
