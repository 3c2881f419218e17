; Weak cryptography in Go: MD5/SHA-1, DES/3DES/RC4 and friends, hand-rolled ECB, constant IVs and
; nonces, and RSA keys under 2048 bits.

; md5.New(), md5.Sum(data), sha1.New(), sha1.Sum(data). (hmac.New(sha1.New, key), HMAC-SHA1 as
; TOTP needs it, passes sha1.New as a value and does not match.)
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#imports? "^crypto/(md5|sha1)$")
 (#resolves-to? @fn "^crypto/(md5|sha1)\\.(New|Sum)$")
 (#not-incidental-use? @finding)
 (#set! confidence "low")
 (#set! rule "go.crypto.weak-hash")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "328")
 (#set! message "MD5 and SHA-1 are broken (practical collisions): use crypto/sha256 (or sha512/sha3) for signatures, integrity checks, tokens and fingerprints; passwords need bcrypt/scrypt/argon2."))

; des.NewCipher(key), des.NewTripleDESCipher(key), rc4.NewCipher(key), blowfish/cast5/tea/xtea
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#imports? "^(crypto/(des|rc4)|golang\\.org/x/crypto/(blowfish|cast5|tea|xtea))$")
 (#resolves-to? @fn "^(crypto/des\\.(NewCipher|NewTripleDESCipher)|crypto/rc4\\.NewCipher|golang\\.org/x/crypto/(blowfish|cast5|tea|xtea)\\.NewCipher)$")
 (#set! rule "go.crypto.weak-cipher")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "327")
 (#set! message "DES, 3DES, RC4 and the 64-bit block ciphers are broken or obsolete (Sweet32, RC4 biases); use AES-GCM (crypto/aes + cipher.NewGCM) or golang.org/x/crypto/chacha20poly1305."))

; for ... { block.Encrypt(dst[i:], src[i:]) }: ECB written by hand (identical blocks stay identical)
((for_statement
   body: (block
     (statement_list
       (expression_statement
         (call_expression
           function: (selector_expression field: (field_identifier) @method)
           arguments: (argument_list . (slice_expression) . (slice_expression) .)) @finding))))
 (#any-of? @method "Encrypt" "Decrypt")
 (#imports? "^crypto/(aes|des)$")
 (#set! rule "go.crypto.ecb-mode")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "327")
 (#set! message "Encrypting block by block in a loop is ECB mode: equal plaintext blocks give equal ciphertext blocks and nothing is authenticated. Use cipher.NewGCM(block) with a random nonce."))

; cipher.NewCBCEncrypter(block, []byte("0000000000000000")), cipher.NewCTR(block, make([]byte, 16))
; Not when the key was derived in the same function from a password and a salt (scrypt.Key,
; argon2.IDKey, pbkdf2.Key): a fresh key per salt never reuses a keystream, and password-hash
; formats fix the IV (Firebase scrypt: AES-CTR with a zero IV keyed by the scrypt output).
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#imports? "^crypto/cipher$")
 (#match? @args "^\\(\\s*[^,]+?\\s*,\\s*(\\[\\]byte\\(\\s*[\"`][^\"`]*[\"`]\\s*\\)|\\[\\d*\\]byte\\s*\\{[\\s0-9a-fA-FxX,']*\\}|make\\(\\[\\]byte,\\s*[\\w.()]+\\)|bytes\\.Repeat\\([^()]*(\\([^()]*\\))?[^()]*\\))\\s*[,)]")
 (#resolves-to? @fn "^crypto/cipher\\.(NewCBCEncrypter|NewCBCDecrypter|NewCFBEncrypter|NewCFBDecrypter|NewCTR|NewOFB)$")
 (#not-text-before? @finding "{{salted-kdf-key}}")
 (#set! rule "go.crypto.static-iv")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "329")
 (#set! message "Constant IV: every message is encrypted with the same IV, so equal prefixes leak (CBC/CFB) or the keystream repeats (CTR/OFB). Generate a fresh IV per message with crypto/rand and send it with the ciphertext."))

; gcm.Seal(nil, []byte("123456789012"), plaintext, nil)
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#imports? "^crypto/cipher$")
 (#match? @fn "\\.Seal$")
 (#match? @args "^\\(\\s*[^,]+?\\s*,\\s*(\\[\\]byte\\(\\s*[\"`][^\"`]*[\"`]\\s*\\)|\\[\\d*\\]byte\\s*\\{[\\s0-9a-fA-FxX,']*\\}|make\\(\\[\\]byte,\\s*[\\w.()]+\\)|bytes\\.Repeat\\([^()]*(\\([^()]*\\))?[^()]*\\))\\s*[,)]")
 (#set! rule "go.crypto.static-iv")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "329")
 (#set! message "Constant AEAD nonce: reusing a GCM nonce with the same key leaks the authentication key and XOR of plaintexts. Use a fresh random nonce per message (crypto/rand, gcm.NonceSize()) and prepend it to the ciphertext."))

; iv := []byte("0000000000000000")
((short_var_declaration left: (expression_list . (_) @name) right: (expression_list . (_) @value)) @finding
 (#imports? "^crypto/cipher$")
 (#match? @name "^(iv|IV|nonce|Nonce|NONCE)$|[a-z](IV|Iv|Nonce)$|^(iv|nonce)[A-Z]")
 (#match? @value "^(\\[\\]byte\\(\\s*[\"`][^\"`]*[\"`]\\s*\\)|\\[\\d*\\]byte\\s*\\{[\\s0-9a-fA-FxX,']*\\})$")
 (#set! rule "go.crypto.static-iv")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "329")
 (#set! message "Constant IV / nonce: every encryption reuses it. Generate a fresh one per message with crypto/rand (io.ReadFull(rand.Reader, iv)) and send it with the ciphertext."))

; var nonce = []byte{0, 1, 2, ...}
; Not AES key wrap's default initial value (RFC 3394 §2.2.3: `keywrapDefaultIV = []byte{0xa6, …}`, eight
; 0xA6 bytes): a fixed integrity check value the standard defines, not an encryption IV (round 77, jwx).
((var_spec name: (identifier) @name value: (expression_list . (_) @value)) @finding
 (#imports? "^crypto/cipher$")
 (#match? @name "^(iv|IV|nonce|Nonce|NONCE)$|[a-z](IV|Iv|Nonce)$|^(iv|nonce)[A-Z]")
 (#match? @value "^(\\[\\]byte\\(\\s*[\"`][^\"`]*[\"`]\\s*\\)|\\[\\d*\\]byte\\s*\\{[\\s0-9a-fA-FxX,']*\\})$")
 (#not-match? @value "^\\[\\d*\\]byte\\s*\\{\\s*(0[xX][aA]6\\s*,\\s*){7}0[xX][aA]6\\s*,?\\s*\\}$")
 (#set! rule "go.crypto.static-iv")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "329")
 (#set! message "Constant IV / nonce: every encryption reuses it. Generate a fresh one per message with crypto/rand (io.ReadFull(rand.Reader, iv)) and send it with the ciphertext."))

; rsa.GenerateKey(rand.Reader, 1024)
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#imports? "^crypto/rsa$")
 (#resolves-to? @fn "^crypto/rsa\\.GenerateKey$")
 (#match? @args "^\\(\\s*[^,]+,\\s*(\\d{1,3}|1\\d{3}|20[0-3]\\d|204[0-7])\\s*\\)$")
 (#set! rule "go.crypto.small-rsa-key")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "326")
 (#set! message "RSA key under 2048 bits can be factored; generate at least 2048-bit keys (3072 for use beyond 2030).")
 (#set! fix "go.rsa-2048"))
