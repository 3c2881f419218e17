import { AGENT_MARKERS } from '../../server/src/agents/markers';

/**
 * The environment for CLI runs in tests: this process's, without coding-agent markers, so the
 * suite behaves the same when a developer runs it from inside an agent's shell.
 */
export function humanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of AGENT_MARKERS) delete env[k];
  return { ...env, ...extra };
}
