"""Sends COUNT datagrams of 64 bytes (a 4-byte sequence number, then padding) to GROUP:5000 from
SOURCE through INTERFACE (default doublezero1), paced at RATE per second, TTL 32.

Usage: multicast-send.py GROUP SOURCE COUNT RATE [INTERFACE]
Used by the devnet's multicast row, its tests and multicast-bench."""
import socket
import sys
import time

group, source, count, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
interface = sys.argv[5] if len(sys.argv) > 5 else "doublezero1"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, interface.encode())
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 32)
s.bind((source, 0))
payload = b"x" * 60
start = time.monotonic()
i = 0
while i < count:
    ahead = start + i / rate - time.monotonic()
    if ahead > 0.0005:
        time.sleep(ahead)
    s.sendto(i.to_bytes(8, "big")[-4:] + payload, (group, 5000))
    i += 1
