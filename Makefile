# casetracker — `make run` and `make test` are all a new machine needs (python3 and make).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
SHARED ?= ../shared

.PHONY: run test eval eval-cases train bench bench-search install install-dev migrate samples serve worker stop-db clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(PY) manage.py migrate --noinput

samples: migrate
	$(PY) manage.py ingest samples/

## make run: install, start the database, migrate, ingest samples/, start a Celery worker (with beat) in the
## background and serve on http://127.0.0.1:8000/; the worker stops when the server stops
## DEBUG is off unless set; local use turns it on here (and with it the development SECRET_KEY): every target
## but `test` (the suite runs as production does, with a test key) and the benchmarks (they set their own)
run migrate samples worker eval eval-cases stop-db: export DEBUG ?= true
run: samples
	@mkdir -p $${DATA_DIR:-.data}
	$(BIN)/celery -A casetracker worker -B --concurrency=1 --loglevel=INFO \
		--schedule=$${DATA_DIR:-.data}/celerybeat-schedule --logfile=$${DATA_DIR:-.data}/worker.log & \
	worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	echo "worker (pid $$worker) logs to $${DATA_DIR:-.data}/worker.log"; \
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

## make worker: a Celery worker with beat, in the foreground (the broker: CELERY_BROKER_URL, else our PostgreSQL)
worker: install
	@mkdir -p $${DATA_DIR:-.data}
	$(BIN)/celery -A casetracker worker -B --loglevel=INFO --schedule=$${DATA_DIR:-.data}/celerybeat-schedule

## make test: the whole suite
test: install-dev
	$(PY) -m pytest

## make eval: our extraction and the baseline scored by ../shared/eval/score.py on the seeds and the dev set
eval: install-dev
	$(PY) manage.py evaluate --scorer $(SHARED)/eval/score.py

## make eval-cases: the corpus ingested into a scratch database beside ours; its case records scored against
## tests/data/cases.jsonl (case precision and recall, each field's accuracy), beside the figures of the start of issue 14
eval-cases: install-dev
	$(PY) manage.py eval_cases

## make train: fit the learned decisions on every annotated set (ingest/nlp/models/*.json, deterministic) and
## print their cross-validated field scores beside the rules alone (ingest/nlp/models/crossval.json)
train: install-dev
	$(PY) -m ingest.nlp.train

## make bench: extraction and whole-ingest speed beside plain nlp.pipe, and 2 Celery workers over 1
bench: install-dev
	$(PY) bench/bench_extract.py
	$(PY) bench/bench_ingest.py

## make bench-search: search at 100,000 documents (own database, gunicorn, DEBUG off); prints latency figures
bench-search: install-dev
	$(PY) bench/bench_search.py

stop-db:
	DATA_DIR=$${DATA_DIR:-.data} $(PY) -c "import os; from pathlib import Path; from casetracker.embedded_db import stop; stop(Path(os.environ['DATA_DIR']).resolve())"

clean: stop-db
	rm -rf $(VENV) .data
