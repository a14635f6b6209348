// What the 3D view draws, built as three.js objects from a result and nothing else: slice
// circles and points coloured by residual, the fitted sphere and its wireframe, the centre with
// its confidence ellipsoid, the form zone, axes and grid. Each builder returns its object and
// what it drew (for the legend); sphere-view.js owns the scene, camera, picking and highlight.
// Coordinates are relative to the sphere centre: float32 stays precise for balls far from the
// origin.
import * as THREE from '../../vendor/three/three.module.js';
import { residualColor, colourScale, colourScaleOf, ellipsoidMagnification, niceStep } from './geometry.js';
import { showsEllipsoid } from './shape-panel.js';

const REJECTED = [0.45, 0.47, 0.5];

// A budget of line segments keeps drawing interactive on software WebGL: beyond MAX_CIRCLES an
// evenly spaced subset of the circles is drawn (and the legend says so).
const SEGMENT_BUDGET = 150000;
const MAX_CIRCLES = 20000;
// At most this many set-aside points are drawn besides the evenly spaced budget of used ones.
const MAX_REJECTED = 50000;
// Extent and grid from an evenly spaced sample of at most this many points.
const SAMPLE = 20000;

function segmentsPerCircle(drawnCircles) {
  return Math.max(8, Math.min(64, Math.floor(SEGMENT_BUDGET / Math.max(1, drawnCircles))));
}

// Slice i's circle as segments + 1 points (the first repeated), in the plane's basis as the core
// defined it (slices.u, slices.v: x, y, z per slice), relative to `origin`.
export function circlePoints(slices, i, segments, origin = [0, 0, 0]) {
  const u = slices.u.subarray(3 * i, 3 * i + 3), v = slices.v.subarray(3 * i, 3 * i + 3);
  const r = slices.r[i];
  const x = slices.x[i] - origin[0], y = slices.y[i] - origin[1], z = slices.z[i] - origin[2];
  const pts = [];
  for (let k = 0; k <= segments; ++k) {
    const t = (2 * Math.PI * k) / segments, c = Math.cos(t), s = Math.sin(t);
    pts.push(new THREE.Vector3(x + r * (c * u[0] + s * v[0]), y + r * (c * u[1] + s * v[1]), z + r * (c * u[2] + s * v[2])));
  }
  return pts;
}

// The radius about the centre that holds everything drawn: the sphere, every circle, and an
// evenly spaced sample of the points.
export function dataExtent(result) {
  const { slices, points, radius } = result;
  const [cx, cy, cz] = result.center;
  let extent = radius;
  if (slices) {
    for (let i = 0; i < slices.x.length; ++i) {
      extent = Math.max(extent, Math.hypot(slices.x[i] - cx, slices.y[i] - cy, slices.z[i] - cz) + slices.r[i]);
    }
  }
  if (points) {
    for (let i = 0, stride = Math.max(1, Math.ceil(points.x.length / SAMPLE)); i < points.x.length; i += stride) {
      extent = Math.max(extent, Math.hypot(points.x[i] - cx, points.y[i] - cy, points.z[i] - cz));
    }
  }
  return extent;
}

function coloured(positions, colors) {
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
  geometry.setAttribute('color', new THREE.BufferAttribute(colors, 3));
  return geometry;
}

// The slice circles as one LineSegments; set-aside circles grey and always drawn.
// Returns { object, segments, indices (slice of each drawn circle) }.
export function circleLines(result) {
  const { slices } = result;
  const total = slices.x.length, stride = Math.ceil(total / MAX_CIRCLES);
  const indices = [];
  for (let i = 0; i < total; i += stride) indices.push(i);
  if (stride > 1) for (let i = 0; i < total; ++i) if (!result.inlier[i] && i % stride) indices.push(i);
  const n = indices.length, segments = segmentsPerCircle(n);
  const positions = new Float32Array(n * segments * 6), colors = new Float32Array(n * segments * 6);
  const scale = colourScale(result);
  let o = 0;
  for (const i of indices) {
    const pts = circlePoints(slices, i, segments, result.center);
    const color = result.inlier[i] ? residualColor(result.residuals[i] / scale) : REJECTED;
    for (let k = 0; k < segments; ++k) {
      for (const p of [pts[k], pts[k + 1]]) {
        positions[o] = p.x; positions[o + 1] = p.y; positions[o + 2] = p.z;
        colors[o] = color[0]; colors[o + 1] = color[1]; colors[o + 2] = color[2];
        o += 3;
      }
    }
  }
  const object = new THREE.LineSegments(coloured(positions, colors), new THREE.LineBasicMaterial({ vertexColors: true }));
  return { object, segments, indices };
}

