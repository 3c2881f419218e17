package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"

	jwt "github.com/golang-jwt/jwt/v5"
)

type Service struct {
	key []byte
}

// Verify checks an access token.
func (s *Service) Verify(raw string) (*jwt.Token, error) {
	token, err := jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		return s.key, nil
	})
	if err != nil {
		return nil, errors.New("invalid token")
	}
	return token, nil
}

func Sign(key, msg []byte) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write(msg)
	return mac.Sum(nil)
}

func Add(a, b int) int {
	return a + b
}
