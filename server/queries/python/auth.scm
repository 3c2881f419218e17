; Authentication, sessions and authorization in Python: Django auth, Flask sessions, flask-login,
; pyotp, werkzeug.security, FastAPI/Starlette security, Django REST framework permissions.

;; Wiring joins an auth region but makes none (first: of two patterns matching the same call, the
;; earlier one counts): a constructor storing a freshly built auth object on the instance,
;; `self.scheme = OAuth2PasswordBearer(url)`, `self.authenticator = Authenticator(backends)`, also
;; behind an `if` (a default). The checks happen where the object is used.
((function_definition
   name: (identifier) @init
   body: (block
     [(expression_statement
        (assignment
          left: (attribute object: (identifier) @self)
          right: (call function: [(identifier) (attribute)] @trigger)))
      (if_statement
        consequence: (block
          (expression_statement
            (assignment
              left: (attribute object: (identifier) @self)
              right: (call function: [(identifier) (attribute)] @trigger)))))]))
 (#eq? @init "__init__")
 (#eq? @self "self")
 (#set! evidence "mention")
 (#set! rule "python.auth.wiring"))

;; A route declaring the scopes its dependency checks joins an auth region but makes none (first: the
;; earlier of two patterns matching the same call counts), like Django's @permission_required:
;; `dependencies=[Security(verify_oauth_client, scopes=[STORAGE_READ])]`, `user = Security(auth,
;; scopes=["store_management"])` (rounds 42 and 69, bitcart and fides: 21 endpoints judged N). The
;; check is in the dependency, which has its own region. `Security(api_key_header)` handing the
;; route a raw credential to check stays.
;; Only where a route declares it, a parameter's default or a route decorator's `dependencies=[…]`:
;; a function that builds routers and picks each one's scopes (`create_crud_router`) decides them.
([(default_parameter value: (call
    function: [(identifier) (attribute)] @trigger
    arguments: (argument_list (keyword_argument name: (identifier) @kw))))
  (typed_default_parameter value: (call
    function: [(identifier) (attribute)] @trigger
    arguments: (argument_list (keyword_argument name: (identifier) @kw))))
  (decorator (call arguments: (argument_list (keyword_argument value: (list (call
    function: [(identifier) (attribute)] @trigger
    arguments: (argument_list (keyword_argument name: (identifier) @kw))))))))]
 (#eq? @kw "scopes")
 (#resolves-to? @trigger "^fastapi\\.(params\\.)?Security$")
 (#set! evidence "mention")
 (#set! rule "python.auth.library-call"))

; Django: authenticate(request, ...), login(request, user), logout(request),
; update_session_auth_hash(...), check_password / make_password (contrib.auth.hashers), get_user_model()
; flask-login: login_user(user, remember=True), logout_user(), LoginManager(), confirm_login()
; pyotp: pyotp.TOTP(secret), pyotp.random_base32(), pyotp.HOTP(secret)
; werkzeug.security: check_password_hash(h, pw), generate_password_hash(pw)
; FastAPI / Starlette security: OAuth2PasswordBearer(tokenUrl=...), HTTPBasic(), APIKeyHeader(...),
; Security(...), starlette `requires("authenticated")`, AuthenticationMiddleware
; django.contrib.auth.tokens: default_token_generator.make_token(user) / .check_token(user, token)
; django-guardian: get_objects_for_user(user, perm), get_perms(user, obj), ObjectPermissionChecker(user),
; assign_perm / remove_perm
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(?:django\\.contrib\\.auth\\.(authenticate|login|logout|update_session_auth_hash|get_user|aauthenticate|alogin|alogout|hashers\\.\\w+|tokens\\.\\w+(\\.\\w+)?|forms\\.(AuthenticationForm|SetPasswordForm|PasswordChangeForm|PasswordResetForm)|views\\.\\w+)$|flask_login\\.(login_user|logout_user|LoginManager|confirm_login|login_fresh|fresh_login_required|login_required|user_logged_in\\.\\w+)$|pyotp\\.\\w+(\\.\\w+)?$|werkzeug\\.security\\.(check_password_hash|generate_password_hash|safe_str_cmp)$|(fastapi\\.security\\.\\w+|fastapi\\.Security|fastapi\\.params\\.Security|starlette\\.authentication\\.\\w+|starlette\\.middleware\\.authentication\\.\\w+|fastapi_users\\.\\w+(\\.\\w+)*|guardian\\.(shortcuts|core|utils)\\.\\w+)$|webauthn\\.(verify_registration_response|verify_authentication_response|generate_registration_options|generate_authentication_options)$)")
; (py_webauthn's ceremony checks, `verify_authentication_response(credential=…, expected_challenge=…)`:
; round 56, django-two-factor-auth; its helpers and structs, base64url_to_bytes and the rest, are not.)
; (fastapi-users' router factories, get_auth_router(backend) and the like, only wire routes: the
; checks live in the routes they build)
 (#not-match? @trigger "(^|\\.)(exceptions|errors)\\.|(Error|Exception|NotExists|AlreadyExists|Invalid\\w*)$|(^|\\.)get_\\w*router$")
 (#not-resolves-to? @trigger "{{auth-configuration}}")
 (#set! rule "python.auth.library-call"))

;; A framework's account adapter signing the request in or out, `adapter.login(request, user)`,
;; `get_adapter().logout(request)`, `self.auth_backend.login(request, user)` (round 108,
;; django-allauth's resume_login, which runs the MFA and verification stages and then logs the user
;; in, and the headless session DELETE): the adapter calls Django's login or logout, and the unit that
;; decides when is the login flow. The request first, as Django's own; a test client's
;; `self.client.login(username=…, password=…)` passes keywords and is not this.
((call
   function: (attribute attribute: (identifier) @m) @trigger
   arguments: (argument_list . (identifier) @req))
 (#any-of? @m "login" "logout" "alogin" "alogout")
 (#match? @req "^(request|req)$")
 (#not-resolves-to? @trigger "^django\\.contrib\\.auth\\.")
 (#set! rule "python.auth.library-call"))

; FastAPI security schemes (`oauth2_scheme = OAuth2PasswordBearer(tokenUrl=...)`, `APIKeyHeader(...)`)
; and Django's `redirect_to_login(next)` configure or answer; they check nothing. The check is in the
; dependency that takes `Depends(oauth2_scheme)`, or the view that tests `is_authenticated`: these
; join that unit's region but make none alone (a module-level scheme, a redirect-URL builder).
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "{{auth-configuration}}")
 (#set! evidence "mention")
 (#set! rule "python.auth.library-call"))

; Django decorators: @login_required, @permission_required("x"), @user_passes_test(fn),
; @staff_member_required, with or without a call
([(decorator [(identifier) (attribute)] @trigger)
  (decorator (call function: [(identifier) (attribute)] @trigger))]
 (#resolves-to? @trigger "^django\\.contrib\\.(auth\\.decorators|admin\\.views\\.decorators)\\.\\w+$")
 (#set! evidence "mention")
 (#set! rule "python.auth.django-decorator"))

; class ProfileView(LoginRequiredMixin, PermissionRequiredMixin, View)
((class_definition
   superclasses: (argument_list [(identifier) (attribute)] @trigger))
 (#resolves-to? @trigger "^(django\\.contrib\\.auth\\.mixins|rest_framework\\.(permissions|authentication)|starlette\\.authentication|flask_login|fastapi\\.security)\\.\\w+$")
 (#set! evidence "mention")
 (#set! rule "python.auth.base-class"))

;; A constructor delegating to its own password method joins a region but makes none (first: the
;; earlier of two patterns counts): `__init__` calling `self.set_password(password)` in a file that
;; does not use django.contrib.auth, so the class defines set_password itself and that method has
;; its region; the hashing is decided there. (A Django user model's __init__ calling the inherited
;; set_password still counts.) Matched per function, not per class: a pattern over two methods of a
;; class body costs the square of its method count.
((function_definition
   name: (identifier) @init
   body: (block (expression_statement (call function: (attribute object: (identifier) @self attribute: (identifier) @method) @trigger))))
 (#eq? @init "__init__")
 (#eq? @self "self")
 (#any-of? @method "set_password" "check_password" "set_unusable_password" "has_usable_password")
 (#not-imports? "^django\\.contrib\\.auth(\\.|$)")
 (#set! evidence "mention")
 (#set! rule "python.auth.password-method"))

; user.set_password(pw), user.check_password(pw) when the file uses django.contrib.auth
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#any-of? @method "set_password" "check_password" "set_unusable_password" "has_usable_password")
 (#set! rule "python.auth.password-method"))

; a password helper's hash, user_dict["hashed_password"] = self.password_helper.hash(pw) (fastapi-users
; style): the stored credential is made here (an edit could store it plain or skip validation); other
; objects' hash() calls are not this
((call
   function: (attribute
     object: [(identifier) @obj (attribute attribute: (identifier) @obj)]
     attribute: (identifier) @method) @trigger)
 (#eq? @method "hash")
 (#match? @obj "^(password|pwd)_?(helper|hasher)$")
 (#set! rule "python.auth.password-store"))

;; Session writes of workflow data join an auth region but make none (first: the earlier of two
;; patterns matching the same node counts): a value that is a navigation URL, an empty container or
;; a serialized blob of a pending step (`request.session["cfp"] = {}`, `request.session[KEY] =
;; next_url`, `= login.serialize()`, `= self.state`). A write of who is logged in, a flag that grants
;; access or an OAuth state stays (the key does not tell: `session["add_discord"] = (state, code)`).
((assignment
   left: (subscript
     value: (attribute
       object: [(identifier) (attribute)] @req
       attribute: (identifier) @field) @trigger)
   right: (_) @value)
 (#match? @req "^(self\\.)?(request|req)$")
 (#eq? @field "session")
 (#match? @value "^(\\w*(_url|_path|next)|[\\w.]*\\.(get_full_path|build_absolute_uri|serialize)\\(\\)|self\\.(state|data)|\\{\\}|\\[\\])$")
 (#set! evidence "mention")
 (#set! rule "python.auth.session-write"))

;; Round 31 (django-oscar): form data stashed in the session for redisplay or a multi-step wizard,
;; keyed by its purpose (`request.session["add_to_basket_form_post_data_%s" % pk] = data`,
;; `request.session.pop("..._form_post_data_%s" % pk, None)`, `request.session.setdefault(
;; self.wizard_name, {})`): a page's state, not who is logged in. Joins a region, makes none (first:
;; the earlier pattern counts). A key that also says login, user, token, OTP, state or verification stays.
([(assignment
    left: (subscript
      value: (attribute
        object: [(identifier) (attribute)] @req
        attribute: (identifier) @field) @trigger
      subscript: (_) @key))
  (call
    function: (attribute
      object: (attribute
        object: [(identifier) (attribute)] @req
        attribute: (identifier) @field)
      attribute: (identifier) @method) @trigger
    arguments: (argument_list . (_) @key))]
 (#match? @req "^(self\\.)?(request|req)$")
 (#eq? @field "session")
 (#match? @key "([Ff]orm|[Pp]ost_?[Dd]ata|[Ww]izard)")
 (#not-match? @key "[Ll]og_?[Ii]n|[Aa]uth|[Uu]ser|[Tt]oken|[Oo]tp|2fa|[Mm]fa|[Pp]assw|[Vv]erif|[Ss]tate|[Ss]so|[Oo][Aa]uth|[Ss]aml|[Ii]mpersonat|[Rr]ole|[Pp]erm|[Aa]dmin|[Ss]ecret|[Nn]once|[Cc]ode")
 (#set! evidence "mention")
 (#set! rule "python.auth.session-write"))

;; Round 36: a display preference kept in the session, `request.session["timezone"] = tz_str`,
;; `request.session["django_language"] = lang`: how to show pages, not who is logged in. Joins a region,
;; makes none (first: the earlier pattern counts).
;; Round 82 (Argus): also a list page's selected filter, sort or page size (`request.session[
;; "selected_filter"] = None`, `del request.session["selected_filter"]`), written or deleted.
([(assignment
    left: (subscript
      value: (attribute
        object: [(identifier) (attribute)] @req
        attribute: (identifier) @field) @trigger
      subscript: (string) @key))
  (delete_statement
    (subscript
      value: (attribute
        object: [(identifier) (attribute)] @req
        attribute: (identifier) @field) @trigger
      subscript: (string) @key))]
 (#match? @req "^(self\\.)?(request|req)$")
 (#eq? @field "session")
 (#match? @key "^[\"'](\\w*_)?(timezone|tz|tzinfo|locale|language|lang|theme|currency|filters?|sort|sort_by|ordering|order_by|per_page|page_size|columns|view_mode)[\"']$")
 (#set! evidence "mention")
 (#set! rule "python.auth.session-write"))

; request.session["user_id"] = user.pk, del request.session["x"]
([(assignment
    left: (subscript
      value: (attribute
        object: [(identifier) (attribute)] @req
        attribute: (identifier) @field) @trigger))
  (delete_statement
    (subscript
      value: (attribute
        object: [(identifier) (attribute)] @req
        attribute: (identifier) @field) @trigger))]
 (#match? @req "^(self\\.)?(request|req)$")
 (#eq? @field "session")
 (#set! rule "python.auth.session-write"))

; request.session.cycle_key(), .flush(), .clear(), .set_expiry(...), .pop(...)
((call
   function: (attribute
     object: (attribute
       object: [(identifier) (attribute)] @req
       attribute: (identifier) @field)
     attribute: (identifier) @method) @trigger)
 (#match? @req "^(self\\.)?(request|req)$")
 (#eq? @field "session")
 (#any-of? @method "cycle_key" "flush" "clear" "set_expiry" "pop" "update" "setdefault" "create" "delete")
 (#set! rule "python.auth.session-write"))

;; Flask session state that is not identity joins a region but makes none (first: the earlier of two
;; patterns matching the same node counts): session["locale"] = locale, session["theme"] = "dark", the last
;; item the user picked (`session["last_selected_payer_per_project"]`: round 63, ihatemoney);
;; and `session.clear()` when the service is switched off by configuration (`if not
;; app.config["SUBMISSION_KEY_VALID"]: session.clear(); return offline page`), an availability check.
((assignment
   left: (subscript value: (identifier) @trigger subscript: (string) @key))
 (#resolves-to? @trigger "^(flask|quart)\\.session$")
 (#match? @key "^[\"'](locale|lang|language|theme|timezone|tz|_?flashes|ui_\\w+|view_\\w+|view|views|query|search\\w*|filters?|last_(?!\\w*(user|login|auth|token|account|session|otp|code))\\w+|page_size|per_page|sort\\w*)[\"']$")
 (#set! evidence "mention")
 (#set! rule "python.auth.flask-session"))

; Round 46 (calibre-web): the same display state one level down, `flask_session['view'][page] =
; dict()`, a search's terms, `session['query'] = json.dumps(term)` (above).
((assignment
   left: (subscript value: (subscript value: (identifier) @trigger subscript: (string) @key)))
 (#resolves-to? @trigger "^(flask|quart)\\.session$")
 (#match? @key "^[\"'](locale|lang|language|theme|timezone|tz|ui_\\w+|view_\\w+|view|views|query|search\\w*|filters?|last_(?!\\w*(user|login|auth|token|account|session|otp|code))\\w+|sort\\w*)[\"']$")
 (#set! evidence "mention")
 (#set! rule "python.auth.flask-session"))

; Round 29 (indico): the same display state as attributes of a session class (`session.lang =
; settings.get("lang")`, `session.timezone = "LOCAL"`), the dirty flag (`session.modified = True`)
; and a message shown on the login page (`session["login_reason"] = reason`): none says who is
; logged in. `session.user = user`, `session.permanent` stay.
((assignment
   left: (attribute object: (identifier) @trigger attribute: (identifier) @attr))
 (#resolves-to? @trigger "^(flask|quart)\\.session$")
 (#any-of? @attr "lang" "locale" "language" "timezone" "tz" "theme" "modified")
 (#set! evidence "mention")
 (#set! rule "python.auth.flask-session"))

((assignment
   left: (subscript value: (identifier) @trigger subscript: (string) @key))
 (#resolves-to? @trigger "^(flask|quart)\\.session$")
 (#match? @key "^[\"']\\w*_(reason|message|msg)[\"']$")
 (#set! evidence "mention")
 (#set! rule "python.auth.flask-session"))

((if_statement
   condition: (_) @cond
   consequence: (block (expression_statement (call function: (attribute object: (identifier) @session attribute: (identifier) @m) @trigger))))
 (#resolves-to? @session "^(flask|quart)\\.session$")
 (#eq? @m "clear")
 (#match? @cond "config\\[|settings\\.|MAINTENANCE|OFFLINE|READ_ONLY|maintenance|offline")
 (#not-match? @cond "user|login|logged|session|token|expir|auth|codename|role|admin|account")
 (#set! evidence "mention")
 (#set! rule "python.auth.flask-session"))

; Flask / Quart: session["user_id"] = user.id, del session["user_id"]
([(assignment
    left: (subscript value: (identifier) @trigger))
  (augmented_assignment
    left: (subscript value: (identifier) @trigger))
  (delete_statement
    (subscript value: (identifier) @trigger))
  (assignment
    left: (attribute object: (identifier) @trigger))]
 (#resolves-to? @trigger "^(flask|quart)\\.session$")
 (#set! rule "python.auth.flask-session"))

;; `session.update()` with no arguments changes nothing (it only marks the session modified after a
;; nested write: ihatemoney's `add_settlement_bill`, round 63). A mention (first: the earlier pattern counts).
((call
   function: (attribute
     object: (identifier) @session
     attribute: (identifier) @method) @trigger
   arguments: (argument_list) @args)
 (#resolves-to? @session "^(flask|quart)\\.session$")
 (#eq? @method "update")
 (#match? @args "^\\(\\s*\\)$")
 (#set! evidence "mention")
 (#set! rule "python.auth.flask-session"))

; session.clear(), session.pop("user_id"), session.update(...)
((call
   function: (attribute
     object: (identifier) @session
     attribute: (identifier) @method) @trigger)
 (#resolves-to? @session "^(flask|quart)\\.session$")
 (#any-of? @method "clear" "pop" "update" "setdefault" "regenerate")
 (#set! rule "python.auth.flask-session"))

;; Round 27 (pgadmin): a login decorator on a method of a plain class (`class KeyManager:` with no
;; base, an in-memory store whose `@login_required def set(self, key)` keys by current_user) is no
;; route: the views that call it already decided who is signed in. It joins an auth region, never
;; makes one (first: the earlier pattern counts). Views (`class X(MethodView)`) and functions stay.
((class_definition
   !superclasses
   body: (block
     (decorated_definition
       (decorator [(identifier) (attribute)] @trigger))))
 (#resolves-to? @trigger "^(flask_login|flask_security)\\.(login_required|fresh_login_required|auth_required|roles_required|roles_accepted)$")
 (#set! evidence "mention")
 (#set! rule "python.auth.helper-login-decorator"))

; @login_required / @fresh_login_required (flask_login, flask_security): declared on a view like
; Django's decorators, a mention (round 73, PowerDNS-Admin: five views whose only auth is the
; decorator judged N; redash, changedetection.io, jupyterhub before). The view is a region when its
; body decides something. (First: of two patterns matching the same node, the earlier counts.)
([(decorator [(identifier) (attribute)] @trigger)
  (decorator (call function: [(identifier) (attribute)] @trigger))]
 (#resolves-to? @trigger "^(flask_login|flask_security)\\.(login_required|fresh_login_required)$")
 (#set! evidence "mention")
 (#set! rule "python.auth.flask-login"))

; @roles_required("admin"), @permissions_required(p) (flask_security), flask_principal and
; flask_httpauth decorators: the role or permission a route demands (pgAdmin's `@permissions_required(
; tools_ai)` judged Y four times), and @login_manager.user_loader below.
([(decorator [(identifier) (attribute)] @trigger)
  (decorator (call function: [(identifier) (attribute)] @trigger))]
 (#resolves-to? @trigger "^(flask_login|flask_security|flask_principal|flask_httpauth)\\.\\w+$")
 (#set! rule "python.auth.flask-login"))

((decorator
   (attribute attribute: (identifier) @hook) @trigger)
 (#any-of? @hook "user_loader" "request_loader" "unauthorized_handler" "verify_password" "verify_token" "get_user_roles")
 (#imports? "^(flask_login|flask_httpauth)(\\.|$)")
 (#set! rule "python.auth.flask-login"))

; current_user.is_authenticated, current_user.id == post.author_id, current_user.has_role("admin").
; Not in a function that builds the front end's configuration (`client_config()`, `get_ui_config`, a
; template context processor): there the checks only pick which banners and flags the UI shows, and
; the API enforces access.
((attribute
   object: (identifier) @user
   attribute: (identifier) @field) @trigger
 (#eq? @user "current_user")
 (#any-of? @field "is_authenticated" "is_anonymous" "is_active" "is_admin" "is_staff" "is_superuser" "has_role" "has_roles" "has_permission" "has_perm" "role" "roles" "permissions")
 (#resolves-to? @trigger "^(flask_login|flask_security|quart_auth)\\.current_user\\.")
 (#not-unit-name-matches? @trigger "^_?(\\w*_)?(client|ui|frontend|front_end|template|page|app)_(config|settings|context)(\\s|$)|^_?\\w*context_processor(\\s|$)")
 (#set! rule "python.auth.current-user"))

;; Checks that decide nothing join an auth region but make none (first: the earlier pattern counts):
;; `assert request.user.is_authenticated  # nosec` restates what the view's decorator enforced; a
;; unit named for a URL, a locale or a time zone (`get_login_redirect_url`, `_select_locale`) only
;; picks where to go or how to show; and a login page sending an already logged-in user on
;; (`if not request.user.is_anonymous: return redirect(success_url)`) keeps nobody out. The check that
;; sends an anonymous user to the login page (`if not request.user.is_authenticated: return
;; redirect(login_url)`) denies access and stays.
((assert_statement
   (attribute
     object: (attribute
       object: [(identifier) (attribute)] @req
       attribute: (identifier) @user)
     attribute: (identifier) @field) @trigger)
 (#match? @req "^(self\\.)?(request|req)$")
 (#eq? @user "user")
 (#set! evidence "mention")
 (#set! rule "python.auth.request-user"))

((attribute
   object: (attribute
     object: [(identifier) (attribute)] @req
     attribute: (identifier) @user)
   attribute: (identifier) @field) @trigger
 (#match? @req "^(self\\.)?(request|req)$")
 (#eq? @user "user")
 (#any-of? @field "is_authenticated" "is_anonymous")
 (#unit-name-matches? @trigger "^_?(get_\\w*(_url|_redirect|redirect_to)|\\w*redirect_url|\\w*(locale|language|timezone|tzinfo)(_from_\\w+|_for_\\w+)?)(\\s|$)")
 (#set! evidence "mention")
 (#set! rule "python.auth.request-user"))

;; A router view whose every exit is a redirect (round 40: Kiwi's `UsersRouter.get`, `if
;; request.user.is_superuser: return HttpResponseRedirect("/admin/auth/user/")`; linkding's `root`
;; picking the landing page): the login or superuser test only picks which page to send the user
;; to, and the page behind each URL checks access itself. Not one that sends the user to log in (a
;; login URL, `redirect_to_login`), raises, answers 401/403, returns anything but a redirect, or
;; writes (django-helpdesk's `followup_delete`: the superuser test guards `followup.delete()`).
((attribute
   object: (attribute
     object: [(identifier) (attribute)] @req
     attribute: (identifier) @user)
   attribute: (identifier) @field) @trigger
 (#match? @req "^(self\\.)?(request|req)$")
 (#eq? @user "user")
 (#any-of? @field "is_authenticated" "is_anonymous" "is_superuser" "is_staff")
 (#text-after? @trigger "\\breturn\\s+\\w*(redirect|Redirect)\\w*\\(")
 (#not-text-before? @trigger "{{non-redirect-exit}}")
 (#not-text-after? @trigger "{{non-redirect-exit}}")
 (#set! evidence "mention")
 (#set! rule "python.auth.request-user"))

;; A permission test in a unit named for a URL (`_get_table_add_url`, `get_success_url`) only picks
;; which link or "Add" button to show or where to send the user next; the view behind that URL checks
;; the permission again and has the region.
((attribute
   object: (attribute
     object: [(identifier) (attribute)] @req
     attribute: (identifier) @user)
   attribute: (identifier) @field) @trigger
 (#match? @req "^(self\\.)?(request|req)$")
 (#eq? @user "user")
 (#any-of? @field "has_perm" "has_perms")
 (#unit-name-matches? @trigger "^_?get_\\w*_url(\\s|$)")
 (#set! evidence "mention")
 (#set! rule "python.auth.request-user"))

([(if_statement
    condition: (attribute
      object: (attribute object: [(identifier) (attribute)] @req attribute: (identifier) @user)
      attribute: (identifier) @field) @trigger
    consequence: (block) @then)
  (if_statement
    condition: (not_operator argument: (attribute
      object: (attribute object: [(identifier) (attribute)] @req attribute: (identifier) @user)
      attribute: (identifier) @field) @trigger)
    consequence: (block) @then)]
 (#match? @req "^(self\\.)?(request|req)$")
 (#eq? @user "user")
 (#match? @field "^is_(authenticated|anonymous)$")
 (#match? @then "^(try:\\s*)?return\\s+(\\w*(redirect|HttpResponseRedirect)\\((self\\.)?(get_)?\\w*(success_url|next_url|redirect_url|home|dashboard)\\w*(\\(\\))?\\)|(self\\.)?\\w*redirect_to_(next|success|home)\\w*\\()")
 (#not-match? @then "login\\(|logout\\(|raise\\b|token|session|login_url|LOGIN_URL")
 (#set! evidence "mention")
 (#set! rule "python.auth.request-user"))

;; Round 36: a login test that only picks a display preference, `if hasattr(request, "user") and
;; request.user.is_authenticated: tz = Profile.objects.get(user=request.user).timezone` (a time zone,
;; a locale, a language for an anonymous user or a signed-in one): it keeps nobody out (bookwyrm's
;; TimezoneMiddleware, kitsune's datetimeformat). A body that raises, redirects, answers or logs in stays.
;; Round 82 (peering-manager): the same for a user preference read or saved (`request.user.preferences.
;; set("configcontext.format", …)`, in an `elif` too) and for the page size an anonymous user gets
;; (`if not request.user.is_authenticated: return int(request.GET.get("per_page"))`).
([(if_statement
    condition: [(attribute
                  object: (attribute object: [(identifier) (attribute)] @req attribute: (identifier) @user)
                  attribute: (identifier) @field) @trigger
                (not_operator argument: (attribute
                  object: (attribute object: [(identifier) (attribute)] @req attribute: (identifier) @user)
                  attribute: (identifier) @field) @trigger)
                (boolean_operator
                  right: (attribute
                    object: (attribute object: [(identifier) (attribute)] @req attribute: (identifier) @user)
                    attribute: (identifier) @field) @trigger)]
    consequence: (block) @then)
  (elif_clause
    condition: (attribute
      object: (attribute object: [(identifier) (attribute)] @req attribute: (identifier) @user)
      attribute: (identifier) @field) @trigger
    consequence: (block) @then)]
 (#match? @req "^(self\\.)?(request|req)$")
 (#eq? @user "user")
 (#eq? @field "is_authenticated")
 (#match? @then "timezone|tzinfo|[Ll]ocale|[Ll]anguage|\\.preferences\\.(get|set)\\(|\\bper_page\\b|PAGINATE_COUNT")
 (#not-match? @then "raise\\b|[Rr]edirect|Denied|HttpResponse|[Rr]esponse\\(|abort\\(|login|logout|[Pp]erm|is_staff|is_superuser|[Tt]oken|[Pp]assword")
 (#set! evidence "mention")
 (#set! rule "python.auth.request-user"))

;; ... and a display flag of the user's own activity, `is_watching_thread = request.user.is_authenticated
;; and NewPostEvent.is_notifying(request.user, thread)`, `authed_and_voted = (request.user.is_authenticated
;; and rev.has_voted(request))`: the login test only skips the lookup for an anonymous user; the flag
;; picks which button to render.
((assignment
   left: (identifier) @name
   right: [(boolean_operator
             left: (attribute
               object: (attribute object: [(identifier) (attribute)] @req attribute: (identifier) @user)
               attribute: (identifier) @field) @trigger)
           (parenthesized_expression
             (boolean_operator
               left: (attribute
                 object: (attribute object: [(identifier) (attribute)] @req attribute: (identifier) @user)
                 attribute: (identifier) @field) @trigger))
           (parenthesized_expression
             (boolean_operator
               left: (boolean_operator
                 left: (attribute
                   object: (attribute object: [(identifier) (attribute)] @req attribute: (identifier) @user)
                   attribute: (identifier) @field) @trigger)))])
 (#match? @req "^(self\\.)?(request|req)$")
 (#eq? @user "user")
 (#eq? @field "is_authenticated")
 (#match? @name "(^|_)(watching|subscribed|following|voted|starred|bookmarked|liked|favou?rited)(_|$)")
 (#set! evidence "mention")
 (#set! rule "python.auth.request-user"))

; request.user.is_authenticated, request.user.has_perm("app.change"), request.user.is_superuser
((attribute
   object: (attribute
     object: [(identifier) (attribute)] @req
     attribute: (identifier) @user)
   attribute: (identifier) @field) @trigger
 (#match? @req "^(self\\.)?(request|req)$")
 (#eq? @user "user")
 (#any-of? @field "is_authenticated" "is_anonymous" "is_staff" "is_superuser" "has_perm" "has_perms" "has_module_perms" "groups" "user_permissions")
 (#not-incidental-use? @trigger)
 (#set! rule "python.auth.request-user"))

; totp.verify(code), hotp.verify(code, counter), totp.now()
((call
   function: (attribute
     object: [(identifier) @otp (attribute attribute: (identifier) @otp)]
     attribute: (identifier) @method) @trigger)
 (#any-of? @method "verify" "now" "at" "provisioning_uri")
 (#match? @otp "([Tt]otp|TOTP|[Hh]otp|HOTP|[Oo]tp|OTP)$")
 (#imports? "^(pyotp|cryptography\\.hazmat\\.primitives\\.twofactor(\\.\\w+)?)$")
 (#set! rule "python.auth.otp"))

; the project's own one-time-code check: otp.verify_totp(secret, value), verify_hotp(...), check_totp_value(...)
((call
   function: [(identifier) @trigger (attribute attribute: (identifier) @trigger)])
 (#match? @trigger "^(verify|check|validate)_(totp|hotp|otp)(_\\w+)?$")
 (#set! rule "python.auth.otp"))

; the bcrypt library's own check, `bcrypt.checkpw(login_attempt.password.encode("utf-8"), user["password"].value)`
; (round 99, consoleme's local login: only a crypto region; JavaScript's bcrypt.compare was one already)
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^bcrypt\\.checkpw$")
 (#set! rule "python.auth.password-check"))

; a password check at its call site: account.verify_password(data.password),
; user_service.check_password(user.id, form.password.data), the project's own helper
; verify_password(plaintext=confirm, ciphertext=current_user.password) — the login or
; password-change decision
((call
   function: [(attribute attribute: (identifier) @method) (identifier) @method] @trigger
   arguments: (argument_list) @args)
 (#any-of? @method "verify_password" "check_password" "verify_password_hash")
 (#match? @args "[Pp]ass(word|wd)?|[Pp]wd|(^|[^A-Za-z])pw([^A-Za-z]|$)")
 (#set! rule "python.auth.password-check"))

;; ... and a user model's own password check, `if not user.validate_password(password):` (round 104,
;; tracim's internal login). Not Django's password_validation.validate_password(pw, user), a strength
;; policy: a method of the module, not of a user.
((call
   function: (attribute object: (_) @o attribute: (identifier) @method) @trigger
   arguments: (argument_list) @args)
 (#eq? @method "validate_password")
 (#match? @o "(^|\\.)_?[a-z_]*user$")
 (#match? @args "[Pp]ass(word|wd)?|[Pp]wd|(^|[^A-Za-z])pw([^A-Za-z]|$)")
 (#set! rule "python.auth.password-check"))

; Pyramid: request.has_permission(Permissions.ProjectsWrite, context), an inline authorization check
((call
   function: (attribute
     object: [(identifier) (attribute)] @req
     attribute: (identifier) @method) @trigger)
 (#match? @req "^(self\\.)?(request|req)$")
 (#eq? @method "has_permission")
 (#imports? "^pyramid(\\.|$)")
 (#set! rule "python.auth.request-permission"))

; Pyramid security policies: identity(), permits(), authenticated_userid() (not remember/forget, headers only),
; and a policy's own `get_current_user(request)` that the others call (round 104, tracim's cookie,
; basic-auth, API-key and query-token policies), defined in a *Policy class (an ISecurityPolicy / authentication or authorization policy)
((class_definition
   name: (identifier) @class
   body: (block
     [(function_definition name: (identifier) @trigger)
      (decorated_definition definition: (function_definition name: (identifier) @trigger))]))
 (#any-of? @trigger "identity" "permits" "authenticated_userid" "unauthenticated_userid" "effective_principals" "principals_allowed_by_permission" "get_current_user")
 (#match? @class "Policy$")
 (#imports? "^(pyramid|zope\\.interface)(\\.|$)")
 (#set! rule "python.auth.security-policy"))

; def login(form: OAuth2PasswordRequestForm = Depends()), credentials: HTTPBasicCredentials = ...
([(typed_parameter type: (type [(identifier) (attribute)] @trigger))
  (typed_default_parameter type: (type [(identifier) (attribute)] @trigger))]
 (#resolves-to? @trigger "^fastapi\\.security\\.\\w+$")
 (#set! rule "python.auth.fastapi-security"))

; @requires("authenticated") (starlette), @permission_classes([...]) / @authentication_classes (DRF)
((decorator (call function: [(identifier) (attribute)] @trigger))
 (#resolves-to? @trigger "^(starlette\\.authentication\\.requires|rest_framework\\.decorators\\.(permission_classes|authentication_classes))$")
 (#set! evidence "mention")
 (#set! rule "python.auth.decorator"))

; DRF views opened to anyone: permission_classes = [] / (AllowAny,), authentication_classes = []. The
; view's own code (a slug lookup, an expiry check) is then the only gate: an operation, not a mention.
((assignment
   left: (identifier) @name
   right: [(list) (tuple)] @trigger)
 (#any-of? @name "permission_classes" "authentication_classes")
 (#match? @trigger "^[\\[(]\\s*[\\])]$|^[\\[(]\\s*(\\w+\\.)*AllowAny\\s*,?\\s*[\\])]$")
 (#set! rule "python.auth.drf-open-view"))

; django-guardian's permission tables queried for a user or group (a hand-written object-permission
; filter: `UserObjectPermission.objects.filter(user=user, permission__codename=perm)`).
((call
   function: (attribute
     object: (attribute object: (identifier) @model attribute: (identifier) @objects)
     attribute: (identifier) @m) @trigger
   arguments: (argument_list (keyword_argument name: (identifier) @kw)))
 (#eq? @objects "objects")
 (#eq? @m "filter")
 (#match? @kw "^(user|group|group__user|user__in|group__in|group__user__in|user_id|group_id)$")
 (#resolves-to? @model "^guardian\\.models\\.(User|Group)ObjectPermission$")
 (#set! rule "python.auth.object-permission-query"))

; DRF views: permission_classes = [IsAuthenticated], authentication_classes = (TokenAuthentication,)
((assignment
   left: (identifier) @name
   right: [(list) (tuple)] @trigger)
 (#any-of? @name "permission_classes" "authentication_classes")
 (#set! evidence "mention")
 (#set! rule "python.auth.drf-permissions"))

;; A permission check by the project's own function, named for it and given a permission constant:
;; `if not has_perm(self.datastore, self.user_id, Permissions.Motion.CAN_MANAGE_METADATA, meeting_id)`,
;; `has_can_manage = has_perm(…, Permissions.ListOfSpeakers.CAN_MANAGE, …)` (rounds 107, OpenSlides:
;; five call sites unmarked where the answer is kept in a local or joined in a longer condition).
;; Which permission it names is the decision.
((call
   function: [(identifier) @f (attribute attribute: (identifier) @f)] @trigger
   arguments: (argument_list) @args)
 (#match? @f "^(has_perm|has_perms|has_permission|has_permissions|user_has_perm|user_has_permission|check_perm|check_permission|check_permissions|require_permission|assert_permission)$")
 (#match? @args "\\b([A-Z]\\w*)?Permissions?\\.[A-Z]\\w*")
 (#set! rule "python.auth.permission-check"))

; The permission protocol itself, defined in a class: Django user models and auth backends
; (has_perm, has_perms, has_module_perms, get_all_permissions, get_user_permissions,
; get_group_permissions, user_can_authenticate, with_perm), DRF / strawberry permission classes
; (has_permission, has_object_permission) and views / GraphQL mutations (check_permissions,
; check_object_permissions). The method definition is the authorization decision.
((class_definition
   body: (block
     [(function_definition name: (identifier) @trigger)
      (decorated_definition definition: (function_definition name: (identifier) @trigger))]))
 (#any-of? @trigger "has_perm" "has_perms" "has_module_perms" "get_all_permissions" "get_user_permissions" "get_group_permissions" "user_can_authenticate" "with_perm" "has_permission" "has_object_permission" "check_permissions" "check_object_permissions")
 (#imports? "^(django|rest_framework|strawberry|strawberry_django|graphene|graphene_django|ninja|ninja_extra)(\\.|$)")
 (#set! rule "python.auth.permission-method"))

;; A DRF permission class's own checks beside the protocol methods: `IsOrganizationMember.validate_membership(self,
;; user, org): return org and (user.is_superuser or user.is_member(org))`, called from its
;; has_object_permission (round 58, openwisp-users). A class named for a permission (`*Permission`,
;; `IsOwner…`, `HasRole…`, `CanEdit…`) in a file that imports DRF; methods named for a check.
((class_definition
   name: (identifier) @class
   body: (block
     [(function_definition name: (identifier) @trigger)
      (decorated_definition definition: (function_definition name: (identifier) @trigger))]))
 (#match? @class "Permissions?$|^(Is|Has|Can)[A-Z]")
 (#match? @trigger "^_?(validate|check|has|is|can|verify)_\\w+$")
 (#not-match? @trigger "^_?(has|is)_(valid|empty|changed|dirty|next|prev)\\w*$")
 (#imports? "^rest_framework(\\.|$)")
 (#set! rule "python.auth.permission-method"))

; Authentication backends and DRF authentication classes: authenticate(), get_user(),
; authenticate_credentials(), enforce_csrf() defined in a class named *Backend / *Authentication
; or subclassing one (ModelBackend, BaseBackend, RemoteUserBackend, BaseAuthentication, ...).
((class_definition
   name: (identifier) @class
   body: (block
     [(function_definition name: (identifier) @trigger)
      (decorated_definition definition: (function_definition name: (identifier) @trigger))]))
 (#any-of? @trigger "authenticate" "aauthenticate" "get_user" "aget_user" "authenticate_credentials" "enforce_csrf" "configure_user" "clean_username")
 (#match? @class "(Backend|Authentication)$")
 (#imports? "^(django|rest_framework)(\\.|$)")
 (#set! rule "python.auth.backend-method"))

((class_definition
   superclasses: (argument_list [(identifier) (attribute)] @base)
   body: (block
     [(function_definition name: (identifier) @trigger)
      (decorated_definition definition: (function_definition name: (identifier) @trigger))]))
 (#any-of? @trigger "authenticate" "aauthenticate" "get_user" "aget_user" "authenticate_credentials" "enforce_csrf" "configure_user" "clean_username")
 (#match? @base "(Backend|Authentication)$")
 (#imports? "^(django|rest_framework)(\\.|$)")
 (#set! rule "python.auth.backend-method"))

; Password-reset / account-confirmation tokens: _make_hash_value (and make_token / check_token)
; overridden in a PasswordResetTokenGenerator subclass
((class_definition
   body: (block
     [(function_definition name: (identifier) @trigger)
      (decorated_definition definition: (function_definition name: (identifier) @trigger))]))
 (#eq? @trigger "_make_hash_value")
 (#imports? "^django(\\.|$)")
 (#set! rule "python.auth.reset-token"))

((class_definition
   superclasses: (argument_list [(identifier) (attribute)] @base)
   body: (block
     [(function_definition name: (identifier) @trigger)
      (decorated_definition definition: (function_definition name: (identifier) @trigger))]))
 (#any-of? @trigger "make_token" "check_token")
 (#match? @base "TokenGenerator$")
 (#set! rule "python.auth.reset-token"))

; password_reset_token_generator.make_token(user), current_generator.check_token(user, token)
((call
   function: (attribute
     object: [(identifier) @gen (attribute attribute: (identifier) @gen)]
     attribute: (identifier) @method) @trigger)
 (#any-of? @method "make_token" "check_token")
 (#match? @gen "([Gg]enerator|GENERATOR)$")
 (#imports? "^django(\\.|$)")
 (#set! rule "python.auth.reset-token"))

; ... also where the generator comes from the project's own module (from .tokens import
; password_reset_token_generator), named for what it is
((call
   function: (attribute
     object: [(identifier) @gen (attribute attribute: (identifier) @gen)]
     attribute: (identifier) @method) @trigger)
 (#any-of? @method "make_token" "check_token")
 (#match? @gen "([Tt]oken_?[Gg]enerator|TOKEN_GENERATOR)$")
 (#set! rule "python.auth.reset-token"))

; FastAPI: the dependency that turns a credential into a user, e.g.
;   async def get_current_user(token: str = Depends(oauth2_scheme)), def verify(key = Depends(api_key_header))
((function_definition
   name: (identifier) @trigger
   parameters: (parameters
     [(default_parameter
        value: (call
          function: [(identifier) (attribute)] @dep
          arguments: (argument_list . [(identifier) (attribute)] @scheme)))
      (typed_default_parameter
        value: (call
          function: [(identifier) (attribute)] @dep
          arguments: (argument_list . [(identifier) (attribute)] @scheme)))]))
 (#resolves-to? @dep "^fastapi\\.(Depends|params\\.Depends)$")
 (#match? @scheme "(^|[._])([Oo]auth2?|OAUTH2?|[Rr]eusable_oauth2?)(_|$)|[Oo]auth2[A-Z_]|(^|[._])(security|SECURITY)$|([Bb]earer|BEARER|[Aa]pi_?[Kk]ey|API_?KEY|[Bb]asic_?[Aa]uth|BASIC_?AUTH|[Hh]ttp_?[Bb]asic|HTTP_?BASIC|[Aa]uth_?[Ss]cheme|AUTH_?SCHEME|[Tt]oken_?[Ss]cheme|[Aa]uth_?[Hh]eader|AUTH_?HEADER)(_\\w+)?$")
 (#not-match? @scheme "{{fastapi-lookup-dependency}}")
 (#set! rule "python.auth.fastapi-dependency"))

; A route that only asks for the current user (user = Depends(current_active_user),
; dependencies=[Depends(get_current_superuser)]) mentions auth; the dependency decides.
([(default_parameter
    value: (call
      function: [(identifier) (attribute)] @dep
      arguments: (argument_list . [(identifier) (attribute) (call)] @trigger)))
  (typed_default_parameter
    value: (call
      function: [(identifier) (attribute)] @dep
      arguments: (argument_list . [(identifier) (attribute) (call)] @trigger)))]
 (#resolves-to? @dep "^fastapi\\.(Depends|params\\.Depends)$")
 (#match? @trigger "{{current-user-name}}")
 (#set! evidence "mention")
 (#set! rule "python.auth.fastapi-current-user"))

((keyword_argument
   name: (identifier) @kw
   value: (list
     (call
       function: [(identifier) (attribute)] @dep
       arguments: (argument_list . [(identifier) (attribute) (call)] @trigger))))
 (#eq? @kw "dependencies")
 (#resolves-to? @dep "^fastapi\\.(Depends|params\\.Depends)$")
 (#match? @trigger "{{current-user-name}}")
 (#set! evidence "mention")
 (#set! rule "python.auth.fastapi-current-user"))

; The same in Annotated form (FastAPI's recommended style):
;   def login(form: Annotated[OAuth2PasswordRequestForm, Depends()])
([(typed_parameter
    type: (type (generic_type (identifier) @ann (type_parameter (type [(identifier) (attribute)] @trigger)))))
  (typed_default_parameter
    type: (type (generic_type (identifier) @ann (type_parameter (type [(identifier) (attribute)] @trigger)))))]
 (#eq? @ann "Annotated")
 (#resolves-to? @trigger "^fastapi\\.security\\.\\w+$")
 (#set! rule "python.auth.fastapi-security"))

;   async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)])
((function_definition
   name: (identifier) @trigger
   parameters: (parameters
     [(typed_parameter
        type: (type (generic_type (identifier) @ann (type_parameter (type (call
          function: [(identifier) (attribute)] @dep
          arguments: (argument_list . [(identifier) (attribute)] @scheme)))))))
      (typed_default_parameter
        type: (type (generic_type (identifier) @ann (type_parameter (type (call
          function: [(identifier) (attribute)] @dep
          arguments: (argument_list . [(identifier) (attribute)] @scheme)))))))]))
 (#eq? @ann "Annotated")
 (#resolves-to? @dep "^fastapi\\.(Depends|params\\.Depends)$")
 (#match? @scheme "(^|[._])([Oo]auth2?|OAUTH2?|[Rr]eusable_oauth2?)(_|$)|[Oo]auth2[A-Z_]|(^|[._])(security|SECURITY)$|([Bb]earer|BEARER|[Aa]pi_?[Kk]ey|API_?KEY|[Bb]asic_?[Aa]uth|BASIC_?AUTH|[Hh]ttp_?[Bb]asic|HTTP_?BASIC|[Aa]uth_?[Ss]cheme|AUTH_?SCHEME|[Tt]oken_?[Ss]cheme|[Aa]uth_?[Hh]eader|AUTH_?HEADER)(_\\w+)?$")
 (#not-match? @scheme "{{fastapi-lookup-dependency}}")
 (#set! rule "python.auth.fastapi-dependency"))

;   async def read_items(user: Annotated[User, Depends(get_current_active_user)]): a mention
([(typed_parameter
    type: (type (generic_type (identifier) @ann (type_parameter (type (call
      function: [(identifier) (attribute)] @dep
      arguments: (argument_list . [(identifier) (attribute) (call)] @trigger)))))))
  (typed_default_parameter
    type: (type (generic_type (identifier) @ann (type_parameter (type (call
      function: [(identifier) (attribute)] @dep
      arguments: (argument_list . [(identifier) (attribute) (call)] @trigger)))))))]
 (#eq? @ann "Annotated")
 (#resolves-to? @dep "^fastapi\\.(Depends|params\\.Depends)$")
 (#match? @trigger "{{current-user-name}}")
 (#set! evidence "mention")
 (#set! rule "python.auth.fastapi-current-user"))

; A guard that denies access: the `if` (or `except`) around it is the access decision.
;   if not current_user.admin: raise HTTPException(status.HTTP_403_FORBIDDEN)
;   if obj.owner != request.user: raise PermissionDenied
;   except IndexError as e: raise HTTPException(status.HTTP_401_UNAUTHORIZED) from e
; Not a condition on the resource alone (a reserved name prefix, a protected flag: every caller is
; refused alike) nor on a server-wide mode.
; FastAPI/Starlette HTTPException with 401 or 403 (also `HTTPStatus.FORBIDDEN`; other statuses are not access decisions);
; Django/DRF PermissionDenied, NotAuthenticated, AuthenticationFailed; aiohttp HTTPUnauthorized/
; HTTPForbidden. Not this: an exception class's own definition, a bare re-raise, a guard on the
; status of a response the code fetched (an HTTP client), and an `except` that only translates
; another access or lookup error (`except PermissionDenied: raise HTTPException(403)`,
; `except ObjectDoesNotExist: raise PermissionDenied`): the decision was made where that was raised.
(([(if_statement condition: (_) @cond consequence: (block (raise_statement (call function: [(identifier) (attribute)] @f arguments: (argument_list) @args) @trigger)))
   (elif_clause condition: (_) @cond consequence: (block (raise_statement (call function: [(identifier) (attribute)] @f arguments: (argument_list) @args) @trigger)))])
 (#match? @f "(^|\\.)(HTTPException|StarletteHTTPException)$")
 (#match? @args "(^|[^0-9])40[13]([^0-9]|$)|HTTP_40[13]_|HTTPStatus\\.(FORBIDDEN|UNAUTHORIZED)\\b")
 (#not-match? @cond "{{response-status}}")
 (#not-match? @cond "{{operator-mode-condition}}")
 (#not-match? @cond "{{resource-policy-condition}}")
 (#set! rule "python.auth.deny-guard"))

((except_clause . (_) @caught (block (raise_statement (call function: [(identifier) (attribute)] @f arguments: (argument_list) @args) @trigger)))
 (#match? @f "(^|\\.)(HTTPException|StarletteHTTPException)$")
 (#match? @args "(^|[^0-9])40[13]([^0-9]|$)|HTTP_40[13]_|HTTPStatus\\.(FORBIDDEN|UNAUTHORIZED)\\b")
 (#not-match? @caught "{{translated-errors}}")
 (#set! rule "python.auth.deny-guard"))

(([(if_statement condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))
   (elif_clause condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))])
 (#match? @f "(^|\\.)(PermissionDenied|NotAuthenticated|AuthenticationFailed|HTTPUnauthorized|HTTPForbidden)$")
 (#not-match? @cond "{{response-status}}")
 (#not-match? @cond "{{operator-mode-condition}}")
 (#not-match? @cond "{{resource-policy-condition}}")
 (#set! rule "python.auth.deny-guard"))

((except_clause . (_) @caught (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))
 (#match? @f "(^|\\.)(PermissionDenied|NotAuthenticated|AuthenticationFailed|HTTPUnauthorized|HTTPForbidden)$")
 (#not-match? @caught "{{translated-errors}}")
 (#set! rule "python.auth.deny-guard"))

;   if not user.is_active: abort(401)      (Flask; abort(404) hides a resource and is not this; nor a
;   WTForms `validate_<field>` method of a *Form class, `if field.data: abort(403)` on a honeypot field:
;   input validation)
(([(if_statement condition: (_) @cond consequence: (block (expression_statement (call function: (identifier) @f arguments: (argument_list . (integer) @code)) @trigger)))
   (elif_clause condition: (_) @cond consequence: (block (expression_statement (call function: (identifier) @f arguments: (argument_list . (integer) @code)) @trigger)))])
 (#eq? @f "abort")
 (#match? @code "^40[13]$")
 (#not-match? @cond "{{response-status}}")
 (#not-unit-name-matches? @trigger "^validate_\\w+ \\w*Form(\\s|$)")
 (#set! rule "python.auth.deny-guard"))

;   if perm not in perms or not perms[perm]: response = "Forbidden", 403      (a Flask view's (body, status))
;   if not allowed: return jsonify(error="forbidden"), 403
;   if not any(ip in net for net in allowlist): return rh.write_response(403, 'Access is denied')
; The response a view or a request handler answers with, given 401 or 403: a denial (round 66,
; pyload's login_required and patroni's REST API allowlist). The condition must not only read a
; response the code fetched (an HTTP client mapping an upstream 403).
(([(if_statement condition: (_) @cond consequence: (block [(return_statement (expression_list . (_) . (integer) @code .)) @trigger
                                                           (expression_statement (assignment right: (expression_list . (_) . (integer) @code .))) @trigger
                                                           (return_statement (call function: (attribute attribute: (identifier) @f) arguments: (argument_list . (integer) @code))) @trigger]))
   (elif_clause condition: (_) @cond consequence: (block [(return_statement (expression_list . (_) . (integer) @code .)) @trigger
                                                          (expression_statement (assignment right: (expression_list . (_) . (integer) @code .))) @trigger
                                                          (return_statement (call function: (attribute attribute: (identifier) @f) arguments: (argument_list . (integer) @code))) @trigger]))])
 (#match? @code "^40[13]$")
 (#not-match? @cond "{{response-status}}")
 (#set! rule "python.auth.deny-guard"))

;   if not can_edit: return HttpResponseForbidden()
;   if not current_user.is_authenticated: return current_app.login_manager.unauthorized()  (Flask-Login,
;   round 93: Flexget's API gate), return web.HTTPForbidden() (aiohttp)
(([(if_statement consequence: (block (return_statement (call function: [(identifier) (attribute)] @f) @trigger)))
   (elif_clause consequence: (block (return_statement (call function: [(identifier) (attribute)] @f) @trigger)))])
 (#match? @f "(^|\\.)(HttpResponseForbidden|login_manager\\.unauthorized|HTTPForbidden|HTTPUnauthorized)$")
 (#set! rule "python.auth.deny-guard"))

;   if not AuthorityPermission(authority.id, roles).can(): return dict(message="..."), 403
; Flask-Principal's permission test (`Permission(RoleNeed("admin")).can()`, a project subclass, a
; local holding one): the identity's needs against the permission's, the access decision itself.
((call
   function: (attribute
     object: [(identifier) @obj
              (attribute attribute: (identifier) @obj)
              (call function: [(identifier) @obj (attribute attribute: (identifier) @obj)])]
     attribute: (identifier) @m) @trigger
   arguments: (argument_list) @args)
 (#eq? @m "can")
 (#eq? @args "()")
 (#match? @obj "([Pp]ermission|PERMISSION)$")
 (#set! rule "python.auth.permission-can"))

; An LDAP bind as the user is the password check of an LDAP login (python-ldap:
; conn.simple_bind_s(user_dn, data.password)). Not a service-account bind with a setting
; (conn.simple_bind_s(settings.LDAP_QUERY_BIND, settings.LDAP_QUERY_PASSWORD)) or a literal, nor
; one with the bind password the code was configured with, `r_conn.simple_bind(r_binddn, r_bindpw)`
; (round 94, freeIPA's replica installer binding to the remote master: four judged N, like etesync's
; and LinOTP's service binds).
((call
   function: (attribute attribute: (identifier) @f) @trigger
   arguments: (argument_list . (_) . [(identifier) (attribute)] @pw .))
 (#any-of? @f "simple_bind_s" "simple_bind" "bind_s")
 (#match? @pw "[Pp]ass|[Pp]w|[Cc]red|[Ss]ecret")
 (#not-match? @pw "(^|\\.)[A-Z][A-Z0-9_]*$")
 (#not-match? @pw "([._]|^)(\\w+_)?bind_?(pw|pwd|passw(or)?d|secret|cred\\w*)$|[a-z]Bind(Pw|Pwd|Password)$")
 (#imports? "^ldap(\\.|$)")
 (#set! rule "python.auth.ldap-bind"))

; A password checked against its stored hash by any hasher object: get_hasher().verify(plain_password,
; hashed_password), self.hasher.check(password, user.password_hash), hasher.verify(self.passphrase_hash,
; passphrase). The arguments say both a password (or passphrase) and a hash, in either order; a
; verify() of anything else is not this.
((call
   function: (attribute attribute: (identifier) @f) @trigger
   arguments: (argument_list . (_) . (_) .) @args)
 (#any-of? @f "verify" "check" "verify_password" "check_password" "checkpw" "compare")
 (#match? @args "^\\((\\w+\\.)*\\w*([Pp]assword|[Pp]asswd|[Pp]wd|[Pp]assphrase)\\w*, *(\\w+\\.)*\\w*([Hh]ash|[Pp]assword|[Pp]asswd|[Pp]assphrase)\\w*\\)$|^\\((\\w+\\.)*\\w*[Hh]ash\\w*, *(\\w+\\.)*\\w*([Pp]assword|[Pp]asswd|[Pp]wd|[Pp]assphrase)\\w*\\)$")
 (#set! rule "python.auth.password-verify"))

; oauthlib's RequestValidator: the methods a provider overrides to authenticate clients and check
; codes, tokens and redirect URIs are the provider's access decisions (django-oauth-toolkit's
; OAuth2Validator.validate_bearer_token, authenticate_client, validate_code, ...). Only in a class
; that subclasses oauthlib's RequestValidator; bookkeeping hooks (save_*, get_*) are not these.
((class_definition
   superclasses: (argument_list [(identifier) (attribute)] @base)
   body: (block
     [(function_definition name: (identifier) @trigger)
      (decorated_definition definition: (function_definition name: (identifier) @trigger))]))
 (#any-of? @trigger "authenticate_client" "authenticate_client_id" "validate_bearer_token" "validate_code" "validate_refresh_token" "validate_redirect_uri" "confirm_redirect_uri" "validate_user" "validate_scopes" "validate_id_token" "validate_jwt_bearer_token" "validate_silent_login" "validate_user_match" "validate_request_token" "validate_access_token" "validate_verifier")
 (#resolves-to? @base "^oauthlib\\.(\\w+\\.)*RequestValidator$")
 (#set! rule "python.auth.oauthlib-validator"))

;; An HTTP client's send path refusing to go without its own token joins an auth region but makes
;; none (first: the earlier pattern counts): `if not self.token: raise MissingTokenError()`, `if not
;; self.ensure_active_token(self.token): raise InvalidTokenError()` in `OAuth2Client.request`/`stream`/
;; `send` or a requests/httpx `Auth` flow. The client only decides whether to send its credential; the
;; server that receives it makes the access decision (round 21, authlib).
(([(if_statement condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))
   (elif_clause condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))])
 (#match? @f "{{login-failure-exception}}")
 (#match? @cond "\\bself\\.(token|_token|access_token)\\b")
 (#unit-name-matches? @trigger "^(a?request|stream|a?send|_a?send|send_request|_request|auth_flow|async_auth_flow|sync_auth_flow|ensure_active_token|__call__) \\w*(Client|Session|Auth|Transport|Adapter)(\\s|$)")
 (#set! evidence "mention")
 (#set! rule "python.auth.login-refusal"))

;; A user store's mutator refusing a name it does not hold (`def change_user_setting(self, username, key,
;; value): if username not in self._users: raise UnknownUser(username)`): a lookup error of an admin or
;; settings operation, not a refused login (round 38, OctoPrint). A mention, ahead of the pattern below
;; so it takes the node.
(([(if_statement condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))
   (elif_clause condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))])
 (#match? @f "(^|\\.)(UnknownUser|UserNotFound|NoSuchUser)(Error|Exception)?$")
 (#match? @cond "\\bnot\\s+in\\b")
 (#unit-name-matches? @trigger "^_?(change|update|set|remove|delete|add|rename|save|store)_\\w+(\\s|$)")
 (#set! evidence "mention")
 (#set! rule "python.auth.login-refusal"))

; A login or token check refusing: the raise of an exception that says the password, username,
; one-time code or token was wrong, or the login is throttled, in an `if` (`if not
; user.valid_password(pw): raise WrongPasswordException()`, `if self.last_token == token: raise
; OtpTokenInvalid("Token already used")`, `if len(attempts) > MAX: raise LoginThrottledException()`).
; Not a JWT claim check (jwt.scm, python.jwt.claim-check), which the same unit would mark twice.
(([(if_statement condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))
   (elif_clause condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))])
 (#match? @f "{{login-failure-exception}}")
 (#not-match? @cond "{{response-status}}")
 (#not-mode-switch? @trigger "{{jwt-claim-words}}")
 (#set! rule "python.auth.login-refusal"))

; ... and where such a refusal is caught and turned into a failed login: `except (InvalidUsernameException,
; WrongPasswordException, OtpTokenInvalid) as e: flash(...)`, `except TokenError: messages.append(...)`.
; Not Fernet's or itsdangerous' InvalidToken (a decryption or signature failure, crypto), nor a JWT
; library's InvalidTokenError around its decode (that unit is the jwt region).
;; Nor a chat or SMS client's error for the service's own bot token (`except telegram.error.InvalidToken:`
;; around `TelegramClient()` while sending a notification; round 75, grafana/oncall).
;; (`except InvalidToken as e:` names the class inside the `as` pattern: that class is what is
;; resolved, so `except cryptography.fernet.InvalidToken as e:` around a Fernet decrypt is crypto.)
;; (Nor a PKCS#11 library's `PinIncorrect` / `UserNotLoggedIn` around a hardware token session opened
;; with the service's own PIN: key storage and signing, round 73 django-ca's HSM backend.)
((except_clause . [(as_pattern . (_) @caught) (identifier) @caught (attribute) @caught (tuple) @caught (parenthesized_expression) @caught]) @trigger
 (#match? @caught "{{login-failure-exception}}")
 (#not-resolves-to? @caught "^(cryptography|itsdangerous|jwt|jose|authlib|jwcrypto|pkcs11|PyKCS11|telegram|aiogram|telebot|slack_sdk|slack|twilio|discord)\\.")
 (#not-match? @caught "^\\(?\\s*(cryptography|jwt|jose|authlib|jwcrypto|fernet|itsdangerous)\\.")
 (#set! rule "python.auth.login-refusal"))

; The project's own permission functions: a function named for an authorization decision
; (`user_has_perm`, `is_project_admin`, `is_project_owner`, `can_edit`, `get_user_project_permissions`,
; `calculate_permissions`) reading a privilege (`user.is_superuser`, `membership.is_admin`,
; `user.id == project.owner_id`, `if is_superuser:`) or testing a permission in a computed set
; (`perm in get_user_project_permissions(user, project)`). Every permission class built on it
; decides through it. Not a serializer's `get_is_admin(obj)` / `get_my_permissions(obj)` field,
; which shows the answer to the client.
; The privilege is tested (a comparison, a condition, a boolean, a return), not passed as a query
; filter (`project__owner_id=project.owner_id` in a quota count).
([(comparison_operator (attribute attribute: (identifier) @field) @trigger)
  (not_operator argument: (attribute attribute: (identifier) @field) @trigger)
  (boolean_operator (attribute attribute: (identifier) @field) @trigger)
  (if_statement condition: (attribute attribute: (identifier) @field) @trigger)
  (elif_clause condition: (attribute attribute: (identifier) @field) @trigger)
  (return_statement (attribute attribute: (identifier) @field) @trigger)]
 (#any-of? @field "is_superuser" "is_staff" "is_admin" "is_administrator" "owner_id" "is_owner")
 (#unit-name-matches? @trigger "{{permission-function-name}}")
 (#not-unit-name-matches? @trigger "{{not-permission-function}}")
 (#set! rule "python.auth.permission-function"))

; ... and the record's owner tested as a condition in a permission function (`if not request or self.owner:`
; in umap's `Map.is_anonymous_owner`, which then checks the signed edit cookie).
([(not_operator argument: (attribute attribute: (identifier) @field) @trigger)
  (boolean_operator (attribute attribute: (identifier) @field) @trigger)
  (if_statement condition: (attribute attribute: (identifier) @field) @trigger)
  (elif_clause condition: (attribute attribute: (identifier) @field) @trigger)]
 (#eq? @field "owner")
 (#unit-name-matches? @trigger "{{permission-function-name}}")
 (#not-unit-name-matches? @trigger "{{not-permission-function}}")
 (#set! rule "python.auth.permission-function"))

; ... and the record's owner compared with a user (`request.user != self.owner`: umap's `Map.can_delete`,
; round 61). Not a test for a missing owner (`if project.owner is None:` in a plan-quota check: taiga's
; `check_if_new_member_can_be_created`, round 64 audit).
((comparison_operator (attribute attribute: (identifier) @field) @trigger) @cmp
 (#eq? @field "owner")
 (#match? @cmp "==|!=")
 (#not-match? @cmp "(==|!=)\\s*None\\b|\\bNone\\s*(==|!=)")
 (#unit-name-matches? @trigger "{{permission-function-name}}")
 (#not-unit-name-matches? @trigger "{{not-permission-function}}")
 (#set! rule "python.auth.permission-function"))

([(if_statement condition: [(identifier) @trigger (not_operator argument: (identifier) @trigger)])
  (elif_clause condition: [(identifier) @trigger (not_operator argument: (identifier) @trigger)])]
 (#any-of? @trigger "is_superuser" "is_staff" "is_admin" "is_owner")
 (#unit-name-matches? @trigger "{{permission-function-name}}")
 (#not-unit-name-matches? @trigger "{{not-permission-function}}")
 (#set! rule "python.auth.permission-function"))

((comparison_operator (_) (call function: [(identifier) (attribute)] @f)) @trigger
 (#match? @trigger "^\\S+\\s+(not\\s+)?in\\s")
 (#match? @f "(^|\\.)\\w*(perms|permissions|roles|scopes)(_for_\\w+)?$")
 (#unit-name-matches? @trigger "{{permission-function-name}}")
 (#not-unit-name-matches? @trigger "{{not-permission-function}}")
 (#set! rule "python.auth.permission-function"))

; A decorator that guards views, defined in the project: `def admin_required(func): @wraps(func)
; def wrapper(...): if session.logged_in() and session.get_user().is_admin: return func(...);
; return redirect(...)`, `def login_required(f)` that catches UserNotLoggedIn. The inner function
; (marked by its `@wraps`) is the access decision for every view it decorates.
((decorated_definition
   (decorator (call function: [(identifier) (attribute)] @w)) @trigger
   definition: (function_definition))
 (#resolves-to? @w "^functools\\.wraps$")
 (#unit-name-matches? @trigger "^_?(\\w*(login|admin|auth|perm|permission|role|staff|superuser|owner|sudo|2fa|mfa|otp|user|token)_required|requires?_(login|admin|auth\\w*|perm\\w*|role\\w*|staff|superuser|owner|sudo|user|token)|(admin|staff|superuser|owner)_only)(\\s|$)")
 (#set! rule "python.auth.guard-decorator"))

; A project session object ended or renewed: `session.destroy()` in a logout route,
; `session.regenerate()` after login (flask's own session is flask-session above; SQLAlchemy sessions
; have no such methods).
((call
   function: (attribute
     object: (identifier) @session
     attribute: (identifier) @method) @trigger)
 (#match? @session "(^|_)session$")
 (#not-match? @session "(^|_)(db|sa|sql|orm|async|scoped|dbsession)_session$")
 (#any-of? @method "destroy" "regenerate" "invalidate" "cycle_key" "rotate" "revoke")
 (#not-resolves-to? @session "^(flask|quart|sqlalchemy)(\\.|$)")
 (#set! rule "python.auth.session-lifecycle"))

; django-rules: a predicate (`@rules.predicate def can_change_teams(user, obj)`), the permission table
; that binds predicates to permissions (`rules.add_perm("event.update", is_orga | is_admin)`). Every has_perm call of the
; project is answered here: these are its authorization logic, however trivial one predicate looks.
([(decorator [(identifier) (attribute)] @trigger)
  (decorator (call function: [(identifier) (attribute)] @trigger))]
 (#resolves-to? @trigger "^rules\\.(predicate|predicates\\.predicate)$")
 (#set! rule "python.auth.rules-predicate"))

((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^rules\\.(add_perm|set_perm|add_rule|set_rule|permissions\\.(add_perm|set_perm)|rulesets\\.(add_rule|set_rule))$")
 (#set! rule "python.auth.rules-predicate"))

; A bearer token from the URL or the request looked up in the store: the password-reset, invitation
; or e-mail link check itself (`User.objects.get(pw_reset_token=self.kwargs.get("token"),
; pw_reset_time__gte=now() - timedelta(days=1))`, `get_object_or_404(TeamInvite,
; token__iexact=self.kwargs["code"])`). Whoever holds the string gets in; the filter beside it (an
; expiry, a state) is the rest of the check.
((call
   function: [(identifier) @f (attribute attribute: (identifier) @f)] @trigger
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @kw
       value: (_) @value)))
 (#any-of? @f "get" "filter" "aget" "get_object_or_404" "first")
 (#match? @kw "^(\\w+_)?token(__i?exact)?$")
 (#match? @value "^(self\\.)?kwargs(\\.get\\(|\\[)|^(self\\.)?request\\.(GET|POST|query_params|data|args)\\b")
 (#set! rule "python.auth.token-lookup"))

; A view's request handler logging the user in or out through its own mixin (`LogoutView.post`:
; `self.logout()`, `LoginView.form_valid`: `self.login(user)`): the session ends or begins here,
; whichever helper does the work.
((call
   function: (attribute
     object: (identifier) @self
     attribute: (identifier) @m) @trigger)
 (#eq? @self "self")
 (#any-of? @m "logout" "login" "perform_login" "perform_logout" "log_user_in" "log_user_out")
 (#unit-name-matches? @trigger "^(post|get|put|delete|dispatch|form_valid) \\w*View(\\s|$)")
 (#set! rule "python.auth.view-login-call"))

; A credential check through an adapter or backend method: `reauth_user = self.authenticate(request,
; **credentials)`, `adapter.authenticate(request, username=u, password=pw)` (Django's own
; authenticate() is python.auth.library-call): the password decides who comes back.
((call
   function: (attribute attribute: (identifier) @m) @trigger
   arguments: (argument_list) @args)
 (#any-of? @m "authenticate" "aauthenticate")
 (#match? @args "[Pp]ass(word|wd)|[Cc]redentials")
 (#set! rule "python.auth.password-check"))

; Round 18 (privacyidea, redash): access decisions with no framework exception or library call.
; A policy engine's refusal: `if not Match.generic(...).allowed(): raise PolicyError(...)`,
; `if not is_permitted: raise AccessDenied()`: the project's own denial exception, raised when a
; condition about what is allowed, permitted, granted or authorised fails; also one named plainly
; (`if not ctx.authenticated: raise exception.Unauthorized(…)`, round 49, keystone's RBAC enforcer).
; A PolicyError raised on a condition about the policy itself (`if policy is None: raise
; PolicyError("Unknown policy")`, `if self.policy_type not in …`) is configuration validation, not a
; refusal: swift's storage policies (round 98). For that exception the condition must ask what is
; allowed, permitted, granted or authorised.
(([(if_statement condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))
   (elif_clause condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))])
 (#match? @f "(^|\\.)\\w*(AccessDenied|AccessDeniedError|NotAllowed|NotAllowedError|NotAuthori[sz]ed|NotAuthori[sz]edError|AuthorizationError|AuthorisationError|ForbiddenError)$|(^|\\.)(Unauthori[sz]ed|Unauthenticated|Forbidden|ForbiddenAction)$")
 (#match? @cond "[Aa]llow|[Pp]ermi[st]|[Gg]rant|[Aa]uthori[sz]|[Aa]uthenticat|[Rr]ole|[Aa]dmin|[Ss]cope|[Pp]olicy")
 (#set! rule "python.auth.deny-guard"))

(([(if_statement condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))
   (elif_clause condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))])
 (#match? @f "(^|\\.)\\w*(PolicyError|PolicyViolation)$")
 (#match? @cond "[Aa]llow|[Pp]ermi[st]|[Gg]rant|[Aa]uthori[sz]|[Aa]uthenticat|[Rr]ole|[Aa]dmin|[Ss]cope")
 (#set! rule "python.auth.deny-guard"))

; An exception named for the refusal itself, `Unauthorized`, `Unauthenticated`, `Forbidden`, raised on
; any test of what the caller presented: `if type != required_type: raise Unauthorized(description=…)`
; (the token's peer type against the one the route needs), `if token is None: raise Unauthorized(…)`
; (round 100, opal's require_peer_type and verify_logged_in: unmarked). Not a client mapping a reply it
; got (`if resp.status == 401: raise Unauthorized`) or an error it caught: the decision was upstream;
; nor a quota or size limit (`if project.count > limit: raise Forbidden("quota exceeded")`), nor a
; test of data rather than of the caller (`if not row: raise Forbidden("empty row")`).
(([(if_statement condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))
   (elif_clause condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))])
 (#match? @f "(^|\\.)(Unauthori[sz]ed|Unauthenticated|Forbidden)$")
 (#not-match? @cond "[Ss]tatus|[Cc]ode\\b|[Rr]esp|\\b(e|err|error|exc|ex)\\b|[Ee]rror")
 (#not-match? @cond "[<>]|[Cc]ount|[Ll]imit|[Qq]uota|[Ss]ize|len\\(")
 (#match? @cond "[Uu]ser|[Cc]laim|[Tt]oken|[Ss]ession|[Aa]uth|[Pp]eer|[Rr]ole|[Pp]erm|[Aa]dmin|[Ss]cope|[Kk]ey|[Ss]ecret|[Pp]assword|[Cc]red|\\bsub\\b|[Ss]ignature|[Oo]wner|[Aa]ccount|[Pp]rincipal|[Ii]dentity|[Gg]roup|\\b(type|required_\\w+)\\b")
 (#set! rule "python.auth.deny-guard"))

;; Splitting the scheme off a credential, as the Go and ECMAScript rules do: `scheme, token =
;; get_authorization_scheme_param(header)` (FastAPI's helper), `if not token or scheme.lower() !=
;; "bearer": return None` (round 100, opal's get_token_from_header: unmarked), `auth_header.lower().
;; startswith("bearer ")`, `header.removeprefix("Bearer ")`: what counts as a presented token is
;; decided here. The value must be a header or the scheme split from one: a token read from the
;; configuration and stripped of "Bearer " is a client's setting.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^fastapi\\.security\\.utils\\.get_authorization_scheme_param$")
 (#set! rule "python.auth.bearer-scheme"))

((comparison_operator (string) @s) @trigger
 (#match? @s "^[rRuU]?[\"'](bearer|Bearer|BEARER|basic|Basic|BASIC)[\"']$")
 (#match? @trigger "[Ss]cheme|[Aa]uth|[Hh]eader|\\[0\\]|[Pp]refix|[Tt]ype")
 (#set! rule "python.auth.bearer-scheme"))

((call
   function: (attribute object: (_) @subject attribute: (identifier) @m) @trigger
   arguments: (argument_list . (string) @s))
 (#any-of? @m "startswith" "removeprefix" "split" "partition" "replace")
 (#match? @subject "[Hh]eader|[Aa]uth|AUTHORIZATION")
 (#match? @s "^[rRuU]?[\"'](bearer |Bearer |BEARER |basic |Basic |Token |token )[\"']$")
 (#set! rule "python.auth.bearer-scheme"))

; itsdangerous: serializer.loads(token, max_age=...), signer.unsign(value, max_age=...): an invite,
; password-reset or e-mail verification token checked for its signature and age.
((call
   function: (attribute attribute: (identifier) @m) @trigger
   arguments: (argument_list (keyword_argument name: (identifier) @kw)))
 (#any-of? @m "loads" "unsign" "loads_unsafe")
 (#eq? @kw "max_age")
 (#imports? "^itsdangerous(\\.|$)")
 (#set! rule "python.auth.signed-token"))

; A resource's own current user asked for a permission or role: `if self.current_user.has_permission(
; "admin"): groups = all else: only the user's`: which data the caller sees is decided here, with or
; without an abort (flask-restful resources, class-based views keeping the user on self).
((call
   function: (attribute
     object: (attribute object: (identifier) @self attribute: (identifier) @user)
     attribute: (identifier) @method) @trigger)
 (#eq? @self "self")
 (#any-of? @user "current_user" "user")
 (#any-of? @method "has_permission" "has_permissions" "has_role" "has_roles" "has_perm" "has_perms")
 (#set! rule "python.auth.current-user"))

; An admin flag choosing which rows the caller may see: `if current_user.is_superuser: statement =
; select(Item) else: statement = select(Item).where(Item.owner_id == current_user.id)` (round 41,
; full-stack-fastapi-template's read_items): no raise, yet dropping the branch shows every user's
; data. The branch must query (select, filter, where, query); a flag that only picks a template or
; a form is not this.
((if_statement
   condition: [(attribute object: (identifier) @u attribute: (identifier) @f)
               (not_operator argument: (attribute object: (identifier) @u attribute: (identifier) @f))] @trigger) @branch
 (#any-of? @u "current_user" "user")
 (#any-of? @f "is_superuser" "is_admin" "is_staff")
 (#match? @branch "(^|[^\\w])select\\(|\\.(query|filter|filter_by|where|exclude)\\(")
 (#set! rule "python.auth.role-scope"))

; A role or permission membership test on a user: `if "admin" in user.permissions: return True`,
; `"editor" not in current_user.roles`.
((comparison_operator
   (string)
   ["in" "not in"]
   (attribute object: (_) @user attribute: (identifier) @field)) @trigger
 (#any-of? @field "permissions" "roles" "scopes" "perms" "user_permissions" "group_names")
 (#match? @user "(^|[._])(user|current_user|principal|identity|member|account|actor|caller)$")
 (#set! rule "python.auth.role-membership"))

; Round 83 (polar): a permission looked up in the project's role table, `if user_org is not None and
; permission in ROLE_PERMISSIONS[user_org.role]: return True`, `scope not in ROLE_SCOPES[role]`: the
; table maps each role to what it grants, and this test is the grant.
((comparison_operator
   [(identifier) (attribute)] @perm
   ["in" "not in"]
   (subscript value: (identifier) @table subscript: (_) @role)) @trigger
 (#match? @perm "(^|[._])(perm|perms|permission|required_permission|scope|required_scope|action|capability)$")
 (#match? @table "^[A-Z][A-Z0-9_]*(PERMISSIONS|PERMS|SCOPES|GRANTS|CAPABILITIES)$")
 (#match? @role "[Rr]ole")
 (#set! rule "python.auth.role-membership"))

; oauthlib's resource check at a protected view: valid, r = core.verify_request(request,
; scopes=scopes) (django-oauth-toolkit's ProtectedResourceMixin, @protected_resource): the bearer
; token of the request decides whether the view runs.
((call
   function: (attribute attribute: (identifier) @m) @trigger
   arguments: (argument_list . [(identifier) (attribute)] @r))
 (#eq? @m "verify_request")
 (#match? @r "^(self\\.)?(request|req|r)$")
 (#set! rule "python.auth.resource-check"))

; A permission tested by its constant: self.has_permission(WalletPermission.SEND_PAYMENTS),
; user.has_perm(Permission.ADMIN) (a model's can_* property built on it).
((call
   function: (attribute attribute: (identifier) @m) @trigger
   arguments: (argument_list . (attribute object: (identifier) @e) .))
 (#any-of? @m "has_permission" "has_perm" "has_permissions")
 (#match? @e "^[A-Z][A-Za-z]*(Permission|Perm|Scope|Role|Right)s?$")
 (#set! rule "python.auth.permission-check"))

; A login provider's own authenticate(): class LDAPProvider(CredentialsProvider), class
; OpenIDProvider(AuthProvider[UserInfo]): the method that turns credentials or an IdP's claims
; into a signed-in user (or None).
((class_definition
   name: (identifier) @class
   body: (block
     [(function_definition name: (identifier) @trigger)
      (decorated_definition definition: (function_definition name: (identifier) @trigger))]))
 (#any-of? @trigger "authenticate" "aauthenticate" "authenticate_user")
 (#match? @class "(Auth|Credentials?|LDAP|Ldap|OpenID|OpenId|OIDC|Oidc|SSO|Saml|SAML|OAuth|Login|Password)\\w*Provider$")
 (#set! rule "python.auth.provider-authenticate"))

; django-allauth adapter hooks that decide whether a login may proceed: pre_authenticate (refuse
; password login when it is disabled), pre_login, pre_social_login.
((class_definition
   superclasses: (argument_list [(identifier) (attribute)] @base)
   body: (block
     [(function_definition name: (identifier) @trigger)
      (decorated_definition definition: (function_definition name: (identifier) @trigger))]))
 (#any-of? @trigger "pre_authenticate" "pre_login" "pre_social_login" "authenticate")
 (#match? @base "(^|\\.)Default(Social)?AccountAdapter$")
 (#set! rule "python.auth.allauth-adapter"))

; A logout: request.session.invalidate() (Pyramid, beaker), a project's logout(request) helper
; called from another view (deleting the account logs its owner out).
((call
   function: (attribute
     object: (attribute
       object: [(identifier) (attribute)] @req
       attribute: (identifier) @field)
     attribute: (identifier) @method) @trigger)
 (#match? @req "^(self\\.)?(request|req)$")
 (#eq? @field "session")
 (#eq? @method "invalidate")
 (#set! rule "python.auth.session-write"))

((call
   function: (identifier) @trigger
   arguments: (argument_list . [(identifier) (attribute)] @r))
 (#any-of? @trigger "logout" "log_out" "logout_user")
 (#match? @r "^(self\\.)?(request|req)$")
 (#set! rule "python.auth.logout-call"))

; The login cookie set or dropped: response.set_cookie("cookie_access_token", token, httponly=True),
; response.delete_cookie("session_id") at logout.
((call
   function: (attribute attribute: (identifier) @m) @trigger
   arguments: (argument_list . (string) @name))
 (#any-of? @m "set_cookie" "delete_cookie" "set_signed_cookie")
 (#match? @name "([Ss]ession|SESSION|[Ss]id\\b|_sid|[Aa]uth|AUTH|[Tt]oken|TOKEN|[Rr]emember|REMEMBER|[Jj]wt|JWT|[Ll]ogin|LOGIN)")
 (#set! rule "python.auth.session-cookie"))

; The project's own password check, defined: def check_password(self, userid, password, *, tags=None)
; of a user service (rate limits, the hash compare, the failure count). Its callers are
; python.auth.password-check; a one-line forward is left out as plumbing.
((function_definition name: (identifier) @trigger parameters: (parameters) @ps)
 (#any-of? @trigger "check_password" "verify_password" "check_credentials" "verify_credentials" "authenticate_user")
 (#match? @ps "[(,]\\s*(password|passwd|raw_password|plain_password|plaintext_password|pw|credentials)\\s*[:,)=]")
 (#set! rule "python.auth.password-check"))

; Round 21 (modoboa): a user's own permission method refusing: `if not creator.can_access(domain):
; raise ValidationError("Permission denied")`, `if not user.has_perm("admin.add_domain"): raise
; PermDeniedException(...)`. The call decides and the raise (whatever its class) enforces it.
([(if_statement
    condition: (not_operator argument: (call function: (attribute object: (_) @user attribute: (identifier) @m) @trigger))
    consequence: (block . (raise_statement)))
  (elif_clause
    condition: (not_operator argument: (call function: (attribute object: (_) @user attribute: (identifier) @m) @trigger))
    consequence: (block . (raise_statement)))]
 (#match? @m "^(can_\\w+|has_perms?|has_\\w*permissions?|has_\\w+_perms?)$")
 (#match? @user "(^|[._])(user|creator|current_user|requester|requesting_user|actor|principal|owner)$")
 (#set! rule "python.auth.permission-check"))

; The project's own privilege or permission function refusing, `if not principal_has_privilege(api,
; account, 'Replication Administrators'): raise errors.ACIError(…)` (round 94, freeIPA's migration
; command), `if not check_access(user, obj): raise`: the call decides, the raise enforces.
([(if_statement
    condition: (not_operator argument: (call function: [(identifier) @m (attribute attribute: (identifier) @m)] @trigger))
    consequence: (block . (raise_statement)))
  (elif_clause
    condition: (not_operator argument: (call function: [(identifier) @m (attribute attribute: (identifier) @m)] @trigger))
    consequence: (block . (raise_statement)))]
 (#match? @m "^(\\w+_)?has_\\w*(privilege|permission|perm|right|access)s?$|^(check|verify|require)_\\w*(privilege|permission|access|rights?)s?$|^is_(authori[sz]ed|allowed|permitted)\\w*$")
 (#set! rule "python.auth.permission-check"))

; One-time codes checked through python-oath or django-otp: `oath.accept_totp(secret, code)`,
; `django_otp.match_token(user, code)`, `django_otp.login(request, device)` (the session is marked
; verified).
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(oath\\.(accept_totp|accept_hotp)|django_otp\\.(match_token|verify_token|login))$")
 (#set! rule "python.auth.otp"))

;; ... and a code compared with the one django-otp's `oath.totp(key, …)` / `hotp(key, counter)` computes:
;; `if totp(key, self.step, t0, self.digits, drift) == token:` in a device form's clean_token (round 56,
;; django-two-factor-auth): the second factor's check, written out.
((comparison_operator
   (call function: [(identifier) (attribute)] @f) @trigger)
 (#resolves-to? @f "^(django_otp\\.oath\\.(totp|hotp)|oath\\.(totp|hotp)|pyotp\\.(totp|hotp)\\.\\w+)$")
 (#set! rule "python.auth.otp"))

; A user model's own password check with a non-password parameter name: `def check_password(self,
; raw_value)` that looks up the scheme's hasher and verifies (`return hasher().verify(raw_value,
; stored)`). A strength policy (`if len(value) < 8`) verifies nothing and is not this.
((function_definition
   name: (identifier) @trigger
   parameters: (parameters) @ps
   body: (block) @body)
 (#any-of? @trigger "check_password" "verify_password")
 (#match? @ps "[(,]\\s*(raw_value|raw|value|plaintext|plain|candidate|passphrase|secret|clear|cleartext)\\s*[:,)=]")
 (#match? @body "\\.verify\\(|compare_digest|constant_time_compare|checkpw|check_password(_hash)?\\(|[Hh]asher")
 (#set! rule "python.auth.password-check"))

; An OAuth client's secret checked at client authentication: `if client.check_client_secret(secret):
; return client` (the model's own compare is a timing region).
((call
   function: (attribute attribute: (identifier) @m) @trigger)
 (#any-of? @m "check_client_secret" "verify_client_secret" "validate_client_secret")
 (#set! rule "python.auth.password-check"))

; A refusal carrying an HTTP 401 or 403 on any exception class: `raise InvalidClientError(status_code=401,
; description=...)` after no authentication method accepted the client. Not a guard on the status of a
; response the code fetched.
(([(if_statement condition: (_) @cond consequence: (block (raise_statement (call arguments: (argument_list (keyword_argument name: (identifier) @kw value: (integer) @code))) @trigger)))
   (elif_clause condition: (_) @cond consequence: (block (raise_statement (call arguments: (argument_list (keyword_argument name: (identifier) @kw value: (integer) @code))) @trigger)))])
 (#any-of? @kw "status_code" "status")
 (#match? @code "^40[13]$")
 (#not-match? @cond "{{response-status}}")
 (#not-match? @cond "{{operator-mode-condition}}")
 (#set! rule "python.auth.deny-guard"))

; ... or with the status as the exception's first argument: `if account is None: raise MatrixRestError(401,
; "M_UNAUTHORIZED", "Unauthorized")` after a token lookup found no account (round 38, sydent).
; (Not under a server-wide mode the operator set, `if self.application.options.read_only: raise
; web.HTTPError(403, "Read only mode is enabled")`: every caller is refused alike; round 84, flower.)
(([(if_statement condition: (_) @cond consequence: (block (raise_statement (call function: [(identifier) (attribute)] @f arguments: (argument_list . (integer) @code)) @trigger)))
   (elif_clause condition: (_) @cond consequence: (block (raise_statement (call function: [(identifier) (attribute)] @f arguments: (argument_list . (integer) @code)) @trigger)))])
 (#match? @code "^40[13]$")
 (#match? @f "(Error|Exception)$")
 (#not-match? @cond "{{response-status}}")
 (#not-match? @cond "{{operator-mode-condition}}")
 (#set! rule "python.auth.deny-guard"))

; OAuth `state` (CSRF) checked on the redirect back: `if state and params_state != state: raise
; MismatchingStateException()`, `if state_data is None: raise MismatchingStateError()`.
(([(if_statement consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))
   (elif_clause consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))])
 (#match? @f "(^|\\.)\\w*(MismatchingState|StateMismatch|InvalidState|MismatchedState)(Error|Exception)?$")
 (#set! rule "python.auth.state-check"))

; Round 23 (social-core): python-social-auth's hand-off to the authentication pipeline. A backend's
; auth_complete passes the provider's verified response on, `return self.strategy.authenticate(*args,
; **kwargs)` (also continue_pipeline resuming a halted login), and the strategy calls the backend,
; `backend.authenticate(*args, **kwargs)`: whoever comes back is logged in.
((call
   function: (attribute object: (_) @o attribute: (identifier) @m) @trigger)
 (#eq? @m "authenticate")
 (#match? @o "(^|\\.)(strategy|backend)$")
 (#set! rule "python.auth.social-authenticate"))

; A login helper handed the user to sign in (`login(backend, user, social_user)` through a `login`
; parameter, `_login_user(request, userid, two_factor_method=...)`): the session begins here.
; Imported library logins are python.auth.library-call.
((call
   function: (identifier) @trigger
   arguments: (argument_list) @args)
 (#any-of? @trigger "login" "alogin" "_login" "_login_user" "login_user" "log_user_in" "do_login")
 (#match? @args "[(,]\\s*(\\w+\\.)?(user|userid|user_id|authenticated_user|auth_user|\\w+_user)\\s*[,)]")
 (#set! rule "python.auth.login-call"))

; The same permission functions deciding by the user's role: `return membership.role ==
; OrganisationRole.ADMIN.name`, `if user.role != "owner": return False` in `is_user_organisation_admin`.
([(comparison_operator (attribute attribute: (identifier) @field) . ["==" "!="] . (_) @other)
  (comparison_operator (_) @other . ["==" "!="] . (attribute attribute: (identifier) @field))] @trigger
 (#any-of? @field "role" "user_role" "role_name" "member_role")
 (#match? @other "[Aa]dmin|ADMIN|[Oo]wner|OWNER|[Ss]uperuser|SUPERUSER")
 (#unit-name-matches? @trigger "{{permission-function-name}}")
 (#not-unit-name-matches? @trigger "{{not-permission-function}}")
 (#set! rule "python.auth.permission-function"))

; flask-login's session calls by name, also when the project re-exports them (`from ckan.common import
; login_user, logout_user`): `login_user(user_obj, remember=True)` starts the session, `logout_user()`
; ends it, whatever the user value is called.
((call function: (identifier) @trigger)
 (#any-of? @trigger "login_user" "logout_user")
 (#set! rule "python.auth.login-call"))

; Round 27 (pgadmin): an authentication source's own authenticate(), in any framework: class
; LDAPAuthentication(BaseAuthentication), class _AnySchemeBackend(AuthenticationBackend) (Starlette),
; class ClientAuthentication. The method that checks the credentials or claims a login presents.
; Round 46 (ArchiveBox): django-ninja's security classes (`class HeaderTokenAuth(APIKeyHeader)`,
; `HttpBearer`, `HttpBasicAuth`) authenticate the same way, and django-auth-ldap's backends let a
; subclass decide in `authenticate_ldap_user` (ArchiveBox grants superuser there). Round 49 (keystone):
; an authentication method plugin, `class TOTP(base.AuthMethodHandler): def authenticate(self, payload)`.
((class_definition
   name: (identifier) @class
   body: (block
     [(function_definition name: (identifier) @trigger) @fn
      (decorated_definition definition: (function_definition name: (identifier) @trigger)) @fn]))
 (#any-of? @trigger "authenticate" "aauthenticate" "authenticate_ldap_user")
 (#match? @class "(Backend|Authentication|Authenticator)$")
 (#not-match? @fn "@(abc\\.)?abstractmethod|^(async\\s+)?def\\s+\\w+\\([^)]*\\)\\s*(->[^:]*)?:\\s*(pass|\\.\\.\\.|raise\\s+NotImplementedError\\S*)\\s*$")
 (#set! rule "python.auth.backend-method"))

((class_definition
   superclasses: (argument_list [(identifier) (attribute)] @base)
   body: (block
     [(function_definition name: (identifier) @trigger) @fn
      (decorated_definition definition: (function_definition name: (identifier) @trigger)) @fn]))
 (#any-of? @trigger "authenticate" "aauthenticate" "authenticate_ldap_user")
 (#match? @base "(Backend|Authentication|Authenticator)$|(^|\\.)(HttpBearer|HttpBasicAuth|APIKey(Header|Query|Cookie))$|(^|\\.)\\w*Auth\\w*(Handler|Plugin)$")
 (#not-match? @fn "@(abc\\.)?abstractmethod|^(async\\s+)?def\\s+\\w+\\([^)]*\\)\\s*(->[^:]*)?:\\s*(pass|\\.\\.\\.|raise\\s+NotImplementedError\\S*)\\s*$")
 (#set! rule "python.auth.backend-method"))

; Round 29 (mathesar): the same view guard whatever the decorator is called (`def require(guard)`,
; `def ensure_db_authorization(f)`): the `@wraps` wrapper runs the view only when an `if` about the
; user's privilege or a guard holds, and otherwise answers unauthorized or raises (`if guard(request)
; is True: return view_func(request, ...)`, `if user.is_superuser: return f(...)`). A wrapper with
; no such words (timing, caching, maintenance) is not this.
((decorated_definition
   (decorator (call function: [(identifier) (attribute)] @w)) @trigger
   definition: (function_definition body: (block) @body))
 (#resolves-to? @w "^functools\\.wraps$")
 (#match? @body "\\bif\\b[^\\n]*:[ \\t]*\\n\\s*return\\s+[\\w.]+\\((request|self|\\*)")
 (#match? @body "\\.is_(superuser|staff|admin|authenticated)\\b|[Uu]nauthori[sz]ed|UNAUTHORI[SZ]ED|[Ff]orbidden|PermissionDenied|redirect_to_login|status=40[13]\\b|guard\\(")
 (#set! rule "python.auth.guard-decorator"))

; Round 29 (indico): the access decision of a model's protection mixin, `def can_access(self, user,
; allow_admin=True)`: admins, access keys, the protection mode and the ACL are weighed in an
; if/elif chain, and every view asks it. Defined with a user parameter and such a chain (a forward
; to another object's can_access, or a one-condition override, is plumbing: every model class has
; one, and each would make its callers' regions).
((function_definition
   name: (identifier) @trigger
   parameters: (parameters) @ps
   body: (block (if_statement (elif_clause) (elif_clause))))
 (#any-of? @trigger "can_access" "has_access" "check_access")
 (#match? @ps "[(,]\\s*(user|principal|current_user|request_user|actor)\\s*[:,)=]")
 (#set! rule "python.auth.permission-function"))

; Round 29 (indico): a project session class storing who is logged in, `def set_session_user(self,
; user): self["_user_id"] = user.id` in `class IndicoSession(BaseSession)`: the login itself.
((assignment
   left: (subscript value: (identifier) @self subscript: (string) @key) @trigger)
 (#eq? @self "self")
 (#match? @key "^[\"']_?(user_?id|uid|user)[\"']$")
 (#unit-name-matches? @trigger "^\\w+ \\w*Session(\\s|$)")
 (#set! rule "python.auth.session-write"))

; Round 29 (indico): werkzeug's own 403/401 raised when a condition fails (`if not
; self.event.can_manage(session.user): raise Forbidden`, `if session.user is None: raise
; Forbidden(response=redirect_to_login(...))`): Flask's PermissionDenied. Resolved to werkzeug, so a
; project's unrelated `Forbidden` class is not this; not a guard on a fetched response's status.
(([(if_statement condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))
   (elif_clause condition: (_) @cond consequence: (block (raise_statement [(identifier) @f (attribute) @f (call function: [(identifier) (attribute)] @f)] @trigger)))])
 (#resolves-to? @f "^werkzeug\\.exceptions\\.(Forbidden|Unauthorized)$")
 (#not-match? @cond "{{response-status}}")
 (#set! rule "python.auth.deny-guard"))

; ... and a nested entry of the Flask session written, `session["login_identity_info"]["email_verified"]
; = True`: the pending login's state (the flat `session["user_id"] = ...` is above).
((assignment
   left: (subscript value: (subscript value: (identifier) @trigger)))
 (#resolves-to? @trigger "^(flask|quart)\\.session$")
 (#set! rule "python.auth.flask-session"))

; Round 31 (django-oscar): Django's permission API asked of a user anywhere, not only before a raise
; (`return user.has_perms(regular_permissions)`, `all(user.has_perm(p) for p in required_perms)` in a
; template tag deciding which dashboard entries a user sees): the authorization decision itself.
; Not where it only decides what the UI shows (the round-30 policy): a menu item's `is_shown`, a
; hook adding listing buttons, a userbar or menu builder, a `get_*_url` for an "Add" button.
((call
   function: (attribute object: (_) @user attribute: (identifier) @m) @trigger)
 (#any-of? @m "has_perm" "has_perms" "has_module_perms")
 (#match? @user "(^|[._])(user|request_user|current_user|requester|requesting_user|actor|principal)$")
 (#not-unit-name-matches? @trigger "^(_?get_\\w*_url|is_shown|is_visible|\\w*_buttons?|\\w*menu\\w*|\\w*userbar\\w*)(\\s|$)|\\s\\w*(MenuItem|Button)(\\s|$)")
 (#set! rule "python.auth.permission-check"))

; Round 31 (flask-security): a user model's own permission method that can deny (`def
; has_permission(self, permission): for role in self.roles: if permission in role.get_permissions():
; return True; return False`), whatever framework it is written for. A stub returning only True
; (DRF's AllowAny) has no `return False` and no raise.
((class_definition
   body: (block
     [(function_definition name: (identifier) @trigger body: (block) @body)
      (decorated_definition definition: (function_definition name: (identifier) @trigger body: (block) @body))]))
 (#any-of? @trigger "has_permission" "has_perm" "has_perms")
 (#match? @body "return False|raise ")
 (#match? @body "[Rr]ole|[Pp]erm")
 (#set! rule "python.auth.permission-method"))

; Round 31 (flask-security): the password check that also rehashes (`user.verify_and_update_password(
; form.password.data)`, passlib's `CryptContext.verify_and_update`) and a user's auth-token check
; (`user.verify_auth_token(data)` in a request loader): the login decision at its call site.
((call
   function: (attribute attribute: (identifier) @m) @trigger
   arguments: (argument_list) @args)
 (#eq? @m "verify_and_update_password")
 (#match? @args "[Pp]ass(word|wd|code)?|[Pp]wd")
 (#set! rule "python.auth.password-check"))

((call
   function: (attribute object: (_) @user attribute: (identifier) @m) @trigger)
 (#eq? @m "verify_auth_token")
 (#match? @user "(^|[._])user$")
 (#set! rule "python.auth.token-lookup"))

; Round 31 (flask-security): Flask-Principal's permission test, `Permission(RoleNeed(r)).can()` held
; in a short local its function built (`perms = [Permission(RoleNeed(r)) for r in roles]; for perm in
; perms: if not perm.can(): return unauthz()`).
((call
   function: (attribute object: (identifier) @obj attribute: (identifier) @m) @trigger
   arguments: (argument_list) @args)
 (#eq? @m "can")
 (#eq? @args "()")
 (#match? @obj "^(perm|perms|permission|p)$")
 (#text-before? @trigger "\\bPermission\\(")
 (#set! rule "python.auth.permission-can"))

; Round 32 (Radicale): an authentication backend's own credential check under another name than
; authenticate(): `def _login(self, login, password)` in `class Auth(auth.BaseAuth)`, `def
; login(self, login, password, context)` in `class BaseAuth`, `def check_password(self, identity,
; password)` in an `AuthProvider`: the method that takes the password and says who logged in. Not an
; abstract stub, nor a one-line answer (an allow-all or deny-all backend's `return ""`).
((class_definition
   name: (identifier) @class
   body: (block
     [(function_definition name: (identifier) @trigger parameters: (parameters) @ps) @fn
      (decorated_definition definition: (function_definition name: (identifier) @trigger parameters: (parameters) @ps)) @fn]))
 (#match? @trigger "^_?(login|authenticate|check_credentials|verify_credentials|check_password|verify_password)$")
 (#match? @ps "[(,]\\s*(password|passwd|pwd|raw_password|plain_password)\\s*[:,)=]")
 (#match? @class "(Auth|Backend|Authentication|Authenticator|AuthProvider)$")
 (#not-match? @fn "@(abc\\.)?abstractmethod|^(async\\s+)?def\\s+\\w+\\([^)]*\\)\\s*(->[^:]*)?:\\s*(\"\"\"[^\"]*\"\"\"\\s*)?(pass|\\.\\.\\.|raise\\s+NotImplementedError\\S*|return\\b[^\\n]*)\\s*$")
 (#set! rule "python.auth.backend-method"))

((class_definition
   superclasses: (argument_list [(identifier) (attribute)] @base)
   body: (block
     [(function_definition name: (identifier) @trigger parameters: (parameters) @ps) @fn
      (decorated_definition definition: (function_definition name: (identifier) @trigger parameters: (parameters) @ps)) @fn]))
 (#match? @trigger "^_?(login|authenticate|check_credentials|verify_credentials|check_password|verify_password)$")
 (#match? @ps "[(,]\\s*(password|passwd|pwd|raw_password|plain_password)\\s*[:,)=]")
 (#match? @base "(Auth|Backend|Authentication|Authenticator|AuthProvider)$")
 (#not-match? @fn "@(abc\\.)?abstractmethod|^(async\\s+)?def\\s+\\w+\\([^)]*\\)\\s*(->[^:]*)?:\\s*(\"\"\"[^\"]*\"\"\"\\s*)?(pass|\\.\\.\\.|raise\\s+NotImplementedError\\S*|return\\b[^\\n]*)\\s*$")
 (#set! rule "python.auth.backend-method"))

; Round 35 (synapse): the project's own hash check called with the presented password and the stored
; hash, `result = await self.validate_hash(password, password_hash)` at login: the password
; decision, under a name other than verify_password. Both a password and a hash in the arguments.
((call
   function: [(attribute attribute: (identifier) @method) (identifier) @method] @trigger
   arguments: (argument_list) @args)
 (#match? @method "^_?(validate|verify|check)_(hash|pw_hash|password_hash|hashed_password)$")
 (#match? @args "[Pp]ass(word|wd)?|[Pp]wd|(^|[^A-Za-z])pw([^A-Za-z]|$)")
 (#match? @args "[Hh]ash|HASH|[Dd]igest")
 (#set! rule "python.auth.password-check"))

; Round 35 (fief): a session or bearer token deleted from its store, `await
; session_token_repository.delete(session_token)` at logout or when login rotates the session,
; `refresh_token_repository.delete(refresh_token)` when a refresh rotates it: the credential stops
; working here.
((call
   function: (attribute attribute: (identifier) @method) @trigger
   arguments: (argument_list . (identifier) @token .))
 (#any-of? @method "delete" "remove" "revoke" "invalidate" "expire")
 (#match? @token "^(session_token|refresh_token|access_token|auth_token)$")
 (#set! rule "python.auth.session-lifecycle"))

; Round 35 (synapse): the user resolved from a bearer credential, `user_info = await
; self.store.get_user_by_access_token(token)`, `find_user_by_api_key(key)`: the request is
; authenticated by that lookup, whatever checks follow.
((call
   function: [(attribute attribute: (identifier) @trigger) (identifier) @trigger]
   arguments: (argument_list . (_)))
 (#match? @trigger "^_?(get|find|lookup|load|fetch)_(user|account|principal|owner|requester)_(by|for|from)_(access_|api_|auth_|bearer_|session_)?(token|key|api_key)$")
 (#set! rule "python.auth.credential-lookup"))

; Round 36 (kitsune): an object permission check whose refusal hides the object, `if not
; forum.allows_viewing_by(request.user): raise Http404  # Pretend there's nothing there.`: Django's
; deny-as-not-found. The method is named for a permission (allows_*, can_*, may_*, has_access,
; is_visible_for/to) and is handed the request's user.
((if_statement
   condition: (not_operator
     argument: (call
       function: (attribute attribute: (identifier) @m) @trigger
       arguments: (argument_list) @args))
   consequence: (block . (raise_statement) @raise))
 (#match? @m "^(allows?_\\w+|can_\\w+|may_\\w+|has_access|is_visible_(for|to)|has_\\w*perm\\w*)$")
 (#match? @args "^\\(\\s*(self\\.)?(request\\.user|req\\.user)\\b")
 (#match? @raise "^raise\\s+(\\w+\\.)*(Http404|NotFound)\\b")
 (#set! rule "python.auth.deny-guard"))

; Round 36 (Mailu): a permission predicate turned into a view guard by a decorator of the same file,
; `@permissions_wrapper def domain_admin(args, kwargs, model, key): ... return domain in
; current_user.get_managed_domains()`, where the wrapper calls the predicate and aborts with 403 when
; it says no: the predicate is the access decision. (A view merely wearing a guard decorator is not:
; the wrapper must weigh a result named authorized/allowed/permitted/granted.)
((decorated_definition
   (decorator (identifier)) @dec
   definition: (function_definition name: (identifier) @trigger))
 (#helper-matches? @dec "^(?=[\\s\\S]*\\b(authori[sz]ed|allowed|permitted|granted)\\b)(?=[\\s\\S]*(abort\\(\\s*40[13]|PermissionDenied|Forbidden|HTTP_40[13]|status(_code)?\\s*=\\s*40[13]))")
 (#set! rule "python.auth.permission-function"))

; Round 46 (ArchiveBox): an API token presented by the caller looked up in the store by a function
; that authenticates with it (`def auth_using_token(token, request): api_token =
; APIToken.objects.get(token=token); if api_token.is_valid(): user = api_token.created_by`): whoever
; holds the string is that user. The looked-up value is the function's own token/key parameter; the
; function is named for authentication or verification (a settings `filter(key=key)` is not this).
((call
   function: [(identifier) @f (attribute attribute: (identifier) @f)] @trigger
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @kw
       value: (identifier) @value)))
 (#any-of? @f "get" "filter" "aget" "get_object_or_404" "first" "get_or_none")
 (#match? @kw "^((\\w+_)?token|(\\w+_)?api_?key|key_hash|token_hash)(__i?exact)?$")
 (#match? @value "^(\\w+_)?(token|key|api_?key)$")
 (#unit-name-matches? @trigger "(^|_)(auth|authenticate|authenticate_credentials|authenticated|verify|validate|check)(_|$)|_using_token$|(^|_)user_(from|for|by)_(token|key|api_key)$|^get_user$")
 (#set! rule "python.auth.token-lookup"))

; Round 46 (ArchiveBox, saleor, kiwi): granting administrator rights, `user.is_superuser = True`,
; `user.is_staff = True`, `membership.is_admin = True`: who becomes an administrator is decided
; here (an LDAP or OIDC login that promotes, the first account of an installation).
((assignment
   left: (attribute attribute: (identifier) @flag) @trigger
   right: (true))
 (#any-of? @flag "is_superuser" "is_staff" "is_admin")
 (#set! rule "python.auth.privilege-grant"))

; Round 49 (keystone): oslo.policy, OpenStack's policy engine, asked whether a caller may act,
; `self._enforcer.enforce(rule=action, target=target, creds=credentials, …)`, `enforcer.authorize(…)`.
((call
   function: (attribute attribute: (identifier) @m) @trigger
   arguments: (argument_list . (_)))
 (#any-of? @m "enforce" "authorize")
 (#imports? "^oslo_policy(\\.|$)")
 (#set! rule "python.auth.policy-enforce"))

; Round 91 (maubot): the credential of an incoming request read from its Authorization header and
; kept for a check, `token = request.headers.get("Authorization", "")`, `auth =
; request.META.get("HTTP_AUTHORIZATION")`, `request.headers["Authorization"]`, or from an API-key
; header, `api_key = request.headers.get("X-Api-Key") or request.query.get("key")` (Tribler's REST
; middleware, round 90): the start of a hand-written authentication (ECMAScript's
; ecma.auth.authorization-header). Only the request's own headers, assigned: building the header of
; an outgoing call (`headers={"Authorization": …}`) is a client, not a check.
((assignment
   right: [
     (call
       function: (attribute
         object: (attribute object: (_) @req attribute: (identifier) @h)
         attribute: (identifier) @get)
       arguments: (argument_list . (string) @k))
     (subscript
       value: (attribute object: (_) @req attribute: (identifier) @h)
       subscript: (string) @k)
     (boolean_operator
       left: (call
         function: (attribute
           object: (attribute object: (_) @req attribute: (identifier) @h)
           attribute: (identifier) @get)
         arguments: (argument_list . (string) @k)))
   ] @trigger)
 (#match? @req "^(self\\.)?(request|req|_request)$")
 (#any-of? @h "headers" "META")
 (#match? @k "^[rbuRBU]?[\"'](Authorization|authorization|AUTHORIZATION|HTTP_AUTHORIZATION|HTTP_X_API_KEY|([Xx]-)?[Aa][Pp][Ii][-_]?[Kk]ey|X-Auth-Token|x-auth-token|X-Access-Token|x-access-token)[\"']$")
 (#set! rule "python.auth.authorization-header"))

; Round 91: a login check the project writes itself, named for it and handed what it checks:
; `def authenticate(self, identifier, secret)` (flaskbb's authentication service), `def
; authenticate(self, request) -> bool` (Tribler's REST API-key middleware, round 90); Go's
; go.auth.access-call declaration. Not a client logging in to another service with its own
; credentials (the body calls out over HTTP): that decides nothing about who gets in here.
((function_definition
   name: (identifier) @trigger
   parameters: (parameters [(identifier) @p (typed_parameter (identifier) @p) (default_parameter name: (identifier) @p) (typed_default_parameter name: (identifier) @p)])) @fn
 (#match? @trigger "^_?a?authenticate(_(user|request|credentials|password|token|api_key|client|identity))?$")
 (#match? @p "^(password|passwd|pwd|passphrase|secret|token|credentials?|api_key|apikey|request|req|identity)$")
 (#not-match? @fn "\\b(requests|httpx|aiohttp|urllib3?)\\.|\\.(post|put|request|urlopen)\\(|@(abc\\.)?abstractmethod")
 ; Nor a deny-all module whose body only refuses (`return False`: cobbler's denyall authenticator,
 ; round 95): nothing to weaken. An allow-all (`return True`) stays.
 (#not-match? @fn "^(async\\s+)?def\\s+\\w+\\([^)]*\\)\\s*(->[^:]*)?:\\s*(\"\"\"[^\"]*\"\"\"\\s*)?(pass|\\.\\.\\.|return\\s+(False|None))\\s*$")
 (#set! rule "python.auth.backend-method"))

;; ... and one named for logging in, given the password: `async def login(cls, username, password)`
;; (round 109, piccolo's BaseUser: the lookup, the dummy hash against user enumeration, the hash
;; compare and the rehash). Not a client logging in elsewhere (the same exclusions).
((function_definition
   name: (identifier) @trigger
   parameters: (parameters [(identifier) @p (typed_parameter (identifier) @p) (default_parameter name: (identifier) @p) (typed_default_parameter name: (identifier) @p)])) @fn
 (#match? @trigger "^_?a?(login|log_in|sign_in|signin|check_credentials|verify_credentials|check_login)$")
 (#match? @p "^(password|passwd|pwd|passphrase|raw_password|plain_password|credentials)$")
 (#not-match? @fn "\\b(requests|httpx|aiohttp|urllib3?|smtplib|imaplib|poplib|ftplib|paramiko|ldap3?)\\.|\\.(post|put|request|urlopen|login)\\(|@(abc\\.)?abstractmethod")
 (#not-match? @fn "^(async\\s+)?def\\s+\\w+\\([^)]*\\)\\s*(->[^:]*)?:\\s*(\"\"\"[^\"]*\"\"\"\\s*)?(pass|\\.\\.\\.|return\\s+(False|None|\"\"|''))\\s*$")
 (#set! rule "python.auth.backend-method"))

; Round 92 (Archery; flaskbb's lockout, a round-30 miss): brute-force protection, a count of failed
; logins compared with its limit, `if user.failed_login_count >= lock_count:`, `if
; attempts.login_failures > settings.MAX_LOGIN_FAILURES`: whether the account is locked out.
((comparison_operator) @trigger
 (#match? @trigger "([Ff]ailed|FAILED|[Ff]ail|FAIL|[Ww]rong|WRONG|[Ii]nvalid|INVALID|[Bb]ad|BAD)_?([Ll]ogin|LOGIN|[Ss]ign_?[Ii]n|SIGN_?IN|[Aa]uth|AUTH|[Pp]assword|PASSWORD|[Oo]tp|OTP|[Mm]fa|MFA|[Pp]in|PIN)_?([Aa]ttempts?|ATTEMPTS?|[Cc]ount|COUNT|[Tt]ries|TRIES|[Tt]imes|TIMES)|([Ll]ogin|LOGIN|[Ss]ign_?[Ii]n|SIGN_?IN|[Pp]assword|PASSWORD)_?([Aa]ttempts?|ATTEMPTS?|[Ff]ailures?|FAILURES?|[Ff]ail_?[Cc]ount|[Ff]ailed_?[Cc]ount|[Tt]ries|TRIES)")
 (#match? @trigger "[<>]=?")
 (#set! rule "python.auth.login-lockout"))

; Round 105 (sanic's Credentials, plone): HTTP Basic credentials decoded and split into a user and
; a password, `b64decode(self.token.encode()).decode().split(":")`, `base64.b64decode(value).decode().
; partition(":")`: the parse every Basic check reads, the line an edit could make accept a user
; without a password.
((call
   function: (attribute object: (_) @o attribute: (identifier) @m) @trigger
   arguments: (argument_list . (string) @s))
 (#any-of? @m "split" "partition" "rsplit" "rpartition")
 (#match? @s "^[bru]?[\"']:[\"']$")
 (#match? @o "b64decode\\(|decodebytes\\(|base64\\.")
 (#set! rule "python.auth.basic-credentials"))

; Zope / Plone permission checks: `getSecurityManager().checkPermission(ModifyPortalContent, obj)`,
; `sm.checkPermission("Manage portal", self.context)`, `api.user.has_permission(ManagePortal,
; obj=self.context)` (round 105, plone.restapi: the check in front of a user, group, sharing or
; relations change). Whether the caller may do it is answered here.
((call
   function: (attribute object: (_) @o attribute: (identifier) @m) @trigger)
 (#eq? @m "checkPermission")
 (#match? @o "getSecurityManager\\(\\)$|(^|\\.)_?(sm|security_manager|securityManager)$")
 (#imports? "^(AccessControl|Products\\.CMFCore|plone)(\\.|$)")
 (#set! rule "python.auth.permission-check"))

((call
   function: (attribute object: (attribute object: (identifier) @api attribute: (identifier) @u) attribute: (identifier) @m) @trigger)
 (#eq? @api "api")
 (#eq? @u "user")
 (#any-of? @m "has_permission" "get_permissions" "get_roles")
 (#imports? "^plone(\\.api)?$|^plone\\.api(\\.|$)")
 (#set! rule "python.auth.permission-check"))

; Zope's pluggable authentication service: a plugin's `extractCredentials(self, request)` (what the
; request presents: a bearer token, a login and password) and `authenticateCredentials(self,
; credentials)` (whom they prove) (round 105, plone.restapi's JWT plugin).
((function_definition name: (identifier) @trigger)
 (#any-of? @trigger "extractCredentials" "authenticateCredentials" "challenge" "resetCredentials")
 (#imports? "^(Products\\.PluggableAuthService|Products\\.PlonePAS)(\\.|$)")
 (#set! rule "python.auth.backend-method"))
