import * as fs from 'fs';
import * as path from 'path';
import { CATEGORIES, CATEGORY_IDS } from '../engine/categories';
import { isRecord } from '../json';
import { JOURNAL_DIR } from '../agents/journal';
import { parseArgs, UsageError } from './args';
import type { CliContext } from './scanCommand';
import { findWorkspaceRoot } from './workspaceRoot';

export const INIT_USAGE = `usage: ai-guardrails init --agents claude-code,cursor [--command CMD]
  Sets up the agent hooks and rules in this project, merging with what is there (never replacing
  other hooks; a malformed file is reported and left alone):
    claude-code  .claude/settings.json hooks (PreToolUse on Edit|MultiEdit|Write and Bash,
                 PostToolUse on edits) and an AI Guardrails section in CLAUDE.md
    cursor       .cursor/hooks.json (afterFileEdit, beforeShellExecution, stop),
                 .cursor/rules/ai-guardrails.mdc and a section in AGENTS.md
  --command CMD  how hooks start the CLI (default: the project's node_modules/.bin/ai-guardrails
                 when installed there, else ai-guardrails from PATH)`;

const AGENTS = ['claude-code', 'cursor'] as const;
type Agent = (typeof AGENTS)[number];

const SECTION_START = '<!-- ai-guardrails:start -->';
const SECTION_END = '<!-- ai-guardrails:end -->';

class InitError extends Error {}

function readJson(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new InitError(`${file}: cannot read (${(err as Error).message}); left unchanged`);
  }
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InitError(`${file}: not valid JSON (${(err as Error).message}); left unchanged — fix it and run init again`);
  }
  if (!isRecord(value)) throw new InitError(`${file}: not a JSON object; left unchanged`);
  return value;
}

function writeFile(file: string, text: string, done: string[], ws: string): void {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (existing === text) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  done.push(`${existing === undefined ? 'created' : 'updated'} ${path.relative(ws, file)}`);
}

function listOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Claude Code: `hooks.<Event>` is a list of `{ matcher, hooks: [{ type: "command", command }] }`. */
function mergeClaude(settings: Record<string, unknown>, command: string): Record<string, unknown> {
  const hooks = isRecord(settings.hooks) ? { ...settings.hooks } : {};
  const add = (event: string, matcher: string) => {
    const list = listOf(hooks[event]);
    const ours = `${command} hook claude-code ${event}`;
    const present = list.some((m) => isRecord(m) && m.matcher === matcher && listOf(m.hooks).some((h) => isRecord(h) && typeof h.command === 'string' && h.command.includes(`hook claude-code ${event}`)));
    if (!present) list.push({ matcher, hooks: [{ type: 'command', command: ours, timeout: 30 }] });
    hooks[event] = list;
  };
  add('PreToolUse', 'Edit|MultiEdit|Write');
  add('PreToolUse', 'Bash');
  add('PostToolUse', 'Edit|MultiEdit|Write');
  return { ...settings, hooks };
}

/** Cursor: `{ version: 1, hooks: { <event>: [{ command }] } }`. */
function mergeCursor(config: Record<string, unknown>, command: string): Record<string, unknown> {
  const hooks = isRecord(config.hooks) ? { ...config.hooks } : {};
  for (const event of ['afterFileEdit', 'beforeShellExecution', 'stop']) {
    const list = listOf(hooks[event]);
    if (!list.some((h) => isRecord(h) && typeof h.command === 'string' && h.command.includes(`hook cursor ${event}`))) {
      list.push({ command: `${command} hook cursor ${event}` });
    }
    hooks[event] = list;
  }
  return { version: typeof config.version === 'number' ? config.version : 1, ...config, hooks };
}

