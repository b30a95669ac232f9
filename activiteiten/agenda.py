"""The agenda's dates, listed by PostgreSQL.

:func:`schedules.occurrences_of` expands schedules with dateutil, in Python: right for one
activity, a feed or a report, but a city's week of 50,000 activities takes it half a minute.
Here the same rules are one SQL query over the days of the period, so the agenda counts,
sorts and pages its dates in the database and builds objects for the page shown only.
tests/activiteiten/test_agenda.py checks that both give the same dates for generated
schedules, across daylight-saving changes.

The rules, per day of the period (all in local wall-clock time, as in schedules.py):

* once: on its date;
* weekly: on one of its weekdays, in a week that is a multiple of ``interval`` weeks
  (Monday-based, as RFC 5545's default WKST) after the week of its first date;
* monthly: on one of its weekdays that is the n-th (or last) of the month, in a month that
  is a multiple of ``interval`` months after the month of its first date;

and never before the first date nor after ``last_date`` (the real last date, from ``until``
or ``count``, stored on save by :func:`activiteiten.schedules.last_date`).

A date on a day its place is closed is listed, marked, as :func:`locaties.opening.closure_on`
says (the same rule, in SQL: :data:`CLOSURE`), with the public holidays of the period passed
in as parameters: which days they are depends on the configured country, which only Python
knows.

Within the horizon of the table ``activiteiten_scheduledate`` (normally yesterday to three
months ahead, see :class:`~activiteiten.models.AgendaHorizon`), the (schedule, day) pairs and
their instants are read from it instead of computed: the same rules, run once when a schedule
is saved and nightly for the days that come into the horizon. Cancellations, closures and
what is published are joined at query time, as before, so they never wait for the table.
tests/activiteiten/test_agenda.py runs its comparisons both ways.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils import timezone

from locaties.opening import public_holiday

from . import schedules
from .models import Schedule
from .schedules import PART_BOUNDS, Occurrence

# A local wall-clock timestamp → timestamptz. PostgreSQL reads a time that occurs twice
# (02:30 on the night summer time ends) as the later one; Python (fold=0), as the earlier.
# The earlier of "t" and "an hour before t, plus an hour" is Python's reading: the same for
# every other time, also in the hour skipped in spring. (Europe/Amsterdam shifts by an hour.)
AT_LOCAL = (
    "LEAST(({t}) AT TIME ZONE %s, (({t}) - interval '1 hour') AT TIME ZONE %s + interval '1 hour')"
)

# Whether the place of an agenda row is closed on its day, as locaties.opening.closure_on:
# NULL when it is not, else the reason ('' when none was given). An exception covering the
# day decides (closed only when none of those is special hours; its reasons in the order
# of closure_on, each once); otherwise a public holiday closes a place that closes on them.
# A column of the page's rows only: the count needs none of it.
COVERING = """
    FROM locaties_openingexception {e}
    WHERE {e}.location_id = a.location_id AND {e}.start_date <= m.day AND {e}.end_date >= m.day
"""
CLOSURE = f"""
    CASE WHEN EXISTS (SELECT 1 {COVERING.format(e="e")}) THEN
        CASE WHEN NOT EXISTS (SELECT 1 {COVERING.format(e="e")} AND e.kind <> 'closed') THEN
            COALESCE((
                SELECT string_agg(r.reason, '; ' ORDER BY r.start_date, r.id)
                FROM (
                    SELECT DISTINCT ON (e.reason) e.reason, e.start_date, e.id
                    {COVERING.format(e="e")} AND e.reason <> ''
                    ORDER BY e.reason, e.start_date, e.id
                ) r
            ), '')
        END
    ELSE (
        SELECT h.name FROM holidays h
        JOIN locaties_location p ON p.id = a.location_id AND p.closed_on_public_holidays
        WHERE h.day = m.day
    ) END
