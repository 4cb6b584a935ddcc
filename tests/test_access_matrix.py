"""Who may call what: every endpoint of the JSON API for every kind of caller.

The objects belong to "buyer" and hang at "dealer" (the Berlin dealer). The endpoints are read
from the NinjaAPI itself, so an endpoint added without its row in MATRIX fails here. A caller who
may not see an object gets 404, never 403 (docs/domains/accounts.md, "Access to objects").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from autokauf.api import api
from autokauf.checkout.tests.conftest import checkout_data, make_buyer, stock_cars
from autokauf.checkout.tests.journey import order_body
from autokauf.credit.tests.conftest import APPLICATION, PREQUALIFICATION, body
from autokauf.inventory.tests.conftest import places  # noqa: F401

ROLES = (
    "anonymous",
    "buyer",
    "another_buyer",
    "dealer_staff",
    "another_dealers_staff",
    "sales_staff",
    "admin",
)
SIGNED_IN = ROLES[1:]
CONFIGURATION = {"trim": "ASTA-15TSI", "options": ["INT-BLACK", "P-WHITE", "W16"]}
INSURANCE = {
    "model": "asta",
    "postcode": "10969",
    "no_claims_class": 10,
    "driver_age": 40,
    "yearly_km": 15000,
    "deductible_partial": 150,
    "deductible_comprehensive": 500,
}


def public(status: int) -> dict[str, int]:
    """Open to everyone, signed in or not."""
    return dict.fromkeys(ROLES, status)


def signed_in(status: int) -> dict[str, int]:
    """Anyone signed in; anonymous callers get 401."""
    return {"anonymous": 401} | dict.fromkeys(SIGNED_IN, status)


def own(status: int, *also: str) -> dict[str, int]:
    """The buyer's object: the buyer (and the roles in `also`) get `status`, others 404."""
    return signed_in(404) | dict.fromkeys(("buyer", *also), status)


def order_view(status: int) -> dict[str, int]:
    """The order: its buyer, its dealer's staff and the manufacturer's staff."""
    return own(status, "dealer_staff", "sales_staff", "admin")


@dataclass(frozen=True)
class Call:
    """How to call an endpoint against the world: the path and the JSON body."""

    path: Callable[[dict[str, Any]], str]
    body: Callable[[dict[str, Any]], Any] | None = None


def at(path: str, **ids: str) -> Callable[[dict[str, Any]], str]:
    """The path with each {name} filled from the world's object of that key."""
    return lambda world: "/api" + path.format(**{name: world[key] for name, key in ids.items()})


def fixed(value: Any) -> Callable[[dict[str, Any]], Any]:
    return lambda _world: value


