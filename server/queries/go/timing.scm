; Comparing secrets, MACs, signatures, tokens and hashes in Go. A plain == / bytes.Equal leaks
; timing; the constant-time APIs are flagged too, since secret-comparison code needs review.
; Comparisons against literals, nil or package constants are not secret comparisons.

; hmac.Equal(a, b), subtle.ConstantTimeCompare(a, b), subtle.ConstantTimeEq(x, y)
; Issuer and audience are public values: a constant-time compare of them (`verifyIss`,
; `ConstantTimeCompare([]byte(claims.Issuer), …)`) protects nothing and is not a timing region.
((call_expression function: (selector_expression) @trigger arguments: (argument_list) @args)
 (#resolves-to? @trigger "^crypto/(hmac\\.Equal|subtle\\.ConstantTime\\w+)$")
 (#not-unit-name-matches? @trigger "(^|[a-z])(Iss|Aud|Issuer|Audience)s?([A-Z ]|$)|^(iss|aud|issuer|audience)s?([A-Z ]|$)")
 (#not-match? @args "^\\(\\s*(\\[\\]byte\\()?\\s*([A-Za-z_]\\w*\\.)*\\w*([Ii]ss|[Aa]ud|[Ii]ssuer|[Aa]udience)s?\\)?\\s*,")
 (#set! rule "go.timing.constant-time-api"))

; bytes.Equal(mac, expected), strings.EqualFold(apiKey, got), reflect.DeepEqual(sig, want)
((call_expression
   function: (selector_expression) @trigger
   arguments: (argument_list [(identifier) (selector_expression) (call_expression) (slice_expression) (index_expression) (type_conversion_expression)] @arg)) @cmp
 (#match? @arg "{{secret-name}}")
 (#not-match? @arg "{{not-secret-name}}")
 (#not-resolves-to? @arg ".")
 (#resolves-to? @trigger "^(bytes\\.(Equal|Compare|EqualFold)|strings\\.(EqualFold|Compare)|reflect\\.DeepEqual|slices\\.Equal)$")
 (#secret-compare? @cmp)
 (#set! rule "go.timing.non-constant-compare"))

;; bytes.Equal(dk, decodedKey) where `dk := pbkdf2.Key([]byte(cred.APIKey), salt, 4096, 32, sha256.New)`:
;; a MAC or a key derived from the presented credential, held under a name that says neither
;; (round 108, convoy's API-key realm), against the stored value.
((call_expression
   function: (selector_expression) @trigger
   arguments: (argument_list . (identifier) . (identifier) .)) @cmp
 (#resolves-to? @trigger "^(bytes\\.Equal|reflect\\.DeepEqual|slices\\.Equal)$")
 (#mac-compare? @cmp)
 (#set! rule "go.timing.non-constant-compare"))

;; A client comparing two copies of its own token to decide whether to refresh:
;; if h.accessToken != rejectedToken { return nil } in refreshTokenAfterUnauthenticated (another
;; call already replaced the token the server rejected). Neither side comes from a request and the
;; answer admits no one. A mention, ahead of the patterns below so it takes the node.
((binary_expression operator: ["==" "!="]) @trigger
 (#match? @trigger "(^|[^\\w.])(rejected|stale|expired|previous|prev)[A-Z]\\w*\\s*([!=]=|$)")
 (#unit-name-matches? @trigger "[Rr]efresh|[Rr]enew")
 (#set! evidence "mention")
 (#set! rule "go.timing.non-constant-compare"))

;; A work queue's delivery token: `if unack.Token != token { return fmt.Errorf("token does not match") }`
;; in a broker's Ack, Nack, OutstandingReset, PauseNackTimeout (round 105, nomad's eval broker: six
;; judged N). The server made the token (a UUID) when it handed the item to a worker; the compare fences
;; a stale worker off a lease, it admits no one. A mention, ahead of the patterns below.
((binary_expression operator: ["==" "!="]) @trigger
 (#match? @trigger "(^|\\.)[Tt]oken\\s*[!=]=")
 (#unit-name-matches? @trigger "^(Ack|Nack|[Oo]utstanding\\w*|\\w*NackTimeout|process(En|De)queue|[Rr]enewLease|[Rr]eleaseLease|[Ee]xtendLease)$")
 (#set! evidence "mention")
 (#set! rule "go.timing.non-constant-compare"))

;; A Stringer: `func (ai *AuthenticatedIdentity) String() string { if ai.ACLToken != nil && ai.ACLToken
;; != AnonymousACLToken { return "token:" + ai.ACLToken.AccessorID } … }` (round 105, nomad) picks
;; what to print; nothing is admitted. A mention, ahead of the patterns below.
((binary_expression operator: ["==" "!="]) @trigger
 (#unit-name-matches? @trigger "^String$")
 (#set! evidence "mention")
 (#set! rule "go.timing.non-constant-compare"))

;; Change detection before storing a new secret: if to.Password != from.Password { to.SetPassword(
;; to.Password) }, if guiPassword != "" && cfg.Password != guiPassword { cfg.SetPassword(guiPassword) }
;; (round 38, syncthing): the compare only decides whether the setting changed; the branch then hashes
;; and stores the new value, and nobody is admitted by it. A mention, ahead of the patterns below.
;; (An update of a secret-named column, round 74 wakapi's `UpdateField(user, "wakatime_api_key",
;; apiKey)`, is read by `#secret-compare?` itself, valueFacts.ts goStoredOnChange, for the finding too.)
((if_statement
   condition: [
     (binary_expression operator: "!=") @trigger
     (binary_expression operator: "&&" right: (binary_expression operator: "!=") @trigger)
   ]
   consequence: (block) @body)
 (#match? @trigger "{{secret-name}}")
 (#match? @body "\\.Set\\w*([Pp]assw(or)?d|[Ss]ecret|[Tt]oken|[Kk]ey)\\w*\\(|\\.(Password|Passwd|Secret|Token|APIKey|ApiKey)\\s*=[^=]")
 (#set! evidence "mention")
 (#set! rule "go.timing.non-constant-compare"))

;; An equality method comparing the same field of two values field by field (change detection:
;; func (c *OAuth2Config) isEqual(other *OAuth2Config) bool { if c.ClientSecret != other.ClientSecret
;; { return false } … }): two stored configurations, neither submitted by a client. A mention.
((binary_expression operator: ["==" "!="]) @trigger
 (#match? @trigger "{{same-field-compare}}")
 (#unit-name-matches? @trigger "{{equality-method}}")
 (#set! evidence "mention")
 (#set! rule "go.timing.non-constant-compare"))

;; A loop skipping the one element equal to a value: for token := range tokens { if token ==
;; remainToken { continue } … } (revoke every session but the caller's own). Equality only skips an
;; element, it admits no one (a `!=` … continue is a try-next-key search and stays). A mention.
((if_statement
   condition: (binary_expression operator: "==") @trigger
   consequence: (block (statement_list . (continue_statement) .)))
 (#set! evidence "mention")
 (#set! rule "go.timing.non-constant-compare"))

;; A compare after the database found the row by the same value: d.DB.Where("token = ?",
;; token).Find(app) … if app.Token == token (a case guard), QueryRowContext(ctx, q, tokenHash) … if
;; pat.TokenHash == tokenHash (the matching entry of the row's list). The lookup already answered by
;; that value; the compare adds no oracle. A mention, ahead of the patterns below so it takes the node.
((binary_expression operator: ["==" "!="]) @trigger
 (#match? @trigger "{{secret-name}}")
 (#looked-up-before? @trigger)
 (#set! evidence "mention")
 (#set! rule "go.timing.non-constant-compare"))

;; One character of a token against one character of another (tok[0] != SyncTokenTypeTopology[0]):
;; a type-prefix check of a token's format, and a single byte has nothing to leak. A mention, ahead of
;; the patterns below so it takes the node.
((binary_expression
   left: (index_expression index: (int_literal))
   operator: ["==" "!="]
   right: (index_expression index: (int_literal))) @trigger
 (#set! evidence "mention")
 (#set! rule "go.timing.non-constant-compare"))

;; A field of a string split into "tokens" (tokens := strings.Split(string(keyID), ":"); if tokens[1]
;; != b64): tokens in the lexical sense, compared with a value that is not itself named as a secret
;; (parts[1] != apiKey after splitting an Authorization header still marks through its other side).
((binary_expression
   left: (index_expression operand: (identifier) @v index: (int_literal))
   operator: ["==" "!="]
   right: (_) @other) @trigger
 (#match? @v "^([a-z]\\w*Tokens|tokens|toks)$")
 (#not-match? @other "{{secret-name}}")
 (#text-before? @trigger "\\b(tokens|toks|[a-z]\\w*Tokens)\\s*:?=\\s*strings\\.(Split|SplitN|SplitAfter|SplitAfterN|Fields|FieldsFunc)\\(")
 (#set! evidence "mention")
 (#set! rule "go.timing.non-constant-compare"))

((binary_expression
   left: (_) @other
   operator: ["==" "!="]
   right: (index_expression operand: (identifier) @v index: (int_literal))) @trigger
 (#match? @v "^([a-z]\\w*Tokens|tokens|toks)$")
 (#not-match? @other "{{secret-name}}")
 (#text-before? @trigger "\\b(tokens|toks|[a-z]\\w*Tokens)\\s*:?=\\s*strings\\.(Split|SplitN|SplitAfter|SplitAfterN|Fields|FieldsFunc)\\(")
 (#set! evidence "mention")
 (#set! rule "go.timing.non-constant-compare"))

; A switch on a secret with a case naming the stored one: switch apiKey { case "": return false; case
; c.APIKey, os.Getenv("STGUIAPIKEY"): return true } (round 38, syncthing IsValidAPIKey): each case is a
; variable-time ==. The case value is a field of a value or an environment read, not a constant, nor
; a constant converted to a number (`switch v.requestInfo.TokenFormat { case uint32(AuthTokenTypeBearer):`:
; round 102, boundary's token-format switch, judged N twice).
((expression_switch_statement
   value: [(identifier) (selector_expression)] @secret
   (expression_case value: (expression_list [(selector_expression) (call_expression)] @other) @trigger))
 (#match? @secret "{{secret-name}}")
 (#not-match? @secret "{{not-secret-name}}")
 (#match? @other "{{secret-name}}|Getenv\\(")
 (#not-match? @other "{{not-secret-name}}")
 (#not-match? @other "^(u?int(8|16|32|64)?|string|byte|rune|uintptr)\\(\\s*[\\w.]+\\s*\\)$")
 (#not-resolves-to? @secret ".")
 (#not-resolves-to? @other ".")
 (#set! rule "go.timing.non-constant-compare"))

; sig == expected, req.Token != session.Token, hex.EncodeToString(mac) == got
; Not against a registered claim of a parsed token (user.GetSignature() != tokenClaims.Subject): the
; claim was signed by the server, so a client cannot vary it byte by byte.
((binary_expression
   left: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @secret
   operator: ["==" "!="]
   right: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @other) @trigger
 (#match? @secret "{{secret-name}}")
 (#not-match? @secret "{{not-secret-name}}")
 (#not-match? @secret "^(Token|TOKEN_?)[A-Z][A-Za-z]*$")
 (#not-match? @other "^(len|cap)\\(|^(Err|err)|(Type|Kind)(\\(\\))?$")
 (#not-match? @other "{{token-claim-operand}}")
 (#not-match? @secret "{{token-claim-operand}}")
 (#not-resolves-to? @secret ".")
 (#not-resolves-to? @other ".")
 (#not-match? @trigger "{{same-accessor-compare}}")
 (#not-match? @trigger "{{lexer-token-compare}}")
 (#secret-compare? @trigger)
 (#set! rule "go.timing.non-constant-compare"))

((binary_expression
   left: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @other
   operator: ["==" "!="]
   right: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @secret) @trigger
 (#match? @secret "{{secret-name}}")
 (#not-match? @secret "{{not-secret-name}}")
 (#not-match? @secret "^(Token|TOKEN_?)[A-Z][A-Za-z]*$")
 (#not-match? @other "^(len|cap)\\(|^(Err|err)|(Type|Kind)(\\(\\))?$")
 (#not-match? @other "{{token-claim-operand}}")
 (#not-match? @secret "{{token-claim-operand}}")
 (#not-resolves-to? @secret ".")
 (#not-resolves-to? @other ".")
 (#not-match? @trigger "{{same-accessor-compare}}")
 (#not-match? @trigger "{{lexer-token-compare}}")
 (#secret-compare? @trigger)
 (#set! rule "go.timing.non-constant-compare"))

; A one-time code checked against the one submitted: rc.Code == p.Code over the stored recovery
; codes, retCode == code in VerifyTimeLimitCode. "Code" alone names status and error codes too, so
; both sides must be codes and the unit must be the check (verify, login, redeem, activate, reset).
; A `result.Code` is a test's or a response's unless the other side is the request's (fider's
; VerifySignInCode: `result.Code != action.Code`, the stored sign-in code against the submitted one).
((binary_expression
   left: [(identifier) (selector_expression)] @a
   operator: ["==" "!="]
   right: [(identifier) (selector_expression)] @b) @trigger
 (#match? @a "(^|\\.)([a-z]+Code|[Cc]ode)$")
 (#match? @b "(^|\\.)([a-z]+Code|[Cc]ode)$")
 (#not-match? @trigger "[Ss]tatus|[Ee]rr|[Ee]xit|[Rr]esp|[Ll]ang|[Cc]ountry|[Cc]urrency|[Ll]ocale|[Kk]ey[Cc]ode|[Zz]ip|[Pp]ostal|[Oo]p[Cc]ode|[Rr]eason|[Cc]olor|[Cc]har|[Rr]egion|[Pp]hone|[Dd]ial")
 (#not-match? @trigger "(^|[^\\w.])(got|want|expected|actual|res|resp|response|e|apiErr|apiError)\\.")
 (#not-match? @trigger "^(?![\\s\\S]*(^|[^\\w.])(action|input|req|request|form|body|params|payload|in|cmd)\\.)[\\s\\S]*(^|[^\\w.])result\\.")
 (#not-resolves-to? @a ".")
 (#not-resolves-to? @b ".")
 (#unit-name-matches? @trigger "[Vv]erif|[Ll]ogin|[Rr]edeem|[Rr]ecover|[Aa]ctivat|[Cc]onfirm|[Rr]eset|[Aa]uthenticat|[Ll]ookup|[Bb]ackup")
 (#set! rule "go.timing.code-compare"))

; A credential from configuration: password != conf.Prometheus.BasicAuthPassword (a package
; variable's field, which the patterns above take for a package constant)
((binary_expression
   left: (identifier) @other
   operator: ["==" "!="]
   right: (selector_expression operand: (selector_expression) field: (field_identifier) @f) @secret) @trigger
 (#match? @other "{{secret-name}}")
 (#not-match? @other "{{not-secret-name}}")
 (#match? @f "([Pp]assword|[Ss]ecret|[Tt]oken|A[Pp][Ii][Kk]ey)$")
 (#resolves-to? @secret ".")
 (#set! rule "go.timing.non-constant-compare"))

; ... either way round: models.LocalNode.Secret == token (round 58, pufferpanel's ValidateNode)
((binary_expression
   left: (selector_expression operand: (selector_expression) field: (field_identifier) @f) @secret
   operator: ["==" "!="]
   right: (identifier) @other) @trigger
 (#match? @other "{{secret-name}}")
 (#not-match? @other "{{not-secret-name}}")
 (#match? @f "([Pp]assword|[Ss]ecret|[Tt]oken|A[Pp][Ii][Kk]ey)$")
 (#resolves-to? @secret ".")
 (#set! rule "go.timing.non-constant-compare"))

; A signature recomputed and compared with the one presented: if auth.Sign(body, expires) != sign
; (a signing call with arguments; big.Int's x.Sign() takes none and is a number's sign).
((binary_expression
   left: (call_expression function: [(identifier) @f (selector_expression field: (field_identifier) @f)] arguments: (argument_list . (_)))
   operator: ["==" "!="]
   right: [(identifier) (selector_expression) (call_expression) (index_expression)] @other) @trigger
 (#match? @f "^([Ss]ign|[a-z]\\w*Sign)$")
 (#not-match? @other "^(len|cap)\\(|^(Err|err)|(Type|Kind)(\\(\\))?$")
 (#secret-compare? @trigger)
 (#set! rule "go.timing.non-constant-compare"))

((binary_expression
   left: [(identifier) (selector_expression) (call_expression) (index_expression)] @other
   operator: ["==" "!="]
   right: (call_expression function: [(identifier) @f (selector_expression field: (field_identifier) @f)] arguments: (argument_list . (_)))) @trigger
 (#match? @f "^([Ss]ign|[a-z]\\w*Sign)$")
 (#not-match? @other "^(len|cap)\\(|^(Err|err)|(Type|Kind)(\\(\\))?$")
 (#secret-compare? @trigger)
 (#set! rule "go.timing.non-constant-compare"))

; A secret kept in a session or key-value store, read back as text and compared with the one
; presented: if !ok || resetSession.(string) != service.Secret
((binary_expression
   left: (type_assertion_expression) @other
   operator: ["==" "!="]
   right: [(identifier) (selector_expression)] @secret) @trigger
 (#match? @secret "{{secret-name}}")
 (#not-match? @secret "{{not-secret-name}}")
 (#not-resolves-to? @secret ".")
 (#secret-compare? @trigger)
 (#set! rule "go.timing.non-constant-compare"))

((binary_expression
   left: [(identifier) (selector_expression)] @secret
   operator: ["==" "!="]
   right: (type_assertion_expression) @other) @trigger
 (#match? @secret "{{secret-name}}")
 (#not-match? @secret "{{not-secret-name}}")
 (#not-resolves-to? @secret ".")
 (#secret-compare? @trigger)
 (#set! rule "go.timing.non-constant-compare"))

; The request's Authorization header compared with the credential the server expects, built
; from a scheme and a secret: c.GetHeader("Authorization") != fmt.Sprintf("Basic %s", h.Secret),
; r.Header.Get("Authorization") == "Bearer "+token. A header tested against a literal or "" is not.
((binary_expression left: (call_expression function: (selector_expression field: (field_identifier) @get) arguments: (argument_list . (interpreted_string_literal) @header .)) operator: ["==" "!="] right: [(call_expression function: (selector_expression) arguments: (argument_list . (interpreted_string_literal) @scheme . (_) @value .))
          (binary_expression left: (interpreted_string_literal) @scheme operator: "+" right: (_) @value)]) @trigger
 (#any-of? @get "GetHeader" "Get")
 (#match? @header "^\"[Aa]uthorization\"$")
 (#match? @scheme "^\"(Basic|Bearer|Token|Bot)( |%s|%v)+\"$")
 (#not-match? @value "^[\"`]")
 (#set! rule "go.timing.non-constant-compare"))

((binary_expression left: [(call_expression function: (selector_expression) arguments: (argument_list . (interpreted_string_literal) @scheme . (_) @value .))
          (binary_expression left: (interpreted_string_literal) @scheme operator: "+" right: (_) @value)] operator: ["==" "!="] right: (call_expression function: (selector_expression field: (field_identifier) @get) arguments: (argument_list . (interpreted_string_literal) @header .))) @trigger
 (#any-of? @get "GetHeader" "Get")
 (#match? @header "^\"[Aa]uthorization\"$")
 (#match? @scheme "^\"(Basic|Bearer|Token|Bot)( |%s|%v)+\"$")
 (#not-match? @value "^[\"`]")
 (#set! rule "go.timing.non-constant-compare"))

;; A password hashed here and its digest compared with the stored one by ==/!=:
;; string(rp) == base64.StdEncoding.EncodeToString(d.Sum(nil)) in an htpasswd SHA1 check,
;; fmt.Sprintf("%x", h.Sum(nil)) == stored. The operands carry no secret name (the hash is in a
;; local), so the patterns above miss it; the digest of a password in the function before the
;; comparison is what makes it one. A file checksum compared the same way names no password.
((binary_expression
   left: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @a
   operator: ["==" "!="]
   right: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @b) @trigger
 (#match? @trigger "\\.Sum(256|512|224|384)?\\((nil|\\[\\]byte\\{\\})?\\)")
 (#not-match? @a "^(len|cap)\\(")
 (#not-match? @b "^(len|cap)\\(")
 (#text-before? @trigger "[Pp]ass(word|wd)\\b|PASSWORD|[Pp]asswd")
 (#set! rule "go.timing.digest-compare"))

; Round 48: a hand-written constant-time comparison, `v |= a[i] ^ b[i]` accumulated over both
; values: the timing-critical loop itself (crypto/subtle's own shape).
((assignment_statement
   left: (expression_list . (identifier))
   operator: "|="
   right: (expression_list . (binary_expression operator: "^"))) @trigger
 (#set! rule "go.timing.constant-time-api"))

;; The OAuth state a callback receives compared with the one the server issued: `if state !=
;; oAuthState { return … }` (round 59, go-vela; tinyauth's `state != session.State`). The state is the
;; callback's anti-forgery secret; "state" alone names many things, so both sides must be states and
;; the unit an OAuth, OIDC, SSO or login callback.
((binary_expression
   left: [(identifier) (selector_expression) (call_expression) (index_expression)] @a
   operator: ["==" "!="]
   right: [(identifier) (selector_expression) (call_expression) (index_expression)] @b) @trigger
 (#match? @a "{{oauth-state-operand}}")
 (#match? @b "{{oauth-state-operand}}")
 (#not-match? @trigger "[Ss]ession[Ss]tate|[Cc]onn(ection)?[Ss]tate|[Tt]ls[Ss]tate|TLSState|[Rr]un[Ss]tate|[Jj]ob[Ss]tate|[Pp]rev|[Oo]ld|[Ll]ast|[Cc]urrent[Ss]tate|[Dd]esired")
 (#unit-name-matches? @trigger "[Oo][Aa]uth|OAUTH|[Aa]uthenticat|[Ll]ogin|SSO|[Ss]so|OIDC|[Oo]idc|[Oo]pen[Ii][Dd]|[Cc]allback\\w*(Endpoint|View|Handler|Route)|(^|[.\\s])[Cc]allback(\\s|$)")
 (#set! rule "go.timing.oauth-state"))
