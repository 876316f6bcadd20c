#!/usr/bin/env bash
# make devnet: a local DoubleZero network in Linux network namespaces, with packets crossing it.
#
# Every node is a network namespace on one flat L2 (a Linux bridge `br0` in P-inet, one veth per
# node, the node's addresses as /32s on its `eth0`, an on-link default route): P-core runs the
# ledger (embedded SQLite), the activator, the controller and the monitor (its dashboard forwarded
# to 127.0.0.1 on this machine); P-dev-CODE runs one device (FRR
# and the user tunnels' device ends, driven by `doublezero-device-agent`); P-hostN runs one user
# host's `doublezerod`. The bootstrap goes through the `doublezero` CLI, as an operator would:
# keys, global config, two exchanges (xams: ams-dz01, ams-dz02; xfra: fra-dz01) with their BGP
# communities, a contributor, devices with loopbacks, link ports and a user-tunnel-endpoint port,
# links ams-dz01:fra-dz01 and ams-dz02:ams-dz01 (veth pairs between the device namespaces, named
# as the ledger's interfaces), a multicast group and an access pass per host. Then each host
# runs `doublezero connect ibrl`; the script waits for `BGP Session Up` everywhere, prints each
# host's `doublezero status` and the /32s it learnt, and a ping matrix telling for every pair of
# hosts whether the traffic went through the tunnels (doublezero0's counters rose) or directly.
# RFC 6 expects `tunnel` between metros and `direct` within one. Then host4, a publisher-only host
# in Amsterdam, publishes to mg01 and host3 subscribes over a second tunnel (RFC 13), and a
# multicast row tells how much of a 1,000-packet stream crossed the devices. It stays up until Ctrl-C, and
# tears everything down on exit, error or not.
#
# Usage: Tools/Devnet/devnet.sh [--oneshot] [--dir DIR] [--bin DIR] [--prefix P] [--port N] [--by-latency]
#   --oneshot     build the network, print the matrix, stop, verify the ledger; exit 0 only when
#                 every matrix cell is what RFC 6 expects and every ping was answered
#   --dir DIR     where the ledger, keys, device and host state and logs go (default ./devnet;
#                 wiped at start; logs in DIR/logs, one file per process)
#   --bin DIR     where the built apps are (default: swift build --show-bin-path)
#   --prefix P    namespace name prefix (default dz): P-inet, P-core, P-dev-CODE, P-hostN;
#                 leftovers with this prefix are removed at start
#   --port N      the ledger's port on the core address (default 7850; the controller's is N+1;
#                 the monitor's dashboard is on 127.0.0.1:N+2, inside P-core and on this machine)
#   --by-latency  let `doublezero connect ibrl` pick each host's device by latency (on this flat
#                 L2 every device is equally close, so the pick is arbitrary) instead of giving
#                 host1 ams-dz01, host2 ams-dz02, host3 fra-dz01; the expected matrix always
#                 follows the metros of the devices the hosts actually got
# Needs root and network namespaces.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

oneshot=0
dir=./devnet
port=7850
bin=""
prefix=dz
by_latency=0
while [ $# -gt 0 ]; do
    case "$1" in
        --oneshot) oneshot=1 ;;
        --dir) dir="$2"; shift ;;
        --port) port="$2"; shift ;;
        --bin) bin="$2"; shift ;;
        --prefix) prefix="$2"; shift ;;
        --by-latency) by_latency=1 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "devnet: unknown argument '$1' (see --help)" >&2; exit 64 ;;
    esac
    shift
done
case "$prefix" in
    ''|*[!A-Za-z0-9_]*) echo "devnet: --prefix must be letters, digits or '_' (got '$prefix')" >&2; exit 64 ;;
esac

# ---------------------------------------------------------------------------------------------
# The topology.

