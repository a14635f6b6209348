#!/usr/bin/python3
"""Writes point scenes holding several spheres (or none), and truth.json describing them.

Usage: /usr/bin/python3 make_scenes.py OUTPUT_FOLDER [--large]   (Debian's python3 with numpy)

Each scene is a binary little-endian PLY: per vertex `double x, y, z` and `int label`, the label
being the index of the true sphere the point was sampled on (-1: another surface). truth.json
records per scene the true spheres (centre, radius, point count), the noise sigma, the seed and the
search options a user would give. The scenes:

  ball_plate   25 balls R 10 mm on cylindrical stems (r 3) above a flat plate, seen by an optical
               scanner from five parallel-projection views (top and four tilted 35 deg): a point is kept
               when one view sees it unoccluded; noise N(0, 0.01 mm) along the surface normal.
  tls          a terrestrial laser scan (ray casting on an angular grid from a scanner at the origin):
               5 sphere targets R 72.5 mm on poles (r 15) between 2 and 4.5 m, two walls and a floor (a 90 x 50 deg field of view);
               range noise N(0, 1.5 mm) along each ray, so each target is seen from one side.
  beads        40 packed beads R 0.5 mm +- 3 % (micro-CT), each touching others (centre distances
               0.995 of the radius sums, so neighbours intersect slightly); only exposed surface
               (points inside another bead are dropped); noise N(0, 0.002 mm) along the normal.
  ball_bar     two balls R 12.7 mm 150 mm apart on a rod (r 4), CT surface, noise 0.005 mm.
  plane, cylinder, wall_floor, ellipsoid    negatives: no sphere.
  tls_large    (only with --large) 10 targets among walls and floor, about 10^6 points.

Points are sampled uniformly by area (numpy's PCG64 from SEED, printed), shuffled so that file
order carries no geometry.
"""
import json
import math
import os
import sys

import numpy as np

SEED = int(os.environ.get("MAKE_SCENES_SEED", "20250301"))  # the tests use the default


def unit(v):
    v = np.asarray(v, float)
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def sphere_directions(rng, n):
    return unit(rng.normal(size=(n, 3)))


def frame(axis):
    """Two unit vectors perpendicular to axis (and to each other)."""
    a = unit(axis)
    helper = np.array([1.0, 0, 0]) if abs(a[0]) < 0.8 else np.array([0, 1.0, 0])
    u = unit(np.cross(a, helper))
    return u, np.cross(a, u)


def write_ply(path, points, labels, comment):
    n = len(points)
    header = ("ply\nformat binary_little_endian 1.0\ncomment %s\nelement vertex %d\n"
              "property double x\nproperty double y\nproperty double z\nproperty int label\nend_header\n"
              % (comment, n))
    record = np.zeros(n, dtype=[("x", "<f8"), ("y", "<f8"), ("z", "<f8"), ("label", "<i4")])
    record["x"], record["y"], record["z"] = points[:, 0], points[:, 1], points[:, 2]
    record["label"] = labels
    with open(path, "wb") as f:
        f.write(header.encode("ascii"))
        f.write(record.tobytes())


def shuffled(rng, points, labels):
    order = rng.permutation(len(points))
    return points[order], labels[order]


def ray_sphere_hit(origin, direction, centre, radius):
    """Smallest t > 1e-6 with |origin + t d - c| = r (d unit), or inf; rows of origin/direction."""
    oc = origin - centre
    b = np.einsum("ij,ij->i", oc, direction)
    c = np.einsum("ij,ij->i", oc, oc) - radius * radius
    disc = b * b - c
    t = np.full(len(origin), np.inf)
    ok = disc > 0
    s = np.sqrt(np.where(ok, disc, 0.0))
    for root in (-b - s, -b + s):
        good = ok & (root > 1e-6) & (root < t)
        t[good] = root[good]
    return t


def ray_cylinder_hit(origin, direction, base, axis, radius, length):
    """Smallest t > 1e-6 hitting the side of a finite cylinder (no end caps), or inf."""
    u, v = frame(axis)
    o = origin - base
    o2 = np.stack([o @ u, o @ v], axis=1)
    d2 = np.stack([direction @ u, direction @ v], axis=1)
    a = np.einsum("ij,ij->i", d2, d2)
    b = np.einsum("ij,ij->i", o2, d2)
    c = np.einsum("ij,ij->i", o2, o2) - radius * radius
    disc = b * b - a * c
    t = np.full(len(origin), np.inf)
    ok = (disc > 0) & (a > 1e-15)
    s = np.sqrt(np.where(ok, disc, 0.0))
    a_safe = np.where(ok, a, 1.0)
    for root in ((-b - s) / a_safe, (-b + s) / a_safe):
        h = (o @ axis) + root * (direction @ axis)
        good = ok & (root > 1e-6) & (root < t) & (h >= 0) & (h <= length)
        t[good] = root[good]
    return t


