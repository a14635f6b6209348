#include "read/volumes/nifti.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "read/volumes/volume_header.hpp"

namespace spherefit {
namespace {

constexpr std::int32_t kNifti1HeaderBytes = 348;
constexpr std::int32_t kNifti2HeaderBytes = 540;

std::int32_t swap_bytes(std::int32_t v) {
  const auto u = static_cast<std::uint32_t>(v);
  return static_cast<std::int32_t>((u >> 24) | ((u >> 8) & 0xFF00u) | ((u << 8) & 0xFF0000u) | (u << 24));
}

// Reads fields of the header in the file's byte order.
class FieldReader {
 public:
  FieldReader(std::string_view bytes, bool swap) : bytes_(bytes), swap_(swap) {}

  template <class T>
  T get(std::size_t offset) const {
    std::array<unsigned char, sizeof(T)> b;
    std::memcpy(b.data(), bytes_.data() + offset, sizeof(T));
    if (swap_) std::reverse(b.begin(), b.end());
    T value;
    std::memcpy(&value, b.data(), sizeof(T));
    return value;
  }

 private:
  std::string_view bytes_;
  bool swap_;
};

// The fields this reader uses, widened to one form for both versions, with where each lives (for
// error offsets).
struct NiftiFields {
  bool version2 = false;
  std::int64_t dim[8] = {};
  int datatype = 0;
  double pixdim[8] = {};
  double vox_offset = 0;
  double scl_slope = 0, scl_inter = 0;
  int qform_code = 0, sform_code = 0;
  double quatern[3] = {}, qoffset[3] = {};
  double srow[3][4] = {};
  int xyzt_units = 0;
  long long dim_at = 0, dim_step = 0, datatype_at = 0, vox_offset_at = 0;
  long long pixdim_at = 0, float_step = 4, qform_code_at = 0, sform_code_at = 0, srow_at = 0, xyzt_units_at = 0;
  std::int32_t header_bytes = kNifti1HeaderBytes;
};

NiftiFields read_nifti1(const FieldReader& r) {
  NiftiFields f;
  f.dim_at = 40;
  f.dim_step = 2;
  for (int d = 0; d < 8; ++d) f.dim[d] = r.get<std::int16_t>(40 + 2 * d);
  f.datatype_at = 70;
  f.datatype = r.get<std::int16_t>(70);
  f.pixdim_at = 76;
  for (int d = 0; d < 8; ++d) f.pixdim[d] = r.get<float>(76 + 4 * d);
  f.vox_offset_at = 108;
  f.vox_offset = r.get<float>(108);
  f.scl_slope = r.get<float>(112);
  f.scl_inter = r.get<float>(116);
  f.xyzt_units_at = 123;
  f.xyzt_units = r.get<std::uint8_t>(123);
  f.qform_code_at = 252;
  f.qform_code = r.get<std::int16_t>(252);
  f.sform_code_at = 254;
  f.sform_code = r.get<std::int16_t>(254);
  f.srow_at = 280;
  for (int q = 0; q < 3; ++q) f.quatern[q] = r.get<float>(256 + 4 * q);
  for (int q = 0; q < 3; ++q) f.qoffset[q] = r.get<float>(268 + 4 * q);
  for (int row = 0; row < 3; ++row)
    for (int c = 0; c < 4; ++c) f.srow[row][c] = r.get<float>(280 + 16 * row + 4 * c);
  return f;
}

NiftiFields read_nifti2(const FieldReader& r) {
  NiftiFields f;
  f.version2 = true;
  f.header_bytes = kNifti2HeaderBytes;
  f.float_step = 8;
  f.datatype_at = 12;
  f.datatype = r.get<std::int16_t>(12);
  f.dim_at = 16;
  f.dim_step = 8;
  for (int d = 0; d < 8; ++d) f.dim[d] = r.get<std::int64_t>(16 + 8 * d);
  f.pixdim_at = 104;
  for (int d = 0; d < 8; ++d) f.pixdim[d] = r.get<double>(104 + 8 * d);
  f.vox_offset_at = 168;
  f.vox_offset = static_cast<double>(r.get<std::int64_t>(168));
  f.scl_slope = r.get<double>(176);
  f.scl_inter = r.get<double>(184);
  f.qform_code_at = 344;
  f.qform_code = r.get<std::int32_t>(344);
  f.sform_code_at = 348;
  f.sform_code = r.get<std::int32_t>(348);
  f.srow_at = 400;
  for (int q = 0; q < 3; ++q) f.quatern[q] = r.get<double>(352 + 8 * q);
  for (int q = 0; q < 3; ++q) f.qoffset[q] = r.get<double>(376 + 8 * q);
  for (int row = 0; row < 3; ++row)
    for (int c = 0; c < 4; ++c) f.srow[row][c] = r.get<double>(400 + 32 * row + 8 * c);
  f.xyzt_units_at = 500;
  f.xyzt_units = r.get<std::int32_t>(500);
  return f;
}

std::optional<VoxelType> voxel_type_of(int datatype) {
  switch (datatype) {
    case 2:
      return VoxelType::UInt8;
    case 256:
      return VoxelType::Int8;
    case 512:
      return VoxelType::UInt16;
    case 4:
      return VoxelType::Int16;
    case 768:
      return VoxelType::UInt32;
    case 8:
      return VoxelType::Int32;
    case 16:
      return VoxelType::Float32;
    case 64:
      return VoxelType::Float64;
    default:
      return std::nullopt;
  }
}

std::string datatype_name(int datatype) {
  switch (datatype) {
    case 1:
      return "1-bit binary";
    case 32:
      return "complex64";
    case 128:
      return "RGB24";
    case 1024:
      return "int64";
    case 1280:
      return "uint64";
    case 1536:
      return "float128";
    case 1792:
      return "complex128";
    case 2048:
      return "complex256";
    case 2304:
      return "RGBA32";
    default:
      return "unknown (" + std::to_string(datatype) + ")";
  }
}

const char* xform_name(int code) {
  switch (code) {
    case 1:
      return "scanner anatomical";
    case 2:
      return "aligned anatomical";
    case 3:
      return "Talairach";
    case 4:
      return "MNI 152";
    case 5:
      return "template";
    default:
      return "unknown";
  }
}

// nifti1.h, method 2: R from the unit quaternion (a, b, c, d) with a = √(1 − b² − c² − d²);
// columns scaled by pixdim[1], pixdim[2], qfac·pixdim[3]; translation (qoffset_x, _y, _z).
Eigen::Matrix4d qform_affine(const NiftiFields& f, const Eigen::Vector3d& spacing, double qfac) {
  double b = f.quatern[0], c = f.quatern[1], d = f.quatern[2];
  double a2 = 1.0 - (b * b + c * c + d * d);
  double a = 0.0;
  if (a2 > 0) {
    a = std::sqrt(a2);
  } else {
    // (b, c, d) is already (nearly) a unit vector: a 180° rotation. Renormalise, as nifti1_io does.
    const double n = std::sqrt(b * b + c * c + d * d);
    b /= n, c /= n, d /= n;
  }
  Eigen::Matrix3d r;
  r << a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c), 2 * (b * c + a * d),
      a * a + c * c - b * b - d * d, 2 * (c * d - a * b), 2 * (b * d - a * c), 2 * (c * d + a * b),
      a * a + d * d - c * c - b * b;
  Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
  m.topLeftCorner<3, 3>() = r * Eigen::Vector3d(spacing(0), spacing(1), qfac * spacing(2)).asDiagonal();
  m.block<3, 1>(0, 3) = Eigen::Vector3d(f.qoffset[0], f.qoffset[1], f.qoffset[2]);
  return m;
}

// The header's fields in this machine's order, after the size, magic and byte order checks.
Outcome<NiftiFields> read_fields(std::string_view head, VolumeInfo& info) {
  std::int32_t sizeof_hdr = 0;
  std::memcpy(&sizeof_hdr, head.data(), 4);
  const bool as_written = sizeof_hdr == kNifti1HeaderBytes || sizeof_hdr == kNifti2HeaderBytes;
  const std::int32_t header_bytes = as_written ? sizeof_hdr : swap_bytes(sizeof_hdr);
  const bool version2 = header_bytes == kNifti2HeaderBytes;
  if (head.size() < static_cast<std::size_t>(header_bytes)) {
    return file_error(ErrorCode::TruncatedFile, static_cast<long long>(head.size()),
                      std::string("The file ends at byte ") + std::to_string(head.size()) + ", inside its " +
                          (version2 ? "NIfTI-2" : "NIfTI-1") + " header of " + std::to_string(header_bytes) +
                          " bytes. The file is cut short: download or export it again.");
  }
  // sizeof_hdr as read in this machine's order tells whether the file's order is the other one.
  const bool swap = !as_written;
  const bool machine_little = [] {
    const std::uint16_t one = 1;
    unsigned char first;
    std::memcpy(&first, &one, 1);
    return first == 1;
  }();

  const std::string_view magic = version2 ? head.substr(4, 4) : head.substr(344, 4);
  if (magic == std::string_view("ni1\0", 4) || magic == std::string_view("ni2\0", 4)) {
    return file_error(ErrorCode::UnsupportedFile, version2 ? 4 : 344,
                      "This is the header of a .hdr/.img pair (NIfTI magic \"ni1\"): the voxels are in "
                      "another file. Save the volume as a single .nii or .nii.gz file and drop that.");
  }
  if (magic != std::string_view(version2 ? "n+2\0" : "n+1\0", 4)) {
    if (!version2) {
      return file_error(ErrorCode::UnsupportedFile, 344,
                        "This looks like an Analyze 7.5 header (no NIfTI magic \"n+1\" at byte 344): "
                        "Analyze does not say where the voxels are in the world. Save the volume as "
                        "NIfTI (.nii or .nii.gz) and drop that.");
    }
    return file_error(ErrorCode::InvalidFile, 4,
                      "The header says NIfTI-2 (sizeof_hdr 540) but its magic at byte 4 is not \"n+2\". "
                      "The file is damaged or not NIfTI.");
  }
  info.format = version2 ? VolumeFormat::Nifti2 : VolumeFormat::Nifti1;
  info.big_endian = machine_little == swap;
  const FieldReader reader(head, swap);
  return version2 ? read_nifti2(reader) : read_nifti1(reader);
}

// dim[]: the grid (the first three dimensions), the file's dimensions, a warning for 4D and more.
std::optional<Error> read_dimensions(const NiftiFields& f, VolumeInfo& info) {
  const std::int64_t ndim = f.dim[0];
  if (ndim < 1 || ndim > 7) {
    return file_error(ErrorCode::InvalidFile, f.dim_at,
                      "dim[0] = " + std::to_string(ndim) + " at byte " + std::to_string(f.dim_at) +
                          ": a NIfTI file has 1 to 7 dimensions. The header is damaged.");
  }
  for (int d = 1; d <= ndim; ++d) {
    if (f.dim[d] < 1) {
      const long long at = f.dim_at + f.dim_step * d;
      return file_error(ErrorCode::InvalidFile, at,
                        "dim[" + std::to_string(d) + "] = " + std::to_string(f.dim[d]) + " at byte " +
                            std::to_string(at) + ": every dimension needs at least one voxel.");
    }
    info.file_dims.push_back(f.dim[d]);
  }
  if (ndim == 1) {
    return file_error(ErrorCode::UnsupportedFile, f.dim_at,
                      "The file holds a 1D signal of " + std::to_string(f.dim[1]) +
                          " values, not an image: there are no slices to contour.");
  }
  info.size = {f.dim[1], f.dim[2], ndim >= 3 ? f.dim[3] : 1};
  static const char* const kExtraNames[] = {"", "", "", "", "4 (t)", "5 (u)", "6 (v)", "7 (w)"};
  for (int d = 4; d <= ndim; ++d) {
    if (f.dim[d] > 1) {
      info.warnings.push_back({WarningCode::FirstVolumeOnly, "The file holds " + std::to_string(f.dim[d]) +
                                                                 " volumes along dimension " + kExtraNames[d] +
                                                                 ": only the first is used."});
    }
  }
  return std::nullopt;
}

// datatype → the voxel type, and the first volume's byte size.
std::optional<Error> read_voxel_type(const NiftiFields& f, VolumeInfo& info) {
  const std::optional<VoxelType> type = voxel_type_of(f.datatype);
  if (!type) {
    return file_error(ErrorCode::UnsupportedFile, f.datatype_at,
                      "The voxels are of type " + datatype_name(f.datatype) + " (NIfTI datatype " +
                          std::to_string(f.datatype) +
                          "). Supported: uint8, int8, uint16, int16, uint32, int32, float32, float64. "
                          "Convert the volume to one of these (3D Slicer: Cast Scalar Volume).");
  }
  info.type = *type;
  const Outcome<std::uint64_t> bytes = voxel_data_bytes(info.size, info.type);
  if (!bytes.ok()) return bytes.error();
  info.data_bytes = bytes.value();
  return std::nullopt;
}

// vox_offset: where the voxels start.
std::optional<Error> read_data_start(const NiftiFields& f, VolumeInfo& info) {
  if (!std::isfinite(f.vox_offset) || f.vox_offset < f.header_bytes || f.vox_offset != std::floor(f.vox_offset) ||
      f.vox_offset > 9.0e15) {
    return file_error(ErrorCode::InvalidFile, f.vox_offset_at,
                      "vox_offset = " + format_number(f.vox_offset) + " at byte " + std::to_string(f.vox_offset_at) +
                          ": the voxels of a .nii file start at a whole byte after the " +
                          std::to_string(f.header_bytes) + "-byte header. The header is damaged.");
  }
  info.data_offset = static_cast<std::uint64_t>(f.vox_offset);
  return std::nullopt;
}

// nifti1.h: "If the scl_slope field is nonzero, then each voxel value in the dataset should be
// scaled as y = scl_slope * x + scl_inter".
void read_scaling(const NiftiFields& f, VolumeInfo& info) {
  if (!std::isfinite(f.scl_slope) || f.scl_slope == 0.0) return;
  if (!std::isfinite(f.scl_inter)) {
    info.warnings.push_back(
        {WarningCode::VolumeGeometry, "scl_inter is not a number: the stored values are used unscaled."});
  } else if (f.scl_slope != 1.0 || f.scl_inter != 0.0) {
    info.scaled = true;
    info.scl_slope = f.scl_slope;
    info.scl_inter = f.scl_inter;
  }
}

// Spatial units (xyzt_units bits 0–2): 1 metre, 2 mm, 3 µm; 0 (unknown) is read as mm. Returns mm
// per unit.
double read_units(const NiftiFields& f, VolumeInfo& info) {
  const int units = f.xyzt_units & 7;
  if (units != 1 && units != 3) return 1.0;
  info.warnings.push_back({WarningCode::VolumeGeometry, std::string("The header gives positions in ") +
                                                            (units == 1 ? "metres" : "micrometres") +
                                                            ": they are converted to mm."});
  return units == 1 ? 1000.0 : 0.001;
}

// Spacings for the qform and method 1. nifti1.h asks for positive pixdim; what cannot be a spacing
// is replaced (the absolute value, or 1 for zero or not a number) and `repaired` says so.
struct Spacing {
  Eigen::Vector3d value = Eigen::Vector3d::Ones();
  bool repaired = false;
};

Spacing read_spacing(const NiftiFields& f) {
  Spacing out;
  for (int d = 0; d < 3; ++d) {
    double s = f.pixdim[d + 1];
    if (d + 1 > f.dim[0]) s = std::isfinite(s) && s > 0 ? s : 1.0;
    if (!std::isfinite(s) || s == 0.0) {
      s = 1.0;
      out.repaired = true;
    } else if (s < 0) {
      s = -s;
      out.repaired = true;
    }
    out.value(d) = s;
  }
  return out;
}

// A placement the final check refused: the field that made it, at its byte.
Error unusable_geometry(const NiftiFields& f, const VolumeInfo& info, double to_mm) {
  const Eigen::Matrix4d& a = info.affine;
  std::string where;
  long long at = -1;
  if (info.affine_source == AffineSource::Pixdim) {
    int worst = 0;
    for (int d = 1; d < 3; ++d)
      if (!(a.col(d).cwiseAbs().maxCoeff() <= a.col(worst).cwiseAbs().maxCoeff())) worst = d;
    at = f.pixdim_at + f.float_step * (worst + 1);
    where = "pixdim[" + std::to_string(worst + 1) + "] = " + format_number(f.pixdim[worst + 1]) + " at byte " +
            std::to_string(at);
  } else if (info.affine_source == AffineSource::Sform) {
    at = f.srow_at;
    where = "The sform (srow_x, srow_y, srow_z from byte " + std::to_string(at) + ")";
  } else {
    at = f.pixdim_at + f.float_step;
    where = "The qform's spacings (pixdim from byte " + std::to_string(at) + ")";
  }
  return file_error(ErrorCode::InvalidFile, at,
                    where + (to_mm != 1.0 ? ", converted to mm," : "") +
                        " places the voxels beyond 10⁹ mm (1000 km) or on a degenerate grid: no scanner measures "
                        "such a volume. The header is damaged; save the volume again.");
}

// Voxel → RAS mm: the sform, else the qform, else pixdim alone; each in mm before it is judged, and
// the matrix kept is checked once more (affine_usable) whichever path placed it.
std::optional<Error> place_voxels(const NiftiFields& f, double to_mm, VolumeInfo& info) {
  const Spacing spacing = read_spacing(f);
  const double qfac = f.pixdim[0] < 0 ? -1.0 : 1.0;
  Eigen::Matrix4d in_mm = Eigen::Matrix4d::Identity();
  in_mm.topRows<3>() *= to_mm;

  bool placed = false;
  if (f.sform_code > 0) {
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    for (int row = 0; row < 3; ++row)
      for (int c = 0; c < 4; ++c) m(row, c) = f.srow[row][c];
    if (affine_usable(in_mm * m)) {
      info.affine = in_mm * m;
      info.affine_source = AffineSource::Sform;
      info.space = std::string("sform (") + xform_name(f.sform_code) + ")";
      placed = true;
    } else {
      info.warnings.push_back({WarningCode::VolumeGeometry,
                               "The sform matrix is singular, not finite or beyond 10⁹ mm: the qform places the "
                               "voxels instead."});
    }
  }
  if (!placed && f.qform_code > 0) {
    const bool finite = std::isfinite(f.quatern[0]) && std::isfinite(f.quatern[1]) && std::isfinite(f.quatern[2]) &&
                        std::isfinite(f.qoffset[0]) && std::isfinite(f.qoffset[1]) && std::isfinite(f.qoffset[2]);
    const Eigen::Matrix4d m = in_mm * qform_affine(f, spacing.value, qfac);
    if (finite && affine_usable(m)) {
      info.affine = m;
      info.affine_source = AffineSource::Qform;
      info.space = std::string("qform (") + xform_name(f.qform_code) + ")";
      placed = true;
    } else {
      info.warnings.push_back({WarningCode::VolumeGeometry,
                               "The qform quaternion or offsets are not usable numbers: only the voxel "
                               "spacing places the voxels."});
    }
  }
  if ((!placed || info.affine_source == AffineSource::Qform) && spacing.repaired) {
    info.warnings.push_back({WarningCode::VolumeGeometry,
                             "Some voxel spacings (pixdim) are zero, negative or not numbers: the absolute "
                             "value, or 1 for zero, is used. Check the volume's spacing."});
  }
  if (!placed) {
    info.affine = Eigen::Matrix4d::Identity();
    info.affine.topLeftCorner<3, 3>() = (to_mm * spacing.value).asDiagonal();
    info.affine_source = AffineSource::Pixdim;
    info.space = "pixdim only";
    const bool refused = f.sform_code > 0 || f.qform_code > 0;
    info.warnings.push_back(
        {WarningCode::VolumeGeometry, std::string(refused ? "Neither the sform nor the qform is usable"
                                                          : "The file has neither an sform nor a qform") +
                                          ": voxel (0, 0, 0) sits at the origin and "
                                          "i, j, k run along x, y, z with spacings " +
                                          format_number(spacing.value(0) * to_mm) + " × " +
                                          format_number(spacing.value(1) * to_mm) + " × " +
                                          format_number(spacing.value(2) * to_mm) +
                                          " mm. Positions are in the volume's own frame, not the scanner's."});
  }
  if (!affine_usable(info.affine)) return unusable_geometry(f, info, to_mm);
  return std::nullopt;
}

}  // namespace

Outcome<VolumeInfo> read_nifti_header(std::string_view head) {
  VolumeInfo info;
  const Outcome<NiftiFields> fields = read_fields(head, info);
  if (!fields.ok()) return fields.error();
  const NiftiFields& f = fields.value();
  if (auto e = read_dimensions(f, info)) return *e;
  if (auto e = read_voxel_type(f, info)) return *e;
  if (auto e = read_data_start(f, info)) return *e;
  read_scaling(f, info);
  const double to_mm = read_units(f, info);
  if (auto e = place_voxels(f, to_mm, info)) return *e;
  return info;
}

}  // namespace spherefit
