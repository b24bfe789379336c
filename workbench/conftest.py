"""Persona fixtures shared by every app's tests: one fixture per name of `testing.PERSONAS`.

The org tree: company NJ → department D1 → teams T1 and T2.
"""

import pytest

# The access matrix asserts inside workbench.testing: let pytest explain its failures as it does a test's.
pytest.register_assert_rewrite("workbench.testing")

from workbench import testing  # noqa: E402  (after the rewrite hook, or the hook comes too late)
from workbench.accounts.models import OrgKind, Role  # noqa: E402


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """PBKDF2 is slow on purpose; tests log in hundreds of times and need no real hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def session_directory(tmp_path_factory):
    """One directory for the session files of the whole run (on SQLite sessions are files: lib/sessions.py)."""
    return tmp_path_factory.mktemp("sessions")


@pytest.fixture(autouse=True)
def session_files(settings, session_directory):
    """Django's database sessions, as on PostgreSQL, so that the query counts pinned by the tests are the same on
    both databases; SQLite's file sessions (lib/sessions.py) are tested by imports/tests/test_busy.py, in a
    process of its own, and go to the run's temporary directory when a test asks for them."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    settings.SESSION_FILE_PATH = str(session_directory)


@pytest.fixture
def org(db):
    """The company, one department and two teams."""
    company = testing.make_org("NJ", OrgKind.COMPANY, name="南京市公司")
    department = testing.make_org("D1", OrgKind.DEPARTMENT, company, name="城区营销部")
    team1 = testing.make_org("T1", OrgKind.TEAM, department, name="玄武市场部")
    team2 = testing.make_org("T2", OrgKind.TEAM, department, name="鼓楼市场部")
    return {"company": company, "department": department, "team1": team1, "team2": team2}


@pytest.fixture
def customer_manager(org):
    """A customer manager in team T1: sees only his own customers."""
    return testing.make_staff("CM1", Role.CUSTOMER_MANAGER, org["team1"], name="张伟")


@pytest.fixture
def colleague(org):
    """Another customer manager in the same team T1."""
    return testing.make_staff("CM2", Role.CUSTOMER_MANAGER, org["team1"], name="李娜")


@pytest.fixture
def market_manager(org):
    """The market manager leading team T1: sees CM1's and CM2's customers."""
    return testing.make_staff("MM1", Role.MARKET_MANAGER, org["team1"], name="王强")


@pytest.fixture
def outsider(org):
    """A customer manager in team T2: sees none of team T1's customers."""
    return testing.make_staff("CM3", Role.CUSTOMER_MANAGER, org["team2"], name="赵敏")


@pytest.fixture
def leader(org):
    """A leader of the company: sees every customer below it."""
    return testing.make_staff("LD1", Role.LEADER, org["company"], name="刘总")


@pytest.fixture
def brand_manager(org):
    """A brand manager of the company: sees every customer below it, publishes brand sets to the company."""
    return testing.make_staff("BM1", Role.BRAND_MANAGER, org["company"], name="陈品牌")


@pytest.fixture
def admin_staff(org):
    """An administrator: sees and manages everything."""
    return testing.make_staff("AD1", Role.ADMIN, org["company"], name="管理员")


@pytest.fixture
def anonymous():
    """The visitor nobody logged in (`testing.login(client, None)` logs the client out)."""
    return None


@pytest.fixture
def customers(customer_manager, colleague, outsider):
    """Two customers of CM1, one of CM2, one of CM3 (team T2)."""
    return {
        "c1": testing.make_customer("C001", customer_manager, name="玄武食杂店"),
        "c2": testing.make_customer("C002", customer_manager, name="长江便利店", format="B"),
        "c3": testing.make_customer("C003", colleague, name="中山烟酒商店", format="Y"),
        "c4": testing.make_customer("C004", outsider, name="鼓楼超市", format="S"),
    }


@pytest.fixture(autouse=True)
def login_throttle_in_memory(settings):
    """Every test starts with no failed login counted: the login throttle's store in memory, empty (security app)."""
    settings.LOGIN_THROTTLE = {**settings.LOGIN_THROTTLE, "URL": "sqlite:///:memory:"}
