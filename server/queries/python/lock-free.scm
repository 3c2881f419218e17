; Lock-free / unsynchronized shared memory in Python: multiprocessing Value/Array with lock=False,
; RawValue/RawArray, multiprocessing.shared_memory, ctypes views over shared buffers, the `atomics`
; package, and mmap mappings shared between processes.

; multiprocessing.Value("i", 0, lock=False), Array("d", 10, lock=False)
((call
   function: [(identifier) (attribute)] @trigger
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @kw
       value: (false))))
 (#eq? @kw "lock")
 (#resolves-to? @trigger "^multiprocessing\\.(sharedctypes\\.)?(Value|Array)$")
 (#set! rule "python.lock-free.unlocked-shared-value"))

; ctx.Value("i", 0, lock=False) on a multiprocessing context or manager
((call
   function: (attribute attribute: (identifier) @method) @trigger
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @kw
       value: (false))))
 (#any-of? @method "Value" "Array")
 (#eq? @kw "lock")
 (#imports? "^multiprocessing(\\.|$)")
 (#set! rule "python.lock-free.unlocked-shared-value"))

; RawValue / RawArray: shared ctypes objects with no lock at all
; multiprocessing.shared_memory.SharedMemory(...), ShareableList(...), SharedMemoryManager()
; posix_ipc.SharedMemory(...), sysv_ipc.SharedMemory(...)
; ctypes.c_int64.from_buffer(shm.buf): a ctypes view over shared bytes, written without a lock
; atomics package: atomics.atomicview(buffer=..., atype=atomics.INT), atomics.atomic(width=8, ...)
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(?:multiprocessing\\.(sharedctypes\\.)?(RawValue|RawArray)$|(multiprocessing\\.shared_memory\\.(SharedMemory|ShareableList)|multiprocessing\\.managers\\.SharedMemoryManager|posix_ipc\\.SharedMemory|sysv_ipc\\.SharedMemory|sysv_ipc\\.attach)$|ctypes\\.(c_\\w+|Structure|Array|\\w+)\\.(from_buffer|from_address)$|atomics\\.\\w+$)")
 (#set! rule "python.lock-free.shared-memory"))

; a.fetch_inc(), a.cmpxchg_weak(expected=0, desired=1), a.exchange(5) when `atomics` is imported
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#match? @method "^(fetch_\\w+|cmpxchg_\\w+|exchange|store|load|inc|dec|add|sub|bit_test_and_\\w+)$")
 (#imports? "^atomics$")
 (#set! rule "python.lock-free.atomics"))

; mmap.mmap(-1, size, flags=mmap.MAP_SHARED) / mmap.mmap(-1, size, mmap.MAP_SHARED) /
; mmap.mmap(-1, size, tagname="shm"): memory shared between processes
((call
   function: [(identifier) (attribute)] @trigger
   arguments: (argument_list
     [(attribute attribute: (identifier) @flag)
      (identifier) @flag
      (keyword_argument value: [(attribute attribute: (identifier) @flag) (identifier) @flag])
      (keyword_argument value: (binary_operator [(attribute attribute: (identifier) @flag) (identifier) @flag]))]))
 (#eq? @flag "MAP_SHARED")
 (#resolves-to? @trigger "^mmap\\.mmap$")
 (#set! rule "python.lock-free.shared-mmap"))

((call
   function: [(identifier) (attribute)] @trigger
   arguments: (argument_list
     (keyword_argument name: (identifier) @kw)))
 (#eq? @kw "tagname")
 (#resolves-to? @trigger "^mmap\\.mmap$")
 (#set! rule "python.lock-free.shared-mmap"))

; A memcached compare-and-swap, `swapped = client.cas(key, value, cid, ttl)` after `value, cid =
; client.gets(key)`, retried until it lands: an optimistic lock-free update of a shared counter
; (round 91, dramatiq's memcached rate limiter). Only with a memcached client imported.
((call
   function: (attribute attribute: (identifier) @m) @trigger
   arguments: (argument_list (_) . (_) . (_)))
 (#eq? @m "cas")
 (#imports? "^(pylibmc|pymemcache|memcache|aiomcache|bmemcached|emcache)(\\.|$)")
 (#set! rule "python.lock-free.memcached-cas"))
