// The transfer syntaxes (DICOM PS3.5 §10, PS3.6 Annex A) the reader knows by name, and how each
// one's pixel data is decoded: natively (byte order only), by hand (RLE, PS3.5 Annex G: no
// maintained decoder outside a viewer's bundle), or by a codec loaded on first use (codecs.js).

/** @typedef {{ uid: string, name: string, explicit: boolean, littleEndian: boolean, deflated: boolean, encapsulated: boolean, codec: string | null, lossy: boolean }} TransferSyntax */

/** @type {[string, string, { explicit?: boolean, littleEndian?: boolean, deflated?: boolean, codec?: string | null, lossy?: boolean }][]} */
const table = [
  ['1.2.840.10008.1.2', 'Implicit VR Little Endian', { explicit: false }],
  ['1.2.840.10008.1.2.1', 'Explicit VR Little Endian', {}],
  ['1.2.840.10008.1.2.1.99', 'Deflated Explicit VR Little Endian', { deflated: true }],
  ['1.2.840.10008.1.2.2', 'Explicit VR Big Endian', { littleEndian: false }],
  ['1.2.840.10008.1.2.5', 'RLE Lossless', { codec: 'rle' }],
  ['1.2.840.10008.1.2.4.50', 'JPEG Baseline (Process 1)', { codec: 'jpeg', lossy: true }],
  ['1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 & 4)', { codec: null, lossy: true }],
  ['1.2.840.10008.1.2.4.57', 'JPEG Lossless, Non-Hierarchical (Process 14)', { codec: 'jpegLossless' }],
  ['1.2.840.10008.1.2.4.70', 'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])', { codec: 'jpegLossless' }],
  ['1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless Image Compression', { codec: 'jpegLs' }],
  ['1.2.840.10008.1.2.4.81', 'JPEG-LS Lossy (Near-Lossless) Image Compression', { codec: 'jpegLs', lossy: true }],
  ['1.2.840.10008.1.2.4.90', 'JPEG 2000 Image Compression (Lossless Only)', { codec: 'jpeg2000' }],
  ['1.2.840.10008.1.2.4.91', 'JPEG 2000 Image Compression', { codec: 'jpeg2000', lossy: true }],
  ['1.2.840.10008.1.2.4.92', 'JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)', { codec: null }],
  ['1.2.840.10008.1.2.4.93', 'JPEG 2000 Part 2 Multi-component Image Compression', { codec: null, lossy: true }],
  ['1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 Image Compression (Lossless Only)', { codec: 'htj2k' }],
  ['1.2.840.10008.1.2.4.202', 'High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)', { codec: 'htj2k' }],
  ['1.2.840.10008.1.2.4.203', 'High-Throughput JPEG 2000 Image Compression', { codec: 'htj2k', lossy: true }],
  ['1.2.840.10008.1.2.4.100', 'MPEG2 Main Profile / Main Level', { codec: null, lossy: true }],
  ['1.2.840.10008.1.2.4.101', 'MPEG2 Main Profile / High Level', { codec: null, lossy: true }],
  ['1.2.840.10008.1.2.4.102', 'MPEG-4 AVC/H.264 High Profile / Level 4.1', { codec: null, lossy: true }],
  ['1.2.840.10008.1.2.4.103', 'MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1', { codec: null, lossy: true }],
  ['1.2.840.10008.1.2.4.104', 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video', { codec: null, lossy: true }],
  ['1.2.840.10008.1.2.4.105', 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video', { codec: null, lossy: true }],
  ['1.2.840.10008.1.2.4.106', 'MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2', { codec: null, lossy: true }],
  ['1.2.840.10008.1.2.4.107', 'HEVC/H.265 Main Profile / Level 5.1', { codec: null, lossy: true }],
  ['1.2.840.10008.1.2.4.108', 'HEVC/H.265 Main 10 Profile / Level 5.1', { codec: null, lossy: true }],
  ['1.2.840.10008.1.2.4.110', 'JPEG XL Lossless', { codec: null }],
  ['1.2.840.10008.1.2.4.111', 'JPEG XL JPEG Recompression', { codec: null }],
  ['1.2.840.10008.1.2.4.112', 'JPEG XL', { codec: null, lossy: true }],
  ['1.2.840.10008.1.2.1.98', 'Encapsulated Uncompressed Explicit VR Little Endian', { codec: 'encapsulatedNative' }],
];

/** @type {Map<string, TransferSyntax>} */
const byUid = new Map(table.map(([uid, name, o]) => [uid, {
  uid, name, explicit: o.explicit ?? true, littleEndian: o.littleEndian ?? true, deflated: o.deflated ?? false,
  encapsulated: o.codec !== undefined, codec: o.codec ?? null, lossy: o.lossy ?? false,
}]));

/**
 * What the reader knows of a transfer syntax UID; an unknown UID is taken as explicit VR little
 * endian with encapsulated pixel data and no codec (PS3.5 §A.4: every new one is).
 * @param {string} uid
 * @returns {TransferSyntax}
 */
export function transferSyntax(uid) {
  const clean = String(uid ?? '').replace(/[\0 ]+$/, '').trim();
  return byUid.get(clean) ?? {
    uid: clean, name: 'an unknown transfer syntax', explicit: true, littleEndian: true, deflated: false,
    encapsulated: true, codec: null, lossy: false,
  };
}

/** The transfer syntax's name (PS3.6 Annex A), or "an unknown transfer syntax". */
export const transferSyntaxName = (uid) => transferSyntax(uid).name;
