; Database transactions in Python: Django transaction management and row locks, SQLAlchemy sessions and
; connections, DB-API commit/rollback/autocommit, isolation levels, peewee/asyncpg/psycopg transaction
; blocks, and transaction-control SQL text.

;; Round 48 (pontoon): an atomic block that writes at most once, outside loops, and otherwise calls
;; only reads (`@transaction.atomic` on a view that only reads, or around one `profile.save()`): one
;; statement is atomic by itself, so the block protects nothing (judged N 15 times in rounds 5–41 and 13
;; times in round 48, like Go's single-statement transactions). A mention. A second write, a write in a
;; loop, a call of any function not known to read (the project's own helpers), a read after the write, a
;; raise, an IntegrityError savepoint or a generator keeps the region: `#trivial-transaction?`
;; (trivialTx.ts); the library pattern below carries the `not-` form, so both re-run on an edit.
([(call function: [(identifier) (attribute)] @trigger)
  (decorator [(identifier) (attribute)] @trigger)]
 (#resolves-to? @trigger "^django\\.db\\.transaction\\.atomic$")
 (#trivial-transaction? @trigger)
 (#set! evidence "mention")
 (#set! rule "python.transactions.library-call"))

; Django: transaction.atomic (decorator, `with`, or called), on_commit, set_autocommit, commit, rollback,
; savepoint, savepoint_rollback, non_atomic_requests, mark_for_rollback_on_error;
; Tortoise ORM in_transaction() / atomic(); Pony @db_session, commit(), rollback() (not a Pony session
; around reads only: selects and attribute reads, no entity made or changed; round 90, Tribler)
([(call function: [(identifier) (attribute)] @trigger)
  (decorator [(identifier) (attribute)] @trigger)]
 (#resolves-to? @trigger "^(django\\.db\\.transaction\\.\\w+|tortoise\\.transactions\\.\\w+|pony\\.orm\\.(db_session|commit|rollback|flush))$")
 (#not-trivial-transaction? @trigger)
 (#not-read-only-transaction? @trigger)
 (#set! rule "python.transactions.library-call"))

; connection.on_commit(fn), connections["default"].on_commit(fn): work deferred until the surrounding
; transaction commits (and dropped if it rolls back); also the connection's autocommit and savepoints
((call
   function: (attribute
     object: [(identifier) @conn (attribute) @conn (subscript value: (_) @conn)]
     attribute: (identifier) @method) @trigger)
 (#any-of? @method "on_commit" "set_autocommit" "savepoint" "savepoint_rollback" "savepoint_commit")
 (#resolves-to? @conn "^django\\.db\\.(connection|connections)$")
 (#set! rule "python.transactions.on-commit"))

; Model.objects.select_for_update(), query.with_for_update() (SQLAlchemy): row locks
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#any-of? @method "select_for_update" "with_for_update")
 (#set! rule "python.transactions.row-lock"))

;; A transaction opened for one statement: `with engine.begin() as conn: conn.execute(sa.text(sql))`,
;; `async with engine.begin() as conn: await conn.run_sync(Base.metadata.create_all)`,
;; `with engine.begin() as conn: meta.metadata.drop_all(conn)`. One statement is atomic on its own;
;; `begin()` is only how SQLAlchemy hands out a connection that commits. A mention (first, so it takes
;; the node from python.transactions.sqlalchemy): it joins a region with real transaction control.
((with_statement
   (with_clause . (with_item value: [(call function: (attribute attribute: (identifier) @m) @trigger)
                                      (as_pattern . (call function: (attribute attribute: (identifier) @m) @trigger))]) .)
   body: (block . (expression_statement [(call function: (attribute attribute: (identifier) @op))
                                         (await (call function: (attribute attribute: (identifier) @op)))
                                         (assignment right: [(call function: (attribute attribute: (identifier) @op))
                                                             (await (call function: (attribute attribute: (identifier) @op)))])]) .))
 (#eq? @m "begin")
 (#match? @op "^(execute|exec_driver_sql|scalar|scalars|run_sync|create_all|drop_all)$")
 (#imports? "^(sqlalchemy|sqlmodel|flask_sqlalchemy)(\\.|$)")
 (#set! evidence "mention")
 (#set! rule "python.transactions.single-statement"))

;; The zope `transaction` package's own boundaries, the transaction manager Pyramid apps run under
;; pyramid_tm: transaction.commit(), transaction.abort(), transaction.savepoint(), transaction.doom(),
;; `with transaction.manager:` (round 104, tracim's WebDAV middleware and job worker commit or abort
;; per request and per job). What they commit is every session joined to the manager.
((call function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^transaction\\.(commit|abort|begin|savepoint|doom|manager\\.(commit|abort|begin|savepoint))$")
 (#set! rule "python.transactions.zope"))

((with_item value: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^transaction\\.manager$")
 (#set! rule "python.transactions.zope"))

; SQLAlchemy: session.begin(), session.begin_nested(), session.rollback(), engine.begin(),
; conn.begin_twophase() (session.flush() is not a boundary and does not match).
; Not around reads only: a rollback in the `except` of a query read back as rows, or
; `with engine.begin()` only to read the migration heads.
((call
   function: (attribute object: (_) @o attribute: (identifier) @method) @trigger)
 (#any-of? @method "begin" "begin_nested" "begin_twophase" "rollback" "in_transaction" "in_nested_transaction" "get_transaction")
 (#imports? "^(sqlalchemy|sqlmodel|flask_sqlalchemy)(\\.|$)")
 ; Not Pyramid's `configurator.begin()` (round 104, tracim's app setup): it pushes a configuration
 ; state, no database is involved. (A Configurator is an instance in a local: its name tells.)
 (#not-match? @o "^(self\\.)?(config|configurator)$")
 (#not-read-only-transaction? @trigger)
 (#set! rule "python.transactions.sqlalchemy"))

; session.add(x); session.commit(): the ORM's unit of work, not transaction control. A bare commit
; joins a region that begins, rolls back or locks, but never makes one.
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#eq? @method "commit")
 (#imports? "^(sqlalchemy|sqlmodel|flask_sqlalchemy|sqlite3|psycopg|psycopg2|psycopg_pool|pymysql|MySQLdb|mysql\\.connector|aiosqlite|aiomysql|aiopg|cx_Oracle|oracledb|pyodbc|pymssql|duckdb)(\\.|$)")
 (#set! evidence "mention")
 (#set! rule "python.transactions.commit"))

; DB-API connections: conn.rollback(), conn.tpc_begin(...), conn.set_isolation_level(...),
; conn.set_session(isolation_level=..., autocommit=...); as above, not around reads only
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#any-of? @method "rollback" "tpc_begin" "tpc_commit" "tpc_rollback" "tpc_prepare" "set_isolation_level" "set_session" "set_autocommit" "begin")
 (#imports? "^(sqlite3|psycopg|psycopg2|psycopg_pool|pymysql|MySQLdb|mysql\\.connector|aiosqlite|aiomysql|aiopg|cx_Oracle|oracledb|pyodbc|pymssql|duckdb)(\\.|$)")
 (#not-read-only-transaction? @trigger)
 (#set! rule "python.transactions.dbapi"))

; async with conn.transaction() (asyncpg, psycopg 3, databases); peewee db.atomic(), db.transaction(),
; db.savepoint(), db.manual_commit()
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#any-of? @method "transaction" "atomic" "savepoint" "manual_commit")
 (#imports? "^(asyncpg|psycopg|psycopg_pool|databases|peewee|playhouse|tortoise|pony)(\\.|$)")
 (#set! rule "python.transactions.block"))

; A project's or library's own transaction object used as a context manager around several writes,
; `with DbTxn(message, db_handle) as trans: for item in payload: … db.commit_person(obj, trans)` (round
; 95, gramps-web-api: Gramps' database transactions), `with UnitOfWorkTransaction(session):`. One
; statement in the block is atomic on its own.
((with_statement
   (with_clause (with_item value: [(call function: [(identifier) @c (attribute attribute: (identifier) @c)]) @trigger
                                    (as_pattern . (call function: [(identifier) @c (attribute attribute: (identifier) @c)]) @trigger)]))
   body: (block) @body)
 (#match? @c "^(Db|DB)?Txn$|^[A-Z]\\w*(Txn|Transaction)$")
 (#match? @body "\\n|^\\s*(for|while)\\b")
 (#set! rule "python.transactions.block"))

; conn.autocommit = True, conn.isolation_level = None. Not an object keeping its own constructor
; argument under the same name, `self.autocommit = autocommit`: a flag it reads later (a context
; manager's "commit on exit" option), where that later use has the region.
((assignment
   left: (attribute attribute: (identifier) @field) @trigger) @assign
 (#any-of? @field "autocommit" "isolation_level")
 (#not-match? @assign "^self\\.(\\w+)\\s*=\\s*\\1$")
 (#set! rule "python.transactions.autocommit"))

; create_engine(url, isolation_level="SERIALIZABLE"), conn.execution_options(isolation_level=...),
; sqlite3.connect(path, isolation_level=None), sessionmaker(autocommit=False, autoflush=False)
((keyword_argument
   name: (identifier) @name) @trigger
 (#any-of? @name "isolation_level" "postgresql_readonly" "postgresql_deferrable")
 (#set! rule "python.transactions.isolation"))

; the same in a settings dict: DATABASES = {"default": {"OPTIONS": {"isolation_level": "read committed"}}}
((pair
   key: (string) @name) @trigger
 (#match? @name "^[\"'](isolation_level|ISOLATION_LEVEL)[\"']$")
 (#set! rule "python.transactions.isolation"))

; A read connection: `pyodbc.connect(dsn, autocommit=True)` in a function that then only opens a
; cursor or runs the caller's query on it (a query runner for a warehouse or BI tool) and commits,
; rolls back or begins nothing: no unit of work depends on the setting.
((call
   function: [(identifier) (attribute)] @fn
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @name
       value: (true)) @trigger))
 (#eq? @name "autocommit")
 (#match? @fn "(^|\\.)connect$")
 (#text-after? @trigger "\\.(cursor|execute)\\(")
 (#not-text-after? @trigger "\\.(commit|rollback|begin|savepoint)\\w*\\(|\\b(COMMIT|ROLLBACK|BEGIN|SAVEPOINT)\\b|[Tt]ransaction")
 (#not-text-before? @trigger "\\.(commit|rollback|begin|savepoint)\\w*\\(|\\b(COMMIT|ROLLBACK|BEGIN|SAVEPOINT)\\b|[Tt]ransaction")
 (#set! evidence "mention")
 (#set! rule "python.transactions.read-connection"))

; psycopg.connect(dsn, autocommit=True), conn.set_session(autocommit=True): every statement commits
; on its own. (sessionmaker(autocommit=False) restates the default; expire_on_commit is ORM caching;
; a non-database client's autocommit=config[...] is not a transaction setting.)
((call
   function: [(identifier) (attribute)] @fn
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @name
       value: (true)) @trigger))
 (#eq? @name "autocommit")
 (#match? @fn "(^|\\.)(connect|create_engine|create_async_engine|sessionmaker|async_sessionmaker|Session|AsyncSession|set_session|execution_options|create_pool|Connection|ConnectionPool|AsyncConnectionPool|SimpleConnectionPool|ThreadedConnectionPool)$")
 (#set! rule "python.transactions.isolation"))

; "SET TRANSACTION ISOLATION LEVEL ...", "ROLLBACK TO SAVEPOINT sp", "START TRANSACTION READ ONLY",
; "SELECT ... FOR UPDATE SKIP LOCKED". Prose such as "commit your changes" or "check for update" does
; not count: the keywords must be uppercase, or lowercase SQL must start with select. A bare keyword
; ("BEGIN", "commit", "ROLLBACK;") only counts as the argument of an execute-like call (below):
; elsewhere it is usually a keyword table or a status value.
(((string) @trigger)
 (#transaction-sql? @trigger)
 (#match? @trigger "BEGIN|COMMIT|ROLLBACK|SAVEPOINT|START TRANSACTION|SET TRANSACTION|ISOLATION LEVEL|FOR UPDATE|FOR NO KEY UPDATE|FOR SHARE|\\bselect\\b[\\s\\S]*\\bfor (no key )?(update|share)\\b")
 (#not-match? @trigger "^[rRbBuUfF]*(\"\"\"|'''|\"|')\\s*[A-Za-z]+\\s*;?\\s*(\"\"\"|'''|\"|')$")
 (#not-docstring? @trigger)
 (#set! rule "python.transactions.sql"))

; cur.execute("BEGIN"), conn.execute("commit"), session.execute(text("ROLLBACK")), conn.exec_driver_sql("BEGIN");
; not in a numbered one-off migration function (`async def m027_update_data(db)`, see sql.scm)
((call
   function: [(identifier) (attribute)] @fn
   arguments: (argument_list . (string) @trigger))
 (#match? @fn "(^|\\.)(execute|executescript|exec_driver_sql|text|mogrify|fetch|fetchval|fetchrow)$")
 (#match? @trigger "^[rRbBuUfF]*(\"\"\"|'''|\"|')\\s*([Bb]egin|BEGIN|[Cc]ommit|COMMIT|[Rr]ollback|ROLLBACK|[Ee]nd|END|[Aa]bort|ABORT)(\\s+([Tt]ransaction|TRANSACTION|[Ww]ork|WORK))?\\s*;?\\s*(\"\"\"|'''|\"|')$")
 (#not-unit-name-matches? @trigger "(^|\\s)m\\d{3,4}_[a-z0-9_]+$")
 (#set! rule "python.transactions.sql"))

; ... and its mode chosen at run time, `conn.execute(f"BEGIN {self.transaction_type.value}")` (round 109,
; piccolo's SQLite transactions: DEFERRED, IMMEDIATE or EXCLUSIVE from an enum)
((call
   function: [(identifier) (attribute)] @fn
   arguments: (argument_list . (string) @trigger))
 (#match? @fn "(^|\\.)(execute|executescript|exec_driver_sql|text|fetch)$")
 (#match? @trigger "^[fF][rR]?(\"|')\\s*(BEGIN|begin)\\s+\\{[^{}]+\\}\\s*(TRANSACTION|transaction)?\\s*;?\\s*(\"|')$")
 (#set! rule "python.transactions.sql"))

; SQLite's "BEGIN IMMEDIATE" / "BEGIN EXCLUSIVE TRANSACTION" / "BEGIN DEFERRED"
(((string) @trigger)
 (#match? @trigger "^[rRbBuUfF]*(\"\"\"|'''|\"|')\\s*(BEGIN|begin)\\s+(DEFERRED|IMMEDIATE|EXCLUSIVE|deferred|immediate|exclusive)(\\s+(TRANSACTION|transaction))?\\s*;?\\s*(\"\"\"|'''|\"|')$")
 (#set! rule "python.transactions.sql"))

; A savepoint on a session reached through the application's own model module, with no SQLAlchemy
; import in the file: `nested = model.repo.session.begin_nested()` before a multi-step save
; (`nested.rollback()` undoes it on a validation error). `begin_nested` / `begin_twophase` are
; SQLAlchemy's names; the receiver must be a session.
((call
   function: (attribute object: (_) @o attribute: (identifier) @m) @trigger)
 (#any-of? @m "begin_nested" "begin_twophase")
 (#match? @o "(^|\\.)([Ss]ession|db_session|dbsession|DBSession)$")
 (#set! rule "python.transactions.sqlalchemy"))

; Round 35 (synapse): the project's own wrapper named for switching a connection's isolation level
; or autocommit, called with the connection (`self.engine.attempt_to_set_isolation_level(conn,
; level)`, `engine.attempt_to_set_autocommit(conn, True)`): the module imports no driver, the
; call still changes how the statements that follow commit.
((call
   function: (attribute attribute: (identifier) @method) @trigger
   arguments: (argument_list . (_) @conn))
 (#match? @method "^\\w+_set_(isolation_level|autocommit)$")
 (#match? @conn "(^|[._])(conn|connection|db_conn|dbconn|raw_conn)$")
 (#set! rule "python.transactions.isolation"))

;; Redis atomic units (round 53): a Lua script (r.eval(script, …), evalsha, r.register_script(lua)),
;; a MULTI/EXEC block (pipe.multi(), r.transaction(fn, *keys)) and an optimistic WATCH. Each makes
;; several commands one. (A pipeline only batches unless multi() or watch() is used on it.)
;; (r.register_script(LUA) of text kept elsewhere only registers it: a mention, first.)
((call
   function: (attribute attribute: (identifier) @m) @trigger
   arguments: (argument_list) @args)
 (#eq? @m "register_script")
 (#not-match? @args "redis\\.(p?call)\\(")
 (#imports? "^(redis|redis\\.asyncio|aioredis|redis\\.client|redis\\.cluster)$")
 (#set! evidence "mention")
 (#set! rule "python.transactions.redis-atomic"))

((call
   function: (attribute attribute: (identifier) @m) @trigger)
 (#any-of? @m "eval" "evalsha" "eval_ro" "evalsha_ro" "register_script" "multi" "watch" "transaction")
 (#imports? "^(redis|redis\\.asyncio|aioredis|redis\\.client|redis\\.cluster)$")
 (#set! rule "python.transactions.redis-atomic"))

;; The same in a module that imports only redis's errors to catch a lost race, `from redis.exceptions
;; import WatchError` (round 108, arq's worker: the WATCH/MULTI claim of a job in start_jobs, the
;; pool its connection module made). WATCH and MULTI only: eval and transaction are common names.
;; And a pipeline asked for MULTI/EXEC by keyword, `self.pool.pipeline(transaction=True)` (arq's
;; run_job reading the job and bumping its try count as one).
((call
   function: (attribute attribute: (identifier) @m) @trigger)
 (#any-of? @m "multi" "watch")
 (#imports? "^(redis|aioredis)\\.(exceptions|client|asyncio\\.client)$")
 (#set! rule "python.transactions.redis-atomic"))

((call
   function: (attribute attribute: (identifier) @m) @trigger
   arguments: (argument_list (keyword_argument name: (identifier) @kw value: (true))))
 (#eq? @m "pipeline")
 (#eq? @kw "transaction")
 (#imports? "^(redis|aioredis)(\\.|$)")
 (#set! rule "python.transactions.redis-atomic"))
