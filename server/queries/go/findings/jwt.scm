; JWT validation mistakes in Go: golang-jwt (v3/v4/v5, and the dgrijalva / form3tech forks) and
; lestrrat-go/jwx. Most rules share the generic call structure and tell calls apart by predicates.

; jwt.Parse(token, keyFunc) / jwt.ParseWithClaims(token, claims, keyFunc) with neither a
; jwt.WithValidMethods option nor a key function that checks t.Method / the "alg" header: the
; token header picks the algorithm (HS/RS key confusion). A key function named in the call and
; declared in the same file (`jwt.Parse(raw, keyFunc(token, fn))`) is read: it pins the algorithm
; when it compares t.Method.Alg() or asserts t.Method's type. Options passed through (opts...) may pin it, and
; so does a check of the header's alg earlier in the function (a DPoP or JWS proof that reads the
; header first: if header.Alg == "" || strings.HasPrefix(header.Alg, "HS") { reject }). Not a
; parse with a nil key function, jwt.ParseWithClaims(raw, claims, nil): it verifies nothing, so no
; algorithm is trusted (the claims are as unverified as ParseUnverified's).
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#imports? "{{golang-jwt-modules}}")
 (#resolves-to? @fn "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?\\.(Parse|ParseWithClaims)$")
 (#not-match? @args "WithValidMethods|\\.Method\\b|\\.Alg\\(\\)|\\[\\\"alg\\\"\\]|\\.\\.\\.\\s*,?\\s*\\)$")
 (#not-match? @args "^\\((?:[^,]+,\\s*){1,2}nil\\s*[,)]")
 (#not-text-before? @finding "{{alg-header-check}}")
 (#not-helper-matches? @args "\\.Method\\.Alg\\(\\)\\s*(==|!=)|\\.Method\\.\\(\\*?[\\w.]*SigningMethod|{{alg-header-check}}")
 (#set! rule "go.jwt.algorithm-not-pinned")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "347")
 (#set! message "JWT parsed without pinning the algorithm: the token's own alg header decides how it is verified (alg confusion). Pass jwt.WithValidMethods([]string{\"<the alg you sign with>\"}) or check t.Method in the key function.")
 (#set! fix "go.jwt-pin-algorithm"))

; jwt.WithValidMethods([]string{"HS256", "none"})
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#imports? "{{golang-jwt-modules}}")
 (#resolves-to? @fn "\\.WithValidMethods$")
 (#match? @args "[\\\"`][Nn][Oo][Nn][Ee][\\\"`]")
 (#set! rule "go.jwt.none-algorithm")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! cwe "347")
 (#set! message "The \"none\" algorithm is accepted, so unsigned tokens pass; list only the algorithm you sign with.")
 (#set! fix "go.jwt-drop-none"))

; jwt.NewWithClaims(jwt.SigningMethodNone, claims), t.SignedString(jwt.UnsafeAllowNoneSignatureType)
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#imports? "{{golang-jwt-modules}}")
 (#match? @args "\\b(SigningMethodNone|UnsafeAllowNoneSignatureType)\\b")
 (#set! rule "go.jwt.none-algorithm")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! cwe "347")
 (#set! message "alg \"none\" signs nothing: tokens made or accepted with it can be forged by anyone. Use a real signing method (HS256, RS256, ES256, EdDSA) and never pass UnsafeAllowNoneSignatureType."))

; a key function returning jwt.UnsafeAllowNoneSignatureType
((return_statement (expression_list . (selector_expression) @value)) @finding
 (#imports? "{{golang-jwt-modules}}")
 (#resolves-to? @value "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?\\.(SigningMethodNone|UnsafeAllowNoneSignatureType)$")
 (#set! rule "go.jwt.none-algorithm")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! cwe "347")
 (#set! message "alg \"none\" signs nothing: tokens made or accepted with it can be forged by anyone. Use a real signing method (HS256, RS256, ES256, EdDSA) and never pass UnsafeAllowNoneSignatureType."))

; parser.ParseUnverified(token, claims), jwt.NewParser().ParseUnverified(...)
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#imports? "{{golang-jwt-modules}}")
 (#match? @fn "\\.ParseUnverified$")
 (#set! confidence "low")
 (#set! rule "go.jwt.parse-unverified")
 (#set! category "jwt")
 (#set! severity "warning")
 (#set! cwe "345")
 (#set! message "ParseUnverified does not check the signature: its claims are attacker-controlled. Use it only to read routing hints (kid), then verify with jwt.Parse/ParseWithClaims before trusting any claim."))

; jwx: jwt.Parse(data, jwt.WithVerify(false)). Not on a token the function itself just fetched from
; another service (an outbound http.NewRequest / http.Get before the parse: an anonymous API token
; read only for its expiry to cache it): the program is that token's bearer, not its relying party.
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#imports? "^github\\.com/lestrrat-go/jwx(/v\\d+)?/jwt$")
 (#resolves-to? @fn "^github\\.com/lestrrat-go/jwx(/v\\d+)?/jwt\\.WithVerify$")
 (#match? @args "^\\(\\s*false\\s*\\)$")
 (#not-text-before? @finding "http\\.NewRequest(WithContext)?\\(|\\bhttp\\.(Get|Post|PostForm)\\(|\\.(Do|Get|Post|PostForm)\\(\\s*(ctx,\\s*)?req\\w*\\s*\\)")
 (#set! rule "go.jwt.verification-disabled")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "347")
 (#set! message "jwt.WithVerify(false) parses the token without checking its signature, so anyone can forge claims; verify with jwt.WithKey(alg, key) or jwt.WithKeySet(set)."))

; jwx: jwt.WithValidate(false)
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#imports? "^github\\.com/lestrrat-go/jwx(/v\\d+)?/jwt$")
 (#resolves-to? @fn "^github\\.com/lestrrat-go/jwx(/v\\d+)?/jwt\\.WithValidate$")
 (#match? @args "^\\(\\s*false\\s*\\)$")
 (#not-text-before? @finding "http\\.NewRequest(WithContext)?\\(|\\bhttp\\.(Get|Post|PostForm)\\(|\\.(Do|Get|Post|PostForm)\\(\\s*(ctx,\\s*)?req\\w*\\s*\\)")
 (#set! rule "go.jwt.claims-validation-disabled")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "613")
 (#set! message "jwt.WithValidate(false) skips exp/nbf/iat (and aud/iss) validation, so expired or foreign tokens are accepted; leave validation on and add jwt.WithAudience/jwt.WithIssuer.")
 (#set! fix "go.call-arg-true"))

; golang-jwt v5: jwt.WithoutClaimsValidation(), unless the function checks the time claims itself
; after parsing (claims.IssuedAt, claims.ExpiresAt, GetExpirationTime(): a DPoP proof's iat window).
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#imports? "^github\\.com/golang-jwt/jwt(/v\\d+)?$")
 (#resolves-to? @fn "^github\\.com/golang-jwt/jwt(/v\\d+)?\\.WithoutClaimsValidation$")
 (#not-unit-name-matches? @finding "(^|\\s)(Is|Has|is|has)[A-Z_]|[Uu]nverified|[Pp]eek|[Cc]lassif")
 (#not-text-after? @finding "{{time-claim-check}}")
 (#set! rule "go.jwt.claims-validation-disabled")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "613")
 (#set! message "jwt.WithoutClaimsValidation() skips exp/nbf/iat validation, so expired tokens are accepted; remove it (and add jwt.WithAudience/jwt.WithIssuer)."))

; golang-jwt v4: &jwt.Parser{SkipClaimsValidation: true}
((literal_value (keyed_element key: (literal_element (identifier) @key) value: (literal_element (true) @value)) @finding) @literal
 (#eq? @key "SkipClaimsValidation")
 (#imports? "{{golang-jwt-modules}}")
 (#set! rule "go.jwt.claims-validation-disabled")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "613")
 (#set! message "SkipClaimsValidation skips exp/nbf/iat validation, so expired tokens are accepted; set it to false.")
 (#set! fix "go.flip-true"))

; p.SkipClaimsValidation = true
((assignment_statement left: (expression_list . (_) @name) right: (expression_list . (_) @value)) @finding
 (#eq? @value "true")
 (#match? @name "\\.SkipClaimsValidation$")
 (#imports? "{{golang-jwt-modules}}")
 (#set! rule "go.jwt.claims-validation-disabled")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "613")
 (#set! message "SkipClaimsValidation skips exp/nbf/iat validation, so expired tokens are accepted; set it to false.")
 (#set! fix "go.flip-true"))

; golang-jwt request package: request.ParseFromRequest(r, request.AuthorizationHeaderExtractor,
; keyFunc) verifies with whatever algorithm the token names unless a parser pinned to the
; algorithm is passed (request.WithParser(jwt.NewParser(jwt.WithValidMethods(...))), v4:
; request.WithParser(&jwt.Parser{ValidMethods: ...})) or the key function checks t.Method. A
; parser held in a variable (request.WithParser(p)) or options passed through may pin it.
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#imports? "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?/request$")
 (#resolves-to? @fn "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?/request\\.(ParseFromRequest|ParseFromRequestWithClaims)$")
 (#not-match? @args "WithValidMethods|ValidMethods\\s*:|\\.Method\\b|\\.Alg\\(\\)|\\[\\\"alg\\\"\\]|WithParser\\(\\s*[A-Za-z_][\\w.]*\\s*\\)|\\.\\.\\.\\s*,?\\s*\\)$")
 (#set! rule "go.jwt.algorithm-not-pinned")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "347")
 (#set! message "JWT parsed from the request without pinning the algorithm: the token's own alg header decides how it is verified (alg confusion). Pass request.WithParser(jwt.NewParser(jwt.WithValidMethods([]string{\"<the alg you sign with>\"}))) or check t.Method in the key function."))
