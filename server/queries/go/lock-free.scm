; Lock-free programming in Go: sync/atomic (functions, types and their methods), go.uber.org/atomic,
; unsafe.Pointer juggling next to atomics, and runtime.Gosched spin loops.

; atomic.AddInt64, atomic.CompareAndSwapPointer, atomic.LoadUint32, atomic.StorePointer, ...
; atomic.CompareAndSwapInt64(&x, old, new), atomic.SwapPointer(...): the lock-free algorithm itself.
; A plain atomic counter (Add/Load/Store) only joins a region that has one of these.
((call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#match? @f "^(CompareAndSwap|Swap)")
 (#resolves-to? @pkg "^(sync/atomic|go\\.uber\\.org/atomic)$")
 (#set! rule "go.lock-free.atomic-cas"))

((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^(sync/atomic|go\\.uber\\.org/atomic)$")
 (#set! evidence "mention")
 (#set! rule "go.lock-free.atomic"))


; atomic.Int64, atomic.Value, atomic.Pointer[T] in declarations, fields and literals
((qualified_type package: (package_identifier) @pkg) @trigger
 (#resolves-to? @pkg "^(sync/atomic|go\\.uber\\.org/atomic)$")
 (#set! evidence "mention")
 (#set! rule "go.lock-free.atomic-type"))

; Methods of atomic values (no types here, so arity tells them from sync.Map / WaitGroup):
; v.CompareAndSwap(old, new)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) . (_) .))
 (#any-of? @f "CompareAndSwap" "Swap")
 (#not-resolves-to? @recv ".")
 (#imports? "^(sync/atomic|go\\.uber\\.org/atomic)$")
 (#set! rule "go.lock-free.atomic-method"))

; v.Load(), and go.uber.org/atomic's n.Inc(), n.Dec(), b.Toggle()
((call_expression
   function: (selector_expression operand: [(identifier) (selector_expression)] @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list) @args)
 (#any-of? @f "Load" "Inc" "Dec" "Toggle")
 (#match? @args "^\\(\\s*\\)$")
 (#not-resolves-to? @recv ".")
 (#imports? "^(sync/atomic|go\\.uber\\.org/atomic)$")
 (#set! evidence "mention")
 (#set! rule "go.lock-free.atomic-method"))

; v.Store(x), v.Swap(x), v.Add(delta), v.And(mask), v.Or(mask), n.Sub(delta) on a variable or
; field (not wg.Add(1), time.Now().Add(d), deadline.Add(d), set.Add(x))
((call_expression
   function: (selector_expression operand: [(identifier) (selector_expression)] @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) .))
 (#any-of? @f "Store" "Add" "And" "Or" "Sub")
 (#not-match? @recv "([Ww][Gg]|[Ww]ait[Gg]roup|[Ww]aitgroup|[Gg]roup|[Ss]ema(phore)?|[Ss]em|[Ll]imiter|[Ss]et|[Ll]ist|[Hh]eap|[Mm]etric\\w*|[Cc]ounter[Vv]ec|[Hh]istogram|[Gg]auge|[Hh]eader|[Vv]alues|[Qq]uery|[Ff]orm)$|(^|\\.)([Tt]ime|[Dd]eadline|[Nn]ow|[Ss]tart|[Ee]nd|[Dd]ate|[Ee]xpir\\w*|[Dd]uration|t|ts|tm)$|[a-z](Time|Deadline|Start|End|Date|At|Expiry|Duration)$")
 (#not-resolves-to? @recv ".")
 (#imports? "^(sync/atomic|go\\.uber\\.org/atomic)$")
 (#set! evidence "mention")
 (#set! rule "go.lock-free.atomic-method"))

; unsafe.Pointer casts in files doing atomics (atomic.LoadPointer((*unsafe.Pointer)(...)))
((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^unsafe$")
 (#imports? "^(sync/atomic|go\\.uber\\.org/atomic)$")
 (#set! rule "go.lock-free.unsafe-pointer"))

((qualified_type package: (package_identifier) @pkg) @trigger
 (#resolves-to? @pkg "^unsafe$")
 (#imports? "^(sync/atomic|go\\.uber\\.org/atomic)$")
 (#set! rule "go.lock-free.unsafe-pointer"))

; Spin loops yielding the processor: for !cas() { runtime.Gosched() }
((call_expression function: (selector_expression) @trigger)
 (#resolves-to? @trigger "^runtime\\.Gosched$")
 (#set! rule "go.lock-free.spin"))
