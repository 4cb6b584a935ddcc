"""Every operation of the JSON API that changes something honours `Idempotency-Key`.

The operations are read from the NinjaAPI itself, so an operation added without `@idempotent`
fails here unless it is listed in CHANGES_NOTHING or ANSWERED_BY_THE_SESSION with its reason.
"""

from __future__ import annotations

from autokauf.api import api

WRITES = {"POST", "PUT", "PATCH", "DELETE"}

# Computations: they store nothing, so a repeat is as harmless as the first call.
CHANGES_NOTHING = {
    ("POST", "/v1/configurations/validate"),
    ("POST", "/v1/quotes"),
    ("POST", "/v1/financing/offers"),
    ("POST", "/v1/financing/apr"),
    ("POST", "/v1/insurance/quotes"),
}
# Their effect is this request's session cookie, which a stored answer cannot carry.
ANSWERED_BY_THE_SESSION = {
    ("POST", "/v1/accounts/login"),
    ("POST", "/v1/accounts/logout"),
}
# The provider's webhook is taken once per webhook-id, the provider's own idempotency key.
DEDUPLICATED_BY_THE_PROVIDER = {("POST", "/v1/payments/webhooks/sandbox")}
EXEMPT = CHANGES_NOTHING | ANSWERED_BY_THE_SESSION | DEDUPLICATED_BY_THE_PROVIDER


def write_operations() -> dict[tuple[str, str], str | None]:
    """(method, path) of every writing operation, with the idempotency scope of its `run`."""
    api._get_bound_routers()
    found = {}
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                scope = getattr(operation.run, "idempotency_scope", None)
                for method in WRITES.intersection(operation.methods):
                    found[(method, (prefix + path).rstrip("/"))] = scope
    return found


def test_every_writing_operation_of_the_api_honours_an_idempotency_key():
    operations = write_operations()

    unguarded = sorted(op for op, scope in operations.items() if scope is None and op not in EXEMPT)
    assert unguarded == []


def test_the_operations_exempt_from_idempotency_keys_all_exist_and_stay_unguarded():
    operations = write_operations()

    assert {op: operations.get(op, "missing") for op in EXEMPT} == dict.fromkeys(EXEMPT)


def test_no_two_writing_operations_share_an_idempotency_scope():
    scopes = [scope for scope in write_operations().values() if scope is not None]

    assert len(scopes) == len(set(scopes))
