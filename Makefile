# bireader: the two commands of the README live here.
#   make run    set everything up and serve the seed on http://127.0.0.1:5000
#   make test   set everything up and run the whole test suite
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
DEBS := chromium chromium-driver gcc postgresql redis-server
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: setup run test bench lexicon clean debs

setup: $(STAMP)

# Debian packages: Chromium for the browser tests, gcc for eflomal's seed (bireader/gloss/seeding.py). Root installs them;
# others are told what to install.
debs:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "please install the Debian packages:$$missing (sudo apt-get install$$missing)"; exit 1; fi; \
	fi

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[test,stanza,postgres,redis]'
	touch $(STAMP)

run: setup
	$(VENV)/bin/bireader serve --host $(HOST) --port $(PORT)

# The whole suite on SQLite, then the database and job tests again on a throwaway PostgreSQL + Redis (.ci/services.sh).
SERVICE_TESTS := tests/store tests/web tests/app tests/jobs tests/learner tests/review tests/cli
test: setup debs
	$(VENV)/bin/python -m pytest -q $(PYTEST_ARGS)
	bash .ci/services.sh $(VENV)/bin/python -m pytest -q --ignore-glob="*browser*" $(SERVICE_TESTS) $(PYTEST_ARGS)

# Every benchmark, each rewriting its figures in docs/ (needs ../shared beside the checkout; several minutes).
BENCHES := segmentation lemmas nlp_speed align align_speed lexicon_coverage gloss page_speed ingest_formats import_speed class_page
bench: setup
	$(PIP) install -q -e '.[test,stanza,bench]'
	@for b in $(BENCHES); do echo "== bench.$$b"; $(PY) -m bench.$$b || exit 1; done

# Rebuild the compiled dictionaries in bireader/lexicon/data/ from Debian's FreeDict and Apertium packages
# (the runtime reads only the committed data files; see bireader/lexicon/data/README.md).
LEXICON_DEBS := dict-freedict-fra-eng dict-freedict-eng-fra apertium-fr-es apertium-eng-spa apertium-fra-cat \
	apertium-eng-cat apertium-eo-fr apertium-eo-en lttoolbox-dev
lexicon: setup
	$(MAKE) debs DEBS="$(LEXICON_DEBS)"
	$(PY) -m bireader.lexicon.build

clean:
	rm -rf $(VENV) instance build *.egg-info
