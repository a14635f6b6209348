#include "read/sniff.hpp"

#include <cstdint>
#include <cstring>

#include "read/meshes/las.hpp"
#include "read/meshes/point_file.hpp"
#include "read/volumes/metaimage.hpp"

namespace spherefit {
namespace {

std::int32_t int32_at(std::string_view s, std::size_t at, bool swap) {
  std::uint32_t v = 0;
  std::memcpy(&v, s.data() + at, 4);
  if (swap) v = (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
  return static_cast<std::int32_t>(v);
}

unsigned byte_at(std::string_view s, std::size_t at) { return at < s.size() ? static_cast<unsigned char>(s[at]) : 0u; }

bool starts(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// NIfTI-1 and -2 start with sizeof_hdr (348 or 540) in either byte order and carry a magic
// ("n+1"/"ni1" at byte 344, "n+2"/"ni2" at byte 4); NRRD files start with "NRRD" (the NRRD reader
// says what is wrong with a damaged magic); MetaImage with a "Key = Value" line of its keys.
bool looks_like_volume(std::string_view head) {
  if (starts(head, "NRRD")) return true;
  if (looks_like_metaimage(head)) return true;
  if (head.size() < 8) return false;
  for (bool swap : {false, true}) {
    const std::int32_t size = int32_at(head, 0, swap);
    if (size == 540 && (head.substr(4, 3) == "n+2" || head.substr(4, 3) == "ni2")) return true;
    if (size == 348 && head.size() >= 348 && (head.substr(344, 3) == "n+1" || head.substr(344, 3) == "ni1"))
      return true;
  }
  return false;
}

bool is_upper(unsigned c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

bool looks_like_dicom(std::string_view head) {
  if (head.size() >= 132 && head.substr(128, 4) == "DICM") return true;
  // No preamble: the first element's tag (group, element; little endian), then a VR of two
  // capital letters (explicit VR) or a 32-bit length (implicit VR) that fits the file's start.
  if (head.size() < 12) return false;
  const unsigned group = byte_at(head, 0) | (byte_at(head, 1) << 8);
  const unsigned element = byte_at(head, 2) | (byte_at(head, 3) << 8);
  if ((group != 0x0002 && group != 0x0008) || element > 0x0100) return false;
  if (is_upper(byte_at(head, 4)) && is_upper(byte_at(head, 5))) return true;
  const std::uint32_t length = static_cast<std::uint32_t>(int32_at(head, 4, false));
  return length > 0 && length < 256 && (length % 2 == 0 || length == 1);
}

std::string describe_file(std::string_view head) {
  if (looks_like_dicom(head)) return "a DICOM file";
  if (starts(head, "\x1F\x8B")) return "gzip-compressed data (if this came out of a .gz file, it was compressed twice)";
  if (starts(head, "PK\x03\x04") || starts(head, "PK\x05\x06")) {
    const std::string_view names = head.substr(0, 64 * 1024);
    if (names.find("[Content_Types].xml") != std::string_view::npos || names.find("xl/") != std::string_view::npos ||
        names.find("word/") != std::string_view::npos) {
      if (names.find("xl/") != std::string_view::npos) return "an Excel workbook (.xlsx)";
      if (names.find("word/") != std::string_view::npos) return "a Word document (.docx)";
      if (names.find("ppt/") != std::string_view::npos) return "a PowerPoint presentation (.pptx)";
      if (names.find("3D/3dmodel.model") != std::string_view::npos) return "a 3MF model (a ZIP archive)";
      return "an Office document (a ZIP archive)";
    }
    if (names.find("opendocument.spreadsheet") != std::string_view::npos) return "an OpenDocument spreadsheet (.ods)";
    if (names.find("opendocument.text") != std::string_view::npos) return "an OpenDocument text (.odt)";
    return "a ZIP archive";
  }
  if (starts(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return "an Office 97–2003 document (.xls or .doc)";
  if (starts(head, "%PDF-")) return "a PDF document";
  if (starts(head, "\x89PNG\r\n\x1A\n")) return "a PNG image";
  if (starts(head, "\xFF\xD8\xFF")) return "a JPEG image";
  if (starts(head, "GIF87a") || starts(head, "GIF89a")) return "a GIF image";
  if (starts(head, std::string_view("II*\0", 4)) || starts(head, std::string_view("MM\0*", 4)) ||
      starts(head, std::string_view("II+\0", 4))) {
    return "a TIFF image";
  }
  if (starts(head, "BM") && head.size() >= 26 && byte_at(head, 6) == 0 && byte_at(head, 7) == 0 &&
      byte_at(head, 8) == 0 && byte_at(head, 9) == 0) {
    return "a BMP image";
  }
  if (starts(head, "\x89HDF\r\n\x1A\n")) return "an HDF5 file";
  if (starts(head, "BZh")) return "bzip2-compressed data";
  if (starts(head, std::string_view("\xFD"
                                    "7zXZ\0",
                                    6)))
    return "xz-compressed data";
  if (starts(head, "7z\xBC\xAF\x27\x1C")) return "a 7-Zip archive";
  if (starts(head, "\x28\xB5\x2F\xFD")) return "zstd-compressed data";
  if (starts(head, "Rar!\x1A\x07")) return "a RAR archive";
  if (starts(head, "ASTM-E57")) return "an E57 point cloud";
  if (starts(head, "DRACO")) return "a Draco-compressed mesh";
  if (starts(head, "glTF")) return "a binary glTF model (.glb)";
  if (starts(head, "Kaydara FBX Binary")) return "an FBX model";
  if (starts(head, "MATLAB 5.0 MAT-file")) return "a MATLAB .mat file";
  if (starts(head, "\x93NUMPY")) return "a NumPy .npy array";
  if (starts(head, "RIFF")) return "a RIFF file (an audio or video file)";
  if (starts(head, "SQLite format 3")) return "an SQLite database";
  return {};
}

std::string advice_for(std::string_view head) {
  const std::string what = describe_file(head);
  if (what.empty()) return {};
  if (what == "a DICOM file") {
    return "Open the DICOM series as a folder, or save the volume or segmentation from 3D Slicer as .nrrd or .nii.gz.";
  }
  if (what.find("spreadsheet") != std::string::npos || what.find("Excel") != std::string::npos ||
      what.find("Office 97") != std::string::npos) {
    return "Export the table as CSV (File → Save As → CSV) and open that.";
  }
  if (what.find("compressed data") != std::string::npos || what.find("archive") != std::string::npos) {
    return "Extract the file inside it and open that.";
  }
  if (what.find("point cloud") != std::string::npos || what.find("mesh") != std::string::npos ||
      what.find("model") != std::string::npos) {
    return "Export the points as PLY, STL, OBJ, PCD, LAS or an x y z text file (CloudCompare or MeshLab do) and open "
           "that.";
  }
  return "This app reads point tables (CSV, text), point clouds and meshes (PLY, STL, OBJ, PCD, LAS, LAZ) and volumes "
         "(NIfTI, NRRD, MetaImage, DICOM).";
}

FileKind sniff_file(std::string_view head, std::string_view file_name) {
  if (head.empty()) return FileKind::Empty;
  if (starts(head, "\x1F\x8B")) return FileKind::Gzip;
  if (looks_like_dicom(head)) return FileKind::Dicom;
  if (looks_like_volume(head)) return FileKind::Volume;
  if (looks_like_laz(head)) return FileKind::Laz;
  if (looks_like_point_file(head, file_name)) return FileKind::PointFile;
  if (std::memchr(head.data(), 0, head.size()) == nullptr) return FileKind::Text;
  return FileKind::Unknown;
}

}  // namespace spherefit
