"""The extra every step may declare: a chart (a Chart.js configuration the report function computes from its
result), with its series as an Excel sheet."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from workbench.reporting.registry import Extra
from workbench.reporting.results import Column, Kind


def chart_table(chart: dict) -> tuple[list[Column], list[dict]]:
    """A chart's series as a sheet: one row per label (month, spec, count), one column per dataset."""
    data = chart["data"]
    columns = [Column("label", "", Kind.TEXT)]
    columns += [
        Column(f"series_{index}", str(dataset["label"]), Kind.DECIMAL) for index, dataset in enumerate(data["datasets"])
    ]
    rows = []
    for position, label in enumerate(data["labels"]):
        row = {"label": str(label)}
        for index, dataset in enumerate(data["datasets"]):
            row[f"series_{index}"] = dataset["data"][position]
        rows.append(row)
    return columns, rows


CHART = Extra("chart", _("Chart"), chart_table)
