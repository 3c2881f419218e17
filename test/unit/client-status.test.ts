import * as assert from 'assert';
import type { ReviewStatus } from '../../common/src/protocol';
import { decorationPlan } from '../../client/src/model/decorationPlan';
import {
  codeLensTitle,
  decorationKinds,
  hasCodeLens,
  needsReview,
  regionContextValue,
  statusIcon,
  statusLabel,
  unitLenses,
} from '../../client/src/model/status';
import { region } from '../helpers/clientResults';

const ALL: ReviewStatus[] = ['unreviewed', 'requested', 'approved', 'stale', 'suppressed'];
const bulk = { at: '2025-01-01T00:00:00Z', kind: 'bulk' as const };

describe('client model: review status mapping', () => {
  it('needs review: unreviewed, requested and stale; not approved or suppressed', () => {
    const needing = ALL.filter((review) => needsReview({ review }));
    assert.deepStrictEqual(needing, ['unreviewed', 'requested', 'stale']);
  });

  it('a bulk/external edit reopens an approved region but not a suppressed one', () => {
    assert.strictEqual(needsReview({ review: 'approved', bulkEdit: bulk }), true);
    assert.strictEqual(needsReview({ review: 'suppressed', bulkEdit: bulk }), false);
  });

  it('every status has a distinct icon; a bulk edit shows a warning icon', () => {
    const icons = ALL.map((review) => statusIcon({ review }).icon);
    assert.strictEqual(new Set(icons).size, ALL.length);
    assert.strictEqual(statusIcon({ review: 'approved', bulkEdit: bulk }).icon, 'warning');
    assert.strictEqual(statusIcon({ review: 'suppressed', bulkEdit: bulk }).icon, 'circle-slash');
  });

  it('labels mention bulk and external edits', () => {
    assert.strictEqual(statusLabel({ review: 'requested' }), 'review requested');
    assert.strictEqual(statusLabel({ review: 'approved', bulkEdit: bulk }), 'approved · bulk edit since last review');
    assert.strictEqual(statusLabel({ review: 'stale', bulkEdit: { at: '', kind: 'external' } }), 'changed since approval · external edit since last review');
  });

  it('an agent edit from the journal names the agent and wins over the edit-shape guess', () => {
    const agentEdit = { agent: 'claude-code' as const, name: 'Claude Code', label: 'Claude Code (agent, session s-1)', at: '2026-12-01T10:00:00Z' };
    assert.strictEqual(statusLabel({ review: 'unreviewed', agentEdit }), 'unreviewed · edited by Claude Code (agent) since last review');
    assert.strictEqual(statusLabel({ review: 'stale', agentEdit, bulkEdit: bulk }), 'changed since approval · edited by Claude Code (agent) since last review');
    assert.strictEqual(statusIcon({ review: 'unreviewed', agentEdit }).icon, 'warning');
    assert.strictEqual(codeLensTitle({ category: 'jwt', review: 'requested', agentEdit }), 'AI Guardrails: JWT / OAuth / SAML validation — review requested · edited by Claude Code (agent) since last review · Mark as reviewed');
  });

  it('context values start with "region" and carry status and bulk flag', () => {
    for (const review of ALL) assert.match(regionContextValue({ review }), /^region\./);
    assert.strictEqual(regionContextValue({ review: 'approved', bulkEdit: bulk }), 'region.approved.bulk');
    // The inline "Mark as reviewed" menu uses this expression (package.json view/item/context).
    const inline = /^region\.(unreviewed|requested|stale)|\.bulk$/;
    assert.deepStrictEqual(
      ALL.filter((review) => inline.test(regionContextValue({ review }))),
      ['unreviewed', 'requested', 'stale'],
    );
    assert.ok(inline.test(regionContextValue({ review: 'approved', bulkEdit: bulk })));
  });

  it('CodeLens: one per function, its status, and the next sensible step', () => {
    assert.strictEqual(codeLensTitle({ category: 'jwt', review: 'unreviewed' }), 'AI Guardrails: JWT / OAuth / SAML validation — unreviewed · Request review');
    assert.strictEqual(codeLensTitle({ category: 'jwt', review: 'requested' }), 'AI Guardrails: JWT / OAuth / SAML validation — review requested · Mark as reviewed');
    assert.strictEqual(codeLensTitle({ category: 'jwt', review: 'approved' }), 'AI Guardrails: JWT / OAuth / SAML validation — approved');
    assert.strictEqual(codeLensTitle({ category: 'jwt', review: 'approved', bulkEdit: bulk }), 'AI Guardrails: JWT / OAuth / SAML validation — approved · bulk edit since last review · Request review');
    const span = { start: { line: 4, character: 0 }, end: { line: 9, character: 1 } };
    const lenses = unitLenses([
      { id: 'a', category: 'jwt', review: 'unreviewed', symbol: 'Verify', span },
      { id: 'b', category: 'crypto', review: 'unreviewed', symbol: 'Verify', span },
      { id: 'c', category: 'sql', review: 'requested', symbol: 'Load', span: { start: { line: 20, character: 0 }, end: { line: 30, character: 1 } } },
    ]);
    assert.deepStrictEqual(lenses, [
      { line: 4, title: 'AI Guardrails: JWT / OAuth / SAML validation, Cryptography — unreviewed · Request review', action: 'request', regionIds: ['a', 'b'] },
      { line: 20, title: 'AI Guardrails: Raw SQL — review requested · Mark as reviewed', action: 'approve', regionIds: ['c'] },
    ]);
    const mixed = unitLenses([
      { id: 'a', category: 'jwt', review: 'approved', symbol: 'Verify', span },
      { id: 'b', category: 'crypto', review: 'unreviewed', symbol: 'Verify', span },
    ]);
    assert.deepStrictEqual(mixed.map((l) => [l.title, l.regionIds]), [['AI Guardrails: JWT / OAuth / SAML validation: approved; Cryptography: unreviewed · Request review', ['b']]]);
    assert.strictEqual(hasCodeLens({ review: 'suppressed' }), false);
    assert.strictEqual(hasCodeLens({ review: 'approved' }), true);
  });

  it('decoration kinds: suppressed none, approved gutter only, open both', () => {
    assert.deepStrictEqual(decorationKinds({ review: 'suppressed' }), { gutter: false, background: false });
    assert.deepStrictEqual(decorationKinds({ review: 'approved' }), { gutter: true, background: false });
    assert.deepStrictEqual(decorationKinds({ review: 'approved', bulkEdit: bulk }), { gutter: true, background: true });
    assert.deepStrictEqual(decorationKinds({ review: 'stale' }), { gutter: true, background: true });
  });
});

