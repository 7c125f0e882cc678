# Two entry points for a fresh machine with Python 3.11 and make:
#   make report     set up the locked environment and render the 2013 report into reports/
#   make test       set up the locked environment and run the whole test suite
# While working: make test-fast (no kernels, no browser), make lint.
PYTHON ?= python3
VENV := .venv
TOOLS := .tools
UV_VERSION := 0.13.9
UV := $(TOOLS)/bin/uv
YEAR ?= 2013

.PHONY: setup report test test-fast lint lab benchmark wheel clean

setup: $(VENV)/.synced

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Bytecode is compiled at install: these machines set PYTHONDONTWRITEBYTECODE=1 and
# an uncompiled stack imports about three times slower in every kernel.
$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	$(VENV)/bin/python -m ipykernel install --sys-prefix --name ksanalys \
		--display-name "ksanalys (Python 3)" >/dev/null
	touch $@

report: setup
	$(VENV)/bin/ksanalys report --year $(YEAR)

test: setup
	$(VENV)/bin/pytest

# Everything but the tests that start kernels, a browser or build the wheel (README: Development).
test-fast: setup
	$(VENV)/bin/pytest -m "not notebooks and not browser"

# ruff (style), mypy (types) and xenon (no function above cyclomatic complexity 20).
lint: setup
	$(VENV)/bin/ruff check src tests benchmarks tools
	$(VENV)/bin/ruff format --check src tests benchmarks tools
	$(VENV)/bin/mypy src
	$(VENV)/bin/xenon --max-absolute C src/ksanalys

lab: setup
	$(VENV)/bin/jupyter lab notebooks/ --allow-root

benchmark: setup
	$(VENV)/bin/python benchmarks/report_speed.py

# The wheel (with the notebooks and the kernel spec) into dist/.
wheel: setup
	$(UV) build --wheel --out-dir dist

clean:
	rm -rf $(VENV) $(TOOLS)
