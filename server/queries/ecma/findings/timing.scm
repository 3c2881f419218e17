; Findings: secrets compared in non-constant time (CWE-208). Never in browser code (#not-browser-code?:
; a page, a Vue/React/lit component): the only one who could time the comparison is the user running it.
;
; `===` / `==` / `!==` / `!=` between two non-literal operands (names, members, header
; subscripts, calls) where the LAST part of an operand's name is a MAC, signature, token, secret,
; API key, password, OTP or nonce (camelCase / snake_case / SCREAMING_CASE part, optional
; Hex/Buffer/Bytes/... suffix), and `a.equals(b)` on such names. A hash or digest counts only
; next to a secret context (HMAC, signature, password, token, request headers): most hash
; comparisons are integrity checks of public data (cache keys, downloads, ETags).
; Not flagged: literals, null, undefined, `typeof x`, `x.length`, ids, enum members
; (`SyntaxKind.EqualsToken`, `CredentialType.ACCESS_TOKEN`), lexer / paging tokens
; (`firstToken`, `nextToken`, `getTokenBefore()`), `location.hash`, password confirmation, and a
; claim of a JWT the function verified (`const { secret } = await jwtService.verifyAsync(t)`): the
; caller cannot vary a signed claim, and can read it anyway.
;
; Fix `ecma.timing-safe-equal`: `Buffer.byteLength(a) === Buffer.byteLength(b) &&
; timingSafeEqual(Buffer.from(a), Buffer.from(b))` (negated for !==), importing timingSafeEqual
; from node:crypto or using the file's crypto binding; only when both operands are plain names,
; members or literal subscripts (a call would run twice), and not in browser code (react, vue, ...).

