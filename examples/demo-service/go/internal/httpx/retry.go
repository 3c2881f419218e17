package httpx

import (
	"context"
	"math/rand"
	"net/http"
	"time"
)

// Client wraps http.Client with retries for idempotent requests.
type Client struct {
	HTTP        *http.Client
	MaxAttempts int
	BaseDelay   time.Duration
}

// Do sends req, retrying on 5xx and network errors with exponential backoff and jitter.
func (c *Client) Do(ctx context.Context, req *http.Request) (*http.Response, error) {
	var lastErr error
	for attempt := 0; attempt < c.MaxAttempts; attempt++ {
		resp, err := c.HTTP.Do(req.WithContext(ctx))
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if err == nil {
			resp.Body.Close()
		}
		lastErr = err
		backoff := c.BaseDelay << attempt
		jitter := time.Duration(rand.Int63n(int64(backoff) / 2))
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(backoff + jitter):
		}
	}
	return nil, lastErr
}

// UserAgent is sent with every outgoing request.
func UserAgent(version string) string {
	return "demo-service/" + version
}
