import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Where the hook server of one installation listens: a Unix socket in a folder only this user can
 * open (0700, owned by us — checked, so another local user cannot plant a socket that answers
 * "allow"). The name hashes the package root, its version and the CLI bundle's mtime, so an
 * upgraded or rebuilt CLI never talks to an old server. Kept free of the engine so the small hook
 * client (hookClient.ts) can compute it without loading the CLI bundle.
 */
export function hookSocketPath(root: string): string | undefined {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return undefined;
  const uid = process.getuid();
  const dir = path.join(process.env.AI_GUARDRAILS_RUNTIME_DIR ?? os.tmpdir(), `ai-guardrails-${uid}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700, recursive: true });
    const st = fs.lstatSync(dir);
    if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0) return undefined;
  } catch {
    return undefined;
  }
  let stamp = '';
  try {
    const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '';
    stamp = `${version}\u0000${fs.statSync(path.join(root, 'dist', 'cli.js')).mtimeMs}`;
  } catch {
    return undefined;
  }
  const id = createHash('sha256').update(`${root}\u0000${stamp}`).digest('hex').slice(0, 16);
  return path.join(dir, `hooks-${id}.sock`);
}

export interface HookRequest {
  /** `hook` (the default): an agent hook call, argv after `hook`; `cli`: a whole `scan`/`check` command line. */
  kind?: 'hook' | 'cli';
  argv: string[];
  /** The payload exactly as the agent wrote it (UTF-8); for `cli`, stdin when `--stdin-filename` asks for it. */
  payload: string;
  cwd: string;
  /** The agent's CLAUDE_PROJECT_DIR, when set. */
  projectDir?: string;
  /** `cli`: the caller's variables that change what a command does (FORWARDED_ENV). */
  env?: Record<string, string>;
  /** `cli`: whether the caller's stdout is a terminal (colours). */
  isTty?: boolean;
}

export interface HookResponse {
  code: number;
  stdout: string;
  stderr: string;
  /** CPU the server spent on the request (all its threads), for `AI_GUARDRAILS_HOOK_DEBUG` and the benchmark. */
  cpuMs?: number;
}

/**
 * Variables a served `scan`/`check` must see as the caller has them: git's (a pre-commit hook
 * runs with GIT_INDEX_FILE, GIT_DIR, … pointing at the commit being made), colours, and the
 * reviewer identity. The server takes these from each request, never from whoever started it.
 */
export const FORWARDED_ENV = /^(?:GIT_[A-Z0-9_]+|NO_COLOR|TERM|AI_GUARDRAILS_REVIEWER)$/;

export function forwardedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && FORWARDED_ENV.test(k)) out[k] = v;
  return out;
}

/** Commands a server may run for the CLI: they only read the workspace (never `review`, `init`, `ai-review`). */
export const SERVED_COMMANDS = new Set(['scan', 'check']);

/**
 * Whether a run may leave a server behind for the next one: not when switched off
 * (AI_GUARDRAILS_HOOK_SERVER=0) and, for `scan`/`check`, not in CI, where every run is a fresh machine.
 */
export function mayStartServer(env: NodeJS.ProcessEnv, forCli: boolean): boolean {
  if (env.AI_GUARDRAILS_HOOK_SERVER === '0') return false;
  if (!forCli || env.AI_GUARDRAILS_HOOK_SERVER === '1') return true;
  const ci = env.CI;
  return ci === undefined || ci === '' || ci === '0' || ci.toLowerCase() === 'false';
}
