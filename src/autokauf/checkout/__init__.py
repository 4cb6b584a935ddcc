"""Checkout: reservations (holds), orders and their state machine."""
