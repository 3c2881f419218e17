/** Builders for RegionDto / FindingDto / WorkspaceResults used by the client model tests. */
import { tierOf, type CategoryId } from '../../server/src/engine/categories';
import type { FindingDto, RegionDto, ReviewStatus, WorkspaceResults } from '../../common/src/protocol';

export function span(startLine: number, endLine: number, startChar = 0, endChar = 1): RegionDto['span'] {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export function region(
  path: string,
  category: CategoryId,
  startLine: number,
  opts: { id?: string; review?: ReviewStatus; endLine?: number; symbol?: string; bulkEdit?: RegionDto['bulkEdit'] } = {},
): RegionDto {
  const s = span(startLine, opts.endLine ?? startLine + 5);
  return {
    id: opts.id ?? `${category}-${startLine}`,
    uri: `file:///ws/${path}`,
    path,
    category,
    tier: tierOf(category),
    symbol: opts.symbol ?? `fn${startLine}`,
    span: s,
    firstTrigger: span(startLine + 1, startLine + 1, 2, 10),
    fingerprint: 'f',
    triggerCount: 1,
    review: opts.review ?? 'unreviewed',
    ...(opts.bulkEdit ? { bulkEdit: opts.bulkEdit } : {}),
  };
}

export function finding(path: string, category: CategoryId, line: number, regionId?: string, id = `F${line}`): FindingDto {
  return {
    id,
    uri: `file:///ws/${path}`,
    path,
    rule: `go.${category}.rule`,
    category,
    severity: 'warning',
    cwe: 327,
    message: `finding at ${line}`,
    span: span(line, line),
    fixAvailable: false,
    ...(regionId !== undefined ? { regionId } : {}),
  };
}

export function results(regions: RegionDto[], findings: FindingDto[] = [], extra: Partial<WorkspaceResults> = {}): WorkspaceResults {
  return { version: 1, scanning: false, filesScanned: 3, filesTotal: 3, regions, findings, ...extra };
}
