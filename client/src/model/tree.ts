/**
 * The sidebar tree as plain data: grouping (by category or by file), filtering and counts.
 * Pure: the TreeDataProvider in sidebar.ts only renders these nodes.
 */
import { CATEGORIES, CATEGORY_IDS, type CategoryId } from '../../../common/src/categories';
import type { FindingDto, RegionDto, WorkspaceResults } from '../../../common/src/protocol';
import { comparePositions } from '../../../common/src/ranges';
import type { GroupCounts } from './counts';
import { needsReview } from './status';

export type GroupBy = 'category' | 'file';
export type RegionFilter = 'all' | 'needsReview' | 'findings';

export const GROUP_BY_VALUES: readonly GroupBy[] = ['category', 'file'];
export const FILTER_VALUES: readonly RegionFilter[] = ['all', 'needsReview', 'findings'];

export const FILTER_LABELS: Record<RegionFilter, string> = {
  all: 'All regions and findings',
  needsReview: 'Needs review',
  findings: 'Findings only',
};

export interface FindingNode {
  kind: 'finding';
  /** Unique in the tree for one grouping. */
  id: string;
  finding: FindingDto;
}

export interface RegionNode {
  kind: 'region';
  id: string;
  region: RegionDto;
  findings: FindingNode[];
}

export interface GroupNode {
  kind: 'group';
  id: string;
  groupBy: GroupBy;
  /** A category id or a file URI. */
  key: string;
  /** The category title when grouping by category; the workspace-relative path when by file. */
  label: string;
  uri?: string;
  category?: CategoryId;
  counts: GroupCounts;
  children: (RegionNode | FindingNode)[];
}

export type TreeNode = GroupNode | RegionNode | FindingNode;

function compareLocation(a: { path: string; span: RegionDto['span'] }, b: { path: string; span: RegionDto['span'] }): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return comparePositions(a.span.start, b.span.start);
}

function regionKey(uri: string, regionId: string): string {
  return `${uri}#${regionId}`;
}

/** Which regions and findings survive the filter, with findings attached to their regions. */
function applyFilter(results: Pick<WorkspaceResults, 'regions' | 'findings'>, filter: RegionFilter) {
  const findingsByRegion = new Map<string, FindingDto[]>();
  const regionKeys = new Set(results.regions.map((r) => regionKey(r.uri, r.id)));
  const orphans: FindingDto[] = [];
  for (const f of results.findings) {
    const key = f.regionId !== undefined ? regionKey(f.uri, f.regionId) : undefined;
    if (key !== undefined && regionKeys.has(key)) {
      const list = findingsByRegion.get(key) ?? [];
      list.push(f);
      findingsByRegion.set(key, list);
    } else orphans.push(f);
  }
  const regions = results.regions.filter((r) => {
    if (filter === 'needsReview') return needsReview(r);
    if (filter === 'findings') return findingsByRegion.has(regionKey(r.uri, r.id));
    return true;
  });
  return { regions, orphans, findingsByRegion };
}

/**
 * Builds the tree. Filters: `needsReview` keeps regions a human still has to look at (their
 * findings come along) and findings outside any region; `findings` keeps findings, under the
 * regions that contain them. Groups are in category order (do-not-trust first) or path order.
 */
