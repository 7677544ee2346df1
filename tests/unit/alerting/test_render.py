"""Terminal rendering: an update says what it supersedes, a retraction says what and why."""

from __future__ import annotations

import orjson

from streams.alerting.render import render_alert
from streams.schemas import SCHEMAS_DIR


def _example(name: str) -> dict:
    return orjson.loads((SCHEMAS_DIR / "examples" / f"{name}.json").read_bytes())


def test_render_update_names_the_superseded_alert() -> None:
    alert = _example("alert.v2")
    assert f"supersedes {alert['supersedes']}" in render_alert(alert)
    assert "supersedes" not in render_alert({**alert, "supersedes": None})


def test_render_retraction_names_the_alert_and_the_reason() -> None:
    retraction = _example("alert-retraction.v1")
    text = render_alert(retraction)
    assert text.splitlines()[0].endswith(retraction["headline"])
    assert f"RETRACTED {retraction['alert_id']}" in text and retraction["reason"] in text
