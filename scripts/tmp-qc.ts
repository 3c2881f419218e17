import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser, Query } from 'web-tree-sitter';
import { readRuleSources, readFindingSources } from '../server/src/engine/ruleQueries';
const ROOT = path.resolve(__dirname, '..', '..');
(async () => {
  await Parser.init({ locateFile: (f: string) => path.join(ROOT, 'grammars', f) });
  for (const [fam, wasm] of [['go', 'tree-sitter-go.wasm'], ['python', 'tree-sitter-python.wasm'], ['ecma', 'tree-sitter-typescript.wasm']] as const) {
    const lang = await Language.load(path.join(ROOT, 'grammars', wasm));
    const out: [string, number][] = [];
    for (const src of [...readRuleSources(path.join(ROOT, 'server', 'queries'), fam), ...readFindingSources(path.join(ROOT, 'server', 'queries'), fam)]) {
      const t = performance.now();
      const q = new Query(lang, src.text);
      out.push([path.relative(ROOT, src.file), performance.now() - t]);
      q.delete();
    }
    out.sort((a, b) => b[1] - a[1]);
    console.log(fam, out.slice(0, 6).map(([f, t]) => `${f} ${t.toFixed(0)}ms`).join(', '), 'total', out.reduce((n, x) => n + x[1], 0).toFixed(0));
  }
})();