export function buildTree(
  results: Pick<WorkspaceResults, 'regions' | 'findings'>,
  groupBy: GroupBy,
  filter: RegionFilter,
): GroupNode[] {
  const { regions, orphans, findingsByRegion } = applyFilter(results, filter);
  const findingNode = (f: FindingDto): FindingNode => ({ kind: 'finding', id: `${groupBy}/finding/${f.uri}#${f.id}`, finding: f });
  const regionNode = (r: RegionDto): RegionNode => ({
    kind: 'region',
    id: `${groupBy}/region/${regionKey(r.uri, r.id)}`,
    region: r,
    findings: (findingsByRegion.get(regionKey(r.uri, r.id)) ?? []).slice().sort(compareLocation).map(findingNode),
  });

  const groups = new Map<string, { regions: RegionDto[]; findings: FindingDto[]; path: string; uri?: string; category?: CategoryId }>();
  const groupOf = (key: string, init: () => { path: string; uri?: string; category?: CategoryId }) => {
    let g = groups.get(key);
    if (!g) {
      g = { regions: [], findings: [], ...init() };
      groups.set(key, g);
    }
    return g;
  };
  const place = (item: RegionDto | FindingDto) =>
    groupBy === 'category'
      ? groupOf(item.category, () => ({ path: item.category, category: item.category }))
      : groupOf(item.uri, () => ({ path: item.path, uri: item.uri }));
  for (const r of regions) place(r).regions.push(r);
  for (const f of orphans) place(f).findings.push(f);

  const keys = [...groups.keys()];
  if (groupBy === 'category') {
    const order = new Map<string, number>(CATEGORY_IDS.map((c, i) => [c, i]));
    keys.sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99));
  } else {
    keys.sort((a, b) => {
      const pa = groups.get(a)?.path ?? '';
      const pb = groups.get(b)?.path ?? '';
      return pa < pb ? -1 : pa > pb ? 1 : a < b ? -1 : a > b ? 1 : 0;
    });
  }

  return keys.map((key): GroupNode => {
    const g = groups.get(key);
    if (!g) throw new Error(`missing group ${key}`);
    const regionNodes = g.regions.slice().sort(compareLocation).map(regionNode);
    const orphanNodes = g.findings.slice().sort(compareLocation).map(findingNode);
    const findings = orphanNodes.length + regionNodes.reduce((n, r) => n + r.findings.length, 0);
    return {
      kind: 'group',
      id: `${groupBy}/group/${key}`,
      groupBy,
      key,
      label: g.category !== undefined ? CATEGORIES[g.category].title : g.path,
      ...(g.uri !== undefined ? { uri: g.uri } : {}),
      ...(g.category !== undefined ? { category: g.category } : {}),
      counts: { regions: regionNodes.length, needsReview: regionNodes.filter((n) => needsReview(n.region)).length, findings },
      children: [...regionNodes, ...orphanNodes],
    };
  });
}

export function childrenOf(node: TreeNode): TreeNode[] {
  if (node.kind === 'group') return node.children;
  if (node.kind === 'region') return node.findings;
  return [];
}

/** Every region node in display order. */
export function regionNodes(roots: readonly GroupNode[]): RegionNode[] {
  return roots.flatMap((g) => g.children.filter((c): c is RegionNode => c.kind === 'region'));
}

/**
 * What the view shows when the tree is empty; drives the welcome content through the
 * `aiGuardrails.view` context key. `items` means the tree has nodes.
 */
export type ViewState = 'starting' | 'error' | 'scanning' | 'noFiles' | 'noRegions' | 'filtered' | 'items';

export function viewState(input: {
  loaded: boolean;
  failed: boolean;
  results: Pick<WorkspaceResults, 'scanning' | 'filesTotal' | 'regions' | 'findings'>;
  visibleGroups: number;
}): ViewState {
  if (input.visibleGroups > 0) return 'items';
  if (input.failed) return 'error';
  if (!input.loaded) return 'starting';
  const { results } = input;
  if (results.regions.length > 0 || results.findings.length > 0) return 'filtered';
  if (results.scanning) return 'scanning';
  if (results.filesTotal === 0) return 'noFiles';
  return 'noRegions';
}

/** "src/auth/login.go:42" (1-based line). */
export function locationLabel(item: { path: string; span: RegionDto['span'] }): string {
  return `${item.path}:${item.span.start.line + 1}`;
}

export function isGroupBy(value: unknown): value is GroupBy {
  return typeof value === 'string' && (GROUP_BY_VALUES as readonly string[]).includes(value);
}

export function isRegionFilter(value: unknown): value is RegionFilter {
  return typeof value === 'string' && (FILTER_VALUES as readonly string[]).includes(value);
}
