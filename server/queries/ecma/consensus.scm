; Distributed locks, leader election and consensus in JavaScript / TypeScript: redlock and other
; Redis lock libraries, Redis `SET key value NX PX ttl` locks and Lua release scripts, etcd3
; locks / elections / leases, ZooKeeper, Consul sessions and locks, and raft libraries.

; Any call or constructor from a lock / coordination library:
; new Redlock([redis]), new Etcd3(), zookeeper.createClient(...), new Consul(), new Raft(...),
; new Mutex(redis, 'key') from redis-semaphore.
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^(redlock|@sesamecare-oss/redlock|redis-semaphore|redis-lock|node-redis-warlock|ioredfour|etcd3|node-zookeeper-client|zookeeper|consul|liferaft|@markwylde/liferaft|node-raft|raft|skiff|@kubernetes/client-node\\.LeaderElection|k8s-leader-election)(/[\\w./-]+)?(\\.|$)")
 (#set! rule "ecma.consensus.library"))

((new_expression
   constructor: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^(redlock|@sesamecare-oss/redlock|redis-semaphore|redis-lock|node-redis-warlock|ioredfour|etcd3|node-zookeeper-client|zookeeper|consul|liferaft|@markwylde/liferaft|node-raft|raft|skiff)(/[\\w./-]+)?(\\.|$)")
 (#set! rule "ecma.consensus.library"))

; Methods on lock-library instances: redlock.acquire([key], ttl), redlock.using(...),
; lock.release(), lock.extend(ttl), client.lock('k'), client.election('e'), client.lease(10).
; Not a database handle's release in the same file, `await queryRunner.release()` (TypeORM's
; connection going back to the pool; round 88, laudspeaker's cron service: four N).
((call_expression
   function: (member_expression object: (_) @obj property: (property_identifier) @m @trigger))
 (#match? @m "^(acquire|using|release|extend|lock|unlock|tryAcquire|acquireLock|waitAcquireLock|releaseLock|extendLock)$")
 (#not-match? @obj "{{db-handle-receiver}}")
 (#imports? "^(redlock|@sesamecare-oss/redlock|redis-semaphore|redis-lock|node-redis-warlock|ioredfour)$")
 (#set! rule "ecma.consensus.lock"))

; A shared lock client handed around on the server object, with the key and the lock's time to live:
; `server.lock.waitAcquireLock(lockKey, LOCK_TTL, …)`, `this.lock.acquireLock('gc', 60 * 1000, cb)`
; (round 65, wildduck's ioredfour instance used in files that do not import it). An expiry only a
; lock another process can take needs; an in-process mutex (`mutex.acquire()`) has none.
((call_expression
   function: (member_expression
     object: [(identifier) @o (member_expression property: (property_identifier) @o)]
     property: (property_identifier) @m @trigger)
   arguments: (arguments . (_) . [(number) (identifier) (member_expression) (binary_expression) (call_expression)] @ttl))
 (#match? @m "^(acquireLock|waitAcquireLock)$")
 (#match? @o "^(lock|locker|redisLock|distLock|[a-z]\\w*Lock|[a-z]\\w*Locker)$")
 (#match? @ttl "^[\\d_]+(\\s*\\*\\s*[\\d_]+)*$|[Tt][Tt][Ll]|TIMEOUT|[Tt]imeout|[Ee]xpir|[Ll]ease|INTERVAL|[Ii]nterval|_MS$|Ms$|[Dd]uration")
 (#set! rule "ecma.consensus.lock"))

((call_expression
   function: (member_expression object: (_) @obj property: (property_identifier) @m @trigger))
 (#match? @m "^(lock|election|lease|campaign|resign|acquire|release|observe|leader)$")
 (#not-match? @obj "{{db-handle-receiver}}")
 (#imports? "^etcd3$")
 (#set! rule "ecma.consensus.etcd"))

; consul.lock({ key }), consul.session.create({ ttl }), consul.kv.set({ key, value, acquire: sid })
((call_expression
   function: (member_expression) @trigger)
 (#match? @trigger "(^|\\.)(lock|session\\.(create|renew|destroy))$")
 (#imports? "^consul$")
 (#set! rule "ecma.consensus.consul"))

((call_expression
   function: (member_expression) @trigger
   arguments: (arguments (object (pair key: (property_identifier) @k))))
 (#match? @trigger "(^|\\.)kv\\.(set|del)$")
 (#any-of? @k "acquire" "release")
 (#imports? "^consul$")
 (#set! rule "ecma.consensus.consul"))

; CreateMode.EPHEMERAL_SEQUENTIAL nodes are the ZooKeeper lock / election recipe.
((member_expression
   object: [(identifier) @cm (member_expression property: (property_identifier) @cm)]
   property: (property_identifier) @mode) @trigger
 (#eq? @cm "CreateMode")
 (#match? @mode "^EPHEMERAL")
 (#set! rule "ecma.consensus.zookeeper"))

; Redis lock by hand: redis.set(key, token, 'PX', 30000, 'NX'), client.set(key, v, { NX: true, PX })
; redis.setnx(key, v), client.call('SET', key, v, 'NX'), client.sendCommand(['SET', k, v, 'NX'])
; The flag follows the key (and the command name), so an 'nx' first argument is a program's name
; (pnpmRun('nx', 'show', 'projects'), spawn('npx', ['nx', 'affected'])), not a Redis flag.
; A key that is a fresh nonce or a JWT's jti (`redis.set(payload.jti, "1", "EX", ttl, "NX")`,
; `set(this.#key(nonce), state, "EX", ttl, "NX")`) is a single-use or uniqueness marker with a TTL,
; never released or extended: no lock, no lease.
;; A SET NX whose key is never released, extended or named a lock marks an event done once: a
;; processed-invoice or first-conversion key with a TTL, "send this e-mail once", "track the first
;; time" (rounds 32 and 34: dub's invoicePaid, trackLead, trackSale, createShopifySale, inbox-zero's
;; trackFirstTimeEvent, sendTrialAiLimitReachedEmailOnce; ten such units judged N for consensus).
;; Its value is a marker (`"1"`, `1`, `true`, `"used"`, a timestamp, a JSON record), not the holder's
;; token a lock keeps so that only its holder releases it (`set(key, owner, "PX", ttl, "NX")` stays).
;; Nothing waits on it, takes it over or hands it back: a dedupe marker, not a lock. One that is
;; deleted, extended or renewed, or whose key, unit or code says lock, mutex, leader, lease,
;; semaphore, debounce, claim, reservation, idempotency or singleton, stays a consensus operation (a
;; claim that others wait on, inbox-zero's claimOAuthCode, and a reservation released elsewhere,
;; openstatus's reserveDelivery, were judged Y). (First: of two patterns matching the same call, the
;; earlier one counts.)
((call_expression
   function: [(identifier) (member_expression)] @trigger
   arguments: (arguments . (_) . (_) @value (string) @nx) @args)
 (#match? @nx "^.(NX|nx).$")
 (#match? @value "{{redis-marker-value}}")
 (#not-match? @args "^\\(\\s*['\"`](NX|nx)['\"`]")
 (#not-match? @args "{{redis-lock-words}}")
 (#not-text-before? @trigger "{{redis-lock-words}}")
 (#not-text-after? @trigger "{{redis-lock-words}}")
 (#not-unit-name-matches? @trigger "{{redis-lock-words}}")
 (#set! evidence "mention")
 (#set! rule "ecma.consensus.redis-set-nx"))

((call_expression
   function: (member_expression property: (property_identifier) @set) @trigger
   arguments: (arguments . (_) . (_) @value . (object (pair key: (property_identifier) @nx))) @args)
 (#match? @set "^(set|SET)$")
 (#match? @nx "^(NX|nx)$")
 (#match? @value "{{redis-marker-value}}")
 (#not-match? @args "{{redis-lock-words}}")
 (#not-text-before? @trigger "{{redis-lock-words}}")
 (#not-text-after? @trigger "{{redis-lock-words}}")
 (#not-unit-name-matches? @trigger "{{redis-lock-words}}")
 (#set! evidence "mention")
 (#set! rule "ecma.consensus.redis-set-nx"))

;; A cache fill that must not clobber a fresher write, `redis.set(cacheKey, value, 'EX', ttl, 'NX')`,
;; in a unit named for the cache (`#cachePopulate`) or under a key named for it before the call (round 62, puter's
;; subdomain and key-value stores): nobody holds, waits on or releases it. A mention, unless lock words
;; are near (first: of two patterns matching the same call, the earlier counts).
((call_expression
   function: [(identifier) (member_expression)] @trigger
   arguments: (arguments (string) @nx) @args)
 (#match? @nx "^.(NX|nx).$")
 (#text-before? @trigger "[Cc]ache|CACHE")
 (#not-match? @args "{{redis-lock-words}}")
 (#not-text-before? @trigger "{{redis-lock-words}}")
 (#not-unit-name-matches? @trigger "{{redis-lock-words}}")
 (#set! evidence "mention")
 (#set! rule "ecma.consensus.redis-set-nx"))

;; (Not the option names listed in an error, `throw kerror.get("mutually_exclusive", "nx", "xx")`:
;; kuzzle's memory-storage API refusing both flags, round 94.)
((call_expression
   function: [(identifier) (member_expression)] @trigger
   arguments: (arguments (string) @nx) @args)
 (#match? @nx "^.(NX|nx).$")
 (#not-match? @args "^\\(\\s*['\"`](NX|nx)['\"`]")
 (#not-match? @args "['\"`](NX|nx)['\"`]\\s*,\\s*['\"`](XX|xx)['\"`]")
 (#not-match? @trigger "(^|\\.)([Pp]?[Ee]xpire([Aa]t)?|P?EXPIRE(AT)?|zadd|zAdd|ZADD|geoadd|geoAdd|GEOADD)$")
 (#not-match? @args "^\\(\\s*[^,]*?(?:^|[^A-Za-z0-9_$])(?:[A-Za-z_$]*[Nn]once|jti|[A-Za-z_$]*Jti)\\)?\\s*,")
 (#set! rule "ecma.consensus.redis-set-nx"))

((call_expression
   function: [(identifier) (member_expression)] @trigger
   arguments: (arguments (array (string) @nx) @cmd))
 (#match? @nx "^.(NX|nx).$")
 (#match? @cmd "^\\[\\s*['\"`](SET|set)['\"`]")
 (#set! rule "ecma.consensus.redis-set-nx"))

((call_expression
   function: (member_expression property: (property_identifier) @set) @trigger
   arguments: (arguments (object (pair key: (property_identifier) @nx))))
 (#match? @set "^(set|SET)$")
 (#match? @nx "^(NX|nx)$")
 (#set! rule "ecma.consensus.redis-set-nx"))

((call_expression
   function: (member_expression property: (property_identifier) @m @trigger))
 (#match? @m "^(setnx|setNX|SETNX)$")
 (#set! rule "ecma.consensus.redis-set-nx"))

; The compare-and-delete Lua script that releases a Redis lock:
; if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) ...
([(string) (template_string)] @trigger
 (#match? @trigger "redis\\.call\\(\\s*[\"'](get|GET)[\"']\\s*,\\s*KEYS\\[1\\]\\s*\\)\\s*==\\s*ARGV\\[1\\]")
 (#set! rule "ecma.consensus.redis-lock-script"))

; PostgreSQL advisory locks: SELECT pg_advisory_lock($1), pg_try_advisory_lock(hashtext('job')),
; pg_advisory_xact_lock(...), and their unlocks: a cross-process (cross-instance) mutex whose
; key, session scope and release are easy to get wrong (a pooled connection keeps the lock).
([(string) (template_string)] @trigger
 (#match? @trigger "pg_(try_)?advisory_(xact_)?(lock|unlock)(_shared|_all)?\\s*\\(")
 (#set! rule "ecma.consensus.pg-advisory-lock"))

; The advisory-lock function's name kept in a constant and interpolated into the statement:
; const fnName = "pg_advisory_xact_lock"; manager.execute(`SELECT ${fnName}(?)`, [key])
((string) @trigger
 (#match? @trigger "^.pg_(try_)?advisory_(xact_)?(lock|unlock)(_shared|_all)?.$")
 (#set! rule "ecma.consensus.pg-advisory-lock"))

; A Lua script that takes a Redis lock with SET ... NX (ioredis defineCommand("acquireLock", { lua })).
([(string) (template_string)] @trigger
 (#match? @trigger "redis\\.call\\(\\s*[\"'](SET|set)[\"']")
 (#match? @trigger "[\"'](NX|nx)[\"']")
 (#set! rule "ecma.consensus.redis-lock-script"))

; A lease kept in a database row and taken with one atomic update: `JobModel.findOneAndUpdate({ …,
; $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }] }, { $set: { lockedBy: workerId,
; lockedUntil: now + LOCK_MS } })` (round 95, Checkmate's job queue: which worker runs a job), its
; renewal and release. The filter and the owner written with it are the mutual exclusion between
; workers, as a SET NX lock is.
((call_expression
   function: (member_expression property: (property_identifier) @m) @trigger
   arguments: (arguments) @args)
 (#match? @m "^(findOneAndUpdate|findAndModify|updateOne|updateMany|update|upsert)$")
 (#match? @args "\\$set[\\s\\S]*\\b(lockedBy|lockedUntil|lockExpiresAt|lockOwner|leaseUntil|leaseOwner|leaseExpiresAt|leaseHolder|locked_by|locked_until|lock_owner|lease_until|lease_owner|lease_expires_at)\\b")
 (#set! rule "ecma.consensus.row-lease"))