def scene_ball_plate(rng):
    sigma, radius, stem_r = 0.01, 10.0, 3.0
    centres = np.array([[40.0 * i, 40.0 * j, 30.0 + 0.2 * ((i + 2 * j) % 3)] for j in range(5) for i in range(5)])
    radii = radius + rng.uniform(-0.005, 0.005, len(centres))
    density = 1.75  # points per mm^2 before visibility
    pts, nrm, lab = [], [], []
    for k, (c, r) in enumerate(zip(centres, radii)):
        m = rng.poisson(density * 4 * math.pi * r * r)
        d = sphere_directions(rng, m)
        p = c + r * d
        inside_stem = (np.hypot(p[:, 0] - c[0], p[:, 1] - c[1]) < stem_r) & (p[:, 2] < c[2])
        pts.append(p[~inside_stem]), nrm.append(d[~inside_stem]), lab.append(np.full((~inside_stem).sum(), k))
    stem_top = centres[:, 2] - np.sqrt(radii ** 2 - stem_r ** 2)
    for k, c in enumerate(centres):
        m = rng.poisson(density * 2 * math.pi * stem_r * stem_top[k])
        a = rng.uniform(0, 2 * math.pi, m)
        d = np.stack([np.cos(a), np.sin(a), np.zeros(m)], axis=1)
        p = np.stack([c[0] + stem_r * d[:, 0], c[1] + stem_r * d[:, 1], rng.uniform(0, stem_top[k], m)], axis=1)
        pts.append(p), nrm.append(d), lab.append(np.full(m, -1))
    m = rng.poisson(density * 200 * 200)
    p = np.stack([rng.uniform(-20, 180, m), rng.uniform(-20, 180, m), np.zeros(m)], axis=1)
    keep = np.ones(m, bool)
    for c in centres:
        keep &= np.hypot(p[:, 0] - c[0], p[:, 1] - c[1]) >= stem_r
    pts.append(p[keep]), nrm.append(np.tile([0.0, 0, 1], (keep.sum(), 1))), lab.append(np.full(keep.sum(), -1))
    p, n, label = np.concatenate(pts), np.concatenate(nrm), np.concatenate(lab)

    tilt = math.radians(35)
    views = [np.array([0.0, 0, 1])] + [np.array([math.sin(tilt) * math.cos(a), math.sin(tilt) * math.sin(a), math.cos(tilt)])
                                        for a in np.radians([45, 135, 225, 315])]
    seen = np.zeros(len(p), bool)
    for v in views:
        facing = (n @ v) > 0.1
        free = facing.copy()
        dirs = np.tile(v, (len(p), 1))
        for k, c in enumerate(centres):
            free &= ~np.isfinite(ray_sphere_hit(p, dirs, c, radii[k] * (1 - 1e-9)))
            free &= ~np.isfinite(ray_cylinder_hit(p, dirs, np.array([c[0], c[1], 0.0]), np.array([0, 0, 1.0]), stem_r * (1 - 1e-9), stem_top[k]))
        seen |= free
    p, n, label = p[seen], n[seen], label[seen]
    p = p + rng.normal(0, sigma, (len(p), 1)) * n
    spheres = [{"centre": c.tolist(), "radius": float(r)} for c, r in zip(centres, radii)]
    return p, label, spheres, {"noise": sigma, "units": "mm", "options": {}}


def scan(rng, n_rays, targets, sigma, azimuth, elevation):
    """Ray casting from the origin: floor z = -1500, walls x = 7000 and y = 6000 (up to z = 2500),
    sphere targets on vertical poles from the floor."""
    floor, wall_x, wall_y, top = -1500.0, 7000.0, 6000.0, 2500.0
    pole_r = 15.0
    span_a, span_e = np.radians(azimuth[1] - azimuth[0]), np.radians(elevation[1] - elevation[0])
    na = int(round(math.sqrt(n_rays * span_a / span_e)))
    ne = int(round(n_rays / na))
    az, el = np.meshgrid(np.radians(np.linspace(*azimuth, na)), np.radians(np.linspace(*elevation, ne)), indexing="ij")
    d = np.stack([np.cos(el) * np.cos(az), np.cos(el) * np.sin(az), np.sin(el)], axis=-1).reshape(-1, 3)
    o = np.zeros_like(d)
    t = np.full(len(d), np.inf)
    label = np.full(len(d), -1)
    with np.errstate(divide="ignore", invalid="ignore"):
        for tt in (np.where(d[:, 2] < 0, floor / d[:, 2], np.inf),
                   np.where(d[:, 0] > 0, wall_x / d[:, 0], np.inf),
                   np.where(d[:, 1] > 0, wall_y / d[:, 1], np.inf)):
            z = tt * d[:, 2]
            hit = np.isfinite(tt) & (tt > 0) & (z <= top) & (tt < t)
            t[hit] = tt[hit]
    for k, (c, r) in enumerate(targets):
        ts = ray_sphere_hit(o, d, c, r)
        hit = ts < t
        t[hit], label[hit] = ts[hit], k
        tc = ray_cylinder_hit(o, d, np.array([c[0], c[1], floor]), np.array([0, 0, 1.0]), pole_r, c[2] - r - floor)
        hit = tc < t
        t[hit], label[hit] = tc[hit], -1
    keep = np.isfinite(t)
    d, t, label = d[keep], t[keep], label[keep]
    p = d * (t + rng.normal(0, sigma, len(t)))[:, None]
    return p, label