"""

# The (schedule, day) pairs the rules allow, with cheap date arithmetic. {schedules} picks
# the schedules; {day} and {start_time} are the names the day and part filters use.
RULES = """
    SELECT s.id, s.activity_id, s.start_time, s.end_time, g.midnight::date AS day
    FROM activiteiten_schedule s
    CROSS JOIN generate_series(%s::date, %s::date, interval '1 day') AS g(midnight)
    WHERE {schedules}
      AND s.start_date <= %s AND (s.last_date IS NULL OR s.last_date >= %s)
      AND s.start_date <= g.midnight::date
      AND (s.last_date IS NULL OR s.last_date >= g.midnight::date)
      AND (
        (s.frequency = 'once' AND s.start_date = g.midnight::date)
        OR (s.frequency = 'weekly'
            AND EXTRACT(ISODOW FROM g.midnight::date)::int - 1 = ANY(s.weekdays)
            -- whole Monday-to-Sunday weeks since the week of the first date
            AND ((g.midnight::date - s.start_date
                  + EXTRACT(ISODOW FROM s.start_date)::int - 1) / 7) %% s.interval = 0)
        OR (s.frequency = 'monthly'
            AND EXTRACT(ISODOW FROM g.midnight::date)::int - 1 = ANY(s.weekdays)
            AND ((EXTRACT(YEAR FROM g.midnight::date)::int
                  - EXTRACT(YEAR FROM s.start_date)::int) * 12
                 + EXTRACT(MONTH FROM g.midnight::date)::int
                 - EXTRACT(MONTH FROM s.start_date)::int) %% s.interval = 0
            AND CASE WHEN s.month_week = -1
                     THEN EXTRACT(MONTH FROM g.midnight::date + 7)
                          <> EXTRACT(MONTH FROM g.midnight::date)
                     ELSE (EXTRACT(DAY FROM g.midnight::date)::int - 1) / 7 + 1
                          = s.month_week END)
      )
      {days} {parts}
"""

# Then local times → instants for those pairs only (AT TIME ZONE is the costly part).
TIMED = """
    SELECT m.id, m.activity_id, m.start_time, m.day, o.starts, o.ends
    FROM matched m
    CROSS JOIN LATERAL (
        -- date + time is a timestamp *without* time zone: local wall-clock time.
        SELECT
            m.day + m.start_time AS local_start,
            m.day + m.start_time + (m.end_time - m.start_time)
                + CASE WHEN m.end_time <= m.start_time THEN interval '1 day'
                       ELSE interval '0' END AS local_end
    ) l
    CROSS JOIN LATERAL (SELECT {starts} AS starts, {ends} AS ends) o
"""

# The same pairs, read from the table kept by services.schedule_dates_refresh and
# services.agenda_dates_extend when the period lies within its horizon (see AgendaHorizon).
# {period} bounds the instants: the days as ranges of instants from midnight to midnight
# (never a repeated or skipped hour here) is the same rule as "on these days", and in
# those terms the index on (starts, ends) both finds the period's dates and hands them over
# in time order, so a page or a capped count reads only the dates it needs. Each bound is
# written once: written twice, PostgreSQL counts it twice and expects a tenth of the dates.
STORED = """
    SELECT d.schedule_id AS id, d.activity_id, d.start_time, d.day, d.starts, d.ends
    FROM activiteiten_scheduledate d
    WHERE d.activity_id IN ({activities}) {period} AND d.ends > %s {parts}
"""

OCCURRENCES = """
    WITH holidays AS (SELECT * FROM unnest(%s::date[], %s::text[]) AS h(day, name)),
    {dates}
    SELECT {{columns}}
    FROM timed m
    {{joins}}
"""
# What the page's rows show besides the dates. Each matches at most one row per date, so
# the count leaves them out (at 30,000 dates a week, the join alone cost 27 ms).
ROW_JOINS = """
    JOIN activiteiten_activity a ON a.id = m.activity_id
    LEFT JOIN activiteiten_cancellation c ON c.activity_id = m.activity_id AND c.date = m.day
