; Distributed consensus, leases and distributed locks in Python: pysyncobj (Raft), etcd3, python-consul,
; kazoo (ZooKeeper), Redis locks (redis-py, python-redis-lock, pottery Redlock, aioredlock, redlock-py),
; Kubernetes leader election.

;; A status probe joins a consensus region but makes none (first: the earlier pattern counts): a
;; distributed lock built only to ask `.locked()` (a health check that beat or a leader holds it),
;; never acquired, released or entered in that function.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(redis\\.(asyncio\\.)?lock\\.Lock|redis_lock\\.Lock|pottery\\.(Redlock|AIORedlock)|aioredlock\\.Aioredlock|sherlock\\.\\w*Lock)$")
 (#text-after? @trigger "\\.locked\\(\\)")
 (#not-text-after? @trigger "\\.(acquire|release|extend|renew)\\(|\\bwith\\s")
 (#set! evidence "mention")
 (#set! rule "python.consensus.lock-probe"))

; pysyncobj: SyncObj(self_addr, partners), SyncObjConf(...), ReplLockManager(...), ReplDict()
; etcd3.client(...), etcd3.Lock(...), aetcd.Client(...), python-etcd's etcd.Lock(client, name) (round
; 109, kombu's etcd transport locking a queue)
; python-consul: consul.Consul(), consul.aio.Consul()
; kazoo: KazooClient(hosts=...), Lock(zk, path), Election(zk, path), LeaderElection, Party, Counter
; redis-py locks: redis.lock.Lock(r, "name"), redis.asyncio.lock.Lock(...)
; python-redis-lock, pottery Redlock, aioredlock, redlock-py, sherlock
;; The coordination service's client made, `consul.Consul(host=…, port=…)`, `KazooClient(hosts=…)`,
;; `etcd3.client(…)`: a connection, no lock, lease or election (round 109, kombu's Consul and ZooKeeper
;; transports and its connection check; celery's Consul backend, round 79: judged N). A mention (first:
;; of two patterns matching the same call, the earlier counts).
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(consul\\.(Consul|aio\\.Consul|base\\.Consul)|kazoo\\.client\\.KazooClient|(etcd3|etcd3gw|aetcd|aetcd3)\\.(client|Client|Etcd3Client))$")
 (#set! evidence "mention")
 (#set! rule "python.consensus.library-call"))

; Kubernetes leader election: leaderelection.LeaderElection(config), electionconfig.Config(...)
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(?:pysyncobj\\.|(etcd3|etcd3gw|aetcd|aetcd3)\\.\\w+(\\.\\w+)*$|etcd\\.Lock$|consul\\.(Consul|aio\\.Consul|base\\.Consul)$|kazoo\\.|redis\\.(asyncio\\.)?lock\\.Lock$|(redis_lock\\.\\w+|pottery\\.(Redlock|AIORedlock|synchronize|redlock\\.\\w+)|aioredlock\\.\\w+|redlock\\.\\w+|sherlock\\.\\w+)$|kubernetes\\.leaderelection\\.)")
 (#set! rule "python.consensus.library-call"))

; @replicated / @replicated_sync methods of a SyncObj
([(decorator [(identifier) (attribute)] @trigger)
  (decorator (call function: [(identifier) (attribute)] @trigger))]
 (#resolves-to? @trigger "^pysyncobj\\.(replicated|replicated_sync|syncobj\\.replicated\\w*)$")
 (#set! rule "python.consensus.pysyncobj"))

; class Counter(SyncObj)
((class_definition
   superclasses: (argument_list [(identifier) (attribute)] @trigger))
 (#resolves-to? @trigger "^(pysyncobj\\.(SyncObj|syncobj\\.SyncObj)|kazoo\\.recipe\\.\\w+\\.\\w+)$")
 (#set! rule "python.consensus.pysyncobj"))

; Round 27 (jumpserver): Django's cache lock, `lock = cache.lock("beat-start-lock", expire=60)`: only
; a Redis- or Memcached-backed cache has one (django-redis), so it is a lock shared by every process.
((call
   function: (attribute object: [(identifier) (attribute) (subscript)] @cache attribute: (identifier) @method) @trigger)
 (#eq? @method "lock")
 (#resolves-to? @cache "^django\\.core\\.cache\\.(cache|caches)$")
 (#set! rule "python.consensus.cache-lock"))

; The Celery cookbook's lock on Django's cache, `status = cache.add(lock_id, app_identifier, lock_expire)`:
; add() fails when the key exists, so on a shared cache the first worker to add wins the task (round
; 65, readthedocs' memcache_lock). The key or the function must say lock, and the unit must release it
; (`cache.delete(lock_id)`): a cache.add of a value is a fill, one never released a dedupe or a throttle
; marker (round 68 audit: pretalx's thumbnail queueing, saleor's login block, judged N).
((call
   function: (attribute object: [(identifier) (attribute) (subscript)] @cache attribute: (identifier) @method) @trigger
   arguments: (argument_list . (_) @key))
 (#eq? @method "add")
 (#resolves-to? @cache "^django\\.core\\.cache\\.(cache|caches)$")
 (#match? @key "[Ll]ock|LOCK")
 (#text-after? @trigger "\\.delete(_many)?\\(")
 (#set! rule "python.consensus.cache-lock"))

((call
   function: (attribute object: [(identifier) (attribute) (subscript)] @cache attribute: (identifier) @method) @trigger)
 (#eq? @method "add")
 (#resolves-to? @cache "^django\\.core\\.cache\\.(cache|caches)$")
 (#unit-name-matches? @trigger "(^|[._])([a-z]+_)*lock(_[a-z]+)*$|[a-z]Lock$")
 (#text-after? @trigger "\\.delete(_many)?\\(")
 (#set! rule "python.consensus.cache-lock"))

; client.lock("name", ttl=30), client.lease(10), client.transaction(compare=..., success=..., failure=...)
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#any-of? @method "lock" "lease" "refresh_lease" "revoke_lease" "transaction" "replace" "put_if_not_exists" "campaign" "election")
 (#imports? "^(etcd3|etcd3gw|aetcd|aetcd3)(\\.|$)")
 (#set! rule "python.consensus.etcd"))

;; c.session.create(ttl="15s", behavior="release"), c.session.renew(sid), c.session.destroy(sid): the
;; Consul session is a lease, a mention like a lease elsewhere (RECONCILED, stop 51): the lock is the
;; `kv.put(key, value, acquire=sid)` below, which makes the region (round 109, kombu's Consul transport:
;; its session create, renew and destroy units judged N).
((call
   function: (attribute
     object: (attribute attribute: (identifier) @session)
     attribute: (identifier) @method) @trigger)
 (#eq? @session "session")
 (#any-of? @method "create" "renew" "destroy")
 (#imports? "^consul(\\.|$)")
 (#set! evidence "mention")
 (#set! rule "python.consensus.consul"))

; c.kv.put(key, value, acquire=sid) / release=sid / cas=index: Consul locks and compare-and-set
((call
   function: (attribute attribute: (identifier) @method) @trigger
   arguments: (argument_list (keyword_argument name: (identifier) @kw)))
 (#any-of? @method "put" "delete")
 (#any-of? @kw "acquire" "release" "cas")
 (#imports? "^consul(\\.|$)")
 (#set! rule "python.consensus.consul"))

; zk.Lock("/locks/x", "me"), zk.Election("/election"), zk.Semaphore(...), zk.Barrier(...)
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#any-of? @method "Lock" "ReadLock" "WriteLock" "Election" "Semaphore" "Barrier" "DoubleBarrier" "Counter" "Party" "ShallowParty" "LeaderElection")
 (#imports? "^kazoo(\\.|$)")
 (#set! rule "python.consensus.zookeeper"))

; r.lock("name", timeout=10, blocking_timeout=5) on a redis client, or on valkey's, or one django-redis or
; django-valkey hands out (`r = get_valkey_connection(); r.lock(lock_key, timeout=t, blocking=False)`:
; round 101, rapidpro's cron and flow locks, unmarked)
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#eq? @method "lock")
 (#imports? "^(redis|aioredis|valkey|django_redis|django_valkey)(\\.|$)")
 (#set! rule "python.consensus.redis-lock"))

; hand-rolled Redis locks: r.set(key, token, nx=True, px=30000), r.setnx(key, token). Not a key named
; for a rate limit (`r.set(error_ratelimit_key, "1", nx=True, ex=RATE)`): a "sent recently" flag that
; throttles a notice, which nobody waits on or releases.
; Nor a SET NX its function then counts down or up (`pipe.set(key, max_calls, nx=True, ex=period)`,
; `pipe.decrby(key, 1)`): a token-bucket rate limiter; a lock is never decremented.
((call
   function: (attribute attribute: (identifier) @method) @trigger
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @kw
       value: (true))) @args)
 (#eq? @method "set")
 (#eq? @kw "nx")
 (#imports? "^(redis|aioredis|valkey|django_redis|django_valkey)(\\.|$)")
 (#not-match? @args "^\\(\\s*(f?[\"'])?[\\w.:{}]*([Rr]ate_?[Ll]imit|RATE_?LIMIT|[Tt]hrottle|THROTTLE|[Cc]ooldown|COOLDOWN)")
 (#not-text-after? @trigger "\\.(decr|decrby|incr|incrby)\\(")
 (#set! rule "python.consensus.redis-lock"))

((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#eq? @method "setnx")
 (#imports? "^(redis|aioredis|valkey|django_redis|django_valkey)(\\.|$)")
 (#set! rule "python.consensus.redis-lock"))

; The GETSET lock of the Redis docs' old recipe: `last = r.getset(lock_id, time.time())`, then the
; previous timestamp decides whether the holder's lock expired (round 94, WebODM's one-worker-per-task
; lock). Only under a key named for a lock.
((call
   function: (attribute attribute: (identifier) @method) @trigger
   arguments: (argument_list . (_) @key))
 (#eq? @method "getset")
 (#match? @key "[Ll]ock|LOCK|[Mm]utex|MUTEX|[Ll]ease|LEASE")
 (#imports? "^(redis|aioredis|valkey|django_redis|django_valkey)(\\.|$)")
 (#set! rule "python.consensus.redis-lock"))

; @synchronize(key=..., masters={redis}) (pottery)
([(decorator [(identifier) (attribute)] @trigger)
  (decorator (call function: [(identifier) (attribute)] @trigger))]
 (#resolves-to? @trigger "^pottery\\.synchronize$")
 (#set! rule "python.consensus.redlock"))

; PostgreSQL advisory locks: a lock shared by every process on the database (leader election,
; single-runner jobs, serialized tree writes). "SELECT pg_advisory_xact_lock(%s)",
; "SELECT pg_try_advisory_lock(42)", "SELECT pg_advisory_unlock(42)"
(((string) @trigger)
 (#match? @trigger "\\bpg_(try_)?advisory_(xact_)?(un)?lock(_shared|_all)?\\s*\\(")
 (#not-docstring? @trigger)
 (#set! rule "python.consensus.advisory-lock"))

; SQLAlchemy func.pg_advisory_xact_lock(key), and project helpers named for them:
; acquire_advisory_xact_lock(AdvisoryLock.TREE), try_advisory_lock(key)
((call
   function: [(identifier) @name (attribute attribute: (identifier) @name)] @trigger)
 (#match? @name "(^|_)advisory_(xact_)?(un)?lock(_shared)?$")
 (#set! rule "python.consensus.advisory-lock"))

; Round 27 (jumpserver): a project's own distributed lock built on a lock library, `class
; DistributedLock(redis_lock.Lock)`: its __init__ (client, name, expiry), acquire, release, extend
; and their helpers (`_release_redis_lock`) take and give back the lock every process shares; a
; `locked()` / `locked_by_me()` probe reads its state and is left out.
((class_definition
   superclasses: (argument_list [(identifier) (attribute)] @base)
   body: (block
     [(function_definition name: (identifier) @trigger)
      (decorated_definition definition: (function_definition name: (identifier) @trigger))]))
 (#match? @trigger "^(__init__|__enter__|__exit__|__aenter__|__aexit__|_*(acquire|release|extend|renew|reset)\\w*)$")
 (#resolves-to? @base "^(redis_lock\\.Lock|redis\\.(asyncio\\.)?lock\\.Lock|redis\\.lock\\.Lock|pottery\\.(Redlock|AIORedlock|redlock\\.Redlock)|aioredlock\\.Aioredlock|sherlock\\.\\w*Lock)$")
 (#set! rule "python.consensus.lock-subclass"))

; The same SET NX on a client the file gets from the project (`from app.redis_store import r`), when
; the key is named for a lock: `r.set(lock_id, "1", nx=True, ex=60)` in an acquire loop.
((call
   function: (attribute attribute: (identifier) @method) @trigger
   arguments: (argument_list
     .
     [(identifier) (attribute) (string)] @key
     (keyword_argument
       name: (identifier) @kw
       value: (true))))
 (#eq? @method "set")
 (#eq? @kw "nx")
 (#match? @key "([Ll]ock|LOCK)")
 (#set! rule "python.consensus.redis-lock"))
