"""One wiring point: importing ``streams`` builds nothing, no module imports itself back, and each
``create_app(settings)`` has its own topics, services and agents."""

from __future__ import annotations

import ast
import functools
import json
import subprocess
import sys
from pathlib import Path

from streams.app import create_app
from streams.settings import Settings

PACKAGE = Path(__file__).resolve().parents[2] / "streams"

# Run in a fresh interpreter: import every module of the package, then look for what was built.
IMPORT_ALL = """
import gc, importlib, json, pkgutil
import faust, mode
from faust.topics import Topic
import streams
from streams.settings import Settings

modules = ["streams", *(m.name for m in pkgutil.walk_packages(streams.__path__, "streams."))]
for name in modules:
    if name != "streams.__main__":  # running it is the tickerwire command
        importlib.import_module(name)
kinds = (faust.App, Topic, mode.Service, Settings)
built = sorted({type(o).__qualname__ for o in gc.get_objects() if isinstance(o, kinds)})
print(json.dumps({"modules": modules, "built": built}))
"""


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def _import_graph() -> dict[str, set[str]]:
    """Module -> the ``streams`` modules it imports anywhere in its text (lazy imports too)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                # ``from pkg import mod`` imports the module pkg.mod; ``from mod import name`` mod
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    for alias in node.names
                ]
            else:
                continue
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One path per cycle found by a depth-first search (empty when the graph has none)."""
    found: list[list[str]] = []
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_importing_every_module_builds_no_app_topic_service_or_settings() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    on_disk = {_module_name(p) for p in PACKAGE.rglob("*.py")}
    assert set(result["modules"]) == on_disk  # every module was imported
    assert result["built"] == []


def test_no_module_of_streams_imports_itself_back() -> None:
    graph = _import_graph()
    assert "streams.agents.news" in graph and graph["streams.app"]  # the graph was read
    assert _cycles(graph) == []


def test_subpackages_import_each_other_one_way_only() -> None:
    """``alerting`` may use ``delivery`` or the reverse, not both (likewise every pair)."""
    between: dict[str, set[str]] = {}
    for source, targets in _import_graph().items():
        for target in targets:
            a, b = source.split(".")[:2], target.split(".")[:2]
            if len(source.split(".")) > 2 and len(target.split(".")) > 2 and a != b:
                between.setdefault(".".join(a), set()).add(".".join(b))
    assert "streams.agents" in between  # the agents use the other parts
    assert _cycles(between) == []


def test_agent_modules_import_no_other_agent_module_nor_the_app_factory() -> None:
    """Each takes its collaborators from the app it is registered on (the shared dead-letter
    helper aside)."""
    graph = _import_graph()
    agents = [name for name in graph if name.startswith("streams.agents.")]
    assert "streams.agents.news" in agents and "streams.agents.novelty" in agents
    for name in agents:
        others = {t for t in graph[name] if t.startswith("streams.agents")}
        assert others <= {"streams.agents.deadletters"}, name
        assert "streams.app" not in graph[name], name


def test_the_cycle_finder_finds_a_loop() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_two_apps_from_two_settings_share_no_topics_services_or_agents(tmp_path: Path) -> None:
    first = create_app(Settings.from_env({"TICKERWIRE_APP_ID": "tw-one"}))
    second = create_app(
        Settings.from_env(
            {
                "TICKERWIRE_APP_ID": "tw-two",
                "TICKERWIRE_TOPIC_RAW": "two.news.raw",
                "TICKERWIRE_TOPIC_ALERTS": "two.alerts",
                "TICKERWIRE_TOPIC_COMPANIES": "two.reference.companies",
                "TICKERWIRE_TOPIC_SUBSCRIPTIONS": "two.subscriptions",
                "TICKERWIRE_DATA_DIR": str(tmp_path),
            }
        )
    )
    assert (first.conf.id, second.conf.id) == ("tw-one", "tw-two")
    assert first.topic_set.raw_news.get_topic_name() == "news.raw"
    assert second.topic_set.raw_news.get_topic_name() == "two.news.raw"
    assert second.topic_set.alerts.get_topic_name() == "two.alerts"
    for name in ("raw_news", "deadletter", "alerts", "by_fingerprint", "by_story"):
        one, two = getattr(first.topic_set, name), getattr(second.topic_set, name)
        assert one is not two and (one.app, two.app) == (first, second)
    assert first.companies.topic == "reference.companies"
    assert second.companies.topic == "two.reference.companies"
    assert second.subscriptions.topic == "two.subscriptions"
    assert second.alert_feed.topic == "two.alerts"
    services = (
        "settings companies pipelines subscriptions url_guard writer webhook_http dispatcher "
        "alert_feed novelty_counts"
    ).split()
    for name in services:
        assert getattr(first, name) is not getattr(second, name), name
    assert second.dispatcher.subscriptions is second.subscriptions
    assert second.dispatcher.writer is second.writer

    assert sorted(first.agents) == sorted(second.agents) and len(first.agents) == 4
    news = "streams.agents.news.process_news"
    assert second.agents[news].channel is second.topic_set.raw_news
    assert first.agents[news] is not second.agents[news]
    assert first.tables["copies"] is not second.tables["copies"]
    routes = {
        str(route.resource.canonical)  # type: ignore[union-attr]
        for route in second.web.web_app.router.routes()  # type: ignore[attr-defined]
    }
    assert {"/ready", "/metrics", "/openapi.json", "/subscriptions", "/novelty"} <= routes
