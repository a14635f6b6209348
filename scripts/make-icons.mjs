// Draws the app's icons as PNG files (no image from outside): a shaded sphere with its fitted
// circle, on the page's accent colour. `any` icons at 48 (the favicon), 192 and 512 px, and a maskable 512 px one
// whose drawing keeps inside the central 80 % safe zone.
//
//   writeIcons(folder) → [{ src, sizes, type, purpose }] for the web app manifest
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BACKGROUND = [0x1f, 0x4e, 0x79];
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An RGBA image as a PNG file. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 6;  // 8-bit RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A size × size sphere icon; `inset` is the sphere's radius as a fraction of half the size. */
export function drawIcon(size, inset) {
  const rgba = Buffer.alloc(size * size * 4);
  const c = size / 2;
  const r = c * inset;
  const light = [-0.45, -0.55, 0.7];
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const i = (y * size + x) * 4;
      let [red, green, blue] = BACKGROUND;
      const dx = (x + 0.5 - c) / r;
      const dy = (y + 0.5 - c) / r;
      const d2 = dx * dx + dy * dy;
      if (d2 <= 1) {
        const dz = Math.sqrt(1 - d2);
        const diffuse = Math.max(0, dx * light[0] + dy * light[1] + dz * light[2]);
        const shade = 0.25 + 0.75 * diffuse;
        red = 235 * shade; green = 240 * shade; blue = 245 * shade;
        // The fitted circle: a band around the equator of the slice plane.
        if (Math.abs(dy - 0.15) < 0.045) { red = 255; green = 170; blue = 40; }
      }
      rgba[i] = red; rgba[i + 1] = green; rgba[i + 2] = blue; rgba[i + 3] = 255;
    }
  }
  return encodePng(size, size, rgba);
}

/** @param {string} folder  where to write (created) @param {string} prefix  URL of that folder */
export function writeIcons(folder, prefix = 'icons/') {
  mkdirSync(folder, { recursive: true });
  const icons = [
    { name: 'icon-48.png', size: 48, inset: 0.86, purpose: 'any' },  // the page's favicon
    { name: 'icon-192.png', size: 192, inset: 0.86, purpose: 'any' },
    { name: 'icon-512.png', size: 512, inset: 0.86, purpose: 'any' },
    { name: 'icon-maskable-512.png', size: 512, inset: 0.66, purpose: 'maskable' },
  ];
  return icons.map(({ name, size, inset, purpose }) => {
    writeFileSync(join(folder, name), drawIcon(size, inset));
    return { src: `${prefix}${name}`, sizes: `${size}x${size}`, type: 'image/png', purpose };
  });
}
