; Timing-sensitive comparisons of secrets in Python: `==` / `!=` on MACs, signatures, digests,
; tokens, passwords, API keys, OTPs and nonces; and the constant-time helpers themselves
; (code that compares secrets deserves review whichever way it does it).
;
; A secret-named operand is an identifier, or the last name of an attribute (`user.password_hash`,
; not `token.kind`): `expected_sig`, `provided_mac`, `password_hash`, `apiKey`, `WEBHOOK_SECRET`,
; `otp_code`, `signature_hex`; not `token_count`, `mac_address`, `hash_algorithm`, `WaitForTaskToken`.
; The other operand must be an expression that can hold a value: literals (`token == ""`,
; `sig != None`) never match, `is` / `is not` never match, and neither do class or constant names
; (`token == Token.Name`, `token == TOKEN_NAME`, lexer and enum code) unless they are secret-named,
; and enum members are not secret-named (`Status.FORCE_CHANGE_PASSWORD`, `cls.PASSWORD` in a classmethod:
; round 38, OctoPrint LoginMechanism.to_log). `sig == inspect.signature(f)`
; compares function signatures and does not match either. Plural names (`tokens`) are lists or counts.
; An `__eq__` / `__ne__` method compares two objects' fields (`self.api_token == other.api_token` in a
; config class), not a secret against a caller's guess. A comparison handed to an ORM filter
; (`cls.query.filter(cls.api_key == api_key)`, `select(T).where(and_(T.token == t, ...))`) builds a
; SQL expression: the database looks the key up, Python compares nothing. Nor does a value compared
; after the function read DNS TXT records (`for txt_record in resolver.query(fqdn, "TXT"): if
; txt_record == token`): an ACME DNS-01 or domain-verification token is published in public DNS.

; A one-time account key (a password-reset, recovery, activation or invitation key: `key.strip() ==
; user.reset_key`) counts as secret-named: whoever presents it may set the account's password.

