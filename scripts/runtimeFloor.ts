/**
 * tree-sitter's two JavaScript runtimes side by side on one real tree, in one process: the
 * WebAssembly build the engine uses (web-tree-sitter, with the grammars in grammars/) and the native
 * Node binding (`tree-sitter` and the grammar packages, installed by the benchmark into a temporary
 * folder from npm). Per runtime: CPU to parse every file once, and to run one five-pattern query over
 * every tree (the walk any whole-file rule query costs). Used by `npm run bench -- real --only
 * runtimes` to tell whether a native parser would move the scan's floor (benchReal.ts).
 *
 *   node out/scripts/runtimeFloor.js <install> <native modules dir> <language> <file list (JSON)>
 */
import * as fs from 'fs';
import * as path from 'path';

type TreeSitter = typeof import('web-tree-sitter');

/** Five patterns a whole-file query of each grammar walks the tree for (no predicates). */
export const FLOOR_QUERIES: Record<string, { wasm: string; grammar: string; query: string }> = {
  go: {
    wasm: 'tree-sitter-go.wasm',
    grammar: 'tree-sitter-go',
    query: '(call_expression function: (selector_expression) @f) @c\n(binary_expression) @b\n(go_statement) @g\n(send_statement) @s\n(select_statement) @x',
  },
  python: {
    wasm: 'tree-sitter-python.wasm',
    grammar: 'tree-sitter-python',
    query: '(call function: (attribute) @f) @c\n(comparison_operator) @b\n(with_statement) @w\n(function_definition) @d\n(raise_statement) @r',
  },
};

interface Measured {
  parseMs: number;
  queryMs: number;
  matches: number;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function timed(texts: string[], parse: (t: string) => unknown, run: (tree: unknown) => number): Measured {
  let t = cpu();
  const trees = texts.map(parse);
  const parseMs = cpu() - t;
  t = cpu();
  let matches = 0;
  for (const tree of trees) matches += run(tree);
  return { parseMs, queryMs: cpu() - t, matches };
}

async function main(): Promise<void> {
  const [install, nativeDir, language, listFile] = process.argv.slice(2);
  const spec = language ? FLOOR_QUERIES[language] : undefined;
  if (!install || !nativeDir || !spec || !listFile) throw new Error('usage: runtimeFloor <install> <native modules dir> <go|python> <file list>');
  const texts = (JSON.parse(fs.readFileSync(listFile, 'utf8')) as string[]).map((f) => fs.readFileSync(f, 'utf8'));
  const engineDir = path.join(install, 'out', 'server', 'src', 'engine');
  /* eslint-disable @typescript-eslint/no-require-imports -- the measured installations' own modules */
  const wts = require(require.resolve('web-tree-sitter', { paths: [engineDir] })) as TreeSitter;
  type NativeParser = { setLanguage(l: unknown): void; parse(t: string, old?: unknown, o?: object): { rootNode: unknown } };
  const NativeParserClass = require(path.join(nativeDir, 'node_modules', 'tree-sitter')) as (new () => NativeParser) & {
    Query: new (l: unknown, s: string) => { matches(n: unknown): unknown[] };
  };
  const nativeGrammar = require(path.join(nativeDir, 'node_modules', spec.grammar)) as unknown;
  /* eslint-enable @typescript-eslint/no-require-imports */
  await wts.Parser.init({ locateFile: (file: string) => path.join(install, 'grammars', file) });
  const wasmLanguage = await wts.Language.load(fs.readFileSync(path.join(install, 'grammars', spec.wasm)));
  const wasmParser = new wts.Parser();
  wasmParser.setLanguage(wasmLanguage);
  const wasmQuery = new wts.Query(wasmLanguage, spec.query);
  const nativeParser = new NativeParserClass();
  nativeParser.setLanguage(nativeGrammar);
  const nativeQuery = new NativeParserClass.Query(nativeGrammar, spec.query);
  // The native binding copies the text through a buffer of this size (its default, 32 KiB, fails on larger files).
  const bufferSize = Math.max(64 * 1024, ...texts.map((t) => t.length * 4 + 16));
  const out = {
    files: texts.length,
    lines: texts.reduce((n, t) => n + t.split('\n').length, 0),
    wasm: timed(texts, (t) => wasmParser.parse(t), (tree) => wasmQuery.matches((tree as { rootNode: Parameters<typeof wasmQuery.matches>[0] }).rootNode).length),
    native: timed(texts, (t) => nativeParser.parse(t, undefined, { bufferSize }), (tree) => nativeQuery.matches((tree as { rootNode: unknown }).rootNode).length),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exitCode = 1;
});
