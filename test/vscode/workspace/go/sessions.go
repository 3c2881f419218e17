package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
)

// The VS Code suite applies a bulk edit inside CheckSignature (a guarded region).

var ErrBadSignature = errors.New("bad signature")

// CheckSignature compares a request signature with the expected HMAC.
func CheckSignature(secret []byte, body []byte, signature string) error {
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	expected := hex.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(expected), []byte(signature)) {
		return ErrBadSignature
	}
	return nil
}

func Greeting(name string) string {
	return "hello " + name
}
