; Raw SQL in Go: database/sql, pgx / pgxpool, sqlx, gorm raw queries, bun, go-pg, and SQL text
; in string literals (also inside fmt.Sprintf and + concatenation).

;; A prepared statement run from the application's table of statements joins a SQL region but makes
;; none: `t.q.UpdateTag.Get(&tag, id, name)`, `app.queries.DeleteCampaign.Exec(id)`,
;; `m.q.SetLatestSLAEventMetAt.QueryRow(id, metric)` (a struct of `*sqlx.Stmt` loaded from a queries.sql
;; file with goyesql). The call binds values; the SQL text is in the .sql file, where it is reviewed
;; (round 76, libredesk: 15 N; listmonk's call sites judged the same before). A query string formatted
;; from the table (`fmt.Sprintf(m.q.GetOverviewSLA, days)`) and run on a handle is another rule's.
((call_expression
   function: (selector_expression
     operand: (selector_expression
       operand: [(identifier) @holder (selector_expression field: (field_identifier) @holder)]
       field: (field_identifier) @stmt)
     field: (field_identifier) @f) @trigger)
 (#match? @holder "^(q|qs|queries|Queries|stmts|Stmts|statements|Statements|preparedStmts|preparedQueries|sqlStmts)$")
 (#match? @stmt "^[A-Z]")
 (#match? @f "^(Exec|Get|Select|Query|QueryRow|Queryx|QueryRowx|MustExec)(Context)?$")
 (#set! evidence "mention")
 (#set! rule "go.sql.prepared-statement"))

;; A forwarder joins a SQL region but makes none (first: of two patterns matching the same call, the
;; earlier one counts): a small function whose first statement hands its own query parameter on,
;; `func (e *Executor) Exec(ctx context.Context, sql string, args ...any) error { _, err :=
;; e.dbtx.ExecContext(ctx, sql, args...); return interpretError(err) }` (round 69, river's drivers;
;; spicedb and drone judged the same N). The statement is written, and reviewed, by the caller.
([(method_declaration
    parameters: (parameter_list (parameter_declaration name: (identifier) @p))
    body: (block (statement_list . [
      (return_statement (expression_list . (call_expression function: (selector_expression field: (field_identifier) @f) @trigger arguments: (argument_list (identifier) @arg))))
      (expression_statement (call_expression function: (selector_expression field: (field_identifier) @f) @trigger arguments: (argument_list (identifier) @arg)))
      (short_var_declaration right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @f) @trigger arguments: (argument_list (identifier) @arg))))])))
  (function_declaration
    parameters: (parameter_list (parameter_declaration name: (identifier) @p))
    body: (block (statement_list . [
      (return_statement (expression_list . (call_expression function: (selector_expression field: (field_identifier) @f) @trigger arguments: (argument_list (identifier) @arg))))
      (expression_statement (call_expression function: (selector_expression field: (field_identifier) @f) @trigger arguments: (argument_list (identifier) @arg)))
      (short_var_declaration right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @f) @trigger arguments: (argument_list (identifier) @arg))))])))]
 (#eq? @p @arg)
 (#match? @p "^(sql|query|q|stmt|statement|sqlStr|sqlText|rawSQL|rawSql|querySQL|queryString|sqlQuery)$")
 (#match? @f "^(Query|QueryRow|Exec|Prepare|Queryx|QueryRowx|MustExec|NamedExec|NamedQuery|Preparex|PrepareNamed|Raw|Select|Get)(Context)?$")
 (#small-unit? @trigger)
 (#set! evidence "mention")
 (#set! rule "go.sql.query"))

;; ... and a function that runs its query parameter with its caller's arguments after a guard, a span or
;; a breaker check: `guard := newGuard("query"); if err := guard.start(q, args...); … rows, err :=
;; conn.QueryContext(ctx, q, args...)` (round 107, go-zero's sqlx: five judged N),
;; or runs a prepared statement it was handed with the caller's arguments (`conn.ExecContext(ctx,
;; args...)` in a function taking `q string` for its slow-query log). No SQL text is written in the
;; unit: no statement literal, no concatenation, no Sprintf.
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list (identifier) @arg . (variadic_argument (identifier)) .))
 (#match? @arg "^(sql|query|q|stmt|statement|sqlStr|sqlText|rawSQL|rawSql|querySQL|queryString|sqlQuery)$")
 (#match? @f "^(Query|QueryRow|Exec|Queryx|QueryRowx|MustExec|NamedExec|NamedQuery|Select|Get)(Context)?$")
 (#text-before? @trigger "[(,]\\s*(sql|query|q|stmt|statement|sqlStr|sqlText|rawSQL|rawSql|querySQL|queryString|sqlQuery)\\s+string\\b")
 (#not-text-before? @trigger "{{go-sql-text-built}}")
 (#not-text-after? @trigger "{{go-sql-text-built}}")
 (#set! evidence "mention")
 (#set! rule "go.sql.query"))

((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list . (identifier) @ctx . (variadic_argument (identifier)) .))
 (#match? @ctx "^ctx$")
 (#match? @f "^(Query|QueryRow|Exec)Context$")
 (#text-before? @trigger "[(,]\\s*(sql|query|q|stmt|statement|sqlStr|sqlText|rawSQL|rawSql|querySQL|queryString|sqlQuery)\\s+string\\b")
 (#not-text-before? @trigger "{{go-sql-text-built}}")
 (#not-text-after? @trigger "{{go-sql-text-built}}")
 (#set! evidence "mention")
 (#set! rule "go.sql.query"))

;; ... and a function that prepares the statement its caller wrote, `sd, err = c.pgConn.Prepare(ctx,
;; psName, sql, nil)`, `c.Prepare(ctx, stmtcache.StatementName(sql), sql)`, `c.conn.Prepare(ctx, query,
;; query)` (round 108, pgx's Conn.Prepare, getStatementDescription and the database/sql driver's
;; PrepareContext: a statement cache's plumbing around the caller's text, judged N).
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list (identifier) @arg))
 (#match? @arg "^(sql|query|stmt|statement|sqlStr|sqlText|rawSQL|rawSql|querySQL|queryString|sqlQuery)$")
 (#match? @f "^(Prepare|Preparex|PrepareNamed)(Context)?$")
 (#text-before? @trigger "[(,]\\s*(sql|query|stmt|statement|sqlStr|sqlText|rawSQL|rawSql|querySQL|queryString|sqlQuery)\\s+string\\b")
 (#not-text-before? @trigger "{{go-sql-text-built}}")
 (#not-text-after? @trigger "{{go-sql-text-built}}")
 (#set! evidence "mention")
 (#set! rule "go.sql.query"))

;; A statement built once and stored on the receiver, run with bound values, joins a SQL region but
;; makes none: `m.client.QueryRowContext(ctx, m.getQuery, path, key)`, `pg.client.Exec(pg.haDeleteLockExec,
;; id, key)` (round 87, openbao's PostgreSQL storage: 9 N, as libredesk's statement table above). The
;; SQL text is reviewed where it is built (the constructor's region); the call binds values. The
;; field's name must say it holds a statement (`…Query`, `…Exec`, `…Stmt`, `…SQL`). First: of two
;; patterns matching the same call, the earlier one counts.
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (selector_expression operand: (identifier) field: (field_identifier) @q)))
 (#match? @f "^(Query|QueryRow|Exec|Queryx|QueryRowx|MustExec)$")
 (#match? @q "{{stored-statement-field}}")
 (#not-resolves-to? @recv ".")
 (#imports? "{{sql-driver-modules}}")
 (#set! evidence "mention")
 (#set! rule "go.sql.query"))

((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) . (selector_expression operand: (identifier) field: (field_identifier) @q)))
 (#match? @f "^(Query|QueryRow|Exec|Queryx|QueryRowx|MustExec|Get|Select)Context$")
 (#match? @q "{{stored-statement-field}}")
 (#not-resolves-to? @recv ".")
 (#imports? "{{sql-driver-modules}}")
 (#set! evidence "mention")
 (#set! rule "go.sql.query"))

;; ... and so does a statement prepared once and kept in a field, run with values: `_, err =
;; mysql.insertCorrespondent.ExecContext(ctx, target, correspondent, t, t)` (round 91, ergo's history
;; stores: 4 N; the SQL is reviewed where prepareStatements builds it). The field is no database
;; handle (db, conn, tx, pool, client, store) and the argument where a statement would go is a
;; value, not a query.
((call_expression
   function: (selector_expression operand: (selector_expression field: (field_identifier) @fld) field: (field_identifier) @f) @trigger
   arguments: (argument_list) @args)
 (#match? @f "^(Exec|Query|QueryRow)(Context)?$")
 (#not-match? @fld "{{db-handle-field}}")
 (#match? @args "^\\(\\s*((ctx|c|[a-z]\\w*Ctx)\\s*,\\s*)?(?!(ctx|c|[a-z]\\w*Ctx)\\s*[,)])[A-Za-z_][\\w.]*\\s*[,)]")
 (#not-match? @args "^\\(\\s*((ctx|c|[a-z]\\w*Ctx)\\s*,\\s*)?([\\w.]*([Ss][Qq][Ll]|[Qq]uery|QUERY|[Ss]tmt|STMT|[Ss]tatement|STATEMENT)|q\\b|[A-Z][A-Z0-9_]+\\b)|^\\(\\s*(ctx|c|[a-z]\\w*Ctx)\\s*\\)")
 (#imports? "{{sql-driver-modules}}")
 (#set! evidence "mention")
 (#set! rule "go.sql.query"))

; db.Query(q, args...), db.QueryRow, db.Exec, db.Prepare, tx.Exec, conn.Query(ctx, q) (pgx),
; db.Queryx, db.MustExec, db.NamedExec, db.NamedQuery (sqlx), db.Raw(q) (gorm). Not database/sql's
; conn.Raw(func(driverConn any) error {…}): a callback reaching the driver connection (an SQLite
; online backup), no SQL text. Nor one lowercase word as the argument: gin's c.Query("method") reads a
; URL query parameter, and no statement is a single lowercase word. Nor a constant PRAGMA read
; (`db.QueryRow("PRAGMA busy_timeout")`): like `SELECT 1`, nothing to review. Nor a query builder's
; terminal call on the context alone, bun's `db.NewDelete().Model(&m).Where("? = ?", bun.Ident("id"),
; id).Exec(ctx)` (round 84, gotosocial: 12 of 15 judged N): a driver's statement call always takes the
; statement; the builder's SQL text is in its Where/Join fragments, which mark on their own.
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) @arg) @args)
 (#not-match? @arg "^func\\s*\\(")
 (#not-match? @args "^\\(\\s*ctx\\s*\\)$")
 (#not-match? @arg "^\"[a-z_][A-Za-z0-9_.-]*\"$")
 (#not-match? @arg "{{constant-pragma-read}}")
 (#not-match? @args "{{constant-status-read-args}}")
 (#match? @f "^(Query|QueryRow|Exec|Prepare|Queryx|QueryRowx|MustExec|NamedExec|NamedQuery|Preparex|PrepareNamed|Raw|QueryFunc|SendBatch|CopyFrom|NewRaw|QueryOne|ExecOne)$")
 (#not-resolves-to? @recv ".")
 (#imports? "{{sql-driver-modules}}")
 (#set! rule "go.sql.query"))

; pocketbase/dbx raw statements: db.NewQuery(query).Bind(params).Execute() / .Rows() / .One(&v),
; the query text passed in as a variable by a repository's shared executor (navidrome's
; sqlRepository.executeSQL, queryOne, queryAll) as well as a literal.
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) .))
 (#eq? @f "NewQuery")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/pocketbase/dbx$")
 (#set! rule "go.sql.query"))

; The context variants: db.QueryContext(ctx, q), db.ExecContext(ctx, q), db.PrepareContext(ctx, q)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list (_) . (_) @arg))
 (#match? @f "^(Query|QueryRow|Exec|Prepare|Queryx|QueryRowx|MustExec|NamedExec|NamedQuery|Preparex|PrepareNamed)Context$")
 (#not-match? @arg "{{constant-pragma-read}}")
 (#not-resolves-to? @recv ".")
 (#imports? "^(database/sql|github\\.com/[\\w.-]+/sqlx(-v\\d+)?|github\\.com/jackc/pgx(/v\\d+)?(/pgxpool|/stdlib)?|gorm\\.io/gorm|github\\.com/jinzhu/gorm|github\\.com/uptrace/bun)$")
 (#set! rule "go.sql.query"))

; A squirrel builder run by its terminal call: sb.QueryContext(ctx), q.sb.QueryContext(ctx),
; stmt.ExecContext(ctx), builder.RunWith(db).QueryRow(): the statement was built above (Select,
; Where, Limit) and runs here, with no query text of its own in the call.
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list) @args)
 (#match? @f "^(Query|QueryRow|Exec|QueryContext|QueryRowContext|ExecContext)$")
 (#match? @args "^\\(\\s*([A-Za-z_]\\w*)?\\s*\\)$")
 (#not-match? @recv "(URL|[Uu]rl|URI|[Uu]ri|^u|\\.u)$")
 (#not-match? @recv "\\bNew(Delete|Insert|Update|Select)\\(")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/Masterminds/squirrel$")
 (#set! rule "go.sql.query"))

; sqlx scanning helpers: db.Select(&users, q), db.Get(&u, q, id)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (unary_expression operator: "&") . (_)))
 (#any-of? @f "Select" "Get")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/[\\w.-]+/sqlx(-v\\d+)?$")
 (#set! rule "go.sql.sqlx"))

; db.SelectContext(ctx, &users, q), db.GetContext(ctx, &u, q, id), db.GetContext(ctx, u, q, id) (a
; pointer already held): context, destination and query, in a file that uses sqlx or a fork of it
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) . (_) . (_)))
 (#any-of? @f "SelectContext" "GetContext")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/[\\w.-]+/sqlx(-v\\d+)?$")
 (#set! rule "go.sql.sqlx"))

; sqlx package helpers: sqlx.In(q, ids), sqlx.Named(q, arg), sqlx.Select(db, &dest, q)
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^github\\.com/[\\w.-]+/sqlx(-v\\d+)?$")
 (#match? @f "^(In|Named|Select|SelectContext|Get|GetContext|NamedExec|NamedExecContext|NamedQuery|NamedQueryContext|MustExec|MustExecContext|Rebind)$")
 (#set! rule "go.sql.sqlx"))

;; A package-level constant holding one session or transaction setting, const followerRead =
;; "SET TRANSACTION AS OF SYSTEM TIME follower_read_timestamp()": fixed text with no table, value or
;; placeholder; the function that runs it is the operation. A mention (first, so it takes the node).
((source_file (const_declaration (const_spec value: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @trigger .))))
 (#match? @trigger "^.\\s*SET\\s+[A-Za-z_ ]+[^?$%'\"`]*.$")
 (#not-match? @trigger "[;\\n]\\s*\\S")
 (#set! evidence "mention")
 (#set! rule "go.sql.string"))

;; An error message that names a statement, fmt.Errorf("create table %s: %w", name, err), errors.New("insert
;; failed"): text for a person, never sent to a database (round 53, authorizer's DynamoDB table set-up).
;; A mention (first, so it takes the node).
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f)
   arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @trigger))
 (#any-of? @f "Errorf" "New" "Wrap" "Wrapf" "WithMessage" "WithMessagef")
 (#resolves-to? @pkg "^(fmt|errors|github\\.com/pkg/errors)$")
 (#set! evidence "mention")
 (#set! rule "go.sql.string"))

;; SQL text that stops where a table or schema name is concatenated in, "SELECT value FROM " + quotedTable
;; + " WHERE path = $1", "INSERT INTO " + table + " VALUES($1, $2)" (round 87, openbao's PostgreSQL
;; storage built all its statements so; the literal alone ends before the table, so the pattern
;; below does not take it). Upper-case keywords only: prose does not shout. One trigger, on the
;; innermost concatenation.
((binary_expression
   left: [(interpreted_string_literal) (raw_string_literal)] @s
   operator: "+") @trigger
 (#match? @s "^[\"`]\\s*(SELECT\\s[^\"`]*\\sFROM|INSERT\\s+INTO|DELETE\\s+FROM|UPDATE|(CREATE|ALTER|DROP|TRUNCATE)\\s+TABLE(\\s+IF\\s+(NOT\\s+)?EXISTS)?)\\s+[\"`]$")
 (#set! rule "go.sql.string"))

;; The tag a driver compares after a commit, `commandTag.String() == "ROLLBACK"` (round 108, pgx's
;; dbTx.Commit): a status word read back, nothing sent to a database. A mention (first: of two
;; patterns matching the same node, the earlier counts).
((binary_expression
   operator: ["==" "!="]
   right: [(interpreted_string_literal) (raw_string_literal)] @trigger)
 (#match? @trigger "^.\\s*(BEGIN|COMMIT|ROLLBACK)\\s*;?\\s*.$")
 (#set! evidence "mention")
 (#set! rule "go.sql.string"))

; SQL text in a string literal: "SELECT id FROM users WHERE email = $1", `UPDATE ... SET ...`
; (a lone "commit"/"Rollback" not in capitals is a map key, a git argument or a label; the
; transactions rules take the run ones)
([(interpreted_string_literal) (raw_string_literal)] @trigger
 (#sql? @trigger)
 (#not-match? @trigger "^.\\s*([Bb]egin|[Cc]ommit|[Rr]ollback)\\s*;?\\s*.$")
 (#not-match? @trigger "{{constant-pragma-read}}")
 (#set! rule "go.sql.string"))

; gobuffalo/pop tx.RawQuery(q, args...) and bun db.NewRaw(q, args...): named for raw SQL, so no
; import is needed (pop is often reached through a project's own Connection wrapper)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_)))
 (#any-of? @f "RawQuery" "NewRaw")
 (#not-resolves-to? @recv ".")
 (#set! rule "go.sql.raw-query"))

; ORM condition fragments with bound placeholders, the SQL text of a WHERE / HAVING / JOIN:
; pop, gorm, bun, xorm q.Where("expires_at IS NULL OR expires_at > ?", now), q.Where("(created_at, id) > (?, ?)", …).
; A column, operator or placeholder change is a query change. The string must compare a column with
; a placeholder and a bound value must follow (q.Where("active") and filter.Where(field, v) do not).
; Columns only tested equal to bound values, joined by AND (Where("id = ?", id), Where("token IN (?)", ts),
; Where("alias = ? AND owner_id = ?", a, o)) are an ordinary lookup the ORM could take as a struct
; or map: no region (test/corpus/RECONCILED.md, "Constant equality fragments"). Ranges, NULL tests,
; negations, OR, LIKE and JOIN text still mark. bun names the column with a placeholder too,
; `Where("? > ?", bun.Ident("id"), maxID)` (a range: marks), `Where("? = ?", bun.Ident("id"), id)` (no).
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @s . (_)))
 (#match? @f "^(Where|OrWhere|AndWhere|Having|Joins|Or|Not|And)$")
 (#match? @s "[A-Za-z0-9_\"`\\])?]\\s*(=|<>|!=|<=|>=|<|>|\\s([Nn][Oo][Tt]\\s+)?([Ii][Nn]|[Ll][Ii][Kk][Ee]|[Ii][Ll][Ii][Kk][Ee]))\\s*\\(?\\s*(\\?|\\$[0-9])")
 (#not-match? @s "^.\\s*\\(?\\s*(\\?|[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?)\\s*(=|[Ii][Nn])\\s*\\(?\\s*(\\?|\\$[0-9]+)\\s*\\)?\\s*\\)?(\\s+[Aa][Nn][Dd]\\s+\\(?\\s*(\\?|[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?)\\s*(=|[Ii][Nn])\\s*\\(?\\s*(\\?|\\$[0-9]+)\\s*\\)?\\s*\\)?)*\\s*.$")
 (#not-resolves-to? @recv ".")
 (#set! rule "go.sql.orm-fragment"))

; The same fragment built with fmt.Sprintf, the column name spliced in: xorm / gorm
; session.And(fmt.Sprintf("%s like ?", column), "%"+value+"%"), q.Where(fmt.Sprintf("%s = ?", key), v).
; An identifier taken from a request this way is only as safe as its allow-list.
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (call_expression function: (selector_expression) @sprintf arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @s)) . (_)))
 (#match? @f "^(Where|OrWhere|AndWhere|Having|Joins|Or|Not|And)$")
 (#match? @s "[A-Za-z0-9_\"`\\])]\\s*(=|<>|!=|<=|>=|<|>|\\s([Nn][Oo][Tt]\\s+)?([Ii][Nn]|[Ll][Ii][Kk][Ee]|[Ii][Ll][Ii][Kk][Ee]))\\s*\\(?\\s*(\\?|\\$[0-9])")
 (#resolves-to? @sprintf "^fmt\\.Sprintf$")
 (#not-resolves-to? @recv ".")
 (#set! rule "go.sql.orm-fragment"))

; The same fragment with the column name concatenated in: squirrel / gorm
; q.Where(props.ReferringColumnSuffix + "=?", id), q.Where("lower(" + col + ") = ?", v).
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (binary_expression operator: "+") @s . (_)))
 (#match? @f "^(Where|OrWhere|AndWhere|Having|Joins|Or|Not|And)$")
 (#match? @s "[A-Za-z0-9_\"`\\])]\\s*(=|<>|!=|<=|>=|<|>|\\s([Nn][Oo][Tt]\\s+)?([Ii][Nn]|[Ll][Ii][Kk][Ee]|[Ii][Ll][Ii][Kk][Ee]))\\s*\\(?\\s*(\\?|\\$[0-9])")
 (#not-resolves-to? @recv ".")
 (#set! rule "go.sql.orm-fragment"))

; Hand-written join and select SQL in a builder: gorm Joins("JOIN api_permissions ON api_permissions.id =
; g.api_permission_id"), pop Join("saml_identities", "saml_identities.identity_id = identities.id"),
; Select("DISTINCT g.client_id AS client_id, …"), Select("MAX(number)"): SQL text the builder passes on as
; is (a bare column list, Select("id", "name"), is not).
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list [(interpreted_string_literal) (raw_string_literal)] @s))
 (#match? @f "^(Joins|Join|InnerJoin|LeftJoin|RightJoin|Select|Having|Group|GroupBy)$")
 (#match? @s "\\b([Jj][Oo][Ii][Nn]\\s+[\\w.\"`]+(\\s+([Aa][Ss]\\s+)?\\w+)?\\s+[Oo][Nn]|[Dd][Ii][Ss][Tt][Ii][Nn][Cc][Tt]|(COUNT|MAX|MIN|SUM|AVG|COALESCE|count|max|min|sum|avg|coalesce)\\s*\\()|^.\\s*[\\w\"`]+\\.[\\w\"`]+\\s*=\\s*[\\w\"`]+\\.[\\w\"`]+\\s*.$")
 (#not-resolves-to? @recv ".")
 (#set! rule "go.sql.orm-fragment"))

; bun's escape hatches given a runtime value: `bun.Safe(strings.ToUpper(sorter.Order))` (text spliced
; in unescaped) and `bun.Ident(column)` (a column chosen at run time): round 94, shellhub's sort options
; and its API-key lookup by a resolved column. Literals (`bun.Ident("id")`) are fixed text.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) @v .))
 (#any-of? @f "Safe" "Ident")
 (#resolves-to? @pkg "^github\\.com/uptrace/bun$")
 (#not-match? @v "^[\"`]")
 (#set! rule "go.sql.orm-fragment"))

; Raw SQL expression constructors of query builders: dbx.NewExp("LOWER([[name]])=LOWER({:name})", params),
; dbx.NewExp(fmt.Sprintf("[[%s.id]] = [[%s.value]]", a, b)), gorm.Expr("price * ?", n), squirrel.Expr(…),
; goqu.L(…): SQL text spliced into a builder query as is.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_)))
 (#match? @f "^(NewExp|Expr|L)$")
 (#resolves-to? @pkg "^(github\\.com/pocketbase/dbx|gorm\\.io/gorm|github\\.com/jinzhu/gorm|github\\.com/Masterminds/squirrel|github\\.com/doug-martin/goqu(/v\\d+)?)$")
 (#set! rule "go.sql.orm-fragment"))

; A query built or run on the application's database handle, whatever package made it:
; `e.App.ConcurrentDB().Select("(1)").PreFragment(withFrom).From(name)`, `txApp.AuxDB().NewQuery("PRAGMA …").Execute()`,
; `app.NonconcurrentDB().NewQuery(query).Rows()` in a file that never imports the builder package
; (pocketbase's App interface hands out dbx builders). The receiver is a call to a `…DB()` accessor.
; Not Insert/Update/Delete with a params map (`DB().Insert(table, dbx.Params{…})`): values bound,
; no SQL text (round 19 audit: migration bookkeeping read as SQL).
((call_expression
   function: (selector_expression
     operand: (call_expression
       function: [(identifier) (selector_expression)] @db)
     field: (field_identifier) @f) @trigger)
 (#match? @f "^(Select|NewQuery)$")
 (#match? @db "(^|\\.)([A-Z][a-z]*)*DB$")
 (#set! rule "go.sql.db-handle-builder"))

; sqlx's scanning helpers on the application's handle when its type is declared in another file of
; the package (no sqlx import here): c.db.Select(&out, stmt, args...), c.db.Get(&u, q, id). Destination
; first, then the query and its arguments; gorm's db.Select("col") takes a column list, not a pointer.
((call_expression
   function: (selector_expression
     operand: [(identifier) @recv (selector_expression field: (field_identifier) @recv)]
     field: (field_identifier) @f) @trigger
   arguments: (argument_list . (unary_expression operator: "&") . (_)))
 (#any-of? @f "Select" "Get")
 (#match? @recv "^(db|DB|tx|Tx|sqlDB|readDB|writeDB)$")
 (#not-imports? "^(github\\.com/[\\w.-]+/sqlx(-v\\d+)?|gorm\\.io/gorm|github\\.com/jinzhu/gorm)$")
 (#set! rule "go.sql.sqlx"))
