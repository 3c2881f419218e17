/**
 * Review status → what the editor shows (labels, icons, context values, decoration kinds).
 * Pure: no `vscode` import, so it is unit-tested directly.
 */
import { CATEGORIES } from '../../../common/src/categories';
import type { RegionDto, ReviewStatus } from '../../../common/src/protocol';

/** Statuses in which a human still has to look at the region. */
const OPEN_STATUSES: ReadonlySet<ReviewStatus> = new Set<ReviewStatus>(['unreviewed', 'requested', 'stale']);

/**
 * True when a human still has to review the region: not approved, or approved before a
 * bulk/external edit touched it. Suppressed regions never need review (the reason is recorded).
 */
export function needsReview(region: Pick<RegionDto, 'review' | 'bulkEdit'>): boolean {
  if (region.review === 'suppressed') return false;
  return OPEN_STATUSES.has(region.review) || region.bulkEdit !== undefined;
}

const STATUS_LABELS: Record<ReviewStatus, string> = {
  unreviewed: 'unreviewed',
  requested: 'review requested',
  approved: 'approved',
  stale: 'changed since approval',
  suppressed: 'suppressed',
};

export function bulkEditLabel(kind: 'bulk' | 'external'): string {
  return kind === 'bulk' ? 'bulk edit since last review' : 'external edit since last review';
}

/**
 * "unreviewed", "approved · bulk edit since last review", "unreviewed · edited by Claude Code
 * (agent) since last review", … The server's agent-edit journal says who edited; it wins over
 * the edit-shape guess.
 */
export function statusLabel(region: Pick<RegionDto, 'review' | 'bulkEdit' | 'agentEdit'>): string {
  const base = STATUS_LABELS[region.review];
  if (region.review === 'suppressed') return base;
  if (region.agentEdit) return `${base} · edited by ${region.agentEdit.name} (agent) since last review`;
  return region.bulkEdit ? `${base} · ${bulkEditLabel(region.bulkEdit.kind)}` : base;
}

/** A codicon id and a theme colour id, kept as strings so this module stays free of `vscode`. */
export interface StatusIcon {
  icon: string;
  color: string;
}

const STATUS_ICONS: Record<ReviewStatus, StatusIcon> = {
  unreviewed: { icon: 'circle-large-outline', color: 'list.warningForeground' },
  requested: { icon: 'comment-discussion', color: 'charts.blue' },
  approved: { icon: 'pass', color: 'testing.iconPassed' },
  stale: { icon: 'history', color: 'list.warningForeground' },
  suppressed: { icon: 'circle-slash', color: 'disabledForeground' },
};

/** A bulk/external or agent edit outranks every status but "suppressed": it is what needs attention now. */
export function statusIcon(region: Pick<RegionDto, 'review' | 'bulkEdit' | 'agentEdit'>): StatusIcon {
  if ((region.bulkEdit || region.agentEdit) && region.review !== 'suppressed') return { icon: 'warning', color: 'list.errorForeground' };
  return STATUS_ICONS[region.review];
}

/**
 * Tree item context value: `region.<status>` plus `.bulk` when a bulk/external edit is pending.
 * Menus match it with `viewItem =~ /^region/`; nothing else in the tree starts with "region".
 */
export function regionContextValue(region: Pick<RegionDto, 'review' | 'bulkEdit'>): string {
  return `region.${region.review}${region.bulkEdit ? '.bulk' : ''}`;
}

/** Which editor decorations a region gets. */
export interface RegionDecorationKinds {
  gutter: boolean;
  background: boolean;
}

/**
 * Suppressed regions are left alone; approved ones keep the gutter icon (the code is still
 * sensitive) but lose the background so reviewed code stops shouting.
 */
export function decorationKinds(region: Pick<RegionDto, 'review' | 'bulkEdit'>): RegionDecorationKinds {
  if (region.review === 'suppressed') return { gutter: false, background: false };
  return { gutter: true, background: needsReview(region) };
}

/** "AI Guardrails: Cryptography — unreviewed · Request review" */
type LensRegion = Pick<RegionDto, 'id' | 'category' | 'review' | 'bulkEdit' | 'agentEdit' | 'symbol' | 'span'>;

/** The next sensible review step for a region: what its CodeLens offers. */
export type NextAction = 'request' | 'approve' | undefined;

export function nextAction(region: Pick<RegionDto, 'review' | 'bulkEdit' | 'agentEdit'>): NextAction {
  if (region.review === 'suppressed') return undefined;
  if (region.review === 'requested') return 'approve';
  if (region.review === 'approved' && !region.bulkEdit && !region.agentEdit) return undefined;
  return 'request';
}

export interface UnitLens {
  line: number;
  title: string;
  action: NextAction;
  /** The regions the action applies to (all categories of the unit that need it). */
  regionIds: string[];
}

const ACTION_LABELS: Record<Exclude<NextAction, undefined>, string> = { request: 'Request review', approve: 'Mark as reviewed' };

/**
 * One CodeLens per unit (function): its categories, their status, and the next step — request a
 * review while nobody has, mark as reviewed once requested, nothing once approved.
 */
export function unitLenses(regions: readonly LensRegion[]): UnitLens[] {
  const units = new Map<string, LensRegion[]>();
  for (const r of regions) {
    if (!hasCodeLens(r)) continue;
    const key = `${r.span.start.line}\u0000${r.symbol}`;
    units.set(key, [...(units.get(key) ?? []), r]);
  }
  return [...units.values()].map((rs) => {
    const labels = rs.map((r) => statusLabel(r));
    const same = labels.every((l) => l === labels[0]);
    const status = same ? labels[0]! : rs.map((r, i) => `${CATEGORIES[r.category].title}: ${labels[i]}`).join('; ');
    const categories = same ? rs.map((r) => CATEGORIES[r.category].title).join(', ') : '';
    const action: NextAction = rs.some((r) => nextAction(r) === 'request') ? 'request' : rs.some((r) => nextAction(r) === 'approve') ? 'approve' : undefined;
    const regionIds = rs.filter((r) => nextAction(r) === action).map((r) => r.id);
    const head = same ? `AI Guardrails: ${categories} — ${status}` : `AI Guardrails: ${status}`;
    return { line: rs[0]!.span.start.line, title: action ? `${head} · ${ACTION_LABELS[action]}` : head, action, regionIds: action ? regionIds : [] };
  });
}

/** The CodeLens text of a unit with this one region. */
export function codeLensTitle(region: Pick<RegionDto, 'category' | 'review' | 'bulkEdit' | 'agentEdit'>): string {
  return unitLenses([{ ...region, id: 'r', symbol: 's', span: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }])[0]?.title ?? '';
}

/** Whether a region gets a CodeLens: every region except suppressed ones. */
export function hasCodeLens(region: Pick<RegionDto, 'review'>): boolean {
  return region.review !== 'suppressed';
}
