#!/usr/bin/env bash
# Records the netlink requests iproute2 sends for the operations the Tunnel package implements,
# as golden fixtures for Packages/Tunnel/Tests/TunnelTests/NetlinkGoldenRequestTests.swift.
#
# Usage (as root; needs iproute2 and strace):  bash Tools/TunnelGoldenRecorder/record.sh [OUTDIR]
#
# Every command runs under strace (sendmsg and sendto) in a scratch network namespace holding a veth pair (v0, v1);
# the last request of the expected netlink message type is written to OUTDIR/NAME.hex as
#   # ip ARGS...
#   <hex bytes of the request, one line>
# Sequence numbers are kept as recorded; the tests mask them.
set -euo pipefail

out="${1:-$(cd "$(dirname "$0")/../.." && pwd)/Packages/Tunnel/Tests/Fixtures/iproute2}"
for tool in ip strace awk; do
    command -v "$tool" >/dev/null || { echo "record.sh: '$tool' is required (apt-get install iproute2 strace)" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "record.sh: must run as root (it creates a network namespace)" >&2; exit 1; }

ns="tunrec-$$"
cleanup() { ip netns delete "$ns" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$ns"
ip -n "$ns" link add v0 type veth peer name v1
mkdir -p "$out"

# record NAME MESSAGE_TYPE ARGS...: run `ip ARGS` in the namespace (its status is ignored: a
# request the kernel refuses, such as a gre link on a kernel without gre, is still recorded).
# PICK=first records the first request of the type instead of the last.
record() {
    local name="$1" type="$2"
    shift 2
    local trace
    trace="$(strace -qq -e trace=sendmsg,sendto -e write=all ip -n "$ns" "$@" 2>&1 >/dev/null || true)"
    local hex
    hex="$(printf '%s\n' "$trace" | awk -v want="$type" -v pick="${PICK:-last}" '
        function hexval(h,    i, v) {
            v = 0
            for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
            return v
        }
        function flush() {
            if (cur != "") {
                t = hexval(substr(cur, 11, 2) substr(cur, 9, 2))
                # dumps are sent from a larger zeroed buffer: keep nlmsg_len bytes
                n = hexval(substr(cur, 7, 2) substr(cur, 5, 2) substr(cur, 3, 2) substr(cur, 1, 2))
                if (t == want && (pick == "last" || last == "")) last = substr(cur, 1, 2 * n)
            }
            cur = ""
        }
        /^(sendmsg|sendto)\(/ { flush(); next }
        /^ \| [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]  / {
            line = substr($0, 11, 49)
            gsub(/ /, "", line)
            cur = cur line
            next
        }
        END { flush(); print last }')"
    if [ -z "$hex" ]; then
        echo "record.sh: no request of type $type for: ip $*" >&2
        exit 1
    fi
    printf '# ip %s\n%s\n' "$*" "$hex" >"$out/$name.hex"
    echo "recorded $name ($(( ${#hex} / 2 )) bytes)"
}

# Message types (linux/rtnetlink.h).
NEWLINK=16 DELLINK=17 GETLINK=18 NEWADDR=20 DELADDR=21 GETADDR=22
NEWROUTE=24 DELROUTE=25 GETROUTE=26 NEWRULE=32 DELRULE=33 GETRULE=34

record link_add_gre $NEWLINK link add name doublezero0 mtu 1476 type gre local 192.0.2.1 remote 192.0.2.2 ttl 64 nopmtudisc
record link_add_gre_pmtudisc $NEWLINK link add name doublezero1 type gre local 192.0.2.1 remote 192.0.2.3 ttl 64 pmtudisc
record link_set_up $NEWLINK link set dev v0 up
record link_set_mtu $NEWLINK link set dev v0 mtu 1400
# `ip link show dev v0` first resolves the name (a get by IFLA_IFNAME), then asks again for display.
PICK=first record link_get $GETLINK link show dev v0
record link_dump $GETLINK link show
record address_add $NEWADDR address add 169.254.0.1/31 dev v0 scope link
record address_add_host $NEWADDR address add 198.51.100.7/32 dev v0
record address_replace $NEWADDR address replace 169.254.0.1/31 dev v0 scope link
record address_dump $GETADDR -4 address show
record address_delete $DELADDR address delete 198.51.100.7/32 dev v0
ip -n "$ns" link set dev v1 up
record route_add $NEWROUTE route add 10.1.0.0/24 via 169.254.0.0 src 169.254.0.1 table 100 proto 186
record route_add_device $NEWROUTE route add 10.2.0.0/24 dev v0 table 101 proto static
record route_replace $NEWROUTE route replace 10.1.0.0/24 via 169.254.0.0 src 169.254.0.1 table 100 proto 186
record route_dump $GETROUTE route show table 100
record route_delete $DELROUTE route delete 10.1.0.0/24 via 169.254.0.0 table 100
record route_replace_main $NEWROUTE route replace 100.64.0.7/32 via 169.254.0.0 src 169.254.0.1 proto 186
record route_delete_main $DELROUTE route delete 100.64.0.7/32 via 169.254.0.0 src 169.254.0.1
record route_get $GETROUTE route get 169.254.0.0
record rule_add $NEWRULE rule add priority 100 to 10.0.0.0/8 table 100 protocol kernel
record rule_add_from $NEWRULE rule add priority 101 from 198.51.100.0/24 table 101 protocol kernel
record rule_dump $GETRULE rule show
record rule_delete $DELRULE rule delete priority 100 to 10.0.0.0/8 table 100
record link_set_down $NEWLINK link set dev v0 down
record link_delete $DELLINK link delete dev v0
