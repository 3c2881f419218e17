; Concurrency in JavaScript / TypeScript: worker_threads, cluster, child_process.fork, Web
; Workers, mutexes and semaphores (async-mutex, async-lock), concurrency limiters (p-limit,
; p-queue, p-map, bottleneck), worker pools (piscina, workerpool), job workers (bullmq),
; Web Locks, and Promise.all / allSettled / race / any fan-out.

; A module-level limiter with a fixed size (`const limit = pLimit(10)` at the top of a service
; file): a throughput knob shared by the file's outbound calls, no state of its own a change could
; race on. It joins the regions of the functions that run tasks through it but makes none. (Before
; the library pattern: of two patterns matching the same call, the earlier one counts.)
((program
   [(lexical_declaration
      (variable_declarator
        value: (call_expression
                 function: (identifier) @trigger
                 arguments: (arguments . [(number) (identifier)] .))))
    (export_statement
      (lexical_declaration
        (variable_declarator
          value: (call_expression
                   function: (identifier) @trigger
                   arguments: (arguments . [(number) (identifier)] .)))))])
 (#resolves-to? @trigger "^p-limit(\\.default)?$")
 (#set! evidence "mention")
 (#set! rule "ecma.concurrency.library"))

;; Making a lock, `const browserMutex = new Mutex()`, `const lock = new AsyncLock()`: nothing is held
;; yet; the units that take it (`browserMutex.runExclusive(…)`, `lock.acquire(key, fn)`) are the
;; regions (RECONCILED: lock creation is a mention, like Go's `sync.Mutex` fields; round 41, karakeep's
;; module-level `browserMutex` judged N), also as a class field (`private rateLimiterMutex = new Mutex()`,
;; round 48, Flowise). (First: of two patterns matching the same node, the earlier counts.)
; (Any node's `value`: a declarator, a class field (`public_field_definition` in TypeScript,
; `field_definition` in JavaScript: no one node name serves both grammars), an object property.)
((_
   value: (new_expression constructor: [(identifier) (member_expression)] @trigger))
 (#resolves-to? @trigger "^(async-mutex|async-lock|await-semaphore|semaphore-async-await|@shopify/semaphore)(/[\\w./-]+)?(\\.|$)")
 (#set! evidence "mention")
 (#set! rule "ecma.concurrency.library"))

;; Making a rate limiter, `const pollLimiter = new Bottleneck({ maxConcurrent: 1, minTime: 100 })`: like
;; making a lock, nothing runs yet; the units that schedule work through it are the regions (round 97,
;; Gladys: limiters made at module level, judged N). (Not a p-limit kept on an object, `this.limiter =
;; pLimit(5)`: trigger.dev's six constructors wiring one to its flush and dispatch callbacks were judged Y.)
((new_expression constructor: [(identifier) (member_expression)] @trigger)
 (#resolves-to? @trigger "^bottleneck(/[\\w./-]+)?(\\.|$)")
 (#set! evidence "mention")
 (#set! rule "ecma.concurrency.library"))

;; A BullMQ worker that takes one job at a time, `new Worker('webhooks', handler, Object.assign({ concurrency: 1 }, queueConf))`:
;; a serial queue consumer, nothing runs beside it in the process (round 65, wildduck's four workers,
;; judged N; workers with a concurrency above one stay operations). A mention, first so it takes the node.
((new_expression
   constructor: [(identifier) (member_expression)] @trigger
   arguments: (arguments . (_) . (_) . [(object) (call_expression)] @opts .))
 (#resolves-to? @trigger "^bullmq\\.Worker$")
 (#match? @opts "(^|[{,\\s])concurrency\\s*:\\s*1\\s*[,}\\n]")
 (#set! evidence "mention")
 (#set! rule "ecma.concurrency.library"))

; Any call or constructor from a concurrency library:
; new Worker(...) (worker_threads / bullmq), parentPort.postMessage(...), cluster.fork(),
; fork('./child.js'), new Mutex(), withTimeout(...), pLimit(4), new PQueue({ concurrency }),
; new Piscina({...}), workerpool.pool(...).
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^(worker_threads|cluster|child_process\\.fork$|async-mutex|async-lock|await-semaphore|semaphore-async-await|@shopify/semaphore|p-limit|p-queue|p-throttle|piscina|workerpool|threads|tinypool|bottleneck|proper-lockfile|bullmq\\.(Worker|QueueScheduler)$|async\\.(queue|priorityQueue|cargo)$)(/[\\w./-]+)?(\\.|$)")
 (#set! rule "ecma.concurrency.library"))

((new_expression
   constructor: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^(worker_threads|cluster|async-mutex|async-lock|await-semaphore|semaphore-async-await|@shopify/semaphore|p-queue|piscina|workerpool|threads|tinypool|bottleneck|bullmq\\.(Worker|QueueScheduler)$)(/[\\w./-]+)?(\\.|$)")
 (#set! rule "ecma.concurrency.library"))

; pMap(items, fn, { concurrency }), pAll(tasks), pSome(...), pPipe(...), and the `async` library's
; control flow (async.parallel, async.eachLimit, async.mapLimit: callbacks batched over independent
; items): a bounded Promise.all shares nothing by itself (JavaScript runs the callbacks on one
; thread), so, like Promise.all below, a mention: it joins a region the unit already has (a lock, a
; queue, a worker) but makes none by itself. async.queue / cargo (a work queue with a concurrency
; setting) stay evidence above.
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^(p-map|p-all|p-some|p-pipe|async\\.(parallel|parallelLimit|eachLimit|mapLimit|eachOfLimit|timesLimit)$)(/[\\w./-]+)?(\\.|$)")
 (#set! evidence "mention")
 (#set! rule "ecma.concurrency.fan-out-helper"))

; Web Workers without an import: new Worker(new URL('./w.js', import.meta.url)), new SharedWorker(...).
; A mention: a web worker shares no memory unless handed a SharedArrayBuffer (lock-free rules), so
; a module-level worker that only posts messages makes no region by itself.
((new_expression
   constructor: (identifier) @trigger)
 (#match? @trigger "^(Worker|SharedWorker)$")
 (#not-resolves-to? @trigger ".")
 (#set! evidence "mention")
 (#set! rule "ecma.concurrency.web-worker"))

; if (isMainThread) ..., if (cluster.isPrimary) ..., if (!cluster.isWorker) ...: which thread or process
; this is; and const { job } = workerData: the data a worker was started with. Both join a region but
; make none (judged N six times: outline, logto, nocobase, round 74 zipline's worker entry guards);
; forking, starting a worker and messaging between them are the operations.
(if_statement
  condition: (parenthesized_expression
    [(identifier) @trigger
     (member_expression) @trigger
     (unary_expression argument: [(identifier) (member_expression)] @trigger)])
  (#resolves-to? @trigger "^(worker_threads\\.isMainThread|cluster\\.(isPrimary|isMaster|isWorker))$")
  (#set! evidence "mention")
  (#set! rule "ecma.concurrency.thread-role"))

((variable_declarator
   value: [(identifier) (member_expression)] @trigger)
 (#resolves-to? @trigger "^worker_threads\\.workerData")
 (#set! evidence "mention")
 (#set! rule "ecma.concurrency.thread-role"))

; mutex.runExclusive(...), semaphore.acquire(), lock.acquire('key', fn) on async-mutex / async-lock
((call_expression
   function: (member_expression property: (property_identifier) @m @trigger))
 (#match? @m "^(runExclusive|acquire|waitForUnlock|release|isLocked|cancel)$")
 (#imports? "^(async-mutex|async-lock|await-semaphore|semaphore-async-await|@shopify/semaphore)$")
 (#set! rule "ecma.concurrency.mutex"))

; limit(() => fetchOne(id)) / queue.add(task) / queue.onIdle() on p-limit / p-queue instances
((call_expression
   function: (member_expression
     object: [(identifier) @o (member_expression property: (property_identifier) @o)]
     property: (property_identifier) @m @trigger))
 (#match? @o "([Qq]ueue|QUEUE|[Pp]ool|POOL|[Ll]imiter|LIMITER|[Ss]cheduler|[Pp]iscina|[Ww]orkers?)$")
 (#match? @m "^(add|addAll|onIdle|onEmpty|schedule|exec|run)$")
 (#imports? "^(p-queue|bottleneck|piscina|workerpool|tinypool)(/[\\w./-]+)?$")
 (#set! rule "ecma.concurrency.pool"))

; limiter.wrap(fn): a rate-limited version of a function, made but not run (round 97, Gladys's
; `sendCameraFileToGatewayLimited: limiter.wrap(sendCameraFileToGateway)` export, judged N).
((call_expression
   function: (member_expression
     object: [(identifier) @o (member_expression property: (property_identifier) @o)]
     property: (property_identifier) @m @trigger))
 (#match? @o "([Qq]ueue|QUEUE|[Pp]ool|POOL|[Ll]imiter|LIMITER|[Ss]cheduler)$")
 (#eq? @m "wrap")
 (#imports? "^bottleneck(/[\\w./-]+)?$")
 (#set! evidence "mention")
 (#set! rule "ecma.concurrency.pool"))

; Promise.all(items.map(async ...)), Promise.allSettled, Promise.race, Promise.any
((call_expression
   function: (member_expression
     object: (identifier) @p
     property: (property_identifier) @m) @trigger)
 (#eq? @p "Promise")
 (#match? @m "^(all|allSettled|race|any)$")
 (#set! evidence "mention")
 (#set! rule "ecma.concurrency.promise-fan-out"))

; navigator.locks.request('name', async (lock) => ...) (Web Locks API)
((call_expression
   function: (member_expression) @trigger)
 (#match? @trigger "^((globalThis|window|self)\\.)?navigator\\.locks\\.(request|query)$")
 (#set! rule "ecma.concurrency.web-locks"))

; A lock object's own operation, whatever library made it: `await locking.execute(ids, async () => …)`
; (a locking module resolved from a container), `this.$.runLock.lock("name", [runId], fn)`,
; `MutexLock.acquire(key, ttl)`, `this.eventLock.release()`, `this.#connectionMutex.lock()`. The receiver's
; last name says it is a lock (`lock`, `locking`, `mutex`, `…Lock`, `…Mutex`, `…Locker`, `…Semaphore`,
; `lockService`): an edit to the keys, the TTL or what runs inside decides what the lock serialises.
((call_expression
   function: (member_expression
     object: [(identifier) @o
              (member_expression property: [(property_identifier) (private_property_identifier)] @o)]
     property: (property_identifier) @m @trigger))
 (#match? @m "^(lock|unlock|acquire|tryAcquire|tryLock|release|execute|runExclusive|withLock|waitForUnlock)$")
 (#match? @o "^#?(lock|locking|locker|mutex|semaphore|(lock|locking)(Service|Manager|Module|Provider|Client)|\\w*[a-z0-9](Lock|Mutex|Locker|Semaphore)|Lock|Mutex|Semaphore)$")
 (#set! rule "ecma.concurrency.lock-object"))

; A method named for mutual exclusion, on any receiver: `ProsemirrorHelper.runExclusive(async () => …)`
; (a hand-rolled promise-chain mutex), `store.withLock(key, fn)`. The name is the async-mutex API's.
((call_expression
   function: (member_expression
     property: (property_identifier) @trigger))
 (#match? @trigger "^(runExclusive|withLock|withMutex|withExclusiveLock)$")
 (#set! rule "ecma.concurrency.exclusive-section"))

; Round 83 (codimd): a hand-rolled test-and-set flag guarding a section that runs across ticks or
; awaits, `if (this.lock) return; this.lock = true; setImmediate(() => this.process())` (released when
; the work finishes): the flag is the mutex, and an edit that moves the set after an await lets two
; runs overlap. The test and then the set are statements of one block on a lock-named flag of `this`.
((statement_block
   (if_statement
     condition: (parenthesized_expression (member_expression object: (this) property: (property_identifier) @tested))
     consequence: [(return_statement) (statement_block . (return_statement) .)])
   (expression_statement (assignment_expression
     left: (member_expression object: (this) property: (property_identifier) @flag)
     right: (true)) @trigger))
 (#match? @tested "{{lock-flag-name}}")
 (#match? @flag "{{lock-flag-name}}")
 (#set! rule "ecma.concurrency.exclusive-section"))

; Round 94 (kuzzle): the project's own lock, implemented: the `lock`/`unlock` methods of a class named
; Mutex, Lock or Semaphore (`class Mutex { async lock() { do { this._locked = await store(resource, id,
; { onlyIfNew: true, ttl }) … } while (…) } }`), where every caller's exclusion is decided. Only a body
; that waits, loops or talks to a store: an interface or a stub does nothing.
((class_declaration
   name: (_) @cls
   body: (class_body (method_definition name: (property_identifier) @trigger body: (statement_block) @body)))
 (#match? @cls "(Mutex|Lock|Locker|Semaphore|Lease)$")
 (#match? @trigger "^(lock|unlock|acquire|release|tryLock|tryAcquire|extend|renew)$")
 (#match? @body "\\bawait\\b|\\bwhile\\b|\\bdo\\s*\\{|Atomics\\.|setTimeout|\\.then\\(")
 (#set! rule "ecma.concurrency.lock-object"))
