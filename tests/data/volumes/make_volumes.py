#!/usr/bin/python3
"""Writes test volumes with known balls, and truth.json describing them.

Usage: /usr/bin/python3 make_volumes.py OUTPUT_FOLDER   (Debian's python3: numpy, scipy, nibabel)

Every volume holds one or more balls of known centre (world RAS mm) and radius:
  - binary masks (a voxel is inside when its centre is within the ball), anisotropic 0.6 × 0.6 × 2 mm
    voxels and oblique (rotated) voxel axes, as NIfTI-1 with an sform (and a different qform that
    must lose), with a left-handed qform only, with neither (pixdim only); NIfTI-2; big-endian
    NIfTI-1 with scl_slope/scl_inter; raw and gzip NRRD in LPS; a 3D Slicer .seg.nrrd with two
    segments (raw and gzip) and a two-layer one; a multi-label NIfTI (.nii and .nii.gz); a 4D NIfTI;
  - grey CT-like volumes: partial volume (each voxel the mean of 5 × 5 × 5 sub-samples), Gaussian
    blur and Gaussian noise, as int16 NIfTI with scl_inter (Hounsfield units) and float32 NRRD;
  - a labelmap whose slices are left out for known reasons (two pieces, a hole, the edge);
  - MetaImage (.mha, .mhd + .raw) written by ITK through plastimatch from some of the NIfTI files,
    and variants (zlib-compressed, big-endian, detached .zraw): truth["metaimage"].
NIfTI headers are nibabel's header classes written with the voxels by hand (so the stored values
are exactly ours); NRRD files are written by hand (a short text header). truth.json records, per
file, the affine nibabel reads (NIfTI), the affine 3D Slicer shows (RAS), the balls, numpy's label
counts, the grey levels and, for the ISO-50 surface of a blurred ball, its expected radius. The
expected per-slice reasons come from scipy.ndimage connected components, not from marching squares.
"""
import gzip
import json
import math
import os
import shutil
import subprocess
import sys
import zlib

import nibabel as nib
import numpy as np
from scipy import ndimage, optimize, special

SEED = int(os.environ.get("MAKE_VOLUMES_SEED", "20240917"))  # the tests use the default


def rotation(axis, degrees):
    axis = np.asarray(axis, float)
    axis /= np.linalg.norm(axis)
    a = math.radians(degrees)
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    return np.eye(3) + math.sin(a) * k + (1 - math.cos(a)) * k @ k


def make_affine(rot, spacing, shape, centre_world):
    """Voxel → RAS affine whose grid centre lands on centre_world."""
    a = np.eye(4)
    a[:3, :3] = rot @ np.diag(spacing)
    middle = (np.asarray(shape[:3], float) - 1) / 2
    a[:3, 3] = np.asarray(centre_world, float) - a[:3, :3] @ middle
    return a


def world_of_voxels(shape, affine, offsets=(0.0, 0.0, 0.0)):
    ijk = np.indices(shape[:3], dtype=float).reshape(3, -1) + np.asarray(offsets, float)[:, None]
    return (affine[:3, :3] @ ijk + affine[:3, 3:4]).reshape((3,) + tuple(shape[:3]))


def ball_mask(shape, affine, centre, radius):
    w = world_of_voxels(shape, affine)
    d2 = sum((w[a] - centre[a]) ** 2 for a in range(3))
    return d2 <= radius * radius


def ball_fraction(shape, affine, centre, radius, samples=5):
    """Partial volume: the fraction of each voxel's box inside the ball (samples³ sub-voxel points)."""
    frac = np.zeros(shape[:3])
    steps = (np.arange(samples) + 0.5) / samples - 0.5
    for di in steps:
        for dj in steps:
            for dk in steps:
                w = world_of_voxels(shape, affine, (di, dj, dk))
                d2 = sum((w[a] - centre[a]) ** 2 for a in range(3))
                frac += d2 <= radius * radius
    return frac / samples ** 3


def blurred_ball_profile(r, radius, sigma):
    """A ball's indicator convolved with an isotropic 3D Gaussian, at distance r from its centre."""
    s2 = sigma * math.sqrt(2)
    return (0.5 * (special.erf((radius - r) / s2) + special.erf((radius + r) / s2))
            - sigma / (r * math.sqrt(2 * math.pi))
            * (math.exp(-(radius - r) ** 2 / (2 * sigma ** 2)) - math.exp(-(radius + r) ** 2 / (2 * sigma ** 2))))


