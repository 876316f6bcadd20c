# DoubleZero in Swift — build, test and run.
#
#   make test      the lint, the layer check, every package's tests and the cross-package tests
#   make devnet    the main job: a local network on the embedded SQLite ledger (see README)
#   make setup     the Debian packages of Tools/Setup/debian-packages.txt (the targets that build
#                  run it first: as root it installs the missing ones, otherwise prints the apt line)
#   make build     debug build of every app
#   make release   release build of every app
#   make lint      swift-format lint of the whole tree (warnings fail it; `swift format format -i` fixes most)
#   make bench-NAME  a benchmark (release build; ends with NAME.figure lines): ledger, activator,
#                    controller, tunnel, probe, bgp, daemon, connect, multicast, monitor, load (see README); make fuzz-bgp fuzzes the BGP decoder

SWIFT ?= swift
BUILD_FLAGS ?=
PACKAGES := Models LinuxHost Ledger Allocator Tunnel Probe Routing

.PHONY: all setup build release test layer-check test-packages devnet lint clean help

all: build

help:
	@sed -n '1,12p' Makefile

# One line and no apt-get when every package is there, so every target that builds runs it first.
setup:
	bash Tools/Setup/ensure-debian-packages.sh

build: setup
	$(SWIFT) build $(BUILD_FLAGS)

release: setup
	$(SWIFT) build -c release $(BUILD_FLAGS)

# The layer rule of DESIGN.md; fails before anything else is built.
layer-check: setup
	$(SWIFT) build $(BUILD_FLAGS) --product layer-check
	"$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/layer-check" --root .

# The apps are built first: the app tests run the binaries as a user would. The live network
# tests (namespaces, BIRD, FRR, timers of a few seconds) and the ledger server's memory test (a real
# server under 40 stalled followers) run in a second pass of their own, so the CPU-heavy suites of
# the first pass cannot starve them on a 2-core machine; the devnet tests (a whole network: a dozen
# processes and FRR in six namespaces) run last, alone, so they cannot starve the second-scale
# BGP timers either.
LIVE_TESTS := BGPTests\.|TunnelTests\.|ProbeTests\.|LinuxHostTests\.|DeviceFixtureTests\.|DaemonHostTests\.|LedgerFollowerMemoryTests|DaemonTests\.BGPRouteInstaller
DEVNET_TESTS := DevnetTests\.
test: setup lint layer-check
	$(SWIFT) build $(BUILD_FLAGS)
	$(SWIFT) test $(BUILD_FLAGS) --skip '$(LIVE_TESTS)|$(DEVNET_TESTS)'
	$(SWIFT) test $(BUILD_FLAGS) --skip-build --filter '$(LIVE_TESTS)'
	$(SWIFT) test $(BUILD_FLAGS) --skip-build --filter '$(DEVNET_TESTS)'

# Each package on its own, as a consumer would build it (slower: dependencies build per package).
test-packages: setup
	@for p in $(PACKAGES); do echo "== $$p"; (cd Packages/$$p && $(SWIFT) test) || exit 1; done

# The main job: the network in namespaces (needs root): ledger, activator, controller, three device
# agents with FRR, three user hosts running doublezerod and `doublezero connect ibrl`, a ping
# matrix; Ctrl-C stops it and removes the namespaces.
# DEVNET_ARGS: --oneshot (build, check the matrix, stop), --dir DIR (default ./devnet),
# --prefix P (namespaces P-*, default dz), --by-latency, --port N (default 7850).
devnet: setup
	$(SWIFT) build $(BUILD_FLAGS)
	bash Tools/Devnet/devnet.sh --bin "$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)" $(DEVNET_ARGS)

lint:
	$(SWIFT) format lint --strict --recursive --configuration .swift-format Package.swift Packages Apps Tools Tests

clean:
	rm -rf .build
	@for p in $(PACKAGES); do rm -rf Packages/$$p/.build; done

# fuzz-bgp: libFuzzer on the BGP decoder for FUZZ_SECONDS (default 600) with its own package and
# scratch dir; the corpus grows in .build/fuzz-bgp-corpus (seeded from Tools/Fuzz/seeds).
.PHONY: fuzz-bgp
FUZZ_SECONDS ?= 600

fuzz-bgp:
	$(SWIFT) build --package-path Tools/Fuzz --scratch-path Tools/Fuzz/.build -c release \
		-Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
	mkdir -p .build/fuzz-bgp-corpus && cp Tools/Fuzz/seeds/bgp/*.bin .build/fuzz-bgp-corpus/
	Tools/Fuzz/.build/release/bgp-fuzz -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		.build/fuzz-bgp-corpus

# Every benchmark: `make bench-NAME` builds NAME-bench in release and runs it with $(BENCH_ARGS);
# each ends with its NAME.figure lines (README lists what each measures).
#   ledger      signed transactions/s embedded and over HTTP vs plain SQLite inserts
#   activator   activation latency at a steady rate and a 10,000-user burst
#   controller  rendering every device of a 100-device, 96-users-each network
#   tunnel      provisioning through our netlink vs `ip`; iperf3 through userspace GRE vs bare veth
#   probe       CPU per 1,000 ICMP probes and RTT difference against ping
#   bgp         100,000 prefixes from BIRD into our speaker and into a second BIRD
#   daemon      reconcile latency (activation to BGP OPEN); 100,000 BGP routes into the kernel vs ip -batch
#   connect     on the devnet: doublezero connect to the first ping through the tunnel; activation to device apply
#   multicast   on the devnet: a subscriber's connect to its first group packet; loss at 10,000 packets/s
#   monitor     every check on a 100-device, 10,000-user ledger; rendering its devices page
#   load        200 concurrent clients submitting signed transactions to the ledger server for 60 s
BENCHMARKS := ledger activator controller tunnel probe bgp daemon connect multicast monitor load
.PHONY: $(addprefix bench-,$(BENCHMARKS))
# BENCH_ALSO_NAME: another product a benchmark runs beside itself (daemon-bench runs doublezerod).
BENCH_ALSO_daemon := doublezerod
BENCH_ALSO_connect := doublezero doublezerod doublezero-ledger doublezero-activator doublezero-controller doublezero-device-agent
BENCH_ALSO_multicast := $(BENCH_ALSO_connect)
$(addprefix bench-,$(BENCHMARKS)): bench-%: setup
	$(SWIFT) build -c release $(BUILD_FLAGS) --product $*-bench
	$(foreach product,$(BENCH_ALSO_$*),$(SWIFT) build -c release $(BUILD_FLAGS) --product $(product) &&) true
	"$$($(SWIFT) build -c release $(BUILD_FLAGS) --show-bin-path)/$*-bench" $(BENCH_ARGS)
