import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { CATEGORY_IDS, isCategoryId, tierOf, type CategoryId } from './engine/categories';
import { GLOB_OPTIONS, globProblem, quoteGlob } from './engine/globCheck';
import { isTestPath } from './engine/testCode';
import { isRecord } from './json';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';
const SEVERITIES: readonly SeverityName[] = ['error', 'warning', 'information', 'hint'];

export interface GuardrailSettings {
  enable: boolean;
  /** Categories switched on. */
  categories: Record<CategoryId, boolean>;
  severity: Record<CategoryId, SeverityName>;
  exclude: string[];
  maxFileSizeKb: number;
  /** Analyse test, fixture, seed and benchmark code too (off: it yields nothing). */
  includeTests: boolean;
  /** Also report low-confidence ("audit") findings. */
  auditFindings: boolean;
}

export const DEFAULT_EXCLUDES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/vendor/**',
  '**/.venv/**',
  '**/venv/**',
  '**/__pycache__/**',
  '**/dist/**',
  '**/build/**',
  '**/*.min.js',
];

export const TEAM_CONFIG_PATH = path.join('.guardrails', 'config.json');

/**
 * The schema of these settings is `contributes.configuration` in package.json (what VS Code
 * validates in its settings editor); applySettings checks the same types, enums and bounds for
 * values VS Code does not check — the team config file, other editors — and test/unit/
 * settingsSchema.test.ts keeps the two in step. Hand-written rather than a JSON-schema validator
 * (ajv): a bad key must be reported and skipped while the good ones still apply, with messages in
 * the file's own terms, and the eight keys do not justify a validator in the server bundle.
 */
const MIN_FILE_SIZE_KB = 1;

export function defaultSettings(): GuardrailSettings {
  const categories = {} as Record<CategoryId, boolean>;
  const severity = {} as Record<CategoryId, SeverityName>;
  for (const c of CATEGORY_IDS) {
    categories[c] = true;
    severity[c] = tierOf(c) === 'do-not-trust' ? 'warning' : 'information';
  }
  return { enable: true, categories, severity, exclude: [...DEFAULT_EXCLUDES], maxFileSizeKb: 512, includeTests: false, auditFindings: false };
}

/**
 * Applies a partial settings object (VS Code settings or a team config) on top of `base`.
 * Unknown keys and bad values are reported in `problems` and otherwise ignored.
 */
export function applySettings(base: GuardrailSettings, input: unknown, problems: string[]): GuardrailSettings {
  const out: GuardrailSettings = {
    enable: base.enable,
    categories: { ...base.categories },
    severity: { ...base.severity },
    exclude: [...base.exclude],
    maxFileSizeKb: base.maxFileSizeKb,
    includeTests: base.includeTests,
    auditFindings: base.auditFindings,
  };
  if (input === undefined || input === null) return out;
  if (!isRecord(input)) {
    problems.push('settings must be an object');
    return out;
  }
  for (const [key, value] of Object.entries(input)) {
    switch (key) {
      case 'enable':
        if (typeof value === 'boolean') out.enable = value;
        else problems.push('"enable" must be true or false');
        break;
      case 'categories':
        if (Array.isArray(value)) {
          // A list names the categories that are on.
          for (const c of CATEGORY_IDS) out.categories[c] = false;
          for (const c of value) {
            if (isCategoryId(c)) out.categories[c] = true;
            else problems.push(`"categories": unknown category ${JSON.stringify(c)}`);
          }
        } else if (isRecord(value)) {
          for (const [c, on] of Object.entries(value)) {
            if (!isCategoryId(c)) problems.push(`"categories": unknown category ${JSON.stringify(c)}`);
            else if (typeof on !== 'boolean') problems.push(`"categories.${c}" must be true or false`);
            else out.categories[c] = on;
          }
        } else problems.push('"categories" must be an object of category: true|false');
        break;
      case 'severity':
        if (isRecord(value)) {
          for (const [c, sev] of Object.entries(value)) {
            if (!isCategoryId(c)) problems.push(`"severity": unknown category ${JSON.stringify(c)}`);
            else if (typeof sev !== 'string' || !(SEVERITIES as readonly string[]).includes(sev)) {
              problems.push(`"severity.${c}" must be one of ${SEVERITIES.join(', ')}`);
            } else out.severity[c] = sev as SeverityName;
          }
        } else problems.push('"severity" must be an object of category: severity');
        break;
      case 'exclude':
        if (Array.isArray(value) && value.every((g) => typeof g === 'string')) {
          for (const g of value as string[]) {
            const problem = globProblem(g);
            if (problem) problems.push(`"exclude": pattern ${quoteGlob(g)} ${problem}; left out`);
            else if (!out.exclude.includes(g)) out.exclude.push(g);
          }
        } else problems.push('"exclude" must be an array of glob strings');
        break;
      case 'maxFileSizeKb':
        if (typeof value === 'number' && Number.isFinite(value) && value >= MIN_FILE_SIZE_KB) out.maxFileSizeKb = value;
        else problems.push(`"maxFileSizeKb" must be a number of at least ${MIN_FILE_SIZE_KB} (KB), not ${JSON.stringify(value)}`);
        break;
      case 'includeTests':
        if (typeof value === 'boolean') out.includeTests = value;
        else problems.push('"includeTests" must be true or false');
        break;
      case 'auditFindings':
        if (typeof value === 'boolean') out.auditFindings = value;
        else problems.push('"auditFindings" must be true or false');
        break;
      case '$schema':
      case 'trace':
      case 'ai':
      case 'review':
      case 'editor':
      case 'editDetection':
      case 'agents': // team config only: the agent hooks' policy (agents/hooks.ts agentPolicy)
        break; // handled by other parts (client-only or feature settings)
      default:
        problems.push(`unknown setting "${key}"`);
    }
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

/** Matches workspace-relative paths (forward slashes) against the exclude globs. */
export function excludeMatcher(globs: string[]): (relPath: string) => boolean {
  // Patterns out of bounds were reported where they were read; never compile them here.
  const usable = globs.filter((g) => globProblem(g) === undefined);
  if (usable.length === 0) return () => false;
  const isMatch = picomatch(usable, GLOB_OPTIONS);
  return (relPath: string) => isMatch(relPath) || isMatch(`${relPath}/`);
}
