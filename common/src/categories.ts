/**
 * The ten guardrail categories. Ids are part of the public contract: the CLI, settings,
 * diagnostics and the review ledger all use them, so never rename one.
 */
export const CATEGORY_IDS = [
  'crypto',
  'jwt',
  'auth',
  'timing',
  'lock-free',
  'consensus',
  'concurrency',
  'sql',
  'transactions',
  'retry',
] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];
export type Tier = 'do-not-trust' | 'review';

export interface CategoryInfo {
  id: CategoryId;
  tier: Tier;
  title: string;
  /** What the category covers, one line (README table, sidebar tooltip). */
  covers: string;
  /** Why AI-written code is unreliable here. */
  why: string;
  /** What a human reviewer must check. */
  checklist: string[];
}

export function isCategoryId(value: unknown): value is CategoryId {
  return typeof value === 'string' && (CATEGORY_IDS as readonly string[]).includes(value);
}

export const CATEGORIES: Record<CategoryId, CategoryInfo> = {
  crypto: {
    id: 'crypto',
    tier: 'do-not-trust',
    title: 'Cryptography',
    covers: 'hashing, HMAC, ciphers, KDF/password hashing, signatures, key generation, secure randomness, TLS configuration',
    why: 'AI-generated crypto compiles, passes tests and ships as CVEs: wrong nonce handling, IV reuse, missing authentication, weak KDF parameters. Use vetted library primitives; never roll your own.',
    checklist: [
      'Only vetted primitives from the standard library or a maintained crypto library; no home-made constructions.',
      'Authenticated encryption (AES-GCM, ChaCha20-Poly1305); no ECB, no unauthenticated CBC/CTR.',
      'A fresh random nonce/IV for every encryption; never a constant, counter reuse or derived from the key.',
      'Randomness from a CSPRNG (crypto/rand, secrets, crypto.randomBytes), never math/rand, random or Math.random.',
      'Password hashing with bcrypt/scrypt/argon2 and sound cost parameters; never a bare SHA-2 or MD5.',
      'No MD5/SHA-1 for anything security-relevant; RSA keys of at least 2048 bits.',
      'TLS certificate verification left on; minimum TLS 1.2.',
      'Keys come from a key manager or configuration, not source code, and are never logged.',
    ],
  },
  jwt: {
    id: 'jwt',
    tier: 'do-not-trust',
    title: 'JWT / OAuth / SAML validation',
    covers: 'JWT/JWS/JWE, OAuth/OIDC token validation, JWKS, SAML assertions',
    why: 'alg=none, RS/HS key confusion, skipped audience or issuer checks and decode-without-verify regularly ship as 0-days in AI-written token code.',
    checklist: [
      'The algorithm is pinned to what the issuer signs with (e.g. RS256); the token header never chooses it; "none" is refused.',
      'The signature is verified with the right key (JWKS kid lookup, no HMAC secret used as a public key).',
      'exp and nbf are enforced with a small clock skew; iat is sane.',
      'aud and iss are checked against configured values.',
      'Decode-without-verify is used only for non-security display, never for authorization.',
      'OAuth: state and PKCE verifier checked; redirect URIs matched exactly; tokens never logged.',
      'Errors do not reveal which check failed to the caller.',
    ],
  },
  auth: {
    id: 'auth',
    tier: 'do-not-trust',
    title: 'Authentication state',
    covers: 'login/session handling, password checks, MFA/TOTP, session fixation/rotation, permission checks',
    why: 'Subtle bugs in session, MFA and password state machines become account takeover; AI reproduces plausible flows with missing transitions.',
    checklist: [
      'The session id is rotated on login and privilege change (no session fixation); sessions are invalidated on logout.',
      'Passwords are checked with the library verifier (constant time), never by comparing hashes with ==.',
      'Error messages do not reveal whether the user exists ("user not found" vs "wrong password").',
      'MFA cannot be skipped by calling a later step directly; TOTP codes are single use and rate limited.',
      'Login and reset endpoints are rate limited; lockout cannot be used to deny service to others.',
      'Permission checks happen on the server for every request, on the object being accessed.',
      'Session cookies are Secure, HttpOnly and SameSite.',
      'No credentials, tokens or session ids in logs.',
    ],
  },
  timing: {
    id: 'timing',
    tier: 'do-not-trust',
    title: 'Secret comparison (timing side channels)',
    covers: 'comparing secrets, MACs, signatures, tokens, password hashes',
    why: 'A normal equality check returns early on the first differing byte, so an attacker can recover a MAC or token byte by byte from response times.',
    checklist: [
      'Secrets, MACs, signatures and tokens are compared with a constant-time function (hmac.Equal, subtle.ConstantTimeCompare, hmac.compare_digest, crypto.timingSafeEqual).',
      'Lengths are checked without leaking the secret (timingSafeEqual throws on different lengths).',
      'The comparison is on raw bytes or a fixed encoding, not on parsed or normalized values.',
      'No early return or logging that depends on where the values differ.',
    ],
  },
  'lock-free': {
    id: 'lock-free',
    tier: 'do-not-trust',
    title: 'Lock-free code and memory ordering',
    covers: 'atomics, compare-and-swap, memory ordering, SharedArrayBuffer/Atomics',
    why: 'Memory-ordering bugs are nearly untestable: they pass every test and fail under load on other hardware. AI favours code that reads well over code that is correct.',
    checklist: [
      'Every shared variable is accessed only through atomics (no mixed plain and atomic access).',
      'CAS loops handle ABA and retry correctly; no lost updates.',
      'Memory ordering is the strongest needed; any relaxed ordering is justified in a comment.',
      'A plain mutex would not do: the lock-free version is measured to be worth it.',
      'Tested under the race detector / stress tests with many threads.',
    ],
  },
  consensus: {
    id: 'consensus',
    tier: 'do-not-trust',
    title: 'Distributed consensus and locks',
    covers: 'Raft/Paxos libraries, leader election, distributed locks (etcd, Consul, ZooKeeper, Redis locks)',
    why: 'Consensus and distributed locks have PhD-thesis edge cases: partitions, clock drift, paused processes and expired leases that still act.',
    checklist: [
      'Lock and lease holders use fencing tokens; a paused process cannot act on an expired lease.',
      'Lease/TTL values are larger than worst-case pauses; renewal failures stop the work.',
      'Leader-only work checks leadership at the point of the side effect, not once at start.',
      'Redis locks: SET NX PX with a random value and compare-and-delete; Redlock caveats understood.',
      'Behaviour under network partition and node restart is tested or reasoned about in writing.',
    ],
  },
  concurrency: {
    id: 'concurrency',
    tier: 'review',
    title: 'Concurrency primitives',
    covers: 'goroutines, channels, mutexes, WaitGroups, threads, executors, asyncio primitives (locks, semaphores, gather/TaskGroup), worker_threads, mutex libraries',
    why: 'Races are subtle and AI prefers readable code over correct synchronisation: missing unlocks, goroutine leaks, unbounded fan-out.',
    checklist: [
      'Every lock is released on every path (defer / with / finally).',
      'Shared state is guarded consistently by the same lock; no check-then-act races.',
      'Goroutines/threads/tasks have an owner that stops them; no leaks on error or cancellation.',
      'Fan-out is bounded (worker pool, semaphore); back-pressure exists.',
      'Channels are closed by the sender only; no send on closed channel.',
      'Run with the race detector or equivalent.',
    ],
  },
  sql: {
    id: 'sql',
    tier: 'review',
    title: 'Raw SQL',
    covers: 'raw SQL sent through drivers and ORM escape hatches, and SQL text assembled in strings, f-strings, format calls and template literals',
    why: 'AI is strong at intent-to-SQL but under-weights injection, query plans, lock contention and large-table scans.',
    checklist: [
      'Every value is a bound parameter ($1, ?, %s, :name); no string formatting of user input.',
      'Identifiers that must be dynamic come from an allow-list.',
      'EXPLAIN has been run for queries on large tables; indexes are used.',
      'Row counts are bounded (LIMIT / pagination); no accidental full scans.',
      'Result rows and cursors are closed; errors from rows.Err() are checked.',
    ],
  },
  transactions: {
    id: 'transactions',
    tier: 'review',
    title: 'Transactions and isolation',
    covers: 'BEGIN/COMMIT/ROLLBACK, isolation levels, SELECT ... FOR UPDATE, ORM transaction APIs',
    why: 'AI under-specifies isolation and rollback paths: deadlocks, lost updates and half-committed work follow.',
    checklist: [
      'Every path either commits or rolls back (defer tx.Rollback(), context managers).',
      'The isolation level is the one the invariant needs; serialization failures are retried.',
      'Locks are taken in a consistent order; SELECT ... FOR UPDATE covers exactly the rows needed.',
      'No network calls or long work inside the transaction.',
      'Idempotency holds if the transaction is retried.',
    ],
  },
  retry: {
    id: 'retry',
    tier: 'review',
    title: 'Retry, backoff and circuit breakers',
    covers: 'retry loops with backoff/sleep, retry decorators and task retry settings (Celery, tenacity, backoff, p-retry, cenkalti/backoff), circuit breakers',
    why: 'Retries without jitter, limits or idempotency amplify outages and double-charge customers.',
    checklist: [
      'Attempts and total time are bounded.',
      'Backoff is exponential with jitter.',
      'Only transient errors are retried; 4xx and validation errors are not.',
      'The retried operation is idempotent (idempotency key) or safe to repeat.',
      'Cancellation/context deadlines stop the retries.',
      'Circuit breaker thresholds and half-open behaviour are deliberate.',
    ],
  },
};

export function tierOf(category: CategoryId): Tier {
  return CATEGORIES[category].tier;
}
