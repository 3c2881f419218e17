; Weak cryptography in Python: MD5/SHA-1 (hashlib, PyCryptodome, cryptography), DES/3DES/RC4 and the
; 64-bit block ciphers, ECB mode, constant IVs and nonces, and RSA keys under 2048 bits.

; hashlib.md5(data), hashlib.sha1(), MD5.new() (PyCryptodome), hashes.MD5() (cryptography).
; usedforsecurity=False marks a non-security use (cache keys, ETags) and is fine.
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^(hashlib|Crypto|Cryptodome|cryptography)(\\.|$)")
 (#resolves-to? @fn "^(hashlib\\.(md5|sha1)|(Crypto|Cryptodome)\\.Hash\\.(MD5|SHA1|SHA)\\.new|cryptography\\.hazmat\\.primitives\\.hashes\\.MD5)$")
 (#not-match? @args "usedforsecurity\\s*=\\s*False")
 (#not-incidental-use? @finding)
 (#set! confidence "low")
 (#set! rule "python.crypto.weak-hash")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "328")
 (#set! message "MD5 and SHA-1 are broken (practical collisions): use hashlib.sha256 (or sha3/blake2) for signatures, integrity and tokens; passwords need bcrypt/scrypt/argon2. Pass usedforsecurity=False for non-security uses.")
 (#set! fix "python.sha256"))

; hashlib.new("md5", data)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^hashlib(\\.|$)")
 (#resolves-to? @fn "^hashlib\\.new$")
 (#match? @args "^\\(\\s*[\"\\']([Mm][Dd]5|[Ss][Hh][Aa]-?1)[\"\\']")
 (#not-match? @args "usedforsecurity\\s*=\\s*False")
 (#not-incidental-use? @finding)
 (#set! confidence "low")
 (#set! rule "python.crypto.weak-hash")
 (#set! category "crypto")
 (#set! severity "warning")
 (#set! cwe "328")
 (#set! message "MD5 and SHA-1 are broken (practical collisions): use hashlib.sha256 (or sha3/blake2) for signatures, integrity and tokens; passwords need bcrypt/scrypt/argon2. Pass usedforsecurity=False for non-security uses.")
 (#set! fix "python.sha256"))

; algorithms.TripleDES(key), algorithms.ARC4(key), DES.new(key, ...), DES3.new(...), ARC4.new(...)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^(Crypto|Cryptodome|cryptography)(\\.|$)")
 (#resolves-to? @fn "^(cryptography\\.hazmat\\.(primitives|decrepit)\\.ciphers\\.algorithms\\.(TripleDES|ARC4|Blowfish|IDEA|CAST5|SEED)|(Crypto|Cryptodome)\\.Cipher\\.(DES|DES3|ARC4|ARC2|Blowfish|CAST)\\.new)$")
 (#set! rule "python.crypto.weak-cipher")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "327")
 (#set! message "DES, 3DES, RC4 and the 64-bit block ciphers are broken or obsolete (Sweet32, RC4 biases); use AES-GCM (cryptography's AESGCM) or ChaCha20-Poly1305."))

; Cipher(algorithms.AES(key), modes.ECB())
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^cryptography(\\.|$)")
 (#resolves-to? @fn "^cryptography\\.hazmat\\.primitives\\.ciphers\\.modes\\.ECB$")
 (#set! rule "python.crypto.ecb-mode")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "327")
 (#set! message "ECB mode encrypts equal blocks to equal ciphertext and authenticates nothing; use AESGCM (or ChaCha20Poly1305) with a fresh random nonce."))

; AES.new(key, AES.MODE_ECB) (PyCryptodome)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^(Crypto|Cryptodome)(\\.|$)")
 (#resolves-to? @fn "^(Crypto|Cryptodome)\\.Cipher\\.\\w+\\.new$")
 (#match? @args "\\bMODE_ECB\\b")
 (#set! rule "python.crypto.ecb-mode")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "327")
 (#set! message "ECB mode encrypts equal blocks to equal ciphertext and authenticates nothing; use AES.MODE_GCM with a fresh random nonce."))

; modes.CBC(b"0000000000000000"), modes.GCM(b"\x00" * 12), modes.CTR(bytes(16))
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^cryptography(\\.|$)")
 (#match? @args "^\\(\\s*([bB][rR]?(\"[^\"]*\"|'[^']*')(\\s*\\*\\s*\\d+)?|bytes\\(\\d+\\)|bytearray\\(\\d+\\)|bytes\\.fromhex\\([\"'][0-9a-fA-F ]*[\"']\\))\\s*[,)]")
 (#resolves-to? @fn "^cryptography\\.hazmat\\.primitives\\.ciphers\\.modes\\.(CBC|CFB|CFB8|OFB|CTR|GCM|XTS)$")
 (#set! rule "python.crypto.static-iv")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "329")
 (#set! message "Constant IV / nonce: every message is encrypted with the same one, so equal prefixes leak (CBC/CFB) or the keystream repeats (CTR/OFB/GCM, which also loses authentication). Use os.urandom(16) per message (12 bytes for GCM) and send it with the ciphertext."))

; AESGCM(key).encrypt(b"123456789012", data, aad), ChaCha20Poly1305(key).encrypt(bytes(12), ...)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^cryptography\\.hazmat\\.primitives\\.ciphers\\.aead(\\.|$)")
 (#match? @fn "\\.encrypt$")
 (#match? @args "^\\(\\s*([bB][rR]?(\"[^\"]*\"|'[^']*')(\\s*\\*\\s*\\d+)?|bytes\\(\\d+\\)|bytearray\\(\\d+\\)|bytes\\.fromhex\\([\"'][0-9a-fA-F ]*[\"']\\))\\s*,")
 (#set! rule "python.crypto.static-iv")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "329")
 (#set! message "Constant AEAD nonce: reusing a nonce with the same key breaks confidentiality and authentication. Use os.urandom(12) per message and send it with the ciphertext."))

; AES.new(key, AES.MODE_CBC, iv=b"..."), AES.new(key, AES.MODE_GCM, nonce=b"..."), AES.new(key, AES.MODE_CBC, b"...")
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^(Crypto|Cryptodome)(\\.|$)")
 (#match? @args "\\b(iv|IV|nonce|initial_value)\\s*=\\s*([bB][rR]?(\"[^\"]*\"|'[^']*')(\\s*\\*\\s*\\d+)?|bytes\\(\\d+\\)|bytearray\\(\\d+\\)|bytes\\.fromhex\\([\"'][0-9a-fA-F ]*[\"']\\))\\s*[,)]|^\\(\\s*[^,()]+(\\([^()]*\\))?\\s*,\\s*[^,()]+\\s*,\\s*([bB][rR]?(\"[^\"]*\"|'[^']*')(\\s*\\*\\s*\\d+)?|bytes\\(\\d+\\)|bytearray\\(\\d+\\)|bytes\\.fromhex\\([\"'][0-9a-fA-F ]*[\"']\\))\\s*[,)]")
 (#resolves-to? @fn "^(Crypto|Cryptodome)\\.Cipher\\.\\w+\\.new$")
 (#set! rule "python.crypto.static-iv")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "329")
 (#set! message "Constant IV / nonce: every message is encrypted with the same one. Omit it to let PyCryptodome pick a random one (cipher.iv / cipher.nonce) or use get_random_bytes(), and send it with the ciphertext."))

; IV = b"0000000000000000", self.nonce = b"\x00" * 12
((assignment left: (_) @name right: (_) @value) @finding
 (#imports? "^(Crypto|Cryptodome|cryptography)(\\.|$)")
 (#match? @name "(^|\\.)_?(iv|IV|nonce|NONCE|[a-z_]+_iv|[A-Z_]+_IV|[a-z_]+_nonce|[A-Z_]+_NONCE)$")
 (#match? @value "^([bB][rR]?(\"[^\"]*\"|'[^']*')(\\s*\\*\\s*\\d+)?|bytes\\(\\d+\\)|bytearray\\(\\d+\\)|bytes\\.fromhex\\([\"'][0-9a-fA-F ]*[\"']\\))$")
 (#set! rule "python.crypto.static-iv")
 (#set! confidence "low")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "329")
 (#set! message "Constant IV / nonce: every encryption reuses it. Generate a fresh one per message with os.urandom / secrets.token_bytes and send it with the ciphertext."))

; rsa.generate_private_key(public_exponent=65537, key_size=1024), rsa.generate_private_key(65537, 1024)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^cryptography(\\.|$)")
 (#resolves-to? @fn "^cryptography\\.hazmat\\.primitives\\.asymmetric\\.(rsa|dsa)\\.generate_private_key$")
 (#match? @args "\\bkey_size\\s*=\\s*(\\d{1,3}|1\\d{3}|20[0-3]\\d|204[0-7])\\s*[,)]|^\\(\\s*[^,]+,\\s*(\\d{1,3}|1\\d{3}|20[0-3]\\d|204[0-7])\\s*[,)]")
 (#set! rule "python.crypto.small-rsa-key")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "326")
 (#set! message "RSA/DSA key under 2048 bits can be factored; use at least 2048 bits (3072 for use beyond 2030).")
 (#set! fix "python.rsa-2048"))

; RSA.generate(1024) (PyCryptodome), rsa.newkeys(1024)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^(Crypto|Cryptodome|rsa)(\\.|$)")
 (#resolves-to? @fn "^((Crypto|Cryptodome)\\.PublicKey\\.(RSA|DSA)\\.generate|rsa\\.newkeys)$")
 (#match? @args "^\\(\\s*(bits\\s*=\\s*)?(\\d{1,3}|1\\d{3}|20[0-3]\\d|204[0-7])\\s*[,)]")
 (#set! rule "python.crypto.small-rsa-key")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! cwe "326")
 (#set! message "RSA/DSA key under 2048 bits can be factored; use at least 2048 bits (3072 for use beyond 2030).")
 (#set! fix "python.rsa-2048"))
