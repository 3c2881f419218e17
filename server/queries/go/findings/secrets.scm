; Hard-coded keys (CWE-798): a string literal used directly as a signing, MAC, session or cookie
; key. Anyone with the source (or the binary) can forge tokens, MACs and session cookies, and the
; key cannot be rotated without a release. Only literals count: keys from variables, config,
; environment or a secret store never match, and neither do empty strings.

; token.SignedString([]byte("secret")), jwt.NewWithClaims(...).SignedString([]byte(`k`))
((call_expression
   function: (selector_expression field: (field_identifier) @method)
   arguments: (argument_list . (type_conversion_expression type: (slice_type) operand: [(interpreted_string_literal) (raw_string_literal)] @key) @finding .))
 (#eq? @method "SignedString")
 (#match? @key "^.[^\"`].")
 (#set! rule "go.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "JWT signed with a key written in the source: anyone who can read the code can mint valid tokens. Load the key from configuration or a secret store (and rotate this one)."))

; hmac.New(sha256.New, []byte("secret"))
((call_expression
   function: (selector_expression) @fn
   arguments: (argument_list . (_) . (type_conversion_expression type: (slice_type) operand: [(interpreted_string_literal) (raw_string_literal)] @key) @finding .))
 (#resolves-to? @fn "^crypto/hmac\\.New$")
 (#match? @key "^.[^\"`].")
 (#set! rule "go.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "HMAC key written in the source: anyone who can read the code can compute valid MACs. Load the key from configuration or a secret store (and rotate this one)."))

; sessions.NewCookieStore([]byte("secret")), securecookie.New([]byte("hash"), []byte("block")),
; cookie.NewStore([]byte("secret")) (gin-contrib), csrf.Protect([]byte("32-byte-long-auth-key")),
; sessions.NewFilesystemStore(path, []byte("secret")), jwtauth.New("HS256", []byte("secret"), nil)
((call_expression
   function: (selector_expression) @fn
   arguments: (argument_list (type_conversion_expression type: (slice_type) operand: [(interpreted_string_literal) (raw_string_literal)] @key) @finding))
 (#resolves-to? @fn "^(github\\.com/gorilla/sessions\\.(NewCookieStore|NewFilesystemStore)|github\\.com/gorilla/securecookie\\.New|github\\.com/gorilla/csrf\\.Protect|github\\.com/gin-contrib/sessions/(cookie|redis|memstore|gorm|postgres)\\.(NewStore\\w*)|github\\.com/go-chi/jwtauth(/v\\d+)?\\.New)$")
 (#match? @key "^.[^\"`].")
 (#set! rule "go.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "Session/cookie key written in the source: anyone who can read the code can forge or decrypt session cookies. Load the keys from configuration or a secret store (and rotate these)."))

; echojwt.Config{SigningKey: []byte("secret")}, jwtmiddleware / gin-jwt style configs
((keyed_element
   key: (literal_element (identifier) @field)
   value: (literal_element (type_conversion_expression type: (slice_type) operand: [(interpreted_string_literal) (raw_string_literal)] @key) @finding))
 (#any-of? @field "SigningKey" "Key" "Secret" "SecretKey" "HMACKey" "JWTSecret")
 (#match? @key "^.[^\"`].")
 (#imports? "^(github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?|github\\.com/labstack/echo-jwt(/v\\d+)?|github\\.com/labstack/echo(/v\\d+)?/middleware|github\\.com/appleboy/gin-jwt(/v\\d+)?|github\\.com/auth0/go-jwt-middleware(/v\\d+)?(/validator)?|github\\.com/gofiber/contrib/jwt|github\\.com/gofiber/jwt(/v\\d+)?)$")
 (#set! rule "go.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "JWT key written in the source: anyone who can read the code can mint valid tokens. Load the key from configuration or a secret store (and rotate this one)."))

; A key function that hands back a literal: func(t *jwt.Token) (interface{}, error) { return []byte("secret"), nil }
([(func_literal
    parameters: (parameter_list (parameter_declaration type: (pointer_type (qualified_type name: (type_identifier) @t))))
    body: (block (statement_list (return_statement (expression_list . (type_conversion_expression type: (slice_type) operand: [(interpreted_string_literal) (raw_string_literal)] @key) @finding)))))
  (function_declaration
    parameters: (parameter_list (parameter_declaration type: (pointer_type (qualified_type name: (type_identifier) @t))))
    body: (block (statement_list (return_statement (expression_list . (type_conversion_expression type: (slice_type) operand: [(interpreted_string_literal) (raw_string_literal)] @key) @finding)))))
  (method_declaration
    parameters: (parameter_list (parameter_declaration type: (pointer_type (qualified_type name: (type_identifier) @t))))
    body: (block (statement_list (return_statement (expression_list . (type_conversion_expression type: (slice_type) operand: [(interpreted_string_literal) (raw_string_literal)] @key) @finding)))))]
 (#eq? @t "Token")
 (#match? @key "^.[^\"`].")
 (#imports? "{{golang-jwt-modules}}")
 (#set! rule "go.crypto.hardcoded-secret")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "798")
 (#set! message "JWT verification key written in the source: anyone who can read the code can mint tokens this key function accepts. Load the key from configuration or a secret store (and rotate this one)."))
