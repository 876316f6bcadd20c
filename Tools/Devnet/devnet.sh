#!/usr/bin/env bash
# make devnet: a local DoubleZero network on the embedded SQLite ledger.
#
# Starts `doublezero-ledger serve` on a fresh SQLite file, `doublezero-activator run` and
# `doublezero-controller serve` against it, then bootstraps a small network through
# the `doublezero` CLI, exactly as an operator would: global state and config, three metros
# (exchanges) with their BGP communities, a contributor, three devices with loopbacks, physical
# and user-tunnel-endpoint interfaces, WAN links between them, a multicast group, access passes
# and a mix of users (IBRL, IBRL with allocated IP, multicast publisher and subscriber). It
# waits until the activator has activated everything, fetches every device's config from the
# controller, prints the tables, and keeps the network running until Ctrl-C (or, with --oneshot,
# checks it, verifies the ledger and stops).
#
# Usage: Tools/Devnet/devnet.sh [--oneshot] [--dir DIR] [--port PORT] [--bin DIR]
#   --oneshot   bootstrap, check every entity is activated, stop the services and exit 0
#   --dir DIR   where the ledger, keys and logs go (default ./devnet; wiped at start)
#   --port N    the ledger server's port on 127.0.0.1 (default 7850)
#   --bin DIR   where the built apps are (default: swift build --show-bin-path)
set -euo pipefail

oneshot=0
dir=./devnet
port=7850
bin=""
while [ $# -gt 0 ]; do
    case "$1" in
        --oneshot) oneshot=1 ;;
        --dir) dir="$2"; shift ;;
        --port) port="$2"; shift ;;
        --bin) bin="$2"; shift ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "devnet: unknown argument '$1' (see --help)" >&2; exit 64 ;;
    esac
    shift
done
[ -n "$bin" ] || bin="$(swift build --show-bin-path)"
for app in doublezero doublezero-ledger doublezero-activator doublezero-controller; do
    [ -x "$bin/$app" ] || { echo "devnet: $bin/$app is missing; run 'make build' first" >&2; exit 1; }
done

step() { printf '\n== %s\n' "$*"; }
pids=()
stop_services() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}
trap 'stop_services' EXIT
trap 'echo; echo "devnet: stopping"; exit 0' INT TERM

rm -rf "$dir"
mkdir -p "$dir/keys" "$dir/logs"
dir="$(cd "$dir" && pwd)"
ledger="http://127.0.0.1:$port"

step "keys"
for role in foundation activator contributor client; do
    "$bin/doublezero" keygen --outfile "$dir/keys/$role.json" >/dev/null
    printf '  %-12s %s\n' "$role" "$("$bin/doublezero" address --keypair "$dir/keys/$role.json")"
done
activator_key="$("$bin/doublezero" address --keypair "$dir/keys/activator.json")"
contributor_key="$("$bin/doublezero" address --keypair "$dir/keys/contributor.json")"
client_key="$("$bin/doublezero" address --keypair "$dir/keys/client.json")"

step "ledger: $dir/ledger.sqlite served on $ledger"
"$bin/doublezero-ledger" init --db "$dir/ledger.sqlite" --foundation-keypair "$dir/keys/foundation.json"
"$bin/doublezero-ledger" serve --db "$dir/ledger.sqlite" --listen "127.0.0.1:$port" \
    >"$dir/logs/ledger.out" 2>"$dir/logs/ledger.log" &
pids+=($!)
for _ in $(seq 1 100); do
    grep -q '^listening on ' "$dir/logs/ledger.out" 2>/dev/null && break
    kill -0 "${pids[0]}" 2>/dev/null || { echo "devnet: the ledger server exited:" >&2; cat "$dir/logs/ledger.log" >&2; exit 1; }
    sleep 0.1
done
grep -q '^listening on ' "$dir/logs/ledger.out" || { echo "devnet: the ledger server did not start" >&2; exit 1; }

as() { local role="$1"; shift; "$bin/doublezero" "$@" --ledger "$ledger" --keypair "$dir/keys/$role.json"; }
quiet() { as "$@" >/dev/null; }

step "global state and config"
quiet foundation init --activator "$activator_key"
quiet foundation global-config set --local-asn 65000 --remote-asn 65342 \
    --device-tunnel-block 172.16.0.0/16 --user-tunnel-block 169.254.0.0/16 \
    --multicastgroup-block 233.84.178.0/24 --next-bgp-community 10000

step "activator"
"$bin/doublezero-activator" run --ledger "$ledger" --keypair "$dir/keys/activator.json" \
    >"$dir/logs/activator.out" 2>"$dir/logs/activator.log" &
pids+=($!)

step "controller"
controller_url="http://127.0.0.1:$((port + 1))"
"$bin/doublezero-controller" serve --ledger "$ledger" --listen "127.0.0.1:$((port + 1))" \
    >"$dir/logs/controller.out" 2>"$dir/logs/controller.log" &
pids+=($!)
echo "  device configs at $controller_url/v1/devices/CODE/config"

step "metros, locations and a contributor"
metros=("ams Amsterdam NL 52.37 4.90" "fra Frankfurt DE 50.11 8.68" "lon London GB 51.51 -0.13")
for metro in "${metros[@]}"; do
    read -r code name country lat lng <<<"$metro"
    quiet foundation location create --code "${code}1" --name "$name 1" --country "$country" --lat "$lat" --lng "$lng"
    quiet foundation exchange create --code "x$code" --name "$name" --lat "$lat" --lng "$lng"
