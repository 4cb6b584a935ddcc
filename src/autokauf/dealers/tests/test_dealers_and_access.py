"""Dealers, their staff, and the access pattern every `access_*` selector follows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from autokauf import accounts, dealers
from autokauf.accounts.models import ApiToken, User
from autokauf.core import clock
from autokauf.core.errors import NotFound
from autokauf.dealers.models import Dealer, DealerStaff
from autokauf.inventory.models import Location

pytestmark = pytest.mark.django_db


def _location(code: str, kind: str = "showroom") -> Location:
    return Location.objects.create(
        code=code,
        name=f"Autohaus {code}",
        kind=kind,
        street="Hauptstraße 1",
        postcode="10115",
        city="Berlin",
        latitude=Decimal("52.5"),
        longitude=Decimal("13.4"),
    )


def test_the_demo_makes_one_dealer_with_one_staff_login_per_showroom_and_only_once():
    _location("CGN-SR")
    _location("FRA-SR")
    _location("HAJ-CP", kind="compound")

    logins = dealers.load_demo_dealers_if_empty()

    assert [d.code for d in Dealer.objects.order_by("code")] == ["CGN", "FRA"]
    assert [email for email, _ in logins] == [
        "verkauf.cgn@haendler.autokauf.example",
        "verkauf.fra@haendler.autokauf.example",
    ]
    staff = User.objects.get(email="verkauf.cgn@haendler.autokauf.example")
    assert (staff.role, staff.is_staff, dealers.dealer_of(staff).code) == (
        "dealer_staff",
        False,
        "CGN",
    )
    assert dealers.load_demo_dealers_if_empty() == []
    assert DealerStaff.objects.count() == 2


def test_a_buyer_and_sales_staff_have_no_dealer():
    buyer = User.objects.create_user("b@example.org", "pw-long-enough")
    sales = accounts.create_staff(email="s@autokauf.example", password="pw-long-enough")

    assert (dealers.dealer_of(buyer), dealers.dealer_of(sales)) == (None, None)
    assert (sales.role, sales.is_staff) == ("sales", True)


@pytest.fixture
def world():
    north = Dealer.objects.create(code="N", name="Nord", email="n@example.org")
    south = Dealer.objects.create(code="S", name="Süd", email="s@example.org")
    people = {
        "north staff": dealers.add_dealer_staff(dealer=north, email="n1@x.org", password="pw").user,
        "north colleague": dealers.add_dealer_staff(
            dealer=north, email="n2@x.org", password="pw"
        ).user,
        "south staff": dealers.add_dealer_staff(dealer=south, email="s1@x.org", password="pw").user,
        "sales": accounts.create_staff(email="v@x.org", password="pw"),
        "admin": accounts.create_staff(email="a@x.org", password="pw", superuser=True),
        "buyer": User.objects.create_user("k@x.org", "pw"),
    }
    return people


@pytest.mark.parametrize(
    ("caller", "sees"),
    [
        pytest.param("north staff", True, id="the member itself"),
        pytest.param("north colleague", True, id="staff of the same dealer"),
        pytest.param("south staff", False, id="staff of another dealer"),
        pytest.param("buyer", False, id="a buyer"),
        pytest.param("sales", True, id="sales staff"),
        pytest.param("admin", True, id="an admin"),
        pytest.param(None, False, id="anonymous"),
    ],
)
def test_an_object_of_a_dealer_is_seen_by_its_owner_its_dealer_and_the_manufacturer(
    world, caller, sees
):
    membership = DealerStaff.objects.get(user=world["north staff"])
    user = world.get(caller)

    def fetch():
        return accounts.access_object(
            DealerStaff.objects.all(), membership.pk, user=user, owner_field="user"
        )

    if sees:
        assert fetch() == membership
    else:
        with pytest.raises(NotFound):
            fetch()


def test_an_unknown_id_and_someone_elses_object_give_the_same_not_found(world):
    token = ApiToken.objects.create(
        user=world["buyer"], name="t", digest="d" * 64, prefix="ak_x", created_at=clock.now()
    )
    other = User.objects.create_user("o@x.org", "pw")

    def fetch(object_id):
        return accounts.access_object(
            ApiToken.objects.all(), object_id, user=other, owner_field="user", dealer_field=None
        )

    with pytest.raises(NotFound) as foreign:
        fetch(token.pk)
    with pytest.raises(NotFound) as missing:
        fetch(token.pk + 1000)
    with pytest.raises(NotFound):
        fetch("not-a-number")
    assert type(foreign.value) is type(missing.value)
    assert foreign.value.status == missing.value.status == 404


def test_require_role_refuses_other_roles_with_403(world):
    accounts.require_role(world["sales"], accounts.SALES, accounts.ADMIN)

    with pytest.raises(accounts.Forbidden) as refused:
        accounts.require_role(world["buyer"], accounts.SALES, accounts.ADMIN)
    assert refused.value.status == 403


def test_staff_of_a_dealer_must_use_a_second_factor(world):
    assert [accounts.needs_second_factor(world[p]) for p in ("north staff", "sales", "buyer")] == [
        True,
        True,
        False,
    ]
