import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { extension } from './helpers';

/** Every file path a manifest value points at (icons may be a path or { light, dark }). */
function iconPaths(icon: unknown): string[] {
  if (typeof icon === 'string') return icon.startsWith('$(') ? [] : [icon];
  if (icon && typeof icon === 'object') return Object.values(icon as Record<string, unknown>).flatMap(iconPaths);
  return [];
}

interface Manifest {
  main: string;
  icon?: string;
  contributes?: {
    commands?: { icon?: unknown }[];
    viewsContainers?: Record<string, { icon?: unknown }[]>;
    views?: Record<string, { icon?: unknown }[]>;
  };
}

describe('what the extension ships', () => {
  it('has the files its manifest refers to (main, icons)', () => {
    const ext = extension();
    const manifest = ext.packageJSON as Manifest;
    const main = /\.js$/.test(manifest.main) ? manifest.main : `${manifest.main}.js`;
    const files = [main, ...iconPaths(manifest.icon)];
    const c = manifest.contributes ?? {};
    for (const cmd of c.commands ?? []) files.push(...iconPaths(cmd.icon));
    for (const list of Object.values(c.viewsContainers ?? {})) for (const v of list) files.push(...iconPaths(v.icon));
    for (const list of Object.values(c.views ?? {})) for (const v of list) files.push(...iconPaths(v.icon));
    const missing = files.filter((f) => !fs.existsSync(path.join(ext.extensionPath, f)));
    assert.deepStrictEqual(missing, [], `missing from ${ext.extensionPath}`);
  });

  it('has the language server, the tree-sitter runtime, every grammar and the rule queries', () => {
    const root = extension().extensionPath;
    const required = [
      'dist/server.js',
      'grammars/tree-sitter.wasm',
      'grammars/tree-sitter-go.wasm',
      'grammars/tree-sitter-python.wasm',
      'grammars/tree-sitter-typescript.wasm',
      'grammars/tree-sitter-tsx.wasm',
      'grammars/tree-sitter-javascript.wasm',
    ];
    const missing = required.filter((f) => !fs.existsSync(path.join(root, f)));
    assert.deepStrictEqual(missing, [], `missing from ${root}`);
    for (const family of ['go', 'python', 'ecma']) {
      const dir = path.join(root, 'server', 'queries', family);
      assert.ok(fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.endsWith('.scm')), `no rule queries in ${dir}`);
    }
  });
});
