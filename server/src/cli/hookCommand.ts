import * as fs from 'fs';
import * as path from 'path';
import { engineFor } from '../agents/editImpact';
import { serveHooks } from '../agents/hookServer';
import { FORWARDED_ENV, SERVED_COMMANDS } from '../agents/hookSocket';
import { GuardrailEngine, pathsFromRoot } from '../engine/engine';
import { LANGUAGE_IDS } from '../engine/languages';
import { forbiddenCommand, pendingForSession, preEdit, recordEdit, type Decision } from '../agents/hooks';
import type { AgentId } from '../agents/journal';
import { isRecord } from '../json';
import { UsageError } from './args';
import type { CliContext } from './scanCommand';
import { findWorkspaceRoot } from './workspaceRoot';

export const HOOK_USAGE = `usage: ai-guardrails hook claude-code PreToolUse|PostToolUse
       ai-guardrails hook cursor afterFileEdit|beforeShellExecution|stop
  Reads the agent's hook payload (JSON) on stdin and answers on stdout in the agent's format.
  Claude Code: an Edit/MultiEdit/Write that would change unapproved do-not-trust code is answered
  "ask" (team config "agents": {"do-not-trust": "ask"|"deny"|"allow", "review": …}); Bash commands
  that approve reviews or write .guardrails/ are denied; finished edits are journalled.
  Cursor: edits are journalled, approval commands denied, and "stop" hands back the guarded
  regions the agent changed that still need a human. Set up with \`ai-guardrails init --agents\`.`;

/** Payloads are small; anything larger is not a hook payload. */
const MAX_PAYLOAD = 16 * 1024 * 1024;

const EDIT_TOOLS = new Set(['Edit', 'MultiEdit', 'Write']);

function readStdin(ctx: CliContext): Promise<Buffer> {
  if (ctx.readStdin) return ctx.readStdin();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_PAYLOAD) chunks.push(c);
    });
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * The folder whose ledger applies: the project the agent runs in (Claude Code's
 * CLAUDE_PROJECT_DIR or payload `cwd`, Cursor's first workspace root), up to its .guardrails/.git.
 */
function workspaceOf(payload: Record<string, unknown>, ctx: CliContext): { workspace: string; cwd: string } {
  const roots = Array.isArray(payload.workspace_roots) ? payload.workspace_roots.filter((r): r is string => typeof r === 'string') : [];
  const projectDir = ctx.projectDir ?? process.env.CLAUDE_PROJECT_DIR;
  const cwd = str(payload.cwd) ?? roots[0] ?? projectDir ?? ctx.cwd;
  const project = projectDir ?? roots[0] ?? cwd;
  const start = fs.existsSync(project) ? project : ctx.cwd;
  return { workspace: findWorkspaceRoot(start), cwd: fs.existsSync(cwd) ? cwd : start };
}

export async function runHook(argv: string[], ctx: CliContext): Promise<number> {
  const [agent, event] = argv;
  if (agent !== 'claude-code' && agent !== 'cursor') throw new UsageError(`hook: unknown agent ${JSON.stringify(agent ?? '')} (claude-code or cursor)`);
  if (!event) throw new UsageError('hook: name the event, e.g. PreToolUse');
  const raw = await readStdin(ctx);
  if (raw.length > MAX_PAYLOAD) {
    ctx.stderr(`ai-guardrails hook: payload over ${MAX_PAYLOAD / 1024 / 1024} MB ignored\n`);
    return 0;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(raw.toString('utf8'));
  } catch {
    // Never block an agent on input we cannot read; say so where the agent's log shows it.
    ctx.stderr('ai-guardrails hook: the payload is not JSON; nothing checked\n');
    return 0;
  }
  if (!isRecord(payload)) {
    ctx.stderr('ai-guardrails hook: the payload is not a JSON object; nothing checked\n');
    return 0;
  }
  try {
    const answer = agent === 'claude-code' ? await claudeCode(event, payload, ctx) : await cursor(event, payload, ctx);
    if (answer !== undefined) ctx.stdout(`${JSON.stringify(answer)}\n`);
  } catch (err) {
    // An analysis failure must not wedge the agent: report it and let the agent's own permission flow decide.
    ctx.stderr(`ai-guardrails hook: ${(err as Error).message}; nothing checked\n`);
  }
  return 0;
}

async function claudeCode(event: string, payload: Record<string, unknown>, ctx: CliContext): Promise<unknown> {
  const tool = str(payload.tool_name) ?? '';
  const input = isRecord(payload.tool_input) ? payload.tool_input : {};
  const { workspace, cwd } = workspaceOf(payload, ctx);
  if (event === 'PreToolUse') {
    if (tool === 'Bash') {
      const reason = forbiddenCommand(str(input.command) ?? '');
      return reason ? claudeDecision('deny', reason) : undefined;
    }
    if (!EDIT_TOOLS.has(tool)) return undefined;
    const answer = await preEdit(ctx.root, workspace, cwd, tool, input);
    // "allow" is left unsaid: saying it would skip the user's own permission prompt.
    return answer.decision === 'allow' ? undefined : claudeDecision(answer.decision, answer.reason ?? '');
  }
  if (event === 'PostToolUse') {
    if (!EDIT_TOOLS.has(tool)) return undefined;
    const filePath = str(input.file_path);
    if (!filePath) return undefined;
    const written = tool === 'Write' ? undefined : tool === 'MultiEdit' && Array.isArray(input.edits) ? input.edits.map((e) => (isRecord(e) ? String(e.new_string ?? '') : '')) : [String(input.new_string ?? '')];
    const entry = await recordEdit(ctx.root, workspace, cwd, { agent: 'claude-code', tool, filePath, ...(str(payload.session_id) ? { session: str(payload.session_id)! } : {}), ...(written ? { written } : {}) });
    if (!entry || entry.regions.length === 0) return undefined;
    return {
      hookSpecificOutput: {
        hookEventName: 'PostToolUse',
        additionalContext: `AI Guardrails: this edit changed guarded code in ${entry.path} (${entry.regions.map((r) => `${r.symbol}: ${r.category}`).join(', ')}). Tell the user it needs a human review before merge; do not approve it yourself.`,
      },
    };
  }
  return undefined;
}

function claudeDecision(decision: Exclude<Decision, 'allow'>, reason: string): unknown {
  return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision, permissionDecisionReason: reason } };
}

