; Findings: JWT verification that does not pin the algorithm, accepts `none`, skips expiry,
; decodes without verifying, or (jose) checks no issuer / audience.
; jsonwebtoken and jose calls resolve through imports and requires (`jwt.verify`, `verify`,
; `jose.jwtVerify`, `jwtVerify`), so same-named methods of other objects do not match.
;
; Fix `ecma.jwt-pin-algorithm`: when the file signs tokens with exactly one algorithm
; (`jwt.sign(..., { algorithm: 'HS256' })`, `new SignJWT(...).setProtectedHeader({ alg: 'ES256' })`),
; pins verification to it: adds `{ algorithms: ['HS256'] }` as the options argument (before a
; callback) or `algorithms: [...]` to the options object. Otherwise the finding has no fix.

; jwt.verify(token, key) / jwt.verify(token, key, callback): no options, so no algorithm pin.
((call_expression
   function: [(identifier) (member_expression)] @finding
   arguments: (arguments . (_) . (_) @key .)) @call
 (#imports? "^jsonwebtoken$")
 (#resolves-to? @finding "^jsonwebtoken\\.verify$")
 (#not-match? @key "[Ss]ecret|SECRET")
 (#set! rule "ecma.jwt.algorithm-not-pinned")
 (#set! category "jwt")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "347")
 (#set! message "jwt.verify without an `algorithms` option accepts whatever algorithm the token header names; pin it, e.g. { algorithms: ['RS256'] }")
 (#set! fix "ecma.jwt-pin-algorithm"))

((call_expression
   function: [(identifier) (member_expression)] @finding
   arguments: (arguments . (_) . (_) . [(arrow_function) (function_expression)] .)) @call
 (#imports? "^jsonwebtoken$")
 (#resolves-to? @finding "^jsonwebtoken\\.verify$")
 (#set! rule "ecma.jwt.algorithm-not-pinned")
 (#set! category "jwt")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "347")
 (#set! message "jwt.verify without an `algorithms` option accepts whatever algorithm the token header names; pin it, e.g. { algorithms: ['RS256'] }")
 (#set! fix "ecma.jwt-pin-algorithm"))

; jwt.verify(token, key, { audience }) / (..., { issuer }, callback): options without `algorithms`
; (a spread may supply it, so objects with `...` are left alone). A key named as a secret
; (`jwtSecret`) is an HMAC secret, as in the two-argument form above: jsonwebtoken 9 then accepts
; only HS256/384/512, so the header cannot pick `none` or an asymmetric algorithm.
((call_expression
   function: [(identifier) (member_expression)] @finding
   arguments: (arguments . (_) . (_) @key . (object) @opts)) @call
 (#not-match? @opts "(^|[{,\\s])algorithms\\b|\\.\\.\\.")
 (#not-match? @key "[Ss]ecret|SECRET")
 (#imports? "^jsonwebtoken$")
 (#resolves-to? @finding "^jsonwebtoken\\.verify$")
 (#set! rule "ecma.jwt.algorithm-not-pinned")
 (#set! category "jwt")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "347")
 (#set! message "jwt.verify options have no `algorithms`, so the token header chooses the algorithm; add algorithms: ['RS256'] (the algorithm you sign with)")
 (#set! fix "ecma.jwt-pin-algorithm"))

; jose: jwtVerify(token, key) with no options: neither algorithm nor issuer / audience checked.
; A key set (`createRemoteJWKSet(…)`, `createLocalJWKSet(…)`, a `jwks` / `keySet` variable) is
; left out of the algorithm rules: jose picks the key by the header's alg family and supports
; only asymmetric keys there, so the header cannot choose `none` or an HMAC with the public key.
; A symmetric key (`new TextEncoder().encode(secret)`, `createSecretKey(…)`, a `secret` / `…Secret`
; variable) is left out too: jose accepts a Uint8Array or secret KeyObject only for HS256/384/512,
; so there is no algorithm to confuse it with. A key the same function imported for one algorithm
; (`importJWK(jwk, alg)`, `importSPKI(pem, "RS256")`, importX509 / importPKCS8) is a CryptoKey bound
; to it: jose refuses a token whose header names any other algorithm for that key. So is a public
; key (`publicKey`, `pubKey`: a KeyObject / CryptoKey of an RSA or EC key, e.g. each key of a JWKS
; tried in turn): jose only verifies RS/PS or ES algorithms with it, never HS or `none`.
((call_expression
   function: [(identifier) (member_expression)] @finding
   arguments: (arguments . (_) . (_) @key .)) @call
 (#not-match? @key "JWKS|[Jj]wks|JWKSet|[Kk]ey[Ss]et|[Pp]ub(lic)?_?[Kk]ey|PUB(LIC)?_KEY|{{jose-symmetric-key}}")
 (#imports? "^jose$")
 (#resolves-to? @finding "^jose\\.jwtVerify$")
 (#not-text-before? @call "\\b(?:importJWK\\(\\s*[^,()]+(?:\\([^()]*\\))?[^,()]*,\\s*[^\\s)]|importSPKI\\(|importX509\\(|importPKCS8\\()")
 (#set! rule "ecma.jwt.algorithm-not-pinned")
 (#set! category "jwt")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "347")
 (#set! message "jwtVerify without options accepts any algorithm the key allows; pass { algorithms: [...] } with the algorithm your tokens are signed with (e.g. 'RS256')")
 (#set! fix "ecma.jwt-pin-algorithm"))

((call_expression
   function: [(identifier) (member_expression)] @finding
   arguments: (arguments . (_) . (_) @key . (object) @opts)) @call
 (#not-match? @key "JWKS|[Jj]wks|JWKSet|[Kk]ey[Ss]et|[Pp]ub(lic)?_?[Kk]ey|PUB(LIC)?_KEY|{{jose-symmetric-key}}")
 (#not-match? @opts "(^|[{,\\s])algorithms\\b|\\.\\.\\.")
 (#imports? "^jose$")
 (#resolves-to? @finding "^jose\\.jwtVerify$")
 (#not-text-before? @call "\\b(?:importJWK\\(\\s*[^,()]+(?:\\([^()]*\\))?[^,()]*,\\s*[^\\s)]|importSPKI\\(|importX509\\(|importPKCS8\\()")
 (#set! rule "ecma.jwt.algorithm-not-pinned")
 (#set! category "jwt")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "347")
 (#set! message "jwtVerify options have no `algorithms`; pin the algorithm your tokens are signed with, e.g. algorithms: ['RS256']")
 (#set! fix "ecma.jwt-pin-algorithm"))

((call_expression
   function: [(identifier) (member_expression)] @finding
   arguments: (arguments . (_) . (_) .)) @call
 (#imports? "^jose$")
 (#resolves-to? @finding "^jose\\.jwtVerify$")
 (#set! confidence "low")
 (#set! rule "ecma.jwt.claims-not-checked")
 (#set! category "jwt")
 (#set! severity "info")
 (#set! cwe "345")
 (#set! message "jwtVerify without options checks no issuer or audience, so a token minted for another service is accepted; pass { issuer, audience }")
 )

((call_expression
   function: [(identifier) (member_expression)] @finding
   arguments: (arguments . (_) . (_) . (object) @opts)) @call
 (#not-match? @opts "(^|[{,\\s])(audience|issuer)\\b|\\.\\.\\.")
 (#imports? "^jose$")
 (#resolves-to? @finding "^jose\\.jwtVerify$")
 (#set! confidence "low")
 (#set! rule "ecma.jwt.claims-not-checked")
 (#set! category "jwt")
 (#set! severity "info")
 (#set! cwe "345")
 (#set! message "jwtVerify options check neither issuer nor audience, so a token minted for another service is accepted; add issuer and audience")
 )

; jwt.decode(token) / decodeJwt(token): no signature check; never base auth decisions on it.
((call_expression
   function: [(identifier) (member_expression)] @fn @finding) @call
 (#imports? "^jsonwebtoken$")
 (#resolves-to? @finding "^jsonwebtoken\\.decode$")
 (#set! confidence "low")
 (#set! rule "ecma.jwt.decode-without-verify")
 (#set! category "jwt")
 (#set! severity "warning")
 (#set! cwe "345")
 (#set! message "jwt.decode does not verify the signature: anyone can forge its claims; use jwt.verify for anything that decides access"))

((call_expression
   function: [(identifier) (member_expression)] @fn @finding) @call
 (#imports? "^jose$")
 (#resolves-to? @finding "^jose\\.(decodeJwt|UnsecuredJWT\\.decode)$")
 (#set! confidence "low")
 (#set! rule "ecma.jwt.decode-without-verify")
 (#set! category "jwt")
 (#set! severity "warning")
 (#set! cwe "345")
 (#set! message "decodeJwt does not verify the signature: anyone can forge its claims; use jwtVerify for anything that decides access"))

; algorithms: ['none'], algorithm: 'none', alg: 'none' (unsigned tokens)
((pair
   key: (property_identifier) @k
   value: (array (string) @finding))
 (#eq? @k "algorithms")
 (#match? @finding "^['\"`][Nn][Oo][Nn][Ee]['\"`]$")
 (#set! rule "ecma.jwt.none-algorithm")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! cwe "347")
 (#set! message "Accepting the `none` algorithm accepts unsigned tokens: anyone can forge them; remove 'none' and list only the algorithm you sign with")
 (#set! fix "ecma.jwt-drop-none"))

((pair
   key: (property_identifier) @k
   value: (string) @finding)
 (#any-of? @k "algorithm" "alg")
 (#match? @finding "^['\"`][Nn][Oo][Nn][Ee]['\"`]$")
 (#set! rule "ecma.jwt.none-algorithm")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! cwe "347")
 (#set! message "The `none` algorithm produces unsigned tokens that anyone can forge; sign with a real algorithm (HS256 with a strong secret, RS256, ES256)")
 (#set! fix "ecma.jwt-drop-none"))

; algorithms: ['HS256', 'RS256']: an HMAC algorithm next to a public-key one lets a token signed
; with the public key as HMAC secret pass (key confusion).
((pair
   key: (property_identifier) @k
   value: (array) @finding)
 (#eq? @k "algorithms")
 (#match? @finding "['\"`]HS(256|384|512)['\"`]")
 (#match? @finding "['\"`](RS|PS|ES)(256|384|512)K?['\"`]|['\"`]EdDSA['\"`]")
 (#set! rule "ecma.jwt.mixed-algorithms")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! cwe "347")
 (#set! message "HMAC and public-key algorithms are accepted together, which allows key confusion (a token HMAC-signed with the public key); accept one algorithm family"))

; ignoreExpiration: true (jsonwebtoken, passport-jwt, express-jwt), in files that use one of them
; (the same option name on other APIs, e.g. node-oidc-provider's Model.find, is not JWT validation)
((pair
   key: (property_identifier) @k
   value: (true)) @finding
 (#eq? @k "ignoreExpiration")
 (#imports? "^(jsonwebtoken|passport-jwt|express-jwt|koa-jwt|@nestjs/passport|@nestjs/jwt|fast-jwt|@fastify/jwt|jwt-simple)$")
 (#set! rule "ecma.jwt.claims-validation-disabled")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "613")
 (#set! message "ignoreExpiration: true accepts expired tokens forever (a leaked token never stops working); remove it and keep tokens short-lived")
 (#set! fix "ecma.remove-property"))

; express-jwt: expressjwt({ secret }) / jwt({ secret }) (older releases) without `algorithms`:
; the token header picks the algorithm (older express-jwt accepted this; newer ones throw).
((call_expression
   function: [(identifier) (member_expression)] @finding
   arguments: (arguments . (object) @opts)) @call
 (#match? @opts "(^|[{,\\s])secret\\b")
 (#not-match? @opts "(^|[{,\\s])algorithms\\b|\\.\\.\\.")
 (#imports? "^(express-jwt|koa-jwt)$")
 (#resolves-to? @finding "^(express-jwt|koa-jwt)(\\.expressjwt)?$")
 (#set! rule "ecma.jwt.algorithm-not-pinned")
 (#set! category "jwt")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "347")
 (#set! message "express-jwt / koa-jwt without `algorithms` lets the token header choose the algorithm; add algorithms: ['RS256'] (the algorithm you sign with)"))

; jws.verify(signature, secretOrKey): the two-argument form takes the algorithm from the header
; (jws 3 expects jws.verify(signature, 'HS256', key)).
((call_expression
   function: [(identifier) (member_expression)] @finding
   arguments: (arguments . (_) . (_) .)) @call
 (#imports? "^jws$")
 (#resolves-to? @finding "^jws\\.verify$")
 (#set! rule "ecma.jwt.algorithm-not-pinned")
 (#set! category "jwt")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "347")
 (#set! message "jws.verify(signature, key) without an algorithm trusts the header's `alg`; call jws.verify(signature, 'RS256', key) with the algorithm you sign with"))
