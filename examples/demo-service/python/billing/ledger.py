import sqlite3
from decimal import Decimal

from .models import Invoice


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def record_invoice(conn: sqlite3.Connection, invoice: Invoice) -> None:
    """Writes the invoice and its ledger entry together, or neither."""
    conn.execute("BEGIN")
    try:
        conn.execute(
            "INSERT INTO invoices (number, customer_id, issued_on, total) VALUES (?, ?, ?, ?)",
            (invoice.number, invoice.customer_id, invoice.issued_on.isoformat(), str(invoice.total)),
        )
        conn.execute(
            "INSERT INTO ledger (customer_id, amount, reference) VALUES (?, ?, ?)",
            (invoice.customer_id, str(-invoice.total), invoice.number),
        )
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise


def balance(conn: sqlite3.Connection, customer_id: str) -> Decimal:
    row = conn.execute("SELECT COALESCE(SUM(amount), 0) AS total FROM ledger WHERE customer_id = ?", (customer_id,)).fetchone()
    return Decimal(row["total"])


def format_amount(amount: Decimal, currency: str = "EUR") -> str:
    return f"{amount:,.2f} {currency}"
