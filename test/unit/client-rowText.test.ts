import * as assert from 'assert';
import { fileGroupText, regionName, rowLocation, shortFolder, shortLocation } from '../../client/src/model/rowText';
import { finding, region } from '../helpers/clientResults';

describe('client model: sidebar row text', () => {
  it('names a region by its symbol, a callback by its call, and never shows <lambda> for a named part', () => {
    assert.strictEqual(regionName('Service.Verify'), 'Service.Verify');
    assert.strictEqual(regionName("router.post('/login')"), "router.post('/login') callback");
    assert.strictEqual(regionName('app.use()'), 'app.use() callback');
    assert.strictEqual(regionName('<lambda>.ReplayDetection.unique'), 'ReplayDetection.unique');
    assert.strictEqual(regionName('<lambda>.<lambda>.setAttestBinding'), 'setAttestBinding');
    assert.strictEqual(regionName('<lambda>'), 'anonymous function');
    assert.strictEqual(regionName('Handlers.<lambda>'), 'anonymous function in Handlers');
    assert.strictEqual(regionName('<top-level>'), 'top-level code');
  });

  it('shortens folders to fit the default sidebar width', () => {
    assert.strictEqual(shortFolder('server'), 'server');
    assert.strictEqual(shortFolder('src/driver/postgres'), 'src/driver/postgres');
    assert.strictEqual(shortFolder('src/driver/aurora-postgres/query'), 'src/…/query');
    assert.strictEqual(shortFolder('packages/drizzle/src/postgres/predefinedMigrations/localize-status'), '…/localize-status');
    assert.strictEqual(shortFolder('a/b/c/d/e/f/g/h/i/j/k/l/m/n'), 'a/…/n');
    assert.strictEqual(shortFolder('packages/a-very-long-folder-name-of-forty-characters'), '…ame-of-forty-characters');
    for (const f of ['packages/drizzle/src/postgres/predefinedMigrations/localize-status', 'x/yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy/z']) {
      assert.ok(shortFolder(f).length <= 24, `${shortFolder(f)} is longer than 24`);
    }
  });

  it('a row under a category gives file:line and the short folder; under its file, the line only', () => {
    const r = region('src/driver/aurora-postgres/AuroraPostgresQueryRunner.ts', 'sql', 122);
    assert.strictEqual(shortLocation(r), 'AuroraPostgresQueryRunner.ts:123');
    // Was "src/driver/aurora-postgres/AuroraPostgresQueryRunner.ts:123", cut off at the default width.
    assert.strictEqual(rowLocation(r, false), 'AuroraPostgresQueryRunner.ts:123 · src/…/aurora-postgres');
    assert.strictEqual(rowLocation(r, true), 'line 123');
    assert.strictEqual(rowLocation(finding('auth.go', 'crypto', 4), false), 'auth.go:5');
  });

  it('a file group is labelled with the file name, its folder before the counts', () => {
    assert.deepStrictEqual(fileGroupText('server/jwt/claims.go', '2 regions'), { label: 'claims.go', description: 'server/jwt · 2 regions' });
    assert.deepStrictEqual(fileGroupText('main.go', '1 region'), { label: 'main.go', description: '1 region' });
  });
});
