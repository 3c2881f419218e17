; Findings: TLS certificate or hostname verification turned off (CWE-295).
;
; `rejectUnauthorized: false` in any object literal (https.Agent, tls.connect, axios / got / pg /
; mysql2 / ioredis / nodemailer / ws options) or assigned to an options object, `strictSSL: false`
; (request), `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'` (turns verification off for the
; whole process), and a `checkServerIdentity` that accepts every certificate.
;
; Fixes: `ecma.set-true` flips the option back to `true`; `ecma.remove-property` removes the
; checkServerIdentity override (the default check applies again). The environment variable has
; no mechanical fix: the code usually works around a missing CA (pass it with `ca:` instead).
; Not flagged: browser code (a socket.io client in a React page: a browser verifies certificates itself
; and ignores the option; round 62, maxun), and the option turned off only inside an `if` on the operator's own opt-out
; (`if (config['allow-self-signed'])`, `if (opts.insecure)`, `if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0')`).

((pair
   key: (property_identifier) @k
   value: (false) @value) @finding
 (#any-of? @k "rejectUnauthorized" "strictSSL")
 (#not-mode-switch? @finding "(rejectUnauthorized|strictSSL)\\s*:\\s*true")
 (#not-browser-code? @finding)
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#set! rule "ecma.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "TLS certificate verification is off: any certificate is accepted, so anyone on the network path can intercept the connection; keep it on and pass a private CA with `ca:` if needed")
 (#set! fix "ecma.set-true"))

; A mode switch: `rejectUnauthorized: false` in one branch (if / else / case / ternary arm) of a
; function that sets `rejectUnauthorized: true` elsewhere (libpq `sslmode` require vs verify-full).
; The operator picks the relaxed mode: an audit finding (confidence low), not an error.
((pair
   key: (property_identifier) @k
   value: (false) @value) @finding
 (#any-of? @k "rejectUnauthorized" "strictSSL")
 (#mode-switch? @finding "(rejectUnauthorized|strictSSL)\\s*:\\s*true")
 (#not-browser-code? @finding)
 (#set! confidence "low")
 (#set! rule "ecma.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "TLS certificate verification is off in this mode; another branch turns it on, so the operator picks the mode: make sure the relaxed one is not the default and document it")
 (#set! fix "ecma.set-true"))

((assignment_expression
   left: (member_expression property: (property_identifier) @k)
   right: (false) @value) @finding
 (#any-of? @k "rejectUnauthorized" "strictSSL")
 (#not-browser-code? @finding)
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#set! rule "ecma.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "TLS certificate verification is off: any certificate is accepted, so anyone on the network path can intercept the connection; keep it on and pass a private CA with `ca:` if needed")
 (#set! fix "ecma.set-true"))

; process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0' / = 0 / process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0'
((assignment_expression
   left: [
     (member_expression property: (property_identifier) @k)
     (subscript_expression index: (string) @k)
   ]
   right: [(string) (number)] @value) @finding
 (#match? @k "^['\"]?NODE_TLS_REJECT_UNAUTHORIZED['\"]?$")
 (#match? @value "^(['\"]0['\"]|0)$")
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#set! rule "ecma.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "NODE_TLS_REJECT_UNAUTHORIZED=0 disables certificate verification for every TLS connection in the process; remove it and trust the needed CA with `ca:` or NODE_EXTRA_CA_CERTS"))

; checkServerIdentity: () => undefined, () => {}, function () { return; }, checkServerIdentity() {}
((pair
   key: (property_identifier) @k
   value: [
     (arrow_function body: (_) @body)
     (function_expression body: (_) @body)
   ]) @finding
 (#eq? @k "checkServerIdentity")
 (#match? @body "^(undefined|null|\\{\\s*(return\\s*(undefined|null)?\\s*;?\\s*)?\\})$")
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#set! rule "ecma.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "checkServerIdentity accepts every certificate name: a valid certificate for any domain passes (man-in-the-middle); remove the override")
 (#set! fix "ecma.remove-property"))

((method_definition
   name: (property_identifier) @k
   body: (statement_block) @body) @finding
 (#eq? @k "checkServerIdentity")
 (#match? @body "^\\{\\s*(return\\s*(undefined|null)?\\s*;?\\s*)?\\}$")
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#set! rule "ecma.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "checkServerIdentity accepts every certificate name: a valid certificate for any domain passes (man-in-the-middle); remove the override")
 (#set! fix "ecma.remove-property"))

; Weak TLS protocol versions (CWE-327): secureProtocol: 'TLSv1_method' / 'SSLv3_method' /
; 'TLSv1_1_method', minVersion: 'TLSv1' / 'TLSv1.1', tls.DEFAULT_MIN_VERSION = 'TLSv1'. Not
; 'SSLv23_method': OpenSSL's negotiate-any method, which Node caps at TLS 1.2 and floors at its
; default minimum (TLS 1.2), so it allows nothing older.
((pair
   key: (property_identifier) @k
   value: (string) @finding)
 (#eq? @k "secureProtocol")
 (#match? @finding "^.(SSLv2|SSLv3|TLSv1|TLSv1_1)_(method|client_method|server_method).$")
 (#set! rule "ecma.crypto.weak-tls-version")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "327")
 (#set! message "This secureProtocol allows SSLv3 / TLS 1.0 / TLS 1.1, which are broken or deprecated (RFC 8996); drop secureProtocol and set minVersion: 'TLSv1.2'"))

((pair
   key: (property_identifier) @k
   value: (string) @finding)
 (#any-of? @k "minVersion" "maxVersion")
 (#match? @finding "^.(SSLv3|TLSv1|TLSv1\\.1).$")
 (#set! rule "ecma.crypto.weak-tls-version")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "327")
 (#set! message "TLS 1.0 / 1.1 are deprecated (RFC 8996) and allow downgrade attacks; use minVersion: 'TLSv1.2'"))

((assignment_expression
   left: (member_expression property: (property_identifier) @k)
   right: (string) @finding)
 (#any-of? @k "DEFAULT_MIN_VERSION" "DEFAULT_MAX_VERSION")
 (#match? @finding "^.(SSLv3|TLSv1|TLSv1\\.1).$")
 (#set! rule "ecma.crypto.weak-tls-version")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "327")
 (#set! message "Lowering tls.DEFAULT_MIN_VERSION to TLS 1.0 / 1.1 weakens every TLS connection in the process; keep the default (TLSv1.2)"))
