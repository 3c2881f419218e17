// Debug aid: prints the engine analysis of one file. Usage: node scripts/dump-analysis.js <go|python|typescript|tsx|javascript> <file> (after `npx tsc -p .`)
require('../out/server/src/engine/engine.js').GuardrailEngine.create(require('../out/server/src/engine/engine.js').pathsFromRoot(require('path').join(__dirname, '..'))).then(e => {
  const fs = require('fs');
  const [lang, file] = process.argv.slice(2);
  const r = e.analyze(fs.readFileSync(file, 'utf8'), lang);
  console.log(JSON.stringify(r.analysis, null, 1));
});
