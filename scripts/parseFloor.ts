/**
 * The floor under a scan (`npm run bench -- real --only scan`): what web-tree-sitter alone costs
 * on a tree, without any rule. Run as a child process by benchReal.ts:
 *
 *   node out/scripts/parseFloor.js <install> <tree dir> <language,...> <file list (JSON)>
 *
 * Prints one JSON line: the CPU of reading and parsing every file once on one thread, and of
 * compiling every rule query of those languages once (each scan worker pays that for the
 * languages it sees). A scan on N cores cannot take less wall time than parse / N + compile.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { LanguageId } from '../server/src/engine/languages';

type Engine = typeof import('../server/src/engine/engine');
type Languages = typeof import('../server/src/engine/languages');
type TreeSitter = typeof import('web-tree-sitter');

async function main(): Promise<void> {
  const [install, , languageList, listFile] = process.argv.slice(2);
  if (!install || !languageList || !listFile) throw new Error('usage: parseFloor <install> <tree dir> <languages> <file list>');
  const engineDir = path.join(install, 'out', 'server', 'src', 'engine');
  /* eslint-disable @typescript-eslint/no-require-imports -- the measured installation's own modules */
  const { Parser, Language } = require(require.resolve('web-tree-sitter', { paths: [engineDir] })) as TreeSitter;
  const { LANGUAGES, languageForPath } = require(path.join(engineDir, 'languages.js')) as Languages;
  const { GuardrailEngine, pathsFromRoot } = require(path.join(engineDir, 'engine.js')) as Engine;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const grammars = path.join(install, 'grammars');
  await Parser.init({ locateFile: (file: string) => path.join(grammars, file) });
  const files = JSON.parse(fs.readFileSync(listFile, 'utf8')) as string[];
  const parsers = new Map<LanguageId, InstanceType<typeof Parser>>();
  for (const id of new Set(files.map((f) => languageForPath(f)).filter((l): l is LanguageId => l !== undefined))) {
    const parser = new Parser();
    parser.setLanguage(await Language.load(fs.readFileSync(path.join(grammars, LANGUAGES[id].wasm))));
    parsers.set(id, parser);
  }
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let lines = 0;
  const parseStart = cpu();
  for (const file of files) {
    const id = languageForPath(file);
    const parser = id && parsers.get(id);
    if (!parser) continue;
    const text = fs.readFileSync(file, 'utf8');
    lines += text.split('\n').length;
    parser.parse(text)?.delete();
  }
  const parseMs = cpu() - parseStart;
  const ids = languageList.split(',').filter((l): l is LanguageId => l in LANGUAGES);
  const engine = await GuardrailEngine.create(pathsFromRoot(install), ids);
  const compileStart = cpu();
  engine.prepare(ids);
  const compileMs = cpu() - compileStart;
  engine.dispose();
  process.stdout.write(`${JSON.stringify({ files: files.length, lines, parseMs, compileMs })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exitCode = 1;
});
