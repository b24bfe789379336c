"""The main navigation: 分析 计划 实施 评估 改进 工具, with their second- and third-level modules.

The tree is data, defined once in MENU: six first-level modules (the five steps of the 135 method in order, plus
工具 tools), each with second-level groups named after the three key points (客户 customer, 品牌 brand, 市场 market),
the user role or the kind of tool, and the third-level modules the 2011 platform names (shared/seed/). A report
step's groups and entries are its reports' own, read from the report registry (`ReportGroups`).

A module points at its screen through a URL name. Screens are built by different people at different times, so
names are resolved when a menu is drawn, never at import time: a name that does not resolve yet (or a module with
no screen planned yet) points at the placeholder page `web:module_pending`, which says which step brings it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from workbench.accounts.access import is_admin, requires_admin
from workbench.reporting.registry import groups_of

# The steps of the platform's build-out that bring the modules not built yet; the placeholder page names them.
FOUNDATION = _("Foundation")
ANALYSE_STEP = _("Analyse: the nine reports")
PLAN_STEP = _("Plan: plans, visit plans and targets")
IMPLEMENT_STEP = _("Implement: visits, scorecards, market features and opportunities")
EVALUATE_STEP = _("Evaluate: target achievement, visit queries and customer analysis reports")
IMPROVE_STEP = _("Improve: the work-analysis report and the monthly work report")
SETS_STEP = _("Tools: customer sets and brand sets")


@dataclass(frozen=True)
class Entry:
    """A third-level module (三级模块): one screen of the platform."""

    slug: str  # unique across the menu; the placeholder page's address
    label: str | Promise
    name_zh: str  # the module's name on the 2011 platform (a domain word, not translated)
    step: str | Promise  # the build-out step that brings (or brought) this screen
    url_name: str | None = None  # None while no screen is planned under a known name

    @property
    def admin_only(self) -> bool:
        """Whether only admins see the entry: its screen is `admin_required` (accounts.access), no flag of its own."""
        return is_admin_only(self)


@dataclass(frozen=True)
class Group:
    """A second-level module (二级模块): a group of screens under one key point, role or kind of tool."""

    slug: str
    label: str | Promise
    name_zh: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Module:
    """A first-level module (一级模块): one of the five steps, or the tools."""

    slug: str
    label: Promise
    name_zh: str
    groups: Sequence[Group]


class ReportGroups(Sequence):
    """The groups of a report step's module, read from the report registry each time the menu is drawn: the
    reports declare their titles, groups and order once (reporting.registry), and register at start-up."""

    def __init__(self, step: str, build_step: Promise):
        self.step = step
        self.build_step = build_step

    def groups(self) -> tuple[Group, ...]:
        return tuple(
            Group(
                group.slug,
                group.label,
                group.name_zh,
                tuple(
                    Entry(report.name, report.label, report.name_zh, self.build_step, report.url_name)
                    for report in reports
                ),
            )
            for group, reports in groups_of(self.step)
        )

    def __getitem__(self, index):
        return self.groups()[index]

    def __len__(self) -> int:
        return len(self.groups())


MENU: tuple[Module, ...] = (
    Module("analyse", _("Analyse"), "分析", ReportGroups("analysis", ANALYSE_STEP)),
    Module(
        "plan",
        _("Plan"),
        "计划",
        (
            Group(
                "market-manager-plans",
                _("Market manager's plans"),
                "市场经理计划",
                (
                    Entry(
                        "market-manager-monthly-plan",
                        _("Market manager's monthly work plan"),
                        "市场经理月工作计划",
                        PLAN_STEP,
                        "planning:teamplan_mine",
                    ),
                    Entry(
                        "market-manager-weekly-plan",
                        _("Market manager's weekly arrangement"),
                        "市场经理周工作安排",
                        PLAN_STEP,
                        "planning:team_weeks",
                    ),
                ),
            ),
            Group(
                "customer-manager-plans",
                _("Customer manager's plans"),
                "客户经理计划",
                (
                    Entry("monthly-plan", _("Monthly work plan"), "月工作计划", PLAN_STEP, "planning:monthlyplan_mine"),
                    Entry("weekly-plan", _("Weekly arrangement"), "周工作安排", PLAN_STEP, "planning:my_weeks"),
                    Entry("daily-plan", _("Daily arrangement"), "日工作安排", PLAN_STEP, "planning:my_days"),
                    Entry("team-plan-states", _("Team plan states"), "计划审核", PLAN_STEP, "planning:team_states"),
                    Entry(
                        "visit-plan", _("Customer visit plan"), "客户拜访计划", PLAN_STEP, "visitplans:visitplan_mine"
                    ),
                    Entry(
                        "team-visit-plans",
                        _("Team visit plans"),
                        "团队拜访计划",
                        PLAN_STEP,
                        "visitplans:team_visitplans",
                    ),
                    Entry("day-route", _("Day route"), "拜访线路", PLAN_STEP, "route:route_day"),
                    Entry(
                        "suggested-visits", _("Suggested visits"), "推荐拜访", PLAN_STEP, "suggestions:suggestion_list"
                    ),
                    Entry("sales-targets", _("Sales targets"), "销售目标", PLAN_STEP, "targets:salestarget_list"),
                    Entry(
                        "improvement-targets",
                        _("Improvement targets"),
                        "提升目标",
                        PLAN_STEP,
                        "targets:improvementtarget_list",
                    ),
                    Entry("kpi-targets", _("KPI targets"), "KPI目标", PLAN_STEP, "targets:kpitarget_list"),
                    Entry("visit-cycles", _("Visit cycles"), "拜访周期", PLAN_STEP, "visitcycles:customercycle_list"),
                ),
            ),
        ),
    ),
    Module(
        "implement",
        _("Implement"),
        "实施",
        (
            Group(
                "customer-visits",
                _("Customer visits"),
                "客户拜访",
                (
                    Entry("visit-feedback", _("Visit feedback"), "拜访情况反馈", IMPLEMENT_STEP, "visits:day"),
                    Entry(
                        "scorecard-entry",
                        _("Scorecard entry"),
                        "记分卡录入",
                        IMPLEMENT_STEP,
                        "scorecards:scorecard_list",
                    ),
                ),
            ),
            Group(
                "market-information",
                _("Market information"),
                "市场信息",
                (
                    Entry(
                        "market-features",
                        _("Market features"),
                        "市场特征录入",
                        IMPLEMENT_STEP,
                        "features:marketfeature_list",
                    ),
                    Entry(
                        "market-opportunities",
                        _("Market opportunities"),
                        "市场机会录入",
                        IMPLEMENT_STEP,
                        "opportunities:opportunity_list",
                    ),
                ),
            ),
            Group(
                "sample-points",
                _("Sample points"),
                "信息采集点",
                (
                    Entry(
                        "stock-to-sales", _("Stock-to-sales"), "存销比", IMPLEMENT_STEP, "implementation:stock-to-sales"
                    ),
                    Entry(
                        "customer-stockout-rate",
                        _("Customer stock-out rate"),
                        "客户断货率",
                        IMPLEMENT_STEP,
                        "implementation:customer-stockout-rate",
                    ),
                    Entry(
                        "retail-prices",
                        _("Retail prices"),
                        "零售价格监测",
                        IMPLEMENT_STEP,
                        "implementation:retail-prices",
                    ),
                ),
            ),
        ),
    ),
    Module(
        "evaluate",
        _("Evaluate"),
        "评估",
        (
            Group(
                "target-evaluation",
                _("Target evaluation"),
                "提升评估",
                (
                    Entry("target-evaluation", _("Improvement target evaluation"), "提升目标评估", EVALUATE_STEP),
                    Entry("target-achievement", _("Target achievement summary"), "提升达成汇总", EVALUATE_STEP),
                    Entry("target-changes", _("Target change query"), "提升变化查询", EVALUATE_STEP),
                ),
            ),
            Group(
                "customer-evaluation",
                _("Customer evaluation"),
                "客户评估",
                (
                    Entry(
                        "visit-feedback-query",
                        _("Visit feedback query"),
                        "拜访反馈查询",
                        EVALUATE_STEP,
                        "visits:visit_list",
                    ),
                    Entry("customer-news", _("Customer news entry"), "动态信息录入", EVALUATE_STEP),
                    Entry("customer-analysis-report", _("Customer analysis report"), "客户分析报告", EVALUATE_STEP),
                    Entry("scorecard-query", _("Scorecard query"), "记分卡查询", EVALUATE_STEP),
                ),
            ),
        ),
    ),
    Module(
        "improve",
        _("Improve"),
        "改进",
        (
            Group(
                "work-reports",
                _("Work reports"),
                "工作报告",
                (
                    Entry("work-analysis-report", _("Work analysis report"), "客户经理作业分析报告", IMPROVE_STEP),
                    Entry("monthly-work-report", _("Monthly work report"), "月度工作报告", IMPROVE_STEP),
                ),
            ),
        ),
    ),
    Module(
        "tools",
        _("Tools"),
        "工具",
        (
            Group(
                "sets",
                _("Sets"),
                "集合设置",
                (
                    Entry("customer-sets", _("Customer sets"), "客户集设置", SETS_STEP, "customers:customerset_list"),
                    Entry("brand-sets", _("Brand sets"), "品牌集设置", SETS_STEP, "catalog:brandset_list"),
                ),
            ),
            Group(
                "master-data",
                _("Master data"),
                "基础资料",
                (
                    Entry("customers", _("Customers"), "客户", FOUNDATION, "customers:customer_list"),
                    Entry("specs", _("Cigarette specs"), "卷烟规格", FOUNDATION, "catalog:spec_list"),
                ),
            ),
            Group(
                "administration",
                _("Administration"),
                "系统管理",
                (
                    Entry("data-import", _("Data import"), "数据导入", FOUNDATION, "imports:upload"),
                    Entry(
                        "staff-accounts",
                        _("Staff accounts"),
                        "人员账号",
                        FOUNDATION,
                        "accounts:staff_list",
                    ),
                    Entry("login-locks", _("Login locks"), "登录锁定", FOUNDATION, "security:lock_list"),
                ),
            ),
        ),
    ),
)


def all_entries() -> list[tuple[Module, Group, Entry]]:
    """Every third-level module with its first- and second-level parents, in menu order."""
    return [(module, group, entry) for module in MENU for group in module.groups for entry in group.entries]


def find_entry(slug: str) -> tuple[Module, Group, Entry] | None:
    """The entry with this slug and its parents, or None."""
    for found in all_entries():
        if found[2].slug == slug:
            return found
    return None


def screen_url(entry: Entry) -> str | None:
    """The URL of the entry's screen, or None when the screen does not exist (yet)."""
    if entry.url_name is None:
        return None
    try:
        return reverse(entry.url_name)
    except NoReverseMatch:
        return None


