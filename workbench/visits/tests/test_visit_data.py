"""visit_data: the visit form's POST turned into the visit's JSON dict (the API body, the outbox's shape)."""

from django.http import QueryDict

from workbench.visits.forms import visit_data


def posted(pairs: list[tuple[str, str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    return query


def test_a_full_post_becomes_the_contract_dict():
    # given a form POST with every input, two purposes, two request rows of three (one empty) and one
    # observation row of two (one empty)
    query = posted(
        [
            ("client_id", "8d0c1c8e-7c4b-4c1e-9a0e-2f6f1b0d9a11"),
            ("customer", "123"),
            ("planned", "77"),
            ("visited_on", "2026-12-01"),
            ("start_time", "09:05"),
            ("end_time", "09:14"),
            ("mode", "field"),
            ("purposes", "order_guidance"),
            ("purposes", "information"),
            ("business", " 生意平稳 "),
            ("brands", "南京(炫赫门)陈列靠后"),
            ("market", ""),
            ("service_content", "讲解新品"),
            ("service_method", "面对面"),
            ("service_effect", "客户认可"),
            ("satisfaction", "4"),
            ("next_action", "下周补货"),
            ("impressions", "顺利"),
            ("request_kind", "supply"),
            ("request_text", "想要更多货源"),
            ("request_state", "open"),
            ("request_kind", "price"),
            ("request_text", "  "),
            ("request_state", "open"),
            ("request_kind", "complaint"),
            ("request_text", "送货晚了"),
            ("request_state", "following"),
            ("obs_spec", "45"),
            ("obs_stock_qty", "12"),
            ("obs_retail_price", "110.00"),
            ("obs_stockout_days", "0"),
            ("obs_spec", "46"),
            ("obs_stock_qty", ""),
            ("obs_retail_price", ""),
            ("obs_stockout_days", ""),
        ]
    )

    # when it is mapped
    data = visit_data(query)

    # then it is the JSON body, exactly (no location: the JS adds it; `planned` is the form's own)
    assert data == {
        "client_id": "8d0c1c8e-7c4b-4c1e-9a0e-2f6f1b0d9a11",
        "customer": 123,
        "visited_on": "2026-12-01",
        "start_time": "09:05",
        "end_time": "09:14",
        "mode": "field",
        "purposes": ["order_guidance", "information"],
        "business": "生意平稳",
        "brands": "南京(炫赫门)陈列靠后",
        "market": "",
        "service_content": "讲解新品",
        "service_method": "面对面",
        "service_effect": "客户认可",
        "satisfaction": 4,
        "next_action": "下周补货",
        "impressions": "顺利",
        "requests": [
            {"kind": "supply", "text": "想要更多货源", "state": "open"},
            {"kind": "complaint", "text": "送货晚了", "state": "following"},
        ],
        "observations": [{"spec": 45, "stock_qty": 12, "retail_price": "110.00", "stockout_days": 0}],
    }


def test_an_empty_post_keeps_every_key_and_no_rows():
    # when nothing was typed
    data = visit_data(QueryDict(""))

    # then every scalar is empty, satisfaction null, no purposes, requests or observations
    assert data == {
        "client_id": "",
        "customer": "",
        "visited_on": "",
        "start_time": "",
        "end_time": "",
        "mode": "",
        "purposes": [],
        "business": "",
        "brands": "",
        "market": "",
        "service_content": "",
        "service_method": "",
        "service_effect": "",
        "satisfaction": None,
        "next_action": "",
        "impressions": "",
        "requests": [],
    }


def test_values_that_are_not_numbers_are_passed_on_as_typed():
    # given a customer, a satisfaction and an observation that are not numbers
    query = posted([("customer", "C001"), ("satisfaction", "good"), ("obs_spec", "x"), ("obs_stock_qty", "some")])

    # when mapped
    data = visit_data(query)

    # then they stay text, for the service to refuse and name
    assert data["customer"] == "C001"
    assert data["satisfaction"] == "good"
    assert data["observations"] == [{"spec": "x", "stock_qty": "some", "retail_price": None, "stockout_days": None}]


def test_a_plain_dict_works_like_a_querydict():
    # given the same inputs as a plain dict (lists for repeated inputs)
    data = visit_data({"customer": 5, "purposes": ["display"], "request_text": ["补货"], "request_kind": ["supply"]})

    # then the request row is read with an empty state
    assert data["customer"] == 5
    assert data["purposes"] == ["display"]
    assert data["requests"] == [{"kind": "supply", "text": "补货", "state": ""}]
