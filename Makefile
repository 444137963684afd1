# KB Workbook — the two commands of the README:
#   make report   set up (once) and run every notebook on the demo company -> reports/index.html
#   make test     set up (once) and run the whole test suite
#   make lab      set up (once) and open the workbooks in JupyterLab (WORKBOOK=kb/ru by default)
#   make slides   set up (once) and make the trainer's slides on the demo company -> slides/index.html
#                 (SLIDES_LANG=ru by default; SLIDES_ARGS="--blocks 06" or "--from-reports reports")
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.kb-installed
# the venv's bin first, so that notebook kernels start with the venv's interpreter
export PATH := $(abspath $(BIN)):$(PATH)
export MPLBACKEND := Agg

.PHONY: install lab report slides test lint build check-build bench demo clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# JupyterLab at the project's root (notebooks/ and exercises/ both reachable), opened on the block
# notebooks of one program and language: kb/ru (program 000, Russian), kb/en, kpi/bg, kpi/en
WORKBOOK ?= kb/ru
lab: install
	$(BIN)/jupyter lab --LabApp.default_url=/lab/tree/notebooks/$(WORKBOOK)

report: install
	$(BIN)/kbcore run --out reports

SLIDES_LANG ?= ru
SLIDES_ARGS ?=
slides: install
	$(BIN)/kbcore slides --lang $(SLIDES_LANG) --out slides $(SLIDES_ARGS)

build: install
	$(BIN)/kbcore build

check-build: install
	$(BIN)/kbcore build --check

lint: install
	$(BIN)/ruff check kbcore tests notebooks solutions
	$(BIN)/lint-imports

test: install check-build lint
	$(BIN)/python -m pytest -n 2 --dist loadfile --timeout=900 --nbval-cell-timeout=300 --ignore=tests/fixtures tests --nbval-lax solutions exercises

bench: install
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python tests/benchmark.py

demo: install
	$(BIN)/kbcore demo --out data/demo

clean:
	rm -rf reports slides .pytest_cache .ruff_cache