def check_profile():
    """The closed form above against a direct numerical integral (a separate computation)."""
    radius, sigma = 3.0, 0.7
    for r in (2.2, 3.0, 3.5):
        # Integrate the Gaussian over the ball in spherical shells about the ball's centre.
        rho = np.linspace(0, radius, 4001)
        shell = []
        for p in rho:
            # Mean over a sphere of radius p of the Gaussian centred at distance r: closed 1D form.
            if p == 0:
                g = math.exp(-r * r / (2 * sigma ** 2))
            else:
                g = sigma ** 2 / (2 * p * r) * (math.exp(-(r - p) ** 2 / (2 * sigma ** 2)) - math.exp(-(r + p) ** 2 / (2 * sigma ** 2)))
            shell.append(4 * math.pi * p * p * g / (2 * math.pi * sigma ** 2) ** 1.5)
        numeric = np.trapz(shell, rho)
        assert abs(numeric - blurred_ball_profile(r, radius, sigma)) < 1e-6, (numeric, blurred_ball_profile(r, radius, sigma))


def iso50_radius(radius, sigma):
    return optimize.brentq(lambda r: blurred_ball_profile(r, radius, sigma) - 0.5, radius - 5 * sigma, radius + 5 * sigma, xtol=1e-14)


# ---------------------------------------------------------------------------------------------
# Writers

def nifti_header(version, shape, dtype, endian="<"):
    cls = nib.Nifti1Header if version == 1 else nib.Nifti2Header
    hdr = cls(endianness=endian)
    hdr.set_data_dtype(dtype)
    hdr.set_data_shape(shape)
    hdr.set_xyzt_units("mm")
    hdr["vox_offset"] = 352 if version == 1 else 544
    return hdr


def write_nifti(path, hdr, stored, compress=False):
    """The header's bytes, an empty extension block, then the stored values (i fastest)."""
    order = hdr.endianness
    data = np.asarray(stored).astype(hdr.get_data_dtype().newbyteorder(order)).tobytes(order="F")
    blob = hdr.binaryblock + b"\x00" * 4 + data
    assert len(hdr.binaryblock) + 4 == int(hdr["vox_offset"])
    with open(path, "wb") as f:
        f.write(gzip.compress(blob, mtime=0) if compress else blob)
    return int(hdr["vox_offset"]), len(data)


def vec(v):
    return "(" + ",".join(repr(float(x)) for x in v) + ")"


def write_nrrd(path, stored, nrrd_type, affine_ras, space="left-posterior-superior", gzip_data=False,
               endian="little", extra_lines=(), list_axis=None):
    """A hand-written NRRD header. affine_ras: voxel → RAS; written in `space` (LPS flips x, y)."""
    flip = np.diag([-1.0, -1.0, 1.0]) if space == "left-posterior-superior" else np.eye(3)
    directions = flip @ affine_ras[:3, :3]
    origin = flip @ affine_ras[:3, 3]
    shape = stored.shape
    if list_axis is None:
        sizes = " ".join(str(n) for n in shape)
        dirs = " ".join(vec(directions[:, a]) for a in range(3))
        kinds = "domain domain domain"
        dimension = 3
        data = stored
    else:
        # A leading non-spatial axis (Slicer's layers): stored has it last; interleave it first.
        sizes = " ".join(str(n) for n in (shape[3],) + shape[:3])
        dirs = "none " + " ".join(vec(directions[:, a]) for a in range(3))
        kinds = "list domain domain domain"
        dimension = 4
        data = np.moveaxis(stored, 3, 0)
    lines = ["NRRD0004",
             "# Complete NRRD file format specification at:",
             "# http://teem.sourceforge.net/nrrd/format.html",
             f"type: {nrrd_type}",
             f"dimension: {dimension}",
             f"space: {space}",
             f"sizes: {sizes}",
             f"space directions: {dirs}",
             f"kinds: {kinds}"]
    np_type = {"unsigned char": "u1", "short": "i2", "float": "f4", "unsigned short": "u2"}[nrrd_type]
    if np.dtype(np_type).itemsize > 1:
        lines.append(f"endian: {endian}")
    lines += [f"encoding: {'gzip' if gzip_data else 'raw'}", f"space origin: {vec(origin)}"]
    lines += list(extra_lines)
    header = ("\n".join(lines) + "\n\n").encode()
    byte_order = "<" if endian == "little" else ">"
    raw = np.asarray(data).astype(np.dtype(np_type).newbyteorder(byte_order)).tobytes(order="F")
    with open(path, "wb") as f:
        f.write(header)
        f.write(gzip.compress(raw, mtime=0) if gzip_data else raw)
    return len(header), len(raw)


