"""The live alert page in a real headless Chromium (Debian's, driven by Playwright), and its
Server-Sent Events stream read directly."""

from __future__ import annotations

import asyncio
import shutil
import time
import uuid
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import httpx
import orjson
import pytest

from streams.settings import Settings
from tests.integration.conftest import Worker, consume, produce, worker_env

T = TypeVar("T")
TOKEN = "live-page-token"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The issue's bound: a story sent to news.raw shows on an open page within this time.
SHOW_WITHIN_SECONDS = 2.0


def story(kind: str, run: str) -> dict[str, Any]:
    """Our own short stories: partnership only, auto tech only, or (German) partnership + China
    + auto tech (a platform for connected electric cars developed together)."""
    stories = {
        "partnership": {
            "language": "en",
            "headline": "Microsoft and OpenAI expand their cloud computing partnership",
            "body": "REDMOND (Wire) - Microsoft and OpenAI said on Tuesday they would extend "
            "their strategic partnership, with Microsoft supplying more cloud capacity.",
        },
        "auto_tech": {
            "language": "en",
            "headline": "Continental shows new lidar sensor for self-driving cars",
            "body": "HANOVER (Wire) - Continental presented a solid-state lidar sensor for "
            "autonomous driving on Monday, aimed at carmakers building driver assistance.",
        },
        "china": {
            "language": "de",
            "headline": "Volkswagen und Xpeng vertiefen Partnerschaft für Elektroautos in China",
            "body": "WOLFSBURG (Wire) - Volkswagen und der chinesische Elektroautobauer Xpeng "
            "wollen gemeinsam eine Plattform für vernetzte Elektroautos entwickeln.",
        },
    }
    text = dict(stories[kind])
    # each run's text differs: the same text again would be grouped as a syndicated copy
    text["body"] += f" (Ref. {run})"
    return {"id": f"live-{kind}-{run}", **text}


@pytest.fixture(scope="module")
def live_worker(broker: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worker]:
    tmp = tmp_path_factory.mktemp("live")
    env = worker_env(tmp, uuid.uuid4().hex[:8], TICKERWIRE_API_TOKEN=TOKEN)
    worker = Worker(env=env, settings=Settings.from_env(env), log_path=tmp / "worker.log")
    worker.start()
    yield worker
    worker.stop()


def off_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to its end in a thread of its own (Playwright's sync API owns this one's loop)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def send(worker: Worker, *stories: dict[str, Any]) -> None:
    items = [(s["id"].encode(), orjson.dumps(s)) for s in stories]
    off_loop(produce(worker.settings, worker.settings.topics.raw, items))