/** What every agent is told: the categories and to ask for a human instead of editing silently. */
function rulesText(): string {
  const rows = CATEGORY_IDS.map((c) => `| ${CATEGORIES[c].title} | ${CATEGORIES[c].tier} | ${CATEGORIES[c].covers} |`);
  return [
    '## AI Guardrails: code that needs a human',
    '',
    'This project marks code where AI-written changes are dangerous (do-not-trust) or need careful review. Before editing a file, check whether the function you change is guarded (`ai-guardrails scan <file>`, or the MCP tool `guarded_regions`).',
    '',
    '| Category | Tier | Covers |',
    '|---|---|---|',
    ...rows,
    '',
    '- Do not rewrite do-not-trust code silently. Say what you want to change and why, and ask the user to review it; hooks may stop the edit for confirmation.',
    '- Never approve reviews: do not run `ai-guardrails review approve`, and do not edit `.guardrails/` (reviews.json, config.json). You may run `ai-guardrails review request <path>:<line> --note "<what changed>"`.',
    '- After changing guarded code, list the changed regions for the user so a human reviews them before merge.',
  ].join('\n');
}

function upsertSection(file: string, done: string[], ws: string): void {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const section = `${SECTION_START}\n${rulesText()}\n${SECTION_END}`;
  const start = existing.indexOf(SECTION_START);
  const end = existing.indexOf(SECTION_END);
  const next =
    start !== -1 && end > start
      ? existing.slice(0, start) + section + existing.slice(end + SECTION_END.length)
      : `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}${existing ? '\n' : ''}${section}\n`;
  writeFile(file, next, done, ws);
}

export async function runInit(argv: string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, ['agents', 'command'], ['help']);
  if (args.flags.has('help')) {
    ctx.stdout(`${INIT_USAGE}\n`);
    return 0;
  }
  const names = (args.options.get('agents') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError(`init needs --agents ${AGENTS.join(',')}`);
  for (const n of names) if (!(AGENTS as readonly string[]).includes(n)) throw new UsageError(`unknown agent ${JSON.stringify(n)} (${AGENTS.join(', ')})`);
  const ws = findWorkspaceRoot(ctx.cwd);
  const local = fs.existsSync(path.join(ws, 'node_modules', '.bin', 'ai-guardrails'));
  const commandFor = (agent: Agent) =>
    args.options.get('command') ?? (local ? (agent === 'claude-code' ? '"$CLAUDE_PROJECT_DIR"/node_modules/.bin/ai-guardrails' : 'npx --no-install ai-guardrails') : 'ai-guardrails');
  const done: string[] = [];
  try {
    // Read (and validate) everything first, so a malformed file stops init before anything is written.
    const plans: (() => void)[] = [];
    if (names.includes('claude-code')) {
      const file = path.join(ws, '.claude', 'settings.json');
      const merged = mergeClaude(readJson(file), commandFor('claude-code'));
      plans.push(() => writeFile(file, `${JSON.stringify(merged, null, 2)}\n`, done, ws));
      plans.push(() => upsertSection(path.join(ws, 'CLAUDE.md'), done, ws));
    }
    if (names.includes('cursor')) {
      const file = path.join(ws, '.cursor', 'hooks.json');
      const merged = mergeCursor(readJson(file), commandFor('cursor'));
      plans.push(() => writeFile(file, `${JSON.stringify(merged, null, 2)}\n`, done, ws));
      plans.push(() =>
        writeFile(path.join(ws, '.cursor', 'rules', 'ai-guardrails.mdc'), `---\ndescription: Code that needs a human review (AI Guardrails)\nalwaysApply: true\n---\n\n${rulesText()}\n`, done, ws),
      );
      plans.push(() => upsertSection(path.join(ws, 'AGENTS.md'), done, ws));
    }
    plans.push(() => {
      const ignore = path.join(ws, JOURNAL_DIR, '.gitignore');
      if (!fs.existsSync(ignore)) writeFile(ignore, '# Local to this machine: agent-edit provenance for AI Guardrails.\n*\n', done, ws);
    });
    for (const p of plans) p();
  } catch (err) {
    if (err instanceof InitError) {
      ctx.stderr(`ai-guardrails init: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  ctx.stdout(done.length > 0 ? `${done.join('\n')}\n` : 'already set up; nothing changed\n');
  if (!local && !args.options.has('command')) {
    ctx.stdout('note: hooks run `ai-guardrails` from PATH; install it (npm i -g ai-guardrails, or as a devDependency and run init again) or pass --command\n');
  }
  return 0;
}