done
quiet foundation contributor create --code co01 --owner "$contributor_key"

step "devices, interfaces and links"
number=0
for metro in "${metros[@]}"; do
    read -r code _ <<<"$metro"
    number=$((number + 1))
    device="${code}-dz01"
    quiet contributor device create --code "$device" --contributor co01 --location "${code}1" --exchange "x$code" \
        --public-ip "64.86.$number.1" --dz-prefixes "64.86.$((100 + number)).0/29" --wait
    quiet contributor device interface create --device "$device" --name Loopback255 --loopback-type vpnv4
    quiet contributor device interface create --device "$device" --name Loopback256 --loopback-type ipv4
    quiet contributor device interface create --device "$device" --name Ethernet1/1 --bandwidth 100Gbps
    quiet contributor device interface create --device "$device" --name Ethernet2/1 --bandwidth 100Gbps
    quiet contributor device interface create --device "$device" --name Ethernet3/1 --bandwidth 10Gbps \
        --cyoa gre_over_dia --ip-net "64.86.$number.9/30" --user-tunnel-endpoint
done
quiet contributor link create --code ams-dz01:fra-dz01 --side-a ams-dz01 --side-a-interface Ethernet1/1 \
    --side-z fra-dz01 --side-z-interface Ethernet2/1 --bandwidth 100Gbps --delay-ms 7 --jitter-ms 0.1 --wait
quiet contributor link create --code fra-dz01:lon-dz01 --side-a fra-dz01 --side-a-interface Ethernet1/1 \
    --side-z lon-dz01 --side-z-interface Ethernet2/1 --bandwidth 100Gbps --delay-ms 9 --jitter-ms 0.1 --wait
quiet contributor link create --code lon-dz01:ams-dz01 --side-a lon-dz01 --side-a-interface Ethernet1/1 \
    --side-z ams-dz01 --side-z-interface Ethernet2/1 --bandwidth 100Gbps --delay-ms 5 --jitter-ms 0.1 --wait

step "a multicast group, access passes and users"
quiet foundation multicast-group create --code mg01 --max-bandwidth 1Gbps --owner me --wait
quiet foundation multicast-group allowlist publisher add --code mg01 --user-payer "$client_key"
quiet foundation multicast-group allowlist subscriber add --code mg01 --user-payer "$client_key"
for host in 1 2 3 4; do
    quiet foundation access-pass set --client-ip "185.1.0.$host" --user-payer "$client_key"
done
quiet client user create --device ams-dz01 --client-ip 185.1.0.1 --user-type ibrl --wait
quiet client user create --device fra-dz01 --client-ip 185.1.0.2 --user-type ibrl_with_allocated_ip --wait
quiet client user create --device lon-dz01 --client-ip 185.1.0.3 --user-type multicast --publish mg01 --wait
# RFC 13: host 1 also subscribes, on the other user-tunnel endpoint of its device.
quiet client user create --device ams-dz01 --client-ip 185.1.0.1 --user-type multicast --subscribe mg01 \
    --tunnel-endpoint 64.86.1.9 --wait

step "the network"
for kind in exchange device link multicast-group user; do
    echo "-- $kind"
    as foundation "$kind" list
done

# Every entity the bootstrap made must be activated: the activator did its job.
not_active="$(for kind in device link multicast-group user; do
    as foundation "$kind" list --json-compact; done | python3 -c '
import json, sys
bad = []
for line in sys.stdin:
    for item in json.loads(line):
        if item.get("status") != "activated":
            name = item.get("code") or item.get("pubkey")
            bad.append("%s: %s" % (name, item.get("status")))
print("\n".join(bad))')"
if [ -n "$not_active" ]; then
    echo "devnet: not everything is activated:" >&2
    echo "$not_active" >&2
    exit 1
fi
echo
echo "devnet: every device, link, group and user is activated."

step "device configs from the controller"
python3 - "$controller_url" ams-dz01 fra-dz01 lon-dz01 <<'PY'
import sys, time, urllib.request, urllib.error
base, devices = sys.argv[1], sys.argv[2:]
deadline = time.time() + 30
for device in devices:
    while True:
        try:
            with urllib.request.urlopen(f"{base}/v1/devices/{device}/config", timeout=5) as response:
                text = response.read()
                print(f"  {device}: {len(text)} bytes, etag {response.headers.get('ETag')}")
                break
        except (urllib.error.URLError, ConnectionError) as error:
            if time.time() > deadline:
                sys.exit(f"devnet: no config for {device} from the controller: {error}")
            time.sleep(0.2)
PY
echo "devnet: ledger at $ledger (file $dir/ledger.sqlite); logs in $dir/logs; keys in $dir/keys"
echo "devnet: try   $bin/doublezero user list --ledger $ledger"
echo "devnet:       curl $controller_url/v1/devices/ams-dz01/config"

if [ "$oneshot" = 1 ]; then
    stop_services
    "$bin/doublezero-ledger" verify --db "$dir/ledger.sqlite"
    echo "devnet: oneshot finished"
    exit 0
fi
echo "devnet: running; Ctrl-C stops it."
wait