def test_live_page_shows_new_alerts_with_evidence_and_filters_by_tag(
    live_worker: Worker, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    assert shutil.which("chromium"), "Debian's chromium is missing: run `make browser`"
    run = uuid.uuid4().hex[:6]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),  # a fresh user data dir
            executable_path=CHROMIUM,
            args=CHROMIUM_FLAGS,
            headless=True,
            viewport={"width": 1200, "height": 860},
        )
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))

            # Without the token the page asks for it; with it, a cookie carries it to the stream.
            response = page.goto(f"{live_worker.web_url}/")
            assert response is not None and response.status == 401
            page.fill("#token", TOKEN)
            page.click("button[type=submit]")
            page.wait_for_selector("#status.live", timeout=15_000)
            assert page.url.rstrip("/") == live_worker.web_url  # the token left the address

            send(live_worker, story("partnership", run))  # warm-up: the first alert ever
            page.wait_for_selector(f'[data-article-id="live-partnership-{run}"]', timeout=15_000)

            # A story sent now shows within 2 s, newest at the top, evidence marked.
            sent_at = time.monotonic()
            send(live_worker, story("auto_tech", run))
            page.wait_for_selector(
                f'[data-article-id="live-auto_tech-{run}"]',
                timeout=SHOW_WITHIN_SECONDS * 1000,
            )
            shown_after = time.monotonic() - sent_at
            print(f"alert shown {shown_after:.3f} s after its story was acked")
            assert shown_after <= SHOW_WITHIN_SECONDS
            first = page.locator("li.alert").first
            assert first.get_attribute("data-article-id") == f"live-auto_tech-{run}"

            alerts = {
                a["article_id"]: a
                for _, a in off_loop(
                    consume(live_worker.settings, live_worker.settings.topics.alerts, count=2)
                )
            }
            evidence = alerts[f"live-auto_tech-{run}"]["tags"][0]["evidence"][0]
            line = first.locator('.evidence-line[data-tag="auto_tech"]')
            assert line.locator("mark").inner_text() == evidence["text"]
            assert evidence["sentence"] in line.inner_text()
            assert "auto_tech 1.00" in first.locator(".tags").inner_text()
            assert "CON.DE" in first.locator(".companies").inner_text()

            send(live_worker, story("china", run))
            china = page.locator(f'[data-article-id="live-china-{run}"]')
            china.wait_for(timeout=15_000)
            assert "partnership: " in china.locator(".partnership-line").inner_text()
            assert "Partnerschaft" in china.locator("mark").all_inner_texts()
            page.screenshot(path=str(tmp_path / "live-page.png"))

            # The tag filter hides the others.
            page.select_option("#filter-tag", "auto_tech")
            page.wait_for_selector("#status.live", timeout=15_000)
            page.wait_for_function(
                "() => [...document.querySelectorAll('li.alert')]"
                ".every(li => li.dataset.tags.split(' ').includes('auto_tech'))"
                " && document.querySelectorAll('li.alert').length > 0",
                timeout=10_000,
            )
            shown = page.locator("li.alert").evaluate_all(
                "items => items.map(li => li.dataset.articleId)"
            )
            assert f"live-auto_tech-{run}" in shown
            assert f"live-partnership-{run}" not in shown  # partnership only: hidden
            assert f"live-china-{run}" in shown  # a connected-car platform is auto tech too
            assert page.url.endswith("/?tag=auto_tech")
            assert errors == []
        finally:
            browser.close()
    assert (tmp_path / "live-page.png").stat().st_size > 10_000


def _until(lines: Iterator[str], article_id: str) -> list[str]:
    """Article ids of the alert events read up to and including ``article_id``'s."""
    seen: list[str] = []
    name = None
    for line in lines:
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: ") and name == "alert":
            seen.append(orjson.loads(line.removeprefix("data: "))["article_id"])
            if seen[-1] == article_id:
                return seen
        elif line.startswith("data: ") and name == "ready" and article_id == "":
            return seen
    raise AssertionError(f"stream ended before {article_id!r}; saw {seen}")


def test_alert_stream_needs_the_token_and_filters_by_company_and_language(
    live_worker: Worker,
) -> None:
    url = f"{live_worker.web_url}/alerts/stream"
    assert httpx.get(url, timeout=10).status_code == 401
    assert httpx.get(url, params={"token": "wrong"}, timeout=10).status_code == 401
    bad = httpx.get(url, params={"token": TOKEN, "tag": "weather"}, timeout=10)
    assert bad.status_code == 400 and "weather" in bad.json()["error"]

    run = uuid.uuid4().hex[:6]
    ids = {kind: f"live-{kind}-{run}" for kind in ("partnership", "auto_tech", "china")}
    timeout = httpx.Timeout(10.0, read=20.0)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with (
        httpx.stream("GET", url, headers=headers, timeout=timeout) as all_response,
        httpx.stream(
            "GET", url, params={"language": "de"}, headers=headers, timeout=timeout
        ) as german_response,
        httpx.stream(  # the token as a query parameter, as an EventSource would send it
            "GET", url, params={"company": "CON.DE", "token": TOKEN}, timeout=timeout
        ) as company_response,
    ):
        assert german_response.headers["content-type"].startswith("text/event-stream")
        everything = all_response.iter_lines()
        german = german_response.iter_lines()
        continental = company_response.iter_lines()
        for lines in (everything, german, continental):
            _until(lines, "")  # up to the ready event
        # One story at a time: when the unfiltered stream has one, every stream was offered it.
        send(live_worker, story("partnership", run))
        _until(everything, ids["partnership"])
        send(live_worker, story("auto_tech", run))
        company_ids = _until(continental, ids["auto_tech"])
        _until(everything, ids["auto_tech"])
        send(live_worker, story("china", run))
        german_ids = _until(german, ids["china"])
    assert [i for i in company_ids if i.endswith(run)] == [ids["auto_tech"]]
    assert [i for i in german_ids if i.endswith(run)] == [ids["china"]]
