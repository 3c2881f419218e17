/**
 * The server's settings: the schema in common/src/settings.ts (keys, defaults, checks) applied to
 * VS Code settings, the team config file (.guardrails/config.json, also `--config`) and other
 * editors' settings; plus what the settings decide about paths (excludes, test code).
 */
import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { CATEGORY_IDS, type CategoryId } from './engine/categories';
import { GLOB_OPTIONS, globProblem, quoteGlob } from './engine/globCheck';
import { isTestPath } from './engine/testCode';
import { isRecord } from './json';
import {
  DEFAULT_EXCLUDES,
  readSetting,
  settingDefault,
  TEAM_CONFIG_OTHER_KEYS,
  TEAM_KEYS,
  type GuardrailSettings,
  type ReadOptions,
  type TeamKey,
} from '../../common/src/settings';

export type { GuardrailSettings, SeverityName } from '../../common/src/settings';

export const TEAM_CONFIG_PATH = path.join('.guardrails', 'config.json');

/** The schema's defaults of the engine settings, with the built-in excludes. */
export function defaultSettings(): GuardrailSettings {
  const out = Object.fromEntries(TEAM_KEYS.map((k) => [k, settingDefault(k)])) as GuardrailSettings;
  // The setting's default is the user's extra globs; the built-in ones always apply.
  out.exclude = [...DEFAULT_EXCLUDES, ...out.exclude];
  return out;
}

/** Exclude patterns out of bounds are reported where they are read and never compiled. */
const READ_OPTIONS: ReadOptions = {
  globProblem: (g) => {
    const problem = globProblem(g);
    return problem && `pattern ${quoteGlob(g)} ${problem}`;
  },
};

function isTeamKey(key: string): key is TeamKey {
  return (TEAM_KEYS as readonly string[]).includes(key);
}

function applyOne<K extends TeamKey>(out: GuardrailSettings, key: K, value: unknown, problems: string[]): void {
  out[key] = readSetting(key, value, out[key], problems, READ_OPTIONS) as GuardrailSettings[K];
}

/**
 * Applies a partial settings object (VS Code settings or a team config) on top of `base`.
 * Unknown keys and bad values are reported in `problems` and otherwise ignored.
 */
export function applySettings(base: GuardrailSettings, input: unknown, problems: string[]): GuardrailSettings {
  const out = structuredClone(base);
  if (input === undefined || input === null) return out;
  if (!isRecord(input)) {
    problems.push('settings must be an object');
    return out;
  }
  for (const [key, value] of Object.entries(input)) {
    if (isTeamKey(key)) applyOne(out, key, value, problems);
    else if (!TEAM_CONFIG_OTHER_KEYS.has(key)) problems.push(`unknown setting "${key}"`);
  }
  return out;
}

export interface TeamConfig {
  settings: GuardrailSettings;
  /** Human-readable problems, each naming the file. Empty when the file is fine or absent. */
  problems: string[];
}

/**
 * Reads `<folder>/.guardrails/config.json` on top of `base`. A malformed file is reported and
 * `base` is used unchanged; the file is never written.
 */
export function readTeamConfig(folder: string, base: GuardrailSettings): TeamConfig {
  return readTeamConfigFile(path.join(folder, TEAM_CONFIG_PATH), base);
}

/** The same, for a config file given by path (`--config`). */
export function readTeamConfigFile(file: string, base: GuardrailSettings): TeamConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { settings: base, problems: [] };
    return { settings: base, problems: [`${file}: cannot read (${(err as Error).message}); using defaults`] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { settings: base, problems: [`${file}: not valid JSON (${(err as Error).message}); using defaults`] };
  }
  if (!isRecord(parsed)) {
    const found = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
    return { settings: base, problems: [`${file}: must hold a JSON object of settings, not ${found}; using defaults`] };
  }
  const problems: string[] = [];
  const settings = applySettings(base, parsed, problems);
  return { settings, problems: problems.map((p) => `${file}: ${p}`) };
}

export function enabledCategories(settings: GuardrailSettings): Set<CategoryId> {
  return new Set(CATEGORY_IDS.filter((c) => settings.categories[c]));
}

/**
 * What a walk of a workspace folder leaves out under these settings: the exclude globs
 * (workspace-relative) and, unless `includeTests`, test code (relative to the walked folder).
 */
export function walkFilters(settings: GuardrailSettings, extraGlobs: readonly string[] = []): { isExcluded: (rel: string) => boolean; isTestCode?: (rel: string) => boolean } {
  return {
    isExcluded: excludeMatcher([...settings.exclude, ...extraGlobs]),
    ...(settings.includeTests ? {} : { isTestCode: isTestPath }),
  };
}

/** Whether a workspace-relative file is left out of analysis under these settings. */
export function isPathExcluded(settings: GuardrailSettings, relPath: string): boolean {
  return excludeMatcher(settings.exclude)(relPath) || (!settings.includeTests && isTestPath(relPath));
}

const BUILT_IN_EXCLUDES: ReadonlySet<string> = new Set(DEFAULT_EXCLUDES);

/** Matches workspace-relative paths (forward slashes) against the exclude globs. */
export function excludeMatcher(globs: string[]): (relPath: string) => boolean {
  // Patterns out of bounds were reported where they were read; never compile them here. The
  // built-in excludes are known to be within bounds (a unit test checks): probing them for
  // backtracking cost a CLI run 50 ms before it read a file.
  const usable = globs.filter((g) => BUILT_IN_EXCLUDES.has(g) || globProblem(g) === undefined);
  if (usable.length === 0) return () => false;
  const isMatch = picomatch(usable, GLOB_OPTIONS);
  return (relPath: string) => isMatch(relPath) || isMatch(`${relPath}/`);
}
