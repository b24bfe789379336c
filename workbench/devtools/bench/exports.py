"""The export benchmark's table and its reference writer (`workbench bench_exports`).

The table has the shape of the customer list's export (23 columns: codes, Chinese names and addresses, choices,
counts, money, a rate and dates) with made-up but varied values, so that neither writer profits from repeated
strings. The two reference writers are those lib/exports.py used before: XlsxWriter called once a cell (before
the data rows were written as XML, lib/xlsx_rows.py), and before it openpyxl in write-only mode, a styled cell for
every number, rate and date, plain values for text. All three write the same cells with the same formats, so the
timings compare writers, not layouts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from os import PathLike
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from xlsxwriter import Workbook as XlsxWorkbook

from workbench.lib.exports import (
    ILLEGAL_CHARACTERS_RE,
    NUMBER_FORMATS,
    TEXT_KINDS,
    WORKBOOK_OPTIONS,
    Column,
    Kind,
    Styles,
    column_kind,
    column_width,
    excel_value,
    looks_like_formula,
    sheet_name_for,
    write_cell,
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
STREETS = ("中山路", "建邺路", "汉中路", "龙蟠路", "江东北路", "应天大街", "珠江路", "湖南路")
FORMATS = ("便利店", "食杂店", "超市", "烟酒商店", "娱乐服务", "其他")


def sample_columns() -> list[Column]:
    """The customer list's 23 columns, by kind."""
    text = [
        ("code", "客户编码", Kind.CODE),
        ("license_no", "许可证号", Kind.CODE),
        ("name", "店名", Kind.TEXT),
        ("owner_name", "负责人", Kind.TEXT),
        ("phone", "订货电话", Kind.CODE),
        ("address", "经营地址", Kind.TEXT),
        ("class_code", "分类", Kind.CODE),
        ("format", "业态", Kind.CHOICE),
        ("market_type", "市场类型", Kind.CHOICE),
        ("scale", "经营规模", Kind.CHOICE),
        ("grade", "档位", Kind.INTEGER),
        ("credit_class", "信用等级", Kind.CHOICE),
        ("terminal_type", "终端类型", Kind.CHOICE),
        ("order_channel", "订货方式", Kind.CHOICE),
        ("manager_code", "客户经理工号", Kind.CODE),
        ("manager_name", "客户经理", Kind.TEXT),
        ("route", "线路", Kind.TEXT),
        ("order_weekday", "订货日", Kind.INTEGER),
        ("status", "状态", Kind.CHOICE),
        ("opened_on", "开业日期", Kind.DATE),
        ("qty", "订购量(条)", Kind.INTEGER),
        ("amount", "金额(元)", Kind.MONEY),
        ("fill_rate", "满足率", Kind.RATE),
    ]
    return [Column(key, label, kind) for key, label, kind in text]


def sample_rows(count: int) -> Iterable[dict]:
    """`count` rows of made-up customers, a generator (the writers consume rows as a queryset iterator gives them)."""
    first_day = date(2010, 1, 1)
    for number in range(count):
        surname = SURNAMES[number % len(SURNAMES)]
        yield {
            "code": f"3201{number:08d}",
            "license_no": f"32010{number * 7919 % 10**9:09d}",
            "name": f"{surname}记{STREETS[number % len(STREETS)][:2]}便民店{number}",
            "owner_name": f"{surname}{SURNAMES[(number * 7) % len(SURNAMES)]}明",
            "phone": f"139{number * 104729 % 10**8:08d}",
            "address": f"南京市{STREETS[(number // 3) % len(STREETS)]}{number % 999 + 1}号",
            "class_code": f"{'ABCDE'[number % 5]}{number % 3 + 1}",
            "format": FORMATS[number % len(FORMATS)],
            "market_type": ("城区", "镇区", "乡村")[number % 3],
            "scale": ("大", "中", "小")[number % 3],
            "grade": number % 30 + 1,
            "credit_class": ("AAA", "AA", "A", "B")[number % 4],
            "terminal_type": ("普通终端", "现代终端")[number % 2],
            "order_channel": ("网上订货", "电话订货")[number % 2],
            "manager_code": f"K{number % 120:04d}",
            "manager_name": f"客户经理{number % 120}",
            "route": f"线路{number % 500}",
            "order_weekday": number % 5 + 1,
            "status": "正常",
            "opened_on": first_day + timedelta(days=number % 5000),
            "qty": number % 400,
            "amount": Decimal(number % 40000) + Decimal("0.25"),
            "fill_rate": (number % 1000) / 1000,
        }


