# mvis — the two commands a newcomer needs are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
BUILD_DIR ?= build
DB ?= sqlite:data/mvis.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build web demo test unit bench fuzz clean format

all: build

deps:
	@bash scripts/install-deps.sh

# Configure (once) and build the server; leaves the executable at build/mvis.
build: deps
	@bash scripts/build.sh

web: deps
	@bash scripts/build-web.sh

# Fresh demo database, then the server with the web UI on $(LISTEN).
demo: build web
	@rm -f data/mvis.db data/mvis.db-wal data/mvis.db-shm
	@./$(BUILD_DIR)/mvis demo --db $(DB) | tee /tmp/mvis-demo-accounts.txt
	@echo
	@echo "  mvis is starting: open http://$(LISTEN)/ and sign in with an account above."
	@echo "  (Ctrl-C stops the server.)"
	@echo
	@./$(BUILD_DIR)/mvis serve --db $(DB) --listen $(LISTEN) --web web/dist

# Every suite: C++ unit, HTTP integration on SQLite and PostgreSQL, web unit, browser e2e.
test: deps
	@bash scripts/test.sh

unit: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -R '^unit$$'

# Benchmarks (docs/performance.md): import (mvis reader vs openpyxl and SheetJS, a 100k-row
# import), then the public verification page vs nginx with wrk and the certificate PDF rate.
bench: build
	@bash bench/import_bench.sh
	@bash bench/public_page_bench.sh

# Fuzz the spreadsheet reader with libFuzzer: make fuzz [FUZZ_SECONDS=60]
FUZZ_SECONDS ?= 60
fuzz: deps
	@bash scripts/fuzz-reader.sh $(FUZZ_SECONDS)

format:
	@clang-format -i $$(git ls-files --cached --others --exclude-standard 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

clean:
	rm -rf $(BUILD_DIR) web/dist
