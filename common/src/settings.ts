/**
 * The settings schema: every `aiGuardrails.*` setting, declared once. From this table come
 *  - the manifest's `contributes.configuration` (and the settings restricted in untrusted
 *    workspaces): scripts/gen-manifest-settings.ts writes them into package.json, and
 *    test/unit/settingsManifest.test.ts fails when package.json drifts from the table;
 *  - the server's settings with their defaults and the checks of malformed values, the same for
 *    VS Code settings and the team config file (server/src/settings.ts applySettings);
 *  - the client's typed getters (client/src/config.ts).
 * A typed table rather than a JSON-schema validator: a bad key is reported and skipped while the
 * good ones still apply, with messages in the file's own terms.
 */
import { DEFAULT_AZURE_API_VERSION, DEFAULT_BASE_URL, DEFAULT_MODEL } from './ai';
import { CATEGORY_IDS, tierOf, type CategoryId } from './categories';
import { CONFIG_SECTION } from './names';

/** The settings editor's heading for the section. */
export const SETTINGS_TITLE = 'AI Guardrails';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITY_NAMES: readonly SeverityName[] = ['error', 'warning', 'information', 'hint'];

/**
 * What every walk leaves out, on top of the `exclude` setting (dependencies, VCS, build output).
 * A `build/` folder holds output only for the languages that compile into one: JavaScript (tsc,
 * Babel and bundlers emit .js there; tsc never emits .ts, only .d.ts, which is never analysed) and
 * Python (setuptools' build/lib). Go and TypeScript files in a `build/` folder are source: a Go
 * package named build (drone's and go-vela's build stores, round 100) or a TypeScript package
 * (trigger.dev's packages/build).
 */
export const DEFAULT_EXCLUDES: readonly string[] = [
  '**/node_modules/**',
  '**/.git/**',
  '**/vendor/**',
  '**/.venv/**',
  '**/venv/**',
  '**/__pycache__/**',
  '**/dist/**',
  '**/build/**/*.{js,jsx,cjs,mjs,py}',
  '**/*.min.js',
];

interface SpecBase {
  description: string;
  /** `description` is Markdown (the manifest's `markdownDescription`). */
  markdown?: true;
  /** VS Code scope; absent: the default (resource/window as VS Code decides). */
  scope?: 'window';
  /** Ignored by VS Code in untrusted workspaces (`restrictedConfigurations`). */
  restricted?: true;
  /**
   * Read by the server for the engine, from VS Code settings and from the team config
   * (.guardrails/config.json) under the same key.
   */
  team?: true;
}

export type SettingSpec = SpecBase &
  (
    | { kind: 'boolean'; default: boolean }
    | { kind: 'number' | 'integer'; default: number; minimum: number; maximum?: number; /** said after the minimum in messages */ unit?: string }
    | { kind: 'string'; default: string }
    | { kind: 'enum'; values: readonly string[]; default: string; enumDescriptions?: readonly string[] }
    /** A list of glob patterns, added to what is already there. */
    | { kind: 'globs'; default: readonly string[] }
    /** category id → on/off; also a list naming the categories that are on. Defaults: all on. */
    | { kind: 'categoryFlags' }
    /** category id → severity. Defaults: warning for do-not-trust categories, else information. */
    | { kind: 'categorySeverity' }
  );

