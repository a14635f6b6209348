// The order of values, as a permutation: a stable LSD radix sort on the bits of doubles, so
// sorting 200 000 slices takes milliseconds instead of the hundreds a comparator sort calls for.
// DOM-free (tested in Node against Array.prototype.sort).
//
// A double's bits, read as an unsigned 64-bit integer after flipping (all bits of a negative
// number, the sign bit of a positive one), sort in the same order as the numbers (IEEE 754
// total order; −0 is made +0 first so the two tie). Four passes of 16 bits, least significant
// first; a pass whose digit is the same for every value is skipped. Stable: equal values keep
// index order, so ties are broken by index in both directions.

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// Indices 0..n−1 of `values` (finite numbers) in ascending order (descending when dir < 0).
export function orderOf(values, dir = 1) {
  const n = values.length;
  const f = new Float64Array(n);
  for (let i = 0; i < n; ++i) f[i] = (dir < 0 ? -values[i] : values[i]) + 0;  // + 0 turns −0 into +0
  const words = new Uint32Array(f.buffer);
  const [loAt, hiAt] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
  const lo = new Uint32Array(n), hi = new Uint32Array(n);
  for (let i = 0; i < n; ++i) {
    const h = words[2 * i + hiAt], l = words[2 * i + loAt];
    if (h & 0x80000000) { hi[i] = ~h >>> 0; lo[i] = ~l >>> 0; } else { hi[i] = (h | 0x80000000) >>> 0; lo[i] = l; }
  }
  // The keys travel with the indices, so every pass reads in sequence.
  let order = new Uint32Array(n), nextOrder = new Uint32Array(n);
  let keyLo = lo, keyHi = hi, nextLo = new Uint32Array(n), nextHi = new Uint32Array(n);
  for (let i = 0; i < n; ++i) order[i] = i;
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; ++pass) {
    const shift = pass % 2 ? 16 : 0;
    const word = pass < 2 ? keyLo : keyHi;
    count.fill(0);
    for (let k = 0; k < n; ++k) count[(word[k] >>> shift) & 0xffff] += 1;
    if (n === 0 || count[(word[0] >>> shift) & 0xffff] === n) continue;  // one digit for all: nothing to do
    let sum = 0;
    for (let d = 0; d < 65536; ++d) { const c = count[d]; count[d] = sum; sum += c; }
    for (let k = 0; k < n; ++k) {
      const at = count[(word[k] >>> shift) & 0xffff]++;
      nextOrder[at] = order[k];
      nextLo[at] = keyLo[k];
      nextHi[at] = keyHi[k];
    }
    [order, nextOrder] = [nextOrder, order];
    [keyLo, nextLo] = [nextLo, keyLo];
    [keyHi, nextHi] = [nextHi, keyHi];
  }
  return order;
}
