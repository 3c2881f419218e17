import * as assert from 'assert';
import { statusBarText, statusBarTooltip, groupDescription, needsReviewByCategory, unreviewedDoNotTrust } from '../../client/src/model/counts';
import { buildTree, childrenOf, locationLabel, regionNodes, viewState, type GroupNode } from '../../client/src/model/tree';
import { finding, region, results } from '../helpers/clientResults';

const bulk = { at: '2025-01-01T00:00:00Z', kind: 'external' as const };

function sample() {
  return results(
    [
      region('src/token.go', 'jwt', 40, { id: 'J1' }),
      region('src/auth.go', 'crypto', 12, { id: 'C1', review: 'approved' }),
      region('src/auth.go', 'jwt', 3, { id: 'J0', review: 'requested' }),
      region('src/db.py', 'sql', 7, { id: 'S1' }),
      region('src/auth.go', 'auth', 80, { id: 'A1', review: 'suppressed' }),
      region('src/auth.go', 'crypto', 60, { id: 'C2', review: 'approved', bulkEdit: bulk }),
    ],
    [finding('src/auth.go', 'crypto', 13, 'C1'), finding('src/db.py', 'sql', 2, undefined, 'F-orphan')],
  );
}

function labels(groups: GroupNode[]) {
  return groups.map((g) => [g.label, g.children.map((c) => (c.kind === 'region' ? c.region.id : c.finding.id))]);
}

describe('client model: sidebar tree', () => {
  it('groups by category in category order, regions sorted by path and line', () => {
    const tree = buildTree(sample(), 'category', 'all');
    assert.deepStrictEqual(labels(tree), [
      ['Cryptography', ['C1', 'C2']],
      ['JWT / OAuth / SAML validation', ['J0', 'J1']],
      ['Authentication state', ['A1']],
      ['Raw SQL', ['S1', 'F-orphan']],
    ]);
  });

  it('groups by file in path order, regions by line', () => {
    const tree = buildTree(sample(), 'file', 'all');
    assert.deepStrictEqual(labels(tree), [
      ['src/auth.go', ['J0', 'C1', 'C2', 'A1']],
      ['src/db.py', ['S1', 'F-orphan']],
      ['src/token.go', ['J1']],
    ]);
    assert.strictEqual(tree[0]?.uri, 'file:///ws/src/auth.go');
  });

  it('findings sit under their region; orphans under the group', () => {
    const tree = buildTree(sample(), 'category', 'all');
    const c1 = regionNodes(tree).find((n) => n.region.id === 'C1');
    assert.deepStrictEqual(c1?.findings.map((f) => f.finding.id), ['F13']);
    assert.deepStrictEqual(childrenOf(c1 ?? tree[0]!).map((n) => n.kind), ['finding']);
  });

  it('a finding pointing at an unknown region is treated as an orphan', () => {
    const tree = buildTree(results([], [finding('x.go', 'crypto', 1, 'gone')]), 'file', 'all');
    assert.deepStrictEqual(labels(tree), [['x.go', ['F1']]]);
  });

  it('counts on group nodes', () => {
    const tree = buildTree(sample(), 'category', 'all');
    assert.deepStrictEqual(tree[0]?.counts, { regions: 2, needsReview: 1, findings: 1 });
    assert.strictEqual(groupDescription(tree[0]!.counts), '2 regions · 1 needs review · 1 finding');
    assert.strictEqual(groupDescription({ regions: 1, needsReview: 3, findings: 0 }), '1 region · 3 need review');
    assert.strictEqual(groupDescription({ regions: 0, needsReview: 0, findings: 2 }), '2 findings');
  });

  it('filter "needs review" hides approved and suppressed regions, keeps bulk-edited ones and orphan findings', () => {
    const tree = buildTree(sample(), 'category', 'needsReview');
    assert.deepStrictEqual(labels(tree), [
      ['Cryptography', ['C2']],
      ['JWT / OAuth / SAML validation', ['J0', 'J1']],
      ['Raw SQL', ['S1', 'F-orphan']],
    ]);
  });

  it('filter "findings only" keeps regions with findings and orphan findings', () => {
    const tree = buildTree(sample(), 'file', 'findings');
    assert.deepStrictEqual(labels(tree), [
      ['src/auth.go', ['C1']],
      ['src/db.py', ['F-orphan']],
    ]);
  });

  it('node ids are unique and differ between groupings', () => {
    for (const groupBy of ['category', 'file'] as const) {
      const ids: string[] = [];
      const walk = (nodes: ReturnType<typeof childrenOf>) => nodes.forEach((n) => (ids.push(n.id), walk(childrenOf(n))));
      walk(buildTree(sample(), groupBy, 'all'));
      assert.strictEqual(new Set(ids).size, ids.length);
      assert.ok(ids.every((id) => id.startsWith(`${groupBy}/`)));
    }
  });

  it('location label is path:1-based line', () => {
    assert.strictEqual(locationLabel(region('src/a.ts', 'crypto', 0)), 'src/a.ts:1');
  });

  it('view state explains an empty tree', () => {
    const empty = results([], [], { filesTotal: 0 });
    assert.strictEqual(viewState({ loaded: false, failed: false, results: empty, visibleGroups: 0 }), 'starting');
    assert.strictEqual(viewState({ loaded: true, failed: true, results: empty, visibleGroups: 0 }), 'error');
    assert.strictEqual(viewState({ loaded: true, failed: false, results: { ...empty, scanning: true }, visibleGroups: 0 }), 'scanning');
    assert.strictEqual(viewState({ loaded: true, failed: false, results: empty, visibleGroups: 0 }), 'noFiles');
    assert.strictEqual(viewState({ loaded: true, failed: false, results: results([]), visibleGroups: 0 }), 'noRegions');
    assert.strictEqual(viewState({ loaded: true, failed: false, results: sample(), visibleGroups: 0 }), 'filtered');
    assert.strictEqual(viewState({ loaded: true, failed: false, results: sample(), visibleGroups: 2 }), 'items');
  });
});

describe('client model: counts', () => {
  it('badge and status bar count unreviewed do-not-trust regions only', () => {
    // J1 unreviewed, J0 requested, C2 approved-but-bulk-edited; C1 approved, A1 suppressed, S1 is review tier.
    assert.strictEqual(unreviewedDoNotTrust(sample().regions), 3);
    assert.strictEqual(statusBarText(sample()), '$(shield) 3');
    assert.strictEqual(statusBarText(results([])), '$(shield) 0');
  });

  it('breakdown by category, in category order', () => {
    assert.deepStrictEqual([...needsReviewByCategory(sample().regions, 'do-not-trust')], [
      ['crypto', 1],
      ['jwt', 2],
    ]);
    assert.deepStrictEqual([...needsReviewByCategory(sample().regions, 'review')], [['sql', 1]]);
  });

  it('tooltip lists each category and the scan progress', () => {
    const text = statusBarTooltip({ ...sample(), scanning: true, filesScanned: 1, filesTotal: 4 });
    assert.match(text, /3 do-not-trust regions awaiting human review/);
    assert.match(text, /- Cryptography: 1/);
    assert.match(text, /- JWT \/ OAuth \/ SAML validation: 2/);
    assert.match(text, /Review carefully: Raw SQL 1/);
    assert.match(text, /Scanning… 1\/4 files/);
    assert.match(statusBarTooltip(results([])), /0 do-not-trust regions/);
  });
});
