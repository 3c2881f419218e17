; Secret comparisons in JavaScript / TypeScript: `===` / `!==` on MACs, signatures, digests,
; tokens, API keys, passwords, OTPs (`hotp`, `totp`) and nonces (short-circuiting, not constant-time), `.equals()`
; on such values, and the constant-time helpers themselves (the surrounding code needs review). Not in
; browser code (#not-browser-code?): no remote attacker can time a comparison the user's own page makes.
;
; Both operands must be names, members, calls, awaits or parenthesized expressions: comparisons
; with literals, `null`, `undefined`, `typeof x` are presence and shape checks.
; An operand counts when the LAST part of its name ends in one of the words, as a camelCase /
; snake_case part, optionally with a Hex/Buffer/Bytes/... suffix: `expectedSignature`,
; `user.passwordHash`, `process.env.API_KEY`, `hmac.digest('hex')`,
; `req.headers['x-hub-signature-256']`; not `tokenType`, `macAddress`, `token.length`,
; enum members (`CacheLookupPolicy.AccessToken`, `Constants.Kind.ACCESS_TOKEN`; a camelCase
; object such as `dbKey.token` is a value), lexer tokens
; (`questionToken`, `dotDotDotToken`), paging or cancellation tokens (`nextToken`). Not in browser code
; (a GUI comparing `window.auth_token` with the SDK's: round 62, puter): the page holds no server secret.

((binary_expression
  left: [
    (identifier) @n
    (member_expression) @n
    (subscript_expression index: (string) @n)
    (call_expression function: [(identifier) (member_expression)] @n)
    (await_expression)
    (parenthesized_expression)
  ]
  operator: ["===" "==" "!==" "!="]
  right: [
    (identifier) @n
    (member_expression) @n
    (subscript_expression index: (string) @n)
    (call_expression function: [(identifier) (member_expression)] @n)
    (await_expression)
    (parenthesized_expression)
  ]) @trigger
 (#any-match? @n "(^|\\.)(?<!(^|[^A-Za-z0-9_$])[A-Z][A-Za-z0-9_$]*[a-z][A-Za-z0-9_$]*\\.)(?![A-Z][A-Za-z0-9_$]*[a-z])([A-Za-z0-9_$]*([_$0-9]|[a-z0-9](?=[A-Z])))?(H?MAC|[Hh]?[Mm]ac|[Ss]ig(nature)?|SIG(NATURE)?|[Dd]igest|DIGEST|[Hh]ash|HASH|[Tt]oken|TOKEN|[Ss]ecret|SECRET|[Aa]pi_?[Kk]ey|API_?KEY|[Pp]ass(word|wd)|PASS(WORD|WD)|[Oo]tp|OTP|[HhTt]otp|[HT]OTP|[Nn]once|NONCE)s?([0-9]+|(?<=[a-z])[A-Z]|_?([Hh]ex|HEX|[Bb]uf(fer)?|BUF(FER)?|[Bb]ytes|BYTES|[Bb]64|B64|[Bb]ase64|BASE64|[Ss]tr(ing)?|STR(ING)?|[Vv]alue|VALUE|[Hh]eader|HEADER|(?<=[Ss]ecret)[Kk]ey([Vv]alue)?|(?<=SECRET)_?KEY|(?<=[Ss]ecret)_key))?(?<!([Qq]uestion|[Dd]otDotDot|[Aa]sterisk|[Ee]xclamation|[Ee]quals|[Cc]olon|[Ss]emicolon|[Cc]omma|[Dd]ot|[Aa]rrow|[Oo]perator|[Kk]eyword|[Oo]pen|[Cc]lose|[Bb]race|[Pp]aren|[Bb]racket|[Ll]essThan|[Gg]reaterThan|[Pp]lus|[Mm]inus|[Ss]tar|[Ss]lash|[Rr]eadonly|[Ee]nd|[Ss]tart|[Nn]ext|[Pp]rev(ious)?|[Pp]age|[Cc]ontinuation|[Cc]ancellation|[Cc]ursor|[Ss]ync|[Ll]exer|[Ll]ookahead|[Pp]eek|[Kk]ind|[Ss]yntax|[Pp]unctuation|[Ee]of|EOF|[Cc]ontextual|[Tt]emplate|[Jj]sx|JSX)Tokens?)$|^['\"]([\\w-]*[-_])?([Hh]?[Mm]ac|[Ss]ig(nature)?|[Dd]igest|[Hh]ash|[Tt]oken|[Ss]ecret|[Aa]pi[-_]?[Kk]ey|[Pp]ass(word|wd)|[Oo]tp|[Nn]once)([-_][0-9A-Za-z]+)?['\"]$")
 (#not-match? @n "([Kk]ind|KIND)$")
 (#secret-compare? @trigger)
 (#not-text-before? @trigger "{{acme-challenge}}")
 (#not-imports? "{{browser-frameworks}}")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.secret-equality"))

; expectedSig.equals(actualSig), Buffer.from(signature).equals(expected)
((call_expression
   function: (member_expression
     object: (_) @n
     property: (property_identifier) @eq) @trigger
   arguments: (arguments . (_) @n)) @cmp
 (#eq? @eq "equals")
 (#any-match? @n "((^|[^A-Za-z])|[a-z0-9](?=[A-Z]))(H?MAC|[Hh]?[Mm]ac|[Ss]ig(nature)?|SIG(NATURE)?|[Dd]igest|DIGEST|[Hh]ash|HASH|[Tt]oken|TOKEN|[Ss]ecret|SECRET|[Aa]pi_?[Kk]ey|API_?KEY|[Pp]ass(word|wd)|PASS(WORD|WD)|[Oo]tp|OTP|[HhTt]otp|[HT]OTP|[Nn]once|NONCE)")
 (#secret-compare? @cmp)
 (#not-imports? "{{browser-frameworks}}")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.equals"))

; crypto.timingSafeEqual(a, b), tsscmp(a, b), safe-compare: right API, but the code around it
; (length checks, encodings, early returns) decides whether it is constant-time.
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^(crypto\\.timingSafeEqual|tsscmp|safe-compare|secure-compare|scmp|buffer-equal-constant-time)$")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.constant-time-compare"))

; The project's own constant-time helper, called (`constantTimeEqual(otp, stored)`,
; `timingSafeEqual(sig, expected)` from a local module or `@better-auth/utils`) or defined (the XOR
; loop itself): the lines an edit could quietly turn back into `===`.
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#match? @trigger "(^|\\.)(constantTime(Equals?|Compare|Eq)|timingSafe(Equals?|Compare|StringEqual)|secureCompare|safeCompare|safeEqual|constantTimeStringEqual)$")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.constant-time-compare"))

((function_declaration
   name: (identifier) @trigger)
 (#match? @trigger "^(constantTime(Equals?|Compare|Eq)|timingSafe(Equals?|Compare|StringEqual)|secureCompare|safeCompare|safeEqual|constantTimeStringEqual)$")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.constant-time-compare"))

((variable_declarator
   name: (identifier) @trigger
   value: [(arrow_function) (function_expression)])
 (#match? @trigger "^(constantTime(Equals?|Compare|Eq)|timingSafe(Equals?|Compare|StringEqual)|secureCompare|safeCompare|safeEqual|constantTimeStringEqual)$")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.constant-time-compare"))

; An allow-list of secrets searched with an element-by-element === (`apiKeys.includes(token)`,
; `secrets.indexOf(key)`): the API-key gate itself, in non-constant time. A list named only
; `…Keys` holds names (`primaryKeys`, `Object.keys` results, env variable names), not secrets.
; Nor an element found to be spliced out (`var index = $scope.secrets.indexOf(secret);
; $scope.secrets.splice(index, 1)`): a UI list dropping the record it just deleted.
((call_expression
   function: (member_expression
     object: [(identifier) @list (member_expression property: (property_identifier) @list)]
     property: (property_identifier) @m) @trigger
   arguments: (arguments . [(identifier) (member_expression)] @v .))
 (#match? @m "^(includes|indexOf)$")
 (#match? @list "^([Aa]pi_?[Kk]eys|API_?KEYS|[Tt]okens|TOKENS|[Ss]ecrets|SECRETS|[A-Za-z0-9$]*[a-z0-9](ApiKeys|Tokens|Secrets)|[A-Za-z0-9_]*_(API_KEYS|TOKENS|SECRETS))$")
 (#match? @v "((^|[^A-Za-z])|[a-z0-9](?=[A-Z]))([Tt]oken|TOKEN|[Ss]ecret|SECRET|[Kk]ey|KEY)s?$")
 (#not-imports? "{{browser-frameworks}}")
 (#not-text-after? @trigger "\\.splice\\(")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.secret-list-lookup"))

; A PKCE check: the stored code_challenge compared with the verifier (or its S256 encoding).
((binary_expression
  left: (_) @l
  operator: ["===" "==" "!==" "!="]
  right: (_) @r) @trigger
 (#match? @trigger "code_?[Cc]hallenge|CODE_?CHALLENGE")
 (#not-match? @l "^(['\"`]|null$|undefined$)")
 (#not-match? @r "^(['\"`]|null$|undefined$)")
 (#not-match? @trigger "[Cc]hallenge_?[Mm]ethod")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.pkce-compare"))

;; Round 56 (stack-auth): the Authorization value compared with the one the server expects, built
;; from a scheme and a secret: `authHeader !== \`Bearer ${getEnvVariable("CRON_SECRET")}\``,
;; `req.headers.authorization === "Bearer " + process.env.API_TOKEN` (as Go's header rule).
((binary_expression
  left: [(identifier) (member_expression) (subscript_expression) (call_expression)] @other
  operator: ["===" "==" "!==" "!="]
  right: [(template_string) (binary_expression operator: "+")] @expected) @trigger
 (#match? @expected "{{auth-scheme-value}}")
 (#match? @expected "{{auth-scheme-secret}}")
 (#not-imports? "{{browser-frameworks}}")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.secret-equality"))

((binary_expression
  left: [(template_string) (binary_expression operator: "+")] @expected
  operator: ["===" "==" "!==" "!="]
  right: [(identifier) (member_expression) (subscript_expression) (call_expression)] @other) @trigger
 (#match? @expected "{{auth-scheme-value}}")
 (#match? @expected "{{auth-scheme-secret}}")
 (#not-imports? "{{browser-frameworks}}")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.secret-equality"))

;; Round 56 (openauth): a PKCE check under a plain name, `generatedChallenge === challenge` in
;; validatePKCE (the unit says what the challenge is).
((binary_expression
  left: [(identifier) (member_expression)] @l
  operator: ["===" "==" "!==" "!="]
  right: [(identifier) (member_expression)] @r) @trigger
 (#match? @l "[Cc]hallenge$")
 (#match? @r "[Cc]hallenge$")
 (#unit-name-matches? @trigger "[Pp][Kk][Cc][Ee]")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.pkce-compare"))

;; A one-time code checked against the one submitted (`record.code !== code` in verifyCode,
;; `user.verificationCode === input.code` in confirmEmail): whoever matches it signs in. As Go's
;; and Python's code-compare: "code" alone also names status, error and language codes, so both sides
;; must be codes and the unit must be the check.
((binary_expression
  left: [(identifier) (member_expression property: (property_identifier))] @a
  operator: ["===" "==" "!==" "!="]
  right: [(identifier) (member_expression property: (property_identifier))] @b) @trigger
 (#match? @a "(^|\\.)([a-z]+Code|code)$")
 (#match? @b "(^|\\.)([a-z]+Code|code)$")
 (#not-match? @trigger "[Ss]tatus|[Ee]rr|[Ee]xit|[Rr]esp|[Ll]ang|[Cc]ountry|[Cc]urrency|[Ll]ocale|[Kk]ey[Cc]ode|[Zz]ip|[Pp]ostal|[Oo]p[Cc]ode|[Rr]eason|[Cc]olor|[Cc]har|[Rr]egion|[Pp]hone|[Dd]ial|[Ii]so|[Pp]romo|[Cc]oupon|[Dd]iscount|[Ee]vent")
 (#not-match? @trigger "(^|[^\\w.])(got|want|expected|actual|res|resp|response|e|err|error|event|ev|evt|key)\\.")
 (#unit-name-matches? @trigger "[Vv]erif|[Ll]ogin|[Ss]ign_?[Ii]n|[Rr]edeem|[Rr]ecover|[Aa]ctivat|[Cc]onfirm|[Aa]uthenticat|(check|validate|consume)\\w*[Cc]ode")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.code-compare"))

; A dummy password hash on the unknown-account branch, so that it takes as long as a wrong
; password (`if (!user) { await kdf.hash('simulated-password-to-counter-timing-attack'); return
; FAILURE }`): what keeps the login from telling which accounts exist by its response time. A
; constant password is hashed for its time alone; dropping the call or moving it is the regression.
((if_statement
   consequence: (statement_block
     (expression_statement [(await_expression (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) @trigger arguments: (arguments . (string))))
                            (call_expression function: (member_expression object: (_) @obj property: (property_identifier) @m) @trigger arguments: (arguments . (string)))])
     .
     (comment)*
     .
     [(return_statement) (throw_statement)]))
 (#any-of? @m "hash" "hashSync" "compare" "compareSync" "verify")
 (#match? @obj "(^|\\.)(kdf|password|passwordHasher|passwordHashing|bcrypt|bcryptjs|argon2|hasher)$")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.dummy-hash"))

((if_statement
   consequence: (statement_block
     (expression_statement [(await_expression (call_expression function: (identifier) @trigger arguments: (arguments . (string))))
                            (call_expression function: (identifier) @trigger arguments: (arguments . (string)))])
     .
     (comment)*
     .
     [(return_statement) (throw_statement)]))
 (#any-of? @trigger "hashPassword" "verifyPassword" "comparePassword" "checkPassword")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.dummy-hash"))

; Round 46 (uptime-kuma): a value compared with a digest of the user's password, `decoded.h !==
; shake256(user.password, SHAKE256_LENGTH)` (a remember-me token's check), `stored === sha256(password)`.
((binary_expression
  operator: ["===" "==" "!==" "!="]
  right: (call_expression
    function: [(identifier) @fn (member_expression property: (property_identifier) @fn)]
    arguments: (arguments . [(identifier) (member_expression)] @pw))) @trigger
 (#match? @fn "^([Ss]ha\\d*|SHA\\d*|[Ss]hake\\d*|[Mm]d5|MD5|[Hh]ash\\w*|[Dd]igest\\w*|[Hh]mac\\w*|HMAC\\w*|[Pp]bkdf2\\w*|[Ss]crypt\\w*|[Ee]ncrypt\\w*|\\w+Hash)$")
 (#match? @pw "(^|\\.)([Pp]ass(word|wd)|PASSWORD)$")
 (#not-match? @trigger "[Cc]onfirm|[Rr]epeat|[Rr]etype")
 (#not-imports? "{{browser-frameworks}}")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.secret-equality"))

((binary_expression
  left: (call_expression
    function: [(identifier) @fn (member_expression property: (property_identifier) @fn)]
    arguments: (arguments . [(identifier) (member_expression)] @pw))
  operator: ["===" "==" "!==" "!="]) @trigger
 (#match? @fn "^([Ss]ha\\d*|SHA\\d*|[Ss]hake\\d*|[Mm]d5|MD5|[Hh]ash\\w*|[Dd]igest\\w*|[Hh]mac\\w*|HMAC\\w*|[Pp]bkdf2\\w*|[Ss]crypt\\w*|[Ee]ncrypt\\w*|\\w+Hash)$")
 (#match? @pw "(^|\\.)([Pp]ass(word|wd)|PASSWORD)$")
 (#not-match? @trigger "[Cc]onfirm|[Rr]epeat|[Rr]etype")
 (#not-imports? "{{browser-frameworks}}")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.secret-equality"))

; Round 48: a hand-written constant-time comparison, `result |= a.charCodeAt(i) ^ b.charCodeAt(i)`
; accumulated over both values: the timing-critical loop itself.
((augmented_assignment_expression
   left: (identifier)
   operator: "|="
   right: (binary_expression operator: "^")) @trigger
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.constant-time-compare"))

;; The OAuth state a callback receives compared with the one the server issued: `if (state !==
;; storedState)`, `query.state !== cookies.oauth_state` (as Go's and Python's). Both sides must be
;; states and the unit an OAuth, OIDC, SSO or login callback. Not in browser code.
((binary_expression
  left: [(identifier) (member_expression) (subscript_expression) (call_expression)] @a
  operator: ["===" "==" "!==" "!="]
  right: [(identifier) (member_expression) (subscript_expression) (call_expression)] @b) @trigger
 (#match? @a "{{oauth-state-operand}}")
 (#match? @b "{{oauth-state-operand}}")
 (#not-match? @trigger "[Ss]ession[Ss]tate|[Cc]onn(ection)?[Ss]tate|[Rr]eady[Ss]tate|[Rr]un[Ss]tate|[Jj]ob[Ss]tate|[Pp]rev|[Oo]ld|[Ll]ast|[Cc]urrent[Ss]tate|[Dd]esired|[Ii]nitial")
 (#unit-name-matches? @trigger "[Oo][Aa]uth|OAUTH|[Aa]uthenticat|[Ll]ogin|SSO|[Ss]so|OIDC|[Oo]idc|[Oo]pen[Ii][Dd]|[Cc]allback\\w*(Endpoint|View|Handler|Route)|(^|[.\\s])[Cc]allback(\\s|$)")
 (#not-imports? "{{browser-frameworks}}")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.timing.oauth-state"))
