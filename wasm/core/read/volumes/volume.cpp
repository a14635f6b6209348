#include "read/volumes/volume.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <string>

#include "read/volumes/metaimage.hpp"
#include "read/volumes/nifti.hpp"
#include "read/volumes/nrrd.hpp"
#include "read/sniff.hpp"
#include "read/volumes/volume_header.hpp"

namespace spherefit {
namespace {

bool machine_is_big_endian() {
  const std::uint16_t one = 1;
  unsigned char first;
  std::memcpy(&first, &one, 1);
  return first == 0;
}

std::int32_t int32_at(std::string_view s, std::size_t offset, bool swap) {
  unsigned char b[4];
  std::memcpy(b, s.data() + offset, 4);
  if (swap) std::swap(b[0], b[3]), std::swap(b[1], b[2]);
  std::int32_t v;
  std::memcpy(&v, b, 4);
  return v;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    const char a = s[s.size() - suffix.size() + i];
    if (std::tolower(static_cast<unsigned char>(a)) != suffix[i]) return false;
  }
  return true;
}

Error unknown_format(std::string_view head, std::string_view file_name) {
  const std::string name = file_name.empty() ? std::string("The file") : "\"" + std::string(file_name) + "\"";
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1F && static_cast<unsigned char>(head[1]) == 0x8B) {
    return file_error(ErrorCode::UnknownFormat, 0,
                      name + " is still gzip-compressed here: it must be decompressed before its header is read.");
  }
  if (head.size() >= 132 && head.substr(128, 4) == "DICM") {
    return file_error(ErrorCode::UnsupportedFile, 128,
                      name +
                          " is a DICOM file. Load the series in 3D Slicer (or another viewer) and save the "
                          "volume or segmentation as .nrrd or .nii.gz.");
  }
  const std::string looks = describe_file(head);
  return file_error(ErrorCode::UnknownFormat, 0,
                    name + (looks.empty() ? std::string(" is") : " looks like " + looks + ", and is") +
                        " neither NIfTI (.nii, .nii.gz: no header size 348 or 540 in its first 4 bytes), NRRD "
                        "(.nrrd, .nhdr, .seg.nrrd: no \"NRRD\" magic) nor MetaImage (.mha, .mhd: no "
                        "\"ObjectType = Image\" or \"NDims = …\" first line).");
}

}  // namespace

Outcome<VolumeInfo> read_volume_header(std::string_view head, std::string_view file_name, std::int64_t stream_size) {
  if (head.empty()) return file_error(ErrorCode::EmptyInput, 0, "The file is empty.");
  if (stream_size < 0 && head.size() < kVolumeHeadBytes) stream_size = static_cast<std::int64_t>(head.size());

  Outcome<VolumeInfo> read = [&]() -> Outcome<VolumeInfo> {
    if (head.substr(0, 4) == "NRRD") return read_nrrd_header(head, stream_size);
    if (looks_like_metaimage(head) ||
        ((ends_with(file_name, ".mha") || ends_with(file_name, ".mhd")) && head.find('=') != std::string_view::npos &&
         head.find('\0') == std::string_view::npos)) {
      return read_metaimage_header(head, stream_size);
    }
    if (ends_with(file_name, ".nhdr")) {
      return file_error(ErrorCode::UnsupportedFile, 0,
                        "The file is named .nhdr (a detached NRRD header) but does not begin with the \"NRRD000…\" "
                        "magic line. The header is damaged, or not NRRD.");
    }
    if (head.size() < 4) {
      const bool nrrd_prefix = std::string_view("NRRD").substr(0, head.size()) == head;
      if (nrrd_prefix) {
        return file_error(ErrorCode::TruncatedFile, static_cast<long long>(head.size()),
                          "The file ends at byte " + std::to_string(head.size()) + ", inside its header.");
      }
      return unknown_format(head, file_name);
    }
    for (bool swap : {false, true}) {
      const std::int32_t n = int32_at(head, 0, swap);
      if (n == 348 || n == 540) return read_nifti_header(head);
    }
    return unknown_format(head, file_name);
  }();
  if (!read.ok()) return read;
  VolumeInfo& info = read.value();

  // Uncompressed voxels that would run past the end of a stream of known size (this file's: the
  // data file of a detached header is checked by attach_data_file).
  if (!info.data_compressed() && info.data_file.empty() && stream_size >= 0) {
    const std::uint64_t end = info.data_offset + info.data_bytes;
    const auto size = static_cast<std::uint64_t>(stream_size);
    if (end > size) {
      return file_error(ErrorCode::TruncatedFile, stream_size,
                        "The header promises " + format_size(info.size) + " voxels of " + voxel_size_text(info.type) +
                            " (" + std::to_string(info.data_bytes) + " bytes) from byte " +
                            std::to_string(info.data_offset) + ", but the file ends at byte " + std::to_string(size) +
                            " (" + std::to_string(end - size) +
                            " bytes short). The file is cut short, or its dimensions are wrong.");
    }
  }
  return read;
}

