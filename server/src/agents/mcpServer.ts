import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { CATEGORIES, CATEGORY_IDS } from '../engine/categories';
import { CHECKLIST_URI_PREFIX, checkEdit, checklistMarkdown, guardedRegions, requestReview, ToolError, type ToolContext } from './mcpTools';

/**
 * The MCP server (official SDK): the tools of mcpTools.ts and the category checklists as
 * resources. `ai-guardrails mcp` loads this module only when it runs, so the SDK and zod cost
 * nothing to the other commands (hooks run on every agent edit).
 */

const INSTRUCTIONS =
  'AI Guardrails marks code where AI-written changes are dangerous (cryptography, JWT/OAuth, authentication, timing-safe comparison, lock-free code, consensus: "do not trust"; concurrency, raw SQL, transactions, retries: "review carefully"). ' +
  'Before editing a file, call guarded_regions; before writing a change, call check_edit with the full new content. ' +
  'When check_edit says askHuman, do not apply the change on your own: show it to the user and ask for their review (request_review records the request). ' +
  'Only humans approve guarded code; no tool here can.';

type ToolResult = { content: { type: 'text'; text: string }[]; structuredContent?: Record<string, unknown>; isError?: boolean };

/** Runs a tool; agent-caused problems become tool errors (isError) the agent can read, never a crash. */
async function answer(run: () => Promise<object>): Promise<ToolResult> {
  try {
    const result = (await run()) as Record<string, unknown>;
    return { content: [{ type: 'text', text: JSON.stringify(result, null, 2) }], structuredContent: result };
  } catch (err) {
    const message = err instanceof ToolError ? err.message : `internal error: ${(err as Error).message}`;
    return { content: [{ type: 'text', text: message }], isError: true };
  }
}

export function createMcpServer(ctx: ToolContext, version: string): McpServer {
  const server = new McpServer({ name: 'ai-guardrails', version }, { instructions: INSTRUCTIONS });
  const pathArg = z.string().describe('File path, relative to the workspace root or absolute (inside the workspace)');
  server.registerTool(
    'guarded_regions',
    {
      title: 'Guarded regions of a file',
      description:
        "Lists the file's guarded regions (category, tier, symbol, 1-based lines, human review status, whether an agent last wrote them) and each category's review checklist. Call it before editing a file.",
      inputSchema: { path: pathArg },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ path }) => answer(() => guardedRegions(ctx, path)),
  );
  server.registerTool(
    'check_edit',
    {
      title: 'Check a proposed edit',
      description:
        'Given the complete proposed new content of a file, says which guarded regions the edit would add, change or remove and their review status. ' +
        'askHuman: true means a do-not-trust region would change without a human approval of the new code: ask the user before applying the edit.',
      inputSchema: { path: pathArg, new_content: z.string().describe('The complete file content after the edit') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ path, new_content }) => answer(() => checkEdit(ctx, path, new_content)),
  );
  server.registerTool(
    'request_review',
    {
      title: 'Request human review',
      description:
        'Records "review requested" for the guarded region(s) covering a line in the review ledger (.guardrails/reviews.json), under the git identity of this workspace. It never approves anything; a human must.',
      inputSchema: {
        path: pathArg,
        line: z.number().int().min(1).describe('A 1-based line inside the region'),
        note: z.string().optional().describe('What the reviewer should look at'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    ({ path, line, note }) => answer(() => requestReview(ctx, path, line, note)),
  );
  for (const category of CATEGORY_IDS) {
    const info = CATEGORIES[category];
    server.registerResource(
      `checklist-${category}`,
      `${CHECKLIST_URI_PREFIX}${category}`,
      { title: `${info.title} review checklist`, description: `What a human checks in ${info.tier} ${info.title} code`, mimeType: 'text/markdown' },
      (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text: checklistMarkdown(category) }] }),
    );
  }
  return server;
}

/** Serves over stdin/stdout until the client closes stdin. */
export async function serveStdio(ctx: ToolContext, version: string): Promise<void> {
  const server = createMcpServer(ctx, version);
  const closed = new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
  });
  await server.connect(new StdioServerTransport());
  await closed;
  await server.close();
}