// Points are drawn as round dots: a disc texture (three's CanvasTexture) cut out by alphaTest.
let disc = null;
function discTexture() {
  if (!disc) {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 64;
    const g = canvas.getContext('2d');
    g.beginPath();
    g.arc(32, 32, 30, 0, 2 * Math.PI);
    g.fillStyle = '#fff';
    g.fill();
    disc = new THREE.CanvasTexture(canvas);
  }
  return disc;
}

export const pointsMaterial = (size) => new THREE.PointsMaterial({ size, sizeAttenuation: false, vertexColors: true, map: discTexture(), alphaTest: 0.5 });

// The points (of a point fit, or a contour fit's contours), coloured by their distance from the
// sphere; set-aside ones grey. For contours a point is set aside with its contour's circle. At
// most `budget` evenly spaced points are drawn (display only: every point is fitted).
// Returns { object, indices (point of each drawn dot), drawnPoints, totalPoints, stride, pointColourScale }.
export function pointCloud(result, budget) {
  const p = result.points;
  const n = p.x.length;
  let residuals = result.residuals, used = result.inlier, scale;
  if (result.mode === 'contours') {
    residuals = result.pointResiduals;
    const byContour = new Uint8Array(p.sliceNames.length);
    result.slices.contour.forEach((c, k) => { byContour[c] = result.inlier[k]; });
    used = Uint8Array.from(p.slice, (c) => byContour[c]);
    scale = colourScaleOf(residuals, used);
  } else scale = colourScale(result);
  const stride = Math.max(1, Math.ceil(n / budget));
  let count = Math.ceil(n / stride);
  const extra = [];
  if (stride > 1) for (let i = 0; i < n && extra.length < MAX_REJECTED; ++i) if (!used[i] && i % stride) extra.push(i);
  count += extra.length;
  const indices = new Uint32Array(count);
  let m = 0;
  for (let i = 0; i < n; i += stride) indices[m++] = i;
  for (const i of extra) indices[m++] = i;
  const positions = new Float32Array(3 * count), colors = new Float32Array(3 * count);
  const [cx, cy, cz] = result.center;
  for (let k = 0; k < count; ++k) {
    const i = indices[k];
    positions[3 * k] = p.x[i] - cx; positions[3 * k + 1] = p.y[i] - cy; positions[3 * k + 2] = p.z[i] - cz;
    const color = used[i] ? residualColor(residuals[i] / scale) : REJECTED;
    colors[3 * k] = color[0]; colors[3 * k + 1] = color[1]; colors[3 * k + 2] = color[2];
  }
  const geometry = coloured(positions, colors);
  geometry.computeBoundingSphere();
  const size = (result.mode === 'contours' ? 0.7 : 1) * (count <= 2000 ? 6 : count <= 20000 ? 4 : count <= 100000 ? 3 : 2);
  const object = new THREE.Points(geometry, pointsMaterial(size));
  return { object, indices, drawnPoints: count, totalPoints: n, stride, pointColourScale: scale };
}

const translucent = (color, opacity) => new THREE.MeshPhongMaterial({ color, transparent: true, opacity, depthWrite: false, side: THREE.DoubleSide });

// The fitted sphere: a translucent surface and, separately, a faint wireframe.
export function sphereSurface(R) {
  return new THREE.Mesh(new THREE.SphereGeometry(R, 64, 40), translucent(0x4c8dff, 0.18));
}
export function sphereWireframe(R) {
  return new THREE.LineSegments(new THREE.WireframeGeometry(new THREE.SphereGeometry(R, 24, 16)),
    new THREE.LineBasicMaterial({ color: 0x6f8fd0, transparent: true, opacity: 0.14 }));
}

// The fitted ellipsoid or spheroid (the shape asked for, or the best ellipsoid when the points are
// not a sphere) at true size about its own centre: a green wireframe over the sphere; null when
// the result shows none. Returns { object, info: { shape, semiAxes } }.
export function shapeSurface(result) {
  if (!showsEllipsoid(result)) return null;
  const e = result.ellipsoid;
  const mesh = new THREE.LineSegments(new THREE.WireframeGeometry(new THREE.SphereGeometry(1, 32, 20)),
    new THREE.LineBasicMaterial({ color: 0x51cf66, transparent: true, opacity: 0.55 }));
  const basis = new THREE.Matrix4().makeBasis(...e.axes.map((a) => new THREE.Vector3(...a)));
  mesh.quaternion.setFromRotationMatrix(basis);
  mesh.scale.set(...e.semiAxes);
  mesh.position.set(e.center[0] - result.center[0], e.center[1] - result.center[1], e.center[2] - result.center[2]);
  return { object: mesh, info: { shape: result.shape === 'sphere' ? 'ellipsoid' : result.shape, semiAxes: e.semiAxes, best: result.shape === 'sphere' } };
}

