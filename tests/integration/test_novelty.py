"""One alert per news event, on the real broker with two workers sharing the partitions:
replays dropped, revisions supersede, a revision that no longer qualifies retracts, syndicated
copies grouped, distinct stories about the same event kept apart, ``--realert`` bypasses, and
the tables survive a restart of every worker."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import httpx
import orjson
from aiokafka import AIOKafkaProducer

from streams.schemas import validator
from tests.fixtures.stories import ALIBABA_FORD_FR, QUIET_EARNINGS_EN
from tests.integration.conftest import consume, free_port, quiet, read_all, worker_env

EXAMPLES = {
    d["id"]: d
    for d in (
        orjson.loads(line)
        for line in (Path(__file__).resolve().parents[2] / "examples" / "news.jsonl")
        .read_bytes()
        .splitlines()[:6]
    )
}


async def send(settings, items, *, partition: int) -> None:
    """Produce raw stories to one chosen partition (so that two workers see them)."""
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all")
    await producer.start()
    try:
        for story in items:
            await producer.send_and_wait(
                settings.topics.raw,
                key=story["id"].encode(),
                value=orjson.dumps(story),
                partition=partition,
            )
    finally:
        await producer.stop()


def syndicated_copy(story: dict, new_id: str) -> dict:
    """Another feed's copy: new id, new headline, other dateline agency, credits, spacing, quotes."""
    paragraphs = story["body"].split("\n")
    paragraphs[0] = paragraphs[0].replace("(Wire)", "(Other Feed)").replace("  ", " ")
    body = "\n\n".join(p.replace(", ", " ,  ").replace("'", "’") for p in paragraphs)
    return {
        **story,
        "id": new_id,
        "source": "otherfeed",
        "headline": "UPDATE 1-" + story["headline"].upper() + " - sources",
        "body": "By Jane Roe\n"
        + body
        + "\n(Reporting by Jane Roe; Editing by Tom Doe)\n© 2024 Other Feed",
    }


async def worker_counts(workers) -> dict[str, int]:
    total: dict[str, int] = {}
    async with httpx.AsyncClient() as client:
        for worker in workers:
            answer = await client.get(f"{worker.web_url}/novelty", timeout=5)
            for name, value in answer.json().items():
                total[name] = total.get(name, 0) + value
    return total


async def wait_ready(workers, seconds: float = 90.0) -> None:
    """Both workers answer /ready again after the rebalance the second one caused."""
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            answers = [await client.get(f"{w.web_url}/ready", timeout=2) for w in workers]
            if all(a.status_code == 200 for a in answers):
                return
            await asyncio.sleep(0.5)
    raise AssertionError("workers not ready together")


