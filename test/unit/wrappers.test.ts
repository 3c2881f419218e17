/**
 * One-level wrapper summaries (wrappers.ts) and the pass-throughs that call them (engine.ts
 * isDelegation), on real engine analyses of small files.
 */
import * as assert from 'assert';
import type { CategoryId } from '../../server/src/engine/categories';
import type { LanguageId } from '../../server/src/engine/languages';
import type { ScannedFile } from '../../server/src/engine/scanProtocol';
import { buildWrapperTable, mentionsWrapper } from '../../server/src/engine/wrappers';
import { sharedEngine } from '../helpers/engine';

async function scanned(file: string, language: LanguageId, text: string): Promise<ScannedFile> {
  const engine = await sharedEngine();
  const { analysis } = engine.analyze(text, language);
  return {
    file,
    language,
    lines: text.split('\n').length,
    skipped: null,
    regions: analysis.regions,
    findings: analysis.findings,
    ...(analysis.wrapperEvidence ? { wrapperEvidence: analysis.wrapperEvidence } : {}),
    hasSyntaxErrors: analysis.hasSyntaxErrors,
  };
}

describe('project wrappers', () => {
  it('a timing wrapper is a helper named for the comparison, not a whole verification', async () => {
    const go = [
      'package security',
      '',
      'import "crypto/subtle"',
      '',
      'func SafeEqualTokens(a, b string) bool {',
      '\treturn subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1',
      '}',
      '',
      'func VerifyPKCEChallenge(challenge, verifier string) error {',
      '\tif subtle.ConstantTimeCompare([]byte(challenge), []byte(verifier)) != 1 {',
      '\t\treturn nil',
      '\t}',
      '\treturn nil',
      '}',
      '',
    ].join('\n');
    const table = buildWrapperTable([await scanned('security/pkce.go', 'go', go)]);
    assert.deepStrictEqual([...(table.get('go') ?? [])].filter(([k]) => !k.startsWith('\u0000')), [['SafeEqualTokens', 'timing']]);
  });

  it('a getter of a transaction handle is no transaction wrapper; a helper that runs one is', async () => {
    const ts = [
      "import { Sequelize } from 'sequelize';",
      '',
      'export class Repo {',
      '  constructor(private sequelize: Sequelize) {}',
      '  async getTransaction(options: { transaction?: unknown }, autoGen = false) {',
      '    if (options.transaction) return options.transaction;',
      '    if (autoGen) return await this.sequelize.transaction();',
      '    return null;',
      '  }',
      '  async withTransaction(fn: (t: unknown) => Promise<void>) {',
      '    return this.sequelize.transaction(async (t) => fn(t));',
      '  }',
      '}',
      '',
    ].join('\n');
    const file = await scanned('src/repo.ts', 'typescript', ts);
    assert.ok(file.regions.some((r) => r.category === 'transactions' && r.symbol === 'Repo.getTransaction'), 'the getter itself is marked');
    const names = [...(buildWrapperTable([file]).get('ecma') ?? [])].map(([k]) => k).filter((k) => !k.startsWith('\u0000'));
    assert.ok(!names.includes('getTransaction'), `getTransaction is no wrapper: ${names.join(', ')}`);
    assert.ok(names.includes('withTransaction'), `withTransaction is a wrapper: ${names.join(', ')}`);
  });

  it('acquire/release wrappers count only as static calls of their class', async () => {
    const ts = [
      "import Redlock from 'redlock';",
      'const redlock = new Redlock([]);',
      'export class MutexLock {',
      '  static async acquire(key: string, ttl: number) {',
      '    return redlock.acquire([key], ttl);',
      '  }',
      '}',
      '',
    ].join('\n');
    const table = buildWrapperTable([await scanned('server/utils/MutexLock.ts', 'typescript', ts)]);
    const names = table.get('ecma');
    assert.strictEqual(names?.get('MutexLock.acquire'), 'consensus');
    assert.ok(!names?.has('acquire'), 'the bare method name is every semaphore\'s');
    const engine = await sharedEngine();
    const caller = [
      "import { Sema } from 'async-sema';",
      'export async function migrate() {',
      "  const lock = await MutexLock.acquire('migrations', 1000);",
      '  return lock;',
      '}',
      'export async function upload(items: string[]) {',
      '  const sema = new Sema(4);',
      '  for (const item of items) {',
      '    await sema.acquire();',
      '    console.log(item);',
      '  }',
      '}',
      '',
    ].join('\n');
    assert.ok(mentionsWrapper('server/scripts/migrate.ts', caller, table));
    const { analysis } = engine.analyze(caller, 'typescript', { wrappers: names });
    assert.deepStrictEqual(
      analysis.regions.map((r) => `${r.symbol}:${r.category}:${r.triggers.map((t) => t.rule).join(',')}`),
      ['migrate:consensus:ecma.consensus.project-wrapper'],
    );
  });

  it('a Web Streams reader releasing its lock is no call of a lock helper of the same name', async () => {
    const ts = [
      "import Redis from 'ioredis';",
      'const redis = new Redis();',
      'export class BaseBuffer {',
      '  async releaseLock(lockId: string) {',
      "    await redis.eval('if redis.call(\"get\", KEYS[1]) == ARGV[1] then return redis.call(\"del\", KEYS[1]) end', 1, 'lock:buffer', lockId);",
      '  }',
      '}',
      '',
    ].join('\n');
    const table = buildWrapperTable([await scanned('src/buffers/base-buffer.ts', 'typescript', ts)]);
    const names = table.get('ecma');
    assert.strictEqual(names?.get('releaseLock'), 'consensus');
    const caller = [
      'export async function readBody(res: Response) {',
      '  const reader = res.body!.getReader();',
      '  try {',
      '    return await reader.read();',
      '  } finally {',
      '    reader.releaseLock();',
      '  }',
      '}',
      'export async function flush(buffer: BaseBuffer, id: string) {',
      '  await buffer.releaseLock(id);',
      '}',
      '',
    ].join('\n');
    const engine = await sharedEngine();
    const { analysis } = engine.analyze(caller, 'typescript', { wrappers: names });
    assert.deepStrictEqual(
      analysis.regions.map((r) => `${r.symbol}:${r.category}`),
      ['flush:consensus'],
    );
  });

  it('a CommonJS export is called through its module binding (passwordHash.verify), not as any verify()', async () => {
    const js = [
      "const bcrypt = require('bcryptjs');",
      'exports.verify = function (password, hash) {',
      '  return bcrypt.compareSync(password, hash);',
      '};',
      '',
    ].join('\n');
    const table = buildWrapperTable([await scanned('server/password-hash.js', 'javascript', js)]);
    const names = table.get('ecma');
    assert.strictEqual(names?.get('passwordHash.verify'), 'auth');
    assert.ok(!names?.has('verify'), 'the bare name is every library\'s');
    const engine = await sharedEngine();
    const caller = [
      "const passwordHash = require('./password-hash');",
      'exports.login = async function (username, password) {',
      '  const user = await findUser(username);',
      '  if (user && passwordHash.verify(password, user.password)) {',
      '    return user;',
      '  }',
      '  return null;',
      '};',
      'function checkSignature(sig, payload) {',
      '  return jws.verify(sig, payload);',
      '}',
      '',
    ].join('\n');
    assert.ok(mentionsWrapper('server/auth.js', caller, table));
    const { analysis } = engine.analyze(caller, 'javascript', { wrappers: names });
    assert.deepStrictEqual(
      analysis.regions.filter((r) => r.category === 'auth').map((r) => `${r.symbol}:${r.triggers.map((t) => t.rule).join(',')}`),
      ['exports.login:ecma.auth.project-wrapper'],
    );
  });

  it('a login classmethod counts only as a call on its class (Journalist.login), not any login()', async () => {
    const py = [
      'class Journalist:',
      '    @classmethod',
      '    def login(cls, username, password, token):',
      '        user = cls.query.filter_by(username=username).one()',
      '        if not user.valid_password(password):',
      '            raise WrongPasswordException("invalid password")',
      '        return user',
      '',
    ].join('\n');
    const table = buildWrapperTable([await scanned('securedrop/models.py', 'python', py)]);
    const names = table.get('python');
    assert.strictEqual(names?.get('Journalist.login'), 'auth');
    assert.ok(!names?.has('login'), 'the bare method name is every client\'s');
    const engine = await sharedEngine();
    const caller = [
      'def get_token(username, passphrase, code):',
      '    journalist = Journalist.login(username, passphrase, code)',
      '    return journalist.uuid',
      '',
      'def smoke(client):',
      '    client.login("a", "b")',
      '',
    ].join('\n');
    assert.ok(mentionsWrapper('journalist_app/api.py', caller, table));
    const { analysis } = engine.analyze(caller, 'python', { wrappers: names });
    assert.deepStrictEqual(
      analysis.regions.map((r) => `${r.symbol}:${r.category}:${r.triggers.map((t) => t.rule).join(',')}`),
      ['get_token:auth:python.auth.project-wrapper'],
    );
  });

  it('a Go one-call pass-through to a function of the same package makes no region', async () => {
    const engine = await sharedEngine();
    const wrappers = new Map<string, CategoryId>([['constantTimeEquals', 'timing']]);
    const go = [
      'package models',
      '',
      'type Flow struct{ challenge string }',
      '',
      'func (f *Flow) Matches(verifier string) bool {',
      '\treturn constantTimeEquals(f.challenge, verifier)',
      '}',
      '',
      'func MatchesUpper(challenge, verifier string) bool {',
      '\treturn constantTimeEquals(challenge, strings.ToUpper(verifier))',
      '}',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(go, 'go', { wrappers });
    assert.deepStrictEqual(analysis.regions.map((r) => `${r.symbol}:${r.category}`), ['MatchesUpper:timing'], 'a call in an argument is not forwarding');
  });
  it('a plain atomic counter helper (atomicAddDuration) is no lock-free wrapper; a compare-and-swap helper is (round 80, bbolt)', async () => {
    const go = [
      'package bbolt',
      '',
      'import (',
      '\t"sync/atomic"',
      '\t"time"',
      '\t"unsafe"',
      ')',
      '',
      'func atomicAddDuration(ptr *time.Duration, du time.Duration) time.Duration {',
      '\treturn time.Duration(atomic.AddInt64((*int64)(unsafe.Pointer(ptr)), int64(du)))',
      '}',
      '',
      'func atomicCompareSwapState(ptr *int32, old, next int32) bool {',
      '\treturn atomic.CompareAndSwapInt32(ptr, old, next)',
      '}',
      '',
    ].join('\n');
    const table = buildWrapperTable([await scanned('tx.go', 'go', go)]);
    assert.strictEqual(table.get('go')?.get('atomicAddDuration'), undefined);
    assert.strictEqual(table.get('go')?.get('atomicCompareSwapState'), 'lock-free');
  });

  it('a retry helper named just Retry is a wrapper; its callers get retry regions', async () => {
    const go = [
      'package resilience',
      '',
      'import "time"',
      '',
      'func Retry(maxWait time.Duration, failAfter time.Duration, f func() error) (err error) {',
      '\twait := 100 * time.Millisecond',
      '\tstart := time.Now()',
      '\tfor time.Since(start) < failAfter {',
      '\t\tif err = f(); err == nil {',
      '\t\t\treturn nil',
      '\t\t}',
      '\t\ttime.Sleep(wait)',
      '\t\twait = wait * 2',
      '\t\tif wait > maxWait {',
      '\t\t\twait = maxWait',
      '\t\t}',
      '\t}',
      '\treturn err',
      '}',
      '',
    ].join('\n');
    const table = buildWrapperTable([await scanned('resilience/retry.go', 'go', go)]);
    assert.strictEqual(table.get('go')?.get('Retry'), 'retry');
  });

  it('a Go switch that only dispatches to same-package comparators makes no region; one that adds a step does', async () => {
    const engine = await sharedEngine();
    const wrappers = new Map<string, CategoryId>([['CompareBcrypt', 'timing'], ['CompareArgon2id', 'timing']]);
    const go = [
      'package hasherx',
      '',
      'func Compare(ctx context.Context, password []byte, hash []byte) error {',
      '\tswitch {',
      '\tcase IsBcryptHash(hash):',
      '\t\treturn CompareBcrypt(ctx, password, hash)',
      '\tcase IsArgon2idHash(hash):',
      '\t\treturn CompareArgon2id(ctx, password, hash)',
      '\tdefault:',
      '\t\treturn errors.WithStack(ErrUnknownHashAlgorithm)',
      '\t}',
      '}',
      '',
      'func CompareTrimmed(ctx context.Context, password []byte, hash []byte) error {',
      '\tswitch {',
      '\tcase IsBcryptHash(hash):',
      '\t\treturn CompareBcrypt(ctx, bytes.TrimSpace(password), hash)',
      '\tcase IsArgon2idHash(hash):',
      '\t\treturn CompareArgon2id(ctx, password, hash)',
      '\t}',
      '\treturn nil',
      '}',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(go, 'go', { wrappers });
    assert.deepStrictEqual(analysis.regions.map((r) => `${r.symbol}:${r.category}`), ['CompareTrimmed:timing']);
  });

  it('jwt wrappers are helpers named for a JWT codec operation; crypto ones for encryption, HMAC or OTP generation', async () => {
    const py = [
      'import hashlib',
      'import secrets',
      'import jwt',
      'from cryptography.fernet import Fernet',
      '',
      'def decode_jwt(token, key, audience, algorithms=["HS256"]):',
      '    return jwt.decode(token, key, audience=audience, algorithms=algorithms)',
      '',
      'def read_jwt_header(token):',
      '    return jwt.get_unverified_header(token)',
      '',
      'def encrypt_field(value, key):',
      '    return Fernet(key).encrypt(value)',
      '',
      'def random_suffix_token():',
      '    return secrets.token_urlsafe(32)',
      '',
      'def checksum_bytes(data):',
      '    return hashlib.sha256(data).hexdigest()',
      '',
    ].join('\n');
    const table = buildWrapperTable([await scanned('app/tokens.py', 'python', py)]);
    assert.deepStrictEqual([...(table.get('python') ?? [])].sort(), [['decode_jwt', 'jwt'], ['encrypt_field', 'crypto']]);
    const engine = await sharedEngine();
    const caller = [
      'from fastapi_users.jwt import decode_jwt',
      '',
      'async def read_token(self, token, user_manager):',
      '    data = decode_jwt(token, self.decode_key, self.token_audience, algorithms=[self.algorithm])',
      '    return await user_manager.get(data.get("sub"))',
      '',
      'def header_of(token):',
      '    return read_jwt_header(token)["kid"]',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(caller, 'python', { wrappers: table.get('python') });
    assert.deepStrictEqual(
      analysis.regions.map((r) => `${r.symbol}:${r.category}:${[...new Set(r.triggers.map((t) => t.rule))].join(',')}`).sort(),
      ['read_token:auth:python.auth.library-call', 'read_token:jwt:python.jwt.project-wrapper'],
      'the project helper call keeps its auth library trigger; the unlisted helper makes nothing',
    );
  });
  it('a Go call handing a package value (crypto/rand.Reader) to a same-package helper is a choice, not a pass-through', async () => {
    const engine = await sharedEngine();
    const wrappers = new Map<string, CategoryId>([['generateOtp', 'crypto']]);
    const go = [
      'package crypto',
      '',
      'import (',
      '\t"crypto/rand"',
      '\t"io"',
      ')',
      '',
      'type otpSource struct{ reader io.Reader; digits int }',
      '',
      'func GenerateOtp(digits int) string {',
      '\treturn generateOtp(rand.Reader, digits)',
      '}',
      '',
      'func GenerateOtpFrom(r io.Reader, digits int) string {',
      '\treturn generateOtp(r, digits)',
      '}',
      '',
      'func (s *otpSource) Next() string {',
      '\treturn generateOtp(s.reader, s.digits)',
      '}',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(go, 'go', { wrappers });
    assert.deepStrictEqual(
      analysis.regions.map((r) => `${r.symbol}:${r.category}`),
      ['GenerateOtp:crypto'],
      'parameters and receiver fields are forwarded; rand.Reader is the RNG chosen here',
    );
  });

  it('a Python login helper up to 40 lines is an auth wrapper; its callers (a header or SAML login) get auth regions', async () => {
    const filler = Array.from({ length: 24 }, (_, i) => `        step${i} = ${i}`).join('\n');
    const py = [
      'from flask_login import login_user',
      '',
      'def create_and_login_user(org, name, email):',
      '    try:',
      '        user = User.get_by_email_and_org(email, org)',
      filler,
      '    except NoResultFound:',
      '        user = User(org=org, name=name, email=email)',
      '    login_user(user, remember=True)',
      '    return user',
      '',
      'def logout_and_redirect_to_index():',
      '    logout_user()',
      '    return redirect("/")',
      '',
    ].join('\n');
    const table = buildWrapperTable([await scanned('redash/authentication/__init__.py', 'python', py)]);
    assert.strictEqual(table.get('python')?.get('create_and_login_user'), 'auth');
    assert.ok(!table.get('python')?.has('logout_and_redirect_to_index'), 'a logout-and-redirect helper is not a login helper');
    const engine = await sharedEngine();
    const caller = [
      'def login(org_slug=None):',
      '    email = request.headers.get(settings.REMOTE_USER_HEADER)',
      '    user = create_and_login_user(current_org, email, email)',
      '    return redirect("/")',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(caller, 'python', { wrappers: table.get('python') });
    assert.deepStrictEqual(
      analysis.regions.map((r) => `${r.symbol}:${r.category}:${r.triggers.map((t) => t.rule).join(',')}`),
      ['login:auth:python.auth.project-wrapper'],
    );
  });

  it('a retry helper up to 40 lines is a wrapper (its policy table and give-up error count); a long timing helper is not', async () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `\tstep${i} := ${i}\n\t_ = step${i}`).join('\n');
    const go = [
      'package storage',
      '',
      'import (',
      '\t"context"',
      '\t"crypto/subtle"',
      '\t"time"',
      ')',
      '',
      'func retryOnConflict(ctx context.Context, action func() error) error {',
      '\tpolicy := []int{10, 20, 100, 300, 600}',
      body(6),
      '\tfor attempt := 0; attempt < len(policy); attempt++ {',
      '\t\tif err := action(); err == nil {',
      '\t\t\treturn nil',
      '\t\t}',
      '\t\ttime.Sleep(time.Duration(policy[attempt]) * time.Millisecond)',
      '\t}',
      '\treturn ctx.Err()',
      '}',
      '',
      'func constantEqualTokens(a, b string) bool {',
      body(13),
      '\treturn subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1',
      '}',
      '',
    ].join('\n');
    const table = buildWrapperTable([await scanned('storage/storage.go', 'go', go)]);
    assert.deepStrictEqual([...(table.get('go') ?? [])].filter(([k]) => !k.startsWith('\u0000')), [['retryOnConflict', 'retry']]);
  });
  it('a crypto wrapper call whose value only goes into a header or payload field makes no region; one the caller uses does', async () => {
    const engine = await sharedEngine();
    const table = new Map<string, CategoryId>([['computeHmac', 'crypto']]);
    const caller = [
      'export class PushWebhook {',
      '  async sendMessage(body: string) {',
      '    const hmacValue = this.computeHmac(body);',
      "    return post('/hook', body, { headers: { 'X-Signature': hmacValue } });",
      '  }',
      '  async inline(body: string) {',
      "    return post('/hook', body, { headers: { 'X-Signature': await this.computeHmac(body) } });",
      '  }',
      '  verify(body: string, signature: string) {',
      '    const expected = this.computeHmac(body);',
      '    return expected === signature;',
      '  }',
      '}',
      'declare function post(url: string, body: string, init: unknown): Promise<unknown>;',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(caller, 'typescript', { wrappers: table });
    assert.deepStrictEqual(
      analysis.regions.filter((r) => r.category === 'crypto').map((r) => r.symbol),
      ['PushWebhook.verify'],
    );
    const stored = ['export async function saveTokens(db: any, token: string) {', '  return db.create({ encryptedSad: encryptCscToken(token) });', '}', ''].join('\n');
    const encrypting = engine.analyze(stored, 'typescript', { wrappers: new Map<string, CategoryId>([['encryptCscToken', 'crypto']]) }).analysis;
    assert.deepStrictEqual(encrypting.regions.map((r) => `${r.symbol}:${r.category}`), ['saveTokens:crypto'], 'which secrets are stored encrypted is the caller\'s choice');
    const decryptTable = new Map<string, CategoryId>([['decryptDataSourceParams', 'crypto']]);
    const reading = ['export class Redshift {', '  params: unknown;', '  setParams(encrypted: string) {', '    this.params = decryptDataSourceParams(encrypted);', '  }', '}', 'declare function decryptDataSourceParams(s: string): unknown;', ''].join('\n');
    const decrypting = engine.analyze(reading, 'typescript', { wrappers: decryptTable }).analysis;
    assert.deepStrictEqual(decrypting.regions.map((r) => `${r.symbol}:${r.category}`), [], 'a decryption helper\'s caller reads a stored secret back and chooses nothing');
    const rotating = ['import * as crypto from "crypto";', 'export function rotate(row: { v: string }, key: Buffer) {', '  const plain = decryptDataSourceParams(row.v);', '  return crypto.createCipheriv("aes-256-gcm", key, crypto.randomBytes(12)).update(String(plain));', '}', 'declare function decryptDataSourceParams(s: string): unknown;', ''].join('\n');
    const rotated = engine.analyze(rotating, 'typescript', { wrappers: decryptTable }).analysis;
    assert.deepStrictEqual(rotated.regions.map((r) => `${r.symbol}:${r.category}`), ['rotate:crypto'], 'it still joins a crypto region of its own function');
  });

  it('a Python HMAC wrapper whose value is only a query keyword (a blind-index lookup) makes no region; one the caller compares does', async () => {
    const engine = await sharedEngine();
    const table = new Map<string, CategoryId>([['text_hmac_sha256', 'crypto']]);
    const caller = [
      'def task_activity_callback(recipient_list):',
      '    email_lookup_list = [text_hmac_sha256(email) for email in recipient_list]',
      '    return list(User.objects.filter(email_lookup__in=email_lookup_list))',
      '',
      '',
      'def filter_email(queryset, value):',
      '    return queryset.filter(Q(email_lookup=text_hmac_sha256(value)))',
      '',
      '',
      'def find_user(email):',
      '    email_lookup = text_hmac_sha256(email)',
      '    return User.objects.filter(email_lookup=email_lookup).first()',
      '',
      '',
      'def check_signature(body, signature):',
      '    expected = text_hmac_sha256(body)',
      '    return expected == signature',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(caller, 'python', { wrappers: table });
    assert.deepStrictEqual(
      analysis.regions.filter((r) => r.category === 'crypto').map((r) => r.symbol),
      ['check_signature'],
    );
  });

  it('a Go retry factory wired into a field is no retry at the wiring; a call that runs it is', async () => {
    const engine = await sharedEngine();
    const wrappers = new Map<string, CategoryId>([['runWithRetry', 'retry']]);
    const go = [
      'package core',
      '',
      'func GenApp(backends []Backend) *Command {',
      '	app := &Command{}',
      '	app.Name = "agent"',
      '	app.Action = runWithRetry(backends)',
      '	return app',
      '}',
      '',
      'func GenCommand(backends []Backend) *Command {',
      '	return &Command{Name: "agent", Action: runWithRetry(backends)}',
      '}',
      '',
      'func Start(ctx context.Context, backends []Backend) error {',
      '	return runWithRetry(backends)(ctx, nil)',
      '}',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(go, 'go', { wrappers });
    assert.deepStrictEqual(analysis.regions.map((r) => `${r.symbol}:${r.category}`), ['Start:retry']);
  });
  it('a Django form or DRF serializer field hook (validate_password, clean_password) is no wrapper: the framework calls it', async () => {
    const py = [
      'from django.contrib.auth import password_validation',
      'from rest_framework import serializers',
      '',
      'class AccountPasswordSerializer(serializers.Serializer):',
      '    def validate_password(self, value):',
      '        if not self.context["request"].user.check_password(value):',
      '            raise serializers.ValidationError("Password not correct")',
      '        return value',
      '',
      'def verify_user_password(user, password):',
      '    return user.check_password(password)',
      '',
    ].join('\n');
    const table = buildWrapperTable([await scanned('core/serializers.py', 'python', py)]);
    assert.deepStrictEqual([...(table.get('python') ?? [])], [['verify_user_password', 'auth']]);
  });
  it('a permission helper asked while building a menu decides only whether a link shows (round 29)', async () => {
    const engine = await sharedEngine();
    const wrappers = new Map<string, CategoryId>([['can_manage_templates', 'auth']]);
    const py = [
      'def _category_sidemenu_items(sender, category, **kwargs):',
      '    if can_manage_templates(session.user):',
      '        return SideMenuItem("receipts", "Templates", url_for("receipts.list", category))',
      '',
      '',
      'def resolve_menu_items(root, info):',
      '    if can_manage_templates(info.context.user):',
      '        return Template.objects.all()',
      '    return Template.objects.none()',
      '',
      '',
      'class TemplatesMenuItem(MenuItem):',
      '    def is_shown(self, request):',
      '        return can_manage_templates(request.user)',
      '',
      '',
      'class TemplatesPanel(ObjectsTablePanel):',
      '    def _get_table_add_url(self, context):',
      '        if can_manage_templates(context["request"].user):',
      '            return reverse("templates:add")',
      '        return None',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(py, 'python', { wrappers });
    // A menu item's is_shown and an "Add" button's URL (round 32) decide only what shows, like a menu builder.
    assert.deepStrictEqual(analysis.regions.map((r) => `${r.symbol}:${r.category}`), ['resolve_menu_items:auth']);
  });

  it('a list page\'s context menu and bulk actions only pick what shows; the view that acts still checks (round 101)', async () => {
    const engine = await sharedEngine();
    const wrappers = new Map<string, CategoryId>([['has_org_perm', 'auth']]);
    const py = [
      'class List(BaseListView):',
      '    def build_context_menu(self, menu):',
      '        if self.has_org_perm("globals.global_create"):',
      '            menu.add_modax("New", "new-global")',
      '',
      '    def get_bulk_actions(self):',
      '        return ("restore",) if self.has_org_perm("contacts.contact_update") else ()',
      '',
      '    def post(self, request, *args, **kwargs):',
      '        if not self.has_org_perm("contacts.contact_update"):',
      '            raise PermissionDenied()',
      '        return self.apply(request)',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(py, 'python', { wrappers });
    assert.deepStrictEqual(analysis.regions.map((r) => `${r.symbol}:${r.category}`), ['List.post:auth']);
  });

  it('a Python call of the project retry helper joins a retry region but makes none (round 101)', async () => {
    const engine = await sharedEngine();
    const wrappers = new Map<string, CategoryId>([['_with_retry', 'retry']]);
    const py = [
      'class VonageClient:',
      '    def buy_number(self, country, number):',
      '        return self._with_retry(self.base.buy_number, params={"country": country, "msisdn": number})',
      '',
      '    def _poll(self):',
      '        for attempt in range(5):',
      '            try:',
      '                return self._with_retry(self.base.get_numbers)',
      '            except RateLimitedError:',
      '                time.sleep(2 ** attempt)',
      '',
      '    def acquire(self):',
      '        try:',
      '            return self.base.acquire()',
      '        except InvalidSession:',
      '            self.refresh_session()',
      '            return self._with_retry(self.base.acquire)',
      '',
      '    def send(self, mail):',
      '        with self._with_retry(self):',
      '            self.base.deliver(mail)',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(py, 'python', { wrappers });
    // In an except handler the unit decides which failure is retried (patroni's leader acquire); as a
    // context manager the helper retries the unit's own block (pretalx's mail tasks).
    assert.deepStrictEqual(analysis.regions.map((r) => `${r.symbol}:${r.category}`), ['VonageClient._poll:retry', 'VonageClient.acquire:retry', 'VonageClient.send:retry']);
  });

  it('a Go wrapper that is a package-level function is not called as a method of a value', async () => {
    const engine = await sharedEngine();
    const handler = [
      'package handlers',
      '',
      'import "net/http"',
      '',
      'func GetOauthAccounts(app *App) http.HandlerFunc {',
      '\treturn func(w http.ResponseWriter, r *http.Request) {',
      '\t\tif GetAccountID(r) == 0 {',
      '\t\t\tw.WriteHeader(http.StatusUnauthorized)',
      '\t\t\treturn',
      '\t\t}',
      '\t}',
      '}',
      '',
    ].join('\n');
    const table = buildWrapperTable([await scanned('server/handlers/get_oauth_accounts.go', 'go', handler)]);
    assert.deepStrictEqual([...(table.get('go') ?? [])].filter(([k]) => !k.startsWith('\u0000')), [['GetOauthAccounts', 'auth']]);
    const caller = [
      'package services',
      '',
      'import "example.com/app/server/handlers"',
      '',
      'func AccountGetter(store AccountStore, id int) ([]string, error) {',
      '\treturn store.GetOauthAccounts(id)',
      '}',
      '',
      'func Routes(app *App) {',
      '\tapp.Handle("/oauth/accounts", handlers.GetOauthAccounts(app))',
      '}',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(caller, 'go', { wrappers: table.get('go') });
    assert.deepStrictEqual(analysis.regions.map((r) => `${r.symbol}:${r.category}`), ['Routes:auth']);
  });

  it('a Go package-level wrapper is called through its own package, not another package\'s function of the same name', async () => {
    const engine = await sharedEngine();
    const wrapper = [
      'package auth',
      '',
      'import "crypto/subtle"',
      '',
      'func CompareSecret(presented, stored string) bool {',
      '\treturn subtle.ConstantTimeCompare([]byte(presented), []byte(stored)) == 1',
      '}',
      '',
    ].join('\n');
    const table = buildWrapperTable([await scanned('app/api/auth/secret.go', 'go', wrapper)]);
    assert.strictEqual(table.get('go')?.get('CompareSecret'), 'timing');
    const caller = [
      'package handlers',
      '',
      'import (',
      '\tapiauth "example.com/app/app/api/auth"',
      '\t"example.com/app/app/services/webhook"',
      ')',
      '',
      'func sanitizeWebhook(secret string) error {',
      '\treturn webhook.CompareSecret(secret)',
      '}',
      '',
      'func authorizeAgent(presented, stored string) bool {',
      '\treturn apiauth.CompareSecret(presented, stored)',
      '}',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(caller, 'go', { wrappers: table.get('go') });
    assert.deepStrictEqual(analysis.regions.map((r) => `${r.symbol}:${r.category}`), ['authorizeAgent:timing']);
  });

  it('a Go token package qualifies its functions\' generic names: jwt.Encode is a wrapper only through that package (round 54)', async () => {
    const engine = await sharedEngine();
    const wrapper = [
      'package jwt',
      '',
      'import jwtgo "github.com/golang-jwt/jwt/v4"',
      '',
      'func Encode(claims jwtgo.Claims, key []byte) (string, error) {',
      '\treturn jwtgo.NewWithClaims(jwtgo.SigningMethodHS256, claims).SignedString(key)',
      '}',
      '',
    ].join('\n');
    const table = buildWrapperTable([await scanned('app/pkg/jwt/jwt.go', 'go', wrapper)]);
    assert.strictEqual(table.get('go')?.get('Encode'), 'jwt');
    const caller = [
      'package handlers',
      '',
      'import (',
      '\t"encoding/base64"',
      '',
      '\t"example.com/app/app/pkg/jwt"',
      ')',
      '',
      'func issueSession(claims Claims, key []byte) (string, error) {',
      '\treturn jwt.Encode(claims, key)',
      '}',
      '',
      'func encodeID(dst, src []byte) {',
      '\tbase64.StdEncoding.Encode(dst, src)',
      '}',
      '',
      'func Encode(v string) string { return v }',
      '',
      'func label(v string) string {',
      '\treturn Encode(v)',
      '}',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(caller, 'go', { wrappers: table.get('go') });
    assert.deepStrictEqual(analysis.regions.map((r) => `${r.symbol}:${r.category}`), ['issueSession:jwt']);
  });

  it('a Go bcrypt hashing helper makes no auth region of its own, but its callers are auth sites (summary evidence)', async () => {
    const engine = await sharedEngine();
    const helper = [
      'package password',
      '',
      'import "golang.org/x/crypto/bcrypt"',
      '',
      'func CreatePassword(pw string, strength int) []byte {',
      '\thashed, _ := bcrypt.GenerateFromPassword([]byte(pw), strength)',
      '\treturn hashed',
      '}',
      '',
      'func ComparePassword(hashed, pw []byte) bool {',
      '\treturn bcrypt.CompareHashAndPassword(hashed, pw) == nil',
      '}',
      '',
    ].join('\n');
    const file = await scanned('auth/password/password.go', 'go', helper);
    // Hashing is crypto; only the comparison is a password check.
    assert.deepStrictEqual(
      file.regions.map((r) => `${r.symbol}:${r.category}`),
      ['CreatePassword:crypto', 'ComparePassword:crypto', 'ComparePassword:auth'],
    );
    assert.deepStrictEqual(file.wrapperEvidence?.map((r) => `${r.symbol}:${r.category}`), ['CreatePassword:auth']);
    const table = buildWrapperTable([file]);
    assert.deepStrictEqual(
      [...(table.get('go') ?? [])].filter(([k]) => !k.startsWith('\u0000')).sort(),
      [['ComparePassword', 'auth'], ['CreatePassword', 'auth']],
    );
    const caller = [
      'package api',
      '',
      'import "example.com/app/auth/password"',
      '',
      'func CreateUser(db DB, name, pw string) error {',
      '\tu := User{Name: name, Pass: password.CreatePassword(pw, 10)}',
      '\treturn db.Create(&u)',
      '}',
      '',
      'func ListUsers(db DB) []User {',
      '\treturn db.All()',
      '}',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(caller, 'go', { wrappers: table.get('go') });
    assert.deepStrictEqual(analysis.regions.map((r) => `${r.symbol}:${r.category}`), ['CreateUser:auth']);
    // Without the summary the helper would not be known: no table, no region in the caller.
    const bare = engine.analyze(caller, 'go').analysis;
    assert.deepStrictEqual(bare.regions, []);
  });

  it('a TS password-compare adapter makes no auth region of its own, but the login calling it is an auth site (summary evidence)', async () => {
    const engine = await sharedEngine();
    const helper = [
      "import { compareSync, hashSync } from 'bcrypt';",
      '',
      'export class AuthService {',
      '  static hashPassword(password: string) {',
      '    return hashSync(password, 10);',
      '  }',
      '  static comparePassword(password: string, hash: string) {',
      '    return compareSync(password, hash);',
      '  }',
      '}',
      '',
    ].join('\n');
    const file = await scanned('libs/helpers/auth.service.ts', 'typescript', helper);
    assert.deepStrictEqual(file.regions.filter((r) => r.category === 'auth'), []);
    assert.deepStrictEqual(file.wrapperEvidence?.map((r) => `${r.symbol}:${r.category}`), ['AuthService.comparePassword:auth']);
    const table = buildWrapperTable([file]);
    assert.strictEqual(table.get('ecma')?.get('comparePassword'), 'auth');
    const caller = [
      "import { AuthService as AuthChecker } from '@app/helpers/auth.service';",
      '',
      'export async function login(users: { find(e: string): Promise<{ password: string } | null> }, email: string, password: string) {',
      '  const user = await users.find(email);',
      '  if (!user || !AuthChecker.comparePassword(password, user.password)) {',
      "    throw new Error('Invalid user name or password');",
      '  }',
      '  return user;',
      '}',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(caller, 'typescript', { wrappers: table.get('ecma') });
    assert.deepStrictEqual(analysis.regions.map((r) => `${r.symbol}:${r.category}`), ['login:auth']);
  });

  it('a TS/JS call of the project retry helper joins a retry region but makes none (the policy lives in the helper)', async () => {
    const engine = await sharedEngine();
    const wrappers = new Map<string, CategoryId>([['executeWithRetry', 'retry']]);
    const ts = [
      'export const setEmailConfirmedAt = async (db: AccountDb, did: string, at: string) => {',
      "  await db.executeWithRetry(db.db.updateTable('account').set({ emailConfirmedAt: at }).where('did', '=', did))",
      '}',
      'export async function sendWithBackoff(db: AccountDb) {',
      '  for (let attempt = 0; attempt < 5; attempt++) {',
      '    try { return await db.executeWithRetry(db.db.selectFrom("x")) } catch { await sleep(2 ** attempt * 100) }',
      '  }',
      '}',
      'declare const sleep: (ms: number) => Promise<void>;',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(ts, 'typescript', { wrappers });
    assert.deepStrictEqual(analysis.regions.map((r) => `${r.symbol}:${r.category}`), ['sendWithBackoff:retry']);
  });

  it('a Go call of the project transaction helper around one statement joins a region but makes none; two statements make one', async () => {
    const engine = await sharedEngine();
    const wrappers = new Map<string, CategoryId>([['withTx', 'transactions'], ['withTxRetry', 'retry']]);
    const go = [
      'package database',
      '',
      'func (db *DB) DeleteAccount(ctx context.Context, id int) error {',
      '\treturn db.withTx(ctx, func(tx *sqlx.Tx) error {',
      '\t\tresult, err := tx.ExecContext(ctx, `DELETE FROM account WHERE id = ?`, id)',
      '\t\tif err != nil {',
      '\t\t\treturn err',
      '\t\t}',
      '\t\trows, err := result.RowsAffected()',
      '\t\tif err != nil {',
      '\t\t\treturn err',
      '\t\t}',
      '\t\tif rows == 0 {',
      '\t\t\treturn ErrNotFound',
      '\t\t}',
      '\t\treturn nil',
      '\t})',
      '}',
      '',
      'func (db *DB) SetVersion(ctx context.Context, v string) error {',
      '\treturn db.withTxRetry(ctx, func(tx *sqlx.Tx) error {',
      '\t\t_, err := tx.ExecContext(ctx, "UPDATE system SET version = ?", v)',
      '\t\treturn err',
      '\t})',
      '}',
      '',
      'func (db *DB) DeleteBookmarks(ctx context.Context, id int) error {',
      '\treturn db.withTx(ctx, func(tx *sqlx.Tx) error {',
      '\t\tif _, err := tx.ExecContext(ctx, `DELETE FROM bookmark_tag WHERE bookmark_id = ?`, id); err != nil {',
      '\t\t\treturn err',
      '\t\t}',
      '\t\t_, err := tx.ExecContext(ctx, `DELETE FROM bookmark WHERE id = ?`, id)',
      '\t\treturn err',
      '\t})',
      '}',
      '',
      '// A repository reached through the handle may run several statements; a loop runs several.',
      'func (db *DB) RemoveTracks(ctx context.Context, id string, ids []string) error {',
      '\treturn db.withTx(ctx, func(tx *sqlx.Tx) error {',
      '\t\treturn tx.Playlist(ctx).Tracks(id).Delete(ids...)',
      '\t})',
      '}',
      '',
      'func (db *DB) CreateTables(ctx context.Context, statements []string) error {',
      '\treturn db.withTx(ctx, func(tx *sqlx.Tx) error {',
      '\t\tfor _, st := range statements {',
      '\t\t\tif _, err := tx.ExecContext(ctx, st); err != nil {',
      '\t\t\t\treturn err',
      '\t\t\t}',
      '\t\t}',
      '\t\treturn nil',
      '\t})',
      '}',
      '',
    ].join('\n');
    const { analysis } = engine.analyze(go, 'go', { wrappers });
    assert.deepStrictEqual(
      analysis.regions.filter((r) => r.category !== 'sql').map((r) => `${r.symbol}:${r.category}`),
      ['DB.DeleteBookmarks:transactions', 'DB.RemoveTracks:transactions', 'DB.CreateTables:transactions'],
    );
  });
});