async function cursor(event: string, payload: Record<string, unknown>, ctx: CliContext): Promise<unknown> {
  const { workspace, cwd } = workspaceOf(payload, ctx);
  const session = str(payload.conversation_id);
  if (event === 'beforeShellExecution') {
    const reason = forbiddenCommand(str(payload.command) ?? '');
    if (!reason) return { permission: 'allow' };
    return { permission: 'deny', userMessage: `AI Guardrails blocked: ${reason}`, agentMessage: reason, user_message: `AI Guardrails blocked: ${reason}`, agent_message: reason };
  }
  if (event === 'afterFileEdit') {
    const filePath = str(payload.file_path);
    if (!filePath) return {};
    const edits = Array.isArray(payload.edits) ? payload.edits : [];
    const written = edits.map((e) => (isRecord(e) ? String(e.new_string ?? '') : '')).filter((s) => s.length > 0);
    await recordEdit(ctx.root, workspace, cwd, {
      agent: 'cursor',
      tool: 'afterFileEdit',
      filePath: path.isAbsolute(filePath) ? filePath : path.resolve(cwd, filePath),
      ...(session ? { session } : {}),
      ...(str(payload.model) ? { model: str(payload.model)! } : {}),
      ...(written.length > 0 ? { written } : {}),
    });
    return {};
  }
  if (event === 'stop') {
    // One follow-up per stop: a second would loop the agent.
    if (typeof payload.loop_count === 'number' && payload.loop_count > 0) return {};
    const pending = await pendingForSession(ctx.root, workspace, 'cursor' as AgentId, session);
    if (pending.length === 0) return {};
    return {
      followup_message:
        `AI Guardrails: you changed guarded code that no human has approved:\n${pending.map((p) => `- ${p}`).join('\n')}\n` +
        'Tell the user these need their review (they can use "Request human review" in the editor or `ai-guardrails review request <path>:<line>`). Do not approve them yourself.',
    };
  }
  return {};
}

/**
 * Runs `run` with the caller's FORWARDED_ENV variables in place of the server's own: requests run
 * one at a time (hookServer.ts), so the process environment is the request's while it runs.
 */
async function withCallerEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = new Map<string, string | undefined>();
  for (const k of Object.keys(process.env)) {
    if (!FORWARDED_ENV.test(k)) continue;
    saved.set(k, process.env[k]);
    delete process.env[k];
  }
  for (const [k, v] of Object.entries(env)) {
    if (!FORWARDED_ENV.test(k)) continue;
    if (!saved.has(k)) saved.set(k, undefined);
    process.env[k] = v;
  }
  try {
    return await run();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

type Main = (argv: string[], ctx?: Partial<CliContext>) => Promise<number>;

/**
 * `hook-server`: answers hook calls, and `scan`/`check` command lines, over the private socket
 * until idle (agents/hookServer.ts).
 */
export function runHookServer(_argv: string[], ctx: CliContext, main: Main): Promise<number> {
  // Compile every language's rules while no agent waits (the server starts after a cold call),
  // one language per job so a request is never stuck behind all of them.
  const warm = LANGUAGE_IDS.map((language) => async () => (await engineFor(ctx.root, language)).prepare());
  // `scan` and `check` share one engine of all languages, each language's queries compiled on its
  // first file; replaced after a parser fault, whose WebAssembly memory is not trusted again.
  let cliEngine: Promise<GuardrailEngine> | undefined;
  const keptEngine = () => (cliEngine ??= GuardrailEngine.create(pathsFromRoot(ctx.root)));
  return serveHooks(ctx.root, async (req) => {
    let stdout = '';
    let stderr = '';
    if (req.kind === 'cli') {
      if (!SERVED_COMMANDS.has(req.argv[0] ?? '')) return { code: 2, stdout: '', stderr: `ai-guardrails: the hook server does not run ${JSON.stringify(req.argv[0] ?? '')}\n` };
      const faults = cliEngine ? (await cliEngine).faults : 0;
      try {
        const code = await withCallerEnv(req.env ?? {}, () =>
          main(req.argv, {
            root: ctx.root,
            cwd: req.cwd,
            isTty: req.isTty === true,
            stdout: (s) => (stdout += s),
            stderr: (s) => (stderr += s),
            readStdin: () => Promise.resolve(Buffer.from(req.payload, 'utf8')),
            engine: keptEngine,
          }),
        );
        return { code, stdout, stderr };
      } finally {
        const used = cliEngine ? await cliEngine.catch(() => undefined) : undefined;
        if (!used || used.faults !== faults) {
          used?.dispose();
          cliEngine = undefined;
        }
      }
    }
    const code = await runHook(req.argv, {
      ...ctx,
      cwd: req.cwd,
      ...(req.projectDir ? { projectDir: req.projectDir } : {}),
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      readStdin: () => Promise.resolve(Buffer.from(req.payload, 'utf8')),
    });
    return { code, stdout, stderr };
  }, undefined, warm);
}
