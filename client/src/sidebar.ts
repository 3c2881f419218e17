/**
 * The "Guardrails" tree view: regions and findings grouped by category or by file, a filter,
 * counts on groups and a badge with the unreviewed do-not-trust regions. The tree itself is
 * built by model/tree.ts; this file renders it and keeps the view's context keys up to date.
 */
import * as vscode from 'vscode';
import { ClientCommands } from '../../common/src/commands';
import { CATEGORIES } from '../../common/src/categories';
import type { FindingDto, RegionDto } from '../../common/src/protocol';
import { groupDescription, plural, unreviewedDoNotTrust } from './model/counts';
import { fileGroupText, regionName, rowLocation } from './model/rowText';
import { regionContextValue, statusIcon, statusLabel } from './model/status';
import {
  FILTER_LABELS,
  buildTree,
  childrenOf,
  isGroupBy,
  isRegionFilter,
  locationLabel,
  regionNodes,
  viewState,
  type GroupBy,
  type GroupNode,
  type RegionFilter,
  type TreeNode,
} from './model/tree';
import type { RegionStore } from './regionStore';

export const VIEW_ID = 'aiGuardrails.regions';
const GROUP_BY_KEY = 'aiGuardrails.groupBy';
const FILTER_KEY = 'aiGuardrails.filter';

/** Arguments of `aiGuardrails.revealRegion` when a region node is clicked. */
export function revealArgs(region: RegionDto): [string, string] {
  return [region.uri, region.id];
}

function toRange(span: RegionDto['span']): vscode.Range {
  return new vscode.Range(span.start.line, span.start.character, span.end.line, span.end.character);
}

function regionTooltip(region: RegionDto): vscode.MarkdownString {
  const info = CATEGORIES[region.category];
  const tier = region.tier === 'do-not-trust' ? 'do not trust AI here' : 'review carefully';
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${info.title}** — ${tier}\n\n`);
  md.appendMarkdown(`\`${region.symbol}\` · ${locationLabel(region)}\n\n`);
  md.appendMarkdown(`Status: **${statusLabel(region)}**`);
  if (region.agentEdit) md.appendMarkdown(` ($(warning) ${region.agentEdit.label}, ${new Date(region.agentEdit.at).toLocaleString()})`);
  else if (region.bulkEdit) md.appendMarkdown(` ($(warning) ${new Date(region.bulkEdit.at).toLocaleString()})`);
  md.appendMarkdown(`\n\n${plural(region.triggerCount, 'trigger')}\n\n${info.why}`);
  return md;
}

/**
 * A region row: its best name (model/rowText.ts) as the label; the file name, line and shortened
 * folder as the description (only the line when grouped by file); the full path in the tooltip.
 */
export function regionTreeItem(region: RegionDto, groupBy: GroupBy, findings: number): vscode.TreeItem {
  const item = new vscode.TreeItem(
    regionName(region.symbol),
    findings > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
  );
  const location = locationLabel(region);
  const where = rowLocation(region, groupBy === 'file');
  item.description = groupBy === 'file' ? `${where} · ${CATEGORIES[region.category].title}` : where;
  const icon = statusIcon(region);
  item.iconPath = new vscode.ThemeIcon(icon.icon, new vscode.ThemeColor(icon.color));
  item.contextValue = regionContextValue(region);
  item.tooltip = regionTooltip(region);
  item.accessibilityInformation = {
    label: `${CATEGORIES[region.category].title} region ${regionName(region.symbol)} at ${location}, ${statusLabel(region)}`,
  };
  item.command = { command: ClientCommands.revealRegion, title: 'Reveal in Editor', arguments: revealArgs(region) };
  return item;
}

const SEVERITY_ICONS: Record<FindingDto['severity'], [string, string]> = {
  error: ['error', 'problemsErrorIcon.foreground'],
  warning: ['warning', 'problemsWarningIcon.foreground'],
  info: ['info', 'problemsInfoIcon.foreground'],
};

function findingTreeItem(finding: FindingDto, groupBy: GroupBy): vscode.TreeItem {
  const item = new vscode.TreeItem(finding.message, vscode.TreeItemCollapsibleState.None);
  item.description = `${rowLocation(finding, groupBy === 'file')} · ${finding.rule}`;
  const [icon, color] = SEVERITY_ICONS[finding.severity];
  item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
  item.contextValue = finding.fixAvailable ? 'finding.fixable' : 'finding';
  item.tooltip = new vscode.MarkdownString(`**${finding.message}**\n\n\`${finding.rule}\` · CWE-${finding.cwe} · ${locationLabel(finding)}`);
  const options: vscode.TextDocumentShowOptions = { selection: toRange(finding.span) };
  item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(finding.uri), options] };
  return item;
}