MATRIX: dict[tuple[str, str], tuple[Call, dict[str, int]]] = {
    ("GET", "/v1/catalog/models"): (Call(at("/v1/catalog/models")), public(200)),
    ("GET", "/v1/catalog/models/{slug}"): (Call(at("/v1/catalog/models/asta")), public(200)),
    ("POST", "/v1/configurations/validate"): (
        Call(at("/v1/configurations/validate"), fixed(CONFIGURATION)),
        public(200),
    ),
    ("POST", "/v1/configurations"): (
        Call(at("/v1/configurations"), fixed(CONFIGURATION)),
        public(201),
    ),
    ("GET", "/v1/configurations/{code}"): (
        Call(at("/v1/configurations/{code}", code="configuration")),
        public(200),
    ),
    ("POST", "/v1/quotes"): (Call(at("/v1/quotes"), fixed(CONFIGURATION)), public(200)),
    ("GET", "/v1/vehicles"): (Call(at("/v1/vehicles")), public(200)),
    ("GET", "/v1/vehicles/{vin}"): (Call(at("/v1/vehicles/{vin}", vin="free_car")), public(200)),
    ("POST", "/v1/financing/offers"): (
        Call(
            at("/v1/financing/offers"),
            fixed({"price": "35700.00", "term_months": 48, "product": "loan"}),
        ),
        public(200),
    ),
    ("POST", "/v1/financing/apr"): (
        Call(
            at("/v1/financing/apr"),
            fixed({"flows": [{"amount": "1000", "years": "0"}, {"amount": "-1100", "years": "1"}]}),
        ),
        public(200),
    ),
    ("POST", "/v1/accounts/signup"): (
        Call(
            at("/v1/accounts/signup"),
            fixed({"email": "neu@example.org", "password": "Kombi-Fahrt-2026!", "language": "de"}),
        ),
        public(202),
    ),
    ("POST", "/v1/accounts/login"): (
        Call(at("/v1/accounts/login"), lambda w: {"email": w["buyer_email"], "password": "wrong"}),
        public(401),
    ),
    ("POST", "/v1/accounts/logout"): (Call(at("/v1/accounts/logout")), signed_in(204)),
    ("GET", "/v1/accounts/me"): (Call(at("/v1/accounts/me")), signed_in(200)),
    ("PATCH", "/v1/accounts/me"): (
        Call(at("/v1/accounts/me"), fixed({"first_name": "Ida"})),
        signed_in(200),
    ),
    # Everyone's address is confirmed: there is no link to send again.
    ("POST", "/v1/accounts/me/email/confirmation"): (
        Call(at("/v1/accounts/me/email/confirmation")),
        signed_in(409),
    ),
    ("POST", "/v1/accounts/me/email"): (
        Call(
            at("/v1/accounts/me/email"),
            fixed({"password": "wrong", "new_email": "neu@example.org"}),
        ),
        signed_in(403),
    ),
    ("GET", "/v1/accounts/consents"): (Call(at("/v1/accounts/consents")), signed_in(200)),
    ("POST", "/v1/accounts/consents"): (
        Call(at("/v1/accounts/consents"), fixed({"purpose": "marketing-email"})),
        signed_in(201),
    ),
    ("GET", "/v1/accounts/consents/history"): (
        Call(at("/v1/accounts/consents/history")),
        signed_in(200),
    ),
    # Consents are the caller's own, by purpose: withdrawing one never touches another's.
    ("DELETE", "/v1/accounts/consents/{purpose}"): (
        Call(at("/v1/accounts/consents/marketing-email")),
        signed_in(204),
    ),
    ("GET", "/v1/accounts/tokens"): (Call(at("/v1/accounts/tokens")), signed_in(200)),
    ("POST", "/v1/accounts/tokens"): (
        Call(at("/v1/accounts/tokens"), fixed({"name": "Werkstatt"})),
        signed_in(201),
    ),
    ("DELETE", "/v1/accounts/tokens/{token_id}"): (
        Call(at("/v1/accounts/tokens/{token_id}", token_id="token")),
        own(204),
    ),
    # Only the provider may move a payment: an unsigned call is refused, whoever sends it.
    ("POST", "/v1/payments/webhooks/sandbox"): (
        Call(at("/v1/payments/webhooks/sandbox"), fixed({"type": "payment.authorized"})),
        public(400),
    ),
    ("GET", "/v1/credit/consent"): (Call(at("/v1/credit/consent")), public(200)),
    ("POST", "/v1/credit/prequalifications"): (
        Call(at("/v1/credit/prequalifications"), fixed(PREQUALIFICATION)),
        signed_in(200),
    ),
    ("POST", "/v1/credit/applications"): (
        Call(at("/v1/credit/applications"), fixed(APPLICATION)),
        signed_in(201),
    ),
    # The score is for the applicant and the manufacturer; the dealer never sees it.
    ("GET", "/v1/credit/applications/{application_id}"): (
        Call(at("/v1/credit/applications/{id}", id="application")),
        own(200, "sales_staff", "admin"),
    ),
    ("POST", "/v1/credit/applications/{application_id}/review-requests"): (
        Call(
            at("/v1/credit/applications/{id}/review-requests", id="application"),
            fixed({"statement": "Mein Einkommen steigt ab April."}),
        ),
        own(201),
    ),
    ("POST", "/v1/insurance/quotes"): (
        Call(at("/v1/insurance/quotes"), fixed(INSURANCE)),
        public(200),
    ),
    ("POST", "/v1/insurance/policies"): (
        Call(at("/v1/insurance/policies"), fixed({**INSURANCE, "cover": "partial"})),
        signed_in(201),
    ),
    ("POST", "/v1/reservations"): (
        Call(at("/v1/reservations"), lambda w: {"vin": w["free_car"]}),
        signed_in(201),
    ),
    ("DELETE", "/v1/reservations/{hold_id}"): (
        Call(at("/v1/reservations/{id}", id="reservation")),
        own(204),
    ),
    ("POST", "/v1/orders"): (
        Call(at("/v1/orders"), lambda w: order_body(reservation=w["reservation"])),
        own(201),
    ),
    # A list answers everyone signed in; what it holds is checked below.
    ("GET", "/v1/orders"): (Call(at("/v1/orders")), signed_in(200)),
    ("GET", "/v1/orders/{order_id}"): (
        Call(at("/v1/orders/{id}", id="order")),
        order_view(200),
    ),
    # The order's payment is still open: a new one is refused, naming its page.
    ("POST", "/v1/orders/{order_id}/payment"): (
        Call(at("/v1/orders/{id}/payment", id="order")),
        order_view(409),
    ),
    ("POST", "/v1/orders/{order_id}/cancel"): (
        Call(at("/v1/orders/{id}/cancel", id="order"), fixed({"reason": "Termin passt nicht"})),
        order_view(200),
    ),
    # The order is not handed over yet: those who may see it are told to cancel instead.
    ("POST", "/v1/orders/{order_id}/withdraw"): (
        Call(at("/v1/orders/{id}/withdraw", id="order")),
        order_view(409),
    ),
    # The drop is open; the buyer joined and holds a claim, nobody else joined.
    ("GET", "/v1/drops/{drop_id}"): (Call(at("/v1/drops/{id}", id="drop")), public(200)),
    ("POST", "/v1/drops/{drop_id}/join"): (
        Call(at("/v1/drops/{id}/join", id="drop")),
        signed_in(200),
    ),
    ("GET", "/v1/drops/{drop_id}/place"): (
        Call(at("/v1/drops/{id}/place", id="drop")),
        signed_in(200),
    ),
    ("POST", "/v1/drops/{drop_id}/claims"): (
        Call(at("/v1/drops/{id}/claims", id="drop")),
        signed_in(409) | {"buyer": 201},
    ),
    ("GET", "/v1/drops/claims/{claim_id}"): (
        Call(at("/v1/drops/claims/{id}", id="claim")),
        own(200),
    ),
    ("POST", "/v1/drops/claims/{claim_id}/pay"): (
        Call(at("/v1/drops/claims/{id}/pay", id="claim"), lambda w: order_body()),
        own(200),
    ),
    ("POST", "/v1/drops/claims/{claim_id}/cancel"): (
        Call(at("/v1/drops/claims/{id}/cancel", id="claim")),
        own(200),
    ),
}


