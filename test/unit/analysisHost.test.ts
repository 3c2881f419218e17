/**
 * The language server's analysis worker (engine/analysisHost.ts, engine/analysisWorker.ts): the
 * real worker thread with the real engine, a real WebAssembly fault, a worker that cannot start.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AnalysisHost } from '../../server/src/engine/analysisHost';
import type { AnalysisOutcome, AnalysisSettings, DocumentMessage } from '../../server/src/engine/analysisProtocol';
import { GuardrailEngine, pathsFromRoot } from '../../server/src/engine/engine';
import { CATEGORY_IDS } from '../../server/src/engine/categories';
import type { FileAnalysis } from '../../server/src/engine/types';
import { REPO_ROOT } from '../helpers/engine';
import { deepPythonDefs } from '../helpers/hostile';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'rules');
const ALL: AnalysisSettings = { categories: [...CATEGORY_IDS] };

function regionsOf(outcome: AnalysisOutcome): FileAnalysis['regions'] {
  assert.ok('analysis' in outcome, JSON.stringify(outcome));
  return outcome.analysis.regions;
}

/** A host whose replay is the documents a test opened (as the language server keeps them). */
function hostWith(options: { parserGuards?: boolean; script?: string } = {}) {
  const opened = new Map<string, DocumentMessage>();
  const log: string[] = [];
  const host = new AnalysisHost(
    { root: REPO_ROOT, ...(options.parserGuards === false ? { parserGuards: false } : {}) },
    { replay: () => [...opened.values()], log: (m) => log.push(m) },
    ...(options.script ? [options.script] : []),
  );
  const open = (uri: string, file: string, language: 'go' | 'python' | 'typescript', text = fs.readFileSync(file, 'utf8')) => {
    const message: DocumentMessage = { kind: 'open', uri, path: file, language, text, version: 1 };
    opened.set(uri, message);
    host.send(message);
  };
  return { host, open, log };
}

describe('the analysis worker of the language server', function () {
  this.timeout(60000);
  const hosts: AnalysisHost[] = [];
  after(async () => {
    await Promise.all(hosts.map((h) => h.dispose()));
  });

  it('analyses open documents as an engine on this thread would, following their edits, and forgets closed ones', async () => {
    const { host, open } = hostWith();
    hosts.push(host);
    const file = path.join(FIXTURES, 'go', 'jwt.go');
    const text = fs.readFileSync(file, 'utf8');
    open('file:///a/jwt.go', file, 'go', text);
    const engine = await GuardrailEngine.create(pathsFromRoot(REPO_ROOT));
    try {
      const expected = engine.open(file, 'go', text).analyze().analysis.regions;
      assert.ok(expected.length > 0);
      assert.deepStrictEqual(regionsOf(await host.request<'analyze'>({ kind: 'analyze', uri: 'file:///a/jwt.go', settings: ALL })), expected);
      // Replace the whole text by a file with no regions, then type the first one back.
      host.send({ kind: 'edit', uri: 'file:///a/jwt.go', changes: [{ text: 'package x\n' }], version: 2 });
      const emptied = await host.request<'analyze'>({ kind: 'analyze', uri: 'file:///a/jwt.go', settings: ALL });
      assert.deepStrictEqual([regionsOf(emptied), 'version' in emptied && emptied.version], [[], 2]);
      host.send({ kind: 'edit', uri: 'file:///a/jwt.go', changes: [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text }], version: 3 });
      assert.deepStrictEqual(regionsOf(await host.request<'analyze'>({ kind: 'analyze', uri: 'file:///a/jwt.go', settings: ALL })), expected);
      // Categories travel with each request.
      const jwtOff = regionsOf(await host.request<'analyze'>({ kind: 'analyze', uri: 'file:///a/jwt.go', settings: { categories: CATEGORY_IDS.filter((c) => c !== 'jwt') } }));
      assert.deepStrictEqual(jwtOff, expected.filter((r) => r.category !== 'jwt'));
      host.send({ kind: 'close', uri: 'file:///a/jwt.go' });
      assert.deepStrictEqual(await host.request<'analyze'>({ kind: 'analyze', uri: 'file:///a/jwt.go', settings: ALL }), { gone: true });
      assert.strictEqual(host.restarts, 0);
    } finally {
      engine.dispose();
    }
  });

  it('replaces a worker whose tree-sitter faulted and replays the open documents into the new one', async () => {
    const { host, open, log } = hostWith({ parserGuards: false });
    hosts.push(host);
    const crypto = path.join(FIXTURES, 'python', 'crypto.py');
    open('file:///a/crypto.py', crypto, 'python');
    const before = regionsOf(await host.request<'analyze'>({ kind: 'analyze', uri: 'file:///a/crypto.py', settings: ALL }));
    assert.ok(before.length > 0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agr-host-'));
    fs.writeFileSync(path.join(dir, 'deep.py'), deepPythonDefs(600));
    open('file:///a/deep.py', path.join(dir, 'deep.py'), 'python');
    const deep = await host.request<'analyze'>({ kind: 'analyze', uri: 'file:///a/deep.py', settings: ALL });
    assert.ok('skipped' in deep && deep.skipped.reason === 'analysis-failed', JSON.stringify(deep));
    assert.match(deep.skipped.message, /memory access out of bounds/);
    assert.strictEqual(host.restarts, 1);
    assert.ok(log.some((l) => l.includes('analysis worker replaced (tree-sitter faulted)')), log.join('\n'));
    // The new worker has the documents without being sent them again, and a sound parser.
    assert.deepStrictEqual(regionsOf(await host.request<'analyze'>({ kind: 'analyze', uri: 'file:///a/crypto.py', settings: ALL })), before);
  });

  it('stops starting workers that fail without answering, and says why on every request', async () => {
    const { host, log } = hostWith({ script: path.join(os.tmpdir(), 'agr-no-such-worker.js') });
    hosts.push(host);
    const first = await host.request<'prepare'>({ kind: 'prepare', language: 'go' }).catch((err: Error) => err);
    assert.ok(first instanceof Error);
    // Each failed start is replaced a bounded number of times, then the host gives up.
    for (let i = 0; i < 50 && !log.some((l) => l.includes('without answering')); i++) {
      await host.request<'prepare'>({ kind: 'prepare', language: 'go' }).catch(() => undefined);
    }
    const last = await host.request<'prepare'>({ kind: 'prepare', language: 'go' }).catch((err: Error) => err);
    assert.ok(last instanceof Error);
    assert.match(last.message, /failed 4 times in a row without answering; files are not analysed until the server restarts/);
    assert.strictEqual(host.restarts, 3);
  });
});
