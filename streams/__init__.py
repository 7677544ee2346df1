"""Tickerwire: raw wire news in, tagged and ticker-linked alerts out."""

from __future__ import annotations

__version__ = "0.1.0"