; <secret> == <expression>
((comparison_operator
   [(identifier) @name
    (attribute object: (_) @owner attribute: (identifier) @name)]
   .
   ["==" "!="]
   .
   [(identifier) (attribute) (call) (subscript) (binary_operator)] @other) @trigger
 (#match? @name "{{secret-name}}|(^|_)(reset|recovery|activation|invitation|invite)_key$")
 (#not-match? @other "{{constant-or-signature-call}}")
 (#not-match? @owner "^([A-Za-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*$|^cls$")
 (#secret-compare? @trigger)
 (#not-argument-of? @trigger "{{orm-filter-call}}")
 (#not-unit-name-matches? @trigger "^__(eq|ne)__(\\s|$)")
 (#not-text-before? @trigger "{{dns-record-read}}")
 (#set! rule "python.timing.secret-compare"))

; <expression> == <secret>
((comparison_operator
   [(identifier) (attribute) (call) (subscript) (binary_operator)] @other
   .
   ["==" "!="]
   .
   [(identifier) @name
    (attribute object: (_) @owner attribute: (identifier) @name)]) @trigger
 (#match? @name "{{secret-name}}|(^|_)(reset|recovery|activation|invitation|invite)_key$")
 (#not-match? @other "{{constant-or-signature-call}}")
 (#not-match? @owner "^([A-Za-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*$|^cls$")
 (#secret-compare? @trigger)
 (#not-argument-of? @trigger "{{orm-filter-call}}")
 (#not-unit-name-matches? @trigger "^__(eq|ne)__(\\s|$)")
 (#not-text-before? @trigger "{{dns-record-read}}")
 (#set! rule "python.timing.secret-compare"))

; request.headers["X-Hub-Signature-256"] != expected, headers.get("X-Api-Key") == api_key
((comparison_operator
   [(subscript subscript: (string) @key)
    (call
      function: (attribute attribute: (identifier) @get)
      arguments: (argument_list . (string) @key))]
   .
   ["==" "!="]
   .
   [(identifier) (attribute) (call) (subscript) (binary_operator)] @other) @trigger
 (#eq? @get "get")
 (#match? @key "{{secret-header-key}}")
 (#not-match? @other "{{constant-or-signature-call}}")
 (#secret-compare? @trigger)
 (#not-argument-of? @trigger "{{orm-filter-call}}")
 (#not-unit-name-matches? @trigger "^__(eq|ne)__(\\s|$)")
 (#set! rule "python.timing.secret-compare"))

((comparison_operator
   [(identifier) (attribute) (call) (subscript) (binary_operator)] @other
   .
   ["==" "!="]
   .
   [(subscript subscript: (string) @key)
    (call
      function: (attribute attribute: (identifier) @get)
      arguments: (argument_list . (string) @key))]) @trigger
 (#eq? @get "get")
 (#match? @key "{{secret-header-key}}")
 (#not-match? @other "{{constant-or-signature-call}}")
 (#secret-compare? @trigger)
 (#not-argument-of? @trigger "{{orm-filter-call}}")
 (#not-unit-name-matches? @trigger "^__(eq|ne)__(\\s|$)")
 (#set! rule "python.timing.secret-compare"))

; hmac.compare_digest(a, b), secrets.compare_digest(a, b), django constant_time_compare(a, b)
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(hmac\\.compare_digest|secrets\\.compare_digest|django\\.utils\\.crypto\\.constant_time_compare|werkzeug\\.security\\.safe_str_cmp|passlib\\.utils\\.consteq)$")
 (#set! rule "python.timing.constant-time-compare"))

; `t.fingerprint == fingerprint` where the function computed `fingerprint` as a MAC, inline
; (`hmac.new(key, msg, sha256).hexdigest()`) or through a helper of the same file that returns one
; (`create_config_fingerprint(user)` ending in `return salted_hmac(salt, value).hexdigest()`): the
; operand names say nothing, the value is a keyed digest an early-exit compare leaks.
((comparison_operator
   [(identifier) (attribute)]
   .
   ["==" "!="]
   .
   [(identifier) (attribute)]) @trigger
 (#mac-compare? @trigger)
 (#not-argument-of? @trigger "{{orm-filter-call}}")
 (#not-unit-name-matches? @trigger "^__(eq|ne)__(\\s|$)")
 (#set! rule "python.timing.secret-compare"))

; ... and against the helper's call in place, `if checksum != _make_checksum(obfuscated): return False`
; (round 69, Misago's activation and reset tokens: the helper hashes the value with SECRET_KEY).
((comparison_operator
   [(identifier) (attribute) (subscript)]
   .
   ["==" "!="]
   .
   (call)) @trigger
 (#mac-compare? @trigger)
 (#not-argument-of? @trigger "{{orm-filter-call}}")
 (#not-unit-name-matches? @trigger "^__(eq|ne)__(\\s|$)")
 (#set! rule "python.timing.secret-compare"))

; Round 21 (authlib): a PKCE verifier checked against the stored challenge, `code_verifier ==
; code_challenge` (plain) or `create_s256_code_challenge(code_verifier) == code_challenge`: whoever
; matches the challenge redeems the authorization code. Not the method name (`code_challenge_method
; == "S256"`, a literal), not a challenge-response token's challenge (`c.challenge == challenge`), not an
; ORM filter.
((comparison_operator
   [(identifier) (attribute) (call)] @left
   .
   ["==" "!="]
   .
   [(identifier) @name
    (attribute attribute: (identifier) @name)]) @trigger
 (#any-of? @name "code_challenge" "code_verifier")
 (#match? @left "(^|[._(])code_(verifier|challenge)\\)?$|code_challenge\\(")
 (#not-argument-of? @trigger "{{orm-filter-call}}")
 (#not-unit-name-matches? @trigger "^__(eq|ne)__(\\s|$)")
 (#set! rule "python.timing.secret-compare"))


; Round 29 (indico): a password or token object's own __eq__ hashing the presented value and
; comparing the digest with the stored one (`def __eq__(self, value): return
; hashlib.sha256(value.encode()).hexdigest() == self.hash`): `user.password == form.password.data`
; checks the credential through it. (Field-by-field `self.x == other.x` stays out, above.)
([(comparison_operator (call) @digest . ["==" "!="] . (attribute attribute: (identifier) @name))
  (comparison_operator (attribute attribute: (identifier) @name) . ["==" "!="] . (call) @digest)] @trigger
 (#match? @digest "^(hashlib\\.)?(md5|sha1|sha224|sha256|sha384|sha512|sha3_\\d+|blake2[bs]|new)\\([\\s\\S]*\\)\\.(hex)?digest\\(\\)$")
 (#match? @name "{{secret-name}}")
 (#unit-name-matches? @trigger "^__(eq|ne)__(\\s|$)")
 (#set! rule "python.timing.secret-compare"))

;; Round 54 (vas3k.club): a one-time code checked against the one submitted, `last_code.code != code`
;; in `Code.check_code`, `user.verification_code == code` in `verify_email`: whoever matches it signs in.
;; As Go's code-compare: "code" alone also names status, error, country and language codes, so both
;; sides must be codes and the unit must be the check.
((comparison_operator
   [(identifier) (attribute attribute: (identifier))] @a
   .
   ["==" "!="]
   .
   [(identifier) (attribute attribute: (identifier))] @b) @trigger
 (#match? @a "{{one-time-code-operand}}")
 (#match? @b "{{one-time-code-operand}}")
 (#not-match? @trigger "status|err|exit|resp|lang|country|currency|locale|key_?code|zip|postal|op_?code|reason|color|char|region|phone|dial|http|post_?code|iso|promo|coupon|discount")
 (#not-match? @trigger "(^|[^\\w.])(got|want|expected|actual|res|resp|response|e|exc|error)\\.")
 (#not-match? @trigger "(^|[^\\w.])[A-Z][A-Za-z0-9_]*\\.")
 (#unit-name-matches? @trigger "(^|[._])(check|verify|validate|redeem|consume|confirm|use)_(\\w+_)?codes?(\\s|$)|(^|[._])(verify|login|log_in|signin|sign_in|redeem|recover|activate|confirm|authenticate)(_|\\s|$)")
 (#not-argument-of? @trigger "{{orm-filter-call}}")
 (#set! rule "python.timing.code-compare"))

; Round 31 (flask-security): a one-time recovery or backup code looked up in the user's stored codes
; with `in` (`return code in dcodes` in `check_recovery_code`): list membership compares with `==`,
; element by element, the same early exit as a direct compare. Only in a unit named for checking such
; codes, so a language code in a list of supported ones stays out.
((comparison_operator
   [(identifier) (attribute)] @code
   .
   "in"
   .
   [(identifier) (attribute)] @codes) @trigger
 (#match? @code "(^|[._])\\w*(code|otp|token)$")
 (#match? @codes "(^|[._])\\w*(codes|tokens)$")
 (#unit-name-matches? @trigger "(check|verify|validate|consume|use)_\\w*(recovery|backup)_(code|token)s?(\\s|$)")
 (#set! rule "python.timing.secret-compare"))

; Round 48 (liberapay): a hand-written constant-time comparison, the XOR of each pair of characters
; or bytes accumulated into a result (`for x, y in zip(a, b): result |= ord(x) ^ ord(y)`): the
; timing-critical code itself, which any "simplification" to `==` breaks.
((augmented_assignment
   left: (identifier)
   operator: "|="
   right: (binary_operator operator: "^")) @trigger
 (#set! rule "python.timing.constant-time-compare"))

;; The OAuth state a callback receives compared with the one kept in the session: `if state !=
;; session["state"]`, `oauth_state != state` (rounds 29-47 recall: plane, chainlit, paperless' mail
;; OAuth). Both sides must be states and the unit an OAuth, OIDC, SSO or login callback.
((comparison_operator
   [(identifier) (attribute) (subscript) (call)] @a
   .
   ["==" "!="]
   .
   [(identifier) (attribute) (subscript) (call)] @b) @trigger
 (#match? @a "{{oauth-state-operand}}")
 (#match? @b "{{oauth-state-operand}}")
 (#not-match? @trigger "session_state|conn(ection)?_state|run_state|job_state|prev|old|last|current_state|desired")
 (#unit-name-matches? @trigger "oauth|OAuth|OAUTH|authenticat|Authenticat|login|Login|sso|SSO|oidc|OIDC|Oidc|openid|OpenID|Callback\\w*(Endpoint|View|Handler|Route)|(^|[.\\s])callback(\\s|$)")
 (#set! rule "python.timing.oauth-state"))

;; Any equality in a function named for checking a password, hash or signature: `def
;; _check_password(hashed, clear): …; return hashed == to_compare` (a salted hash under a neutral name,
;; round 66 pyload), `def verify_hash(secret_key, text, hash): return generate_hash(secret_key, text,
;; salt) == hash` (openlibrary's cookie and password check). The function says what is compared, if an
;; operand names a hash, password, secret, signature or key; not a confirmation field, a strategy or
;; reason enum, a breach list's hash suffix, a salt or a user name (round 68 audit: 9 such N).
((comparison_operator
   [(identifier) (attribute) (call) (subscript)] @a
   .
   ["==" "!="]
   .
   [(identifier) (attribute) (call) (subscript)] @b) @trigger
 (#unit-name-matches? @trigger "(^|[.\\s])_{0,2}(check|verify|validate|compare|match|is_valid)_(password|passwd|pwd|password_hash|hash|hashed|digest|signature|sig|mac|hmac|secret|api_key|apikey)(\\s|$)")
 (#not-match? @a "^(len|type|isinstance|str|int)\\(|^(None|True|False)$|(^|\\.)[A-Z][A-Z0-9_]*$")
 (#not-match? @b "^(len|type|isinstance|str|int)\\(|^(None|True|False)$|(^|\\.)[A-Z][A-Z0-9_]*$")
 (#not-match? @trigger "(^|[._\\s])(nonce|id|ids|pk|name|type|kind|alg|algorithm|version|count|length|size|status|state|mode|format|scheme|prefix)\\s*(==|!=|$)")
 (#match? @trigger "[Hh]ash|HASH|[Dd]igest|[Pp]ass(w(or)?d)?\\b|[Pp]wd|[Ss]ecret|[Ss]ig|[Mm]ac\\b|HMAC|[Hh]mac|[Tt]oken|[Kk]ey|[Cc]ompare|[Ee]xpected|[Cc]omputed|[Cc]alculated")
 (#not-match? @trigger "[Cc]onfirm|[Rr]epeat|[Pp]ass(word)?_?[12]\\b|[Pp]ass(word)?[12]\\b|[Ss]trategy|[Ss]uffix|[Ss]alt|[Rr]eason|[Uu]ser_?[Nn]ame|[Ee]num|\\.value\\b")
 (#set! rule "python.timing.secret-compare"))

