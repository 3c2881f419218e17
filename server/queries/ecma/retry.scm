; Retries and backoff in JavaScript / TypeScript: p-retry, async-retry, retry, promise-retry,
; exponential-backoff, axios-retry, opossum circuit breakers, cockatiel policies, got-style
; `retry: { limit }` options, BullMQ `backoff` options, and hand-written retry loops.

; Any call or constructor from a retry / resilience library:
; pRetry(fn, { retries: 5 }), retry(async (bail) => ..., {...}) (async-retry),
; retry.operation({...}), backOff(() => call()), axiosRetry(axios, {...}),
; new CircuitBreaker(fn, opts) (opossum), retry(handleAll, { backoff: new ExponentialBackoff() }).
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^(p-retry|async-retry|retry|promise-retry|exponential-backoff|backoff|axios-retry|retry-axios|fetch-retry|opossum|cockatiel|@lifeomic/attempt|ts-retry-promise|ts-retry|async-await-retry|@smithy/util-retry|@aws-sdk/util-retry|@apollo/client/link/retry|got\.extend$)(/[\w./-]+)?(\.|$)")
 (#set! rule "ecma.retry.library"))

((new_expression
   constructor: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^(retry|opossum|cockatiel|exponential-backoff|backoff|@smithy/util-retry|@aws-sdk/util-retry|@apollo/client/link/retry)(/[\w./-]+)?(\.|$)")
 (#set! rule "ecma.retry.library"))

; RxJS retry operators: retryWhen(errors => errors.pipe(delay(1000), take(5))), retry({ count: 3,
; delay: 500 }), retry(3) from 'rxjs' or 'rxjs/operators' (round 25: a database transaction wrapper
; re-running the work on a retriable error).
((call_expression
   function: (identifier) @trigger)
 (#any-of? @trigger "retryWhen" "retry")
 (#resolves-to? @trigger "^rxjs(/operators)?\.(retryWhen|retry)$")
 (#set! rule "ecma.retry.library"))

; async.retry(...) / async.retryable(...)
((call_expression
   function: (member_expression) @trigger)
 (#match? @trigger "retry|retryable")
 (#resolves-to? @trigger "^async\.(retry|retryable)$")
 (#set! rule "ecma.retry.library"))

; got-style options: { retry: { limit: 3, methods: [...] } }; and Temporal's RetryPolicy,
; proxyActivities({ startToCloseTimeout, retry: { maximumAttempts: 3, backoffCoefficient: 2 } }) in a
; workflow's activity options or a client's workflow start options: how often and how fast the
; activity or workflow repeats.
; Not retries switched off, `retry: { limit: 0 }` (round 95, Checkmate's notification requests;
; RECONCILED: nothing is retried).
(pair
  key: (property_identifier) @trigger
  value: (object (pair key: (property_identifier) @k)) @value
  (#eq? @trigger "retry")
  (#match? @k "^(limit|retries|methods|statusCodes|errorCodes|calculateDelay|backoffLimit|maxRetryAfter|maxRetries|minTimeout|maxTimeout|factor|maximumAttempts|backoffCoefficient|maximumInterval|nonRetryableErrorTypes)$")
  (#not-match? @value "^\\{\\s*(limit|retries|maxRetries|maximumAttempts)\\s*:\\s*0\\s*,?\\s*\\}$")
  (#set! rule "ecma.retry.options"))

; BullMQ / Bull job options: { attempts: 5, backoff: { type: 'exponential', delay: 1000 } }
; Not a schema field named backoff (Mongoose `backoff: { type: Schema.Types.Boolean }`, a digest
; setting stored per job): its object declares a column type, not a policy.
(pair
  key: (property_identifier) @trigger
  value: (object) @value
  (#match? @trigger "^(backoff|backOff|retryStrategy|retryPolicy)$")
  (#not-match? @value "{{schema-field-type}}")
  (#set! rule "ecma.retry.options"))

; BullMQ per-job options set one by one: options.backoff = { type: 'exponential', delay },
; jobOptions.attempts = 3, opts.backoff = backoffStrategy.
((assignment_expression
   left: (member_expression object: (_) @o property: (property_identifier) @p) @trigger
   right: (_) @value)
 (#match? @p "^(backoff|attempts)$")
 (#match? @o "([Oo]ptions|[Oo]pts)$")
 (#not-match? @value "^(null|undefined|0|1|false)$")
 (#set! rule "ecma.retry.options"))

; Hand-written retry loops: a for / while / do loop that awaits a sleep / delay / setTimeout
; promise and names an attempt / retry / backoff variable. Polling loops without retry naming
; do not fire. (Tree-sitter queries have no descendant operator, so both conditions are checked
; on the loop's text; the trigger is the loop keyword.)
((for_statement "for" @trigger) @loop
 (#match? @loop "{{await-sleep}}")
 (#match? @loop "{{retry-word}}")
 (#set! rule "ecma.retry.loop"))

((for_in_statement "for" @trigger) @loop
 (#match? @loop "{{await-sleep}}")
 (#match? @loop "{{retry-word}}")
 (#set! rule "ecma.retry.loop"))

((while_statement "while" @trigger) @loop
 (#match? @loop "{{await-sleep}}")
 (#match? @loop "{{retry-word}}")
 (#set! rule "ecma.retry.loop"))

((do_statement "do" @trigger) @loop
 (#match? @loop "{{await-sleep}}")
 (#match? @loop "{{retry-word}}")
 (#set! rule "ecma.retry.loop"))

; A loop bounded by its attempt count around a try, with no wait: `while (attempt < maxRetries &&
; !success) { try { await fetch(url, …) … } catch { … } attempt++ }` (round 41, karakeep's webhook
; delivery): the operation is tried again at once, the bound is the retry policy.
((while_statement "while" @trigger
   condition: (_) @cond
   body: (statement_block (try_statement)))
 (#match? @cond "{{retry-word}}")
 (#set! rule "ecma.retry.loop"))

((for_statement "for" @trigger
   condition: (_) @cond
   body: (statement_block (try_statement)))
 (#match? @cond "{{retry-word}}")
 (#set! rule "ecma.retry.loop"))

; Retry until it works: while (true) { try { await connect(); break; } catch { await sleep(1000);
; continue; } } (a reconnect loop). The try ends the loop on success and the catch waits, whatever
; the loop's names say.
((while_statement "while" @trigger
   body: (statement_block (try_statement
     body: (statement_block [(break_statement) (return_statement)] .)
     handler: (catch_clause) @c)))
 (#match? @c "{{await-sleep}}")
 (#set! rule "ecma.retry.loop"))

((for_statement "for" @trigger
   body: (statement_block (try_statement
     body: (statement_block [(break_statement) (return_statement)] .)
     handler: (catch_clause) @c)))
 (#match? @c "{{await-sleep}}")
 (#set! rule "ecma.retry.loop"))

; A request's own retry counter bumped before it is sent again (an axios interceptor's
; config.__retryCount += 1, this.retryCount++). A local counter is a loop's, which the loop
; patterns cover.
([(augmented_assignment_expression left: (member_expression) @trigger)
  (update_expression argument: (member_expression) @trigger)]
 (#match? @trigger "(^|[._])_*[Rr]etry([Cc]ount|[Cc]ounter|[Nn]umber|[Nn]um)$|(^|[._])_*retries$|(^|[._])_*RETRY_COUNT$")
 (#set! rule "ecma.retry.counter"))

; Exponential backoff computed from the attempt count: `base * 2 ** attempt`, `Math.pow(2, retries)`
; (Python's python.retry.exponential-backoff, round 91).
((binary_expression left: (_) operator: "**" right: (_) @n) @trigger
 (#match? @n "{{retry-word}}")
 (#set! rule "ecma.retry.exponential-backoff"))

((call_expression function: (member_expression) @pow arguments: (arguments . (_) . (_) @n .)) @trigger
 (#match? @pow "^Math\\.pow$")
 (#match? @n "{{retry-word}}")
 (#set! rule "ecma.retry.exponential-backoff"))

; Callback-style retries: setTimeout(() => connect(attempt + 1), backoff); the callback itself
; must name the retry (a `setTimeout(resolve, 2 ** attempt * 100)` sleep is part of a loop).
; Not a readiness poll (`setTimeout(() => waitForSession(attempts + 1), 100)`, `pollForReady(…)`):
; waiting for another script or a condition to appear retries no failing operation.
; Not a timer a React effect schedules (`useEffect(() => { const t = setTimeout(() => { mutate();
; setRetryCount(retryCount * 2) }, retryCount * 1000) … })`, a refresh loop rescheduled sooner
; after an error): a component re-reading its data while it is shown (round 30).
((call_expression
   function: (identifier) @trigger
   arguments: (arguments . (_) @args))
 (#eq? @trigger "setTimeout")
 (#match? @args "{{retry-word}}")
 (#not-match? @args "^(async\\s*)?\\(\\s*\\)\\s*=>\\s*(this\\.)?(waitFor|waitUntil|pollFor|poll)[A-Z]?\\w*\\(")
 (#not-inside-callback-of? @trigger "^(React\\.)?use(Layout)?Effect$")
 (#set! rule "ecma.retry.reschedule"))

;; A retry by recursion from the catch: `catch (err) { if (conAttempts < 10) { …; await new Promise(r =>
;; setTimeout(r, 3000)); await initTasks.connect() } else { throw err } }` (round 108, Wiki.js's database
;; connect, ten attempts three seconds apart): the if on the attempt count, with a wait in its branch,
;; is the policy; the call again is the loop.
((catch_clause
   body: (statement_block
     (if_statement condition: (_) @cond consequence: (_) @branch) @trigger))
 (#match? @cond "{{retry-word}}")
 (#match? @branch "setTimeout|sleep|delay|[Bb]ack[Oo]ff")
 (#set! rule "ecma.retry.reschedule"))

;; A retry policy's limit tested: `if (attempt > retryPolicy.retries) return ""` (round 109, jitsu's
;; rotor, which picks the next retry time or the dead-letter queue), `retries >= maxRetries`,
;; `retryCount < MAX_RETRIES`. The count of attempts or retries against its maximum, whatever loop or
;; queue repeats the work. Not a login's lockout count (`failedAttempts >= MAX_LOGIN_ATTEMPTS`).
((binary_expression
   operator: [">" ">=" "<" "<="]) @trigger
 (#match? @trigger "^(?:[\\w$]+\\.)*(attempts?|attemptNumber|attemptCount|retries|retryCount|retry_count|retryAttempt|tries|tryCount|currentAttempt)\\s*[<>]=?\\s*(?:[\\w$]+\\.)*([\\w$]*(max|Max|MAX)[\\w$]*|retries|RETRIES|[\\w$]*Retries|[\\w$]*_RETRIES[\\w$]*)$|^(?:[\\w$]+\\.)*([\\w$]*(max|Max|MAX)[\\w$]*(Retries|RETRIES|Attempts|ATTEMPTS|Tries|TRIES)[\\w$]*|retries)\\s*[<>]=?\\s*(?:[\\w$]+\\.)*(attempts?|attemptNumber|attemptCount|retries|retryCount|retry_count|retryAttempt|tries|tryCount|currentAttempt)$")
 (#not-match? @trigger "[Ll]ogin|LOGIN|[Pp]assword|PASSWORD|[Ff]ail|FAIL|[Oo]tp|OTP|[Ss]ign[Ii]n")
 (#set! rule "ecma.retry.counter"))

; Any loop that waits (setTimeout, sleep/delay/wait helpers, a backoff call) and names retries,
; attempts or backoff in its body.
([(for_statement) (while_statement) (do_statement) (for_in_statement)] @trigger
 (#match? @trigger "setTimeout|sleep|delay|wait|[Bb]ack[Oo]ff")
 (#retry-loop? @trigger)
 (#set! rule "ecma.retry.backoff-loop"))

; A retry strategy the project's own helper makes (`retryStrategy: createRetryStrategy()`, round 47
; docmost, four clients): the backoff is chosen in the helper (its own region); handing it to a
; client chooses nothing. Joins a region, makes none (first: the pattern below takes the same key).
(pair
  key: (property_identifier) @trigger
  value: (call_expression function: (identifier))
  (#any-of? @trigger "retryStrategy" "retryPolicy" "reconnectOnError")
  (#set! evidence "mention")
  (#set! rule "ecma.retry.options"))

; Client retry settings: ioredis { retryStrategy, maxRetriesPerRequest }, pg/knex { backoffBase },
; axios-retry { retries, retryDelay }. Not one query's option in a React component or hook
; (`useQuery(key, fetch, { retryDelay: 1000 })`, tRPC `….useQuery(input, { retry: 3, retryDelay })`):
; a UI read tried again; a QueryClient's `defaultOptions` (every query and mutation) stays. Nor a
; request schema's field (`retryDelay: z.number().optional()`, round 80 pg-boss): a type, not a setting.
; Nor a stored record's field copied into an object (`retryDelay: row.retry_delay ?? undefined`,
; `retryDelay: hash.retryDelay ? parseInt(hash.retryDelay, 10) : undefined`; round 84, agenda's job-log
; readers): the delay a past retry used, read back for display.
((object
   (pair
     key: (property_identifier) @trigger
     value: (_) @value)) @options
  (#not-match? @value "^(null|undefined|0|false)$")
  (#match? @trigger "^(retryStrategy|maxRetriesPerRequest|retryDelayOnFailover|retryDelayOnClusterDown|backoffBase|backoffExponent|retryDelay|reconnectOnError|maxRetryTime)$")
  (#not-match? @value "{{schema-validator-call}}")
  (#not-match? @value "^[^?:]*\\b[A-Za-z_$][\\w$]*\\.(retryDelay|retry_delay|backoffBase|maxRetryTime)\\b")
  (#not-argument-of? @options "(^|\\.)use(Suspense)?(Infinite)?(Query|Queries|Mutation)$")
  (#set! rule "ecma.retry.options"))

; ioredis maxRetriesPerRequest: null, the setting BullMQ requires on its connections: the
; library's mandate, not a retry policy the code chose. It joins a retry region (a retryStrategy
; beside it) but makes none.
(pair
  key: (property_identifier) @trigger
  value: (null)
  (#eq? @trigger "maxRetriesPerRequest")
  (#set! evidence "mention")
  (#set! rule "ecma.retry.options"))

; A method that tries itself again with a count one higher: return this.createPublishedDoc(args,
; user, retryCount + 1) from a catch (hoppscotch's slug race). The count must name retries or
; attempts and the call must be returned (a logger's attempt + 1 is not).
(return_statement
  [(call_expression
     function: [(identifier) (member_expression object: (this))] @trigger
     arguments: (arguments (binary_expression left: (identifier) @count operator: "+" right: (number) @one)))
   (await_expression (call_expression
     function: [(identifier) (member_expression object: (this))] @trigger
     arguments: (arguments (binary_expression left: (identifier) @count operator: "+" right: (number) @one))))]
  (#match? @count "{{retry-word}}")
  (#eq? @one "1")
  (#set! rule "ecma.retry.recursive-retry"))

; A function that calls itself again with one try fewer (`return this.sendRequestHelper(path,
; numberOfTries - 1)` from a catch on ECONNREFUSED): failover by recursion, bounded by the count.
(return_statement
  [(call_expression
     function: [(identifier) (member_expression object: (this))] @trigger
     arguments: (arguments (binary_expression left: [(identifier) (member_expression)] @count operator: "-" right: (number) @one)))
   (await_expression (call_expression
     function: [(identifier) (member_expression object: (this))] @trigger
     arguments: (arguments (binary_expression left: [(identifier) (member_expression)] @count operator: "-" right: (number) @one))))]
  (#match? @count "{{retry-word}}|([Tt]ries|TRIES|[Aa]ttempts|ATTEMPTS)(Left|Remaining)?$")
  (#eq? @one "1")
  (#set! rule "ecma.retry.recursive-retry"))

; Wait, then call again: `await new Promise((r) => setTimeout(r, delay)); return this.send(…)`
; in a block that counts retries (`retriesLeft`, `attempt`): a retry by recursion, not a loop.
((statement_block
   (expression_statement) @sleep
   .
   (comment)*
   .
   (return_statement [(call_expression function: [(identifier) (member_expression)] @trigger)
                      (await_expression (call_expression function: [(identifier) (member_expression)] @trigger))]) @ret) @block
 (#match? @sleep "{{await-sleep}}")
 (#match? @block "{{retry-word}}")
 (#match? @ret "^return")
 (#set! rule "ecma.retry.recursive-retry"))

; A local retry closure run again on a lost race: `const retry = () => linkAccounts(input);
; … return retry();` (unbounded unless the caller counts).
((return_statement
   [(call_expression function: (identifier) @trigger arguments: (arguments))
    (await_expression (call_expression function: (identifier) @trigger arguments: (arguments)))])
 (#match? @trigger "^(retry|tryAgain|retryOperation|retryRequest)$")
 (#set! rule "ecma.retry.recursive-retry"))

; Work handed to a project's retry helper, named for what it retries on: `await
; retryOnUniqueConstraintError(() => sequelize.transaction(…))`, `retryOnDeadlock(() => …)`, `retryRead(() => db.select()…)`,
; `retryOnTransientAzureStorageError(async () => blob.getProperties())`, `this.retry(() => client.insert(…))`.
; The callback is what runs again; an edit to it or to the wrapper's choice decides whether a
; non-idempotent step repeats. (`this.fetchWithRetry(() => …)`, `lazyWithRetry(() => import("./x"))`
; name an operation whose own helper holds the retry policy: the call site delegates.)
((call_expression
   function: [(identifier) @trigger
              (member_expression property: [(property_identifier) (private_property_identifier)] @trigger)]
   arguments: (arguments . [(arrow_function) (function_expression)]))
 (#match? @trigger "^#?(retry|retry[A-Z]\\w*|withRetr(y|ies)|withBackoff)$")
 (#set! rule "ecma.retry.wrapper-call"))

; A query client's retry predicate (TanStack Query / tRPC `retry: (failureCount, error) => …`, or a
; factory returning one): it decides which failures are tried again and how often.
((arrow_function
   parameters: (formal_parameters . (_) @trigger))
 (#match? @trigger "^failureCount\\b")
 (#set! rule "ecma.retry.retry-predicate"))

; Effect: Effect.retry({ schedule: Schedule.exponential("1000 millis"), times: 3, while: isRetryable }),
; Effect.retry(retryPolicy), Effect.retryOrElse(…), Stream.retry(…): the operation run again on failure
; (`import { Effect } from "effect"`, `import * as Effect from "effect/Effect"`), and the same combinator
; of Effect's other modules: `Activity.retry({ times: 3 })` of a durable workflow step, `HttpClient.retry({
; schedule, times })` of an HTTP client (`effect/unstable/workflow`, `@effect/platform`; round 38, typebot).
((call_expression
   function: (member_expression) @trigger)
 (#match? @trigger "retry")
 (#resolves-to? @trigger "^(effect|@effect/[\\w-]+)(/[\\w/-]+)?\\.([A-Z]\\w*\\.)?(retry|retryOrElse)$")
 (#set! rule "ecma.retry.library"))

; undici's retry interceptor and agent: `dispatcher.compose(interceptors.retry({ statusCodes, methods,
; maxRetries }))`, `new RetryAgent(agent, { maxRetries: 3 })`: which requests repeat and how often.
((call_expression
   function: (member_expression) @trigger)
 (#match? @trigger "retry$")
 (#resolves-to? @trigger "^undici\\.interceptors\\.retry$")
 (#set! rule "ecma.retry.library"))

((new_expression
   constructor: (identifier) @trigger)
 (#any-of? @trigger "RetryAgent" "RetryHandler")
 (#resolves-to? @trigger "^undici\\.(RetryAgent|RetryHandler)$")
 (#set! rule "ecma.retry.library"))
