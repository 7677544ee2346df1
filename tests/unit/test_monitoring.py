"""The Grafana dashboard plots every metric the worker exposes, on the provisioned Prometheus,
and the compose file's monitoring profile is wired to the worker."""

from __future__ import annotations

import copy
import importlib.util
import re
from pathlib import Path

import orjson
import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from streams import metrics

ROOT = Path(__file__).resolve().parents[2]
MONITORING = ROOT / "monitoring"
DASHBOARD = MONITORING / "grafana" / "dashboards" / "tickerwire.json"
_spec = importlib.util.spec_from_file_location(
    "check_compose", ROOT / "scripts" / "check_compose.py"
)
assert _spec and _spec.loader
check_compose = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_compose)


def _exprs() -> list[str]:
    dashboard = orjson.loads(DASHBOARD.read_bytes())
    return [t["expr"] for p in dashboard["panels"] for t in p["targets"]]


def _exposed() -> dict[str, set[str]]:
    """Family name -> the sample names Prometheus stores for it (with _total, _bucket ...)."""
    families = text_string_to_metric_families(metrics.exposition().decode())
    out: dict[str, set[str]] = {}
    for family in families:
        names = {s.name for s in family.samples}
        if family.type == "histogram":
            names |= {f"{family.name}_bucket", f"{family.name}_sum", f"{family.name}_count"}
        out[family.name] = names or {family.name}
    return out


def test_dashboard_plots_every_metric() -> None:
    text = " ".join(_exprs())
    for family, names in _exposed().items():
        assert any(re.search(rf"\b{n}\b", text) for n in names), f"{family} is not plotted"


def test_dashboard_uses_only_metrics_the_worker_exposes() -> None:
    known = set().union(*_exposed().values())
    used = {m for expr in _exprs() for m in re.findall(r"\btickerwire_\w+", expr)}
    assert used and used <= known, used - known


def test_dashboard_panels_use_the_provisioned_datasource() -> None:
    provisioned = yaml.safe_load(
        (MONITORING / "grafana" / "provisioning" / "datasources" / "prometheus.yml").read_text()
    )
    uid = provisioned["datasources"][0]["uid"]
    dashboard = orjson.loads(DASHBOARD.read_bytes())
    assert dashboard["uid"] and dashboard["panels"]
    for panel in dashboard["panels"]:
        assert panel["datasource"]["uid"] == uid
        assert all(t["datasource"]["uid"] == uid for t in panel["targets"])


@pytest.fixture(scope="module")
def schema() -> dict:
    path = check_compose.DEFAULT_SCHEMA
    if not path.exists():
        pytest.skip(f"Compose schema not available at {path}")
    return orjson.loads(path.read_bytes())


def test_compose_check_requires_the_monitoring_profile_and_its_files(schema: dict) -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert check_compose.problems(compose, schema) == []
    broken = copy.deepcopy(compose)
    broken["services"]["grafana"]["profiles"] = ["tools"]
    broken["services"]["prometheus"]["volumes"][0] = "./monitoring/missing.yml:/etc/p.yml:ro"
    broken["services"]["worker"]["environment"]["TICKERWIRE_WEB_PORT"] = "7000"
    found = check_compose.problems(broken, schema)
    assert any("grafana" in p and "monitoring" in p for p in found)
    assert any("missing.yml does not exist" in p for p in found)
    assert any("must scrape worker:7000" in p for p in found)
