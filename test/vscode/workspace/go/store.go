package auth

import (
	"context"
	"database/sql"
)

// Nothing in the suite opens this file: its region must reach the sidebar through the workspace scan.

type User struct {
	ID    int64
	Email string
}

func FindUser(ctx context.Context, db *sql.DB, email string) (*User, error) {
	u := &User{}
	err := db.QueryRowContext(ctx, "SELECT id, email FROM users WHERE email = $1", email).Scan(&u.ID, &u.Email)
	return u, err
}
