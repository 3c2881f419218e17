import * as net from 'net';
import * as path from 'path';
import { forwardedEnv, hookSocketPath, mayStartServer, SERVED_COMMANDS, type HookRequest, type HookResponse } from './hookSocket';

/**
 * The `ai-guardrails hook` fast path, bundled on its own (dist/hookClient.js) so an agent's hook
 * call costs a Node start and one socket round trip instead of loading the CLI and compiling the
 * rules on every edit: it hands the payload to the installation's hook server and prints its
 * answer. Returns undefined when there is no server to ask (the caller then answers in-process
 * and starts one for next time).
 */
export async function askHookServer(root: string, argv: string[], payload: Buffer, cwd: string, extra: Partial<HookRequest> = {}): Promise<HookResponse | undefined> {
  if (process.env.AI_GUARDRAILS_HOOK_SERVER === '0') return undefined;
  const socket = hookSocketPath(root);
  if (!socket) return undefined;
  const request: HookRequest = {
    argv,
    payload: payload.toString('utf8'),
    cwd,
    ...(process.env.CLAUDE_PROJECT_DIR ? { projectDir: process.env.CLAUDE_PROJECT_DIR } : {}),
    ...extra,
  };
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: HookResponse | undefined) => {
      if (settled) return;
      settled = true;
      conn.destroy();
      resolve(r);
    };
    const conn = net.createConnection(socket);
    // Connecting to a live local socket takes microseconds; a dead one fails at once. The answer
    // itself may take as long as an analysis of a large file.
    const timer = setTimeout(() => done(undefined), 20000);
    timer.unref();
    let reply = '';
    conn.on('connect', () => conn.end(`${JSON.stringify(request)}\n`));
    conn.on('data', (d: Buffer) => {
      reply += d.toString('utf8');
    });
    conn.on('end', () => {
      try {
        done(JSON.parse(reply) as HookResponse);
      } catch {
        done(undefined);
      }
    });
    conn.on('error', () => done(undefined));
  });
}

type FullCli = { main: (argv: string[], ctx?: { readStdin?: () => Promise<Buffer> }) => Promise<number>; startHookServer: (root: string) => void };

function debug(what: string, answer: HookResponse): void {
  if (process.env.AI_GUARDRAILS_HOOK_DEBUG !== '1') return;
  process.stderr.write(`ai-guardrails ${what}: answered by the hook server${answer.cpuMs !== undefined ? ` (${Math.round(answer.cpuMs)} ms of CPU there)` : ''}\n`);
}

/**
 * bin/ai-guardrails.js calls this for `scan` and `check`: a running hook server of this
 * installation answers with its rules already compiled (a pre-commit check of a few files then
 * costs a Node start, not a rule compilation); without one the full CLI answers in this process
 * and, outside CI, leaves a server for the next run.
 */
export async function runServedFast(argv: string[]): Promise<number> {
  const root = path.resolve(__dirname, '..');
  const readsStdin = argv[0] === 'scan' && argv.some((a) => a === '--stdin-filename' || a.startsWith('--stdin-filename='));
  const payload = readsStdin ? await readStdin() : Buffer.alloc(0);
  const served = SERVED_COMMANDS.has(argv[0] ?? '') && !argv.includes('--help') && !argv.includes('-h');
  const answer = served
    ? await askHookServer(root, argv, payload, process.cwd(), { kind: 'cli', env: forwardedEnv(process.env), isTty: process.stdout.isTTY === true })
    : undefined;
  if (!answer) return answerInProcess(root, argv, readsStdin ? payload : undefined, served && mayStartServer(process.env, true));
  return relay(argv[0] ?? 'cli', answer);
}

/** All of standard input. */
async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * No server answered: the full CLI answers in this process (`payload` is standard input already
 * read, when the command takes it), then leaves a server running for the next call if `startServer`.
 */
async function answerInProcess(root: string, argv: string[], payload: Buffer | undefined, startServer: boolean): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cli = require(path.join(root, 'dist', 'cli.js')) as FullCli;
  const code = await cli.main(argv, payload ? { readStdin: () => Promise.resolve(payload) } : {});
  if (startServer) cli.startHookServer(root);
  return code;
}

/** Writes a served answer out as this process's own, and returns its exit code. */
async function relay(what: string, answer: HookResponse): Promise<number> {
  debug(what, answer);
  await write(process.stdout, answer.stdout);
  await write(process.stderr, answer.stderr);
  return answer.code;
}

/** Writes all of `text` before the process may exit (a pipe takes a large report in pieces). */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => (text.length === 0 ? resolve() : stream.write(text, () => resolve())));
}

/** bin/ai-guardrails.js calls this for `hook …`; falls back to the full CLI. */
export async function runHookFast(argv: string[]): Promise<number | undefined> {
  const root = path.resolve(__dirname, '..');
  const payload = await readStdin();
  const answer = await askHookServer(root, argv.slice(1), payload, process.cwd());
  if (!answer) return answerInProcess(root, argv, payload, mayStartServer(process.env, false));
  return relay('hook', answer);
}