async def test_novelty_replay_revision_retraction_copy_and_distinct_on_two_workers(
    make_worker, tmp_path
):
    env = worker_env(tmp_path, "nv" + str(int(time.time() * 1000) % 10**8))
    first = make_worker(env)
    second = make_worker({**env, "TICKERWIRE_WEB_PORT": str(free_port())})
    workers = [first, second]
    await wait_ready(workers)
    s = first.settings
    v2, retraction_schema = validator("alert.v2"), validator("alert-retraction.v1")

    # Replay: the same story twice, through partitions the two workers split between them.
    toyota = EXAMPLES["demo-en-002"]
    await send(s, [toyota], partition=0)
    await send(s, [toyota], partition=1)
    await send(s, [toyota], partition=2)
    # Copy: another feed's copy, another id, on another partition.
    await send(s, [syndicated_copy(toyota, "otherfeed-77")], partition=1)
    # Distinct stories about the same event (the Alibaba-Ford agreement), both alert.
    await send(s, [ALIBABA_FORD_FR], partition=0)
    await send(s, [EXAMPLES["demo-fr-001"]], partition=2)

    alerts = [a for _, a in await consume(s, s.topics.alerts, count=3, timeout=60)]
    for alert in alerts:
        v2.validate(alert)
    assert sorted(a["article_id"] for a in alerts) == sorted(
        ["demo-en-002", ALIBABA_FORD_FR["id"], "demo-fr-001"]
    )
    assert all(a["supersedes"] is None for a in alerts)

    # Revision: a corrected revision supersedes; a late lower one is ignored.
    revised = {
        **ALIBABA_FORD_FR,
        "revision": 1,
        "body": ALIBABA_FORD_FR["body"].replace("trois ans", "cinq ans"),
    }
    await send(s, [revised], partition=1)
    [update] = [
        a for _, a in await consume(s, s.topics.alerts, count=4, timeout=60) if a not in alerts
    ]
    v2.validate(update)
    first_fr = next(a for a in alerts if a["article_id"] == ALIBABA_FORD_FR["id"])
    assert (update["article_id"], update["revision"]) == (ALIBABA_FORD_FR["id"], 1)
    assert update["supersedes"] == first_fr["alert_id"]
    await send(s, [ALIBABA_FORD_FR], partition=2)  # revision 0 again, now late

    # Retraction: revision 2 no longer qualifies (no tag fires on its text).
    retracting = {**revised, "revision": 2, "body": QUIET_EARNINGS_EN["body"]}
    retracting["headline"] = QUIET_EARNINGS_EN["headline"]
    await send(s, [retracting], partition=0)
    [(key, retraction)] = [
        (k, a)
        for k, a in await consume(s, s.topics.alerts, count=5, timeout=60)
        if a["schema"] == "alert-retraction.v1"
    ]
    retraction_schema.validate(retraction)
    assert retraction["alert_id"] == update["alert_id"]
    assert retraction["revision"] == 2 and "no longer qualifies" in retraction["reason"]
    assert key == next(k for k, a in await read_all(s, s.topics.alerts) if a == update)
    for tag in update["tags"]:
        on_tag = [a for _, a in await read_all(s, s.topics.for_tag(tag["name"]))]
        assert retraction in on_tag

    # `tickerwire replay --realert` bypasses the checks: the story alerts again, same id.
    replay_file = tmp_path / "again.jsonl"
    replay_file.write_bytes(orjson.dumps(toyota) + b"\n")
    done = subprocess.run(
        [sys.executable, "-m", "streams", "replay", str(replay_file), "--realert"],
        env=first.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "(realert)" in done.stdout, done.stderr
    [again] = [
        a
        for _, a in await consume(s, s.topics.alerts, count=6, timeout=60)
        if a["schema"] == "alert.v2" and a not in (*alerts, update)
    ]
    toyota_alert = next(a for a in alerts if a["article_id"] == "demo-en-002")
    assert again["alert_id"] == toyota_alert["alert_id"]

    assert len(await quiet(s, s.topics.alerts, seconds=3)) == 6
    counts = await worker_counts(workers)
    assert counts.get("replay") == 2, counts
    assert counts.get("late") == 1, counts
    assert counts.get("copy") == 1, counts
    assert counts.get("retract") == 1 and counts.get("update") == 1, counts
    # The raw partitions (0, 1, 2 above) were split between the two workers: the replays
    # and the copy were analysed by different workers and still grouped.
    async with httpx.AsyncClient() as client:
        owned = [(await client.get(f"{w.web_url}/ready")).json()["raw_partitions"] for w in workers]
    assert all(owned) and sorted(owned[0] + owned[1]) == [0, 1, 2], owned

    # The tables survive a restart: both workers stop, a new one (memory store, nothing on
    # disk) restores every partition's entries from the changelogs and still drops replays.
    second.stop()
    first.stop()
    third = make_worker({**env, "TICKERWIRE_WEB_PORT": str(free_port())})
    await wait_ready([third])

    async def dropped() -> int:
        counts = await worker_counts([third])
        return counts.get("replay", 0) + counts.get("late", 0)

    for partition in (0, 1, 2):
        await send(s, [toyota, ALIBABA_FORD_FR], partition=partition)
    deadline = time.monotonic() + 60
    while await dropped() < 6:  # 3 replays of Toyota, 3 late revision 0s
        assert time.monotonic() < deadline, await worker_counts([third])
        await asyncio.sleep(0.5)
    assert len(await quiet(s, s.topics.alerts, seconds=2)) == 6
