// Voxel volumes: a segmentation or a grey CT/MRI volume as NIfTI-1/2, NRRD or MetaImage hold it, and the
// slice contours read from it. World coordinates are RAS millimetres, as 3D Slicer shows them:
// x grows toward the patient's right, y toward anterior, z toward superior. The voxels themselves
// are not owned here: they sit in a buffer the caller fills once (in the browser, wasm memory
// filled by a decompression stream) and keeps alive while a Volume refers to it.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/names.hpp"
#include "model/points.hpp"
#include "model/status.hpp"

namespace spherefit {

enum class VolumeFormat { Nifti1, Nifti2, Nrrd, MetaImage, Dicom };

inline constexpr NamedValue<VolumeFormat> kVolumeFormatNames[] = {
    {VolumeFormat::Nifti1, "NIfTI-1"},      {VolumeFormat::Nifti2, "NIfTI-2"}, {VolumeFormat::Nrrd, "NRRD"},
    {VolumeFormat::MetaImage, "MetaImage"}, {VolumeFormat::Dicom, "DICOM"},
};

// How the stored voxels are compressed: gzip (NRRD "encoding: gzip"; a gzip member, RFC 1952) or
// zlib (MetaImage "CompressedData = True": a zlib stream, RFC 1950, what the browser's
// DecompressionStream("deflate") reads).
enum class DataCompression { None, Gzip, Zlib };

inline constexpr NamedValue<DataCompression> kDataCompressionNames[] = {
    {DataCompression::None, "none"},
    {DataCompression::Gzip, "gzip"},
    {DataCompression::Zlib, "zlib"},
};

enum class VoxelType { UInt8, Int8, UInt16, Int16, UInt32, Int32, Float32, Float64 };

inline constexpr NamedValue<VoxelType> kVoxelTypeNames[] = {
    {VoxelType::UInt8, "uint8"},     {VoxelType::Int8, "int8"},       {VoxelType::UInt16, "uint16"},
    {VoxelType::Int16, "int16"},     {VoxelType::UInt32, "uint32"},   {VoxelType::Int32, "int32"},
    {VoxelType::Float32, "float32"}, {VoxelType::Float64, "float64"},
};

inline constexpr std::size_t voxel_bytes(VoxelType t) {
  switch (t) {
    case VoxelType::UInt8:
    case VoxelType::Int8:
      return 1;
    case VoxelType::UInt16:
    case VoxelType::Int16:
      return 2;
    case VoxelType::UInt32:
    case VoxelType::Int32:
    case VoxelType::Float32:
      return 4;
    case VoxelType::Float64:
      return 8;
  }
  return 1;
}

// "1 byte", "2 bytes": a voxel's size in messages.
inline std::string voxel_size_text(VoxelType t) {
  const std::size_t n = voxel_bytes(t);
  return std::to_string(n) + (n == 1 ? " byte" : " bytes");
}

inline constexpr bool is_float(VoxelType t) { return t == VoxelType::Float32 || t == VoxelType::Float64; }

// Where the voxel → world matrix came from. NIfTI: the sform (sform_code > 0), else the qform
// (qform_code > 0), else pixdim alone ("method 1": a diagonal matrix, no origin). NRRD: space
// directions and origin, else spacings alone, else unit spacing. MetaImage: TransformMatrix with
// ElementSpacing and Offset ("transform matrix"), or spacing and offset alone ("spacings"). DICOM:
// each slice's own ImagePositionPatient with the shared orientation and pixel spacing ("slice
// positions"; VolumeInfo::slice_origins).
enum class AffineSource { Sform, Qform, Pixdim, SpaceDirections, Spacings, Identity, TransformMatrix, SlicePositions };

inline constexpr NamedValue<AffineSource> kAffineSourceNames[] = {
    {AffineSource::Sform, "sform"},
    {AffineSource::Qform, "qform"},
    {AffineSource::Pixdim, "pixdim"},
    {AffineSource::SpaceDirections, "space directions"},
    {AffineSource::Spacings, "spacings"},
    {AffineSource::Identity, "identity"},
    {AffineSource::TransformMatrix, "transform matrix"},
    {AffineSource::SlicePositions, "slice positions"},
};

// A 3D Slicer segment (.seg.nrrd: SegmentN_ID, _Name, _LabelValue, _Layer).
struct Segment {
  int index = 0;              // N in SegmentN_*
  std::string id;             // Slicer's segment ID ("Segment_1")
  std::string name;           // the user's name ("femoral head")
  long long label_value = 1;  // voxels of this segment hold this value
  int layer = 0;              // which labelmap layer (a 4D axis) holds it
};

// The largest voxel buffer accepted: the wasm build addresses 2 GiB at most (Emscripten's default
// MAXIMUM_MEMORY with memory growth), and the rest of the app needs some of it.
inline constexpr std::uint64_t kMaxVolumeBytes = 1792ull << 20;

// How much of a file's start read_volume_header is given: enough for any NRRD header or NIfTI
// header with its extensions in practice.
inline constexpr std::size_t kVolumeHeadBytes = std::size_t{1} << 20;

// What a volume file's header says, enough to fetch its voxels and place them in the world.
// The caller delivers data_bytes bytes of voxels: from data_offset in the data source —
// the stream the header was read from (the decompressed stream for .nii.gz; the raw file for
// NRRD and MetaImage), or, when data_file is not empty, the file of that name (a detached NRRD
// .nhdr or MetaImage .mhd header; see attach_data_file in read/volumes/volume.hpp) — decompressing
// as data_compression says first, and then dropping data_skip bytes of the decompressed data.
// data_gzip is data_compression == Gzip, kept for the callers that know only gzip.
struct VolumeInfo {
  VolumeFormat format = VolumeFormat::Nifti1;
  std::array<std::int64_t, 3> size{1, 1, 1};  // ni, nj, nk: voxels along i (fastest), j, k
  std::vector<std::int64_t> file_dims;        // every dimension the file declares, as written
  VoxelType type = VoxelType::UInt8;
  bool big_endian = false;  // byte order of the stored voxels
  std::uint64_t data_offset = 0;
  DataCompression data_compression = DataCompression::None;
  bool data_gzip = false;  // data_compression == Gzip (set by set_compression)
  std::uint64_t data_skip = 0;
  // A detached header's data file, as the header names it ("ball.raw", "./data/ball.raw.gz");
  // empty when the voxels follow the header in the same file. The core never opens it: the caller
  // finds it (among the files the user dropped, by its last path component) and reads from it.
  std::string data_file;
  // The voxels end the data file (NRRD "byte skip: -1", MetaImage "HeaderSize = -1") whose size is
  // not known yet: data_offset is set once it is (attach_data_file). Then data_tail_bytes is the
  // size of the data block at its end (every volume of a 4D file, of which the first is read).
  bool data_at_end = false;
  std::uint64_t data_tail_bytes = 0;
  std::uint64_t data_bytes = 0;  // ni·nj·nk·voxel_bytes(type): the first volume
  bool scaled = false;           // value = stored · scl_slope + scl_inter
  double scl_slope = 1.0;
  double scl_inter = 0.0;
  Eigen::Matrix4d affine = Eigen::Matrix4d::Identity();  // (i, j, k, 1) → RAS mm
  // A stack of slices each placed by its own origin (DICOM: every slice's ImagePositionPatient),
  // RAS mm, one per k; empty for a volume on a regular grid. When given, voxel (i, j, k) is at
  // slice_origins[k] + i·affine.col(0) + j·affine.col(1), between slices the origins are
  // interpolated linearly, and affine.col(2) is only the mean step (first to last origin). So
  // uneven spacing and gantry tilt are exact, without resampling (read/volumes/volume.hpp world_of).
  std::vector<Eigen::Vector3d> slice_origins;
  AffineSource affine_source = AffineSource::Identity;
  std::string space;  // the file's own words ("left-posterior-superior", "sform: scanner")
  std::vector<Segment> segments;
  std::array<std::int64_t, 3> reference_offset{0, 0, 0};  // Slicer: this grid's offset in its reference image
  std::vector<Warning> warnings;

