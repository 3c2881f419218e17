; JWT parsing and verification in Go: golang-jwt, go-jose, lestrrat-go/jwx.

; jwt.Parse(...), jwt.ParseWithClaims(...), parser.ParseUnverified is a method (below)
((call_expression
   function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @fn) @trigger)
 (#resolves-to? @pkg "^github\\.com/(golang-jwt/jwt|dgrijalva/jwt-go|form3tech-oss/jwt-go)(/v\\d+)?$")
 (#match? @fn "^(Parse|ParseWithClaims|ParseUnverified|NewParser|NewWithClaims|New|WithValidMethods|SigningMethodHS256|Keyfunc)$")
 (#set! rule "go.jwt.parse"))
