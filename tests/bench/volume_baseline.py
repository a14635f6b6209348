"""The scientific-Python way to the same sphere, for the volume benchmark: scikit-image's
find_contours on each slice at the threshold, the contour points mapped to millimetres, and
scipy's least_squares (analytic Jacobian) on all of them. Reads the raw int16 volume that
volume.mjs wrote; prints one JSON line with the time and the sphere. Debian's python3."""
import json
import sys
import time

import numpy as np
from scipy.optimize import least_squares
from skimage.measure import find_contours

path, ni, nj, nk, spacing, threshold = sys.argv[1], *map(int, sys.argv[2:5]), float(sys.argv[5]), float(sys.argv[6])
start = time.perf_counter()
volume = np.fromfile(path, dtype='<i2').reshape(nk, nj, ni)  # voxel (i, j, k) at [k, j, i]
points = []
for k in range(nk):
    image = volume[k]
    if image.max() < threshold:
        continue
    contours = [c for c in find_contours(image, threshold) if np.allclose(c[0], c[-1])]
    if len(contours) != 1:
        continue
    c = contours[0]  # (row = j, column = i)
    points.append(np.column_stack([c[:, 1] * spacing, c[:, 0] * spacing, np.full(len(c), k * spacing)]))
contoured = time.perf_counter()
p = np.vstack(points)
x, y, z = p[:, 0], p[:, 1], p[:, 2]


def residuals(s):
    return np.sqrt((x - s[0]) ** 2 + (y - s[1]) ** 2 + (z - s[2]) ** 2) - s[3]


def jacobian(s):
    d = np.sqrt((x - s[0]) ** 2 + (y - s[1]) ** 2 + (z - s[2]) ** 2)
    return np.column_stack([-(x - s[0]) / d, -(y - s[1]) / d, -(z - s[2]) / d, -np.ones_like(d)])


c = p.mean(axis=0)
fit = least_squares(residuals, np.array([*c, np.sqrt(((p - c) ** 2).sum(axis=1)).mean()]), jac=jacobian)
done = time.perf_counter()
print(json.dumps({"ms": 1000 * (done - start), "contourMs": 1000 * (contoured - start), "points": len(p),
                  "center": fit.x[:3].tolist(), "radius": float(fit.x[3])}))
