"""Autokauf: sell cars online end to end."""
