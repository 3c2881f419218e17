import * as path from 'path';
import { URI } from 'vscode-uri';
import type { CategoryId } from './engine/categories';
import type { LanguageId } from './engine/languages';
import { containsInclusive } from '../../common/src/ranges';
import type { Finding, Region } from './engine/types';
import type { RegionReview } from './features/diagnostics';
import type { FindingDto, RegionDto, WorkspaceResults } from '../../common/src/protocol';

export interface IndexEntry {
  uri: string;
  folder: string | undefined;
  /** Relative to the folder, forward slashes (absolute path when outside every folder). */
  relPath: string;
  language: LanguageId;
  regions: Region[];
  findings: Finding[];
  /** Set when the results come from an open editor (they win over disk scans). */
  open: boolean;
  /** Fingerprints of the entry this one replaced (what a whole-file external edit changed). */
  previous?: ReadonlySet<string>;
}

/**
 * Results (never syntax trees) for every supported file of the workspace: what the sidebar,
 * status bar and `workspaceResults` request show.
 */
export class WorkspaceIndex {
  private readonly entries = new Map<string, IndexEntry>();
  version = 0;
  /**
   * True from the server's start until the first workspace scan ends (and during later scans):
   * before the first scan has even listed the files, "no files" would be a wrong answer.
   */
  scanning = true;
  filesTotal = 0;
  /** Files the running scan has analysed so far (its results are indexed when it ends). */
  scanProgress = 0;

  set(entry: IndexEntry): void {
    const existing = this.entries.get(entry.uri);
    if (existing?.open && !entry.open) return; // the editor's view wins over the disk
    if (existing) entry.previous = new Set(existing.regions.map((r) => r.fingerprint));
    this.entries.set(entry.uri, entry);
    this.version++;
  }

  /** Drops the open-editor flag when a document closes (the disk version is rescanned). */
  release(uri: string): void {
    const e = this.entries.get(uri);
    if (e) e.open = false;
  }

  delete(uri: string): void {
    if (this.entries.delete(uri)) this.version++;
  }

  deleteUnder(fsDir: string): void {
    for (const uri of [...this.entries.keys()]) {
      const p = URI.parse(uri).fsPath;
      if (p === fsDir || p.startsWith(fsDir + path.sep)) this.entries.delete(uri);
    }
    this.version++;
  }

  get(uri: string): IndexEntry | undefined {
    return this.entries.get(uri);
  }

  all(): IndexEntry[] {
    return [...this.entries.values()];
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.version++;
  }

  results(reviewOf: (entry: IndexEntry, region: Region) => RegionReview & { bulkAt?: string; bulkKind?: 'bulk' | 'external' }): WorkspaceResults {
    const regions: RegionDto[] = [];
    const findings: FindingDto[] = [];
    const sorted = this.all().sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
    for (const e of sorted) {
      for (const r of e.regions) {
        const review = reviewOf(e, r);
        regions.push({
          id: r.id,
          uri: e.uri,
          path: e.relPath,
          category: r.category,
          tier: r.tier,
          symbol: r.symbol,
          span: r.span,
          firstTrigger: r.triggers[0]?.span ?? r.span,
          fingerprint: r.fingerprint,
          triggerCount: r.triggers.length,
          review: review.status,
          ...(review.detail ? { reviewDetail: review.detail } : {}),
          ...(review.bulkEdit ? { bulkEdit: { at: review.bulkAt ?? '', kind: review.bulkKind ?? 'bulk' } } : {}),
          ...(review.agentEdit ? { agentEdit: review.agentEdit } : {}),
        });
      }
      e.findings.forEach((f, i) => {
        const region = e.regions.find((r) => r.category === f.category && containsInclusive(r.span, f.span.start)) ?? e.regions.find((r) => containsInclusive(r.span, f.span.start));
        findings.push({
          id: `${e.relPath}:${f.rule}:${f.span.start.line}:${f.span.start.character}:${i}`,
          uri: e.uri,
          path: e.relPath,
          rule: f.rule,
          category: f.category as CategoryId,
          severity: f.severity,
          cwe: f.cwe,
          message: f.message,
          span: f.span,
          fixAvailable: f.fix !== undefined,
          ...(region ? { regionId: region.id } : {}),
        });
      });
    }
    return {
      version: this.version,
      scanning: this.scanning,
      filesScanned: this.scanning ? this.scanProgress : this.entries.size,
      filesTotal: Math.max(this.filesTotal, this.entries.size),
      regions,
      findings,
    };
  }
}
