import * as assert from 'assert';
import * as path from 'path';
import { REPO_ROOT, sharedEngine } from '../helpers/engine';
import { FakeOpenAi } from './fakeOpenAi';
import { details, leakOf, loadShapes, runCorpus, summarize, type SecretShape } from './secretsCorpus';

const CORPUS = path.join(REPO_ROOT, 'test', 'fixtures', 'secrets');

describe('secrets corpus through the AI second opinion (real engine, real HTTP on 127.0.0.1)', function () {
  this.timeout(120000);
  let server: FakeOpenAi;
  let shapes: SecretShape[];

  before(async () => {
    server = await FakeOpenAi.start();
    shapes = loadShapes(CORPUS);
  });
  after(async () => {
    await server.close();
  });

  it('holds at least 90 shapes in every language, each with its secret on a line that is sent', async () => {
    assert.ok(shapes.length >= 90, `only ${shapes.length} shapes`);
    for (const lang of ['go', 'python', 'typescript', 'javascript']) assert.ok(shapes.some((s) => s.language === lang), lang);
    // Without redaction, every secret would have reached the endpoint: the corpus tests something.
    for (const s of shapes) for (const secret of s.secrets) assert.ok(s.text.split('\n').length > 1 && leakOf(secret, s.text) === 'full', `${s.file}: ${secret}`);
  });

  it('sends no secret, nor any 8-character piece of one, and keeps the look-alikes reviewable', async () => {
    const results = await runCorpus(await sharedEngine(), server, shapes);
    const problems = details(results);
    assert.deepStrictEqual(problems, [], `${summarize(results)}\n${problems.join('\n')}`);
    assert.match(summarize(results), /^secrets: \d+ shapes, 0 leaked, 0 partly; look-alikes: (\d+) of \1 kept$/);
    assert.ok(server.requests.length >= shapes.length, 'every shape reached the endpoint');
  });

  it('says in what is sent that string literals were withheld, with role and length', async () => {
    const results = await runCorpus(await sharedEngine(), server, shapes.filter((s) => s.file === 'go/jwt-signedstring-wordlike.go'));
    const sent = results[0]!.sent.join('\n');
    assert.match(sent, /SignedString\(signingKey\)/);
    assert.match(sent, /signingKey := \[\]byte\("<redacted:jwt-key#1 len=25>"\)/);
    assert.match(sent, /String literals that are not obviously code were withheld/);
  });

  it('rejects a corpus file without a header (a shape must say what must not leak)', () => {
    assert.throws(() => loadShapes(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace')), /no "secret:" or "keep:" header/);
  });
});
