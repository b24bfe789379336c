"""A small city as data-contract files, and helpers to write CSV and XLSX files for the import tests."""

import csv
from pathlib import Path

import openpyxl
import pytest
from django.db import connections
from django.utils import translation

from workbench.imports.services import import_file

ORG = [
    ["org_code", "name", "kind", "parent_code"],
    # Children before parents on purpose: the import resolves the order itself.
    ["T1", "玄武市场部", "team", "D1"],
    ["T2", "鼓楼市场部", "市场部", "D1"],
    ["D1", "城区营销部", "department", "NJ"],
    ["NJ", "南京市公司", "company", ""],
]
STAFF = [
    ["staff_code", "name", "role", "org_code", "mobile", "active"],
    ["CM1", "张伟", "customer_manager", "T1", "13800000001", "1"],
    ["CM2", "李娜", "客户经理", "T1", "", ""],
    ["MM1", "王强", "market manager", "T1", "", "是"],
    ["AD1", "管理员", "admin", "NJ", "", "1"],
    ["LD9", "刘退休", "leader", "NJ", "", "0"],
]
CUSTOMER_HEADER = [
    "customer_code",
    "license_no",
    "name",
    "owner_name",
    "phone",
    "address",
    "format",
    "market_type",
    "scale",
    "grade",
    "credit_class",
    "terminal_type",
    "order_channel",
    "manager_code",
    "route",
    "order_weekday",
    "status",
    "opened_on",
    "closed_on",
    "lng",
    "lat",
]
CUSTOMERS = [
    CUSTOMER_HEADER,
    # fmt: off
    [
        "C001",
        "L001",
        "玄武食杂店",
        "陈一",
        "025-1",
        "玄武路1号",
        "Z",
        "C",
        "2",
        "10",
        "A",
        "traditional",
        "online",
        "CM1",
        "R1",
        "1",
        "active",
        "2020-01-01",
        "",
        "118.780000",
        "32.040000",
    ],
    [
        "C002",
        "L002",
        "长江便利店",
        "",
        "",
        "",
        "便利店",
        "城镇",
        "1",
        "12",
        "",
        "modern",
        "电话",
        "CM1",
        "",
        "3",
        "正常",
        "2019-05-01",
        "",
        "",
        "",
    ],
    [
        "C003",
        "L003",
        "中山烟酒商店",
        "",
        "",
        "",
        "tobacco and liquor",
        "rural",
        "",
        "20",
        "B",
        "",
        "visit",
        "CM2",
        "",
        "",
        "closed",
        "2018-03-01",
        "2024-06-30",
        "",
        "",
    ],
    # fmt: on
]
SPECS = [
    [
        "spec_code",
        "name",
        "brand",
        "manufacturer",
        "in_province",
        "blend",
        "stick",
        "tar_mg",
        "transfer_price",
        "wholesale_price",
        "retail_price",
        "launched_on",
        "on_sale",
    ],  # fmt: skip
    ["6901", "南京(红)", "南京", "江苏中烟", "省内", "烤烟型", "常规", "10", "80", "96", "110", "2010-01-01", "1"],
    ["6902", "七匹狼(软通泰)", "七匹狼", "福建中烟", "0", "flue-cured", "slim", "", "120.50", "140", "", "", ""],
    ["6903", "黄山(红方印)", "黄山", "", "", "", "", "", "16", "19.20", "", "", "0"],
]
ORDER_HEADER = ["order_no", "order_date", "customer_code", "spec_code", "demand_qty", "limit_qty", "order_qty", "price",
                "amount"]  # fmt: skip


@pytest.fixture(autouse=True)
def debug_cursor():
    """Every import test runs through Django's debug cursor, as under WORKBENCH_DEBUG=1.

    It formats each query's SQL with its parameters (`last_executed_query`), which a stray `%` in raw SQL breaks
    on SQLite: the orders import failed that way in debug mode. So the raw SQL of the imports and the summaries is
    run here the way debug mode runs it, on SQLite and PostgreSQL alike.
    """
    forced = {alias: connections[alias].force_debug_cursor for alias in connections}
    for alias in connections:
        connections[alias].force_debug_cursor = True
    yield
    for alias, value in forced.items():
        connections[alias].force_debug_cursor = value


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, whatever the catalogue of the default language says."""
    with translation.override("en"):
        yield


def write_csv(path: Path, rows: list[list], *, encoding: str = "utf-8") -> Path:
    """Write rows as CSV (RFC 4180, CRLF line ends) in the given encoding ("utf-8-sig" adds a BOM)."""
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list]) -> Path:
    """Write rows into the first sheet of a new workbook (dates and numbers stay typed cells)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.worksheets[0]  # the one sheet a new workbook has
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def imported(kind: str, path: Path, **options):
    """Import a file that must be valid, and return the report."""
    report = import_file(kind, path, **options)
    assert report.ok, report.as_text()
    return report


@pytest.fixture
def city(db, tmp_path):
    """Org units, staff, customers and specs imported from the files above; returns the directory."""
    for kind, rows in (("org", ORG), ("staff", STAFF), ("customers", CUSTOMERS), ("specs", SPECS)):
        imported(kind, write_csv(tmp_path / f"{kind}.csv", rows))
    return tmp_path
