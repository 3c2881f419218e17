; Secrets compared in variable time (CWE-208): == / != on MACs, signatures, digests, tokens,
; passwords, API keys, OTPs and nonces (same names as the timing region rule: `expected_sig`,
; `user.password_hash`, `apiKey`, `WEBHOOK_SECRET`; not `token_count`, `hash_algorithm`), and on
; secret headers (request.headers["X-Hub-Signature-256"], headers.get("X-Api-Key")). The other side
; must hold a value: literals (`token == ""`, `sig != None`), `is` / `is not`, class and constant
; names (`token == Token.NAME`) and lengths never match, nor does a marker constant
; (`secret == FAILED_TO_DECRYPT_PASSWORD`) or a SQLAlchemy expression passed to filter / where
; (`query.filter(cls.api_key == api_key)` builds a WHERE clause; the database compares). All four
; patterns share one structure.

; <secret> == <expression>
((comparison_operator [(identifier) @lname (attribute object: (_) @lowner attribute: (identifier) @lname) (subscript subscript: (string) @lkey) (call function: (attribute attribute: (identifier) @lget) arguments: (argument_list . (string) @lkey)) (call) (subscript) (binary_operator)] @l . ["==" "!="] . [(identifier) @rname (attribute object: (_) @rowner attribute: (identifier) @rname) (subscript subscript: (string) @rkey) (call function: (attribute attribute: (identifier) @rget) arguments: (argument_list . (string) @rkey)) (call) (subscript) (binary_operator)] @r) @finding
 (#match? @lname "{{secret-name}}")
 (#not-match? @r "{{constant-or-signature-call-compare}}")
 (#not-match? @l "^(other|that|rhs)\\.")
 (#not-match? @lowner "^([A-Za-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*$|^cls$")
 (#not-match? @l "{{sentinel-constant}}")
 (#not-argument-of? @finding "{{sql-expression-call}}")
 (#strong-secret-compare? @finding)
 (#set! rule "python.timing.secret-compare")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Secret compared with ==/!=, which stops at the first differing character and leaks how much of a MAC/signature/token matched; use hmac.compare_digest(a, b).")
 (#set! fix "python.compare-digest"))

; <expression> == <secret>
((comparison_operator [(identifier) @lname (attribute object: (_) @lowner attribute: (identifier) @lname) (subscript subscript: (string) @lkey) (call function: (attribute attribute: (identifier) @lget) arguments: (argument_list . (string) @lkey)) (call) (subscript) (binary_operator)] @l . ["==" "!="] . [(identifier) @rname (attribute object: (_) @rowner attribute: (identifier) @rname) (subscript subscript: (string) @rkey) (call function: (attribute attribute: (identifier) @rget) arguments: (argument_list . (string) @rkey)) (call) (subscript) (binary_operator)] @r) @finding
 (#match? @rname "{{secret-name}}")
 (#not-match? @l "{{constant-or-signature-call-compare}}")
 (#not-match? @r "^(other|that|rhs)\\.")
 (#not-match? @rowner "^([A-Za-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*$|^cls$")
 (#not-match? @r "{{sentinel-constant}}")
 (#not-argument-of? @finding "{{sql-expression-call}}")
 (#strong-secret-compare? @finding)
 (#set! rule "python.timing.secret-compare")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Secret compared with ==/!=, which stops at the first differing character and leaks how much of a MAC/signature/token matched; use hmac.compare_digest(a, b).")
 (#set! fix "python.compare-digest"))

; request.headers["X-Hub-Signature-256"] != expected
((comparison_operator [(identifier) @lname (attribute object: (_) @lowner attribute: (identifier) @lname) (subscript subscript: (string) @lkey) (call function: (attribute attribute: (identifier) @lget) arguments: (argument_list . (string) @lkey)) (call) (subscript) (binary_operator)] @l . ["==" "!="] . [(identifier) @rname (attribute object: (_) @rowner attribute: (identifier) @rname) (subscript subscript: (string) @rkey) (call function: (attribute attribute: (identifier) @rget) arguments: (argument_list . (string) @rkey)) (call) (subscript) (binary_operator)] @r) @finding
 (#match? @lkey "{{secret-header-key}}")
 (#eq? @lget "get")
 (#not-match? @r "{{constant-or-signature-call-compare}}")
 (#not-argument-of? @finding "{{sql-expression-call}}")
 (#strong-secret-compare? @finding)
 (#set! rule "python.timing.secret-compare")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Secret compared with ==/!=, which stops at the first differing character and leaks how much of a MAC/signature/token matched; use hmac.compare_digest(a, b).")
 (#set! fix "python.compare-digest"))

; expected == headers.get("X-Api-Key")
((comparison_operator [(identifier) @lname (attribute object: (_) @lowner attribute: (identifier) @lname) (subscript subscript: (string) @lkey) (call function: (attribute attribute: (identifier) @lget) arguments: (argument_list . (string) @lkey)) (call) (subscript) (binary_operator)] @l . ["==" "!="] . [(identifier) @rname (attribute object: (_) @rowner attribute: (identifier) @rname) (subscript subscript: (string) @rkey) (call function: (attribute attribute: (identifier) @rget) arguments: (argument_list . (string) @rkey)) (call) (subscript) (binary_operator)] @r) @finding
 (#match? @rkey "{{secret-header-key}}")
 (#eq? @rget "get")
 (#not-match? @l "{{constant-or-signature-call-compare}}")
 (#not-argument-of? @finding "{{sql-expression-call}}")
 (#strong-secret-compare? @finding)
 (#set! rule "python.timing.secret-compare")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Secret compared with ==/!=, which stops at the first differing character and leaks how much of a MAC/signature/token matched; use hmac.compare_digest(a, b).")
 (#set! fix "python.compare-digest"))

; A keyed MAC computed in the function (`hmac.new(key, msg, sha256).hexdigest()`, or a helper of the
; same file returning one: `expected = generate_signature(string_to_sign, secret)`) compared with
; ==/!= whatever the operands are called (round 75, grafana/oncall's chat-ops signature check, whose
; names say `expected` and `v1`): the same leak as a named signature. Not inside a query call
; (`select(T).where(T.token == token_hash)`: an SQL condition the database evaluates; round 83, polar).
((comparison_operator
   [(identifier) (attribute)]
   .
   ["==" "!="]
   .
   [(identifier) (attribute) (call)]) @finding
 (#mac-compare? @finding)
 (#not-argument-of? @finding "{{sql-expression-call}}")
 (#not-unit-name-matches? @finding "^__(eq|ne)__(\\s|$)")
 (#set! rule "python.timing.secret-compare")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Secret compared with ==/!=, which stops at the first differing character and leaks how much of a MAC/signature/token matched; use hmac.compare_digest(a, b).")
 (#set! fix "python.compare-digest"))
