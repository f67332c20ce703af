"""What the tests and the benches share, one module per concept.

servers     the PostgreSQL and Redis of a run (the environment's, or embedded), ``free_port``
app         fixtures: settings, the app served on loopback, an HTTP client, a worker process
database    the per-test clean-up (tables from the catalogue, Redis flushed)
athletes    ``Athlete``, ``register()`` and the ``athlete`` / ``other`` fixtures
jobs        waiting messages, ``workers_paused()``, the ``quiet_queue`` fixture
problems    the problem+json assertion
standins    the life cycle of the provider stand-ins (a local HTTP server in a thread)
llm         the Groq stand-in for any test package, and settings pointing at it
websockets  websocket frames and close codes
coach       the coach's factories: a full snapshot, a trained athlete
notifications  a notification made from an event, its delivery rows
resources   one resource of each kind a route path can name
plans       the plans queue, POST a plan, run its job here
filegen     GPX / TCX / FIT files for the importers
limits      the app's limiter with other values (or a Redis that is down) for a block

Fixtures are registered in tests/conftest.py through ``pytest_plugins``; a test imports
helpers from here, never from another test module or a conftest.
"""
