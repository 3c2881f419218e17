/**
 * `npm run ledger-stress`: real writer processes against one review ledger. Prints
 *   ledger: W writers × E entries, lost L; kills K, lost L2, stale-lock waits max T ms
 * - W processes record E entries each at once; L = acknowledged entries missing afterwards.
 * - K times, a writer is killed with SIGKILL at a random moment while it writes; L2 = entries
 *   it had acknowledged that are missing; T = the longest lock wait of a write that had to
 *   break a dead writer's lock (how long a kill -9 blocks the next writer).
 * Options: --writers W --entries E --kills K (defaults 4, 50, 20).
 */
import * as fs from 'fs';
import * as path from 'path';
import { LEDGER_PATH, readLedger } from '../server/src/review/ledger';
import { startWriter, tmpFolder, waitFor, type Writer } from '../test/review/ledgerWriters';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function lost(dir: string, writers: { who: string; w: Writer }[]): number {
  const present = new Set(readLedger(dir).entries.map((e) => `${e.path}:${e.symbol}`));
  return writers.reduce((n, { who, w }) => n + w.acked.filter((s) => !present.has(`${who}.go:${s}`)).length, 0);
}

async function main(): Promise<void> {
  const W = option('writers', 4);
  const E = option('entries', 50);
  const K = option('kills', 20);

  const concurrent = tmpFolder();
  const writers = Array.from({ length: W }, (_, i) => ({ who: `w${i}`, w: startWriter(concurrent, `w${i}`, E) }));
  const codes = await Promise.all(writers.map(({ w }) => w.exited));
  if (codes.some((c) => c !== 0)) throw new Error(`a writer failed: ${writers.map(({ w }) => w.stderr).join('')}`);
  const lostConcurrent = lost(concurrent, writers) + (W * E - readLedger(concurrent).entries.length);

  // Each round: a victim and a survivor write together; the victim is killed mid-stream.
  const killed = tmpFolder();
  const all: { who: string; w: Writer }[] = [];
  let staleWaitMax = 0;
  for (let k = 0; k < K; k++) {
    const victim = { who: `victim${k}`, w: startWriter(killed, `victim${k}`, 1000) };
    const survivor = { who: `survivor${k}`, w: startWriter(killed, `survivor${k}`, 5) };
    all.push(victim, survivor);
    const target = 1 + Math.floor(Math.random() * 5);
    await waitFor(() => victim.w.acked.length >= target, 30000, 'the victim to write');
    victim.w.child.kill('SIGKILL');
    await victim.w.exited;
    if ((await survivor.w.exited) !== 0) throw new Error(`survivor failed: ${survivor.w.stderr}`);
    // The next writer after the kill: how long does a dead holder's lock hold it up?
    const next = { who: `next${k}`, w: startWriter(killed, `next${k}`, 1) };
    all.push(next);
    if ((await next.w.exited) !== 0) throw new Error(`writer after kill failed: ${next.w.stderr}`);
    staleWaitMax = Math.max(staleWaitMax, survivor.w.staleWaitMs, next.w.staleWaitMs);
  }
  const leftovers = fs.readdirSync(path.dirname(path.join(killed, LEDGER_PATH))).filter((f) => f !== 'reviews.json');
  console.log(
    `ledger: ${W} writers × ${E} entries, lost ${lostConcurrent}; kills ${K}, lost ${lost(killed, all)}, stale-lock waits max ${staleWaitMax} ms` +
      (leftovers.length > 0 ? ` (left behind: ${leftovers.join(', ')})` : ''),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
