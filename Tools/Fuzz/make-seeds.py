#!/usr/bin/env python3
"""Writes the seed corpus for bgp-fuzz: one valid message of each type (run once; output committed)."""
import os, struct
here = os.path.dirname(os.path.abspath(__file__))
def msg(t, body): return b'\xff'*16 + struct.pack('!HB', 19+len(body), t) + body
caps = bytes([1,4,0,1,0,1, 65,4]) + struct.pack('!I', 65000)
open_ = msg(1, bytes([4]) + struct.pack('!HHI', 65000, 90, 0x01010101) + bytes([len(caps)+2, 2, len(caps)]) + caps)
attrs = bytes([0x40,1,1,0]) + bytes([0x40,2,6,2,1]) + struct.pack('!I', 65342) + bytes([0x40,3,4,169,254,0,0]) \
  + bytes([0x80,4,4,0,0,0,5]) + bytes([0xc0,8,8]) + struct.pack('!II', (21682<<16)|1200, (21682<<16)|10001) + bytes([0xc0,99,2,1,2])
nlri = bytes([32,147,51,126,1, 24,10,0,0, 0])
update = msg(2, struct.pack('!H', 5) + bytes([32,1,2,3,4]) + struct.pack('!H', len(attrs)) + attrs + nlri)
update2 = msg(2, struct.pack('!H', 0) + struct.pack('!H', 0))
notification = msg(3, bytes([4,0]))
keepalive = msg(4, b'')
os.makedirs(os.path.join(here, 'seeds', 'bgp'), exist_ok=True)
for name, m in [('open', open_), ('update', update), ('eor', update2), ('notification', notification), ('keepalive', keepalive)]:
    open(os.path.join(here, 'seeds', 'bgp', name + '.bin'), 'wb').write(m)
