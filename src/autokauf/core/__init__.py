"""Shared kernel: money, clock, errors, problem details, observability."""
