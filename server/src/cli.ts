/** `ai-guardrails`: the same engine as the language server, for CI and pre-commit hooks. */
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './cli/args';
import { runScan, SCAN_USAGE, type CliContext } from './cli/scanCommand';
import { CHECK_USAGE, runCheck } from './cli/checkCommand';
import { HOOK_USAGE, runHook, runHookServer } from './cli/hookCommand';
export { startHookServer } from './agents/hookServer';
/** For the build (scripts/build.js): records the rule files' analysis in dist/rule-cache.json. */
export { writeRuleCache } from './engine/ruleQueries';
import { INIT_USAGE, runInit } from './cli/initCommand';
import { AI_REVIEW_USAGE, runAiReview } from './cli/aiReviewCommand';
import { REVIEW_USAGE, runReview } from './cli/reviewCommand';
import { MCP_USAGE, runMcp } from './cli/mcpCommand';
import { findPackageRoot } from './engine/root';

const USAGE = `usage: ai-guardrails <command> [options]

commands:
  scan [paths...] [--format text|json|sarif]  mark AI-risky regions (default: the current folder)
  check --base <ref>                     the merge gate: changed guarded code that no human approved fails
  review request|approve <path>:<line>   record a review request or a sign-off in .guardrails/reviews.json
  review list [--format text|json]       list the review ledger with each region's current status
  ai-review <path>:<line> [--model M]    AI second opinion on a region (advice; exit 3 on endpoint errors)
  init --agents claude-code,cursor       set up agent hooks and rules (merges, never clobbers)
  hook <agent> <event>                   the agent hook entry point (JSON on stdin and stdout)
  mcp [--workspace DIR]                  MCP server (stdio) for coding agents: guarded regions, edit checks, review requests
  version                                print the version

${SCAN_USAGE}
${CHECK_USAGE}
${REVIEW_USAGE}
${AI_REVIEW_USAGE}
${INIT_USAGE}
${HOOK_USAGE}
${MCP_USAGE}
`;

type Command = (argv: string[], ctx: CliContext) => Promise<number>;

/** Each subcommand with its usage, which `<command> --help` prints. */
const COMMANDS: Record<string, { run: Command; usage: string }> = {
  scan: { run: runScan, usage: SCAN_USAGE },
  check: { run: runCheck, usage: CHECK_USAGE },
  'ai-review': { run: runAiReview, usage: AI_REVIEW_USAGE },
  review: { run: runReview, usage: REVIEW_USAGE },
  hook: { run: runHook, usage: HOOK_USAGE },
  init: { run: runInit, usage: INIT_USAGE },
  // Started by `hook` itself (not for people): keeps the rules compiled between agent edits.
  'hook-server': { run: (argv, ctx) => runHookServer(argv, ctx, main), usage: 'usage: ai-guardrails hook-server (started by `ai-guardrails hook`, `scan` or `check`)' },
  mcp: { run: runMcp, usage: MCP_USAGE },
};

export async function main(argv: string[], ctx?: Partial<CliContext>): Promise<number> {
  const root = ctx?.root ?? findPackageRoot(__dirname);
  const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const context: CliContext = {
    root,
    version,
    cwd: ctx?.cwd ?? process.cwd(),
    stdout: ctx?.stdout ?? ((s) => process.stdout.write(s)),
    stderr: ctx?.stderr ?? ((s) => process.stderr.write(s)),
    isTty: ctx?.isTty ?? (ctx?.stdout ? false : process.stdout.isTTY === true),
    ...(ctx?.readStdin ? { readStdin: ctx.readStdin } : {}),
    ...(ctx?.engine ? { engine: ctx.engine } : {}),
  };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    context.stdout(USAGE);
    return name ? 0 : 2;
  }
  if (name === 'version' || name === '--version') {
    context.stdout(`${version}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    if (rest.includes('--help') || rest.includes('-h')) {
      context.stdout(`${command.usage}\n`);
      return 0;
    }
    return await command.run(rest, context);
  } catch (err) {
    if (err instanceof UsageError) {
      const help = command ? `ai-guardrails ${name} --help` : 'ai-guardrails --help';
      context.stderr(`ai-guardrails: ${err.message}\n(run \`${help}\` for usage)\n`);
      return 2;
    }
    context.stderr(`ai-guardrails: error: ${(err as Error).message}\n`);
    return 2;
  }
}
