"""Joins GROUP on INTERFACE (default doublezero1), counts datagrams to port 5000 until COUNT have
arrived or IDLE seconds pass without one, and prints the count.

Usage: multicast-count.py GROUP COUNT IDLE [INTERFACE]
Used by the devnet's multicast row, its tests and multicast-bench."""
import socket
import struct
import sys

group, count, idle = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
interface = sys.argv[4] if len(sys.argv) > 4 else "doublezero1"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
s.bind(("0.0.0.0", 5000))
membership = struct.pack(
    "4s4si", socket.inet_aton(group), socket.inet_aton("0.0.0.0"), socket.if_nametoindex(interface))
s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, membership)
s.settimeout(idle)
got = 0
try:
    while got < count:
        s.recvfrom(2000)
        got += 1
except socket.timeout:
    pass
print(got)
