package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
)

const maxWebhookBody = 1 << 20

// ReadSigned reads a webhook body and checks its X-Signature header (hex HMAC-SHA256).
func ReadSigned(r *http.Request, secret []byte) ([]byte, bool) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxWebhookBody))
	if err != nil {
		return nil, false
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	expected := mac.Sum(nil)
	got, err := hex.DecodeString(r.Header.Get("X-Signature"))
	if err != nil {
		return nil, false
	}
	return body, hmac.Equal(expected, got)
}
