; JWT, JOSE, OIDC and SAML token handling in Python: PyJWT, python-jose, Authlib, google-auth,
; python3-saml (onelogin), jwcrypto, flask-jwt-extended, djangorestframework-simplejwt.

; PyJWT: jwt.decode(...), jwt.encode(...), jwt.get_unverified_header(...), PyJWKClient(url)
; (`import jwt as pyjwt` resolves too)
; python-jose: `from jose import jwt` -> jwt.decode(...), jws.verify(...), jwk.construct(...)
; Authlib: authlib.jose jwt / JsonWebToken / JsonWebKey, OAuth clients from authlib.integrations
; google-auth: id_token.verify_oauth2_token(token, request, audience), google.auth.jwt
; python3-saml: OneLogin_Saml2_Auth(req, settings), OneLogin_Saml2_Settings(...)
; jwcrypto: jwk.JWK(...), jwt.JWT(header=..., claims=...), jws.JWS(...)
; mautrix's signed tokens (a JWT-shaped HMAC token): sign_token(secret, payload), verify_token(secret, token)
; flask-jwt-extended and simplejwt: create_access_token(...), decode_token(...), RefreshToken.for_user(u)
; Not in a dev-only stand-in class (`NullOIDCPublisherService`, `MockTokenVerifier`): deliberately unverified.
;; Building python3-saml's objects joins a jwt region but makes none (first: the earlier of two patterns
;; matching the same call counts): `OneLogin_Saml2_Auth(req, config)` in a factory, or
;; `OneLogin_Saml2_Settings(config, sp_validation_only=True)` to publish SP metadata. The assertion is
;; checked where process_response / process_slo is called, the security flags where the config is built.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^onelogin\\.saml2\\.(auth|settings)\\.OneLogin_Saml2_(Auth|Settings)$")
 (#set! evidence "mention")
 (#set! rule "python.jwt.library-call"))

; ... and so do the library's dict helpers (`dict_deep_merge(sp_settings, idp_settings)`, round 27):
; merging two settings dicts checks nothing.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^onelogin\\.saml2\\.(\\w+\\.)*dict_deep_merge$")
 (#set! evidence "mention")
 (#set! rule "python.jwt.library-call"))

; ... and so does an empty Authlib client registry, `oauth_obj = OAuth(Flask(__name__))` as a class
; attribute (round 27): providers, secrets and scopes are chosen where `oauth.register(...)` runs.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^authlib\\.integrations\\.\\w+\\.OAuth$")
 (#set! evidence "mention")
 (#set! rule "python.jwt.library-call"))

; ... and so does Authlib's client-authentication object built from settings in a constructor
; (`self._client_auth = ClientAuth(client_id, client_secret, auth_method)`, round 35): it only
; records how the client will authenticate; the token request and the checks are elsewhere.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^authlib\\.oauth2\\.(auth|rfc6749\\.\\w+)\\.ClientAuth$")
 (#unit-name-matches? @trigger "^__init__(\\s|$)")
 (#set! evidence "mention")
 (#set! rule "python.jwt.library-call"))

; ... and so do reads of the assertion process_response already validated (`auth.get_attributes()`,
; `get_nameid()`, `get_session_index()` in a helper that renames attributes, round 27): the check is
; where process_response / is_authenticated run.
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#any-of? @method "get_nameid" "get_attributes" "get_session_index")
 (#imports? "^onelogin\\.saml2")
 (#not-text-before? @trigger "process_response|process_slo|is_authenticated|[Vv]alidat")
 (#set! evidence "mention")
 (#set! rule "python.jwt.saml-response"))

;; Plumbing inside or around a JOSE/OAuth library joins a jwt region but makes none (first: the
;; earlier of two patterns matching the same call counts; round 21, authlib's own source):
;; - the library's exception raised over a value's JSON shape: under an isinstance() test against a
;;   builtin type (`if amr and not isinstance(claims["amr"], list): raise InvalidClaimError("amr")`)
;;   or in an except that turns a parse error into one (`except (ValueError, TypeError) as exc: raise
;;   DecodeError("Invalid JWS") from exc`). A claim's value, an algorithm or a key type refused
;;   (`if nonce != claims["nonce"]`, `if alg not in allowed`, `isinstance(key, ECKey)`) stays.
(([(if_statement condition: (_) @cond consequence: (block (raise_statement (call function: [(identifier) (attribute)] @trigger))))
   (elif_clause condition: (_) @cond consequence: (block (raise_statement (call function: [(identifier) (attribute)] @trigger))))])
 (#match? @cond "isinstance\\([^,]+,\\s*\\(?\\s*(list|dict|str|int|float|bool|bytes|tuple|Mapping|Sequence)\\b")
 (#not-match? @cond "[=!<>]=|[^-=]>|<|\\bin\\b")
 (#resolves-to? @trigger "^(jwt|jose|authlib|jwcrypto)\\.(\\w+\\.)*\\w*(Error|Exception)$")
 (#set! evidence "mention")
 (#set! rule "python.jwt.library-call"))

((except_clause . (_) @caught (block (raise_statement (call function: [(identifier) (attribute)] @trigger))))
 (#match? @caught "^\\(?\\s*(ValueError|TypeError|KeyError|IndexError|UnicodeDecodeError|binascii\\.Error|(json\\.)?JSONDecodeError)(\\s*,\\s*(ValueError|TypeError|KeyError|IndexError|UnicodeDecodeError|binascii\\.Error|(json\\.)?JSONDecodeError))*\\s*,?\\s*\\)?(\\s+as\\s+\\w+)?$")
 (#resolves-to? @trigger "^(jwt|jose|authlib|jwcrypto)\\.(\\w+\\.)*\\w*(Error|Exception)$")
 (#set! evidence "mention")
 (#set! rule "python.jwt.library-call"))

;; - a one-statement function handing its input to one of the library's util helpers (`def
;;   _extract_header(segment): return extract_header(segment, DecodeError)`, `def parse_json(obj):
;;   return ensure_dict(obj, "JWE")`): the parse is decided where the helper is used or written;
;;   the library's scope-string helpers anywhere (`scope_to_list(scope)`, `list_to_scope(scopes)`);
;;   a request wrapper built from a web request (`OAuth1Request(method, url, body, headers)`); and a
;;   subclass constructor calling its base's (`OAuth2Client.__init__(self, ...)`): the token is
;;   checked where the object is used.
((function_definition
   body: [(block . (return_statement (call function: [(identifier) (attribute)] @trigger)) .)
          (block . (expression_statement (string)) . (comment)* . (return_statement (call function: [(identifier) (attribute)] @trigger)) .)])
 (#resolves-to? @trigger "^authlib\\.(\\w+\\.)*utils?\\.\\w+$")
 (#set! evidence "mention")
 (#set! rule "python.jwt.library-call"))

((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^authlib\\.(\\w+\\.)*(scope_to_list|list_to_scope|\\w*Request)$")
 (#set! evidence "mention")
 (#set! rule "python.jwt.library-call"))

((call
   function: (attribute attribute: (identifier) @init) @trigger
   arguments: (argument_list . (identifier) @self))
 (#eq? @init "__init__")
 (#eq? @self "self")
 (#resolves-to? @trigger "^(jwt|jose|authlib|jwcrypto|flask_jwt_extended|rest_framework_simplejwt)\\.")
 (#set! evidence "mention")
 (#set! rule "python.jwt.library-call"))

;; - a library's view class turned into a route handler (`path("token/refresh",
;;   TokenRefreshView.as_view())` in urlpatterns): URL wiring; the token is handled in the library's view.
((call
   function: (attribute attribute: (identifier) @m) @trigger)
 (#eq? @m "as_view")
 (#resolves-to? @trigger "^(rest_framework_simplejwt|flask_jwt_extended|authlib|jose|jwt|jwcrypto)\\.")
 (#set! evidence "mention")
 (#set! rule "python.jwt.library-call"))

;; Round 29 (indico): an OAuth server's metadata document (`AuthorizationServerMetadata(
;; authorization_endpoint=url_for(...), issuer=...)`, RFC 8414 / OIDC discovery) lists endpoint URLs,
;; and a module-level `auth_server = AuthorizationServer(query_client=..., save_token=...)` or
;; `require_oauth = ResourceProtector()` wires the library's objects: both join a jwt region but make
;; none (first: the earlier pattern counts). Tokens are checked in the grants and validators the
;; server is given (python.jwt.authlib-server-hook).
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^authlib\\.(\\w+\\.)*(AuthorizationServerMetadata|OpenIDProviderMetadata)$")
 (#set! evidence "mention")
 (#set! rule "python.jwt.server-wiring"))

((module
   (expression_statement
     (assignment right: (call function: [(identifier) (attribute)] @trigger))))
 (#resolves-to? @trigger "^authlib\\.(\\w+\\.)*(AuthorizationServer|ResourceProtector)$")
 (#set! evidence "mention")
 (#set! rule "python.jwt.server-wiring"))

;; flask-jwt-extended's identity of the token the view's decorator already verified, `user_id =
;; get_jwt_identity()`, `get_current_user()`, handed on to a task or a lookup: reading who is asking, as
;; `request.user` is (round 95, gramps-web-api: seven views judged N). Verifying, decoding, minting
;; and the claims a unit checks stay operations.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^flask_jwt_extended\\.(get_jwt_identity|get_current_user)$")
 (#set! evidence "mention")
 (#set! rule "python.jwt.library-call"))

;; jwcrypto's JSON and base64url helpers (`jwcrypto.common.json_decode(value)`, `json_encode(out)`,
;; `base64url_encode(b)`) are plain JSON and encoding: a mention (round 94, freeIPA's custodia
;; consumer and key store; first: the earlier pattern counts).
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^jwcrypto\\.common\\.(json_encode|json_decode|base64url_encode|base64url_decode)$")
 (#set! evidence "mention")
 (#set! rule "python.jwt.library-call"))

((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(?:jwt\\.(encode|decode|decode_complete|get_unverified_header|PyJWKClient|PyJWK|PyJWKSet|PyJWT|PyJWS|api_jwt\\.\\w+|api_jws\\.\\w+|algorithms\\.\\w+|jwks_client\\.\\w+)$|jose\\.(jwt|jws|jwk|jwe)\\.\\w+$|authlib\\.(jose|integrations|oauth2|oidc|oauth1)(\\.|$)|google\\.(oauth2\\.id_token\\.\\w+|auth\\.jwt\\.\\w+|auth\\.crypt\\.\\w+)$|onelogin\\.saml2\\.|jwcrypto\\.|jwkest\\.|mautrix\\.util\\.signed_token\\.(sign_token|verify_token)$|(flask_jwt_extended|rest_framework_simplejwt|rest_framework_jwt|fastapi_jwt_auth)(\\.|$))")
 (#not-unit-name-matches? @trigger "(^|\\s)_?(Null|Mock|Fake|Dummy|Stub)[A-Z]\\w*$")
 (#set! rule "python.jwt.library-call"))

; Starting the flow joins a jwt region but makes none (first: the earlier pattern counts): `return
; oauth.google.authorize_redirect(redirect_uri)` sends the browser to the provider; Authlib keeps the
; state and nonce, and the token is checked where authorize_access_token / parse_id_token run (rounds 9
; and 27, mealie's oauth_login and pgadmin's OAuth2Authentication.authenticate).
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#eq? @method "authorize_redirect")
 (#imports? "^authlib(\\.|$)")
 (#set! evidence "mention")
 (#set! rule "python.jwt.authlib-client"))

; Authlib OAuth client methods: oauth.google.authorize_access_token(), parse_id_token(...)
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#any-of? @method "authorize_access_token" "parse_id_token" "authorize_redirect" "fetch_access_token" "userinfo" "create_authorization_url" "fetch_token")
 (#imports? "^authlib(\\.|$)")
 (#set! rule "python.jwt.authlib-client"))

; auth.process_response(), auth.is_authenticated(), auth.get_nameid() on a OneLogin_Saml2_Auth
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#any-of? @method "process_response" "process_slo" "is_authenticated" "get_nameid" "get_attributes" "get_session_index")
 (#imports? "^onelogin\\.saml2")
 (#set! rule "python.jwt.saml-response"))

; token.make_signed_token(key), jwks_client.get_signing_key_from_jwt(token)
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#any-of? @method "make_signed_token" "make_encrypted_token" "get_signing_key_from_jwt" "get_unverified_header")
 (#set! rule "python.jwt.token-method"))

; @jwt_required, @jwt_required() and friends used as decorators without a call
((decorator [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(flask_jwt_extended|fastapi_jwt_auth)\\.")
 (#set! rule "python.jwt.framework"))

; oauth.register(name="google", server_metadata_url=...): an OIDC provider registration (Authlib)
((call
   function: (attribute
     object: (identifier) @client
     attribute: (identifier) @method) @trigger)
 (#eq? @method "register")
 (#match? @client "([Oo]auth|OAUTH)$")
 (#imports? "^authlib(\\.|$)")
 (#set! rule "python.jwt.authlib-client"))

; A token's claims checked by hand: the raise of a token error in an `if` of a unit that reads the
; claims (`if claim_time <= current_time: raise TokenError("Token 'exp' claim has expired")`,
; `if api_settings.JTI_CLAIM not in self.payload: raise TokenError("Token has no id")`,
; `if self.token_type != token_type: raise TokenError("Token has wrong type")`, a denylist lookup
; by `jti`). The library verified the signature; expiry, type and revocation are decided here.
(([(if_statement condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))
   (elif_clause condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))])
 (#match? @f "(^|\\.)(\\w*Token(Error|Exception|Invalid)|Invalid\\w*Token(Error|Exception)?|Expired\\w*(Token|Signature)(Error|Exception)?|\\w*(JWT|Jwt)\\w*(Error|Exception))$")
 (#mode-switch? @trigger "{{jwt-claim-words}}")
 (#set! rule "python.jwt.claim-check"))

; ... and a hand-written expiry or subject check on a decoded payload's claims, `if claims['exp'] <
; int(time.time()): raise InvalidMessage('Message Expired')` (round 94, freeIPA's custodia key
; exchange after its JWS verification), whatever the error is called.
(([(if_statement condition: (_) @cond consequence: (block (raise_statement) @trigger))
   (elif_clause condition: (_) @cond consequence: (block (raise_statement) @trigger))])
 (#match? @cond "\\b(claims|payload|token_claims|jwt_claims|decoded|token_data)\\s*\\[\\s*['\"](exp|nbf|iat|aud|iss|sub)['\"]\\s*\\]\\s*(-[^<>=!]*)?(<|>|<=|>=|!=|==)|(<|>|<=|>=|!=|==)\\s*\\b(claims|payload|token_claims|jwt_claims|decoded|token_data)\\s*\\[\\s*['\"](exp|nbf|iat|aud|iss|sub)['\"]\\s*\\]")
 (#set! rule "python.jwt.claim-check"))

; A subclass of a DRF JWT authentication class choosing where the token comes from or how it is
; checked: `class JSONWebTokenAuthenticationQS(BaseJSONWebTokenAuthentication): def get_jwt_value(self,
; request): return request.query_params.get('jwt')` (round 94, WebODM: a JWT accepted from the URL),
; simplejwt's `get_raw_token`, `get_validated_token`, `get_user`.
((class_definition
   superclasses: (argument_list [(identifier) (attribute)] @base)
   body: (block
     [(function_definition name: (identifier) @trigger)
      (decorated_definition definition: (function_definition name: (identifier) @trigger))]))
 (#any-of? @trigger "get_jwt_value" "get_raw_token" "get_header" "get_validated_token" "get_user" "authenticate" "authenticate_credentials" "authenticate_header")
 (#resolves-to? @base "^(rest_framework_jwt|rest_framework_simplejwt|drf_jwt)\\.(\\w+\\.)*\\w*(Authentication|Auth)\\w*$")
 (#set! rule "python.jwt.library-call"))

; Round 29 (indico): an Authlib OAuth server's own hooks, overridden in a subclass of the library's
; validator, endpoint or grant: `class BearerValidator(BearerTokenValidator): def authenticate_token(
; self, token_string)`, `class Revocation(RevocationEndpoint): def query_token(...)`,
; `AuthorizationCodeGrant.query_authorization_code`. They find the token or code a client presents
; and decide whether it is valid, revoked, expired or allowed (like oauthlib's RequestValidator,
; python.auth.oauthlib-validator). Bookkeeping hooks (save_*, introspect_token's response) are not these.
((class_definition
   superclasses: (argument_list [(identifier) (attribute)] @base)
   body: (block
     [(function_definition name: (identifier) @trigger)
      (decorated_definition definition: (function_definition name: (identifier) @trigger))]))
 (#any-of? @trigger "authenticate_token" "validate_token" "query_token" "revoke_token" "check_permission" "query_authorization_code" "authenticate_user" "authenticate_refresh_token" "revoke_old_credential" "get_authorization_code_challenge" "resolve_client_key" "has_granted_permission" "token_expired" "token_revoked" "scope_insufficient")
 (#resolves-to? @base "^authlib\\.(\\w+\\.)*(\\w*TokenValidator|\\w*Endpoint|\\w*Grant|CodeChallenge)$")
 (#set! rule "python.jwt.authlib-server-hook"))

; Round 36 (kitsune): josepy's JWS (the JOSE library of certbot/acme and mozilla-django-oidc),
; `jws = JWS.from_compact(token)` then `jws.verify(jwk)`: parsing and verifying a signed token. Its
; JWK key classes alone (an ACME account key) are not token handling.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^josepy\\.(jws\\.)?JWS\\.(from_compact|json_loads|from_json|sign)$")
 (#set! rule "python.jwt.library-call"))

; A token header's algorithm checked by hand, `if jwk["alg"] != header["alg"]: raise ...`,
; `if header.get("alg") not in ALLOWED_SIGNING_ALGORITHMS`: which algorithm may verify the token.
((comparison_operator
   (subscript subscript: (string) @k) @trigger)
 (#match? @k "^[\"']alg[\"']$")
 (#set! rule "python.jwt.algorithm-check"))

((comparison_operator
   (call function: (attribute attribute: (identifier) @get) arguments: (argument_list . (string) @k .)) @trigger)
 (#eq? @get "get")
 (#match? @k "^[\"']alg[\"']$")
 (#set! rule "python.jwt.algorithm-check"))
