; Raw SQL in Go: database/sql, pgx / pgxpool, sqlx, gorm raw queries, bun, go-pg, and SQL text
; in string literals (also inside fmt.Sprintf and + concatenation).

; db.Query(q, args...), db.QueryRow, db.Exec, db.Prepare, tx.Exec, conn.Query(ctx, q) (pgx),
; db.Queryx, db.MustExec, db.NamedExec, db.NamedQuery (sqlx), db.Raw(q) (gorm)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list (_)))
 (#match? @f "^(Query|QueryRow|Exec|Prepare|Queryx|QueryRowx|MustExec|NamedExec|NamedQuery|Preparex|PrepareNamed|Raw|QueryFunc|SendBatch|CopyFrom|NewRaw|QueryOne|ExecOne)$")
 (#not-resolves-to? @recv ".")
 (#imports? "{{sql-driver-modules}}")
 (#set! rule "go.sql.query"))

; The context variants: db.QueryContext(ctx, q), db.ExecContext(ctx, q), db.PrepareContext(ctx, q)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list (_) . (_)))
 (#match? @f "^(Query|QueryRow|Exec|Prepare|Queryx|QueryRowx|MustExec|NamedExec|NamedQuery|Preparex|PrepareNamed)Context$")
 (#not-resolves-to? @recv ".")
 (#imports? "^(database/sql|github\\.com/jmoiron/sqlx|github\\.com/jackc/pgx(/v\\d+)?(/pgxpool|/stdlib)?|gorm\\.io/gorm|github\\.com/jinzhu/gorm|github\\.com/uptrace/bun)$")
 (#set! rule "go.sql.query"))

; sqlx scanning helpers: db.Select(&users, q), db.Get(&u, q, id)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (unary_expression operator: "&") . (_)))
 (#any-of? @f "Select" "Get")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/jmoiron/sqlx$")
 (#set! rule "go.sql.sqlx"))

; db.SelectContext(ctx, &users, q), db.GetContext(ctx, &u, q, id)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) . (unary_expression operator: "&") . (_)))
 (#any-of? @f "SelectContext" "GetContext")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/jmoiron/sqlx$")
 (#set! rule "go.sql.sqlx"))

; sqlx package helpers: sqlx.In(q, ids), sqlx.Named(q, arg), sqlx.Select(db, &dest, q)
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^github\\.com/jmoiron/sqlx$")
 (#match? @f "^(In|Named|Select|SelectContext|Get|GetContext|NamedExec|NamedExecContext|NamedQuery|NamedQueryContext|MustExec|MustExecContext|Rebind)$")
 (#set! rule "go.sql.sqlx"))

; SQL text in a string literal: "SELECT id FROM users WHERE email = $1", `UPDATE ... SET ...`
([(interpreted_string_literal) (raw_string_literal)] @trigger
 (#sql? @trigger)
 (#set! rule "go.sql.string"))

; gobuffalo/pop tx.RawQuery(q, args...) and bun db.NewRaw(q, args...): named for raw SQL, so no
; import is needed (pop is often reached through a project's own Connection wrapper)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_)))
 (#any-of? @f "RawQuery" "NewRaw")
 (#not-resolves-to? @recv ".")
 (#set! rule "go.sql.raw-query"))
