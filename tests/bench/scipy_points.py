"""The scientific-Python baseline for the point fit: scipy.optimize.least_squares with the analytic
Jacobian on the same points (a binary file of float64 x, y, z triples written by points.mjs).
Prints one JSON line: the time of the fit (median of 3) and its sphere. Run with Debian's python3."""
import json
import sys
import time

import numpy as np
from scipy.optimize import least_squares

points = np.fromfile(sys.argv[1], dtype=np.float64).reshape(-1, 3)
x, y, z = points[:, 0].copy(), points[:, 1].copy(), points[:, 2].copy()


def residuals(p):
    return np.sqrt((x - p[0]) ** 2 + (y - p[1]) ** 2 + (z - p[2]) ** 2) - p[3]


def jacobian(p):
    d = np.sqrt((x - p[0]) ** 2 + (y - p[1]) ** 2 + (z - p[2]) ** 2)
    return np.column_stack([-(x - p[0]) / d, -(y - p[1]) / d, -(z - p[2]) / d, -np.ones_like(d)])


def fit():
    c = points.mean(axis=0)
    r = np.sqrt(((points - c) ** 2).sum(axis=1)).mean()
    return least_squares(residuals, np.array([c[0], c[1], c[2], r]), jac=jacobian, xtol=1e-15, ftol=1e-15, gtol=1e-15)


times = []
for _ in range(3):
    start = time.perf_counter()
    result = fit()
    times.append(1000 * (time.perf_counter() - start))
print(json.dumps({"ms": sorted(times)[1], "center": result.x[:3].tolist(), "radius": float(result.x[3]), "nfev": int(result.nfev)}))
