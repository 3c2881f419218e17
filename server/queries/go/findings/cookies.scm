; Session cookies without Secure / HttpOnly (CWE-614, CWE-1004): an http.Cookie literal whose Name
; looks like a session, auth, token or login cookie and that lacks `Secure: true` / `HttpOnly: true`
; (or sets them to false). A field set from an expression (`Secure: cfg.Secure`) is trusted.
; CSRF cookies are exempt from HttpOnly: double-submit tokens must be readable by scripts.
; A cookie added to an outgoing request (`req.AddCookie(&http.Cookie{…})`) is a client sending a
; credential: Secure and HttpOnly are Set-Cookie attributes, meaningless there; so is one built in a
; variable that the function then adds to a request (`cookie := &http.Cookie{…}; req.AddCookie(cookie)`:
; round 103, argo-cd's CLI logout revoking its token).
; A cookie that is being cleared (`Value: ""`, `MaxAge: -1`: a logout's RemoveAuthCookie) carries
; no session to steal (cookie-cleared).

((composite_literal
   type: (qualified_type) @type
   body: (literal_value
     (keyed_element
       key: (literal_element (identifier) @key)
       value: (literal_element [(interpreted_string_literal) (raw_string_literal) (identifier) (selector_expression)] @name))) @body) @finding
 (#not-argument-of? @finding "\\.AddCookie$")
 (#not-text-after? @finding "\\.AddCookie\\(")
 (#match? @type "\\.Cookie$")
 (#eq? @key "Name")
 (#match? @name "[Ss]ess|SESS|(^|[^A-Za-z])sid|SID|[Aa]uth|AUTH|[Tt]oken|TOKEN|[Jj]wt|JWT|[Rr]emember|REMEMBER|[Ll]ogin|LOGIN|[Cc]srf|CSRF|[Xx]srf|XSRF")
 (#not-match? @body "\\bSecure\\s*:\\s*(?!\\s|false\\b)")
 (#not-match? @body "{{cookie-cleared}}")
 (#imports? "^net/http$")
 (#set! rule "go.auth.cookie-not-secure")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! cwe "614")
 (#set! message "Session cookie without Secure: it is also sent over plain HTTP, where anyone on the network can steal the session. Set Secure: true (and SameSite).")
 (#set! fix "go.cookie-secure"))

((composite_literal
   type: (qualified_type) @type
   body: (literal_value
     (keyed_element
       key: (literal_element (identifier) @key)
       value: (literal_element [(interpreted_string_literal) (raw_string_literal) (identifier) (selector_expression)] @name))) @body) @finding
 (#not-argument-of? @finding "\\.AddCookie$")
 (#not-text-after? @finding "\\.AddCookie\\(")
 (#match? @type "\\.Cookie$")
 (#eq? @key "Name")
 (#match? @name "[Ss]ess|SESS|(^|[^A-Za-z])sid|SID|[Aa]uth|AUTH|[Tt]oken|TOKEN|[Jj]wt|JWT|[Rr]emember|REMEMBER|[Ll]ogin|LOGIN|[Cc]srf|CSRF|[Xx]srf|XSRF")
 (#not-match? @name "[Cc]srf|CSRF|[Xx]srf|XSRF")
 (#not-match? @body "\\bHttpOnly\\s*:\\s*(?!\\s|false\\b)")
 (#not-match? @body "{{cookie-cleared}}")
 (#imports? "^net/http$")
 (#set! rule "go.auth.cookie-not-httponly")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "1004")
 (#set! message "Session cookie without HttpOnly: any XSS can read it with document.cookie and take over the session. Set HttpOnly: true.")
 (#set! fix "go.cookie-httponly"))
