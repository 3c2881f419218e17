import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Real writer processes for the ledger tests and `npm run ledger-stress`: each records entries
 * with the compiled ledger module and reports every acknowledged write on stdout as
 * `ok <symbol> <waitedMs> <brokeStale>`. With a flag file, the writer stops inside the lock (its
 * new ledger written aside, not yet renamed), prints `ready`, and goes on once the file exists.
 */
const LEDGER_JS = path.resolve(__dirname, '..', '..', 'server', 'src', 'review', 'ledger.js');

const SCRIPT = `
const fs = require('fs');
const { recordEvents } = require(${JSON.stringify(LEDGER_JS)});
const [folder, who, count, flag, wait] = process.argv.slice(1);
const pause = new Int32Array(new SharedArrayBuffer(4));
(async () => {
  for (let i = 0; i < Number(count); i++) {
    let lock;
    await recordEvents(folder, [{ key: { category: 'sql', fingerprint: who + i, path: who + '.go', symbol: 'F' + i }, options: { status: 'requested', by: who } }], {
      ...(wait ? { lockWaitMs: Number(wait) } : {}),
      onLocked: (l) => { lock = l; },
      beforeCommit: () => {
        if (!flag) return;
        fs.writeSync(1, 'ready\\n');
        while (!fs.existsSync(flag)) Atomics.wait(pause, 0, 0, 5);
      },
    });
    fs.writeSync(1, 'ok F' + i + ' ' + lock.waitedMs + ' ' + lock.brokeStale + '\\n');
  }
})().catch((e) => { fs.writeSync(2, String(e && e.message || e) + '\\n'); process.exit(3); });`;

export interface Writer {
  child: ChildProcess;
  /** Symbols whose write was acknowledged. */
  acked: string[];
  /** Longest lock wait of a write that broke a dead holder's lock. */
  staleWaitMs: number;
  stderr: string;
  exited: Promise<number | string>;
  /** Resolves once the writer printed `ready` (it is inside the lock). */
  ready: Promise<void>;
}

export function startWriter(folder: string, who: string, count: number, opts: { flag?: string; lockWaitMs?: number } = {}): Writer {
  const child = spawn(process.execPath, ['-e', SCRIPT, folder, who, String(count), opts.flag ?? '', opts.lockWaitMs ? String(opts.lockWaitMs) : ''], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const w: Writer = { child, acked: [], staleWaitMs: 0, stderr: '', exited: Promise.resolve(0), ready: Promise.resolve() };
  let onReady: () => void = () => undefined;
  w.ready = new Promise((r) => (onReady = r));
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line === 'ready') onReady();
      const m = /^ok (\S+) (\d+) (\d+)$/.exec(line);
      if (m) {
        w.acked.push(m[1]!);
        if (Number(m[3]) > 0) w.staleWaitMs = Math.max(w.staleWaitMs, Number(m[2]));
      }
    }
  });
  child.stderr!.on('data', (d: Buffer) => (w.stderr += d.toString()));
  w.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return w;
}

export function tmpFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'agr-ledger-'));
}

/** Polls `cond` every 10 ms until it holds or `ms` pass. */
export async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
