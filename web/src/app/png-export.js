// The 3D view as a PNG that stands on its own: the picture, the scale note in its corner, a
// legend band below (what is drawn, units, grid scale, ellipsoid magnification, the fitted
// sphere) and the same legend as PNG text chunks (tEXt "Title", "Description", "Software"), so a
// program can read what the picture shows.

// CRC-32 (ISO 3309, as PNG chunks use it), table-driven.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; ++n) {
    let c = n;
    for (let k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// A tEXt chunk: keyword, NUL, Latin-1 text (characters outside Latin-1 become '?').
function textChunk(keyword, text) {
  const data = Uint8Array.from(`${keyword}\0${text}`, (ch) => (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 63));
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set([0x74, 0x45, 0x58, 0x74], 4);  // "tEXt"
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

// The PNG bytes with text chunks inserted after IHDR (signature 8 bytes + IHDR 25 bytes).
export function withTextChunks(png, entries) {
  const chunks = Object.entries(entries).map(([k, v]) => textChunk(k, v));
  const extra = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(png.length + extra);
  out.set(png.subarray(0, 33));
  let at = 33;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  out.set(png.subarray(33), at);
  return out;
}

// The tEXt chunks of a PNG as { keyword: text } (for tests and for anyone reading the file).
export function readTextChunks(png) {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out = {};
  for (let at = 8; at + 12 <= png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === 'tEXt') {
      const text = String.fromCharCode(...png.subarray(at + 8, at + 8 + length));
      const nul = text.indexOf('\0');
      out[text.slice(0, nul)] = text.slice(nul + 1);
    }
    at += 12 + length;
  }
  return out;
}

// Lines wrapped to `width` pixels with the context's font.
function wrap(ctx, line, width) {
  const words = line.split(' ');
  const out = [];
  let current = '';
  for (const w of words) {
    const next = current ? `${current} ${w}` : w;
    if (current && ctx.measureText(next).width > width) { out.push(current); current = w; } else current = next;
  }
  if (current) out.push(current);
  return out;
}

// canvas: the rendered WebGL canvas; corner: the scale note; title: a heading line; lines: the legend.
export async function viewPng(canvas, { corner, title, lines, software }) {
  const scale = Math.max(1, canvas.width / 700);
  const font = Math.round(13 * scale), lineHeight = Math.round(font * 1.4), pad = Math.round(10 * scale);
  const measure = document.createElement('canvas').getContext('2d');
  measure.font = `${font}px system-ui, sans-serif`;
  const wrapped = [title, ...lines].flatMap((l) => wrap(measure, l, canvas.width - 2 * pad));
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height + 2 * pad + wrapped.length * lineHeight;
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#10151f';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  ctx.font = `${font}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  // The corner note on a dark plate so it reads over any picture.
  const cornerWidth = ctx.measureText(corner).width;
  ctx.fillStyle = 'rgba(16, 21, 31, 0.85)';
  ctx.fillRect(pad / 2, pad / 2, cornerWidth + pad, lineHeight + pad / 2);
  ctx.fillStyle = '#ffd43b';
  ctx.fillText(corner, pad, pad);
  ctx.fillStyle = '#e8ecf3';
  wrapped.forEach((l, k) => ctx.fillText(l, pad, canvas.height + pad + k * lineHeight));
  const blob = await new Promise((resolve) => { out.toBlob(resolve, 'image/png'); });
  const png = new Uint8Array(await blob.arrayBuffer());
  const text = withTextChunks(png, { Title: title, Description: [corner, ...lines].join('\n'), Software: software });
  return new Blob([text], { type: 'image/png' });
}
