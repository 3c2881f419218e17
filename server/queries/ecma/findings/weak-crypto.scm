; Findings: weak cryptographic primitives in node:crypto (and crypto-js / md5 packages).
; node:crypto calls resolve through imports and requires (`crypto.createHash`, a destructured
; `createHash`, `require('node:crypto')`), so same-named functions elsewhere do not match.
;
; Fixes: `ecma.crypto-sha256` swaps a weak createHash algorithm for 'sha256' (every digest changes:
; stored or exchanged values must be migrated); `ecma.crypto-rsa-2048` raises modulusLength to
; 2048. Ciphers, HMAC algorithms, signatures and IVs have no fix: the other side of the protocol
; and stored data must change with them.

; crypto.createHash('md5' | 'sha1' | ...)
((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (string) @finding))
 (#imports? "^crypto$")
 (#resolves-to? @fn "^crypto\\.createHash$")
 (#match? @finding "^['\"](?:[mM][dD]5|[mM][dD]4|[sS][hH][aA]1|[sS][hH][aA]-1|[rR][iI][pP][eE][mM][dD]160|[rR][mM][dD]160)['\"]$")
 (#not-incidental-use? @finding)
 (#set! confidence "low")
 (#set! rule "ecma.crypto.weak-hash")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "328")
 (#set! message "MD5 / SHA-1 are broken (practical collisions): never use them for signatures, integrity, passwords or tokens; use SHA-256 or better (for passwords: scrypt / argon2 / bcrypt)")
 (#set! fix "ecma.crypto-sha256"))

; crypto.createSign('RSA-SHA1') / createVerify('sha1'): a SHA-1 signature can be forged by collision
((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (string) @finding))
 (#imports? "^crypto$")
 (#resolves-to? @fn "^crypto\\.(createSign|createVerify|sign|verify)$")
 (#match? @finding "^['\"](?:[rR][sS][aA]-)?(?:[mM][dD]5|[sS][hH][aA]1|[sS][hH][aA]-1)(?:[wW][iI][tT][hH][rR][sS][aA][eE][nN][cC][rR][yY][pP][tT][iI][oO][nN])?['\"]$")
 (#not-incidental-use? @finding)
 (#set! confidence "low")
 (#set! rule "ecma.crypto.weak-hash")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "328")
 (#set! message "Signatures over MD5 / SHA-1 digests are forgeable through collisions; sign with SHA-256 (e.g. 'sha256' / 'RSA-SHA256')"))

; CryptoJS.MD5(x), CryptoJS.SHA1(x), md5(x) (md5 / crypto-js/md5 packages)
((call_expression
   function: [(identifier) (member_expression)] @fn @finding) @call
 (#imports? "^(crypto-js|crypto-js/(md5|sha1)|md5|sha1)$")
 (#resolves-to? @fn "^(crypto-js\\.(MD5|SHA1)|crypto-js/(md5|sha1)|md5|sha1)$")
 (#not-incidental-use? @finding)
 (#set! confidence "low")
 (#set! rule "ecma.crypto.weak-hash")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "328")
 (#set! message "MD5 / SHA-1 are broken (practical collisions): never use them for signatures, integrity, passwords or tokens; use SHA-256 or better (for passwords: scrypt / argon2 / bcrypt)"))

; crypto.createHmac('md5', key): HMAC-MD5 is deprecated
((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (string) @finding))
 (#imports? "^crypto$")
 (#resolves-to? @fn "^crypto\\.createHmac$")
 (#match? @finding "^['\"](md5|MD5|md4|MD4)['\"]$")
 (#set! rule "ecma.crypto.weak-hmac")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "327")
 (#set! message "HMAC-MD5 is deprecated; use HMAC-SHA256 (both sides of the protocol must change together)"))

; crypto.createHmac('sha1', key): HMAC-SHA1 is still unbroken but legacy (webhooks, TOTP). Audit
; only (low confidence): nearly every use is a signature a provider's protocol mandates (TOTP,
; OAuth 1.0a, cloud RPC signatures with `SignatureMethod: 'HMAC-SHA1'`), which the caller cannot
; change and which has no practical attack.
((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (string) @finding))
 (#imports? "^crypto$")
 (#resolves-to? @fn "^crypto\\.createHmac$")
 (#match? @finding "^['\"](sha1|SHA1|sha-1|SHA-1)['\"]$")
 (#set! confidence "low")
 (#set! rule "ecma.crypto.weak-hmac")
 (#set! category "crypto")
 (#set! severity "info")
 (#set! cwe "327")
 (#set! message "HMAC-SHA1 is legacy (fine where a protocol requires it, e.g. TOTP); prefer HMAC-SHA256 for anything new"))

; crypto.createCipheriv('des-ede3-cbc' | 'rc4' | 'bf-cbc' | 'aes-128-ecb' | ..., key, iv)
((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (string) @finding))
 (#imports? "^crypto$")
 (#resolves-to? @fn "^crypto\\.(createCipheriv|createDecipheriv)$")
 (#match? @finding "^['\"](?:(?:[dD][eE][sS]|[dD][eE][sS]3|[rR][cC]2|[rR][cC]4|[bB][fF]|[bB][lL][oO][wW][fF][iI][sS][hH]|[cC][aA][sS][tT]|[cC][aA][sS][tT]5|[iI][dD][eE][aA]|[sS][eE][eE][dD])(?:[-_][\\w-]*)?)['\"]$")
 (#set! rule "ecma.crypto.weak-cipher")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "327")
 (#set! message "Weak cipher: DES / 3DES / RC4 / RC2 / Blowfish are broken or have 64-bit blocks; use AES-256-GCM or ChaCha20-Poly1305 with a random nonce"))

; crypto.createCipheriv('aes-128-ecb' | 'aes-256-ecb', key, null)
((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (string) @finding))
 (#imports? "^crypto$")
 (#resolves-to? @fn "^crypto\\.(createCipheriv|createDecipheriv)$")
 (#match? @finding "^['\"](?!(?:[dD][eE][sS]|[dD][eE][sS]3|[rR][cC]2|[rR][cC]4|[bB][fF]|[bB][lL][oO][wW][fF][iI][sS][hH]|[cC][aA][sS][tT]|[cC][aA][sS][tT]5|[iI][dD][eE][aA]|[sS][eE][eE][dD])[-_])[\\w-]*-[eE][cC][bB]['\"]$")
 (#set! rule "ecma.crypto.ecb-mode")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "327")
 (#set! message "ECB mode encrypts equal blocks to equal ciphertext and leaks plaintext patterns; use AES-256-GCM (or ChaCha20-Poly1305) with a random nonce"))

; CryptoJS.DES.encrypt(...), CryptoJS.TripleDES.encrypt(...), CryptoJS.RC4.encrypt(...)
((call_expression
   function: [(identifier) (member_expression)] @fn @finding) @call
 (#imports? "^crypto-js")
 (#resolves-to? @fn "^crypto-js\\.(DES|TripleDES|RC4|RC4Drop|Rabbit)\\.(encrypt|decrypt)$")
 (#set! rule "ecma.crypto.weak-cipher")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "327")
 (#set! message "Weak cipher: DES / 3DES / RC4 are broken or have 64-bit blocks; use AES-GCM (WebCrypto or node:crypto) with a random nonce"))

; { mode: CryptoJS.mode.ECB }
((pair
   key: (property_identifier) @k
   value: (member_expression) @finding)
 (#eq? @k "mode")
 (#match? @finding "(^|\\.)mode\\.ECB$")
 (#set! rule "ecma.crypto.ecb-mode")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "327")
 (#set! message "ECB mode encrypts equal blocks to equal ciphertext and leaks plaintext patterns; use an authenticated mode (AES-GCM) with a random nonce"))

; crypto.createCipher(alg, password) / createDecipher: MD5 key derivation, no IV; removed in Node 22
((call_expression
   function: [(identifier) (member_expression)] @fn @finding) @call
 (#imports? "^crypto$")
 (#resolves-to? @fn "^crypto\\.(createCipher|createDecipher)$")
 (#set! rule "ecma.crypto.create-cipher-without-iv")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "327")
 (#set! message "crypto.createCipher derives the key with one MD5 round and uses a fixed IV (removed in Node 22); derive a key with scrypt and use createCipheriv with a random IV"))

; Static IVs / nonces for createCipheriv(alg, key, iv): a string literal, Buffer.from('...'),
; Buffer.from([0, ...]), Buffer.alloc(16) (all zero), new Uint8Array(12), an IV / NONCE constant (not an
; upper-case local assigned randomBytes earlier in the function: `const IV = crypto.randomBytes(16)`).
((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (_) . (_) . (string) @finding))
 (#imports? "^crypto$")
 (#resolves-to? @fn "^crypto\\.createCipheriv$")
 (#not-match? @finding "^(''|\"\")$")
 (#set! rule "ecma.crypto.static-iv")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "329")
 (#set! message "Constant IV / nonce: reusing it with the same key leaks plaintext (and breaks GCM authentication); generate crypto.randomBytes(12 or 16) per message and store it with the ciphertext"))

((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (_) . (_) . (call_expression
     function: (member_expression) @bf
     arguments: (arguments . [(string) (array) (number) (identifier) @const])) @finding))
 (#imports? "^crypto$")
 (#resolves-to? @fn "^crypto\\.createCipheriv$")
 (#match? @bf "^Buffer\\.(from|alloc)$")
 (#not-match? @const "^(?![A-Z][A-Z0-9_]*$)")
 (#set! rule "ecma.crypto.static-iv")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "329")
 (#set! message "Constant IV / nonce: reusing it with the same key leaks plaintext (and breaks GCM authentication); generate crypto.randomBytes(12 or 16) per message and store it with the ciphertext"))

((call_expression
   function: [(identifier) (member_expression)] @fn
   arguments: (arguments . (_) . (_) . [
     (new_expression constructor: (identifier) @ctor arguments: (arguments . (number)))
     (identifier) @const
   ] @finding))
 (#imports? "^crypto$")
 (#resolves-to? @fn "^crypto\\.createCipheriv$")
 (#not-match? @ctor "^(?!(Uint8Array|Buffer)$)")
 (#not-match? @const "^(?![A-Z][A-Z0-9_]*$)")
 (#not-text-before? @finding "\\b[A-Z][A-Z0-9_]*\\s*(?::[^=\\n]*)?=\\s*(?:await\\s+)?(?:crypto\\.)?(?:randomBytes|getRandomValues|webcrypto\\.getRandomValues)\\(")
 (#set! rule "ecma.crypto.static-iv")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "329")
 (#set! message "Constant IV / nonce: reusing it with the same key leaks plaintext (and breaks GCM authentication); generate crypto.randomBytes(12 or 16) per message and store it with the ciphertext"))

; modulusLength below 2048 (generateKeyPair('rsa' | 'rsa-pss' | 'dsa'), WebCrypto RSA key generation)
((pair
   key: (property_identifier) @k
   value: (number) @finding)
 (#eq? @k "modulusLength")
 (#match? @finding "^(?:[0-9]{1,3}|1[0-9]{3}|20[0-3][0-9]|204[0-7])$")
 (#set! rule "ecma.crypto.small-rsa-key")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "326")
 (#set! message "RSA / DSA keys under 2048 bits are factorable with modest resources; use modulusLength: 2048 or more (3072 for long-lived keys)")
 (#set! fix "ecma.crypto-rsa-2048"))
