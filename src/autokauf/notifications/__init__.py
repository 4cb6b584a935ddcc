"""Notifications: templated mail, sent from the outbox."""
