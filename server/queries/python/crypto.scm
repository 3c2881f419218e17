; Cryptography in Python: hashlib, hmac, secrets, os.urandom, cryptography, PyCryptodome,
; bcrypt, passlib, argon2, ssl, and the `random` module used to make secrets.

;; Bookkeeping randomness joins a crypto region but makes none (these come first: of two patterns
;; matching the same call, the earlier one counts):
; a short random suffix, secrets.token_hex(4) / token_hex(nbytes=4): 32 bits or fewer is too short
; for any secret (a unique file name); codes people type (token_hex(6)) still count;
((call
   function: [(identifier) (attribute)] @trigger
   arguments: (argument_list . [(integer) @n (keyword_argument value: (integer) @n)]))
 (#resolves-to? @trigger "^secrets\\.(token_bytes|token_hex|token_urlsafe)$")
 (#match? @n "^[1-4]$")
 (#set! evidence "mention")
 (#set! rule "python.crypto.random-id"))

; an OAuth `state` parameter, state = token_urlsafe() / token_urlsafe().lower(): a per-request value
; the callback compares with the session copy (integration set-up views, not secret generation).
((assignment
   left: (identifier) @name
   right: [(call function: [(identifier) (attribute)] @trigger)
           (call function: (attribute object: (call function: [(identifier) (attribute)] @trigger)))])
 (#match? @name "^([a-z_]+_)?state$")
 (#resolves-to? @trigger "^secrets\\.(token_bytes|token_hex|token_urlsafe)$")
 (#set! evidence "mention")
 (#set! rule "python.crypto.oauth-state"))

;; X.509 value objects join a crypto region but make none: a general name, an OID, a name
;; attribute, a SAN or extended-key-usage extension built from names the request or the CSR already
;; holds (`x509.DNSName(cn)`, `x509.oid.ObjectIdentifier("1.3.6.1.5.5.7.3.14")`,
;; `x509.SubjectAlternativeName(names)`). What signs, verifies, generates a key or sets CA-ness (`BasicConstraints`,
;; `KeyUsage`, the builders, `.sign()`) stays an operation.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^cryptography\\.(x509\\.(oid\\.)?(ObjectIdentifier|DNSName|IPAddress|UniformResourceIdentifier|RFC822Name|DirectoryName|RegisteredID|OtherName|GeneralNames|SubjectAlternativeName|IssuerAlternativeName|Extension|ExtendedKeyUsage|Name|NameAttribute|RelativeDistinguishedName|AccessDescription|AuthorityInformationAccess|TLSFeature|CRLNumber|DeltaCRLIndicator|InhibitAnyPolicy|Admissions|Admission|NamingAuthority|ProfessionInfo|CertificatePolicies|PolicyInformation|UserNotice|NoticeReference|CRLDistributionPoints|FreshestCRL|DistributionPoint|SubjectInformationAccess|OCSPNoCheck|PrecertPoison|MSCertificateTemplate|UnrecognizedExtension|Name\\.from_rfc4514_string))$")
 (#set! evidence "mention")
 (#set! rule "python.crypto.x509-value"))

;; Parsing a CSR or a CRL and no more joins a crypto region but makes none, as a certificate's parse
;; does below: `x509.load_der_x509_csr(der)` to read the names an ACME order asks for (judged N: certbot
;; `new_order`, `read_csr_file`, lemur `get_sans_from_csr`; round 73 django-ca `parse_acme_csr`). A unit
;; that checks its signature (`is_signature_valid`), signs, verifies or trusts keeps the call.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^cryptography\\.x509\\.load_(pem|der)_x509_(csr|crl)$")
 (#not-text-before? @trigger "{{certificate-trust-use}}|is_signature_valid|\\.sign\\(")
 (#not-text-after? @trigger "{{certificate-trust-use}}|is_signature_valid|\\.sign\\(")
 (#set! evidence "mention")
 (#set! rule "python.crypto.x509-value"))

;; ... and so does loading public certificates only to re-encode them (PKCS#7 or a PEM bundle from an
;; API turned into PEM strings: `pkcs7.load_pem_pkcs7_certificates(b)` then `cert.public_bytes(
;; Encoding.PEM)`), in a function that touches no key, signature, fingerprint or validity period.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^cryptography\\.(x509\\.load_(pem|der)_x509_certificates?|hazmat\\.primitives\\.serialization\\.pkcs7\\.load_(pem|der)_pkcs7_certificates)$")
 (#text-after? @trigger "\\.public_bytes\\(")
 (#not-text-after? @trigger "public_key|private|verify|sign|fingerprint|not_valid|crypt|hmac|digest")
 (#not-text-before? @trigger "public_key|private|verify|sign|fingerprint|not_valid|crypt|hmac|digest")
 (#set! evidence "mention")
 (#set! rule "python.crypto.certificate-format"))

;; ... and so does parsing a public certificate and no more (`Cert.from_pem`: `cert =
;; x509.load_pem_x509_certificate(data); return cls(cert)`, a chain file read into a list): nothing is
;; verified, signed or trusted in the unit (round 39, mitmproxy's certificate wrapper; as Go's
;; certificate parsers). A unit that verifies, pins, pools or signs with it, or reads its validity or
;; fingerprint, keeps the call as an operation. So does a key taken straight from it, `load_pem_x509_certificate(pem,
;; default_backend()).public_key()`: a provider's token-signing key looked up (django-allauth's
;; `lookup_kid_pem_x509_certificate`, judged Y in round 16).
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^cryptography\\.x509\\.load_(pem|der)_x509_certificates?$")
 (#not-text-before? @trigger "{{certificate-trust-use}}")
 (#not-text-after? @trigger "{{certificate-trust-use}}")
 (#not-text-after? @trigger "^\\s*\\((?:[^()]|\\((?:[^()]|\\([^()]*\\))*\\))*\\)\\s*\\.public_key\\(")
 (#set! evidence "mention")
 (#set! rule "python.crypto.certificate-format"))

;; ... and so does the unkeyed digest inside a small generic hash helper, `def sha256(p): return
;; hashlib.sha256(p.encode()).hexdigest()`: what it protects is decided by its callers (a run id, a
;; cache key, an anonymous install id), not by the three lines that spell the algorithm. A helper
;; whose name, class, parameters or code say key, secret, password, token, salt or HMAC stays.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^hashlib\\.(md5|sha1|sha224|sha256|sha384|sha512|sha3_\\w+|blake2[bs]|new)$")
 (#hash-wrapper? @trigger)
 (#set! evidence "mention")
 (#set! rule "python.crypto.hash-wrapper"))

;; Django's get_random_string (django.utils.crypto, backed by `secrets`):
; get_random_string(6): a short suffix or code joins a crypto region but makes none;
((call
   function: [(identifier) (attribute)] @trigger
   arguments: (argument_list . [(integer) @n (keyword_argument value: (integer) @n)]))
 (#resolves-to? @trigger "^django\\.utils\\.crypto\\.get_random_string$")
 (#match? @n "^1?[0-9]$")
 (#set! evidence "mention")
 (#set! rule "python.crypto.random-id"))

;; ... and so does a module-level constant drawn once per process under a name that says no secret:
;; `QUOTE_START = get_random_string(32)`, a parser's private delimiter (round 69, Misago's BBCode
;; markers). Nobody is handed it; a fallback `SECRET_KEY = get_random_string(50)` stays.
((module (expression_statement (assignment
   left: (identifier) @name
   right: (call function: [(identifier) (attribute)] @trigger))))
 (#resolves-to? @trigger "^django\\.utils\\.crypto\\.get_random_string$")
 (#not-match? @name "([Kk]ey|KEY|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Ss]alt|SALT|[Pp]ass|PASS|[Pp]epper|PEPPER|[Nn]once|NONCE|[Ss]eed|SEED|[Cc]srf|CSRF|[Ss]ign|SIGN|[Aa]uth|AUTH|[Ss]ession|SESSION|[Cc]ookie|COOKIE|[Oo]tp|OTP|[Cc]ode|CODE)")
 (#set! evidence "mention")
 (#set! rule "python.crypto.random-id"))

; get_random_string(50): 20 or more characters is a bearer secret whatever the field is called (a
; share-link slug, an API key, a reset code): whoever holds the string has the access;
((call
   function: [(identifier) (attribute)] @trigger
   arguments: (argument_list . [(integer) @n (keyword_argument value: (integer) @n)]))
 (#resolves-to? @trigger "^django\\.utils\\.crypto\\.get_random_string$")
 (#match? @n "^([2-9][0-9]|[1-9][0-9][0-9]+)$")
 (#set! rule "python.crypto.random-token"))

; get_random_string(length, chars) with a computed length: a secret unless the use is bookkeeping.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^django\\.utils\\.crypto\\.get_random_string$")
 (#not-incidental-use? @trigger)
 (#set! rule "python.crypto.random-token"))

;; Round 29 (indico, mathesar, Flagsmith): digests and key parsing that protect nothing join a
;; crypto region but make none (first: the earlier of two patterns counts):
; a form field validator parsing an uploaded certificate or key only to reject a malformed one
; (`def validate_apple_wallet_key(self, field): load_pem_private_key(field.data, None)` in a WTForms
; or Django form): nothing is signed, verified or encrypted with it here;
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^cryptography\\.(x509\\.load_(pem|der)_x509_(certificate|csr)s?|hazmat\\.primitives\\.serialization\\.load_(pem|der|ssh)_(private|public)_key)$")
 (#unit-name-matches? @trigger "^(validate|clean)_\\w+ \\w*Form(\\s|$)")
 (#set! evidence "mention")
 (#set! rule "python.crypto.upload-validation"))

; an unkeyed BLAKE2 digest of at most 8 bytes (`blake2s(digest_size=4)` shortening an over-long
; identifier): too short to protect anything; a keyed one (`key=`) is a MAC and stays;
((call
   function: [(identifier) (attribute)] @trigger
   arguments: (argument_list (keyword_argument name: (identifier) @kw value: (integer) @n)) @args)
 (#resolves-to? @trigger "^hashlib\\.blake2[bs]$")
 (#eq? @kw "digest_size")
 (#match? @n "^[1-8]$")
 (#not-match? @args "\\bkey\\s*=")
 (#set! evidence "mention")
 (#set! rule "python.crypto.short-digest"))

; an unkeyed digest in an identifier's getter (`@property def identifier(self): return
; sha1(f"{self.email}:{data}".encode()).hexdigest()`, `get_transient_identifier(traits)`): it names
; a record; so does one in a storage key's builder (`def build_message_key(self, message): … return
; hashlib.md5(message_key.encode()).hexdigest()`, round 91 dramatiq: a result backend's key, no secret).
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^hashlib\\.(md5|sha1|sha224|sha256|sha384|sha512|sha3_\\w+|blake2[bs]|new)$")
 (#unit-name-matches? @trigger "^_?((get|make|build|compute)_)?((\\w+_)?identifier|(\\w+_)?(cache|message|storage|result|redis|dedupe?|idempotency|bucket|object|queue|etag|lookup)_key)(\\s|$)")
 (#not-unit-name-matches? @trigger "[Tt]oken|[Ss]ecret|(?<!(cache|message|storage|result|redis|dedupe?|idempotency|bucket|object|queue|etag|lookup)_)[Kk]ey|[Ss]ession|[Pp]assword|[Ss]ign|[Nn]once|[Cc]redential")
 (#set! evidence "mention")
 (#set! rule "python.crypto.identifier-digest"))

; Round 36: an unkeyed digest of a serialized JSON document, `sha256(canonical_json(payload)).hexdigest()`,
; `sha1(json.dumps(metadata, sort_keys=True).encode())`: a content fingerprint (a deterministic id, a
; cache or dedupe key, an artifact checksum), not a secret; in a unit named for a token, key, secret,
; session, password, signature or nonce it stays;
((call
   function: [(identifier) (attribute)] @trigger
   arguments: (argument_list . (_) @data))
 (#resolves-to? @trigger "^hashlib\\.(md5|sha1|sha224|sha256|sha384|sha512|sha3_\\w+|blake2[bs]|new)$")
 (#match? @data "^((json|orjson|ujson|simplejson)\\.dumps|_?\\w*canonical\\w*|_?(to|as|dump|dumps)_json)\\(")
 (#not-match? @data "[Ss]ecret|SECRET|[Pp]assword|PASSWORD|[Tt]oken|TOKEN|[Kk]ey\\b|KEY\\b|[Ss]alt|SALT")
 (#not-unit-name-matches? @trigger "[Tt]oken|[Ss]ecret|[Kk]ey|[Ss]ession|[Pp]assword|[Ss]ign|[Nn]once|[Cc]redential")
 (#set! evidence "mention")
 (#set! rule "python.crypto.content-digest"))

; and a certificate parsed from a literal in the code, `ISRG_ROOT_X1 =
; x509.load_pem_x509_certificate(b"""-----BEGIN CERTIFICATE-----...""")`: a trust anchor constant; the
; code that verifies a chain against it is the operation.
((call
   function: [(identifier) (attribute)] @trigger
   arguments: (argument_list . [(string) (concatenated_string)]))
 (#resolves-to? @trigger "^cryptography\\.x509\\.load_(pem|der)_x509_certificates?$")
 (#set! evidence "mention")
 (#set! rule "python.crypto.certificate-constant"))

;; Round 98 (swift): the backend handle joins a crypto region but makes none (not a key loaded only to
;; be re-encoded, `load_pem_private_key(pem, None)` then `private_bytes(…, NoEncryption())`: barbican's
;; and confidant's format conversions were judged N in round 97, but seven such units in seven other
;; repositories were judged Y, an unencrypted private key written out being the decision):
; `default_backend()`, the cryptography package's backend handle (a no-op since 3.1): memoising it in a
; constructor decides no key, cipher or hash (swift's `Crypto.__init__`, round 98);
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^cryptography\\.hazmat\\.backends\\.default_backend$")
 (#set! evidence "mention")
 (#set! rule "python.crypto.backend-handle"))

; hashlib.sha256(...), hashlib.new("sha1"), hashlib.pbkdf2_hmac(...), `from hashlib import md5`
; hmac.new(key, msg, digestmod), hmac.digest(...), hmac.HMAC(...)
; secrets.token_hex(32), secrets.choice(alphabet), os.urandom(16), random.SystemRandom()
; cryptography: Cipher(algorithms.AES(key), modes.GCM(iv)), hashes.SHA256(), PBKDF2HMAC(...),
; rsa.generate_private_key(...), padding.OAEP(...), Fernet(key), x509 builders, serialization
; PyCryptodome / pycryptodomex (Crypto.*, Cryptodome.*): AES.new(key, AES.MODE_GCM), get_random_bytes(16), RSA.generate(2048)
; bcrypt.hashpw(pw, bcrypt.gensalt()), bcrypt.checkpw(pw, hashed), bcrypt.kdf(...)
; passlib: CryptContext(schemes=[...]), pbkdf2_sha256.hash(pw), bcrypt_sha256.verify(pw, h)
; argon2-cffi: PasswordHasher(), argon2.low_level.hash_secret(...)
; pwdlib: PasswordHash.recommended(), PasswordHash((Argon2Hasher(), BcryptHasher()))
; ssl.create_default_context(), ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT), ssl.wrap_socket(...)
; httpsig: HeaderVerifier(headers, secret, ...).verify(), HeaderSigner(key_id, secret, algorithm)
; PyNaCl / pysodium (round 75, etesync): nacl.secret.SecretBox(key), nacl.signing.VerifyKey(pk).verify(sig),
; nacl.hash.blake2b(msg, key=k), nacl.pwhash.argon2id.kdf(...), nacl.utils.random(32); nacl.encoding is
; only encoding and makes nothing
; python-rsa (round 106, python-jose's backend, `import rsa as pyrsa`): pyrsa.sign(msg, key, 'SHA-256'),
; pyrsa.verify(msg, sig, key), pyrsa.encrypt / decrypt, rsa.pem and rsa.pkcs1 helpers
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^(?:hashlib\\.(md5|sha1|sha224|sha256|sha384|sha512|sha512_224|sha512_256|sha3_\\w+|shake_\\w+|blake2[bs]|new|pbkdf2_hmac|scrypt|file_digest)$|hmac\\.(new|digest|HMAC)$|(secrets\\.(token_bytes|token_hex|token_urlsafe|choice|randbits|randbelow|SystemRandom)|os\\.urandom|os\\.getrandom|random\\.SystemRandom)$|cryptography\\.(hazmat|fernet|x509)(\\.|$)|(Crypto|Cryptodome)\\.|bcrypt\\.(hashpw|gensalt|checkpw|kdf)$|passlib\\.(context|hash|hosts|apps|totp|pwd|registry)(\\.|$)|pwdlib(\\.|$)|argon2\\.(PasswordHasher|hash_password\\w*|verify_password|low_level\\.\\w+|Parameters|profiles\\.\\w+)$|ssl\\.(create_default_context|SSLContext|wrap_socket|_create_unverified_context|_create_default_https_context|get_server_certificate|match_hostname)$|httpsig\\.(HeaderVerifier|HeaderSigner|Signer|Verifier|sign\\.\\w+|verify\\.\\w+)$|nacl\\.(secret|public|signing|hash|hashlib|pwhash|utils\\.random|bindings)(\\.|$)|pysodium\\.crypto_\\w+$|fastecdsa\\.(ecdsa|keys|curve|encoding)(\\.|$)|ecdsa\\.(SigningKey|VerifyingKey|util\\.\\w+|keys\\.\\w+)|rsa\\.(sign|sign_hash|verify|encrypt|decrypt|newkeys|compute_hash|PrivateKey|PublicKey|pkcs1\\.\\w+|pkcs1_v2\\.\\w+|pem\\.\\w+)$)")
 (#not-incidental-use? @trigger)
 (#set! rule "python.crypto.library-call"))

; Round 99 (consoleme): signing or verifying with a key object held in an attribute, `self.signing_key.sign(
; s.encode(), encoder=Base64Encoder)`, `self.verifying_key.verify(sig, s.encode(), encoding="base64")`
; (PyNaCl's SigningKey and VerifyKey, python-ecdsa's, cryptography's private and public keys): the
; signature is made or checked here, wherever the key was loaded.
((call
   function: (attribute
     object: [(identifier) @obj (attribute attribute: (identifier) @obj)]
     attribute: (identifier) @method) @trigger)
 (#any-of? @method "sign" "verify")
 (#match? @obj "^_?((ed25519|ecdsa|rsa|nacl)_)?(signing|verifying|verify|private|public|sign)_key$")
 (#imports? "^(nacl|cryptography|ecdsa|fastecdsa|Crypto|Cryptodome)(\\.|$)")
 (#set! rule "python.crypto.library-call"))

; flask-bcrypt: bcrypt.generate_password_hash(pw) / bcrypt.check_password_hash(h, pw) on the app's
; Bcrypt() extension object (usually imported from the project's own `extensions` module, so the
; name is all there is), or the module's own functions.
((call
   function: (attribute
     object: [(identifier) @obj (attribute attribute: (identifier) @obj)]
     attribute: (identifier) @method) @trigger)
 (#any-of? @method "generate_password_hash" "check_password_hash")
 (#match? @obj "^_?(bcrypt|flask_bcrypt|BCRYPT)$")
 (#set! rule "python.crypto.flask-bcrypt"))

((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^flask_bcrypt\\.(generate_password_hash|check_password_hash|Bcrypt\\.\\w+)$")
 (#set! rule "python.crypto.flask-bcrypt"))

; Django's signing and keyed-hash API, keyed with SECRET_KEY: signing.dumps(obj, salt=...) /
; signing.loads(token, salt=..., max_age=...) (e-mail confirmation keys, signed links),
; Signer().sign_object(v) / unsign_object(v), TimestampSigner(salt=...).unsign(v, max_age=...),
; salted_hmac(salt, value) (a MAC over user state). Each makes or checks a tamper-proof value: an edit
; to the salt, the max_age or the exceptions caught changes what a forged or old value gets.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^django\\.(core\\.signing\\.(dumps|loads|Signer|TimestampSigner|get_cookie_signer|base64_hmac|b64_hmac)|utils\\.crypto\\.salted_hmac)$")
 (#set! rule "python.crypto.django-signing"))

; pwd_context.hash(pw), pwd_context.verify(pw, h), ph.verify(h, pw) on a passlib/argon2 hasher object,
; password_hash.verify_and_update(pw, h) on a pwdlib PasswordHash
((call
   function: (attribute
     object: [(identifier) @obj (attribute attribute: (identifier) @obj)]
     attribute: (identifier) @method) @trigger)
 (#any-of? @method "hash" "verify" "verify_and_update" "needs_update" "check_needs_rehash" "needs_rehash")
 (#match? @obj "^(ph|PH)$|([Cc]tx|CTX|[Cc]ontext|CONTEXT|[Hh]asher|HASHER|([Pp]assword|[Pp]wd|PASSWORD|PWD)_?[Hh]ash|PASSWORD_HASH)$")
 (#imports? "^(passlib|argon2|pwdlib)(\\.|$)")
 (#set! rule "python.crypto.password-hasher"))

; Round 85 (litestar): sealing or opening with an AEAD object held in a variable or attribute,
; `self.aesgcm.decrypt(nonce, data, associated_data=ad)`, `chacha.encrypt(nonce, pt, None)`: the
; cryptography package's AESGCM / ChaCha20Poly1305 / AESCCM / AESSIV methods take the nonce first;
; nonce reuse or a dropped associated-data binding breaks the encryption here, wherever the key was made.
((call
   function: (attribute
     object: [(identifier) @obj (attribute attribute: (identifier) @obj)]
     attribute: (identifier) @method) @trigger
   arguments: (argument_list . (_) . (_)))
 (#any-of? @method "encrypt" "decrypt")
 (#match? @obj "^_?([Aa][Ee][Ss]_?[Gg][Cc][Mm]|[Aa][Ee][Ss]_?[Cc][Cc][Mm]|[Aa][Ee][Ss]_?[Ss][Ii][Vv]|[Cc]ha[Cc]ha\\w*|CHACHA\\w*|[Aa]ead|AEAD)$")
 (#imports? "^cryptography(\\.|$)")
 (#set! rule "python.crypto.library-call"))

; ssl.CERT_NONE, ssl.CERT_OPTIONAL, ssl.PROTOCOL_TLSv1 used as values
((attribute
   object: (identifier)
   attribute: (identifier) @name) @trigger
 (#match? @name "^(CERT_NONE|CERT_OPTIONAL|PROTOCOL_\\w+|OP_NO_\\w+)$")
 (#resolves-to? @trigger "^ssl\\.")
 (#set! rule "python.crypto.ssl-constant"))

; `from ssl import CERT_NONE` then `ctx.verify_mode = CERT_NONE` / f(cert_reqs=CERT_NONE)
([(assignment right: (identifier) @trigger)
  (keyword_argument value: (identifier) @trigger)]
 (#match? @trigger "^(CERT_NONE|CERT_OPTIONAL|PROTOCOL_\\w+)$")
 (#resolves-to? @trigger "^ssl\\.")
 (#set! rule "python.crypto.ssl-constant"))

; ctx.check_hostname = False, ctx.verify_mode = ..., ctx.minimum_version = ...
((assignment
   left: (attribute attribute: (identifier) @field) @trigger)
 (#any-of? @field "check_hostname" "verify_mode" "verify_flags" "minimum_version" "maximum_version")
 (#imports? "^ssl$")
 (#set! rule "python.crypto.ssl-settings"))

; requests.get(url, verify=False), httpx.Client(verify=False): TLS verification switched off
((keyword_argument
   name: (identifier) @name
   value: (false)) @trigger
 (#eq? @name "verify")
 (#imports? "^(requests|httpx|urllib3|aiohttp)(\\.|$)")
 (#set! rule "python.crypto.tls-verify-disabled"))

; token = random.choice(...), salt = random.randbytes(16): the `random` module making secrets
; (singular names only: `keys = random.sample(...)` is sampling)
((assignment
   left: [(identifier) @name (attribute attribute: (identifier) @name)]
   right: [
     (call function: [(identifier) (attribute)] @trigger)
     (call arguments: (argument_list (call function: [(identifier) (attribute)] @trigger)))
     (call arguments: (generator_expression body: (call function: [(identifier) (attribute)] @trigger)))
     (call arguments: (argument_list (list_comprehension body: (call function: [(identifier) (attribute)] @trigger))))
     (call function: (attribute object: (call function: [(identifier) (attribute)] @trigger)))
   ])
 (#match? @name "(^|_)([Tt]oken|TOKEN|[Kk]ey|KEY|[Ss]ecret|SECRET|[Nn]once|NONCE|[Ss]alt|SALT|[Pp]assword|PASSWORD|[Pp]asswd|[Oo]tp|OTP|[Pp]in|PIN)$|[a-z](Token|Key|Secret|Nonce|Salt|Password|Otp)$")
 (#resolves-to? @trigger "^random\\.(random|randint|randrange|choice|choices|getrandbits|randbytes|sample|uniform)$")
 (#set! rule "python.crypto.insecure-random"))

;; ... and the same returned by a function named for the secret it makes: `def _new_token() -> str:
;; return "".join(random.choices(alphabet, k=64))` (round 91, maubot: the token-signing secret and
;; replacement admin passwords written to its config).
((function_definition
   name: (identifier) @name
   body: (block (return_statement [
     (call function: [(identifier) (attribute)] @trigger)
     (call arguments: (argument_list (call function: [(identifier) (attribute)] @trigger)))
     (call arguments: (generator_expression body: (call function: [(identifier) (attribute)] @trigger)))
     (call arguments: (argument_list (list_comprehension body: (call function: [(identifier) (attribute)] @trigger))))
   ])))
 (#match? @name "(^|_)(token|secret|nonce|salt|password|passwd|otp|api_?key|(secret|signing|private|encryption)_?key)$")
 (#resolves-to? @trigger "^random\\.(random|randint|randrange|choice|choices|getrandbits|randbytes|sample|uniform)$")
 (#set! rule "python.crypto.insecure-random"))

; A signing key taken from the application secret: `def _get_signing_key(): return
; settings.SECRET_KEY.encode()` (the key of an HMAC over pickled broker messages). Which secret keys
; the MAC, and how it is encoded, is the signature's strength.
((return_statement (_) @trigger)
 (#match? @trigger "^(django\\.conf\\.)?settings\\.SECRET_KEY\\b")
 (#unit-name-matches? @trigger "(^|[._])_?\\w*(sign|hmac|mac|encrypt|cipher|fernet)\\w*_key$|(^|[._])_?\\w*key\\w*_(for_)?(sign|hmac|mac|encrypt)\\w*$")
 (#set! rule "python.crypto.signing-key"))

;; Round 100 (in-toto, mayan-edms): securesystemslib, the signing library of TUF and in-toto
;; (`securesystemslib.gpg.functions.verify_signature(sig, key, data)`, `securesystemslib.hash.digest_filename(p)`,
;; `SSlibSigner(key).sign(data)`, `Key.from_securesystemslib_key(k)`), and python-gnupg's GPG object in a
;; file that imports it (`gpg.sign_file(f, keyid=…, passphrase=…)`, `gpg.verify_file(sig, path)`,
;; `gpg.decrypt_file(f)`): signatures made and checked, content decrypted. Reading keys and signatures
;; out of metadata, `Signature.from_dict(d)`, `Key.from_dict(keyid, d)`, `key.to_dict()`, is parsing
;; (round 101, python-tuf's Metadata.from_dict and Root.from_dict: judged N).
;; A signer's own method, `signature = signer.sign(bytes_data)` (python-tuf's Metadata.sign, in-toto's
;; Envelope signing: round 100 and 101 misses), signs whatever library made the signer.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^securesystemslib\\.(signer|keys|gpg|hash|ecdsa_keys|rsa_keys|ed25519_keys|interface)(\\.|$)")
 (#not-match? @trigger "\\.(from_\\w+|to_\\w+)$")
 (#set! rule "python.crypto.library-call"))

((call
   function: (attribute
     object: [(identifier) @obj (attribute attribute: (identifier) @obj)]
     attribute: (identifier) @method) @trigger)
 (#any-of? @method "sign" "sign_file" "verify" "verify_file" "verify_data" "decrypt" "decrypt_file" "encrypt" "encrypt_file")
 (#match? @obj "^_?(gpg|gnupg|GPG)\\w*$")
 (#imports? "^gnupg$")
 (#set! rule "python.crypto.library-call"))

((call
   function: (attribute
     object: [(identifier) @obj (attribute attribute: (identifier) @obj)]
     attribute: (identifier) @method) @trigger
   arguments: (argument_list . (_)))
 (#eq? @method "sign")
 (#match? @obj "^_?([a-z]+_)?signer$")
 (#set! rule "python.crypto.library-call"))

;; A signature checked through a method named for it, whatever the library: `key.verify_signature(sig,
;; data)`, `metadata.verify_signature(layout_key)` (in-toto's layout and link checks, round 100),
;; `signer.verify_signature(url, sig)` (indico's signed URLs), `self.check_signature(obj)` (awx's webhook
;; check), `payload.check_signature()`: the verdict decides what is trusted.
((call
   function: (attribute attribute: (identifier) @method) @trigger)
 (#any-of? @method "verify_signature" "verify_signatures" "check_signature")
 (#set! rule "python.crypto.signature-check"))

; Round 35 (synapse): signedjson, the Matrix canonical-JSON Ed25519 signing library:
; `verify_signed_json(response, server_name, verify_key)` checks a server's or device's signature,
; `sign_json(obj, name, signing_key)` signs an outgoing request or key response.
((call
   function: [(identifier) (attribute)] @trigger)
 (#resolves-to? @trigger "^signedjson\\.sign\\.(sign_json|verify_signed_json)$")
 (#set! rule "python.crypto.library-call"))
