"""Performance Management Chart: fitness (CTL), fatigue (ATL), form (TSB), ramp and ACWR.

Pure computation over daily loads; no I/O.

Sources
-------
* Banister's impulse-response model (Banister et al., 1975) as simplified by
  Coggan into the Performance Management Chart, with the exact definitions of
  GoldenCheetah's ``src/Metrics/PMCData.cpp`` (``PMCData::refresh``)::

      lte = exp(-1/ltsDays)            ste = exp(-1/stsDays)     (42 and 7 days)
      lts[d] = stress[d]*(1 - lte) + lts[d-1]*lte                (CTL, "fitness")
      sts[d] = stress[d]*(1 - ste) + sts[d-1]*ste                (ATL, "fatigue")
      sb[d+1] = lts[d] - sts[d]                                  (TSB, "form")
      rr[d] = lts[d] - lts[d-stsDays]                            (ramp, per 7 days)

  so TSB today is yesterday's fitness minus yesterday's fatigue (GoldenCheetah's
  default, "SB tomorrow"), and the ramp rate is the change of CTL over the last
  7 days. GoldenCheetah starts its series the day before the first workout
  with CTL = ATL = 0; here the state before ``start`` is the seed (0 by default),
  which is the same thing, and gives the same ramp in the first week
  (``CTL_t - seed``).
* Acute:chronic workload ratio with exponentially weighted moving averages,
  Williams S. et al. (2017), "Better way to determine the acute:chronic
  workload ratio?", Br J Sports Med 51(3):209-210::

      lambda = 2 / (N + 1)             N = 7 (acute), 28 (chronic)
      EWMA[d] = load[d]*lambda + (1 - lambda)*EWMA[d-1]
      ACWR[d] = EWMA_acute[d] / EWMA_chronic[d]   (None while chronic ~ 0)

Input rules (documented choices)
--------------------------------
* Loads are per calendar day (``datetime.date``; convert timestamps to the
  athlete's local date first: a ``datetime`` is rejected so that no time zone
  is guessed here). Days without an entry have zero load, so gaps of weeks are
  simply decay.
* Several entries for one day (two workouts, unsorted input) are summed, as
  GoldenCheetah sums the stress of every ride of a day.
* A negative, NaN or infinite load is rejected with ``ValueError``: it is a bug
  upstream, and clamping it would silently bend every later value.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

__all__ = [
    "ACUTE_DAYS",
    "ACUTE_LAMBDA",
    "ATL_DAYS",
    "CHRONIC_DAYS",
    "CHRONIC_EPSILON",
    "CHRONIC_LAMBDA",
    "CTL_DAYS",
    "RAMP_DAYS",
    "PmcDay",
    "PmcState",
    "chart",
    "compute",
    "daily_loads",
    "extend",
    "fast_forward",
    "seed_state",
    "step",
    "stored_state",
]

CTL_DAYS = 42
"""Chronic training load time constant (GoldenCheetah ``ltsDays`` default)."""
ATL_DAYS = 7
"""Acute training load time constant (GoldenCheetah ``stsDays`` default)."""
RAMP_DAYS = 7
"""Ramp rate window: CTL change over this many days (GoldenCheetah uses ``stsDays``)."""

CTL_DECAY = math.exp(-1.0 / CTL_DAYS)
ATL_DECAY = math.exp(-1.0 / ATL_DAYS)

ACUTE_DAYS = 7
CHRONIC_DAYS = 28
ACUTE_LAMBDA = 2.0 / (ACUTE_DAYS + 1)
"""Williams 2017: lambda_a = 2/(7+1) = 0.25."""
CHRONIC_LAMBDA = 2.0 / (CHRONIC_DAYS + 1)
"""Williams 2017: lambda_c = 2/(28+1) ~= 0.0690."""
CHRONIC_EPSILON = 1e-6
"""Below this chronic EWMA the ACWR is undefined (``None``) rather than huge."""

_ONE_DAY = dt.timedelta(days=1)

LoadInput = Mapping[dt.date, float] | Iterable[tuple[dt.date, float]]


class PmcDay(NamedTuple):
    """One day of the chart; ``acwr`` is ``None`` while the chronic load is ~0.

    A named tuple rather than a frozen dataclass: charts build hundreds per request,
    and a tuple is built several times faster.
    """

    date: dt.date
    load: float
    ctl: float
    atl: float
    tsb: float
    ramp: float
    acwr: float | None


@dataclass(frozen=True, slots=True)
class PmcState:
    """Everything needed to compute the next day: store it to extend a series later.

    ``recent_ctl`` holds the CTL of the last ``RAMP_DAYS`` days, oldest first
    (its last item is ``ctl``); ``acute`` and ``chronic`` are the Williams EWMAs.
    All fields are plain floats, a date and a tuple, so the state serialises
    to JSON as is.
    """

    date: dt.date
    load: float
    ctl: float
    atl: float
    tsb: float
    ramp: float
    acute: float
    chronic: float
    recent_ctl: tuple[float, ...]

    @property
    def acwr(self) -> float | None:
        """Acute:chronic ratio of this day, ``None`` while the chronic EWMA is ~0."""
        if self.chronic < CHRONIC_EPSILON:
            return None
        return self.acute / self.chronic

    def as_day(self) -> PmcDay:
        """The chart row for this state's day."""
        return PmcDay(
            date=self.date,
            load=self.load,
            ctl=self.ctl,
            atl=self.atl,
            tsb=self.tsb,
            ramp=self.ramp,
            acwr=self.acwr,
        )


