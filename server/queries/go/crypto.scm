; Cryptography in Go: hashing, HMAC, ciphers, KDFs and password hashing, signatures, key
; generation, secure randomness, TLS/X.509/SSH configuration, and math/rand used for secrets.

;; A format check joins a crypto region but makes none: parsing or inspecting a value and keeping
;; only the error, `_, err := bcrypt.Cost(hash)`, `_, err = x509.ParseCertificate(der)`. Nothing
;; is hashed, verified or trusted with the result. (First: of two patterns matching the same node,
;; the earlier one counts.)
([(short_var_declaration
    left: (expression_list . (identifier) @blank)
    right: (expression_list . (call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)))
  (assignment_statement
    left: (expression_list . (identifier) @blank)
    right: (expression_list . (call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)))]
 (#eq? @blank "_")
 (#match? @f "^(Parse[A-Z]?\\w*|Cost|Decode[A-Z]?\\w*)$")
 (#resolves-to? @pkg "^(crypto(/.+)?|golang\\.org/x/crypto/.+|github\\.com/alexedwards/argon2id|github\\.com/go-crypt/crypt(/.+)?|filippo\\.io/.+|github\\.com/cloudflare/circl/.+|lukechampine\\.com/blake3|github\\.com/zeebo/blake3|github\\.com/minio/sha256-simd|github\\.com/ProtonMail/go-crypto/.+|github\\.com/tink-crypto/tink-go(/v\\d+)?/.+)$")
 (#set! evidence "mention")
 (#set! rule "go.crypto.format-check"))

;; cryptobyte reads and writes length-prefixed and ASN.1 byte strings: `input := cryptobyte.String(der)`,
;; `input.ReadASN1(&inner, asn1.SEQUENCE)`, `b.AddUint16LengthPrefixed(…)`. An encoding, not a
;; cryptographic operation: slicing a certificate's TBS bytes or an extension's fields signs, verifies
;; and trusts nothing (round 97, boulder's `tbsDERFromCertDER`, its Merkle-tree entry and proof
;; parsers: judged N). It joins a crypto region but makes none. (First: of two patterns matching the
;; same node, the earlier counts.)
((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^golang\\.org/x/crypto/cryptobyte(/asn1)?$")
 (#set! evidence "mention")
 (#set! rule "go.crypto.encoding"))

;; A TLS name lookup used only as text makes no decision: `fmt.Sprintf("... %s", tls.VersionName(v))`,
;; and a Stringer `func (v TLSVersion) String() string { return tls.VersionName(v.Value) }`. The name
;; only labels a message; comparing it (`case tls.VersionName(tls.VersionTLS13):`, parsing a
;; configured version) still counts. (First: of two patterns matching the same node, the earlier counts.)
;; Any call's argument is text too: a structured logger's `Str("tls.min_version", tls.VersionName(v))`,
;; `names = append(names, tls.CipherSuiteName(id))` (round 56, glauth).
((call_expression
   arguments: (argument_list (call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)))
 (#resolves-to? @pkg "^crypto/tls$")
 (#match? @f "^(VersionName|CipherSuiteName)$")
 (#set! evidence "mention")
 (#set! rule "go.crypto.api"))

((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^crypto/tls$")
 (#match? @f "^(VersionName|CipherSuiteName)$")
 (#unit-name-matches? @trigger "(^|[.\\s])String$")
 (#set! evidence "mention")
 (#set! rule "go.crypto.api"))

;; A parse of the caller's bytes handed straight back, `func ParsePEMBlock(block *pem.Block) …
;; return x509.ParsePKCS8PrivateKey(block.Bytes)`, is format conversion: whether the key is strong or
;; the certificate trusted is decided by the caller that uses the value. (A key the function decodes
;; from its own literal is still a region.)
((return_statement
   (expression_list . (call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger) .))
 (#match? @f "^Parse[A-Z]\\w*$")
 (#resolves-to? @pkg "^(crypto(/.+)?|golang\\.org/x/crypto/.+)$")
 (#parses-parameter? @trigger)
 (#set! evidence "mention")
 (#set! rule "go.crypto.format-check"))

; A certificate's signature checked against its issuer's key, `bRoot.cert.CheckSignatureFrom(a.cert)`,
; `csr.CheckSignature()`, `crl.CheckSignatureFrom(issuer)`, on a certificate held in a field or a
; local whose type the engine does not know (round 101, cert-manager's chain ordering: unmarked): the
; check decides which certificate is trusted as the issuer. In a file that imports crypto/x509.
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#any-of? @f "CheckSignatureFrom" "CheckSignature" "CheckCRLSignature")
 (#not-resolves-to? @recv ".")
 (#imports? "^crypto/x509$")
 (#set! rule "go.crypto.signature-check"))

;; Key and certificate format conversion, `x509.MarshalPKCS8PrivateKey(key)` into a PEM block,
;; `tls.X509KeyPair(certPEM, keyPEM)` from base64 configuration, chooses no algorithm, key size or
;; curve and signs or verifies nothing: a mention. A unit that then verifies, signs or trusts what it
;; made (`cert.Verify(opts)`, `pool.AddCert(cert)`, `CheckSignature`, a `Certificates:`/`RootCAs:`
;; field, a handshake's GetCertificate) keeps the call as an operation. (Parsing stays an operation:
;; a parsed CA certificate or signing key is the trust anchor the unit loads, judged so in rounds 2-9.)
;; (First: of two patterns matching the same node, the earlier one counts.)
((call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#resolves-to? @pkg "^crypto/(x509|tls)$")
 (#match? @f "^(Marshal(PKCS1|PKCS8|PKIX|EC)\\w*|X509KeyPair|LoadX509KeyPair)$")
 (#not-text-before? @trigger "{{certificate-trust-use}}")
 (#not-text-after? @trigger "{{certificate-trust-use}}")
 (#set! evidence "mention")
 (#set! rule "go.crypto.format-check"))

;; Parsing a certificate and no more, `x509.ParseCertificate(der)` to read its fields, re-encode it or
;; hand it on (PEM decode helpers, a stored certificate read back): nothing is verified, pinned or
;; trusted in the unit. Certificates alone were judged N twenty times against none Y (authelia,
;; smallstep, portainer, syncthing, round 39: caddy's helpers); a unit that trusts what it parsed
;; (verifies it, pools it, puts it in a TLS config, compares it with a pinned one: `.Equal`) keeps the
;; parse as an operation, and so does one that loads a trust anchor (a CA or root certificate, a
;; SAML or SNS signing certificate: supabase's SAMLConfiguration, listmonk's SES.getCert, dex's SAML
;; connector, judged Y); parsed private keys and revocation lists stay operations. (Not public keys:
;; `x509.ParsePKIXPublicKey` loads the key a webhook or token is verified with in another function, judged
;; Y in listmonk, hanko, oauth2-proxy and cerbos; rekor's parse-only `NewPublicKey`, N in round 95, stays.)
((call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#resolves-to? @pkg "^crypto/x509$")
 (#match? @f "^ParseCertificates?$")
 (#not-text-before? @trigger "{{certificate-trust-use}}|\\.Equal\\b|{{trust-anchor-word}}")
 (#not-text-after? @trigger "{{certificate-trust-use}}|\\.Equal\\b|{{trust-anchor-word}}")
 (#set! evidence "mention")
 (#set! rule "go.crypto.format-check"))

;; The SSH wire format and public-key text, `ssh.Unmarshal(payload, &req)` of a channel request,
;; `ssh.Marshal(msg)`, `ssh.MarshalAuthorizedKey(key)` into a log field or a stored row,
;; `ssh.ParseAuthorizedKey(data)` then `ssh.FingerprintSHA256(key)` as the key's id: parsing and
;; printing public data, judged N eleven times (frp's forwarding payloads, soft-serve's helpers,
;; smallstep's certificate posts, seaweedfs' user loading; round 94: shellhub's key and identity
;; records, its session events). A unit that decides with the key keeps the call as an operation: it
;; checks the key type against a policy (harness's allowed algorithms, round 45: Y), compares keys, or
;; verifies a signature or certificate. (First: of two patterns matching the same node, the earlier counts.)
((call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#resolves-to? @pkg "^golang\\.org/x/crypto/ssh$")
 (#match? @f "^(Marshal|Unmarshal|MarshalAuthorizedKey|ParseAuthorizedKey|ParsePublicKey|FingerprintSHA256|FingerprintLegacyMD5)$")
 (#not-text-before? @trigger "{{ssh-key-decision}}")
 (#not-text-after? @trigger "{{ssh-key-decision}}")
 (#set! evidence "mention")
 (#set! rule "go.crypto.format-check"))

;; A public key's digest used as its name, `keyHash := sha256.Sum256(canonicalKey)` as a search-index key,
;; `sha256.Sum256(pubKeyBytes)` cut to a key hint (round 95, rekor: four judged N, like opengist's SSH key
;; fingerprint in round 81): a hash of public data, no secret and no check. Compared or pinned, the
;; digest stays an operation.
((call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) @v .))
 (#resolves-to? @pkg "^crypto/(sha256|sha512|sha1|md5)$")
 (#match? @f "^Sum(256|512|224|384)?$")
 (#match? @v "^([Pp]ub(lic)?_?[Kk]ey\\w*|[Cc]anonical\\w*[Kk]ey\\w*|\\w*\\.RawSubjectPublicKeyInfo)$")
 (#not-text-before? @trigger "[Pp]in(ned|s)?\\b|subtle\\.|hmac\\.Equal|bytes\\.Equal")
 (#not-text-after? @trigger "[Pp]in(ned|s)?\\b|subtle\\.|hmac\\.Equal|bytes\\.Equal|\\s==\\s|\\s!=\\s")
 (#set! evidence "mention")
 (#set! rule "go.crypto.format-check"))

;; The digest of a SQL statement's text naming its prepared statement or cache entry, `digest :=
;; sha256.Sum256([]byte(sql))` (round 108, pgx's Conn.Prepare): a hash of public text as a name.
((call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) @v .))
 (#resolves-to? @pkg "^crypto/(sha256|sha512|sha1|md5)$")
 (#match? @f "^Sum(256|512|224|384)?$")
 (#match? @v "^\\[\\]byte\\((sql|query|stmt|statement|sqlText|queryText)\\)$")
 (#set! evidence "mention")
 (#set! rule "go.crypto.format-check"))

;; The zero value of a crypto type returned beside an error, `return tls.Certificate{}, err`, sets
;; nothing: a mention.
((return_statement (expression_list . (composite_literal type: (qualified_type package: (package_identifier) @pkg) @trigger body: (literal_value) @body)))
 (#resolves-to? @pkg "^(crypto/.+|golang\\.org/x/crypto/.+)$")
 (#match? @body "^\\{\\s*\\}$")
 (#set! evidence "mention")
 (#set! rule "go.crypto.config-literal"))

; subtle.ConstantTimeCompare / hmac.Equal compare (a timing operation, go/timing.scm), they compute
; nothing: a mention here, so a compare the timing rules leave out (of an issuer or audience) makes
; no crypto region either. (First: of two patterns matching the same node, the earlier counts.)
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^crypto/(subtle|hmac)$")
 (#match? @f "^(ConstantTime\\w+|Equal)$")
 (#set! evidence "mention")
 (#set! rule "go.crypto.api"))

;; An empty certificate pool made as a placeholder, grpcTLSCertPool.Store(x509.NewCertPool()) in
;; init: no certificate is added to it and it is not put into a TLS config in the unit, so nothing
;; is trusted here; the function that fills the pool is the decision. (First: of two patterns
;; matching the same node, the earlier counts.)
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#eq? @f "NewCertPool")
 (#resolves-to? @pkg "^crypto/x509$")
 (#not-text-after? @trigger "\\.(AddCert|AppendCertsFromPEM)\\(|RootCAs|ClientCAs|VerifyOptions|Roots:|tls\\.")
 (#not-text-before? @trigger "\\.(AddCert|AppendCertsFromPEM)\\(|RootCAs|ClientCAs|tls\\.")
 (#set! evidence "mention")
 (#set! rule "go.crypto.api"))

;; NATS nkeys (ed25519 keys of users, accounts and servers): nkeys.FromPublicKey(c.opts.Nkey) then
;; pub.Verify(c.nonce, sig) is the challenge-signature check of a client's login; nkeys.FromSeed,
;; nkeys.CreateAccount, kp.Sign make or use a private key (round 65, nats-server). Not the format checks
;; (nkeys.IsValidPublicUserKey, nkeys.Prefix): they read a prefix byte.
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#match? @f "^(FromPublicKey|FromSeed|FromRawSeed|FromCurveSeed|ParseDecorated\\w*|Create[A-Z]\\w*|Encode\\w*Seed|CreatePair)$")
 (#resolves-to? @pkg "^github\\.com/nats-io/nkeys$")
 (#set! rule "go.crypto.api"))

;; A TLS config built elsewhere handed on: `ln = tls.NewListener(ln, tlsConfig)`, `tls.Listen(network, addr,
;; s.tlsConfig)`, `tls.DialWithDialer(d, "tcp", addr, cfg)`, `tls.Dialer{NetDialer: d, Config: cfg}` (round
;; 106: echo's and fiber's listeners and websocket proxy; 23 of 32 such units judged N over all rounds,
;; pocket-id, headscale, glauth, frp, traefik, boundary among them). The config's fields are chosen where it
;; is built. A unit that builds, clones or adjusts one (a tls.Config literal, `.Clone()`, GetCertificate,
;; InsecureSkipVerify, MinVersion, ServerName, client CAs) or calls a function for it keeps the call.
;; (First: of two patterns matching the same node, the earlier counts.)
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list [(identifier) (selector_expression)] @cfg .))
 (#resolves-to? @pkg "^crypto/tls$")
 (#any-of? @f "NewListener" "Listen" "Dial" "DialWithDialer" "Server" "Client")
 (#match? @cfg "(^|\\.)_?[A-Za-z]*([Tt]ls|TLS)[A-Za-z]*([Cc]onfig|[Cc]onf|[Cc]fg)?$|(^|\\.)(cfg|config|conf)$")
 (#not-text-before? @trigger "{{tls-config-decision}}")
 (#not-text-after? @trigger "{{tls-config-decision}}")
 (#set! evidence "mention")
 (#set! rule "go.crypto.api"))

((composite_literal type: (qualified_type package: (package_identifier) @pkg name: (type_identifier) @t) @trigger body: (literal_value) @body)
 (#resolves-to? @pkg "^crypto/tls$")
 (#eq? @t "Dialer")
 (#match? @body "^\\{\\s*((NetDialer:\\s*[\\w.&]+(\\{\\})?,\\s*)?Config:\\s*[\\w.]+,?|Config:\\s*[\\w.]+,\\s*NetDialer:\\s*[\\w.&]+(\\{\\})?,?)\\s*\\}$")
 (#not-text-before? @trigger "{{tls-config-decision}}")
 (#not-text-after? @trigger "{{tls-config-decision}}")
 (#set! evidence "mention")
 (#set! rule "go.crypto.config-literal"))

;; crypto/rand used for backoff jitter or a multipart boundary (round 106, fiber's retry addon and HTTP
;; client): a random number no one must guess. A function that also makes a token, key, nonce, salt,
;; password or session id keeps it. (First: of two patterns matching the same node, the earlier counts.)
((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^crypto/rand$")
 (#unit-name-matches? @trigger "[Jj]itter|[Bb]ackoff|[Bb]oundary|^(next|Next)$")
 (#text-after? @trigger "[Jj]itter|[Bb]ackoff|[Bb]oundary|[Dd]elay|[Ii]nterval")
 (#not-text-before? @trigger "[Tt]oken|[Ss]ecret|[Kk]ey\\b|[Nn]once|[Ss]alt|[Pp]assw|[Ss]ession|[Cc]srf|CSRF|[Oo]tp|OTP|[Cc]ode\\b|[Ii][Vv]\\b")
 (#not-text-after? @trigger "[Tt]oken|[Ss]ecret|[Kk]ey\\b|[Nn]once|[Ss]alt|[Pp]assw|[Ss]ession|[Cc]srf|CSRF|[Oo]tp|OTP|[Cc]ode\\b|[Ii][Vv]\\b")
 (#set! evidence "mention")
 (#set! rule "go.crypto.api"))

;; A KMS wrapper encrypting or decrypting (hashicorp/go-kms-wrapping: `wrapper.Decrypt(ctx, blob, aad)`
;; unwrapping a keyring's root key, round 105 nomad): the key material's protection.
((call_expression function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger)
 (#any-of? @f "Encrypt" "Decrypt")
 (#not-resolves-to? @recv ".")
 (#imports? "^github\\.com/hashicorp/go-kms-wrapping(/v\\d+)?(/.+)?$")
 (#set! rule "go.crypto.api"))

;; Packages under a crypto path that do no cryptography: `terminal.IsTerminal(fd)` and
;; `terminal.ReadPassword` from golang.org/x/crypto/ssh/terminal (a tty helper, now golang.org/x/term),
;; `fips140.Enabled()` / `fips140.Enforced()` read to print the agent's mode or label a metric (round
;; 105, nomad's CLI colours and agent info: judged N; nats's and nebula's mode queries, five more). A
;; mention, unless the mode refuses something right there: `if fips140.Enforced() { return
;; errors.New("use of Curve25519 is not allowed in FIPS 140-only mode") }` (nebula's keygen, nomad's
;; SHA-1 key-id header check: judged Y). (First: of two patterns matching the same node, the earlier
;; counts.)
((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^golang\\.org/x/crypto/ssh/terminal$")
 (#set! evidence "mention")
 (#set! rule "go.crypto.api"))

((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^crypto/fips140$")
 (#not-text-after? @trigger "^\\(\\)[^{\\n]*\\{\\s*return\\s+(nil,\\s*)?(errors\\.New|fmt\\.Errorf|[Ee]rr[A-Z]\\w*)")
 (#set! evidence "mention")
 (#set! rule "go.crypto.api"))

;; A struct's content hash: `func (a *TaskArtifact) Hash() string { h, _ := blake2b.New256(nil);
;; h.Write([]byte(a.GetterSource)) … }`, `func (r *ACLBindingRule) SetHash() []byte`, a service's
;; `HashWith(key)` for rendezvous selection (round 105, nomad: three judged N; dendrite's state-block
;; keys, asynq's periodic-task config, telemetry anonymisers before: nine more). A digest of public
;; fields used as an id or a change detector; no secret is hashed and nothing is verified. A method
;; that hashes a password, a secret, a token or a key, or feeds a signature, keeps the call. (First:
;; of two patterns matching the same node, the earlier counts.)
((selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
 (#resolves-to? @pkg "^(crypto/(sha1|sha256|sha512|md5)|golang\\.org/x/crypto/(blake2b|blake2s|sha3)|lukechampine\\.com/blake3)$")
 (#match? @f "^(New\\w*|Sum\\w*)$")
 (#unit-name-matches? @trigger "^(Set|Compute|compute|Calc|calc|Get|get)?([Hh]ash|[Cc]hecksum)(With|String|Of)?$")
 ; (Data is hashed here: a method that only returns the constructor, `func (sha256Algo) Hash()
 ; hash.Hash { return sha256.New() }`, picks an algorithm: kafka-go's SCRAM mechanisms, judged Y.)
 (#text-after? @trigger "^\\(\\s*[^)\\s]|\\.Write\\(")
 (#not-text-before? @trigger "[Pp]assw(or)?d|[Ss]ecret|[Tt]oken|[Ss]ign|[Kk]ey\\b|[Ss]alt|[Cc]ookie|[Rr]edact|[Nn]once|HMAC|[Hh]mac|bcrypt|scram|SCRAM")
 (#not-text-after? @trigger "[Pp]assw(or)?d|[Ss]ecret|[Tt]oken|[Ss]ign|[Kk]ey\\b|[Ss]alt|[Cc]ookie|[Rr]edact|[Nn]once|HMAC|[Hh]mac|bcrypt|scram|SCRAM|subtle\\.|\\s[!=]=\\s(?!nil\\b)")
 (#set! evidence "mention")
 (#set! rule "go.crypto.api"))

; Any use of a crypto package member: sha256.Sum256, hmac.New, aes.NewCipher, rsa.SignPSS,
; rand.Read (crypto/rand), tls.Dial, x509.ParseCertificate, bcrypt.GenerateFromPassword,
; chacha20poly1305.New, crypto.SHA256 ...
((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^(crypto(/.+)?|golang\\.org/x/crypto/.+|github\\.com/alexedwards/argon2id|github\\.com/go-crypt/crypt(/.+)?|filippo\\.io/.+|github\\.com/cloudflare/circl/.+|lukechampine\\.com/blake3|github\\.com/zeebo/blake3|github\\.com/minio/sha256-simd|github\\.com/ProtonMail/go-crypto/.+|github\\.com/tink-crypto/tink-go(/v\\d+)?/.+)$")
 (#not-incidental-use? @trigger)
 (#called? @trigger)
 (#set! rule "go.crypto.api"))

; The same members used as values (constants such as tls.VersionTLS13, x509.KeyUsageDigitalSignature,
; crypto.SHA256; types in reflect.TypeOf) are mentions: they join a region but make none.
((selector_expression operand: (identifier) @pkg) @trigger
 (#resolves-to? @pkg "^(crypto(/.+)?|golang\\.org/x/crypto/.+|github\\.com/alexedwards/argon2id|github\\.com/go-crypt/crypt(/.+)?|filippo\\.io/.+|github\\.com/cloudflare/circl/.+|lukechampine\\.com/blake3|github\\.com/zeebo/blake3|github\\.com/minio/sha256-simd|github\\.com/ProtonMail/go-crypto/.+|github\\.com/tink-crypto/tink-go(/v\\d+)?/.+)$")
 (#not-incidental-use? @trigger)
 (#not-called? @trigger)
 (#set! evidence "mention")
 (#set! rule "go.crypto.api"))

;; A certificate signing request template, `x509.CertificateRequest{Subject: ..., DNSNames: ...}`,
;; is what is asked for: the signing is x509.CreateCertificateRequest and what is issued is the CA's
;; decision. A mention, like the subject in it.
((composite_literal type: (qualified_type package: (package_identifier) @pkg name: (type_identifier) @t) @trigger)
 (#resolves-to? @pkg "^crypto/x509$")
 (#eq? @t "CertificateRequest")
 (#set! evidence "mention")
 (#set! rule "go.crypto.config-literal"))

;; A certificate subject, `pkix.Name{CommonName: ..., Organization: ...}`, is identity text: it
;; joins a region (the certificate template around it) but makes none.
((composite_literal type: (qualified_type package: (package_identifier) @pkg name: (type_identifier) @t) @trigger)
 (#resolves-to? @pkg "^crypto/x509/pkix$")
 (#eq? @t "Name")
 (#set! evidence "mention")
 (#set! rule "go.crypto.config-literal"))

;; x/crypto/ssh's Permissions{...} is what an authentication callback hands back (the user's
;; extensions and critical options): an auth result, no key, cipher or algorithm (round 58,
;; pufferpanel's SFTP password callback). A mention (first: it takes the node).
((composite_literal type: (qualified_type package: (package_identifier) @pkg name: (type_identifier) @t) @trigger)
 (#resolves-to? @pkg "^golang\\.org/x/crypto/ssh$")
 (#eq? @t "Permissions")
 (#set! evidence "mention")
 (#set! rule "go.crypto.config-literal"))

; Composite literals of crypto types: tls.Config{...}, x509.Certificate{...}, pkix.Name{...},
; ssh.ClientConfig{...}
((composite_literal type: (qualified_type package: (package_identifier) @pkg) @trigger)
 (#resolves-to? @pkg "^(crypto/.+|golang\\.org/x/crypto/.+)$")
 (#set! rule "go.crypto.config-literal"))

; Sealing or opening with an AEAD, a.Seal(nonce, nonce, plaintext, aad), a.Open(nil, nonce,
; ciphertext, aad): the four-argument cipher.AEAD methods, whichever constructor (chacha20poly1305,
; aes.NewGCM, or the project's own aead.New(key)) made the value. Nonce reuse or a missing
; associated-data binding breaks the encryption here. Not a call whose first argument is a context
; (`v.Meta.Open(ctx, ino, flags, attr)`, juicefs' inode open; round 89): an AEAD takes none.
((call_expression
   function: (selector_expression operand: (_) @recv field: (field_identifier) @f) @trigger
   arguments: (argument_list . (_) @first . (_) . (_) . (_) .))
 (#any-of? @f "Seal" "Open")
 (#not-resolves-to? @recv ".")
 (#not-match? @first "^(ctx|[a-z]\\w*Ctx|context\\.\\w+\\(\\)|\\w+\\.Context\\(\\))$")
 (#set! rule "go.crypto.aead-method"))

;; A websocket library's `AcceptOptions{InsecureSkipVerify: true}` (coder/websocket, nhooyr.io/websocket)
;; skips the Origin check of a browser's upgrade request, not a certificate check (round 71, inngest's
;; realtime API): no crypto. A mention (first: of two patterns matching the same node, the earlier
;; one counts); cross-origin access is an auth question for the handler around it.
((composite_literal
   type: (qualified_type package: (package_identifier) @pkg name: (type_identifier) @t)
   body: (literal_value (keyed_element key: (literal_element (identifier) @trigger))))
 (#eq? @trigger "InsecureSkipVerify")
 (#eq? @t "AcceptOptions")
 (#resolves-to? @pkg "^(github\\.com/coder/websocket|nhooyr\\.io/websocket)$")
 (#set! evidence "mention")
 (#set! rule "go.crypto.insecure-skip-verify"))

; Certificate verification switched off, wherever it is set. A value copied from configuration,
; `InsecureSkipVerify: s.SMTP.InsecureSkipVerify`, `cfg.InsecureSkipVerify = opts.Insecure`, is the
; operator's switch handed on: it joins a region but makes none (the literal `true`, or a value the
; code computes, `InsecureSkipVerify: host == "localhost"`, still does). (First: of two patterns
; matching the same node, the earlier one counts.)
((keyed_element
   key: (literal_element (identifier) @trigger)
   value: (literal_element [(identifier) (selector_expression)]))
 (#eq? @trigger "InsecureSkipVerify")
 (#set! evidence "mention")
 (#set! rule "go.crypto.insecure-skip-verify"))

((keyed_element key: (literal_element (identifier) @trigger))
 (#eq? @trigger "InsecureSkipVerify")
 (#set! rule "go.crypto.insecure-skip-verify"))

((assignment_statement
   left: (expression_list . (selector_expression field: (field_identifier) @f) @trigger .)
   right: (expression_list . [(identifier) (selector_expression)] .))
 (#eq? @f "InsecureSkipVerify")
 (#set! evidence "mention")
 (#set! rule "go.crypto.insecure-skip-verify"))

((assignment_statement
   left: (expression_list . (selector_expression field: (field_identifier) @f) @trigger .))
 (#eq? @f "InsecureSkipVerify")
 (#set! rule "go.crypto.insecure-skip-verify"))

; Reading the setting (`if cfg.InsecureSkipVerify {`, a value copied into a literal) is a mention.
((selector_expression field: (field_identifier) @f) @trigger
 (#eq? @f "InsecureSkipVerify")
 (#set! evidence "mention")
 (#set! rule "go.crypto.insecure-skip-verify"))

; math/rand producing a secret: token := rand.Int63(), otp := fmt.Sprintf("%06d", rand.Intn(1e6))
((short_var_declaration
   left: (expression_list (identifier) @name)
   right: (expression_list
     [(call_expression function: (selector_expression operand: (identifier) @pkg) @trigger)
      (call_expression arguments: (argument_list (call_expression function: (selector_expression operand: (identifier) @pkg) @trigger)))]))
 (#resolves-to? @pkg "^math/rand(/v2)?$")
 (#match? @name "([Tt]oken|TOKEN|[Ss]ecret|SECRET|[Nn]once|NONCE|[Ss]alt|SALT|[Pp]assw(or)?d|PASSW(OR)?D|[Pp]asscode|[Oo]tp($|[A-Z_])|OTP|[Cc]srf|CSRF|(^|_|[a-z])Key|^key|_key|KEY|[Ss]ession[Ii][Dd]|SESSION_?ID|[Vv]erifier|^[Ii][Vv]$|IV$|[Pp]in[Cc]ode|[Rr]eset[Cc]ode|[Vv]erification[Cc]ode|[Aa]uth[Cc]ode)")
 (#set! rule "go.crypto.math-rand-secret"))

((assignment_statement
   left: (expression_list [(identifier) (selector_expression field: (field_identifier))] @name)
   right: (expression_list
     [(call_expression function: (selector_expression operand: (identifier) @pkg) @trigger)
      (call_expression arguments: (argument_list (call_expression function: (selector_expression operand: (identifier) @pkg) @trigger)))]))
 (#resolves-to? @pkg "^math/rand(/v2)?$")
 (#match? @name "([Tt]oken|TOKEN|[Ss]ecret|SECRET|[Nn]once|NONCE|[Ss]alt|SALT|[Pp]assw(or)?d|PASSW(OR)?D|[Pp]asscode|[Oo]tp($|[A-Z_])|OTP|[Cc]srf|CSRF|(^|_|[a-z.])Key|(^|\\.)key|_key|KEY|[Ss]ession[Ii][Dd]|SESSION_?ID|[Vv]erifier|(^|\\.)[Ii][Vv]$|IV$|[Pp]in[Cc]ode|[Rr]eset[Cc]ode|[Vv]erification[Cc]ode|[Aa]uth[Cc]ode)")
 (#set! rule "go.crypto.math-rand-secret"))

((var_spec
   name: (identifier) @name
   value: (expression_list
     [(call_expression function: (selector_expression operand: (identifier) @pkg) @trigger)
      (call_expression arguments: (argument_list (call_expression function: (selector_expression operand: (identifier) @pkg) @trigger)))]))
 (#resolves-to? @pkg "^math/rand(/v2)?$")
 (#match? @name "([Tt]oken|TOKEN|[Ss]ecret|SECRET|[Nn]once|NONCE|[Ss]alt|SALT|[Pp]assw(or)?d|PASSW(OR)?D|[Pp]asscode|[Oo]tp($|[A-Z_])|OTP|[Cc]srf|CSRF|(^|_|[a-z])Key|^key|_key|KEY|[Ss]ession[Ii][Dd]|SESSION_?ID|[Vv]erifier|^[Ii][Vv]$|IV$|[Pp]in[Cc]ode|[Rr]eset[Cc]ode|[Vv]erification[Cc]ode|[Aa]uth[Cc]ode)")
 (#set! rule "go.crypto.math-rand-secret"))

; Session{Token: rand.Int63()}
((keyed_element
   key: (literal_element (identifier) @name)
   value: (literal_element
     [(call_expression function: (selector_expression operand: (identifier) @pkg) @trigger)
      (call_expression arguments: (argument_list (call_expression function: (selector_expression operand: (identifier) @pkg) @trigger)))]))
 (#resolves-to? @pkg "^math/rand(/v2)?$")
 (#match? @name "([Tt]oken|TOKEN|[Ss]ecret|SECRET|[Nn]once|NONCE|[Ss]alt|SALT|[Pp]assw(or)?d|PASSW(OR)?D|[Pp]asscode|[Oo]tp($|[A-Z_])|OTP|[Cc]srf|CSRF|(^|_|[a-z])Key|^key|_key|KEY|[Ss]ession[Ii][Dd]|SESSION_?ID|[Vv]erifier|^[Ii][Vv]$|IV$|[Pp]in[Cc]ode|[Rr]eset[Cc]ode|[Vv]erification[Cc]ode|[Aa]uth[Cc]ode)")
 (#set! rule "go.crypto.math-rand-secret"))

; math/rand filling a secret buffer: rand.Read(nonce), mrand.Read(key[:])
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list . [(identifier) (selector_expression) (slice_expression operand: (_))] @name))
 (#resolves-to? @pkg "^math/rand(/v2)?$")
 (#eq? @f "Read")
 (#match? @name "([Tt]oken|TOKEN|[Ss]ecret|SECRET|[Nn]once|NONCE|[Ss]alt|SALT|[Pp]assw(or)?d|PASSW(OR)?D|[Pp]asscode|[Oo]tp($|[A-Z_\\[])|OTP|[Cc]srf|CSRF|(^|_|[a-z.])Key|(^|\\.)key|_key|KEY|[Ss]ession[Ii][Dd]|SESSION_?ID|[Vv]erifier|(^|\\.)[Ii][Vv]($|\\[)|IV($|\\[)|[Pp]in[Cc]ode|[Rr]eset[Cc]ode|[Vv]erification[Cc]ode|[Aa]uth[Cc]ode)")
 (#set! rule "go.crypto.math-rand-secret"))

; Reading the system's secure random source through io: io.ReadFull(rand.Reader, key),
; io.ReadAtLeast(rand.Reader, nonce, n): the same operation as rand.Read(key) (crypto/rand's own
; Read is io.ReadFull(Reader, b)), where rand.Reader alone is only a value (a mention).
((call_expression
   function: (selector_expression operand: (identifier) @io field: (field_identifier) @f) @trigger
   arguments: (argument_list . (selector_expression operand: (identifier) @pkg field: (field_identifier) @r)))
 (#resolves-to? @io "^io$")
 (#any-of? @f "ReadFull" "ReadAtLeast")
 (#resolves-to? @pkg "^crypto/rand$")
 (#eq? @r "Reader")
 (#set! rule "go.crypto.secure-random-read"))

;; A webhook's signature checked through its provider's library: go-github's
;; `github.ValidatePayload(r, secret)` (round 59, go-vela's VerifyWebhook), stripe-go's
;; `webhook.ConstructEvent(payload, header, secret)` (round 54): the HMAC verification of what a
;; third party posts, done by the library. (Not one given an empty secret, `ValidatePayloadFromBody(ct,
;; body, "", nil)`: that only reads the body.)
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger
   arguments: (argument_list) @args)
 (#not-match? @args "\"\"|\\[\\]byte\\(\"\"\\)")
 (#resolves-to? @pkg "^(github\\.com/google/go-github(/v\\d+)?/github|github\\.com/stripe/stripe-go(/v\\d+)?/webhook)$")
 (#match? @f "^(ValidatePayload|ValidatePayloadFromBody|ValidateSignature|ConstructEvent|ConstructEventWithOptions|ValidatePayloadWithTolerance|ValidatePayloadIgnoringTolerance)$")
 (#set! rule "go.crypto.webhook-signature"))

; Round 95 (rekor): a transparency log's own cryptography through sigstore and transparency-dev:
; `proof.VerifyInclusion(rfc6962.DefaultHasher, index, size, leafHash, hashes, rootHash)` (the
; Merkle inclusion check every client trusts), `signature.LoadVerifier(pub, crypto.SHA256)`, and the
; sigstore signer and verifier methods, `signer.SignMessage(r, …)` (the log's signed entry
; timestamp), `verifier.VerifySignature(sig, msg)`.
((call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @f) @trigger)
 (#resolves-to? @pkg "^(github\\.com/transparency-dev/merkle(/.+)?|github\\.com/sigstore/sigstore/pkg/(signature|cryptoutils)(/.+)?|github\\.com/google/trillian/merkle(/.+)?)$")
 (#match? @f "^(Verify\\w*|Load\\w*(Verifier|Signer)\\w*|New\\w*(Verifier|Signer)\\w*|Sign\\w*|Generate\\w*Key\\w*|Unmarshal\\w*PublicKey\\w*|Marshal\\w*PrivateKey\\w*)$")
 (#set! rule "go.crypto.api"))

((call_expression function: (selector_expression field: (field_identifier) @f) @trigger)
 (#any-of? @f "SignMessage" "VerifySignature")
 (#imports? "^github\\.com/sigstore/sigstore/pkg/signature(/.+)?$")
 (#set! rule "go.crypto.api"))
