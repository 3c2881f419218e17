; TLS certificate verification turned off (CWE-295): &tls.Config{InsecureSkipVerify: true} and
; cfg.InsecureSkipVerify = true. A config that verifies the peer itself (VerifyPeerCertificate or
; VerifyConnection in the same literal, e.g. certificate pinning, or assigned a verifier after the
; literal or the flag in the same function: tyk's chain-and-name check, round 47; boundary's session
; proxies, `tlsConf.VerifyConnection = func(cs tls.ConnectionState) error { … Verify(verifyOpts) }`
; after the literal, round 102; a verifier made by a method or a
; library, `config.VerifyPeerCertificate = clientACL.VerifyPeerCertificateClient`, SPIFFE's
; `WrapVerifyPeerCertificate(…)`: round 98, ghostunnel's pinning and SPIFFE clients; or the peer's certificate pinned by
; the fields set after it, `st.PeerCertSANs = append(…)`: traefik's Gateway API backend policy checking
; subject names itself, round 66) is left alone, and so is the literal
; behind an operator's switch (`if c.SkipVerify { … }`, an early `if !c.SkipVerify { return }`, a
; `case unix:` dial to the server's own socket) or in a function dialling the server itself over
; loopback (`LocalRootURL`, `localhost`, before or after the setting: a container health probe of
; its own server, round 46 uptime-kuma): the documented opt-in, like `InsecureSkipVerify: c.SkipVerify`.
; The switch may also be a setting that ignores TLS errors (`if r.ignoreTLSErrors`) or a TLS/SSL mode
; whose values include skip-verify (`if config.SSLMode == 2 || config.SSLMode == 3`). Nor is a
; peer-to-peer config that asks the other side for any certificate and presents its own
; (`ClientAuth: tls.RequestClientCert`): such a protocol identifies peers by their certificate's
; fingerprint after the handshake (syncthing's device IDs, its relays' pinned ids; round 38), and
; skipping the CA chain is how it accepts self-signed peers.

((literal_value (keyed_element key: (literal_element (identifier) @key) value: (literal_element (true) @value)) @finding) @literal
 (#eq? @key "InsecureSkipVerify")
 (#not-match? @literal "\\b(VerifyPeerCertificate|VerifyConnection)\\s*:|{{peer-pinned-tls}}")
 (#not-text-after? @finding "\\.(VerifyPeerCertificate|VerifyConnection)\\s*=\\s*(?!nil\\b)[\\w(]")
 (#imports? "^crypto/tls$")
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#not-text-before? @finding "{{loopback-dial}}")
 (#not-text-after? @finding "{{loopback-dial}}")
 (#set! rule "go.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "InsecureSkipVerify accepts any certificate, so anyone on the path can impersonate the server. Remove it; for private CAs set RootCAs to a pool with your CA.")
 (#set! fix "go.flip-true"))

((assignment_statement left: (expression_list . (_) @name) right: (expression_list . (_) @value)) @finding
 (#eq? @value "true")
 (#match? @name "\\.InsecureSkipVerify$")
 (#not-text-before? @finding "{{peer-pinned-tls}}")
 (#not-text-after? @finding "\\.(VerifyPeerCertificate|VerifyConnection)\\s*=\\s*(?!nil\\b)[\\w(]|\\.(PeerCert\\w*|PinnedCert\\w*|PeerFingerprint\\w*|CertFingerprint\\w*)\\s*=")
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#not-text-before? @finding "{{loopback-dial}}")
 (#not-text-after? @finding "{{loopback-dial}}")
 (#set! rule "go.crypto.tls-verify-disabled")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "InsecureSkipVerify accepts any certificate, so anyone on the path can impersonate the server. Remove it; for private CAs set RootCAs to a pool with your CA.")
 (#set! fix "go.flip-true"))

; Obsolete protocol versions allowed (CWE-327): tls.Config{MinVersion: tls.VersionTLS10},
; MaxVersion: tls.VersionTLS11, cfg.MinVersion = tls.VersionSSL30. SSL 3.0, TLS 1.0 and 1.1 are
; deprecated (RFC 8996: POODLE, BEAST, SHA-1/MD5 handshakes). Versions from configuration or
; tls.VersionTLS12/13 never match.
((keyed_element
   key: (literal_element (identifier) @key)
   value: (literal_element (selector_expression) @value)) @finding
 (#any-of? @key "MinVersion" "MaxVersion")
 (#resolves-to? @value "^crypto/tls\\.(VersionTLS10|VersionTLS11|VersionSSL30)$")
 (#set! rule "go.crypto.weak-tls-version")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "327")
 (#set! message "TLS 1.0/1.1 and SSL 3.0 are deprecated (RFC 8996) and allow downgrade to broken cipher suites; set MinVersion: tls.VersionTLS12 (or tls.VersionTLS13)."))

((assignment_statement left: (expression_list . (selector_expression field: (field_identifier) @key)) right: (expression_list . (selector_expression) @value)) @finding
 (#any-of? @key "MinVersion" "MaxVersion")
 (#resolves-to? @value "^crypto/tls\\.(VersionTLS10|VersionTLS11|VersionSSL30)$")
 (#set! rule "go.crypto.weak-tls-version")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "327")
 (#set! message "TLS 1.0/1.1 and SSL 3.0 are deprecated (RFC 8996) and allow downgrade to broken cipher suites; set MinVersion: tls.VersionTLS12 (or tls.VersionTLS13)."))

; SSH host key verification turned off (CWE-295), HostKeyCallback: ssh.InsecureIgnoreHostKey(): the
; client accepts any server key, so anyone on the path can impersonate the server (the SSH sibling of
; InsecureSkipVerify, reported like it). Left alone behind an operator's switch (`if cfg.Insecure`,
; `if c.HostKey == ""` falling back when no key is configured) as for TLS.
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#resolves-to? @fn "^golang\\.org/x/crypto/ssh\\.InsecureIgnoreHostKey$")
 (#eq? @args "()")
 (#not-guarded-by? @finding "{{tls-opt-out-switch}}|[Hh]ost_?[Kk]ey|HOST_?KEY|[Kk]nown_?[Hh]osts|KNOWN_?HOSTS")
 (#not-guarded-off? @finding "{{tls-verify-setting}}")
 (#set! rule "go.crypto.ssh-host-key-ignored")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "295")
 (#set! message "ssh.InsecureIgnoreHostKey accepts any server host key, so anyone on the path can impersonate the server. Verify it: knownhosts.New(path) or ssh.FixedHostKey(key).")
 )
