import * as fs from 'fs';
import * as path from 'path';
import { parseArgs, UsageError } from './args';
import type { CliContext } from './scanCommand';
import { findWorkspaceRoot } from './workspaceRoot';

export const MCP_USAGE = `usage: ai-guardrails mcp [--workspace DIR]
  An MCP server on stdin/stdout for coding agents (Claude Code, Cursor, VS Code): tools
  guarded_regions, check_edit and request_review, and the category checklists as resources.
  It answers for the workspace around DIR (default: the current folder): the nearest folder
  with .guardrails or .git. There is no approve tool: approvals stay with humans.
  See docs/mcp.md.`;

/** `ai-guardrails mcp`: serves until the client closes stdin. */
export async function runMcp(argv: string[], ctx: CliContext): Promise<number> {
  const args = parseArgs(argv, ['workspace'], []);
  if (args.positionals.length > 0) throw new UsageError(`mcp takes no arguments (got ${JSON.stringify(args.positionals[0])})`);
  const start = path.resolve(ctx.cwd, args.options.get('workspace') ?? '.');
  // Editors that do not expand ${workspaceFolder} pass it through literally: say so instead of serving the wrong folder.
  if (!fs.statSync(start, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--workspace ${JSON.stringify(args.options.get('workspace'))} is not a folder`);
  const workspace = findWorkspaceRoot(start);
  // Loaded here, not at the top: the SDK and zod are a third of the bundle.
  const { serveStdio } = await import('../agents/mcpServer');
  ctx.stderr(`ai-guardrails mcp: serving ${workspace}\n`);
  await serveStdio({ root: ctx.root, workspace }, ctx.version);
  return 0;
}
