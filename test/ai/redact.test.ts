import * as assert from 'assert';
import { isSecretName, looksRandom, redactSecrets, scrubText } from '../../server/src/ai/redact';

const GO = `package main

import jwt "github.com/golang-jwt/jwt/v5"

// leaked: ghp_abcdefghijklmnopqrstuvwxyz0123456789AB
const apiKey = "sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUv"

func f() string {
	password := "hunter2!"
	dsn := "postgres://app:s3cr3tP4ss@db.internal:5432/app?sslmode=require"
	key := []byte("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg==")
	hdr := "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
	aws := "AKIAIOSFODNN7EXAMPLE"
	pem := \`-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEAxyz
abc
-----END RSA PRIVATE KEY-----\`
	msg := "invalid token"
	tokenType := "Bearer"
	env := os.Getenv("JWT_SECRET")
	h := sha256.Sum256([]byte("hello"))
	return "ok"
}
`;

const SECRETS = [
  'ghp_abcdefghijklmnopqrstuvwxyz0123456789AB',
  'sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUv',
  'hunter2!',
  's3cr3tP4ss',
  'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg==',
  'eyJhbGciOiJIUzI1NiJ9',
  'AKIAIOSFODNN7EXAMPLE',
  'MIIEpAIBAAKCAQEAxyz',
];

