import logging
from datetime import date

from .client import build_receipt, post_json
from .ledger import connect, record_invoice
from .models import Invoice, LineItem, invoice_number

log = logging.getLogger("billing")


def handle_paid_order(event: dict, db_path: str, mailer_url: str, sequence: int) -> Invoice:
    items = [LineItem(i["sku"], int(i["quantity"]), i["unit_price"]) for i in event["items"]]
    invoice = Invoice(invoice_number(date.today().year, sequence), event["customer_id"], date.today(), items)
    conn = connect(db_path)
    try:
        record_invoice(conn, invoice)
    finally:
        conn.close()
    post_json(mailer_url, build_receipt(invoice.number, event["email"]))
    log.info("invoiced %s: %s", invoice.number, invoice.total)
    return invoice