core_ip=100.64.0.1
ledger="http://$core_ip:$port"
controller="http://$core_ip:$((port + 1))"
monitor_port=$((port + 2))
dashboard="http://127.0.0.1:$monitor_port"
# Exchanges: code, name, location code, country, lat, lng.
exchanges=("xams Amsterdam ams1 NL 52.37 4.90" "xfra Frankfurt fra1 DE 50.11 8.68")
# Devices: code, exchange, location, number N (public IP 64.86.N.1, dz prefixes 64.86.(100+N).0/29,
# user tunnel endpoint Ethernet3 at 64.86.N.9/30).
devices=("ams-dz01 xams ams1 1" "ams-dz02 xams ams1 2" "fra-dz01 xfra fra1 3")
# Links: side A device and port, side Z device and port, delay in ms. The ports are veth pairs
# between the device namespaces, named as the ledger's interfaces (valid Linux names).
links=("ams-dz01 Ethernet1 fra-dz01 Ethernet1 7" "ams-dz02 Ethernet1 ams-dz01 Ethernet2 1")
# User hosts: name, IP, the device it connects to (unless --by-latency).
hosts=("host1 185.1.0.1 ams-dz01" "host2 185.1.0.2 ams-dz02" "host3 185.1.0.3 fra-dz01")
# The multicast publisher host: no IBRL tunnel, only doublezero1 (its device given, as for hosts).
publisher_host="host4 185.1.0.4 ams-dz01"
all_hosts=("${hosts[@]}" "$publisher_host")

ns_inet="$prefix-inet"
ns_core="$prefix-core"
device_ns() { echo "$prefix-dev-$1"; }
host_ns() { echo "$prefix-$1"; }

# ---------------------------------------------------------------------------------------------
# Preconditions: root, namespaces, the built apps.

if [ "$(id -u)" != 0 ]; then
    echo "devnet: needs root (it builds network namespaces); run it as root, e.g. 'sudo make devnet'" >&2
    exit 1
fi
probe_ns="$prefix-probe-$$"
if ! ip netns add "$probe_ns" 2>/dev/null; then
    echo "devnet: 'ip netns add' does not work here; the devnet needs network namespaces (and iproute2)" >&2
    exit 1
fi
ip netns del "$probe_ns"
[ -n "$bin" ] || bin="$(swift build --show-bin-path)"
[ -d "$bin" ] || { echo "devnet: --bin $bin is not a directory; run 'make build' first" >&2; exit 1; }
bin="$(cd "$bin" && pwd)"
for app in doublezero doublezero-ledger doublezero-activator doublezero-controller doublezero-monitor doublezerod \
    doublezero-device-agent; do
    [ -x "$bin/$app" ] || { echo "devnet: $bin/$app is missing; run 'make build' first" >&2; exit 1; }
done
for tool in ping python3 socat; do
    command -v "$tool" >/dev/null || { echo "devnet: '$tool' is missing; run 'make setup'" >&2; exit 1; }
done

