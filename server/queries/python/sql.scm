; SQL in Python: DB-API cursors (sqlite3, psycopg, psycopg2, pymysql, MySQLdb, asyncpg, ...),
; SQLAlchemy text(), Django raw SQL, pandas read_sql, and SQL text in string literals.

;; Mentions first (of two patterns matching the same node, the earlier one counts):
; a column's DDL default in a model declaration, `mapped_column(server_default=sql.text("0"))`,
; `Column(JSONB, server_default=text("'{}'"))`, `Index(..., postgresql_where=text("deleted IS NULL"))`:
; schema text, never run with input.
((keyword_argument
   name: (identifier) @kw
   value: (call function: [(identifier) (attribute)] @trigger))
 (#any-of? @kw "server_default" "server_onupdate" "postgresql_where" "sqlite_where" "postgresql_using")
 (#resolves-to? @trigger "^(sqlalchemy|sqlmodel)\\.(text|literal_column|sql\\.text|sql\\.expression\\.text|sql\\.literal_column)$")
 (#set! evidence "mention")
 (#set! rule "python.sql.ddl-default"))

; A constant housekeeping statement with no input: `db.execute(text("SELECT 1"))` (a health check),
; `execute("SELECT version()")` (which server is this: MariaDB or MySQL, a Postgres version),
; `execute("SET statement_timeout = '600s'")`, `SHOW server_version`.
((call
   function: (attribute attribute: (identifier) @method) @trigger
   arguments: (argument_list . [(string) @s (call arguments: (argument_list . (string) @s .))] .))
 (#any-of? @method "execute" "exec_driver_sql")
 (#match? @s "^[rRbBuU]?(\"|')\\s*(SELECT\\s+(1|(version|VERSION|sqlite_version|current_database|CURRENT_DATABASE)\\(\\)|@@(version|VERSION))(\\s+FROM\\s+[A-Za-z_][A-Za-z0-9_.]*)?|SET\\s+(LOCAL\\s+|SESSION\\s+)?[A-Za-z_.]+\\s*(=|TO|to)\\s*[^;{}%?:]*|SHOW\\s+[A-Za-z_.]+)\\s*;?\\s*(\"|')$")
 (#set! evidence "mention")
 (#set! rule "python.sql.constant-statement"))

((call
   function: [(identifier) (attribute)] @trigger
   arguments: (argument_list . (string) @s .))
 (#match? @s "^[rRbBuU]?(\"|')\\s*(SELECT\\s+(1|(version|VERSION|sqlite_version|current_database|CURRENT_DATABASE)\\(\\)|@@(version|VERSION))(\\s+FROM\\s+[A-Za-z_][A-Za-z0-9_.]*)?|SET\\s+(LOCAL\\s+|SESSION\\s+)?[A-Za-z_.]+\\s*(=|TO|to)\\s*[^;{}%?:]*|SHOW\\s+[A-Za-z_.]+)\\s*;?\\s*(\"|')$")
 (#resolves-to? @trigger "^(sqlalchemy|sqlmodel)\\.(text|sql\\.text|sql\\.expression\\.text)$")
 (#set! evidence "mention")
 (#set! rule "python.sql.constant-statement"))

(((string) @trigger)
 (#match? @trigger "^[rRbBuU]?(\"|')\\s*(SELECT\\s+(1|(version|VERSION|sqlite_version|current_database|CURRENT_DATABASE)\\(\\)|@@(version|VERSION))(\\s+FROM\\s+[A-Za-z_][A-Za-z0-9_.]*)?|SET\\s+(LOCAL\\s+|SESSION\\s+)?[A-Za-z_.]+\\s*(=|TO|to)\\s*[^;{}%?:]*|SHOW\\s+[A-Za-z_.]+)\\s*;?\\s*(\"|')$")
 (#set! evidence "mention")
 (#set! rule "python.sql.constant-statement"))

; A constant schema-browser query: a read-only SELECT of the database's own catalog
; (information_schema, pg_catalog, all_tab_cols, syscat, SYSTEM.CATALOG, sqlite_master, ...), or any
; constant SELECT in a schema-introspection method (`_get_tables`, `get_schema`, `get_columns`), with
; nothing spliced in: no f-string, `%s`, `{}`, `?` or `:name`. Lists tables and columns for a UI; it
; takes no input and writes nothing. A catalog query that decides access (`HAS_TABLE_PRIVILEGE`) and
; one with a placeholder stay operations.
(((string) @trigger)
 (#match? @trigger "\\b(information_schema|INFORMATION_SCHEMA|pg_catalog|pg_class|pg_namespace|pg_attribute|pg_tables|pg_views|svv_\\w+|SVV_\\w+|all_tab_col\\w*|ALL_TAB_COL\\w*|all_tables|ALL_TABLES|user_tab_col\\w*|USER_TAB_COL\\w*|syscat\\.\\w+|SYSCAT\\.\\w+|SYSTEM\\.CATALOG|v_catalog\\.\\w+|sqlite_master|sqlite_schema|system\\.(columns|tables)|EXA_ALL_\\w+|exa_all_\\w+|sys\\.(tables|columns|objects|schemas))\\b")
 (#not-match? @trigger "^[rRbBuU]*[fF]|%[sd(]|\\{|\\?|[^:]:[A-Za-z_]|[Pp][Rr][Ii][Vv][Ii][Ll][Ee][Gg][Ee]|\\b([Ii][Nn][Ss][Ee][Rr][Tt]|[Uu][Pp][Dd][Aa][Tt][Ee]|[Dd][Ee][Ll][Ee][Tt][Ee]|[Gg][Rr][Aa][Nn][Tt]|[Dd][Rr][Oo][Pp]|[Cc][Rr][Ee][Aa][Tt][Ee]|[Aa][Ll][Tt][Ee][Rr])\\b")
 (#match? @trigger "^[rRbBuU]*(\"\"\"|'''|\"|')\\s*([Ss][Ee][Ll][Ee][Cc][Tt]|[Ww][Ii][Tt][Hh])\\s")
 (#set! evidence "mention")
 (#set! rule "python.sql.catalog-query"))

(((string) @trigger)
 (#match? @trigger "^[rRbBuU]*(\"\"\"|'''|\"|')\\s*([Ss][Ee][Ll][Ee][Cc][Tt]|[Ww][Ii][Tt][Hh])\\s")
 (#not-match? @trigger "^[rRbBuU]*[fF]|%[sd(]|\\{|\\?|[^:]:[A-Za-z_]|[Pp][Rr][Ii][Vv][Ii][Ll][Ee][Gg][Ee]|\\b([Ii][Nn][Ss][Ee][Rr][Tt]|[Uu][Pp][Dd][Aa][Tt][Ee]|[Dd][Ee][Ll][Ee][Tt][Ee]|[Gg][Rr][Aa][Nn][Tt]|[Dd][Rr][Oo][Pp]|[Cc][Rr][Ee][Aa][Tt][Ee]|[Aa][Ll][Tt][Ee][Rr])\\b")
 (#unit-name-matches? @trigger "^_*(get|list|fetch|load|read)_(schema|schemas|tables|table_names|columns|column_names|databases|catalog)(\\s|$)")
 (#set! evidence "mention")
 (#set! rule "python.sql.catalog-query"))

;; A constant SQLAlchemy fragment that is no statement and takes no input: a fixed sort key,
;; `order_by(text('tracking_date desc'))`, `text('total DESC')`, or a constant truth value,
;; `filter(text('0=1'))` (an empty result), `text("TRUE")`, `literal_column("*")`. A mention, first so it
;; takes the node from python.sql.library-call: it joins a region with real SQL, never makes one.
((call
   function: [(identifier) (attribute)] @trigger
   arguments: (argument_list . (string) @s .))
 (#match? @s "^[rRuU]?(\"|')\\s*(\\*|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[Nn][Uu][Ll][Ll]|\\d+\\s*(=|<>|!=)\\s*\\d+|[A-Za-z_][A-Za-z0-9_.]*(\\s+([Aa][Ss][Cc]|[Dd][Ee][Ss][Cc]))?(\\s+[Nn][Uu][Ll][Ll][Ss]\\s+([Ff][Ii][Rr][Ss][Tt]|[Ll][Aa][Ss][Tt]))?)\\s*(\"|')$")
 (#resolves-to? @trigger "^(sqlalchemy|sqlmodel)\\.(text|literal_column|sql\\.text|sql\\.expression\\.text|sql\\.literal_column|sql\\.expression\\.literal_column)$")
 (#set! evidence "mention")
 (#set! rule "python.sql.constant-fragment"))

;; Operations. None in a numbered one-off migration function, `async def m014_add_column(db)`:
;; applied once and frozen, like a migrations/ directory.

; cur.execute(sql, params), cur.executemany(...), conn.executescript(...), cur.mogrify(...),
; also on the DB-API drivers of warehouses and engines (vertica_python, snowflake.connector, pyhive,
; trino, pinotdb, tdclient, clickhouse, ibm_db, phoenixdb, ...), imported at the top or inside a
; `try:` or the function that connects,
; asyncpg conn.fetch(sql) / fetchrow / fetchval, session.execute(text(...)), conn.exec_driver_sql(...).
; (mautrix's async_db wraps asyncpg and aiosqlite: its connections run SQL text the same way, round 91 maubot.)
; Not an action or command object's execute(skip_checks=True): a first argument passed by a keyword
; other than query/sql/statement/operation is an option, not a statement (Wagtail's page actions).
; Not session.execute(select(User).filter(User.username == username)): a fixed ORM statement whose
; values are bound parameters, in a function that takes none of the query's shape (a column name, a
; filter key, an ordering, a search or filter string, **kwargs) from its input. Nor a constant PRAGMA
; read, `cur.execute("PRAGMA user_version")`, or a constant control statement, `LISTEN channel`,
; `SELECT pg_notify('channel', %s)`: like `SELECT 1`, nothing to review.
((call
   function: (attribute object: (_) @recv attribute: (identifier) @method) @trigger
   arguments: (argument_list . (_) @first))
 (#any-of? @method "execute" "executemany" "executescript" "mogrify" "exec_driver_sql" "copy_expert" "copy_from" "copy_to" "callproc" "copy_records_to_table")
 (#not-match? @first "^(?!(query|sql|statement|stmt|operation|operations|sql_script)\\s*=)[A-Za-z_]\\w*\\s*=[^=]")
 (#not-match? @first "{{constant-pragma-read}}")
 (#not-match? @first "{{constant-control-statement}}")
 (#not-match? @recv "(^|\\.)(document|query|schema|pipe|pipeline|command|cmd|super\\(\\)|self|graphql|executor|mutation)$|[Pp]ipe(line)?$|[Dd]ocument$")
 (#not-match? @recv "^(sa\\.|schema\\.)?(Create|Drop)(Schema|Table|Index|Sequence)\\(")
 (#not-match? @recv "([Ss]trateg(y|ies)|[Ff]actory|[Hh]andler|[Rr]unner|[Ww]orkflow)$")
 (#imports? "^(sqlite3|psycopg|psycopg2|psycopg_pool|pymysql|MySQLdb|mysql\\.connector|asyncpg|aiosqlite|aiomysql|aiopg|cx_Oracle|oracledb|pyodbc|pymssql|duckdb|databases|sqlalchemy|sqlmodel|flask_sqlalchemy|django\\.db(?!\\.models(\\.|$))|{{dbapi-vendor-drivers}}|mautrix\\.util\\.async_db)(\\.|$)")
 (#not-fixed-orm-query? @trigger)
 (#not-unit-name-matches? @trigger "(^|\\s)m\\d{3,4}_[a-z0-9_]+$")
 (#set! rule "python.sql.execute"))

; psycopg 3's COPY through a cursor, `with cursor.copy(query) as copy:` (round 46, awx's analytics
; export; psycopg 2 spelled it copy_expert). Only on a cursor: `dict.copy()` takes no argument.
((call
   function: (attribute object: (identifier) @recv attribute: (identifier) @method) @trigger
   arguments: (argument_list . (_)))
 (#eq? @method "copy")
 (#match? @recv "^(cursor|cur|curs)$")
 (#imports? "^(psycopg|psycopg2|django\\.db)(\\.|$)")
 (#set! rule "python.sql.execute"))

;; ... and in a module that imports only django.db.models (Q, Model, Exists) and no driver: the
;; first argument must look like SQL (a string, or a name saying sql/query/statement): a ClickHouse
;; client's `client.executemany(_INSERT_IDENTITIES_SQL, rows)` is, an automation object's
;; `instance.execute(trigger)` is not.
((call
   function: (attribute object: (_) @recv attribute: (identifier) @method) @trigger
   arguments: (argument_list . [(identifier) (attribute) (string) (concatenated_string) (binary_operator) (call)] @q))
 (#any-of? @method "execute" "executemany" "executescript" "mogrify" "exec_driver_sql" "callproc")
 (#not-match? @recv "(^|\\.)(document|query|schema|pipe|pipeline|command|cmd|super\\(\\)|self|graphql|executor|mutation)$|[Pp]ipe(line)?$|[Dd]ocument$")
 (#not-match? @recv "([Ss]trateg(y|ies)|[Ff]actory|[Hh]andler|[Rr]unner|[Ww]orkflow)$")
 (#imports? "^django\\.db\\.models(\\.|$)")
 (#match? @q "[Ss][Qq][Ll]|SQL|[Qq]uery|QUERY|[Ss]tmt|STMT|[Ss]tatement|STATEMENT|^[rRbBuUfF]*[\"']")
 (#not-match? @q "{{constant-pragma-read}}")
 (#not-match? @q "{{constant-control-statement}}")
 (#not-fixed-orm-query? @trigger)
 (#not-unit-name-matches? @trigger "(^|\\s)m\\d{3,4}_[a-z0-9_]+$")
 (#set! rule "python.sql.execute"))

; asyncpg / databases: await conn.fetch(sql, *args), fetchrow, fetchval. Only with those drivers and
; a query argument: a job queue's queue.fetch() or an HTTP client's fetch(url) is not SQL.
((call
   function: (attribute attribute: (identifier) @method) @trigger
   arguments: (argument_list . (_)))
 (#any-of? @method "fetch" "fetchrow" "fetchval" "fetchmany")
 (#imports? "^(asyncpg|databases|asyncpg_lite|buildpg|triopg|mautrix\\.util\\.async_db)(\\.|$)")
 (#not-unit-name-matches? @trigger "(^|\\s)m\\d{3,4}_[a-z0-9_]+$")
 (#set! rule "python.sql.execute"))

; SQLAlchemy: text("SELECT ..."), literal_column("..."), sqlalchemy.sql.text(...)
; pandas.read_sql("SELECT ...", conn), read_sql_query(...)
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(?:(sqlalchemy|sqlmodel)\\.(text|literal_column|sql\\.text|sql\\.expression\\.text|sql\\.literal_column|sql\\.expression\\.literal_column)$|django\\.db\\.models\\.(RawSQL|expressions\\.RawSQL|sql\\.\\w+)$|pandas\\.(read_sql|read_sql_query|read_sql_table)$)")
 (#not-unit-name-matches? @trigger "(^|\\s)m\\d{3,4}_[a-z0-9_]+$")
 (#set! rule "python.sql.library-call"))

; Django: User.objects.raw("SELECT ..."), qs.extra(where=[...]), RawSQL("...", params)
((call
   function: (attribute
     object: (attribute attribute: (identifier) @manager)
     attribute: (identifier) @method) @trigger)
 (#eq? @manager "objects")
 (#eq? @method "raw")
 (#not-unit-name-matches? @trigger "(^|\\s)m\\d{3,4}_[a-z0-9_]+$")
 (#set! rule "python.sql.django-raw"))

; Not an Elasticsearch DSL search's `search.extra(size=0)`: a first keyword Django's extra() does
; not take (select, where, tables, order_by, params, select_params) is a search-body option; nor any
; extra() in a file that builds Elasticsearch searches (`s = s.extra(**extra_options)`, round 96,
; courtlistener's percolator and highlighting helpers).
((call
   function: (attribute attribute: (identifier) @method) @trigger
   arguments: (argument_list) @args)
 (#eq? @method "extra")
 (#imports? "^django(\\.|$)")
 (#not-imports? "^(elasticsearch_dsl|elasticsearch|django_elasticsearch_dsl|opensearchpy|opensearch_dsl)(\\.|$)")
 (#not-match? @args "^\\(\\s*(?!(select|where|tables|order_by|params|select_params)\\s*=)[A-Za-z_]\\w*\\s*=[^=]")
 (#not-unit-name-matches? @trigger "(^|\\s)m\\d{3,4}_[a-z0-9_]+$")
 (#set! rule "python.sql.django-raw"))

;; A helper that only hands out a cursor, `def _cursor(): return connections[db].cursor()`, or a cursor
;; kept for later, `self.cursor = connection.cursor()` in a constructor (round 65, pulpcore's worker):
;; the callers, or the methods using it, build and run the SQL. A mention (first, so it takes the node
;; from python.sql.django-cursor).
([(return_statement (call function: (attribute
     object: [(identifier) @conn (attribute) @conn (subscript value: (_) @conn)]
     attribute: (identifier) @method) @trigger))
  (assignment left: (attribute) right: (call function: (attribute
     object: [(identifier) @conn (attribute) @conn (subscript value: (_) @conn)]
     attribute: (identifier) @method) @trigger))]
 (#eq? @method "cursor")
 (#resolves-to? @conn "^django\\.db\\.(connection|connections)$")
 (#set! evidence "mention")
 (#set! rule "python.sql.cursor-getter"))

; django.db.connection.cursor(), connections["replica"].cursor(): a mention. The statements the
; cursor runs (cursor.execute(sql), a helper given the cursor) are the operations; a cursor opened
; for a constant control statement (`LISTEN channel`, an advisory lock) alone makes no sql region
; (round 65, pulpcore's workers).
((call
   function: (attribute
     object: [(identifier) @conn (attribute) @conn (subscript value: (_) @conn)]
     attribute: (identifier) @method) @trigger)
 (#eq? @method "cursor")
 (#resolves-to? @conn "^django\\.db\\.(connection|connections)$")
 (#not-unit-name-matches? @trigger "(^|\\s)m\\d{3,4}_[a-z0-9_]+$")
 (#set! evidence "mention")
 (#set! rule "python.sql.django-cursor"))

; SQL text in a string literal: "SELECT ...", f"SELECT ... {x}", """UPDATE ...""", "...".format()
; Docstrings never count, nor do one-word strings ('COMMIT', 'rollback' in keyword tables).
(((string) @trigger)
 (#sql? @trigger)
 (#not-docstring? @trigger)
 (#not-match? @trigger "^[rRbBuUfF]*(\"\"\"|'''|\"|')\\s*[A-Za-z]+\\s*;?\\s*(\"\"\"|'''|\"|')$")
 (#not-unit-name-matches? @trigger "(^|\\s)m\\d{3,4}_[a-z0-9_]+$")
 (#set! rule "python.sql.string"))

; "SELECT name FROM " + table + " WHERE ..." (the leading piece alone may be too short to judge)
(((binary_operator
    left: (string)
    operator: "+") @trigger)
 (#sql? @trigger)
 (#not-unit-name-matches? @trigger "(^|\\s)m\\d{3,4}_[a-z0-9_]+$")
 (#set! rule "python.sql.string"))

; Uppercase statements whose table is a placeholder, which the generic check cannot see:
; "SELECT name FROM %s" % table, f"DELETE FROM {table} WHERE id = {i}", "UPDATE {} SET x = 1".format(t)
(((string) @trigger)
 (#match? @trigger "^[rRbBuUfF]*(\"\"\"|'''|\"|')\\s*(SELECT\\s[\\s\\S]*\\sFROM\\s|INSERT\\s+INTO\\s|UPDATE\\s+\\S+\\s+SET\\s|DELETE\\s+FROM\\s)")
 (#not-docstring? @trigger)
 (#not-unit-name-matches? @trigger "(^|\\s)m\\d{3,4}_[a-z0-9_]+$")
 (#set! rule "python.sql.string"))

; A PRAGMA with a placeholder for its table: 'PRAGMA table_info("%s")' % name, f"PRAGMA index_list({t})"
(((string) @trigger)
 (#match? @trigger "^[rRbBuUfF]*(\"\"\"|'''|\"|')\\s*(PRAGMA|pragma)\\s+\\w+[\\s\\S]*(%s|%\\(\\w+\\)s|\\{[^}]*\\})")
 (#not-docstring? @trigger)
 (#set! rule "python.sql.string"))

; Implicitly concatenated pieces: ("SELECT id, name "
;                                  "FROM users WHERE id = %s")
((concatenated_string
   .
   (string) @first) @trigger
 (#match? @first "^[rRbBuUfF]*(\"\"\"|'''|\"|')\\s*(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE|UPSERT|REPLACE)\\s")
 (#match? @trigger "\\b(FROM|INTO|SET|WHERE|VALUES|USING)\\b")
 (#not-unit-name-matches? @trigger "(^|\\s)m\\d{3,4}_[a-z0-9_]+$")
 (#set! rule "python.sql.string"))

; A custom Django manager or queryset running its own raw query: `return self.raw(sql, params={...})`
; in a `class VersionManager(models.Manager)`, `super().raw(query)`: Manager.raw is the same raw SQL
; as Model.objects.raw.
((call
   function: (attribute object: [(identifier) (call)] @o attribute: (identifier) @method) @trigger
   arguments: (argument_list . (_)))
 (#eq? @method "raw")
 (#match? @o "^(self|super\\(\\))$")
 (#imports? "^django\\.db(\\.|$)")
 (#not-unit-name-matches? @trigger "(^|\\s)m\\d{3,4}_[a-z0-9_]+$")
 (#set! rule "python.sql.django-raw"))

; Round 29 (indico): a SQL statement literal handed to any execute(), whatever the module imports
; (`db.engine.execute("SELECT current_setting('server_version_num')::int / 10000")` through a
; Flask-SQLAlchemy object from the project's own module): an uppercase statement keyword opens it.
((call
   function: (attribute attribute: (identifier) @method) @trigger
   arguments: (argument_list . (string) @s))
 (#any-of? @method "execute" "executemany" "executescript" "exec_driver_sql")
 (#match? @s "^[rRbBuUfF]*(\"\"\"|'''|\"|')\\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|DROP|ALTER|TRUNCATE|GRANT|REVOKE|SHOW|VACUUM|ANALYZE|COPY|LOCK|REFRESH)\\s")
 (#not-match? @s "{{constant-control-statement}}")
 (#not-unit-name-matches? @trigger "(^|\\s)m\\d{3,4}_[a-z0-9_]+$")
 (#set! rule "python.sql.execute"))