"""

LIVE_DATES = """matched AS MATERIALIZED ({rules}),
    timed AS (SELECT * FROM ({timed}) t WHERE t.starts < %s AND t.ends > %s)"""
STORED_DATES = "timed AS ({stored})"


def timed_sql() -> str:
    """The pairs of a CTE ``matched`` with their instants; takes four time-zone parameters."""
    return TIMED.format(
        starts=AT_LOCAL.format(t="l.local_start"), ends=AT_LOCAL.format(t="l.local_end")
    )


def within_sql(column: str, ranges) -> tuple[str, list]:
    """SQL for "``column`` lies in one of ``ranges``" (each [low, high), None: open), with
    its parameters.

    Plain ranges rather than "the weekday of the day is …" or "the part of the day of the
    start is …": PostgreSQL estimates ranges well, and so chooses well how to find a page
    of them among a region's dates.
    """
    alternatives, params = [], []
    for low, high in ranges:
        bounds = []
        if low is not None:
            bounds.append(f"{column} >= %s")
            params.append(low)
        if high is not None:
            bounds.append(f"{column} < %s")
            params.append(high)
        alternatives.append(" AND ".join(bounds) or "TRUE")
    if not alternatives:
        return "AND FALSE", params
    return f"AND (({') OR ('.join(alternatives)}))", params


def day_runs(days: list[datetime.date]) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The instants from the first midnight to the last of each run of consecutive days.

    A date's instants lie between the midnights of its day and the next (midnight is
    never a skipped or repeated hour here), so "on one of these days" is "in these ranges".
    """
    runs = []
    for day in days:
        if runs and runs[-1][1] == day:
            runs[-1][1] = day + datetime.timedelta(days=1)
        else:
            runs.append([day, day + datetime.timedelta(days=1)])
    return [(_midnight(first), _midnight(last)) for first, last in runs]


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def stored_horizon():
    """(first day, last day) of the dates kept in the table, or None when none are kept."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT first_day, last_day FROM activiteiten_agendahorizon WHERE id = 1")
        row = cursor.fetchone()
    return tuple(row) if row else None


def occurrences(
    activities, start: datetime.datetime, end: datetime.datetime, *, days=(), parts=(), rows=False
):
    """The dates of ``activities`` (a QuerySet) overlapping [start, end) in time order,
    cancelled dates included (marked).

    Optionally only those on ``days`` (0 = Monday) and in ``parts`` of the day. Computed
    and paged in SQL: a fixed number of queries, and only the page shown becomes objects.
    With ``rows``, each date's activity and schedule are what the agenda's rows show
    (:class:`ActivityRow`, :class:`ScheduleRow`), not models.
    """
    return AgendaOccurrences(activities, start, end, days=days, parts=parts, rows=rows)


# What the agenda's rows show of a date's schedule and activity, read as values: a page of
# 100 dates built as models (schedule, activity, place, cluster, kind, organiser) cost a
# fifth of the page at 20,000 places, and more than its query.
@dataclass(frozen=True)
class ClusterRow:
    name: str


@dataclass(frozen=True)
class PlaceRow:
    name: str
    cluster: ClusterRow  # every place has one


@dataclass(frozen=True)
class ActivityRow:
    slug: str
    title: str
    is_free: bool
    support_need_welcome: bool
    location: PlaceRow


@dataclass(frozen=True)
class ScheduleRow:
    """A schedule's rule (``schedules.FIELDS`` and its stored ``last_date``)."""

    pk: int
    last_date: datetime.date | None
    start_date: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    frequency: str
    interval: int
    weekdays: list[int]
    month_week: int | None
    until: datetime.date | None
    count: int | None

    @property
    def repeats(self) -> str:
        return schedules.repeats(self)


ROW_COLUMNS = (
    "pk",
    "last_date",
    *schedules.FIELDS,
    "activity__slug",
    "activity__title",
    "activity__is_free",
    "activity__support_need_welcome",
    "activity__location__name",
    "activity__location__cluster__name",
)
RULE_COLUMNS = len(schedules.FIELDS) + 2


def schedule_rows(ids) -> dict[int, tuple[ScheduleRow, ActivityRow]]:
    """Each schedule in ``ids`` with its activity, as the agenda's rows show them."""
    found = {}
    for row in Schedule.objects.filter(pk__in=ids).values_list(*ROW_COLUMNS):
        slug, title, is_free, support, place, cluster = row[RULE_COLUMNS:]
        location = PlaceRow(place, ClusterRow(cluster))
        found[row[0]] = (
            ScheduleRow(*row[:RULE_COLUMNS]),
            ActivityRow(slug, title, is_free, support, location),
        )
    return found


