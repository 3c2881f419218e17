import { createHash } from 'crypto';
import * as path from 'path';
import type { Region } from '../engine/types';
import type { RegionReview } from '../features/diagnostics';
import type { AgentEditDto, BulkEditParams } from '../../../common/src/protocol';
import { AGENT_NAMES, agentEditedRegions, agentEditLabel, journalKey, readJournal, type JournalEntry } from '../agents/journal';
import { LEDGER_PATH, LedgerError, readLedgerFile, readLedgerText, recordEvents, reviewState, serializeLedger, type LedgerData, type RecordOptions, type RegionKey } from './ledger';
import { reviewerIdentity } from './identity';

export interface RegionRef {
  category: Region['category'];
  fingerprint: string;
  symbol: string;
  suppressed: boolean;
}

interface BulkMark {
  at: string;
  kind: BulkEditParams['kind'];
}

/**
 * Review state for the language server: the ledger of each workspace folder (cached, re-read
 * when the file changes), the agent-edit journal (the same), plus bulk/external-edit marks,
 * which live in memory until a human approves the region again.
 */
export class ReviewStore {
  private readonly cache = new Map<string, LedgerData>();
  /** For each cached ledger, the content key of the bytes it was read from or written as. */
  private readonly held = new Map<string, string>();
  private readonly errors = new Map<string, string>();
  private readonly bulk = new Map<string, BulkMark>();
  private readonly journals = new Map<string, Map<string, JournalEntry>>();

  constructor(private readonly onProblem: (message: string) => void) {}

  private ledger(folder: string): LedgerData | undefined {
    if (this.errors.has(folder)) return undefined;
    let data = this.cache.get(folder);
    if (!data) {
      try {
        const read = readLedgerFile(folder);
        data = read.data;
        this.held.set(folder, contentKey(read.text));
      } catch (err) {
        const message = err instanceof LedgerError ? err.message : String(err);
        this.errors.set(folder, message);
        this.onProblem(`review ledger: ${message}`);
        return undefined;
      }
      this.cache.set(folder, data);
    }
    return data;
  }

  /** Forget cached ledgers (the file changed on disk). */
  invalidate(folder?: string): void {
    if (folder) {
      this.cache.delete(folder);
      this.held.delete(folder);
      this.errors.delete(folder);
    } else {
      this.cache.clear();
      this.held.clear();
      this.errors.clear();
    }
  }

  /**
   * A file event for a ledger: forgets the cached copy and returns true unless the file is this
   * folder's ledger and holds exactly the bytes the cache came from. Our own writes come back
   * through the client's file watcher (or the poller); those are not changes, so one write is
   * published once. An edit by anyone else (git checkout, another window, the CLI) differs.
   */
  ledgerChangedOnDisk(folder: string | undefined, fsPath: string): boolean {
    const held = folder !== undefined && fsPath === path.join(folder, LEDGER_PATH) && this.cache.has(folder) ? this.held.get(folder) : undefined;
    if (held !== undefined) {
      try {
        if (contentKey(readLedgerText(folder!)) === held) return false;
      } catch {
        // Unreadable or misplaced now: re-read on next use, which reports it.
      }
    }
    this.invalidate(folder);
    return true;
  }

  /** Forget cached agent-edit journals (the file changed on disk). */
  invalidateJournal(folder?: string): void {
    if (folder) this.journals.delete(folder);
    else this.journals.clear();
  }

  /**
   * The agent that wrote this exact code (category, path and fingerprint in the journal). Only
   * asked for regions not approved as they are, so an approval of the new code clears the mark.
   */
  agentEdit(folder: string, relPath: string, region: RegionRef): AgentEditDto | undefined {
    let journal = this.journals.get(folder);
    if (!journal) {
      journal = agentEditedRegions(readJournal(folder));
      this.journals.set(folder, journal);
    }
    const e = journal.get(journalKey(region.category, relPath, region.fingerprint));
    if (!e) return undefined;
    return {
      agent: e.agent,
      name: AGENT_NAMES[e.agent],
      label: agentEditLabel(e),
      at: e.at,
      ...(e.session ? { session: e.session } : {}),
      ...(e.model ? { model: e.model } : {}),
      ...(e.tool ? { tool: e.tool } : {}),
    };
  }

  ledgerProblem(folder: string): string | undefined {
    this.ledger(folder);
    return this.errors.get(folder);
  }

  private bulkKey(folder: string, relPath: string, r: { category: string; symbol: string }): string {
    return `${folder}\u0000${relPath}\u0000${r.category}\u0000${r.symbol}`;
  }

  markBulk(folder: string, relPath: string, region: RegionRef, kind: BulkEditParams['kind']): void {
    this.bulk.set(this.bulkKey(folder, relPath, region), { at: new Date().toISOString(), kind });
  }

  bulkMark(folder: string, relPath: string, region: RegionRef): BulkMark | undefined {
    return this.bulk.get(this.bulkKey(folder, relPath, region));
  }

  review(folder: string | undefined, relPath: string, region: RegionRef): RegionReview {
    if (region.suppressed) return { status: 'suppressed' };
    const bulk = folder ? this.bulkMark(folder, relPath, region) : undefined;
    const data = folder ? this.ledger(folder) : undefined;
    const state = data ? reviewState(data, { category: region.category, fingerprint: region.fingerprint, path: relPath, symbol: region.symbol }) : undefined;
    const agent = folder && state?.status !== 'approved' ? this.agentEdit(folder, relPath, region) : undefined;
    return {
      status: state?.status ?? 'unreviewed',
      ...(state?.detail ? { detail: state.detail } : {}),
      ...(bulk ? { bulkEdit: true } : {}),
      ...(agent ? { agentEdit: agent } : {}),
    };
  }

  /** Records a request or approval; an approval clears the region's bulk-edit mark. */
  async record(folder: string, relPath: string, region: RegionRef, status: RecordOptions['status'], note?: string): Promise<void> {
    const key: RegionKey = { category: region.category, fingerprint: region.fingerprint, path: relPath, symbol: region.symbol };
    const by = reviewerIdentity(folder);
    try {
      const data = await recordEvents(folder, [{ key, options: { status, by, ...(note !== undefined ? { note } : {}) } }]);
      this.cache.set(folder, data);
      // The ledger was written as serializeLedger(data) (the same ledger is the same bytes).
      this.held.set(folder, contentKey(serializeLedger(data)));
      this.errors.delete(folder);
    } catch (err) {
      if (err instanceof LedgerError) {
        // Re-read on next use: a corrupt ledger is then reported as such, while a busy lock or a
        // read-only file does not hide the review states of a ledger that reads fine.
        this.invalidate(folder);
        throw err;
      }
      throw new Error(`${path.join(folder, LEDGER_PATH)}: ${(err as Error).message}`);
    }
    if (status === 'approved') this.bulk.delete(this.bulkKey(folder, relPath, region));
  }
}

/** Identifies a ledger's bytes (or its absence) without keeping a second copy of the text. */
function contentKey(text: string | undefined): string {
  return text === undefined ? 'absent' : createHash('sha256').update(text).digest('hex');
}
