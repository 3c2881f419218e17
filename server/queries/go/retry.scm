; Retries, backoff and circuit breakers in Go: cenkalti/backoff, avast/retry-go, sony/gobreaker,
; hashicorp/go-retryablehttp, hystrix, go-resiliency, failsafe-go, sethvargo/go-retry,
; k8s retry.RetryOnConflict / wait.ExponentialBackoff, and hand-written retry loops: a for
; statement that sleeps (time.Sleep or <-time.After, directly or inside an if/else/select) and
; is named as a retry (attempt/retry/backoff/tries in its header, its delay, a counter, or the
; function around it), or that sleeps and `continue`s after `err != nil`.

;; An argument check marking its error permanent (`if err := h.Valid(); err != nil { return
;; backoff.Permanent(err) }`, round 73: restic's connection-limited backend, four methods judged N):
;; invalid input is never retried anywhere, so the unit sets no retry policy. A mention (first, so it
;; takes the node from the library pattern below). A runtime failure classified as not worth
;; retrying (a full disk, a missing file) stays.
((if_statement
   initializer: (_) @init
   consequence: (block (statement_list . (return_statement (expression_list (call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger))) .)))
 (#eq? @f "Permanent")
 (#match? @init "\\.(Valid|Validate|IsValid|Check)\\(\\)$|\\.(Valid|Validate|IsValid|Check)\\(\\)\\s*;")
 (#resolves-to? @pkg "^github\\.com/cenkalti/backoff(/v\\d+)?$")
 (#set! evidence "mention")
 (#set! rule "go.retry.library"))

; backoff.Retry(op, b), backoff.RetryNotify, backoff.NewExponentialBackOff(), retry.Do(fn),
; gobreaker.NewCircuitBreaker(st), retryablehttp.NewClient(), hystrix.Do(...), retry.RetryOnConflict
((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^({{retry-modules}})$")
 (#set! rule "go.retry.library"))

; retryablehttp.NewClient() alone builds a client with the library's default policy: code that only
; constructs or returns one (a fallback getter) sets no retry behaviour, so it is a mention that
; joins a region but makes none. Setting the policy on it (below) or naming a policy counts.
; (First: of two patterns matching the same node, the earlier counts.)
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^github\\.com/hashicorp/go-retryablehttp$")
 (#eq? @f "NewClient")
 (#set! evidence "mention")
 (#set! rule "go.retry.library"))

;; A functional option that only records a retry setting, `func WithRetryWaitMin(t time.Duration) Option
;; { return func(o *options) { o.RetryWaitMin = t } }`: the policy is set where the options are applied
;; (rekor's GetRekorClient, judged Y; the setters judged N in round 95). A mention, first.
((function_declaration
   body: (block (statement_list . (return_statement (expression_list (func_literal
     body: (block (statement_list . (assignment_statement left: (expression_list (selector_expression field: (field_identifier) @f) @trigger)) .)))) .))))
 (#match? @f "^(RetryMax|RetryWaitMin|RetryWaitMax|RetryCount|Retries|MaxRetries|CheckRetry|Backoff)$")
 (#set! evidence "mention")
 (#set! rule "go.retry.library"))

; c.RetryMax = 5, c.RetryWaitMax = d, c.CheckRetry = policy, c.Backoff = fn on a retryablehttp client
((assignment_statement left: (expression_list (selector_expression field: (field_identifier) @f) @trigger))
 (#imports? "^github\\.com/hashicorp/go-retryablehttp$")
 (#match? @f "^(RetryMax|RetryWaitMin|RetryWaitMax|CheckRetry|Backoff)$")
 (#set! rule "go.retry.library"))

; go-retryablehttp: the retrying client and its policies (retryablehttp.NewClient(),
; retryablehttp.DefaultRetryPolicy, LinearJitterBackoff). Building a request for it
; (retryablehttp.NewRequest, NewRequestWithContext, FromRequest, ReaderFunc) is not retry logic.
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^github\\.com/hashicorp/go-retryablehttp$")
 (#not-match? @f "^(NewRequest|NewRequestWithContext|FromRequest|Request|ReaderFunc|LenReader|ResponseHandlerFunc|RequestLogHook|Logger|LeveledLogger)$")
 (#set! rule "go.retry.library"))

; &backoff.ExponentialBackOff{...}, gobreaker.Settings{...}, retryablehttp.Client{...}
((composite_literal type: (qualified_type package: (package_identifier) @pkg) @trigger)
 (#resolves-to? @pkg "^({{retry-modules}}|github\\.com/hashicorp/go-retryablehttp)$")
 (#set! rule "go.retry.library"))

; k8s.io/apimachinery wait: wait.ExponentialBackoff(b, cond), wait.Backoff{...}
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^k8s\\.io/apimachinery/pkg/util/wait$")
 (#match? @f "^(ExponentialBackoff\\w*|Backoff|Jitter|NewExponentialBackoffManager)$")
 (#set! rule "go.retry.library"))

((composite_literal type: (qualified_type package: (package_identifier) @pkg name: (type_identifier) @t) @trigger)
 (#resolves-to? @pkg "^k8s\\.io/apimachinery/pkg/util/wait$")
 (#eq? @t "Backoff")
 (#set! rule "go.retry.library"))

; for attempt := 0; attempt < maxRetries; attempt++ { ...; time.Sleep(d) }
; for retries < max { ... }, for attempt := range maxAttempts { ... }
((for_statement
   "for" @trigger
   [(for_clause) (range_clause) (binary_expression) (unary_expression) (call_expression) (identifier) (selector_expression)] @header
   body: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
       (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))
       (if_statement consequence: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
        (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))])))
       (if_statement alternative: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
        (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))])))
       (select_statement (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))))])))
 (#resolves-to? @sleep "^time\\.(Sleep|After)$")
 (#match? @header "{{retry-word}}")
 (#set! rule "go.retry.loop"))

; A loop bounded by the attempt budget that stops on success, with the wait elsewhere (in the call it
; repeats, or none): `for i := 1; i <= retries; i++ { p.beginCall(); retry, err = p.invoker(i, retries,
; fn); if !retry { break } }` (round 90, rclone's pacer). The condition, not a range over a list of
; retries, names the budget; the body leaves the loop.
((for_statement
   "for" @trigger
   (for_clause condition: (_) @cond)
   body: (block) @body)
 (#match? @cond "{{retry-word}}")
 (#not-match? @cond "\\blen\\(")
 (#match? @body "\\bbreak\\b|\\breturn\\b")
 (#set! rule "go.retry.loop"))

; ... and in a function named for retrying, a budget with a plain name: `func retry(ctx context.Context, fn
; func(errChan chan error, retryCount int), opts ...RetryOption) error { … for i := 0; i < options.times;
; i++ { go fn(errChan, i); select { case err := <-errChan: if err != nil { berr.Add(err) } else { return
; nil } … } } }` (round 107, go-zero's fx.DoWithRetry).
((for_statement
   "for" @trigger
   (for_clause condition: (_) @cond)
   body: (block) @body)
 (#match? @cond "<=?\\s*[\\w.]*\\b([Tt]imes|[Mm]ax|[Cc]ount|n)\\b")
 (#unit-name-matches? @trigger "(^|[a-z])[Rr]etr(y|ies)|^retr(y|ies)")
 (#match? @body "\\bbreak\\b|\\breturn\\b")
 (#set! rule "go.retry.loop"))

; ... and the same over the budget as a range of ints (Go 1.22): `for retries := range
; int(p.MaxRetries) { if err := p.update(ctx); err != nil { log… } else { break } }` (round 92, nezha's
; DDNS updater). One variable ranging over an attempt budget, not an index and element of a list.
((for_statement
   "for" @trigger
   (range_clause left: (expression_list . (identifier) .) right: (_) @budget)
   body: (block) @body)
 (#match? @budget "{{retry-word}}")
 (#not-match? @budget "\\blen\\(")
 (#match? @body "\\bbreak\\b|\\breturn\\b")
 (#set! rule "go.retry.loop"))

; Round 82 (cozy-stack): an optimistic-concurrency retry, written without a sleep: `for { … if err =
; update(i); err == nil { break }; if !couchdb.IsConflictError(err) { return nil, err }; i, err =
; instance.Get(domain) }`, `for attempt := 0; ; attempt++ { … if !IsConflictError(err) … if attempt >=
; retries … }`: the write is tried again on a conflict with a re-read document. An endless loop, or
; one whose header counts tries; a loop over items that skips conflicting ones is not this.
((for_statement
   "for" @trigger
   .
   body: (block) @body)
 (#match? @body "{{conflict-check}}")
 (#set! rule "go.retry.loop"))

((for_statement
   "for" @trigger
   [(for_clause) (range_clause) (binary_expression) (identifier) (selector_expression)] @header
   body: (block) @body)
 (#match? @header "{{retry-word}}")
 (#match? @body "{{conflict-check}}")
 (#set! rule "go.retry.loop"))

; A loop over tries that waits on a timer it resets between them: `for i := range tries { … timer.Reset(
; m.delayFunc(i)); select { case <-ctx.Done(): … case <-timer.C: } … }` (round 80, redsync's lock
; acquisition).
((for_statement
   "for" @trigger
   [(for_clause) (range_clause) (binary_expression) (identifier) (selector_expression)] @header
   body: (block) @body)
 (#match? @header "{{retry-word}}")
 (#match? @body "(time\\.NewTimer|\\.Reset)\\(")
 (#match? @body "<-\\s*[\\w.]*\\.C\\b")
 (#set! rule "go.retry.loop"))

; for { ...; time.Sleep(backoff) }, time.Sleep(time.Duration(attempt) * time.Second), <-time.After(retryDelay)
((for_statement
   "for" @trigger
   body: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
       (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))
       (if_statement consequence: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
        (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))])))
       (if_statement alternative: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
        (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))])))
       (select_statement (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))))])))
 (#resolves-to? @sleep "^time\\.(Sleep|After)$")
 (#match? @delay "{{retry-word}}")
 (#set! rule "go.retry.loop"))

; for { ...; attempts++ / if retries >= max {...} / backoff *= 2 / next := backoff * 2; ...; time.Sleep(d) }
((for_statement
   "for" @trigger
   body: (block (statement_list
     [(inc_statement (_) @counter) (dec_statement (_) @counter) (assignment_statement left: (_) @counter) (short_var_declaration left: (_) @counter) (if_statement condition: (_) @counter)]
     [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
       (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))
       (if_statement consequence: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
        (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))])))
       (if_statement alternative: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
        (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))])))
       (select_statement (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))))])))
 (#resolves-to? @sleep "^time\\.(Sleep|After)$")
 (#match? @counter "{{retry-word}}")
 (#set! rule "go.retry.loop"))

((for_statement
   "for" @trigger
   body: (block (statement_list
     [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
       (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))
       (if_statement consequence: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
        (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))])))
       (if_statement alternative: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
        (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))])))
       (select_statement (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))))]
     [(inc_statement (_) @counter) (dec_statement (_) @counter) (assignment_statement left: (_) @counter) (short_var_declaration left: (_) @counter) (if_statement condition: (_) @counter)])))
 (#resolves-to? @sleep "^time\\.(Sleep|After)$")
 (#match? @counter "{{retry-word}}")
 (#set! rule "go.retry.loop"))

; A sleeping loop directly inside a function named for retrying: func withRetry(...) { for ... { time.Sleep(d) } }
((function_declaration
   name: (identifier) @name
   body: (block (statement_list (for_statement "for" @trigger body: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
       (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))
       (if_statement consequence: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
        (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))])))
       (if_statement alternative: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
        (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))])))
       (select_statement (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))))]))))))
 (#resolves-to? @sleep "^time\\.(Sleep|After)$")
 (#match? @name "{{retry-word}}")
 (#set! rule "go.retry.loop"))

((method_declaration
   name: (field_identifier) @name
   body: (block (statement_list (for_statement "for" @trigger body: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
       (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))
       (if_statement consequence: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
        (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))])))
       (if_statement alternative: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
        (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))])))
       (select_statement (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))))]))))))
 (#resolves-to? @sleep "^time\\.(Sleep|After)$")
 (#match? @name "{{retry-word}}")
 (#set! rule "go.retry.loop"))

; Try again after an error: for ... { if err != nil { time.Sleep(d); continue } }
((for_statement
   "for" @trigger
   body: (block (statement_list
     (if_statement
       condition: (binary_expression left: (identifier) @err operator: "!=" right: (nil))
       consequence: (block (statement_list [(expression_statement (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay))
        (expression_statement (unary_expression operator: "<-" operand: (call_expression function: (selector_expression) @sleep arguments: (argument_list) @delay)))] . (continue_statement)))))))
 (#resolves-to? @sleep "^time\\.(Sleep|After)$")
 (#match? @err "^(err|[a-z]\\w*Err)$")
 (#set! rule "go.retry.loop"))

; Any loop that waits (time.Sleep, <-time.After, a backoff call) and names retries, attempts or
; backoff anywhere in its body: the retry loops the shapes above miss (a select in an if, a
; project's own backoff helper).
((for_statement) @trigger
 (#match? @trigger "Sleep|After|[Bb]ack[Oo]ff")
 (#retry-loop? @trigger)
 (#set! rule "go.retry.backoff-loop"))

; Exponential backoff computed from the attempt count, in a loop or in a scheduler that persists the
; next attempt: base * (1 << uint(attemptCount)), time.Duration(1<<retries) * time.Second,
; math.Pow(2, float64(attempt)), math.Pow(multiplier, float64(trials)) (round 93, godoxy's notification
; dispatcher). Flag shifts (1 << iota, 1 << bit) do not name a retry.
; (Not a lockout that grows with failed logins, `math.Pow(4, float64(attempt-3))` in
; StoreLoginAttempt: brute-force protection, go.auth.login-lockout; round 94, shellhub.)
((binary_expression left: (_) operator: "<<" right: (_) @n) @trigger
 (#match? @n "{{retry-word}}")
 (#not-unit-name-matches? @trigger "{{login-lockout-unit}}")
 (#set! rule "go.retry.exponential-backoff"))

((call_expression function: (selector_expression) @pow arguments: (argument_list . (_) . (_) @n .)) @trigger
 (#match? @n "{{retry-word}}|[Tt]rials?\\b")
 (#resolves-to? @pow "^math\\.Pow$")
 (#not-unit-name-matches? @trigger "{{login-lockout-unit}}")
 (#set! rule "go.retry.exponential-backoff"))

; A retry by recursion after a wait: `if resp.StatusCode == http.StatusTooManyRequests && retry <
; maxRetries { time.Sleep(retryRateLimitTime); return c.getRangeResponse(ctx, rnge, retry+1) }`
; (round 40, hasura-auth's HIBP client): the call handed the attempt count plus one is the next try,
; the wait before it the backoff. Not a log line counting attempts.
((call_expression function: (_) @fn arguments: (argument_list) @args) @trigger
 (#match? @args "{{retry-word}}\\w*\\s*\\+\\s*1\\b")
 (#not-match? @fn "^(fmt|log|slog|errors)\\.|(^|\\.)(Print|Info|Warn|Debug|Error|Fatal|Trace|Log|Sprint)\\w*$")
 (#text-before? @trigger "time\\.(Sleep|After)\\(|[Bb]ack[Oo]ff")
 (#set! rule "go.retry.recursive-retry"))

; The attempt budget: if event.AttemptCount >= maxRetries { fail } else { schedule the next try },
; attempts < MaxAttempts: an attempt counter against its maximum (a counter compared with a number,
; or two limits compared in configuration checks, do not count; a for header's bound is the loop
; rules' business).
; Not the failed guesses stored on a credential or code, `if cred.Retries > v.MaxRetries { return
; ErrPolicy }` before a verification code is compared (round 97, tinode's email and phone
; validators): a brute-force limit (auth), nothing is tried again.
((if_statement condition: (binary_expression left: (_) @count operator: [">=" ">" "<" "<="] right: (_) @max) @trigger)
 (#match? @count "{{retry-word}}")
 (#not-match? @count "([Mm]ax|MAX|[Ll]imit|LIMIT|^len\\()")
 (#match? @max "^([\\w.]*\\.)?([Mm]ax|MAX_?)\\w*([Rr]etr(y|ies)|RETR(Y|IES)|[Aa]ttempts?|ATTEMPTS?|[Tt]ries|TRIES)\\w*$")
 (#not-match? @count "{{credential-guess-counter}}")
 (#set! rule "go.retry.attempt-budget"))

; The wait of a retry helper named for it: `func (f *Pool) backoff(ctx) error { select { case
; <-ctx.Done(): … case <-time.After(f.sleep): return nil } }`, `func waitBackoff(n int) {
; time.Sleep(…) }`. The loop that calls it is often in another function; the wait's length and what
; cuts it short are the retry policy.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#match? @f "^(After|Sleep|NewTimer)$")
 (#resolves-to? @pkg "^time$")
 (#unit-name-matches? @trigger "(^|\\.)(([Ww]ait|[Ss]leep|[Dd]o)?[Bb]ack[Oo]ff|[Rr]etry[Ww]ait|[Ww]ait[Ff]or[Rr]etry|[Ss]leep[Ff]or[Rr]etry)$")
 (#set! rule "go.retry.backoff-wait"))

; A project's own retry package, whatever its module: retry.New(retry.Attempts(10), retry.Backoff(f)),
; retrier.Do(fn) built from <module>/pkg/retry. The package's name says what each call configures.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#resolves-to? @pkg "(^|/)(retry|retrier|retries|backoff)(/v\\d+)?$")
 (#not-match? @f "^(Is|Err)\\w*$")
 (#set! rule "go.retry.package"))

; A retry written with a label: `retry: resp, err := c.client.Get(u) … if !retried &&
; c.retryOnError(resp) { retried = true; goto retry }`. The jump back re-issues the operation; when
; it may, and how often, is the retry policy. (Only labels named for it: `goto again` also
; resamples random numbers.)
((goto_statement (label_name) @l) @trigger
 (#match? @l "^(retry|Retry|RETRY)")
 (#set! rule "go.retry.goto"))

; A project's own backoff or retry type filled in: &backoff.ConstantBackoff{Max: n, Sleep: d},
; retry.Policy{Attempts: 3} from <module>/pkg/.../backoff: the literal is the retry policy.
((composite_literal type: (qualified_type package: (package_identifier) @pkg) @trigger)
 (#resolves-to? @pkg "(^|/)(retry|retrier|retries|backoff)(/v\\d+)?$")
 (#set! rule "go.retry.package"))

; The wait of a backoff or retry policy type, whatever the method is called: func (c *ConstantBackoff)
; Next(err error) bool { c.tried++; …; time.Sleep(c.Sleep) }. How long it sleeps, and when it stops,
; is the retry policy of every loop that uses it.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#match? @f "^(After|Sleep|NewTimer)$")
 (#resolves-to? @pkg "^time$")
 (#text-before? @trigger "^func\\s*\\(\\s*\\w*\\s*\\*?\\s*\\w*(Back[Oo]ff|BACKOFF|Retry|Retrier|Retryer)(\\[[^\\]]*\\])?\\s*\\)")
 (#set! rule "go.retry.backoff-wait"))

;; A retry count handed on where a service is wired up, `stream.WithMaxRetries(3)` among a consumer's
;; handler options in `NewService`, or retries switched off at a call site (`WithDisableRetries(true)`):
;; the loop that counts lives in the component, which has its own region (RECONCILED: counts passed
;; outside the loop are not the retry; round 42, harness: nine `NewService` constructors judged N;
;; round 41, spicedb's bulk imports). A mention; the library policies that pick tries and delays
;; (redsync `WithTries`/`WithRetryDelay`, a task manager's `WithMaxRetry` set up from configuration
;; outside a constructor) stay below. (First: of two patterns matching the same call, the earlier counts.)
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_)))
 (#match? @f "^With(Max)?(Retry|Retries)$")
 (#unit-name-matches? @trigger "^(New|new)([A-Z]\\w*)?(\\s|$)")
 (#set! evidence "mention")
 (#set! rule "go.retry.option"))

((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_)))
 (#eq? @f "WithDisableRetries")
 (#set! evidence "mention")
 (#set! rule "go.retry.option"))

; A retry or backoff setting handed to a component as a functional option: queue.New(…,
; queue.WithBackoffFactor(s.BackoffFactor), queue.WithMaxRetry(s.MaxRetry), queue.WithRetryDelay(d)),
; restate.WithMaxRetryDuration(d). The values decide how often and how fast the work is retried.
; (Declaring the option, func WithBackoff(d) Option { … }, is not a call and does not count.)
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_)))
 (#match? @f "^With\\w*([Rr]etr(y|ies)|[Bb]ack[Oo]ff|[Aa]ttempts)\\w*$")
 (#not-match? @f "^With\\w*(Callback|Hook|Func|Logger|Log)$")
 (#set! rule "go.retry.option"))

;; A retry without a wait, on an error the code classifies as retryable (round 53, nakama's
;; serialization-failure retries): a function named for retrying that calls itself again from an `if`
;; on the error (`if errors.As(err, &pgErr) && pgErr.Code == SerializationFailure { return
;; ExecuteRetryable(fn) }`, directly in its body or one `if` down), and a counted loop that runs the
;; operation again when the error is of a retryable kind (`for i := 0; i < 5; i++ { err = fn(conn); if
;; … pgErr.Code[:2] == "40" { continue }; return err }`). How often, and on which errors, is the retry
;; policy. Not a call of another function (kratos' `retryRecoveryFlowWithError` hands the user a new
;; flow through `retryRecoveryFlowWithMessage`: nothing runs again; round 55 audit).
([(function_declaration name: (identifier) @name body: (block (statement_list [
    (if_statement condition: (_) @cond consequence: (block (statement_list (return_statement (expression_list . (call_expression function: (identifier) @callee) @trigger)))))
    (if_statement consequence: (block (statement_list (if_statement condition: (_) @cond consequence: (block (statement_list (return_statement (expression_list . (call_expression function: (identifier) @callee) @trigger))))))))])))
  (method_declaration name: (field_identifier) @name body: (block (statement_list [
    (if_statement condition: (_) @cond consequence: (block (statement_list (return_statement (expression_list . (call_expression function: (selector_expression field: (field_identifier) @callee)) @trigger)))))
    (if_statement consequence: (block (statement_list (if_statement condition: (_) @cond consequence: (block (statement_list (return_statement (expression_list . (call_expression function: (selector_expression field: (field_identifier) @callee)) @trigger))))))))])))]
 (#eq? @name @callee)
 (#match? @name "{{retry-word}}")
 (#match? @cond "\\b(err|[a-z]\\w*Err)\\b")
 (#set! rule "go.retry.recursive-retry"))

((for_statement
   "for" @trigger
   (for_clause)
   body: (block (statement_list
     (if_statement condition: (_) @cond consequence: (block (statement_list (continue_statement))))
     (return_statement))))
 (#match? @cond "errors\\.(As|Is)\\(|\\.Code\\b|[Rr]etr(y|iable)|Temporary\\(|Serializ|[Dd]eadlock|[Cc]onflict")
 (#set! rule "go.retry.loop"))

; A Kubernetes controller putting a failed item back on its work queue with the queue's rate-limited
; backoff, `c.queue.AddRateLimited(key)` (usually after `c.queue.NumRequeues(key) < maxRetries`;
; round 62, sealed-secrets' `processNextItem`): the retry policy of every reconcile. The requeue
; must sit under a test of an error (`if err != nil`, not `if err == nil`): a rate-limited add that schedules work, every workflow that
; uses a changed semaphore config (round 109, argo-workflows' notifySemaphoreConfigUpdate; argo-cd's
; requestAppRefresh, round 103: judged N), retries nothing that failed.
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#eq? @f "NumRequeues")
 (#not-resolves-to? @recv ".")
 (#imports? "^k8s\\.io/client-go/util/workqueue$")
 (#set! rule "go.retry.requeue"))

((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#eq? @f "AddRateLimited")
 (#not-resolves-to? @recv ".")
 (#imports? "^k8s\\.io/client-go/util/workqueue$")
 (#guarded-by? @trigger "\\b[Ee]rr\\w*\\s*!=\\s*nil|[Ff]ail|[Rr]etr(y|ies)|[Rr]equeue|NumRequeues")
 (#set! rule "go.retry.requeue"))