def endpoints() -> list[tuple[str, str]]:
    """(method, path) of every operation the NinjaAPI serves, nested routers included."""
    api._get_bound_routers()
    found = []
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                found += [(method, (prefix + path).rstrip("/")) for method in operation.methods]
    return sorted(set(found))


def people() -> dict[str, Any]:
    """A user for every role, each with a confirmed e-mail address (as buying needs, and as
    `create_staff` gives staff); the dealer staff work for Berlin and Munich."""
    from autokauf.accounts.models import User
    from autokauf.core import clock
    from autokauf.dealers.models import Dealer, DealerStaff
    from autokauf.inventory.models import Location

    berlin = Dealer.objects.get(code="D-BER")
    munich = Dealer.objects.create(
        code="D-MUC", name="Autohaus München", email="muc@example.org",
        location=Location.objects.get(code="MUC"),
    )  # fmt: skip
    users = {"buyer": make_buyer(), "another_buyer": make_buyer("max@example.org")}
    confirmed = {"password": None, "email_confirmed_at": clock.now()}
    for role, dealer in (("dealer_staff", berlin), ("another_dealers_staff", munich)):
        users[role] = User.objects.create_user(
            f"{role}@example.org", role="dealer_staff", **confirmed
        )
        DealerStaff.objects.create(user=users[role], dealer=dealer)
    users["sales_staff"] = User.objects.create_user("sales@example.org", role="sales", **confirmed)
    users["admin"] = User.objects.create_user("admin@example.org", role="admin", **confirmed)
    return users


