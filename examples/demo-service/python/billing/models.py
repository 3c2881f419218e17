from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class LineItem:
    sku: str
    quantity: int
    unit_price: Decimal

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass
class Invoice:
    number: str
    customer_id: str
    issued_on: date
    items: list[LineItem] = field(default_factory=list)
    paid_at: datetime | None = None

    @property
    def total(self) -> Decimal:
        return sum((item.total for item in self.items), Decimal("0"))

    def summary(self) -> str:
        lines = [f"Invoice {self.number} for {self.customer_id} ({self.issued_on.isoformat()})"]
        for item in self.items:
            lines.append(f"  {item.quantity} x {item.sku} @ {item.unit_price:.2f}")
        lines.append(f"  total {self.total:.2f}")
        return "\n".join(lines)


def invoice_number(year: int, sequence: int) -> str:
    return f"INV-{year}-{sequence:06d}"
