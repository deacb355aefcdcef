# The two commands of the README: `make demo` (set up, build processes/ into output/, check the
# BPMN in the real clients and write their previews to output/preview/, and build the workshop
# packs of profiles/*.toml into output/kommuner/)
# and `make test` (set up, then run every test). Set-up runs again only when its inputs change.
VENV  := .venv
BIN   := $(VENV)/bin
STAMP := $(VENV)/.setup-done

.PHONY: demo test setup bench

demo: $(STAMP)
	$(BIN)/oir-bpmn build processes/ -o output/ --prune
	$(BIN)/oir-bpmn verify output/bpmn/ --previews output/preview/
	$(BIN)/oir-bpmn verify output/diff/ --previews output/preview/diff/
	$(BIN)/oir-bpmn pack processes/ $(addprefix --profile=,$(wildcard profiles/*.toml)) -o output/kommuner/

test: $(STAMP)
	$(BIN)/python -m pytest

setup:
	tools/setup.sh
	touch $(STAMP)

bench: $(STAMP)
	$(BIN)/python bench/bench_layout.py
	$(BIN)/python bench/bench_packs.py

$(STAMP): setup.cfg pyproject.toml tools/setup.sh tools/clients/camunda-lint.src.mjs \
          $(wildcard tools/clients/package-lock.json)
	tools/setup.sh
	touch $@