((binary_expression
  left: [
      (identifier) @n
      (member_expression) @n
      (subscript_expression index: (string) @n)
      (call_expression function: [(identifier) (member_expression)] @n)
      (await_expression (call_expression function: [(identifier) (member_expression)] @n))
    ] @l
  operator: ["===" "==" "!==" "!="] @op
  right: [
      (identifier) @n
      (member_expression) @n
      (subscript_expression index: (string) @n)
      (call_expression function: [(identifier) (member_expression)] @n)
      (await_expression (call_expression function: [(identifier) (member_expression)] @n))
    ] @r) @finding
 (#any-match? @n "[Mm]ac|MAC|[Ss]ig|SIG|[Tt]oken|TOKEN|[Ss]ecret|SECRET|[Kk]ey|KEY|[Pp]ass|PASS|[Oo]tp|OTP|[Nn]once|NONCE")
 (#any-match? @n "{{secret-compare-name}}")
 (#not-match? @l "{{enum-member-access}}")
 (#not-match? @r "{{enum-member-access}}")
 (#not-match? @finding "{{token-look-alike}}")
 (#strong-secret-compare? @finding)
 (#not-verified-claim-compare? @finding)
 (#not-text-before? @finding "{{acme-challenge}}")
 (#not-imports? "{{browser-frameworks}}")
 (#not-browser-code? @finding)
 (#set! rule "ecma.timing.non-constant-compare")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Secret compared with an early-exit equality operator leaks how many leading bytes match; compare with crypto.timingSafeEqual after checking the lengths")
 (#set! fix "ecma.timing-safe-equal"))

((binary_expression
  left: [
      (identifier) @n
      (member_expression) @n
      (subscript_expression index: (string) @n)
      (call_expression function: [(identifier) (member_expression)] @n)
      (await_expression (call_expression function: [(identifier) (member_expression)] @n))
    ] @l
  operator: ["===" "==" "!==" "!="] @op
  right: [
      (identifier) @n
      (member_expression) @n
      (subscript_expression index: (string) @n)
      (call_expression function: [(identifier) (member_expression)] @n)
      (await_expression (call_expression function: [(identifier) (member_expression)] @n))
    ] @r) @finding
 (#any-match? @n "[Hh]ash|HASH|[Dd]igest|DIGEST")
 (#any-match? @n "(?:^|[.])(?!(?:is|has|should|use|show|enable|can|did|was)[A-Z_])(?:(?:digest|hash|DIGEST|HASH)|[A-Za-z0-9$]*[a-z0-9](?:Digest|Hash)|[A-Za-z0-9$]*_(?:digest|hash|Digest|Hash|DIGEST|HASH))s?(?:_?(?:[Hh]ex|HEX|[Bb]uf(?:fer)?|BUF(?:FER)?|[Bb]ytes|BYTES|[Bb]64|B64|[Bb]ase64|BASE64|[Ss]tr(?:ing)?|STR|[Vv]alue|VALUE|[Hh]eader|HEADER|(?<=[Ss]ecret)[Kk]ey|(?<=SECRET)_?KEY|(?<=[Ss]ecret)_key))?$(?<!(?:[Nn]ext|[Pp]rev(?:ious)?|[Pp]age|[Cc]ontinuation|[Cc]ancellation|[Cc]ursor|[Ss]ync|[Ll]ookahead|[Pp]eek|[Cc]urrent|[Qq]uestion|[Dd]ot|[Ss]emicolon|[Cc]omma|[Oo]pen|[Cc]lose|[Ee]of|EOF|[Ll]exer|[Cc]ommit|[Cc]ontent|[Ff]ile|[Gg]it|[Bb]lock|[Tt]x|[Rr]oute|[Cc]ache|[Ss]tate|[Cc]hunk|[Ll]ocation\\.|[Ww]indow\\.|[Uu]rl\\.|URL\\.|[Ll]ink\\.)(?:Tokens?|Hash(?:es)?|hash))|^['\"](?:[\\w-]*[-_])?(?:[dD][iI][gG][eE][sS][tT]|[hH][aA][sS][hH])(?:[-_][0-9A-Za-z]+)?['\"]$")
 (#match? @finding "[Hh]mac|HMAC|[Mm]ac\\b|MAC\\b|[Ss]ig(nature)?|SIG|[Pp]ass(word|wd)|PASSWORD|[Tt]oken|TOKEN|[Ss]ecret|SECRET|[Aa]pi_?[Kk]ey|API_?KEY|[Ww]ebhook|WEBHOOK")
 (#not-match? @l "{{enum-member-access}}")
 (#not-match? @r "{{enum-member-access}}")
 (#not-match? @finding "{{token-look-alike}}")
 (#strong-secret-compare? @finding)
 (#not-verified-claim-compare? @finding)
 (#not-text-before? @finding "{{acme-challenge}}")
 (#not-imports? "{{browser-frameworks}}")
 (#not-browser-code? @finding)
 (#set! rule "ecma.timing.non-constant-compare")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Secret compared with an early-exit equality operator leaks how many leading bytes match; compare with crypto.timingSafeEqual after checking the lengths")
 (#set! fix "ecma.timing-safe-equal"))

; expectedSig.equals(actualSig), Buffer.from(signature, 'hex').equals(expected)
((call_expression
   function: (member_expression
     object: [
       (identifier) @n
       (member_expression) @n
       (call_expression arguments: (arguments . [(identifier) (member_expression)] @n))
       (call_expression function: (member_expression) @n)
     ] @l
     property: (property_identifier) @eq)
   arguments: (arguments . [
       (identifier) @n
       (member_expression) @n
       (call_expression arguments: (arguments . [(identifier) (member_expression)] @n))
       (call_expression function: (member_expression) @n)
     ] @r .)) @finding
 (#eq? @eq "equals")
 (#any-match? @n "[Mm]ac|MAC|[Ss]ig|SIG|[Tt]oken|TOKEN|[Ss]ecret|SECRET|[Kk]ey|KEY|[Pp]ass|PASS|[Oo]tp|OTP|[Nn]once|NONCE")
 (#any-match? @n "{{secret-compare-name}}")
 (#strong-secret-compare? @finding)
 (#not-verified-claim-compare? @finding)
 (#not-text-before? @finding "{{acme-challenge}}")
 (#not-imports? "{{browser-frameworks}}")
 (#not-browser-code? @finding)
 (#set! rule "ecma.timing.buffer-equals")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Buffer.equals() on a secret returns at the first differing byte; compare with crypto.timingSafeEqual after checking the lengths")
 (#set! fix "ecma.timing-safe-equal"))

((call_expression
   function: (member_expression
     object: [
       (identifier) @n
       (member_expression) @n
       (call_expression arguments: (arguments . [(identifier) (member_expression)] @n))
       (call_expression function: (member_expression) @n)
     ] @l
     property: (property_identifier) @eq)
   arguments: (arguments . [
       (identifier) @n
       (member_expression) @n
       (call_expression arguments: (arguments . [(identifier) (member_expression)] @n))
       (call_expression function: (member_expression) @n)
     ] @r .)) @finding
 (#eq? @eq "equals")
 (#any-match? @n "[Hh]ash|HASH|[Dd]igest|DIGEST")
 (#any-match? @n "(?:^|[.])(?!(?:is|has|should|use|show|enable|can|did|was)[A-Z_])(?:(?:digest|hash|DIGEST|HASH)|[A-Za-z0-9$]*[a-z0-9](?:Digest|Hash)|[A-Za-z0-9$]*_(?:digest|hash|Digest|Hash|DIGEST|HASH))s?(?:_?(?:[Hh]ex|HEX|[Bb]uf(?:fer)?|BUF(?:FER)?|[Bb]ytes|BYTES|[Bb]64|B64|[Bb]ase64|BASE64|[Ss]tr(?:ing)?|STR|[Vv]alue|VALUE|[Hh]eader|HEADER|(?<=[Ss]ecret)[Kk]ey|(?<=SECRET)_?KEY|(?<=[Ss]ecret)_key))?$(?<!(?:[Nn]ext|[Pp]rev(?:ious)?|[Pp]age|[Cc]ontinuation|[Cc]ancellation|[Cc]ursor|[Ss]ync|[Ll]ookahead|[Pp]eek|[Cc]urrent|[Qq]uestion|[Dd]ot|[Ss]emicolon|[Cc]omma|[Oo]pen|[Cc]lose|[Ee]of|EOF|[Ll]exer|[Cc]ommit|[Cc]ontent|[Ff]ile|[Gg]it|[Bb]lock|[Tt]x|[Rr]oute|[Cc]ache|[Ss]tate|[Cc]hunk|[Ll]ocation\\.|[Ww]indow\\.|[Uu]rl\\.|URL\\.|[Ll]ink\\.)(?:Tokens?|Hash(?:es)?|hash))|^['\"](?:[\\w-]*[-_])?(?:[dD][iI][gG][eE][sS][tT]|[hH][aA][sS][hH])(?:[-_][0-9A-Za-z]+)?['\"]$")
 (#match? @finding "[Hh]mac|HMAC|[Mm]ac\\b|MAC\\b|[Ss]ig(nature)?|SIG|[Pp]ass(word|wd)|PASSWORD|[Tt]oken|TOKEN|[Ss]ecret|SECRET|[Aa]pi_?[Kk]ey|API_?KEY|[Ww]ebhook|WEBHOOK")
 (#strong-secret-compare? @finding)
 (#not-verified-claim-compare? @finding)
 (#not-text-before? @finding "{{acme-challenge}}")
 (#not-imports? "{{browser-frameworks}}")
 (#not-browser-code? @finding)
 (#set! rule "ecma.timing.buffer-equals")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Buffer.equals() on a secret returns at the first differing byte; compare with crypto.timingSafeEqual after checking the lengths")
 (#set! fix "ecma.timing-safe-equal"))

; The same compare where a side is built around the secret: a header against `Bearer ${cronSecret}`
; (`authHeader !== \`Bearer ${process.env.CRON_SECRET}\``), or a stored hash against the awaited hash
; of the presented one (`app.hashedClientSecret !== (await hashToken(clientSecret))`). No fix: the
; template or the call would have to be bound first.
((binary_expression
  left: [
      (template_string (template_substitution [(identifier) (member_expression)] @n))
      (parenthesized_expression (await_expression (call_expression function: [(identifier) (member_expression)] @n)))
    ] @l
  operator: ["===" "==" "!==" "!="] @op
  right: [
      (identifier) @n
      (member_expression) @n
      (subscript_expression index: (string) @n)
      (call_expression function: [(identifier) (member_expression)] @n)
      (await_expression (call_expression function: [(identifier) (member_expression)] @n))
      (template_string (template_substitution [(identifier) (member_expression)] @n))
      (parenthesized_expression (await_expression (call_expression function: [(identifier) (member_expression)] @n)))
    ] @r) @finding
 (#any-match? @n "[Mm]ac|MAC|[Ss]ig|SIG|[Tt]oken|TOKEN|[Ss]ecret|SECRET|[Kk]ey|KEY|[Pp]ass|PASS|[Oo]tp|OTP|[Nn]once|NONCE")
 (#any-match? @n "{{secret-compare-name}}")
 (#not-match? @l "{{enum-member-access}}")
 (#not-match? @r "{{enum-member-access}}")
 (#not-match? @finding "{{token-look-alike}}")
 (#strong-secret-compare? @finding)
 (#not-verified-claim-compare? @finding)
 (#not-text-before? @finding "{{acme-challenge}}")
 (#not-imports? "{{browser-frameworks}}")
 (#not-browser-code? @finding)
 (#set! rule "ecma.timing.non-constant-compare")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Secret compared with an early-exit equality operator leaks how many leading bytes match; compare with crypto.timingSafeEqual after checking the lengths"))

((binary_expression
  left: [
      (identifier) @n
      (member_expression) @n
      (subscript_expression index: (string) @n)
      (call_expression function: [(identifier) (member_expression)] @n)
      (await_expression (call_expression function: [(identifier) (member_expression)] @n))
    ] @l
  operator: ["===" "==" "!==" "!="] @op
  right: [
      (template_string (template_substitution [(identifier) (member_expression)] @n))
      (parenthesized_expression (await_expression (call_expression function: [(identifier) (member_expression)] @n)))
    ] @r) @finding
 (#any-match? @n "[Mm]ac|MAC|[Ss]ig|SIG|[Tt]oken|TOKEN|[Ss]ecret|SECRET|[Kk]ey|KEY|[Pp]ass|PASS|[Oo]tp|OTP|[Nn]once|NONCE")
 (#any-match? @n "{{secret-compare-name}}")
 (#not-match? @l "{{enum-member-access}}")
 (#not-match? @r "{{enum-member-access}}")
 (#not-match? @finding "{{token-look-alike}}")
 (#strong-secret-compare? @finding)
 (#not-verified-claim-compare? @finding)
 (#not-text-before? @finding "{{acme-challenge}}")
 (#not-imports? "{{browser-frameworks}}")
 (#not-browser-code? @finding)
 (#set! rule "ecma.timing.non-constant-compare")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Secret compared with an early-exit equality operator leaks how many leading bytes match; compare with crypto.timingSafeEqual after checking the lengths"))
