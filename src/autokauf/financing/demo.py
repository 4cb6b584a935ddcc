"""The built-in lenders (fictional) with rate sheets at German car-bank levels of 2025."""

from __future__ import annotations

from typing import Any

_RESIDUALS = {"12": "72", "24": "62", "36": "54", "48": "47", "60": "41"}


def _loan(rate: str, band: str = "standard", fee: str = "0", lo: int = 12, hi: int = 96) -> dict:
    return {
        "product": "loan",
        "risk_band": band,
        "term_min": lo,
        "term_max": hi,
        "nominal_rate": rate,
        "arrangement_fee": fee,
    }


def _balloon(rate: str, band: str = "standard", max_percent: str = "45") -> dict:
    return {
        "product": "balloon",
        "risk_band": band,
        "term_min": 12,
        "term_max": 60,
        "nominal_rate": rate,
        "max_balloon_percent": max_percent,
    }


def _lease(rate: str, excess: str, unused: str, band: str = "standard") -> dict:
    return {
        "product": "lease",
        "risk_band": band,
        "term_min": 12,
        "term_max": 60,
        "nominal_rate": rate,
        "residual_percent_by_term": _RESIDUALS,
        "excess_km_rate": excess,
        "unused_km_rate": unused,
    }


DEMO_LENDERS: list[dict[str, Any]] = [
    {
        "code": "hanse-autobank",
        "name": "Hanse Autobank AG",
        "address": "Am Sandtorkai 12, 20457 Hamburg",
        "max_financed_amount": "150000.00",
        "rows": [
            _loan("4.99", lo=12, hi=60),
            _loan("5.49", lo=61, hi=96),
            _loan("3.99", "prime"),
            _loan("7.90", "subprime", fee="199.00"),
            _balloon("4.79"),
            _balloon("3.89", "prime"),
            _lease("3.99", "0.0800", "0.0500"),
        ],
    },
    {
        "code": "rhein-mobilbank",
        "name": "Rhein Mobilbank GmbH",
        "address": "Rheinuferstraße 40, 40221 Düsseldorf",
        "max_financed_amount": "120000.00",
        "rows": [
            _loan("4.49", fee="149.00"),
            _loan("3.99", "prime", fee="149.00"),
            _balloon("4.29", max_percent="50"),
            _lease("4.29", "0.0900", "0.0600"),
            _lease("3.79", "0.0900", "0.0600", "prime"),
        ],
    },
    {
        "code": "isar-kreditbank",
        "name": "Isar Kreditbank eG",
        "address": "Prinzregentenstraße 7, 80538 München",
        "max_financed_amount": "80000.00",
        "down_payment_min_percent": "10",
        "rows": [
            _loan("5.29"),
            _loan("4.59", "prime"),
            _loan("6.99", "subprime"),
            _balloon("5.19", max_percent="40"),
            _lease("4.59", "0.0700", "0.0400"),
        ],
    },
]
