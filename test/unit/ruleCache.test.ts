/**
 * The rule analysis recorded by the build (dist/rule-cache.json) must be exactly what analysing
 * the rule files gives now, and an engine that uses it must analyse every fixture exactly like one
 * that analyses the rules itself.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GuardrailEngine, pathsFromRoot } from '../../server/src/engine/engine';
import { languageForPath } from '../../server/src/engine/languages';
import { RuleAnalysisCache, RULE_CACHE_FILE } from '../../server/src/engine/ruleCache';
import { analyzeSource, readFindingSources, readRuleSources, writeRuleCache } from '../../server/src/engine/ruleQueries';
import { fixtureSourceFiles, REPO_ROOT, sharedEngine } from '../helpers/engine';
import { comparable } from '../helpers/incremental';

const QUERIES = path.join(REPO_ROOT, 'server', 'queries');
const FAMILIES = ['go', 'python', 'ecma'] as const;

describe('rule analysis cache', function () {
  this.timeout(300000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-rule-cache-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the build recorded every rule file, and each entry equals a fresh analysis (else: run node scripts/build.js)', () => {
    const file = path.join(REPO_ROOT, 'dist', RULE_CACHE_FILE);
    assert.ok(fs.existsSync(file), `${file} is missing: the build writes it`);
    const cache = RuleAnalysisCache.load(file);
    let sources = 0;
    for (const family of FAMILIES) {
      for (const source of [...readRuleSources(QUERIES, family), ...readFindingSources(QUERIES, family)]) {
        sources++;
        const cached = cache.get(family, source);
        assert.ok(cached, `${source.file} is not in ${file}: rebuild (node scripts/build.js)`);
        assert.deepStrictEqual(cached, JSON.parse(JSON.stringify(analyzeSource(source, family))), `${source.file}: the recorded analysis is stale`);
      }
    }
    assert.ok(sources > 30, `only ${sources} rule files`);
    assert.strictEqual(cache.size, sources);
  });

  it('an engine with the recorded analysis gives the same results on every fixture as one without', async () => {
    const withCache = await sharedEngine();
    const without = await GuardrailEngine.create({ ...pathsFromRoot(REPO_ROOT), ruleCache: path.join(tmp, 'none.json') });
    try {
      const files = fixtureSourceFiles();
      assert.ok(files.length > 100, `only ${files.length} fixtures`);
      for (const file of files) {
        const language = languageForPath(file)!;
        const text = fs.readFileSync(file, 'utf8');
        const a = withCache.analyze(text, language, { auditFindings: true });
        const b = without.analyze(text, language, { auditFindings: true });
        assert.deepStrictEqual(comparable(a.analysis), comparable(b.analysis), path.relative(REPO_ROOT, file));
        a.tree?.delete();
        b.tree?.delete();
      }
    } finally {
      without.dispose();
    }
  });

  it('a malformed or foreign cache file is ignored, and an edited rule file misses the cache', async () => {
    const broken = path.join(tmp, 'broken.json');
    fs.writeFileSync(broken, '{"version": 1, "entries": ');
    assert.strictEqual(RuleAnalysisCache.load(broken).size, 0);
    fs.writeFileSync(broken, JSON.stringify({ version: 999, entries: { x: [] } }));
    assert.strictEqual(RuleAnalysisCache.load(broken).size, 0);
    const engine = await GuardrailEngine.create({ ...pathsFromRoot(REPO_ROOT), ruleCache: broken }, ['go']);
    try {
      const r = engine.analyze('package p\n\nimport "crypto/hmac"\n\nfunc C(a, b []byte) bool { return hmac.Equal(a, b) }\n', 'go');
      assert.deepStrictEqual(r.analysis.regions.map((x) => x.category), ['timing']);
      r.tree?.delete();
    } finally {
      engine.dispose();
    }

    // A copy of the rules with one file edited: that file misses, the others hit.
    const file = path.join(tmp, 'cache.json');
    writeRuleCache(QUERIES, file);
    const cache = RuleAnalysisCache.load(file);
    const [first, ...rest] = readRuleSources(QUERIES, 'go');
    assert.ok(first && rest.length > 0);
    assert.ok(cache.get('go', first));
    assert.strictEqual(cache.get('go', { ...first, text: `${first.text}\n; an edit\n` }), undefined);
    for (const s of rest) assert.ok(cache.get('go', s));
  });
});
