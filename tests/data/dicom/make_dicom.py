#!/usr/bin/python3
"""Writes DICOM test data with independent writers, and truth.json describing it.

Usage: /usr/bin/python3 make_dicom.py OUTPUT_FOLDER            (the test set, a few MB)
       /usr/bin/python3 make_dicom.py --bench OUTPUT_FOLDER    (512 x 512 x 400 CT, uncompressed and
                                                                 JPEG lossless SV1 by dcmcjpeg)

Debian's writers: pydicom (python3-pydicom) writes the data sets; dcmtk converts transfer syntaxes
(dcmconv: explicit big endian, deflated; dcmcrle: RLE; dcmcjpeg: JPEG baseline and lossless;
dcmcjpls: JPEG-LS); gdcmconv (libgdcm-tools) writes JPEG 2000; openjph's ojph_compress
(openjph-tools) writes HTJ2K code streams that pydicom encapsulates.

What is written (SEED below; every random choice comes from it):
  - CT series of a ball of known centre and radius in LPS mm: axial (file names shuffled,
    InstanceNumber reversed), oblique, gantry-tilted (IPP shifted along y per slice), unevenly
    spaced, one with a slice left out and one with a slice twice;
  - an MR series (sagittal, unsigned, BitsStored 12 with junk in the unused high bits, a different
    RescaleSlope on each slice) and a signed 12-bit CT with junk high bits;
  - an enhanced multi-frame CT (frames stored out of order, per-frame plane positions);
  - a folder mixing DICOM without preamble (raw data set; meta group without preamble) with
    non-DICOM files and a DICOMDIR; a folder whose one SeriesInstanceUID hides several stacks;
  - single files in every transfer syntax the reader supports, and one it does not;
  - RT-STRUCT with Femur_Head_L / Femur_Head_R (circles of known spheres), a bladder (not a
    sphere), a POINT and an OPEN_PLANAR ROI, as DS text and as binary (OD) ContourData;
  - DICOM SEG, binary (1 bit, 37 x 41 frames, so bits run across frame boundaries) and fractional.

truth.json: per series the slice files in stacking order with their IPP, the orientation, pixel
spacing [row spacing, column spacing] and the ball; per pixel file the path of its pixel truth
(pixels/*.i32: int32 little endian, frames x rows x columns) which is pydicom's pixel_array of that
file (decoded by pydicom itself, or GDCM through pydicom for JPEG / JPEG-LS / JPEG 2000) with the
unused high bits masked (and sign-extended) by numpy; HTJ2K, which this pydicom cannot decode,
takes the original values (lossless) or ojph_expand's decoding (lossy).
"""
import io
import json
import math
import os
import shutil
import struct
import subprocess
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.pixel_data_handlers.numpy_handler import pack_bits
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, generate_uid

SEED = int(os.environ.get("MAKE_DICOM_SEED", "20250611"))
rng = np.random.default_rng(SEED)
CT = "1.2.840.10008.5.1.4.1.1.2"
MR = "1.2.840.10008.5.1.4.1.1.4"
ENHANCED_CT = "1.2.840.10008.5.1.4.1.1.2.1"
RTSTRUCT = "1.2.840.10008.5.1.4.1.1.481.3"
SEG = "1.2.840.10008.5.1.4.1.1.66.4"
SC = "1.2.840.10008.5.1.4.1.1.7"
_uid_count = [0]
# pydicom 2.3 predates HTJ2K (2023): name its transfer syntaxes so that it writes them encapsulated.
for _ts, _name in (("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)"),
                   ("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression")):
    pydicom._uid_dict.UID_dictionary.setdefault(_ts, (_name, "Transfer Syntax", "", "", ""))


def uid():
    _uid_count[0] += 1
    return generate_uid(entropy_srcs=[str(SEED), str(_uid_count[0])])


STUDY = uid()
FOR = uid()  # the frame of reference the CT, RT-STRUCT and SEG share


def rotation(axis, degrees):
    axis = np.asarray(axis, float)
    axis /= np.linalg.norm(axis)
    a = math.radians(degrees)
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    return np.eye(3) + math.sin(a) * k + (1 - math.cos(a)) * k @ k


def ds_str(v):
    """A DS value of at most 16 characters; the truth takes float() of it, as a reader does."""
    s = f"{v:.10g}"
    if len(s) > 16:
        s = f"{v:.8g}"
    return s


def base_dataset(sop_class, series_uid, modality, description, ts=ExplicitVRLittleEndian):
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = sop_class
    ds.SOPInstanceUID = uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = ts
    ds.file_meta.ImplementationClassUID = "1.2.826.0.1.3680043.8.498.1"
    ds.is_little_endian = True
    ds.is_implicit_VR = ts == ImplicitVRLittleEndian
    ds.SOPClassUID = sop_class
    ds.StudyInstanceUID = STUDY
    ds.SeriesInstanceUID = series_uid
    ds.Modality = modality
    ds.SeriesDescription = description
    ds.PatientName = "Test^Ball"
    ds.PatientID = "SPHEREFIT-1"
    ds.StudyDate = "20250611"
    ds.SeriesNumber = 1
    return ds


def set_pixels(ds, array, signed, bits_stored=16, photometric="MONOCHROME2"):
    array = np.asarray(array)
    ds.SamplesPerPixel = 1 if array.ndim == 2 or photometric.startswith("MONO") else 3
    ds.PhotometricInterpretation = photometric
    ds.Rows, ds.Columns = (array.shape[-2], array.shape[-1]) if ds.SamplesPerPixel == 1 else array.shape[:2]
    bits = array.dtype.itemsize * 8
    ds.BitsAllocated = bits
    ds.BitsStored = bits_stored if bits_stored <= bits else bits
    ds.HighBit = ds.BitsStored - 1
    ds.PixelRepresentation = 1 if signed else 0
    if ds.SamplesPerPixel == 3:
        ds.PlanarConfiguration = 0
    ds.PixelData = array.astype(array.dtype.newbyteorder("<")).tobytes()