  std::uint64_t voxel_count() const {
    return static_cast<std::uint64_t>(size[0]) * static_cast<std::uint64_t>(size[1]) *
           static_cast<std::uint64_t>(size[2]);
  }
  bool data_compressed() const { return data_compression != DataCompression::None; }
  void set_compression(DataCompression c) {
    data_compression = c;
    data_gzip = c == DataCompression::Gzip;
  }
};

// A volume whose voxels are in memory in this machine's byte order. `data` is not owned: it must
// outlive the Volume. Voxel (i, j, k) is element i + ni·(j + nj·k).
struct Volume {
  VolumeInfo info;
  const std::uint8_t* data = nullptr;

  std::int64_t ni() const { return info.size[0]; }
  std::int64_t nj() const { return info.size[1]; }
  std::int64_t nk() const { return info.size[2]; }
  std::size_t voxel_count() const { return static_cast<std::size_t>(info.voxel_count()); }
};

// One distinct value of a labelmap and how many voxels hold it. value is the scaled value
// (stored · slope + inter when the file scales); name is the Slicer segment's name, if any.
struct LabelCount {
  double value = 0.0;
  std::uint64_t count = 0;
  std::string name;
};

// A peak of the grey-value histogram (scaled values): where it is, and its height and
// prominence (height above the saddle joining it to a higher peak) as fractions of the highest.
struct HistogramPeak {
  double value = 0.0;
  double height = 0.0;
  double prominence = 0.0;
};

// ISO-50: the grey value halfway between the background and the material peaks.
struct Iso50Threshold {
  double threshold = 0.0;
  double background = 0.0;
  double material = 0.0;
  std::vector<HistogramPeak> peaks;  // the significant ones, ascending in value
  std::vector<Warning> warnings;
};

// Which voxels are inside: those equal to a label value (a segment), or those whose scaled grey
// value is at or above a threshold.
struct ContourSelector {
  enum class Kind { Label, Threshold };
  Kind kind = Kind::Label;
  double value = 1.0;

