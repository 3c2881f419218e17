; TLS certificate verification turned off (CWE-295): &tls.Config{InsecureSkipVerify: true} and
; cfg.InsecureSkipVerify = true. A config that verifies the peer itself (VerifyPeerCertificate or
; VerifyConnection in the same literal, e.g. certificate pinning) is left alone.

((literal_value (keyed_element key: (literal_element (identifier) @key) value: (literal_element (true) @value)) @finding) @literal
 (#eq? @key "InsecureSkipVerify")
 (#not-match? @literal "\\b(VerifyPeerCertificate|VerifyConnection)\\s*:")
 (#imports? "^crypto/tls$")
 (#set! rule "go.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "295")
 (#set! message "InsecureSkipVerify accepts any certificate, so anyone on the path can impersonate the server. Remove it; for private CAs set RootCAs to a pool with your CA.")
 (#set! fix "go.flip-true"))

((assignment_statement left: (expression_list . (_) @name) right: (expression_list . (_) @value)) @finding
 (#eq? @value "true")
 (#match? @name "\\.InsecureSkipVerify$")
 (#set! rule "go.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "295")
 (#set! message "InsecureSkipVerify accepts any certificate, so anyone on the path can impersonate the server. Remove it; for private CAs set RootCAs to a pool with your CA.")
 (#set! fix "go.flip-true"))