def _check_date(day: object) -> dt.date:
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise TypeError(f"expected a datetime.date (local calendar day), got {day!r}")
    return day


def _check_load(load: float, day: dt.date | None = None) -> float:
    value = float(load)
    where = f" on {day.isoformat()}" if day else ""
    if not math.isfinite(value):
        raise ValueError(f"load{where} is not a finite number: {load!r}")
    if value < 0:
        raise ValueError(f"load{where} is negative: {load!r}")
    return value


def daily_loads(entries: LoadInput) -> dict[dt.date, float]:
    """Per-day load totals: duplicate dates are summed, order does not matter.

    Raises ``ValueError`` for a negative or non-finite load and ``TypeError``
    for a key that is not a plain ``date``.
    """
    items = entries.items() if isinstance(entries, Mapping) else entries
    totals: dict[dt.date, float] = {}
    for day, load in items:
        day = _check_date(day)
        totals[day] = totals.get(day, 0.0) + _check_load(load, day)
    return totals


def seed_state(
    day: dt.date,
    *,
    ctl: float = 0.0,
    atl: float = 0.0,
    acute: float | None = None,
    chronic: float | None = None,
) -> PmcState:
    """The state at the end of ``day`` (the day before a series starts).

    CTL and ATL are the seeds (GoldenCheetah's season seed). The ACWR EWMAs
    default to ATL and CTL: all four are exponential averages of the same
    daily load, so they are the best guess when the EWMAs were not stored.
    The ramp of the first week is measured against the seed CTL.
    """
    _check_date(day)
    ctl = _check_load(ctl)
    atl = _check_load(atl)
    acute = atl if acute is None else _check_load(acute)
    chronic = ctl if chronic is None else _check_load(chronic)
    return PmcState(
        date=day,
        load=0.0,
        ctl=ctl,
        atl=atl,
        tsb=0.0,
        ramp=0.0,
        acute=acute,
        chronic=chronic,
        recent_ctl=(ctl,) * RAMP_DAYS,
    )


def step(prev: PmcState, load: float) -> PmcState:
    """The state of the day after ``prev`` given that day's total ``load``."""
    day = prev.date + _ONE_DAY
    load = _check_load(load, day)
    ctl = load * (1.0 - CTL_DECAY) + prev.ctl * CTL_DECAY
    atl = load * (1.0 - ATL_DECAY) + prev.atl * ATL_DECAY
    return PmcState(
        date=day,
        load=load,
        ctl=ctl,
        atl=atl,
        tsb=prev.ctl - prev.atl,
        ramp=ctl - prev.recent_ctl[0],
        acute=load * ACUTE_LAMBDA + (1.0 - ACUTE_LAMBDA) * prev.acute,
        chronic=load * CHRONIC_LAMBDA + (1.0 - CHRONIC_LAMBDA) * prev.chronic,
        recent_ctl=(*prev.recent_ctl[1:], ctl),
    )


def extend(state: PmcState, loads: LoadInput, *, end: dt.date) -> list[PmcState]:
    """The states of every day after ``state.date`` up to ``end`` inclusive.

    Use it to extend a stored series: only loads dated after ``state.date``
    are read (earlier ones are already inside ``state``).
    """
    _check_date(end)
    totals = daily_loads(loads)
    states: list[PmcState] = []
    for _ in range((end - state.date).days):
        state = step(state, totals.get(state.date + _ONE_DAY, 0.0))
        states.append(state)
    return states


