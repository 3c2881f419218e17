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
  argv: string[];
  /** The payload exactly as the agent wrote it (UTF-8). */
  payload: string;
  cwd: string;
  /** The agent's CLAUDE_PROJECT_DIR, when set. */
  projectDir?: string;
}

export interface HookResponse {
  code: number;
  stdout: string;
  stderr: string;
}
