import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * An exclusive lock file whose holder's liveness is checked, not guessed from its age.
 *
 * Why not `proper-lockfile` or an mtime rule: both call a lock stale once it is N seconds old,
 * so a holder paused inside the lock (laptop suspend, debugger, SIGSTOP) loses it to a second
 * writer, and a lock with a future mtime never goes stale. Plain Node has no flock(2) without a
 * native module. So the lock file records who holds it — host, PID and the process start time
 * (from /proc on Linux, which also catches a reused PID) — and a waiter breaks it only when that
 * process is gone. A holder on another host cannot be checked and is waited for, boundedly.
 *
 * The lock is created complete and atomically: its content is written to a temporary file that
 * is then hard-linked to the lock path (link fails if the lock exists), so no waiter ever sees a
 * half-written lock. Where hard links are unsupported it falls back to an exclusive create.
 */

export interface LockHolder {
  pid: number;
  host: string;
  /** Process start time (clock ticks since boot, /proc/<pid>/stat field 22); absent off Linux. */
  start?: string;
  token: string;
  /** ISO 8601, when the lock was taken (for messages only). */
  at: string;
}

/** The lock could not be taken; the message says who holds it and what to do. */
export class LockError extends Error {}

export interface HeldLock {
  path: string;
  token: string;
  /** Milliseconds spent waiting for other holders. */
  waitedMs: number;
  /** How many locks of dead holders were broken on the way. */
  brokeStale: number;
}

/** Tokens of the locks this process holds (a lock naming our own PID is otherwise a leftover). */
const held = new Set<string>();

interface ProcStat {
  state: string;
  start: string;
}

function procStat(pid: number): ProcStat | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may hold spaces and parentheses: split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[0] && rest[19] ? { state: rest[0], start: rest[19] } : undefined;
  } catch {
    return undefined;
  }
}

export function processStartTime(pid: number): string | undefined {
  return procStat(pid)?.start;
}

export type Liveness = 'alive' | 'dead' | 'unknown';

/** Whether the process that wrote `holder` still runs. 'unknown' for another host. */
export function holderLiveness(holder: Pick<LockHolder, 'pid' | 'host' | 'start' | 'token'>): Liveness {
  if (holder.host !== os.hostname()) return 'unknown';
  if (holder.pid === process.pid) return held.has(holder.token) ? 'alive' : 'dead';
  return pidLiveness(holder.pid, holder.start);
}

/** Liveness of a local PID; with `start`, a different process that reused the PID counts as dead. */
export function pidLiveness(pid: number, start?: string): Exclude<Liveness, 'unknown'> {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return 'dead';
  }
  const stat = procStat(pid);
  if (stat?.state === 'Z' || stat?.state === 'X') return 'dead'; // killed, not yet reaped
  if (start !== undefined && stat !== undefined && stat.start !== start) return 'dead'; // PID reused
  return 'alive';
}

function parseHolder(text: string): Partial<LockHolder> | undefined {
  // Locks from earlier versions hold just "<pid>\n".
  if (/^\d+\n?$/.test(text)) return { pid: Number(text.trim()), host: os.hostname(), token: '' };
  try {
    const raw = JSON.parse(text) as Partial<LockHolder>;
    return typeof raw.pid === 'number' && typeof raw.host === 'string' && typeof raw.token === 'string' ? raw : undefined;
  } catch {
    return undefined;
  }
}

function describe(holder: Partial<LockHolder>, liveness: Liveness): string {
  const who = `process ${holder.pid ?? '?'}${holder.host && holder.host !== os.hostname() ? ` on host ${holder.host}` : ''}`;
  const since = holder.at ? ` since ${holder.at}` : '';
  if (liveness === 'alive') return `${who} holds it${since} and is still running (paused in a debugger or stopped?)`;
  return `${who} holds it${since}; its liveness cannot be checked from this host`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** How long a lock whose content cannot be read must stay unchanged before it counts as abandoned. */
const UNREADABLE_GRACE_MS = 2000;

/**
 * Moves a dead holder's lock aside, then deletes it only if it is still that holder's lock: if
 * another waiter broke it first and a new holder took it meanwhile, the new lock is put back.
 */
function breakStale(lockPath: string, expected: string): void {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return; // already gone
  }
  let content: string | undefined;
  try {
    content = fs.readFileSync(aside, 'utf8');
  } catch {
    content = undefined;
  }
  if (content !== expected) {
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      // a third process took the lock meanwhile; the verify step before commit catches that
    }
  }
  fs.rmSync(aside, { force: true });
}