def slicer_segment_lines(segments, shape):
    lines = []
    for n, s in enumerate(segments):
        lines += [f"Segment{n}_Color:={s['color']}",
                  f"Segment{n}_ColorAutoGenerated:=0",
                  f"Segment{n}_Extent:=0 {shape[0] - 1} 0 {shape[1] - 1} 0 {shape[2] - 1}",
                  f"Segment{n}_ID:={s['id']}",
                  f"Segment{n}_LabelValue:={s['label']}",
                  f"Segment{n}_Layer:={s['layer']}",
                  f"Segment{n}_Name:={s['name']}",
                  f"Segment{n}_NameAutoGenerated:=0",
                  f"Segment{n}_Tags:=Segmentation.Status:inprogress|TerminologyEntry:Segmentation category and type - 3D Slicer General Anatomy list~SCT^85756007^Tissue~SCT^85756007^Tissue~^^~Anatomic codes - DICOM master list~^^~^^|"]
    lines += ["Segmentation_ContainedRepresentationNames:=Binary labelmap|Closed surface|",
              "Segmentation_ConversionParameters:=Collapse labelmaps|1|Merge the labelmaps into as few shared labelmaps as possible 1 = created labelmaps will be shared if possible without overwriting each other.&Compute surface normals|1|Compute surface normals. 1 (default) = surface normals are computed. 0 = surface normals are not computed (slightly faster but produces less smooth surface display).",
              "Segmentation_MasterRepresentation:=Binary labelmap",
              "Segmentation_ReferenceImageExtentOffset:=0 0 0"]
    return lines


# ---------------------------------------------------------------------------------------------
# Truth

def matrix(a):
    return [[float(x) for x in row] for row in np.asarray(a)]


def label_counts(values):
    u, c = np.unique(values, return_counts=True)
    return [[float(x), int(n)] for x, n in zip(u, c)]


def slice_status(mask, axis=2):
    """Why each slice along `axis` is kept or left out, by connected components (not contours)."""
    out = []
    eight = np.ones((3, 3), bool)
    four = ndimage.generate_binary_structure(2, 1)
    for s in range(mask.shape[axis]):
        m = np.take(mask, s, axis=axis)
        if not m.any():
            out.append("Empty")
        elif m[0, :].any() or m[-1, :].any() or m[:, 0].any() or m[:, -1].any():
            out.append("TouchesEdge")
        elif ndimage.label(m, structure=eight)[1] > 1:
            out.append("SeveralPieces")
        elif ndimage.label(~m, structure=four)[1] > 1:
            out.append("Hole")
        else:
            out.append("Kept")
    return out


def plastimatch_convert(folder, source, output):
    """ITK's MetaImage writer, through plastimatch: the independent writer of the .mha/.mhd tests."""
    run = subprocess.run(["plastimatch", "convert", "--input", os.path.join(folder, source),
                          "--output-img", os.path.join(folder, output)], capture_output=True, text=True)
    if run.returncode != 0 or not os.path.exists(os.path.join(folder, output)):
        raise RuntimeError(f"plastimatch convert {source} -> {output} failed: {run.stderr[-400:]}")


def split_metaimage(path):
    """(header lines, voxel bytes) of a plastimatch .mha."""
    data = open(path, "rb").read()
    at = data.index(b"ElementDataFile = LOCAL")
    end = data.index(b"\n", at) + 1
    return data[:end].decode().splitlines(), data[end:]


