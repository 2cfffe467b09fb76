# Two commands for a newcomer on a fresh machine (Python 3.11+ and Java 17 for the reasoner checks):
#   make run   - create .venv, install drugkg, print the graph summary, validate it, and rank the
#                drug combinations that raise movement-disorder risk
#   make test  - create .venv, install drugkg with its test extras, run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run test test-all lint install install-test install-all install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install -q .

install-test: $(BIN)/python
	$(BIN)/python -m pip install -q ".[test]"

# the slow engine tests also need PySpark (tests/test_spark.py; about 450 MB), and skip what is not
# installed: apt-get install libapache-jena-java default-jdk-headless virtuoso-opensource (tests/test_remote.py)
install-all: $(BIN)/python
	$(BIN)/python -m pip install -q ".[test,spark]"

run: install
	$(BIN)/drugkg info
	$(BIN)/drugkg validate
	$(BIN)/drugkg risk --effect "movement disorder"

# two workers (pytest-xdist), one test file per worker at a time so module fixtures load once
test: install-test
	$(BIN)/python -m pytest -q -m "not slow" -n 2 --dist loadfile

test-all: install-all
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

install-dev: $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[test,dev]"

lint: install-dev
	$(BIN)/ruff check graph tests scripts bench
	$(BIN)/mypy graph

clean:
	rm -rf $(VENV) build *.egg-info
