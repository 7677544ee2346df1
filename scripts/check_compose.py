"""Validate docker-compose.yml against the Compose Specification's JSON Schema (no Docker needed).

The schema is third-party data and is not vendored: pass its path, or it is looked up
in the shared folder's reference/compose-spec.json (tools/shared.py). Also checks that the compose file runs what
`make demo` runs (the worker command and the broker's KRaft settings).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import orjson
import yaml
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.shared import SHARED  # noqa: E402

DEFAULT_SCHEMA = SHARED / "reference" / "compose-spec.json"


def problems(compose: dict, schema: dict, root: Path = ROOT) -> list[str]:
    found = [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in Draft7Validator(schema).iter_errors(compose)
    ]
    services = compose.get("services", {})
    worker = services.get("worker", {})
    if worker.get("command", [])[:1] != ["worker"]:
        found.append("services/worker/command: must run `tickerwire worker` like make demo")
    kafka_env = services.get("kafka", {}).get("environment", {})
    if kafka_env.get("KAFKA_PROCESS_ROLES") != "broker,controller":
        found.append(
            "services/kafka: must be a combined KRaft broker+controller like scripts/kafka.sh"
        )
    if worker.get("depends_on", {}).get("kafka", {}).get("condition") != "service_healthy":
        found.append("services/worker/depends_on: must wait for a healthy kafka")
    token = str(worker.get("environment", {}).get("TICKERWIRE_API_TOKEN", ""))
    if not re.fullmatch(r"\$\{TICKERWIRE_API_TOKEN:\?[^}]+\}", token):
        found.append(
            "services/worker/environment/TICKERWIRE_API_TOKEN: must be required "
            "(${TICKERWIRE_API_TOKEN:?message}), never a default token"
        )
    found += _monitoring_problems(services, root)
    return found


def _monitoring_problems(services: dict, root: Path) -> list[str]:
    """Prometheus and Grafana under the `monitoring` profile, their files present, scraping the worker."""
    found = []
    for name in ("prometheus", "grafana"):
        if "monitoring" not in services.get(name, {}).get("profiles", []):
            found.append(f"services/{name}: must exist with profiles: [monitoring]")
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0] if isinstance(volume, str) else ""
            if source.startswith("./") and not (root / source).exists():
                found.append(f"services/{name}/volumes: {source} does not exist")
    config_path = root / "monitoring" / "prometheus.yml"
    if config_path.exists():
        config = yaml.safe_load(config_path.read_text())
        port = services.get("worker", {}).get("environment", {}).get("TICKERWIRE_WEB_PORT")
        targets = [
            target
            for job in config.get("scrape_configs", [])
            if job.get("metrics_path", "/metrics") == "/metrics"
            for static in job.get("static_configs", [])
            for target in static.get("targets", [])
        ]
        if f"worker:{port}" not in targets:
            found.append(f"monitoring/prometheus.yml: must scrape worker:{port}/metrics")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("compose", type=Path, nargs="?", default=ROOT / "docker-compose.yml")
    parser.add_argument("--schema", type=Path, default=DEFAULT_SCHEMA)
    args = parser.parse_args()
    if not args.schema.exists():
        print(f"compose schema not found at {args.schema}", file=sys.stderr)
        return 2
    compose = yaml.safe_load(args.compose.read_text())
    found = problems(compose, orjson.loads(args.schema.read_bytes()))
    for line in found:
        print(f"{args.compose}: {line}", file=sys.stderr)
    if not found:
        print(f"{args.compose}: valid against {args.schema.name}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