def write_metaimages(folder):
    """MetaImage files written by ITK (plastimatch convert) from NIfTI files whose sform and qform
    agree (ITK and nibabel would otherwise choose differently), and variants of them made here by
    rewriting plastimatch's header: zlib-compressed (CompressedData = True, what ITK writes with
    compression on), big-endian, detached .mhd + .zraw. Truth: nibabel's RAS affine of the source
    and numpy's statistics of its (scaled) voxels; ITK's voxels are float32 for scaled NIfTI."""
    if shutil.which("plastimatch") is None:
        print("make_volumes: plastimatch not found, no MetaImage files (apt-get install plastimatch)")
        return {}
    out = {}

    def source_truth(source):
        img = nib.load(os.path.join(folder, source))
        values = np.asarray(img.get_fdata(), np.float64)
        return {"source": source, "affine_ras": matrix(img.affine), "shape": list(values.shape[:3]),
                "value_sum": float(values.sum()), "value_max": float(values.max()),
                "value_at": [[int(i), int(j), int(k), float(values[i, j, k])] for (i, j, k) in
                             ((0, 0, 0), (7, 11, 5), tuple(n // 2 for n in values.shape[:3]))]}

    plastimatch_convert(folder, "mask_qform.nii", "mask_qform.mha")          # oblique, left-handed, uchar
    out["mask_qform.mha"] = dict(source_truth("mask_qform.nii"), compression="none", data_file="")
    plastimatch_convert(folder, "mask_bigendian.nii", "mask_bigendian.mhd")  # detached .raw, float (scaled)
    out["mask_bigendian.mhd"] = dict(source_truth("mask_bigendian.nii"), compression="none",
                                     data_file="mask_bigendian.raw")
    plastimatch_convert(folder, "ct_ball.nii", "ct_ball.mha")                # grey, scaled to float
    out["ct_ball.mha"] = dict(source_truth("ct_ball.nii"), compression="none", data_file="")

    lines, voxels = split_metaimage(os.path.join(folder, "ct_ball.mha"))
    packed = zlib.compress(voxels, 6)

    def rewrite(lines, changes, data_file="LOCAL"):
        kept = []
        for line in lines:
            key = line.split("=")[0].strip()
            if key in changes:
                if changes[key] is not None:
                    kept.append(f"{key} = {changes[key]}")
                continue
            if key == "ElementDataFile":
                kept += [f"{k} = {v}" for k, v in changes.items() if v is not None and not any(
                    l.split("=")[0].strip() == k for l in lines)]
                kept.append(f"ElementDataFile = {data_file}")
                continue
            kept.append(line)
        return ("\n".join(kept) + "\n").encode()

    with open(os.path.join(folder, "ct_ball_zlib.mha"), "wb") as f:
        f.write(rewrite(lines, {"CompressedData": "True", "CompressedDataSize": len(packed)}) + packed)
    out["ct_ball_zlib.mha"] = dict(source_truth("ct_ball.nii"), compression="zlib", data_file="")

    swapped = np.frombuffer(voxels, "<f4").astype(">f4").tobytes()
    with open(os.path.join(folder, "ct_ball_msb.mha"), "wb") as f:
        f.write(rewrite(lines, {"BinaryDataByteOrderMSB": "True"}) + swapped)
    out["ct_ball_msb.mha"] = dict(source_truth("ct_ball.nii"), compression="none", data_file="")

    with open(os.path.join(folder, "ct_ball_detached.zraw"), "wb") as f:
        f.write(packed)
    with open(os.path.join(folder, "ct_ball_detached.mhd"), "wb") as f:
        f.write(rewrite(lines, {"CompressedData": "True", "CompressedDataSize": len(packed)}, "ct_ball_detached.zraw"))
    out["ct_ball_detached.mhd"] = dict(source_truth("ct_ball.nii"), compression="zlib",
                                       data_file="ct_ball_detached.zraw")
    print(f"make_volumes: {len(out)} MetaImage files (plastimatch)")
    return out


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(SEED)
    print(f"make_volumes: seed {SEED}, writing to {folder}")
    check_profile()
    truth = {"seed": SEED, "files": {}}

    def record(name, **entry):
        truth["files"][name] = entry

    def nib_affine(name):
        img = nib.load(os.path.join(folder, name))
        return matrix(img.affine), img

    # --- Binary masks, 0.6 × 0.6 × 2 mm, oblique -------------------------------------------
    shape = (48, 48, 16)
    spacing = (0.6, 0.6, 2.0)

    def oblique_ball(shape, spacing, radius, degrees=None, centre_world=(-21.37, 34.12, -110.5), left_handed=False):
        rot = rotation(rng.normal(size=3), degrees if degrees is not None else rng.uniform(15, 35))
        if left_handed:
            rot = rot @ np.diag([1.0, 1.0, -1.0])  # k runs the other way: determinant < 0
        affine = make_affine(rot, spacing, shape, centre_world)
        centre = np.asarray(centre_world) + rng.uniform(-0.8, 0.8, 3)
        return affine, centre, radius

    # NIfTI-1, sform (a different qform is present and must lose).
    affine, centre, radius = oblique_ball(shape, spacing, 11.0)
    hdr = nifti_header(1, shape, np.uint8)
    decoy = make_affine(rotation((0, 0, 1), 90), spacing, shape, (5, 5, 5))
    hdr.set_qform(decoy, code=1)
    hdr.set_sform(affine, code=2)
    # The header keeps its matrix in float32: the ball is placed by what the file says.
    mask = ball_mask(shape, hdr.get_best_affine(), centre, radius).astype(np.uint8)
    off, nbytes = write_nifti(os.path.join(folder, "mask_sform.nii"), hdr, mask)
    na, img = nib_affine("mask_sform.nii")
    assert np.array_equal(np.asarray(img.dataobj), mask)
    record("mask_sform.nii", format="NIfTI-1", shape=list(shape), dtype="uint8", big_endian=False,
           affine_source="sform", affine_ras=na, nibabel_affine=na, data_offset=off, data_bytes=nbytes, gzip=False,
           balls=[{"label": 1, "centre": list(centre), "radius": radius}], label_counts=label_counts(mask),
           spacing=list(spacing))

    # NIfTI-1, qform only, left-handed (qfac = −1).
    affine, centre, radius = oblique_ball(shape, spacing, 11.0, left_handed=True)
    hdr = nifti_header(1, shape, np.uint8)
    hdr.set_qform(affine, code=1)
    hdr.set_sform(None, code=0)
    assert hdr["pixdim"][0] == -1
    mask = ball_mask(shape, hdr.get_best_affine(), centre, radius).astype(np.uint8)
    off, nbytes = write_nifti(os.path.join(folder, "mask_qform.nii"), hdr, mask)
    na, img = nib_affine("mask_qform.nii")
    record("mask_qform.nii", format="NIfTI-1", shape=list(shape), dtype="uint8", big_endian=False,
           affine_source="qform", affine_ras=na, nibabel_affine=na, data_offset=off, data_bytes=nbytes, gzip=False,
           balls=[{"label": 1, "centre": list(centre), "radius": radius}], label_counts=label_counts(mask),
           spacing=list(spacing))

    # NIfTI-1, neither sform nor qform: NIfTI method 1, x = pixdim·i (nibabel instead centres the
    # grid and flips x, its Analyze fallback; 3D Slicer and ITK follow method 1).
    hdr = nifti_header(1, shape, np.uint8)
    hdr.set_zooms(spacing)
    hdr["qform_code"] = 0
    hdr["sform_code"] = 0
    method1 = np.diag([float(z) for z in hdr.get_zooms()] + [1.0])  # pixdim as stored (float32)
    centre = np.array([14.2, 14.5, 15.3]) + rng.uniform(-0.5, 0.5, 3)
    radius = 11.0
    mask = ball_mask(shape, method1, centre, radius).astype(np.uint8)
    off, nbytes = write_nifti(os.path.join(folder, "mask_pixdim.nii"), hdr, mask)
    na, img = nib_affine("mask_pixdim.nii")
    record("mask_pixdim.nii", format="NIfTI-1", shape=list(shape), dtype="uint8", big_endian=False,
           affine_source="pixdim", affine_ras=matrix(method1), nibabel_affine=na, data_offset=off, data_bytes=nbytes,
           gzip=False, balls=[{"label": 1, "centre": list(centre), "radius": radius}], label_counts=label_counts(mask),
           spacing=list(spacing))

    # NIfTI-2, int16, sform.
    affine, centre, radius = oblique_ball(shape, spacing, 10.5)
    hdr = nifti_header(2, shape, np.int16)
    hdr.set_qform(affine, code=1)
    hdr.set_sform(affine, code=1)
    mask = ball_mask(shape, hdr.get_best_affine(), centre, radius).astype(np.int16)
    off, nbytes = write_nifti(os.path.join(folder, "mask_nifti2.nii"), hdr, mask)
    na, img = nib_affine("mask_nifti2.nii")
    assert isinstance(img, nib.Nifti2Image)
    record("mask_nifti2.nii", format="NIfTI-2", shape=list(shape), dtype="int16", big_endian=False,
           affine_source="sform", affine_ras=na, nibabel_affine=na, data_offset=off, data_bytes=nbytes, gzip=False,
           balls=[{"label": 1, "centre": list(centre), "radius": radius}], label_counts=label_counts(mask),
           spacing=list(spacing))

    # Big-endian NIfTI-1, int16, stored 0/3 scaled by slope 2, inter 1: labels 1 (outside) and 7.
    affine, centre, radius = oblique_ball(shape, spacing, 11.5)
    hdr = nifti_header(1, shape, np.int16, endian=">")
    hdr.set_qform(affine, code=1)
    hdr.set_sform(affine, code=1)
    inside = ball_mask(shape, hdr.get_best_affine(), centre, radius)
    stored = np.where(inside, 3, 0).astype(np.int16)
    hdr["scl_slope"] = 2.0
    hdr["scl_inter"] = 1.0
    off, nbytes = write_nifti(os.path.join(folder, "mask_bigendian.nii"), hdr, stored)
    na, img = nib_affine("mask_bigendian.nii")
    scaled = np.asarray(img.dataobj)
    assert img.header.endianness == ">" and np.array_equal(scaled, stored * 2 + 1)
    record("mask_bigendian.nii", format="NIfTI-1", shape=list(shape), dtype="int16", big_endian=True,
           affine_source="sform", affine_ras=na, nibabel_affine=na, data_offset=off, data_bytes=nbytes, gzip=False,
           scl_slope=2.0, scl_inter=1.0,
           balls=[{"label": 7, "centre": list(centre), "radius": radius}], label_counts=label_counts(scaled),
           spacing=list(spacing))

    # NRRD in LPS, uint8, raw and gzip (the same volume).
    affine, centre, radius = oblique_ball(shape, spacing, 11.0)
    mask = ball_mask(shape, affine, centre, radius).astype(np.uint8)
    for name, gz in (("mask_lps.nrrd", False), ("mask_lps_gzip.nrrd", True)):
        off, nbytes = write_nrrd(os.path.join(folder, name), mask, "unsigned char", affine, gzip_data=gz)
        record(name, format="NRRD", shape=list(shape), dtype="uint8", big_endian=False,
               affine_source="space directions", affine_ras=matrix(affine), nibabel_affine=None, data_offset=off,
               data_bytes=int(mask.size), gzip=gz,
               balls=[{"label": 1, "centre": list(centre), "radius": radius}], label_counts=label_counts(mask),
               spacing=list(spacing))

    # 3D Slicer segmentation: two segments on one layer, labels 1 and 3.
    seg_shape = (72, 56, 20)
    affine, centre, radius = oblique_ball(seg_shape, spacing, 9.0)
    rot = affine[:3, :3] @ np.diag(1 / np.asarray(spacing))
    bead_centre = centre + rot @ np.array([14.0, 0.0, 1.0])  # beside the head, along the grid's i
    bead_centre_ = bead_centre + rng.uniform(-0.3, 0.3, 3)
    head = ball_mask(seg_shape, affine, centre, radius)
    bead = ball_mask(seg_shape, affine, bead_centre_, 3.5)
    assert not (head & bead).any()
    labels = np.zeros(seg_shape, np.uint8)
    labels[head] = 1
    labels[bead] = 3
    segments = [{"id": "Segment_1", "name": "femoral head", "label": 1, "layer": 0, "color": "0.85 0.66 0.41"},
                {"id": "Segment_2", "name": "bead", "label": 3, "layer": 0, "color": "0.5 0.68 0.5"}]
    for name, gz in (("segmentation.seg.nrrd", False), ("segmentation_gzip.seg.nrrd", True)):
        off, nbytes = write_nrrd(os.path.join(folder, name), labels, "unsigned char", affine, gzip_data=gz,
                                 extra_lines=slicer_segment_lines(segments, seg_shape))
        record(name, format="NRRD", shape=list(seg_shape), dtype="uint8", big_endian=False,
               affine_source="space directions", affine_ras=matrix(affine), nibabel_affine=None, data_offset=off,
               data_bytes=int(labels.size), gzip=gz,
               balls=[{"label": 1, "name": "femoral head", "centre": list(centre), "radius": radius},
                      {"label": 3, "name": "bead", "centre": list(bead_centre_), "radius": 3.5}],
               segments=segments, label_counts=label_counts(labels), spacing=list(spacing))

    # Two layers (overlapping segments): refused, naming the layers.
    layered = np.stack([head, head | bead], axis=3).astype(np.uint8)
    two_layers = [{"id": "Segment_1", "name": "femoral head", "label": 1, "layer": 0, "color": "1 0 0"},
                  {"id": "Segment_2", "name": "head and bead", "label": 1, "layer": 1, "color": "0 1 0"}]
    write_nrrd(os.path.join(folder, "layers.seg.nrrd"), layered, "unsigned char", affine, gzip_data=False,
               extra_lines=slicer_segment_lines(two_layers, seg_shape), list_axis=3)
    record("layers.seg.nrrd", format="NRRD", error="UnsupportedFile", segments=two_layers)

    # Multi-label NIfTI (ITK-SNAP style, uint16), .nii and .nii.gz: the ball is label 2.
    ml_shape = (52, 52, 14)
    ml_spacing = spacing
    affine, centre, radius = oblique_ball(ml_shape, ml_spacing, 9.0)
    affine = affine.astype(np.float32).astype(np.float64)  # as the sform will hold it
    labels = np.zeros(ml_shape, np.uint16)
    labels[ball_mask(ml_shape, affine, centre, radius)] = 2
    labels[2:8, 2:10, 1:6] = 1                     # a box in a corner
    labels[ball_mask(ml_shape, affine, centre + affine[:3, :3] @ np.array([18.0, 18.0, 0.0]), 2.5) & (labels == 0)] = 5
    hdr = nifti_header(1, ml_shape, np.uint16)
    hdr.set_qform(affine, code=1)
    hdr.set_sform(affine, code=1)
    for name, gz in (("multilabel.nii", False), ("multilabel.nii.gz", True)):
        off, nbytes = write_nifti(os.path.join(folder, name), hdr, labels, compress=gz)
        na, img = nib_affine(name)
        record(name, format="NIfTI-1", shape=list(ml_shape), dtype="uint16", big_endian=False,
               affine_source="sform", affine_ras=na, nibabel_affine=na, data_offset=off, data_bytes=nbytes, gzip=gz,
               balls=[{"label": 2, "centre": list(centre), "radius": radius}], label_counts=label_counts(labels),
               spacing=list(ml_spacing))

    # 4D NIfTI (float32 labels 0/1): three volumes, the ball moves; the first is read.
    fd_shape = (40, 40, 12, 3)
    fd_spacing = spacing
    affine, centre, radius = oblique_ball(fd_shape, fd_spacing, 8.0)
    affine = affine.astype(np.float32).astype(np.float64)  # as the sform will hold it
    vols = [ball_mask(fd_shape, affine, centre + np.array([t * 2.0, 0, 0]), radius) for t in range(3)]
    data = np.stack(vols, axis=3).astype(np.float32)
    hdr = nifti_header(1, fd_shape, np.float32)
    hdr.set_qform(affine, code=1)
    hdr.set_sform(affine, code=1)
    off, nbytes = write_nifti(os.path.join(folder, "four_d.nii"), hdr, data)
    na, img = nib_affine("four_d.nii")
    first = data[..., 0]
    record("four_d.nii", format="NIfTI-1", shape=list(fd_shape[:3]), file_dims=list(fd_shape), dtype="float32",
           big_endian=False, affine_source="sform", affine_ras=na, nibabel_affine=na, data_offset=off,
           data_bytes=int(first.nbytes), gzip=False,
           balls=[{"label": 1, "centre": list(centre), "radius": radius}], label_counts=label_counts(first),
           spacing=list(fd_spacing))

    # --- Grey CT-like volumes ------------------------------------------------------------------
    def grey_ball(shape, spacing, affine, centre, radius, background, material, blur_mm, noise):
        frac = ball_fraction(shape, affine, centre, radius)
        # An isotropic Gaussian in mm is, on a rotated grid, σ/spacing along each voxel axis.
        frac = ndimage.gaussian_filter(frac, sigma=[blur_mm / s for s in spacing], mode="nearest", truncate=5.0)
        values = background + (material - background) * frac + rng.normal(0.0, noise, shape)
        # The effective blur: the Gaussian and the voxel box (variance s²/12 along each axis,
        # averaged over directions).
        sigma_eff = math.sqrt(blur_mm ** 2 + sum(s * s for s in spacing) / 36.0)
        return values, sigma_eff

    # int16 NIfTI in Hounsfield units: stored = HU + 1024, scl_inter = −1024.
    ct_shape = (48, 48, 48)
    ct_spacing = (0.5, 0.5, 0.5)
    affine, centre, radius = oblique_ball(ct_shape, ct_spacing, 8.0)
    background, material, blur, noise = -1000.0, 800.0, 0.4, 20.0
    hu, sigma_eff = grey_ball(ct_shape, ct_spacing, affine, centre, radius, background, material, blur, noise)
    stored = np.round(hu + 1024).astype(np.int16)
    hdr = nifti_header(1, ct_shape, np.int16)
    hdr.set_qform(affine, code=1)
    hdr.set_sform(affine, code=1)
    hdr["scl_slope"] = 1.0
    hdr["scl_inter"] = -1024.0
    for name, gz in (("ct_ball.nii", False), ("ct_ball.nii.gz", True)):
        off, nbytes = write_nifti(os.path.join(folder, name), hdr, stored, compress=gz)
        na, img = nib_affine(name)
        record(name, format="NIfTI-1", shape=list(ct_shape), dtype="int16", big_endian=False, affine_source="sform",
               affine_ras=na, nibabel_affine=na, data_offset=off, data_bytes=nbytes, gzip=gz,
               scl_slope=1.0, scl_inter=-1024.0,
               grey={"centre": list(centre), "radius": radius, "iso50_radius": iso50_radius(radius, sigma_eff),
                     "sigma_eff": sigma_eff, "background": background, "material": material, "blur_mm": blur,
                     "noise": noise},
               spacing=list(ct_spacing))

    # float32 NRRD in LPS, anisotropic 0.4 × 0.4 × 0.8 mm.
    ct_shape = (48, 48, 24)
    ct_spacing = (0.4, 0.4, 0.8)
    affine, centre, radius = oblique_ball(ct_shape, ct_spacing, 7.0)
    background, material, blur, noise = 100.0, 1100.0, 0.35, 30.0
    grey, sigma_eff = grey_ball(ct_shape, ct_spacing, affine, centre, radius, background, material, blur, noise)
    grey = grey.astype(np.float32)
    for name, gz in (("ct_ball.nrrd", False), ("ct_ball_gzip.nrrd", True)):
        off, nbytes = write_nrrd(os.path.join(folder, name), grey, "float", affine, gzip_data=gz)
        record(name, format="NRRD", shape=list(ct_shape), dtype="float32", big_endian=False,
               affine_source="space directions", affine_ras=matrix(affine), nibabel_affine=None, data_offset=off,
               data_bytes=int(grey.nbytes), gzip=gz,
               grey={"centre": list(centre), "radius": radius, "iso50_radius": iso50_radius(radius, sigma_eff),
                     "sigma_eff": sigma_eff, "background": background, "material": material, "blur_mm": blur,
                     "noise": noise},
               spacing=list(ct_spacing))

    # --- Slices left out for known reasons (axis-aligned, 1 mm) --------------------------------
    lo_shape = (128, 48, 40)
    lo_affine = np.eye(4)
    lo_affine[:3, 3] = (-60.0, -20.0, 5.0)
    w = world_of_voxels(lo_shape, lo_affine)
    idx = lambda c: np.asarray(c, float) + lo_affine[:3, 3]
    def inside(c, r):
        c = idx(c)
        return sum((w[a] - c[a]) ** 2 for a in range(3)) <= r * r
    labels = np.zeros(lo_shape, np.uint8)
    labels[inside((20.3, 24.2, 20.4), 10.0) | inside((40.1, 23.8, 14.2), 5.0)] = 1   # two pieces for some k
    labels[inside((70.2, 24.1, 20.3), 12.0) & ~inside((70.2, 24.1, 20.3), 7.0)] = 2  # a shell: holes
    labels[inside((125.4, 24.3, 20.2), 8.0)] = 3                                     # crosses i = 127
    statuses = {str(l): slice_status(labels == l) for l in (1, 2, 3)}
    statuses_axis0 = {str(l): slice_status(labels == l, axis=0) for l in (1, 2, 3)}
    hdr = nifti_header(1, lo_shape, np.uint8)
    hdr.set_qform(lo_affine, code=1)
    hdr.set_sform(lo_affine, code=1)
    off, nbytes = write_nifti(os.path.join(folder, "leftout.nii"), hdr, labels)
    na, img = nib_affine("leftout.nii")
    record("leftout.nii", format="NIfTI-1", shape=list(lo_shape), dtype="uint8", big_endian=False,
           affine_source="sform", affine_ras=na, nibabel_affine=na, data_offset=off, data_bytes=nbytes, gzip=False,
           slice_status=statuses, slice_status_axis0=statuses_axis0, label_counts=label_counts(labels),
           spacing=[1.0, 1.0, 1.0])

    truth["metaimage"] = write_metaimages(folder)

    with open(os.path.join(folder, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1)
    print(f"make_volumes: {len(truth['files'])} files and truth.json")


if __name__ == "__main__":
    main()
