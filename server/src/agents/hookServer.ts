import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { FORWARDED_ENV, hookSocketPath, type HookRequest, type HookResponse } from './hookSocket';

/**
 * The hook server: a per-user, per-installation process that keeps the engine and its compiled
 * rules loaded between agent hook calls (compiling them is most of a cold call). It listens on
 * the private socket of hookSocket.ts, serves one request per connection with the same code path
 * as `ai-guardrails hook`, and exits after `idleMs` without requests.
 */

export type HookHandler = (req: HookRequest) => Promise<HookResponse>;

/** Ten minutes without a request, then exit (AI_GUARDRAILS_HOOK_SERVER_IDLE_MS overrides: tests). */
const IDLE_MS = Number(process.env.AI_GUARDRAILS_HOOK_SERVER_IDLE_MS) > 0 ? Number(process.env.AI_GUARDRAILS_HOOK_SERVER_IDLE_MS) : 10 * 60 * 1000;

export async function serveHooks(root: string, handle: HookHandler, idleMs = IDLE_MS, warm: (() => Promise<void>)[] = []): Promise<number> {
  const socket = hookSocketPath(root);
  if (!socket) return 2;
  if (await isLive(socket)) return 0; // another server got there first
  fs.rmSync(socket, { force: true }); // a dead server's socket
  // One job at a time (analyses are synchronous anyway), requests before warm-up work: an agent
  // never waits for a language it does not use to compile.
  const requests: (() => Promise<void>)[] = [];
  const warmups = [...warm];
  let running = false;
  const drain = () => {
    if (running) return;
    const job = requests.shift() ?? warmups.shift();
    if (!job) return;
    running = true;
    void job()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        setImmediate(drain);
      });
  };
  let idle: NodeJS.Timeout | undefined;
  // Half-open: the client ends its side after the request and still reads the answer.
  const server = net.createServer({ allowHalfOpen: true }, (conn) => {
    let body = '';
    conn.on('data', (d: Buffer) => {
      body += d.toString('utf8');
    });
    conn.on('end', () => {
      requests.push(async () => {
        let response: HookResponse;
        const cpu = process.cpuUsage();
        let request: HookRequest | undefined;
        try {
          request = JSON.parse(body) as HookRequest;
          response = await handle(request);
        } catch (err) {
          // A hook that cannot be checked must not block the agent (code 0); a scan or check
          // that could not run must fail like the in-process command would (code 2).
          const cli = request?.kind === 'cli';
          response = { code: cli ? 2 : 0, stdout: '', stderr: `ai-guardrails ${cli ? '' : 'hook '}server: ${(err as Error).message}; nothing checked\n` };
        }
        const used = process.cpuUsage(cpu);
        response.cpuMs = (used.user + used.system) / 1000;
        conn.end(JSON.stringify(response));
        armIdle();
      });
      drain();
    });
    conn.on('error', () => undefined);
  });
  const armIdle = () => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => server.close(), idleMs);
  };
  return new Promise((resolve) => {
    server.on('error', () => resolve(0)); // lost the race to bind: the other server serves
    server.listen(socket, () => {
      fs.chmodSync(socket, 0o600);
      armIdle();
      drain();
    });
    server.on('close', () => {
      fs.rmSync(socket, { force: true });
      resolve(0);
    });
  });
}

function isLive(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.createConnection(socket);
    c.on('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.on('error', () => resolve(false));
  });
}

/** Starts a detached hook server for `root` (no-op when one is running; it checks itself). */
export function startHookServer(root: string): void {
  if (!hookSocketPath(root)) return;
  try {
    // Not with the starter's git or colour variables: a server started from a pre-commit hook
    // would otherwise keep that commit's GIT_INDEX_FILE for every later request.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !FORWARDED_ENV.test(k)));
    const child = spawn(process.execPath, [path.join(root, 'bin', 'ai-guardrails.js'), 'hook-server'], { detached: true, stdio: 'ignore', cwd: root, env });
    child.unref();
  } catch {
    // no server: every call answers in-process, just slower
  }
}
