; Findings: Math.random() producing secrets (tokens, keys, nonces, salts, passwords, OTPs,
; session ids, IVs) (CWE-338 / CWE-330).
;
; Only values stored in, returned from, or assigned to a secret-NAMED thing count: the last part
; of the variable / property / function name is a token, secret, nonce, salt, password, OTP,
; PIN, IV, session id, CSRF, API / secret / private / session key, or a verification / reset /
; invite code. Jitter, sampling, shuffling and ids are never secret-named and are not flagged.
; Nor is a stale-response marker (`const fetchToken = Math.random()…` only stored in
; `this._current` / `ref.current` and compared with === in its function: nobody outside sees it).
; Nor an event handler named for what it does (`const handleGenerateToken = () => …`: it returns
; nothing), a salt of a name (`nameSalt` in a temporary index name), or the token of a sales
; channel (`Channel.generateToken()`: Vendure's channel token is a public identifier).
;
; Fix `ecma.crypto-random` (when every Math.random() in the value is one of these idioms):
; `Math.random().toString(36).slice(2)` -> `randomBytes(16).toString('hex')` (a slice of N
; characters keeps N hex characters), `Math.floor(Math.random() * n)` -> `randomInt(n)`;
; imports them from node:crypto or uses the file's crypto binding. In browser code (the file
; imports react, vue, svelte, ...) toString idioms become `crypto.randomUUID()` (Web Crypto) and
; randomInt forms get no fix.

