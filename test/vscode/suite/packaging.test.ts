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

  it('has the language server and its AI client, the tree-sitter runtime, every grammar and the rule queries', () => {
    const root = extension().extensionPath;
    const required = [
      'dist/server.js',
      // The AI client (openai SDK), a bundle of its own that the server loads on the first review.
      'dist/aiClient.js',
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

describe('Marketplace and Open VSX readiness', () => {
  it('has a 128×128 PNG icon, a gallery banner, links, and declares no virtual-workspace support', () => {
    const ext = extension();
    const manifest = ext.packageJSON as Manifest & { galleryBanner?: { color?: string }; bugs?: { url?: string }; homepage?: string; capabilities?: { virtualWorkspaces?: { supported?: boolean } } };
    assert.ok(manifest.icon?.endsWith('.png'), 'the Marketplace needs a PNG icon');
    const png = fs.readFileSync(path.join(ext.extensionPath, manifest.icon ?? ""));
    assert.strictEqual(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepStrictEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'IHDR width and height');
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.match(manifest.bugs?.url ?? '', /^https:\/\//);
    assert.match(manifest.homepage ?? '', /^https:\/\//);
    assert.strictEqual(manifest.capabilities?.virtualWorkspaces?.supported, false);
  });

  it('ships the README images and leaves the CLI bundle (npm package only) out', () => {
    const root = extension().extensionPath;
    // vsce stores the README as readme.md.
    const name = fs.readdirSync(root).find((f) => f.toLowerCase() === 'readme.md');
    assert.ok(name, 'the package has a README');
    const readme = fs.readFileSync(path.join(root, name), 'utf8');
    // vsce rewrites relative image links to the repository's raw URLs; either way the image
    // itself must be in the package (so the link resolves once the repository is published).
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    assert.ok(images.length > 0, 'the README shows images');
    const local = (src: string) => src.replace(/^https:\/\/github\.com\/[^/]+\/[^/]+\/raw\/[^/]+\//, '');
    const missing = images.filter((src) => /^https?:/.test(local(src)) || !fs.existsSync(path.join(root, local(src))));
    assert.deepStrictEqual(missing, [], 'README images are shipped in the package');
    // Run from the checkout (the "suite" phase) the file exists; the "packaged" phase runs this on the unpacked .vsix.
    const packaged = !fs.existsSync(path.join(root, 'package-lock.json'));
    if (packaged) assert.ok(!fs.existsSync(path.join(root, 'dist', 'cli.js')), 'dist/cli.js is not in the .vsix');
    else assert.ok(!/^!dist\/(\*\*\/)?\*\.js$|^!dist\/cli\.js$/m.test(fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8')), '.vscodeignore does not let dist/cli.js in');
  });
});
