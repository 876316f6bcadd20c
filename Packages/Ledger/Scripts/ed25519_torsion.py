#!/usr/bin/env python3
"""Derives the constants of Sources/Ledger/StrictEd25519.swift: p, L and the encodings of the
8 Ed25519 points of small order (order dividing the cofactor 8), checking each point lies on
the curve and has the order claimed, by repeated addition.

Run: python3 Packages/Ledger/Scripts/ed25519_torsion.py
"""

p = 2**255 - 19
d = (-121665 * pow(121666, p - 2, p)) % p
L = 2**252 + 27742317777372353535851937790883648493
SQRT_MINUS_ONE = pow(2, (p - 1) // 4, p)
IDENTITY = (0, 1)


def inverse(a):
    return pow(a, p - 2, p)


def add(P, Q):
    """Twisted Edwards addition on -x^2 + y^2 = 1 + d x^2 y^2 (complete for Ed25519)."""
    (x1, y1), (x2, y2) = P, Q
    t = d * x1 * x2 * y1 * y2 % p
    return ((x1 * y2 + x2 * y1) * inverse(1 + t) % p, (y1 * y2 + x1 * x2) * inverse(1 - t) % p)


def on_curve(P):
    x, y = P
    return (-x * x + y * y - 1 - d * x * x * y * y) % p == 0


def order(P):
    """The order of P if it is at most 8, else None."""
    Q, n = P, 1
    while Q != IDENTITY:
        Q, n = add(Q, P), n + 1
        if n > 8:
            return None
    return n


def sqrt(a):
    r = pow(a, (p + 3) // 8, p)
    if r * r % p == a % p:
        return r
    r = r * SQRT_MINUS_ONE % p
    return r if r * r % p == a % p else None


points = {IDENTITY, (0, p - 1), (SQRT_MINUS_ONE, 0), (p - SQRT_MINUS_ONE, 0)}
# A point of order 8 doubles to (±sqrt(-1), 0): y(2P) = 0 means y^2 = -x^2, so x = ±sqrt(-1) y,
# and the curve equation becomes d y^4 + 2 y^2 - 1 = 0.
root = sqrt((4 + 4 * d) % p)
for s in (root, p - root):
    y = sqrt((-2 + s) * inverse(2 * d) % p)
    if y is None:
        continue
    for yy in (y, p - y):
        for x in (SQRT_MINUS_ONE * yy % p, p - SQRT_MINUS_ONE * yy % p):
            points.add((x, yy))

assert len(points) == 8 and all(on_curve(P) and order(P) is not None for P in points)
for P in sorted(points, key=lambda P: (order(P), P[1], P[0] & 1)):
    x, y = P
    encoding = (y | ((x & 1) << 255)).to_bytes(32, "little")
    print(f"order {order(P)}  y = {y:064x}  sign {x & 1}  encoding {encoding.hex()}")
print("p little-endian", p.to_bytes(32, "little").hex())
print("L little-endian", L.to_bytes(32, "little").hex())
