import { UsageError } from './args';
import type { CliContext } from './scanCommand';
import { findWorkspaceRoot } from './workspaceRoot';

export const MCP_USAGE = `usage: ai-guardrails mcp
  An MCP server on stdin/stdout for coding agents (Claude Code, Cursor, VS Code): tools
  guarded_regions, check_edit and request_review, and the category checklists as resources.
  It answers for the workspace around the current folder (the nearest .guardrails or .git).
  There is no approve tool: approvals stay with humans. See docs/mcp.md.`;

/** `ai-guardrails mcp`: serves until the client closes stdin. */
export async function runMcp(argv: string[], ctx: CliContext): Promise<number> {
  if (argv.length > 0) throw new UsageError(`mcp takes no arguments (got ${JSON.stringify(argv[0])})`);
  const workspace = findWorkspaceRoot(ctx.cwd);
  // Loaded here, not at the top: the SDK and zod are a third of the bundle.
  const { serveStdio } = await import('../agents/mcpServer');
  ctx.stderr(`ai-guardrails mcp: serving ${workspace}\n`);
  await serveStdio({ root: ctx.root, workspace }, ctx.version);
  return 0;
}