describe('AI redaction', () => {
  it('replaces keys, tokens, passwords, private keys and connection-string credentials with placeholders', () => {
    const r = redactSecrets(GO, 'go');
    for (const s of SECRETS) assert.ok(!r.text.includes(s), `${s} must be redacted:\n${r.text}`);
    assert.match(r.text, /const apiKey = "<redacted:api-key#\d+ len=\d+>"/);
    assert.match(r.text, /password := "<redacted:password#\d+ len=\d+>"/);
    assert.match(r.text, /"postgres:\/\/app:<redacted:connection-string#\d+ len=\d+>@db\.internal:5432\/app\?sslmode=require"/, 'only the password of a URL');
    assert.match(r.text, /"Bearer <redacted:token#\d+ len=\d+>"/);
    assert.match(r.text, /\/\/ leaked: <redacted:token#\d+ len=\d+>/, 'token formats are removed from comments too');
    assert.deepStrictEqual(
      r.redactions.map((x) => [x.kind, x.line]),
      [
        ['token', 5],
        ['api-key', 6],
        ['password', 9],
        ['connection-string', 10],
        ['api-key', 11],
        ['token', 12],
        ['api-key', 13],
        ['private-key', 14],
      ],
    );
  });

  it('keeps the line structure so line numbers still match the file', () => {
    const r = redactSecrets(GO, 'go');
    const before = GO.split('\n');
    const after = r.text.split('\n');
    assert.strictEqual(after.length, before.length);
    for (const [i, line] of before.entries()) {
      if (/msg :=|return "ok"|func f|sha256/.test(line)) assert.strictEqual(after[i], line, `line ${i + 1} unchanged`);
    }
  });

  it('leaves ordinary strings, imports, env-var names and descriptive names alone', () => {
    const r = redactSecrets(GO, 'go');
    assert.match(r.text, /"github\.com\/golang-jwt\/jwt\/v5"/);
    assert.match(r.text, /msg := "invalid token"/);
    assert.match(r.text, /tokenType := "Bearer"/);
    assert.match(r.text, /os\.Getenv\("JWT_SECRET"\)/);
    assert.match(r.text, /\[\]byte\("hello"\)/);
  });

  it('uses one placeholder for one value', () => {
    const r = redactSecrets('a = "sk-AAAAAAAAAAAAAAAAAAAAAAAA1"\nb = "sk-AAAAAAAAAAAAAAAAAAAAAAAA1"\n', 'python');
    const [first, second] = r.redactions;
    assert.strictEqual(first?.placeholder, second?.placeholder);
  });

  it('handles Python quoting, DSNs, fallbacks and dict keys', () => {
    const py = [
      "SECRET_KEY = 'django-insecure-abc123'",
      'def f():',
      '    conn = psycopg2.connect("host=db user=app password=pa55word dbname=x")',
      '    token = os.environ.get("API_TOKEN", "fallback-token-value")',
      '    key = """-----BEGIN PRIVATE KEY-----',
      'MIIEvQ',
      '-----END PRIVATE KEY-----"""',
      '    headers = {"Authorization": "Basic dXNlcjpwYXNzd29yZDEyMzQ1Ng=="}',
      "    label = 'password reset'",
      '',
    ].join('\n');
    const r = redactSecrets(py, 'python');
    for (const s of ['django-insecure-abc123', 'pa55word', 'fallback-token-value', 'MIIEvQ', 'dXNlcjpwYXNzd29yZDEyMzQ1Ng']) {
      assert.ok(!r.text.includes(s), `${s} must be redacted:\n${r.text}`);
    }
    assert.match(r.text, /host=db user=app password=<redacted:password#\d+ len=\d+> dbname=x/);
    assert.match(r.text, /label = 'password reset'/);
    assert.strictEqual(r.text.split('\n').length, py.split('\n').length);
  });

  it('handles JavaScript object keys and template literals', () => {
    const js = "const cfg = { clientSecret: 'abcd-efgh-ijkl', name: \"service\" };\nconst url = `https://x.example/?api_key=${key}`;\nconst s = `xoxb-123456789012-abcdefghijkl`;\n";
    const r = redactSecrets(js, 'ecma');
    assert.match(r.text, /clientSecret: '<redacted:secret#\d+ len=\d+>'/);
    assert.match(r.text, /name: "service"/);
    assert.match(r.text, /api_key=\$\{key\}/, 'an interpolation is not a secret');
    assert.ok(!r.text.includes('xoxb-123456789012'));
  });

  it('classifies names and random-looking values', () => {
    for (const n of ['password', 'dbPassword', 'API_KEY', 'client_secret', 'accessKey', 'authToken', 'PRIVATE_KEY', 'databaseUrl']) assert.ok(isSecretName(n), n);
    for (const n of ['tokenType', 'passwordField', 'secretName', 'author', 'keyboard', 'tokenUrl', 'name']) assert.ok(!isSecretName(n), n);
    assert.ok(looksRandom('Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg=='));
    assert.ok(looksRandom('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'));
    assert.ok(!looksRandom('github.com/golang-jwt/jwt/v5'));
    assert.ok(!looksRandom('application/json'));
    assert.ok(!looksRandom('HelloWorldThisIsAnIdentifier'));
  });

  it('keeps the literals of real code that only look secret-adjacent (found on the corpus repositories)', () => {
    const ts = [
      "if (request.POST['revoke_key'] == 'api_key') revoke();",
      "fetch(url, { credentials: 'same-origin' });",
      "throw AuthenticationError('Token mismatch');",
      'const choices = [["authorization", "Authorize"], ["charge", "Charge"]];',
      "db.query(`SET LOCAL statement_timeout = ${timeoutMs}`);",
      "db.query('DROP INDEX CONCURRENTLY \"discount_sale_variants_sale_id_50fc4c3a\";');",
      '// check the token is within its expiration time',
      '// credential.id is already a Base64URL string',
      "hash(expected, 'base64url');",
      "const ZERO = '00000000-0000-0000-0000-000000000000';",
      '',
    ].join('\n');
    assert.deepStrictEqual(redactSecrets(ts, 'ecma').redactions, []);
    const py = ['def f(token):', '    """', '    :param token: The verification token generated by request_verify.', '    :raises InvalidPasswordException: The password is invalid.', '    """', ''].join('\n');
    assert.deepStrictEqual(redactSecrets(py, 'python').redactions, []);
  });

  it('withholds literals that are not obviously code, and says which were only withheld', () => {
    const r = redactSecrets('x := "Kd8Wq2Lm5Pz9Rt3V"\ny := "wR4!tY8#uI2$oP6%"\nz := "a1b2c3d4e5f6g7h8k9"\n', 'go');
    assert.deepStrictEqual(r.redactions.map((n) => n.kind), ['secret', 'secret', 'secret']);
    const words = redactSecrets('s := "amber-fox/jumps"\nq := "SELECT 1"\nf := "%s=%d"\nm := "HS256"\n', 'go');
    assert.deepStrictEqual(words.redactions, []);
    const odd = redactSecrets('s := "~a~b~c~d~e~"\n', 'go');
    assert.deepStrictEqual(odd.redactions.map((n) => [n.kind, n.length]), [['string', 11]]);
  });

  it('scrubs the key and credential formats out of messages', () => {
    assert.strictEqual(scrubText('Incorrect API key provided: my-key-1234.', ['my-key-1234']), 'Incorrect API key provided: <redacted>.');
    assert.strictEqual(scrubText('got sk-proj-AbCdEf1234567890GhIjKlMn back'), 'got <redacted> back');
  });
});
