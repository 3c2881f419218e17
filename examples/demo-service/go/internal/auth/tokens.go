package auth

import (
	"errors"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Claims are the access-token claims the API relies on.
type Claims struct {
	Scope string `json:"scope"`
	jwt.RegisteredClaims
}

type Verifier struct {
	key    []byte
	issuer string
}

func NewVerifier(key []byte, issuer string) *Verifier {
	return &Verifier{key: key, issuer: issuer}
}

// Verify parses a bearer token and checks its signature, issuer and expiry.
func (v *Verifier) Verify(header string) (*Claims, error) {
	raw, ok := strings.CutPrefix(header, "Bearer ")
	if !ok {
		return nil, errors.New("missing bearer token")
	}
	claims := &Claims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (interface{}, error) {
		return v.key, nil
	}, jwt.WithIssuer(v.issuer), jwt.WithLeeway(30*time.Second))
	if err != nil {
		return nil, err
	}
	return claims, nil
}

// HasScope reports whether a space-separated scope list contains want.
func HasScope(claims *Claims, want string) bool {
	for _, s := range strings.Fields(claims.Scope) {
		if s == want {
			return true
		}
	}
	return false
}
