"""The home page's part of 实施 for a market manager: his team's visits of today and of the last working day."""

from dataclasses import dataclass
from datetime import date

from workbench.accounts.access import staff_of, writes_team_plans
from workbench.visits.team import TeamDayRow, previous_working_day, team_day


@dataclass(frozen=True)
class TeamDay:
    day: date
    rows: list[TeamDayRow]
    is_today: bool


def home_team_days(user, today: date) -> list[TeamDay]:
    """Today's and the last working day's visits of the team, for a role that leads a team (none for the others:
    no query)."""
    staff = staff_of(user)
    if staff is None or not writes_team_plans(staff.role):
        return []
    days = [TeamDay(today, team_day(user, today, today), True)]
    previous = previous_working_day(today)
    days.append(TeamDay(previous, team_day(user, previous, today), False))
    return [found for found in days if found.rows]
