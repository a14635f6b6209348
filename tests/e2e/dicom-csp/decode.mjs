// Shared by the page and its module worker: reads the listed files with the DICOM reader (codecs
// from the vendored folder) and compares every frame with the generator's pixel truth.
import { configureDicomCodecs, scanDicom, readSlice, loadedCodecs } from './lib/dicom/index.js';

configureDicomCodecs({ baseUrl: new URL('./vendor/dicom/', import.meta.url) });

const bytesOf = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());

export async function decodeAll(list) {
  const results = [];
  for (const { rel, pixels, tolerance } of list) {
    const scan = await scanDicom([{ name: rel, bytes: await bytesOf(`./data/${rel}`) }]);
    if (!scan.ok) { results.push({ rel, ok: false, message: scan.error.message }); continue; }
    const series = scan.series[0];
    if (!series.ok) { results.push({ rel, ok: false, message: series.error.message }); continue; }
    const truthBytes = await bytesOf(`./data/${pixels}`);
    const truth = new Int32Array(truthBytes.buffer, 0, truthBytes.length / 4);
    let worst = 0;
    for (let k = 0; k < series.slices.length; k++) {
      const r = await readSlice(series, k);
      if (!r.ok) { worst = Infinity; results.push({ rel, ok: false, message: r.error.message }); break; }
      const n = r.rows * r.columns;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(r.values[i] - truth[r.frame * n + i]));
    }
    results.push({ rel, ok: worst <= tolerance, worst });
  }
  return { results, loaded: [...loadedCodecs].sort() };
}