class AgendaOccurrences:
    """The occurrences of some activities overlapping [start, end), in time order.

    Behaves as a read-only sequence (what Django's Paginator and DRF's pagination need):
    ``len()`` is one COUNT query, a slice is one query for its rows and one for their
    schedules, activities, places and organisers. Dates that do not go ahead (cancelled, or
    the place is closed) are included, marked.
    """

    def __init__(self, activities, start, end, *, days=(), parts=(), rows=False):
        self.activities = activities
        self.rows = rows
        self.start, self.end = start, end
        self.days, self.parts = sorted(set(days)), sorted(set(parts))
        self._all = None
        self._count = None
        # Whether the dates come from the table (None: not decided yet, on the first query).
        self.stored = None

    def _query(self, columns: str, joins: str = ROW_JOINS) -> tuple[str, list]:
        tz = settings.TIME_ZONE
        subquery, sub_params = self.activities.order_by().values("pk").query.sql_with_params()
        first_day = timezone.localtime(self.start).date() - datetime.timedelta(days=1)
        last_day = timezone.localtime(self.end).date()
        period = [
            first_day + datetime.timedelta(days=n) for n in range((last_day - first_day).days + 1)
        ]
        holidays = {day: name for day in period if (name := public_holiday(day))}
        chosen = [day for day in period if day.weekday() in self.days] if self.days else None
        if self.stored is None:
            horizon = stored_horizon()
            self.stored = bool(horizon) and horizon[0] <= first_day and last_day <= horizon[1]
        parts_sql, parts_params = "", []
        if self.parts:
            start_time = "d.start_time" if self.stored else "s.start_time"
            parts_sql, parts_params = within_sql(start_time, [PART_BOUNDS[p] for p in self.parts])
        if self.stored:
            # The days as ranges of instants, cut to the period.
            runs = [
                (low, min(high, self.end))
                for low, high in day_runs(chosen if chosen is not None else period)
                if low < self.end
            ]
            period_sql, period_params = within_sql("d.starts", runs)
            dates = STORED_DATES.format(
                stored=STORED.format(activities=subquery, period=period_sql, parts=parts_sql)
            )
            dates_params = [*sub_params, *period_params, self.start, *parts_params]
        else:
            days_sql, days_params = "", []
            if chosen is not None:
                days_sql, days_params = "AND g.midnight::date = ANY(%s::date[])", [chosen]
            rules = RULES.format(
                schedules=f"s.activity_id IN ({subquery})", days=days_sql, parts=parts_sql
            )
            dates = LIVE_DATES.format(rules=rules, timed=timed_sql())
            dates_params = [
                first_day,
                last_day,
                *sub_params,
                last_day,
                first_day,
                *days_params,
                *parts_params,
                tz,
                tz,
                tz,
                tz,
                self.end,
                self.start,
            ]
        sql = (
            OCCURRENCES.format(dates=dates).replace("{columns}", columns).replace("{joins}", joins)
        )
        return sql, [list(holidays), list(holidays.values()), *dates_params]

    def count(self, limit: int | None = None) -> int:
        """How many dates there are; with ``limit``, counting no further than that.

        A city's week can hold tens of thousands of dates: counting them all costs time
        that grows with the city, counting up to a limit only as much as a page of it.
        """
        if self._all is not None:
            return len(self._all) if limit is None else min(len(self._all), limit)
        if limit is not None:
            if self._count is not None:
                return min(self._count, limit)
            sql, params = self._query("1", joins="")
            # In time order: so PostgreSQL walks the dates by the index and stops at the limit.
            sql = f"SELECT count(*) FROM ({sql} ORDER BY m.starts LIMIT %s) capped"
            with connection.cursor() as cursor:
                cursor.execute(sql, [*params, limit])
                return cursor.fetchone()[0]
        if self._count is None:
            sql, params = self._query("count(*)", joins="")
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                self._count = cursor.fetchone()[0]
        return self._count

    __len__ = count

    def __bool__(self) -> bool:
        return self.count(limit=1) > 0

    def __iter__(self):
        if self._all is None:
            self._all = self._fetch()
        return iter(self._all)

    def __getitem__(self, key):
        if isinstance(key, int):
            if key < 0:
                return list(self)[key]
            found = self[key : key + 1]
            if not found:
                raise IndexError(key)
            return found[0]
        if self._all is not None or key.step is not None or (key.start or 0) < 0:
            return list(self)[key]
        offset = key.start or 0
        limit = None if key.stop is None else max(key.stop - offset, 0)
        return self._fetch(offset, limit)

    def _fetch(self, offset: int = 0, limit: int | None = None) -> list[Occurrence]:
        sql, params = self._query(
            f"m.id, m.starts, m.ends, c.id IS NOT NULL, COALESCE(c.reason, ''), ({CLOSURE})"
        )
        sql += " ORDER BY m.starts, a.title, m.id"
        if limit is not None:
            sql += " LIMIT %s"
            params.append(limit)
        if offset:
            sql += " OFFSET %s"
            params.append(offset)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        ids = {row[0] for row in rows}
        if self.rows:
            found = schedule_rows(ids)
        else:
            models = Schedule.objects.select_related(
                "activity__location__cluster", "activity__location__kind", "activity__organiser"
            ).in_bulk(ids)
            found = {pk: (schedule, schedule.activity) for pk, schedule in models.items()}
        local = timezone.get_default_timezone()
        return [
            Occurrence(
                activity=found[schedule_id][1],
                schedule=found[schedule_id][0],
                start=starts.astimezone(local),
                end=ends.astimezone(local),
                cancelled=cancelled,
                cancellation_reason=reason,
                place_closed=closure is not None,
                closure_reason=closure or "",
            )
            for schedule_id, starts, ends, cancelled, reason, closure in rows
        ]


