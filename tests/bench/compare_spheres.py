#!/usr/bin/python3
"""Prints, per scene, the spheres each searcher found against make_scenes.py's truth.

Usage: compare_spheres.py TRUTH.json RESULTS_FOLDER  (RESULTS_FOLDER/<scene>.<tool>.json, tool =
spherefit or pcl, as tests/bench/spheres.sh writes them)

A found sphere matches the true sphere nearest its centre when that is within half the true radius
(each true sphere matched once); the others are spurious, unmatched true spheres missed. Errors are
against the true centre and radius (the generator's), as max over matched spheres; the time ratio
is PCL's wall time over spherefit's, both measured in the same run.
"""
import json
import math
import os
import sys


def match(truth, found):
    taken, errors, spurious = set(), [], 0
    for f in found:
        best, k = math.inf, -1
        for i, s in enumerate(truth):
            d = math.dist(f["centre"], s["centre"])
            if d < best and i not in taken:
                best, k = d, i
        if k >= 0 and best < 0.5 * truth[k]["radius"]:
            taken.add(k)
            errors.append((best, abs(f["radius"] - truth[k]["radius"])))
        else:
            spurious += 1
    return len(taken), len(truth) - len(taken), spurious, errors


def main():
    truth = json.load(open(sys.argv[1]))["scenes"]
    folder = sys.argv[2]
    print("%-11s %8s %4s | %-40s | %-40s | %s" % ("scene", "points", "true", "spherefit: found missed spurious |dc| |dR| s",
                                                 "PCL RANSAC: found missed spurious |dc| |dR| s", "PCL/ours"))
    for name, t in truth.items():
        cells, times = [], []
        for tool in ("spherefit", "pcl"):
            path = os.path.join(folder, "%s.%s.json" % (name, tool))
            if not os.path.exists(path):
                cells.append("(not run)")
                times.append(None)
                continue
            r = json.load(open(path))
            if "error" in r:
                cells.append("error: " + r["error"][:30])
                times.append(None)
                continue
            found, missed, spurious, errors = match(t["spheres"], r["spheres"])
            dc = max((e[0] for e in errors), default=0.0)
            dr = max((e[1] for e in errors), default=0.0)
            cells.append("%3d %3d %3d  %8.2g %8.2g %7.3f" % (found, missed, spurious, dc, dr, r["seconds"]))
            times.append(r["seconds"])
        ratio = "%.1f" % (times[1] / times[0]) if None not in times and times[0] > 0 else "-"
        print("%-11s %8d %4d | %-40s | %-40s | %s" % (name, t["points"], len(t["spheres"]), cells[0], cells[1], ratio))


if __name__ == "__main__":
    main()
