# DoubleZero in Swift — build, test and run.
#
#   make test      every package's tests, the cross-package tests and the layer check
#   make devnet    the main job: a local network on the embedded SQLite ledger (see README)
#   make build     debug build of every app
#   make release   release build of every app
#   make lint      swift-format lint of the whole tree
#   make bench-ledger   ledger throughput (embedded, HTTP, plain SQLite baseline), release build
#   make bench-activator   activator latency (200 creations/s) and 10,000-user burst, release build

SWIFT ?= swift
BUILD_FLAGS ?=
PACKAGES := Models Ledger Allocator Tunnel Probe Routing

.PHONY: all build release test layer-check test-packages devnet lint clean help bench-ledger bench-activator

all: build

help:
	@sed -n '1,10p' Makefile

build:
	$(SWIFT) build $(BUILD_FLAGS)

release:
	$(SWIFT) build -c release $(BUILD_FLAGS)

# The layer rule of DESIGN.md; fails before anything else is built.
layer-check:
	$(SWIFT) build $(BUILD_FLAGS) --product layer-check
	"$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/layer-check" --root .

# The apps are built first: the app tests run the binaries as a user would.
test: layer-check
	$(SWIFT) build $(BUILD_FLAGS)
	$(SWIFT) test $(BUILD_FLAGS)

# Each package on its own, as a consumer would build it (slower: dependencies build per package).
test-packages:
	@for p in $(PACKAGES); do echo "== $$p"; (cd Packages/$$p && $(SWIFT) test) || exit 1; done

# The main job: ledger server + activator (+ controller) and a bootstrapped network; Ctrl-C stops it.
# DEVNET_ARGS: --oneshot (bootstrap, check, stop), --dir DIR (default ./devnet), --port N (default 7850).
devnet:
	$(SWIFT) build $(BUILD_FLAGS)
	bash Tools/Devnet/devnet.sh --bin "$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)" $(DEVNET_ARGS)

# Benchmarks: release builds; each ends with one `NAME.figure: value unit` line per figure.
bench-ledger:
	$(SWIFT) build -c release $(BUILD_FLAGS) --product ledger-bench
	"$$($(SWIFT) build -c release $(BUILD_FLAGS) --show-bin-path)/ledger-bench" $(BENCH_ARGS)

bench-activator:
	$(SWIFT) build -c release $(BUILD_FLAGS) --product activator-bench
	"$$($(SWIFT) build -c release $(BUILD_FLAGS) --show-bin-path)/activator-bench" $(BENCH_ARGS)

lint:
	$(SWIFT) format lint --recursive --configuration .swift-format Package.swift Packages Apps Tools Tests

clean:
	rm -rf .build
	@for p in $(PACKAGES); do rm -rf Packages/$$p/.build; done
