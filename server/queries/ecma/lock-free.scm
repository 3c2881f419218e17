; Lock-free / shared-memory code in JavaScript / TypeScript: Atomics, SharedArrayBuffer, typed
; arrays over shared memory and shared WebAssembly memories.

;; A synchronous sleep: `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)` waits on a
;; buffer made for the call, which no other thread can see or notify (round 58, anything-llm's CLI).
;; A mention, and so are the buffer and the view it makes (first: they take the nodes).
((call_expression
   function: (member_expression object: (_) @o property: (property_identifier) @m) @trigger
   arguments: (arguments . (new_expression arguments: (arguments . (new_expression constructor: (identifier) @sab) @buf)) @view))
 (#match? @o "^((globalThis|window|self)\\.)?Atomics$")
 (#eq? @m "wait")
 (#eq? @sab "SharedArrayBuffer")
 (#set! evidence "mention")
 (#set! rule "ecma.lock-free.atomics"))

((call_expression
   function: (member_expression object: (_) @o property: (property_identifier) @m)
   arguments: (arguments . (new_expression arguments: (arguments . (new_expression constructor: (identifier) @trigger)))))
 (#match? @o "^((globalThis|window|self)\\.)?Atomics$")
 (#eq? @m "wait")
 (#eq? @trigger "SharedArrayBuffer")
 (#set! evidence "mention")
 (#set! rule "ecma.lock-free.shared-array-buffer"))

; Atomics.add / compareExchange / load / store / wait / waitAsync / notify / exchange ...
((call_expression
   function: (member_expression
     object: (_) @o
     property: (property_identifier)) @trigger)
 (#match? @o "^((globalThis|window|self)\\.)?Atomics$")
 (#set! rule "ecma.lock-free.atomics"))

; new SharedArrayBuffer(n)
((new_expression
   constructor: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#match? @trigger "^((globalThis|window|self)\\.)?SharedArrayBuffer$")
 (#set! rule "ecma.lock-free.shared-array-buffer"))

; new Int32Array(sharedBuffer) / new Int32Array(sab, 0, 4)
((new_expression
   constructor: (identifier) @trigger
   arguments: (arguments . [(identifier) @buf (member_expression property: (property_identifier) @buf)]))
 (#match? @trigger "^(Big)?(Int|Uint|Float)(8|16|32|64)(Clamped)?Array$")
 (#match? @buf "^(sab|SAB)$|[Ss]hared|SHARED")
 (#set! rule "ecma.lock-free.shared-view"))

; new WebAssembly.Memory({ initial, maximum, shared: true })
((new_expression
   constructor: (member_expression) @trigger
   arguments: (arguments
     (object (pair key: (property_identifier) @k value: (true)))))
 (#eq? @trigger "WebAssembly.Memory")
 (#eq? @k "shared")
 (#set! rule "ecma.lock-free.shared-wasm-memory"))