export const SETTINGS = {
  enable: {
    kind: 'boolean',
    default: true,
    team: true,
    description: 'Mark AI-risky regions in Go, Python, TypeScript and JavaScript files.',
  },
  categories: {
    kind: 'categoryFlags',
    team: true,
    description: 'Switch categories on or off.',
  },
  severity: {
    kind: 'categorySeverity',
    team: true,
    description: 'Diagnostic severity per category (do-not-trust: warning, review: information by default).',
  },
  exclude: {
    kind: 'globs',
    default: [],
    team: true,
    description: 'Extra glob patterns (relative to the workspace folder) to leave out, on top of node_modules, vendor, dist, JavaScript and Python build output and virtualenvs.',
  },
  includeTests: {
    kind: 'boolean',
    default: false,
    team: true,
    markdown: true,
    description:
      'Also mark regions and findings in test, fixture, seed and benchmark code (Go `_test.go`, `testdata/`; Python `test_*.py`, `*_test.py`, `tests/`, `conftest.py`; JS/TS `*.test.*`, `*.spec.*`, `__tests__/`, `e2e/`, `cypress/`; `fixtures/`, `seeds/`, `bench/`…) and generated code (a `Code generated … DO NOT EDIT.` or `@generated` header). Off by default: changes there do not need a domain expert\'s review.',
  },
  auditFindings: {
    kind: 'boolean',
    default: false,
    team: true,
    markdown: true,
    description:
      'Also report audit (low-confidence) findings: rule families judged right less than a third of the time on real code, such as SQL built from runtime values, secrets in logs, JWT verification or claim checks turned off, unpinned JWT algorithms, insecure randomness, weak hashes and hard-coded secrets. Off by default; the region of the same code (sql, jwt, crypto, auth) still marks it for review.',
  },
  maxFileSizeKb: {
    kind: 'number',
    default: 512,
    minimum: 1,
    unit: 'KB',
    team: true,
    description: 'Files larger than this are skipped with a reason.',
  },
  'trace.server': {
    kind: 'enum',
    values: ['off', 'messages', 'verbose'],
    default: 'off',
    scope: 'window',
    description: 'Traces the communication between VS Code and the AI Guardrails server.',
  },
  'ai.enable': {
    kind: 'boolean',
    default: false,
    restricted: true,
    markdown: true,
    description: 'Offer **Ask AI for a second opinion** on guardrail regions. Off by default; never available in untrusted workspaces. The AI answer is advice and never changes review status.',
  },
  'ai.baseUrl': {
    kind: 'string',
    default: DEFAULT_BASE_URL,
    restricted: true,
    markdown: true,
    description:
      'Base URL of an OpenAI-compatible chat-completions endpoint: `https://api.openai.com/v1`, `http://localhost:11434/v1` (Ollama), `http://localhost:1234/v1` (LM Studio), `http://localhost:8000/v1` (vLLM), or `https://<resource>.openai.azure.com/openai/deployments/<deployment>` (Azure OpenAI). The API key is kept in VS Code secret storage per endpoint origin (command **AI Guardrails: Set AI API Key**), never in settings.',
  },
  'ai.model': {
    kind: 'string',
    default: DEFAULT_MODEL,
    description: 'Model name sent to the endpoint (for Azure OpenAI, the deployment name unless aiGuardrails.ai.azureDeployment is set).',
  },
  'ai.timeoutSeconds': {
    kind: 'number',
    default: 60,
    minimum: 1,
    maximum: 600,
    description: 'Give up on an AI second opinion after this many seconds (waiting for a rate limit and streaming included).',
  },
  'ai.provider': {
    kind: 'enum',
    values: ['auto', 'openai', 'azure'],
    default: 'auto',
    restricted: true,
    enumDescriptions: [
      'Azure OpenAI when the base URL host ends in openai.azure.com, else OpenAI-compatible',
      'Always the OpenAI wire format with a Bearer key',
      'Always Azure OpenAI (api-key header, api-version query)',
    ],
    description: 'Wire format of the endpoint.',
  },
  'ai.azureApiVersion': {
    kind: 'string',
    default: DEFAULT_AZURE_API_VERSION,
    description: 'Azure OpenAI api-version query parameter.',
  },
  'ai.azureDeployment': {
    kind: 'string',
    default: '',
    description: 'Azure OpenAI deployment name; empty uses aiGuardrails.ai.model. Ignored when the base URL already names a deployment.',
  },
  'editor.gutterIcons': {
    kind: 'boolean',
    default: true,
    scope: 'window',
    description: 'Show a gutter icon (one per tier) on the first line of each guarded region.',
  },
  'editor.lineBackground': {
    kind: 'boolean',
    default: true,
    scope: 'window',
    markdown: true,
    description: 'Shade the lines of guarded regions that still need review. Colours: `aiGuardrails.doNotTrustBackground` and `aiGuardrails.reviewBackground` in `#workbench.colorCustomizations#`.',
  },
  'editor.codeLens': {
    kind: 'boolean',
    default: true,
    scope: 'window',
    description: 'Show a CodeLens above each guarded region with its category, review status and a "Request review" action.',
  },
  'editDetection.enable': {
    kind: 'boolean',
    default: true,
    scope: 'window',
    markdown: true,
    description:
      'Mark guarded regions touched by edits that look like AI or agent edits (large single changes, files changed on disk, edits by other extensions) as "bulk/external edit since last review". This is a heuristic; see docs/edit-detection.md.',
  },
  'editDetection.minLines': {
    kind: 'integer',
    default: 8,
    minimum: 1,
    scope: 'window',
    description: 'Non-blank lines one change (or one quick burst of changes) must insert to count as a bulk edit.',
  },
  'editDetection.minChars': {
    kind: 'integer',
    default: 400,
    minimum: 1,
    scope: 'window',
    description: 'Characters one change (or one quick burst of changes) must insert to count as a bulk edit.',
  },
  'review.approvedDisplay': {
    kind: 'enum',
    values: ['hint', 'hide'],
    default: 'hint',
    enumDescriptions: [
      'Approved and suppressed regions stay as hint-level diagnostics (faded dots).',
      'Approved and suppressed regions show no diagnostic.',
    ],
    description: 'How approved and suppressed regions appear in the Problems panel and the editor.',
  },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

/** The TypeScript type of a setting's value. */
export type SettingValue<K extends SettingKey> = ValueOf<(typeof SETTINGS)[K]>;
type ValueOf<S> = S extends { kind: 'boolean' }
  ? boolean
  : S extends { kind: 'number' | 'integer' }
    ? number
    : S extends { kind: 'string' }
      ? string
      : S extends { kind: 'enum'; values: readonly (infer V)[] }
        ? V
        : S extends { kind: 'globs' }
          ? string[]
          : S extends { kind: 'categoryFlags' }
            ? Record<CategoryId, boolean>
            : S extends { kind: 'categorySeverity' }
              ? Record<CategoryId, SeverityName>
              : never;

/** The settings the engine uses (the `team` keys), as the server holds them. */
export type TeamKey = { [K in SettingKey]: (typeof SETTINGS)[K] extends { team: true } ? K : never }[SettingKey];
export type GuardrailSettings = { [K in TeamKey]: SettingValue<K> };

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
export const TEAM_KEYS = SETTING_KEYS.filter((k): k is TeamKey => specOf(k).team === true);

/**
 * Keys a team config may hold that the engine settings do not cover, so they are not "unknown":
 * the JSON-schema reference, the agent hooks' policy (agents/hooks.ts agentPolicy), and the
 * groups of the editor-only settings (`ai`, `editor`, …).
 */
export const TEAM_CONFIG_OTHER_KEYS: ReadonlySet<string> = new Set([
  '$schema',
  'agents',
  ...SETTING_KEYS.filter((k) => specOf(k).team !== true).map((k) => k.split('.')[0]!),
]);

export function specOf(key: SettingKey): SettingSpec {
  return SETTINGS[key];
}

function severityDefault(c: CategoryId): SeverityName {
  return tierOf(c) === 'do-not-trust' ? 'warning' : 'information';
}

/** A fresh copy of the setting's default value. */
export function settingDefault<K extends SettingKey>(key: K): SettingValue<K> {
  const spec = specOf(key);
  switch (spec.kind) {
    case 'categoryFlags':
      return Object.fromEntries(CATEGORY_IDS.map((c) => [c, true])) as SettingValue<K>;
    case 'categorySeverity':
      return Object.fromEntries(CATEGORY_IDS.map((c) => [c, severityDefault(c)])) as SettingValue<K>;
    case 'globs':
      return [...spec.default] as SettingValue<K>;
    default:
      return spec.default as SettingValue<K>;
  }
}

/** Whether a category id is known (a settings object may name anything). */
function isCategory(value: unknown): value is CategoryId {
  return typeof value === 'string' && (CATEGORY_IDS as readonly string[]).includes(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ReadOptions {
  /** For `globs` settings: why a pattern cannot be used (it is then left out), or undefined. */
  globProblem?: (glob: string) => string | undefined;
}

/**
 * Reads a setting's value on top of `current`: the new value when it is well-formed; otherwise
 * `current`, with what is wrong pushed to `problems` (naming the key as the settings file spells
 * it). Maps (categories, severity) apply their good entries and report the bad ones; globs are
 * added to `current`.
 */
export function readSetting<K extends SettingKey>(key: K, value: unknown, current: SettingValue<K>, problems: string[], options: ReadOptions = {}): SettingValue<K> {
  const spec = specOf(key);
  const q = `"${key}"`;
  switch (spec.kind) {
    case 'boolean':
      if (typeof value === 'boolean') return value as SettingValue<K>;
      problems.push(`${q} must be true or false`);
      return current;
    case 'number':
    case 'integer': {
      if (typeof value === 'number' && Number.isFinite(value) && value >= spec.minimum) {
        const n = spec.kind === 'integer' ? Math.floor(value) : value;
        return (spec.maximum === undefined ? n : Math.min(n, spec.maximum)) as SettingValue<K>;
      }
      const noun = spec.kind === 'integer' ? 'a whole number' : 'a number';
      problems.push(`${q} must be ${noun} of at least ${spec.minimum}${spec.unit ? ` (${spec.unit})` : ''}, not ${JSON.stringify(value)}`);
      return current;
    }
    case 'string':
      if (typeof value === 'string') return value as SettingValue<K>;
      problems.push(`${q} must be a string`);
      return current;
    case 'enum':
      if (typeof value === 'string' && spec.values.includes(value)) return value as SettingValue<K>;
      problems.push(`${q} must be one of ${spec.values.join(', ')}`);
      return current;
    case 'globs': {
      if (!Array.isArray(value) || !value.every((g) => typeof g === 'string')) {
        problems.push(`${q} must be an array of glob strings`);
        return current;
      }
      const out = [...(current as string[])];
      for (const g of value as string[]) {
        const problem = options.globProblem?.(g);
        if (problem) problems.push(`${q}: ${problem}; left out`);
        else if (!out.includes(g)) out.push(g);
      }
      return out as SettingValue<K>;
    }
    case 'categoryFlags': {
      const out = { ...(current as Record<CategoryId, boolean>) };
      if (Array.isArray(value)) {
        // A list names the categories that are on.
        for (const c of CATEGORY_IDS) out[c] = false;
        for (const c of value) {
          if (isCategory(c)) out[c] = true;
          else problems.push(`${q}: unknown category ${JSON.stringify(c)}`);
        }
      } else if (isObject(value)) {
        for (const [c, on] of Object.entries(value)) {
          if (!isCategory(c)) problems.push(`${q}: unknown category ${JSON.stringify(c)}`);
          else if (typeof on !== 'boolean') problems.push(`"${key}.${c}" must be true or false`);
          else out[c] = on;
        }
      } else problems.push(`${q} must be an object of category: true|false`);
      return out as SettingValue<K>;
    }
    case 'categorySeverity': {
      const out = { ...(current as Record<CategoryId, SeverityName>) };
      if (isObject(value)) {
        for (const [c, sev] of Object.entries(value)) {
          if (!isCategory(c)) problems.push(`${q}: unknown category ${JSON.stringify(c)}`);
          else if (typeof sev !== 'string' || !(SEVERITY_NAMES as readonly string[]).includes(sev)) {
            problems.push(`"${key}.${c}" must be one of ${SEVERITY_NAMES.join(', ')}`);
          } else out[c] = sev as SeverityName;
        }
      } else problems.push(`${q} must be an object of category: severity`);
      return out as SettingValue<K>;
    }
  }
}

/** A raw value of the setting, checked: the value, or the default when it is unset or malformed. */
export function checkedSetting<K extends SettingKey>(key: K, value: unknown): SettingValue<K> {
  return value === undefined || value === null ? settingDefault(key) : readSetting(key, value, settingDefault(key), []);
}

/** A setting's value in a settings object of the section (nested, as VS Code sends it), checked. */
export function settingFrom<K extends SettingKey>(section: unknown, key: K): SettingValue<K> {
  let value: unknown = section;
  for (const part of key.split('.')) value = isObject(value) ? value[part] : undefined;
  return checkedSetting(key, value);
}

/** The manifest's JSON schema of one setting (`contributes.configuration.properties[...]`). */
export function manifestProperty(key: SettingKey): Record<string, unknown> {
  const spec = specOf(key);
  const text = { [spec.markdown ? 'markdownDescription' : 'description']: spec.description };
  const scope = spec.scope ? { scope: spec.scope } : {};
  switch (spec.kind) {
    case 'categoryFlags':
    case 'categorySeverity': {
      const dflt = settingDefault(key) as Record<string, unknown>;
      const item = spec.kind === 'categoryFlags' ? { type: 'boolean' } : { type: 'string', enum: [...SEVERITY_NAMES] };
      const properties = Object.fromEntries(CATEGORY_IDS.map((c) => [c, { ...item, default: dflt[c] }]));
      return { type: 'object', ...text, additionalProperties: false, properties, default: dflt };
    }
    case 'globs':
      return { type: 'array', items: { type: 'string' }, default: [...spec.default], ...scope, ...text };
    case 'enum':
      return { type: 'string', enum: [...spec.values], default: spec.default, ...(spec.enumDescriptions ? { enumDescriptions: [...spec.enumDescriptions] } : {}), ...scope, ...text };
    case 'number':
    case 'integer':
      return { type: spec.kind, default: spec.default, minimum: spec.minimum, ...(spec.maximum !== undefined ? { maximum: spec.maximum } : {}), ...scope, ...text };
    default:
      return { type: spec.kind, default: spec.default, ...scope, ...text };
  }
}

/** `contributes.configuration` and `capabilities.untrustedWorkspaces.restrictedConfigurations`. */
export function manifestSettings(): { configuration: { title: string; properties: Record<string, unknown> }; restrictedConfigurations: string[] } {
  return {
    configuration: {
      title: SETTINGS_TITLE,
      properties: Object.fromEntries(SETTING_KEYS.map((k) => [`${CONFIG_SECTION}.${k}`, manifestProperty(k)])),
    },
    restrictedConfigurations: SETTING_KEYS.filter((k) => specOf(k).restricted).map((k) => `${CONFIG_SECTION}.${k}`),
  };
}
