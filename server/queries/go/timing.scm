; Comparing secrets, MACs, signatures, tokens and hashes in Go. A plain == / bytes.Equal leaks
; timing; the constant-time APIs are flagged too, since secret-comparison code needs review.
; Comparisons against literals, nil or package constants are not secret comparisons.

; hmac.Equal(a, b), subtle.ConstantTimeCompare(a, b), subtle.ConstantTimeEq(x, y)
; Issuer and audience are public values: a constant-time compare of them (`verifyIss`,
; `ConstantTimeCompare([]byte(claims.Issuer), …)`) protects nothing and is not a timing region.
((call_expression function: (selector_expression) @trigger arguments: (argument_list) @args)
 (#resolves-to? @trigger "^crypto/(hmac\\.Equal|subtle\\.ConstantTime\\w+)$")
 (#not-unit-name-matches? @trigger "(^|[a-z])(Iss|Aud|Issuer|Audience)s?([A-Z ]|$)|^(iss|aud|issuer|audience)s?([A-Z ]|$)")
 (#not-match? @args "^\\(\\s*(\\[\\]byte\\()?\\s*([A-Za-z_]\\w*\\.)*\\w*([Ii]ss|[Aa]ud|[Ii]ssuer|[Aa]udience)s?\\)?\\s*,")
 (#set! rule "go.timing.constant-time-api"))

; bytes.Equal(mac, expected), strings.EqualFold(apiKey, got), reflect.DeepEqual(sig, want)
((call_expression
   function: (selector_expression) @trigger
   arguments: (argument_list [(identifier) (selector_expression) (call_expression) (slice_expression) (index_expression) (type_conversion_expression)] @arg)) @cmp
 (#match? @arg "{{secret-name}}")
 (#not-match? @arg "{{not-secret-name}}")
 (#not-resolves-to? @arg ".")
 (#resolves-to? @trigger "^(bytes\\.(Equal|Compare|EqualFold)|strings\\.(EqualFold|Compare)|reflect\\.DeepEqual|slices\\.Equal)$")
 (#secret-compare? @cmp)
 (#set! rule "go.timing.non-constant-compare"))

; sig == expected, req.Token != session.Token, hex.EncodeToString(mac) == got
((binary_expression
   left: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @secret
   operator: ["==" "!="]
   right: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @other) @trigger
 (#match? @secret "{{secret-name}}")
 (#not-match? @secret "{{not-secret-name}}")
 (#not-match? @secret "^(Token|TOKEN_?)[A-Z][A-Za-z]*$")
 (#not-match? @other "^(len|cap)\\(|^(Err|err)|(Type|Kind)(\\(\\))?$")
 (#not-resolves-to? @secret ".")
 (#not-resolves-to? @other ".")
 (#secret-compare? @trigger)
 (#set! rule "go.timing.non-constant-compare"))

((binary_expression
   left: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @other
   operator: ["==" "!="]
   right: [(identifier) (selector_expression) (call_expression) (index_expression) (type_conversion_expression)] @secret) @trigger
 (#match? @secret "{{secret-name}}")
 (#not-match? @secret "{{not-secret-name}}")
 (#not-match? @secret "^(Token|TOKEN_?)[A-Z][A-Za-z]*$")
 (#not-match? @other "^(len|cap)\\(|^(Err|err)|(Type|Kind)(\\(\\))?$")
 (#not-resolves-to? @secret ".")
 (#not-resolves-to? @other ".")
 (#secret-compare? @trigger)
 (#set! rule "go.timing.non-constant-compare"))
