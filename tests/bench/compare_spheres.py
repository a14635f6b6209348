#!/usr/bin/python3
"""Prints, per scene, the spheres each searcher found against make_scenes.py's truth.

Usage: compare_spheres.py TRUTH.json RESULTS_FOLDER  (RESULTS_FOLDER/<scene>.<tool>.json, tool =
spherefit, pcl or pcl_local, as tests/bench/spheres.sh writes them)
       compare_spheres.py --scenes TRUTH.json             (the scene names, one a line)
       compare_spheres.py --pcl-args TRUTH.json SCENE [local]  (the PCL peer's settings for SCENE)

A found sphere matches the true sphere nearest its centre when that is within half the true radius
(each true sphere matched once); the others are spurious, unmatched true spheres missed. Errors are
against the true centre and radius (the generator's), as max over matched spheres; the time ratio
is each tool's wall time over spherefit's, all measured in the same run.
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


# Radius ranges for the negative scenes (no true sphere): the sizes a user of each would look for.
NEGATIVE_RADII = {"plane": (5.0, 20.0), "cylinder": (5.0, 20.0), "ellipsoid": (5.0, 20.0), "wall_floor": (50.0, 100.0)}
TOOLS = [("spherefit", "spherefit (default options; TLS: known radius)"),
         ("pcl", "PCL RANSAC, samples from anywhere"),
         ("pcl_local", "PCL RANSAC, samples within 2 R_max (setSamplesMaxDist)")]


def radius_range(t, name):
    radii = [s["radius"] for s in t["spheres"]]
    return (0.8 * min(radii), 1.25 * max(radii)) if radii else NEGATIVE_RADII.get(name, (1.0, 100.0))


def pcl_args(t, name, local):
    """PCL needs a threshold and radius limits to find anything: 3 sigma of the scene's noise and
    0.8-1.25x the true radii (more than spherefit is told); the local variant draws its samples
    within twice the largest radius of the first point."""
    low, high = radius_range(t, name)
    args = "--threshold %g --min-radius %g --max-radius %g --min-points 30 --max-spheres %d" % (
        3 * t["noise"], low, high, len(t["spheres"]) + 10)
    return args + (" --samples-max-dist %g" % (2 * high) if local else "")


def main():
    if sys.argv[1] == "--scenes":
        print("\n".join(json.load(open(sys.argv[2]))["scenes"]))
        return
    if sys.argv[1] == "--pcl-args":
        print(pcl_args(json.load(open(sys.argv[2]))["scenes"][sys.argv[3]], sys.argv[3], len(sys.argv) > 4 and sys.argv[4] == "local"))
        return
    truth = json.load(open(sys.argv[1]))["scenes"]
    folder = sys.argv[2]
    for tool, what in TOOLS:
        print("  %-10s %s" % (tool, what))
    print("%-11s %8s %4s | %-10s %5s %6s %8s %9s %9s %9s %10s" % (
        "scene", "points", "true", "tool", "found", "missed", "spurious", "max|dc|", "max|dR|", "seconds", "÷spherefit"))
    for name, t in truth.items():
        ours = None
        for k, (tool, _) in enumerate(TOOLS):
            head = "%-11s %8d %4d" % (name, t["points"], len(t["spheres"])) if k == 0 else " " * 25
            path = os.path.join(folder, "%s.%s.json" % (name, tool))
            if not os.path.exists(path):
                print("%s | %-10s (not run)" % (head, tool))
                continue
            r = json.load(open(path))
            if "error" in r:
                print("%s | %-10s error: %s" % (head, tool, r["error"]))
                continue
            found, missed, spurious, errors = match(t["spheres"], r["spheres"])
            dc = max((e[0] for e in errors), default=0.0)
            dr = max((e[1] for e in errors), default=0.0)
            if tool == "spherefit":
                ours = r["seconds"]
            ratio = "%.1f" % (r["seconds"] / ours) if ours else "-"
            print("%s | %-10s %5d %6d %8d %9.2g %9.2g %9.3f %10s" % (head, tool, found, missed, spurious, dc, dr, r["seconds"], ratio))


if __name__ == "__main__":
    main()
