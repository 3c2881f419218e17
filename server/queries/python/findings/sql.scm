; SQL injection in Python (CWE-89): SQL text assembled from a value with an f-string, % formatting,
; str.format or + and handed to a DB-API cursor (execute/executemany, asyncpg fetch*), SQLAlchemy
; text()/exec_driver_sql, Django raw()/RawSQL/extra() or pandas.read_sql, or stored in a variable.
; Only values in value positions count (after = < > LIKE, inside IN (...) / VALUES (...)):
; table and column names from constants (f"SELECT * FROM {TABLE}") and parameterized queries
; ("... WHERE id = %s", (uid,)) never match. The query is recognised by regexes over the call's
; argument list (first argument) or the assigned value, on the shared call / assignment structures.

; f-string: cur.execute(<query>), text(<query>), User.objects.raw(<query>)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "{{sql-driver-modules}}")
 (#match? @fn "{{sql-execute-method}}")
 (#match? @args "{{sql-verb}}")
 (#match? @args "^\\(\\s*[rRuU]?[fF][rR]?(\"\"\"|\\'\\'\\'|\"|\\')\\s*\\(?\\s*([Ss][Ee][Ll][Ee][Cc][Tt]|[Ii][Nn][Ss][Ee][Rr][Tt]|[Uu][Pp][Dd][Aa][Tt][Ee]|[Dd][Ee][Ll][Ee][Tt][Ee]|[Ww][Ii][Tt][Hh]|[Rr][Ee][Pp][Ll][Aa][Cc][Ee]|[Mm][Ee][Rr][Gg][Ee])\\s[\\s\\S]*?([=<>]|\\b[Ll][Ii][Kk][Ee]|\\b[Ii][Nn]\\s*\\(|\\b[Vv][Aa][Ll][Uu][Ee][Ss]\\s*\\([^)]*)\\s*['\"]?%?\\{[^{]")
 (#set! rule "python.sql.fstring-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built with an f-string from a value: SQL injection. Keep the SQL constant and pass the value as a query parameter (cursor.execute(sql, (value,)) with %s / ? / $1 per driver).")
 (#set! fix "python.sql-placeholders"))

; f-string: sql = <query>
((assignment left: (_) @name right: (_) @value) @finding
 (#imports? "{{sql-driver-modules}}")
 (#match? @value "{{sql-verb}}")
 (#match? @value "^[rRuU]?[fF][rR]?(\"\"\"|\\'\\'\\'|\"|\\')[\\s\\S]*?([=<>]|\\b[Ll][Ii][Kk][Ee]|\\b[Ii][Nn]\\s*\\(|\\b[Vv][Aa][Ll][Uu][Ee][Ss]\\s*\\([^)]*)\\s*['\"]?%?\\{[^{]")
 (#sql? @value)
 (#set! rule "python.sql.fstring-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built with an f-string from a value: SQL injection. Keep the SQL constant and pass the value as a query parameter (cursor.execute(sql, (value,)) with %s / ? / $1 per driver)."))

; % formatting: cur.execute(<query>), text(<query>), User.objects.raw(<query>)
; Not when the one value spliced in is a model's table name (`% self.model._meta.db_table`,
; `% cls.__tablename__`): the code names the table, no input reaches it.
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "{{sql-driver-modules}}")
 (#match? @fn "{{sql-execute-method}}")
 (#match? @args "{{sql-verb}}")
 (#match? @args "^\\(\\s*[rRuU]?(\"\"\"|\\'\\'\\'|\"|\\')\\s*\\(?\\s*([Ss][Ee][Ll][Ee][Cc][Tt]|[Ii][Nn][Ss][Ee][Rr][Tt]|[Uu][Pp][Dd][Aa][Tt][Ee]|[Dd][Ee][Ll][Ee][Tt][Ee]|[Ww][Ii][Tt][Hh]|[Rr][Ee][Pp][Ll][Aa][Cc][Ee]|[Mm][Ee][Rr][Gg][Ee])\\s[\\s\\S]*?([=<>]|\\b[Ll][Ii][Kk][Ee]|\\b[Ii][Nn]\\s*\\(|\\b[Vv][Aa][Ll][Uu][Ee][Ss]\\s*\\([^)]*)\\s*['\"]?%?%(\\([A-Za-z_]\\w*\\))?[-+# 0-9.]*[sr][\\s\\S]*?[\"\\']\\s*%")
 (#not-match? @args "%\\s*\\(?\\s*[\\w.]*\\.(_meta\\.db_table|__tablename__)\\s*,?\\s*\\)?\\s*\\)$")
 (#set! rule "python.sql.format-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built with % formatting from a value: SQL injection. Pass the values as the second argument of execute() instead (cursor.execute(sql, (value,))).")
 (#set! fix "python.sql-placeholders"))

; % formatting: sql = <query>
((assignment left: (_) @name right: (_) @value) @finding
 (#imports? "{{sql-driver-modules}}")
 (#match? @value "{{sql-verb}}")
 (#match? @value "^[rRuU]?(\"\"\"|\\'\\'\\'|\"|\\')[\\s\\S]*?([=<>]|\\b[Ll][Ii][Kk][Ee]|\\b[Ii][Nn]\\s*\\(|\\b[Vv][Aa][Ll][Uu][Ee][Ss]\\s*\\([^)]*)\\s*['\"]?%?%(\\([A-Za-z_]\\w*\\))?[-+# 0-9.]*[sr][\\s\\S]*?[\"\\']\\s*%")
 (#not-match? @value "%\\s*\\(?\\s*[\\w.]*\\.(_meta\\.db_table|__tablename__)\\s*,?\\s*\\)?\\s*$")
 (#sql? @value)
 (#set! rule "python.sql.format-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built with % formatting from a value: SQL injection. Pass the values as the second argument of execute() instead (cursor.execute(sql, (value,)))."))

; str.format: cur.execute(<query>), text(<query>), User.objects.raw(<query>)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "{{sql-driver-modules}}")
 (#match? @fn "{{sql-execute-method}}")
 (#match? @args "{{sql-verb}}")
 (#match? @args "^\\(\\s*[rRuU]?(\"\"\"|\\'\\'\\'|\"|\\')\\s*\\(?\\s*([Ss][Ee][Ll][Ee][Cc][Tt]|[Ii][Nn][Ss][Ee][Rr][Tt]|[Uu][Pp][Dd][Aa][Tt][Ee]|[Dd][Ee][Ll][Ee][Tt][Ee]|[Ww][Ii][Tt][Hh]|[Rr][Ee][Pp][Ll][Aa][Cc][Ee]|[Mm][Ee][Rr][Gg][Ee])\\s[\\s\\S]*?([=<>]|\\b[Ll][Ii][Kk][Ee]|\\b[Ii][Nn]\\s*\\(|\\b[Vv][Aa][Ll][Uu][Ee][Ss]\\s*\\([^)]*)\\s*['\"]?%?\\{\\w*\\}[\\s\\S]*?[\"\\']\\s*\\.format\\(")
 (#set! rule "python.sql.format-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built with str.format from a value: SQL injection. Pass the values as the second argument of execute() instead (cursor.execute(sql, (value,))).")
 (#set! fix "python.sql-placeholders"))

; str.format: sql = <query>
; Not when the only value position is `VALUES ({ph})` filled with a list of bind markers
; (`ph=",".join(["?"] * len(columns))`): the values themselves are bound.
((assignment left: (_) @name right: (_) @value) @finding
 (#imports? "{{sql-driver-modules}}")
 (#match? @value "{{sql-verb}}")
 (#match? @value "^[rRuU]?(\"\"\"|\\'\\'\\'|\"|\\')[\\s\\S]*?([=<>]|\\b[Ll][Ii][Kk][Ee]|\\b[Ii][Nn]\\s*\\(|\\b[Vv][Aa][Ll][Uu][Ee][Ss]\\s*\\([^)]*)\\s*['\"]?%?\\{\\w*\\}[\\s\\S]*?[\"\\']\\s*\\.format\\(")
 (#sql? @value)
 (#not-match? @value "^[rRuU]?(\"\"\"|\\'\\'\\'|\"|\\')[^=<>]*?\\b[Vv][Aa][Ll][Uu][Ee][Ss]\\s*\\(\\s*\\{(\\w+)\\}\\s*\\)[^=<>{]*?[\"\\']\\s*\\.format\\([\\s\\S]*\\b\\2\\s*=\\s*[\"\\'],?\\s*[\"\\']\\.join\\(\\s*\\[\\s*[\"\\'](\\?|%s)[\"\\']\\s*\\]\\s*\\*")
 (#set! rule "python.sql.format-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built with str.format from a value: SQL injection. Pass the values as the second argument of execute() instead (cursor.execute(sql, (value,)))."))

; + concatenation: cur.execute(<query>), text(<query>), User.objects.raw(<query>)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "{{sql-driver-modules}}")
 (#match? @fn "{{sql-execute-method}}")
 (#match? @args "{{sql-verb}}")
 (#match? @args "^\\(\\s*[rRuU]?(\"\"\"|\\'\\'\\'|\"|\\')\\s*\\(?\\s*([Ss][Ee][Ll][Ee][Cc][Tt]|[Ii][Nn][Ss][Ee][Rr][Tt]|[Uu][Pp][Dd][Aa][Tt][Ee]|[Dd][Ee][Ll][Ee][Tt][Ee]|[Ww][Ii][Tt][Hh]|[Rr][Ee][Pp][Ll][Aa][Cc][Ee]|[Mm][Ee][Rr][Gg][Ee])\\s[\\s\\S]*?([=<>]|\\b[Ll][Ii][Kk][Ee]|\\b[Ii][Nn]\\s*\\(|\\b[Vv][Aa][Ll][Uu][Ee][Ss]\\s*\\([^)]*)\\s*['\"]?%?[\"\\']\\s*\\+\\s*[A-Za-z_(]")
 (#set! rule "python.sql.concat-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built by concatenating a value: SQL injection. Keep the SQL constant and pass the value as a query parameter (cursor.execute(sql, (value,))).")
 (#set! fix "python.sql-placeholders"))

; + concatenation: sql = <query>
((assignment left: (_) @name right: (_) @value) @finding
 (#imports? "{{sql-driver-modules}}")
 (#match? @value "{{sql-verb}}")
 (#match? @value "^[rRuU]?(\"\"\"|\\'\\'\\'|\"|\\')[\\s\\S]*?([=<>]|\\b[Ll][Ii][Kk][Ee]|\\b[Ii][Nn]\\s*\\(|\\b[Vv][Aa][Ll][Uu][Ee][Ss]\\s*\\([^)]*)\\s*['\"]?%?[\"\\']\\s*\\+\\s*[A-Za-z_(]")
 (#sql? @value)
 (#set! rule "python.sql.concat-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built by concatenating a value: SQL injection. Keep the SQL constant and pass the value as a query parameter (cursor.execute(sql, (value,)))."))

; Django: qs.extra(where=[f"name = '{name}'"])
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^django(\\.|$)")
 (#match? @fn "\\.extra$")
 (#match? @args "\\b(where|select|tables|order_by)\\s*=\\s*\\[[\\s\\S]*?[fF][rR]?(\"|\\')[^\"\\']*?([=<>]|\\b[Ll][Ii][Kk][Ee]|\\b[Ii][Nn]\\s*\\(|\\b[Vv][Aa][Ll][Uu][Ee][Ss]\\s*\\([^)]*)\\s*['\"]?%?\\{[^{]")
 (#set! rule "python.sql.fstring-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL fragment built with an f-string from a value: SQL injection. Use extra(where=[\"name = %s\"], params=[value]) or, better, filter()."))

; SQLAlchemy fragments: text(f"name = '{name}'"), literal_column(f"{col}"), and raw strings given to
; query.filter(...) / order_by / group_by / having / distinct / where. Whole statements
; (text(f"SELECT ...")) are judged by the rules above, which look for values in value positions;
; a fragment has no such context, so any interpolated value counts, except constants (ALL_CAPS
; names, names bound only to literals) and class attributes read through `cls.`/`self.`
; (`cls._similarity_threshold`): the class's own configuration, not the caller's value. Nor a
; column's `server_default=text(f"nextval('{seq}')")`: table DDL from a schema helper, not a query.
; Nor a `text` imported from another library (`from tagflow import text`: an HTML text node; round 83,
; polar's backoffice) in a file that also imports SQLAlchemy.
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^(sqlalchemy|sqlmodel|flask_sqlalchemy)(\\.|$)")
 (#match? @fn "((^|\\.)(text|literal_column)|\\.(filter|order_by|group_by|having|distinct|where))$")
 (#not-resolves-to? @fn "{{foreign-sql-text-call}}")
 (#not-text-before? @finding "\\bserver_(default|onupdate)\\s*=\\s*$")
 (#match? @args "^\\(\\s*[rRuU]?[fF][rR]?(\"\"\"|\\'\\'\\'|\"|\\')(?:(?!\\1)[^\\n])*?(?<!\\{)\\{(?!\\{)(?!\\s*[A-Z][A-Z0-9_]*\\s*[}!:])")
 (#interpolates-runtime-value? @args)
 (#not-match? @args "^\\(\\s*[rRuU]?[fF]?[rR]?(\"\"\"|\\'\\'\\'|\"|\\')\\s*\\(?\\s*([Ss][Ee][Ll][Ee][Cc][Tt]|[Ii][Nn][Ss][Ee][Rr][Tt]|[Uu][Pp][Dd][Aa][Tt][Ee]|[Dd][Ee][Ll][Ee][Tt][Ee]|[Ww][Ii][Tt][Hh]|[Rr][Ee][Pp][Ll][Aa][Cc][Ee]|[Mm][Ee][Rr][Gg][Ee])\\s")
 (#set! rule "python.sql.orm-fragment-injection")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "Raw SQL fragment built with an f-string goes straight into the query: SQL injection. Use column expressions (User.name == name, getattr(User, col).desc() from an allow-list) or text(\"name = :name\").bindparams(name=name)."))

; ... with % formatting: filter(text("name = '%s'" % name)), order_by("%s desc" % col)
; (a %s / %r placeholder: `%d`, `%x`, `%f` format numbers only, and anything else raises TypeError,
; so `text("rownum %% %d = 1" % windowsize)` splices no text)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^(sqlalchemy|sqlmodel|flask_sqlalchemy)(\\.|$)")
 (#match? @fn "((^|\\.)(text|literal_column)|\\.(filter|order_by|group_by|having|distinct|where))$")
 (#not-resolves-to? @fn "{{foreign-sql-text-call}}")
 (#match? @args "^\\(\\s*[rRuU]?(\"\"\"|\\'\\'\\'|\"|\\')(?:(?!\\1)[^\\n])*?%(\\([A-Za-z_]\\w*\\))?[-+# 0-9.]*[sra](?:(?!\\1)[^\\n])*\\1\\s*%\\s*[A-Za-z_(]")
 (#not-match? @args "^\\(\\s*[rRuU]?(\"\"\"|\\'\\'\\'|\"|\\')\\s*\\(?\\s*([Ss][Ee][Ll][Ee][Cc][Tt]|[Ii][Nn][Ss][Ee][Rr][Tt]|[Uu][Pp][Dd][Aa][Tt][Ee]|[Dd][Ee][Ll][Ee][Tt][Ee]|[Ww][Ii][Tt][Hh]|[Rr][Ee][Pp][Ll][Aa][Cc][Ee]|[Mm][Ee][Rr][Gg][Ee])\\s")
 (#set! rule "python.sql.orm-fragment-injection")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "Raw SQL fragment built with % formatting goes straight into the query: SQL injection. Use column expressions or text(\"name = :name\").bindparams(name=name)."))

; ... with str.format: filter(text("name = '{}'".format(name)))
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^(sqlalchemy|sqlmodel|flask_sqlalchemy)(\\.|$)")
 (#match? @fn "((^|\\.)(text|literal_column)|\\.(filter|order_by|group_by|having|distinct|where))$")
 (#not-resolves-to? @fn "{{foreign-sql-text-call}}")
 (#match? @args "^\\(\\s*[rRuU]?(\"\"\"|\\'\\'\\'|\"|\\')(?:(?!\\1)[^\\n])*?\\{\\w*\\}(?:(?!\\1)[^\\n])*\\1\\s*\\.format\\(")
 (#not-match? @args "^\\(\\s*[rRuU]?(\"\"\"|\\'\\'\\'|\"|\\')\\s*\\(?\\s*([Ss][Ee][Ll][Ee][Cc][Tt]|[Ii][Nn][Ss][Ee][Rr][Tt]|[Uu][Pp][Dd][Aa][Tt][Ee]|[Dd][Ee][Ll][Ee][Tt][Ee]|[Ww][Ii][Tt][Hh]|[Rr][Ee][Pp][Ll][Aa][Cc][Ee]|[Mm][Ee][Rr][Gg][Ee])\\s")
 (#set! rule "python.sql.orm-fragment-injection")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "Raw SQL fragment built with str.format goes straight into the query: SQL injection. Use column expressions or text(\"name = :name\").bindparams(name=name)."))

; sql += f" AND name = '{name}'": a query extended piece by piece (the first piece is often constant)
((augmented_assignment left: (_) @name right: (_) @value) @finding
 (#imports? "{{sql-driver-modules}}")
 (#match? @value "^[rRuU]?[fF][rR]?(\"\"\"|\\'\\'\\'|\"|\\')[\\s\\S]*?\\b(WHERE|AND|OR|HAVING|SET|ON|where|and|or|having)\\s[\\s\\S]*?([=<>]|\\b(LIKE|like)|\\b(IN|in)\\s*\\()\\s*['\"]?%?\\{(?!\\{)(?!\\s*[A-Z][A-Z0-9_]*\\s*[}!:])")
 (#match? @value "^[rRuU]?[fF][rR]?(\"\"\"|\\'\\'\\'|\"|\\')\\s*(WHERE|AND|OR|HAVING|SET|ON|ORDER BY|,)\\s")
 (#set! rule "python.sql.fstring-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built with an f-string from a value: SQL injection. Keep the SQL constant and pass the value as a query parameter (cursor.execute(sql, (value,)) with %s / ? / $1 per driver)."))

; sql = (f"SELECT id FROM users "
;        f"WHERE name = '{name}'"): implicitly concatenated pieces, one of them interpolating a value
((parenthesized_expression (concatenated_string) @finding)
 (#imports? "{{sql-driver-modules}}")
 (#match? @finding "^[rRuU]?[fF]?[rR]?(\"\"\"|\\'\\'\\'|\"|\\')\\s*\\(?\\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\\s")
 (#match? @finding "(^|\\s)[rRuU]?[fF][rR]?(\"|\\')[^\"\\'\\n]*?([=<>]|\\bLIKE|\\bIN\\s*\\()\\s*['\"]?%?\\{(?!\\{)(?!\\s*[A-Z][A-Z0-9_]*\\s*[}!:])")
 (#set! rule "python.sql.fstring-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL built with an f-string from a value: SQL injection. Keep the SQL constant and pass the value as a query parameter (cursor.execute(sql, (value,)) with %s / ? / $1 per driver)."))

; sql += " AND name = '%s'" % name, sql += " AND id = {}".format(uid); and (concat-query) sql += " AND id = " + str(uid)
((augmented_assignment left: (_) @name right: (_) @value) @finding
 (#imports? "{{sql-driver-modules}}")
 (#match? @value "^[rRuU]?(\"\"\"|\\'\\'\\'|\"|\\')\\s*(WHERE|AND|OR|HAVING|SET|ON|,)\\s")
 (#match? @value "^[rRuU]?(\"\"\"|\\'\\'\\'|\"|\\')[\\s\\S]*?([=<>]|\\b(LIKE|like)|\\b(IN|in)\\s*\\()\\s*['\"]?%?(%(\\([A-Za-z_]\\w*\\))?[-+# 0-9.]*[sra][\\s\\S]*?[\"\\']\\s*%\\s*[A-Za-z_(]|\\{\\w*\\}[\\s\\S]*?[\"\\']\\s*\\.format\\()")
 (#set! rule "python.sql.format-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL extended with a %- or str.format-formatted value: SQL injection. Append a placeholder instead (sql += \" AND id = %s\"; params.append(value)) and pass the values to execute()."))

((augmented_assignment left: (_) @name right: (_) @value) @finding
 (#imports? "{{sql-driver-modules}}")
 (#match? @value "^[rRuU]?(\"\"\"|\\'\\'\\'|\"|\\')\\s*(WHERE|AND|OR|HAVING|SET|ON|,)\\s")
 (#match? @value "^[rRuU]?(\"\"\"|\\'\\'\\'|\"|\\')[\\s\\S]*?([=<>]|\\b(LIKE|like)|\\b(IN|in)\\s*\\()\\s*['\"]?%?[\"\\']\\s*\\+\\s*[A-Za-z_(]")
 (#set! rule "python.sql.concat-query")
 (#set! category "sql")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "89")
 (#set! message "SQL extended by concatenating a value: SQL injection. Append a placeholder instead (sql += \" AND id = %s\"; params.append(value)) and pass the values to execute()."))
