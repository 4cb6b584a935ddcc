"""Payments: the payment-provider port, the sandbox provider, webhooks, refunds."""
