"""The market information of the demo city (实施): 市场特征 for about 60 % of the customers, most with a change or two
over the last year, and 市场机会 — about three per customer manager per month over the last three months, at every
status, the closed ones with their closing date and result. Deterministic: the same seed and end give the same rows.
"""

import random
from datetime import date, time, timedelta

from django.db import transaction

from workbench.accounts.models import Staff
from workbench.catalog.models import Spec
from workbench.customers.models import Customer
from workbench.features.models import MarketFeature
from workbench.lib.periods import add_months, first_of_month
from workbench.visits.models import MarketOpportunity

FEATURE_SHARE = 0.6  # customers with market features
MONTHS = 3  # months of opportunities: the two before end's month and end's own
PER_MONTH = 3  # opportunities per customer manager per month, on average

RIM_TYPES = ["residential"] * 5 + ["commercial"] * 3 + ["transport_hub", "school", "construction_site", "market_town"]
RIM_TYPES += ["scenic_area", "other"]
HOURS = [(time(7, 0), time(22, 0)), (time(8, 0), time(21, 0)), (time(7, 30), time(23, 0)), (time(9, 0), time(2, 0))]
NOTES = ["", "", "", "小区门口", "临街", "学校对面", "菜场旁", "地铁口", "加油站旁"]

# What the customer managers write about each type of opportunity (demo data, in the language of the city).
DESCRIPTIONS = {
    "new_residential": ["新建小区交付，入住约{n}户", "新楼盘开盘，周边缺少便利店"],
    "construction_site": ["工地开工，工人约{n}人", "地铁施工工地，夜间需求大"],
    "new_shop": ["新开便利店，申请办证", "新开烟酒店，店主有意经营中高档"],
    "event": ["展会期间客流增加", "庙会活动，持续一周"],
    "holiday_peak": ["春节前礼品烟需求", "国庆假期景区客流"],
    "demolition": ["片区拆迁，客户将迁出", "老街拆迁，消费者分流"],
    "competitor_closing": ["附近烟酒店关门", "竞争网点停业装修"],
    "consumer_request": ["消费者多次询问细支烟", "消费者要求增加中支规格"],
    "other": ["道路改造影响客流", "周边新开写字楼"],
}
ACTIONS = ["上门拜访，介绍订货流程", "推荐适销规格，调整陈列", "与店主沟通，约定跟踪", "协调货源，增加投放"]
RESULTS = {
    "converted": ["新增订货约{n}条/周", "客户开始订购推荐规格", "已办证并首次订货"],
    "dropped": ["需求不足，暂不跟进", "客户无意经营", "拆迁完成，网点撤销"],
}


def generate_features(*, end: date, seed: int) -> dict[str, int]:
    """Write the demo city's market features and opportunities up to `end` (replacing any there were)."""
    rng = random.Random(f"features-{seed}")
    with transaction.atomic():
        features = write_features(rng, end)
        opportunities = write_opportunities(rng, end)
    return {"features": features, "opportunities": opportunities}


def feature_values(rng: random.Random) -> dict:
    opens, closes = rng.choice(HOURS)
    return {
        "rim_type": rng.choice(RIM_TYPES),
        "consumer_group": rng.choice(["transient", "regular", "regular", "balanced"]),
        "consumption_level": rng.choice(["high", "medium", "medium", "low"]),
        "opens": opens,
        "closes": closes,
        "is_night_shop": closes < time(5, 0),
        "is_chain": rng.random() < 0.1,
        "area_m2": rng.randrange(10, 200),
        "competitors": rng.randrange(0, 8),
        "price_class": rng.choice([2, 3, 3, 4, 4, 5]),
        "note": rng.choice(NOTES),
    }


def changed(rng: random.Random, values: dict) -> dict:
    """A later state: one or two of the features changed, as a shop changes (hours, competitors, price class)."""
    values = dict(values)
    for name in rng.sample(
        ["opens_closes", "competitors", "price_class", "consumption_level", "note"], rng.choice([1, 2])
    ):
        if name == "opens_closes":
            values["opens"], values["closes"] = rng.choice(HOURS)
            values["is_night_shop"] = values["closes"] < time(5, 0)
        elif name == "competitors":
            values["competitors"] = max(0, values["competitors"] + rng.choice([-2, -1, 1, 2]))
        elif name == "price_class":
            values["price_class"] = max(1, min(5, values["price_class"] + rng.choice([-1, 1])))
        elif name == "consumption_level":
            values["consumption_level"] = rng.choice(["high", "medium", "low"])
        else:
            values["note"] = rng.choice([note for note in NOTES if note != values["note"]])
    return values


