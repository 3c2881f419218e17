import * as assert from 'assert';
import * as fs from 'fs';
import { isIgnoredPath } from '../../client/src/model/watchedFiles';
import { globProblem } from '../../server/src/engine/globCheck';
import { checkedSetting, DEFAULT_EXCLUDES, manifestSettings, settingFrom, SETTING_KEYS, specOf, TEAM_CONFIG_OTHER_KEYS, TEAM_KEYS } from '../../common/src/settings';
import { PACKAGE_JSON, renderPackageJson } from '../../scripts/gen-manifest-settings';
import { applySettings, defaultSettings, excludeMatcher } from '../../server/src/settings';

/** package.json is generated from common/src/settings.ts; these tests fail when it drifts. */
describe('the settings schema (common/src/settings.ts) and package.json', () => {
  const text = fs.readFileSync(PACKAGE_JSON, 'utf8');
  const pkg = JSON.parse(text) as { contributes: { configuration: unknown }; capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } } };

  it('package.json declares exactly the settings the schema generates (run `npm run gen:settings` after changing one)', () => {
    const generated = manifestSettings();
    assert.deepStrictEqual(pkg.contributes.configuration, generated.configuration, 'contributes.configuration');
    assert.deepStrictEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, generated.restrictedConfigurations, 'restrictedConfigurations');
    assert.strictEqual(renderPackageJson(text), text, 'package.json is byte for byte what gen-manifest-settings writes');
  });

  it('the drift check notices a hand edit of package.json', () => {
    const edited = JSON.parse(text) as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } } };
    edited.contributes.configuration.properties['aiGuardrails.maxFileSizeKb']!.default = 1024;
    const editedText = `${JSON.stringify(edited, null, 2)}\n`;
    assert.notStrictEqual(renderPackageJson(editedText), editedText);
    assert.strictEqual(renderPackageJson(editedText), text, 'regenerating restores the schema');
  });

  it('the team config knows the engine settings and the groups of the editor-only ones, nothing else', () => {
    assert.deepStrictEqual(TEAM_KEYS, ['enable', 'categories', 'severity', 'exclude', 'includeTests', 'auditFindings', 'maxFileSizeKb']);
    assert.deepStrictEqual([...TEAM_CONFIG_OTHER_KEYS].sort(), ['$schema', 'agents', 'ai', 'editDetection', 'editor', 'review', 'trace']);
    const problems: string[] = [];
    applySettings(defaultSettings(), { ai: { enable: true }, agents: {}, trace: {}, nope: 1 }, problems);
    assert.deepStrictEqual(problems, ['unknown setting "nope"']);
    for (const key of SETTING_KEYS) assert.ok(specOf(key).description.length > 0, key);
  });

  it('client getters: unset or malformed values read as the default, well-formed ones as given', () => {
    assert.strictEqual(settingFrom({ review: { approvedDisplay: 'hide' } }, 'review.approvedDisplay'), 'hide');
    assert.strictEqual(settingFrom({ review: { approvedDisplay: 'nope' } }, 'review.approvedDisplay'), 'hint');
    assert.strictEqual(settingFrom({ ai: { enable: 'true' } }, 'ai.enable'), false);
    assert.strictEqual(settingFrom({ ai: { enable: true } }, 'ai.enable'), true);
    assert.strictEqual(settingFrom(undefined, 'editor.codeLens'), true);
    assert.strictEqual(checkedSetting('ai.timeoutSeconds', 5000), 600, 'clamped to the maximum');
    assert.strictEqual(checkedSetting('ai.timeoutSeconds', 0), 60);
    assert.strictEqual(checkedSetting('editDetection.minLines', 3.7), 3);
    assert.strictEqual(checkedSetting('ai.provider', 'azure'), 'azure');
    assert.strictEqual(checkedSetting('ai.provider', 'other'), 'auto');
  });

  it('the edit watcher leaves out every default exclude, as the server does', () => {
    const isExcluded = excludeMatcher([...DEFAULT_EXCLUDES]);
    for (const glob of DEFAULT_EXCLUDES) {
      const endings = /\{([\w,]+)\}$/.exec(glob)?.[1]?.split(',') ?? [undefined];
      for (const ending of endings) {
        const example = glob
          .replace(/^\*\*\//, 'pkg/')
          .replace(/\/\*\*\/\*\.\{[\w,]+\}$/, `/sub/lib.${ending}`)
          .replace(/\/\*\*$/, '/lib.go')
          .replace('*', 'app');
        assert.ok(isExcluded(example), `the server: ${glob}: ${example}`);
        assert.ok(isIgnoredPath(example), `the watcher: ${glob}: ${example}`);
      }
    }
    assert.ok(!isIgnoredPath('pkg/lib.go'));
  });

  it('a build/ folder is output for JavaScript and Python only: Go and TypeScript there are source, for the server and the watcher alike', () => {
    const isExcluded = excludeMatcher([...DEFAULT_EXCLUDES]);
    for (const rel of ['build/index.js', 'packages/core/build/lib/auth.mjs', 'build/lib/pkg/views.py', 'lib/build/src/index.cjs']) {
      assert.ok(isExcluded(rel), rel);
      assert.ok(isIgnoredPath(rel), rel);
    }
    for (const rel of ['store/build/build.go', 'packages/build/src/index.ts', 'build.go', 'src/builder/x.js']) {
      assert.ok(!isExcluded(rel), rel);
      assert.ok(!isIgnoredPath(rel), rel);
    }
  });

  it('every default exclude is within the glob bounds (the server trusts them without probing)', () => {
    for (const glob of DEFAULT_EXCLUDES) assert.strictEqual(globProblem(glob), undefined, glob);
  });
});
