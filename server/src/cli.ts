#!/usr/bin/env node
/** `ai-guardrails`: the same engine as the language server, for CI and pre-commit hooks. */
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './cli/args';
import { runScan, SCAN_USAGE, type CliContext } from './cli/scanCommand';
import { AI_REVIEW_USAGE, runAiReview } from './cli/aiReviewCommand';
import { REVIEW_USAGE, runReview } from './cli/reviewCommand';
import { findPackageRoot } from './engine/root';

const USAGE = `usage: ai-guardrails <command> [options]

commands:
  scan [paths...] [--format text|json]   mark AI-risky regions (default: the current folder)
  review request|approve <path>:<line>   record a review request or a sign-off in .guardrails/reviews.json
  review list [--format text|json]       list the review ledger with each region's current status
  ai-review <path>:<line> [--model M]    AI second opinion on a region (advice; exit 3 on endpoint errors)
  version                                print the version

${SCAN_USAGE}
${REVIEW_USAGE}
${AI_REVIEW_USAGE}
`;

type Command = (argv: string[], ctx: CliContext) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  scan: runScan,
  'ai-review': runAiReview,
  review: runReview,
};

/** Lets other modules (review, ai-review) add subcommands without touching the dispatcher. */
export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

export async function main(argv: string[], ctx?: Partial<CliContext>): Promise<number> {
  const root = ctx?.root ?? findPackageRoot(__dirname);
  const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const context: CliContext = {
    root,
    version,
    cwd: ctx?.cwd ?? process.cwd(),
    stdout: ctx?.stdout ?? ((s) => process.stdout.write(s)),
    stderr: ctx?.stderr ?? ((s) => process.stderr.write(s)),
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
    return await command(rest, context);
  } catch (err) {
    if (err instanceof UsageError) {
      context.stderr(`ai-guardrails: ${err.message}\n${USAGE}`);
      return 2;
    }
    context.stderr(`ai-guardrails: error: ${(err as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`ai-guardrails: error: ${String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
