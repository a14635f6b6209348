// The 3D scene: renderer, camera and orbit controls, the layers (built by view-layers.js from a
// result) that the user shows or hides, framing, the hovered and selected slice or point, and
// picking under the pointer. It knows nothing of wasm or workers: it draws a result (its slices,
// its points or both: a contour fit), reports hover/selection (a slice or circle index; a point
// index for points), and what it drew (circles, points, grid step, ellipsoid magnification,
// zone) for the legend (legend.js).
import * as THREE from '../../vendor/three/three.module.js';
import { OrbitControls } from '../../vendor/three/OrbitControls.js';
import { colourScale } from './geometry.js';
import { viewPng } from './png-export.js';
import { otherSpheres } from './spheres-layer.js';
import {
  axesAndGrid, centreMarks, circleLines, circlePoints, dataExtent, formZone, pointCloud, pointsMaterial,
  shapeSurface, sphereSurface, sphereWireframe,
} from './view-layers.js';

const BACKGROUND = 0x10151f;

// A software renderer (SwiftShader, llvmpipe: no GPU, as in headless test browsers and some
// virtual machines) rasterises points slowly, about 2 µs each a frame, so it gets a smaller
// budget of drawn points: the view must stay interactive.
const MAX_POINTS = 250000;
const MAX_POINTS_SOFTWARE = 30000;

// Whether WebGL runs without a GPU (asked of a throwaway context, before the view's own is made).
function softwareRenderer() {
  const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return /swiftshader|llvmpipe|software/i.test(name);
}

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
    ellipsoid: new THREE.Group(), axes: new THREE.Group(), zone: new THREE.Group(), shape: new THREE.Group(),
  };
  for (const g of Object.values(layers)) scene.add(g);
  const highlight = new THREE.Group();
  scene.add(highlight);
  const spheresGroup = new THREE.Group();  // the other spheres of a Spheres: all fit, with their numbers
  scene.add(spheresGroup);
  let spheresShown = { spheres: null, index: -1 };

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
    const points = (index) => circlePoints(drawn.slices, index, 96, drawn.result.center);
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
      for (const hit of raycaster.intersectObject(drawn.points.object, false)) if (!best || hit.distanceToRay < best.distanceToRay) best = hit;
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
      clear(spheresGroup);
      const { slices, points } = result;
      const others = otherSpheres(spheresShown.spheres, spheresShown.index);
      if (others) spheresGroup.add(others.object);
      const extent = Math.max(dataExtent(result), others?.extent ?? 0);
      const circles = slices ? circleLines(result) : null;
      const cloud = points ? pointCloud(result, pointBudget) : null;
      const centre = centreMarks(result), axes = axesAndGrid(result), zone = formZone(result, extent), shape = shapeSurface(result);
      if (circles) layers.circles.add(circles.object);
      if (cloud) layers.points.add(cloud.object);
      layers.sphere.add(sphereSurface(result.radius));
      layers.wireframe.add(sphereWireframe(result.radius));
      layers.ellipsoid.add(centre.object);
      layers.axes.add(axes.object);
      if (zone) layers.zone.add(zone.object);
      if (shape) layers.shape.add(shape.object);
      drawnInfo = {
        mode: result.mode,
        drawnCircles: circles ? circles.indices.length : 0, totalCircles: slices ? slices.x.length : 0,
        colourScale: colourScale(result),
        ...(cloud ? { drawnPoints: cloud.drawnPoints, totalPoints: cloud.totalPoints, pointStride: cloud.stride, pointColourScale: cloud.pointColourScale } : {}),
        ...centre.info, gridStep: axes.gridStep,
        zone: zone?.info ?? null, zoneShown: layers.zone.visible, shape: shape?.info ?? null,
      };
      const previous = drawn?.extent;
      drawn = { slices, result, segments: circles?.segments, indices: circles?.indices, circles: circles?.object, points: cloud, extent };
      onLegend(drawnInfo);
      if (!previous || extent > 2 * previous || extent < 0.5 * previous || !userMoved) fitView();
      requestRender();
    },
    highlight: showHighlight,
    fitView,
    // The list of a Spheres: all fit (or null) and the sphere shown, for the next draw.
    setSpheres(spheres, index) {
      spheresShown = { spheres, index };
    },
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