def tls_targets(rng, count, near, far):
    targets = []
    while len(targets) < count:
        rng_ = rng.uniform(near, far)
        a = rng.uniform(math.radians(5), math.radians(85))
        c = np.array([rng_ * math.cos(a), rng_ * math.sin(a), rng.uniform(-700, 300)])
        if all(np.linalg.norm(c - o) > 600 for o, _ in targets):
            targets.append((c, 72.5))
    return targets


def scene_tls(rng, count=5, n_rays=300_000, near=2000, far=4500):
    sigma = 1.5
    targets = tls_targets(rng, count, near, far)
    p, label = scan(rng, n_rays, targets, sigma, (0, 90), (-35, 15))
    spheres = [{"centre": c.tolist(), "radius": r} for c, r in targets]
    return p, label, spheres, {"noise": sigma, "units": "mm", "options": {"known_radius": 72.5}}


def scene_beads(rng):
    sigma, mean_r, count = 0.002, 0.5, 40
    centres, radii = [np.zeros(3)], [mean_r * rng.uniform(0.97, 1.03)]
    tries = 0
    while len(centres) < count and tries < 100000:
        tries += 1
        r = mean_r * rng.uniform(0.97, 1.03)
        j = rng.integers(len(centres))
        c = centres[j] + 0.995 * (radii[j] + r) * sphere_directions(rng, 1)[0]
        if np.any(np.abs(c) > 1.6):
            continue
        if all(np.linalg.norm(c - ci) >= 0.99 * (ri + r) for ci, ri in zip(centres, radii)):
            centres.append(c), radii.append(r)
    centres, radii = np.array(centres), np.array(radii)
    density = 1500 / (4 * math.pi * mean_r ** 2)
    pts, lab = [], []
    for k, (c, r) in enumerate(zip(centres, radii)):
        m = rng.poisson(density * 4 * math.pi * r * r)
        d = sphere_directions(rng, m)
        p = c + r * d
        exposed = np.ones(m, bool)
        for i, (ci, ri) in enumerate(zip(centres, radii)):
            if i != k:
                exposed &= np.linalg.norm(p - ci, axis=1) >= ri
        p = p[exposed] + rng.normal(0, sigma, (exposed.sum(), 1)) * d[exposed]
        pts.append(p), lab.append(np.full(len(p), k))
    spheres = [{"centre": c.tolist(), "radius": float(r)} for c, r in zip(centres, radii)]
    return np.concatenate(pts), np.concatenate(lab), spheres, {"noise": sigma, "units": "mm", "options": {}}


def scene_ball_bar(rng):
    sigma, radius, rod_r, length = 0.005, 12.7, 4.0, 150.0
    axis = unit([math.cos(math.radians(30)) * math.cos(math.radians(20)),
                 math.sin(math.radians(30)) * math.cos(math.radians(20)), math.sin(math.radians(20))])
    centres = np.array([[10.0, -20.0, 5.0], [10.0, -20.0, 5.0] + length * axis])
    density = 4.0
    pts, lab = [], []
    for k, c in enumerate(centres):
        m = rng.poisson(density * 4 * math.pi * radius ** 2)
        d = sphere_directions(rng, m)
        p = c + radius * d
        along = (p - centres[0]) @ axis
        radial = np.linalg.norm((p - centres[0]) - np.outer(along, axis), axis=1)
        keep = ~((radial < rod_r) & (along > 0) & (along < length))
        pts.append(p[keep] + rng.normal(0, sigma, (keep.sum(), 1)) * d[keep]), lab.append(np.full(keep.sum(), k))
    start = math.sqrt(radius ** 2 - rod_r ** 2)
    m = rng.poisson(density * 2 * math.pi * rod_r * (length - 2 * start))
    u, v = frame(axis)
    a = rng.uniform(0, 2 * math.pi, m)
    d = np.outer(np.cos(a), u) + np.outer(np.sin(a), v)
    p = centres[0] + np.outer(rng.uniform(start, length - start, m), axis) + rod_r * d
    pts.append(p + rng.normal(0, sigma, (m, 1)) * d), lab.append(np.full(m, -1))
    spheres = [{"centre": c.tolist(), "radius": radius} for c in centres]
    return np.concatenate(pts), np.concatenate(lab), spheres, {"noise": sigma, "units": "mm", "options": {}}


