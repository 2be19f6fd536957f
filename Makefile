# The two commands a newcomer needs: `make run` and `make test`. Both set up what is missing first.
.PHONY: run test setup model lint bench clean

run: setup
	scripts/run.sh

test: setup
	scripts/test.sh

setup:
	scripts/setup.sh all

model:
	scripts/setup.sh model

lint:
	.venv/bin/ruff check bot actions api tests scripts
	.venv/bin/ruff format --check bot actions api tests scripts

clean:
	rm -rf .venv .venv-rasa node_modules models .rasa var