; const resetToken = Math.random().toString(36).slice(2), const [csrfToken] = useState(() => ...)
((variable_declarator
   name: [(identifier) @name (array_pattern . (identifier) @name)]
   value: [(call_expression) (binary_expression) (template_string) (arrow_function) (function_expression) (parenthesized_expression) (subscript_expression) (await_expression)] @value @finding)
 (#match? @name "{{secret-value-name}}")
 (#match? @value "Math\\.random\\s*\\(")
 (#not-dummy-data? @value)
 (#not-stale-marker? @value)
 (#not-match? @name "^([Oo]tp|OTP|[Pp]in|PIN|[A-Za-z0-9$]*[a-z0-9](Otp|OTP|Pin|PIN|Code)|[A-Za-z0-9]*_(otp|pin|code|OTP|PIN|CODE))s?$")
 (#not-match? @name "^(?:handle|on)[A-Z]|^(?:name|id|index|file|path|dir|tmp|temp)Salt$")
 (#set! rule "ecma.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "338")
 (#set! message "Math.random() is not a cryptographic generator: its output is predictable, so this secret can be guessed; use crypto.randomBytes / crypto.randomInt / crypto.randomUUID")
 (#set! fix "ecma.crypto-random"))

((variable_declarator
   name: [(identifier) @name (array_pattern . (identifier) @name)]
   value: [(call_expression) (binary_expression) (template_string) (arrow_function) (function_expression) (parenthesized_expression) (subscript_expression) (await_expression)] @value @finding)
 (#match? @name "{{secret-value-name}}")
 (#match? @value "Math\\.random\\s*\\(")
 (#not-dummy-data? @value)
 (#match? @name "^([Oo]tp|OTP|[Pp]in|PIN|[A-Za-z0-9$]*[a-z0-9](Otp|OTP|Pin|PIN|Code)|[A-Za-z0-9]*_(otp|pin|code|OTP|PIN|CODE))s?$")
 (#not-imports? "{{browser-frameworks}}")
 (#set! rule "ecma.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "338")
 (#set! message "Math.random() is not a cryptographic generator: its output is predictable, so this secret can be guessed; use crypto.randomBytes / crypto.randomInt / crypto.randomUUID")
 (#set! fix "ecma.crypto-random"))

; A one-time code or PIN made in browser code (const otp = Math.floor(100000 + Math.random() * 900000)
; in a file importing a UI framework) is usually a pairing code shown to the user, checked by a
; party that keeps its own copy: an audit finding (confidence low). Tokens, secrets, passwords and keys stay errors.
((variable_declarator
   name: [(identifier) @name (array_pattern . (identifier) @name)]
   value: [(call_expression) (binary_expression) (template_string) (arrow_function) (function_expression) (parenthesized_expression) (subscript_expression) (await_expression)] @value @finding)
 (#match? @name "{{secret-value-name}}")
 (#match? @value "Math\\.random\\s*\\(")
 (#not-dummy-data? @value)
 (#match? @name "^([Oo]tp|OTP|[Pp]in|PIN|[A-Za-z0-9$]*[a-z0-9](Otp|OTP|Pin|PIN|Code)|[A-Za-z0-9]*_(otp|pin|code|OTP|PIN|CODE))s?$")
 (#imports? "{{browser-frameworks}}")
 (#set! confidence "low")
 (#set! rule "ecma.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "338")
 (#set! message "Math.random() makes this one-time code predictable; in browser code it is usually a pairing code shown to the user, so check that the side verifying it does not trust this value, or use crypto.getRandomValues")
 (#set! fix "ecma.crypto-random"))

; user.sessionId = ..., token += chars[Math.floor(Math.random() * chars.length)]
((assignment_expression
   left: [(identifier) @name (member_expression property: (property_identifier) @name)]
   right: [(call_expression) (binary_expression) (template_string) (arrow_function) (function_expression) (parenthesized_expression) (subscript_expression) (await_expression)] @value @finding)
 (#match? @name "{{secret-value-name}}")
 (#match? @value "Math\\.random\\s*\\(")
 (#not-dummy-data? @value)
 (#set! rule "ecma.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "338")
 (#set! message "Math.random() is not a cryptographic generator: its output is predictable, so this secret can be guessed; use crypto.randomBytes / crypto.randomInt / crypto.randomUUID")
 (#set! fix "ecma.crypto-random"))

((augmented_assignment_expression
   left: [(identifier) @name (member_expression property: (property_identifier) @name)]
   right: [(call_expression) (binary_expression) (template_string) (arrow_function) (function_expression) (parenthesized_expression) (subscript_expression) (await_expression)] @value @finding)
 (#match? @name "{{secret-value-name}}")
 (#match? @value "Math\\.random\\s*\\(")
 (#not-dummy-data? @value)
 (#set! rule "ecma.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "338")
 (#set! message "Math.random() is not a cryptographic generator: its output is predictable, so this secret can be guessed; use crypto.randomBytes / crypto.randomInt / crypto.randomUUID")
 (#set! fix "ecma.crypto-random"))

; { apiKey: Math.random().toString(36) }
((pair
   key: (property_identifier) @name
   value: [(call_expression) (binary_expression) (template_string) (arrow_function) (function_expression) (parenthesized_expression) (subscript_expression) (await_expression)] @value @finding)
 (#match? @name "{{secret-value-name}}")
 (#match? @value "Math\\.random\\s*\\(")
 (#not-dummy-data? @value)
 (#set! rule "ecma.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "338")
 (#set! message "Math.random() is not a cryptographic generator: its output is predictable, so this secret can be guessed; use crypto.randomBytes / crypto.randomInt / crypto.randomUUID")
 (#set! fix "ecma.crypto-random"))

; function generateToken() { ... Math.random() ... }, class method createNonce() { ... }
((function_declaration
   name: (identifier) @name @finding
   body: (statement_block) @value)
 (#match? @name "{{secret-value-name}}")
 (#match? @value "Math\\.random\\s*\\(")
 (#not-dummy-data? @value)
 (#set! rule "ecma.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "338")
 (#set! message "This function builds a secret from Math.random(), which is predictable; use crypto.randomBytes / crypto.randomInt / crypto.randomUUID")
 (#set! fix "ecma.crypto-random"))

((method_definition
   name: (property_identifier) @name @finding
   body: (statement_block) @value)
 (#match? @name "{{secret-value-name}}")
 (#match? @value "Math\\.random\\s*\\(")
 (#not-dummy-data? @value)
 (#not-unit-name-matches? @finding "(?:^|\\s)[A-Z]\\w*Channel(?:\\s|$)|(?:^|\\s)Channel(?:\\s|$)")
 (#set! rule "ecma.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "338")
 (#set! message "This method builds a secret from Math.random(), which is predictable; use crypto.randomBytes / crypto.randomInt / crypto.randomUUID")
 (#set! fix "ecma.crypto-random"))
