; Secrets compared in variable time (CWE-208): bytes.Equal and == / != on MACs, signatures,
; digests, tokens, passwords, API keys, OTPs and nonces. A secret-named operand is an identifier,
; a field (`req.Token`), an index or a call (`hex.EncodeToString(mac)`); the other operand must
; be able to hold a value too, so comparisons against literals, nil and "" never match, nor do
; counts, lengths, ids, names and kinds (`a.TokenID == b.TokenID`, `len(sig) == 0`).
; Both orientations share one structure (captures @a/@b, @left/@right), so each is matched once.

; bytes.Equal(mac, expected)
((call_expression function: (selector_expression) @fn arguments: (argument_list . [(identifier) (selector_expression) (call_expression) (slice_expression) (index_expression) (type_conversion_expression)] @a . [(identifier) (selector_expression) (call_expression) (slice_expression) (index_expression) (type_conversion_expression)] @b .)) @finding
 (#resolves-to? @fn "^bytes\\.Equal$")
 (#match? @a "{{secret-name}}")
 (#not-match? @a "{{not-secret-name}}|ConstantTime|^hmac\\.Equal\\(")
 (#not-match? @b "^\\[\\]byte\\(\\s*[\\\"`]|^(len|cap)\\(")
 (#not-resolves-to? @a ".")
 (#strong-secret-compare? @finding)
 (#set! rule "go.timing.bytes-equal")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Secret compared with bytes.Equal, which returns at the first differing byte and leaks how much of a MAC/signature/token matched; use hmac.Equal (crypto/hmac).")
 (#set! fix "go.constant-time-compare"))

; bytes.Equal(expected, mac)
((call_expression function: (selector_expression) @fn arguments: (argument_list . [(identifier) (selector_expression) (call_expression) (slice_expression) (index_expression) (type_conversion_expression)] @a . [(identifier) (selector_expression) (call_expression) (slice_expression) (index_expression) (type_conversion_expression)] @b .)) @finding
 (#resolves-to? @fn "^bytes\\.Equal$")
 (#match? @b "{{secret-name}}")
 (#not-match? @b "{{not-secret-name}}|ConstantTime|^hmac\\.Equal\\(")
 (#not-match? @a "^\\[\\]byte\\(\\s*[\\\"`]|^(len|cap)\\(")
 (#not-resolves-to? @b ".")
 (#strong-secret-compare? @finding)
 (#set! rule "go.timing.bytes-equal")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Secret compared with bytes.Equal, which returns at the first differing byte and leaks how much of a MAC/signature/token matched; use hmac.Equal (crypto/hmac).")
 (#set! fix "go.constant-time-compare"))

; sig == expected, hex.EncodeToString(mac) == got
((binary_expression left: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @left operator: ["==" "!="] @op right: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @right) @finding
 (#match? @left "{{secret-name}}")
 (#not-match? @left "{{not-secret-name}}|ConstantTime|^hmac\\.Equal\\(")
 (#not-match? @left "^(Token|TOKEN_?)[A-Z][A-Za-z]*$")
 (#not-match? @right "^(len|cap)\\(|^(Err|err)|(Type|Kind)(\\(\\))?$")
 (#not-resolves-to? @left ".")
 (#not-resolves-to? @right ".")
 (#not-match? @finding "{{same-accessor-compare}}")
 (#not-match? @right "{{token-claim-operand}}")
 (#not-match? @left "{{token-claim-operand}}")
 (#not-match? @right "{{token-claim-operand}}")
 (#not-match? @finding "{{same-field-compare}}")
 (#strong-secret-compare? @finding)
 (#set! rule "go.timing.string-compare")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Secret compared with ==/!=, which stops at the first differing byte and leaks how much of a MAC/signature/token matched; use subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 (crypto/subtle).")
 (#set! fix "go.constant-time-compare"))

; r.Header.Get("X-Api-Key") != apiKey
((binary_expression left: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @left operator: ["==" "!="] @op right: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @right) @finding
 (#match? @right "{{secret-name}}")
 (#not-match? @right "{{not-secret-name}}|ConstantTime|^hmac\\.Equal\\(")
 (#not-match? @right "^(Token|TOKEN_?)[A-Z][A-Za-z]*$")
 (#not-match? @left "^(len|cap)\\(|^(Err|err)|(Type|Kind)(\\(\\))?$")
 (#not-resolves-to? @right ".")
 (#not-resolves-to? @left ".")
 (#not-match? @finding "{{same-accessor-compare}}")
 (#not-match? @left "{{token-claim-operand}}")
 (#not-match? @right "{{token-claim-operand}}")
 (#not-match? @finding "{{same-field-compare}}")
 (#strong-secret-compare? @finding)
 (#set! rule "go.timing.string-compare")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Secret compared with ==/!=, which stops at the first differing byte and leaks how much of a MAC/signature/token matched; use subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 (crypto/subtle).")
 (#set! fix "go.constant-time-compare"))

; c.GetHeader("Authorization") != fmt.Sprintf("Basic %s", h.Secret), r.Header.Get("Authorization") != "Bearer "+token
((binary_expression left: (call_expression function: (selector_expression field: (field_identifier) @get) arguments: (argument_list . (interpreted_string_literal) @header .)) operator: ["==" "!="] right: [(call_expression function: (selector_expression) arguments: (argument_list . (interpreted_string_literal) @scheme . (_) @value .))
          (binary_expression left: (interpreted_string_literal) @scheme operator: "+" right: (_) @value)]) @finding
 (#any-of? @get "GetHeader" "Get")
 (#match? @header "^\"[Aa]uthorization\"$")
 (#match? @scheme "^\"(Basic|Bearer|Token|Bot)( |%s|%v)+\"$")
 (#not-match? @value "^[\"`]")
 (#set! rule "go.timing.string-compare")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "The Authorization header is compared with the expected credential with ==/!=, which stops at the first differing byte and leaks how much of the secret matched; use subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 (crypto/subtle).")
 (#set! fix "go.constant-time-compare"))

((binary_expression left: [(call_expression function: (selector_expression) arguments: (argument_list . (interpreted_string_literal) @scheme . (_) @value .))
          (binary_expression left: (interpreted_string_literal) @scheme operator: "+" right: (_) @value)] operator: ["==" "!="] right: (call_expression function: (selector_expression field: (field_identifier) @get) arguments: (argument_list . (interpreted_string_literal) @header .))) @finding
 (#any-of? @get "GetHeader" "Get")
 (#match? @header "^\"[Aa]uthorization\"$")
 (#match? @scheme "^\"(Basic|Bearer|Token|Bot)( |%s|%v)+\"$")
 (#not-match? @value "^[\"`]")
 (#set! rule "go.timing.string-compare")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "The Authorization header is compared with the expected credential with ==/!=, which stops at the first differing byte and leaks how much of the secret matched; use subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 (crypto/subtle).")
 (#set! fix "go.constant-time-compare"))

; A field compared with the same field of another value (stored.Token != req.Token) outside an
; equality method; inside one (func (c *Config) isEqual(other *Config) bool) it is change detection
; between two stored configurations (the two patterns above leave every same-field compare to these).

((binary_expression left: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @left operator: ["==" "!="] @op right: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @right) @finding
 (#match? @left "{{secret-name}}")
 (#not-match? @left "{{not-secret-name}}|ConstantTime|^hmac\\.Equal\\(")
 (#not-match? @left "^(Token|TOKEN_?)[A-Z][A-Za-z]*$")
 (#not-match? @right "^(len|cap)\\(|^(Err|err)|(Type|Kind)(\\(\\))?$")
 (#not-resolves-to? @left ".")
 (#not-resolves-to? @right ".")
 (#not-match? @finding "{{same-accessor-compare}}")
 (#not-match? @right "{{token-claim-operand}}")
 (#not-match? @left "{{token-claim-operand}}")
 (#not-match? @right "{{token-claim-operand}}")
 (#match? @finding "{{same-field-compare}}")
 (#not-unit-name-matches? @finding "{{equality-method}}")
 (#strong-secret-compare? @finding)
 (#set! rule "go.timing.string-compare")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Secret compared with ==/!=, which stops at the first differing byte and leaks how much of a MAC/signature/token matched; use subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 (crypto/subtle).")
 (#set! fix "go.constant-time-compare"))

((binary_expression left: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @left operator: ["==" "!="] @op right: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @right) @finding
 (#match? @right "{{secret-name}}")
 (#not-match? @right "{{not-secret-name}}|ConstantTime|^hmac\\.Equal\\(")
 (#not-match? @right "^(Token|TOKEN_?)[A-Z][A-Za-z]*$")
 (#not-match? @left "^(len|cap)\\(|^(Err|err)|(Type|Kind)(\\(\\))?$")
 (#not-resolves-to? @right ".")
 (#not-resolves-to? @left ".")
 (#not-match? @finding "{{same-accessor-compare}}")
 (#not-match? @left "{{token-claim-operand}}")
 (#not-match? @right "{{token-claim-operand}}")
 (#match? @finding "{{same-field-compare}}")
 (#not-unit-name-matches? @finding "{{equality-method}}")
 (#strong-secret-compare? @finding)
 (#set! rule "go.timing.string-compare")
 (#set! category "timing")
 (#set! severity "warning")
 (#set! cwe "208")
 (#set! message "Secret compared with ==/!=, which stops at the first differing byte and leaks how much of a MAC/signature/token matched; use subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 (crypto/subtle).")
 (#set! fix "go.constant-time-compare"))
