"""The names of the persona fixtures (workbench/conftest.py) and how a test client becomes one of them.

A persona is named by its fixture, so a test asks for it with `request.getfixturevalue(name)`. "anonymous" is the
visitor nobody logged in: its fixture gives None, and `login(client, None)` leaves the client logged out.
"""

# Every logged-in persona of the root conftest, from the narrowest scope to the widest.
STAFF_PERSONAS = [
    "customer_manager",
    "colleague",
    "market_manager",
    "outsider",
    "leader",
    "brand_manager",
    "admin_staff",
]

# Every persona a view must answer, the anonymous visitor included: the rows of an access matrix.
PERSONAS = [*STAFF_PERSONAS, "anonymous"]


def login(client, staff) -> None:
    """Log the test client in as `staff` (a Staff); None logs it out, as the anonymous persona."""
    if staff is None:
        client.logout()
    else:
        client.force_login(staff.user)


def login_as(client, request, persona: str):
    """Log the test client in as the persona fixture named `persona` (see `login`), and return its Staff."""
    staff = request.getfixturevalue(persona)
    login(client, staff)
    return staff
