; JWT validation mistakes in Python: PyJWT (`import jwt`) and python-jose (`from jose import jwt`).
; Verification switched off in a dev-only stand-in class (`class NullOIDCPublisherService`, `MockVerifier`,
; a Null-object whose constructor warns it is insecure) is deliberate and never reported.

; jwt.decode(token, key) without algorithms=: PyJWT 1.x and python-jose then accept whatever alg
; the token header names (alg confusion: an RS256 public key used as an HS256 secret). Calls that
; turn verification off are reported by the rules below instead; **kwargs may carry algorithms.
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^(jwt|jose)(\\.|$)")
 (#resolves-to? @fn "^(jwt\\.(decode|decode_complete|api_jwt\\.decode|api_jwt\\.decode_complete)|jose\\.jwt\\.decode)$")
 (#not-match? @args "\\balgorithms\\s*=|verify_signature|\\bverify\\s*=\\s*False|\\*\\*|\\[\\s*[\"\\'](HS|RS|ES|PS|Ed)")
 (#set! rule "python.jwt.algorithm-not-pinned")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "347")
 (#set! message "jwt.decode without algorithms=: the token's own alg header decides how it is verified (alg confusion with RS/HS keys). Pass algorithms=[\"<the alg you sign with>\"].")
 (#set! fix "python.jwt-pin-algorithms"))

; jwt.decode(token, key, algorithms=["HS256", "none"]), jwt.encode(claims, None, algorithm="none")
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^(jwt|jose|authlib)(\\.|$)")
 (#match? @args "\\balgorithms?\\s*=\\s*[\\[(]?[^\\])=]*?[uU]?[\"\\'][Nn][Oo][Nn][Ee][\"\\']")
 (#set! rule "python.jwt.none-algorithm")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! cwe "347")
 (#set! message "alg \"none\" means no signature: tokens made or accepted with it can be forged by anyone. List only the algorithm you sign with.")
 (#set! fix "python.jwt-drop-none"))

; options={"verify_signature": False} (PyJWT 2, python-jose), also in a separate options dict
((pair key: (string) @key value: (false) @value) @finding
 (#match? @key "^[\"\\']verify_signature[\"\\']$")
 (#imports? "^(jwt|jose)(\\.|$)")
 (#not-unit-name-matches? @finding "[Uu]nverified|[Ww]ithout_?[Vv]erif|[Pp]seudo|[Ii]nsecure|[Uu]nsafe|[Pp]eek|(^|\\s)(is|has)_|(^|\\s)(is|has)[A-Z]|_owner$|[Ii]ssuer$")
 (#not-unit-name-matches? @finding "(^|\\s)_?(Null|Mock|Fake|Dummy|Stub)[A-Z]\\w*$")
 (#not-text-before? @finding "(^|[^\\w])\\w*([Uu]nverified|[Uu]ntrusted|UNVERIFIED)\\w*\\s*(:[^=\\n]+)?=\\s*[\\w.]*\\.decode(_complete)?\\(\\s*[^()]*$")
 (#set! rule "python.jwt.signature-verification-disabled")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "347")
 (#set! message "verify_signature is off: the token is decoded without checking its signature, so anyone can forge its claims. Verify with the key and algorithms=[...]; never authorize on unverified claims."))

; jwt.decode(token, verify=False) (PyJWT 1.x)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^(jwt|jose)(\\.|$)")
 (#match? @args "\\bverify\\s*=\\s*False\\b")
 (#resolves-to? @fn "^(jwt\\.(decode|decode_complete)|jose\\.jwt\\.decode)$")
 (#not-unit-name-matches? @finding "(^|\\s)_?(Null|Mock|Fake|Dummy|Stub)[A-Z]\\w*$")
 (#set! rule "python.jwt.decode-without-verify")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "347")
 (#set! message "jwt.decode(..., verify=False) returns the claims without checking the signature, so anyone can forge them. Decode with the key and algorithms=[...]."))

; jose.jwt.get_unverified_claims(token)
((call function: (_) @fn arguments: (argument_list) @args) @finding
 (#imports? "^jose(\\.|$)")
 (#resolves-to? @fn "^jose\\.jwt\\.get_unverified_claims$")
 (#not-unit-name-matches? @finding "(^|\\s)_?(Null|Mock|Fake|Dummy|Stub)[A-Z]\\w*$")
 (#set! rule "python.jwt.decode-without-verify")
 (#set! category "jwt")
 (#set! severity "warning")
 (#set! confidence "low")
 (#set! cwe "345")
 (#set! message "get_unverified_claims returns claims whose signature was never checked: attacker-controlled. Use them only for routing hints, then jwt.decode with the key and algorithms=[...]."))

; options={"verify_exp": False} (also verify_nbf, verify_iat)
; Not in a function that also turns verify_signature off (an unverified peek at `tid`/`kid` before the
; real decode): the claim flags are moot there, and the signature rule above reports the decode once.
((pair key: (string) @key value: (false) @value) @finding
 (#match? @key "^[\"\\']verify_(exp|nbf|iat)[\"\\']$")
 (#imports? "^(jwt|jose)(\\.|$)")
 (#not-text-before? @finding "[\"\\']verify_signature[\"\\']\\s*:\\s*False")
 (#not-text-after? @finding "[\"\\']verify_signature[\"\\']\\s*:\\s*False")
 (#not-unit-name-matches? @finding "(^|\\s)_?(Null|Mock|Fake|Dummy|Stub)[A-Z]\\w*$")
 (#set! rule "python.jwt.claims-validation-disabled")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! confidence "low")
 (#set! cwe "613")
 (#set! message "Token lifetime checks are off (verify_exp/nbf/iat): expired or not-yet-valid tokens are accepted. Leave them on; allow clock skew with leeway= instead.")
 (#set! fix "python.flip-false"))

; options={"verify_aud": False}, {"verify_iss": False}
; Audit only (confidence low): the switch is right whenever the application verifies tokens it
; issued itself with its own key (django-allauth's headless JWTs carry no aud/iss at all), and the
; rule cannot tell such a key from a third party's; every judged finding of it was FP or TEST.
((pair key: (string) @key value: (false) @value) @finding
 (#match? @key "^[\"\\']verify_(aud|iss)[\"\\']$")
 (#imports? "^(jwt|jose)(\\.|$)")
 (#not-text-before? @finding "[\"\\']verify_signature[\"\\']\\s*:\\s*False")
 (#not-text-after? @finding "[\"\\']verify_signature[\"\\']\\s*:\\s*False")
 (#not-unit-name-matches? @finding "(^|\\s)_?(Null|Mock|Fake|Dummy|Stub)[A-Z]\\w*$")
 (#set! confidence "low")
 (#set! rule "python.jwt.claims-validation-disabled")
 (#set! category "jwt")
 (#set! severity "error")
 (#set! cwe "345")
 (#set! message "Audience/issuer validation is off (verify_aud/verify_iss): tokens minted for another service or by another issuer are accepted. Pass audience=... and issuer=... and leave the checks on."))
