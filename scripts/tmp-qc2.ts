import * as path from 'path';
import { Language, Parser, Query } from 'web-tree-sitter';
import { readFindingSources, splitPatterns } from '../server/src/engine/ruleQueries';
const ROOT = path.resolve(__dirname, '..', '..');
(async () => {
  await Parser.init({ locateFile: (f: string) => path.join(ROOT, 'grammars', f) });
  const lang = await Language.load(path.join(ROOT, 'grammars', 'tree-sitter-typescript.wasm'));
  const src = readFindingSources(path.join(ROOT, 'server', 'queries'), 'ecma').find((s) => s.file.endsWith('sql.scm'))!;
  splitPatterns(src.text).forEach((p, i) => {
    const t = performance.now();
    const q = new Query(lang, p);
    const ms = performance.now() - t;
    q.delete();
    const rule = /rule "([^"]+)"/.exec(p)?.[1];
    if (ms > 10) console.log(i + 1, rule, ms.toFixed(0) + 'ms', p.split('\n')[0]?.slice(0, 80));
  });
})();
