package store

import (
	"context"
	"database/sql"
	"time"

	_ "github.com/lib/pq"
)

type Order struct {
	ID        string    `json:"id"`
	Customer  string    `json:"customer"`
	Total     int64     `json:"total_cents"`
	Status    string    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
}

type Orders struct {
	db *sql.DB
}

func Open(url string) (*sql.DB, error) {
	db, err := sql.Open("postgres", url)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(20)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

func NewOrders(db *sql.DB) *Orders { return &Orders{db: db} }

// Get returns one of the customer's orders.
func (o *Orders) Get(ctx context.Context, customer, id string) (*Order, error) {
	var order Order
	err := o.db.QueryRowContext(ctx,
		`SELECT id, customer, total_cents, status, created_at FROM orders WHERE id = $1 AND customer = $2`,
		id, customer,
	).Scan(&order.ID, &order.Customer, &order.Total, &order.Status, &order.CreatedAt)
	if err != nil {
		return nil, err
	}
	return &order, nil
}

// MarkPaid moves an order to paid and records the event, atomically.
func (o *Orders) MarkPaid(ctx context.Context, id string) error {
	tx, err := o.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE orders SET status = 'paid' WHERE id = $1 AND status = 'pending'`, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO order_events (order_id, kind) VALUES ($1, 'paid')`, id); err != nil {
		return err
	}
	return tx.Commit()
}

// FormatTotal renders cents as a decimal amount.
func FormatTotal(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	whole, frac := cents/100, cents%100
	return sign + itoa(whole) + "." + string(rune('0'+frac/10)) + string(rune('0'+frac%10))
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}
