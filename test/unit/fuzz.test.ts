import * as assert from 'assert';
import { formatReport, fuzz } from '../helpers/fuzz';

describe('fuzz (brief, seeded, bounded by input count)', function () {
  // Bounded by inputs, not time: the same inputs every run; the timeout only guards a hang.
  this.timeout(300000);

  it('no crash, hang or file over budget; edited documents equal a fresh open in the server', async () => {
    const report = await fuzz({ seed: 10, inputs: 120, scale: 0.2, lspDocuments: 3, lspBatches: 6 });
    console.log(formatReport(report).replace(/^/gm, '      '));
    assert.deepStrictEqual(report.failures, []);
    // The brief run's inputs are small: none may even need its budget.
    assert.strictEqual(report.budgetSkips, 0);
    assert.strictEqual(report.inputs, 120);
    assert.ok(report.lspComparisons > 0, 'some edited documents were compared');
  });
});
