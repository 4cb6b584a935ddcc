"""Accounts: customers and staff. Login is by e-mail address."""