def write_features(rng: random.Random, end: date) -> int:
    """About 60 % of the customers in business get features: a first record within the last year, and for most a
    change or two after it, each entered by the customer's manager."""
    MarketFeature.objects.all().delete()
    rows = []
    customers = Customer.objects.filter(closed_on__isnull=True).order_by("code").values_list("pk", "manager_id")
    for customer_id, manager_id in customers:
        if rng.random() >= FEATURE_SHARE:
            continue
        count = rng.choice([1, 2, 2, 3, 3])
        days = sorted(rng.sample(range(1, 365), count), reverse=True)
        values = feature_values(rng)
        for version, days_ago in enumerate(days, start=1):
            if version > 1:
                values = changed(rng, values)
            rows.append(
                MarketFeature(
                    customer_id=customer_id,
                    version=version,
                    valid_from=end - timedelta(days=days_ago),
                    entered_by_id=manager_id,
                    **values,
                )
            )
    MarketFeature.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def write_opportunities(rng: random.Random, end: date) -> int:
    """About three opportunities per customer manager per month over the last three months: the older ones mostly
    followed to an outcome, the newest mostly still pending."""
    MarketOpportunity.objects.all().delete()
    specs = list(Spec.objects.order_by("code").values_list("pk", flat=True))
    managers = list(Staff.objects.customer_managers().filter(is_active=True).order_by("code"))
    customers_of: dict[int, list[int]] = {}
    for customer_id, manager_id in Customer.objects.filter(closed_on__isnull=True).values_list("pk", "manager_id"):
        customers_of.setdefault(manager_id, []).append(customer_id)
    for shop_ids in customers_of.values():
        shop_ids.sort()
    opportunities, spec_links = [], []
    months = [add_months(first_of_month(end), offset) for offset in range(1 - MONTHS, 1)]
    for staff in managers:
        for month in months:
            last_day = min(end, add_months(month, 1) - timedelta(days=1))
            for _index in range(rng.choice([2, 3, 3, 4])):
                found_on = month + timedelta(days=rng.randrange((last_day - month).days + 1))
                type_ = rng.choice(list(DESCRIPTIONS))
                status = opportunity_status(rng, (end - found_on).days)
                closed_on = None
                action = result = ""
                if status != "pending":
                    action = rng.choice(ACTIONS)
                if status in RESULTS:
                    closed_on = min(end, found_on + timedelta(days=rng.randrange(3, 30)))
                    result = rng.choice(RESULTS[status]).format(n=rng.randrange(2, 20))
                shops = customers_of.get(staff.pk, [])
                opportunity = MarketOpportunity(
                    staff_id=staff.pk,
                    customer_id=rng.choice(shops) if shops and rng.random() < 0.6 else None,
                    area=rng.choice(["", "玄武区", "鼓楼区", "秦淮区", "建邺区", "江宁区"]),
                    type=type_,
                    description=rng.choice(DESCRIPTIONS[type_]).format(n=rng.randrange(50, 800)),
                    estimated_qty=rng.choice([None, 5, 10, 20, 30, 50]),
                    found_on=found_on,
                    status=status,
                    action=action,
                    result=result,
                    closed_on=closed_on,
                )
                opportunities.append(opportunity)
                chosen = rng.sample(specs, min(len(specs), rng.choice([0, 1, 1, 2, 3])))
                spec_links.append(chosen)
    created = MarketOpportunity.objects.bulk_create(opportunities, batch_size=2000)
    through = MarketOpportunity.related_specs.through
    through.objects.bulk_create(
        [
            through(marketopportunity_id=opportunity.pk, spec_id=spec_id)
            for opportunity, chosen in zip(created, spec_links, strict=True)
            for spec_id in chosen
        ],
        batch_size=2000,
    )
    return len(created)


def opportunity_status(rng: random.Random, age_days: int) -> str:
    """The status of an opportunity found `age_days` ago: the older, the likelier it reached an outcome."""
    roll = rng.random()
    if age_days < 14:
        return "pending" if roll < 0.6 else "following"
    if age_days < 45:
        return "pending" if roll < 0.2 else "following" if roll < 0.5 else "converted" if roll < 0.8 else "dropped"
    return "following" if roll < 0.15 else "converted" if roll < 0.65 else "dropped"
