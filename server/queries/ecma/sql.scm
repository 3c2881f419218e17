; SQL in JavaScript / TypeScript: driver query calls (pg, mysql2, mssql, sqlite, better-sqlite3,
; oracledb, ...), knex raw fragments, Prisma raw queries, Sequelize / TypeORM raw queries,
; `sql` tagged templates (postgres, @vercel/postgres, slonik, drizzle, Prisma.sql), and SQL
; statements in string and template literals.

; Query methods in a file that uses a database driver or ORM (not a connectivity probe,
; `SELECT 1` / `SELECT 1 + 1` with nothing else, or a constant PRAGMA read, `PRAGMA user_version`:
; no input, nothing to review):
; pool.query(...), client.query(...), conn.execute(...), db.prepare(...), db.exec(...),
; (a file quoting with pg-format, `ident(schema)`, `literal(name)`, builds the statements it sends:
; `this.query(sql)` there is the query, round 91 postgres-meta)
; sequelize.query(...), dataSource.query(...), manager.query(...), queryRunner.query(...)
; Not a query builder's terminal `.execute()` with no arguments (Kysely / TypeORM
; `db.schema.createSchema(s).ifNotExists().execute()`, `qb.where('id', '>', c).execute()`): no SQL
; text goes in at that call; raw fragments in the chain mark through their own rules. Nor Kysely's
; sql`…`.execute(db): the tagged template is the SQL and marks by its own rule.
((call_expression
   function: (member_expression object: (_) @recv property: (property_identifier) @m @trigger)
   arguments: (_) @args)
 (#match? @m "^(query|execute|unsafe)$")
 (#not-match? @recv "^(sql|SQL)`")
 (#not-match? @args "^\\(\\s*['\"`]\\s*(SELECT|select)\\s+(1(\\s*[+=]\\s*1)?|(([Vv]ersion|VERSION|sqlite_version)\\(\\)|@@([Vv]ersion|VERSION))(\\s+(as|AS)\\s+\\w+)?)\\s*;?\\s*['\"`]\\s*\\)$")
 (#not-match? @args "^\\(\\s*\\)$")
 (#not-match? @args "{{constant-pragma-read}}")
 (#not-match? @args "^\\(\\s*{{transaction-control-literal}}\\s*\\)$")
 (#imports? "^(pg|pg-pool|pg-format|pg-promise|postgres|@neondatabase/serverless|@vercel/postgres|mysql|mysql2|mysql2/promise|mariadb|mssql|tedious|oracledb|sqlite|sqlite3|better-sqlite3|@libsql/client|@planetscale/database|duckdb|sequelize|@sequelize/core|typeorm|slonik|@databases/[\\w-]+|knex)$")
 (#not-unit-name-matches? @trigger "{{timestamped-migration-step}}")
 (#set! rule "ecma.sql.driver-query"))

; db.prepare(...), db.exec(...) (better-sqlite3, sqlite, libsql), on a database-looking object
((call_expression
   function: (member_expression
     object: [(identifier) @o (member_expression property: (property_identifier) @o)]
     property: (property_identifier) @m @trigger)
   arguments: (_) @args)
 (#match? @m "^(prepare|exec|all|run|get|each)$")
 (#not-match? @args "^\\(\\s*{{transaction-control-literal}}\\s*\\)$")
 (#match? @o "([Dd]b|DB|[Dd]atabase|[Cc]onn(ection)?|[Cc]lient|[Ss]qlite|SQLITE)$")
 (#imports? "^(sqlite|sqlite3|better-sqlite3|@libsql/client|duckdb|bun:sqlite|node:sqlite)$")
 (#set! rule "ecma.sql.driver-query"))

; pg-promise: db.none(...), db.one(...), db.manyOrNone(...), t.any(...)
((call_expression
   function: (member_expression property: (property_identifier) @m @trigger))
 (#match? @m "^(none|one|oneOrNone|many|manyOrNone|any|result|multi|multiResult|func|proc)$")
 (#imports? "^pg-promise$")
 (#set! rule "ecma.sql.driver-query"))

; knex raw fragments: knex.raw(...), db.whereRaw(...), .orderByRaw(...), .joinRaw(...), ...
((call_expression
   function: (member_expression property: (property_identifier) @m @trigger)
   arguments: (arguments))
 (#match? @m "^(whereRaw|orWhereRaw|andWhereRaw|havingRaw|orHavingRaw|orderByRaw|groupByRaw|joinRaw|selectRaw|onRaw|whereNotRaw)$")
 (#set! rule "ecma.sql.knex-raw"))

; ... and .fromRaw('(select …) as t') with the SQL text in place: `Snapshot.fromRaw(raw)`, `X.fromRaw(
; this.toRaw())` are a data model's deserialisers (round 92, overleaf's editor core: 12 N).
((call_expression
   function: (member_expression property: (property_identifier) @m @trigger)
   arguments: (arguments . [(string) (template_string)]))
 (#eq? @m "fromRaw")
 (#set! rule "ecma.sql.knex-raw"))

; knex.raw(...), db.raw(...), trx.raw(...), Prisma.raw(...), sql.raw(...) (drizzle), on a
; database-looking object (xmlbuilder's writer.raw(...) and String.raw`...` are not SQL).
((call_expression
   function: (member_expression
     object: [(identifier) @o (member_expression property: (property_identifier) @o)]
     property: (property_identifier) @m @trigger)
   arguments: (arguments) @args)
 (#eq? @m "raw")
 (#not-match? @args "^\\(\\s*['\"`]\\s*(SELECT|select)\\s+(1(\\s*[+=]\\s*1)?|(([Vv]ersion|VERSION|sqlite_version)\\(\\)|@@([Vv]ersion|VERSION))(\\s+(as|AS)\\s+\\w+)?)\\s*;?\\s*['\"`]\\s*\\)$")
 (#match? @o "^(knex|db|trx|tx|sql|Prisma|prisma|sequelize|Sequelize|database|conn|connection|pool|client|qb|pg|mysql|drizzle|kysely|orm|em|manager)$|([Kk]nex|D[Bb]|[Dd]atabase|[Tt]rx|[Cc]onnection|[Pp]ool|[Qq]uery[Bb]uilder|[Rr]epository)$")
 (#set! rule "ecma.sql.raw"))

; Prisma: prisma.$queryRaw`...`, prisma.$executeRawUnsafe(sql, ...)
; Not a fixed read with nothing spliced in (prisma.$queryRaw`SELECT 1`, a health check, or
; `SELECT COUNT(*) FROM "DataMigration"`): no input reaches it and it changes nothing, a mention.
((call_expression
   function: (member_expression property: (property_identifier) @m @trigger)
   arguments: (_) @args)
 (#match? @m "^\\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe|queryRawTyped)$")
 (#not-match? @args "^\\(?\\s*`\\s*(SELECT|select)\\b[^$`;]*`\\s*\\)?$")
 (#set! rule "ecma.sql.prisma-raw"))

((call_expression
   function: (member_expression property: (property_identifier) @m @trigger))
 (#match? @m "^\\$(queryRaw|queryRawUnsafe)$")
 (#set! evidence "mention")
 (#set! rule "ecma.sql.prisma-raw"))

; sequelize.literal('...'), literal(...) imported from sequelize
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#match? @trigger "(literal|query)$")
 (#resolves-to? @trigger "^(sequelize|@sequelize/core)\\.(Sequelize\\.)?(literal|query)$")
 (#set! rule "ecma.sql.sequelize-literal"))

; sequelize.literal(...) on a project's Sequelize instance, imported from the project's own module
; (import { sequelize } from "@server/storage/database"): the same raw SQL fragment.
((call_expression
   function: (member_expression object: (identifier) @o property: (property_identifier) @m) @trigger
   arguments: (arguments))
 (#eq? @m "literal")
 (#match? @o "^[Ss]equelize$")
 (#set! rule "ecma.sql.sequelize-literal"))

;; A column reference, not a condition: `.andWhere(\`${TableNote}.${FieldNameNote.ownerId}\`, userId)`,
;; `.orderBy(\`${TableRevision}.${FieldNameRevision.createdAt}\`, 'desc')`: the template is only a dotted
;; identifier path (no space, operator or quote) whose pieces are PascalCase constants or enum members,
;; or text the code chose (#code-built-sql?); the value is bound by the second argument. Mentions, first
;; so they take the node from ecma.sql.interpolated-builder; a column taken from input stays an operation.
((call_expression
   function: (member_expression property: (property_identifier) @m @trigger)
   arguments: (arguments . (template_string (template_substitution)) @tpl))
 (#match? @m "^(where|andWhere|orWhere|having|andHaving|orHaving|orderBy|addOrderBy|groupBy|select|addSelect|innerJoin|leftJoin|setParameter)$")
 (#match? @tpl "^`(\\$\\{\\s*[A-Z][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*\\s*\\}|[A-Za-z0-9_.])+`$")
 (#imports? "^(typeorm|@mikro-orm/[\\w-]+|objection|knex|sequelize|kysely|drizzle-orm)$")
 (#set! evidence "mention")
 (#set! rule "ecma.sql.column-reference"))

((call_expression
   function: (member_expression property: (property_identifier) @m @trigger)
   arguments: (arguments . (template_string (template_substitution)) @tpl))
 (#match? @m "^(where|andWhere|orWhere|having|andHaving|orHaving|orderBy|addOrderBy|groupBy|select|addSelect|innerJoin|leftJoin|setParameter)$")
 (#match? @tpl "^`(\\$\\{[^}]*\\}|[A-Za-z0-9_.])+`$")
 (#code-built-sql? @tpl)
 (#imports? "^(typeorm|@mikro-orm/[\\w-]+|objection|knex|sequelize|kysely|drizzle-orm)$")
 (#set! evidence "mention")
 (#set! rule "ecma.sql.column-reference"))

; TypeORM query builder with an interpolated condition:
; .where(`user.name = '${name}'`), .andWhere(`...${x}...`), .orderBy(`${column}`)
((call_expression
   function: (member_expression property: (property_identifier) @m @trigger)
   arguments: (arguments . (template_string (template_substitution))))
 (#match? @m "^(where|andWhere|orWhere|having|andHaving|orHaving|orderBy|addOrderBy|groupBy|select|addSelect|innerJoin|leftJoin|setParameter)$")
 (#imports? "^(typeorm|@mikro-orm/[\\w-]+|objection|knex|sequelize|kysely|drizzle-orm)$")
 (#set! rule "ecma.sql.interpolated-builder"))

; `sql` tagged templates: sql`SELECT ...` (postgres, @vercel/postgres, slonik, drizzle),
; Prisma.sql`...`, SQL`...` (sql-template-strings), sql.unsafe(...)
; Not a fixed fragment with no statement in it and no substitution: a drizzle column default
; `.default(sql\`('[]')\`)`, sql`now()`. Nor the DDL of a drizzle table definition's extra-config
; callback (`sqliteTable("incident", {…}, (table) => [index("open").on(table.monitorId)
; .where(sql\`${table.resolvedAt} IS NULL\`)])`, a `check(…)` constraint): schema, not a query.
; The tag may be given a row type: sql<{ name: string }>`pragma_table_info(${table})` (Kysely).
((call_expression
   function: (_) @trigger
   arguments: (template_string) @tpl)
 (#match? @trigger "^(sql|SQL|Prisma\\.sql|sql\\.(unsafe|fragment|raw)|db\\.sql)(\\s*<[\\s\\S]*>)?$")
 (#not-match? @tpl "^`\\s*(SELECT|select)\\s+1(\\s*[+=]\\s*1)?\\s*;?\\s*`$")
 (#not-match? @tpl "^`(?![\\s\\S]*\\b(SELECT|select|INSERT|insert|UPDATE|update|DELETE|delete|FROM|from|WHERE|where|SET|set|VALUES|values|PRAGMA|pragma|pragma_\\w+)\\b)[^$]*`$")
 (#not-inside-callback-of? @trigger "^(pg|sqlite|mysql|singlestore|gel)Table$|^[\\w$.]+\\.table$")
 (#set! rule "ecma.sql.tagged-template"))

((call_expression
   function: (member_expression) @trigger
   arguments: (arguments))
 (#match? @trigger "^sql\\.unsafe$")
 (#set! rule "ecma.sql.tagged-template"))

; SQL statements in string and template literals ("SELECT ... FROM", `UPDATE ... SET`, ...).
; Bare lowercase or capitalised 'begin' / 'Commit' / 'Rollback' are event names and UI labels far
; more often than SQL, and a
; bare 'SELECT 1' is a connection health check. Transaction control alone (`"COMMIT"`, `"BEGIN EXCLUSIVE
; TRANSACTION"`, `"VACUUM"`) is the transactions category's (transaction-control-literal).
; Schema statements (ALTER / CREATE / DROP / TRUNCATE / COMMENT ON) are a mention: they join a
; region with queries but never make one, so a migration that only changes the schema is not
; a SQL region (schema changes are reviewed as migrations); data migrations (UPDATE / INSERT /
; DELETE) still are. (Browser code is not excluded: a database console's page building the SQL it
; sends, pgweb's and rqlite's, is judged Y; tried in stop 54 and reverted, see RECONCILED.md.)
; Not a directive, `'use strict;'` (round 109, argo-workflows' webpack config: read as
; MySQL's USE).
((string) @trigger
 (#sql? @trigger)
 (#not-match? @trigger "^.\\s*([Bb]egin|[Cc]ommit|[Rr]ollback|[Ss]avepoint)\\s*;?\\s*.$")
 (#not-match? @trigger "^.\\s*use (strict|client|server|asm)\\b[^\\n]*.$")
 (#not-match? @trigger "^{{transaction-control-literal}}$")
 (#not-match? @trigger "^.\\s*(SELECT|select)\\s+(1(\\s*[+=]\\s*1)?|(([Vv]ersion|VERSION|sqlite_version)\\(\\)|@@([Vv]ersion|VERSION))(\\s+(as|AS)\\s+\\w+)?)\\s*;?\\s*.$")
 (#not-match? @trigger "{{ddl-literal-start}}")
 (#not-unit-name-matches? @trigger "{{timestamped-migration-step}}")
 (#set! rule "ecma.sql.statement-text"))

((template_string) @trigger
 (#sql? @trigger)
 (#not-argument-of? @trigger "\\$queryRaw(Unsafe)?$")
 (#not-match? @trigger "^.\\s*([Bb]egin|[Cc]ommit|[Rr]ollback|[Ss]avepoint)\\s*;?\\s*.$")
 (#not-match? @trigger "^{{transaction-control-literal}}$")
 (#not-match? @trigger "^.\\s*(SELECT|select)\\s+(1(\\s*[+=]\\s*1)?|(([Vv]ersion|VERSION|sqlite_version)\\(\\)|@@([Vv]ersion|VERSION))(\\s+(as|AS)\\s+\\w+)?)\\s*;?\\s*.$")
 (#not-match? @trigger "{{ddl-literal-start}}")
 (#not-unit-name-matches? @trigger "{{timestamped-migration-step}}")
 (#set! rule "ecma.sql.statement-text"))

; The fixed read a Prisma raw query runs (prisma.$queryRaw`SELECT COUNT(*) FROM "DataMigration"`,
; nothing spliced in) is no statement to review; one with a substitution or a write still is.
((template_string) @trigger
 (#sql? @trigger)
 (#argument-of? @trigger "\\$queryRaw(Unsafe)?$")
 (#not-match? @trigger "^`\\s*(SELECT|select)\\b[^$`;]*`$")
 (#not-match? @trigger "{{ddl-literal-start}}")
 (#not-unit-name-matches? @trigger "{{timestamped-migration-step}}")
 (#set! rule "ecma.sql.statement-text"))

((string) @trigger
 (#sql? @trigger)
 (#match? @trigger "{{ddl-literal-start}}")
 (#set! evidence "mention")
 (#set! rule "ecma.sql.schema-text"))

;; ... but a schema statement that splices in a runtime identifier (`CREATE SCHEMA IF NOT EXISTS
;; ${quotedSchema}`, `SET LOCAL search_path TO ${quotedSchema}` from a caller's schema name; round 75,
;; bullmq's migrator) is identifier interpolation, an operation (first: it takes the node below).
((template_string (template_substitution)) @trigger
 (#sql? @trigger)
 (#match? @trigger "{{ddl-literal-start}}")
 (#interpolates-runtime-value? @trigger)
 (#not-unit-name-matches? @trigger "{{timestamped-migration-step}}")
 (#set! rule "ecma.sql.statement-text"))

((template_string) @trigger
 (#sql? @trigger)
 (#match? @trigger "{{ddl-literal-start}}")
 (#set! evidence "mention")
 (#set! rule "ecma.sql.schema-text"))
