// The other spheres of a Spheres: all fit, drawn around the shown one: each as a faint wireframe
// at its centre (relative to the shown sphere's centre, as everything in the view is) with its
// number from the sphere list beside it, so the list and the picture name the same balls. A
// label or object that is not a sphere is drawn in another colour and never as a surface.
import * as THREE from '../../vendor/three/three.module.js';

const SPHERE = 0x8fb3ff;
const NOT_SPHERE = 0xff8a65;

// A number as a sprite (a canvas texture), `size` world units tall, always facing the camera.
function numberSprite(text, size, color) {
  const canvas = document.createElement('canvas');
  canvas.width = 128;
  canvas.height = 64;
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  ctx.font = 'bold 44px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = `#${color.toString(16).padStart(6, '0')}`;
  ctx.fillText(text, 64, 34);
  const sprite = new THREE.Sprite(new THREE.SpriteMaterial({ map: new THREE.CanvasTexture(canvas), depthTest: false, transparent: true }));
  sprite.scale.set(2 * size, size, 1);
  sprite.renderOrder = 12;
  return sprite;
}

// spheres: a SpheresResult; shown: the index of the sphere the view centres on. Returns
// { object, extent } (extent: how far from the shown centre the spheres reach), or null.
export function otherSpheres(spheres, shown) {
  const centre = spheres?.spheres[shown]?.center;
  if (!centre) return null;
  const object = new THREE.Group();
  let extent = 0;
  const radii = spheres.spheres.filter((e) => e.radius !== null && e.spherical).map((e) => /** @type {number} */ (e.radius));
  const typical = radii.length ? radii.sort((a, b) => a - b)[Math.floor(radii.length / 2)] : spheres.spheres[shown].radius ?? 1;
  spheres.spheres.forEach((e, k) => {
    if (!e.center || e.radius === null) return;
    const at = new THREE.Vector3(e.center[0] - centre[0], e.center[1] - centre[1], e.center[2] - centre[2]);
    // A non-spherical label's "radius" can be huge: it is marked by its number only.
    const r = e.spherical ? e.radius : Math.min(e.radius, typical);
    extent = Math.max(extent, at.length() + r);
    const color = e.spherical ? SPHERE : NOT_SPHERE;
    if (k !== shown && e.spherical) {
      const wire = new THREE.LineSegments(new THREE.WireframeGeometry(new THREE.SphereGeometry(r, 16, 10)),
        new THREE.LineBasicMaterial({ color, transparent: true, opacity: 0.35 }));
      wire.position.copy(at);
      object.add(wire);
    }
    const label = numberSprite(String(e.number), 0.6 * typical, color);
    label.position.copy(at).add(new THREE.Vector3(0, 0, r * 1.25));
    object.add(label);
  });
  return { object, extent };
}
