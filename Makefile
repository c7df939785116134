# The two commands of the README, and the quality gates. Every target installs what is missing
# first (installer/linux/install-deps.sh: a no-op costing well under 5 s when all is present),
# configures with a CMake preset and builds with ccache.
SHELL := /bin/bash
PRESET ?= dev
BUILD := build/$(PRESET)
JOBS ?= $(shell getconf _NPROCESSORS_ONLN)
export CCACHE_DIR ?= $(HOME)/.cache/ccache
export CCACHE_MAXSIZE ?= 5G
# Paths below the checkout are hashed relative to it: a fresh clone elsewhere (CI) hits the cache.
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= 1

.PHONY: all deps configure build test demo bench fuzz test-asan test-asan-fast soak clean help

all: build

help:
	@echo "make demo       install deps, build, run the station on simulated devices with demo data"
	@echo "make test       install deps, build, run every test (unit, integration, UI under Xvfb), then each fuzz target for FUZZ_SECONDS (default 10)"
	@echo "make bench      build and run every benchmark; table + build/bench/report.json"
	@echo "make fuzz       clang libFuzzer targets (FUZZ_SECONDS=N each, default 60)"
	@echo "make test-asan  the whole test suite under AddressSanitizer + UBSan (.ci/run)"
	@echo "make test-asan-fast  the domain's tests (tests/kiosk) and kiosk-cli under ASan + UBSan"
	@echo "make soak       soaks: store kills (SOAK_KILLS, default 500), sync kills (SYNC_SOAK_KILLS, default 20), then end-to-end enrollments with faults (SOAK_MINUTES, default 15, or SOAK_COUNT; SOAK_SEED)"

deps:
	@bash installer/linux/install-deps.sh

configure: deps
	@mkdir -p build && cmake --preset $(PRESET) >$(BUILD).configure.log 2>&1 || { cat $(BUILD).configure.log; exit 1; }

build: configure
	@cmake --build $(BUILD) -j$(JOBS)

test: build
	@bash tests/run_tests.sh $(BUILD)
	@bash tests/fuzz/run_fuzz.sh build/fuzz $${FUZZ_SECONDS:-10}

demo: build
	@bash resources/demo/run_demo.sh $(BUILD)

bench:
	@$(MAKE) --no-print-directory build
	@cmake --build $(BUILD) -j$(JOBS) --target kiosk_benches
	@bash tests/bench/run_bench.sh $(BUILD)

fuzz: deps
	@bash tests/fuzz/run_fuzz.sh build/fuzz $${FUZZ_SECONDS:-60}

test-asan:
	@$(MAKE) --no-print-directory PRESET=asan build
	@bash tests/run_tests.sh build/asan

# A quicker sanitizer tier for a developer's loop: only what tests/kiosk needs (kiosk_core, its
# tests, kiosk-cli); make test-asan (in .ci/run) is the whole suite.
test-asan-fast:
	@$(MAKE) --no-print-directory PRESET=asan configure
	@cmake --build build/asan -j$(JOBS) --target tests/kiosk/all kiosk-cli
	@bash tests/run_tests.sh build/asan/tests/kiosk

# make soak [SOAK_KILLS=N] [SYNC_SOAK_KILLS=N] [SOAK_MINUTES=M | SOAK_COUNT=N] [SOAK_SEED=S]:
# the store's crash soak (a writer sealing ~1.5 MB enrollments SIGKILLed N times, default 500:
# after each kill the store opens, verifies and holds every record whose seal returned); the
# sync soak (`kiosk-cli sync now` SIGKILLed mid-upload, default 20 times, the server sometimes
# stopped); then the end-to-end soak (tests/soak/e2e_soak.sh, default 15 minutes): enrollments
# through pcscd + vpcd, SANE, the store and the intake server with seeded random faults (card
# pulled, kiosk-cli killed in seal or sync, server down, disk nearly full). Each ends with every
# approved record on the server exactly once and db/audit verify passing.
soak: build
	@KIOSK_KILL_ITERATIONS=$${SOAK_KILLS:-500} ctest --test-dir $(BUILD) -R StoreKill --output-on-failure --timeout 0
	@SOAK_KILLS=$${SYNC_SOAK_KILLS:-20} bash tests/soak/sync_soak.sh $(BUILD)/ui/cli/kiosk-cli $(BUILD)/sync/server/intake-server $(BUILD)/tests/sync/station/sync_seed_station
	@SOAK_MINUTES=$${SOAK_MINUTES:-15} bash tests/soak/e2e_soak.sh $(BUILD)/ui/cli/kiosk-cli $(BUILD)/sync/server/intake-server $(BUILD)/tests/soak/soak_citizen

clean:
	rm -rf build