def write_with_openpyxl(
    target: str | PathLike | IO[bytes],
    *,
    title: str,
    params: list[tuple[str, str]],
    columns: list[Column],
    rows: Iterable[Mapping],
) -> int:
    """The previous writer (openpyxl write-only mode), kept to measure the new one against."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name_for(title))
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width(column)
    sheet.freeze_panes = f"A{1 + len(params) + 3}"
    bold = Font(bold=True)

    def styled(value, kind: Kind = Kind.TEXT, strong: bool = False) -> Cell:
        cell = WriteOnlyCell(sheet, value=excel_value(value, kind))
        if kind in TEXT_KINDS and cell.value is not None:
            cell.data_type = "s"
        elif kind in NUMBER_FORMATS and cell.value is not None:
            cell.number_format = NUMBER_FORMATS[kind]
        if strong:
            cell.font = bold
        return cell

    def data(value, kind: Kind):
        if value is None or value == "":
            return None
        if kind in TEXT_KINDS:
            text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
            if not looks_like_formula(text):
                return text
        return styled(value, kind)

    sheet.append([styled(title, strong=True)])
    for label, value in params:
        sheet.append([styled(label, strong=True), styled(value)])
    sheet.append([])
    sheet.append([styled(column.label, strong=True) for column in columns])
    keys_and_kinds = [(column.key, column_kind(column)) for column in columns]
    count = 0
    for row in rows:
        sheet.append([data(row.get(key), kind) for key, kind in keys_and_kinds])
        count += 1
    workbook.save(target)
    return count


def cell_writer(worksheet, styles: Styles, kind: Kind):
    """The per-cell writer of a data column of this kind, as lib/exports.py had it before lib/xlsx_rows.py:
    `write(row, col, value)` through XlsxWriter's write_string and write_number, the kind decided once per
    column."""
    write_string, write_number = worksheet.write_string, worksheet.write_number
    number_format = styles.numbers.get(kind)

    def write_text(row: int, col: int, value) -> None:
        if value is None:
            return
        text = value if type(value) is str else str(value)
        if not text.isprintable():
            text = ILLEGAL_CHARACTERS_RE.sub("", text)
        if text:
            write_string(row, col, text, styles.quoted if looks_like_formula(text) else None)

    def write_integer(row: int, col: int, value) -> None:
        if value is not None and value != "":
            write_number(row, col, int(value), number_format)

    def write_other(row: int, col: int, value) -> None:
        if value is not None and value != "":
            write_cell(worksheet, styles, row, col, value, kind)

    if kind in TEXT_KINDS:
        return write_text
    if kind == Kind.INTEGER:
        return write_integer
    return write_other


def write_with_cells(
    target: str | PathLike | IO[bytes],
    *,
    title: str,
    params: list[tuple[str, str]],
    columns: list[Column],
    rows: Iterable[Mapping],
) -> int:
    """The writer before the data rows were written as XML: XlsxWriter in constant-memory mode, one call a cell
    (the layout of lib/exports.py without the page setup, which costs nothing per row)."""
    workbook = XlsxWorkbook(target if not isinstance(target, PathLike) else str(target), WORKBOOK_OPTIONS)
    styles = Styles(workbook)
    worksheet = workbook.add_worksheet(sheet_name_for(title))
    header_row = 1 + len(params) + 1
    for index, column in enumerate(columns):
        worksheet.set_column(index, index, column_width(column))
    worksheet.freeze_panes(header_row + 1, 0)
    worksheet.write_string(0, 0, title, styles.title)
    for offset, (label, value) in enumerate(params, start=1):
        write_cell(worksheet, styles, offset, 0, label, Kind.TEXT, bold=True)
        write_cell(worksheet, styles, offset, 1, value, Kind.TEXT)
    for index, column in enumerate(columns):
        worksheet.write_string(header_row, index, str(column.label), styles.header)
    writers = [
        (index, column.key, cell_writer(worksheet, styles, column_kind(column))) for index, column in enumerate(columns)
    ]
    count = 0
    for count, row in enumerate(rows, start=1):
        for index, key, write in writers:
            write(header_row + count, index, row.get(key))
    workbook.close()
    return count
