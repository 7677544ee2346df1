"""``python -m streams ...`` is the ``tickerwire`` command (keeps one app instance: never run app.py as __main__)."""

from __future__ import annotations

from streams.app import main

main()
