package config

import (
	"os"
	"strconv"
	"time"
)

// Config is read once at start-up from the environment.
type Config struct {
	Addr          string
	DatabaseURL   string
	JWTKey        []byte
	Issuer        string
	WebhookSecret []byte
	Workers       int
	Timeout       time.Duration
}

func FromEnv() Config {
	return Config{
		Addr:          getenv("ADDR", ":8080"),
		DatabaseURL:   getenv("DATABASE_URL", "postgres://localhost/orders?sslmode=disable"),
		JWTKey:        []byte(os.Getenv("JWT_KEY")),
		Issuer:        getenv("JWT_ISSUER", "https://auth.example.com"),
		WebhookSecret: []byte(os.Getenv("WEBHOOK_SECRET")),
		Workers:       atoi(getenv("WORKERS", "4"), 4),
		Timeout:       duration(getenv("TIMEOUT", "5s"), 5*time.Second),
	}
}

func getenv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return fallback
}

func atoi(s string, fallback int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return fallback
	}
	return n
}

func duration(s string, fallback time.Duration) time.Duration {
	d, err := time.ParseDuration(s)
	if err != nil {
		return fallback
	}
	return d
}
