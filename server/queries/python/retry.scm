; Retries, backoff and circuit breakers in Python: tenacity, backoff, retrying, stamina, urllib3 Retry /
; requests HTTPAdapter(max_retries=...), Celery task retries, pybreaker / circuitbreaker, google.api_core
; retry, and hand-written retry loops that sleep between attempts.

; tenacity: @retry(stop=stop_after_attempt(3), wait=wait_exponential(...)), Retrying(...), AsyncRetrying(...);
; backoff: @backoff.on_exception(backoff.expo, Exc, max_tries=5), @backoff.on_predicate(...);
; retrying, stamina, retry, google.api_core.retry.Retry(...)
; urllib3 Retry(total=5, backoff_factor=0.5, status_forcelist=[502, 503])
; Circuit breakers: pybreaker.CircuitBreaker(fail_max=5), @circuit(failure_threshold=3), aiobreaker
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(?:(tenacity\\.\\w+(\\.\\w+)*|backoff\\.(on_exception|on_predicate|expo|fibo|constant|runtime|full_jitter|random_jitter)|retrying\\.(retry|Retrying)|stamina\\.\\w+|retry\\.(retry|retry_call|api\\.retry|api\\.retry_call)|google\\.api_core\\.(retry|retry_async|retry\\.retry_unary|retry\\.retry_unary_async)\\.\\w+|opnieuw\\.\\w+|async_retrying\\.\\w+)$|(urllib3\\.(Retry|util\\.Retry|util\\.retry\\.Retry)|requests\\.packages\\.urllib3\\.util\\.retry\\.Retry|requests\\.adapters\\.Retry|httpx_retries\\.\\w+|aiohttp_retry\\.\\w+)$|(pybreaker|circuitbreaker|aiobreaker|purgatory)\\.\\w+$)")
 (#set! rule "python.retry.library-call"))

; @retry / @tenacity.retry / @stamina.retry used without a call
((decorator [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(tenacity\\.retry|retrying\\.retry|retry\\.retry|stamina\\.retry|circuitbreaker\\.circuit|opnieuw\\.retry_async|opnieuw\\.retry)$")
 (#set! rule "python.retry.decorator"))

;; A retry count handed to the project's own function, fetch_manifest(url, max_retries=2), joins a
;; retry region but makes none: the retry loop is in that function, which has its own region.
;; (An unimported plain name is the project's own; first: the earlier of two patterns counts.)
((call
   function: (identifier) @fn
   arguments: (argument_list
     (keyword_argument name: (identifier) @name) @trigger))
 (#any-of? @name "max_retries" "retries" "max_attempts" "num_retries" "max_retry_attempts")
 (#not-resolves-to? @fn ".")
 (#set! evidence "mention")
 (#set! rule "python.retry.count-argument"))

;; ... and to the parent class's constructor, `super().__init__(state=state, max_attempts=settings.
;; CODE_MAX_ATTEMPTS)`: the project's own base class holds whatever the count limits (a retry loop, or a
;; cap on wrong one-time codes) and has its own region.
((call
   function: (attribute
     object: (call function: (identifier) @super)
     attribute: (identifier) @init)
   arguments: (argument_list
     (keyword_argument name: (identifier) @name) @trigger))
 (#eq? @super "super")
 (#eq? @init "__init__")
 (#any-of? @name "max_retries" "retries" "max_attempts" "num_retries" "max_retry_attempts")
 (#set! evidence "mention")
 (#set! rule "python.retry.count-argument"))

;; A Celery task's retry settings on a task that never retries: `@app.task(max_retries=3,
;; default_retry_delay=60)` over a body with no `self.retry(…)` and no `autoretry_for` beside them (round
;; 65, readthedocs: three tasks, judged N). Celery retries only when told to; the settings are inert. A
;; mention, first so it takes the node from the pattern below.
((decorated_definition
   (decorator (call
     function: (_) @deco
     arguments: (argument_list (keyword_argument name: (identifier) @name) @trigger) @args))
   definition: (function_definition body: (block) @body))
 (#match? @deco "(^|\\.)(task|shared_task)$")
 (#any-of? @name "max_retries" "default_retry_delay" "retry_backoff" "retry_backoff_max" "retry_jitter" "retry_kwargs")
 (#not-match? @args "autoretry_for")
 (#not-match? @body "\\.retry\\(")
 (#set! evidence "mention")
 (#set! rule "python.retry.config"))

;; ... and a task whose retries are switched off, `@shared_dedicated_queue_retry_task(autoretry_for=(Exception,),
;; max_retries=0)` (round 75, grafana/oncall: judged N): `autoretry_for` catches the error and gives up
;; at once.
((decorated_definition
   (decorator (call
     function: (_) @deco
     arguments: (argument_list (keyword_argument name: (identifier) @name) @trigger) @args))
   definition: (function_definition body: (block) @body))
 (#match? @deco "(^|[._])task$")
 (#any-of? @name "max_retries" "autoretry_for" "default_retry_delay" "retry_backoff" "retry_backoff_max" "retry_jitter" "retry_kwargs")
 (#match? @args "[(,]\\s*max_retries\\s*=\\s*0\\s*[,)]")
 (#not-match? @body "\\.retry\\(")
 (#set! evidence "mention")
 (#set! rule "python.retry.config"))

;; A retry count handed to a client built at import time, `requests = RequestSession(max_retries=3)` at
;; a module's top level (round 93, Flexget: twelve notifier and input modules, all judged N): the loop
;; that counts is in the client's class, its own region, like the counts passed where a service is
;; wired up (RECONCILED). A mention (first: of two patterns matching the same keyword, the earlier
;; counts). A policy object or backoff settings there stay (kitsune's module-level `Retry(...)`).
((module (expression_statement (assignment
   right: (call arguments: (argument_list (keyword_argument name: (identifier) @name) @trigger) @args))))
 (#any-of? @name "max_retries" "retries" "num_retries" "max_attempts")
 (#not-match? @args "[Bb]ackoff|[Dd]elay|[Jj]itter|[Rr]etry\\(|Retry\\(")
 (#set! evidence "mention")
 (#set! rule "python.retry.config"))

; Retry configuration passed as keywords: HTTPAdapter(max_retries=3), @app.task(autoretry_for=(Exc,),
; retry_backoff=True, max_retries=5), apply_async(retry_policy={...}), Config(retries={...}),
; Redis(retry_on_timeout=True), httpx.HTTPTransport(retries=3). Not a template variable,
; render_template("challenge.html", max_attempts=challenge.max_attempts): a value the page shows (a
; CTF challenge's attempt limit), not a client's retry setting. Nor a model field given to a Django
; manager, ImportJob.objects.create(user=user, retry=True): a row's "this is a re-run" flag.
; Nor a setting handed to the class's own method (`self._make_request(url, retry=had_valid)`,
; `self._get_contact_with_retry(user, max_retries=3)`, rounds 26 and 35): the loop is in that
; method, its own region.
((keyword_argument
   name: (identifier) @name) @trigger
 (#any-of? @name "max_retries" "retries" "retry" "retry_on_timeout" "retry_on_error" "max_attempts" "retry_policy" "autoretry_for" "retry_backoff" "retry_backoff_max" "retry_jitter" "default_retry_delay" "retry_kwargs" "backoff_factor" "retry_strategy" "num_retries" "max_retry_attempts" "retry_delay")
 (#not-match? @trigger "^(\\w+)\\s*=\\s*(\\1|False|None|0)$")
 ; (Nor a bare switch, `producer.publish(body, retry=True)`, `yes(msg, retry=True)`: the callee's own
 ; default policy turned on, decided where it is written; rounds 79, 90 and 109, celery's and kombu's
 ; publish call sites and borg's prompt: five judged N, none Y.)
 (#not-match? @trigger "^retry\\s*=\\s*True$")
 ; (Nor a setting handed on under its own name: `retries=self.task.retries`, `retry=self._retry`,
 ; `default_retry_delay=retry_delay`: round 106, huey copying a task's settings into the rescheduled one
 ; and a decorator into the task's defaults; the policy is decided where the value is set.)
 (#not-match? @trigger "^(default_)?(\\w+)\\s*=\\s*([A-Za-z_][\\w.]*\\.)?_?\\2$")
 (#not-argument-of? @trigger "(^|\\.)(render_template|render_template_string|render_to_string|render|TemplateResponse|stream_template)$")
 (#not-argument-of? @trigger "\\.objects\\.(create|get_or_create|update_or_create|filter|exclude|update|get|bulk_create)$")
 (#not-argument-of? @trigger "^self\\.\\w+$")
 (#set! rule "python.retry.config"))

; Celery: raise self.retry(exc=exc, countdown=2 ** self.request.retries)
((call
   function: (attribute
     object: (identifier) @self
     attribute: (identifier) @method) @trigger)
 (#eq? @self "self")
 (#eq? @method "retry")
 (#imports? "^celery(\\.|$)")
 (#set! rule "python.retry.celery"))

; The same call where the task class comes from the project's own wrapper (no celery import in the
; file): `task.retry(exc=exc)`, `raise self.retry(countdown=60, exc=exc)`. Celery's keywords say so.
((call
   function: (attribute
     object: (identifier) @self
     attribute: (identifier) @method) @trigger
   arguments: (argument_list (keyword_argument name: (identifier) @kw)))
 (#match? @self "^(self|task|\\w+_task)$")
 (#eq? @method "retry")
 (#any-of? @kw "exc" "countdown" "eta")
 (#set! rule "python.retry.celery"))

; time.sleep(2 ** attempt), await asyncio.sleep(backoff), sleep(retry_delay): a pause sized by retry state
((call
   function: [(identifier) (attribute)] @trigger
   arguments: (argument_list) @args)
 (#match? @args "{{retry-word}}")
 (#resolves-to? @trigger "{{sleep-call}}")
 (#set! rule "python.retry.backoff-sleep"))

; Exponential backoff computed from the attempt count, `delay = base * 2 ** attempt`, or any power in a
; function named for the backoff (`def compute_backoff(attempts, *, factor=5, …): exponent =
; min(attempts, max_exponent); backoff = factor * (2**exponent)`, round 91, dramatiq: the delay its
; retries middleware and consumers wait).
((binary_operator left: (_) operator: "**" right: (_) @n) @trigger
 (#match? @n "{{retry-word}}")
 (#set! rule "python.retry.exponential-backoff"))

((binary_operator operator: "**") @trigger
 (#unit-name-matches? @trigger "[Bb]ack_?[Oo]ff|[Rr]etry_?[Dd]elay|[Rr]etry_?[Ii]nterval")
 (#set! rule "python.retry.exponential-backoff"))

; The next try scheduled after a failure, its delay growing with the attempt: Twisted's
; `reactor.callLater(math.pow(2, attempt), self._notify, assoc, attempt + 1)`, asyncio's
; `loop.call_later(2 ** retries, …)` (round 38, sydent).
((call
   function: (attribute attribute: (identifier) @m) @trigger
   arguments: (argument_list . (_) @delay))
 (#match? @m "^(callLater|call_later)$")
 (#match? @delay "{{retry-word}}")
 (#set! rule "python.retry.backoff-sleep"))

; Hand-written retry loops that sleep between tries. The loop must be named for retrying (the loop
; variable, the iterable or the while condition mention attempt / retry / tries / backoff); a polling
; loop that only sleeps does not match.
;   for attempt in range(5): ... time.sleep(...)
((for_statement
   "for" @trigger
   left: (_) @var
   body: (block
     [(expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))])
      (try_statement (except_clause (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))]))))
      (try_statement (except_clause (block (if_statement consequence: (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))]))))))
      (try_statement (except_clause (block (if_statement alternative: (else_clause body: (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))])))))))
      (try_statement (finally_clause (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))]))))
      (try_statement (else_clause body: (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))]))))
      (if_statement consequence: (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))])))
      (if_statement alternative: (else_clause body: (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))]))))]))
 (#match? @var "{{retry-word}}")
 (#resolves-to? @sleep "{{sleep-call}}")
 (#set! rule "python.retry.loop"))

;   for _ in range(MAX_RETRIES): ... await asyncio.sleep(...)
((for_statement
   "for" @trigger
   right: (_) @iter
   body: (block
     [(expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))])
      (try_statement (except_clause (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))]))))
      (try_statement (except_clause (block (if_statement consequence: (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))]))))))
      (try_statement (except_clause (block (if_statement alternative: (else_clause body: (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))])))))))
      (try_statement (finally_clause (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))]))))
      (try_statement (else_clause body: (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))]))))
      (if_statement consequence: (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))])))
      (if_statement alternative: (else_clause body: (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))]))))]))
 (#match? @iter "{{retry-word}}")
 (#resolves-to? @sleep "{{sleep-call}}")
 (#set! rule "python.retry.loop"))

;   while retries < MAX_RETRIES: ... time.sleep(...)
((while_statement
   "while" @trigger
   condition: (_) @cond
   body: (block
     [(expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))])
      (try_statement (except_clause (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))]))))
      (try_statement (except_clause (block (if_statement consequence: (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))]))))))
      (try_statement (except_clause (block (if_statement alternative: (else_clause body: (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))])))))))
      (try_statement (finally_clause (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))]))))
      (try_statement (else_clause body: (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))]))))
      (if_statement consequence: (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))])))
      (if_statement alternative: (else_clause body: (block (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))]))))]))
 (#match? @cond "{{retry-word}}")
 (#resolves-to? @sleep "{{sleep-call}}")
 (#set! rule "python.retry.loop"))

;   while True: try: rrsets = resolve(host) except OSError: pass; if rrsets: break; if time() >=
;   end_time: break; sleep(3)
; A loop that swallows a failure, sleeps and goes round again until the call succeeds (or a deadline
; passes) retries whatever it is called (round 94, freeIPA resolving the CA's host name; the only
; word for it was in a comment). Its try comes before the sleep, and a break or return leaves it.
((while_statement
   "while" @trigger
   body: (block
     (try_statement (except_clause))
     (expression_statement [(call function: [(identifier) (attribute)] @sleep) (await (call function: [(identifier) (attribute)] @sleep))])) @loop)
 (#resolves-to? @sleep "{{sleep-call}}")
 (#match? @loop "(^|\\n)\\s*(break|return)\\b")
 (#set! rule "python.retry.loop"))

; Any loop that sleeps (time.sleep, asyncio.sleep, a backoff call) and names retries, attempts
; or backoff in its body.
([(for_statement) (while_statement)] @trigger
 (#match? @trigger "sleep|[Bb]ack[Oo]ff")
 (#retry-loop? @trigger)
 (#set! rule "python.retry.backoff-loop"))

; A loop that sleeps in a function named for backoff or retries (`async def exponential_backoff(pass_func,
; …)`: `while True: ret = await pass_func(); … await asyncio.sleep(dt)`, round 62 jupyterhub), or whose
; wait grows as it goes (`scale *= scale_factor`, `delay *= 2`): a backoff, whatever its locals are called.
([(for_statement) (while_statement)] @trigger
 (#match? @trigger "sleep\\(")
 (#unit-name-matches? @trigger "[Bb]ack_?[Oo]ff(?!ic)|[Rr]etr(y|ies|ying)")
 (#set! rule "python.retry.backoff-loop"))

([(for_statement) (while_statement)] @trigger
 (#match? @trigger "sleep\\(")
 (#match? @trigger "\\b\\w*(delay|wait|interval|scale|backoff|pause)\\w*\\s*\\*=")
 (#set! rule "python.retry.backoff-loop"))

; A loop that tries again until a try succeeds, with no sleep: the try's body returns or breaks,
; an except clause swallows the failure (its first statement is not raise or return) and the loop
; counts tries by range() and names retries or attempts (mealie's slug de-duplication:
;   for i in range(max_retries):
;       try: return super().create(data)
;       except IntegrityError: data.slug = f"{slug}-{i}"
; ). A loop over items that skips the ones that fail iterates over a collection, not range().
((for_statement
   "for" @trigger
   right: (call function: (identifier) @range)
   body: (block
     (try_statement
       body: (block [(return_statement) (break_statement)])
       (except_clause) @handler))) @loop
 (#eq? @range "range")
 (#match? @loop "{{retry-word}}")
 (#not-match? @handler "^except[^\\n]*:\\s*(raise|return|break)\\b")
 (#set! rule "python.retry.until-success-loop"))

;   for i in range(max_tries): try: update() except OperationalError: if i + 1 < max_tries: continue
;   else: raise ... break   (round 46, awx: a deadlock retried; the break after the try ends the loop)
((for_statement
   "for" @trigger
   right: (call function: (identifier) @range)
   body: (block
     (try_statement (except_clause) @handler)
     .
     (break_statement) .)) @loop
 (#eq? @range "range")
 (#match? @loop "{{retry-word}}")
 (#not-match? @handler "^except[^\\n]*:\\s*(raise|return|break)\\b")
 (#set! rule "python.retry.until-success-loop"))

;   while attempts < MAX_ATTEMPTS: try: return call() except Timeout: attempts += 1
((while_statement
   "while" @trigger
   condition: (_) @cond
   body: (block
     (try_statement
       body: (block [(return_statement) (break_statement)])
       (except_clause) @handler)))
 (#match? @cond "{{retry-word}}")
 (#not-match? @handler "^except[^\\n]*:\\s*(raise|return|break)\\b")
 (#set! rule "python.retry.until-success-loop"))

;   while True: try: r = hsm.call(); break  except LibError: reinit(); retries += 1; if retries > max: raise
; (no sleep, no counter in the condition: the except clause counts the tries it gives up after)
((while_statement
   "while" @trigger
   condition: (true)
   body: (block
     (try_statement
       body: (block [(return_statement) (break_statement)])
       (except_clause) @handler)))
 (#match? @handler "({{retry-word}})\\w*\\s*\\+=\\s*1\\b")
 (#set! rule "python.retry.until-success-loop"))

;; A job queue's try limit: `if job_try > max_tries: … JobExecutionFailed(f'max {max_tries} retries
;; exceeded')` (round 108, arq's run_job, which decides whether a failed job runs again or is
;; finished as failed; kombu's Connection.ensure, `if max_retries is not None and retries >= max_retries:
;; raise`). A count of tries or retries against its maximum. Not attempts: a login's
;; `failed_attempts >= MAX_ATTEMPTS` is a lockout, not a retry.
((comparison_operator) @trigger
 (#match? @trigger "^\\w*(tr(y|ies)|retr(y|ies)|retry_count)\\s*(>=?|<=?)\\s*[\\w.]*max_(tries|retries)\\b|^[\\w.]*max_(tries|retries)\\s*(>=?|<=?)\\s*\\w*(tr(y|ies)|retr(y|ies)|retry_count)$")
 (#set! rule "python.retry.loop"))

; A retry by recursion after a failure: in an `except`, the function calls again (itself or the
; operation) with the try count raised, usually guarded by a limit:
;   def _run_sql(retries=0, max_retries=3):
;       try: cursor.execute(sql)
;       except DatabaseError:
;           if retries < max_retries: _run_sql(retries + 1)
((except_clause
   (block
     (if_statement
       condition: (_) @cond
       consequence: (block [(expression_statement (call arguments: (argument_list) @args) @trigger)
                            (return_statement (call arguments: (argument_list) @args) @trigger)
                            (expression_statement (await (call arguments: (argument_list) @args) @trigger))
                            (return_statement (await (call arguments: (argument_list) @args) @trigger))]))))
 (#match? @cond "{{retry-word}}")
 (#match? @args "{{retry-word}}\\w*\\s*\\+\\s*1\\b")
 (#set! rule "python.retry.recursive-retry"))

((except_clause
   (block [(expression_statement (call arguments: (argument_list) @args) @trigger)
           (return_statement (call arguments: (argument_list) @args) @trigger)
           (expression_statement (await (call arguments: (argument_list) @args) @trigger))
           (return_statement (await (call arguments: (argument_list) @args) @trigger))]))
 (#match? @args "{{retry-word}}\\w*\\s*\\+\\s*1\\b")
 (#set! rule "python.retry.recursive-retry"))

; Exponential backoff kept by hand: `task.retry_delay *= retry_backoff` in a task decorator's failure
; branch (round 40, linkding's Huey `task` decorator), `delay *= 2`, `self.backoff *= self.factor`:
; the next wait grows with each failure.
((augmented_assignment left: (_) @left operator: "*=" right: (_) @right) @trigger
 (#match? @left "([Rr]etry_?[Dd]elay|[Bb]ack_?[Oo]ff|[Dd]elay|[Ww]ait|[Ss]leep|[Ii]nterval|[Cc]ountdown|[Tt]imeout)\\w*$")
 (#match? @right "^([2-9]|[0-9]+\\.[0-9]+|[\\w.]*([Bb]ack_?[Oo]ff|[Ff]actor|[Mm]ultiplier|[Ee]xponent|BACKOFF|FACTOR|MULTIPLIER)\\w*)$")
 (#match? @trigger "{{retry-word}}|[Dd]elay|[Bb]ack")
 (#set! rule "python.retry.backoff-growth"))

; The same client retry settings in a dict of keyword arguments built first and passed as `**kwargs`:
; kwargs = {"hosts": [...], "retry_on_timeout": True, "max_retries": 1}; OpenSearch(**kwargs).
((pair
   key: (string) @k
   value: (_) @v) @trigger
 (#match? @k "^.(max_retries|retry_on_timeout|retry_on_error|retry_on_status|retry_policy|retry_backoff|backoff_factor|retry_strategy|max_retry_attempts|num_retries|autoretry_for).$")
 (#not-match? @v "^(False|None|0)$")
 (#set! rule "python.retry.config"))

; Twisted's reconnecting factory: `self.retry(connector)` in `clientConnectionLost` /
; `clientConnectionFailed` schedules the next attempt with the factory's growing delay (round 102,
; evennia's IRC and Grapevine bots: unmarked). Which losses reconnect, and when the factory stops, is
; decided here. In a file that imports twisted.internet.
((call
   function: (attribute object: (identifier) @self attribute: (identifier) @m) @trigger
   arguments: (argument_list . (_)))
 (#eq? @self "self")
 (#eq? @m "retry")
 (#imports? "^twisted\\.internet(\\.|$)")
 (#set! rule "python.retry.library-call"))
