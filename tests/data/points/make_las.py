#!/usr/bin/python3
"""Writes LAS files from the ASPRS LAS specification, and truth.json with their scaled points.

Usage: /usr/bin/python3 make_las.py OUTPUT_FOLDER

No LAS writer (PDAL, laspy, LAStools) is packaged for Debian 12, so this script is the independent
writer of the LAS reader's tests: it packs the public header block, a variable-length record and
the point records field by field as "LAS Specification 1.4 - R15" (ASPRS, 2019) lays them out
(tables 3, 5, 7-16), with nothing shared with the C++ reader. Points lie on a sphere of radius
5 m at a UTM-like place (seed printed); the truth is X * scale + offset in doubles, as the spec
defines the coordinate, so the reader must match it exactly.
  las12_format1.las  LAS 1.2, point format 1 (28 bytes), one VLR
  las12_format3.las  LAS 1.2, point format 3 (34 bytes) with 2 extra bytes per record
  las13_format0.las  LAS 1.3, point format 0 (20 bytes), waveform start field
  las14_format6.las  LAS 1.4, point format 6 (30 bytes), legacy count 0, 64-bit count
  las14_format10.las LAS 1.4, point format 10 (67 bytes), both counts given
"""
import json
import math
import os
import struct
import sys

import numpy as np

SEED = 20250612
RECORD = {0: 20, 1: 28, 2: 26, 3: 34, 4: 57, 5: 63, 6: 30, 7: 36, 8: 38, 9: 59, 10: 67}


def header(version_minor, point_format, record_length, count, scale, offset, mins, maxs, n_vlrs, vlr_bytes):
    size = {0: 227, 1: 227, 2: 227, 3: 235, 4: 375}[version_minor]
    h = bytearray()
    h += b"LASF"
    h += struct.pack("<HH", 7, 0)                 # file source ID, global encoding
    h += bytes(16)                                # project GUID
    h += struct.pack("<BB", 1, version_minor)
    h += b"spherefit test".ljust(32, b"\0")      # system identifier
    h += b"make_las.py".ljust(32, b"\0")         # generating software
    h += struct.pack("<HH", 163, 2025)            # creation day, year
    h += struct.pack("<H", size)
    h += struct.pack("<I", size + vlr_bytes)      # offset to point data
    h += struct.pack("<I", n_vlrs)
    h += struct.pack("<B", point_format)
    h += struct.pack("<H", record_length)
    legacy = count if (point_format <= 5 and count < 2 ** 32) else 0
    if version_minor == 4 and point_format == 10:
        legacy = count                            # both counts may be given for a legacy-compatible count
    h += struct.pack("<I", legacy)
    h += struct.pack("<5I", legacy, 0, 0, 0, 0)   # legacy points by return
    h += struct.pack("<3d", *scale)
    h += struct.pack("<3d", *offset)
    for a in range(3):
        h += struct.pack("<dd", maxs[a], mins[a])
    if version_minor >= 3:
        h += struct.pack("<Q", 0)                 # start of waveform data packet record
    if version_minor >= 4:
        h += struct.pack("<QI", 0, 0)             # start of first EVLR, number of EVLRs
        h += struct.pack("<Q", count)             # number of point records
        h += struct.pack("<15Q", count, *([0] * 14))
    assert len(h) == size, (len(h), size)
    return bytes(h)


def vlr(user_id, record_id, payload):
    return struct.pack("<H", 0) + user_id.ljust(16, b"\0") + struct.pack("<HH", record_id, len(payload)) + \
        b"a test VLR".ljust(32, b"\0") + payload


def point(fmt, X, Y, Z, i, record_length):
    p = struct.pack("<iii", X, Y, Z)
    if fmt <= 5:
        p += struct.pack("<HBBbBH", 100 + i % 900, 0x09, 2, -5, 0, 3)   # intensity, returns, class, angle, user, source
        if fmt in (1, 3, 4, 5):
            p += struct.pack("<d", 1000.5 + i)                           # GPS time
        if fmt in (2, 3, 5):
            p += struct.pack("<HHH", 1000, 2000, 3000)                   # RGB
        if fmt in (4, 5):
            p += bytes(29)                                               # wave packet
    else:
        p += struct.pack("<HBBBBhH", 100 + i % 900, 0x11, 0, 2, 0, -120, 3)  # intensity, returns, flags, class, user, angle, source
        p += struct.pack("<d", 2000.25 + i)
        if fmt in (7, 8, 10):
            p += struct.pack("<HHH", 10, 20, 30)
        if fmt in (8, 10):
            p += struct.pack("<H", 40)                                   # NIR
        if fmt in (9, 10):
            p += bytes(29)
    assert len(p) == RECORD[fmt], (fmt, len(p))
    return p + bytes(record_length - len(p))


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(SEED)
    print(f"make_las: seed {SEED}, writing to {folder}")
    centre = (500123.456, 4000456.789, 120.5)
    radius = 5.0
    scale = (0.001, 0.001, 0.0005)
    offset = (500000.0, 4000000.0, 100.0)
    truth = {"seed": SEED, "centre": centre, "radius": radius, "files": {}}
    files = [("las12_format1.las", 2, 1, 0, True, 400), ("las12_format3.las", 2, 3, 2, False, 300),
             ("las13_format0.las", 3, 0, 0, False, 250), ("las14_format6.las", 4, 6, 4, True, 350),
             ("las14_format10.las", 4, 10, 0, False, 200)]
    for name, minor, fmt, extra, with_vlr, n in files:
        d = rng.normal(size=(n, 3))
        d /= np.linalg.norm(d, axis=1)[:, None]
        world = np.asarray(centre) + radius * d
        ints = [[int(round((world[i, a] - offset[a]) / scale[a])) for a in range(3)] for i in range(n)]
        pts = [[X * scale[a] + offset[a] for a, X in enumerate(p)] for p in ints]
        mins = [min(p[a] for p in pts) for a in range(3)]
        maxs = [max(p[a] for p in pts) for a in range(3)]
        vlrs = vlr(b"LASF_Projection", 34735, bytes(16)) if with_vlr else b""
        length = RECORD[fmt] + extra
        data = header(minor, fmt, length, n, scale, offset, mins, maxs, 1 if with_vlr else 0, len(vlrs)) + vlrs
        data += b"".join(point(fmt, *p, i, length) for i, p in enumerate(ints))
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
        truth["files"][name] = {"version": f"1.{minor}", "format": fmt, "record_length": length, "count": n,
                                "point_offset": len(data) - n * length, "points": pts}
    with open(os.path.join(folder, "truth.json"), "w") as f:
        json.dump(truth, f)
    print(f"make_las: {len(files)} files and truth.json")


if __name__ == "__main__":
    main()
