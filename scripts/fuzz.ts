/**
 * `npm run fuzz`: the fuzz harness (test/helpers/fuzz.ts) for longer runs. Prints inputs tried,
 * crashes, hangs, files over budget, the slowest file and peak RSS; exits 1 on any failure.
 *
 *   FUZZ_SECONDS=600 FUZZ_SEED=7 CORPUS_DIR=/work/corpus npm run fuzz
 *
 * FUZZ_SECONDS (default 60) bounds the run; FUZZ_INPUTS bounds it by count instead. CORPUS_DIR
 * adds real files (every checkout under it) to the fixtures. Failing inputs are written to
 * FUZZ_OUT (default: a temporary folder, printed).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatReport, fuzz } from '../test/helpers/fuzz';

function numberEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, not ${JSON.stringify(raw)}`);
  return n;
}

async function main(): Promise<void> {
  const inputs = numberEnv('FUZZ_INPUTS');
  const seconds = numberEnv('FUZZ_SECONDS') ?? (inputs === undefined ? 60 : undefined);
  const seed = numberEnv('FUZZ_SEED') ?? Date.now() % 100000;
  const corpusDir = process.env.CORPUS_DIR || undefined;
  if (corpusDir && !fs.existsSync(corpusDir)) throw new Error(`CORPUS_DIR ${corpusDir} does not exist`);
  const outDir = process.env.FUZZ_OUT || fs.mkdtempSync(path.join(os.tmpdir(), 'ai-guardrails-fuzz-'));
  console.log(`fuzz: seed ${seed}${seconds !== undefined ? `, ${seconds} s` : ''}${inputs !== undefined ? `, ${inputs} inputs` : ''}${corpusDir ? `, corpus ${corpusDir}` : ''}; failing inputs go to ${outDir}`);
  const report = await fuzz({
    seed,
    ...(inputs !== undefined ? { inputs } : {}),
    ...(seconds !== undefined ? { seconds } : {}),
    ...(corpusDir ? { corpusDir } : {}),
    lspDocuments: 1000,
    lspBatches: 10,
    outDir,
    log: (line) => console.log(line),
  });
  console.log(formatReport(report));
  process.exit(report.failures.length === 0 ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
