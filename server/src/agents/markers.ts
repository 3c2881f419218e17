/**
 * Environment variables coding agents set in the shells they run commands in. Their presence
 * means a command was very likely typed by an agent, not a human. Sources: Claude Code sets
 * CLAUDECODE=1 and CLAUDE_CODE_ENTRYPOINT (anthropics/claude-code#531); Cursor's agent sets
 * CURSOR_AGENT=1; Gemini CLI sets GEMINI_CLI=1; Goose, Amp and opencode set AGENT (goose#7017,
 * opencode#1749); OpenAI Codex runs commands with CODEX_SANDBOX set. GitHub Copilot's agent mode
 * in VS Code sets no marker we could find (its terminal is the user's), which is why approvals
 * also need an interactive terminal. An agent that unsets these can still get past them: see
 * docs/agents.md for the threat model.
 */
export const AGENT_MARKERS = ['CLAUDECODE', 'CLAUDE_CODE_ENTRYPOINT', 'CURSOR_AGENT', 'GEMINI_CLI', 'CODEX_SANDBOX', 'AGENT'] as const;

/** The markers present in `env` (non-empty values). */
export function agentMarkers(env: NodeJS.ProcessEnv): string[] {
  return AGENT_MARKERS.filter((k) => (env[k] ?? '') !== '');
}
