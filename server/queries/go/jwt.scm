; JWT / JOSE / OIDC / OAuth2 / SAML token handling in Go: golang-jwt (v4, v5), dgrijalva/jwt-go,
; go-jose (square v2, go-jose v3/v4 and their jwt subpackages), lestrrat-go/jwx, coreos/go-oidc,
; golang.org/x/oauth2, crewjam/saml, russellhaering/gosaml2.

;; Option plumbing that validates nothing joins a jwt region but makes none (first: of two patterns
;; matching the same node, the earlier one counts): the parser's clock, jwt.WithTimeFunc(c.Now), and
;; JSON number decoding, jwt.WithJSONNumber(); fosite's struct-to-claims conversion,
;; jwt.NewMapClaims(metadata) (no signing or check); an extra authorize-URL parameter,
;; oauth2.SetAuthURLParam("response_mode", "form_post") or a pass-through SetAuthURLParam(key, value),
;; unless a literal name says PKCE, a nonce or a client credential (code_challenge, code_verifier,
;; nonce, client_secret…).
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#any-of? @f "WithTimeFunc" "WithJSONNumber" "NewMapClaims")
 (#resolves-to? @pkg "^((authelia\\.com/provider/oauth2|github\\.com/ory/fosite)/token/jwt|github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?)$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.option-plumbing"))

((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) @param))
 (#eq? @f "SetAuthURLParam")
 (#not-match? @param "^[\"`].*(code_challenge|code_verifier|nonce|secret|assertion|password|client_id|token|key)")
 (#resolves-to? @pkg "^golang\\.org/x/oauth2$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.option-plumbing"))

;; The service's own Google credentials loaded for an outbound client: `google.CredentialsFromJSONWithType(ctx,
;; json, google.ServiceAccount, scope)`, `google.JWTConfigFromJSON(key, scope)`, `google.FindDefaultCredentials`,
;; `google.DefaultTokenSource`, `google.DefaultClient` (lego's and cert-manager's Cloud DNS clients,
;; tinode's FCM push, rclone, juicefs, netbird, oauth2-proxy: eight judged N in rounds 31–101; round 109,
;; argo-workflows' GCS artifacts). The library signs the assertion; nothing here is issued to or
;; verified for a caller. A mention (first: of two patterns matching the same node, the earlier counts).
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#match? @f "^(CredentialsFromJSON\\w*|JWTConfigFromJSON|JWTAccessTokenSourceFromJSON|JWTAccessTokenSourceWithScope|FindDefaultCredentials\\w*|DefaultTokenSource|DefaultClient|ComputeTokenSource|AppEngineTokenSource|ConfigFromJSON|SDKConfig|ServiceAccount|AuthorizedUser|ExternalAccount|ImpersonatedServiceAccount|ExternalAccountAuthorizedUser|GDCHServiceAccount)$")
 (#resolves-to? @pkg "^golang\\.org/x/oauth2/google$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.api"))

;; OAuth 2.0 client transport of golang.org/x/oauth2 around a token already held:
;; oauth2.StaticTokenSource(&oauth2.Token{…}) and an HTTP client over it,
;; oauth2.NewClient(ctx, oauth2.StaticTokenSource(t)): no token is parsed, signed, verified or
;; refreshed there, so they join a jwt region but make none (first: of two patterns matching the
;; same node, the earlier counts). A client over a refreshing token source
;; (oauth2.NewClient(ctx, &notifyRefreshTokenSource{…}), oauth2.ReuseTokenSource) stays an operation.
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#eq? @f "StaticTokenSource")
 (#resolves-to? @pkg "^golang\\.org/x/oauth2$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.api"))

((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) . (call_expression function: (selector_expression field: (field_identifier) @src)) .))
 (#eq? @f "NewClient")
 (#eq? @src "StaticTokenSource")
 (#resolves-to? @pkg "^golang\\.org/x/oauth2$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.api"))
;; The same over a token source held in a variable, oauth2.NewClient(ctx, ts) (a parameter, or
;; ts := oauth2.StaticTokenSource(…) above), or in a field, oauth2.NewClient(ctx, creds.TokenSource)
;; (round 109): the client only carries the token; where the source was made (config.TokenSource,
;; a refreshing source literal) is what counts.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) . (identifier) .))
 (#eq? @f "NewClient")
 (#resolves-to? @pkg "^golang\\.org/x/oauth2$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.api"))

((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) . (selector_expression field: (field_identifier) @src) .))
 (#eq? @src "TokenSource")
 (#eq? @f "NewClient")
 (#resolves-to? @pkg "^golang\\.org/x/oauth2$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.api"))

;; The PKCE verifier handed to the exchange as an option, oauth2.VerifierOption(v), in a small
;; token-endpoint helper (at most five statements) is plumbing; in a callback that also loads the
;; verifier from the saved state and checks it, the callback is the OAuth flow and it counts.
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#eq? @f "VerifierOption")
 (#resolves-to? @pkg "^golang\\.org/x/oauth2$")
 (#small-unit? @trigger)
 (#set! evidence "mention")
 (#set! rule "go.jwt.api"))

;; An authorization-code (or password, device) exchange whose token is returned as is,
;; return c.Exchange(ctx, code, opts...): a connector's pass-through to the token endpoint; the
;; token is checked, or not, where it is used. An exchange whose result the function goes on to
;; read (an ID token extracted and verified, an identity built) stays an operation below.
((return_statement (expression_list . (call_expression function: (selector_expression operand: (_) @recv field: (field_identifier) @fn) @trigger) .))
 (#any-of? @fn "Exchange" "PasswordCredentialsToken" "DeviceAccessToken")
 (#not-resolves-to? @recv ".")
 (#imports? "^golang\\.org/x/oauth2$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.method"))

;; The code exchange of a goth provider, `func (s *Session) Authorize(provider goth.Provider, params
;; goth.Params)`: token, err := p.config.Exchange(ctx, params.Get("code")), the token's fields copied
;; into the session. The library's callback (gothic.CompleteUserAuth, its state check) decides the
;; login; an ID token verified in the same method (Apple's jwt.ParseWithClaims) stays an operation
;; (round 103, goth: 12 jwt regions judged N). And oauth2.RegisterBrokenAuthHeaderProvider(url), a
;; compatibility no-op of the library kept for old providers.
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @fn) @trigger)
 (#eq? @fn "Exchange")
 (#not-resolves-to? @recv ".")
 (#unit-name-matches? @trigger "^Authorize$")
 (#imports? "^github\\.com/markbates/goth$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.method"))

((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#eq? @f "RegisterBrokenAuthHeaderProvider")
 (#resolves-to? @pkg "^golang\\.org/x/oauth2$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.api"))

;; OpenID Connect discovery, oidc.NewProvider(ctx, issuerURL): fetches the provider's metadata
;; document; no token is parsed, signed or verified. Joins a jwt region (provider.Verifier(cfg)
;; .Verify(ctx, raw) in the same unit) but makes none.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#eq? @f "NewProvider")
 (#resolves-to? @pkg "^github\\.com/coreos/go-oidc(/v\\d+)?(/oidc)?$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.oidc-discovery"))

;; go-oidc's HTTP-client plumbing, oidc.ClientContext(ctx, client): it only puts the HTTP client
;; (proxy, TLS settings) into the context that later fetches and exchanges use; no token is parsed,
;; signed or verified. Joins a jwt region (a verifier's Verify in the same unit) but makes none.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#eq? @f "ClientContext")
 (#resolves-to? @pkg "^github\\.com/coreos/go-oidc(/v\\d+)?(/oidc)?$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.oidc-discovery"))

;; A keyless parse in a helper that only describes a token for an error or a log,
;; tryEnrichResultErr(token, err) { t, _ := jwt.ParseWithClaims(token, jwt.MapClaims{}, nil); …
;; return err.WithDetail("jwt_claims", …) }: with a nil key function nothing is verified and the
;; claims decide nothing; they are copied into the message. A mention (first, so it takes the node).
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list) @args)
 (#any-of? @f "Parse" "ParseWithClaims")
 (#resolves-to? @pkg "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?$")
 (#match? @args "^\\((?:[^,]+,\\s*){1,2}nil\\s*[,)]")
 (#unit-name-matches? @trigger "(Err|Error|Errors|Log|Debug|Details?)$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.api"))

;; … and the parser options handed to it, jwt.WithIssuedAt(): nothing is verified either way.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f)
   arguments: (argument_list (call_expression function: (selector_expression operand: (identifier) @opkg) @trigger)) @args)
 (#any-of? @f "Parse" "ParseWithClaims")
 (#resolves-to? @pkg "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?$")
 (#resolves-to? @opkg "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?$")
 (#match? @args "^\\((?:[^,]+,\\s*){1,2}nil\\s*[,)]")
 (#unit-name-matches? @trigger "(Err|Error|Errors|Log|Debug|Details?)$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.api"))

;; A claims type's accessor that jwt/v5's Claims interface asks for, converting its own field,
;; func (c *Claims) GetExpirationTime() (*jwt.NumericDate, error) { return jwt.NewNumericDate(…), nil }:
;; plumbing; the parser that calls it validates (nakama's invitation and session claims, round 53).
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#eq? @f "NewNumericDate")
 (#resolves-to? @pkg "^github\\.com/golang-jwt/jwt(/v\\d+)?$")
 (#unit-name-matches? @trigger "(^|\\.)Get(ExpirationTime|IssuedAt|NotBefore)$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.api"))

;; A token read with no signature check by a command-line tool (a file of a CLI framework: the CLI
;; showing its own login, printing the token it was handed, deciding to ask for a new login) or only
;; for its expiry (a function named for it: getJWTExpiry, parseJWTExpiry, getJWTSVIDEndOfLife, a
;; cache lifetime): parser.ParseUnverified(raw, &claims), jwt.NewParser(jwt.WithoutClaimsValidation()),
;; jwt.Parse(raw, nil). The server that receives the token verifies it; nothing here trusts a claim
;; (round 103, argo-cd's CLI and helm credentials: 4 regions judged N; spire, rclone, ziti: 5 earlier).
;; A unit that also verifies (a key function, Verify, a public or signing key, a secret) keeps them.
;; (First: of two patterns matching the same node, the earlier one counts.)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#any-of? @f "ParseUnverified" "NewParser" "WithoutClaimsValidation" "NewValidator")
 (#imports? "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?$")
 (#imports? "^(github\\.com/spf13/cobra|github\\.com/urfave/cli(/v\\d+)?|github\\.com/alecthomas/(kong|kingpin(/v\\d+)?)|gopkg\\.in/alecthomas/kingpin\\.v\\d+|github\\.com/mitchellh/cli)$")
 (#not-text-before? @trigger "\\.Verify\\(|[Kk]ey[Ff]unc|[Pp]ublicKey|[Ss]ecret|[Ss]igningKey")
 (#not-text-after? @trigger "\\.Verify\\(|[Kk]ey[Ff]unc|[Pp]ublicKey|[Ss]ecret|[Ss]igningKey")
 (#set! evidence "mention")
 (#set! rule "go.jwt.method"))

((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list (_) . (nil) .))
 (#eq? @f "Parse")
 (#resolves-to? @pkg "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?$")
 (#imports? "^(github\\.com/spf13/cobra|github\\.com/urfave/cli(/v\\d+)?|github\\.com/alecthomas/(kong|kingpin(/v\\d+)?)|gopkg\\.in/alecthomas/kingpin\\.v\\d+|github\\.com/mitchellh/cli)$")
 (#not-text-before? @trigger "\\.Verify\\(|[Kk]ey[Ff]unc|[Pp]ublicKey|[Ss]ecret|[Ss]igningKey")
 (#not-text-after? @trigger "\\.Verify\\(|[Kk]ey[Ff]unc|[Pp]ublicKey|[Ss]ecret|[Ss]igningKey")
 (#set! evidence "mention")
 (#set! rule "go.jwt.api"))

((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#any-of? @f "ParseUnverified" "NewParser" "WithoutClaimsValidation" "NewValidator")
 (#imports? "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?$")
 (#unit-name-matches? @trigger "[Ee]xpir|EndOfLife|TTL")
 (#not-text-before? @trigger "\\.Verify\\(|[Kk]ey[Ff]unc|[Pp]ublicKey|[Ss]ecret|[Ss]igningKey")
 (#not-text-after? @trigger "\\.Verify\\(|[Kk]ey[Ff]unc|[Pp]ublicKey|[Ss]ecret|[Ss]igningKey")
 (#set! evidence "mention")
 (#set! rule "go.jwt.method"))

((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list (_) . (nil) .))
 (#eq? @f "Parse")
 (#resolves-to? @pkg "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?$")
 (#unit-name-matches? @trigger "[Ee]xpir|EndOfLife|TTL")
 (#not-text-before? @trigger "\\.Verify\\(|[Kk]ey[Ff]unc|[Pp]ublicKey|[Ss]ecret|[Ss]igningKey")
 (#not-text-after? @trigger "\\.Verify\\(|[Kk]ey[Ff]unc|[Pp]ublicKey|[Ss]ecret|[Ss]igningKey")
 (#set! evidence "mention")
 (#set! rule "go.jwt.api"))

;; LiveKit's access tokens are JWTs (round 61, livekit's API-key middleware): its auth package parses
;; and verifies them (`auth.ParseAPIToken(t)` then `v.Verify(secret)`) and issues them
;; (`auth.NewAccessToken(key, secret)`). Its key providers only hold the keys.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#match? @f "^(ParseAPIToken|NewAccessToken|NewAPIKeyTokenVerifier)$")
 (#resolves-to? @pkg "^github\\.com/livekit/protocol/auth$")
 (#set! rule "go.jwt.api"))

;; NATS decentralised auth (github.com/nats-io/jwt): jwt.DecodeUserClaims(ujwt),
;; jwt.DecodeAccountClaims(string(msg)), jwt.DecodeGeneric(…), jwt.DecodeAuthorizationResponseClaims(…)
;; decode a JWT and check its signature against the issuer's nkey; claims.Encode(kp) signs one (round 65,
;; nats-server: the user, account and auth-callout paths had no jwt region).
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#match? @f "^(Decode|Decode[A-Z]\\w*Claims|DecodeGeneric)$")
 (#resolves-to? @pkg "^github\\.com/nats-io/jwt(/v\\d+)?$")
 (#set! rule "go.jwt.api"))

; Any member of a token library: jwt.Parse, jwt.ParseWithClaims, jwt.NewWithClaims,
; jwt.SigningMethodHS256, jose.ParseSigned, jws.Verify, jwk.Fetch, oidc.NewProvider, hashicorp/cap's
; jwt.NewValidator(keySet) and oidc.NewProvider(cfg) (round 105, nomad's JWT and OIDC auth methods),
; oauth2.StaticTokenSource, samlsp.New, and fosite's own token/jwt package (also in its
; authelia.com/provider/oauth2 fork): jwt.WithHeaders(h) for a signed response, jwt.SearchJWKS ...
((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^((authelia\\.com/provider/oauth2|github\\.com/ory/fosite)/token/jwt|github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go|cristalhq/jwt|kataras/jwt|pascaldekloe/jwt|gbrlsnchs/jwt)(/v\\d+)?(/request)?|gopkg\\.in/(square|go-jose)/go-jose\\.v\\d(/jwt)?|github\\.com/(square|go-jose)/go-jose(/v\\d+)?(/jwt)?|github\\.com/lestrrat-go/jwx(/v\\d+)?(/(jwt|jws|jwk|jwe|jwa)(/openid)?)?|github\\.com/coreos/go-oidc(/v\\d+)?(/oidc)?|golang\\.org/x/oauth2(/.+)?|github\\.com/crewjam/saml(/samlsp|/samlidp)?|github\\.com/russellhaering/(gosaml2|goxmldsig)|github\\.com/MicahParks/keyfunc(/v\\d+)?|github\\.com/go-chi/jwtauth(/v\\d+)?|github\\.com/hashicorp/cap/(jwt|oidc))$")
 (#called? @trigger)
 (#set! rule "go.jwt.api"))

; Members used as values (oauth2.Endpoint, jwt.SigningMethodHS256 passed along, option values) are
; mentions; calls are operations.
((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^((authelia\\.com/provider/oauth2|github\\.com/ory/fosite)/token/jwt|github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go|cristalhq/jwt|kataras/jwt|pascaldekloe/jwt|gbrlsnchs/jwt)(/v\\d+)?(/request)?|gopkg\\.in/(square|go-jose)/go-jose\\.v\\d(/jwt)?|github\\.com/(square|go-jose)/go-jose(/v\\d+)?(/jwt)?|github\\.com/lestrrat-go/jwx(/v\\d+)?(/(jwt|jws|jwk|jwe|jwa)(/openid)?)?|github\\.com/coreos/go-oidc(/v\\d+)?(/oidc)?|golang\\.org/x/oauth2(/.+)?|github\\.com/crewjam/saml(/samlsp|/samlidp)?|github\\.com/russellhaering/(gosaml2|goxmldsig)|github\\.com/MicahParks/keyfunc(/v\\d+)?|github\\.com/go-chi/jwtauth(/v\\d+)?|github\\.com/hashicorp/cap/(jwt|oidc))$")
 (#not-called? @trigger)
 (#set! evidence "mention")
 (#set! rule "go.jwt.api"))

;; Round 92 (nezha): appleboy/gin-jwt. The middleware's configuration, `&jwt.GinJWTMiddleware{Key:
;; secret, SigningAlgorithm: "HS256", TokenLookup: "header: Authorization, query: token", …}` (the
;; key, the algorithm pinned, where tokens are taken from, the authenticator and authorizator), and
;; the middleware's own token calls, `mw.GetClaimsFromJWT(c)` then a hand-written `exp` check,
;; `mw.ParseTokenString(raw)`, `mw.TokenGenerator(data)`. (`jwt.New(initParams())` only builds it and
;; `jwt.ExtractClaims(c)` reads what it verified: not these.)
((composite_literal
   type: (qualified_type package: (package_identifier) @pkg name: (type_identifier) @t)) @trigger
 (#eq? @t "GinJWTMiddleware")
 (#resolves-to? @pkg "^github\\.com/appleboy/gin-jwt(/v\\d+)?$")
 (#set! rule "go.jwt.api"))

((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @fn) @trigger)
 (#any-of? @fn "GetClaimsFromJWT" "ParseToken" "ParseTokenString" "TokenGenerator" "CheckIfTokenExpire" "RefreshToken")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/appleboy/gin-jwt(/v\\d+)?$")
 (#set! rule "go.jwt.method"))

;; A signing method of the library used directly, jwt.SigningMethodRS256.Verify(signingString, sig, key)
;; or jwt.SigningMethodHS256.Sign(s, key) (custom SigningMethod implementations, KMS adapters): the
;; signature check or signing itself, not a value passed along.
((call_expression
   function: (selector_expression
     operand: (selector_expression operand: (identifier) @pkg field: (field_identifier) @method)
     field: (field_identifier) @fn) @trigger)
 (#match? @method "^SigningMethod")
 (#any-of? @fn "Verify" "Sign")
 (#resolves-to? @pkg "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?$")
 (#set! rule "go.jwt.signing-method-call"))

; Token library types in code: jwt.MapClaims{...}, *jwt.Token parameters of key functions,
; t.Method.(*jwt.SigningMethodHMAC) algorithm checks, oidc.Config{...}, oauth2.Config{...}
((qualified_type package: (package_identifier) @pkg) @trigger
 (#resolves-to? @pkg "^((authelia\\.com/provider/oauth2|github\\.com/ory/fosite)/token/jwt|github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go|cristalhq/jwt|kataras/jwt|pascaldekloe/jwt|gbrlsnchs/jwt)(/v\\d+)?|gopkg\\.in/(square|go-jose)/go-jose\\.v\\d(/jwt)?|github\\.com/(square|go-jose)/go-jose(/v\\d+)?(/jwt)?|github\\.com/lestrrat-go/jwx(/v\\d+)?(/(jwt|jws|jwk|jwe|jwa)(/openid)?)?|github\\.com/coreos/go-oidc(/v\\d+)?(/oidc)?|golang\\.org/x/oauth2(/.+)?|github\\.com/crewjam/saml(/samlsp|/samlidp)?|github\\.com/russellhaering/(gosaml2|goxmldsig)|github\\.com/go-chi/jwtauth(/v\\d+)?|github\\.com/hashicorp/cap/(jwt|oidc))$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.type"))

;; OpenID Connect discovery, not token handling: oidc.NewProvider(ctx, issuerURL) fetches the
;; provider's metadata document and provider.Claims(&meta) reads a field of it (`issuer`,
;; `end_session_endpoint`); neither parses, signs or verifies a token. They join a jwt region of a
;; unit that verifies (provider.Verifier(cfg).Verify(ctx, raw), idToken.Claims(&c)) but make none.
;; (First: of two patterns matching the same node, the earlier one counts.)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @fn) @trigger
   arguments: (argument_list (_)))
 (#eq? @fn "Claims")
 (#match? @recv "([Pp]rovider|PROVIDER)$")
 (#imports? "^github\\.com/coreos/go-oidc(/v\\d+)?(/oidc)?$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.oidc-discovery"))

; go-chi/jwtauth signer/verifier instances: tokenAuth.Encode(claims) signs a session token,
; tokenAuth.Decode(raw) verifies one (the *jwtauth.JWTAuth made by jwtauth.New("HS256", secret, nil)).
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @fn) @trigger)
 (#any-of? @fn "Encode" "Decode")
 (#match? @recv "([Tt]oken[Aa]uth|[Jj]wt[Aa]uth|JWTAuth|[Jj]wtauth)$")
 (#imports? "^github\\.com/go-chi/jwtauth(/v\\d+)?$")
 (#set! rule "go.jwt.method"))

; Methods on parsers, tokens and verifiers: parser.ParseWithClaims, token.SignedString,
; verifier.Verify(ctx, raw), provider.Verifier(&oidc.Config{ClientID: id}) (the audience a verifier
; accepts), idToken.Claims(&c), conf.Exchange(ctx, code), sp.ParseResponse
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @fn) @trigger
   arguments: (argument_list (_)) @args)
 (#match? @fn "^(ParseWithClaims|ParseUnverified|SignedString|SigningString|ParseSigned|ParseEncrypted|ParseSignedAndEncrypted|UnsafeClaimsWithoutVerification|Verify|Verifier|VerifySignature|Claims|Decrypt|Exchange|PasswordCredentialsToken|DeviceAccessToken|ParseResponse|ParseXMLResponse|RetrieveAssertionInfo|ValidateEncodedResponse)$")
 (#not-resolves-to? @recv ".")
 ; cert.Verify(x509.VerifyOptions{…}), attestation.Verify(verifyOpts): an X.509 chain or
 ; attestation check with an options struct, not a token (crypto rules see it).
 (#not-match? @args "^\\(\\s*(&?x509\\.VerifyOptions\\s*\\{|\\w*([Oo]pts|[Oo]ptions)\\s*\\)$)")
 ; A KMS wrapper's or an AEAD's Decrypt in a file that also handles JWTs (`ks.wrapper.Decrypt(ctx,
 ; blob, aad)`: round 105, nomad's keyring) unwraps keys or data: crypto's business, not a token's.
 (#not-match? @recv "{{key-wrapping-receiver}}")
 (#imports? "^((authelia\\.com/provider/oauth2|github\\.com/ory/fosite)/token/jwt|github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?|gopkg\\.in/(square|go-jose)/go-jose\\.v\\d(/jwt)?|github\\.com/(square|go-jose)/go-jose(/v\\d+)?(/jwt)?|github\\.com/lestrrat-go/jwx(/v\\d+)?/.+|github\\.com/coreos/go-oidc(/v\\d+)?(/oidc)?|github\\.com/crewjam/saml(/samlsp)?|github\\.com/russellhaering/gosaml2|github\\.com/hashicorp/cap/(jwt|oidc))$")
 (#set! rule "go.jwt.method"))

;; hashicorp/cap's validator checking a token's signature and claims: `claims, err :=
;; validator.Validate(ctx, token, expected)` (round 105, nomad's JWT auth-method login).
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @fn) @trigger
   arguments: (argument_list . (_) . (_) . (_) .))
 (#eq? @fn "Validate")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/hashicorp/cap/jwt$")
 (#set! rule "go.jwt.method"))

;; Round 91 (ergo): a parser built once with jwt.NewParser(jwt.WithValidMethods(…)) and kept in a
;; field or package variable, then j.parser.Parse(raw, j.keyFunc): the token verification itself.
;; (Parse alone is every parser's method; the receiver named a parser and the key function
;; argument in a file importing golang-jwt make it the token one.)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @fn) @trigger
   arguments: (argument_list (_) . (_) .))
 (#eq? @fn "Parse")
 (#match? @recv "(^|\\.)([Jj]wt|[Tt]oken)?[Pp]arser$")
 (#imports? "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?$")
 (#set! rule "go.jwt.method"))

; In a file whose only token library is golang.org/x/oauth2, only its own token calls count:
; conf.Exchange(ctx, code), conf.PasswordCredentialsToken(ctx, u, p), conf.DeviceAccessToken(…)
; (not mfa.Verify(passcode) or a form's Claims(...)).
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @fn) @trigger
   arguments: (argument_list (_)))
 (#any-of? @fn "Exchange" "PasswordCredentialsToken" "DeviceAccessToken")
 (#not-resolves-to? @recv ".")
 (#imports? "^golang\\.org/x/oauth2(/.+)?$")
 (#set! rule "go.jwt.method"))

; Algorithm checks in key functions: t.Method.(*jwt.SigningMethodHMAC), t.Method.(*jwt.SigningMethodRSA).
; An operation, unlike the type mentions above, so it makes a region by itself. (Other assertions,
; `obj.(*jwt.Token)` from a context, `val.(*oidc.Provider)` from a cache, `err.(*saml.…Error)`,
; check no algorithm: they stay type mentions.)
((type_assertion_expression
   type: [(qualified_type package: (package_identifier) @pkg name: (type_identifier) @type)
          (pointer_type (qualified_type package: (package_identifier) @pkg name: (type_identifier) @type))]) @trigger
 (#match? @type "^(SigningMethod\\w*|SignatureAlgorithm|KeyAlgorithm|ContentEncryption|Algorithm)$")
 (#resolves-to? @pkg "^((authelia\\.com/provider/oauth2|github\\.com/ory/fosite)/token/jwt|github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go|cristalhq/jwt|kataras/jwt|pascaldekloe/jwt|gbrlsnchs/jwt)(/v\\d+)?|gopkg\\.in/(square|go-jose)/go-jose\\.v\\d(/jwt)?|github\\.com/(square|go-jose)/go-jose(/v\\d+)?(/jwt)?|github\\.com/lestrrat-go/jwx(/v\\d+)?(/(jwt|jws|jwk|jwe|jwa)(/openid)?)?|github\\.com/coreos/go-oidc(/v\\d+)?(/oidc)?|golang\\.org/x/oauth2(/.+)?|github\\.com/crewjam/saml(/samlsp|/samlidp)?|github\\.com/russellhaering/(gosaml2|goxmldsig))$")
 (#set! rule "go.jwt.algorithm-check"))

;; The same check by name, t.Method.Alg() != SignerAlgo (a key function returned by a named
;; factory: func keyFunc(…) jwt.Keyfunc { return func(t *jwt.Token) (any, error) { … } }), and
;; the factory itself, a function whose result is the library's key-function type: it picks the
;; key every token is verified with.
((binary_expression
   left: (call_expression function: (selector_expression
     operand: (selector_expression field: (field_identifier) @m)
     field: (field_identifier) @alg))
   operator: ["==" "!="]) @trigger
 (#eq? @m "Method")
 (#eq? @alg "Alg")
 (#imports? "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?$")
 (#set! rule "go.jwt.algorithm-check"))

([(function_declaration name: (identifier) @trigger result: (qualified_type package: (package_identifier) @pkg name: (type_identifier) @t))
  (method_declaration name: (field_identifier) @trigger result: (qualified_type package: (package_identifier) @pkg name: (type_identifier) @t))]
 (#eq? @t "Keyfunc")
 (#resolves-to? @pkg "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?$")
 (#set! rule "go.jwt.keyfunc-factory"))

; Verifier and provider configuration that decides what is accepted: oidc.Config{SkipClientIDCheck: true},
; oidc.ProviderConfig{Algorithms: algs}, SkipIssuerCheck, SkipExpiryCheck, SupportedSigningAlgs,
; InsecureSkipSignatureCheck.
((composite_literal
   type: (qualified_type package: (package_identifier) @pkg)
   body: (literal_value (keyed_element key: (literal_element (identifier) @trigger))))
 (#any-of? @trigger "SkipClientIDCheck" "SkipIssuerCheck" "SkipExpiryCheck" "InsecureSkipSignatureCheck" "SupportedSigningAlgs" "Algorithms")
 (#resolves-to? @pkg "^github\\.com/coreos/go-oidc(/v\\d+)?(/oidc)?$")
 (#set! rule "go.jwt.verifier-config"))

; conf.AuthCodeURL("state", ...): a fixed OAuth state defeats CSRF protection. Building the URL
; with a per-request state is plumbing and makes no region.
((call_expression
   function: (selector_expression field: (field_identifier) @fn) @trigger
   arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)]))
 (#eq? @fn "AuthCodeURL")
 (#imports? "^golang\\.org/x/oauth2$")
 (#set! rule "go.jwt.fixed-oauth-state"))

; fosite-based OAuth 2.0 / OIDC providers (github.com/ory/fosite and its fork
; authelia.com/provider/oauth2): the provider's request and response entry points validate the
; client, its authentication, the grant, PKCE, redirect URI and tokens, and mint the tokens:
; provider.NewAccessRequest(ctx, r, session), provider.IntrospectToken(ctx, token, …),
; provider.NewAuthorizeResponse(ctx, requester, session). Not the package's constructors
; (oauth2.NewAuthorizeRequest() builds an empty request).
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @fn) @trigger)
 (#any-of? @fn "NewAuthorizeRequest" "NewAuthorizeResponse" "NewAccessRequest" "NewAccessResponse" "IntrospectToken" "NewIntrospectionRequest" "NewRevocationRequest" "NewPushedAuthorizeRequest" "NewPushedAuthorizeResponse" "NewDeviceRequest" "NewDeviceResponse" "NewRFC8628UserAuthorizeRequest" "NewRFC8628UserAuthorizeResponse")
 (#not-resolves-to? @recv ".")
 (#imports? "^(github\\.com/ory/fosite|authelia\\.com/provider/oauth2)(/.+)?$")
 (#set! rule "go.jwt.oauth2-provider"))

; go-pkgz/auth's token service (a JWT carried in a cookie or header): the handler verifies a token
; it was given, authenticator.TokenService().Parse(raw), checks its expiry, .IsExpired(claims),
; reads and verifies the request's token, .Get(r), or signs and sets one, .Token(claims),
; .Set(w, claims).
((call_expression
   function: (selector_expression
     operand: (call_expression function: (selector_expression field: (field_identifier) @svc))
     field: (field_identifier) @fn) @trigger)
 (#eq? @svc "TokenService")
 (#any-of? @fn "Parse" "IsExpired" "Get" "Set" "Token" "Reset")
 (#imports? "^github\\.com/go-pkgz/auth(/v\\d+)?(/.+)?$")
 (#set! rule "go.jwt.token-service"))

; A JSON Web Key checked after loading, jwk.Valid(), jwk.IsPublic() != pub (a private key where a
; public one belongs), or fingerprinted, jwk.Thumbprint(crypto.SHA256), in a file using go-jose or
; lestrrat-go/jwx: which keys are accepted for signing and verification.
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @fn) @trigger)
 (#any-of? @fn "IsPublic" "Valid" "Thumbprint")
 (#not-resolves-to? @recv ".")
 (#imports? "^(gopkg\\.in/(square|go-jose)/go-jose\\.v\\d|github\\.com/(square|go-jose)/go-jose(/v\\d+)?|github\\.com/lestrrat-go/jwx(/v\\d+)?/jwk)$")
 (#set! rule "go.jwt.key-check"))

; A project's own OpenID Connect / OAuth 2.0 package deciding what a token will carry:
; oidc.ConsentGrant(consent, true, claims), oidc.ConsentGrantImplicit(consent, requests, subject, now),
; oidc.NewClaimRequests(form), oidc.GrantScopeAudienceConsent(requester, consent),
; oidc.HydrateClientCredentialsFlowSessionWithAccessRequest(ctx, client, session),
; oidc.IsPushedAuthorizedRequest(requester, prefix), oauth2.NewSessionWithCustomClaims(ctx, cfg, sub).
; Which scopes, audiences and claims are granted is what the issued ID and access tokens assert.
; Not the protocol's error constructors, oidc.ErrInvalidGrant(), oidc.ErrUnsupportedGrantType(),
; oidc.ErrInvalidScope(): building an error response decides nothing a token carries.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @fn) @trigger)
 (#match? @fn "(Grant|Claim|Consent|Scope|Audience|Hydrate|PushedAuthoriz)")
 (#not-match? @fn "^Err")
 (#resolves-to? @pkg "(^|/)(oidc|oauth2|oauth|openid)$")
 (#set! rule "go.jwt.oidc-grant"))

; A fosite-based provider choosing how its tokens are made: oauth2.NewCoreStrategy(c, prefix,
; c.Strategy.JWT) (JWT access tokens or opaque HMAC ones), foauth2.NewHMACSHAStrategy(enigma, cfg),
; compose.NewOAuth2JWTStrategy(keyGetter, strategy, cfg). The strategy signs, encodes and validates
; every token the provider issues.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @fn) @trigger)
 (#match? @fn "^New\\w*Strategy$")
 (#resolves-to? @pkg "^(github\\.com/ory/fosite|authelia\\.com/provider/oauth2|[\\w.-]+/[\\w.-]+/[\\w.-]+(/v\\d+)?/fosite)(/.+)?$")
 (#set! rule "go.jwt.token-strategy"))

; A hand-written JWT check pinning the header's algorithm: `header.Alg != "RS256"`,
; `assert.Equal(header.Alg, "RS256", "unsupported algorithm")`. The `alg` of a token header compared
; with a JOSE algorithm name is the alg-confusion guard of a verifier written without a library.
((binary_expression
   left: (selector_expression field: (field_identifier) @a)
   right: (interpreted_string_literal) @trigger)
 (#match? @a "^(Alg|Algorithm)$")
 (#match? @trigger "^\"(none|HS(256|384|512)|RS(256|384|512)|PS(256|384|512)|ES(256|256K|384|512)|EdDSA)\"$")
 (#set! rule "go.jwt.algorithm-pin"))

((call_expression
   arguments: (argument_list
     (selector_expression field: (field_identifier) @a)
     .
     (interpreted_string_literal) @trigger))
 (#match? @a "^(Alg|Algorithm)$")
 (#match? @trigger "^\"(none|HS(256|384|512)|RS(256|384|512)|PS(256|384|512)|ES(256|256K|384|512)|EdDSA)\"$")
 (#set! rule "go.jwt.algorithm-pin"))

; A token handed to a verifier chosen from a key set: `verifier, ok := s.byKID[kid]; return
; verifier.Verify(token)`, `for _, verifier := range s.ordered { claims, err := verifier.Verify(token) }`.
; Which verifier a token meets (by kid, or every key in turn) is the signature check.
((call_expression
   function: (selector_expression operand: (identifier) @r field: (field_identifier) @f) @trigger
   arguments: (argument_list . (identifier) @a .))
 (#eq? @f "Verify")
 (#match? @r "^([a-z]\\w*)?[Vv]erifier$")
 (#match? @a "^(token|rawToken|tokenString|tokenStr|raw|rawJWT|jwt|idToken|accessToken|rawIDToken)$")
 (#set! rule "go.jwt.verifier-call"))

;; The project's own token signer given the claims it will sign: a.d.CredentialsSigner().Sign(ctx,
;; jwksURL, claims) (an ID token minted for the upstream), h.Signer.Generate(ctx,
;; claims.ToMapClaims(), headers), c.signer.Sign(claims) (a GitHub App JWT). The lifetime, issuer
;; and subject chosen above go into a token others trust.
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list) @args)
 (#any-of? @f "Sign" "Generate" "SignClaims" "SignToken" "SignJWT")
 (#match? @recv "[Ss]igner(\\(\\))?$")
 (#match? @args "[Cc]laims\\b")
 (#not-resolves-to? @recv ".")
 (#set! rule "go.jwt.project-signer"))


; Smallstep's JOSE package, go.step.sm/crypto/jose (go-jose re-exported with helpers): the same
; shapes as go-jose above. Calls of the package, jose.ParseSigned(tok), jose.Verify(tok, key, &c),
; jose.Signed(signer), jose.GenerateDefaultKeyPair(pass) (a JWK provisioner's signing key), are
; operations; its types and values (jose.JSONWebKey, jose.ES256) are mentions; methods on its
; tokens and builders, tok.Claims(key, &c), jws.Verify(jwk), tok.SignedString(alg, key), are
; operations in a file that imports it.
((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^go\\.step\\.sm/crypto/jose$")
 (#called? @trigger)
 (#set! rule "go.jwt.api"))

((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^go\\.step\\.sm/crypto/jose$")
 (#not-called? @trigger)
 (#set! evidence "mention")
 (#set! rule "go.jwt.api"))

((qualified_type package: (package_identifier) @pkg) @trigger
 (#resolves-to? @pkg "^go\\.step\\.sm/crypto/jose$")
 (#set! evidence "mention")
 (#set! rule "go.jwt.type"))

((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @fn) @trigger
   arguments: (argument_list (_)) @args)
 (#match? @fn "^(SignedString|SigningString|ParseSigned|ParseEncrypted|Verify|VerifySignature|Claims|UnsafeClaimsWithoutVerification|Decrypt)$")
 (#not-resolves-to? @recv ".")
 (#not-match? @args "^\\(\\s*(&?x509\\.VerifyOptions\\s*\\{|\\w*([Oo]pts|[Oo]ptions)\\s*\\)$)")
 (#not-match? @recv "{{key-wrapping-receiver}}")
 (#imports? "^go\\.step\\.sm/crypto/jose$")
 (#set! rule "go.jwt.method"))

; Google Tink's JWT primitives (tink-go, and the older google/tink module): jwt.NewSigner,
; jwt.NewVerifier, jwt.NewValidator, jwt.NewRawJWT, keyset templates such as jwt.ES256Template();
; zitadel/oidc relying parties, resource servers and providers (rp.NewRelyingPartyOIDC,
; rp.VerifyIDToken, op.NewProvider). Its `oidc` package of claim types and scope names is left out.
((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^(github\\.com/tink-crypto/tink-go(/v\\d+)?/jwt|github\\.com/google/tink/go/jwt|github\\.com/zitadel/oidc(/v\\d+)?/pkg/(client/rp|client/rs|op))$")
 (#called? @trigger)
 (#set! rule "go.jwt.api"))
