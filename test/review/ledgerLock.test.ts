import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LEDGER_PATH, LedgerError, readLedger, recordEvents, type RegionKey } from '../../server/src/review/ledger';
import { startWriter, tmpFolder } from './ledgerWriters';

const key = (symbol: string): RegionKey => ({ category: 'jwt', fingerprint: `fp-${symbol}`, path: 'main.go', symbol });
const record = (dir: string, symbol: string, lockWaitMs?: number) =>
  recordEvents(dir, [{ key: key(symbol), options: { status: 'requested', by: 'tester' } }], lockWaitMs ? { lockWaitMs } : {});
const symbols = (dir: string) => readLedger(dir).entries.map((e) => e.symbol).sort();
const guardrails = (dir: string) => path.join(dir, '.guardrails');

/** A PID that belonged to a process which has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('review ledger under concurrent, paused and killed writers', function () {
  this.timeout(60000);

  it('loses nothing with 4 writer processes at once', async () => {
    const dir = tmpFolder();
    const writers = ['w1', 'w2', 'w3', 'w4'].map((w) => startWriter(dir, w, 25));
    const codes = await Promise.all(writers.map((w) => w.exited));
    assert.deepStrictEqual(codes, [0, 0, 0, 0], writers.map((w) => w.stderr).join(''));
    assert.strictEqual(readLedger(dir).entries.length, 100);
  });

  it('a writer stopped (SIGSTOP) inside the lock keeps it: the next writer reports who holds it, within its bound, and nothing is lost', async () => {
    const dir = tmpFolder();
    const flag = path.join(dir, 'go-on');
    const paused = startWriter(dir, 'paused', 1, { flag });
    await paused.ready;
    paused.child.kill('SIGSTOP');
    try {
      const started = Date.now();
      await assert.rejects(record(dir, 'Second', 800), (err: unknown) => {
        assert.ok(err instanceof LedgerError);
        assert.match(err.message, new RegExp(`process ${paused.child.pid} holds it since .* and is still running`));
        return true;
      });
      assert.ok(Date.now() - started < 5000, 'the wait is bounded');
    } finally {
      paused.child.kill('SIGCONT');
    }
    fs.writeFileSync(flag, '');
    assert.strictEqual(await paused.exited, 0, paused.stderr);
    await record(dir, 'Second');
    assert.deepStrictEqual(symbols(dir), ['F0', 'Second']);
  });

  it('a resumed writer whose lock was taken away does not overwrite the newer ledger', async () => {
    const dir = tmpFolder();
    const flag = path.join(dir, 'go-on');
    const resumed = startWriter(dir, 'resumed', 1, { flag });
    await resumed.ready;
    // Someone deletes the lock by hand while the writer is inside it; another writer goes ahead.
    fs.rmSync(path.join(dir, `${LEDGER_PATH}.lock`));
    await record(dir, 'Meanwhile');
    fs.writeFileSync(flag, '');
    assert.strictEqual(await resumed.exited, 0, resumed.stderr);
    assert.deepStrictEqual(symbols(dir), ['F0', 'Meanwhile']);
  });

  it('after kill -9 inside the lock the next writer proceeds at once and cleans the orphaned temp files', async () => {
    const dir = tmpFolder();
    const flag = path.join(dir, 'never');
    const killed = startWriter(dir, 'killed', 1, { flag });
    await killed.ready;
    assert.ok(fs.readdirSync(guardrails(dir)).some((f) => f.endsWith('.tmp')), 'the killed writer had its new ledger aside');
    killed.child.kill('SIGKILL');
    await killed.exited;
    assert.ok(fs.existsSync(path.join(dir, `${LEDGER_PATH}.lock`)), 'the lock was left behind');
    const started = Date.now();
    let broke = 0;
    await recordEvents(dir, [{ key: key('Next'), options: { status: 'requested', by: 'x' } }], { onLocked: (l) => (broke = l.brokeStale) });
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    assert.strictEqual(broke, 1);
    assert.deepStrictEqual(fs.readdirSync(guardrails(dir)), ['reviews.json'], 'no lock, no temp files');
    assert.deepStrictEqual(symbols(dir), ['Next']);
  });

  it('a lock with a future mtime does not block: a dead holder at once, an unreadable one after a short grace', async () => {
    const dir = tmpFolder();
    fs.mkdirSync(guardrails(dir));
    const lock = path.join(dir, `${LEDGER_PATH}.lock`);
    const future = new Date(Date.now() + 365 * 24 * 3600 * 1000);
    fs.writeFileSync(lock, `${deadPid()}\n`); // the format earlier versions wrote
    fs.utimesSync(lock, future, future);
    let started = Date.now();
    await record(dir, 'A', 30000);
    assert.ok(Date.now() - started < 1000, `dead holder: took ${Date.now() - started} ms`);
    fs.writeFileSync(lock, 'garbage');
    fs.utimesSync(lock, future, future);
    started = Date.now();
    await record(dir, 'B', 30000);
    assert.ok(Date.now() - started < 5000, `unreadable lock: took ${Date.now() - started} ms`);
    assert.deepStrictEqual(symbols(dir), ['A', 'B']);
  });

  it('a lock that is a directory is reported at once, naming it', async () => {
    const dir = tmpFolder();
    const lock = path.join(dir, `${LEDGER_PATH}.lock`);
    fs.mkdirSync(lock, { recursive: true });
    const started = Date.now();
    await assert.rejects(record(dir, 'A', 30000), (err: unknown) => {
      assert.ok(err instanceof LedgerError);
      assert.ok(err.message.includes(`${lock} is a directory`), err.message);
      return true;
    });
    assert.ok(Date.now() - started < 1000);
  });

  it('refuses a read-only ledger, saying why, and leaves its mode and bytes alone; keeps the mode of a writable one', async () => {
    const dir = tmpFolder();
    await record(dir, 'A');
    const file = path.join(dir, LEDGER_PATH);
    const before = fs.readFileSync(file, 'utf8');
    fs.chmodSync(file, 0o444);
    await assert.rejects(record(dir, 'B'), /reviews\.json: is read-only \(mode 0444\); make it writable/);
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o444);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), before);
    fs.chmodSync(file, 0o640);
    await record(dir, 'B');
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o640);
  });

  it('refuses a .guardrails folder or ledger that is a symbolic link out of the workspace', async () => {
    const outside = tmpFolder();
    const dir = tmpFolder();
    fs.symlinkSync(outside, guardrails(dir));
    await assert.rejects(record(dir, 'A'), /is a symbolic link to .*, outside the workspace/);
    assert.deepStrictEqual(fs.readdirSync(outside), []);
    const dir2 = tmpFolder();
    fs.mkdirSync(guardrails(dir2));
    fs.writeFileSync(path.join(outside, 'reviews.json'), '');
    fs.symlinkSync(path.join(outside, 'reviews.json'), path.join(dir2, LEDGER_PATH));
    await assert.rejects(record(dir2, 'A'), /outside the workspace/);
    assert.throws(() => readLedger(dir2), /outside the workspace/);
    assert.strictEqual(fs.readFileSync(path.join(outside, 'reviews.json'), 'utf8'), '');
  });
});
