// The DICOM reading layer of spherefit: DICOM files in, what the solver needs out — image series
// stacked by their own geometry (LPS mm), each slice's stored values decoded on demand, RT
// structure set contours and segmentation label maps. Plain ES modules with no DOM and no Node
// API: the same code runs in a page, a Web Worker and Node ≥ 20. dicom-parser and the codecs are
// loaded on first use (codecs.js). Every function resolves to a value; none throws.
//
// DICOM patient coordinates are LPS: +x towards the patient's left, +y posterior, +z head.
// 3D Slicer and NIfTI show RAS; lpsToRas flips x and y.
//
//   const scan = await scanDicom(files);                  // [{ name, bytes }] or File objects
//   if (!scan.ok) show(scan.error.message);
//   for (const series of scan.series.filter((s) => s.ok)) {
//     for (let k = 0; k < series.slices.length; k++) {
//       const slice = await readSlice(series, k);         // { ok, values, slope, intercept, origin, … }
//     }
//   }

export { scanDicom, readSlice } from './scan.js';
export { readRtStruct } from './rtstruct.js';
export { readSegmentation } from './seg.js';
export { lpsToRas, rasToLps } from './geometry.js';
export { configureDicomCodecs, loadedCodecs } from './codecs.js';
export { transferSyntaxName } from './transfer-syntax.js';
export { releaseCache as releaseDicomCache } from './series-source.js';