def is_admin_only(entry: Entry) -> bool:
    """Whether the entry's screen is a view wrapped by `admin_required`; False while the screen does not exist."""
    url = screen_url(entry)
    if url is None:
        return False
    try:
        return requires_admin(resolve(url).func)
    except Resolver404:
        return False


def entry_url(entry: Entry) -> str:
    """Where the menu sends the user: the screen, or the placeholder page while there is none."""
    return screen_url(entry) or reverse("web:module_pending", args=[entry.slug])


@dataclass(frozen=True)
class MenuLink:
    """A third-level module as drawn for one request."""

    slug: str
    label: str | Promise
    url: str
    is_pending: bool
    is_current: bool


@dataclass(frozen=True)
class MenuGroup:
    slug: str
    label: str | Promise
    links: tuple[MenuLink, ...]


@dataclass(frozen=True)
class MenuModule:
    slug: str
    label: Promise
    groups: tuple[MenuGroup, ...]
    is_current: bool


def menu_for(request) -> list[MenuModule]:
    """The menu for this request's user: empty for anonymous users, admin-only modules for admins only."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    admin = is_admin(user)
    path = request.path
    modules = []
    for module in MENU:
        groups = []
        for group in module.groups:
            links = []
            for entry in group.entries:
                if entry.admin_only and not admin:
                    continue
                url = screen_url(entry)
                pending = url is None
                if url is None:
                    url = reverse("web:module_pending", args=[entry.slug])
                # A screen is current when the request is on it or below it (its detail pages, say).
                current = path == url or (not pending and url != "/" and path.startswith(url))
                links.append(MenuLink(entry.slug, entry.label, url, pending, current))
            if links:
                groups.append(MenuGroup(group.slug, group.label, tuple(links)))
        if groups:
            is_current = any(link.is_current for group in groups for link in group.links)
            modules.append(MenuModule(module.slug, module.label, tuple(groups), is_current))
    return modules
