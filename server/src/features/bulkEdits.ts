import { URI } from 'vscode-uri';
import { linesOverlap } from '../../../common/src/ranges';
import type { Region } from '../engine/types';
import type { BulkEditParams } from '../../../common/src/protocol';
import type { GuardrailService } from '../service';

const PENDING_MS = 3000;

/**
 * Bulk/external edits (what AI and agent edits look like) mark the regions they touch until a
 * human approves them again. The client's notification and the server's re-analysis of the file
 * can arrive in either order, so the mark is applied now and again after the next analysis.
 */
export class BulkEditTracker {
  private readonly pending = new Map<string, { params: BulkEditParams; until: number }>();

  constructor(private readonly service: GuardrailService) {}

  received(params: BulkEditParams): void {
    this.pending.set(params.uri, { params, until: Date.now() + PENDING_MS });
    this.apply(params);
  }

  /** Called whenever the index entry of `uri` was updated. */
  analyzed(uri: string): void {
    const p = this.pending.get(uri);
    if (!p) return;
    if (Date.now() > p.until) {
      this.pending.delete(uri);
      return;
    }
    this.apply(p.params);
  }

  private apply(params: BulkEditParams): void {
    const service = this.service;
    const entry = service.index.get(params.uri);
    const fsPath = URI.parse(params.uri).fsPath;
    const folder = service.folderOf(fsPath);
    if (!entry || !folder) return;
    const touched: Region[] =
      params.ranges.length > 0
        ? entry.regions.filter((r) => params.ranges.some((range) => linesOverlap(r.span, range)))
        : entry.regions.filter((r) => !entry.previous || !entry.previous.has(r.fingerprint));
    let changed = false;
    for (const r of touched) {
      const ref = { category: r.category, fingerprint: r.fingerprint, symbol: r.symbol, suppressed: r.suppression !== undefined };
      if (ref.suppressed) continue;
      const relPath = service.relPathOf(fsPath);
      if (!service.reviews.bulkMark(folder, relPath, ref)) changed = true;
      service.reviews.markBulk(folder, relPath, ref, params.kind);
    }
    if (changed) service.reviewsChanged();
  }
}