def ball_slice(rows, cols, ipp, row_dir, col_dir, spacing, centre, radius, inside, outside, noise):
    """Values of one slice: inside where the pixel centre is within the ball (LPS mm)."""
    r = np.arange(rows)[:, None]
    c = np.arange(cols)[None, :]
    pts = (np.asarray(ipp)[None, None, :] + (c * spacing[1])[..., None] * np.asarray(row_dir)
           + (r * spacing[0])[..., None] * np.asarray(col_dir))
    d = np.linalg.norm(pts - np.asarray(centre), axis=-1)
    v = np.where(d <= radius, inside, outside).astype(np.float64)
    return v + rng.integers(-noise, noise + 1, size=v.shape)


def save(ds, path, **kw):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    ds.save_as(path, write_like_original=False, **kw)


def write_ct_series(out, name, rows, cols, spacing, row_dir, col_dir, positions, centre, radius,
                    intercept=-1024.0, signed=True, modality="CT", sop=CT, slopes=None,
                    description=None, file_names=None, reverse_instance=True, ts=ExplicitVRLittleEndian,
                    bits_stored=16, junk_high_bits=False, dtype=np.int16, inside=1000, outside=-1000,
                    series_uid=None, frame_of_reference=FOR):
    """Writes one slice a file; returns the truth (slices in the order of `positions`)."""
    series_uid = series_uid or uid()
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    n = len(positions)
    names = file_names or [f"IMG{int(v):05d}.dcm" for v in rng.permutation(n) * 7 + 11]
    slices = []
    for k, ipp in enumerate(positions):
        slope = 1.0 if slopes is None else slopes[k]
        hu = ball_slice(rows, cols, ipp, row_dir, col_dir, spacing, centre, radius, inside, outside, 20)
        stored = np.rint((hu - intercept) / slope)
        info = np.iinfo(dtype)
        lo, hi = (info.min, info.max)
        if bits_stored < info.bits:
            lo, hi = (-(1 << (bits_stored - 1)), (1 << (bits_stored - 1)) - 1) if signed else (0, (1 << bits_stored) - 1)
        stored = np.clip(stored, lo, hi).astype(np.int64)
        raw = stored & ((1 << info.bits) - 1)
        if junk_high_bits and bits_stored < info.bits:
            junk = rng.integers(0, 1 << (info.bits - bits_stored), size=raw.shape) << bits_stored
            raw = (raw & ((1 << bits_stored) - 1)) | junk
        ds = base_dataset(sop, series_uid, modality, description or name, ts)
        ds.FrameOfReferenceUID = frame_of_reference
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
        ds.InstanceNumber = (n - k) if reverse_instance else (k + 1)
        ds.ImagePositionPatient = [ds_str(v) for v in ipp]
        ds.ImageOrientationPatient = [ds_str(v) for v in (*row_dir, *col_dir)]
        ds.PixelSpacing = [ds_str(spacing[0]), ds_str(spacing[1])]
        ds.SliceThickness = "9.99"  # deliberately wrong: spacing comes from the positions
        ds.RescaleIntercept = ds_str(intercept)
        ds.RescaleSlope = ds_str(slope)
        set_pixels(ds, raw.astype(np.uint16 if dtype == np.uint16 or not signed else np.int16)
                   if info.bits == 16 else raw.astype(np.uint8), signed, bits_stored)
        path = os.path.join(folder, names[k])
        save(ds, path)
        slices.append({"file": f"{name}/{names[k]}", "ipp": [float(ds_str(v)) for v in ipp],
                       "slope": float(ds_str(slope)), "intercept": float(ds_str(intercept)),
                       "sop": ds.SOPInstanceUID})
    return {"folder": name, "seriesInstanceUID": series_uid, "frameOfReferenceUID": frame_of_reference,
            "modality": modality, "description": description or name, "rows": rows, "columns": cols,
            "pixelSpacing": [float(ds_str(spacing[0])), float(ds_str(spacing[1]))],
            "rowDirection": [float(ds_str(v)) for v in row_dir],
            "columnDirection": [float(ds_str(v)) for v in col_dir],
            "slices": slices, "ball": {"centre": list(map(float, centre)), "radius": radius}}


def sort_truth(series):
    """Stacking order: ascending projection on n = row × column direction (independent of the reader)."""
    n = np.cross(series["rowDirection"], series["columnDirection"])
    series["normal"] = list(map(float, n / np.linalg.norm(n)))
    series["slices"].sort(key=lambda s: float(np.dot(s["ipp"], n)))
    return series


def masked(arr, ds):
    """pydicom's stored values with the bits above BitsStored cleared (and sign-extended)."""
    a = np.asarray(arr).astype(np.int64)
    bs, ba = int(ds.BitsStored), int(ds.BitsAllocated)
    if bs < ba:
        a &= (1 << bs) - 1
        if int(ds.PixelRepresentation) == 1:
            a = np.where(a >= (1 << (bs - 1)), a - (1 << bs), a)
    return a


PIXELS = {}


def record_pixels(out, rel, original=None, lossless=True, truth=None, tolerance=0, note="", max_deviation=None):
    """Truth for one pixel file: pydicom's pixel_array (masked), checked against the original."""
    ds = pydicom.dcmread(os.path.join(out, rel), force=True)
    if "TransferSyntaxUID" not in getattr(ds, "file_meta", {}):  # a raw data set: implicit VR LE
        ds.file_meta = FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
    if truth is None:
        truth = masked(ds.pixel_array, ds)
    truth = np.asarray(truth).astype(np.int64)
    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    truth = truth.reshape(frames, int(ds.Rows), int(ds.Columns))
    if original is not None:
        orig = np.asarray(original).astype(np.int64).reshape(truth.shape)
        diff = int(np.abs(orig - truth).max())
        if lossless and diff != 0:
            raise SystemExit(f"{rel}: lossless file differs from the original by {diff}")
        if max_deviation is not None and diff > max_deviation:
            raise SystemExit(f"{rel}: near-lossless file differs from the original by {diff} > {max_deviation}")
    key = rel.replace("/", "__")
    os.makedirs(os.path.join(out, "pixels"), exist_ok=True)
    truth.astype("<i4").tofile(os.path.join(out, "pixels", key + ".i32"))
    PIXELS[rel] = {"pixels": f"pixels/{key}.i32", "shape": list(truth.shape), "lossless": lossless,
                   "tolerance": tolerance, "transferSyntax": str(ds.file_meta.TransferSyntaxUID),
                   "signed": int(ds.PixelRepresentation) == 1, "bitsAllocated": int(ds.BitsAllocated),
                   "bitsStored": int(ds.BitsStored), "photometric": str(ds.PhotometricInterpretation),
                   "note": note}


