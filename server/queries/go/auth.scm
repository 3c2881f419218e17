; Authentication and authorization in Go: session stores (gorilla/sessions, alexedwards/scs),
; password checks, MFA/TOTP, session cookies, basic auth, CSRF protection, policy enforcement.

; otp.NewKeyFromURL in a unit named for a QR code (generateTOTPQRCode): the enrollment key is parsed
; only to draw its otpauth:// URL as a PNG (key.Image(300, 300)), presentation with no decision.
; A mention, ahead of the pattern below so it takes the node; verifying with the key elsewhere
; (otp.NewKeyFromURL then totp.Validate in a handler) still matches.
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^github\\.com/pquerna/otp$")
 (#eq? @f "NewKeyFromURL")
 (#unit-name-matches? @trigger "(QR|Qr)([A-Z_]|$)|(^|\\.)qr[A-Z]")
 (#set! evidence "mention")
 (#set! rule "go.auth.api"))

;; goth's provider registration and login start, `goth.UseProviders(gitea.NewCustomisedURL(key,
;; secret, callback, …))`, `gothic.BeginAuthHandler(w, r)` and `gothic.ProviderParamKey`: the library
;; makes and keeps the OAuth state; the callback's `gothic.CompleteUserAuth` is the decision (round 40,
;; opengist: the providers' BeginAuthHandler and RegisterProvider judged N, CompleteUserAuth Y). A
;; unit that adds its own step before (PKCE, a state or nonce check: opengist's OIDC provider, judged
;; Y) keeps them as operations. (First: of two patterns
;; matching the same node, the earlier one counts.)
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^github\\.com/markbates/goth(/gothic)?$")
 (#any-of? @f "UseProviders" "BeginAuthHandler" "ProviderParamKey" "GetProviderName")
 (#not-text-before? @trigger "[Pp][Kk][Cc][Ee]|[Ss]tate|[Nn]once|[Vv]erifier")
 (#set! evidence "mention")
 (#set! rule "go.auth.api"))

;; goth's own plumbing, read by every provider of the library and by projects that copy one: the
;; HTTP client with a fallback, goth.HTTPClientWithFallBack(p.HTTPClient), the context carrying it,
;; goth.ContextForClient(p.Client()), and the "no AuthURL" error text (round 103, goth's providers:
;; 12 `Provider.Client`, `Session.GetAuthURL` and `RefreshToken` regions judged N). A mention.
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^github\\.com/markbates/goth$")
 (#any-of? @f "HTTPClientWithFallBack" "ContextForClient" "NoAuthUrlErrorMessage")
 (#set! evidence "mention")
 (#set! rule "go.auth.api"))

;; The current code computed from a shared secret, `totp.GenerateCode(cfg.SharedSecret, time.Now())`:
;; a client logging in elsewhere with its own second factor (lego's DNS providers, alist's drivers:
;; round 63). A server checks a code with `Validate` (or compares `GenerateCodeCustom` candidates, dex),
;; which stay operations. A mention (first: of two patterns matching the same node, the earlier counts).
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^github\\.com/pquerna/otp/(totp|hotp)$")
 (#eq? @f "GenerateCode")
 (#set! evidence "mention")
 (#set! rule "go.auth.api"))

; Any member of an auth library: sessions.NewCookieStore, sessions.Options{...} (below),
; totp.Validate, totp.Generate, hotp.ValidateCustom, scs.New, casbin.NewEnforcer, csrf.Protect,
; gothic.CompleteUserAuth, argon2id.ComparePasswordAndHash ...
; (zgo.at/otp, `o := otp.New(secret, 6, sha1.New, otp.TOTP(30*time.Second, time.Now)); o.Verify(code, 1)`:
; round 108, goatcounter's TOTP login and enrolment, unmarked.)
((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^(github\\.com/gorilla/(sessions|securecookie|csrf)|github\\.com/alexedwards/scs(/v\\d+)?|github\\.com/pquerna/otp(/totp|/hotp)?|github\\.com/xlzd/gotp|zgo\\.at/otp|github\\.com/casbin/casbin(/v\\d+)?|github\\.com/markbates/goth(/gothic)?|github\\.com/alexedwards/argon2id|github\\.com/gin-contrib/sessions(/cookie|/redis)?|github\\.com/volatiletech/authboss(/v\\d+)?|github\\.com/abbot/go-http-auth|github\\.com/go-webauthn/webauthn/webauthn)$")
 (#set! rule "go.auth.api"))

;; The form token of x/net/xsrftoken checked, `xsrftoken.Valid(args.LoginMAC, *u.LoginToken, uid,
;; actionTOTP)`: an HMAC over the user and the action that ties the second step of a login to its
;; first (round 108, goatcounter's totpLogin). Generating one for a form decides nothing.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#eq? @f "Valid")
 (#resolves-to? @pkg "^golang\\.org/x/net/xsrftoken$")
 (#set! rule "go.auth.api"))

; Options with security settings: sessions.Options{...}, totp.GenerateOpts{...}, webauthn.Config{...}.
; (go-webauthn's data types, webauthn.Credential{...} or SessionData{...}, are records copied
; between the database and the library: no setting to weaken.)
((composite_literal type: (qualified_type package: (package_identifier) @pkg) @trigger)
 (#resolves-to? @pkg "^(github\\.com/gorilla/sessions|github\\.com/pquerna/otp(/totp|/hotp)?|github\\.com/gin-contrib/sessions|github\\.com/go-webauthn/webauthn/webauthn)$")
 (#not-match? @trigger "^webauthn\\.(Credential|CredentialFlags|Authenticator|SessionData|CredentialAttestation)$")
 (#set! rule "go.auth.options"))

; Password verification for login: bcrypt.CompareHashAndPassword (also crypto)
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^golang\\.org/x/crypto/bcrypt$")
 (#eq? @f "CompareHashAndPassword")
 (#set! rule "go.auth.password-check"))

; Hashing a new password (bcrypt.GenerateFromPassword) is crypto, not a check: no auth region of its
; own (judged N 19 times, Y six times: reconciled in test/corpus/RECONCILED.md), but a small
; `CreatePassword(pw)` / `HashPassword(pw)` helper doing it makes its callers (a user's creation, a
; password change: gotify CreateUser, supabase NewUser) auth sites through the wrapper table.
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^golang\\.org/x/crypto/bcrypt$")
 (#eq? @f "GenerateFromPassword")
 (#set! evidence "summary")
 (#set! rule "go.auth.password-hash"))

; gorilla/sessions: store.Get(r, "session"), store.New(r, name), session.Save(r, w)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list (_) (_) .))
 (#any-of? @f "Get" "New" "Save")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/(gorilla|gin-contrib)/sessions$")
 (#set! rule "go.auth.session-store"))

; session.Values["user_id"] = id, session.Options.MaxAge = -1
((selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
 (#any-of? @f "Values" "Options")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/gorilla/sessions$")
 (#set! rule "go.auth.session-values"))

; alexedwards/scs: sessionManager.RenewToken(ctx), .Destroy(ctx), .LoadAndSave(mux)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#any-of? @f "RenewToken" "Destroy" "LoadAndSave" "Iterate")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/alexedwards/scs(/v\\d+)?$")
 (#set! rule "go.auth.scs"))

; scs values keyed by request context: sm.Put(r.Context(), "userID", id), sm.GetInt(ctx, "userID")
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . [(identifier) (call_expression)] @ctx))
 (#match? @f "^(Put|Get|Get[A-Z]\\w*|Pop|Pop[A-Z]\\w*|Remove|Exists|Clear|Commit|Load)$")
 (#match? @ctx "^(ctx|r\\.Context\\(\\)|req\\.Context\\(\\)|[a-z]+Ctx)$")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/alexedwards/scs(/v\\d+)?$")
 (#set! rule "go.auth.scs"))

;; A policy load or save handed straight back to the caller, return e.enforcer.LoadPolicy(): a
;; wrapper's pass-through to the storage adapter, no access decision or policy content. A mention
;; (first: of two patterns matching the same node, the earlier counts).
((return_statement (expression_list . (call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger) .))
 (#any-of? @f "LoadPolicy" "SavePolicy")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/casbin/casbin(/v\\d+)?$")
 (#set! evidence "mention")
 (#set! rule "go.auth.policy"))

; Round 46 (spire): an Open Policy Agent query evaluated on a request's input, `rs, err :=
; e.query.Eval(ctx, rego.EvalInput(input))`: the policy engine's allow/deny for the call.
((call_expression
   function: (selector_expression field: (field_identifier) @f)
   arguments: (argument_list (call_expression function: (_) @trigger)))
 (#eq? @f "Eval")
 (#resolves-to? @trigger "^github\\.com/open-policy-agent/opa/(v1/)?rego\\.EvalInput$")
 (#set! rule "go.auth.policy"))

; casbin policy checks: e.Enforce(sub, obj, act), e.AddPolicy(...)
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#match? @f "^(Enforce\\w*|BatchEnforce\\w*|AddPolicy|AddPolicies|RemovePolicy|AddRoleForUser|DeleteRoleForUser|AddGroupingPolicy|RemoveGroupingPolicy|HasRoleForUser|HasPermissionForUser|AddPermissionForUser|DeletePermissionForUser|LoadPolicy|SavePolicy)$")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/casbin/casbin(/v\\d+)?$")
 (#set! rule "go.auth.policy"))

; HTTP basic auth credentials: user, pass, ok := r.BasicAuth()
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger)
 (#eq? @f "BasicAuth")
 (#set! rule "go.auth.basic-auth"))

;; Basic credentials decoded by hand: `b, err := base64.StdEncoding.DecodeString(auth[l+1:])` then
;; `user, pass, ok := bytes.Cut(b, []byte{':'})`, `strings.SplitN(string(decoded), ":", 2)` (round 106,
;; echo's and fiber's basic-auth middleware): the parse a Basic check reads, as r.BasicAuth() above.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list (_) [(interpreted_string_literal) (rune_literal) (composite_literal)] @sep))
 (#resolves-to? @pkg "^(strings|bytes)$")
 (#any-of? @f "Cut" "SplitN" "Split" "IndexByte" "Index")
 (#match? @sep "^(\":\"|':'|\\[\\]byte\\{':'\\}|\\[\\]byte\\(\":\"\\))$")
 (#text-before? @trigger "base64\\.(StdEncoding|URLEncoding|RawStdEncoding|RawURLEncoding)\\.DecodeString\\(")
 (#set! rule "go.auth.basic-auth"))

;; A framework's configured credential check called: `valid, err := cfg.Validator(c, key)`, `valid,
;; errValidate := config.Validator(c, user, pass)` (round 106, echo's and fiber's key-auth and
;; basic-auth middleware): the call whose answer lets the request through.
([(short_var_declaration
    left: (expression_list . (identifier) @v)
    right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @f) @trigger)))
  (assignment_statement
    left: (expression_list . (identifier) @v)
    right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @f) @trigger)))]
 (#match? @v "^(valid|ok|authorized|authorised|allowed|authenticated|isValid)$")
 (#match? @f "^(Validator|Authorizer|Authenticator|KeyValidator|ValidatorFunc|AuthFunc|AuthorizerFunc)$")
 (#set! rule "go.auth.basic-auth"))

; Session/auth cookies: http.SetCookie(w, &http.Cookie{Name: "session_id", ...}), or a cookie
; literal whose Name is a session-ish constant
((composite_literal
   type: (qualified_type package: (package_identifier) @pkg name: (type_identifier) @t) @trigger
   body: (literal_value
     (keyed_element
       key: (literal_element (identifier) @k)
       value: (literal_element [(interpreted_string_literal) (raw_string_literal) (identifier) (selector_expression)] @name))))
 (#resolves-to? @pkg "^net/http$")
 (#eq? @t "Cookie")
 (#eq? @k "Name")
 (#match? @name "([Ss]ession|SESSION|[Ss]id\\b|SID|_sid|[Aa]uth|AUTH|[Tt]oken|TOKEN|[Rr]emember|REMEMBER|[Jj]wt|JWT|[Ll]ogin|LOGIN|[Cc]srf|CSRF|[Xx]srf|XSRF)")
 (#set! rule "go.auth.session-cookie"))

; Reading the session cookie: r.Cookie("session_id")
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal) (identifier) (selector_expression)] @name .))
 (#eq? @f "Cookie")
 (#match? @name "([Ss]ession|SESSION|[Ss]id\\b|SID|_sid|[Aa]uth|AUTH|[Tt]oken|TOKEN|[Rr]emember|REMEMBER|[Jj]wt|JWT|[Ll]ogin|LOGIN)")
 (#set! rule "go.auth.session-cookie"))

; A client checking whether its own outgoing request already carries credentials before it sets them
; (`if req.Header.Get("Authorization") == "" { req.Header.Set("Authorization", "Bearer "+secret) }`,
; round 72: skipper's `Client.Do`): a credential attacher, no access decision. A mention (first, of
; the patterns below matching the same call).
((binary_expression
   left: (call_expression
     function: (selector_expression operand: (_) @hdr field: (field_identifier) @f) @trigger
     arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @name .))
   operator: "=="
   right: (interpreted_string_literal) @empty)
 (#eq? @f "Get")
 (#eq? @empty "\"\"")
 (#match? @hdr "[Hh]eader$")
 (#match? @name "^.[Aa]uthorization.$")
 (#text-after? @trigger "\\.Header\\.(Set|Add)\\(\\s*\"[Aa]uthorization\"")
 (#set! evidence "mention")
 (#set! rule "go.auth.authorization-header"))

; Reading the credentials a request carries: r.Header.Get("Authorization"),
; c.Request().Header.Get("authorization"), ctx.Request.Header.Peek("Authorization"),
; c.GetHeader("Authorization") and gin's own c.requestHeader("Authorization") (its BasicAuth middleware, round 107), r.Header.Values("Proxy-Authorization"), and the same with
; the frameworks' constants (fasthttp.HeaderAuthorization, echo.HeaderAuthorization) or the package's
; own (`header.RequestHeader().Get(authorizationKey)`, go-kratos's JWT middleware, round 100). Setting the
; header on an outgoing request (req.Header.Set / Add) is a client, not an auth check.
((call_expression
   function: (selector_expression operand: (_) @hdr field: (field_identifier) @f) @trigger
   arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @name .))
 (#any-of? @f "Get" "Values" "Peek" "PeekBytes" "GetHeader" "requestHeader")
 (#match? @hdr "([Hh]eader|[Hh]eaders|Header\\(\\))$|^(c|ctx|gc|ginCtx)$")
 (#match? @name "^.([Pp]roxy-)?[Aa][Uu][Tt][Hh][Oo][Rr][Ii][Zz][Aa][Tt][Ii][Oo][Nn].$")
 (#set! rule "go.auth.authorization-header"))

((call_expression
   function: (selector_expression operand: (_) @hdr field: (field_identifier) @f) @trigger
   arguments: (argument_list . [(identifier) (selector_expression)] @name .))
 (#any-of? @f "Get" "Values" "Peek" "PeekBytes" "GetHeader")
 (#match? @hdr "([Hh]eader|[Hh]eaders|Header\\(\\))$|^(c|ctx|gc|ginCtx)$")
 (#match? @name "(^|\\.)([Hh]eader(Proxy)?Authorization|(Proxy)?AuthorizationHeader|authorizationHeader|HEADER_AUTHORIZATION|AUTHORIZATION_HEADER|[Aa]uthorization(Key|HeaderKey|HeaderName)|AUTHORIZATION_KEY)$")
 (#set! rule "go.auth.authorization-header"))

; v := r.Header["Authorization"], len(r.Header["Authorization"]) (reads, not assignments)
([(short_var_declaration right: (expression_list (index_expression operand: (_) @hdr index: [(interpreted_string_literal) (raw_string_literal)] @name) @trigger))
  (assignment_statement right: (expression_list (index_expression operand: (_) @hdr index: [(interpreted_string_literal) (raw_string_literal)] @name) @trigger))
  (argument_list (index_expression operand: (_) @hdr index: [(interpreted_string_literal) (raw_string_literal)] @name) @trigger)
  (binary_expression (index_expression operand: (_) @hdr index: [(interpreted_string_literal) (raw_string_literal)] @name) @trigger)
  (range_clause right: (index_expression operand: (_) @hdr index: [(interpreted_string_literal) (raw_string_literal)] @name) @trigger)]
 (#match? @hdr "([Hh]eader|[Hh]eaders|Header\\(\\))$")
 (#match? @name "^.([Pp]roxy-)?[Aa][Uu][Tt][Hh][Oo][Rr][Ii][Zz][Aa][Tt][Ii][Oo][Nn].$")
 (#set! rule "go.auth.authorization-header"))

; Splitting the scheme off a credential: strings.TrimPrefix(h, "Bearer "), strings.HasPrefix(h,
; "Basic "), strings.CutPrefix(h, "bearer "), strings.EqualFold(h[:7], "Bearer ")
((call_expression
   function: (selector_expression) @trigger
   arguments: (argument_list (_) [(interpreted_string_literal) (raw_string_literal)] @scheme))
 (#match? @scheme "^.([Bb][Ee][Aa][Rr][Ee][Rr] ?|[Bb][Aa][Ss][Ii][Cc] |[Tt]oken )[\"`]$")
 (#resolves-to? @trigger "^(strings|bytes)\\.(TrimPrefix|HasPrefix|CutPrefix|EqualFold|SplitN|Split|Index|Contains|ContainsAny)$")
 (#set! rule "go.auth.authorization-header"))

; The project's own password check, whatever package it lives in: user.Authenticate calls
; crypto.CompareHashAndPassword(ctx, hash, password) from an internal package; a credential
; manager's cm.IsPasswordCorrect(password, user.Password, salt) (not a complexity or policy check);
; the abbreviated names, users.CheckPwd(cred.Password, hash) at a JSON login.
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) . (_)))
 (#match? @f "^(CompareHashAndPassword|ComparePassword|CheckPassword|CheckPasswordHash|VerifyPassword|ValidatePassword|MatchPassword|IsPasswordCorrect|IsPasswordValid|IsPasswordMatch|PasswordMatches|(Check|Verify|Compare|Match)(Pwd|Passwd))$")
 (#set! rule "go.auth.password-check"))

; A stored password value's own check against the presented one, `if !user.Password.Compare(req.Password)`
; (round 94, shellhub's login: a password type with a Compare method hashing and comparing), and
; `u.PasswordHash.Verify(password)`.
((call_expression
   function: (selector_expression operand: (_) @owner field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) @pw .))
 (#match? @owner "(^|\\.)([Pp]assword|[Pp]assword[Hh]ash|[Hh]ashed[Pp]assword|[Pp]asswd|[Pp]assword[Dd]igest)$")
 (#match? @f "^(Compare|Verify|Check|Match|Matches|Equals?)$")
 (#match? @pw "(^|\\.)([Pp]assword|[Pp]asswd|[Pp]wd|[Pp]ass|[Pp]lain\\w*|[Pp]resented\\w*|[Ii]nput)$")
 (#set! rule "go.auth.password-check"))

; A credential store's generic check given the presented user name and password, `if
; !c.Check(username, password) { return false }` (round 61, rqlite's `CredentialsStore.AA`).
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) @user . (_) @pw .))
 (#match? @f "^(Check|Verify|Authenticate|Validate|Match|CheckCredentials|VerifyCredentials|ValidateCredentials)$")
 (#match? @user "(^|\\.)([Uu]ser|[Uu]sername|[Uu]serName|[Ll]ogin|[Ee]mail|[Aa]ccount|[Nn]ame)$")
 (#match? @pw "(^|\\.)([Pp]assword|[Pp]asswd|[Pp]wd|[Pp]ass)$")
 (#set! rule "go.auth.password-check"))

; Round 46 (harbor): a login's own password check, the presented password hashed with the stored
; salt and compared with the stored hash, `utils.Encrypt(password, entry.Salt, v) == entry.Password`.
((binary_expression
   left: (call_expression arguments: (argument_list . (identifier) @pw)) @trigger
   operator: ["==" "!="]
   right: (selector_expression field: (field_identifier) @stored))
 (#match? @pw "^([Pp]assword|[Pp]asswd|[Pp]wd|[Pp]lain[Pp]assword|[Pp]assword[Pp]lain)$")
 (#match? @stored "^(Password|PasswordHash|HashedPassword|Passwd|PwdHash|Pwd)$")
 (#set! rule "go.auth.password-check"))

((binary_expression
   left: (selector_expression field: (field_identifier) @stored)
   operator: ["==" "!="]
   right: (call_expression arguments: (argument_list . (identifier) @pw)) @trigger)
 (#match? @pw "^([Pp]assword|[Pp]asswd|[Pp]wd|[Pp]lain[Pp]assword|[Pp]assword[Pp]lain)$")
 (#match? @stored "^(Password|PasswordHash|HashedPassword|Passwd|PwdHash|Pwd)$")
 (#set! rule "go.auth.password-check"))

;; An OpenStack client logging in to Keystone with the service's own credentials, openstack.Authenticate(
;; provider, authOpts) (gophercloud, round 63: lego's vkcloud provider): outbound, no access decision. A
;; mention, first so it takes the node from the pattern below.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#match? @f "^Authenticate")
 (#resolves-to? @pkg "^github\\.com/gophercloud/gophercloud(/v\\d+)?/openstack$")
 (#set! evidence "mention")
 (#set! rule "go.auth.access-call"))

;; The project's own access decision, whatever package it lives in: an authorization check
;; (principal.Authorize(rbac.Or(...)), Handle.Permissions().Authorize(ctx, userID, repoID, mode, opts),
;; rbac.Check(query, perms)), an authentication of the request (auth.Authenticate(req, s.bearer)),
;; or the issuance of a logged-in session (SessionManager().ActivateSession(r, sess, id, now)); a
;; login helper, shared.AuthenticateUserCredentials(ctx, login), openid.AuthenticateCallback(…); a
;; model's permission check, project.checkPermission(s, u, PermissionWrite), m.checkPermissionGates(…);
;; a permission service asked about one resource, a.permissions.HasPermissionToBoard(userID, boardID,
;; model.PermissionManageBoardCards) (round 44: focalboard's handlers and its Mattermost permission service).
;; A call with arguments: an Authorize() getter or a field of that name is not one. Nor a generated API
;; client's auth service (`client.Auth.AuthenticateWatcher(ctx, creds)`, round 62 crowdsec): the service
;; logging in to another one with its own credentials decides nothing about who gets in.
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_)))
 (#match? @f "^(Authorize|Authorise|Authori[sz]e[A-Z]\\w*|Authenticate|Authenticate[A-Z]\\w*|AuthorizeRequest|[Cc]heckPermissions?(For[A-Z]\\w*|Gates?)?|HasPermissions?(To[A-Z]\\w*)?|EvaluatePermissions|ActivateSession|IssueCookie|IssueSession)$")
 (#not-match? @f "^Authori[sz]e(Code|Order|URL|Url|Endpoint)")
 (#not-match? @trigger "{{outbound-auth-service}}")
 (#set! rule "go.auth.access-call"))

;; The same calls within their own package: AuthenticateCallback(ctx, cb, provider) (an OIDC login),
;; Authorize(&req, u.ID) (an OAuth 2.0 consent), checkPermissionsForProjects(s, u, ids).
((call_expression
   function: (identifier) @trigger
   arguments: (argument_list . (_)))
 (#match? @trigger "^(Authorize|Authenticate|Authenticate[A-Z]\\w*|[Cc]heckPermissions?(For[A-Z]\\w*|Gates?)?|HasPermissions?(To[A-Z]\\w*)?)$")
 (#set! rule "go.auth.access-call"))

;; An access package's check, or an ACL held in a variable named for one (`aclResults =
;; retAcl.Allowed(*v.res, v.act, userId)`: round 102, boundary's grants evaluated per request).
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_)))
 (#match? @pkg "^(rbac|acl|authz|authorization|permissions?)$|^[a-z]\\w*(Acl|ACL)$")
 (#any-of? @f "Check" "Evaluate" "Enforce" "Allowed" "IsAllowed")
 (#set! rule "go.auth.access-call"))

;; The same asked of a rule table the access package holds: acl.Rules.DenyAll(resource, role, perms),
;; acl.Rules.Allow(acl.ResourcePhotos, s.UserRole(), acl.ActionView) (round 66, photoprism's API guards).
((call_expression
   function: (selector_expression
     operand: (selector_expression operand: (identifier) @pkg)
     field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) . (_)))
 (#match? @pkg "^(rbac|acl|authz|authorization|permissions?)$")
 (#match? @f "^(Allow|Deny|Allowed|Denied|Grant|Permit|Check|Enforce)(All|Any|Access)?$")
 (#set! rule "go.auth.access-call"))

;; A login flow starting the session it will issue: sess = session.NewInactiveSession()
((call_expression
   function: [(identifier) @f (selector_expression field: (field_identifier) @f)] @trigger)
 (#match? @f "^New(Inactive|Active|Authenticated)Session$")
 (#set! rule "go.auth.access-call"))

;; A login check the project writes itself: func (p *Provider) Authenticate(login, password string),
;; func AuthenticateByToken(store AuthStore, ctx context.Context, token string), func (am *AccountManager)
;; AuthenticateByPassphrase(client, accountName, passphrase string) (round 91, ergo). The declaration is
;; the trigger: its body (an SMTP or LDAP login, a token lookup) is the check.
([(function_declaration name: (identifier) @trigger
    parameters: (parameter_list (parameter_declaration name: (identifier) @p)))
  (method_declaration name: (field_identifier) @trigger
    parameters: (parameter_list (parameter_declaration name: (identifier) @p)))]
 (#match? @trigger "^(Authenticate|Authorize|authenticate|authorize)([A-Z]\\w*)?$")
 (#match? @p "^([Pp]assword|[Pp]asswd|[Pp]wd|[Pp]assphrase|[Tt]oken|[Cc]redentials?|[Ss]ecret|apiKey|[Bb]earer)$")
 (#set! rule "go.auth.access-call"))

;; A session that is no longer valid is refused: if !se.IsActive() { return nil, ErrNoActiveSession }
;; (not a rate-limit setting a parameter happens to call session, `session *apidef.RateLimitSmoothing`:
;; round 47, tyk).
((if_statement
   condition: (unary_expression operator: "!" operand: (call_expression
     function: (selector_expression operand: (identifier) @recv field: (field_identifier) @f) @trigger)))
 (#any-of? @f "IsActive" "IsValid" "Valid")
 (#match? @recv "^(se|sess|session|[a-z]\\w*Session)$")
 (#not-text-before? @trigger "\\b(se|sess|session)\\s+\\*?(\\w+\\.)?\\w*(RateLimit|Smoothing|Quota|Limit|Limiter|Throttle)\\w*\\s*[,)]")
 (#set! rule "go.auth.session-check"))

;; An LDAP bind as the user is the password check of an LDAP login (dex connector/ldap:
;; conn.Bind(user.DN, password)). Only a password held in a variable (the login's parameter or a
;; local): a service-account bind with a config field (conn.Bind(c.BindDN, c.BindPW)) is not one.
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) . (identifier) @pw .))
 (#eq? @f "Bind")
 (#not-resolves-to? @recv ".")
 (#match? @pw "[Pp]ass|[Pp]w|PW|[Cc]red|[Ss]ecret")
 (#imports? "^(github\\.com/go-ldap/ldap(/v\\d+)?|gopkg\\.in/ldap\\.v\\d+)$")
 (#set! rule "go.auth.ldap-bind"))

; A guard that denies access: the if around it is the access decision.
;   if e.Auth == nil { return e.UnauthorizedError("…", nil) }
;   if !requestInfo.HasSuperuserAuth() { return e.ForbiddenError("…", nil) }
;   if !session.IsAAL2() { return apierrors.NewForbiddenError(code, "AAL2 required") }
; (The error constructors themselves, func (e *Event) ForbiddenError(…) { return NewForbiddenError(…) },
; return without a guard and are not this.) Not an if that only classifies an error a call
; returned, if k8serrors.IsUnauthorized(err) || k8serrors.IsForbidden(err) { return
; httperror.Forbidden(…) }, if errors.Is(err, ErrForbidden) { … } (see error-mapping-condition):
; an upstream's 401/403 mapped to HTTP, the decision was made where the error came from.
((if_statement
   condition: (_) @cond
   consequence: (block (statement_list
     (return_statement
       (expression_list . (call_expression
         function: [(identifier) @f (selector_expression field: (field_identifier) @f)]) @trigger)))))
 (#match? @f "^(New)?(Unauthorized|Forbidden|Unauthenticated|PermissionDenied)(Error|Problem)?$")
 (#not-match? @cond "{{error-mapping-condition}}")
 (#set! rule "go.auth.deny-guard"))

;   if err := verify(code); err != nil { return apierrors.NewForbiddenError(c, "…").WithInternalError(err) }
((if_statement
   condition: (_) @cond
   consequence: (block (statement_list
     (return_statement
       (expression_list . (call_expression
         function: (selector_expression
           operand: (call_expression
             function: [(identifier) @f (selector_expression field: (field_identifier) @f)]) @trigger)))))))
 (#match? @f "^(New)?(Unauthorized|Forbidden|Unauthenticated|PermissionDenied)(Error|Problem)?$")
 (#not-match? @cond "{{error-mapping-condition}}")
 (#set! rule "go.auth.deny-guard"))

;;   if orderAccountID != account.ID { wfe.sendError(acme.UnauthorizedProblem("…"), response); return }
;; The denial made by one call and handed to the writer in another (round 100, pebble's ownership
;; checks of orders, authorizations and certificates against the requesting account: unmarked).
((if_statement
   condition: (_) @cond
   consequence: (block (statement_list
     . (expression_statement (call_expression
       arguments: (argument_list (call_expression
         function: [(identifier) @f (selector_expression field: (field_identifier) @f)]) @trigger)))
     (return_statement))))
 (#match? @f "^(New)?(Unauthorized|Forbidden|Unauthenticated|PermissionDenied)(Error|Problem)?$")
 (#match? @cond "{{access-condition-word}}")
 (#not-match? @cond "{{error-mapping-condition}}")
 (#set! rule "go.auth.deny-guard"))

;;   if !ok { render.Unauthorized(w, errors.ErrUnauthorized) } else if !user.Admin { render.Forbidden(w,
;;   errors.ErrForbidden) } else { next.ServeHTTP(w, r) }
;; A middleware's gate written as an if/else: the denial is a call that writes the 401 or 403
;; (drone's `render.Unauthorized`, `render.Forbidden`) and the request goes on only in the other
;; branch (round 100, drone's AuthorizeUser and AuthorizeAdmin: the API's admin and login gates,
;; unmarked). The branch must deny first thing, on a condition that reads the caller.
((if_statement
   condition: (_) @cond
   consequence: (block (statement_list . (expression_statement (call_expression
     function: [(identifier) @f (selector_expression field: (field_identifier) @f)]
     arguments: (argument_list . (_))) @trigger)))
   alternative: (_))
 (#match? @f "^(Unauthorized|Forbidden|Unauthenticated|PermissionDenied|NotAuthorized|AccessDenied)$")
 (#match? @cond "{{access-condition-word}}")
 (#not-match? @cond "{{error-mapping-condition}}")
 (#set! rule "go.auth.deny-guard"))

;; The user a trusted reverse proxy vouches for, read from the header the operator configured:
;; r.Header.Get(conf.Auth.ReverseProxyAuthenticationHeader), r.Header.Get(m.userHeader) (an
;; auth-proxy connector), r.Header.Get(proxy.Header) (a proxy-auth login that trusts the header as
;; the username; the second pattern: func (a ProxyAuth) Auth(r, …) { user := r.Header.Get(a.Header) }).
;; Whoever can set that header is that user. A request id or trace header is not one. Also held in a
;; local first: `aclHTTPHeader := opts.ACLHTTPHeader; user := req.Header.Get(aclHTTPHeader)`, the user
;; then looked up among the admins (round 91, nsqadmin).
((call_expression
   function: (selector_expression operand: (_) @hdr field: (field_identifier) @f) @trigger
   arguments: (argument_list . [(selector_expression) (identifier)] @name .))
 (#any-of? @f "Get" "Values")
 (#match? @hdr "([Hh]eader|Header\\(\\))$")
 (#match? @name "(^|\\.)([Pp]roxy\\w*\\.Header|\\w*ReverseProxy\\w*Header|[a-z]*([Uu]ser|[Uu]serName|[Uu]sername|[Uu]serID|[Uu]serId|[Ee]mail|[Gg]roups?|RemoteUser|Identity)Header|(acl|ACL|[a-z]*Acl)\\w*Header)$")
 (#set! rule "go.auth.proxy-identity-header"))

((call_expression
   function: (selector_expression operand: (_) @hdr field: (field_identifier) @f) @trigger
   arguments: (argument_list . (selector_expression field: (field_identifier) @field) .))
 (#any-of? @f "Get" "Values")
 (#match? @hdr "([Hh]eader|Header\\(\\))$")
 (#eq? @field "Header")
 (#text-before? @trigger "^func\\s*\\(\\s*\\w*\\s*\\*?\\w*Proxy\\w*\\s*\\)\\s*Auth")
 (#set! rule "go.auth.proxy-identity-header"))

;   if !l.checkCapability(ctx, user, "search", dns) { return ldap.ServerSearchResult{ResultCode:
;   ldap.LDAPResultInsufficientAccessRights}, err }, if !ok { return ldap.LDAPResultInvalidCredentials, nil }
; An LDAP server's denial (round 56, glauth): the result codes that refuse a bind or an operation.
((if_statement
   condition: (_) @cond
   consequence: (block (statement_list (return_statement) @trigger)))
 (#match? @trigger "LDAPResult(InsufficientAccessRights|InvalidCredentials|StrongAuthRequired|InappropriateAuthentication|ConfidentialityRequired)\\b")
 (#not-match? @cond "{{error-mapping-condition}}")
 (#set! rule "go.auth.deny-guard"))

;   if !allowed { http.Error(w, "forbidden", http.StatusForbidden); return }
;   if user == nil { w.WriteHeader(http.StatusUnauthorized); return }
; The condition must read something access is decided on (a user, claims, role, token, session,
; permission, owner, signature, an ok/err of a check): a 403 on a business rule, `if e == nil &&
; isRoByAge(info)` (a post too old to edit), tests the data, not the caller.
; A guard stops the request: a 401/403 status set in an `if` that falls through to the rest of
; the function (dex templates: `if lastWasInvalid { w.WriteHeader(401) }` then render the login
; page again) only styles the response, so the consequence must return, or the `if` (an if/else
; choosing the status) be followed directly by a return. A condition on the request's
; Content-Type or Accept header only validates the request (a git RPC answering 401 to the wrong
; content type): no user, session or permission is tested. Nor a format check of a value by a
; regular expression, `if !reValidAvatarID.MatchString(avatarID)` (round 75, go-pkgz/auth: an avatar
; id validated before a file is served; see format-check-condition).
((if_statement
   condition: (_) @cond
   consequence: (block (statement_list
     (expression_statement (call_expression
       arguments: (argument_list (selector_expression operand: (identifier) @pkg field: (field_identifier) @st))) @trigger)
     (return_statement))))
 (#any-of? @st "StatusUnauthorized" "StatusForbidden")
 (#resolves-to? @pkg "^net/http$")
 (#not-match? @cond "^[^&|]*\\.Get\\(\"(Content-Type|Accept)\"\\)[^&|]*$")
 (#not-match? @cond "{{format-check-condition}}")
 (#match? @cond "{{access-condition-word}}")
 (#not-match? @cond "{{error-mapping-condition}}")
 (#set! rule "go.auth.deny-guard"))

;   if !valid { http.Error(w, "Not authorized", 401); return }: the same with the status as a number
; (round 83, traefik-forward-auth's forward-auth handler), through net/http's Error or a writer's
; WriteHeader.
((if_statement
   condition: (_) @cond
   consequence: (block (statement_list
     (expression_statement (call_expression
       function: [(selector_expression operand: (identifier) @pkg field: (field_identifier) @fn)
                  (selector_expression field: (field_identifier) @fn)]
       arguments: (argument_list (int_literal) @st)) @trigger)
     (return_statement))))
 (#any-of? @st "401" "403")
 (#any-of? @fn "Error" "WriteHeader")
 (#not-match? @cond "^[^&|]*\\.Get\\(\"(Content-Type|Accept)\"\\)[^&|]*$")
 (#not-match? @cond "{{format-check-condition}}")
 (#match? @cond "{{access-condition-word}}")
 (#not-match? @cond "{{error-mapping-condition}}")
 (#set! rule "go.auth.deny-guard"))

;   if errors.As(err, &groupsErr) { renderError(w, http.StatusForbidden, …) } else { … }; return
((statement_list
   (if_statement
     consequence: (block (statement_list
       (expression_statement (call_expression
         arguments: (argument_list (selector_expression operand: (identifier) @pkg field: (field_identifier) @st))) @trigger))))
   .
   (return_statement))
 (#any-of? @st "StatusUnauthorized" "StatusForbidden")
 (#resolves-to? @pkg "^net/http$")
 (#set! rule "go.auth.deny-guard"))

;   if !isAllowed { denyRequest(ctx); … }, if !authorized { forbidden(w) }
; The access flag of a permission check, negated, sends the request to a deny helper: the function
; that computed the flag decides access (an API authorization filter).
((if_statement
   condition: (unary_expression operator: "!" operand: (identifier) @flag)
   consequence: (block (statement_list . (expression_statement (call_expression
     function: [(identifier) @f (selector_expression field: (field_identifier) @f)]) @trigger))))
 (#match? @flag "^([Ii]s|[Hh]as|[Cc]an)?([Aa]llowed|[Aa]uthori[sz]ed|[Pp]ermitted|[Gg]ranted|[Pp]ermission|[Aa]ccess)$")
 (#match? @f "^([Dd]eny|[Ff]orbid|[Rr]eject|[Uu]nauthori[sz]ed|[Aa]ccessDenied)\\w*$")
 (#set! rule "go.auth.deny-guard"))

;   if !ok { return nil, ErrUnauthorized }            (a sentinel access error, as the last result)
;   if auth == nil { return ctx, errUnauthenticated } (an unexported one: round 69, flipt's gRPC
;   authn/authz interceptors). Not a client mapping the status a server answered,
;   if resp.StatusCode == http.StatusUnauthorized { return errUnauthorized }: the server decided.
((if_statement
   condition: (_) @cond
   consequence: (block (statement_list
     (return_statement (expression_list [(identifier) @e (selector_expression field: (field_identifier) @e)] @trigger .)))))
 (#match? @e "^[Ee]rr(Unauthorized|Forbidden|Unauthenticated|PermissionDenied|AccessDenied|NotAuthorized|InvalidCredentials|BadCredentials|InvalidPassword|WrongPassword)$")
 (#not-match? @cond "{{error-mapping-condition}}")
 (#not-match? @cond "\\bStatusCode\\b|\\.Status\\s*[!=]=")
 (#set! rule "go.auth.deny-guard"))

;   if !ok { return protocol.NewFatalClientErr(nil, "E_UNAUTHORIZED", msg) }, if !client.HasAuthorizations()
;   { return nil, NewFatalClientErr(nil, "E_AUTH_FIRST", …) }, if !allowed { return errors.New("permission denied") }
; A protocol's own refusal, the error built with a code or message that says so (round 91, nsq's
; CheckAuth before SUB/PUB). Not an error only passed on (`if err != nil`: the decision was made
; where it came from), nor a client reading the status a server answered, nor input validation
; whose message happens to say forbidden, `if strings.IndexByte(s, 0) >= 0 { return errors.New(
; "forbidden NUL byte in connection string") }` (round 108, pgx's connection-string parsers): the
; condition must read the caller or a check of it.
((if_statement
   condition: (_) @cond
   consequence: (block (statement_list
     (return_statement (expression_list
       (call_expression arguments: (argument_list (interpreted_string_literal) @msg)) @trigger .)))))
 (#match? @msg "^\"(E_|ERR_)?(UNAUTHORI[SZ]ED|FORBIDDEN|AUTH_FIRST|AUTH_REQUIRED|ACCESS_DENIED|PERMISSION_DENIED|NOT_AUTHORI[SZ]ED)\"$|^\"([Uu]nauthori[sz]ed|[Ff]orbidden|[Pp]ermission denied|[Aa]ccess denied|[Nn]ot authori[sz]ed|[Aa]uthentication required|[Aa]uth(entication)? required)\\b")
 (#not-match? @cond "{{error-mapping-condition}}")
 (#not-match? @cond "^\\s*\\w*(err|Err)\\w*\\s*!=\\s*nil\\s*$|\\bStatusCode\\b|\\.Status\\s*[!=]=")
 (#match? @cond "{{access-condition-word}}")
 (#set! rule "go.auth.deny-guard"))

;;   if u != nil && u.ID > 0 && u.HasAccess(atLeast) { return nil }; return guru.Errorf(401, "Not allowed")
;; The gate written the other way round: the if lets the caller through and the statement after it
;; refuses everyone else with a 401 or 403 (round 108, goatcounter's requireAccess filter, which
;; decides who sees the settings and admin pages: unmarked). The condition must read the caller.
((statement_list
   (if_statement
     condition: (_) @cond
     consequence: (block (statement_list (return_statement) .)))
   .
   (comment)*
   .
   (return_statement (expression_list . (call_expression
     arguments: (argument_list . [(int_literal) (selector_expression field: (field_identifier))] @st)) @trigger)))
 (#match? @st "^(401|403|http\\.Status(Unauthorized|Forbidden))$")
 (#match? @cond "{{access-condition-word}}")
 (#not-match? @cond "{{error-mapping-condition}}")
 (#set! rule "go.auth.deny-guard"))

;   if !allowed { return nil, status.Error(codes.PermissionDenied, "…") }   (gRPC)
((if_statement
   consequence: (block (statement_list
     (return_statement (expression_list
       (call_expression
         function: (selector_expression field: (field_identifier) @fn)
         arguments: (argument_list . (selector_expression operand: (identifier) @codes field: (field_identifier) @code))) @trigger .)))))
 (#match? @fn "^(Error|Errorf|New|Newf)$")
 (#any-of? @code "PermissionDenied" "Unauthenticated")
 (#resolves-to? @codes "^google\\.golang\\.org/grpc/codes$")
 (#set! rule "go.auth.deny-guard"))

;   if !ok { return nil, &oauth2.Error{Type: oauth2.AccessDenied, Status: http.StatusUnauthorized} }
((if_statement
   consequence: (block (statement_list
     (return_statement (expression_list
       [(composite_literal body: (literal_value (keyed_element value: (literal_element (selector_expression operand: (identifier) @pkg field: (field_identifier) @st)))))
        (unary_expression operand: (composite_literal body: (literal_value (keyed_element value: (literal_element (selector_expression operand: (identifier) @pkg field: (field_identifier) @st))))))] @trigger)))))
 (#any-of? @st "StatusUnauthorized" "StatusForbidden")
 (#resolves-to? @pkg "^net/http$")
 (#set! rule "go.auth.deny-guard"))

; go-pkgz/auth callbacks that decide who is signed in and with what rights: the claims updater run on
; every new or refreshed token (token.ClaimsUpdFunc: sets admin, blocks users), the validator run on
; every authenticated request (token.ValidatorFunc), the per-audience signing secret
; (token.SecretFunc) and a password checker (provider.CredCheckerFunc), each a function literal.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list . (func_literal) .))
 (#any-of? @f "ClaimsUpdFunc" "ValidatorFunc" "SecretFunc" "CredCheckerFunc")
 (#resolves-to? @pkg "^github\\.com/go-pkgz/auth(/v\\d+)?/(token|provider)$")
 (#set! rule "go.auth.authenticator-callback"))

; The same library's admin flag set on a user's claims, c.User.SetAdmin(ds.IsAdmin(aud, id)).
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger)
 (#eq? @f "SetAdmin")
 (#imports? "^github\\.com/go-pkgz/auth(/v\\d+)?(/.+)?$")
 (#set! rule "go.auth.authenticator-callback"))

;; A permission engine's own yes or no: func (e *Engine) CheckIsMember(ctx, r, depth) (bool, error)
;; { … return result.Membership == IsMember, nil }, func (p *Policy) IsAllowed(…) (bool, error) {
;; … return grant.Level == LevelWrite, nil }. The comparison the unit returns is the decision.
((return_statement (expression_list . (binary_expression operator: "==") @trigger . (nil) .))
 (#unit-name-matches? @trigger "(^|\\.)(Check\\w*(Member|Permission|Access|Allowed|Authori[sz]ed)\\w*|Is(Member|Allowed|Authori[sz]ed|Permitted)|Has(Permission|Access)\\w*|Can(Access|Perform)\\w*)$")
 (#set! rule "go.auth.access-decision"))

;; A switch that denies the caller in one of its cases: switch { case user == nil: c.String(
;; http.StatusUnauthorized, "…"); c.Abort() case !perm.Admin: … default: c.Next() } (a gin guard
;; middleware), or switch user { case nil: … }. The case value, or the switch's subject, tests the
;; caller (access-condition-word); a case is a branch of its own, so no return is needed. Not a
;; switch mapping an error to a status (case errors.Is(err, model.ErrNotAuthorized): http.Error(w,
;; …, http.StatusForbidden)): the decision was made where the error was returned.
((expression_case
   value: (expression_list) @cond
   (statement_list
     (expression_statement (call_expression
       arguments: (argument_list (selector_expression operand: (identifier) @pkg field: (field_identifier) @st))) @trigger)))
 (#any-of? @st "StatusUnauthorized" "StatusForbidden")
 (#resolves-to? @pkg "^net/http$")
 (#match? @cond "{{access-condition-word}}")
 (#not-match? @cond "errors\\.(Is|As)\\(|IsErr|[Ee]rr([A-Z.]|\\b)")
 (#set! rule "go.auth.deny-guard"))

((expression_switch_statement
   value: (_) @cond
   (expression_case
     (statement_list
       (expression_statement (call_expression
         arguments: (argument_list (selector_expression operand: (identifier) @pkg field: (field_identifier) @st))) @trigger))))
 (#any-of? @st "StatusUnauthorized" "StatusForbidden")
 (#resolves-to? @pkg "^net/http$")
 (#match? @cond "{{access-condition-word}}")
 (#not-match? @cond "errors\\.(Is|As)\\(|IsErr|[Ee]rr([A-Z.]|\\b)")
 (#set! rule "go.auth.deny-guard"))

;; A middleware aborting the handler chain with 401/403 in either branch of an if on the caller:
;; if user != nil { c.AbortWithStatus(http.StatusNotFound) } else { c.AbortWithStatus(
;; http.StatusUnauthorized) } (gin). Abort stops the chain, so no return need follow.
((if_statement
   condition: (_) @cond
   [consequence: (block (statement_list (expression_statement (call_expression
      function: (selector_expression field: (field_identifier) @ab)
      arguments: (argument_list . (selector_expression operand: (identifier) @pkg field: (field_identifier) @st))) @trigger)))
    alternative: (block (statement_list (expression_statement (call_expression
      function: (selector_expression field: (field_identifier) @ab)
      arguments: (argument_list . (selector_expression operand: (identifier) @pkg field: (field_identifier) @st))) @trigger)))])
 (#match? @ab "^Abort")
 (#any-of? @st "StatusUnauthorized" "StatusForbidden")
 (#resolves-to? @pkg "^net/http$")
 (#match? @cond "{{access-condition-word}}")
 (#set! rule "go.auth.deny-guard"))

;; An access error of the project's own type returned by a guard:
;;   if !resp.GetAllowed() { return &authorizationError{Cause: "check returned not allowed"} }
;;   if !found || claims.ClientID == "" { return nil, &authorizationError{…} }
((if_statement
   consequence: (block (statement_list
     (return_statement (expression_list
       [(composite_literal type: [(type_identifier) @t (qualified_type name: (type_identifier) @t)])
        (unary_expression operand: (composite_literal type: [(type_identifier) @t (qualified_type name: (type_identifier) @t)]))] @trigger .)))))
 (#match? @t "^([Aa]uthori[sz]ation|[Aa]uthentication|[Uu]nauthori[sz]ed|[Uu]nauthenticated|[Ff]orbidden|[Pp]ermissionDenied|[Aa]ccessDenied|[Nn]otAuthori[sz]ed)(Error|Err)$")
 (#set! rule "go.auth.deny-guard"))

; fasthttp/session, the session manager of fasthttp servers: session.NewDefaultConfig() (cookie
; name, expiry, the session id generator), session.New(cfg), the provider it stores sessions in.
((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^github\\.com/fasthttp/session(/v\\d+)?$")
 (#set! rule "go.auth.api"))

;; A credential check or token exchange the project names for what it does:
;; validateCredentials(usr, pass, token, salt, jwt) (a Subsonic login), consumer.AuthorizeToken(
;; &oauth.RequestToken{…}, verifier) (an OAuth 1 login callback). A credential goes in: a
;; configuration check of the same name (validateCredentials(cfg)) is not one.
((call_expression
   function: [(identifier) @f (selector_expression field: (field_identifier) @f)] @trigger
   arguments: (argument_list) @args)
 (#match? @f "^([Vv]alidate|[Vv]erify|[Cc]heck)(User)?Credentials$|^AuthorizeToken$")
 (#match? @args "[Pp]ass|[Pp]wd|[Tt]oken|[Ss]ecret|[Vv]erifier")
 (#set! rule "go.auth.access-call"))

;; The project's token module validating a request's token: auth.Validate(token) -> claims.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) @tok .))
 (#match? @pkg "^(auth|authn|authentication)$")
 (#eq? @f "Validate")
 (#match? @tok "[Tt]oken|[Tt]ok$|[Jj]wt|JWT")
 (#set! rule "go.auth.access-call"))

;; A session's own refresh-token signing key loaded to sign or verify its refresh tokens:
;; session.GetRefreshTokenHmacKey(config.Security.DBEncryption) (a refresh-token grant, an MFA
;; step-up that issues a new token).
((call_expression
   function: (selector_expression operand: (identifier) @recv field: (field_identifier) @f) @trigger)
 (#match? @f "^Get\\w*(Hmac|HMAC|Signing)Key$")
 (#match? @recv "^(se|sess|session|[a-z]\\w*Session)$")
 (#set! rule "go.auth.session-key"))

;; The access decision the project implements itself: func (g *refresh) Authorize(ctx, req, client,
;; conn) (an OAuth grant), func (s *svc) checkPermissions(ctx, username string) error,
;; func (m *Manager) checkPermissionGates(p *model.Plugin) error. The declaration is the trigger;
;; a body with no condition but an error check (a stub, an RPC client's or a proxy's Authenticate
;; forwarding the call) is not a decision, and neither is an outbound client's authorizer that only
;; puts its own credential on a request it is handed, reading no header, sending nothing and reading
;; no status (round 46, harbor's scanner clients: `func (ba *basicAuthorizer) Authorize(req
;; *http.Request) error { … req.Header.Add(authorization, …) }`). Nor a token's own validity check,
;; `if !token.Valid()`, after a code exchange (round 103, goth's providers' Session.Authorize: the
;; OAuth client's exchange for the login the library's callback decides; judged N), while a
;; provider's own check (Shopify's HMAC, Steam's is_valid) stays a decision.
([(function_declaration name: (identifier) @trigger parameters: (parameter_list) @params body: (block) @body)
  (method_declaration name: (field_identifier) @trigger parameters: (parameter_list) @params body: (block) @body)]
 (#match? @trigger "^(Authorize|Authenticate|[Cc]heckPermissions?(For[A-Z]\\w*|Gates?)?|[Hh]asPermissions?)$")
 (#match? @body "\\bif\\s+(?!err != nil\\s*\\{|!\\w+\\.Valid\\(\\)\\s*\\{)|\\bswitch\\b")
 (#not-match? @body "^(?![\\s\\S]*(\\.Header\\.Get\\(|\\.Do\\(|NewRequest|StatusCode))[\\s\\S]*(\\.Header\\.(Set|Add)\\(\\s*(\"Authorization\"|[A-Za-z_.]*[Aa]uthorization[A-Za-z_]*|\"X-[\\w-]*(Key|Token)\")|\\.SetBasicAuth\\()")
 (#not-match? @params "^\\(\\s*(\\w+\\s+context\\.Context)?\\s*\\)$")
 (#set! rule "go.auth.access-call"))

;; Nor a client logging itself in elsewhere: an Authenticate that takes nothing but a context (no
;; request, credential or token of a caller to decide on) and sends a request with its own credentials,
;; `func (c *Identifier) Authenticate(ctx context.Context) (*Token, error)` posting c.username and
;; c.password to a DNS provider's API (round 63/65, lego's providers: 10 auth regions judged N).
([(function_declaration name: (identifier) @trigger parameters: (parameter_list) @params body: (block) @body)
  (method_declaration name: (field_identifier) @trigger parameters: (parameter_list) @params body: (block) @body)]
 (#match? @trigger "^(Authorize|Authenticate|[Cc]heckPermissions?(For[A-Z]\\w*|Gates?)?|[Hh]asPermissions?)$")
 (#match? @body "\\bif\\s+(?!err != nil\\s*\\{)|\\bswitch\\b")
 (#not-match? @body "^(?![\\s\\S]*(\\.Header\\.Get\\(|\\.Do\\(|NewRequest|StatusCode))[\\s\\S]*(\\.Header\\.(Set|Add)\\(\\s*(\"Authorization\"|[A-Za-z_.]*[Aa]uthorization[A-Za-z_]*|\"X-[\\w-]*(Key|Token)\")|\\.SetBasicAuth\\()")
 (#match? @params "^\\(\\s*(\\w+\\s+context\\.Context)?\\s*\\)$")
 (#not-match? @body "http\\.NewRequest|[Nn]ew\\w*Request(WithContext)?\\(|\\.[Dd]o\\(req|\\.Post(Form)?\\(")
 (#set! rule "go.auth.access-call"))

;; A stored token's or session's expiry checked against the clock: time.Now().After(token.ExpiresAt),
;; startTime.After(key.Expires.Time), now.Before(session.ExpiresAt) (the check a session library
;; would make), and a session's idle or absolute age, time.Since(session.LastActive) > maxAge.
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list . (selector_expression) @a .))
 (#any-of? @f "After" "Before")
 (#match? @a "^(\\w*[Tt]oken|\\w*[Ss]ession|sess|se|[Kk]ey|\\w*Key|\\w*[Cc]ode)\\.(Expires|ExpiresAt|ExpiresOn|Expiry|ExpiryTime|ExpirationTime|ExpiredAt|ExpireAt|ValidUntil)(\\.Time)?$")
 (#set! rule "go.auth.session-expiry"))

((binary_expression
   left: (call_expression
     function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f)
     arguments: (argument_list . (selector_expression) @a .)) @trigger
   operator: [">" ">="])
 (#resolves-to? @pkg "^time$")
 (#eq? @f "Since")
 (#match? @a "^(\\w*[Ss]ession|sess|se|\\w*[Tt]oken)\\.(LastActive|LastActivity|LastUsed|LastUsedAt|LastSeen|CreatedAt|Created|IssuedAt|AuthTime|AuthenticatedAt)$")
 (#set! rule "go.auth.session-expiry"))

;; A credential looked up by its value: s.Where("kind = ? AND token = ?", kind, utils.Sha256Hex(token)),
;; s.Where("id = ? AND token_hash = ?", id, hash).Update(…) (a refresh-token rotation that only the
;; holder of the old token wins), RawQuery("SELECT … WHERE token = ?", token). Whoever holds the
;; string gets in. A lookup by id is not this.
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @q))
 (#any-of? @f "Where" "RawQuery" "Raw" "Query" "QueryRow" "QueryContext" "QueryRowContext" "Get" "First")
 (#match? @q "(^.|[^a-z_.])(token|token_hash|hashed_token|key_hash|hashed_key|secret_hash|code_hash)\\s*=\\s*(\\?|\\$\\d)")
 (#set! rule "go.auth.token-lookup"))

;; A privilege flag refusing the request: if !loggedUser.IsAdmin { sendError(w, r, …); return }.
;; The consequence returns: a flag that only changes what is shown falls through.
((if_statement
   condition: (unary_expression operator: "!" operand: (selector_expression field: (field_identifier) @flag)) @trigger
   consequence: (block (statement_list (return_statement) .)))
 (#any-of? @flag "IsAdmin" "IsSuperuser" "IsSuperAdmin" "IsSiteAdmin" "IsOwner" "Admin")
 (#set! rule "go.auth.deny-guard"))

;; A handler re-testing only that the identity its authentication middleware put on the context is
;; there: `userID, ok := c.GetID(); if !ok { return c.NoContent(http.StatusUnauthorized) }`, `tenant,
;; ok := c.GetTenant(); if !ok { … StatusForbidden }` (round 94, shellhub's routes: three judged N, "a
;; login decorator's equivalent; the decision lives in the service"). The middleware decided; the
;; re-test fails only if the route lost it. A mention, first so it takes the node from the guard below.
((statement_list
   (short_var_declaration
     left: (expression_list (identifier) . (identifier) @ok .)
     right: (expression_list . (call_expression
       function: (selector_expression operand: (identifier) @ctx field: (field_identifier) @get)
       arguments: (argument_list) @args) .))
   .
   (if_statement
     condition: (unary_expression operator: "!" operand: (identifier) @flag)
     consequence: (block (statement_list . (return_statement (expression_list . (call_expression
       arguments: (argument_list (selector_expression operand: (identifier) @pkg field: (field_identifier) @st))) @trigger)) .))))
 (#eq? @ok "ok")
 (#eq? @flag "ok")
 (#eq? @args "()")
 (#match? @ctx "^(c|ctx|gc|ec|echoCtx|context)$")
 (#match? @get "^Get(ID|Id|UserID|UserId|User|Username|UserName|Tenant|Tennat|TenantID|TenantId|Namespace)$")
 (#any-of? @st "StatusUnauthorized" "StatusForbidden")
 (#resolves-to? @pkg "^net/http$")
 (#set! evidence "mention")
 (#set! rule "go.auth.deny-guard"))

;   if node.MachineKey() != machineKey { return NewHTTPError(http.StatusUnauthorized, "…", nil) },
;   if !ok { return echo.NewHTTPError(http.StatusForbidden, "…") }: an error built with the 401/403
; status and returned from the guard. The condition must test something access is decided on, as for
; the status set before a return above, and not only classify an error a call returned (`else if
; errors.Is(err, fs.ErrPermission) { return caddyhttp.Error(http.StatusForbidden, err) }`: the file
; system refused, round 39, caddy's file server).
((if_statement
   condition: (_) @cond
   consequence: (block (statement_list
     (return_statement (expression_list
       (call_expression
         arguments: (argument_list (selector_expression operand: (identifier) @pkg field: (field_identifier) @st))) @trigger)))))
 (#any-of? @st "StatusUnauthorized" "StatusForbidden")
 (#resolves-to? @pkg "^net/http$")
 (#not-match? @cond "^[^&|]*\\.Get\\(\"(Content-Type|Accept)\"\\)[^&|]*$")
 (#match? @cond "{{access-condition-word}}")
 (#not-match? @cond "{{error-mapping-condition}}")
 (#set! rule "go.auth.deny-guard"))

;; The project's own credential check called where a credential is accepted: verifySecret(client.
;; SecretHash, secret) at an OAuth client login, validateAPIKey(db, keyStr) in AuthenticateAPIKey,
;; checkClientSecret(ctx, client, secret), s.ValidateApiKey(ctx, key). Its answer admits the caller.
((call_expression
   function: [(identifier) @f (selector_expression field: (field_identifier) @f)] @trigger
   arguments: (argument_list . (_)))
 (#match? @f "^([Vv]erify|[Vv]alidate|[Cc]heck)(Client)?(Secret|APIKey|ApiKey|LegacyAPIKey|Credentials?|PreAuthKey|AuthKey)$")
 (#set! rule "go.auth.access-call"))

;; An OAuth 2.0 server authenticating the client by its secret: the storage lookup that checks it,
;; storage.ClientCredentials(ctx, req.ClientID, req.ClientSecret), and the package's own helper
;; doing so, client, err := AuthorizeClientCredentialsClient(ctx, request, storage),
;; AuthenticateClient(ctx, r). The client secret goes in, or the helper says it authenticates a client.
((call_expression
   function: (selector_expression field: (field_identifier) @f) @trigger
   arguments: (argument_list) @args)
 (#eq? @f "ClientCredentials")
 (#match? @args "[Cc]lient_?[Ss]ecret")
 (#set! rule "go.auth.access-call"))

((call_expression
   function: (identifier) @trigger
   arguments: (argument_list . (_)))
 (#match? @trigger "^(Authori[sz]e|Authenticate)Client(Credentials|Secret|IDSecret|Assertion|JWT)?(Client|Request)?$")
 (#set! rule "go.auth.access-call"))

;; A gin middleware denying the caller with an error constructor named for 401/403 and aborting the
;; chain: if err != nil || userInfo == nil { handler.HandleResponse(ctx, errors.Forbidden(reason.X),
;; nil); ctx.Abort(); return } (any errors package: the constructor's name is the status). The
;; condition tests the caller (access-condition-word).
((if_statement
   condition: (_) @cond
   consequence: (block (statement_list
     (expression_statement (call_expression
       arguments: (argument_list (call_expression function: (selector_expression field: (field_identifier) @ctor)) @trigger)))
     .
     (expression_statement (call_expression function: (selector_expression field: (field_identifier) @ab))))))
 (#any-of? @ctor "Unauthorized" "Forbidden")
 (#eq? @ab "Abort")
 (#match? @cond "{{access-condition-word}}")
 (#set! rule "go.auth.deny-guard"))

;; A gqlgen schema directive (`func IsAdmin(ctx context.Context, obj interface{}, next
;; graphql.Resolver) (interface{}, error)`, bound to `@isAdmin` / `@hasRole` in the schema) that
;; refuses before it hands on: if user == nil || !user.Admin { return nil, errors.New(…) } … return
;; next(ctx). The directive is where every field it decorates is guarded (gqlgen's documented way
;; to write access control); a directive that only times or logs the call denies nothing, one that
;; limits an argument (`len(v) > max`) judges the data, not the caller, and `if err != nil` is error
;; handling.
((function_declaration
   parameters: (parameter_list
     (parameter_declaration name: (identifier) @next
       type: (qualified_type package: (package_identifier) @pkg name: (type_identifier) @t)))
   body: (block (statement_list
     (if_statement condition: (_) @cond consequence: (block (statement_list (return_statement)))) @trigger
     (return_statement (expression_list (call_expression function: (identifier) @called))))))
 (#eq? @t "Resolver")
 (#resolves-to? @pkg "^github\\.com/99designs/gqlgen/graphql$")
 (#eq? @called @next)
 (#not-match? @cond "^err\\b|\\berr\\s*[!=]=")
 (#match? @cond "{{access-condition-word}}")
 (#set! rule "go.auth.gqlgen-directive"))

;; An administrator bypass that grants: `if session.Principal.Admin { return true, nil }` at the top
;; of an authorizer's Check, `if user != nil && user.IsAdmin() { return access.AdminAccess }` in an
;; access-level function (round 42, harness's MembershipAuthorizer.Check; round 40, soft-serve's
;; AccessLevelForUser: core permission decisions that refuse by returning false, not by an error, so
;; no deny rule saw them). Only a return of `true` or of a grant (`AdminAccess`, `…Allow…`, `…Full…`);
;; a label (`return "Admin"`) or a count is not a decision.
((if_statement
   condition: (_) @cond @trigger
   consequence: (block (statement_list . (return_statement (expression_list . (_) @grant)))))
 (#match? @cond "(^|[^\\w])(\\w+\\.)*(Admin|IsAdmin\\(\\)|IsSuperuser\\(\\)|IsSuperUser\\(\\)|Superuser|SuperUser|SiteAdmin|SystemAdmin|IsSiteAdmin\\(\\)|IsSystemAdmin\\(\\)|IsRoot\\(\\))$|(^|[^\\w])(\\w+\\.)*(Admin|IsAdmin\\(\\)|IsSuperuser\\(\\)|SiteAdmin|SystemAdmin)\\s*(&&|\\|\\|)|&&\\s*(\\w+\\.)*(Admin|IsAdmin\\(\\)|IsSuperuser\\(\\)|SiteAdmin|SystemAdmin)$")
 (#match? @grant "^true$|^(\\w+\\.)?(Admin|Full|Owner|Allow|Allowed|Grant|Granted)\\w*$")
 (#set! rule "go.auth.admin-bypass"))

; Round 92: brute-force protection, a count of failed logins compared with its limit (`if
; user.FailedLoginCount >= cfg.MaxLoginAttempts { return ErrLocked }`): whether the account is locked
; out (Python's python.auth.login-lockout).
((binary_expression operator: [">=" ">" "<" "<="]) @trigger
 (#match? @trigger "([Ff]ailed|FAILED|[Ff]ail|FAIL|[Ww]rong|WRONG|[Ii]nvalid|INVALID|[Bb]ad|BAD)_?([Ll]ogin|LOGIN|[Ss]ign_?[Ii]n|SIGN_?IN|[Aa]uth|AUTH|[Pp]assword|PASSWORD|[Oo]tp|OTP|[Mm]fa|MFA|[Pp]in|PIN)_?([Aa]ttempts?|ATTEMPTS?|[Cc]ount|COUNT|[Tt]ries|TRIES|[Tt]imes|TIMES)|([Ll]ogin|LOGIN|[Ss]ign_?[Ii]n|SIGN_?IN|[Pp]assword|PASSWORD)_?([Aa]ttempts?|ATTEMPTS?|[Ff]ailures?|FAILURES?|[Ff]ail_?[Cc]ount|[Ff]ailed_?[Cc]ount|[Tt]ries|TRIES)")
 (#set! rule "go.auth.login-lockout"))

; ... and the lockout computed from the failed attempts in a unit that records them, `tmp :=
; math.Min(math.Pow(4, float64(attempt-3)), max)` in StoreLoginAttempt (round 94, shellhub): how long
; a guessing client is locked out.
((call_expression function: (selector_expression) @pow arguments: (argument_list . (_) . (_) @n .)) @trigger
 (#match? @n "{{retry-word}}")
 (#resolves-to? @pow "^math\\.Pow$")
 (#unit-name-matches? @trigger "{{login-lockout-unit}}")
 (#set! rule "go.auth.login-lockout"))
