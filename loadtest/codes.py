"""Write the load test's input files from the database: customer-manager logins and the specs sold last month.

    DATABASE_URL=… .venv/bin/python loadtest/codes.py DIR      # (what loadtest/run does)

writes into DIR staff-codes.txt (every active customer manager with an active
login, in code order), leader-codes.txt (the same for leaders) and spec-codes.txt (the 20 specs with the most
cartons ordered last month) and visit-customers.txt (for the visit scenario: each customer manager's code and up
to 50 of his active customers as pk:lat:lng, space-separated, one line each).
"""

import os
import sys
from datetime import date
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
django.setup()

from django.db.models import Sum  # noqa: E402  (after django.setup())
from django.utils import timezone  # noqa: E402

from workbench.accounts.models import Role, Staff  # noqa: E402
from workbench.catalog.models import Spec  # noqa: E402
from workbench.customers.models import Customer, Status  # noqa: E402
from workbench.orders.models import CustomerSpecMonth  # noqa: E402

out = Path(sys.argv[1])
active = Staff.objects.filter(is_active=True, user__is_active=True).order_by("code")
codes = active.filter(role=Role.CUSTOMER_MANAGER)
(out / "staff-codes.txt").write_text("".join(f"{code}\n" for code in codes.values_list("code", flat=True)))
leaders = active.filter(role=Role.LEADER)
(out / "leader-codes.txt").write_text("".join(f"{code}\n" for code in leaders.values_list("code", flat=True)))

own: dict[str, list[str]] = {}
rows = (
    Customer.objects.filter(manager__in=codes, status=Status.ACTIVE)
    .order_by("manager__code", "code")
    .values_list("manager__code", "pk", "lat", "lng")
)
for code, pk, lat, lng in rows:
    if len(own.setdefault(code, [])) < 50:
        own[code].append(f"{pk}:{lat if lat is not None else ''}:{lng if lng is not None else ''}")
(out / "visit-customers.txt").write_text("".join(f"{code} {' '.join(found)}\n" for code, found in own.items()))

today = timezone.localdate()
last_month = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
top = (
    CustomerSpecMonth.objects.filter(month=last_month)
    .values("spec_id")
    .annotate(qty=Sum("order_qty"))
    .order_by("-qty")[:20]
)
specs = Spec.objects.in_bulk([row["spec_id"] for row in top])
(out / "spec-codes.txt").write_text("".join(f"{spec.code}\n" for spec in specs.values()))
print(f"{codes.count()} customer-manager and {leaders.count()} leader logins, {len(specs)} specs of {last_month:%Y-%m}")
