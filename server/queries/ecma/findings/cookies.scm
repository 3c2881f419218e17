; Findings: session cookies without the Secure / HttpOnly attributes (CWE-614 / CWE-1004).
;
; res.cookie(name, value[, options]) (Express), reply.setCookie (Fastify), ctx.cookies.set (Koa)
; when the cookie NAME looks like a session / auth cookie (session, sid, token, auth, jwt,
; remember, refresh, access, __Host- / __Secure-; never CSRF cookies, which must be readable);
; express-session options without cookie.secure or with cookie.httpOnly false; cookie-session
; with secure / httpOnly false. `secure: 'auto'` or `secure: isProd` count as set; options with a
; spread (`...cookieOptions`) or passed as a variable are not judged. Nor a cookie whose value is a
; literal (`res.cookie('robot_auth_status', 'success')`) or whose name says it carries a status or message
; for the page (`auth_status`, `login_error`): the UI reads it, no credential is in it (round 62, maxun).
;
; Fixes: `ecma.cookie-flags` adds `secure: true, httpOnly: true` (or flips a false one) in the
; options object, or adds an options object; `ecma.session-cookie-flags` adds
; `cookie: { secure: true, httpOnly: true }` to express-session options. Note that Secure
; cookies are not sent over plain-HTTP development servers.

