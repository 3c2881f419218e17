import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { isCategoryId, type CategoryId } from '../engine/categories';
import type { ReviewStatus } from '../../../common/src/protocol';
import { isRecord } from '../json';
import { resolvesInside } from '../engine/workspacePath';
import { acquireLock, LockError, releaseLock, removeOrphans, stillHeld, type HeldLock } from './lockFile';

/**
 * The review ledger: `.guardrails/reviews.json`, committed with the code. A versioned schema,
 * fixed key order and sorted entries keep diffs small and merges easy.
 */
export const LEDGER_PATH = path.join('.guardrails', 'reviews.json');
export const LEDGER_SCHEMA = 'ai-guardrails/reviews';
export const LEDGER_VERSION = 1;

export type EventStatus = 'requested' | 'approved' | 'stale';

export interface LedgerEvent {
  status: EventStatus;
  /** Fingerprint of the region's code when the event was recorded. */
  fingerprint: string;
  by: string;
  /** ISO 8601 UTC. */
  at: string;
  note?: string;
}

export interface LedgerEntry {
  id: string;
  category: CategoryId;
  /** For display: where the region was last seen (workspace-relative, forward slashes). */
  path: string;
  symbol: string;
  /** Fingerprint of the latest event. */
  fingerprint: string;
  history: LedgerEvent[];
}

export interface LedgerData {
  schema: typeof LEDGER_SCHEMA;
  version: typeof LEDGER_VERSION;
  entries: LedgerEntry[];
}

