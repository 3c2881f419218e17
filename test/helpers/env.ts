import { AGENT_MARKERS } from '../../server/src/agents/markers';

/**
 * The environment for CLI runs in tests: this process's, without coding-agent markers, so the
 * suite behaves the same when a developer runs it from inside an agent's shell, and without a
 * hook server (each test runs its command in its own process unless it asks for one).
 */
export function humanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AI_GUARDRAILS_HOOK_SERVER: '0' };
  for (const k of AGENT_MARKERS) delete env[k];
  return { ...env, ...extra };
}
