; Concurrency in Python: threading, multiprocessing, concurrent.futures, asyncio primitives and task
; fan-out, queue, trio/anyio, gevent/eventlet, and `with lock:` critical sections.

;; A pool made for one offloaded call, `with ProcessPoolExecutor() as pool: data = await
;; loop.run_in_executor(pool, parse, text)` (round 96, courtlistener: a parser kept off the event
;; loop, four judged N): nothing is shared or fanned out. A mention; a block that submits more than
;; once, maps or loops stays.
((with_statement
   (with_clause (with_item value: (as_pattern . (call function: [(identifier) (attribute)] @trigger))))
   body: (block) @body)
 (#resolves-to? @trigger "^concurrent\\.futures\\.(ProcessPoolExecutor|ThreadPoolExecutor|process\\.ProcessPoolExecutor|thread\\.ThreadPoolExecutor)$")
 (#match? @body "run_in_executor\\(|\\.submit\\(")
 (#not-match? @body "(run_in_executor\\(|\\.submit\\()[\\s\\S]*(run_in_executor\\(|\\.submit\\()|\\b(for|while)\\b|\\.map\\(|as_completed|gather")
 (#set! evidence "mention")
 (#set! rule "python.concurrency.library-call"))

;; Mentions first (of two patterns matching the same call, the earlier one counts): handing one
;; blocking call to a worker thread, `await asyncio.to_thread(download, url)`,
;; `loop.run_in_executor(None, fn)`, `anyio.to_thread.run_sync(fn)`, shares nothing by itself; it
;; joins a region that locks, queues or spawns, but makes none.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(asyncio\\.to_thread|(trio|anyio)\\.to_thread\\.run_sync)$")
 (#set! evidence "mention")
 (#set! rule "python.concurrency.thread-offload"))

((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#eq? @method "run_in_executor")
 (#set! evidence "mention")
 (#set! rule "python.concurrency.thread-offload"))

;; ... and so does awaiting independent coroutines together, `results = await asyncio.gather(*[fetch(p)
;; for p in providers])`, in a function that holds no lock, semaphore, queue, event or bound and declares
;; no nonlocal or global state: each coroutine returns its own result, nothing is shared. A gather
;; bounded by a semaphore, or whose coroutines update shared state, stays an operation.
((await
   (call function: [(identifier) (attribute)] @trigger))
 (#resolves-to? @trigger "^asyncio\\.gather$")
 (#not-text-before? @trigger "{{shared-async-state}}")
 (#not-text-after? @trigger "{{shared-async-state}}")
 (#set! evidence "mention")
 (#set! rule "python.concurrency.independent-gather"))

;; A script's top-level fire-and-forget spawn, `multiprocessing.Process(target=start_podop).start()`
;; as a statement of the module itself (a container entrypoint starting a helper daemon): the
;; process object is dropped, nothing joins it, no queue, lock or shared value is handed over. It
;; joins a region that shares something, but makes none. A spawn inside a function (a request path
;; starting a worker thread) stays an operation.
((module
   (expression_statement
     (call
       function: (attribute
         object: (call
           function: [(identifier) (attribute)] @trigger
           arguments: (argument_list . (keyword_argument name: (identifier) @kw) .))
         attribute: (identifier) @start))))
 (#eq? @start "start")
 (#eq? @kw "target")
 (#resolves-to? @trigger "^(threading\\.Thread|multiprocessing\\.Process)$")
 (#set! evidence "mention")
 (#set! rule "python.concurrency.script-spawn"))

;; A factory handing back an executor, `def _executor_default(self): return ThreadPoolExecutor(self.n_threads)`
;; (a traitlets default, round 62 jupyterhub): making a pool, like making a lock, shares nothing; the
;; `submit`/`map` that runs work in it is the operation. A mention.
((return_statement
   (call function: [(identifier) (attribute)] @trigger))
 (#resolves-to? @trigger "^concurrent\\.futures\\.(ThreadPoolExecutor|ProcessPoolExecutor|thread\\.ThreadPoolExecutor|process\\.ProcessPoolExecutor)$")
 (#set! evidence "mention")
 (#set! rule "python.concurrency.executor-factory"))

;; Declaring shared memory, `cleaned = Value('i', False)`, `counts = multiprocessing.Array('i', 8)`,
;; is like creating a lock: a mention. Its `with cleaned.get_lock():` is the operation.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^multiprocessing\\.(Value|Array|RawValue|RawArray|sharedctypes\\.\\w+)$")
 (#set! evidence "mention")
 (#set! rule "python.concurrency.shared-value"))

;; A lone cancellation shield joins a region but makes none (first: of two patterns matching the same
;; call, the earlier one counts): `return asyncio.shield(self.sys_os.config_sync())` in an API handler
;; (round 71, supervisor: 7 handlers judged N) keeps one awaited call running if the request is
;; cancelled; nothing is shared or ordered. A function that handles the cancellation (`except
;; CancelledError`) or also starts tasks keeps it (the shielded work can race its cleanup).
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^asyncio\\.shield$")
 (#not-text-before? @trigger "CancelledError|create_task|ensure_future|gather|run_in_executor")
 (#not-text-after? @trigger "CancelledError|create_task|ensure_future|gather|run_in_executor")
 (#set! evidence "mention")
 (#set! rule "python.concurrency.library-call"))

;; A task created and awaited in the same expression (`await loop.create_task(loop.create_datagram_endpoint(…))`,
;; round 72, caldera): the caller waits for it as for the coroutine itself; nothing runs beside it.
;; A mention (first, as above).
((await
   (call
     function: (attribute attribute: (identifier) @method) @trigger))
 (#any-of? @method "create_task" "ensure_future")
 (#set! evidence "mention")
 (#set! rule "python.concurrency.spawn-method"))

;; Operations.
; threading.Thread(target=...), Lock(), RLock(), Semaphore(), Condition(), Event(), Barrier(), Timer()
; multiprocessing.Process(...), Pool(4), Queue(), Manager(), Lock(), get_context("spawn")
; concurrent.futures: ThreadPoolExecutor(max_workers=8), ProcessPoolExecutor(), as_completed(fs), wait(fs)
; asyncio.Lock(), Semaphore(), Event(), Condition(), Queue(), gather(...), create_task(...), wait(...),
; TaskGroup(), to_thread(...), run_coroutine_threadsafe(...), wait_for(...), shield(...)
; queue.Queue(), LifoQueue(), PriorityQueue(), SimpleQueue(); _thread.start_new_thread(...)
; trio / anyio: open_nursery(), create_task_group(), Lock(), Semaphore(), CapacityLimiter(), to_thread
; gevent.spawn(fn), gevent.joinall(...), gevent.monkey.patch_all(), eventlet.spawn(...), GreenPool()
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(?:threading\\.(Thread|Lock|RLock|Semaphore|BoundedSemaphore|Condition|Event|Barrier|Timer)$|multiprocessing\\.(Process|Pool|pool\\.(Pool|ThreadPool)|dummy\\.Pool|Queue|JoinableQueue|SimpleQueue|Manager|Lock|RLock|Semaphore|BoundedSemaphore|Event|Condition|Barrier|Pipe|Value|Array|get_context)$|concurrent\\.futures\\.(ThreadPoolExecutor|ProcessPoolExecutor|as_completed|wait|thread\\.ThreadPoolExecutor|process\\.ProcessPoolExecutor)$|asyncio\\.(Lock|Semaphore|BoundedSemaphore|Event|Condition|Barrier|Queue|PriorityQueue|LifoQueue|gather|create_task|ensure_future|wait|wait_for|as_completed|shield|TaskGroup|to_thread|run_coroutine_threadsafe|Runner|timeout|timeout_at)$|(queue\\.(Queue|LifoQueue|PriorityQueue|SimpleQueue)|_thread\\.(start_new_thread|allocate_lock))$|(trio|anyio)\\.(open_nursery|create_task_group|Lock|StrictFIFOLock|Semaphore|Condition|Event|CapacityLimiter|create_memory_object_stream|open_memory_channel|to_thread\\.\\w+|from_thread\\.\\w+)$|(gevent\\.(spawn|spawn_later|spawn_raw|joinall|wait|killall|monkey\\.patch_all|monkey\\.patch_\\w+|pool\\.(Pool|Group)|lock\\.\\w+|queue\\.\\w+|event\\.\\w+)|eventlet\\.(spawn|spawn_n|spawn_after|GreenPool|GreenPile|monkey_patch|semaphore\\.\\w+|queue\\.\\w+|event\\.\\w+))$)")
 (#not-match? @trigger "(^|\\.)(Lock|RLock|Semaphore|BoundedSemaphore|Condition|Event|Barrier|Queue|LifoQueue|PriorityQueue|SimpleQueue|JoinableQueue|CapacityLimiter|StrictFIFOLock|allocate_lock|local)$")
 (#set! rule "python.concurrency.library-call"))

; Creating a lock, event or queue is a mention; using it (`with lock:`, acquire, put/get across
; threads, gather, executors) is the operation.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(?:threading\\.(Thread|Lock|RLock|Semaphore|BoundedSemaphore|Condition|Event|Barrier|Timer)$|multiprocessing\\.(Process|Pool|pool\\.(Pool|ThreadPool)|dummy\\.Pool|Queue|JoinableQueue|SimpleQueue|Manager|Lock|RLock|Semaphore|BoundedSemaphore|Event|Condition|Barrier|Pipe|Value|Array|get_context)$|concurrent\\.futures\\.(ThreadPoolExecutor|ProcessPoolExecutor|as_completed|wait|thread\\.ThreadPoolExecutor|process\\.ProcessPoolExecutor)$|asyncio\\.(Lock|Semaphore|BoundedSemaphore|Event|Condition|Barrier|Queue|PriorityQueue|LifoQueue|gather|create_task|ensure_future|wait|wait_for|as_completed|shield|TaskGroup|to_thread|run_coroutine_threadsafe|Runner|timeout|timeout_at)$|(queue\\.(Queue|LifoQueue|PriorityQueue|SimpleQueue)|_thread\\.(start_new_thread|allocate_lock))$|(trio|anyio)\\.(open_nursery|create_task_group|Lock|StrictFIFOLock|Semaphore|Condition|Event|CapacityLimiter|create_memory_object_stream|open_memory_channel|to_thread\\.\\w+|from_thread\\.\\w+)$|(gevent\\.(spawn|spawn_later|spawn_raw|joinall|wait|killall|monkey\\.patch_all|monkey\\.patch_\\w+|pool\\.(Pool|Group)|lock\\.\\w+|queue\\.\\w+|event\\.\\w+)|eventlet\\.(spawn|spawn_n|spawn_after|GreenPool|GreenPile|monkey_patch|semaphore\\.\\w+|queue\\.\\w+|event\\.\\w+))$)")
 (#match? @trigger "(^|\\.)(Lock|RLock|Semaphore|BoundedSemaphore|Condition|Event|Barrier|Queue|LifoQueue|PriorityQueue|SimpleQueue|JoinableQueue|CapacityLimiter|StrictFIFOLock|allocate_lock|local)$")
 (#set! evidence "mention")
 (#set! rule "python.concurrency.primitive"))

; _state = threading.local(): per-thread storage is declared, nothing runs concurrently here; it
; joins a region that starts threads but never makes one
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(threading\\.local|_threading_local\\.local|contextvars\\.ContextVar)$")
 (#set! evidence "mention")
 (#set! rule "python.concurrency.thread-local"))

; executor.submit(fn, x), pool.apply_async(...), pool.starmap(...) when concurrent.futures / multiprocessing is used.
; Not a Celery workflow sent off, `chain(task_a.s(x), task_b.s()).apply_async()`, `task.si(x).apply_async()`
; (round 96, courtlistener: tasks run one after another on the workers, nothing shared in-process).
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#any-of? @method "submit" "apply_async" "map_async" "starmap" "starmap_async" "imap" "imap_unordered")
 (#imports? "^(concurrent\\.futures|multiprocessing)(\\.|$)")
 (#not-match? @trigger "^(celery\\.)?chain\\s*\\(|^[\\w.]+\\.(s|si|signature)\\([\\s\\S]*\\)\\s*\\.apply_async\\(")
 (#set! rule "python.concurrency.futures"))

; tg.create_task(coro()), loop.call_soon_threadsafe(cb)
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#any-of? @method "create_task" "call_soon_threadsafe" "start_soon" "start_new_thread")
 (#set! rule "python.concurrency.spawn-method"))

; class Worker(threading.Thread), class Handler(socketserver.ThreadingMixIn, ...)
((class_definition
   superclasses: (argument_list [(identifier) (attribute)] @trigger))
 (#resolves-to? @trigger "^(threading\\.Thread|multiprocessing\\.Process|socketserver\\.(ThreadingMixIn|ForkingMixIn|ThreadingTCPServer|ThreadingUDPServer)|http\\.server\\.ThreadingHTTPServer)$")
 (#set! rule "python.concurrency.thread-subclass"))

; with lock: / with self._lock: / async with self.mutex: critical sections (also `with cls._size_mut:`,
; round 91 dramatiq).
; Not `async with sem:` in a nested coroutine on the enclosing function's own `Semaphore(n)`: that
; function's fan-out, already its region (a duplicate region on the closure otherwise).
((with_item
   value: [(identifier) @name
           (attribute attribute: (identifier) @name)] @trigger)
 (#match? @name "(^|_)([Ll]ock|LOCK|[Mm]utex|MUTEX|[Mm]ut|MUT|[Rr]lock|RLOCK|[Ss]em|SEM|[Ss]emaphore|SEMAPHORE|[Cc]ond|[Cc]ondition|CONDITION)$|[a-z](Lock|Mutex|Semaphore|Condition)$")
 (#not-closure-primitive? @trigger)
 (#set! rule "python.concurrency.critical-section"))

; lock.acquire() / self._lock.release() / sem.acquire(timeout=1) / DOWNLOADER_CV.acquire(), lock_obj.acquire()
; (a condition variable, a lock held in a local: round 88, sabnzbd's decorators)
((call
   function: (attribute
     object: [(identifier) @name (attribute attribute: (identifier) @name)]
     attribute: (identifier) @method) @trigger)
 (#any-of? @method "acquire" "release")
 (#match? @name "(^|_)([Ll]ock|LOCK|[Mm]utex|MUTEX|[Mm]ut|MUT|[Rr]lock|RLOCK|[Ss]em|SEM|[Ss]emaphore|SEMAPHORE|[Cc]ond|[Cc]ondition|CONDITION|[Cc][Vv])$|[a-z](Lock|Mutex|Semaphore|Condition)$|(^|_)[Ll]ock_?[Oo]bj$")
 (#set! rule "python.concurrency.critical-section"))

; with counter.get_lock(): the lock of a multiprocessing.Value / Array shared between processes (also
; in a module that only declares the shared ctypes structure it is handed: round 91, dramatiq's canteen)
((with_item
   value: (call
     function: (attribute attribute: (identifier) @method) @trigger))
 (#eq? @method "get_lock")
 (#imports? "^(multiprocessing|ctypes)(\\.|$)")
 (#set! rule "python.concurrency.critical-section"))

; Round 46 (ArchiveBox, awx, paperless): inter-process file locks, `fcntl.flock(f.fileno(),
; fcntl.LOCK_EX)`, `fcntl.lockf(fd, LOCK_EX | LOCK_NB)`, `portalocker.lock(f, ...)`, and a critical
; section under a `filelock` lock (`with FileLock(settings.MEDIA_LOCK):`). Making a FileLock object
; alone is a declaration, like `threading.Lock()`; the `with` on it is the operation.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(fcntl\\.(flock|lockf)|msvcrt\\.locking|portalocker\\.(lock|unlock))$")
 (#set! rule "python.concurrency.file-lock"))

((with_item
   value: (call function: [(identifier) (attribute)] @trigger))
 (#resolves-to? @trigger "^(filelock\\.(FileLock|SoftFileLock|UnixFileLock|WindowsFileLock|AsyncFileLock|AsyncSoftFileLock)|portalocker\\.(Lock|RLock|TemporaryFileLock|BoundedSemaphore))$")
 (#set! rule "python.concurrency.file-lock"))