def compute(
    loads: LoadInput,
    *,
    start: dt.date,
    end: dt.date,
    seed_ctl: float = 0.0,
    seed_atl: float = 0.0,
    seed_acute: float | None = None,
    seed_chronic: float | None = None,
) -> list[PmcDay]:
    """The chart for every day from ``start`` to ``end`` inclusive, oldest first.

    Loads outside the range are ignored: pass the CTL/ATL of the day before
    ``start`` as seeds to account for earlier training (or start at the first
    workout, as GoldenCheetah does). An empty range (``end < start``) gives ``[]``.
    """
    _check_date(start)
    seed = seed_state(
        start - _ONE_DAY, ctl=seed_ctl, atl=seed_atl, acute=seed_acute, chronic=seed_chronic
    )
    return [state.as_day() for state in extend(seed, loads, end=end)]


# --- stored states: charts from a checkpoint instead of the whole history ---------------


def stored_state(
    day: dt.date, *, load: float, ctl: float, atl: float, acute: float, chronic: float
) -> PmcState:
    """A state stored at the end of ``day`` (CTL, ATL and the two EWMAs), as a seed.

    The CTLs of the days before are not stored, so ``recent_ctl`` repeats ``ctl`` and
    ``tsb``/``ramp`` are 0: the ramp is exact only for days at least ``RAMP_DAYS`` + 1
    after ``day``, which is how ``chart`` callers seed it (``fast_forward`` first).
    """
    _check_date(day)
    return PmcState(
        date=day,
        load=_check_load(load, day),
        ctl=_check_load(ctl, day),
        atl=_check_load(atl, day),
        tsb=0.0,
        ramp=0.0,
        acute=_check_load(acute, day),
        chronic=_check_load(chronic, day),
        recent_ctl=(ctl,) * RAMP_DAYS,
    )


def fast_forward(state: PmcState, day: dt.date) -> PmcState:
    """The state at the end of ``day`` when no load came after ``state.date``.

    Closed form of ``step`` over n zero-load days (CTL_n = CTL_0 x decay^n, and the same
    for ATL and the EWMAs), so a gap of years costs the same as a gap of a week; equal
    to ``extend(state, {}, end=day)[-1]`` up to rounding.
    """
    n = (_check_date(day) - state.date).days
    if n < 0:
        raise ValueError(f"cannot go back from {state.date} to {day}")
    if n <= RAMP_DAYS:
        for _ in range(n):
            state = step(state, 0.0)
        return state

    def ctl_at(k: int) -> float:  # k >= 1 here: only days after state.date
        return state.ctl * CTL_DECAY**k

    recent = tuple(ctl_at(k) for k in range(n - RAMP_DAYS + 1, n + 1))
    return PmcState(
        date=day,
        load=0.0,
        ctl=recent[-1],
        atl=state.atl * ATL_DECAY**n,
        tsb=ctl_at(n - 1) - state.atl * ATL_DECAY ** (n - 1),
        ramp=recent[-1] - ctl_at(n - RAMP_DAYS),
        acute=state.acute * (1.0 - ACUTE_LAMBDA) ** n,
        chronic=state.chronic * (1.0 - CHRONIC_LAMBDA) ** n,
        recent_ctl=recent,
    )


def chart(
    state: PmcState, loads: Mapping[dt.date, float], *, start: dt.date, end: dt.date
) -> list[PmcDay]:
    """The chart rows from ``start`` to ``end``, stepping from ``state`` (before ``start``).

    The same numbers as ``extend`` (and ``compute``), in one tight loop that builds only
    the rows asked for: for charts read on every request. ``loads`` must already be per
    day, finite and non-negative (as stored rows are); days without one have no load.
    """
    if start <= state.date:
        raise ValueError(f"start {start} must come after the state's day {state.date}")
    ctl, atl, acute, chronic = state.ctl, state.atl, state.acute, state.chronic
    recent = list(state.recent_ctl)  # a ring: recent[pos] is the CTL of RAMP_DAYS days ago
    pos = 0
    ctl_keep, atl_keep = 1.0 - CTL_DECAY, 1.0 - ATL_DECAY
    acute_keep, chronic_keep = 1.0 - ACUTE_LAMBDA, 1.0 - CHRONIC_LAMBDA
    rows: list[PmcDay] = []
    day = state.date
    for _ in range((end - state.date).days):
        day += _ONE_DAY
        load = loads.get(day, 0.0)
        tsb = ctl - atl
        ctl = load * ctl_keep + ctl * CTL_DECAY
        atl = load * atl_keep + atl * ATL_DECAY
        acute = load * ACUTE_LAMBDA + acute_keep * acute
        chronic = load * CHRONIC_LAMBDA + chronic_keep * chronic
        ramp = ctl - recent[pos]
        recent[pos] = ctl
        pos = (pos + 1) % RAMP_DAYS
        if day >= start:
            acwr = None if chronic < CHRONIC_EPSILON else acute / chronic
            rows.append(PmcDay(day, load, ctl, atl, tsb, ramp, acwr))
    return rows
