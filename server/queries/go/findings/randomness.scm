; math/rand producing secrets (CWE-338): its output is predictable (seeded, non-cryptographic), so
; tokens, keys, nonces, session ids, passwords and codes made from it can be guessed. Jitter,
; sampling and shuffling (`time.Duration(rand.Intn(100)) * time.Millisecond`, rand.Shuffle) are
; fine and never match: a finding needs a secret-named destination or a charset being indexed.
; (crypto/rand's rand.Int(rand.Reader, max) is excluded by its rand.Reader argument.)

; math/rand.Read(buf): almost always meant crypto/rand.Read
((call_expression function: (selector_expression) @fn arguments: (argument_list) @args) @finding
 (#imports? "^math/rand(/v2)?$")
 (#resolves-to? @fn "^math/rand(/v2)?\\.Read$")
 (#not-unit-name-matches? @finding "[Uu]nverified|[Ww]ithout_?[Vv]erif|[Pp]seudo|[Ii]nsecure|[Uu]nsafe|[Pp]eek")
 (#not-random-disclaimed? @finding)
 (#set! rule "go.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "338")
 (#set! message "math/rand.Read fills the buffer from a predictable generator; use crypto/rand.Read for keys, nonces, salts and tokens."))

; b[i] = letters[rand.Intn(len(letters))]: a random string from a charset (tokens, passwords, codes)
((index_expression
   operand: [(identifier) (selector_expression)] @charset
   index: (call_expression function: (selector_expression) @fn)) @finding
 (#match? @charset "([Ll]etter|LETTER|[Cc]har|CHAR|[Aa]lphabet|ALPHABET|[Aa]lnum|[Dd]igit|DIGIT|[Ss]ymbol|[Rr]une)[A-Za-z]*$|^(charset|Charset|CHARSET|pool|Pool|alpha|Alpha|ALPHA)$")
 (#imports? "^math/rand(/v2)?$")
 (#resolves-to? @fn "^math/rand(/v2)?\\.(Intn|IntN|Int31n|Int32N|Int63n|Int64N|N|Uint32|Uint64|Int|Int63|Int31|Int32|Int64|UintN|Uint64N|Uint32N|Float64|Float32)$")
 (#not-unit-name-matches? @finding "[Uu]nverified|[Ww]ithout_?[Vv]erif|[Pp]seudo|[Ii]nsecure|[Uu]nsafe|[Pp]eek")
 (#not-random-disclaimed? @finding)
 (#set! rule "go.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "338")
 (#set! message "Random string built with math/rand: the output is predictable, so tokens/passwords/codes made this way can be guessed. Use crypto/rand (rand.Int(rand.Reader, max) per character, or rand.Text() in Go 1.24+)."))

; token := rand.Int63(), sessionID := fmt.Sprintf("%x", rand.Uint64())
((short_var_declaration left: (expression_list . (_) @name) right: (expression_list . (_) @value)) @finding
 (#imports? "^math/rand(/v2)?$")
 (#match? @name "([Tt]oken|TOKEN|[Ss]ecret|SECRET|[Nn]once|NONCE|[Ss]alt|SALT|[Pp]assw(or)?d|PASSW(OR)?D|[Oo]tp|OTP|[Cc]srf|CSRF|[Xx]srf|XSRF|[Aa]pi[Kk]ey|API_?KEY|[Ss]ession(ID|Id|Key)?|SESSION(_?ID)?|(Secret|Signing|Private|Encryption|Aes|AES|Hmac|HMAC)Key|[Vv]erifier|[Rr]eset[Cc]ode|[Vv]erification[Cc]ode|[Ii]nvite[Cc]ode|[Aa]uth[Cc]ode)$|(^|\\.)(key|iv|IV|code)$")
 (#match? @value "(^|[^\\w.])(rand|mrand|mathrand|mathRand)\\.(Intn|IntN|Int31n|Int32N|Int63n|Int64N|N|Uint32|Uint64|Int|Int63|Int31|Int32|Int64|UintN|Uint64N|Uint32N|Float64|Float32)\\(")
 (#not-match? @value "rand\\.Reader")
 (#not-unit-name-matches? @finding "[Uu]nverified|[Ww]ithout_?[Vv]erif|[Pp]seudo|[Ii]nsecure|[Uu]nsafe|[Pp]eek")
 (#set! rule "go.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "338")
 (#set! message "Secret value taken from math/rand, which is predictable; use crypto/rand (rand.Read into a []byte, or rand.Int(rand.Reader, max))."))

; s.Nonce = rand.Uint32()
((assignment_statement left: (expression_list . (_) @name) right: (expression_list . (_) @value)) @finding
 (#imports? "^math/rand(/v2)?$")
 (#match? @name "([Tt]oken|TOKEN|[Ss]ecret|SECRET|[Nn]once|NONCE|[Ss]alt|SALT|[Pp]assw(or)?d|PASSW(OR)?D|[Oo]tp|OTP|[Cc]srf|CSRF|[Xx]srf|XSRF|[Aa]pi[Kk]ey|API_?KEY|[Ss]ession(ID|Id|Key)?|SESSION(_?ID)?|(Secret|Signing|Private|Encryption|Aes|AES|Hmac|HMAC)Key|[Vv]erifier|[Rr]eset[Cc]ode|[Vv]erification[Cc]ode|[Ii]nvite[Cc]ode|[Aa]uth[Cc]ode)$|(^|\\.)(key|iv|IV|code)$")
 (#match? @value "(^|[^\\w.])(rand|mrand|mathrand|mathRand)\\.(Intn|IntN|Int31n|Int32N|Int63n|Int64N|N|Uint32|Uint64|Int|Int63|Int31|Int32|Int64|UintN|Uint64N|Uint32N|Float64|Float32)\\(")
 (#not-match? @value "rand\\.Reader")
 (#not-unit-name-matches? @finding "[Uu]nverified|[Ww]ithout_?[Vv]erif|[Pp]seudo|[Ii]nsecure|[Uu]nsafe|[Pp]eek")
 (#set! rule "go.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "338")
 (#set! message "Secret value taken from math/rand, which is predictable; use crypto/rand (rand.Read into a []byte, or rand.Int(rand.Reader, max))."))

; Session{Token: rand.Int63()}
((keyed_element
   key: (literal_element (identifier) @name)
   value: (literal_element (call_expression) @value)) @finding
 (#imports? "^math/rand(/v2)?$")
 (#match? @name "([Tt]oken|TOKEN|[Ss]ecret|SECRET|[Nn]once|NONCE|[Ss]alt|SALT|[Pp]assw(or)?d|PASSW(OR)?D|[Oo]tp|OTP|[Cc]srf|CSRF|[Xx]srf|XSRF|[Aa]pi[Kk]ey|API_?KEY|[Ss]ession(ID|Id|Key)?|SESSION(_?ID)?|(Secret|Signing|Private|Encryption|Aes|AES|Hmac|HMAC)Key|[Vv]erifier|[Rr]eset[Cc]ode|[Vv]erification[Cc]ode|[Ii]nvite[Cc]ode|[Aa]uth[Cc]ode)$|(^|\\.)(key|iv|IV|code)$")
 (#match? @value "(^|[^\\w.])(rand|mrand|mathrand|mathRand)\\.(Intn|IntN|Int31n|Int32N|Int63n|Int64N|N|Uint32|Uint64|Int|Int63|Int31|Int32|Int64|UintN|Uint64N|Uint32N|Float64|Float32)\\(")
 (#not-match? @value "rand\\.Reader")
 (#not-unit-name-matches? @finding "[Uu]nverified|[Ww]ithout_?[Vv]erif|[Pp]seudo|[Ii]nsecure|[Uu]nsafe|[Pp]eek")
 (#set! rule "go.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "338")
 (#set! message "Secret value taken from math/rand, which is predictable; use crypto/rand (rand.Read into a []byte, or rand.Int(rand.Reader, max))."))

; func resetCode() string { return fmt.Sprintf("%06d", rand.Intn(1000000)) }
((function_declaration
   name: (identifier) @name
   body: (block (statement_list (return_statement (expression_list . (call_expression) @finding)))))
 (#imports? "^math/rand(/v2)?$")
 (#match? @name "([Tt]oken|[Ss]ecret|[Nn]once|[Ss]alt|[Pp]assw(or)?d|[Oo]tp|OTP|[Cc]srf|CSRF|[Aa]pi[Kk]ey|API[Kk]ey|[Ss]ession(ID|Id|Key)?|(Secret|Signing|Private|Encryption)Key|[Vv]erifier|([Rr]eset|[Vv]erification|[Aa]uth|[Ii]nvite|OTP|[Oo]tp|[Cc]onfirm|[Cc]onfirmation)Code)$")
 (#match? @finding "(^|[^\\w.])(rand|mrand|mathrand|mathRand)\\.(Intn|IntN|Int31n|Int32N|Int63n|Int64N|N|Uint32|Uint64|Int|Int63|Int31|Int32|Int64|UintN|Uint64N|Uint32N|Float64|Float32)\\(")
 (#not-match? @finding "rand\\.Reader")
 (#not-unit-name-matches? @finding "[Uu]nverified|[Ww]ithout_?[Vv]erif|[Pp]seudo|[Ii]nsecure|[Uu]nsafe|[Pp]eek")
 (#set! rule "go.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "338")
 (#set! message "Secret value taken from math/rand, which is predictable; use crypto/rand (rand.Read into a []byte, or rand.Int(rand.Reader, max))."))
