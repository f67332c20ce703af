"""Garmin Connect provider, on the (synchronous) ``garminconnect`` library.

``client`` talks to Garmin Connect (log-in, session, API calls, error mapping);
``mapping`` turns its JSON into ``ActivityData`` / ``DailyMetrics`` and
``archive`` unpacks the original ``.fit`` file, both pure and testable without
network.

Session (``ProviderSession.credentials``), JSON-serialisable, no password::

    {"version": 1,
     "tokens": {"di_token": ..., "di_refresh_token": ..., "di_client_id": ...},
     "display_name": "<Garmin displayName, used in some API paths>"}

``tokens`` is what ``garminconnect.Client.dumps()`` produces (garminconnect 0.3
uses native DI OAuth tokens; garth is no longer involved). The library refreshes
the access token when it is about to expire; every call returns the session
with the current tokens, and a ``ProviderError`` carries it in ``.session`` when
the tokens changed before the failure.
"""

from runcoach.devices.providers.garmin.client import GarminConnectProvider

__all__ = ["GarminConnectProvider"]
