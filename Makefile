# DoubleZero in Swift — build, test and run.
#
#   make test      the lint, the layer check, every package's tests and the cross-package tests
#   make devnet    the main job: a local network on the embedded SQLite ledger (see README)
#   make build     debug build of every app
#   make release   release build of every app
#   make lint      swift-format lint of the whole tree (warnings fail it; `swift format format -i` fixes most)
#   make bench-NAME  a benchmark (release build; ends with NAME.figure lines): ledger, activator,
#                    controller, tunnel, probe, bgp (see README); make fuzz-bgp fuzzes the BGP decoder

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

# The apps are built first: the app tests run the binaries as a user would. The live network
# tests (namespaces, BIRD, timers of a few seconds) run in a second pass of their own, so the
# CPU-heavy suites of the first pass cannot starve their timers on a 2-core machine.
LIVE_TESTS := BGPTests\.|TunnelTests\.|ProbeTests\.
test: lint layer-check
	$(SWIFT) build $(BUILD_FLAGS)
	$(SWIFT) test $(BUILD_FLAGS) --skip '$(LIVE_TESTS)'
	$(SWIFT) test $(BUILD_FLAGS) --skip-build --filter '$(LIVE_TESTS)'

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
	$(SWIFT) format lint --strict --recursive --configuration .swift-format Package.swift Packages Apps Tools Tests

clean:
	rm -rf .build
	@for p in $(PACKAGES); do rm -rf Packages/$$p/.build; done

# BGP (issue 8). bench-bgp: 100,000 prefixes from one BIRD into our speaker and into a second
# BIRD (root, bird2; ends with bgp.* figure lines). fuzz-bgp: libFuzzer on the BGP decoder for
# FUZZ_SECONDS (default 600) with its own package and scratch dir; the corpus grows in
# .build/fuzz-bgp-corpus (seeded from Tools/BGPFuzz/seeds).
.PHONY: bench-bgp fuzz-bgp
FUZZ_SECONDS ?= 600

bench-bgp:
	$(SWIFT) build -c release $(BUILD_FLAGS) --product bgp-bench
	"$$($(SWIFT) build -c release $(BUILD_FLAGS) --show-bin-path)/bgp-bench" $(BENCH_ARGS)

fuzz-bgp:
	$(SWIFT) build --package-path Tools/BGPFuzz --scratch-path Tools/BGPFuzz/.build -c release \
		-Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
	mkdir -p .build/fuzz-bgp-corpus && cp Tools/BGPFuzz/seeds/*.bin .build/fuzz-bgp-corpus/
	Tools/BGPFuzz/.build/release/bgp-fuzz -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		.build/fuzz-bgp-corpus

# Probe (issue 7): CPU time per 1,000 ICMP probes and RTT difference against ping on the same
# veth path, between two network namespaces; needs root, iproute2 and iputils-ping.
.PHONY: bench-probe
bench-probe:
	$(SWIFT) build -c release $(BUILD_FLAGS) --product probe-bench
	"$$($(SWIFT) build -c release $(BUILD_FLAGS) --show-bin-path)/probe-bench" $(BENCH_ARGS)

# Controller (issue 5): renders every device of a 100-device, 96-users-each network, release
# build, median of 7 runs; ends with controller.render_all_ms and controller.bytes figure lines.
.PHONY: bench-controller
bench-controller:
	$(SWIFT) build -c release $(BUILD_FLAGS) --product controller-bench
	"$$($(SWIFT) build -c release $(BUILD_FLAGS) --show-bin-path)/controller-bench" $(BENCH_ARGS)

# Tunnel (issue 6): one tunnel with addresses and 10 routes provisioned through our netlink vs
# `ip` commands, and iperf3 TCP throughput through the userspace GRE datapath vs the bare veth,
# between network namespaces; needs root, iproute2 and iperf3. Ends with the tunnel.* figures.
.PHONY: bench-tunnel
bench-tunnel:
	$(SWIFT) build -c release $(BUILD_FLAGS) --product tunnel-bench
	"$$($(SWIFT) build -c release $(BUILD_FLAGS) --show-bin-path)/tunnel-bench" $(BENCH_ARGS)
