import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CATEGORY_IDS } from '../../server/src/engine/categories';
import { applySettings, defaultSettings, readTeamConfig, type GuardrailSettings } from '../../server/src/settings';
import { REPO_ROOT } from '../helpers/engine';

interface SchemaProp {
  type: string;
  default?: unknown;
  minimum?: number;
  enum?: unknown[];
  items?: SchemaProp;
  properties?: Record<string, SchemaProp>;
  additionalProperties?: boolean;
}

/** The settings the server applies, as package.json declares them for VS Code. */
const SERVER_KEYS = ['enable', 'categories', 'severity', 'exclude', 'maxFileSizeKb', 'includeTests', 'auditFindings'] as const;
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, SchemaProp> } } };
const schema = (key: string): SchemaProp => pkg.contributes.configuration.properties[`aiGuardrails.${key}`]!;

function problemsFor(input: unknown): string[] {
  const problems: string[] = [];
  applySettings(defaultSettings(), input, problems);
  return problems;
}

/** A value of the wrong JSON type for `type`. */
const wrongType = (type: string): unknown => (type === 'string' ? 1 : 'nope');

describe('settings validation follows the package.json schema', () => {
  for (const key of SERVER_KEYS) {
    const prop = schema(key);

    it(`${key}: the schema default is accepted and matches the server's default`, () => {
      assert.ok(prop, `package.json declares aiGuardrails.${key}`);
      const dflt = prop.properties ? Object.fromEntries(Object.entries(prop.properties).map(([k, p]) => [k, p.default])) : prop.default;
      assert.deepStrictEqual(problemsFor({ [key]: dflt }), []);
      const server = defaultSettings()[key as keyof GuardrailSettings];
      // exclude: the schema's default is the user's extra globs, on top of the built-in ones.
      if (key !== 'exclude') assert.deepStrictEqual(server, dflt);
    });

    it(`${key}: values the schema forbids are reported, naming the key`, () => {
      const bad: unknown[] = [wrongType(prop.type)];
      if (prop.type === 'array') bad.push([1]);
      // An array where an object or scalar is due (categories also takes a list of ids: a shorthand).
      else if (key !== 'categories') bad.push([]);
      else bad.push(['no-such-category']);
      if (prop.minimum !== undefined) bad.push(prop.minimum - 0.5, 1e-9 * prop.minimum, -1);
      if (prop.properties) {
        bad.push({ 'no-such-key': true });
        for (const [sub, p] of Object.entries(prop.properties)) {
          bad.push({ [sub]: wrongType(p.type) });
          if (p.enum) bad.push({ [sub]: 'not-in-enum' });
        }
      }
      for (const value of bad) {
        const problems = problemsFor({ [key]: value });
        assert.ok(problems.some((p) => p.includes(`"${key}`)), `${key}: ${JSON.stringify(value)} → ${JSON.stringify(problems)}`);
      }
      if (prop.minimum !== undefined) assert.deepStrictEqual(problemsFor({ [key]: prop.minimum }), [], 'the minimum itself is fine');
    });
  }

  it('declares exactly the category ids the server knows', () => {
    for (const key of ['categories', 'severity']) assert.deepStrictEqual(Object.keys(schema(key).properties!).sort(), [...CATEGORY_IDS].sort(), key);
  });

  it('reports a team config that is null, an array or a scalar, naming the file, and uses defaults', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-config-'));
    fs.mkdirSync(path.join(dir, '.guardrails'));
    const file = path.join(dir, '.guardrails', 'config.json');
    for (const [text, found] of [['null', 'null'], ['[]', 'an array'], ['3', 'a number']] as const) {
      fs.writeFileSync(file, text);
      const team = readTeamConfig(dir, defaultSettings());
      assert.deepStrictEqual(team.problems, [`${file}: must hold a JSON object of settings, not ${found}; using defaults`]);
      assert.deepStrictEqual(team.settings, defaultSettings());
    }
    fs.writeFileSync(file, JSON.stringify({ maxFileSizeKb: 1e-9 }));
    const team = readTeamConfig(dir, defaultSettings());
    assert.deepStrictEqual(team.problems, [`${file}: "maxFileSizeKb" must be a number of at least 1 (KB), not 1e-9`]);
    assert.strictEqual(team.settings.maxFileSizeKb, 512);
  });
});
