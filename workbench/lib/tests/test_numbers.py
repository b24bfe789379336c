"""lib.numbers: rates, value per carton and relative change, with their None on a zero denominator."""

from decimal import Decimal

from workbench.lib.numbers import change, per_carton, rate


def test_rate_is_a_fraction_or_none_on_a_zero_denominator():
    assert rate(3, 4) == 0.75
    assert rate(Decimal("1"), Decimal("8")) == 0.125
    assert rate(0, 5) == 0.0
    assert rate(3, 0) is None
    assert rate(3, None) is None


def test_value_per_carton_is_to_the_cent_rounded_half_to_even():
    assert per_carton(Decimal("1000.00"), 9) == Decimal("111.11")
    assert per_carton(Decimal("123.45"), 10) == Decimal("12.34")  # 12.345: half to even
    assert per_carton(Decimal("123.55"), 10) == Decimal("12.36")  # 12.355: half to even
    assert str(per_carton(Decimal("200"), 2)) == "100.00"
    assert per_carton(Decimal("50.00"), 0) is None


def test_exact_value_per_carton_is_unrounded():
    assert per_carton(Decimal("123.45"), 10, exact=True) == Decimal("12.345")
    assert per_carton(Decimal("100.00"), 3, exact=True) == Decimal("100.00") / 3
    assert per_carton(Decimal("100.00"), 0, exact=True) is None


def test_change_is_relative_to_the_previous_value():
    assert change(500, 600) == Decimal(-100) / Decimal(600)
    assert change(Decimal("66000.00"), Decimal("24000.00")) == Decimal("1.75")
    assert change(5, 0) is None
    assert change(None, 5) is None
    assert change(5, None) is None


def test_money_text_separates_thousands_to_the_cent():
    # given SQLite's sum of amounts, which comes back with ten decimals
    from decimal import Decimal

    from workbench.lib.numbers import money_text

    # then it reads as every screen shows money; nothing is "—"
    assert money_text(Decimal("75711.6900000000")) == "75,711.69"
    assert money_text(None) == "—"
