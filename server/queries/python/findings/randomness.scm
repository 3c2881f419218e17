; random module producing secrets (CWE-338): tokens, keys, nonces, salts, passwords, session ids and
; one-time codes made with random.choice / choices / randint / randrange / getrandbits / random.
; A finding needs a secret-named destination (`token = ...`, `self.session_id = ...`) or a
; secret-named function returning the value directly (`def make_password(): return ...`), so jitter,
; sampling and shuffling (`random.random() < 0.1`, `random.shuffle(items)`) never match, nor does
; random.SystemRandom() (a CSPRNG).

; token = "".join(random.choice(alphabet) for _ in range(32)), otp = random.randint(0, 999999)
((assignment left: (_) @name right: (_) @value) @finding
 (#imports? "^random(\\.|$)")
 (#match? @name "(^|[._])(token|secret|nonce|salt|password|passwd|pwd|otp|csrf|xsrf|api_?key|apikey|session_?id|session_?key|session_?token|sid|(secret|signing|private|encryption|aes|hmac)_?key|verifier|(verification|reset|confirm|confirmation|auth|otp|sms|mfa|login|invite|one_time|activation)_code|pin_code)$|^(key|iv|code|pin)$|(^|\\.)[a-z][A-Za-z0-9]*(Token|Secret|Nonce|Salt|Password|Otp|ApiKey|SessionId|SessionKey)$|(^|[._])(TOKEN|SECRET|NONCE|SALT|PASSWORD|API_?KEY|SECRET_KEY)$")
 (#match? @value "(^|[^\\w.])random\\.(choice|choices|randint|randrange|getrandbits|random|sample|randbytes|uniform)\\(")
 (#set! rule "python.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "338")
 (#set! message "Secret made with the random module, whose Mersenne Twister output is predictable (624 outputs reveal the state). Use the secrets module: secrets.token_urlsafe(), secrets.token_hex(), secrets.choice(), secrets.randbelow().")
 (#set! fix "python.secrets-random"))

; def generate_token(n=32): return "".join(random.choices(alphabet, k=n))
((function_definition
   name: (identifier) @name
   body: (block (return_statement (_) @finding)))
 (#imports? "^random(\\.|$)")
 (#match? @name "(^|_)(token|secret|nonce|salt|password|passwd|otp|csrf|xsrf|api_?key|apikey|session_?id|session_?key|session_?token|(secret|signing|private|encryption)_?key|verifier|(verification|reset|confirm|confirmation|auth|otp|sms|mfa|login|invite|one_time|activation)_code|pin)$")
 (#match? @finding "(^|[^\\w.])random\\.(choice|choices|randint|randrange|getrandbits|random|sample|randbytes|uniform)\\(")
 (#set! rule "python.crypto.insecure-random")
 (#set! category "crypto")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "338")
 (#set! message "Secret made with the random module, whose Mersenne Twister output is predictable (624 outputs reveal the state). Use the secrets module: secrets.token_urlsafe(), secrets.token_hex(), secrets.choice(), secrets.randbelow().")
 (#set! fix "python.secrets-random"))