function groupTreeItem(group: GroupNode): vscode.TreeItem {
  const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Expanded);
  item.description = groupDescription(group.counts);
  if (group.groupBy === 'file') Object.assign(item, fileGroupText(group.label, groupDescription(group.counts)));
  if (group.category !== undefined) {
    const info = CATEGORIES[group.category];
    item.iconPath = new vscode.ThemeIcon(info.tier === 'do-not-trust' ? 'workspace-untrusted' : 'eye');
    item.tooltip = new vscode.MarkdownString(
      `**${info.title}** — ${info.tier === 'do-not-trust' ? 'do not trust AI here' : 'review carefully'}\n\n${info.covers}`,
    );
    item.contextValue = 'categoryGroup';
  } else {
    if (group.uri !== undefined) item.resourceUri = vscode.Uri.parse(group.uri);
    item.iconPath = vscode.ThemeIcon.File;
    item.tooltip = group.label;
    item.contextValue = 'fileGroup';
  }
  return item;
}

/** What a rendered tree item looks like to the integration tests. */
export interface RenderedItem {
  label: string;
  description?: string;
  contextValue?: string;
  tooltip?: string;
}

function rendered(item: vscode.TreeItem): RenderedItem {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  const out: RenderedItem = { label };
  if (typeof item.description === 'string') out.description = item.description;
  if (item.contextValue !== undefined) out.contextValue = item.contextValue;
  if (item.tooltip !== undefined) out.tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip.value;
  return out;
}

export class GuardrailsSidebar implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<TreeNode>;
  private readonly disposables: vscode.Disposable[] = [];
  private roots: GroupNode[] = [];
  private groupByValue: GroupBy;
  private filterValue: RegionFilter;

  constructor(
    private readonly store: RegionStore,
    private readonly state: vscode.Memento,
  ) {
    const savedGroupBy = state.get<unknown>(GROUP_BY_KEY);
    const savedFilter = state.get<unknown>(FILTER_KEY);
    this.groupByValue = isGroupBy(savedGroupBy) ? savedGroupBy : 'category';
    this.filterValue = isRegionFilter(savedFilter) ? savedFilter : 'all';
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(this.view, this.changed, store.onDidChange(() => this.rebuild()));
    this.rebuild();
  }

  get groupBy(): GroupBy {
    return this.groupByValue;
  }

  get filter(): RegionFilter {
    return this.filterValue;
  }

  setGroupBy(groupBy: GroupBy): void {
    this.groupByValue = groupBy;
    void this.state.update(GROUP_BY_KEY, groupBy);
    this.rebuild();
  }

  setFilter(filter: RegionFilter): void {
    this.filterValue = filter;
    void this.state.update(FILTER_KEY, filter);
    this.rebuild();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'group') return Object.assign(groupTreeItem(node), { id: node.id });
    if (node.kind === 'region') return Object.assign(regionTreeItem(node.region, this.groupByValue, node.findings.length), { id: node.id });
    return Object.assign(findingTreeItem(node.finding, this.groupByValue), { id: node.id });
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return node ? childrenOf(node) : this.roots;
  }

  /** Every region item as rendered, in display order (used by the test hook). */
  renderedRegionItems(): RenderedItem[] {
    return regionNodes(this.roots).map((n) => rendered(this.getTreeItem(n)));
  }

  /** Every group item as rendered, in display order (used by the test hook). */
  renderedGroupItems(): RenderedItem[] {
    return this.roots.map((n) => rendered(this.getTreeItem(n)));
  }

  private rebuild(): void {
    const results = this.store.results;
    this.roots = buildTree(results, this.groupByValue, this.filterValue);
    this.changed.fire(undefined);

    const unreviewed = unreviewedDoNotTrust(results.regions);
    this.view.badge =
      unreviewed > 0 ? { value: unreviewed, tooltip: `${plural(unreviewed, 'do-not-trust region')} awaiting human review` } : undefined;
    this.view.description = this.filterValue === 'all' ? undefined : FILTER_LABELS[this.filterValue];
    // Shown above the tree and above the "scanning" welcome text alike, until the scan ends.
    this.view.message = results.scanning ? (results.filesTotal > 0 ? `Scanning… ${results.filesScanned}/${results.filesTotal} files` : 'Scanning… listing files') : undefined;

    const state = viewState({ loaded: this.store.loaded, failed: this.store.failed, results, visibleGroups: this.roots.length });
    this.setContext('aiGuardrails.view', state);
    this.setContext(GROUP_BY_KEY, this.groupByValue);
    this.setContext(FILTER_KEY, this.filterValue);
  }

  private readonly contextValues = new Map<string, string>();

  /** Context keys drive the welcome content and the title-bar buttons; set them only on change. */
  private setContext(key: string, value: string): void {
    if (this.contextValues.get(key) === value) return;
    this.contextValues.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
