; Session cookies without Secure / HttpOnly (CWE-614, CWE-1004): response.set_cookie("session", ...)
; in Flask/Werkzeug, Django, Starlette/FastAPI, aiohttp, bottle, ... without secure=True /
; httponly=True (those frameworks default both to off), and framework settings that turn them off
; (Django SESSION_COOKIE_SECURE = False, Flask app.config["SESSION_COOKIE_HTTPONLY"] = False).
; Cookie names must look like a session, auth, token, login or remember-me cookie; a flag set from
; an expression (secure=settings.HTTPS) is trusted, and so are **options. CSRF cookies are exempt
; from HttpOnly: double-submit tokens must be readable by scripts. A cookie holding a literal flag,
; set_cookie("is_user_authorized", "true"), carries no secret: page scripts read it to show state.

; resp.set_cookie("session", value) / set_cookie(key="session", ...) without secure=True
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^(flask|werkzeug|django|starlette|fastapi|quart|sanic|bottle|aiohttp)(\\.|$)")
 (#match? @fn "\\.set_cookie$")
 (#match? @args "^\\(\\s*([rRuU]?[\"\\'][^\"\\']*|[\\w.]*)([Ss]ess|SESS|(?<![a-z])sid|SID|[Aa]uth|AUTH|[Tt]oken|TOKEN|[Jj]wt|JWT|[Rr]emember|REMEMBER|[Ll]ogin|LOGIN|[Cc]srf|CSRF|[Xx]srf|XSRF)|\\bkey\\s*=\\s*([rRuU]?[\"\\'][^\"\\']*|[\\w.]*)([Ss]ess|SESS|(?<![a-z])sid|SID|[Aa]uth|AUTH|[Tt]oken|TOKEN|[Jj]wt|JWT|[Rr]emember|REMEMBER|[Ll]ogin|LOGIN|[Cc]srf|CSRF|[Xx]srf|XSRF)")
 (#not-match? @args "\\bsecure\\s*=\\s*(?!\\s|False\\b)|\\*\\*")
 (#not-match? @args "^\\(\\s*[^,]+,\\s*[rRuU]?[\"\\'](true|false|True|False|yes|no|1|0)[\"\\']\\s*[,)]|\\bvalue\\s*=\\s*[rRuU]?[\"\\'](true|false|True|False|yes|no|1|0)[\"\\']")
 (#not-match? @args "^\\(\\s*[rRuU]?[\"\\']?[\\w.-]*([Pp]ublic|PUBLIC)[-_]?([Kk]ey|KEY)")
 (#set! rule "python.auth.cookie-not-secure")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! cwe "614")
 (#set! message "Session cookie without secure=True: it is also sent over plain HTTP, where anyone on the network can steal the session. Pass secure=True (and samesite=\"Lax\").")
 (#set! fix "python.cookie-secure"))

; resp.set_cookie("theme", "dark", secure=False): Secure switched off explicitly, whatever the cookie
; (session-like names are reported by the rule above)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^(flask|werkzeug|django|starlette|fastapi|quart|sanic|bottle|aiohttp)(\\.|$)")
 (#match? @fn "\\.(set_cookie|set_signed_cookie)$")
 (#match? @args "\\bsecure\\s*=\\s*False\\b")
 (#not-match? @args "^\\(\\s*([rRuU]?[\"\\'][^\"\\']*|[\\w.]*)([Ss]ess|SESS|(?<![a-z])sid|SID|[Aa]uth|AUTH|[Tt]oken|TOKEN|[Jj]wt|JWT|[Rr]emember|REMEMBER|[Ll]ogin|LOGIN|[Cc]srf|CSRF|[Xx]srf|XSRF)|\\bkey\\s*=\\s*([rRuU]?[\"\\'][^\"\\']*|[\\w.]*)([Ss]ess|SESS|(?<![a-z])sid|SID|[Aa]uth|AUTH|[Tt]oken|TOKEN|[Jj]wt|JWT|[Rr]emember|REMEMBER|[Ll]ogin|LOGIN|[Cc]srf|CSRF|[Xx]srf|XSRF)")
 (#set! rule "python.auth.cookie-not-secure")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! cwe "614")
 (#set! message "secure=False sends the cookie over plain HTTP too, where anyone on the network can read or replace it. Pass secure=True (HTTPS only); for local development, set it from configuration.")
 (#set! fix "python.cookie-secure"))

; SESSION_COOKIE_SECURE = False (Django settings), app.config["SESSION_COOKIE_SECURE"] = False. Not in
; the branch of a settings file that runs only for a localhost host (`if DOMAIN == "localhost":`, the
; https branch sets True): a developer's plain-HTTP machine, where no cookie crosses a network.
((assignment left: (_) @name right: (_) @value) @finding
 (#eq? @value "False")
 (#match? @name "^(SESSION_COOKIE_SECURE|CSRF_COOKIE_SECURE|REMEMBER_COOKIE_SECURE|LANGUAGE_COOKIE_SECURE)$|\\[\\s*[\"\\'](SESSION_COOKIE_SECURE|CSRF_COOKIE_SECURE|REMEMBER_COOKIE_SECURE|LANGUAGE_COOKIE_SECURE)[\"\\']\\s*\\]$")
 (#not-guarded-by? @finding "==\\s*[rRuU]?[\"\\'](localhost|127\\.0\\.0\\.1)(:\\d+)?[\"\\']|[\"\\'](localhost|127\\.0\\.0\\.1)(:\\d+)?[\"\\']\\s*==")
 (#set! rule "python.auth.cookie-not-secure")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! cwe "614")
 (#set! message "Secure is turned off for a framework cookie setting (session, CSRF, remember-me or language cookie): the cookie is also sent over plain HTTP. Set it to True.")
 (#set! fix "python.flip-false"))

; app.config.update(SESSION_COOKIE_SECURE=False)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#match? @args "\\b(SESSION_COOKIE_SECURE|CSRF_COOKIE_SECURE|REMEMBER_COOKIE_SECURE|LANGUAGE_COOKIE_SECURE)\\s*=\\s*False\\b")
 (#set! rule "python.auth.cookie-not-secure")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! cwe "614")
 (#set! message "Secure is turned off for a framework cookie setting (session, CSRF, remember-me or language cookie): the cookie is also sent over plain HTTP. Set it to True.")
 (#set! fix "python.cookie-setting-true"))

; resp.set_cookie("session", value) / set_cookie(key="session", ...) without httponly=True
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^(flask|werkzeug|django|starlette|fastapi|quart|sanic|bottle|aiohttp)(\\.|$)")
 (#match? @fn "\\.set_cookie$")
 (#match? @args "^\\(\\s*([rRuU]?[\"\\'][^\"\\']*|[\\w.]*)([Ss]ess|SESS|(?<![a-z])sid|SID|[Aa]uth|AUTH|[Tt]oken|TOKEN|[Jj]wt|JWT|[Rr]emember|REMEMBER|[Ll]ogin|LOGIN|[Cc]srf|CSRF|[Xx]srf|XSRF)|\\bkey\\s*=\\s*([rRuU]?[\"\\'][^\"\\']*|[\\w.]*)([Ss]ess|SESS|(?<![a-z])sid|SID|[Aa]uth|AUTH|[Tt]oken|TOKEN|[Jj]wt|JWT|[Rr]emember|REMEMBER|[Ll]ogin|LOGIN|[Cc]srf|CSRF|[Xx]srf|XSRF)")
 (#not-match? @args "^\\(\\s*([rRuU]?[\"\\'][^\"\\']*|[\\w.]*)([Cc]srf|CSRF|[Xx]srf|XSRF)|\\bkey\\s*=\\s*([rRuU]?[\"\\'][^\"\\']*|[\\w.]*)([Cc]srf|CSRF|[Xx]srf|XSRF)")
 (#not-match? @args "\\bhttponly\\s*=\\s*(?!\\s|False\\b)|\\*\\*")
 (#not-match? @args "^\\(\\s*[^,]+,\\s*[rRuU]?[\"\\'](true|false|True|False|yes|no|1|0)[\"\\']\\s*[,)]|\\bvalue\\s*=\\s*[rRuU]?[\"\\'](true|false|True|False|yes|no|1|0)[\"\\']")
 (#not-match? @args "^\\(\\s*[rRuU]?[\"\\']?[\\w.-]*([Pp]ublic|PUBLIC)[-_]?([Kk]ey|KEY)")
 (#set! rule "python.auth.cookie-not-httponly")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "1004")
 (#set! message "Session cookie without httponly=True: any XSS can read it from document.cookie and take over the session. Pass httponly=True.")
 (#set! fix "python.cookie-httponly"))

; SESSION_COOKIE_HTTPONLY = False (Django settings), app.config["SESSION_COOKIE_HTTPONLY"] = False
((assignment left: (_) @name right: (_) @value) @finding
 (#eq? @value "False")
 (#match? @name "^(SESSION_COOKIE_HTTPONLY|REMEMBER_COOKIE_HTTPONLY)$|\\[\\s*[\"\\'](SESSION_COOKIE_HTTPONLY|REMEMBER_COOKIE_HTTPONLY)[\"\\']\\s*\\]$")
 (#set! rule "python.auth.cookie-not-httponly")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "1004")
 (#set! message "HttpOnly is turned off for the framework's session cookie: any XSS can read it. Set it to True.")
 (#set! fix "python.flip-false"))

; app.config.update(SESSION_COOKIE_HTTPONLY=False)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#match? @args "\\b(SESSION_COOKIE_HTTPONLY|REMEMBER_COOKIE_HTTPONLY)\\s*=\\s*False\\b")
 (#set! rule "python.auth.cookie-not-httponly")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "1004")
 (#set! message "HttpOnly is turned off for the framework's session cookie: any XSS can read it. Set it to True.")
 (#set! fix "python.cookie-setting-true"))
