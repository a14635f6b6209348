#!/usr/bin/python3
"""An independent geometric ellipsoid (or spheroid) fit for the C++ tests: scipy's least_squares
(trust-region reflective, three-point finite-difference Jacobian) on the orthogonal distances,
each found by bisection on the secular equation in t (Eberly's bracket), vectorised in numpy.
It shares nothing with the C++ fit but the problem: a different parametrisation (centre, log
semi-axes, rotation vector / axis angles), another distance routine, another minimiser.

usage: ellipsoid_reference.py SHAPE IN OUT
  SHAPE  ellipsoid | spheroid
  IN     text: a first line "cx cy cz a1 a2 a3 r11 r12 r13 r21 r22 r23 r31 r32 r33", the start
         (centre, semi-axes, rotation row-major; a spheroid's are (a_e, a_e, a_p) with its axis
         the third column), then one point "x y z" per line
  OUT    text: "cx cy cz", "a1 a2 a3" (descending), three lines of unit axes (matching), "F"
"""
import sys

import numpy as np
from scipy.optimize import least_squares
from scipy.spatial.transform import Rotation


def distances(points, centre, rotation, semi):
    """Signed orthogonal distances of points (n×3) to the ellipsoid, by bisection in t."""
    y = (points - centre) @ rotation  # local coordinates: rotation's columns are the axes
    e2 = semi ** 2
    a = np.abs(y) * semi  # e_k |y_k|
    emin2 = e2.min()
    lo = np.max(a - (e2 - emin2), axis=1) - emin2  # t where one term alone is 1
    lo = np.maximum(lo, -emin2)
    hi = np.sqrt((a ** 2).sum(axis=1)) - emin2
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        s = ((a / (mid[:, None] + e2)) ** 2).sum(axis=1)
        above = s > 1.0
        lo = np.where(above, mid, lo)
        hi = np.where(above, hi, mid)
    t = 0.5 * (lo + hi)
    x = e2 * y / (t[:, None] + e2)
    d = np.linalg.norm(y - x, axis=1)
    inside = (y ** 2 / e2).sum(axis=1) < 1.0
    return np.where(inside, -d, d)


def main():
    shape, source, target = sys.argv[1], sys.argv[2], sys.argv[3]
    start = np.loadtxt(source, max_rows=1)
    points = np.loadtxt(source, skiprows=1, ndmin=2)
    centre0 = start[0:3]
    semi0 = start[3:6]
    rot0 = start[6:15].reshape(3, 3)
    if shape == "ellipsoid":
        x0 = np.concatenate([centre0, np.log(semi0), Rotation.from_matrix(rot0).as_rotvec()])

        def unpack(x):
            return x[0:3], Rotation.from_rotvec(x[6:9]).as_matrix(), np.exp(x[3:6])
    else:
        # Spheroid: semi-axes (a_e, a_e, a_p) about the axis at polar angles (theta, phi).
        axis0 = rot0[:, 2]
        x0 = np.concatenate([centre0, [np.log(semi0[0]), np.log(semi0[2]), np.arccos(np.clip(axis0[2], -1, 1)),
                                       np.arctan2(axis0[1], axis0[0])]])

        def unpack(x):
            n = np.array([np.sin(x[5]) * np.cos(x[6]), np.sin(x[5]) * np.sin(x[6]), np.cos(x[5])])
            helper = np.array([1.0, 0.0, 0.0]) if abs(n[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
            u = helper - helper.dot(n) * n
            u /= np.linalg.norm(u)
            v = np.cross(n, u)
            return x[0:3], np.column_stack([u, v, n]), np.exp(np.array([x[3], x[3], x[4]]))

    def residuals(x):
        centre, rotation, semi = unpack(x)
        return distances(points, centre, rotation, semi)

    fit = least_squares(residuals, x0, jac="3-point", method="trf", x_scale="jac", ftol=1e-15, xtol=1e-15,
                        gtol=1e-15, max_nfev=2000)
    centre, rotation, semi = unpack(fit.x)
    order = np.argsort(-semi)
    with open(target, "w") as out:
        out.write("%.17g %.17g %.17g\n" % tuple(centre))
        out.write("%.17g %.17g %.17g\n" % tuple(semi[order]))
        for k in order:
            out.write("%.17g %.17g %.17g\n" % tuple(rotation[:, k]))
        out.write("%.17g\n" % float((fit.fun ** 2).sum()))


if __name__ == "__main__":
    main()
