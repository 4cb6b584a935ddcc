"""Financing: loans, balloon loans, leasing, the APR, lenders and their offers."""