; res.cookie('session', value): no options at all
((call_expression
   function: (member_expression) @fn @finding
   arguments: (arguments . [(string) (identifier) (member_expression)] @name . (_) @value .)) @call
 (#match? @fn "{{cookie-setter}}")
 (#match? @name "^(?!.*(?:[cC][sS][rR][fF]|[xX][sS][rR][fF])).*(?:[sS][eE][sS][sS][iI][oO][nN]|[sS][eE][sS][sS]|[sS][iI][dD]|[tT][oO][kK][eE][nN]|[aA][uU][tT][hH]|[jJ][wW][tT]|[rR][eE][mM][eE][mM][bB][eE][rR]|[lL][oO][gG][iI][nN]|[rR][eE][fF][rR][eE][sS][hH]|[aA][cC][cC][eE][sS][sS]|__[hH][oO][sS][tT]-|__[sS][eE][cC][uU][rR][eE]-)")
 (#not-match? @name "[-_.]?([Dd]est(ination)?|DEST(INATION)?|[Rr]edirect(_?[Tt]o|_?[Uu]rl)?|REDIRECT(_?TO|_?URL)?|[Rr]eturn_?([Tt]o|[Uu]rl)|RETURN_?(TO|URL)|[Uu]rl|URL)['\"`]?$")
 (#not-match? @name "{{cookie-display-name}}")
 (#not-match? @value "{{cookie-literal-value}}")
 (#not-match? @fn "(^|\\.)cookies\\.set$")
 (#set! rule "ecma.auth.cookie-not-secure")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! cwe "614")
 (#set! message "Session cookie set without options: it lacks Secure (sent over plain HTTP) and HttpOnly (readable by any XSS); pass { secure: true, httpOnly: true }")
 (#set! fix "ecma.cookie-flags"))

; res.cookie('session', value, { ... }) without secure
((call_expression
   function: (member_expression) @fn
   arguments: (arguments . [(string) (identifier) (member_expression)] @name . (_) @value . (object) @opts @finding)) @call
 (#match? @fn "{{cookie-setter}}")
 (#match? @name "^(?!.*(?:[cC][sS][rR][fF]|[xX][sS][rR][fF])).*(?:[sS][eE][sS][sS][iI][oO][nN]|[sS][eE][sS][sS]|[sS][iI][dD]|[tT][oO][kK][eE][nN]|[aA][uU][tT][hH]|[jJ][wW][tT]|[rR][eE][mM][eE][mM][bB][eE][rR]|[lL][oO][gG][iI][nN]|[rR][eE][fF][rR][eE][sS][hH]|[aA][cC][cC][eE][sS][sS]|__[hH][oO][sS][tT]-|__[sS][eE][cC][uU][rR][eE]-)")
 (#not-match? @name "[-_.]?([Dd]est(ination)?|DEST(INATION)?|[Rr]edirect(_?[Tt]o|_?[Uu]rl)?|REDIRECT(_?TO|_?URL)?|[Rr]eturn_?([Tt]o|[Uu]rl)|RETURN_?(TO|URL)|[Uu]rl|URL)['\"`]?$")
 (#not-match? @name "{{cookie-display-name}}")
 (#not-match? @value "{{cookie-literal-value}}")
 (#not-match? @opts "(^|[{,\\s])secure\\s*(:(?!\\s*false\\b)|[,}])|\\.\\.\\.")
 (#not-match? @fn "(^|\\.)cookies\\.set$")
 (#set! rule "ecma.auth.cookie-not-secure")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! cwe "614")
 (#set! message "Session cookie without `secure: true` is also sent over plain HTTP, where it can be sniffed; set secure: true (and httpOnly: true)")
 (#set! fix "ecma.cookie-flags"))

; ... with secure but without httpOnly
((call_expression
   function: (member_expression) @fn
   arguments: (arguments . [(string) (identifier) (member_expression)] @name . (_) @value . (object) @opts @finding)) @call
 (#match? @fn "{{cookie-setter}}")
 (#match? @name "^(?!.*(?:[cC][sS][rR][fF]|[xX][sS][rR][fF])).*(?:[sS][eE][sS][sS][iI][oO][nN]|[sS][eE][sS][sS]|[sS][iI][dD]|[tT][oO][kK][eE][nN]|[aA][uU][tT][hH]|[jJ][wW][tT]|[rR][eE][mM][eE][mM][bB][eE][rR]|[lL][oO][gG][iI][nN]|[rR][eE][fF][rR][eE][sS][hH]|[aA][cC][cC][eE][sS][sS]|__[hH][oO][sS][tT]-|__[sS][eE][cC][uU][rR][eE]-)")
 (#not-match? @name "[-_.]?([Dd]est(ination)?|DEST(INATION)?|[Rr]edirect(_?[Tt]o|_?[Uu]rl)?|REDIRECT(_?TO|_?URL)?|[Rr]eturn_?([Tt]o|[Uu]rl)|RETURN_?(TO|URL)|[Uu]rl|URL)['\"`]?$")
 (#not-match? @name "{{cookie-display-name}}")
 (#not-match? @value "{{cookie-literal-value}}")
 (#match? @opts "(^|[{,\\s])secure\\s*(:(?!\\s*false\\b)|[,}])|\\.\\.\\.")
 (#not-match? @opts "(^|[{,\\s])httpOnly\\s*(:(?!\\s*false\\b)|[,}])|\\.\\.\\.")
 (#set! rule "ecma.auth.cookie-not-httponly")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "1004")
 (#set! message "Session cookie without `httpOnly: true` is readable from JavaScript, so any XSS can steal the session; set httpOnly: true")
 (#set! fix "ecma.cookie-flags"))

; session({ secret, resave: false }): express-session without cookie options (secure defaults to false)
((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (object) @opts @finding .))
 (#imports? "^express-session$")
 (#resolves-to? @fn "^express-session$")
 (#not-match? @opts "(^|[{,\\s])cookie\\b|\\.\\.\\.")
 (#not-match? @fn "(^|\\.)cookies\\.set$")
 (#set! rule "ecma.auth.cookie-not-secure")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! cwe "614")
 (#set! message "express-session without cookie options sends the session cookie without Secure (also over plain HTTP); add cookie: { secure: true, httpOnly: true } (behind a proxy also app.set('trust proxy', 1))")
 (#set! fix "ecma.session-cookie-flags"))

; session({ cookie: { secure: false } }) / session({ cookie: { maxAge } })
((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (object (pair key: (property_identifier) @ck value: (object) @opts @finding)) .))
 (#imports? "^express-session$")
 (#resolves-to? @fn "^express-session$")
 (#eq? @ck "cookie")
 (#not-match? @opts "(^|[{,\\s])secure\\s*(:(?!\\s*false\\b)|[,}])|\\.\\.\\.")
 (#not-match? @fn "(^|\\.)cookies\\.set$")
 (#set! rule "ecma.auth.cookie-not-secure")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! cwe "614")
 (#set! message "express-session cookie without `secure: true` is also sent over plain HTTP; set cookie.secure: true (behind a proxy also app.set('trust proxy', 1))")
 (#set! fix "ecma.cookie-flags"))

; session({ cookie: { httpOnly: false } })
((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (object (pair key: (property_identifier) @ck value: (object) @opts @finding)) .))
 (#imports? "^express-session$")
 (#resolves-to? @fn "^express-session$")
 (#eq? @ck "cookie")
 (#match? @opts "(^|[{,\\s])httpOnly\\s*:\\s*false\\b")
 (#set! rule "ecma.auth.cookie-not-httponly")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "1004")
 (#set! message "express-session cookie with httpOnly: false is readable from JavaScript, so any XSS can steal the session; remove it or set httpOnly: true")
 (#set! fix "ecma.cookie-flags"))

; cookieSession({ secure: false }) / cookieSession({ httpOnly: false })
((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (object (pair key: (property_identifier) @k value: (false) @value) @finding)))
 (#imports? "^cookie-session$")
 (#resolves-to? @fn "^cookie-session$")
 (#eq? @k "secure")
 (#not-match? @fn "(^|\\.)cookies\\.set$")
 (#set! rule "ecma.auth.cookie-not-secure")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! cwe "614")
 (#set! message "cookie-session with secure: false sends the session cookie over plain HTTP; set secure: true")
 (#set! fix "ecma.set-true"))

((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (object (pair key: (property_identifier) @k value: (false) @value) @finding)))
 (#imports? "^cookie-session$")
 (#resolves-to? @fn "^cookie-session$")
 (#eq? @k "httpOnly")
 (#set! rule "ecma.auth.cookie-not-httponly")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "1004")
 (#set! message "cookie-session with httpOnly: false makes the session readable from JavaScript (any XSS steals it); set httpOnly: true")
 (#set! fix "ecma.set-true"))

; Explicit `secure: false` on any cookie that the name rules above do not judge (CSRF, preference,
; tracking cookies, computed names): res.cookie(name, v, { secure: false }), ctx.cookies.set(...).
((call_expression
   function: (member_expression) @fn
   arguments: (arguments . (_) @name . (_) . (object (pair key: (property_identifier) @k value: (false) @value) @finding)))
 (#match? @fn "{{cookie-setter}}")
 (#eq? @k "secure")
 (#not-match? @name "^(?!.*(?:[cC][sS][rR][fF]|[xX][sS][rR][fF])).*(?:[sS][eE][sS][sS][iI][oO][nN]|[sS][eE][sS][sS]|[sS][iI][dD]|[tT][oO][kK][eE][nN]|[aA][uU][tT][hH]|[jJ][wW][tT]|[rR][eE][mM][eE][mM][bB][eE][rR]|[lL][oO][gG][iI][nN]|[rR][eE][fF][rR][eE][sS][hH]|[aA][cC][cC][eE][sS][sS]|__[hH][oO][sS][tT]-|__[sS][eE][cC][uU][rR][eE]-)")
 (#set! rule "ecma.auth.cookie-secure-false")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! cwe "614")
 (#set! message "secure: false sends this cookie over plain HTTP too; set secure: true (browsers exempt http://localhost in development)")
 (#set! fix "ecma.set-true"))

; cookie.serialize(name, value, { secure: false }) (the `cookie` package)
((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (_) . (_) . (object (pair key: (property_identifier) @k value: (false) @value) @finding)))
 (#imports? "^cookie$")
 (#resolves-to? @fn "^cookie\\.serialize$")
 (#eq? @k "secure")
 (#set! rule "ecma.auth.cookie-secure-false")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! cwe "614")
 (#set! message "secure: false sends this cookie over plain HTTP too; set secure: true (browsers exempt http://localhost in development)")
 (#set! fix "ecma.set-true"))
