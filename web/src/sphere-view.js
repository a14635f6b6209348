// The 3D scene with three.js: slice circles and points coloured by residual, the fitted sphere
// (translucent, with a wireframe), its centre and 95 % confidence ellipsoid, the form zone (inner
// and outer spheres with their contact points), axes and a grid scaled to the data. It knows
// nothing of wasm or workers: it draws a result (its slices, its points or both: a contour fit) and
// reports hover/selection (a slice or circle index; a point index for points), and what it drew
// (circles, points, grid step, ellipsoid magnification, zone) for the legend (legend.js).
import * as THREE from '../vendor/three/three.module.js';
import { OrbitControls } from '../vendor/three/OrbitControls.js';
import { residualColor, colourScale, colourScaleOf, ellipsoidMagnification, niceStep } from './geometry.js';
import { viewPng } from './png-export.js';

const BACKGROUND = 0x10151f;
const REJECTED = [0.45, 0.47, 0.5];

// A budget of line segments keeps drawing interactive on software WebGL: beyond MAX_CIRCLES an
// evenly spaced subset of the circles is drawn (and the legend says so).
const SEGMENT_BUDGET = 150000;
const MAX_CIRCLES = 20000;
// Likewise for points: at most MAX_POINTS evenly spaced ones (and at most MAX_REJECTED set-aside
// ones besides) are drawn. Display only: every point is fitted. A software renderer (SwiftShader,
// llvmpipe: no GPU, as in headless test browsers and some virtual machines) rasterises points
// slowly, about 2 µs each a frame, so it gets a smaller budget: the view must stay interactive.
const MAX_POINTS = 250000;
const MAX_POINTS_SOFTWARE = 30000;
const MAX_REJECTED = 50000;
// Extent and grid from an evenly spaced sample of at most this many points.
const SAMPLE = 20000;

function segmentsPerCircle(drawnCircles) {
  return Math.max(8, Math.min(64, Math.floor(SEGMENT_BUDGET / Math.max(1, drawnCircles))));
}

function circlePoints(slices, i, segments) {
  // The plane's basis as the core defined it (slices.u, slices.v: x, y, z per slice).
  const u = slices.u.subarray(3 * i, 3 * i + 3), v = slices.v.subarray(3 * i, 3 * i + 3);
  const pts = [];
  for (let k = 0; k <= segments; ++k) {
    const t = (2 * Math.PI * k) / segments, c = Math.cos(t), s = Math.sin(t), r = slices.r[i];
    pts.push(new THREE.Vector3(slices.x[i] + r * (c * u[0] + s * v[0]), slices.y[i] + r * (c * u[1] + s * v[1]), slices.z[i] + r * (c * u[2] + s * v[2])));
  }
  return pts;
}

