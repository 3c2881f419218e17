package main

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"os"
	"os/signal"
	"time"

	"example.com/demo-service/internal/auth"
	"example.com/demo-service/internal/config"
	"example.com/demo-service/internal/store"
)

type server struct {
	cfg    config.Config
	tokens *auth.Verifier
	orders *store.Orders
}

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /orders/{id}", s.getOrder)
	mux.HandleFunc("POST /webhooks/payments", s.paymentWebhook)
	return mux
}

func (s *server) getOrder(w http.ResponseWriter, r *http.Request) {
	claims, err := s.tokens.Verify(r.Header.Get("Authorization"))
	if err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	order, err := s.orders.Get(r.Context(), claims.Subject, r.PathValue("id"))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	writeJSON(w, order)
}

func (s *server) paymentWebhook(w http.ResponseWriter, r *http.Request) {
	body, ok := auth.ReadSigned(r, s.cfg.WebhookSecret)
	if !ok {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	var event struct {
		OrderID string `json:"order_id"`
		Status  string `json:"status"`
	}
	if err := json.Unmarshal(body, &event); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if err := s.orders.MarkPaid(r.Context(), event.OrderID); err != nil {
		http.Error(w, "retry later", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		log.Printf("encode response: %v", err)
	}
}

func main() {
	cfg := config.FromEnv()
	db, err := store.Open(cfg.DatabaseURL)
	if err != nil {
		log.Fatal(err)
	}
	s := &server{cfg: cfg, tokens: auth.NewVerifier(cfg.JWTKey, cfg.Issuer), orders: store.NewOrders(db)}
	srv := &http.Server{Addr: cfg.Addr, Handler: s.routes(), ReadHeaderTimeout: 5 * time.Second}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Printf("listening on %s", cfg.Addr)
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		log.Fatal(err)
	}
}
