// A program that uses the installed package as its users would: fits a few circles and prints JSON.
import { loadSphereFit } from 'spherefit';

const sf = await loadSphereFit();
const h = [-3, -1, 0, 2, 4];
const result = sf.fit({ x: h.map(() => 1), y: h.map(() => 2), z: h.map((z) => 3 + z), r: h.map((z) => Math.sqrt(25 - z * z)) });
console.log(JSON.stringify({ ok: result.ok, center: result.center, radius: result.radius, version: sf.version }));