step() { printf '\n== %s\n' "$*"; }
fail() { echo "devnet: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Processes and teardown.

# The services this script started, in start order: their pids and names (logs/NAME.log).
pids=()
names=()

# start NAME NS COMMAND...: runs COMMAND in namespace NS in the background, stdout and stderr
# in logs/NAME.log. setsid keeps it out of the terminal's process group (Ctrl-C reaches only
# this script, which then stops everything in order); env --default-signal undoes the ignored or
# blocked SIGINT/SIGTERM a background job (or a test runner) hands down.
start() {
    local name="$1" ns="$2"
    shift 2
    : >"$logs/$name.log" # exists before the checks that read it
    setsid env --default-signal ip netns exec "$ns" "$@" >>"$logs/$name.log" 2>&1 </dev/null &
    pids+=($!)
    names+=("$name")
}

# forward NAME PORT NS: makes 127.0.0.1:PORT on this machine reach 127.0.0.1:PORT inside
# namespace NS (socat; each connection crosses over loopback on both sides), logs in logs/NAME.log.
forward() {
    local name="$1" local_port="$2" ns="$3"
    : >"$logs/$name.log"
    setsid env --default-signal socat "TCP-LISTEN:$local_port,bind=127.0.0.1,reuseaddr,fork" \
        "EXEC:ip netns exec $ns socat STDIO TCP\:127.0.0.1\:$local_port" >>"$logs/$name.log" 2>&1 </dev/null &
    pids+=($!)
    names+=("$name")
}

alive() { kill -0 "$1" 2>/dev/null; }

# stop_matching PATTERN: SIGTERM the services whose name matches PATTERN, wait up to 15 s, then
# SIGKILL what is left.
stop_matching() {
    local pattern="$1" i deadline
    local chosen=()
    for i in "${!pids[@]}"; do
        # shellcheck disable=SC2053
        [[ "${names[$i]}" == $pattern ]] && chosen+=("$i")
    done
    [ ${#chosen[@]} -gt 0 ] || return 0
    for i in "${chosen[@]}"; do kill -TERM "${pids[$i]}" 2>/dev/null || true; done
    deadline=$((SECONDS + 15))
    for i in "${chosen[@]}"; do
        while alive "${pids[$i]}" && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
        if alive "${pids[$i]}"; then
            echo "devnet: ${names[$i]} (pid ${pids[$i]}) did not stop within 15 s of SIGTERM; killing it" >&2
            kill -KILL "${pids[$i]}" 2>/dev/null || true
        fi
        wait "${pids[$i]}" 2>/dev/null || true
    done
}

# Stops the hosts and devices (they take their tunnels down), then the core services.
stop_services() {
    stop_matching 'doublezerod-*'
    stop_matching 'agent-*'
    stop_matching 'dashboard-forward'
    stop_matching 'monitor'
    stop_matching 'controller'
    stop_matching 'activator'
    stop_matching 'ledger'
    pids=()
    names=()
}

# Our namespaces: P-inet, P-core, P-dev-*, P-host*.
our_namespaces() {
    ip netns list | awk '{print $1}' |
        grep -E "^$prefix-(inet|core|dev-.+|host[0-9]+|probe-[0-9]+)\$" | sort || true
}

# Kills whatever still runs in our namespaces (a previous run's, or a crashed agent's FRR)
# and deletes them; their veths and bridge go with them.
remove_namespaces() {
    local ns leftover
    for ns in $(our_namespaces); do
        leftover="$(ip netns pids "$ns" 2>/dev/null || true)"
        if [ -n "$leftover" ]; then
            # shellcheck disable=SC2086
            kill -TERM $leftover 2>/dev/null || true
            sleep 1
            leftover="$(ip netns pids "$ns" 2>/dev/null || true)"
            # shellcheck disable=SC2086
            [ -z "$leftover" ] || kill -KILL $leftover 2>/dev/null || true
        fi
        ip netns del "$ns" 2>/dev/null || true
    done
}

teardown() {
    local code=$?
    trap - EXIT INT TERM HUP
    trap '' PIPE
    set +e
    if [ ${#pids[@]} -gt 0 ] || [ -n "$(our_namespaces)" ]; then
        echo
        echo "devnet: tearing down (processes, then namespaces $prefix-*)"
        stop_services
        remove_namespaces
    fi
    exit "$code"
}
trap teardown EXIT
trap 'echo; echo "devnet: stopping"; exit 130' INT TERM HUP
trap 'exit 141' PIPE

# wait_until SECONDS COMMAND...: runs COMMAND (a quiet check) every 0.25 s until it succeeds;
# returns 1 after SECONDS.
wait_until() {
    local limit="$1"
    shift
    local deadline=$((SECONDS + limit))
    until "$@"; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.25
    done
}

# require_alive NAME: fails when the service NAME has exited, with the end of its log.
require_alive() {
    local i
    for i in "${!names[@]}"; do
        if [ "${names[$i]}" = "$1" ] && ! alive "${pids[$i]}"; then
            echo "devnet: $1 exited; the end of $logs/$1.log:" >&2
            tail -n 20 "$logs/$1.log" >&2
            exit 1
        fi
    done
}

# log_has NAME TEXT: whether NAME's log holds TEXT (and NAME still runs, else fail).
log_has() {
    require_alive "$1"
    grep -qF -- "$2" "$logs/$1.log"
}

# ---------------------------------------------------------------------------------------------
# Fresh directory and namespaces.

if [ -n "$(our_namespaces)" ]; then
    echo "devnet: removing the namespaces of an earlier run: $(our_namespaces | tr '\n' ' ')"
    remove_namespaces
fi
rm -rf "$dir"
mkdir -p "$dir/keys" "$dir/logs" "$dir/devices" "$dir/hosts"
dir="$(cd "$dir" && pwd)"
logs="$dir/logs"

# in_ns NS COMMAND...: runs COMMAND in namespace NS.
in_ns() { local ns="$1"; shift; ip netns exec "$ns" "$@"; }

# add_node NS ADDRESS...: a namespace on the bridge: veth v-NAME in P-inet (on br0) to eth0 in
# NS, lo up, each ADDRESS as a /32 on eth0, an on-link default route, rp_filter off.
add_node() {
    local ns="$1" short="v-${1#"$prefix"-}"
    shift
    ip netns add "$ns"
    in_ns "$ns" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
    ip -n "$ns" link set lo up
    ip -n "$ns_inet" link add "${short:0:15}" type veth peer name eth0 netns "$ns"
    ip -n "$ns_inet" link set "${short:0:15}" master br0 up
    ip -n "$ns" link set eth0 up
    local address
    for address in "$@"; do ip -n "$ns" addr add "$address/32" dev eth0; done
    ip -n "$ns" route add default dev eth0
}

step "namespaces ($prefix-*)"
ip netns add "$ns_inet"
ip -n "$ns_inet" link set lo up
ip -n "$ns_inet" link add br0 type bridge
ip -n "$ns_inet" link set br0 up
add_node "$ns_core" "$core_ip"
echo "  $ns_inet: bridge br0"
echo "  $ns_core: $core_ip (ledger, activator, controller)"
for device in "${devices[@]}"; do
    read -r code _ _ number <<<"$device"
    ns="$(device_ns "$code")"
    add_node "$ns" "64.86.$number.1" "64.86.$number.9"
    in_ns "$ns" sysctl -qw net.ipv4.ip_forward=1
    echo "  $ns: public IP 64.86.$number.1, user tunnel endpoint 64.86.$number.9"
done
for link in "${links[@]}"; do
    read -r a a_port z z_port _ <<<"$link"
    ip -n "$(device_ns "$a")" link add "$a_port" type veth peer name "$z_port" netns "$(device_ns "$z")"
    ip -n "$(device_ns "$a")" link set "$a_port" mtu 9000 up
    ip -n "$(device_ns "$z")" link set "$z_port" mtu 9000 up
    echo "  link $a:$z: $a $a_port <-> $z $z_port"
done
for host in "${all_hosts[@]}"; do
    read -r name ip _ <<<"$host"
    add_node "$(host_ns "$name")" "$ip"
    echo "  $(host_ns "$name"): $ip"
done

# ---------------------------------------------------------------------------------------------
# Keys and the core services.

dz() { in_ns "$ns_core" "$bin/doublezero" "$@"; }
as() { local role="$1"; shift; dz "$@" --ledger "$ledger" --keypair "$dir/keys/$role.json"; }
quiet() { as "$@" >/dev/null; }

step "keys"
roles=(foundation activator contributor)
for host in "${all_hosts[@]}"; do read -r name _ <<<"$host"; roles+=("$name"); done
for role in "${roles[@]}"; do
    "$bin/doublezero" keygen --outfile "$dir/keys/$role.json" >/dev/null
    printf '  %-12s %s\n' "$role" "$("$bin/doublezero" address --keypair "$dir/keys/$role.json")"
done
key_of() { "$bin/doublezero" address --keypair "$dir/keys/$1.json"; }

step "ledger: $dir/ledger.sqlite served on $ledger"
"$bin/doublezero-ledger" init --db "$dir/ledger.sqlite" --foundation-keypair "$dir/keys/foundation.json"
start ledger "$ns_core" "$bin/doublezero-ledger" serve --db "$dir/ledger.sqlite" --listen "$core_ip:$port"
wait_until 30 log_has ledger "listening on " || fail "the ledger did not start (log: $logs/ledger.log)"

step "global state and config"
quiet foundation init --activator "$(key_of activator)"
quiet foundation global-config set --local-asn 65000 --remote-asn 65342 \
    --device-tunnel-block 172.16.0.0/16 --user-tunnel-block 169.254.0.0/16 \
    --multicastgroup-block 233.84.178.0/24 --next-bgp-community 10000

step "activator and controller"
start activator "$ns_core" "$bin/doublezero-activator" run --ledger "$ledger" --keypair "$dir/keys/activator.json"
start controller "$ns_core" "$bin/doublezero-controller" serve --ledger "$ledger" --listen "$core_ip:$((port + 1))"
echo "  device configs at $controller/v1/devices/CODE/config"
start monitor "$ns_core" "$bin/doublezero-monitor" run --ledger "$ledger" --listen "127.0.0.1:$monitor_port" \
    --controller-metrics "$controller/metrics" --interval 5s
wait_until 30 log_has monitor "listening on " || fail "the monitor did not start (log: $logs/monitor.log)"
forward dashboard-forward "$monitor_port" "$ns_core"
echo "  monitor dashboard at $dashboard/ (inside $ns_core, and forwarded to this machine)"

# ---------------------------------------------------------------------------------------------
# The bootstrap, through the CLI.

step "exchanges, locations and a contributor"
for exchange in "${exchanges[@]}"; do
    read -r code name location country lat lng <<<"$exchange"
    quiet foundation location create --code "$location" --name "$name 1" --country "$country" --lat "$lat" --lng "$lng"
    quiet foundation exchange create --code "$code" --name "$name" --lat "$lat" --lng "$lng"
done
quiet foundation contributor create --code co01 --owner "$(key_of contributor)"

step "devices, interfaces and links"
for device in "${devices[@]}"; do
    read -r code exchange location number <<<"$device"
    quiet contributor device create --code "$code" --contributor co01 --location "$location" --exchange "$exchange" \
        --public-ip "64.86.$number.1" --dz-prefixes "64.86.$((100 + number)).0/29" --wait
    quiet contributor device interface create --device "$code" --name Loopback255 --loopback-type vpnv4
    quiet contributor device interface create --device "$code" --name Loopback256 --loopback-type ipv4
    quiet contributor device interface create --device "$code" --name Ethernet1 --bandwidth 100Gbps
    quiet contributor device interface create --device "$code" --name Ethernet2 --bandwidth 100Gbps
    quiet contributor device interface create --device "$code" --name Ethernet3 --bandwidth 10Gbps \
        --cyoa gre_over_dia --ip-net "64.86.$number.9/30" --user-tunnel-endpoint
done
for link in "${links[@]}"; do
    read -r a a_port z z_port delay <<<"$link"
    quiet contributor link create --code "$a:$z" --side-a "$a" --side-a-interface "$a_port" \
        --side-z "$z" --side-z-interface "$z_port" --bandwidth 100Gbps --delay-ms "$delay" --jitter-ms 0.1 --wait
done

step "a multicast group and access passes"
quiet foundation multicast-group create --code mg01 --max-bandwidth 1Gbps --owner me --wait
for host in "${all_hosts[@]}"; do
    read -r name ip _ <<<"$host"
    quiet foundation multicast-group allowlist publisher add --code mg01 --user-payer "$(key_of "$name")"
    quiet foundation multicast-group allowlist subscriber add --code mg01 --user-payer "$(key_of "$name")"
    quiet foundation access-pass set --client-ip "$ip" --user-payer "$(key_of "$name")"
    echo "  $name: access pass for $ip"
done

# ---------------------------------------------------------------------------------------------
# Devices: one agent per device namespace.

step "device agents"
for device in "${devices[@]}"; do
    read -r code _ <<<"$device"
    mkdir -p "$dir/devices/$code"
    start "agent-$code" "$(device_ns "$code")" "$bin/doublezero-device-agent" run \
        --controller "$controller" --device "$code" --dir "$dir/devices/$code"
done
for device in "${devices[@]}"; do
    read -r code _ <<<"$device"
    wait_until 60 log_has "agent-$code" "applied config" ||
        fail "$code's agent applied no config in 60 s (log: $logs/agent-$code.log)"
    echo "  $code: $(grep -F 'applied config' "$logs/agent-$code.log" | tail -n 1)"
done

# ---------------------------------------------------------------------------------------------
# Hosts: doublezerod, then `doublezero connect ibrl`.

sock_of() { echo "$dir/hosts/$1/doublezerod.sock"; }

step "hosts: doublezerod"
for host in "${all_hosts[@]}"; do
    read -r name ip _ <<<"$host"
    mkdir -p "$dir/hosts/$name/state"
    start "doublezerod-$name" "$(host_ns "$name")" "$bin/doublezerod" run --ledger "$ledger" \
        --sock-file "$(sock_of "$name")" --state-dir "$dir/hosts/$name/state" \
        --route-config "$dir/hosts/$name/route-config.json" --keypair "$dir/keys/$name.json" \
        --client-ip "$ip" --env localnet --metrics-enable --metrics-addr 127.0.0.1:9464
done
for host in "${all_hosts[@]}"; do
    read -r name _ <<<"$host"
    wait_until 30 log_has "doublezerod-$name" "listening on " ||
        fail "$name's doublezerod did not start (log: $logs/doublezerod-$name.log)"
done
echo "  doublezerod runs in each host namespace"

step "hosts: doublezero connect ibrl"
connect_pids=()
for host in "${hosts[@]}"; do
    read -r name _ device <<<"$host"
    pick=(--device "$device")
    [ "$by_latency" = 0 ] || pick=()
    in_ns "$(host_ns "$name")" "$bin/doublezero" connect ibrl --ledger "$ledger" \
        --keypair "$dir/keys/$name.json" --sock-file "$(sock_of "$name")" "${pick[@]}" \
        >"$logs/connect-$name.log" 2>&1 </dev/null &
    connect_pids+=($!)
done
connect_failed=""
for i in "${!hosts[@]}"; do
    read -r name _ <<<"${hosts[$i]}"
    if wait "${connect_pids[$i]}"; then
        echo "  $name: $(grep -F 'Device selected' "$logs/connect-$name.log" | sed 's/^ *//' || true)" \
            "$(grep -F 'User Provisioned' "$logs/connect-$name.log" | sed 's/^ *//' || true)"
    else
        echo "  $name: doublezero connect ibrl failed:" >&2
        sed 's/^/    /' "$logs/connect-$name.log" >&2
        connect_failed+=" $name"
    fi
done
[ -z "$connect_failed" ] || fail "connect failed for$connect_failed (logs: $logs/connect-HOST.log)"

# Every entity the bootstrap and the hosts made must be activated: the activator did its job.
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
[ -z "$not_active" ] || fail "not everything is activated:"$'\n'"$not_active"
echo
echo "devnet: every device, link, group and user is activated."

# ---------------------------------------------------------------------------------------------
# Sessions and routes.

status_of() { in_ns "$(host_ns "$1")" "$bin/doublezero" status --sock-file "$(sock_of "$1")" "${@:2}"; }
session_up() { status_of "$1" 2>/dev/null | grep -qF "BGP Session Up"; }

step "hosts: doublezero status"
for host in "${hosts[@]}"; do
    read -r name _ <<<"$host"
    wait_until 60 session_up "$name" ||
        fail "$name: no 'BGP Session Up' in 60 s; its status:"$'\n'"$(status_of "$name" 2>&1)"$'\n'"(log: $logs/doublezerod-$name.log)"
done
# The device and metro each host got, from `doublezero status --json`.
declare -A device_of metro_of ip_of
for host in "${hosts[@]}"; do
    read -r name ip _ <<<"$host"
    ip_of[$name]="$ip"
    echo "-- $name ($(host_ns "$name"), $ip)"
    status_of "$name"
    read -r got_device got_metro < <(status_of "$name" --json | python3 -c '
import json, sys
rows = [r for r in json.load(sys.stdin) if r["response"].get("user_type", "").lower().startswith("ibrl")]
print(rows[0]["current_device"] or "?", (rows[0]["metro"] or "?").replace(" ", "_")) if rows else print("? ?")' ||
        echo "? ?")
    device_of[$name]="$got_device"
    metro_of[$name]="$got_metro"
done

# The /32s of the other hosts that `name` holds (routes doublezerod installed, protocol 186).
learnt_of() {
    ip -n "$(host_ns "$1")" -j route show proto 186 2>/dev/null | python3 -c '
import json, sys
mine = set(sys.argv[1:])
try:
    routes = json.load(sys.stdin)
except ValueError:
    routes = []
print(" ".join(sorted(r["dst"] for r in routes if r["dst"].split("/")[0] in mine)))' "${ip_of[@]}"
}
# What RFC 6 expects `name` to hold: the IPs of the hosts in other metros.
expected_learnt_of() {
    local other out=()
    for other in "${!ip_of[@]}"; do
        [ "$other" = "$1" ] || [ "${metro_of[$other]}" = "${metro_of[$1]}" ] || out+=("${ip_of[$other]}")
    done
    printf '%s\n' "${out[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
routes_converged() {
    local host name
    for host in "${hosts[@]}"; do
        read -r name _ <<<"$host"
        [ "$(learnt_of "$name")" = "$(expected_learnt_of "$name")" ] || return 1
    done
}

step "routes the hosts learnt over BGP (other hosts' /32s on doublezero0)"
wait_until 60 routes_converged ||
    echo "devnet: the hosts' routes did not converge in 60 s to what RFC 6 expects; the matrix will tell"
for host in "${hosts[@]}"; do
    read -r name _ <<<"$host"
    learnt="$(learnt_of "$name")"
    expected="$(expected_learnt_of "$name")"
    printf '  %-6s device %-9s metro %-10s holds: %-30s (RFC 6: %s)\n' "$name" "${device_of[$name]}" \
        "${metro_of[$name]}" "${learnt:-none}" "${expected:-none}"
done
if [ "$(printf '%s\n' "${metro_of[@]}" | sort -u | wc -l)" -lt 2 ]; then
    echo "devnet: note: every host got a device in the same metro, so no pair crosses metros and no cell can be 'tunnel'"
fi

step "devices: the user tunnels their agents report ($dir/devices/CODE/status.json)"
for device in "${devices[@]}"; do
    read -r code _ <<<"$device"
    printf '  %-9s serves %s\n' "$code" "$(python3 -c '
import json, sys
tunnels = json.load(open(sys.argv[1])).get("user_tunnels", [])
print(", ".join("%s for %s" % (t["interface"], t["client_underlay"]) for t in tunnels) or "no user tunnel")' \
        "$dir/devices/$code/status.json" 2>/dev/null || echo "? (no status.json)")"
done

# ---------------------------------------------------------------------------------------------
# The ping matrix.

ping_count=10
# tx_rx NAME: doublezero0's transmitted and received packet counters on NAME.
# (0 0 when it has no doublezero0).
tx_rx() {
    ip -n "$(host_ns "$1")" -s -j link show doublezero0 2>/dev/null | python3 -c '
import json, sys
try:
    s = json.load(sys.stdin)[0]["stats64"]
    print(s["tx"]["packets"], s["rx"]["packets"])
except Exception:
    print(0, 0)'
}

step "ping matrix: $ping_count pings from each host to each other host; 'tunnel' when doublezero0's tx rose by at least as many"
# A first ping per pair settles ARP caches and the paths, so the counted pings are all answered.
for a_host in "${hosts[@]}"; do
    read -r a _ <<<"$a_host"
    for b_host in "${hosts[@]}"; do
        read -r b b_ip _ <<<"$b_host"
        [ "$a" = "$b" ] || in_ns "$(host_ns "$a")" ping -c 1 -W 1 "$b_ip" >/dev/null 2>&1 || true
    done
done
# Columns: the pair, the path seen, the path RFC 6 expects, replies, doublezero0's tx/rx packet
# increase on the sender, the verdict.
printf '  %-6s -> %-6s  %-8s %-9s %-9s %-14s %s\n' from to path expected answered "doublezero0" verdict
failures=()
for a_host in "${hosts[@]}"; do
    read -r a _ <<<"$a_host"
    for b_host in "${hosts[@]}"; do
        read -r b b_ip _ <<<"$b_host"
        [ "$a" != "$b" ] || continue
        read -r tx0 rx0 < <(tx_rx "$a")
        replies="$(in_ns "$(host_ns "$a")" ping -c "$ping_count" -i 0.05 -W 1 -q "$b_ip" 2>/dev/null |
            sed -n 's/.* \([0-9]*\) received.*/\1/p')"
        read -r tx1 rx1 < <(tx_rx "$a")
        replies="${replies:-0}"
        if [ $((tx1 - tx0)) -ge "$ping_count" ]; then path=tunnel; else path=direct; fi
        if [ "${metro_of[$a]}" != "${metro_of[$b]}" ]; then expected=tunnel; else expected=direct; fi
        verdict=ok
        if [ "$path" != "$expected" ] || [ "$replies" != "$ping_count" ]; then
            verdict=FAIL
            failures+=("$a->$b: $path ($expected expected), $replies/$ping_count answered")
        fi
        printf '  %-6s -> %-6s  %-8s %-9s %-9s %-14s %s\n' "$a" "$b" "$path" "$expected" \
            "$replies/$ping_count" "tx +$((tx1 - tx0)) rx +$((rx1 - rx0))" "$verdict"
    done
done
if [ ${#failures[@]} -eq 0 ]; then
    echo "devnet: matrix as RFC 6 expects: between metros through the tunnels, within a metro directly; every ping answered."
else
    echo "devnet: matrix NOT as RFC 6 expects:"
    printf '  %s\n' "${failures[@]}"
fi

# ---------------------------------------------------------------------------------------------
# Multicast (RFC 13): host4, a publisher-only host in Amsterdam, publishes to mg01; host3, the
# IBRL host in Frankfurt, subscribes over a second tunnel (doublezero1, to its device's second
# endpoint) beside its IBRL tunnel.
# The stream crosses the devices through their agents' multicast forwarding.

mcast_count=1000
# mcast_stream FROM SOURCE TO: sends $mcast_count datagrams at 1,000/s from SOURCE through FROM's
# doublezero1 to mg01:5000 while TO counts what arrives on its doublezero1; prints the count.
mcast_stream() {
    in_ns "$(host_ns "$3")" python3 "$here/multicast-count.py" "$mcast_ip" "$mcast_count" 3 \
        >"$dir/mcast-received" 2>/dev/null &
    local listener=$!
    sleep 0.4
    in_ns "$(host_ns "$1")" python3 "$here/multicast-send.py" "$mcast_ip" "$2" "$mcast_count" 1000 \
        >/dev/null 2>&1 || true
    wait "$listener" 2>/dev/null || true
    cat "$dir/mcast-received" 2>/dev/null || echo 0
}

step "multicast: host4 publishes to mg01, host3 subscribes (a second tunnel beside its IBRL one, RFC 13)"
mcast_ip="$(as foundation multicast-group list --json-compact | python3 -c '
import json, sys
print(next(g["multicast_ip"] for g in json.load(sys.stdin) if g["code"] == "mg01"))')"
read -r publisher _ publisher_device <<<"$publisher_host"
for pair in "$publisher publisher --device $publisher_device" "host3 subscriber"; do
    read -r name role pick <<<"$pair"
    # shellcheck disable=SC2086  # $pick is empty or "--device CODE"
    if in_ns "$(host_ns "$name")" "$bin/doublezero" connect multicast "$role" mg01 $pick --ledger "$ledger" \
        --keypair "$dir/keys/$name.json" --sock-file "$(sock_of "$name")" \
        >"$logs/connect-$name-multicast.log" 2>&1 </dev/null; then
        echo "  $name: $role of mg01 ($mcast_ip) $(grep -F 'Tunnel Dst' "$logs/connect-$name-multicast.log" | sed 's/^ *//')"
    else
        echo "  $name: doublezero connect multicast $role mg01 failed:" >&2
        sed 's/^/    /' "$logs/connect-$name-multicast.log" >&2
    fi
done
publisher_ip="$(ip -n "$(host_ns "$publisher")" -4 -o addr show dev doublezero1 2>/dev/null |
    awk '$4 ~ /\/32$/ { sub(/\/32/, "", $4); print $4; exit }')"
received=0
for _ in 1 2 3; do  # the devices forward once pimd holds the subscriber's join
    [ -n "$publisher_ip" ] || break
    received="$(mcast_stream "$publisher" "$publisher_ip" host3)"
    [ "$received" -lt $((mcast_count - mcast_count / 1000)) ] || break
    sleep 2
done
mcast_verdict=ok
if [ "$received" -lt $((mcast_count - mcast_count / 1000)) ]; then
    mcast_verdict=FAIL
    failures+=("multicast $publisher->host3: $received/$mcast_count received")
fi
printf '  %-9s %-6s -> %-6s  %-22s received %s/%s through doublezero1  %s\n' multicast "$publisher" host3 \
    "mg01 ($mcast_ip)" "$received" "$mcast_count" "$mcast_verdict"

# ---------------------------------------------------------------------------------------------
# Where things are.

echo
echo "devnet: ledger at $ledger (file $dir/ledger.sqlite); controller at $controller; keys in $dir/keys"
echo "devnet: dashboard at $dashboard/ (alerts: $dashboard/alerts, JSON: $dashboard/devices.json, metrics: $dashboard/metrics)"
echo "devnet: logs in $logs (one file per process: ledger, activator, controller, monitor, agent-CODE, doublezerod-HOST, connect-HOST)"
echo "devnet: namespaces $(our_namespaces | tr '\n' ' ')"
echo "devnet: try   ip netns exec $(host_ns host1) $bin/doublezero status --sock-file $(sock_of host1)"
echo "devnet:       ip netns exec $(host_ns host1) ping ${ip_of[host3]}"
echo "devnet:       ip netns exec $ns_core $bin/doublezero user list --ledger $ledger"
frr_dir="$dir/devices/ams-dz01/frr"
echo "devnet:       ip netns exec $(device_ns ams-dz01) vtysh --vty_socket $frr_dir --config_dir $frr_dir -c 'show bgp summary'"
echo "devnet:       cat $dir/devices/ams-dz01/status.json"

if [ "$oneshot" = 1 ]; then
    stop_services
    "$bin/doublezero-ledger" verify --db "$dir/ledger.sqlite"
    echo "devnet: oneshot finished"
    if [ ${#failures[@]} -gt 0 ]; then
        echo "devnet: FAILED: ${#failures[@]} check(s) not as expected: $(printf '%s; ' "${failures[@]}" | sed 's/; $//')" >&2
        exit 1
    fi
    exit 0
fi

# Stay up until Ctrl-C; say so once if a service exits on its own.
echo "devnet: running; Ctrl-C stops it and removes the namespaces."
declare -A reported
while true; do
    for i in "${!pids[@]}"; do
        if ! alive "${pids[$i]}" && [ -z "${reported[${names[$i]}]:-}" ]; then
            reported[${names[$i]}]=1
            echo "devnet: ${names[$i]} exited; see $logs/${names[$i]}.log" >&2
        fi
    done
    sleep 1 &
    wait $! || true
done