// Whether WebGL runs without a GPU (asked of a throwaway context, before the view's own is made).
function softwareRenderer() {
  const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return /swiftshader|llvmpipe|software/i.test(name);
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

const pointsMaterial = (size) => new THREE.PointsMaterial({ size, sizeAttenuation: false, vertexColors: true, map: discTexture(), alphaTest: 0.5 });

// The selected circle is drawn as a tube (WebGL lines are one pixel wide) in a colour no
// residual takes; the hovered one as a bright line.
const SELECTED = 0xff3df2;
const HOT = 0xffd43b;

export function createSphereView(container, { onHover, onSelect, onLegend }) {
  // Antialiasing doubles a software renderer's frame time: there it is off.
  const software = softwareRenderer();
  const renderer = new THREE.WebGLRenderer({ antialias: !software, preserveDrawingBuffer: true });
  const pointBudget = software ? MAX_POINTS_SOFTWARE : MAX_POINTS;
  renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
  renderer.setClearColor(BACKGROUND);
  container.append(renderer.domElement);

  const scene = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(40, 1, 0.01, 1000);
  camera.up.set(0, 0, 1);  // slices are usually along Z: keep Z up
  const controls = new OrbitControls(camera, renderer.domElement);
  controls.enableDamping = false;
  controls.listenToKeyEvents(container);  // arrow keys pan when the (focusable) view has focus
  scene.add(new THREE.AmbientLight(0xffffff, 0.7));
  const sun = new THREE.DirectionalLight(0xffffff, 1.6);
  scene.add(sun);

  const layers = {
    circles: new THREE.Group(), points: new THREE.Group(), sphere: new THREE.Group(), wireframe: new THREE.Group(),
    ellipsoid: new THREE.Group(), axes: new THREE.Group(), zone: new THREE.Group(),
  };
  for (const g of Object.values(layers)) scene.add(g);
  const highlight = new THREE.Group();
  scene.add(highlight);

  let drawn = null;  // { result, slices, segments, indices, circles (LineSegments), points, pointIndices, extent }
  let drawnInfo = null;  // what was drawn, for the legend
  let frame = 0;
  const requestRender = () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; renderer.render(scene, camera); });
  };
  controls.addEventListener('change', requestRender);
  // The points' shader is compiled while the page is idle, not in the first frame that needs it.
  (window.requestIdleCallback ?? setTimeout)(() => {
    const warm = new THREE.Scene();
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(new Float32Array(3), 3));
    geometry.setAttribute('color', new THREE.BufferAttribute(new Float32Array(3), 3));
    const material = pointsMaterial(1);
    warm.add(new THREE.Points(geometry, material));
    renderer.compile(warm, camera);
    geometry.dispose();
    material.dispose();
  });

  function resize() {
    const w = Math.max(1, container.clientWidth), h = Math.max(1, container.clientHeight);
    renderer.setSize(w, h, false);
    camera.aspect = w / h;
    camera.updateProjectionMatrix();
    // A new shape of the view (a turned phone, a narrower window) frames the scene again unless
    // the user has moved the camera since.
    if (drawn && !userMoved) fitView();
    requestRender();
  }
  new ResizeObserver(resize).observe(container);

  function clear(group) {
    for (const child of [...group.children]) {
      group.remove(child);
      child.traverse?.((o) => { o.geometry?.dispose(); o.material?.dispose?.(); });
    }
  }

  function buildCircles(slices, result) {
    const total = slices.x.length, stride = Math.ceil(total / MAX_CIRCLES);
    const indices = [];
    for (let i = 0; i < total; i += stride) indices.push(i);
    if (stride > 1) for (let i = 0; i < total; ++i) if (!result.inlier[i] && i % stride) indices.push(i);  // always show rejected ones
    const n = indices.length, segments = segmentsPerCircle(n);
    const positions = new Float32Array(n * segments * 6), colors = new Float32Array(n * segments * 6);
    const scale = colourScale(result);
    // Coordinates relative to the sphere centre keep float32 precise for balls far from the origin.
    const [cx, cy, cz] = result.center;
    let o = 0;
    for (const i of indices) {
      const pts = circlePoints(slices, i, segments);
      const color = result.inlier[i] ? residualColor(result.residuals[i] / scale) : REJECTED;
      for (let k = 0; k < segments; ++k) {
        for (const p of [pts[k], pts[k + 1]]) {
          positions[o] = p.x - cx; positions[o + 1] = p.y - cy; positions[o + 2] = p.z - cz;
          colors[o] = color[0]; colors[o + 1] = color[1]; colors[o + 2] = color[2];
          o += 3;
        }
      }
    }
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    geometry.setAttribute('color', new THREE.BufferAttribute(colors, 3));
    const lines = new THREE.LineSegments(geometry, new THREE.LineBasicMaterial({ vertexColors: true }));
    layers.circles.add(lines);
    return { lines, segments, indices };
  }

  // The points (of a point fit, or a contour fit's contours), coloured by their distance from the
  // sphere; set-aside ones grey. For contours a point is set aside with its contour's circle.
  function buildPoints(result) {
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
    const stride = Math.max(1, Math.ceil(n / pointBudget));
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
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    geometry.setAttribute('color', new THREE.BufferAttribute(colors, 3));
    geometry.computeBoundingSphere();
    const size = (result.mode === 'contours' ? 0.7 : 1) * (count <= 2000 ? 6 : count <= 20000 ? 4 : count <= 100000 ? 3 : 2);
    const cloud = new THREE.Points(geometry, pointsMaterial(size));
    layers.points.add(cloud);
    return { cloud, indices, drawnPoints: count, totalPoints: n, pointColourScale: scale, stride };
  }

  // The form zone about the fitted centre: its inner and outer spheres, and the points (or
  // circles' points) that touch them, outer ones orange, inner ones blue.
  function buildZone(result, extent) {
    const { form } = result;
    if (!form) return null;
    const shell = (r, color) => new THREE.Mesh(new THREE.SphereGeometry(r, 64, 40),
      new THREE.MeshPhongMaterial({ color, transparent: true, opacity: 0.16, depthWrite: false, side: THREE.DoubleSide }));
    layers.zone.add(shell(form.innerRadius, 0x3d8bff), shell(form.outerRadius, 0xff8a3d));
    const [cx, cy, cz] = result.center;
    // Drawn last, over the translucent shells and sphere (a transparent material sorts by renderOrder).
    const marker = new THREE.SphereGeometry(extent * 0.025, 16, 12);
    for (const c of form.contacts) {
      const dot = new THREE.Mesh(marker, new THREE.MeshBasicMaterial({ color: c.side === 'outer' ? 0xff8a3d : 0x5aa2ff, depthTest: false, depthWrite: false, transparent: true }));
      dot.renderOrder = 10;
      dot.position.set(c.point[0] - cx, c.point[1] - cy, c.point[2] - cz);
      layers.zone.add(dot);
    }
    return {
      inner: form.innerRadius, outer: form.outerRadius, contacts: form.contacts.length,
      outerContacts: form.contacts.filter((c) => c.side === 'outer').length,
    };
  }

  function buildSphere(R) {
    const mesh = new THREE.Mesh(new THREE.SphereGeometry(R, 64, 40),
      new THREE.MeshPhongMaterial({ color: 0x4c8dff, transparent: true, opacity: 0.18, depthWrite: false, side: THREE.DoubleSide }));
    layers.sphere.add(mesh);
    const wire = new THREE.LineSegments(new THREE.WireframeGeometry(new THREE.SphereGeometry(R, 24, 16)),
      new THREE.LineBasicMaterial({ color: 0x6f8fd0, transparent: true, opacity: 0.14 }));
    layers.wireframe.add(wire);
  }

  // The centre, and its confidence ellipsoid from the result (never computed here), scaled by
  // ellipsoidMagnification so it is visible but never dominates the sphere. Returns what was drawn.
  function buildCentre(result, R) {
    const dot = new THREE.Mesh(new THREE.SphereGeometry(R * 0.012, 16, 12), new THREE.MeshBasicMaterial({ color: 0xffffff }));
    layers.ellipsoid.add(dot);
    const ce = result.confidenceEllipsoid;
    if (!ce) return { ellipsoid: null, noEllipsoid: 'none' };
    const { semiAxes, axes } = ce;
    const largest = Math.max(...semiAxes);
    if (!(largest > 0)) return { ellipsoid: null, noEllipsoid: 'exact' };
    const magnification = ellipsoidMagnification(largest, R);
    const ellipsoid = new THREE.Mesh(new THREE.SphereGeometry(1, 24, 16),
      new THREE.MeshBasicMaterial({ color: 0xffd43b, wireframe: true, transparent: true, opacity: 0.7 }));
    const basis = new THREE.Matrix4().makeBasis(...axes.map((a) => new THREE.Vector3(...a)));
    ellipsoid.quaternion.setFromRotationMatrix(basis);
    ellipsoid.scale.set(...semiAxes.map((s) => Math.max(s * magnification, R * 1e-4)));
    layers.ellipsoid.add(ellipsoid);
    return { ellipsoid: { level: ce.level, semiAxes, magnification } };
  }

  function buildAxes(result, R) {
    layers.axes.add(new THREE.AxesHelper(R * 1.3));
    let minZ = Infinity;
    const { slices, points } = result;
    if (slices) for (let i = 0; i < slices.z.length; ++i) minZ = Math.min(minZ, slices.z[i] - result.center[2]);
    else for (let i = 0, stride = Math.max(1, Math.ceil(points.z.length / SAMPLE)); i < points.z.length; i += stride) minZ = Math.min(minZ, points.z[i] - result.center[2]);
    const size = niceStep(R * 3) * 10;
    const grid = new THREE.GridHelper(size, 10, 0x5a6475, 0x2c3442);
    grid.rotation.x = Math.PI / 2;
    grid.position.z = Math.min(-R, minZ) - 0.05 * R;
    layers.axes.add(grid);
    return size / 10;
  }

  // Frames the bounding sphere of everything drawn (radius `extent` about the centre) in the
  // narrower of the two fields of view: on a phone the horizontal one is the narrower.
  let userMoved = false;
  controls.addEventListener('start', () => { userMoved = true; });
  function fitView() {
    if (!drawn) return;
    userMoved = false;
    const r = drawn.extent;
    const halfV = THREE.MathUtils.degToRad(camera.fov / 2);
    const halfH = Math.atan(Math.tan(halfV) * camera.aspect);
    const distance = (r / Math.sin(Math.min(halfV, halfH))) * 1.08;
    const direction = camera.position.clone().sub(controls.target);
    if (direction.lengthSq() === 0) direction.set(1, -1.6, 0.9);
    controls.target.set(0, 0, 0);
    camera.position.copy(direction.normalize().multiplyScalar(distance));
    camera.near = distance / 1000;
    camera.far = distance * 20;
    camera.updateProjectionMatrix();
    sun.position.set(r * 2, -r * 3, r * 4);
    controls.update();
    requestRender();
  }

  // A point picked or under the pointer: a dot drawn over everything.
  function pointMarker(index, color, scale) {
    const p = drawn.result.points;
    const [cx, cy, cz] = drawn.result.center;
    const dot = new THREE.Mesh(new THREE.SphereGeometry(drawn.extent * scale, 16, 12), new THREE.MeshBasicMaterial({ color, depthTest: false, depthWrite: false, transparent: true }));
    dot.position.set(p.x[index] - cx, p.y[index] - cy, p.z[index] - cz);
    dot.renderOrder = 11;
    highlight.add(dot);
  }

  function showHighlight(hot, selected) {
    clear(highlight);
    if (!drawn) return requestRender();
    if (drawn.result.mode === 'points') {
      const n = drawn.result.points.x.length;
      if (selected >= 0 && selected < n) pointMarker(selected, SELECTED, 0.02);
      if (hot >= 0 && hot < n && hot !== selected) pointMarker(hot, HOT, 0.014);
      return requestRender();
    }
    const [cx, cy, cz] = drawn.result.center;
    const points = (index) => circlePoints(drawn.slices, index, 96).map((p) => p.set(p.x - cx, p.y - cy, p.z - cz));
    if (selected >= 0 && selected < drawn.slices.x.length) {
      const path = new THREE.CatmullRomCurve3(points(selected).slice(0, -1), true);
      const thickness = Math.max(drawn.extent * 0.006, drawn.slices.r[selected] * 0.02);
      const tube = new THREE.Mesh(new THREE.TubeGeometry(path, 96, thickness, 6, true), new THREE.MeshBasicMaterial({ color: SELECTED, depthTest: false }));
      tube.renderOrder = 2;
      highlight.add(tube);
    }
    if (hot >= 0 && hot < drawn.slices.x.length && hot !== selected) {
      const line = new THREE.Line(new THREE.BufferGeometry().setFromPoints(points(hot)), new THREE.LineBasicMaterial({ color: HOT, depthTest: false }));
      line.renderOrder = 3;
      highlight.add(line);
    }
    requestRender();
  }

  // Hover and click pick the nearest circle (or, for points, the point nearest the ray) under
  // the pointer.
  const raycaster = new THREE.Raycaster();
  const pointer = new THREE.Vector2();
  function pick(event) {
    if (!drawn) return -1;
    const rect = renderer.domElement.getBoundingClientRect();
    pointer.set(((event.clientX - rect.left) / rect.width) * 2 - 1, -((event.clientY - rect.top) / rect.height) * 2 + 1);
    raycaster.setFromCamera(pointer, camera);
    if (drawn.result.mode === 'points') {
      if (!layers.points.visible) return -1;
      raycaster.params.Points.threshold = drawn.extent * 0.015;
      let best = null;
      for (const hit of raycaster.intersectObject(drawn.points.cloud, false)) if (!best || hit.distanceToRay < best.distanceToRay) best = hit;
      return best ? drawn.points.indices[best.index] : -1;
    }
    if (!layers.circles.visible) return -1;
    raycaster.params.Line.threshold = drawn.result.radius * 0.02;
    const hit = raycaster.intersectObject(drawn.circles, false)[0];
    return hit ? drawn.indices[Math.floor(hit.index / (2 * drawn.segments))] : -1;
  }
  let moved = false;
  let hoverFrame = 0;
  let lastMove = null;
  renderer.domElement.addEventListener('pointerdown', () => { moved = false; });
  // Picking among a quarter of a million points takes a few milliseconds: once a frame at most.
  renderer.domElement.addEventListener('pointermove', (e) => {
    if (e.buttons) { moved = true; return; }
    lastMove = e;
    if (!hoverFrame) hoverFrame = requestAnimationFrame(() => { hoverFrame = 0; onHover(pick(lastMove)); });
  });
  renderer.domElement.addEventListener('pointerleave', () => onHover(-1));
  renderer.domElement.addEventListener('click', (e) => { if (!moved) onSelect(pick(e)); });

  return {
    // result: a fit of circles (slices), points, or contours (both).
    draw(result) {
      for (const g of Object.values(layers)) clear(g);
      clear(highlight);
      const R = result.radius;
      const { slices, points } = result;
      const [cx, cy, cz] = result.center;
      let extent = R;
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
      const circles = slices ? buildCircles(slices, result) : null;
      const cloud = points ? buildPoints(result) : null;
      buildSphere(R);
      drawnInfo = {
        mode: result.mode,
        drawnCircles: circles ? circles.indices.length : 0, totalCircles: slices ? slices.x.length : 0,
        colourScale: colourScale(result),
        ...(cloud ? { drawnPoints: cloud.drawnPoints, totalPoints: cloud.totalPoints, pointStride: cloud.stride, pointColourScale: cloud.pointColourScale } : {}),
        ...buildCentre(result, R), gridStep: buildAxes(result, R),
        zone: buildZone(result, extent), zoneShown: layers.zone.visible,
      };
      const previous = drawn?.extent;
      drawn = { slices, result, segments: circles?.segments, indices: circles?.indices, circles: circles?.lines, points: cloud, extent };
      onLegend(drawnInfo);
      if (!previous || extent > 2 * previous || extent < 0.5 * previous || !userMoved) fitView();
      requestRender();
    },
    highlight: showHighlight,
    fitView,
    setLayer(name, visible) {
      layers[name].visible = visible;
      if (name === 'zone' && drawnInfo) {
        drawnInfo = { ...drawnInfo, zoneShown: visible };
        onLegend(drawnInfo);
      }
      requestRender();
    },
    // The picture with its legend (png-export.js): { corner, title, lines, software }.
    toBlob(legend) {
      renderer.render(scene, camera);
      return viewPng(renderer.domElement, legend);
    },
    canvas: renderer.domElement,
  };
}
