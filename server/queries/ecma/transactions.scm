; Database transactions in JavaScript / TypeScript: knex / Sequelize / TypeORM / drizzle /
; Kysely `.transaction(...)`, Prisma `$transaction`, TypeORM query runners, MongoDB / mongoose
; sessions, commit / rollback on transaction objects, isolation levels, row locks, and
; BEGIN / COMMIT / ROLLBACK / SAVEPOINT / ... FOR UPDATE statements sent as strings.

;; A wrapper that opens a transaction only so a reading helper runs in one when the caller passed
;; none: `this.knex.transaction((t) => this.innerGetGroupsForUser(userId, t))`,
;; `knex.transaction(async (t) => { return await this.innerGetPermissionsDtoForNote(id, t); })`. The
;; callback is that one call, to a helper named for a read (get, find, list, count, fetch, load,
;; determine, to…Dto); the helper's own region covers its queries. A mention (first, so it takes the
;; node from transaction-call). Any other body, a write-named helper or a generic callback
;; (`mutation(transaction)`) stays an operation.
((call_expression
   function: (member_expression property: (property_identifier) @trigger)
   arguments: (arguments . (arrow_function
     body: [(call_expression function: (member_expression property: (property_identifier) @h))
            (await_expression (call_expression function: (member_expression property: (property_identifier) @h)))
            (statement_block . (return_statement [(call_expression function: (member_expression property: (property_identifier) @h))
                                                  (await_expression (call_expression function: (member_expression property: (property_identifier) @h)))]) .)]) .))
 (#eq? @trigger "transaction")
 (#match? @h "^(inner|_)?([Gg]et|[Ff]ind|[Ll]ist|[Cc]ount|[Ff]etch|[Ll]oad|[Rr]ead|[Ll]ookup|[Dd]etermine|[Tt]o[A-Z]\\w*D[Tt][Oo]$)")
 (#set! evidence "mention")
 (#set! rule "ecma.transactions.read-only"))

;; An IndexedDB transaction over a browser cache (`const db = await getEmailCacheDatabase(); …
;; db.transaction("threadDetails", "readwrite")`): the object stores of a local cache, named with an
;; access mode no server database API takes, in a function that says cache before it. A mention
;; (first, so it takes the node from transaction-call): the server holds the data. An IndexedDB
;; store of pending offline writes (formbricks' `addPendingResponse`: the only copy until it syncs,
;; judged Y) stays a region.
((call_expression
   function: (member_expression property: (property_identifier) @trigger)
   arguments: (arguments (_) . (string) @mode .))
 (#eq? @trigger "transaction")
 (#match? @mode "^[\"'](readonly|readwrite|versionchange)[\"']$")
 (#text-before? @trigger "[Cc]ache")
 (#set! evidence "mention")
 (#set! rule "ecma.transactions.indexeddb"))

;; An IndexedDB transaction opened `readonly` (`db.transaction(STORE, 'readonly').objectStore(STORE).count()`,
;; round 61: rotki's log and telemetry queues) reads only: nothing commits together (RECONCILED: read-only
;; work in a transaction is N). A mention; `readwrite` ones stay regions. The mode is the second
;; argument, with or without options after it (`transaction(stores, 'readonly', { durability: 'relaxed' })`,
;; round 72: AFFiNE's indexer).
((call_expression
   function: (member_expression property: (property_identifier) @trigger)
   arguments: (arguments . (_) . (string) @mode))
 (#eq? @trigger "transaction")
 (#match? @mode "^[\"']readonly[\"']$")
 (#set! evidence "mention")
 (#set! rule "ecma.transactions.indexeddb"))

;; Round 48 (Flowise, six services): an explicit transaction, `queryRunner.startTransaction()` …
;; `commitTransaction()` at the default isolation level, around at most one write and no loop
;; (`newUser = await this.saveUser(newUser, queryRunner)`): one statement is atomic by itself, so the
;; boundary protects nothing (judged N, as Go's and Python's single-statement transactions). A mention;
;; `#trivial-transaction?` (trivialTx.ts), whose `not-` form the pattern below carries.
((call_expression
   function: (member_expression property: (property_identifier) @trigger))
 (#any-of? @trigger "startTransaction" "commitTransaction" "rollbackTransaction")
 (#trivial-transaction? @trigger)
 (#set! evidence "mention")
 (#set! rule "ecma.transactions.transaction-call"))

; knex.transaction(async (trx) => ...), sequelize.transaction(...), dataSource.transaction(...),
; manager.transaction('SERIALIZABLE', ...), db.transaction(...), prisma.$transaction([...]),
; pg-promise db.tx(...), MikroORM em.transactional(async (em) => ...)
; A workflow engine's orchestrator.beginTransaction(...) starts a saga run, not a database transaction,
; and a SASL exchange's `sasl.startSession(mechanisms)` starts an authentication (round 102,
; node-postgres's SCRAM login), not a MongoDB session.
; A Sequelize migration's queryInterface.sequelize.transaction(...) is a mention: migrations run
; once, from one process, and wrap schema changes; data changes inside still make a SQL region.
((call_expression
   function: (member_expression object: (_) @o property: (property_identifier) @trigger))
 (#match? @trigger "^(transaction|transactionAsync|tx|txIf|withTransaction|startTransaction|commitTransaction|rollbackTransaction|abortTransaction|startSession|beginTransaction|transactional)$")
 (#not-match? @o "(^|\\.)queryInterface(\\.sequelize)?$")
 (#not-match? @o "(^|\\.)[A-Za-z_]*[Oo]rchestrator$")
 (#not-match? @o "(^|\\.)(sasl|scram|[Ss]asl\\w*|[Ss]cram\\w*|auth|[Aa]uth[A-Z]\\w*)$")
 (#not-trivial-transaction? @trigger)
 (#set! rule "ecma.transactions.transaction-call"))

; Prisma's interactive form, prisma.$transaction(async (tx) => …), and a batch of prepared
; operations passed by name (`$transaction(operations)`).
((call_expression
   function: (member_expression property: (property_identifier) @trigger)
   arguments: (arguments) @args)
 (#eq? @trigger "$transaction")
 (#not-match? @args "^\\(\\s*\\[")
 (#not-match? @args "^\\(\\s*[A-Za-z_$][\\w$.]*\\.map\\(")
 (#set! rule "ecma.transactions.transaction-call"))

; Prisma's batch form, prisma.$transaction([update(…), create(…)]): an operation when one element is
; not a read (a write, or a prepared operation passed by name). A batch of reads only
; (`[findMany(…), count(…)]`, a page and its total) is one snapshot for pagination: nothing
; to keep atomic, a mention.
((call_expression
   function: (member_expression property: (property_identifier) @trigger)
   arguments: (arguments . (array (_) @el)))
 (#eq? @trigger "$transaction")
 (#not-match? @el "^(//|/\\*)")
 (#not-match? @el "^[A-Za-z_$][\\w$.\\s]*\\.(findMany|findFirst|findUnique|findFirstOrThrow|findUniqueOrThrow|count|aggregate|groupBy)\\(")
 (#set! rule "ecma.transactions.transaction-call"))

; prisma.$transaction(items.map((x) => prisma.m.update(…))): the same, for a mapped batch.
((call_expression
   function: (member_expression property: (property_identifier) @trigger)
   arguments: (arguments . (call_expression
     function: (member_expression property: (property_identifier) @map)
     arguments: (arguments . [(arrow_function) (function_expression)] @fn))))
 (#eq? @trigger "$transaction")
 (#eq? @map "map")
 (#not-match? @fn "^(async\\s+)?(\\([^)]*\\)|[A-Za-z_$][\\w$]*)\\s*=>\\s*[A-Za-z_$][\\w$.\\s]*\\.(findMany|findFirst|findUnique|findFirstOrThrow|findUniqueOrThrow|count|aggregate|groupBy)\\([^;]*$")
 (#set! rule "ecma.transactions.transaction-call"))

((call_expression
   function: (member_expression property: (property_identifier) @trigger))
 (#eq? @trigger "$transaction")
 (#set! evidence "mention")
 (#set! rule "ecma.transactions.read-batch"))

; A transaction method picked by reference: `manager.transaction ?? manager.transactional`
; (MikroORM's EntityManager), then called through `.bind(manager)(task, options)`.
((binary_expression
   left: (member_expression property: (property_identifier) @a)
   right: (member_expression property: (property_identifier) @trigger))
 (#match? @a "^(transaction|transactional)$")
 (#match? @trigger "^(transaction|transactional)$")
 (#set! rule "ecma.transactions.transaction-call"))

((call_expression
   function: (member_expression object: (_) @o property: (property_identifier) @trigger))
 (#eq? @trigger "transaction")
 (#match? @o "(^|\\.)queryInterface(\\.sequelize)?$")
 (#set! evidence "mention")
 (#set! rule "ecma.transactions.migration-transaction"))

; trx.commit(), trx.rollback(), t.commit(), transaction.rollback(), txn.begin() (mssql)
((call_expression
   function: (member_expression
     object: [(identifier) @o (member_expression property: (property_identifier) @o)]
     property: (property_identifier) @trigger))
 (#match? @trigger "^(commit|rollback|begin|savepoint|release|rollbackTo)$")
 (#match? @o "^(t|tx|txn|trx|trans)$|[Tt]rx$|[Tt]xn?$|[Tt]ransaction$|TRANSACTION$")
 (#set! rule "ecma.transactions.commit-rollback"))

; new sql.Transaction(pool) (mssql)
((new_expression
   constructor: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#match? @trigger "Transaction$")
 (#resolves-to? @trigger "^(mssql|tedious|sequelize|@sequelize/core)\\.Transaction$")
 (#set! rule "ecma.transactions.transaction-object"))

; Isolation levels: Transaction.ISOLATION_LEVELS.SERIALIZABLE,
; Prisma.TransactionIsolationLevel.Serializable, sql.ISOLATION_LEVEL.READ_COMMITTED,
; IsolationLevel.Serializable, { isolationLevel: ... }
((member_expression
   object: (identifier) @n
   property: (property_identifier) @n) @trigger
 (#any-match? @n "^(ISOLATION_LEVELS?|TransactionIsolationLevel|IsolationLevel)$")
 (#set! rule "ecma.transactions.isolation-level"))

(pair
  key: (property_identifier) @trigger
  (#match? @trigger "^(isolationLevel|isolation_level|ISOLATION_LEVEL)$")
  (#set! rule "ecma.transactions.isolation-level"))

; `{ isolationLevel }` passed on to a transaction call (`Object.assign(options, { isolationLevel })`)
((object (shorthand_property_identifier) @trigger)
  (#match? @trigger "^(isolationLevel|isolation_level)$")
  (#set! rule "ecma.transactions.isolation-level"))

; Row locks in query builders: .forUpdate(), .forShare(), .setLock('pessimistic_write'), .skipLocked()
((call_expression
   function: (member_expression property: (property_identifier) @trigger))
 (#match? @trigger "^(forUpdate|forShare|forNoKeyUpdate|forKeyShare|setLock|skipLocked|noWait)$")
 (#set! rule "ecma.transactions.row-lock"))

; Transaction decorators: @Transactional(), @Transaction() (typeorm-transactional, NestJS)
((decorator
   [(call_expression function: (identifier) @trigger)
    (identifier) @trigger])
 (#match? @trigger "^(Transactional|Transaction|UseTransaction)$")
 (#set! rule "ecma.transactions.decorator"))

;; 'BEGIN' as one line of a PL/SQL block built as an array of lines and joined: `['BEGIN', 'EXECUTE
;; IMMEDIATE ', …, 'EXCEPTION WHEN OTHERS THEN', …, 'END;'].join(' ')` (round 104, sequelize's Oracle
;; schema queries: judged N twice). A block with its own exception handler, not a transaction; a
;; mention (first: of two patterns matching the same node, the earlier one counts).
((array (string) @trigger) @block
 (#match? @trigger "^.\\s*BEGIN\\s*.$")
 (#match? @block "['\"`]\\s*(DECLARE|EXCEPTION|EXECUTE\\s+IMMEDIATE|END\\s+IF\\s*;)")
 (#set! evidence "mention")
 (#set! rule "ecma.transactions.statement-text"))

; Statements sent as strings: client.query('BEGIN'), 'COMMIT', 'ROLLBACK TO SAVEPOINT a',
; 'SET TRANSACTION ISOLATION LEVEL ...', 'SELECT ... FOR UPDATE'. Uppercase keywords anywhere;
; lowercase only as the first argument of a query-like call ('commit' alone is usually an event).
; Not a word searched for in text (`key.includes("BEGIN")`, a PEM header test).
((string) @trigger
 (#transaction-sql? @trigger)
 (#not-argument-of? @trigger "\\.(includes|startsWith|endsWith|indexOf|lastIndexOf|split|search)$")
 (#match? @trigger "^.\\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET|START|SELECT|WITH|UPDATE|DELETE|INSERT|END)\\b")
 (#set! rule "ecma.transactions.statement-text"))

((template_string) @trigger
 (#transaction-sql? @trigger)
 (#not-argument-of? @trigger "\\.(includes|startsWith|endsWith|indexOf|lastIndexOf|split|search)$")
 (#match? @trigger "^.\\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET|START|SELECT|WITH|UPDATE|DELETE|INSERT|END)\\b")
 (#set! rule "ecma.transactions.statement-text"))

((call_expression
   function: (member_expression property: (property_identifier) @m)
   arguments: (arguments . [(string) (template_string)] @trigger))
 (#match? @m "^(query|execute|exec|raw|run|none|unsafe|\\$executeRaw|\\$executeRawUnsafe)$")
 (#transaction-sql? @trigger)
 (#set! rule "ecma.transactions.statement-text"))

; Sequelize row locks: { lock: transaction.LOCK.UPDATE }, Transaction.LOCK.SHARE
((member_expression) @trigger
 (#match? @trigger "(^|\\.)LOCK\\.(UPDATE|SHARE|KEY_SHARE|NO_KEY_UPDATE)$")
 (#set! rule "ecma.transactions.row-lock"))

;; Redis atomic units (round 53): a Lua script (redis.eval(script, …), evalsha, ioredis
;; defineCommand({ lua })), a MULTI/EXEC transaction (redis.multi() … .exec()) and an optimistic
;; WATCH. Each makes several commands one. (A plain pipeline() only batches: not a transaction.)
;; (ioredis defineCommand('name', { lua: LUA_FROM_ELSEWHERE }) in a constructor only registers a
;; script kept elsewhere: a mention, first, so it takes the node; with the Lua text in place it is the
;; atomic unit. Round 55 audit, trigger.dev.)
((call_expression
   function: (member_expression property: (property_identifier) @m) @trigger
   arguments: (arguments) @args)
 (#eq? @m "defineCommand")
 (#not-match? @args "redis\\.(p?call)\\(")
 (#imports? "^(ioredis|redis|@redis/client|@upstash/redis)$")
 (#set! evidence "mention")
 (#set! rule "ecma.transactions.redis-atomic"))

((call_expression
   function: (member_expression property: (property_identifier) @m) @trigger)
 (#any-of? @m "eval" "evalsha" "evalSha" "evalRo" "evalshaRo" "defineCommand" "multi" "watch" "EVAL" "EVALSHA" "MULTI" "WATCH")
 (#imports? "^(ioredis|redis|@redis/client|@upstash/redis)$")
 (#not-imports? "^(pg-promise|chokidar|fs|node:fs)$")
 (#set! rule "ecma.transactions.redis-atomic"))
