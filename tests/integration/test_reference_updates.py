"""Reference data is live: a record published on reference.companies changes the next alert."""

from __future__ import annotations

import asyncio
import copy
import uuid

import orjson

from streams.linking.refdata import load_companies
from tests.fixtures.stories import story
from tests.integration.conftest import consume, produce


def _ford_record() -> dict:
    [ford] = [c for c in load_companies() if "F" in c.yahoo_symbols]
    return ford.to_dict()


async def test_reference_update_reaches_the_next_alert_without_restart(make_worker):
    worker = make_worker()
    s = worker.settings
    await produce(s, s.topics.raw, [(b"r1", orjson.dumps(story(id="ref-before")))])
    [(_, before)] = await consume(s, s.topics.alerts, count=1)
    ford_before = next(e for e in before["entities"] if e["name"] == "Ford Motor")

    changed = copy.deepcopy(_ford_record())
    changed["sector"] = "Automobiles (reclassified)"
    changed["listings"].append(
        {"symbol": "FMC1", "mic": "XETR", "yahoo": "FMC1.DE", "currency": "EUR"}
    )
    newcomer = {
        "id": "zephyr-mobility",
        "name": "Zephyr Mobility",
        "country": "FR",
        "sector": "Industrials",
        "industry": None,
        "listed": True,
        "listings": [{"symbol": "ZEPH", "mic": "XPAR", "yahoo": "ZEPH.PA", "currency": "EUR"}],
        "aliases": {"*": ["Zephyr Mobility"]},
        "brands": [],
        "ambiguous": [],
        "source": "curated",
        "as_of": "2026-12-03",
    }
    await produce(
        s,
        s.topics.companies,
        [
            (changed["id"].encode(), orjson.dumps(changed)),
            (b"zephyr-mobility", orjson.dumps(newcomer)),
            (b"broken-record", b"{not json"),
        ],
    )
    after_story = story(
        id="ref-after",
        body="Zephyr Mobility fournira les capteurs du projet. " + story()["body"],
    )
    for attempt in range(20):  # the worker applies the change within moments; poll, bounded
        await produce(
            s, s.topics.raw, [(b"r2", orjson.dumps({**after_story, "revision": attempt}))]
        )
        alerts = await consume(s, s.topics.alerts, count=2 + attempt)
        after = alerts[-1][1]
        ford_after = next(e for e in after["entities"] if e["name"] == "Ford Motor")
        # the two records may sit on two partitions, read in two steps: wait for both
        names = {e["name"] for e in after["entities"]}
        if ford_after.get("sector") == changed["sector"] and "Zephyr Mobility" in names:
            break
    assert ford_before["sector"] != changed["sector"]
    assert ford_after["sector"] == changed["sector"]
    assert "FMC1.DE" in {x["yahoo"] for x in ford_after["listings"]}
    assert "Zephyr Mobility" in {e["name"] for e in after["entities"]}
    assert attempt < 5, f"the change took {attempt} extra stories to arrive"
    assert worker.proc is not None and worker.proc.poll() is None


def test_refdata_load_publishes_every_record_keyed_by_id(tmp_path, monkeypatch, capsys, broker):
    from streams import cli
    from streams.settings import Settings

    topic = f"t{uuid.uuid4().hex[:8]}.reference.companies"
    monkeypatch.setenv("TICKERWIRE_TOPIC_COMPANIES", topic)
    records = [c.to_dict() for c in load_companies()[:25]]
    source = tmp_path / "companies.jsonl"
    source.write_bytes(b"\n".join(orjson.dumps(r) for r in records) + b"\n")

    assert cli.main(["refdata", "load", "--file", str(source)]) == 0
    assert f"published 25 company records to {topic}" in capsys.readouterr().out
    published = asyncio.run(consume(Settings.from_env(), topic, count=25))
    assert {key.decode() for key, _ in published} == {r["id"] for r in records}
    assert all(value["id"] == key.decode() for key, value in published)
