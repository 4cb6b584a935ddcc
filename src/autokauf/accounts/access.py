"""The pattern behind every `access_*` selector: fetch an object and prove the caller may see it.

Who sees an object:
- its owner (the buyer it belongs to),
- staff of the dealer it is attached to (role dealer_staff, through dealers.DealerStaff),
- the manufacturer's sales staff and admins: every object.

Anyone else gets NotFound (404), never 403, so that an id reveals nothing about whether the
object exists (OWASP ASVS 5.0 V8.2: object-level authorisation).

A domain writes its selector on top of these two functions, for example::

    def access_order(user, order_id) -> Order:
        return access_object(Order.objects.all(), order_id, user=user,
                             owner_field="buyer", dealer_field="dealer", not_found=UnknownOrder)

and lists with ``visible_to(Order.objects.all(), user, owner_field=..., dealer_field=...)``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, Q, QuerySet

from autokauf.core.errors import DomainError, NotFound

from .roles import is_dealer_staff, is_manufacturer_staff

M = TypeVar("M", bound=Model)

# dealers.DealerStaff.user is a one-to-one with this related_name; reading it through the user
# keeps accounts free of imports from the dealers layer above it.
DEALER_MEMBERSHIP = "dealer_membership"


def _dealer_id(user: Any) -> int | None:
    membership = getattr(user, DEALER_MEMBERSHIP, None) if is_dealer_staff(user) else None
    return membership.dealer_id if membership is not None else None


def visible_to(
    queryset: QuerySet[M],
    user: Any,
    *,
    owner_field: str | None = "buyer",
    dealer_field: str | None = "dealer",
) -> QuerySet[M]:
    """The rows of `queryset` that `user` may see (an empty set for anonymous callers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if is_manufacturer_staff(user):
        return queryset
    allowed = Q(pk__in=[])
    if owner_field:
        allowed |= Q(**{owner_field: user})
    dealer_id = _dealer_id(user) if dealer_field else None
    if dealer_field and dealer_id is not None:
        allowed |= Q(**{dealer_field: dealer_id})
    return queryset.filter(allowed)


def access_object(
    queryset: QuerySet[M],
    object_id: Any,
    *,
    user: Any,
    owner_field: str | None = "buyer",
    dealer_field: str | None = "dealer",
    id_field: str = "pk",
    not_found: type[DomainError] = NotFound,
) -> M:
    """The object with `object_id` if `user` may see it; else `not_found` (a 404 error)."""
    visible = visible_to(queryset, user, owner_field=owner_field, dealer_field=dealer_field)
    try:
        return visible.get(**{id_field: object_id})
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        raise not_found(f"There is no {queryset.model._meta.verbose_name} {object_id}.") from None
