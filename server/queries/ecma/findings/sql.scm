; Findings: SQL assembled from runtime values and sent to a query API (CWE-89):
; ecma.sql.template-query (template literal with substitutions), ecma.sql.concat-query ().
;
; The first argument is a template literal with a substitution, or a `+` concatenation whose
; leftmost operand is a string (so every `+` is string concatenation). Not flagged: bound
; parameters, tagged templates (sql`...`, $queryRaw`...`: a call with a template, not an
; argument list), constant strings, templates without substitutions, SCREAMING_CASE constants
; (table names), DDL (ALTER / CREATE / DROP / TRUNCATE / COMMENT ON: identifiers cannot be bound
; parameters, so the fix advice does not apply; migrations interpolate table and constraint names)
; and dynamic placeholder lists (`${ids.map(() => '?').join(',')}`), nor a template whose every substitution the
; code chose itself (#code-built-sql?): a `$${n}` placeholder number, the variable of a loop over a
; module-level list of table names, `clauses.join(", ")` of a local array filled only with literal
; `col = $${i}` fragments.
;
; APIs: .query / .execute in a file importing a SQL driver or ORM (pg, mysql2, mssql, sequelize,
; typeorm, ...) or on a database-looking receiver (pool, client, db, connection, ...), sqlite's
; .all / .get / .run / .each / .exec / .prepare, knex raw fragments (.raw on a knex-like object,
; .whereRaw, .orderByRaw, ...), and Prisma's $queryRawUnsafe / $executeRawUnsafe.
;
; Fix `ecma.sql-parameterize` (only when each value sits where SQL expects a value, e.g. after
; `=`, `<`, LIKE, LIMIT, inside VALUES (...), and quotes around it can be dropped): pg -> $1, $2
; with a values array, mysql / mysql2 / mariadb / sqlite3 / knex -> ? with a values (bindings)
; array, sequelize -> ? with { replacements }, Prisma -> the tagged template $queryRaw`...`.
; No fix when the call already passes values or the driver is unknown.

; .query / .execute, template, in a file importing a SQL driver or ORM
((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (template_string (template_substitution)) @sql @s @finding)) @call
 (#imports? "{{sql-driver-modules}}")
 (#match? @m "^(query|execute)$")
 (#sql? @s)
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#interpolates-runtime-value? @s)
 (#not-code-built-sql? @s)
 (#set! rule "ecma.sql.template-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built from a runtime value by concatenation or interpolation and sent to the database: SQL injection; pass the value as a bound parameter ($1 / ?) in the values array")
 (#set! fix "ecma.sql-parameterize"))

; .query / .execute, template, on a database-looking receiver (the driver is imported elsewhere)
((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (template_string (template_substitution)) @sql @s @finding)) @call
 (#match? @m "^(query|execute)$")
 (#match? @obj "{{sql-client-receiver}}")
 (#sql? @s)
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#interpolates-runtime-value? @s)
 (#not-code-built-sql? @s)
 (#set! rule "ecma.sql.template-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built from a runtime value by concatenation or interpolation and sent to the database: SQL injection; pass the value as a bound parameter ($1 / ?) in the values array")
 (#set! fix "ecma.sql-parameterize"))

; sqlite / better-sqlite3 / libsql, template
((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (template_string (template_substitution)) @sql @s @finding)) @call
 (#imports? "^(sqlite|sqlite3|better-sqlite3|@libsql/client)$")
 (#match? @m "^(all|get|run|each|exec|prepare)$")
 (#sql? @s)
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#interpolates-runtime-value? @s)
 (#not-code-built-sql? @s)
 (#set! rule "ecma.sql.template-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built from a runtime value by concatenation or interpolation and sent to the database: SQL injection; pass the value as a bound parameter ($1 / ?) in the values array")
 (#set! fix "ecma.sql-parameterize"))

; knex raw fragments, template. Not when the call binds its values (`whereRaw(\`${alias}.data->>? ${op} ?\`,
; [field, value])`) and no substitution sits where a value goes (inside quotes '${...}', after = < >,
; LIKE, IN (, LIMIT, OFFSET): the substitutions are aliases, operators and casts, the values go through `?`. Not a template that only wraps another
; statement (`knex.raw(\`(${sql})\`)`, a compiled subquery): that statement is where values go in.
((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (template_string (template_substitution)) @sql @s @finding)) @call
 (#match? @m "^(whereRaw|orWhereRaw|andWhereRaw|whereNotRaw|orWhereNotRaw|havingRaw|orHavingRaw|orderByRaw|groupByRaw|joinRaw|fromRaw|selectRaw|onRaw)$")
 (#not-match? @call "^(?![\\s\\S]*(['=<>]|\\b(LIKE|like|IN|in|LIMIT|limit|OFFSET|offset)\\b\\s*\\(?)\\s*\\$\\{)[\\s\\S]*`\\s*,\\s*\\[")
 (#not-match? @sql "^`\\(?\\$\\{[\\w.$]+\\}\\)?`$")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#interpolates-runtime-value? @s)
 (#not-code-built-sql? @s)
 (#set! rule "ecma.sql.template-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "knex raw SQL built from a runtime value: SQL injection; use ? placeholders with a bindings array")
 (#set! fix "ecma.sql-parameterize"))

((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (template_string (template_substitution)) @sql @s @finding)) @call
 (#eq? @m "raw")
 (#match? @obj "^(knex|db|trx|tx|database|qb)$|([Kk]nex|[Tt]rx|D[Bb])$")
 (#not-match? @call "^(?![\\s\\S]*(['=<>]|\\b(LIKE|like|IN|in|LIMIT|limit|OFFSET|offset)\\b\\s*\\(?)\\s*\\$\\{)[\\s\\S]*`\\s*,\\s*\\[")
 (#not-match? @sql "^`\\(?\\$\\{[\\w.$]+\\}\\)?`$")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#interpolates-runtime-value? @s)
 (#not-code-built-sql? @s)
 (#set! rule "ecma.sql.template-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "knex raw SQL built from a runtime value: SQL injection; use ? placeholders with a bindings array")
 (#set! fix "ecma.sql-parameterize"))

; Prisma unsafe raw queries, template
((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (template_string (template_substitution)) @sql @s @finding)) @call
 (#match? @m "^\\$(queryRawUnsafe|executeRawUnsafe)$")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#interpolates-runtime-value? @s)
 (#not-code-built-sql? @s)
 (#set! rule "ecma.sql.template-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "$queryRawUnsafe / $executeRawUnsafe with an interpolated value: SQL injection; use the tagged template $queryRaw`...${value}` (values become parameters)")
 (#set! fix "ecma.sql-parameterize"))

; .query / .execute, concat, in a file importing a SQL driver or ORM
((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (binary_expression operator: "+") @sql @finding)) @call
 (#imports? "{{sql-driver-modules}}")
 (#match? @m "^(query|execute)$")
 (#sql-concat? @sql)
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.concat-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built from a runtime value by concatenation or interpolation and sent to the database: SQL injection; pass the value as a bound parameter ($1 / ?) in the values array")
 (#set! fix "ecma.sql-parameterize"))

; .query / .execute, concat, on a database-looking receiver (the driver is imported elsewhere)
((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (binary_expression operator: "+") @sql @finding)) @call
 (#match? @m "^(query|execute)$")
 (#match? @obj "{{sql-client-receiver}}")
 (#sql-concat? @sql)
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.concat-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built from a runtime value by concatenation or interpolation and sent to the database: SQL injection; pass the value as a bound parameter ($1 / ?) in the values array")
 (#set! fix "ecma.sql-parameterize"))

; sqlite / better-sqlite3 / libsql, concat
((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (binary_expression operator: "+") @sql @finding)) @call
 (#imports? "^(sqlite|sqlite3|better-sqlite3|@libsql/client)$")
 (#match? @m "^(all|get|run|each|exec|prepare)$")
 (#sql-concat? @sql)
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.concat-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built from a runtime value by concatenation or interpolation and sent to the database: SQL injection; pass the value as a bound parameter ($1 / ?) in the values array")
 (#set! fix "ecma.sql-parameterize"))

; knex raw fragments, concat
((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (binary_expression operator: "+") @sql @finding)) @call
 (#string-concat? @sql)
 (#match? @m "^(whereRaw|orWhereRaw|andWhereRaw|whereNotRaw|orWhereNotRaw|havingRaw|orHavingRaw|orderByRaw|groupByRaw|joinRaw|fromRaw|selectRaw|onRaw)$")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.concat-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "knex raw SQL built from a runtime value: SQL injection; use ? placeholders with a bindings array")
 (#set! fix "ecma.sql-parameterize"))

((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (binary_expression operator: "+") @sql @finding)) @call
 (#string-concat? @sql)
 (#eq? @m "raw")
 (#match? @obj "^(knex|db|trx|tx|database|qb)$|([Kk]nex|[Tt]rx|D[Bb])$")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.concat-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "knex raw SQL built from a runtime value: SQL injection; use ? placeholders with a bindings array")
 (#set! fix "ecma.sql-parameterize"))

; Prisma unsafe raw queries, concat
((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (binary_expression operator: "+") @sql @finding)) @call
 (#string-concat? @sql)
 (#match? @m "^\\$(queryRawUnsafe|executeRawUnsafe)$")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.concat-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "$queryRawUnsafe / $executeRawUnsafe with an interpolated value: SQL injection; use the tagged template $queryRaw`...${value}` (values become parameters)")
 (#set! fix "ecma.sql-parameterize"))

; SQL built into a local variable and executed later in the same block:
;   const sql = `DELETE FROM ${table} WHERE id = ${id}`;  ...  await db.query(sql);
; The declaration and the call are statements of one block (the call as a statement, awaited,
; assigned or returned); the variable must be the call's first argument. No fix: the values
; would have to be threaded to the call.

((statement_block
   [(lexical_declaration (variable_declarator name: (identifier) @v value: (template_string (template_substitution)) @sql @s @finding))
    (variable_declaration (variable_declarator name: (identifier) @v value: (template_string (template_substitution)) @sql @s @finding))]
   [
     (expression_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (expression_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (variable_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (return_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (return_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
   ]) @call
 (#eq? @v @arg)
 (#match? @m "^(query|execute)$")
 (#imports? "{{sql-driver-modules}}")
 (#sql? @s)
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.query-variable")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL template with a runtime value is stored in a variable and then sent to the database: SQL injection; put $1 / ? placeholders in the text and pass the values to the query call"))

((statement_block
   [(lexical_declaration (variable_declarator name: (identifier) @v value: (template_string (template_substitution)) @sql @s @finding))
    (variable_declaration (variable_declarator name: (identifier) @v value: (template_string (template_substitution)) @sql @s @finding))]
   [
     (expression_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (expression_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (variable_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (return_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (return_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
   ]) @call
 (#eq? @v @arg)
 (#match? @m "^(query|execute)$")
 (#match? @obj "{{sql-client-receiver}}")
 (#sql? @s)
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.query-variable")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL template with a runtime value is stored in a variable and then sent to the database: SQL injection; put $1 / ? placeholders in the text and pass the values to the query call"))

((statement_block
   [(lexical_declaration (variable_declarator name: (identifier) @v value: (binary_expression operator: "+") @sql @finding))
    (variable_declaration (variable_declarator name: (identifier) @v value: (binary_expression operator: "+") @sql @finding))]
   [
     (expression_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (expression_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (variable_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (return_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (return_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
   ]) @call
 (#eq? @v @arg)
 (#match? @m "^(query|execute)$")
 (#imports? "{{sql-driver-modules}}")
 (#sql-concat? @sql)
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.query-variable")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL concatenation with a runtime value is stored in a variable and then sent to the database: SQL injection; put $1 / ? placeholders in the text and pass the values to the query call"))

((statement_block
   [(lexical_declaration (variable_declarator name: (identifier) @v value: (binary_expression operator: "+") @sql @finding))
    (variable_declaration (variable_declarator name: (identifier) @v value: (binary_expression operator: "+") @sql @finding))]
   [
     (expression_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (expression_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (variable_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (return_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (return_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
   ]) @call
 (#eq? @v @arg)
 (#match? @m "^(query|execute)$")
 (#match? @obj "{{sql-client-receiver}}")
 (#sql-concat? @sql)
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.query-variable")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL concatenation with a runtime value is stored in a variable and then sent to the database: SQL injection; put $1 / ? placeholders in the text and pass the values to the query call"))

; The same patterns for statements whose table name itself is interpolated or concatenated
; (`DELETE FROM ${table} ...`, "UPDATE " + table + " SET ..."), which #sql? does not recognise
; (it wants a table name after FROM / INTO / UPDATE). `${this.table}` (a field the class set
; itself, e.g. a generated working table) is left alone.
((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (template_string (template_substitution)) @sql @s @finding)) @call
 (#imports? "{{sql-driver-modules}}")
 (#match? @m "^(query|execute)$")
 (#match? @s "{{dml-string-start}}")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#interpolates-runtime-value? @s)
 (#not-code-built-sql? @s)
 (#set! rule "ecma.sql.template-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built from a runtime value by concatenation or interpolation and sent to the database: SQL injection; pass the value as a bound parameter ($1 / ?) in the values array")
 (#set! fix "ecma.sql-parameterize"))

((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (template_string (template_substitution)) @sql @s @finding)) @call
 (#match? @m "^(query|execute)$")
 (#match? @obj "{{sql-client-receiver}}")
 (#match? @s "{{dml-string-start}}")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#interpolates-runtime-value? @s)
 (#not-code-built-sql? @s)
 (#set! rule "ecma.sql.template-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built from a runtime value by concatenation or interpolation and sent to the database: SQL injection; pass the value as a bound parameter ($1 / ?) in the values array")
 (#set! fix "ecma.sql-parameterize"))

((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (template_string (template_substitution)) @sql @s @finding)) @call
 (#imports? "^(sqlite|sqlite3|better-sqlite3|@libsql/client)$")
 (#match? @m "^(all|get|run|each|exec|prepare)$")
 (#match? @s "{{dml-string-start}}")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#interpolates-runtime-value? @s)
 (#not-code-built-sql? @s)
 (#set! rule "ecma.sql.template-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built from a runtime value by concatenation or interpolation and sent to the database: SQL injection; pass the value as a bound parameter ($1 / ?) in the values array")
 (#set! fix "ecma.sql-parameterize"))

((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (binary_expression operator: "+") @sql @finding)) @call
 (#imports? "{{sql-driver-modules}}")
 (#match? @m "^(query|execute)$")
 (#concat-match? @sql "{{dml-string-start}}")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.concat-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built from a runtime value by concatenation or interpolation and sent to the database: SQL injection; pass the value as a bound parameter ($1 / ?) in the values array")
 (#set! fix "ecma.sql-parameterize"))

((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (binary_expression operator: "+") @sql @finding)) @call
 (#match? @m "^(query|execute)$")
 (#match? @obj "{{sql-client-receiver}}")
 (#concat-match? @sql "{{dml-string-start}}")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.concat-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built from a runtime value by concatenation or interpolation and sent to the database: SQL injection; pass the value as a bound parameter ($1 / ?) in the values array")
 (#set! fix "ecma.sql-parameterize"))

((call_expression
   function: (member_expression
     object: (_) @obj
     property: (property_identifier) @m)
   arguments: (arguments . (binary_expression operator: "+") @sql @finding)) @call
 (#imports? "^(sqlite|sqlite3|better-sqlite3|@libsql/client)$")
 (#match? @m "^(all|get|run|each|exec|prepare)$")
 (#concat-match? @sql "{{dml-string-start}}")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.concat-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built from a runtime value by concatenation or interpolation and sent to the database: SQL injection; pass the value as a bound parameter ($1 / ?) in the values array")
 (#set! fix "ecma.sql-parameterize"))

((statement_block
   [(lexical_declaration (variable_declarator name: (identifier) @v value: (template_string (template_substitution)) @sql @s @finding))
    (variable_declaration (variable_declarator name: (identifier) @v value: (template_string (template_substitution)) @sql @s @finding))]
   [
     (expression_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (expression_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (variable_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (return_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (return_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
   ]) @call
 (#eq? @v @arg)
 (#match? @m "^(query|execute)$")
 (#imports? "{{sql-driver-modules}}")
 (#match? @s "{{dml-string-start}}")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.query-variable")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL template with a runtime value is stored in a variable and then sent to the database: SQL injection; put $1 / ? placeholders in the text and pass the values to the query call"))

((statement_block
   [(lexical_declaration (variable_declarator name: (identifier) @v value: (template_string (template_substitution)) @sql @s @finding))
    (variable_declaration (variable_declarator name: (identifier) @v value: (template_string (template_substitution)) @sql @s @finding))]
   [
     (expression_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (expression_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (variable_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (return_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (return_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
   ]) @call
 (#eq? @v @arg)
 (#match? @m "^(query|execute)$")
 (#match? @obj "{{sql-client-receiver}}")
 (#match? @s "{{dml-string-start}}")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.query-variable")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL template with a runtime value is stored in a variable and then sent to the database: SQL injection; put $1 / ? placeholders in the text and pass the values to the query call"))

((statement_block
   [(lexical_declaration (variable_declarator name: (identifier) @v value: (binary_expression operator: "+") @sql @finding))
    (variable_declaration (variable_declarator name: (identifier) @v value: (binary_expression operator: "+") @sql @finding))]
   [
     (expression_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (expression_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (variable_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (return_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (return_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
   ]) @call
 (#eq? @v @arg)
 (#match? @m "^(query|execute)$")
 (#imports? "{{sql-driver-modules}}")
 (#concat-match? @sql "{{dml-string-start}}")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.query-variable")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL concatenation with a runtime value is stored in a variable and then sent to the database: SQL injection; put $1 / ? placeholders in the text and pass the values to the query call"))

((statement_block
   [(lexical_declaration (variable_declarator name: (identifier) @v value: (binary_expression operator: "+") @sql @finding))
    (variable_declaration (variable_declarator name: (identifier) @v value: (binary_expression operator: "+") @sql @finding))]
   [
     (expression_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (expression_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
     (lexical_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (variable_declaration (variable_declarator value: (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))))
     (return_statement (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg)))
     (return_statement (await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) arguments: (arguments . (identifier) @arg))))
   ]) @call
 (#eq? @v @arg)
 (#match? @m "^(query|execute)$")
 (#match? @obj "{{sql-client-receiver}}")
 (#concat-match? @sql "{{dml-string-start}}")
 (#not-match? @sql "{{constant-sql-expression}}")
 (#not-match? @sql "[Pp]laceholder|PLACEHOLDER|=>\\s*['\"`](?:\\?|\\$)")
 (#not-match? @sql "{{ddl-string-start}}")
 (#set! rule "ecma.sql.query-variable")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL concatenation with a runtime value is stored in a variable and then sent to the database: SQL injection; put $1 / ? placeholders in the text and pass the values to the query call"))

