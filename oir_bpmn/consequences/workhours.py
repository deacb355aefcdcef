"""Working-hour calendars: when a person can work, in minutes from the start of the simulation.

A working day is Monday to Friday, 08:00 to 15:24 (7.4 hours: 37 hours a week), except Danish
public holidays (the ``holidays`` package: New Year, Easter, Ascension, Whitsun, Christmas).
Work that does not fit before closing time goes on the next working day, so a payment booked on
Friday afternoon waits over the weekend. Example::

    >>> from datetime import date
    >>> cal = WorkCalendar(date(2027, 1, 1))       # a Friday, New Year's Day
    >>> cal.add_working(0, 60) / 60                 # one hour of work: Monday 4 January, 09:00
    81.0
"""
from __future__ import annotations

from datetime import date, timedelta

DAY = 1440
OPENS = 8 * 60
WORKING_MINUTES = 444  # 7.4 hours
"""One working day: 08:00 to 15:24."""


class WorkCalendar:
    """Working days from ``start`` (minute 0 is its midnight), with Danish public holidays."""

    def __init__(self, start: date):
        import holidays  # here: keeps `oir-bpmn --help` fast

        self.start = start
        self._holidays = holidays.country_holidays("DK")
        self._workday: dict[int, bool] = {}

    def is_workday(self, day: int) -> bool:
        """Whether day number ``day`` (0 = ``start``) is a working day."""
        found = self._workday.get(day)
        if found is None:
            when = self.start + timedelta(days=day)
            found = self._workday[day] = when.weekday() < 5 and when not in self._holidays
        return found

    def add_working(self, t: float, minutes: float) -> float:
        """The minute at which ``minutes`` of work begun at ``t`` is done (in working hours only)."""
        day = int(t // DAY)
        while True:
            if self.is_workday(day):
                opens = day * DAY + OPENS
                closes = opens + WORKING_MINUTES
                t = max(t, opens)
                if t < closes:
                    if minutes <= closes - t:
                        return t + minutes
                    minutes -= closes - t
            day += 1
            t = day * DAY

    def add_workdays(self, t: float, days: int) -> float:
        """``t`` moved on by ``days`` working days (the same time of day; from a day off, the
        count starts on the next working day)."""
        day, left = int(t // DAY), days
        while left > 0:
            day += 1
            left -= self.is_workday(day)
        return day * DAY + t % DAY

    def working_minutes(self, t0: float, t1: float) -> float:
        """Working minutes between ``t0`` and ``t1``."""
        total, day = 0.0, int(t0 // DAY)
        while day * DAY < t1:
            if self.is_workday(day):
                opens = day * DAY + OPENS
                total += max(0.0, min(t1, opens + WORKING_MINUTES) - max(t0, opens))
            day += 1
        return total
