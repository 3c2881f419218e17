; Secrets compared in variable time (CWE-208): == / != on MACs, signatures, digests, tokens,
; passwords, API keys, OTPs and nonces (same names as the timing region rule: `expected_sig`,
; `user.password_hash`, `apiKey`, `WEBHOOK_SECRET`; not `token_count`, `hash_algorithm`), and on
; secret headers (request.headers["X-Hub-Signature-256"], headers.get("X-Api-Key")). The other side
; must hold a value: literals (`token == ""`, `sig != None`), `is` / `is not`, class and constant
; names (`token == Token.NAME`) and lengths never match. All four patterns share one structure.

; <secret> == <expression>
((comparison_operator [(identifier) @lname (attribute object: (_) @lowner attribute: (identifier) @lname) (subscript subscript: (string) @lkey) (call function: (attribute attribute: (identifier) @lget) arguments: (argument_list . (string) @lkey)) (call) (subscript) (binary_operator)] @l . ["==" "!="] . [(identifier) @rname (attribute object: (_) @rowner attribute: (identifier) @rname) (subscript subscript: (string) @rkey) (call function: (attribute attribute: (identifier) @rget) arguments: (argument_list . (string) @rkey)) (call) (subscript) (binary_operator)] @r) @finding
 (#match? @lname "(^|_)(h?mac|sig|signature|digest|hash|hashed|token|secret|api_?key|apikey|password|passwd|pwd|otp|nonce|(secret|signing|hmac|private)_key)(_(hash|hashed|digest|hex|hexdigest|bytes|b64|value|str|raw|code|bin))?$|^[a-z][A-Za-z0-9]*(Mac|Hmac|HMAC|Sig|Signature|Digest|Hash|Hashed|Token|Secret|ApiKey|Password|Otp|OTP|Nonce)(Hash|Digest|Hex|Bytes|Value|Code)?$|^(api|secret|signing)Key$|(^|_)(H?MAC|SIG|SIGNATURE|DIGEST|HASH|TOKEN|SECRET|API_?KEY|PASSWORD|OTP|NONCE|(SECRET|SIGNING|HMAC|PRIVATE)_KEY)(_(HASH|DIGEST|HEX|BYTES|VALUE))?$")
 (#not-match? @r "^([A-Za-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*$|(^|\\.)signature\\(|__signature__$|compare_digest|^(other|that|rhs)\\.|^getattr\\(\\s*(other|that|rhs)\\b|(^|\\.)(eof|EOF)$")
 (#not-match? @l "^(other|that|rhs)\\.")
 (#not-match? @lowner "^([A-Za-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*$")
 (#strong-secret-compare? @finding)
 (#set! rule "python.timing.secret-compare")
 (#set! category "timing")
 (#set! severity "error")
 (#set! cwe "208")
 (#set! message "Secret compared with ==/!=, which stops at the first differing character and leaks how much of a MAC/signature/token matched; use hmac.compare_digest(a, b).")
 (#set! fix "python.compare-digest"))

; <expression> == <secret>
((comparison_operator [(identifier) @lname (attribute object: (_) @lowner attribute: (identifier) @lname) (subscript subscript: (string) @lkey) (call function: (attribute attribute: (identifier) @lget) arguments: (argument_list . (string) @lkey)) (call) (subscript) (binary_operator)] @l . ["==" "!="] . [(identifier) @rname (attribute object: (_) @rowner attribute: (identifier) @rname) (subscript subscript: (string) @rkey) (call function: (attribute attribute: (identifier) @rget) arguments: (argument_list . (string) @rkey)) (call) (subscript) (binary_operator)] @r) @finding
 (#match? @rname "(^|_)(h?mac|sig|signature|digest|hash|hashed|token|secret|api_?key|apikey|password|passwd|pwd|otp|nonce|(secret|signing|hmac|private)_key)(_(hash|hashed|digest|hex|hexdigest|bytes|b64|value|str|raw|code|bin))?$|^[a-z][A-Za-z0-9]*(Mac|Hmac|HMAC|Sig|Signature|Digest|Hash|Hashed|Token|Secret|ApiKey|Password|Otp|OTP|Nonce)(Hash|Digest|Hex|Bytes|Value|Code)?$|^(api|secret|signing)Key$|(^|_)(H?MAC|SIG|SIGNATURE|DIGEST|HASH|TOKEN|SECRET|API_?KEY|PASSWORD|OTP|NONCE|(SECRET|SIGNING|HMAC|PRIVATE)_KEY)(_(HASH|DIGEST|HEX|BYTES|VALUE))?$")
 (#not-match? @l "^([A-Za-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*$|(^|\\.)signature\\(|__signature__$|compare_digest|^(other|that|rhs)\\.|^getattr\\(\\s*(other|that|rhs)\\b|(^|\\.)(eof|EOF)$")
 (#not-match? @r "^(other|that|rhs)\\.")
 (#not-match? @rowner "^([A-Za-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*$")
 (#strong-secret-compare? @finding)
 (#set! rule "python.timing.secret-compare")
 (#set! category "timing")
 (#set! severity "error")
 (#set! cwe "208")
 (#set! message "Secret compared with ==/!=, which stops at the first differing character and leaks how much of a MAC/signature/token matched; use hmac.compare_digest(a, b).")
 (#set! fix "python.compare-digest"))

; request.headers["X-Hub-Signature-256"] != expected
((comparison_operator [(identifier) @lname (attribute object: (_) @lowner attribute: (identifier) @lname) (subscript subscript: (string) @lkey) (call function: (attribute attribute: (identifier) @lget) arguments: (argument_list . (string) @lkey)) (call) (subscript) (binary_operator)] @l . ["==" "!="] . [(identifier) @rname (attribute object: (_) @rowner attribute: (identifier) @rname) (subscript subscript: (string) @rkey) (call function: (attribute attribute: (identifier) @rget) arguments: (argument_list . (string) @rkey)) (call) (subscript) (binary_operator)] @r) @finding
 (#match? @lkey "^[rRbBuU]*[\\\"'](.*[-_ .])?([Ss]ignature|SIGNATURE|[Tt]oken|TOKEN|[Ss]ecret|SECRET|[Hh]mac|HMAC|[Dd]igest|DIGEST|[Aa]pi[-_]?[Kk]ey|API[-_]?KEY|[Pp]assword|PASSWORD|[Oo]tp|OTP|[Nn]once|NONCE)([-_][A-Za-z]*[0-9]+)?[\\\"']$")
 (#eq? @lget "get")
 (#not-match? @r "^([A-Za-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*$|(^|\\.)signature\\(|__signature__$|compare_digest|^(other|that|rhs)\\.|^getattr\\(\\s*(other|that|rhs)\\b|(^|\\.)(eof|EOF)$")
 (#strong-secret-compare? @finding)
 (#set! rule "python.timing.secret-compare")
 (#set! category "timing")
 (#set! severity "error")
 (#set! cwe "208")
 (#set! message "Secret compared with ==/!=, which stops at the first differing character and leaks how much of a MAC/signature/token matched; use hmac.compare_digest(a, b).")
 (#set! fix "python.compare-digest"))

; expected == headers.get("X-Api-Key")
((comparison_operator [(identifier) @lname (attribute object: (_) @lowner attribute: (identifier) @lname) (subscript subscript: (string) @lkey) (call function: (attribute attribute: (identifier) @lget) arguments: (argument_list . (string) @lkey)) (call) (subscript) (binary_operator)] @l . ["==" "!="] . [(identifier) @rname (attribute object: (_) @rowner attribute: (identifier) @rname) (subscript subscript: (string) @rkey) (call function: (attribute attribute: (identifier) @rget) arguments: (argument_list . (string) @rkey)) (call) (subscript) (binary_operator)] @r) @finding
 (#match? @rkey "^[rRbBuU]*[\\\"'](.*[-_ .])?([Ss]ignature|SIGNATURE|[Tt]oken|TOKEN|[Ss]ecret|SECRET|[Hh]mac|HMAC|[Dd]igest|DIGEST|[Aa]pi[-_]?[Kk]ey|API[-_]?KEY|[Pp]assword|PASSWORD|[Oo]tp|OTP|[Nn]once|NONCE)([-_][A-Za-z]*[0-9]+)?[\\\"']$")
 (#eq? @rget "get")
 (#not-match? @l "^([A-Za-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*$|(^|\\.)signature\\(|__signature__$|compare_digest|^(other|that|rhs)\\.|^getattr\\(\\s*(other|that|rhs)\\b|(^|\\.)(eof|EOF)$")
 (#strong-secret-compare? @finding)
 (#set! rule "python.timing.secret-compare")
 (#set! category "timing")
 (#set! severity "error")
 (#set! cwe "208")
 (#set! message "Secret compared with ==/!=, which stops at the first differing character and leaks how much of a MAC/signature/token matched; use hmac.compare_digest(a, b).")
 (#set! fix "python.compare-digest"))