/** The ledger file is unreadable, malformed or from a future version; it was left untouched. */
export class LedgerError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}; the file was left unchanged`);
  }
}

export interface RegionKey {
  category: CategoryId;
  fingerprint: string;
  path: string;
  symbol: string;
}

export interface RegionReviewState {
  status: Exclude<ReviewStatus, 'suppressed'>;
  entry?: LedgerEntry;
  /** The latest event (for who/when). */
  last?: LedgerEvent;
  /** For stale regions: the approval that no longer matches. */
  approval?: LedgerEvent;
  detail?: string;
}

function validate(file: string, raw: unknown): LedgerData {
  if (!isRecord(raw)) throw new LedgerError(file, 'not a JSON object');
  if (raw.schema !== LEDGER_SCHEMA) throw new LedgerError(file, `unknown schema ${JSON.stringify(raw.schema)} (expected "${LEDGER_SCHEMA}")`);
  if (raw.version !== LEDGER_VERSION) {
    throw new LedgerError(file, `unsupported schema version ${JSON.stringify(raw.version)} (this AI Guardrails reads version ${LEDGER_VERSION}; upgrade the extension)`);
  }
  if (!Array.isArray(raw.entries)) throw new LedgerError(file, '"entries" must be an array');
  const entries: LedgerEntry[] = raw.entries.map((e: unknown, i: number) => {
    const where = `entries[${i}]`;
    if (!isRecord(e)) throw new LedgerError(file, `${where} is not an object`);
    const { id, category, path: p, symbol, fingerprint, history } = e;
    if (typeof id !== 'string' || typeof p !== 'string' || typeof symbol !== 'string' || typeof fingerprint !== 'string') {
      throw new LedgerError(file, `${where} needs string id, path, symbol and fingerprint`);
    }
    if (!isCategoryId(category)) throw new LedgerError(file, `${where} has unknown category ${JSON.stringify(category)}`);
    if (path.posix.isAbsolute(p) || path.win32.isAbsolute(p) || p.split(/[\\/]/).includes('..')) {
      throw new LedgerError(file, `${where}.path ${JSON.stringify(p)} is outside the workspace (reviews only bind to workspace-relative paths); remove that entry`);
    }
    if (!Array.isArray(history) || history.length === 0) throw new LedgerError(file, `${where}.history must be a non-empty array`);
    const events = history.map((h: unknown, j: number) => {
      if (!isRecord(h)) throw new LedgerError(file, `${where}.history[${j}] is not an object`);
      if (h.status !== 'requested' && h.status !== 'approved' && h.status !== 'stale') {
        throw new LedgerError(file, `${where}.history[${j}] has unknown status ${JSON.stringify(h.status)}`);
      }
      if (typeof h.fingerprint !== 'string' || typeof h.by !== 'string' || typeof h.at !== 'string') {
        throw new LedgerError(file, `${where}.history[${j}] needs string fingerprint, by and at`);
      }
      if (h.note !== undefined && typeof h.note !== 'string') throw new LedgerError(file, `${where}.history[${j}].note must be a string`);
      const ev: LedgerEvent = { status: h.status, fingerprint: h.fingerprint, by: h.by, at: h.at };
      if (typeof h.note === 'string') ev.note = h.note;
      return ev;
    });
    return { id, category, path: p, symbol, fingerprint, history: events };
  });
  return { schema: LEDGER_SCHEMA, version: LEDGER_VERSION, entries };
}

/** Serializes with a fixed key order and sorted entries, so the same ledger is the same bytes. */
export function serializeLedger(data: LedgerData): string {
  const entries = [...data.entries].sort(
    (a, b) => cmp(a.path, b.path) || cmp(a.symbol, b.symbol) || cmp(a.category, b.category) || cmp(a.id, b.id),
  );
  const ordered = {
    schema: data.schema,
    version: data.version,
    entries: entries.map((e) => ({
      id: e.id,
      category: e.category,
      path: e.path,
      symbol: e.symbol,
      fingerprint: e.fingerprint,
      history: e.history.map((h) => ({
        status: h.status,
        fingerprint: h.fingerprint,
        by: h.by,
        at: h.at,
        ...(h.note !== undefined ? { note: h.note } : {}),
      })),
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function emptyLedger(): LedgerData {
  return { schema: LEDGER_SCHEMA, version: LEDGER_VERSION, entries: [] };
}

/**
 * The ledger's path, refusing one that is not where it seems: `.guardrails` or the ledger
 * resolving (through symbolic links) outside the workspace folder.
 */
function ledgerFile(folder: string): string {
  const file = path.join(folder, LEDGER_PATH);
  for (const p of [path.dirname(file), file]) {
    if (fs.existsSync(p) && !resolvesInside(folder, p)) {
      throw new LedgerError(file, `${p} is a symbolic link to ${fs.realpathSync(p)}, outside the workspace; reviews are only read and written inside it`);
    }
  }
  return file;
}

/** The ledger's text, or undefined when there is none yet. */
function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LedgerError(file, `cannot read (${(err as Error).message})`);
  }
}

function parseLedger(file: string, text: string | undefined): LedgerData {
  if (text === undefined) return emptyLedger();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new LedgerError(file, `not valid JSON (${(err as Error).message})`);
  }
  return validate(file, raw);
}

/** Reads the ledger; a missing file is an empty ledger, anything unparseable throws LedgerError. */
export function readLedger(folder: string): LedgerData {
  return readLedgerFile(folder).data;
}

/** The ledger and the text it was read from (undefined: there is no ledger yet). */
export function readLedgerFile(folder: string): { data: LedgerData; text: string | undefined } {
  const file = ledgerFile(folder);
  const text = readText(file);
  return { data: parseLedger(file, text), text };
}

/** The ledger's text as it is on disk now, unparsed (undefined: there is none). */
export function readLedgerText(folder: string): string | undefined {
  return readText(ledgerFile(folder));
}

function latest(entry: LedgerEntry): LedgerEvent {
  return entry.history[entry.history.length - 1]!;
}

function latestApproval(entry: LedgerEntry): LedgerEvent | undefined {
  for (let i = entry.history.length - 1; i >= 0; i--) if (entry.history[i]!.status === 'approved') return entry.history[i];
  return undefined;
}

/**
 * The entry a region belongs to: the same code at the same place, then the same place (the code
 * changed: stale), then — for lookups only — the same code elsewhere (the region moved).
 */
export function findEntry(data: LedgerData, key: RegionKey, allowMoves = true): LedgerEntry | undefined {
  const sameCategory = data.entries.filter((e) => e.category === key.category);
  return (
    sameCategory.find((e) => e.fingerprint === key.fingerprint && e.path === key.path && e.symbol === key.symbol) ??
    sameCategory.find((e) => e.path === key.path && e.symbol === key.symbol) ??
    (allowMoves ? sameCategory.find((e) => e.fingerprint === key.fingerprint) : undefined)
  );
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function displayName(by: string): string {
  return by.replace(/\s*<[^>]*>$/, '');
}

export function reviewState(data: LedgerData, key: RegionKey): RegionReviewState {
  const entry = findEntry(data, key);
  if (!entry) return { status: 'unreviewed' };
  const last = latest(entry);
  if (last.fingerprint === key.fingerprint) {
    if (last.status === 'approved') {
      return { status: 'approved', entry, last, detail: `approved by ${displayName(last.by)} on ${day(last.at)}` };
    }
    if (last.status === 'requested') return { status: 'requested', entry, last, detail: `review requested by ${displayName(last.by)} on ${day(last.at)}` };
  }
  // The code changed since the latest event.
  if (last.status === 'requested') {
    return { status: 'requested', entry, last, detail: `review requested by ${displayName(last.by)} on ${day(last.at)} (code changed since)` };
  }
  const approval = latestApproval(entry);
  if (approval) {
    return { status: 'stale', entry, last, approval, detail: `changed since approved by ${displayName(approval.by)} on ${day(approval.at)}` };
  }
  return { status: 'unreviewed', entry, last };
}

export interface RecordOptions {
  status: 'requested' | 'approved';
  by: string;
  note?: string;
  /** Defaults to now. */
  at?: Date;
}

/** Applies one review event to `data` (in place) and returns the entry. */
export function applyEvent(data: LedgerData, key: RegionKey, options: RecordOptions): LedgerEntry {
  const at = (options.at ?? new Date()).toISOString();
  // Events bind to the place (path + symbol); identical code elsewhere gets an entry of its own
  // (lookups still honour moves through the fingerprint).
  let entry = findEntry(data, key, false);
  if (!entry) {
    entry = { id: randomBytes(6).toString('hex'), category: key.category, path: key.path, symbol: key.symbol, fingerprint: key.fingerprint, history: [] };
    data.entries.push(entry);
  } else {
    const last = latest(entry);
    // Keep the history honest: an approval that no longer matches the code is recorded as stale.
    if (last.status === 'approved' && last.fingerprint !== key.fingerprint) {
      entry.history.push({ status: 'stale', fingerprint: key.fingerprint, by: options.by, at, note: `code changed since approval of ${last.fingerprint}` });
    }
  }
  const event: LedgerEvent = { status: options.status, fingerprint: key.fingerprint, by: options.by, at };
  if (options.note !== undefined && options.note.trim().length > 0) event.note = options.note.trim();
  entry.history.push(event);
  entry.path = key.path;
  entry.symbol = key.symbol;
  entry.fingerprint = key.fingerprint;
  return entry;
}

const LOCK_WAIT_MS = 15_000;
const COMMIT_ATTEMPTS = 5;

export interface WriteOptions {
  /** How long to wait for a lock held by a live process (default 15 s). */
  lockWaitMs?: number;
  /** Called once the lock is taken (how long it waited, stale locks broken). */
  onLocked?: (lock: HeldLock) => void;
  /** Test seam: runs after the new ledger is written aside, just before it replaces the old one. */
  beforeCommit?: () => void;
}

/**
 * Refuses a ledger that cannot be replaced faithfully: a symbolic link (the rename would replace
 * the link), something that is not a file, or a read-only file (the rename would silently make it
 * writable). Returns its stats when it exists, so the new file keeps its mode.
 */
function checkReplaceable(file: string): fs.Stats | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return undefined;
  }
  if (stat.isSymbolicLink()) throw new LedgerError(file, 'is a symbolic link; the ledger must be a regular file');
  if (!stat.isFile()) throw new LedgerError(file, 'is not a regular file');
  const mode = stat.mode & 0o777;
  if ((mode & 0o222) === 0) {
    throw new LedgerError(file, `is read-only (mode ${mode.toString(8).padStart(4, '0')}); make it writable (chmod u+w) to record reviews`);
  }
  return stat;
}

/**
 * Records review events atomically: under the lock (whose holder is checked for liveness, see
 * lockFile.ts), re-read what is on disk (so other writers' entries are kept), apply the events,
 * write a temporary file and rename it over the ledger — but only after verifying that the lock
 * is still ours and the ledger is still what we read; otherwise start again from the newer
 * ledger. A corrupt, future-version, read-only or misplaced ledger makes this throw LedgerError
 * without touching the file.
 */
export async function recordEvents(
  folder: string,
  events: { key: RegionKey; options: RecordOptions }[],
  options: WriteOptions = {},
): Promise<LedgerData> {
  const file = path.join(folder, LEDGER_PATH);
  const dir = path.dirname(file);
  ledgerFile(folder);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new LedgerError(file, `cannot create ${dir} (${(err as Error).message})`);
  }
  ledgerFile(folder);
  for (let attempt = 1; ; attempt++) {
    let lock: HeldLock;
    try {
      lock = await acquireLock(`${file}.lock`, options.lockWaitMs ?? LOCK_WAIT_MS);
    } catch (err) {
      if (err instanceof LockError) throw new LedgerError(file, err.message);
      throw err;
    }
    let tmp: string | undefined;
    try {
      options.onLocked?.(lock);
      removeOrphans(path.basename(file), dir);
      const stat = checkReplaceable(file);
      const before = readText(file);
      const data = parseLedger(file, before);
      for (const e of events) applyEvent(data, e.key, e.options);
      tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      fs.writeFileSync(tmp, serializeLedger(data));
      if (stat) fs.chmodSync(tmp, stat.mode & 0o777);
      options.beforeCommit?.();
      // Verify before rename: a writer resumed after losing its lock must not overwrite a newer ledger.
      if (stillHeld(lock) && readText(file) === before) {
        fs.renameSync(tmp, file);
        tmp = undefined;
        return data;
      }
      if (attempt >= COMMIT_ATTEMPTS) throw new LedgerError(file, `kept changing under other writers (${attempt} attempts); the events were not recorded`);
    } finally {
      if (tmp) fs.rmSync(tmp, { force: true });
      releaseLock(lock);
    }
  }
}
