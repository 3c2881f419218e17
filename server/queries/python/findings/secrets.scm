; Hard-coded secrets (CWE-798): a string literal used as the signing / MAC key. Anyone with the
; source (or a leaked image) can forge JWTs, sessions, password-reset links and signed cookies.
; Placeholders ("", "changeme", "<your-secret>", "${SECRET}", "xxx") are not reported; a literal
; fallback for an environment variable (os.environ.get("SECRET_KEY", "dev")) or a settings-class
; default is a warning: it is only used when the deployment forgets the variable.

; jwt.encode(payload, "secret", algorithm="HS256"), jwt.decode(token, b"secret", algorithms=[...])
([(call
    function: [(identifier) (attribute)] @fn
    arguments: (argument_list . (_) . (string) @finding))
  (call
    function: [(identifier) (attribute)] @fn
    arguments: (argument_list . (_) . (call function: (attribute object: (string) @finding attribute: (identifier) @enc))))
  (call
    function: [(identifier) (attribute)] @fn
    arguments: (argument_list (keyword_argument name: (identifier) @kw value: (string) @finding)))]
 (#resolves-to? @fn "^(jwt\\.(encode|decode|decode_complete|api_jwt\\.encode|api_jwt\\.decode)|jose\\.jwt\\.(encode|decode)|jose\\.jws\\.(sign|verify))$")
 (#not-match? @kw "^(algorithm|algorithms|audience|issuer|subject|access_token|headers|options|leeway)$")
 (#match? @finding "^[bBrRuU]{0,2}(\"\"\"|'''|\"|')")
 (#not-match? @finding "{{placeholder-literal}}")
 (#set! rule "python.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "JWT signing key is a string literal in the source: anyone who can read the code can mint valid tokens. Load it from the environment or a secret store (os.environ[\"JWT_SECRET\"]) and rotate the leaked one."))

; hmac.new(b"key", msg, hashlib.sha256), hmac.digest("key".encode(), msg, "sha256")
([(call
    function: [(identifier) (attribute)] @fn
    arguments: (argument_list . (string) @finding))
  (call
    function: [(identifier) (attribute)] @fn
    arguments: (argument_list . (call function: (attribute object: (string) @finding attribute: (identifier) @enc))))
  (call
    function: [(identifier) (attribute)] @fn
    arguments: (argument_list (keyword_argument name: (identifier) @kw value: (string) @finding)))]
 (#resolves-to? @fn "^hmac\\.(new|HMAC|digest)$")
 (#not-match? @kw "^(digestmod|digest|msg)$")
 (#match? @finding "^[bBrRuU]{0,2}(\"\"\"|'''|\"|')")
 (#not-match? @finding "{{placeholder-literal}}")
 (#set! rule "python.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "HMAC key is a string literal in the source: anyone who can read the code can forge the MAC. Load the key from the environment or a secret store."))

; itsdangerous: URLSafeTimedSerializer("secret"), TimestampSigner(b"key"), Serializer(secret_key="...")
([(call
    function: [(identifier) (attribute)] @fn
    arguments: (argument_list . (string) @finding))
  (call
    function: [(identifier) (attribute)] @fn
    arguments: (argument_list (keyword_argument name: (identifier) @kw value: (string) @finding)))]
 (#resolves-to? @fn "^itsdangerous\\.(\\w+\\.)*(Serializer|URLSafeSerializer|URLSafeTimedSerializer|TimedSerializer|JSONWebSignatureSerializer|TimedJSONWebSignatureSerializer|Signer|TimestampSigner)$")
 (#not-match? @kw "^(salt|serializer|signer|signer_kwargs|serializer_kwargs|fallback_signers|sep|key_derivation|digest_method|algorithm)$")
 (#match? @finding "^[bBrRuU]{0,2}(\"\"\"|'''|\"|')")
 (#not-match? @finding "{{placeholder-literal}}")
 (#set! rule "python.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "Signing key is a string literal in the source: anyone who can read the code can forge signed tokens and links. Load it from the environment or a secret store."))

; Flask: app.secret_key = "dev", app.config["SECRET_KEY"] = "dev"
([(assignment
    left: (attribute attribute: (identifier) @key)
    right: (string) @finding)
  (assignment
    left: (subscript subscript: (string) @key)
    right: (string) @finding)]
 (#match? @key "^(secret_key|[\"'](SECRET_KEY|JWT_SECRET_KEY|SECURITY_PASSWORD_SALT|WTF_CSRF_SECRET_KEY)[\"'])$")
 (#imports? "^(flask|quart|flask_jwt_extended|flask_login|flask_wtf)(\\.|$)")
 (#match? @finding "^[bBrRuU]{0,2}(\"\"\"|'''|\"|')")
 (#not-match? @finding "{{placeholder-literal}}")
 (#set! rule "python.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "The framework's secret key is a string literal in the source: anyone who can read the code can forge session cookies and signed tokens. Load it from the environment (os.environ[\"SECRET_KEY\"]) and rotate the leaked one."))

; app.config.update(SECRET_KEY="dev"), app.config.from_mapping(SECRET_KEY="dev")
((call
   function: (attribute attribute: (identifier) @method)
   arguments: (argument_list (keyword_argument name: (identifier) @key value: (string) @finding)))
 (#any-of? @method "update" "from_mapping")
 (#any-of? @key "SECRET_KEY" "JWT_SECRET_KEY" "SECURITY_PASSWORD_SALT" "WTF_CSRF_SECRET_KEY")
 (#match? @finding "^[bBrRuU]{0,2}(\"\"\"|'''|\"|')")
 (#not-match? @finding "{{placeholder-literal}}")
 (#set! rule "python.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "The framework's secret key is a string literal in the source: anyone who can read the code can forge session cookies and signed tokens. Load it from the environment (os.environ[\"SECRET_KEY\"]) and rotate the leaked one."))

; Django / module settings: SECRET_KEY = "django-insecure-...", JWT_SECRET = "..."
((module
   (expression_statement
     (assignment
       left: (identifier) @key
       right: (string) @finding)))
 (#any-of? @key "SECRET_KEY" "JWT_SECRET_KEY" "JWT_SECRET" "SECRET" "SIGNING_KEY" "TOKEN_SECRET")
 (#match? @finding "^[bBrRuU]{0,2}(\"\"\"|'''|\"|')")
 (#not-match? @finding "{{placeholder-literal}}")
 (#set! rule "python.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "The secret key is a string literal in the source: anyone who can read the code can forge sessions, password-reset links and signed tokens. Read it from the environment (os.environ[\"SECRET_KEY\"]) and rotate the leaked one."))

; A literal fallback for the secret: SECRET_KEY = os.environ.get("SECRET_KEY", "dev"),
; os.getenv("JWT_SECRET", "secret"), env("SECRET_KEY", default="insecure")
([(call
    arguments: (argument_list . (string) @env . (string) @finding))
  (call
    arguments: (argument_list . (string) @env (keyword_argument name: (identifier) @kw value: (string) @finding)))]
 (#match? @env "^[\"'][A-Z0-9_]*(SECRET|SIGNING_KEY)[A-Z0-9_]*[\"']$")
 (#not-match? @env "^[\"'][A-Z0-9_]*(CLIENT_SECRET|SECRET_ACCESS_KEY|SECRET_NAME|SECRET_PATH|SECRET_FILE|SECRET_ARN)[\"']$")
 (#not-match? @kw "^(cast|type|parse|conv)$")
 (#match? @finding "^[bBrRuU]{0,2}(\"\"\"|'''|\"|')")
 (#not-match? @finding "{{placeholder-literal}}")
 (#not-unit-name-matches? @finding "(^|\\s)_?(Dev|Development|Debug|Local|LocalDev|Test|Testing|Tests|CI|Ci)([A-Z][a-z]+)?(Config|Configuration|Settings)$")
 (#set! rule "python.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "The secret falls back to a literal when the environment variable is missing, so a deployment that forgets it runs with a key everyone can read. Fail at startup instead (os.environ[\"SECRET_KEY\"]), or generate a random key for local development only."))

; SECRET_KEY = os.environ.get("SECRET_KEY") or "dev"
((assignment
   left: [(identifier) @key (attribute attribute: (identifier) @key)]
   right: (boolean_operator operator: "or" right: (string) @finding))
 (#match? @key "^(SECRET_KEY|secret_key|JWT_SECRET(_KEY)?|jwt_secret(_key)?|SIGNING_KEY|signing_key|SECRET)$")
 (#match? @finding "^[bBrRuU]{0,2}(\"\"\"|'''|\"|')")
 (#not-match? @finding "{{placeholder-literal}}")
 (#not-unit-name-matches? @finding "(^|\\s)_?(Dev|Development|Debug|Local|LocalDev|Test|Testing|Tests|CI|Ci)([A-Z][a-z]+)?(Config|Configuration|Settings)$")
 (#set! rule "python.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "The secret falls back to a literal when the environment variable is missing, so a deployment that forgets it runs with a key everyone can read. Fail at startup instead (os.environ[\"SECRET_KEY\"]), or generate a random key for local development only."))

; A settings-class default: class Settings(BaseSettings): SECRET_KEY: str = "changethis-but-real"
((class_definition
   body: (block
     (expression_statement
       (assignment
         left: (identifier) @key
         right: (string) @finding))))
 (#match? @key "^(SECRET_KEY|secret_key|JWT_SECRET(_KEY)?|jwt_secret(_key)?|SIGNING_KEY|signing_key)$")
 (#imports? "^(pydantic|pydantic_settings)(\\.|$)")
 (#match? @finding "^[bBrRuU]{0,2}(\"\"\"|'''|\"|')")
 (#not-match? @finding "{{placeholder-literal}}")
 (#not-unit-name-matches? @finding "(^|\\s)_?(Dev|Development|Debug|Local|LocalDev|Test|Testing|Tests|CI|Ci)([A-Z][a-z]+)?(Config|Configuration|Settings)$")
 (#set! rule "python.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "The settings class defaults the secret to a literal, so a deployment that forgets the environment variable runs with a key everyone can read. Leave the field without a default so startup fails when it is missing."))