// The centre, and its confidence ellipsoid from the result (never computed here), scaled by
// ellipsoidMagnification so it is visible but never dominates the sphere.
// Returns { object, info: { ellipsoid: { level, semiAxes, magnification } | null, noEllipsoid? } }.
export function centreMarks(result) {
  const R = result.radius;
  const object = new THREE.Group();
  object.add(new THREE.Mesh(new THREE.SphereGeometry(R * 0.012, 16, 12), new THREE.MeshBasicMaterial({ color: 0xffffff })));
  const ce = result.confidenceEllipsoid;
  if (!ce) return { object, info: { ellipsoid: null, noEllipsoid: 'none' } };
  const { semiAxes, axes } = ce;
  const largest = Math.max(...semiAxes);
  if (!(largest > 0)) return { object, info: { ellipsoid: null, noEllipsoid: 'exact' } };
  const magnification = ellipsoidMagnification(largest, R);
  const ellipsoid = new THREE.Mesh(new THREE.SphereGeometry(1, 24, 16),
    new THREE.MeshBasicMaterial({ color: 0xffd43b, wireframe: true, transparent: true, opacity: 0.7 }));
  const basis = new THREE.Matrix4().makeBasis(...axes.map((a) => new THREE.Vector3(...a)));
  ellipsoid.quaternion.setFromRotationMatrix(basis);
  ellipsoid.scale.set(...semiAxes.map((s) => Math.max(s * magnification, R * 1e-4)));
  object.add(ellipsoid);
  return { object, info: { ellipsoid: { level: ce.level, semiAxes, magnification } } };
}

// Axes at the centre and a grid (in the z plane, under the lowest circle or point) whose step
// is a round number of the data's units. Returns { object, gridStep }.
export function axesAndGrid(result) {
  const R = result.radius;
  const object = new THREE.Group();
  object.add(new THREE.AxesHelper(R * 1.3));
  let minZ = Infinity;
  const { slices, points } = result;
  if (slices) for (let i = 0; i < slices.z.length; ++i) minZ = Math.min(minZ, slices.z[i] - result.center[2]);
  else for (let i = 0, stride = Math.max(1, Math.ceil(points.z.length / SAMPLE)); i < points.z.length; i += stride) minZ = Math.min(minZ, points.z[i] - result.center[2]);
  const size = niceStep(R * 3) * 10;
  const grid = new THREE.GridHelper(size, 10, 0x5a6475, 0x2c3442);
  grid.rotation.x = Math.PI / 2;
  grid.position.z = Math.min(-R, minZ) - 0.05 * R;
  object.add(grid);
  return { object, gridStep: size / 10 };
}

// The form zone about the fitted centre: its inner and outer spheres, and the points (or
// circles' points) that touch them, outer ones orange, inner ones blue; null without a form fit.
// Returns { object, info: { inner, outer, contacts, outerContacts } }.
export function formZone(result, extent) {
  const { form } = result;
  if (!form) return null;
  const object = new THREE.Group();
  object.add(new THREE.Mesh(new THREE.SphereGeometry(form.innerRadius, 64, 40), translucent(0x3d8bff, 0.16)),
    new THREE.Mesh(new THREE.SphereGeometry(form.outerRadius, 64, 40), translucent(0xff8a3d, 0.16)));
  const [cx, cy, cz] = result.center;
  // Drawn last, over the translucent shells and sphere (a transparent material sorts by renderOrder).
  const marker = new THREE.SphereGeometry(extent * 0.025, 16, 12);
  for (const c of form.contacts) {
    const dot = new THREE.Mesh(marker, new THREE.MeshBasicMaterial({ color: c.side === 'outer' ? 0xff8a3d : 0x5aa2ff, depthTest: false, depthWrite: false, transparent: true }));
    dot.renderOrder = 10;
    dot.position.set(c.point[0] - cx, c.point[1] - cy, c.point[2] - cz);
    object.add(dot);
  }
  const info = {
    inner: form.innerRadius, outer: form.outerRadius, contacts: form.contacts.length,
    outerContacts: form.contacts.filter((c) => c.side === 'outer').length,
  };
  return { object, info };
}