Outcome<Volume> make_volume(const VolumeInfo& info, std::uint8_t* data, std::size_t size) {
  if (data == nullptr && info.data_bytes > 0) {
    Error e = file_error(ErrorCode::InvalidOption, -1, "No voxel buffer was given.");
    return e;
  }
  if (size != info.data_bytes) {
    if (size < info.data_bytes) {
      // Raw data stopped at data_offset + size of the data source. Compressed data stopped inside
      // the decompressed stream, which has no byte of the file to point at: the error points at
      // the start of the compressed data and says where in the decompressed data it stopped. No
      // data at all means the source ended at or before where the voxels should start, a place
      // that may lie past its end: then no offset.
      const bool compressed = info.data_compressed();
      const std::string source = info.data_file.empty() ? std::string("the file") : "\"" + info.data_file + "\"";
      const std::uint64_t stopped = compressed ? info.data_skip + size : info.data_offset + size;
      const long long offset = compressed ? static_cast<long long>(info.data_offset)
                               : size > 0 ? static_cast<long long>(stopped)
                                          : -1;
      const std::string where = compressed ? "byte " + std::to_string(stopped) + " of the decompressed data"
                                           : "byte " + std::to_string(stopped) + " of " + source;
      return file_error(ErrorCode::TruncatedFile, offset,
                        "The voxel data stops after " + std::to_string(size) + " of the " +
                            std::to_string(info.data_bytes) + " bytes the header promises (" + format_size(info.size) +
                            " voxels of " + voxel_size_text(info.type) + "), at " + where +
                            (size == 0 && (info.data_skip > 0 || info.data_offset > 0)
                                 ? " (where the header puts the first voxel: the data ends before it)"
                                 : "") +
                            ". The file is cut short: download or export it again.");
    }
    return file_error(ErrorCode::InvalidFile, -1,
                      std::to_string(size) + " bytes of voxels were given; the header's " + format_size(info.size) +
                          " voxels of " + voxel_size_text(info.type) + " take " + std::to_string(info.data_bytes) +
                          ".");
  }
  const std::size_t width = voxel_bytes(info.type);
  if (width > 1 && info.big_endian != machine_is_big_endian()) {
    for (std::uint8_t* p = data; p + width <= data + size; p += width) std::reverse(p, p + width);
  }
  Volume v;
  v.info = info;
  v.info.big_endian = machine_is_big_endian();
  v.data = data;
  return v;
}

