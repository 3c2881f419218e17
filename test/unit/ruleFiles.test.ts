/**
 * The rule-file check (like nvim-treesitter's check-queries): every rule file compiles with the
 * real grammars, uses only known predicates, properties and severities, and every library set is
 * defined where it is referred to and used somewhere.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GuardrailEngine, pathsFromRoot } from '../../server/src/engine/engine';
import { expandLibraryRefs, readLibrarySets } from '../../server/src/engine/librarySets';
import type { QueryFamily } from '../../server/src/engine/languages';
import { REPO_ROOT, sharedEngine } from '../helpers/engine';

const QUERIES = path.join(REPO_ROOT, 'server', 'queries');
const FAMILIES: QueryFamily[] = ['go', 'python', 'ecma'];

function ruleFiles(family: QueryFamily): string[] {
  const dir = path.join(QUERIES, family);
  const top = fs.readdirSync(dir).filter((n) => n.endsWith('.scm')).map((n) => path.join(dir, n));
  const findings = fs.existsSync(path.join(dir, 'findings'))
    ? fs.readdirSync(path.join(dir, 'findings')).filter((n) => n.endsWith('.scm')).map((n) => path.join(dir, 'findings', n))
    : [];
  return [...top, ...findings];
}

describe('rule-file check', function () {
  this.timeout(60000);

  it('every rule file of every family compiles', async () => {
    const engine = await sharedEngine();
    engine.prepare();
  });

  for (const family of FAMILIES) {
    it(`${family}: every library set is used and every reference is defined`, () => {
      const libraries = readLibrarySets(QUERIES, family);
      const used = new Set<string>();
      for (const file of ruleFiles(family)) expandLibraryRefs(fs.readFileSync(file, 'utf8'), file, libraries, used);
      const unused = [...libraries.sets.keys()].filter((n) => !used.has(n));
      assert.deepStrictEqual(unused, [], `unused library sets in ${libraries.file}`);
    });
  }

  describe('rejects broken rule files with a message naming the file', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-rules-'));
      fs.cpSync(QUERIES, path.join(dir, 'server', 'queries'), { recursive: true });
      fs.cpSync(path.join(REPO_ROOT, 'grammars'), path.join(dir, 'grammars'), { recursive: true });
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const broken = async (file: string, text: string, message: RegExp) => {
      fs.appendFileSync(path.join(dir, 'server', 'queries', file), `\n${text}\n`);
      const engine = await GuardrailEngine.create(pathsFromRoot(dir), ['go']);
      try {
        assert.throws(() => engine.prepare(), message);
      } finally {
        engine.dispose();
      }
    };

    it('an undefined library set', () =>
      broken('go/crypto.scm', '((identifier) @trigger (#match? @trigger "^{{no-such-set}}$") (#set! rule "go.crypto.x"))', /crypto\.scm: \{\{no-such-set\}\} is not defined/));
    it('an unknown predicate', () =>
      broken('go/crypto.scm', '((identifier) @trigger (#no-such? @trigger "x") (#set! rule "go.crypto.x"))', /crypto\.scm: pattern \d+: uses unknown predicate #no-such\?/));
    it('an unknown severity', () =>
      broken(
        'go/findings/tls.scm',
        '((identifier) @finding (#eq? @finding "x") (#set! rule "go.crypto.x") (#set! category "crypto") (#set! severity "critical") (#set! cwe "1") (#set! message "m"))',
        /tls\.scm: pattern \d+: severity must be error, warning or info/,
      ));
    it('an unknown evidence value', () =>
      broken('go/crypto.scm', '((identifier) @trigger (#eq? @trigger "x") (#set! evidence "weak") (#set! rule "go.crypto.x"))', /evidence must be "mention"/));
  });
});
