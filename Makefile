# cronaca: the two commands a new machine needs are `make demo` and `make test`.
#   make        build build/cronaca (Release), assuming dependencies are there
#   make setup  install missing Debian packages and the language model
#   make demo   setup, build, analyse examples/ into cronaca.db, print a summary
#   make test   setup, build, run every test through ctest
#   make bench  build and run the benchmarks (figures for the README)
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all setup configure build demo test bench clean

all: build

setup:
	@scripts/setup

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

configure: $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

demo: setup
	@$(MAKE) --no-print-directory build
	$(BUILD)/cronaca analyze examples/ --db cronaca.db
	@echo
	$(BUILD)/cronaca summary --db cronaca.db
	@echo
	@echo "Next: $(BUILD)/cronaca stories, $(BUILD)/cronaca story ID, or $(BUILD)/cronaca serve (then open http://127.0.0.1:8080/)"

test: setup
	@$(MAKE) --no-print-directory build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

bench: setup
	@$(MAKE) --no-print-directory build
	$(BUILD)/bench/cronaca_bench

clean:
	rm -rf $(BUILD)
