import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../helpers/engine';

/**
 * The README's Neovim recipe, exactly as printed there, run in a headless Neovim (Debian's
 * package; .ci/run installs it) against the real `ai-guardrails-lsp`: diagnostics arrive, and the
 * recipe's settings reach the server (its JWT regions are errors, not the default warnings).
 */
function readmeRecipe(): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const m = /<!-- neovim-recipe:start -->\s*```lua\n([\s\S]*?)```\s*<!-- neovim-recipe:end -->/.exec(readme);
  assert.ok(m, 'README.md has the Neovim recipe between neovim-recipe markers');
  return m[1]!;
}

const CHECK = `
local ok = vim.wait(30000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.source == 'ai-guardrails' and d.code == 'jwt' and d.severity == vim.diagnostic.severity.ERROR then return true end
  end
  return false
end, 50)
local out = { 'ok=' .. tostring(ok) }
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out, string.format('%s|%s|%d', d.source or '', tostring(d.code), d.severity))
end
vim.fn.writefile(out, vim.env.AGR_RESULT)
vim.cmd('qa!')
`;

describe('the README Neovim recipe, in a headless Neovim', function () {
  this.timeout(90000);

  it('attaches ai-guardrails-lsp to a Go buffer, gets diagnostics and passes the settings', () => {
    const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.ok(nvim.status === 0, 'Neovim is needed for this test: apt-get install neovim (.ci/run installs it)');
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agr-nvim-')));
    const project = path.join(dir, 'project');
    fs.mkdirSync(path.join(project, '.git'), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'go', 'auth.go'), path.join(project, 'auth.go'));
    const shim = path.join(dir, 'bin');
    fs.mkdirSync(shim);
    fs.writeFileSync(path.join(shim, 'ai-guardrails-lsp'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO_ROOT, 'bin', 'ai-guardrails-lsp.js')}" "$@"\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'init.lua'), readmeRecipe());
    fs.writeFileSync(path.join(dir, 'check.lua'), CHECK);
    const result = path.join(dir, 'result.txt');
    const r = spawnSync('nvim', ['--headless', '-u', path.join(dir, 'init.lua'), '-c', `luafile ${path.join(dir, 'check.lua')}`, 'auth.go'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 60000,
      env: { ...process.env, PATH: `${shim}${path.delimiter}${process.env.PATH ?? ''}`, AGR_RESULT: result, XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir },
    });
    assert.ok(fs.existsSync(result), `Neovim wrote no result (exit ${r.status}): ${r.stderr}`);
    const lines = fs.readFileSync(result, 'utf8').trim().split('\n');
    assert.strictEqual(lines[0], 'ok=true', `no JWT error diagnostic from ai-guardrails: ${lines.join(' ')}`);
    assert.ok(lines.includes('ai-guardrails|crypto|2'), `the HMAC region as a warning: ${lines.join(' ')}`);
  });
});