Outcome<VolumeInfo> attach_data_file(const VolumeInfo& info, std::int64_t data_file_size) {
  VolumeInfo out = info;
  if (info.data_file.empty() || data_file_size < 0) return out;
  const auto size = static_cast<std::uint64_t>(data_file_size);
  const std::string name = "\"" + info.data_file + "\"";
  if (info.data_at_end) {
    if (info.data_tail_bytes > size) {
      return file_error(ErrorCode::TruncatedFile, data_file_size,
                        "The header puts " + std::to_string(info.data_tail_bytes) + " bytes of voxels at the end of " +
                            name + ", but it holds only " + std::to_string(size) +
                            " bytes. It is cut short, or not this "
                            "header's data file.");
    }
    out.data_offset = size - info.data_tail_bytes;
    out.data_at_end = false;
    return out;
  }
  if (!info.data_compressed() && info.data_offset + info.data_bytes > size) {
    const std::uint64_t end = info.data_offset + info.data_bytes;
    return file_error(ErrorCode::TruncatedFile, data_file_size,
                      "The header promises " + format_size(info.size) + " voxels of " + voxel_size_text(info.type) +
                          " (" + std::to_string(info.data_bytes) + " bytes) from byte " +
                          std::to_string(info.data_offset) + " of " + name + ", but it ends at byte " +
                          std::to_string(size) + " (" + std::to_string(end - size) +
                          " bytes short). It is cut short, or not this header's data file.");
  }
  if (info.data_compressed() && info.data_offset > size) {
    return file_error(ErrorCode::TruncatedFile, data_file_size,
                      "The header puts the compressed voxels at byte " + std::to_string(info.data_offset) + " of " +
                          name + ", which holds only " + std::to_string(size) + " bytes.");
  }
  return out;
}

namespace {

// A stack's origin at fractional slice k: linear between the two slices around it (beyond the
// ends, along the first or last step; a single slice steps along affine.col(2)).
Eigen::Vector3d stack_origin(const VolumeInfo& info, double k) {
  const std::vector<Eigen::Vector3d>& o = info.slice_origins;
  if (o.size() == 1) return o[0] + k * info.affine.block<3, 1>(0, 2);
  const double last = static_cast<double>(o.size() - 2);
  const double k0 = std::clamp(std::floor(k), 0.0, last);
  const auto i = static_cast<std::size_t>(k0);
  return o[i] + (k - k0) * (o[i + 1] - o[i]);
}

}  // namespace

Eigen::Vector3d world_of(const VolumeInfo& info, const Eigen::Vector3d& ijk) {
  if (info.slice_origins.empty()) return info.affine.topLeftCorner<3, 3>() * ijk + info.affine.block<3, 1>(0, 3);
  return stack_origin(info, ijk.z()) + info.affine.block<3, 2>(0, 0) * ijk.head<2>();
}

Eigen::Vector3d voxel_of(const VolumeInfo& info, const Eigen::Vector3d& world) {
  if (info.slice_origins.empty()) {
    return info.affine.topLeftCorner<3, 3>().partialPivLu().solve(world - info.affine.block<3, 1>(0, 3));
  }
  // The slice planes share the normal n of the in-plane axes: k from the height along n between
  // the two planes around the point, then (i, j) in that interpolated plane.
  const Eigen::Matrix<double, 3, 2> plane = info.affine.block<3, 2>(0, 0);
  const std::vector<Eigen::Vector3d>& o = info.slice_origins;
  const Eigen::Vector3d n = plane.col(0).cross(plane.col(1)).normalized();
  const double h = (world - o[0]).dot(n);
  double k = 0.0;
  if (o.size() == 1) {
    const double step = info.affine.block<3, 1>(0, 2).dot(n);
    k = step != 0.0 ? h / step : 0.0;
  } else {
    std::size_t i = 0;
    while (i + 2 < o.size() && (o[i + 1] - o[0]).dot(n) <= h) ++i;
    const double h0 = (o[i] - o[0]).dot(n), h1 = (o[i + 1] - o[0]).dot(n);
    k = static_cast<double>(i) + (h1 != h0 ? (h - h0) / (h1 - h0) : 0.0);
  }
  const Eigen::Vector2d ij =
      (plane.transpose() * plane).ldlt().solve(plane.transpose() * (world - stack_origin(info, k)));
  return {ij.x(), ij.y(), k};
}

Error damaged_voxel_data(const VolumeInfo& info, std::uint64_t received, std::string_view reason) {
  Error e;
  e.code = ErrorCode::InvalidFile;
  e.offset = static_cast<long long>(info.data_offset);
  e.message = "The compressed voxel data is damaged: decompressing it stopped after " + std::to_string(received) +
              " of " + std::to_string(info.data_bytes) + " bytes" +
              (reason.empty() ? "" : " (" + std::string(reason) + ")") +
              ". The file may be cut short or corrupted; save it again.";
  return e;
}

}  // namespace spherefit
