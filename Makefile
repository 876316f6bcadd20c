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
#                    controller, tunnel, probe, bgp, daemon, connect, multicast, monitor, load (see README)
#   make fuzz      every libFuzzer target for FUZZ_SECONDS (default 600) each; make fuzz-NAME one of
#                  transaction, json-bodies, netlink, gre, probe, pim, bgp, render (Tools/Fuzz/README.md)

SWIFT ?= swift
BUILD_FLAGS ?=
PACKAGES := Models LinuxHost Ledger Allocator Tunnel Probe Routing

.PHONY: all setup build release test layer-check test-packages devnet lint clean help

all: build

help:
	@sed -n '1,14p' Makefile

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

# The libFuzzer targets of Tools/Fuzz (its README): one package, built once in release with
# -sanitize=fuzzer,address. `make fuzz` runs every target for FUZZ_SECONDS (default 600) each, one
# after another; `make fuzz-NAME` runs one. Each grows its corpus in .build/fuzz-corpus/NAME
# (seeded from Tools/Fuzz/seeds/NAME), writes findings to .build/fuzz-artifacts/NAME/ and ends
# with `fuzz.NAME: N execs, cov C, ft F`; a finding stops `make fuzz` (make -k goes on).
# FUZZ_ARGS adds libFuzzer options. `make fuzz-seeds` rewrites the committed seeds.
#   transaction   signed-transaction wire form, message bytes and instruction JSON (Ledger)
#   json-bodies   every JSON request body: the ledger's transaction, doublezerod's provision, remove, resolve-route
#   netlink       kernel replies through NetlinkSession: dumps, gets, acknowledgements, route batches (Tunnel)
#   gre           received GRE/IPv4 packets through the userspace datapath's decapsulation and TCP coalescing (Tunnel)
#   probe         ICMP echo and TWAMP-light test and reflected packets (Probe)
#   pim           PIM Hello, Join/Prune, Register (PIMWire)
#   bgp           BGP messages in both AS widths (BGPWire)
#   render        random valid networks through NetworkDeviceConfigs and the EOS and FRR renderers, twice (Routing)
FUZZ_TARGETS := transaction json-bodies netlink gre probe pim bgp render
FUZZ_SECONDS ?= 600
FUZZ_ARGS ?=
FUZZ_BIN := Tools/Fuzz/.build/release
.PHONY: fuzz fuzz-build fuzz-seeds $(addprefix fuzz-,$(FUZZ_TARGETS))

fuzz: $(addprefix fuzz-,$(FUZZ_TARGETS))

fuzz-build: setup
	$(SWIFT) build --package-path Tools/Fuzz --scratch-path Tools/Fuzz/.build -c release \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing

$(addprefix fuzz-,$(FUZZ_TARGETS)): fuzz-%: fuzz-build
	bash Tools/Fuzz/run-fuzzer.sh $* $(FUZZ_SECONDS) $(FUZZ_BIN) Tools/Fuzz/seeds .build/fuzz-corpus \
		.build/fuzz-artifacts $(FUZZ_ARGS)

fuzz-seeds: fuzz-build
	rm -rf Tools/Fuzz/seeds
	$(FUZZ_BIN)/fuzz-seeds Tools/Fuzz/seeds

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
