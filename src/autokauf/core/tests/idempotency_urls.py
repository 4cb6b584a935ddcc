"""A tiny API whose operations count how often their body really ran."""

from __future__ import annotations

import threading
import time

from django.urls import path
from ninja import NinjaAPI, Schema, Status

from autokauf.core import problem
from autokauf.core.errors import DomainError
from autokauf.core.idempotency import idempotent


class Ledger:
    lock = threading.Lock()
    runs = 0
    pause = 0.0

    @classmethod
    def reset(cls, pause: float = 0.0) -> None:
        cls.runs, cls.pause = 0, pause

    @classmethod
    def count(cls) -> int:
        with cls.lock:
            cls.runs += 1
            number = cls.runs
        time.sleep(cls.pause)
        return number


class OrderIn(Schema):
    car: str


class OutOfStock(DomainError):
    code = "out-of-stock"
    title = "Out of stock"
    status = 409


api = NinjaAPI(urls_namespace="idempotency-spec", docs_url=None, openapi_url=None)
problem.install(api)


@api.post("/orders", response={201: dict})
@idempotent("spec.orders")
def place_order(request, payload: OrderIn):
    return Status(201, {"order": Ledger.count(), "car": payload.car})


@api.post("/sold-out-orders")
@idempotent("spec.sold-out")
def place_sold_out_order(request, payload: OrderIn):
    Ledger.count()
    raise OutOfStock(f"{payload.car} is sold out.")


urlpatterns = [path("api/", api.urls)]