def run(*cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {r.stdout}{r.stderr}")


def raw_dataset_bytes(path):
    """The file without preamble, DICM and meta group: an old raw data set (implicit VR LE)."""
    b = open(path, "rb").read()
    assert b[128:132] == b"DICM"
    group_len = struct.unpack("<I", b[140:144])[0]
    return b[144 + group_len:]


def axial_positions(n, z0, dz, x0=-22.0, y0=-21.0):
    return [[x0, y0, z0 + k * dz] for k in range(n)]


def main(out):
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    truth = {"seed": SEED, "series": {}, "pixels": PIXELS, "notes": {}}
    S = truth["series"]
    centre = [0.35, 1.2, 14.7]
    radius = 11.5
    ax_row, ax_col = [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]

    # Axial CT: rows 60 x columns 64, row spacing 0.7 (along the column direction), column spacing 0.8.
    S["ct_axial"] = sort_truth(write_ct_series(out, "ct_axial", 60, 64, [0.7, 0.8], ax_row, ax_col,
                                               axial_positions(30, 0.0, 1.25)[::-1], centre, radius))
    # Oblique: rotated orientation, stacked along the normal, written from top to bottom.
    rot = rotation([0.3, -0.5, 0.8], 27.0)
    rdir, cdir = rot @ np.array(ax_row), rot @ np.array(ax_col)
    rdir, cdir = [float(ds_str(v)) for v in rdir], [float(ds_str(v)) for v in cdir]
    n = np.cross(rdir, cdir)
    o0 = np.array(centre) - 20 * np.array(rdir) - 20 * np.array(cdir) - 14 * n
    S["ct_oblique"] = sort_truth(write_ct_series(out, "ct_oblique", 52, 56, [0.75, 0.75], rdir, cdir,
                                                 [list(o0 + 1.1 * k * n) for k in range(26)], centre, radius))
    # Gantry tilt 17°: the column direction tilts in the y–z plane, and the table moves the slice
    # origins by 1.5 mm along z and 0.4 mm along −y per slice, so they do not run along the normal.
    t = math.radians(17.0)
    tcol = [0.0, float(ds_str(math.cos(t))), float(ds_str(-math.sin(t)))]
    step = np.array([0.0, -0.4, 1.5])
    S["ct_tilt"] = sort_truth(write_ct_series(out, "ct_tilt", 56, 60, [0.8, 0.8], ax_row, tcol,
                                              [list(np.array([-23.0, -18.0, 1.0]) + k * step) for k in range(26)],
                                              centre, radius, intercept=0.0))
    n_t = np.array(S["ct_tilt"]["normal"])
    along = float(abs(np.dot(step, n_t)))
    S["ct_tilt"]["tiltDegrees"] = math.degrees(math.atan2(np.linalg.norm(step - np.dot(step, n_t) * n_t), along))
    S["ct_tilt"]["planeSpacing"] = along
    # Uneven spacing (no gap above 1.5 x the median).
    steps = [1.0, 1.3, 0.9, 1.1, 1.4, 1.0, 1.2, 0.8, 1.3, 1.0, 1.1, 0.9, 1.2, 1.0, 1.4, 1.1, 1.0, 1.2, 0.9, 1.3]
    zs = np.concatenate([[2.0], 2.0 + np.cumsum(steps)])
    S["ct_uneven"] = sort_truth(write_ct_series(out, "ct_uneven", 48, 48, [1.0, 1.0], ax_row, ax_col,
                                                [[-24.0, -23.0, float(z)] for z in zs], centre, radius))
    # A slice left out (k = 9: the gap between z = 10.25 and 12.75 is 2 x the spacing).
    pos = [p for k, p in enumerate(axial_positions(20, 1.5, 1.25)) if k != 7]
    S["ct_missing"] = sort_truth(write_ct_series(out, "ct_missing", 40, 40, [1.0, 1.0], ax_row, ax_col, pos, centre, radius))
    # A slice twice (same position, another SOP instance and file).
    pos = axial_positions(12, 8.0, 1.25)
    pos.insert(5, list(pos[5]))
    S["ct_duplicate"] = sort_truth(write_ct_series(out, "ct_duplicate", 40, 40, [1.0, 1.0], ax_row, ax_col, pos, centre, radius))

    # MR: sagittal (row along +y = posterior, column along −z = feet), unsigned 12 of 16 bits with
    # junk above bit 11, a different slope per slice, implicit VR little endian.
    mr_row, mr_col = [0.0, 1.0, 0.0], [0.0, 0.0, -1.0]
    xs = np.arange(-12.0, 13.0, 1.6)
    S["mr_sag"] = sort_truth(write_ct_series(out, "mr_sag", 44, 50, [0.9, 0.85], mr_row, mr_col,
                                             [[float(x), -20.0, 33.0] for x in xs], centre, radius, intercept=0.0,
                                             signed=False, modality="MR", sop=MR, dtype=np.uint16, bits_stored=12,
                                             junk_high_bits=True, slopes=[1.0 + 0.05 * k for k in range(len(xs))],
                                             inside=1800, outside=200, ts=ImplicitVRLittleEndian))
    # Signed 12-bit CT with junk in the high bits (sign extension from bit 11).
    S["ct_bits12"] = sort_truth(write_ct_series(out, "ct_bits12", 32, 36, [1.2, 1.1], ax_row, ax_col,
                                                axial_positions(6, 10.0, 2.0, -20, -18), centre, radius, intercept=0.0,
                                                bits_stored=12, junk_high_bits=True))
    # One 512 x 512 slice (512 KiB: more than the scan's first read of a lazy file).
    S["big"] = sort_truth(write_ct_series(out, "big", 512, 512, [0.5, 0.5], ax_row, ax_col, [[-128.0, -128.0, 14.7]],
                                          centre, radius, file_names=["big.dcm"]))
    for name in ("ct_axial", "mr_sag", "ct_bits12", "ct_tilt", "big"):
        for s in S[name]["slices"][:2]:
            record_pixels(out, s["file"])

    # Enhanced multi-frame CT: 18 frames 40 x 44, frames stored in a shuffled order.
    write_enhanced(out, S, centre, radius)

    # No preamble, DICOMDIR, non-DICOM files.
    write_mixed(out, S, centre, radius)
    # One SeriesInstanceUID, several stacks.
    write_split(out, S, centre, radius)

    # Transfer syntaxes.
    write_transfer_syntaxes(out, S)

    # RT-STRUCT and SEG.
    write_rtstruct(out, truth, S["ct_axial"])
    write_seg(out, truth, S["ct_axial"])
    # Last, so that the random noise of every file above stays as it was (the fuzz test's seeds):
    # gantry tilt and uneven spacing together: the tilted table's steps grow from 1.1 to 1.9 mm, so
    # neither one spacing nor one step direction along the normal places the slices (one mean step
    # would misplace the middle slices by about 1.5 mm). A JPEG-LS lossless copy of every file
    # (dcmcjpls) beside it.
    tsteps = [round(1.1 + 0.8 * k / 23, 4) for k in range(24)]
    tdir = np.array([0.0, -0.4, 1.5]) / np.linalg.norm([0.0, -0.4, 1.5])
    tpos = np.concatenate([[0.0], np.cumsum(tsteps)])
    S["ct_tilt_uneven"] = sort_truth(write_ct_series(out, "ct_tilt_uneven", 56, 60, [0.8, 0.8], ax_row, tcol,
                                                     [list(np.array([-23.0, -18.0, 1.0]) + d * tdir) for d in tpos],
                                                     centre, radius, intercept=0.0))
    os.makedirs(os.path.join(out, "ct_tilt_uneven_jpegls"), exist_ok=True)
    for f in os.listdir(os.path.join(out, "ct_tilt_uneven")):
        run("dcmcjpls", os.path.join(out, "ct_tilt_uneven", f), os.path.join(out, "ct_tilt_uneven_jpegls", f))
    with open(os.path.join(out, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1)


def write_enhanced(out, S, centre, radius):
    rows, cols, nf = 40, 44, 18
    spacing = [0.9, 0.95]
    rot = rotation([1, 0.2, 0], 12)
    rdir = [float(ds_str(v)) for v in rot @ np.array([1.0, 0, 0])]
    cdir = [float(ds_str(v)) for v in rot @ np.array([0, 1.0, 0])]
    n = np.cross(rdir, cdir)
    o0 = np.array(centre) - 19 * np.array(rdir) - 18 * np.array(cdir) - 12 * n
    positions = [[float(ds_str(v)) for v in o0 + 1.4 * k * n] for k in range(nf)]
    order = rng.permutation(nf)  # frame f of the file holds position order[f]
    ds = base_dataset(ENHANCED_CT, uid(), "CT", "enhanced CT")
    ds.FrameOfReferenceUID = FOR
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL", "NONE"]
    ds.InstanceNumber = 1
    ds.NumberOfFrames = nf
    shared = Dataset()
    po = Dataset()
    po.ImageOrientationPatient = [ds_str(v) for v in (*rdir, *cdir)]
    pm = Dataset()
    pm.PixelSpacing = [ds_str(spacing[0]), ds_str(spacing[1])]
    pm.SliceThickness = "1.4"
    pvt = Dataset()
    pvt.RescaleIntercept = "-1024"
    pvt.RescaleSlope = "1"
    pvt.RescaleType = "HU"
    shared.PlaneOrientationSequence = Sequence([po])
    shared.PixelMeasuresSequence = Sequence([pm])
    shared.PixelValueTransformationSequence = Sequence([pvt])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    per = []
    frames = []
    for f in range(nf):
        k = int(order[f])
        g = Dataset()
        pp = Dataset()
        pp.ImagePositionPatient = [ds_str(v) for v in positions[k]]
        g.PlanePositionSequence = Sequence([pp])
        fc = Dataset()
        fc.FrameAcquisitionNumber = f + 1
        fc.InStackPositionNumber = k + 1
        g.FrameContentSequence = Sequence([fc])
        per.append(g)
        hu = ball_slice(rows, cols, positions[k], rdir, cdir, spacing, centre, radius, 1000, -1000, 20)
        frames.append(np.rint(hu + 1024).astype(np.int16))
    ds.PerFrameFunctionalGroupsSequence = Sequence(per)
    set_pixels(ds, np.stack(frames), True)
    save(ds, os.path.join(out, "enhanced", "enhanced_ct.dcm"))
    record_pixels(out, "enhanced/enhanced_ct.dcm", np.stack(frames))
    # The same file as JPEG 2000 lossless (one fragment per frame, by GDCM) and RLE (dcmcrle).
    os.makedirs(os.path.join(out, "enhanced_j2k"), exist_ok=True)
    run("gdcmconv", "--j2k", os.path.join(out, "enhanced", "enhanced_ct.dcm"), os.path.join(out, "enhanced_j2k", "enhanced_ct_j2k.dcm"))
    record_pixels(out, "enhanced_j2k/enhanced_ct_j2k.dcm", np.stack(frames))
    os.makedirs(os.path.join(out, "enhanced_rle"), exist_ok=True)
    run("dcmcrle", os.path.join(out, "enhanced", "enhanced_ct.dcm"), os.path.join(out, "enhanced_rle", "enhanced_ct_rle.dcm"))
    record_pixels(out, "enhanced_rle/enhanced_ct_rle.dcm", np.stack(frames))
    S["enhanced"] = {"file": "enhanced/enhanced_ct.dcm", "frames": nf, "rows": rows, "columns": cols,
                     "pixelSpacing": spacing, "rowDirection": rdir, "columnDirection": cdir,
                     "normal": list(map(float, n)), "frameOrder": [int(v) for v in order],
                     "positions": positions, "ball": {"centre": centre, "radius": radius}}


def write_mixed(out, S, centre, radius):
    """ct_small: six slices; two as raw data sets (no preamble, no meta), two with the meta group
    but no preamble; beside them a text file, a PNG, an empty file and a DICOMDIR."""
    t = write_ct_series(out, "mixed", 32, 32, [1.0, 1.0], [1.0, 0, 0], [0, 1.0, 0],
                        axial_positions(6, 6.0, 2.0, -16, -15), centre, radius,
                        file_names=[f"slice{k}" for k in range(6)])
    folder = os.path.join(out, "mixed")
    for k in (1, 4):  # raw data set: write implicit VR LE, then drop preamble and meta
        p = os.path.join(folder, f"slice{k}")
        ds = pydicom.dcmread(p)
        ds.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
        ds.is_implicit_VR = True
        ds.save_as(p, write_like_original=False)
        raw = raw_dataset_bytes(p)
        open(p, "wb").write(raw)
    for k in (2,):  # meta group without preamble, the data set in implicit VR
        p = os.path.join(folder, f"slice{k}")
        ds = pydicom.dcmread(p)
        ds.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
        ds.is_implicit_VR = True
        ds.save_as(p, write_like_original=False)
        b = open(p, "rb").read()
        open(p, "wb").write(b[132:])
    for k in (3,):  # meta group without preamble, the data set in explicit VR
        p = os.path.join(folder, f"slice{k}")
        b = open(p, "rb").read()
        open(p, "wb").write(b[132:])
    open(os.path.join(folder, "README.txt"), "w").write("Not DICOM: a note beside the images.\n")
    open(os.path.join(folder, "empty.dat"), "wb").close()
    open(os.path.join(folder, "picture.png"), "wb").write(b"\x89PNG\r\n\x1a\n" + bytes(40))
    dd = Dataset()
    dd.file_meta = FileMetaDataset()
    dd.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.1.3.10"
    dd.file_meta.MediaStorageSOPInstanceUID = uid()
    dd.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    dd.file_meta.ImplementationClassUID = "1.2.826.0.1.3680043.8.498.1"
    dd.is_little_endian, dd.is_implicit_VR = True, False
    dd.FileSetID = "SPHEREFIT"
    dd.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity = 0
    dd.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity = 0
    dd.FileSetConsistencyFlag = 0
    dd.DirectoryRecordSequence = Sequence([])
    dd.save_as(os.path.join(folder, "DICOMDIR"), write_like_original=False)
    S["mixed"] = sort_truth(t)
    S["mixed"]["skipped"] = ["DICOMDIR", "README.txt", "empty.dat", "picture.png"]
    for s in S["mixed"]["slices"]:
        record_pixels(out, s["file"])


def write_split(out, S, centre, radius):
    """One SeriesInstanceUID: 8 axial slices, 3 coronal (a localizer), 4 axial in another frame of
    reference, 4 axial of another size. The reader must make four stacks."""
    suid = uid()
    names = iter(f"f{k:02d}.dcm" for k in range(100))
    a = write_ct_series(out, "split", 30, 30, [1.0, 1.0], [1.0, 0, 0], [0, 1.0, 0],
                        axial_positions(8, 6.0, 2.0, -15, -15), centre, radius, series_uid=suid,
                        file_names=[next(names) for _ in range(8)])
    b = write_ct_series(out, "split", 30, 30, [1.0, 1.0], [1.0, 0, 0], [0, 0, -1.0],
                        [[-15.0, float(y), 30.0] for y in (-5.0, 0.0, 5.0)], centre, radius, series_uid=suid,
                        file_names=[next(names) for _ in range(3)])
    other_for = uid()
    c = write_ct_series(out, "split", 30, 30, [1.0, 1.0], [1.0, 0, 0], [0, 1.0, 0],
                        axial_positions(4, 6.0, 2.0, -15, -15), centre, radius, series_uid=suid,
                        file_names=[next(names) for _ in range(4)], frame_of_reference=other_for)
    d = write_ct_series(out, "split", 20, 24, [1.0, 1.0], [1.0, 0, 0], [0, 1.0, 0],
                        axial_positions(4, 6.0, 2.0, -15, -15), centre, radius, series_uid=suid,
                        file_names=[next(names) for _ in range(4)])
    S["split"] = {"seriesInstanceUID": suid, "stacks": [
        {"files": sorted(s["file"] for s in x["slices"]), "rows": x["rows"], "columns": x["columns"],
         "frameOfReferenceUID": x["frameOfReferenceUID"], "columnDirection": x["columnDirection"]}
        for x in (a, b, c, d)]}


def write_transfer_syntaxes(out, S):
    """Two slices of ct_axial (16-bit signed), two of mr_sag (12 of 16 bits, unsigned) and an 8-bit
    series, in each transfer syntax. Truth: pydicom's own decoding of the converted file."""
    src16 = [os.path.join(out, s["file"]) for s in S["ct_axial"]["slices"][10:12]]
    src12 = [os.path.join(out, s["file"]) for s in S["mr_sag"]["slices"][5:7]]
    # 8-bit MONOCHROME2 and MONOCHROME1 images and an RGB one (secondary capture).
    folder = os.path.join(out, "ts")
    os.makedirs(folder, exist_ok=True)
    src8 = []
    for k, photometric in enumerate(["MONOCHROME2", "MONOCHROME1"]):
        ds = base_dataset(SC, uid(), "OT", f"8-bit {photometric}")
        ds.FrameOfReferenceUID = FOR
        img = ball_slice(48, 56, [-20, -20, 14.7], [1, 0, 0], [0, 1, 0], [0.8, 0.75], [0.35, 1.2, 14.7], 11.5, 200, 40, 10)
        img = np.clip(img + np.arange(56)[None, :], 0, 255).astype(np.uint8)
        ds.ImagePositionPatient = ["-20", "-20", "14.7"]
        ds.ImageOrientationPatient = ["1", "0", "0", "0", "1", "0"]
        ds.PixelSpacing = ["0.8", "0.75"]
        set_pixels(ds, img, False, 8, photometric)
        p = os.path.join(folder, f"eight_{photometric.lower()}.dcm")
        save(ds, p)
        src8.append(p)
        record_pixels(out, os.path.relpath(p, out), img)
    ds = base_dataset(SC, uid(), "OT", "RGB")
    rgb = rng.integers(0, 255, size=(16, 20, 3)).astype(np.uint8)
    set_pixels(ds, rgb, False, 8, "RGB")
    save(ds, os.path.join(folder, "rgb.dcm"))

    originals = {p: masked(pydicom.dcmread(p).pixel_array, pydicom.dcmread(p)) for p in src16 + src12 + src8}

    def convert(tool_args, tag, sources, lossless=True, tolerance=0, max_deviation=None, record=True):
        for p in sources:
            dst = os.path.join(folder, f"{tag}_{os.path.basename(p)}")
            dst = dst if dst.endswith(".dcm") else dst + ".dcm"
            run(*tool_args, p, dst)
            if record:
                record_pixels(out, os.path.relpath(dst, out), originals[p], lossless, tolerance=tolerance,
                              note=tag, max_deviation=max_deviation)

    convert(["dcmconv", "+ti"], "implicit", src16)
    convert(["dcmconv", "+tb"], "bigendian", src16 + src12 + src8[:1])
    convert(["dcmconv", "+td"], "deflated", src16 + src12)
    convert(["dcmcrle"], "rle", src16 + src12 + src8)
    convert(["dcmcjpeg", "+e1"], "jpegsv1", src16 + src12 + src8[:1])
    convert(["dcmcjpeg", "+el", "+sv", "6"], "jpeg14sv6", src16 + src12)
    convert(["dcmcjpeg", "+e1", "+fs", "1"], "jpegfrag", src16[:1])  # a frame over several fragments
    # Baseline: libjpeg-turbo against GDCM's IJG decoder, whose inverse DCTs may round differently.
    convert(["dcmcjpeg", "+eb", "+q", "85"], "jpegbaseline", src8, lossless=False, tolerance=2)
    # 12-bit extended (process 4): no codec here; the reader must name it (GDCM cannot read it either).
    convert(["dcmcjpeg", "+ee"], "jpegextended", src12[:1], record=False)
    convert(["dcmcjpls"], "jpegls", src16 + src12 + src8[:1])
    convert(["dcmcjpls", "+en", "+md", "2"], "jpeglsnear", src12 + src8[:1], lossless=False, max_deviation=2)
    convert(["gdcmconv", "--j2k"], "j2k", src16 + src12 + src8[:1])
    convert(["gdcmconv", "--j2k", "--lossy", "--irreversible", "-q", "45"], "j2klossy", src16 + src12, lossless=False, tolerance=1)
    for p in src16 + src12:
        write_htj2k(out, p, originals[p], lossless=True)
    # Lossy on unsigned data: ojph_expand clamps its output to the unsigned range, as a decoder must.
    write_htj2k(out, src12[0], originals[src12[0]], lossless=False)
    # An unsupported transfer syntax (MPEG2 label on encapsulated junk) and a file cut short.
    ds = pydicom.dcmread(src16[0])
    ds.PixelData = encapsulate([bytes(100)])
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.4.100"
    ds.is_implicit_VR, ds.is_little_endian = False, True
    ds["PixelData"].is_undefined_length = True
    ds["PixelData"].VR = "OB"
    ds.save_as(os.path.join(folder, "mpeg2.dcm"), write_like_original=True)
    open(os.path.join(folder, "cut.dcm"), "wb").write(open(src16[0], "rb").read()[:3000])


def write_htj2k(out, src, original, lossless):
    """HTJ2K by openjph's ojph_compress on the raw samples; pydicom encapsulates the code stream."""
    ds = pydicom.dcmread(src)
    folder = os.path.join(out, "ts")
    tmp = os.path.join(out, "tmp_ojph")
    os.makedirs(tmp, exist_ok=True)
    signed = int(ds.PixelRepresentation) == 1
    bs = int(ds.BitsStored)
    arr = np.asarray(original).astype(np.int64)
    raw = os.path.join(tmp, "in.yuv")
    arr.astype("<i2" if signed else "<u2").tofile(raw)
    j2c = os.path.join(tmp, "out.j2c")
    args = ["ojph_compress", "-i", raw, "-o", j2c, "-dims", f"{{{ds.Columns},{ds.Rows}}}", "-num_comps", "1",
            "-signed", "true" if signed else "false", "-bit_depth", str(bs), "-downsamp", "{1,1}"]
    args += ["-reversible", "true"] if lossless else ["-qstep", "0.002"]
    run(*args)
    code = open(j2c, "rb").read()
    ts = "1.2.840.10008.1.2.4.201" if lossless else "1.2.840.10008.1.2.4.203"
    ds.PixelData = encapsulate([code])
    ds["PixelData"].VR = "OB"
    ds["PixelData"].is_undefined_length = True
    ds.file_meta.TransferSyntaxUID = ts
    ds.is_implicit_VR, ds.is_little_endian = False, True
    tag = "htj2k" if lossless else "htj2klossy"
    dst = os.path.join(folder, f"{tag}_{os.path.basename(src)}")
    dst = dst if dst.endswith(".dcm") else dst + ".dcm"
    ds.save_as(dst, write_like_original=True)
    if lossless:
        truth = original
    else:  # openjph's own expander decodes the lossy stream: the reference values
        back = os.path.join(tmp, "back.yuv")
        run("ojph_expand", "-i", j2c, "-o", back)
        truth = np.fromfile(back, dtype="<i2" if signed else "<u2").reshape(original.shape)
    record_pixels(out, os.path.relpath(dst, out), original, lossless, truth=truth,
                  tolerance=0 if lossless else 1, note=tag)
    shutil.rmtree(tmp)


def circle(centre, r, z, npts, phase=0.0):
    a = phase + np.arange(npts) * 2 * math.pi / npts
    return np.stack([centre[0] + r * np.cos(a), centre[1] + r * np.sin(a), np.full(npts, z)], axis=1)


def write_rtstruct(out, truth, ct):
    zs = sorted(s["ipp"][2] for s in ct["slices"])
    spheres = {"Femur_Head_L": ([25.5, -3.25, 12.0], 9.0), "Femur_Head_R": ([-24.0, -2.5, 13.1], 8.25)}
    rois = []
    for number, (name, (c, r)) in enumerate(spheres.items(), start=1):
        contours = [circle(c, math.sqrt(r * r - (z - c[2]) ** 2), z, 48, 0.1 * number)
                    for z in zs if abs(z - c[2]) < r - 0.3]
        rois.append({"number": number, "name": name, "type": "ORGAN", "geometric": "CLOSED_PLANAR",
                     "contours": contours, "sphere": {"centre": c, "radius": r}})
    # A bladder: ellipses whose axes change with z (not a sphere).
    bl = []
    for z in zs:
        if 4.0 <= z <= 26.0:
            a = np.arange(40) * 2 * math.pi / 40
            ax, ay = 14 + 0.3 * (z - 4), 9 + 0.1 * (z - 4)
            bl.append(np.stack([2 + ax * np.cos(a), 30 + ay * np.sin(a), np.full(40, z)], axis=1))
    rois.append({"number": 3, "name": "Bladder", "type": "ORGAN", "geometric": "CLOSED_PLANAR", "contours": bl})
    rois.append({"number": 4, "name": "Marker", "type": "MARKER", "geometric": "POINT",
                 "contours": [np.array([[1.0, 2.0, 12.5]])]})
    rois.append({"number": 7, "name": "Line", "type": "CONTROL", "geometric": "OPEN_PLANAR",
                 "contours": [np.array([[0.0, 0.0, 12.5], [5.0, 5.0, 12.5], [9.0, 2.0, 12.5]])]})
    t = {}
    for binary in (False, True):
        ds = base_dataset(RTSTRUCT, uid(), "RTSTRUCT", "structures" + (" binary" if binary else ""))
        ds.StructureSetLabel = "spherefit"
        ds.StructureSetName = "test structures"
        rfor = Dataset()
        rfor.FrameOfReferenceUID = FOR
        study = Dataset()
        study.ReferencedSOPClassUID = "1.2.840.10008.3.1.2.3.1"
        study.ReferencedSOPInstanceUID = STUDY
        series = Dataset()
        series.SeriesInstanceUID = ct["seriesInstanceUID"]
        images = []
        for s in ct["slices"]:
            im = Dataset()
            im.ReferencedSOPClassUID = CT
            im.ReferencedSOPInstanceUID = s["sop"]
            images.append(im)
        series.ContourImageSequence = Sequence(images)
        study.RTReferencedSeriesSequence = Sequence([series])
        rfor.RTReferencedStudySequence = Sequence([study])
        ds.ReferencedFrameOfReferenceSequence = Sequence([rfor])
        ssr, obs, roic = [], [], []
        written = {}
        for k, roi in enumerate(rois):
            a = Dataset()
            a.ROINumber = roi["number"]
            a.ReferencedFrameOfReferenceUID = FOR
            a.ROIName = roi["name"]
            a.ROIGenerationAlgorithm = "MANUAL"
            ssr.append(a)
            o = Dataset()
            o.ObservationNumber = k + 1
            o.ReferencedROINumber = roi["number"]
            o.RTROIInterpretedType = roi["type"]
            o.ROIInterpreter = ""
            obs.append(o)
            rc = Dataset()
            rc.ReferencedROINumber = roi["number"]
            rc.ROIDisplayColor = [255, 0, 0]
            cs = []
            vals = []
            for pts in roi["contours"]:
                c = Dataset()
                c.ContourGeometricType = roi["geometric"]
                c.NumberOfContourPoints = len(pts)
                if binary:
                    flat = np.asarray(pts, "<f8").ravel()
                    c.add_new(0x30060050, "OD", flat.tobytes())
                    vals.append([float(v) for v in flat])
                else:
                    strs = [ds_str(v) for v in np.asarray(pts).ravel()]
                    c.ContourData = strs
                    vals.append([float(v) for v in strs])
                cs.append(c)
            rc.ContourSequence = Sequence(cs)
            roic.append(rc)
            written[roi["name"]] = vals
        ds.StructureSetROISequence = Sequence(ssr)
        ds.RTROIObservationsSequence = Sequence(obs)
        ds.ROIContourSequence = Sequence(roic)
        name = "rtstruct/rtstruct_binary.dcm" if binary else "rtstruct/rtstruct.dcm"
        save(ds, os.path.join(out, name))
        # pydicom's own reading of what was written is the truth for the text file.
        back = pydicom.dcmread(os.path.join(out, name))
        if not binary:
            for rc, roi in zip(back.ROIContourSequence, rois):
                written[roi["name"]] = [[float(v) for v in c.ContourData] for c in rc.ContourSequence]
        t[name] = {"frameOfReferenceUID": FOR, "rois": [
            {"number": roi["number"], "name": roi["name"], "type": roi["type"], "geometric": roi["geometric"],
             "contours": written[roi["name"]], **({"sphere": roi["sphere"]} if "sphere" in roi else {})}
            for roi in rois]}
    truth["rtstruct"] = t


def write_seg(out, truth, ct):
    """Binary and fractional SEG on ct_axial's frame of reference; 37 x 41 frames (1517 pixels, so
    a binary frame does not end on a byte); per segment the planes it touches, in descending z."""
    rows, cols = 37, 41
    spacing = [0.9, 0.8]
    row_dir, col_dir = [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]
    segs = [(1, "Femoral head", [2.0, 1.0, 13.0], 7.0, "AUTOMATIC"), (2, "Bladder", [-3.0, -2.0, 17.0], 5.5, "MANUAL")]
    zs = sorted({s["ipp"][2] for s in ct["slices"]})
    t = {}
    for fractional in (False, True):
        ds = base_dataset(SEG, uid(), "SEG", "segmentation" + (" fractional" if fractional else ""))
        ds.FrameOfReferenceUID = FOR
        ds.SegmentationType = "FRACTIONAL" if fractional else "BINARY"
        if fractional:
            ds.SegmentationFractionalType = "PROBABILITY"
            ds.MaximumFractionalValue = 255
        ds.ContentLabel = "SEG"
        ds.ImageType = ["DERIVED", "PRIMARY"]
        ds.InstanceNumber = 1
        seq = []
        for number, label, c, r, alg in segs:
            s = Dataset()
            s.SegmentNumber = number
            s.SegmentLabel = label
            s.SegmentDescription = f"{label} ball r={r}"
            s.SegmentAlgorithmType = alg
            if alg != "MANUAL":
                s.SegmentAlgorithmName = "threshold"
            seq.append(s)
        ds.SegmentSequence = Sequence(seq)
        shared = Dataset()
        po = Dataset()
        po.ImageOrientationPatient = [ds_str(v) for v in (*row_dir, *col_dir)]
        pm = Dataset()
        pm.PixelSpacing = [ds_str(spacing[0]), ds_str(spacing[1])]
        pm.SliceThickness = "1.25"
        shared.PlaneOrientationSequence = Sequence([po])
        shared.PixelMeasuresSequence = Sequence([pm])
        ds.SharedFunctionalGroupsSequence = Sequence([shared])
        per, frames, ft = [], [], []
        origin_xy = [-16.0, -15.0]
        for number, label, c, r, alg in segs:
            for z in sorted(zs, reverse=True):
                if abs(z - c[2]) >= r:
                    continue
                ipp = [origin_xy[0], origin_xy[1], z]
                rr = np.arange(rows)[:, None] * spacing[0]
                cc = np.arange(cols)[None, :] * spacing[1]
                d = np.hypot(origin_xy[0] + cc - c[0], origin_xy[1] + rr - c[1])
                rz = math.sqrt(r * r - (z - c[2]) ** 2)
                if fractional:
                    m = np.clip((rz - d) / 1.5 + 0.5, 0, 1)
                    m = np.rint(m * 255).astype(np.uint8)
                else:
                    m = (d <= rz).astype(np.uint8)
                g = Dataset()
                pp = Dataset()
                pp.ImagePositionPatient = [ds_str(v) for v in ipp]
                g.PlanePositionSequence = Sequence([pp])
                si = Dataset()
                si.ReferencedSegmentNumber = number
                g.SegmentIdentificationSequence = Sequence([si])
                per.append(g)
                frames.append(m)
                ft.append({"segment": number, "ipp": ipp})
        ds.PerFrameFunctionalGroupsSequence = Sequence(per)
        ds.NumberOfFrames = len(frames)
        arr = np.stack(frames)
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.Rows, ds.Columns = rows, cols
        ds.PixelRepresentation = 0
        if fractional:
            ds.BitsAllocated = ds.BitsStored = 8
            ds.HighBit = 7
            ds.PixelData = arr.tobytes()
        else:
            ds.BitsAllocated = ds.BitsStored = 1
            ds.HighBit = 0
            ds.PixelData = pack_bits(arr.ravel())
        name = "seg/seg_fractional.dcm" if fractional else "seg/seg_binary.dcm"
        save(ds, os.path.join(out, name))
        record_pixels(out, name, arr)
        t[name] = {"frames": ft, "rows": rows, "columns": cols, "pixelSpacing": spacing,
                   "rowDirection": row_dir, "columnDirection": col_dir,
                   "segments": [{"number": s[0], "label": s[1], "description": f"{s[1]} ball r={s[3]}",
                                 "algorithmType": s[4], "centre": s[2], "radius": s[3]} for s in segs],
                   "fractional": fractional}
    truth["seg"] = t


def bench(out):
    """512 x 512 x 400 axial CT (0.7 mm, 1 mm slices) and its JPEG lossless SV1 copy (dcmcjpeg)."""
    if os.path.exists(out):
        shutil.rmtree(out)
    centre, radius = [3.0, -4.0, 200.0], 120.0
    write_ct_series(out, "plain", 512, 512, [0.7, 0.7], [1.0, 0, 0], [0, 1.0, 0],
                    axial_positions(400, 0.0, 1.0, -179.0, -179.0), centre, radius)
    os.makedirs(os.path.join(out, "jpegll"))
    for f in sorted(os.listdir(os.path.join(out, "plain"))):
        run("dcmcjpeg", "+e1", os.path.join(out, "plain", f), os.path.join(out, "jpegll", f))
    json.dump({"centre": centre, "radius": radius, "slices": 400}, open(os.path.join(out, "truth.json"), "w"))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--bench":
        bench(sys.argv[2])
    elif len(sys.argv) == 2:
        main(sys.argv[1])
    else:
        raise SystemExit(__doc__)
