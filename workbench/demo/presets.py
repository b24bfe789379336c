"""The demo presets: how big a city to generate.

Codes are fixed per department and district (not per preset), so that the tiny city's 玄武市场部 has the same
code as the big city's.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    """The size of a demo city."""

    name: str
    # (营销部 name, ((district of a 市场部, number of customer managers), …)), …
    departments: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    customers: int
    weeks: int  # weeks of orders up to the end date
    spec_count: int | None  # None = the whole catalogue

    @property
    def customer_managers(self) -> int:
        """Number of customer managers (客户经理)."""
        return sum(count for _, teams in self.departments for _, count in teams)

    @property
    def teams(self) -> int:
        """Number of market teams (市场部)."""
        return sum(len(teams) for _, teams in self.departments)


COMPANY_CODE = "NJ"
COMPANY_NAME = "南京市公司"
DEPARTMENT_CODES = {"城区营销部": "NJ01", "江南营销部": "NJ02", "江北营销部": "NJ03", "郊县营销部": "NJ04"}
TEAM_CODES = {
    "玄武": "NJ0101",
    "秦淮": "NJ0102",
    "建邺": "NJ0103",
    "鼓楼": "NJ0104",
    "栖霞": "NJ0201",
    "雨花台": "NJ0202",
    "江宁": "NJ0203",
    "浦口": "NJ0301",
    "六合": "NJ0302",
    "江北新区": "NJ0303",
    "溧水": "NJ0401",
    "高淳": "NJ0402",
}

PRESETS = {
    preset.name: preset
    for preset in (
        # For tests: two teams (one urban, one with villages), six customer managers, about three months.
        Preset(
            name="tiny",
            departments=(("城区营销部", (("玄武", 3),)), ("江南营销部", (("江宁", 3),))),
            customers=120,
            weeks=14,
            spec_count=40,
        ),
        # The README demo: ready in well under two minutes on SQLite.
        Preset(
            name="small",
            departments=(
                ("城区营销部", (("玄武", 3), ("秦淮", 3), ("鼓楼", 3))),
                ("江南营销部", (("雨花台", 3), ("江宁", 3))),
            ),
            customers=3000,
            weeks=52,
            spec_count=None,
        ),
        # A whole city for benchmarks on PostgreSQL: ≈ 40 million order lines.
        Preset(
            name="city",
            departments=(
                ("城区营销部", (("玄武", 10), ("秦淮", 10), ("建邺", 8), ("鼓楼", 12))),
                ("江南营销部", (("栖霞", 10), ("雨花台", 8), ("江宁", 16))),
                ("江北营销部", (("浦口", 10), ("六合", 10), ("江北新区", 8))),
                ("郊县营销部", (("溧水", 9), ("高淳", 9))),
            ),
            customers=30000,
            weeks=104,
            spec_count=None,
        ),
    )
}