  static ContourSelector label(double v) { return {Kind::Label, v}; }
  static ContourSelector threshold(double t) { return {Kind::Threshold, t}; }
};

// Which voxels: a label, or a threshold; neither means the volume's default (the largest
// non-zero label, or ISO-50). axis: the voxel axis (0 i, 1 j, 2 k) the slices are taken across.
struct VolumeSelection {
  std::optional<double> label;
  std::optional<double> threshold;
  int axis = 2;
};

// A box of voxels, inclusive: lo ≤ (i, j, k) ≤ hi. Empty when any hi < lo.
struct VoxelBox {
  std::array<std::int64_t, 3> lo{0, 0, 0};
  std::array<std::int64_t, 3> hi{-1, -1, -1};
  bool empty() const { return hi[0] < lo[0] || hi[1] < lo[1] || hi[2] < lo[2]; }
};

// How contours are taken. box: only voxels in it can be inside (a label's bounding box: each
// label of a labelmap is traced in its own box, not over the whole volume). every_curve: every
// closed curve of every slice is a contour of its own (the surface of several objects, for the
// search for several spheres), and a slice cut by the volume's edge is traced as if the volume
// were padded with outside voxels, its artificial edge dropped.
struct ContourRequest {
  std::optional<VoxelBox> box;
  bool every_curve = false;
};

// Why a slice's contour was kept or left out.
enum class SliceContourStatus { Kept, Empty, TouchesEdge, SeveralPieces, Hole };

inline constexpr NamedValue<SliceContourStatus> kSliceContourStatusNames[] = {
    {SliceContourStatus::Kept, "Kept"},
    {SliceContourStatus::Empty, "Empty"},
    {SliceContourStatus::TouchesEdge, "TouchesEdge"},
    {SliceContourStatus::SeveralPieces, "SeveralPieces"},
    {SliceContourStatus::Hole, "Hole"},
};

struct VolumeSlice {
  std::int64_t index = 0;  // along the slicing axis
  SliceContourStatus status = SliceContourStatus::Empty;
  std::int32_t contour = -1;     // the contour (PointTable slice id) when kept
  std::int64_t point_count = 0;  // points of the kept contour, or of all curves when left out
  std::int64_t inside_voxels = 0;
  int curves = 0;  // closed curves found (0 when empty or touching the edge)
  int holes = 0;   // of which bound holes
};

// The kept contours: points in world mm ordered along each closed curve, slice = contour index,
// slice_names "k = 37", slice_normals the slice plane's world normal (pointing to increasing
// index). slices lists every slice of the volume along `axis`.
struct VolumeContours {
  PointTable points;
  int axis = 2;
  Eigen::Vector3d normal = Eigen::Vector3d::UnitZ();
  std::vector<VolumeSlice> slices;
  std::vector<Warning> warnings;
};

}  // namespace spherefit
