import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { isCategoryId, type CategoryId } from '../engine/categories';
import type { ReviewStatus } from '../protocol';
import { isRecord } from '../json';

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

/** Reads the ledger; a missing file is an empty ledger, anything unparseable throws LedgerError. */
export function readLedger(folder: string): LedgerData {
  const file = path.join(folder, LEDGER_PATH);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyLedger();
    throw new LedgerError(file, `cannot read (${(err as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new LedgerError(file, `not valid JSON (${(err as Error).message})`);
  }
  return validate(file, raw);
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

const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 15_000;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** An exclusive lock file beside the ledger, so concurrent writers (windows, CLI) serialize. */
async function withLock<T>(file: string, fn: () => T): Promise<T> {
  const lock = `${file}.lock`;
  const started = Date.now();
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = fs.openSync(lock, 'wx');
      fs.writeSync(fd, `${process.pid}\n`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > LOCK_STALE_MS) fs.rmSync(lock, { force: true });
      } catch {
        // lock vanished between calls
      }
      if (Date.now() - started > LOCK_WAIT_MS) throw new LedgerError(file, `could not lock (${lock} held for over ${LOCK_WAIT_MS / 1000}s)`);
      await sleep(5 + Math.random() * 20);
    }
  }
  try {
    return fn();
  } finally {
    fs.closeSync(fd);
    fs.rmSync(lock, { force: true });
  }
}

/**
 * Records review events atomically: under the lock, re-read what is on disk (so other writers'
 * entries are kept), apply the events, write a temporary file and rename it over the ledger.
 * A corrupt or future-version ledger makes this throw LedgerError without touching the file.
 */
export async function recordEvents(folder: string, events: { key: RegionKey; options: RecordOptions }[]): Promise<LedgerData> {
  const file = path.join(folder, LEDGER_PATH);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return withLock(file, () => {
    const data = readLedger(folder);
    for (const e of events) applyEvent(data, e.key, e.options);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, serializeLedger(data));
    fs.renameSync(tmp, file);
    return data;
  });
}
