; Secrets written to logs (CWE-532): log / slog / logrus / zap / fmt.Print* calls with an argument
; that is a variable or field named like a password, secret, token, API key, Authorization header,
; JWT, private key, cookie or session id. `len(token)`, `token != ""`, `token[:4]` and messages
; that only mention the word ("token refreshed") are not such arguments and never match. The
; argument test is a regex over the argument list (an argument is a name between `(`/`,` and
; `,`/the closing paren), so the rule shares the generic call structure. Identifiers are not
; secrets: `sessionID`, `kratosSessionID`, `userID`, `clientID` name a record (a session id is
; published as the OIDC `sid` claim, and dex / hydra keep the bearer secret apart from it), so only
; a session token or key, or a whole `session` value, counts; a name that merely ends in Session
; (`hintMatchesSession`, a bool) does not. fmt.Print* in `package main` is a command's own output
; (a key generator printing the key it made), not a log. A protocol cursor called a token (a CalDAV
; RFC 6578 sync-token, a page or continuation token, read from a sync-token element or built from an
; etag) grants nothing and is not a secret (#not-cursor-token?). A message that says the disclosure
; is for development (`log.Warn("Creating initial admin user. This should only be used for
; development purposes!!", "password", devPassword)`) logs a dev-only credential on purpose. An
; ACME HTTP-01 challenge token (`"Handling ACME challenge", "token", token`) is public by protocol:
; the CA fetches it from a well-known URL. fmt.Print* in a file that imports a CLI framework
; (cobra, urfave/cli, kong, kingpin, ff) is that command's output too, in whatever package it lives.
; An integer named like a cookie or token (`cookie uint64`, a kernel netns cookie) is an identifier.

; log.Printf("login %s %s", user, c.Password), slog.Info("issued", "token", token), fmt.Println(apiKey)
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#match? @fn "^fmt\\.(Print|Printf|Println)$|(^|\\.)(log|Log|LOG|logger|Logger|lg|l|sugar|slog|logrus|zlog|zl|entry|Logger\\(\\)|L\\(\\)|S\\(\\))\\.(Print|Printf|Println|Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln|Trace|Tracef|Debug|Debugf|Debugw|Info|Infof|Infow|Warn|Warnf|Warnw|Warning|Warningf|Error|Errorf|Errorw|DebugContext|InfoContext|WarnContext|ErrorContext|Log|Logf|Printw)$")
 (#match? @args "(?:^\\(|,)\\s*(?:[A-Za-z_]\\w*\\.)*(?:[a-z][A-Za-z0-9]*)?(?:[Pp]assword|PASSWORD|[Pp]asswd|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]pi[Kk]ey|API[Kk]ey|API_KEY|api_key|apikey|[Aa]uthorization|AUTHORIZATION|[Jj]wt|JWT|[Pp]rivate[Kk]ey|PRIVATE_KEY|[Pp]rivkey|[Cc]ookie|COOKIE|[Ss]ession(?:Token|Key)|(?<![A-Za-z0-9])[Ss]ession)\\s*(?=,|\\)$)")
 (#not-cli-output? @fn)
 (#not-cursor-token? @args)
 (#not-match? @args "^\\(\\s*\"[^\"]*([Ff]or [Dd]evelopment( purposes| use| only)?|[Dd]ev(elopment)?[- ]only|[Dd]evelopment mode)")
 (#not-match? @args "^\\(\\s*\"[^\"]*\\b(ACME|[Aa]cme)\\b[^\"]*\\b[Cc]hallenge")
 (#set! rule "go.auth.secret-logged")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "532")
 (#set! message "A secret (password, token, API key, session token, cookie or Authorization header) is written to the log, where it outlives the session and reaches everyone with log access. Log a fixed marker, a hash prefix or len(x) instead."))

; zap.String("token", token), slog.String("password", pw), log.WithField("token", token)
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#match? @fn "(^|\\.)(zap\\.(String|Any|ByteString|Stringer|Reflect|Binary)|slog\\.(String|Any)|WithField)$")
 (#match? @args "^\\(\\s*\\\"[^\\\"]*\\\"\\s*,\\s*(?:[A-Za-z_]\\w*\\.)*(?:[a-z][A-Za-z0-9]*)?(?:[Pp]assword|PASSWORD|[Pp]asswd|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]pi[Kk]ey|API[Kk]ey|API_KEY|api_key|apikey|[Aa]uthorization|AUTHORIZATION|[Jj]wt|JWT|[Pp]rivate[Kk]ey|PRIVATE_KEY|[Pp]rivkey|[Cc]ookie|COOKIE|[Ss]ession(?:Token|Key)|(?<![A-Za-z0-9])[Ss]ession)\\s*\\)$")
 (#set! rule "go.auth.secret-logged")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "532")
 (#set! message "A secret (password, token, API key, session token, cookie or Authorization header) is written to the log, where it outlives the session and reaches everyone with log access. Log a fixed marker, a hash prefix or len(x) instead."))

; log.Printf("auth header %s", r.Header.Get("Authorization"))
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#match? @fn "^fmt\\.(Print|Printf|Println)$|(^|\\.)(log|Log|LOG|logger|Logger|lg|l|sugar|slog|logrus|zlog|zl|entry|Logger\\(\\)|L\\(\\)|S\\(\\))\\.(Print|Printf|Println|Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln|Trace|Tracef|Debug|Debugf|Debugw|Info|Infof|Infow|Warn|Warnf|Warnw|Warning|Warningf|Error|Errorf|Errorw|DebugContext|InfoContext|WarnContext|ErrorContext|Log|Logf|Printw)$")
 (#match? @args "\\.Get\\(\\s*\\\"([Aa]uthorization|AUTHORIZATION|[Cc]ookie|COOKIE|[Pp]roxy-[Aa]uthorization|[Xx]-[Aa]pi-[Kk]ey|[Xx]-[Aa]uth-[Tt]oken|[Xx]-[Cc]srf-[Tt]oken)\\\"\\s*\\)")
 (#not-cli-output? @fn)
 (#set! rule "go.auth.secret-logged")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "532")
 (#set! message "A secret (password, token, API key, session token, cookie or Authorization header) is written to the log, where it outlives the session and reaches everyone with log access. Log a fixed marker, a hash prefix or len(x) instead."))
