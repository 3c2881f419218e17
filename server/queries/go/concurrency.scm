; Concurrency in Go: goroutines, channels, select, sync primitives, errgroup, semaphores,
; singleflight and worker-pool libraries.

;; Fire and forget: go ldap.StartServer(), go notify(url, token), go func() { if err := srv.Serve();
;; err != nil { log… } }(): the goroutine shares nothing visible with its spawner (no channel,
;; WaitGroup, lock or atomic; no &x or channel argument; no write to a variable it did not declare).
;; A mention: it joins the function's concurrency region when something else there synchronises,
;; but does not make one (first: of two patterns matching the same node, the earlier counts).
((go_statement) @trigger
 (#fire-and-forget? @trigger)
 (#set! evidence "mention")
 (#set! rule "go.concurrency.goroutine"))

;; A launcher whose whole body starts one named function: func InitDeliverHooks() { go DeliverHooks() }.
;; The concurrency is in the function it starts; here it is a mention (first, so it takes the node).
((function_declaration
   body: (block (statement_list . (go_statement (call_expression function: [(identifier) (selector_expression)])) @trigger .)))
 (#set! evidence "mention")
 (#set! rule "go.concurrency.goroutine"))

;; A cancellation poll in a sequential loop: select { case <-ctx.Done(): return ...; default: }.
;; Only those two cases: nothing is shared or waited for. Mentions, ahead of the patterns below.
((select_statement . (communication_case
     communication: (receive_statement . right: (unary_expression operand: (call_expression
       function: (selector_expression field: (field_identifier) @d) arguments: (argument_list) @a)))) . (default_case) .) @trigger
 (#eq? @d "Done")
 (#eq? @a "()")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.select"))

((select_statement . (communication_case
     communication: (receive_statement . right: (unary_expression operand: (call_expression
       function: (selector_expression field: (field_identifier) @d) arguments: (argument_list) @a)) @trigger)) . (default_case) .)
 (#eq? @d "Done")
 (#eq? @a "()")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.receive"))

; go worker(jobs)
((go_statement) @trigger
 (#set! rule "go.concurrency.goroutine"))

; chan T, <-chan T, chan<- T in make(...), declarations, parameters and fields
((channel_type) @trigger
 (#set! evidence "mention")
 (#set! rule "go.concurrency.channel"))

;; A Prometheus collector's Describe / Collect hands its descriptors and metrics to the channel the
;; registry passed in, ch <- prometheus.MustNewConstMetric(…): the registry owns the channel and its
;; reader, the method shares nothing of its own. A mention (first, so it takes the node); a collector
;; that also starts goroutines or takes a lock keeps those as operations.
((send_statement) @trigger
 (#text-before? @trigger "^func\\s*\\([^)]*\\)\\s*(Collect|Describe)\\(\\s*\\w+\\s+chan<-\\s*\\*?\\w+\\.(Metric|Desc)\\s*\\)")
 (#imports? "^github\\.com/prometheus/client_golang/prometheus$")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.send"))

; ch <- v
((send_statement) @trigger
 (#set! rule "go.concurrency.send"))

;; A request handler's non-blocking check for cancellation, straight in the function body (not in a
;; loop): select { case <-m.Done: return; default: } or case <-ctx.Done(). It gives up early and
;; shares nothing: a mention, for the select and its receive alike (first: of two patterns matching
;; the same node, the earlier counts).
([(function_declaration body: (block (statement_list
    (select_statement
      . (communication_case communication: (receive_statement right: (unary_expression operand: [(selector_expression field: (field_identifier) @done) (call_expression function: (selector_expression field: (field_identifier) @done))])))
      . (default_case) .) @trigger)))
  (method_declaration body: (block (statement_list
    (select_statement
      . (communication_case communication: (receive_statement right: (unary_expression operand: [(selector_expression field: (field_identifier) @done) (call_expression function: (selector_expression field: (field_identifier) @done))])))
      . (default_case) .) @trigger)))]
 (#eq? @done "Done")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.select"))

([(function_declaration body: (block (statement_list
    (select_statement
      . (communication_case communication: (receive_statement right: (unary_expression operand: [(selector_expression field: (field_identifier) @done) (call_expression function: (selector_expression field: (field_identifier) @done))]) @trigger))
      . (default_case) .))))
  (method_declaration body: (block (statement_list
    (select_statement
      . (communication_case communication: (receive_statement right: (unary_expression operand: [(selector_expression field: (field_identifier) @done) (call_expression function: (selector_expression field: (field_identifier) @done))]) @trigger))
      . (default_case) .))))]
 (#eq? @done "Done")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.receive"))

;; A command waiting for a shutdown signal in its own flow, signals := make(chan os.Signal, 1);
;; signal.Notify(signals, os.Interrupt); <-signals: it blocks until told to stop and shares
;; nothing. A mention (first: ahead of the receive below); a goroutine or select around it counts.
((expression_statement (unary_expression operator: "<-" operand: (identifier)) @trigger)
 (#imports? "^os/signal$")
 (#text-before? @trigger "signal\\.Notify\\(")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.receive"))

;; A retry loop's cancellable backoff sleep: for attempt := …; … { select { case <-ctx.Done(): return
;; …, ctx.Err() case <-time.After(backoff): } }. Exactly those two cases, the timer's empty: it waits
;; or gives up and shares nothing (the retry region holds it). Mentions, for the select and its
;; receives (first: ahead of the receive and select patterns below). A select with a third case (a
;; pool's done channel, a result channel) still counts.
([(select_statement
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression field: (field_identifier) @d)))))
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression operand: (identifier) @t field: (field_identifier) @a))))) @sleep .) @trigger
  (select_statement
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression operand: (identifier) @t field: (field_identifier) @a))))) @sleep
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression field: (field_identifier) @d))))) .) @trigger]
 (#eq? @d "Done")
 (#eq? @a "After")
 (#resolves-to? @t "^time$")
 (#match? @sleep ":\\s*$")
 (#text-before? @trigger "[Aa]ttempt|[Rr]etr(y|ies)|[Bb]ackoff")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.select"))

([(select_statement
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression field: (field_identifier) @d))) @trigger))
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression operand: (identifier) @t field: (field_identifier) @a))))) @sleep .)
  (select_statement
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression operand: (identifier) @t field: (field_identifier) @a))))) @sleep
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression field: (field_identifier) @d))) @trigger)) .)]
 (#eq? @d "Done")
 (#eq? @a "After")
 (#resolves-to? @t "^time$")
 (#match? @sleep ":\\s*$")
 (#text-before? @trigger "[Aa]ttempt|[Rr]etr(y|ies)|[Bb]ackoff")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.receive"))

([(select_statement
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression field: (field_identifier) @d)))))
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression operand: (identifier) @t field: (field_identifier) @a))) @trigger)) @sleep .)
  (select_statement
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression operand: (identifier) @t field: (field_identifier) @a))) @trigger)) @sleep
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression field: (field_identifier) @d))))) .)]
 (#eq? @d "Done")
 (#eq? @a "After")
 (#resolves-to? @t "^time$")
 (#match? @sleep ":\\s*$")
 (#text-before? @trigger "[Aa]ttempt|[Rr]etr(y|ies)|[Bb]ackoff")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.receive"))

;; A non-blocking check of the function's own timeout, timeoutCh := time.After(d); for … { select {
;; case <-timeoutCh: …; default: … } }: a deadline on a sequential loop, nothing shared or waited for.
;; Mentions, for the select and its receive (first: ahead of the receive and select patterns below).
((select_statement . (communication_case
     communication: (receive_statement . right: (unary_expression operand: (identifier) @ch))) . (default_case) .) @trigger
 (#match? @ch "^(timeout|timer|deadline|expir)\\w*$|(Timeout|Timer|Deadline)\\w*$")
 (#text-before? @trigger "\\b(timeout|timer|deadline|expir)\\w*\\s*:?=\\s*time\\.After\\(|(Timeout|Timer|Deadline)\\w*\\s*:?=\\s*time\\.After\\(")
 (#imports? "^time$")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.select"))

((select_statement . (communication_case
     communication: (receive_statement . right: (unary_expression operand: (identifier) @ch) @trigger)) . (default_case) .)
 (#match? @ch "^(timeout|timer|deadline|expir)\\w*$|(Timeout|Timer|Deadline)\\w*$")
 (#text-before? @trigger "\\b(timeout|timer|deadline|expir)\\w*\\s*:?=\\s*time\\.After\\(|(Timeout|Timer|Deadline)\\w*\\s*:?=\\s*time\\.After\\(")
 (#imports? "^time$")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.receive"))

;; The same cancellable sleep through a local timer, for { timer := time.After(interval); select {
;; case <-ctx.Done(): return …; case <-timer: } … }: a polling or backoff loop's wait (the retry
;; region holds it). Exactly those two cases, the timer's empty; mentions for the select and receives.
([(select_statement
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression field: (field_identifier) @d)))))
   . (communication_case communication: (receive_statement right: (unary_expression operand: (identifier) @tm))) @sleep .) @trigger
  (select_statement
   . (communication_case communication: (receive_statement right: (unary_expression operand: (identifier) @tm))) @sleep
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression field: (field_identifier) @d))))) .) @trigger]
 (#eq? @d "Done")
 (#match? @tm "^(timer|wait|delay|sleep|backoff|after)\\w*$|(Timer|Wait|Delay|Sleep|Backoff)$")
 (#match? @sleep ":\\s*$")
 (#text-before? @trigger "(timer|wait|delay|sleep|backoff|after)\\w*\\s*:?=\\s*time\\.After\\(")
 (#text-before? @trigger "[Aa]ttempt|[Rr]etr(y|ies)|[Bb]ackoff|[Pp]oll|[Ii]nterval")
 (#imports? "^time$")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.select"))

([(select_statement
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression field: (field_identifier) @d))) @trigger))
   . (communication_case communication: (receive_statement right: (unary_expression operand: (identifier) @tm))) @sleep .)
  (select_statement
   . (communication_case communication: (receive_statement right: (unary_expression operand: (identifier) @tm))) @sleep
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression field: (field_identifier) @d))) @trigger)) .)]
 (#eq? @d "Done")
 (#match? @tm "^(timer|wait|delay|sleep|backoff|after)\\w*$|(Timer|Wait|Delay|Sleep|Backoff)$")
 (#match? @sleep ":\\s*$")
 (#text-before? @trigger "(timer|wait|delay|sleep|backoff|after)\\w*\\s*:?=\\s*time\\.After\\(")
 (#text-before? @trigger "[Aa]ttempt|[Rr]etr(y|ies)|[Bb]ackoff|[Pp]oll|[Ii]nterval")
 (#imports? "^time$")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.receive"))

([(select_statement
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression field: (field_identifier) @d)))))
   . (communication_case communication: (receive_statement right: (unary_expression operand: (identifier) @tm) @trigger)) @sleep .)
  (select_statement
   . (communication_case communication: (receive_statement right: (unary_expression operand: (identifier) @tm) @trigger)) @sleep
   . (communication_case communication: (receive_statement right: (unary_expression operand: (call_expression function: (selector_expression field: (field_identifier) @d))))) .)]
 (#eq? @d "Done")
 (#match? @tm "^(timer|wait|delay|sleep|backoff|after)\\w*$|(Timer|Wait|Delay|Sleep|Backoff)$")
 (#match? @sleep ":\\s*$")
 (#text-before? @trigger "(timer|wait|delay|sleep|backoff|after)\\w*\\s*:?=\\s*time\\.After\\(")
 (#text-before? @trigger "[Aa]ttempt|[Rr]etr(y|ies)|[Bb]ackoff|[Pp]oll|[Ii]nterval")
 (#imports? "^time$")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.receive"))

; v := <-ch, <-done
((unary_expression operator: "<-") @trigger
 (#set! rule "go.concurrency.receive"))

; select { case ... }
((select_statement) @trigger
 (#set! rule "go.concurrency.select"))

; sync.Mutex, sync.RWMutex, sync.WaitGroup, sync.Once, sync.Cond, sync.Map in declarations,
; fields (also embedded) and literals
((qualified_type package: (package_identifier) @pkg) @trigger
 (#resolves-to? @pkg "^(sync|golang\\.org/x/sync/(errgroup|semaphore|singleflight|syncmap)|github\\.com/sourcegraph/conc(/.+)?|github\\.com/panjf2000/ants(/v\\d+)?)$")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.sync-type"))

; sync.NewCond(&mu), sync.OnceFunc(f), errgroup.WithContext(ctx), semaphore.NewWeighted(n),
; conc.NewWaitGroup(), pool.New(), ants.NewPool(n)
((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^(sync|golang\\.org/x/sync/(errgroup|semaphore|singleflight|syncmap)|github\\.com/sourcegraph/conc(/.+)?|github\\.com/panjf2000/ants(/v\\d+)?)$")
 (#set! rule "go.concurrency.sync-api"))

;; ... but a store's write lock around one statement, `s.db.Lock(func(execer db.Execer, binder
;; db.Binder) error { …; res, err := execer.Exec(stmt, args...); … })`: the helper serialises
;; writers (SQLite's one writer) and a single INSERT or UPDATE has nothing to order under it (round
;; 100, drone's stores: six create, update and delete methods judged N), unless the statement is
;; an optimistic lock (`if n, _ := res.RowsAffected(); n == 0 { return db.ErrOptimisticLock }`, a
;; version column: drone's stepStore.Update, judged Y). A mention (first: the
;; sync-call and lock-callback patterns below take the same node); a callback running two or more statements keeps its region.
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list . (func_literal) @fn .))
 (#any-of? @f "Lock" "RLock")
 (#match? @fn "\\.(Exec|Query|QueryRow|Queryx|QueryRowx|NamedExec|NamedQuery|Get|Select)(Context)?\\(")
 (#not-match? @fn "\\.(Exec|Query|QueryRow|Queryx|QueryRowx|NamedExec|NamedQuery|Get|Select)(Context)?\\([\\s\\S]*\\.(Exec|Query|QueryRow|Queryx|QueryRowx|NamedExec|NamedQuery|Get|Select)(Context)?\\(")
 (#not-match? @fn "RowsAffected|[Oo]ptimistic|\\b[Vv]ersion\\b")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.lock-callback"))

; mu.Lock(), mu.Unlock(), mu.RLock(), mu.RUnlock(), mu.TryLock(), cond.Broadcast(), cond.Signal(),
; m.LoadOrStore(k, v), wg.Go(f) in files importing sync
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#any-of? @f "Lock" "Unlock" "RLock" "RUnlock" "TryLock" "TryRLock" "RLocker" "Broadcast" "LoadOrStore" "LoadAndDelete" "CompareAndDelete" "Go")
 (#not-resolves-to? @recv ".")
 (#imports? "^sync$")
 (#set! rule "go.concurrency.sync-call"))

;; A once that only registers something with a library at setup, once.Do(func() {
;; cobra.AddTemplateFunc("insertTemplate", f) }), once.Do(func() { prometheus.MustRegister(c) }),
;; once.Do(func() { gob.Register(T{}) }): the library keeps the registration, and nothing of the
;; program's own is shared afterwards. A mention (first: of two patterns matching the same call,
;; the earlier one counts).
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (func_literal
     body: (block (statement_list . (expression_statement (call_expression
       function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @reg))) .))) .))
 (#eq? @f "Do")
 (#match? @recv "[Oo]nce$")
 (#resolves-to? @pkg ".")
 (#match? @reg "^(Add\\w*Func\\w*|Register\\w*|MustRegister)$")
 (#imports? "^sync$")
 (#set! evidence "mention")
 (#set! rule "go.concurrency.sync-call"))

; wg.Add(n), wg.Done(), wg.Wait(), cond.Wait(), once.Do(f) where the receiver names a
; WaitGroup / Cond / Once (no types here, and cmd.Wait() or client.Do(req) must not count)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#any-of? @f "Add" "Done" "Wait" "Do" "Signal")
 (#match? @recv "([Ww][Gg]|[Ww]ait[Gg]roup|[Ww]aitgroup|[Ww]orkers|[Gg]roup|[Cc]ond|[Cc]v|[Oo]nce|[Ii]nit[Oo]nce)$")
 (#not-resolves-to? @recv ".")
 (#imports? "^sync$")
 (#set! rule "go.concurrency.sync-call"))

; errgroup / conc / ants methods: g.Go(f), g.TryGo(f), g.Wait(), g.SetLimit(n), p.Submit(task)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#any-of? @f "Go" "TryGo" "Wait" "SetLimit" "Submit" "Invoke")
 (#not-match? @recv "([Cc]md|[Cc]ommand|[Pp]roc|[Pp]rocess|[Cc]lient|[Cc]onn|[Ss]erver|[Ss]rv)$")
 (#not-resolves-to? @recv ".")
 (#imports? "^(golang\\.org/x/sync/errgroup|github\\.com/sourcegraph/conc(/.+)?|github\\.com/panjf2000/ants(/v\\d+)?)$")
 (#set! rule "go.concurrency.group-call"))

; semaphore methods: sem.Acquire(ctx, 1), sem.TryAcquire(1), sem.Release(1)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#any-of? @f "Acquire" "TryAcquire" "Release")
 (#not-resolves-to? @recv ".")
 (#imports? "^golang\\.org/x/sync/semaphore$")
 (#set! rule "go.concurrency.semaphore"))

; singleflight: sf.Do(key, fn), sf.DoChan(key, fn) (two arguments, unlike client.Do(req))
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) . (_) .))
 (#any-of? @f "Do" "DoChan")
 (#not-resolves-to? @recv ".")
 (#imports? "^golang\\.org/x/sync/singleflight$")
 (#set! rule "go.concurrency.singleflight"))

; sf.Forget(key)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#eq? @f "Forget")
 (#not-resolves-to? @recv ".")
 (#imports? "^golang\\.org/x/sync/singleflight$")
 (#set! rule "go.concurrency.singleflight"))

; The same lock calls in a file that does not import sync (the mutex is a field declared in another
; file of the package): s.mu.Lock() / s.mu.Unlock() in pocketbase's settings loader, c.mu.Lock() in
; most of nats-server's route.go, sshOpLocker.Lock(), p.npMu.Lock(). Without the import the receiver's
; name must say it is a mutex (`mu`, `mutex`, `lock`, `…Mu`, `…Mutex`, `…Lock`, `…Locker`); a
; transaction's tx.Lock() or a table's Lock() does not count.
((call_expression
   function: (selector_expression
     operand: [(identifier) @name (selector_expression field: (field_identifier) @name)]
     field: (field_identifier) @f) @trigger
   arguments: (argument_list) @args)
 (#eq? @args "()")
 (#any-of? @f "Lock" "Unlock" "RLock" "RUnlock" "TryLock" "TryRLock")
 (#match? @name "^_?(mu|mtx|mutex|lock|locker|[a-z]{1,3}mu|[a-z]\\w*Mu|\\w*Mutex|\\w*Mtx|[a-z]\\w*Lock|[a-z]\\w*Locker)$")
 (#not-imports? "^sync$")
 (#set! rule "go.concurrency.mutex-field"))

;; A lock held around a callback: conn.Dialect.Lock(func() error { … }) (pop's dialect lock that
;; serialises transactions), mu.WithLock(func() { … }). The closure runs under the lock.
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list . (func_literal) .))
 (#any-of? @f "Lock" "RLock" "WithLock" "WithRLock")
 (#set! rule "go.concurrency.lock-callback"))
