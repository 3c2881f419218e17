"""Billing worker: turns paid orders into invoices and ledger entries."""