describe('client model: decoration plan', () => {
  const on = { gutterIcons: true, lineBackground: true };

  it('one gutter icon per region start, whole region background, per tier', () => {
    const plan = decorationPlan([region('a.go', 'crypto', 10, { endLine: 20 }), region('a.go', 'sql', 30, { endLine: 32 })], on);
    assert.deepStrictEqual(plan['do-not-trust'], { gutterLines: [10], backgrounds: [{ startLine: 10, endLine: 20 }] });
    assert.deepStrictEqual(plan.review, { gutterLines: [30], backgrounds: [{ startLine: 30, endLine: 32 }] });
  });

  it('do-not-trust wins the gutter on a shared line; identical backgrounds are drawn once', () => {
    const plan = decorationPlan(
      [
        region('a.go', 'retry', 5, { endLine: 9 }),
        region('a.go', 'jwt', 5, { endLine: 9 }),
        region('a.go', 'crypto', 5, { endLine: 9, id: 'other' }),
      ],
      on,
    );
    assert.deepStrictEqual(plan['do-not-trust'].gutterLines, [5]);
    assert.deepStrictEqual(plan.review.gutterLines, []);
    assert.deepStrictEqual(plan['do-not-trust'].backgrounds, [{ startLine: 5, endLine: 9 }]);
    assert.deepStrictEqual(plan.review.backgrounds, [{ startLine: 5, endLine: 9 }]);
  });

  it('settings switch each decoration off; approved and suppressed regions lose the background', () => {
    const regions = [region('a.go', 'crypto', 1, { review: 'approved' }), region('a.go', 'auth', 40, { review: 'suppressed' })];
    const plan = decorationPlan(regions, on);
    assert.deepStrictEqual(plan['do-not-trust'], { gutterLines: [1], backgrounds: [] });
    const off = decorationPlan([region('a.go', 'crypto', 1)], { gutterIcons: false, lineBackground: false });
    assert.deepStrictEqual(off['do-not-trust'], { gutterLines: [], backgrounds: [] });
  });
});