def scene_plane(rng):
    sigma, m = 0.01, 20000
    normal = unit([0.2, 0.3, 1.0])
    u, v = frame(normal)
    p = np.outer(rng.uniform(-50, 50, m), u) + np.outer(rng.uniform(-50, 50, m), v) + [5.0, 7.0, 3.0]
    p += np.outer(rng.normal(0, sigma, m), normal)
    return p, np.full(m, -1), [], {"noise": sigma, "units": "mm", "options": {}}


def scene_cylinder(rng):
    sigma, m, r = 0.01, 20000, 10.0
    axis = unit([0.3, -0.2, 1.0])
    u, v = frame(axis)
    a = rng.uniform(0, 2 * math.pi, m)
    d = np.outer(np.cos(a), u) + np.outer(np.sin(a), v)
    p = np.outer(rng.uniform(0, 100, m), axis) + (r + rng.normal(0, sigma, m))[:, None] * d
    return p, np.full(m, -1), [], {"noise": sigma, "units": "mm", "options": {}}


def scene_wall_floor(rng):
    sigma, m = 1.5, 40000
    floor = np.stack([rng.uniform(0, 2000, m // 2), rng.uniform(0, 2000, m // 2), rng.normal(0, sigma, m // 2)], axis=1)
    wall = np.stack([rng.normal(0, sigma, m // 2) + 2000, rng.uniform(0, 2000, m // 2), rng.uniform(0, 2000, m // 2)], axis=1)
    return np.concatenate([floor, wall]), np.full(m, -1), [], {"noise": sigma, "units": "mm", "options": {}}


def scene_ellipsoid(rng):
    sigma, m = 0.01, 20000
    axes = np.array([10.0, 10.0, 13.0])
    d = sphere_directions(rng, 4 * m)
    p = d * axes
    # Uniform by area: the map d -> A d scales the sphere's area element by |A^-1 d| det A, so keep
    # each point with a probability proportional to |A^-1 d| (rejection sampling).
    grad = p / axes ** 2
    weight = np.linalg.norm(grad, axis=1)
    keep = rng.uniform(0, weight.max(), len(p)) < weight
    p, grad = p[keep][:m], grad[keep][:m]
    n = unit(grad)
    p = p + rng.normal(0, sigma, (len(p), 1)) * n
    return p, np.full(len(p), -1), [], {"noise": sigma, "units": "mm", "options": {}}


def scene_tls_large(rng):
    return scene_tls(rng, count=10, n_rays=1_150_000, near=2000, far=6000)


SCENES = [("ball_plate", scene_ball_plate), ("tls", scene_tls), ("beads", scene_beads), ("ball_bar", scene_ball_bar),
          ("plane", scene_plane), ("cylinder", scene_cylinder), ("wall_floor", scene_wall_floor),
          ("ellipsoid", scene_ellipsoid)]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = args[0] if args else "."
    os.makedirs(folder, exist_ok=True)
    scenes = SCENES + ([("tls_large", scene_tls_large)] if "--large" in sys.argv else [])
    truth_path = os.path.join(folder, "truth.json")
    truth = {"seed": SEED, "generator": "tests/data/scenes/make_scenes.py", "scenes": {}}
    if os.path.exists(truth_path):  # keep tls_large when regenerating without --large
        with open(truth_path) as f:
            old = json.load(f)
        if old.get("seed") == SEED:
            truth["scenes"] = {k: v for k, v in old.get("scenes", {}).items() if k == "tls_large"}
    print("make_scenes.py: seed", SEED)
    for index, (name, make) in enumerate(scenes):
        rng = np.random.Generator(np.random.PCG64([SEED, index]))
        p, label, spheres, extra = make(rng)
        p, label = shuffled(rng, p, label)
        for k, s in enumerate(spheres):
            s["points"] = int((label == k).sum())
        write_ply(os.path.join(folder, name + ".ply"), p, label, "spherefit test scene %s, seed %d" % (name, SEED))
        truth["scenes"][name] = dict(file=name + ".ply", points=int(len(p)), spheres=spheres, seed=[SEED, index], **extra)
        print("  %-11s %8d points, %2d spheres" % (name, len(p), len(spheres)))
    with open(truth_path, "w") as f:
        json.dump(truth, f, indent=1)


if __name__ == "__main__":
    main()
