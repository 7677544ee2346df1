# Tickerwire: `make demo` runs the main job on a local broker, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: help venv browser demo test unit integration kafka-up kafka-down kafka-reset kafka-cluster-up kafka-cluster-down lint eval eval-real fit-tagger realnews bench bench-e2e bench-scaleout compose-check clean

help:
	@echo "make demo        run the pipe on a local broker and print alerts for examples/news.jsonl"
	@echo "make test        unit + integration tests (starts its broker; another must be named in KAFKA_BOOTSTRAP_SERVERS)"
	@echo "make unit        unit tests only, no broker"
	@echo "make kafka-up    start the local Kafka broker (KRaft) in the background"
	@echo "make kafka-down  stop it"
	@echo "make kafka-cluster-up    start a 3-broker KRaft cluster (ports 19092-19094; RF 3, min ISR 2)"
	@echo "make kafka-cluster-down  stop it"
	@echo "make eval        score tagger and linker on ../shared/corpus"
	@echo "make eval-real   score the tagger on labelled real news (5-fold cross-validation), per language"
	@echo "make fit-tagger  refit streams/tagging/weights.json on every labelled set"
	@echo "make bench       speed benchmark of tag + link"
	@echo "make bench-e2e   throughput on a broker: raw aiokafka, bare Faust, link + tag, the worker (BENCH_ARGS=--quick)"
	@echo "make bench-scaleout  one worker against two in a group, and a rebalance mid-run (BENCH_ARGS=--quick)"
	@echo "make lint        ruff and mypy"
	@echo "make browser     install Debian's chromium for the live-page test (make test does)"

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,dev]"
	touch $(STAMP)

venv: $(STAMP)

browser:
	scripts/install-browser.sh

kafka-up:
	@if [ -n "$$KAFKA_BOOTSTRAP_SERVERS" ]; then echo "KAFKA_BOOTSTRAP_SERVERS=$$KAFKA_BOOTSTRAP_SERVERS: not starting a local broker"; else scripts/kafka.sh up; fi

kafka-down:
	@if [ -n "$$KAFKA_BOOTSTRAP_SERVERS" ]; then echo "KAFKA_BOOTSTRAP_SERVERS is set: no local broker to stop"; else scripts/kafka.sh down; fi

kafka-reset:
	scripts/kafka.sh reset

kafka-cluster-up:
	scripts/kafka-cluster.sh up
	@echo "KAFKA_BOOTSTRAP_SERVERS=$$(scripts/kafka-cluster.sh bootstrap) TICKERWIRE_TOPIC_REPLICATION_FACTOR=3 TICKERWIRE_MIN_INSYNC_REPLICAS=2"

kafka-cluster-down:
	scripts/kafka-cluster.sh down

demo: $(STAMP)
	scripts/with-broker.sh scripts/demo.sh

test: $(STAMP) browser
	scripts/test.sh

unit: $(STAMP)
	$(PY) -m pytest -m "not integration"

integration: $(STAMP) browser
	scripts/test.sh -m integration

eval: $(STAMP)
	$(VENV)/bin/tickerwire eval ../shared/corpus/*.jsonl

realnews: $(STAMP)
	@if [ -f .cache/realnews/en.jsonl ]; then :; else $(PY) tools/realnews/convert.py || true; fi

eval-real: realnews
	$(PY) tools/realnews/cv.py

fit-tagger: realnews
	$(PY) tools/fit_tagger.py

bench: $(STAMP)
	$(PY) benchmarks/bench_tag_link.py

bench-e2e: realnews
	scripts/with-broker.sh $(PY) benchmarks/bench_e2e.py $(BENCH_ARGS)

bench-scaleout: $(STAMP)
	scripts/with-broker.sh $(PY) benchmarks/bench_scaleout.py $(BENCH_ARGS)

compose-check: $(STAMP)
	$(PY) scripts/check_compose.py docker-compose.yml

lint: $(STAMP)
	$(VENV)/bin/ruff check streams tests scripts benchmarks tools
	$(VENV)/bin/ruff format --check streams tests scripts benchmarks tools
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .cache/demo tickerwire-data .pytest_cache .mypy_cache .ruff_cache
