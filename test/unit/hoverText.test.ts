import * as assert from 'assert';
import type { Region } from '../../server/src/engine/types';
import { triggerSummary } from '../../server/src/features/hover';

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 4 } });

describe('hover text', () => {
  it('lists each trigger rule once, with its lines in order', () => {
    const region = {
      triggers: [
        { rule: 'go.jwt.api', category: 'jwt', span: at(34) },
        { rule: 'go.jwt.api', category: 'jwt', span: at(34) },
        { rule: 'go.jwt.keyfunc', category: 'jwt', span: at(36) },
        { rule: 'go.jwt.api', category: 'jwt', span: at(39) },
      ],
    } as unknown as Region;
    assert.strictEqual(triggerSummary(region), '`go.jwt.api` (lines 35, 40), `go.jwt.keyfunc` (line 37)');
  });
});
