; Authentication and session handling in JavaScript / TypeScript: passport and its strategies,
; express-session / cookie-session / iron-session, req.login / req.logout, session regeneration
; and writes of the logged-in user, TOTP (otplib, speakeasy), NextAuth / Auth.js, lucia, and
; permission libraries (CASL, accesscontrol). A function merely named `login` is not enough.

; Any call or constructor from an authentication library:
; passport.use(...), passport.authenticate('local'), new LocalStrategy(...), session({...}),
; cookieSession({...}), getIronSession(...), NextAuth({...}), getServerSession(...),
; authenticator.check(...), speakeasy.totp.verify(...), new Lucia(...), defineAbility(...).
; passport-jwt and passport-saml belong to jwt.
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^(passport|passport-(?!jwt|saml)[\\w-]+|@passport-[\\w-]+/[\\w-]+|express-session|cookie-session|iron-session|next-auth|@auth/[\\w-]+|@next-auth/[\\w-]+|lucia|@lucia-auth/[\\w-]+|oslo|otplib|@otplib/[\\w-]+|speakeasy|notp|node-2fa|@casl/[\\w-]+|casl|accesscontrol|connect-ensure-login|express-openid-connect|@clerk/[\\w-]+|better-auth|supertokens-node|keycloak-connect|@simplewebauthn/server|csurf|csrf|csrf-csrf|@fastify/(session|secure-session|passport|auth|csrf-protection))(/[\\w./-]+)?(\\.|$)")
 (#set! rule "ecma.auth.library"))

((new_expression
   constructor: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^(passport|passport-(?!jwt|saml)[\\w-]+|@passport-[\\w-]+/[\\w-]+|express-session|lucia|@lucia-auth/[\\w-]+|@casl/[\\w-]+|casl|accesscontrol|keycloak-connect|csrf)(/[\\w./-]+)?(\\.|$)")
 (#set! rule "ecma.auth.library"))

; req.login(user, cb), req.logIn, req.logout(cb), req.isAuthenticated()
((call_expression
   function: (member_expression
     object: (identifier) @req
     property: (property_identifier) @m) @trigger)
 (#match? @req "^(req|request)$")
 (#match? @m "^(login|logIn|logout|logOut|isAuthenticated|isUnauthenticated)$")
 (#set! rule "ecma.auth.req-login"))

; req.session.regenerate(cb), req.session.destroy(), ctx.session.save()
((call_expression
   function: (member_expression
     object: (member_expression
       object: (identifier) @req
       property: (property_identifier) @s)
     property: (property_identifier) @m) @trigger)
 (#match? @req "^(req|request|ctx)$")
 (#eq? @s "session")
 (#match? @m "^(regenerate|destroy|save|reload)$")
 (#set! rule "ecma.auth.session-lifecycle"))

; req.session.userId = user.id, req.session.user = {...}, req.session.isAdmin = true
((assignment_expression
   left: (member_expression
     object: (member_expression
       object: (identifier) @req
       property: (property_identifier) @s)
     property: (property_identifier) @p) @trigger)
 (#match? @req "^(req|request|ctx)$")
 (#eq? @s "session")
 (#match? @p "([Uu]ser|[Rr]oles?|[Aa]dmin|[Aa]uth|[Ll]ogged|[Aa]ccount|[Pp]ermission|[Tt]oken|[Mm]fa|MFA|[Oo]tp|[Vv]erified|passport)")
 (#set! rule "ecma.auth.session-user"))

; req.session = null (cookie-session logout)
((assignment_expression
   left: (member_expression
     object: (identifier) @req
     property: (property_identifier) @s) @trigger)
 (#match? @req "^(req|request|ctx)$")
 (#eq? @s "session")
 (#set! rule "ecma.auth.session-user"))

; Hand-written authorization checks: req.user.role, req.user.isAdmin, ctx.state.user.permissions
((member_expression
   object: (member_expression
     object: [(identifier) @req (member_expression property: (property_identifier) @req)]
     property: (property_identifier) @u)
   property: (property_identifier) @p) @trigger
 (#match? @req "^(req|request|ctx|state|session)$")
 (#match? @u "^(user|auth|session)$")
 (#match? @p "^(role|roles|isAdmin|is_admin|permissions|scopes|scope|groups)$")
 (#set! rule "ecma.auth.role-check"))
