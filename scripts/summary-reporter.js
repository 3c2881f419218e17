// Mocha reporter: the spec reporter's output, plus the counts written to a JSON file for
// scripts/run-tests.js (`--reporter-option summary=<file>`).
'use strict';
const fs = require('fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const file = options.reporterOptions && options.reporterOptions.summary;
    runner.once('end', () => {
      if (file) {
        const s = runner.stats || { passes: 0, failures: 0, pending: 0 };
        fs.writeFileSync(file, JSON.stringify({ passed: s.passes, failed: s.failures, pending: s.pending }));
      }
    });
  }
}

module.exports = SummaryReporter;