function createLock(lockPath: string, tmp: string, content: string): boolean {
  try {
    fs.linkSync(tmp, lockPath);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
  }
  // No hard links here: an exclusive create (a waiter may briefly see it empty; see the grace).
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, content);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock at `lockPath`, waiting up to `waitMs` for a live holder. A dead holder's lock
 * is broken at once; a lock path that is not a regular file (a directory, say) is an error.
 */
export async function acquireLock(lockPath: string, waitMs: number): Promise<HeldLock> {
  const token = randomBytes(8).toString('hex');
  const start = processStartTime(process.pid);
  const holder: LockHolder = { pid: process.pid, host: os.hostname(), ...(start ? { start } : {}), token, at: new Date().toISOString() };
  const content = `${JSON.stringify(holder)}\n`;
  const tmp = `${lockPath}.${process.pid}.${token}.tmp`;
  const began = Date.now();
  let brokeStale = 0;
  let unreadable: { content: string; since: number } | undefined;
  fs.writeFileSync(tmp, content);
  try {
    for (;;) {
      if (createLock(lockPath, tmp, content)) {
        held.add(token);
        return { path: lockPath, token, waitedMs: Date.now() - began, brokeStale };
      }
      let stat: fs.Stats;
      try {
        stat = fs.lstatSync(lockPath);
      } catch {
        continue; // released between our attempts
      }
      if (!stat.isFile()) {
        throw new LockError(`${lockPath} is ${stat.isDirectory() ? 'a directory' : 'not a regular file'}, not a lock this tool wrote; remove it and try again`);
      }
      let text: string;
      try {
        text = fs.readFileSync(lockPath, 'utf8');
      } catch {
        continue;
      }
      const other = parseHolder(text);
      let liveness: Liveness;
      if (other?.pid !== undefined && other.host !== undefined && other.token !== undefined) {
        liveness = holderLiveness({ pid: other.pid, host: other.host, token: other.token, ...(other.start ? { start: other.start } : {}) });
        unreadable = undefined;
      } else {
        // Not ours or being written without hard links: abandoned once it stays the same a while.
        if (unreadable?.content !== text) unreadable = { content: text, since: Date.now() };
        liveness = Date.now() - unreadable.since > UNREADABLE_GRACE_MS ? 'dead' : 'unknown';
      }
      if (liveness === 'dead') {
        breakStale(lockPath, text);
        brokeStale++;
        continue;
      }
      if (Date.now() - began > waitMs) {
        const why = other ? describe(other, liveness) : 'its content is not a lock this tool wrote';
        throw new LockError(`could not lock ${lockPath} within ${Math.round(waitMs / 1000)} s: ${why}; if no AI Guardrails process is writing, delete ${lockPath}`);
      }
      await sleep(5 + Math.random() * 20);
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Whether `lock` is still the lock on disk (nobody broke it while we worked). */
export function stillHeld(lock: HeldLock): boolean {
  try {
    return parseHolder(fs.readFileSync(lock.path, 'utf8'))?.token === lock.token;
  } catch {
    return false;
  }
}

/** Releases `lock` if it is still ours; a lock someone else holds now is left alone. */
export function releaseLock(lock: HeldLock): void {
  held.delete(lock.token);
  if (stillHeld(lock)) fs.rmSync(lock.path, { force: true });
}

/**
 * Removes temporary files a killed process left beside `base` (`<base>.<pid>.<hex>.tmp` and
 * `.stale`, including the lock's), when that process is gone. Call it while holding the lock.
 */
export function removeOrphans(base: string, dir: string): string[] {
  const prefix = `${base}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /\.(\d+)\.[0-9a-f]+\.(?:tmp|stale)$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || pidLiveness(pid) === 'alive') continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
