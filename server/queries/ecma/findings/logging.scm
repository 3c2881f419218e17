; Findings: passwords, tokens, keys and cookies written to logs (CWE-532).
;
; console.log / info / warn / error / debug / trace and logger methods (pino, winston, bunyan,
; req.log, fastify.log, this.logger, *Logger) with an argument that is, or interpolates, a
; secret-NAMED value: the last part of an identifier, member, header subscript, template
; substitution, concatenated operand or structured-log field is password, secret, token, apiKey /
; api_key, authorization, jwt, privateKey, cookie or sessionId. Not flagged: `token.length`,
; booleans (`!!token`, `hasToken`), the word inside string text, paging and CSRF tokens, and a
; structured-log field whose value is a record's id (`sessionId: session.id`, `sessionId: cookie.sessionId`;
; `req.sessionID`, `req.session.id` and request cookies stay flagged). A bare `sessionId` names a
; record (a chat or agent session, a Stripe checkout session): only a session id read off the request
; (express-session's `req.sessionID` is the cookie value) counts, as in the Go and Python rules. A
; `hashedToken` / `digestSecret` is the lookup hash, and `console.log` in a function that writes its
; status to stderr (`process.stderr.write`) is a command's own stdout (a token printed for `$(…)`).
; A sales channel's token (`ctx.channel.token`, `channelToken`) is a public identifier: Vendure's
; storefronts send it in the `vendure-token` header to pick the channel; it grants nothing.
; No fix: redact the value or log a fingerprint instead.

((call_expression
   function: (member_expression) @fn
   arguments: (arguments [
     (identifier) @n
     (member_expression) @n
     (subscript_expression index: (string) @n)
     (template_string (template_substitution [(identifier) (member_expression)] @n))
     (object [
       (shorthand_property_identifier) @n
       (pair key: (property_identifier) @n value: [(identifier) (member_expression) (subscript_expression) (template_string)] @v)
     ])
     (binary_expression
       left: [(string) (template_string)]
       right: [(identifier) (member_expression)] @n)
   ] @finding))
 (#match? @fn "^(?:(?:window|globalThis)\\.)?console\\.(?:log|info|warn|error|debug|trace)$|(?:^|\\.)(?:[A-Za-z_$]*[Ll]ogger|LOGGER|log|LOG|logging|winston|pino|bunyan|signale)\\.(?:info|warn|warning|error|debug|trace|fatal|log|verbose|silly|notice|critical|http)$")
 (#match? @n "(?:^|[.])(?!(?:is|has|should|use|show|enable|can|did|was|with|no|missing|invalid)[A-Z_])(?:(?:password|passwd|passphrase|secret|token|apiKey|authorization|jwt|privateKey|cookie|cookies|sessionId|sessionID|setCookie|api_key|private_key|session_id|set_cookie|PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_KEY|AUTHORIZATION|JWT|PRIVATE_KEY|COOKIE|COOKIES|SESSION_ID|SET_COOKIE)|[A-Za-z0-9$]*[a-z0-9](?:Password|Passwd|Passphrase|Secret|Token|ApiKey|Authorization|Jwt|PrivateKey|Cookie|Cookies|SessionId|SessionID|SetCookie|JWT|ApiKEY)|[A-Za-z0-9$]*_(?:password|passwd|passphrase|secret|token|apiKey|authorization|jwt|privateKey|cookie|cookies|sessionId|sessionID|setCookie|api_key|private_key|session_id|set_cookie|PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_KEY|AUTHORIZATION|JWT|PRIVATE_KEY|COOKIE|COOKIES|SESSION_ID|SET_COOKIE))$(?<!(?:[Nn]ext|[Pp]rev(?:ious)?|[Pp]age|[Cc]ontinuation|[Cc]ancellation|[Cc]ursor|[Ss]ync|[Cc]srf|CSRF|[Xx]srf)(?:Token|_token|TOKEN)s?)|^['\"](?:[\\w-]*[-_])?(?:[pP][aA][sS][sS][wW][oO][rR][dD]|[sS][eE][cC][rR][eE][tT]|[tT][oO][kK][eE][nN]|[aA][uU][tT][hH][oO][rR][iI][zZ][aA][tT][iI][oO][nN]|[cC][oO][oO][kK][iI][eE]|[sS][eE][tT]-[cC][oO][oO][kK][iI][eE]|[jJ][wW][tT]|[aA][pP][iI][-_]?[kK][eE][yY])['\"]$")
 (#not-match? @n "{{enum-member-access}}")
 (#not-match? @n "^(?!(?:req|request|ctx|context|event|evt)\\.)(?:[\\w$]+\\.)*[\\w$]*(?:[sS]ession_?I[dD]|session_id|SESSION_ID)$")
 (#not-match? @n "(?:^|[.])(?:hashed|[\\w$]*Hashed|masked|redacted|obfuscated)[A-Z_][\\w$]*$")
 (#not-cli-output? @fn)
 (#not-match? @n "(?:^|[.])[cC]hannel\\.token$|[cC]hannel(?:Or)?Token$|CHANNEL_TOKEN$")
 (#not-match? @v "^(?!(req|request|ctx|c|context|event|evt)\\.)[A-Za-z_$][\\w$]*(\\.(?!cookies\\b|headers\\b)[\\w$]+)*\\.(id|[A-Za-z0-9$]*[a-z0-9]Id|[a-z0-9_]*_id)$")
 (#set! rule "ecma.auth.secret-logged")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "532")
 (#set! message "A password / token / key / cookie is written to the log, where it is widely readable and kept for a long time; log a redacted marker or a non-secret fact (length, last 4 characters, a hash id) instead"))

; logger.info({ event: "login", sessionId: req.session.id }): a session id read off the request
((call_expression
   function: (member_expression) @fn
   arguments: (arguments (object (pair key: (property_identifier) @n value: (member_expression) @v)) @finding))
 (#match? @fn "^(?:(?:window|globalThis)\\.)?console\\.(?:log|info|warn|error|debug|trace)$|(?:^|\\.)(?:[A-Za-z_$]*[Ll]ogger|LOGGER|log|LOG|logging|winston|pino|bunyan|signale)\\.(?:info|warn|warning|error|debug|trace|fatal|log|verbose|silly|notice|critical|http)$")
 (#match? @n "^[\\w$]*(?:[sS]ession_?I[dD]|session_id|SESSION_ID)$")
 (#match? @v "^(?:req|request|ctx|context|event|evt)\\.(?:session\\.id|sessionID|sessionId|session_id|cookies\\.[\\w$]+|headers\\b.*)$")
 (#set! rule "ecma.auth.secret-logged")
 (#set! category "auth")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "532")
 (#set! message "A password / token / key / cookie is written to the log, where it is widely readable and kept for a long time; log a redacted marker or a non-secret fact (length, last 4 characters, a hash id) instead"))
