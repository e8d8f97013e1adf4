# The two commands a newcomer needs: `make demo` and `make test`. Both install first (once).
VENV ?= .venv
export HF_HUB_OFFLINE := 1
export NO_ALBUMENTATIONS_UPDATE := 1

.PHONY: install demo test lint bench

install:
	VENV=$(VENV) bash scripts/install.sh

demo: install
	$(VENV)/bin/caprefine demo

test: install
	$(VENV)/bin/python -m pytest -q

lint: install
	$(VENV)/bin/ruff check pipeline filters tests bench
	$(VENV)/bin/mypy pipeline filters

bench: install
	$(VENV)/bin/python bench/throughput.py
	$(VENV)/bin/python bench/cpu_ceiling.py --n 1000 --workers 1
