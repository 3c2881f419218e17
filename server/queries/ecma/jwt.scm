; JWT / token verification in JavaScript / TypeScript: jsonwebtoken, jose, jwks-rsa, express-jwt,
; express-oauth2-jwt-bearer, passport-jwt, openid-client, jwt-decode, SAML, Google / Firebase ID
; tokens, NestJS and Fastify JWT helpers, and hand-rolled `token.split('.')` decoding.

;; The decode-only jwt-decode library in a file with no server import: the UI reads `exp`, `uid` or
;; `type` of the token the server issued and verifies on every request; nothing the server trusts
;; is decided there. It joins a jwt region of the unit but makes none. (First: of two
;; patterns matching the same node, the earlier one counts.)
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#resolves-to? @trigger "^jwt-decode(\\.|$)")
 (#not-imports? "^(http|https|http2|net|tls|fs|crypto|express|fastify|koa|hono|h3|@hapi/.+|@nestjs/.+|next/server|next/headers|@remix-run/node)(/.*)?$")
 (#set! evidence "mention")
 (#set! rule "ecma.jwt.client-decode"))

;; The same decode-only read through jsonwebtoken or jose in browser code: a Vuex store's
;; `jwt.decode(Cookies.get('jwt'))` filling the user's name and avatar, a dev panel's
;; `decodeJwt(idToken)`: the server verifies the token on every request. A mention, as above.
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#resolves-to? @trigger "^(jsonwebtoken\\.decode|jose\\.(decodeJwt|decodeProtectedHeader))$")
 (#browser-code? @trigger)
 (#set! evidence "mention")
 (#set! rule "ecma.jwt.client-decode"))

;; A JWT module registered with no options (`JwtModule.register({})`, `JwtModule.register()`): no
;; secret, algorithm or lifetime is set there (each sign / verify call passes its own). It joins a
;; jwt region of the unit but makes none. (Before the library pattern: the earlier one counts.)
((call_expression
   function: (member_expression) @trigger
   arguments: (arguments) @args)
 (#resolves-to? @trigger "^@nestjs/jwt\\.JwtModule\\.register$")
 (#match? @args "^\\(\\s*(\\{\\s*\\})?\\s*\\)$")
 (#set! evidence "mention")
 (#set! rule "ecma.jwt.library"))

; Any call or constructor from a JWT / OIDC / SAML library:
; jwt.verify(...), jwtVerify(...), new SignJWT(...), createRemoteJWKSet(...), jwksClient(...),
; expressjwt(...), auth(...) (express-oauth2-jwt-bearer), new JwtStrategy(...), Issuer.discover(...),
; jwtDecode(...), new SamlStrategy(...), new OAuth2Client(...).
; Not jose's base64url codec (`base64url.encode(salt)`, round 56 openauth): plain encoding of a salt,
; hash or PKCE value, no token; unless the unit is named for a JWK, JWT or key id
; or DPoP proof (`getPrivateJwkFromDerivedSecret`, `getKid`: stack-auth's signing keys, round 56;
; better-auth's `deriveDpopAth`, the access-token hash a DPoP proof carries).
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#resolves-to? @trigger "^jose(-node-cjs-runtime|-browser-runtime)?(/[\\w./-]+)?\\.base64url\\.")
 (#not-unit-name-matches? @trigger "[Jj]w[ktsKTS]|JW[KTS]|(^|[a-z.])[Kk]id([A-Z_ ]|$)|[Dd][Pp]o[Pp]|DPOP")
 (#set! evidence "mention")
 (#set! rule "ecma.jwt.library"))

((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^(jsonwebtoken|jose|jwks-rsa|express-jwt|express-oauth2-jwt-bearer|passport-jwt|openid-client|jwt-decode|jwt-simple|fast-jwt|@fastify/jwt|@nestjs/jwt|@hapi/jwt|jose-node-cjs-runtime|jose-browser-runtime|jws|jwa|jwk-to-pem|@node-saml/[\\w-]+|passport-saml|saml2-js|samlify|@boxyhq/saml20\\.(validate|sign|verify|decrypt|request|createLogoutRequest|createSAMLResponse|parseLogoutResponse)\\w*|google-auth-library|oidc-token-hash|@auth0/auth0-spa-js|jwt-simple)(/[\\w./-]+)?(\\.|$)")
 (#set! rule "ecma.jwt.library"))

((new_expression
   constructor: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^(jsonwebtoken|jose|jwks-rsa|express-jwt|express-oauth2-jwt-bearer|passport-jwt|openid-client|@node-saml/[\\w-]+|passport-saml|saml2-js|samlify|google-auth-library|@nestjs/jwt|@hapi/jwt)(/[\\w./-]+)?(\\.|$)")
 (#not-resolves-to? @trigger "{{google-oauth-client}}")
 (#set! rule "ecma.jwt.library"))

; new OAuth2Client(clientId, secret, redirect) / new GoogleAuth({...}) only builds an OAuth client
; (to call Google APIs with stored tokens): a mention, which joins a region that verifies an ID
; token (client.verifyIdToken) but never makes one.
((new_expression
   constructor: [(identifier) (member_expression)] @trigger)
 (#resolves-to? @trigger "{{google-oauth-client}}")
 (#set! evidence "mention")
 (#set! rule "ecma.jwt.library"))

; Methods on library instances: client.callback(...) (openid-client), oauthClient.verifyIdToken(...)
; and Firebase admin.auth().verifyIdToken(...) / verifySessionCookie / createCustomToken. Server
; libraries: not in browser code, where the same name is the page asking its own server for a token
; (round 109, jitsu's React components calling `eeClient.createCustomToken()`).
((call_expression
   function: (member_expression property: (property_identifier) @m @trigger))
 (#match? @m "^(verifyIdToken|verifySessionCookie|createCustomToken|createSessionCookie|verifySignedJwtWithCertsAsync|getTokenInfo|jwtVerify|jwtSign|jwtDecode)$")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.jwt.verify-method"))

((call_expression
   function: (member_expression property: (property_identifier) @m @trigger))
 (#match? @m "^(callback|oauthCallback|callbackParams|grant|refresh|userinfo|introspect|validatePostResponseAsync|validateRedirectAsync|validateResponse)$")
 (#imports? "^(openid-client|@node-saml/[\\w-]+|passport-saml)$")
 (#set! rule "ecma.jwt.oidc-client"))

; NestJS / hand-wired helpers: this.jwtService.verifyAsync(token), jwtHelper.sign(payload)
((call_expression
   function: (member_expression
     object: [(identifier) @o (member_expression property: (property_identifier) @o)]
     property: (property_identifier) @m) @trigger)
 (#match? @o "^([Jj]wt|JWT|[Jj]wt[A-Z]\\w*|\\w+Jwt)$")
 (#match? @m "^(sign|signAsync|verify|verifyAsync|decode|decodeAsync)$")
 (#set! rule "ecma.jwt.jwt-helper"))

; Hand-rolled decoding: JSON.parse(atob(token.split('.')[1])) skips signature verification. Not in
; browser code (browserCode.ts), where the UI only reads the payload of a token the server verifies.
((subscript_expression
   object: (call_expression
     function: (member_expression
       object: [(identifier) @o (member_expression property: (property_identifier) @o)]
       property: (property_identifier) @split)
     arguments: (arguments . (string) @dot .))
   index: (number)) @trigger
 (#eq? @split "split")
 (#match? @dot "^.\\.[\"']$")
 (#match? @o "((^|[^A-Za-z])|[a-z0-9](?=[A-Z]))([Tt]oken|TOKEN|[Jj]wt|JWT)s?([A-Z][A-Za-z]*)?$")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.jwt.manual-decode"))

; const [header, payload, signature] = token.split('.'), or const parts = jwt.split('.'); if (parts.length
; !== 3) throw …; JSON.parse(decodeBase64(parts[0])): the token's segments taken apart for a
; hand-rolled header and payload parse.
; The split needs a JWT sign after it (JSON.parse, atob, a payload/claims/header name, a
; three-part length check): `prefix.keyId.secret` API tokens, `project:env.secret` tokens and
; `expiry.hmac` tokens are split on '.' too and are not JWTs.
((variable_declarator
   name: [(array_pattern) (identifier)]
   value: (call_expression
     function: (member_expression
       object: [(identifier) @o (member_expression property: (property_identifier) @o)]
       property: (property_identifier) @split)
     arguments: (arguments . (string) @dot .))) @trigger
 (#eq? @split "split")
 (#match? @dot "^.\\.[\"']$")
 (#match? @o "((^|[^A-Za-z])|[a-z0-9](?=[A-Z]))([Tt]oken|TOKEN|[Jj]wt|JWT)s?([A-Z][A-Za-z]*)?$")
 (#not-browser-code? @trigger)
 (#text-after? @o "JSON\\.parse|parseJSON|atob\\(|\\.length\\s*[!=]==?\\s*3\\b|[Pp]ayload|[Cc]laims|\\b[Hh]eader\\b|\\balg\\b")
 (#set! rule "ecma.jwt.manual-decode"))

; A library's bearer-token verification given its JWKS and claims (better-auth's
; oauthResourceClient verifyBearerToken(token, { verifyOptions: { audience, issuer, typ },
; jwksUrl })): the audience, issuer and key source are chosen here.
((call_expression
   function: (member_expression property: (property_identifier) @trigger)
   arguments: (arguments (object (pair key: (property_identifier) @k))))
 (#match? @trigger "^verify\\w*(Token|Jwt|JWT)$")
 (#match? @k "^(verifyOptions|jwksUrl|jwksUri|jwks_uri|jwks|audience|issuer|algorithms)$")
 (#set! rule "ecma.jwt.token-verify-options"))

; JOSE algorithm and JSON Web Key checks against a JOSE name: alg === 'none', header.alg !== 'HS256',
; key.use === 'sig' (which keys may sign), input.kty === 'oct'; KEY_TYPES.has(key?.kty).
; A comparison, or a default chosen on the server (`opts.jwsAlg = opts.jwsAlg || 'RS256'`: the
; algorithm tokens are signed with; round 14, jackson). Not a default in browser code,
; `signing_key.kty || 'EC'` (round 108, convoy's endpoint form picking the key type to show).
((binary_expression
   left: [(identifier) @a (member_expression property: (property_identifier) @a)]
   operator: ["===" "!==" "==" "!="]
   right: (string) @s) @trigger
 (#match? @a "^(alg|[a-z]\\w*Alg|use|kty)$")
 (#match? @s "^.(none|HS(256|384|512)|RS(256|384|512)|PS(256|384|512)|ES(256|256K|384|512)|EdDSA|Ed25519|sig|enc|RSA|EC|OKP|oct|AKP).$")
 (#set! rule "ecma.jwt.algorithm-check"))

((binary_expression
   left: [(identifier) @a (member_expression property: (property_identifier) @a)]
   operator: ["||" "??"]
   right: (string) @s) @trigger
 (#match? @a "^(alg|[a-z]\\w*Alg|use|kty)$")
 (#match? @s "^.(none|HS(256|384|512)|RS(256|384|512)|PS(256|384|512)|ES(256|256K|384|512)|EdDSA|Ed25519|sig|enc|RSA|EC|OKP|oct|AKP).$")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.jwt.algorithm-check"))

((call_expression
   function: (member_expression property: (property_identifier) @m)
   arguments: (arguments . (member_expression property: (property_identifier) @p) .)) @trigger
 (#any-of? @m "has" "includes")
 (#eq? @p "kty")
 (#set! rule "ecma.jwt.algorithm-check"))

; Any other read of a JWK's key type, switch (jwk.kty), kty: key.kty, is a mention: "kty" names only
; a JWK's key type, but building a thumbprint or copying keys into a JWKS checks nothing.
((member_expression property: (property_identifier) @p) @trigger
 (#eq? @p "kty")
 (#set! evidence "mention")
 (#set! rule "ecma.jwt.jwk-property"))

; A project's helper named for what it does to a JSON Web Key or key set: exportPublicKeyJWK(key),
; generateJwkThumbprint(jwk), getJwks(issuer), fetchClientJwks(client), validatePublicClientJwks(jwks),
; ensurePublicJwk(jwk), and a JWKS endpoint's own method (controller.jwks()). Which keys are published,
; fetched or trusted decides which signatures verify.
((call_expression
   function: [(identifier) @trigger (member_expression property: (property_identifier) @trigger)])
 (#match? @trigger "^(import|export|generate|calculate|fetch|refetch|get|verify|validate|create|ensure|strip|load|rotate|resolve|assertValid)\\w*(JWKS?|Jwks?)\\w*$|^jwks$")
 (#not-match? @trigger "(Error|Adapter|Url|URL|Uri|URI|Path)$|[Mm]ock|Test")
 (#set! rule "ecma.jwt.jwk-helper"))

; A key set written out as a JWKS, { keys: [...] }: the provider's signing keys
; (oidc-provider's `jwks: { keys: envSet.oidc.privateJwks }`), a published set
; (`const jwks = { keys: [{ ...publicKeyJWK, kid, alg, use: 'sig' }] }`, `instance(this).jwks = { keys }`).
((pair
   key: (property_identifier) @trigger
   value: (object (pair key: (property_identifier) @k)))
 (#match? @trigger "^(jwks|JWKS)$")
 (#eq? @k "keys")
 (#set! rule "ecma.jwt.key-set"))

((variable_declarator
   name: (identifier) @trigger
   value: (object [(pair key: (property_identifier) @k) (shorthand_property_identifier) @k]))
 (#match? @trigger "^(jwks|JWKS|publicJwks|signingJwks)$")
 (#eq? @k "keys")
 (#set! rule "ecma.jwt.key-set"))

((assignment_expression
   left: (member_expression property: (property_identifier) @trigger)
   right: (object [(pair key: (property_identifier) @k) (shorthand_property_identifier) @k]))
 (#match? @trigger "^(jwks|JWKS)$")
 (#eq? @k "keys")
 (#set! rule "ecma.jwt.key-set"))
