"""Reference data: company records (JSON Lines files in ``streams/linking/data``) -> ``Company``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from streams.records import Listing

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Company:
    """One organisation of the reference data; ``listed`` is False for unlisted bodies (Huawei)."""

    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    industry: str | None = None
    listed: bool = True
    listings: tuple[Listing, ...] = ()
    #: Names by language code ("en", "zh", ...); "*" for names used in every language.
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Brands and unlisted subsidiaries that stand for this company (Tmall -> Alibaba).
    brands: tuple[str, ...] = ()
    #: Names that are also ordinary words or other things (Ford, Apple, 小米): linked only with context.
    ambiguous: tuple[str, ...] = ()

    @property
    def yahoo_symbols(self) -> tuple[str, ...]:
        return tuple(x.yahoo for x in self.listings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "industry": self.industry,
            "listed": self.listed,
            "listings": [x.to_dict() for x in self.listings],
            "aliases": {k: list(v) for k, v in self.aliases.items()},
            "brands": list(self.brands),
            "ambiguous": list(self.ambiguous),
        }


def company_from_dict(d: Mapping[str, Any]) -> Company:
    """Build a ``Company`` from its JSON object; raises ``KeyError``/``TypeError`` on a bad record."""
    return Company(
        id=str(d["id"]),
        name=str(d["name"]),
        country=d.get("country"),
        sector=d.get("sector"),
        industry=d.get("industry"),
        listed=bool(d.get("listed", bool(d.get("listings")))),
        listings=tuple(
            Listing(
                symbol=str(x["symbol"]),
                mic=str(x["mic"]),
                yahoo=str(x["yahoo"]),
                currency=str(x["currency"]),
                isin=x.get("isin"),
            )
            for x in d.get("listings", ())
        ),
        aliases={str(k): tuple(v) for k, v in (d.get("aliases") or {}).items()},
        brands=tuple(d.get("brands", ())),
        ambiguous=tuple(d.get("ambiguous", ())),
    )


def iter_records(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    for path in paths:
        with path.open("rb") as fh:
            for line in fh:
                if line.strip():
                    yield orjson.loads(line)


def load_companies(data_dir: Path = DATA_DIR) -> list[Company]:
    """The bundled dataset: every ``*.jsonl`` under ``data_dir``, later files overriding by id."""
    by_id: dict[str, Company] = {}
    for record in iter_records(sorted(data_dir.glob("*.jsonl"))):
        company = company_from_dict(record)
        by_id[company.id] = company
    return list(by_id.values())


def merge_companies(
    bundled: Iterable[Company], published: Mapping[str, Mapping[str, Any]]
) -> tuple[list[Company], list[str]]:
    """The bundled companies overlaid with published records (by id); and the ids rejected.

    A published record replaces the bundled one of the same id, adds a company when the
    id is new, and removes it when it says ``"retired": true``. A record that cannot be
    read is skipped (its id is returned) and the bundled one, if any, stays.
    """
    by_id = {c.id: c for c in bundled}
    rejected: list[str] = []
    for key, record in published.items():
        if record.get("retired") is True:
            by_id.pop(key, None)
            continue
        try:
            company = company_from_dict(record)
        except (KeyError, TypeError, ValueError, AttributeError):
            rejected.append(key)
            continue
        if company.id != key:
            rejected.append(key)
            continue
        by_id[company.id] = company
    return list(by_id.values()), rejected
