; Consensus, leader election and distributed locks in Go: hashicorp/raft, etcd raft, etcd client v3
; and its concurrency package, Consul sessions and locks, ZooKeeper, redsync, bsm/redislock,
; dragonboat, and hand-rolled Redis SETNX locks.

;; Declarations that only name a library's types or functions perform nothing: an alias for the
;; package's callers (`type Observation = raft.Observation`, `var NewObserver = raft.NewObserver`),
;; a library type inside a struct field's type (`logs *btree.BTreeG[*raft.Log]`) and the signatures
;; of an interface's methods (`Dial(address raft.ServerAddress) (net.Conn, error)`) or an interface it
;; embeds (`type StreamLayer interface { raft.StreamLayer; … }`). Mentions, first
;; (of two patterns matching the same node, the earlier one counts); the functions that start the
;; node, apply, elect or lock make the regions.
((type_alias type: (qualified_type package: (package_identifier) @pkg) @trigger)
 (#resolves-to? @pkg "{{consensus-library}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.type"))

((var_spec value: (expression_list . (selector_expression operand: (identifier) @pkg) @trigger .))
 (#resolves-to? @pkg "{{consensus-library}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.type"))

((field_declaration type: [
   (slice_type element: [(qualified_type package: (package_identifier) @pkg) @trigger (pointer_type (qualified_type package: (package_identifier) @pkg) @trigger)])
   (map_type value: [(qualified_type package: (package_identifier) @pkg) @trigger (pointer_type (qualified_type package: (package_identifier) @pkg) @trigger)])
   (generic_type type_arguments: (type_arguments (type_elem [(qualified_type package: (package_identifier) @pkg) @trigger (pointer_type (qualified_type package: (package_identifier) @pkg) @trigger)])))
   (pointer_type (generic_type type_arguments: (type_arguments (type_elem [(qualified_type package: (package_identifier) @pkg) @trigger (pointer_type (qualified_type package: (package_identifier) @pkg) @trigger)]))))])
 (#resolves-to? @pkg "{{consensus-library}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.type"))

((interface_type (type_elem (qualified_type package: (package_identifier) @pkg) @trigger))
 (#resolves-to? @pkg "{{consensus-library}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.type"))

((method_elem [
   (parameter_list (parameter_declaration type: [
     (qualified_type package: (package_identifier) @pkg) @trigger
     (pointer_type (qualified_type package: (package_identifier) @pkg) @trigger)]))])
 (#resolves-to? @pkg "{{consensus-library}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.type"))

;; A local declared with a library type and no value, `var metadata raft.SnapshotMeta` before decoding
;; into it (round 105, nomad's snapshot-archive reader for `operator snapshot inspect`): a type
;; named, nothing started or applied. A mention.
((var_spec type: [(qualified_type package: (package_identifier) @pkg) @trigger
                  (pointer_type (qualified_type package: (package_identifier) @pkg) @trigger)]
  !value)
 (#resolves-to? @pkg "{{consensus-library}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.type"))

;; A table of a library's constants to their names, `var logTypes = map[raft.LogType]string{
;; raft.LogCommand: "LogCommand", …}` (round 105, nomad's raft debugging tool): labels for output.
;; Mentions.
((var_spec value: (expression_list (composite_literal
   type: (map_type key: (qualified_type package: (package_identifier) @pkg) @trigger value: (type_identifier) @v))))
 (#eq? @v "string")
 (#resolves-to? @pkg "{{consensus-library}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.type"))

((keyed_element . (literal_element (selector_expression operand: (identifier) @pkg) @trigger) . (literal_element (interpreted_string_literal)) .)
 (#resolves-to? @pkg "{{consensus-library}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.api"))

;; A library type a function only returns, `func NewFSMSnapshot() raft.FSMSnapshot { return
;; &fsmSnapshot{} }`, `func NewStableStore() raft.StableStore`, `func (*fsm) Snapshot()
;; (raft.FSMSnapshot, error)`: the signature names the interface the value satisfies; what the body
;; calls (the node it starts, the lock it takes) is the operation (round 37: pomerium's no-op raft
;; snapshot and in-memory stable store constructors judged N). A mention.
([(function_declaration result: [(qualified_type package: (package_identifier) @pkg) @trigger
               (pointer_type (qualified_type package: (package_identifier) @pkg) @trigger)
               (parameter_list (parameter_declaration type: [(qualified_type package: (package_identifier) @pkg) @trigger
                                                             (pointer_type (qualified_type package: (package_identifier) @pkg) @trigger)]))])
  (method_declaration result: [(qualified_type package: (package_identifier) @pkg) @trigger
               (pointer_type (qualified_type package: (package_identifier) @pkg) @trigger)
               (parameter_list (parameter_declaration type: [(qualified_type package: (package_identifier) @pkg) @trigger
                                                             (pointer_type (qualified_type package: (package_identifier) @pkg) @trigger)]))])]
 (#resolves-to? @pkg "{{consensus-library}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.type"))

;; A snapshot of the application's own state store, `snap, err := s.State().Snapshot()` then reading
;; it (round 105, nomad's job-status metrics loop: a go-memdb snapshot in a file that imports raft).
;; The raft methods of the pattern below are called on the raft node or the FSM; a receiver named as
;; a state store reads local data. A mention, ahead of that pattern.
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#any-of? @f "Snapshot" "Restore")
 (#match? @recv "(^|\\.)([Ss]tate|[Ss]tateStore|[Ss]tore|[Ss]tate\\(\\)|[Ss]tateStore\\(\\)|memdb|db|DB)$")
 (#imports? "^(github\\.com/hashicorp/raft|go\\.etcd\\.io/(etcd/)?raft(/v\\d+)?|github\\.com/coreos/etcd/raft|github\\.com/lni/dragonboat(/v\\d+)?(/.+)?)$")
 (#set! evidence "mention")
 (#set! rule "go.consensus.raft"))

;; Making a lock client, `redislock.New(client)` in a constructor, `redsync.New(pool)`: nothing is
;; locked yet (round 32: oauth2-proxy's `NewLock`, whose comment says so, judged N); the methods that
;; obtain, refresh and release are the regions, as with `new Mutex()` elsewhere. A mention.
((call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#resolves-to? @pkg "^(github\\.com/bsm/redislock|github\\.com/go-redsync/redsync(/v\\d+)?)$")
 (#eq? @f "New")
 (#set! evidence "mention")
 (#set! rule "go.consensus.api"))

;; A library function re-exported as a package variable, `var NewPool = goredis.NewPool` (round 47,
;; tyk's redis facade): a name for it, nothing called. A mention (first: the pattern below takes the
;; same node).
((var_spec value: (expression_list (selector_expression operand: (identifier) @pkg) @trigger))
 (#resolves-to? @pkg "{{consensus-member-library}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.api"))

;; A library's error sentinel tested, `errors.Is(err, raft.ErrNotLeader)`, and a conversion to its
;; name types, `raft.ServerAddress(addr)`, `raft.ServerID(id)`: an error mapped to a reply code, a
;; peer looked up by address (round 99, ziti's peer handlers and mesh dialer: judged N). A mention
;; (first: of two patterns matching the same node, the earlier one counts).
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#match? @f "^(Err[A-Z]\\w*|ServerAddress|ServerID|ServerSuffrage)$")
 (#resolves-to? @pkg "{{consensus-member-library}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.api"))

;; A service registration is not a lock: an etcd lease granted and kept alive for a key
;; (`cli.Grant(ctx, ttl)`, `cli.KeepAlive(ctx, id)`, `clientv3.WithLease(id)`, a `clientv3.LeaseID`
;; parameter) or a ZooKeeper ephemeral node created and watched (`zk.FlagEphemeral`, `ChildrenW`,
;; `zk.Event`) keeps an instance listed while it lives; nothing is decided between contenders (round
;; 100, go-kratos's etcd and ZooKeeper registries: eleven regions judged N, as bluesky's and
;; celery's registrations were). A mention when the unit does no coordination (`{{coordination-use}}`:
;; a transaction or compare, a mutex or election, a lock recipe, a sequential node, a leader); a
;; lease or node in a unit that does keeps its region (first: the patterns below match the same nodes).
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_)))
 (#match? @f "^(Grant|Revoke|KeepAlive|KeepAliveOnce|TimeToLive)$")
 (#not-resolves-to? @recv ".")
 (#imports? "^(go\\.etcd\\.io/etcd/client/v3|go\\.etcd\\.io/etcd/clientv3|github\\.com/coreos/etcd/clientv3)$")
 (#not-text-before? @trigger "{{coordination-use}}")
 (#not-text-after? @trigger "{{coordination-use}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.etcd"))

((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^(go\\.etcd\\.io/etcd/client/v3|go\\.etcd\\.io/etcd/clientv3|github\\.com/coreos/etcd/clientv3)$")
 (#match? @f "^(LeaseValue|WithLease|WithIgnoreLease|NewLease|NewLeaseFromLeaseClient|NoLease)$")
 (#not-text-before? @trigger "{{coordination-use}}")
 (#not-text-after? @trigger "{{coordination-use}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.api"))

((qualified_type package: (package_identifier) @pkg name: (type_identifier) @t) @trigger
 (#resolves-to? @pkg "^(go\\.etcd\\.io/etcd/client/v3|go\\.etcd\\.io/etcd/clientv3|github\\.com/coreos/etcd/clientv3)$")
 (#match? @t "^(Lease|LeaseID|LeaseGrantResponse|LeaseKeepAliveResponse)$")
 (#not-text-before? @trigger "{{coordination-use}}")
 (#not-text-after? @trigger "{{coordination-use}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.type"))

((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^github\\.com/(go-zookeeper/zk|samuel/go-zookeeper/zk)$")
 (#not-text-before? @trigger "{{coordination-use}}")
 (#not-text-after? @trigger "{{coordination-use}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.api"))

((qualified_type package: (package_identifier) @pkg) @trigger
 (#resolves-to? @pkg "^github\\.com/(go-zookeeper/zk|samuel/go-zookeeper/zk)$")
 (#not-text-before? @trigger "{{coordination-use}}")
 (#not-text-after? @trigger "{{coordination-use}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.type"))

; Any member of a consensus / coordination library: raft.NewRaft, raft.DefaultConfig,
; raftboltdb.NewBoltStore, concurrency.NewSession, concurrency.NewMutex, concurrency.NewElection,
; zk.Connect, zk.NewLock, redsync.New, redislock.New, goredis.NewPool ...
((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "{{consensus-member-library}}")
 (#set! rule "go.consensus.api"))

; The etcd client v3 package itself is mostly a key-value client: clientv3.New, clientv3.Config{...},
; clientv3.WithPrefix() on a plain Get/Put/Delete are storage access, not coordination. Only its
; compare-and-swap and lease members are: clientv3.Compare(clientv3.ModRevision(k), "=", rev),
; clientv3.CreateRevision, clientv3.LeaseValue, clientv3.WithLease(id), clientv3.NewLease(cli).
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^(go\\.etcd\\.io/etcd/client/v3|go\\.etcd\\.io/etcd/clientv3|github\\.com/coreos/etcd/clientv3)$")
 (#match? @f "^(Compare|CreateRevision|ModRevision|Version|LeaseValue|OpTxn|WithLease|WithIgnoreLease|NewLease|NewLeaseFromLeaseClient|NoLease)$")
 (#set! rule "go.consensus.api"))

;; The type of a struct field, `locker *redislock.Client`, `rs *redsync.Redsync`, `r *raft.Raft`:
;; a struct declaration holding a lock client or a node performs nothing; the methods that obtain,
;; refresh or release (or apply, elect) make the regions. A mention (first: of two patterns matching
;; the same node, the earlier one counts).
((field_declaration type: [
   (qualified_type package: (package_identifier) @pkg) @trigger
   (pointer_type (qualified_type package: (package_identifier) @pkg) @trigger)])
 (#resolves-to? @pkg "{{consensus-library}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.type"))

;; ... and so is a library type inside a field's channel, slice or map type (`clusterEvents chan
;; raft.Observation`, `peers []*raft.Server`), or a channel of it made for such a field (`make(chan
;; raft.Observation, 16)` in a constructor): round 99, ziti's raft Controller struct and NewController
;; (judged N); observing, applying and electing are the operations.
((field_declaration type: [
   (channel_type (qualified_type package: (package_identifier) @pkg) @trigger)
   (channel_type (pointer_type (qualified_type package: (package_identifier) @pkg) @trigger))
   (slice_type (qualified_type package: (package_identifier) @pkg) @trigger)
   (slice_type (pointer_type (qualified_type package: (package_identifier) @pkg) @trigger))
   (map_type value: (qualified_type package: (package_identifier) @pkg) @trigger)
   (map_type value: (pointer_type (qualified_type package: (package_identifier) @pkg) @trigger))])
 (#resolves-to? @pkg "{{consensus-library}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.type"))

((call_expression
   function: (identifier) @make
   arguments: (argument_list . (channel_type [(qualified_type package: (package_identifier) @pkg) @trigger
                                              (pointer_type (qualified_type package: (package_identifier) @pkg) @trigger)])))
 (#eq? @make "make")
 (#resolves-to? @pkg "{{consensus-library}}")
 (#set! evidence "mention")
 (#set! rule "go.consensus.type"))

; Types of those libraries in code: raft.Config{...}, *raft.Log in an FSM, *concurrency.Session;
; of etcd client v3 only the transaction and lease types (a *clientv3.Client field or a
; clientv3.Config{...} literal is a storage client, not coordination)
((qualified_type package: (package_identifier) @pkg) @trigger
 (#resolves-to? @pkg "{{consensus-library}}")
 (#set! rule "go.consensus.type"))

((qualified_type package: (package_identifier) @pkg name: (type_identifier) @t) @trigger
 (#resolves-to? @pkg "^(go\\.etcd\\.io/etcd/client/v3|go\\.etcd\\.io/etcd/clientv3|github\\.com/coreos/etcd/clientv3)$")
 (#match? @t "^(Cmp|Txn|TxnResponse|Lease|LeaseID|LeaseGrantResponse|LeaseKeepAliveResponse)$")
 (#set! rule "go.consensus.type"))

; Raft node operations: r.Apply(cmd, timeout), r.LeadershipTransfer(), r.BootstrapCluster(cfg), ...
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#match? @f "^(Apply|ApplyLog|LeadershipTransfer|LeadershipTransferToServer|BootstrapCluster|AddVoter|AddNonvoter|RemoveServer|DemoteVoter|VerifyLeader|Barrier|LeaderCh|LeaderWithID|GetConfiguration|Snapshot|Restore|Propose|ProposeConfChange|Campaign|ReportUnreachable|ReportSnapshot|TransferLeadership)$")
 (#not-resolves-to? @recv ".")
 (#imports? "^(github\\.com/hashicorp/raft|go\\.etcd\\.io/(etcd/)?raft(/v\\d+)?|github\\.com/coreos/etcd/raft|github\\.com/lni/dragonboat(/v\\d+)?(/.+)?)$")
 (#set! rule "go.consensus.raft"))

; etcd: cli.Txn(ctx).If(...).Then(...), cli.Grant(ctx, ttl), cli.KeepAlive(ctx, id),
; e.Campaign(ctx, v), e.Resign(ctx), m.Lock(ctx), m.TryLock(ctx), m.Unlock(ctx)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_)))
 (#match? @f "^(Txn|Grant|Revoke|KeepAlive|KeepAliveOnce|Campaign|Resign|Proclaim|Observe|Leader|Lock|TryLock|Unlock)$")
 (#not-resolves-to? @recv ".")
 (#imports? "^(go\\.etcd\\.io/etcd/client/v3|go\\.etcd\\.io/etcd/clientv3|github\\.com/coreos/etcd/clientv3)(/concurrency)?$")
 (#set! rule "go.consensus.etcd"))

; Consul: client.LockKey(key), client.LockOpts(opts), client.Session(), lock.Lock(stopCh),
; kv.Acquire(p, nil), kv.Release(p, nil), kv.CAS(p, nil), session.Create/Renew/RenewPeriodic/Destroy
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#match? @f "^(LockKey|LockOpts|SemaphorePrefix|SemaphoreOpts|Session|Acquire|Release|CAS|DeleteCAS|RenewPeriodic|Renew|CreateNoChecks)$")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/hashicorp/consul/api$")
 (#set! rule "go.consensus.consul"))

((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) .))
 (#eq? @f "Lock")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/hashicorp/consul/api$")
 (#set! rule "go.consensus.consul"))

; Consul lock and session types: api.LockOptions{...}, api.SessionEntry{...}, api.KVPair{Session: ...}
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^github\\.com/hashicorp/consul/api$")
 (#match? @f "^(Lock\\w*|Semaphore\\w*|Session\\w*|KVLock|KVUnlock|KVCAS|DefaultLock\\w*|DefaultSemaphore\\w*)$")
 (#set! rule "go.consensus.consul"))

((qualified_type package: (package_identifier) @pkg name: (type_identifier) @t) @trigger
 (#resolves-to? @pkg "^github\\.com/hashicorp/consul/api$")
 (#match? @t "^(Lock\\w*|Semaphore\\w*|Session\\w*)$")
 (#set! rule "go.consensus.consul"))

; redsync / redislock / zk locks: rs.NewMutex(name), m.LockContext(ctx), m.Extend(),
; locker.Obtain(ctx, key, ttl, opts), lock.Refresh(ctx, ttl, opts), lock.Release(ctx)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#match? @f "^(NewMutex|LockContext|UnlockContext|TryLock|TryLockContext|Extend|ExtendContext|Obtain|Refresh|Release|TTL|Valid|ValidContext)$")
 (#not-resolves-to? @recv ".")
 (#imports? "^(github\\.com/go-redsync/redsync(/v\\d+)?|github\\.com/bsm/redislock)$")
 (#set! rule "go.consensus.distributed-lock"))

; Distributed lock calls that return a value (sync.Mutex.Lock returns nothing):
; err := mutex.Lock(), ok, err := mutex.Unlock(), if err := l.Lock(); ...
((short_var_declaration
   right: (expression_list
     (call_expression function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)))
 (#any-of? @f "Lock" "Unlock")
 (#not-resolves-to? @recv ".")
 (#imports? "^(github\\.com/go-redsync/redsync(/v\\d+)?|github\\.com/(go-zookeeper/zk|samuel/go-zookeeper/zk))$")
 (#set! rule "go.consensus.distributed-lock"))

((assignment_statement
   right: (expression_list
     (call_expression function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)))
 (#any-of? @f "Lock" "Unlock")
 (#not-resolves-to? @recv ".")
 (#imports? "^(github\\.com/go-redsync/redsync(/v\\d+)?|github\\.com/(go-zookeeper/zk|samuel/go-zookeeper/zk))$")
 (#set! rule "go.consensus.distributed-lock"))

; Hand-rolled Redis locks and leader keys: rdb.SetNX(ctx, "lock:"+name, owner, ttl)
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list (_) @key))
 (#match? @f "^(SetNX|SetNx|SetNxWithTTL)$")
 (#match? @key "([Ll]ock|LOCK|[Ll]eader|LEADER|[Mm]utex|[Ee]lection|[Ll]ease)")
 (#set! rule "go.consensus.redis-lock"))

;; ... or under a key held in a local or a field, in a function named for the lock (`func (s *RedisStore)
;; LockRoom(…)`: `key := RoomLockPrefix + name`, `s.rc.SetNX(s.ctx, key, token, ttl)`; round 61, livekit;
;; a Redlock driver's `conn.SetNX(m.name, value, m.expiry)` in a method of `Mutex`, round 80, redsync).
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list . [(identifier) (selector_expression)] @key))
 (#match? @f "^(SetNX|SetNx|SetNxWithTTL)$")
 (#unit-name-matches? @trigger "([Ll]ock|LOCK|[Ll]eader|LEADER|[Mm]utex|[Ee]lection|[Ll]ease)")
 (#set! rule "go.consensus.redis-lock"))

((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list . [(identifier) (selector_expression)] @key))
 (#match? @f "^(SetNX|SetNx|SetNxWithTTL)$")
 (#text-before? @trigger "^func\\s*\\(\\s*\\w+\\s+\\*?\\w*([Ll]ock|LOCK|[Ll]eader|[Mm]utex|[Ee]lection|[Ll]ease)\\w*\\s*\\)")
 (#set! rule "go.consensus.redis-lock"))

((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) . (identifier) @key))
 (#match? @f "^(SetNX|SetNx|SetNxWithTTL)$")
 (#unit-name-matches? @trigger "([Ll]ock|LOCK|[Ll]eader|LEADER|[Mm]utex|[Ee]lection|[Ll]ease)")
 (#set! rule "go.consensus.redis-lock"))

; A lock's Redis script run from a method of the lock type: `conn.Eval(deleteScript, m.name, value)`,
; `conn.Eval(touchScript, m.name, value, expiry)` in `func (m *Mutex) release(…)` (round 80, redsync:
; the owner-checked release and extend of a Redlock), and after the context, `rl.store.ScriptRunCtx(ctx,
; lockScript, []string{rl.key}, …)` in `func (rl *RedisLock) AcquireCtx` (round 107, go-zero's lock).
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list . (identifier) @script))
 (#match? @f "^(Eval|EvalSha|EvalRO|EvalContext|EvalShaContext)$")
 (#match? @script "[Ss]cript|SCRIPT")
 (#text-before? @trigger "^func\\s*\\(\\s*\\w+\\s+\\*?\\w*([Ll]ock|LOCK|[Ll]eader|[Mm]utex|[Ee]lection|[Ll]ease)\\w*\\s*\\)")
 (#set! rule "go.consensus.redis-lock"))

((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list . (identifier) . (identifier) @script))
 (#match? @f "^(Eval|EvalSha|EvalRO|EvalCtx|EvalShaCtx|ScriptRun|ScriptRunCtx)$")
 (#match? @script "[Ss]cript|SCRIPT")
 (#text-before? @trigger "^func\\s*\\(\\s*\\w+\\s+\\*?\\w*([Ll]ock|LOCK|[Ll]eader|[Mm]utex|[Ee]lection|[Ll]ease)\\w*\\s*\\)")
 (#set! rule "go.consensus.redis-lock"))

; PostgreSQL advisory locks used as a distributed lock / leader election between instances:
; "SELECT pg_try_advisory_lock(hashtext($1))", "SELECT pg_advisory_xact_lock($1)" (and unlocks)
([(interpreted_string_literal) (raw_string_literal)] @trigger
 (#match? @trigger "\\bpg_(try_)?advisory_(xact_)?(lock|unlock)(_shared|_all)?\\s*\\(")
 (#set! rule "go.consensus.advisory-lock"))

;; A Raft implementation of the project's own (no library to see): the protocol's steps as methods of
;; the node type, `func (n *raft) processVoteRequest(vr *voteRequest) error`, `campaign`,
;; `switchToLeader`, `processAppendEntry`, `trackResponse`, `applyCommit` (round 65, nats-server's
;; JetStream raft had no consensus region). The receiver must be the raft node (`raft`, `*Raft`,
;; `raftNode`): a marketing `campaign` or a game's `switchState` is no vote. Getters (`Leader()`,
;; `Term()`) and plumbing (`newInbox`, `debug`) are not steps.
((method_declaration
   receiver: (parameter_list (parameter_declaration type: [(type_identifier) @rt (pointer_type (type_identifier) @rt)]))
   name: (field_identifier) @trigger)
 (#match? @rt "^([Rr]aft|[Rr]aft[A-Z]\\w*|\\w+Raft)$")
 (#match? @trigger "^((process|handle|request|send)(Vote|AppendEntr(y|ies)|InstallSnapshot|Heartbeat|PreVote|PeerState)\\w*|[Rr]equestVote|wonElection|[Cc]ampaign\\w*|xferCampaign|runAs(Leader|Follower|Candidate)|(switch|become|transition)To(Leader|Follower|Candidate)\\w*|[Bb]ecome(Leader|Follower|Candidate|PreCandidate)|[Ss]tep[Dd]own\\w*|buildAppendEntry|applyCommit|tryCommit|maybeCommit|commitTo|trackResponse|lostQuorum\\w*|recalcQuorum|[Ii]nstallSnapshot|truncateWAL|resetElection\\w*|updateLeader|writeTermVote|shouldCountVoteFromPeer|selectNextLeader|[Tt]ick(Election|Heartbeat)|poll|[Pp]ropose(AddPeer|RemovePeer|ConfChange)?|proposeLocked)$")
 (#set! rule "go.consensus.own-raft"))

;; ... and a hand-rolled election on any type: an election term compared, `if c.fo.term <
;; vreq.req.Term { vote yes }`, `if health.Term < c.fo.term { stale leader }` (round 97, tinode's
;; cluster failover: a Raft-like vote with no consensus region), in a function that votes, elects or
;; follows a leader. Which term wins decides who leads; a search term's bounds are not one.
((binary_expression operator: ["<" ">" "<=" ">="]) @trigger
 (#match? @trigger "^[\\w.]*\\b([Cc]urrent|[Ll]ast|[Ll]eader)?[Tt]erm(\\(\\))?\\s*[<>]=?\\s*[\\w.]+(\\(\\))?$|^[\\w.]+(\\(\\))?\\s*[<>]=?\\s*[\\w.]*\\b([Cc]urrent|[Ll]ast|[Ll]eader)?[Tt]erm(\\(\\))?$")
 (#text-before? @trigger "[Vv]ote|[Ll]eader|[Ee]lect(ion|ed)?\\b|[Cc]andidate")
 (#set! rule "go.consensus.election-term"))

((binary_expression operator: ["<" ">" "<=" ">="]) @trigger
 (#match? @trigger "^[\\w.]*\\b([Cc]urrent|[Ll]ast|[Ll]eader)?[Tt]erm(\\(\\))?\\s*[<>]=?\\s*[\\w.]+(\\(\\))?$|^[\\w.]+(\\(\\))?\\s*[<>]=?\\s*[\\w.]*\\b([Cc]urrent|[Ll]ast|[Ll]eader)?[Tt]erm(\\(\\))?$")
 (#text-after? @trigger "[Vv]ote|[Ll]eader|[Ee]lect(ion|ed)?\\b|[Cc]andidate")
 (#set! rule "go.consensus.election-term"))

; Round 94 (litestream): a lease kept as an object in S3-compatible storage, written with a
; precondition, `input.IfNoneMatch = aws.String("*")` to create it, `input.IfMatch = aws.String(etag)`
; to take it over: the conditional put is the compare-and-swap that keeps two primaries from both
; holding it. Only in a unit named for a lease, lock or leader (an HTTP cache's ETag check is not one).
([(assignment_statement left: (expression_list . (selector_expression field: (field_identifier) @f) @trigger))
  (keyed_element key: (literal_element (identifier) @f) @trigger)]
 (#any-of? @f "IfMatch" "IfNoneMatch")
 (#unit-name-matches? @trigger "[Ll]ease|[Ll]ock|[Ll]eader|[Ee]lect|[Mm]utex")
 (#set! rule "go.consensus.conditional-write"))