def build_world() -> dict[str, Any]:
    """The buyer's reservation, order (at the Berlin dealer), declined credit application, API
    token, consent and drop claim; a saved configuration and a free car anyone may look at."""
    from autokauf.accounts.profile import create_api_token, give_consent
    from autokauf.checkout import place_order, reserve_vehicle
    from autokauf.configurator import save_configuration
    from autokauf.credit import submit_application
    from autokauf.credit.consent import CURRENT_VERSION
    from autokauf.dealers.models import Dealer
    from autokauf.inventory.models import Location

    Dealer.objects.create(
        code="D-BER", name="Autohaus Berlin", email="berlin@example.org",
        location=Location.objects.get(code="BER"),
    )  # fmt: skip
    cars = stock_cars(4)
    users = people()
    buyer = users["buyer"]
    ordered = reserve_vehicle(buyer=buyer, vin=cars[1])
    order = place_order(buyer=buyer, hold_id=ordered.id, data=checkout_data(), language="de")
    declined = body(APPLICATION, net_monthly_income="1400.00")
    application = submit_application(
        applicant=buyer, data=declined, consent_version=CURRENT_VERSION
    )
    give_consent(user=buyer, purpose="marketing-email")
    return {
        "users": users,
        "buyer_email": buyer.email,
        "reservation": str(reserve_vehicle(buyer=buyer, vin=cars[0]).id),
        "order": str(order.id),
        "application": str(application.id),
        "token": str(create_api_token(user=buyer, name="Tablet")[0].id),
        "configuration": save_configuration(
            trim="ASTA-15TSI", options=CONFIGURATION["options"]
        ).code,
        "free_car": cars[2],
        **drop_world(cars[3], buyer, users["sales_staff"]),
    }


def drop_world(vin: str, buyer: Any, staff: Any) -> dict[str, str]:
    """An open drop of one car, claimed by the buyer."""
    from datetime import timedelta
    from decimal import Decimal

    from django.core.cache import cache

    from autokauf.core import clock
    from autokauf.flash_sales import DropPlan, claim_car, join_drop, schedule_drop

    cache.clear()  # the drops' rate-limit counters
    now = clock.now()
    plan = DropPlan(
        name="Asta Drop",
        price=Decimal("19990.00"),
        waiting_room_opens_at=now - timedelta(hours=1),
        starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(hours=1),
        vins=(vin,),
    )
    drop = schedule_drop(plan=plan, created_by=staff)
    join_drop(drop=drop, buyer=buyer)
    return {"drop": str(drop.pk), "claim": str(claim_car(drop=drop, buyer=buyer).pk)}


@pytest.fixture
def world(places, settings):  # noqa: F811
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The buyer holds two cars already (one ordered); a third reservation must still be theirs.
    settings.CHECKOUT_MAX_HOLDS_PER_BUYER = 3
    return build_world()


def client_as(role: str, world: dict[str, Any]) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def call(client: Client, method: str, endpoint: str, world: dict[str, Any]) -> Any:
    request, _expected = MATRIX[(method, endpoint)]
    given = request.body(world) if request.body else None
    return client.generic(
        method,
        request.path(world),
        json.dumps(given) if given is not None else "",
        content_type="application/json",
    )


CASES = [(method, path, role) for method, path in endpoints() for role in ROLES]


def test_every_endpoint_of_the_api_has_its_row_in_the_matrix():
    assert sorted(MATRIX) == endpoints()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "endpoint", "role"), CASES, ids=[f"{m} {p} as {r}" for m, p, r in CASES]
)
def test_each_caller_gets_the_expected_status(world, method, endpoint, role):
    assert (method, endpoint) in MATRIX, f"{method} {endpoint} needs its row in MATRIX"
    expected = MATRIX[(method, endpoint)][1][role]

    response = call(client_as(role, world), method, endpoint, world)

    assert response.status_code == expected, response.content[:300]


def bearer_case(method: str, path: str) -> Any:
    return pytest.param(method, path, id=f"{method} {path}")


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "endpoint"), [bearer_case(m, p) for m, p in endpoints()])
def test_the_buyers_bearer_token_gets_the_answers_of_their_session(world, method, endpoint):
    from autokauf.accounts.profile import create_api_token

    _token, raw = create_api_token(user=world["users"]["buyer"], name="Bench")
    client = Client(headers={"Authorization": f"Bearer {raw}"})

    response = call(client, method, endpoint, world)

    assert response.status_code == MATRIX[(method, endpoint)][1]["buyer"], response.content[:300]


@pytest.mark.django_db
@pytest.mark.parametrize("role", SIGNED_IN)
def test_the_order_list_shows_the_order_only_to_those_who_may_open_it(world, role):
    listed = client_as(role, world).get("/api/v1/orders").json()

    may_see = order_view(200)[role] == 200
    assert [order["id"] for order in listed] == ([world["order"]] if may_see else [])
