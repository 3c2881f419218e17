; Secrets written to logs (CWE-532): logging.* / logger.* / print calls that pass a variable or
; attribute named like a password, secret, token, API key, Authorization header, JWT, private key,
; cookie or session id: as an argument, an f-string interpolation, a %-format or .format argument,
; or request.headers["Authorization"]. `len(token)`, `token is not None`, `token[:4]` and messages
; that only mention the word ("token refreshed") never match. Arguments are recognised by regexes
; over the argument list (a name between `(`/`,` and `,`/the closing paren), so these rules share
; the generic call structure. Not `print()` in a command-line program (argparse, click, getpass,
; a `__main__` guard): an admin command showing the operator the password it just generated.

; logger.info("token=%s", token), print(password), logging.debug("user %s", user.api_key)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#match? @fn "{{logger-call}}")
 (#not-cli-output? @fn)
 (#match? @args "(?:^\\(|,)\\s*(?:[A-Za-z_]\\w*\\.)*(?:_?(?:[a-z0-9]+_)*(?:password|passwd|pwd|secret|(?:access|refresh|auth|bearer|api|session|csrf|reset|jwt|id|oauth)_token|api_?key|apikey|authorization|auth_header|jwt|private_key|privkey|cookie|cookies|session_id|sessionid|session_key|session_token|client_secret|bearer)|[a-z][A-Za-z0-9]*(?:Password|Secret|Token|ApiKey|Jwt|PrivateKey|Cookie|SessionId)|[A-Z_]*(?:PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE_KEY))\\s*(?=,|\\)$)")
 (#set! rule "python.auth.secret-logged")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "532")
 (#set! message "A secret (password, token, API key, session id, cookie or Authorization header) is written to the log, where it outlives the session and reaches everyone with log access. Log a fixed marker, a hash prefix or len(x) instead."))

; logger.info(f"token={token}")
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#match? @fn "{{logger-call}}")
 (#not-cli-output? @fn)
 (#match? @args "[fF][rR]?(?:\"[^\"\\n]*?|\\'[^\\'\\n]*?)(?<!\\{)\\{\\s*(?:[A-Za-z_]\\w*\\.)*(?:_?(?:[a-z0-9]+_)*(?:password|passwd|pwd|secret|(?:access|refresh|auth|bearer|api|session|csrf|reset|jwt|id|oauth)_token|api_?key|apikey|authorization|auth_header|jwt|private_key|privkey|cookie|cookies|session_id|sessionid|session_key|session_token|client_secret|bearer)|[a-z][A-Za-z0-9]*(?:Password|Secret|Token|ApiKey|Jwt|PrivateKey|Cookie|SessionId)|[A-Z_]*(?:PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE_KEY))\\s*(?:![rsa])?(?::[^{}]*)?\\}")
 (#set! rule "python.auth.secret-logged")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "532")
 (#set! message "A secret (password, token, API key, session id, cookie or Authorization header) is written to the log, where it outlives the session and reaches everyone with log access. Log a fixed marker, a hash prefix or len(x) instead."))

; logger.info("token=%s" % token), logger.info("%s %s" % (user, password))
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#match? @fn "{{logger-call}}")
 (#not-cli-output? @fn)
 (#match? @args "[\"\\']\\s*%\\s*(?:\\(\\s*(?:[^()]*?,\\s*)?)?(?:[A-Za-z_]\\w*\\.)*(?:_?(?:[a-z0-9]+_)*(?:password|passwd|pwd|secret|(?:access|refresh|auth|bearer|api|session|csrf|reset|jwt|id|oauth)_token|api_?key|apikey|authorization|auth_header|jwt|private_key|privkey|cookie|cookies|session_id|sessionid|session_key|session_token|client_secret|bearer)|[a-z][A-Za-z0-9]*(?:Password|Secret|Token|ApiKey|Jwt|PrivateKey|Cookie|SessionId)|[A-Z_]*(?:PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE_KEY))\\s*(?=[,)])")
 (#set! rule "python.auth.secret-logged")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "532")
 (#set! message "A secret (password, token, API key, session id, cookie or Authorization header) is written to the log, where it outlives the session and reaches everyone with log access. Log a fixed marker, a hash prefix or len(x) instead."))

; logger.info("token={}".format(token))
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#match? @fn "{{logger-call}}")
 (#not-cli-output? @fn)
 (#match? @args "[\"\\']\\.format\\((?:[^()]*?,\\s*)?(?:[A-Za-z_]\\w*\\.)*(?:_?(?:[a-z0-9]+_)*(?:password|passwd|pwd|secret|(?:access|refresh|auth|bearer|api|session|csrf|reset|jwt|id|oauth)_token|api_?key|apikey|authorization|auth_header|jwt|private_key|privkey|cookie|cookies|session_id|sessionid|session_key|session_token|client_secret|bearer)|[a-z][A-Za-z0-9]*(?:Password|Secret|Token|ApiKey|Jwt|PrivateKey|Cookie|SessionId)|[A-Z_]*(?:PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE_KEY))\\s*(?=[,)])")
 (#set! rule "python.auth.secret-logged")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "532")
 (#set! message "A secret (password, token, API key, session id, cookie or Authorization header) is written to the log, where it outlives the session and reaches everyone with log access. Log a fixed marker, a hash prefix or len(x) instead."))

; logger.info("auth: %s", request.headers["Authorization"])
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#match? @fn "{{logger-call}}")
 (#not-cli-output? @fn)
 (#match? @args "(\\[\\s*|\\.get\\(\\s*)[\"']([Aa]uthorization|AUTHORIZATION|[Cc]ookie|COOKIE|[Pp]roxy-[Aa]uthorization|[Xx]-[Aa]pi-[Kk]ey|[Xx]-[Aa]uth-[Tt]oken|HTTP_AUTHORIZATION|HTTP_COOKIE)[\"']")
 (#set! rule "python.auth.secret-logged")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "532")
 (#set! message "A secret (password, token, API key, session id, cookie or Authorization header) is written to the log, where it outlives the session and reaches everyone with log access. Log a fixed marker, a hash prefix or len(x) instead."))
