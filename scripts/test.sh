#!/usr/bin/env bash
# `make test`: the whole suite, unit and integration, against a real broker.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
exec scripts/with-broker.sh .venv/bin/python -m pytest "$@"
