; Cryptography in JavaScript / TypeScript: node:crypto, WebCrypto, password hashing, crypto
; libraries, TLS verification options and Math.random used for secrets.

;; SJCL, the Stanford JavaScript Crypto Library, imported or handed over by a platform shim (`const
;; sjcl = shim.sjclModule`): `sjcl.json.encrypt(key, text, { cipher: 'aes', mode: 'ocb2', iter: 1000 })`,
;; `sjcl.json.decrypt(key, cipherText)`, `sjcl.misc.pbkdf2(password, salt, iter)`,
;; `sjcl.random.randomWords(8)` (round 89, joplin's end-to-end encryption). The mode, key size and
;; iteration count are chosen in the call. Named `sjcl`: no import to resolve through a shim.
((call_expression
   function: (member_expression) @trigger)
 (#match? @trigger "^sjcl\\.(json\\.(encrypt|decrypt)|encrypt|decrypt|misc\\.(pbkdf2|hmac|scrypt)|random\\.randomWords|mode\\.\\w+\\.(encrypt|decrypt))$")
 (#set! rule "ecma.crypto.sjcl"))

; node:crypto, any call or constructor: crypto.createHash(...), createHmac(...) (named import),
; require('crypto').randomBytes(...), rb(...) from `const { randomBytes: rb } = require('crypto')`.
; Not a digest cut into an id or a random digit of an id generator in code that names no secret
; (`chat_${createHash('sha256').update(ids).digest('hex').slice(0, 24)}`, `generateId` with
; randomInt): ids, path segments, dedup keys.
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^crypto\\.")
 (#not-resolves-to? @trigger "^crypto\\.(randomUUID|randomBytes|randomInt)$")
 (#not-incidental-use? @trigger)
 (#not-id-hash? @trigger)
 (#set! rule "ecma.crypto.node-crypto"))

; randomInt(…): a random digit or index, unless it only flips a coin (`randomInt(10) >= 3`
; picking a demo response's language) or becomes an id.
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^crypto\\.randomInt$")
 (#not-incidental-use? @trigger)
 (#not-id-hash? @trigger)
 (#not-random-id? @trigger)
 (#set! rule "ecma.crypto.node-crypto"))

((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^crypto\\.randomInt$")
 (#random-id? @trigger)
 (#set! evidence "mention")
 (#set! rule "ecma.crypto.random-id"))

; randomBytes(16) / randomBytes(size): keys, tokens, nonces, IVs.
((call_expression
   function: [(identifier) (member_expression)] @trigger
   arguments: (arguments . (_) @n))
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^crypto\\.randomBytes$")
 (#not-match? @n "^[1-7]$")
 (#not-incidental-use? @trigger)
 (#not-random-id? @trigger)
 (#set! rule "ecma.crypto.node-crypto"))

; Node's crypto module injected into a service, `this.crypto.randomBytes(64)` (round 95, Checkmate's
; UserService making the JWT signing secret at first sign-up), `this.crypto.createHmac(…)`.
((call_expression
   function: (member_expression object: (member_expression object: (this) property: (property_identifier) @c) property: (property_identifier) @m) @trigger
   arguments: (arguments . (_) @n))
 (#eq? @c "crypto")
 (#match? @m "^(randomBytes|createHmac|createHash|createCipheriv|createDecipheriv|pbkdf2(Sync)?|scrypt(Sync)?|timingSafeEqual|generateKeyPair(Sync)?|publicEncrypt|privateDecrypt|createSign|createVerify|hkdf(Sync)?)$")
 (#not-match? @n "^[1-7]$")
 (#not-incidental-use? @trigger)
 (#not-random-id? @trigger)
 (#not-id-hash? @trigger)
 (#set! rule "ecma.crypto.node-crypto"))

; randomBytes whose value becomes an identifier (`const id = randomBytes(10)…`, returned from
; `generateMockServerSubdomain`, a function commenting that it needs no cryptographic strength)
; joins a crypto region but makes none: an analytics id or a subdomain is not a secret.
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^crypto\\.randomBytes$")
 (#random-id? @trigger)
 (#set! evidence "mention")
 (#set! rule "ecma.crypto.random-id"))

; A random UUID kept as a secret is a credential: const onboardingRecoveryToken = crypto.randomUUID()
; (a UUID v4 carries 122 random bits from the CSPRNG; an id named for what it identifies stays a
; mention below). First: of two patterns matching the same call, the earlier one counts.
((variable_declarator
   name: (identifier) @name
   value: (call_expression function: [(identifier) (member_expression)] @trigger))
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^crypto\\.randomUUID$")
 (#match? @name "([Tt]oken|[Ss]ecret|[Pp]assword|[Nn]once|TOKEN|SECRET)$")
 (#not-match? @name "([Ii]d|ID|[Kk]ey)$")
 (#set! rule "ecma.crypto.random-secret"))

; Mentions: crypto.randomUUID() (record and request ids) and randomBytes(4) (fewer than 8 bytes
; is too short for any secret: a unique suffix) join a crypto region but never make one.
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^crypto\\.randomUUID$")
 (#not-random-secret? @trigger)
 (#set! evidence "mention")
 (#set! rule "ecma.crypto.random-id"))

; ... unless the UUID is stored as a secret: `const recoveryToken = crypto.randomUUID()`,
; `const generateState = () => crypto.randomUUID()` (an OAuth state).
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^crypto\\.randomUUID$")
 (#random-secret? @trigger)
 (#set! rule "ecma.crypto.node-crypto"))

((call_expression
   function: [(identifier) (member_expression)] @trigger
   arguments: (arguments . (number) @n))
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^crypto\\.randomBytes$")
 (#match? @n "^[1-7]$")
 (#set! evidence "mention")
 (#set! rule "ecma.crypto.random-id"))

((new_expression
   constructor: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^crypto\\.")
 (#not-incidental-use? @trigger)
 (#set! rule "ecma.crypto.node-crypto"))

; WebCrypto through the global: crypto.subtle.digest(...), globalThis.crypto.getRandomValues(...),
; and a destructured `subtle`, or one kept under its own name (`const webCrypto = nodeCrypto.webcrypto
; || globalThis.crypto; const subtleCrypto = webCrypto.subtle`: round 102, node-postgres's SCRAM keys).
((call_expression
   function: (member_expression) @trigger)
 (#match? @trigger "subtle")
 (#name-matches? @trigger "^((globalThis|window|self)\\.)?crypto\\.subtle\\.[A-Za-z]+$|^_?[a-z]*[Ss]ubtle(Crypto)?\\.(encrypt|decrypt|sign|verify|digest|generateKey|deriveKey|deriveBits|importKey|exportKey|wrapKey|unwrapKey)$")
 (#not-hash-wrapper? @trigger)
 (#set! rule "ecma.crypto.webcrypto"))

; A small hash wrapper (`function sha256Hash(data) { …; return crypto.subtle.digest('SHA-256', buf) }`):
; an unkeyed digest helper holds no key and decides nothing; its callers' regions show the use.
((call_expression
   function: (member_expression) @trigger)
 (#match? @trigger "subtle")
 (#name-matches? @trigger "^((globalThis|window|self)\\.)?crypto\\.subtle\\.digest$|^_?[a-z]*[Ss]ubtle(Crypto)?\\.digest$")
 (#hash-wrapper? @trigger)
 (#set! evidence "mention")
 (#set! rule "ecma.crypto.webcrypto"))

; crypto.getRandomValues(...): random bytes for a key, nonce or state, unless they become an id.
((call_expression
   function: (member_expression) @trigger)
 (#match? @trigger "getRandomValues")
 (#name-matches? @trigger "^((globalThis|window|self)\\.)?crypto\\.getRandomValues$|^_?[a-z]*[Ww]eb[Cc]rypto\\.getRandomValues$")
 (#not-random-id? @trigger)
 (#set! rule "ecma.crypto.webcrypto"))

; crypto.randomUUID() and id-bound getRandomValues: record ids, like node's randomUUID above (a
; mention: joins a crypto region, makes none).
((call_expression
   function: (member_expression) @trigger)
 (#match? @trigger "randomUUID")
 (#name-matches? @trigger "^((globalThis|window|self)\\.)?crypto\\.randomUUID$")
 (#not-random-secret? @trigger)
 (#set! evidence "mention")
 (#set! rule "ecma.crypto.random-id"))

((call_expression
   function: (member_expression) @trigger)
 (#match? @trigger "randomUUID")
 (#name-matches? @trigger "^((globalThis|window|self)\\.)?crypto\\.randomUUID$")
 (#random-secret? @trigger)
 (#set! rule "ecma.crypto.webcrypto"))

((call_expression
   function: (member_expression) @trigger)
 (#match? @trigger "getRandomValues")
 (#name-matches? @trigger "^((globalThis|window|self)\\.)?crypto\\.getRandomValues$")
 (#random-id? @trigger)
 (#set! evidence "mention")
 (#set! rule "ecma.crypto.random-id"))

;; A crypto library's text codecs and URI formatters choose no key, algorithm or secret: libsodium's
;; `sodium.to_base64(x)` / `from_hex`, tweetnacl-util's `encodeBase64`, `@oslojs/otp`'s
;; `createTOTPKeyURI(issuer, account, key, …)` for a QR code (round 56, stack-auth's React pages). A
;; mention (first: of two patterns matching the same call, the earlier counts).
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#resolves-to? @trigger "^((libsodium-wrappers|libsodium-wrappers-sumo|sodium-native|sodium-plus)\\.(to_base64|from_base64|to_hex|from_hex|to_string|from_string)|tweetnacl-util\\.\\w+|@oslojs/otp\\.create(TOTP|HOTP)KeyURI)$")
 (#set! evidence "mention")
 (#set! rule "ecma.crypto.library"))

; Password hashing and crypto libraries (a hash that only picks a colour, cache key or file name is
; bookkeeping, as for node:crypto above): bcrypt/bcryptjs, argon2, tweetnacl, libsodium,
; node-forge, crypto-js (incl. `crypto-js/sha256` default imports), noble, oslo (`@oslojs/crypto/sha2`,
; `@oslojs/otp`), elliptic, node-rsa ... Not an unkeyed `md5(x)` / `CryptoJS.MD5(x)` in a function
; that names no secret (`org_hash: md5(orgId)` for telemetry): a checksum or pseudonymous id, as for
; createHash('md5') (#not-id-hash?).
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^(bcrypt(js)?(-[a-z]+)*|@node-rs/bcrypt|argon2|@node-rs/argon2|scrypt-js|scrypt-kdf|tweetnacl|tweetnacl-util|libsodium-wrappers|libsodium-wrappers-sumo|sodium-native|sodium-plus|node-forge|crypto-js|@noble/(hashes|curves|ciphers|ed25519|secp256k1)|@better-auth/utils/(hash|hmac|password|random|ecdsa|rsa)|@oslojs/(crypto|otp)|elliptic|node-rsa|openpgp|jsrsasign|js-sha256|js-sha3|sha\\.js|md5|hash\\.js|pbkdf2|create-hmac|create-hash|browserify-aes|aes-js)(/[\\w./-]+)?(\\.|$)")
 (#not-incidental-use? @trigger)
 (#not-id-hash? @trigger)
 (#set! rule "ecma.crypto.library"))

((new_expression
   constructor: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#resolves-to? @trigger "^(node-forge|crypto-js|elliptic|node-rsa|openpgp|jsrsasign|aes-js)(/[\\w./-]+)?(\\.|$)")
 (#set! rule "ecma.crypto.library"))

; A cipher picked by a configured name, `cryptojs[CIPHER].encrypt(message, SECRET_KEY)` (round 95,
; opencollective's token encryption at rest): the same library call through a computed member.
((call_expression
   function: (member_expression object: (subscript_expression object: (identifier) @lib) property: (property_identifier) @m) @trigger)
 (#resolves-to? @lib "^(crypto-js|node-forge|sjcl)$")
 (#any-of? @m "encrypt" "decrypt" "createCipher" "createDecipher" "hash")
 (#set! rule "ecma.crypto.library"))

; tls.connect / tls.createSecureContext / https.Agent options
((call_expression
   function: [(identifier) (member_expression)] @trigger)
 (#not-match? @trigger "^(this|super)[.?]")
 (#match? @trigger "(createSecureContext|connect|createServer)$")
 (#resolves-to? @trigger "^tls\\.(connect|createSecureContext|createServer)$")
 (#set! rule "ecma.crypto.tls"))

; TLS verification and protocol options in an object literal: { rejectUnauthorized: false }. Not in
; browser code (a socket.io client in a React page, round 62 maxun): a browser verifies certificates
; itself and ignores the option.
(pair
  key: (property_identifier) @trigger
  (#match? @trigger "^(rejectUnauthorized|secureProtocol|checkServerIdentity|secureOptions)$")
  (#not-browser-code? @trigger)
  (#set! rule "ecma.crypto.tls-options"))

((shorthand_property_identifier) @trigger
 (#match? @trigger "^(rejectUnauthorized|secureProtocol|checkServerIdentity)$")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.crypto.tls-options"))

; ... or assigned to a TLS options object: `config.ssl.rejectUnauthorized = sslmode === 'verify-full'`
; (round 91, postgres-meta: whether the database connection checks its certificate).
((assignment_expression
   left: (member_expression property: (property_identifier) @trigger))
 (#match? @trigger "^(rejectUnauthorized|checkServerIdentity)$")
 (#not-browser-code? @trigger)
 (#set! rule "ecma.crypto.tls-options"))

; process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
((assignment_expression
   left: (member_expression property: (property_identifier) @p) @trigger)
 (#eq? @p "NODE_TLS_REJECT_UNAUTHORIZED")
 (#set! rule "ecma.crypto.tls-options"))

;; A function named for a key or token whose body uses Math.random somewhere, `const handleCreateApiKey =
;; async (data) => { … }` (round 56, stack-auth's mock mode), a React component `const APIKey = () => …`:
;; the name is the function's, not a value's. A mention, first, so it takes the node; unless the name
;; says the function makes the value (`generatePassword`, `createToken`, `randomSecret`: round 28).
((variable_declarator
   name: (identifier) @name
   value: [(arrow_function) (function_expression)] @value) @trigger
 (#match? @value "Math\\.random\\s*\\(")
 (#not-match? @name "^(gen|generate|create|make|new|random|rand|build|mint|issue)([A-Z_]|$)")
 (#set! evidence "mention")
 (#set! rule "ecma.crypto.insecure-random"))

;; A list item's React key with a random fallback, `const key = row.id || row._id || Math.random()` then
;; `<TableRow key={key}>` (round 95, Checkmate's data table): a render key, not a secret. A mention, first.
((variable_declarator
   name: (identifier) @name
   value: (_) @value) @trigger
 (#match? @name "^(key|rowKey|itemKey|reactKey|listKey)$")
 (#match? @value "Math\\.random\\s*\\(")
 (#text-after? @trigger "\\bkey=\\{")
 (#set! evidence "mention")
 (#set! rule "ecma.crypto.insecure-random"))

; Math.random() producing a secret: const resetToken = Math.random().toString(36).slice(2)
((variable_declarator
   name: (identifier) @name
   value: (_) @value) @trigger
 (#match? @name "((^|[^A-Za-z])|[a-z0-9](?=[A-Z]))([Tt]oken|TOKEN|[Ss]ecret|SECRET|[Nn]once|NONCE|[Ss]alt|SALT|[Pp]ass(word|wd|phrase)?|PASS(WORD|WD)?|[Oo]tp|OTP|[Pp]in|PIN|[Ii]v|IV|[Ss]ession_?[Ii]d|SESSION_?ID|[Cc]srf|CSRF|[Vv]erification_?[Cc]ode|VERIFICATION_CODE)s?$|^(key|KEY)$|([Ss]ecret|[Aa]pi|[Pp]rivate|[Ee]ncryption|[Ss]igning|[Hh]mac|[Ss]ession|[Aa]es|[Cc]rypto|[Aa]ccess|[Aa]uth|[Mm]aster|[Ss]hared|SECRET|API|PRIVATE|ENCRYPTION|SIGNING|HMAC|SESSION)_?([Kk]ey|KEY)s?$")
 (#match? @value "Math\\.random\\s*\\(")
 (#not-dummy-data? @value)
 (#not-match? @name "^([Oo]tp|OTP|[Pp]in|PIN|[A-Za-z0-9$]*[a-z0-9](Otp|OTP|Pin|PIN|Code)|[A-Za-z0-9]*_(otp|pin|code|OTP|PIN|CODE))s?$")
 (#set! rule "ecma.crypto.insecure-random"))

; A one-time code or PIN generated in browser code (a pairing code shown to the user; the
; party that checks it generates or stores its own) is left to the finding, at warning.
((variable_declarator
   name: (identifier) @name
   value: (_) @value) @trigger
 (#match? @name "((^|[^A-Za-z])|[a-z0-9](?=[A-Z]))([Tt]oken|TOKEN|[Ss]ecret|SECRET|[Nn]once|NONCE|[Ss]alt|SALT|[Pp]ass(word|wd|phrase)?|PASS(WORD|WD)?|[Oo]tp|OTP|[Pp]in|PIN|[Ii]v|IV|[Ss]ession_?[Ii]d|SESSION_?ID|[Cc]srf|CSRF|[Vv]erification_?[Cc]ode|VERIFICATION_CODE)s?$|^(key|KEY)$|([Ss]ecret|[Aa]pi|[Pp]rivate|[Ee]ncryption|[Ss]igning|[Hh]mac|[Ss]ession|[Aa]es|[Cc]rypto|[Aa]ccess|[Aa]uth|[Mm]aster|[Ss]hared|SECRET|API|PRIVATE|ENCRYPTION|SIGNING|HMAC|SESSION)_?([Kk]ey|KEY)s?$")
 (#match? @value "Math\\.random\\s*\\(")
 (#not-dummy-data? @value)
 (#match? @name "^([Oo]tp|OTP|[Pp]in|PIN|[A-Za-z0-9$]*[a-z0-9](Otp|OTP|Pin|PIN|Code)|[A-Za-z0-9]*_(otp|pin|code|OTP|PIN|CODE))s?$")
 (#not-imports? "{{browser-frameworks}}")
 (#set! rule "ecma.crypto.insecure-random"))

((assignment_expression
   left: [(identifier) @name (member_expression property: (property_identifier) @name)]
   right: (_) @value) @trigger
 (#match? @name "((^|[^A-Za-z])|[a-z0-9](?=[A-Z]))([Tt]oken|TOKEN|[Ss]ecret|SECRET|[Nn]once|NONCE|[Ss]alt|SALT|[Pp]ass(word|wd|phrase)?|PASS(WORD|WD)?|[Oo]tp|OTP|[Pp]in|PIN|[Ii]v|IV|[Ss]ession_?[Ii]d|SESSION_?ID|[Cc]srf|CSRF|[Vv]erification_?[Cc]ode|VERIFICATION_CODE)s?$|^(key|KEY)$|([Ss]ecret|[Aa]pi|[Pp]rivate|[Ee]ncryption|[Ss]igning|[Hh]mac|[Ss]ession|[Aa]es|[Cc]rypto|[Aa]ccess|[Aa]uth|[Mm]aster|[Ss]hared|SECRET|API|PRIVATE|ENCRYPTION|SIGNING|HMAC|SESSION)_?([Kk]ey|KEY)s?$")
 (#match? @value "Math\\.random\\s*\\(")
 (#not-dummy-data? @value)
 (#set! rule "ecma.crypto.insecure-random"))

((pair
   key: (property_identifier) @name
   value: (_) @value) @trigger
 (#match? @name "((^|[^A-Za-z])|[a-z0-9](?=[A-Z]))([Tt]oken|TOKEN|[Ss]ecret|SECRET|[Nn]once|NONCE|[Ss]alt|SALT|[Pp]ass(word|wd|phrase)?|PASS(WORD|WD)?|[Oo]tp|OTP|[Pp]in|PIN|[Ii]v|IV|[Ss]ession_?[Ii]d|SESSION_?ID|[Cc]srf|CSRF|[Vv]erification_?[Cc]ode|VERIFICATION_CODE)s?$|([Ss]ecret|[Aa]pi|[Pp]rivate|[Ee]ncryption|[Ss]igning|[Hh]mac|[Ss]ession|[Aa]es|[Cc]rypto|[Aa]ccess|[Aa]uth|[Mm]aster|[Ss]hared|SECRET|API|PRIVATE|ENCRYPTION|SIGNING|HMAC|SESSION)_?([Kk]ey|KEY)s?$")
 (#match? @value "Math\\.random\\s*\\(")
 (#not-dummy-data? @value)
 (#set! rule "ecma.crypto.insecure-random"))

; function generateToken() { return Math.random().toString(36) }
(function_declaration
   name: (identifier) @name
   body: (statement_block (return_statement (_) @value @trigger))
 (#match? @name "((^|[^A-Za-z])|[a-z0-9](?=[A-Z]))([Tt]oken|TOKEN|[Ss]ecret|SECRET|[Nn]once|NONCE|[Ss]alt|SALT|[Pp]ass(word|wd|phrase)?|PASS(WORD|WD)?|[Oo]tp|OTP|[Pp]in|PIN|[Ii]v|IV|[Ss]ession_?[Ii]d|SESSION_?ID|[Cc]srf|CSRF|[Vv]erification_?[Cc]ode|VERIFICATION_CODE)s?$|([Ss]ecret|[Aa]pi|[Pp]rivate|[Ee]ncryption|[Ss]igning|[Hh]mac|[Ss]ession|[Aa]es|[Cc]rypto|[Aa]ccess|[Aa]uth|[Mm]aster|[Ss]hared)_?([Kk]ey|KEY)s?$")
 (#match? @value "Math\\.random\\s*\\(")
 (#not-dummy-data? @value)
 (#set! rule "ecma.crypto.insecure-random"))

; A project's keyed-digest helper called with the key first: createHash(intercomSecretKey, user._id),
; computeHmac(process.env.API_KEY, subscriberId), sign(decryptApiKey(env.apiKeys[0].key), payload).
; The caller picks the secret, so it is where an HMAC's key is chosen (the helper, named like
; node's one-argument createHash, is often an HMAC). Node's own createHash('sha256') names an
; algorithm first, never a key.
((call_expression
   function: [(identifier) @f (member_expression property: (property_identifier) @f)] @trigger
   arguments: (arguments . (_) @key . (_)))
 (#match? @f "^(create|compute|make|build|generate|get|calc|calculate)_?\\w*([Hh]ash|[Hh]mac|HMAC|[Dd]igest|[Ss]ignature)$|^([Hh]mac|HMAC|hmac)\\w*$")
 (#match? @key "((^|[^A-Za-z])|[a-z0-9](?=[A-Z]))([Ss]ecret|SECRET|[Kk]ey|KEY)s?(\\W|$)|_(KEY|SECRET)\\b")
 (#not-match? @key "^['\"`]")
 (#set! rule "ecma.crypto.keyed-helper"))

; A bare `key:` from Math.random() is a secret only where the object is not a UI item: a React
; list or notification key (`{ key: Math.random().toString(26), type: NotificationType.Message,
; props: { header, content } }`) names an element for the renderer, nobody has to guess it.
((object
   (pair
     key: (property_identifier) @name
     value: (_) @value) @trigger) @item
 (#any-of? @name "key" "KEY")
 (#match? @value "Math\\.random\\s*\\(")
 (#not-dummy-data? @value)
 (#not-match? @item "\\b(props|children|component|render|header|content|message|title|label|icon|variant|severity)\\s*:")
 (#set! rule "ecma.crypto.insecure-random"))

;; A webhook's signature checked through Stripe's library: `stripe.webhooks.constructEvent(body,
;; signature, secret)` (round 56, stack-auth), `constructEventAsync`: the HMAC verification of what
;; Stripe posts, done by the library on the client instance.
((call_expression
   function: (member_expression
     object: (member_expression property: (property_identifier) @hooks)
     property: (property_identifier) @m) @trigger
   arguments: (arguments . (_) . (_) . (_)))
 (#eq? @hooks "webhooks")
 (#match? @m "^(constructEvent|constructEventAsync)$")
 (#set! rule "ecma.crypto.webhook-signature"))