class AgendaPaginator:
    """Pages of :class:`AgendaOccurrences` that never count them all.

    A page is read with one date more than it shows: that date says whether there is a
    next page. Counting a region's week instead costs time that grows with the region (the
    dates matching a search are found one by one), and a resident needs the next page, not
    the number of dates after it. The total is known only where the dates end: on a page
    that is not full. Up to ``max_pages`` pages; past those the page says there are more
    and asks to narrow the choice, as the feed does above its limit.
    """

    def __init__(self, object_list: AgendaOccurrences, per_page: int, *, max_pages: int):
        self.object_list = object_list
        self.per_page = per_page
        self.max_pages = max_pages
        self.count = None  # how many dates, where known
        self.more_than = None  # else: more than this many
        self.num_pages = None  # how many pages, where known
        self.has_more = False  # more dates than max_pages pages show

    def get_page(self, number) -> AgendaPage:
        """The page asked for: the first for anything that is not a whole number from 1,
        the last there is for a number past it (an old link, or past ``max_pages``)."""
        number = _page_number(number, self.max_pages)
        rows = self._read(number)
        if not rows and number > 1:
            # An old link past the end: count no further than that page to find the last.
            counted = self.object_list.count(limit=(number - 1) * self.per_page)
            number = max(-(-counted // self.per_page), 1)
            rows = self._read(number)
        shown = (number - 1) * self.per_page + min(len(rows), self.per_page)
        ends_here = len(rows) <= self.per_page
        self.count = shown if ends_here else None
        self.more_than = None if ends_here else shown
        self.has_more = not ends_here and number == self.max_pages
        self.num_pages = number if ends_here or self.has_more else None
        return AgendaPage(rows[: self.per_page], number, self)

    def _read(self, number: int) -> list[Occurrence]:
        offset = (number - 1) * self.per_page
        return self.object_list[offset : offset + self.per_page + 1]


class AgendaPage:
    """One page of an :class:`AgendaPaginator`: what templates/includes/pagination.html and
    the agenda use of Django's Page."""

    def __init__(self, object_list: list[Occurrence], number: int, paginator: AgendaPaginator):
        self.object_list = object_list
        self.number = number
        self.paginator = paginator

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self.paginator.more_than is not None and not self.paginator.has_more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def _page_number(number, max_pages: int) -> int:
    """The page asked for as a whole number from 1 to ``max_pages``; 1 when it is none."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max_pages)


def store_dates(first_day: datetime.date, last_day: datetime.date, schedule_ids=None) -> int:
    """Insert the dates of the schedules (all, or ``schedule_ids``) from first to last day.

    The rules and instants of the live query, so the table holds exactly what it would say.
    The caller deletes what was there and holds the horizon's lock (see services).
    """
    tz = settings.TIME_ZONE
    if schedule_ids is None:
        schedules_sql, schedules_params = "TRUE", []
    else:
        schedules_sql, schedules_params = "s.id = ANY(%s)", [list(schedule_ids)]
    rules = RULES.format(schedules=schedules_sql, days="", parts="")
    sql = f"""
        INSERT INTO activiteiten_scheduledate
            (schedule_id, activity_id, day, start_time, starts, ends)
        WITH matched AS MATERIALIZED ({rules})
        SELECT t.id, t.activity_id, t.day, t.start_time, t.starts, t.ends
        FROM ({timed_sql()}) t
    """
    params = [first_day, last_day, *schedules_params, last_day, first_day, tz, tz, tz, tz]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
