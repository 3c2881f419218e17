; Findings: hard-coded secrets (CWE-798): a string literal used as the signing / verification
; key of jsonwebtoken, an HMAC key, the secret of express-session / cookie-parser / express-jwt,
; the keys of cookie-session or Koa's app.keys. Anyone with the source (or the npm package, or a
; leaked image) can forge tokens and session cookies.
;
; ecma.crypto.hardcoded-secret (error): the literal is the key.
; ecma.crypto.hardcoded-secret-fallback (warning): process.env.SECRET || 'dev-secret' / ?? : the
; literal is used whenever the variable is unset, which in production is silent.
; Not flagged: keys from variables, env, config or key stores; templates with substitutions.

; jsonwebtoken sign / verify: jwt.sign(payload, 'secret'), jwt.verify(token, 'secret')

((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (_) . [(string) (template_string)] @finding))
 (#resolves-to? @fn "^jsonwebtoken\\.(sign|verify)$")
 (#not-match? @finding "\\$\\{|^.\\s*.$")
 (#set! rule "ecma.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "The JWT key is a string literal in the source: anyone who reads the code can forge tokens; load it from a secret store or environment variable"))

((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (_) . (binary_expression left: (_) @env operator: ["||" "??"] right: [(string) (template_string)] @finding)))
 (#resolves-to? @fn "^jsonwebtoken\\.(sign|verify)$")
 (#match? @env "^process\\.env\\b|^env\\.|^config\\.")
 (#not-match? @finding "\\$\\{|^.\\s*.$")
 (#set! rule "ecma.crypto.hardcoded-secret-fallback")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "A literal fallback secret is used whenever the variable is unset, silently also in production; fail at startup when the secret is missing instead"))

; crypto.createHmac('sha256', 'secret')

((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (_) . [(string) (template_string)] @finding))
 (#resolves-to? @fn "^crypto\\.createHmac$")
 (#not-match? @finding "\\$\\{|^.\\s*.$")
 (#set! rule "ecma.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "The HMAC key is a string literal in the source: anyone who reads the code can compute valid MACs; load it from a secret store or environment variable"))

((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (_) . (binary_expression left: (_) @env operator: ["||" "??"] right: [(string) (template_string)] @finding)))
 (#resolves-to? @fn "^crypto\\.createHmac$")
 (#match? @env "^process\\.env\\b|^env\\.|^config\\.")
 (#not-match? @finding "\\$\\{|^.\\s*.$")
 (#set! rule "ecma.crypto.hardcoded-secret-fallback")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "A literal fallback secret is used whenever the variable is unset, silently also in production; fail at startup when the secret is missing instead"))

; cookieParser('secret')

((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . [(string) (template_string)] @finding))
 (#resolves-to? @fn "^cookie-parser$")
 (#not-match? @finding "\\$\\{|^.\\s*.$")
 (#set! rule "ecma.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "The cookie signing secret is a string literal in the source: anyone who reads the code can forge signed cookies; load it from a secret store or environment variable"))

((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (binary_expression left: (_) @env operator: ["||" "??"] right: [(string) (template_string)] @finding)))
 (#resolves-to? @fn "^cookie-parser$")
 (#match? @env "^process\\.env\\b|^env\\.|^config\\.")
 (#not-match? @finding "\\$\\{|^.\\s*.$")
 (#set! rule "ecma.crypto.hardcoded-secret-fallback")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "A literal fallback secret is used whenever the variable is unset, silently also in production; fail at startup when the secret is missing instead"))

; session({ secret: 'literal' }), expressjwt({ secret: 'literal' }), cookieSession({ secret })

((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (object (pair key: (property_identifier) @k value: [(string) (template_string)] @finding))))
 (#eq? @k "secret")
 (#resolves-to? @fn "^(express-session|cookie-session|express-jwt|koa-jwt|@fastify/(session|secure-session|cookie|jwt))(\\.\\w+)?$")
 (#not-match? @finding "\\$\\{|^.\\s*.$")
 (#set! rule "ecma.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "The session / token secret is a string literal in the source: anyone who reads the code can forge sessions or tokens; load it from a secret store or environment variable"))

((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (object (pair key: (property_identifier) @k value: (binary_expression left: (_) @env operator: ["||" "??"] right: [(string) (template_string)] @finding)))))
 (#eq? @k "secret")
 (#resolves-to? @fn "^(express-session|cookie-session|express-jwt|koa-jwt|@fastify/(session|secure-session|cookie|jwt))(\\.\\w+)?$")
 (#match? @env "^process\\.env\\b|^env\\.|^config\\.")
 (#not-match? @finding "\\$\\{|^.\\s*.$")
 (#set! rule "ecma.crypto.hardcoded-secret-fallback")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "A literal fallback secret is used whenever the variable is unset, silently also in production; fail at startup when the secret is missing instead"))

; session({ secret: ['literal'] }), cookieSession({ keys: ['literal'] })

((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (object (pair key: (property_identifier) @k value: (array [(string) (template_string)] @finding)))))
 (#any-of? @k "secret" "keys")
 (#resolves-to? @fn "^(express-session|cookie-session)$")
 (#not-match? @finding "\\$\\{|^.\\s*.$")
 (#set! rule "ecma.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "The session signing key is a string literal in the source: anyone who reads the code can forge session cookies; load it from a secret store or environment variable"))

((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (object (pair key: (property_identifier) @k value: (array (binary_expression left: (_) @env operator: ["||" "??"] right: [(string) (template_string)] @finding))))))
 (#any-of? @k "secret" "keys")
 (#resolves-to? @fn "^(express-session|cookie-session)$")
 (#match? @env "^process\\.env\\b|^env\\.|^config\\.")
 (#not-match? @finding "\\$\\{|^.\\s*.$")
 (#set! rule "ecma.crypto.hardcoded-secret-fallback")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "A literal fallback secret is used whenever the variable is unset, silently also in production; fail at startup when the secret is missing instead"))

; Koa app.keys = ['literal']

((assignment_expression
   left: (member_expression property: (property_identifier) @k)
   right: (array [(string) (template_string)] @finding))
 (#eq? @k "keys")
 (#imports? "^koa$")
 (#not-match? @finding "\\$\\{|^.\\s*.$")
 (#set! rule "ecma.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "Koa cookie signing keys are string literals in the source: anyone who reads the code can forge signed cookies; load them from a secret store or environment variable"))

((assignment_expression
   left: (member_expression property: (property_identifier) @k)
   right: (array (binary_expression left: (_) @env operator: ["||" "??"] right: [(string) (template_string)] @finding)))
 (#eq? @k "keys")
 (#imports? "^koa$")
 (#match? @env "^process\\.env\\b|^env\\.|^config\\.")
 (#not-match? @finding "\\$\\{|^.\\s*.$")
 (#set! rule "ecma.crypto.hardcoded-secret-fallback")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "A literal fallback secret is used whenever the variable is unset, silently also in production; fail at startup when the secret is missing instead"))
