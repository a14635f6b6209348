// Every way a volume can be refused, and every warning a volume reader gives: a code, a message
// that says what to do, and the byte offset (and line, for NRRD) it is about. Then random damage
// to real headers and voxels: a result or an error every time, never a crash, a NaN or a huge
// allocation (seed printed).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "read/volumes/contours.hpp"
#include "read/volumes/labels.hpp"
#include "read/volumes/threshold.hpp"
#include "read/volumes/volume.hpp"
#include "support/volume_data.hpp"

namespace spherefit {
namespace {

using testing::load_volume_bytes;
using testing::load_volume_file;
using testing::read_file_bytes;
using testing::volume_path;

Outcome<VolumeInfo> header_of(const std::string& bytes, const std::string& name = "volume",
                              std::int64_t stream_size = -2) {
  const std::string_view head(bytes.data(), std::min(bytes.size(), kVolumeHeadBytes));
  return read_volume_header(head, name, stream_size == -2 ? static_cast<std::int64_t>(bytes.size()) : stream_size);
}

void expect_error(const Outcome<VolumeInfo>& r, ErrorCode code, long long offset, const std::string& says = "") {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(error_code_name(r.error().code), std::string(error_code_name(code))) << r.error().message;
  EXPECT_EQ(r.error().offset, offset) << r.error().message;
  EXPECT_FALSE(r.error().message.empty());
  if (!says.empty()) EXPECT_NE(r.error().message.find(says), std::string::npos) << r.error().message;
}

bool has_warning(const std::vector<Warning>& warnings, WarningCode code, const std::string& says = "") {
  for (const Warning& w : warnings)
    if (w.code == code && w.message.find(says) != std::string::npos) return true;
  return false;
}

template <class T>
void put(std::string& bytes, std::size_t offset, T value) {
  std::memcpy(&bytes[offset], &value, sizeof(T));
}

std::string nifti() { return read_file_bytes(volume_path("mask_sform.nii")); }

// A small NRRD: header lines (without the magic), then `data`.
std::string nrrd(const std::string& fields, const std::string& data = std::string(64, '\0')) {
  return "NRRD0004\n" + fields + "\n" + data;
}
const char* const kBasicFields =
    "type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: raw\nspace: RAS\n"
    "space directions: (1,0,0) (0,1,0) (0,0,1)\nspace origin: (0,0,0)\n";

// ------------------------------------------------------------------------------------------------
// What the file is

TEST(VolumeErrors, EmptyAndUnknown) {
  expect_error(header_of(""), ErrorCode::EmptyInput, 0);
  expect_error(header_of("x,y,z\n1,2,3\n", "points.csv"), ErrorCode::UnknownFormat, 0, "neither NIfTI");
  expect_error(header_of("\x1f\x8b\x08\x00rest of a gzip stream", "ball.nii.gz"), ErrorCode::UnknownFormat, 0, "gzip");
  expect_error(header_of(std::string(128, '\0') + "DICMxxxx", "IM0001"), ErrorCode::UnsupportedFile, 128, "DICOM");
  // A MetaImage header is read now (metaimage_test.cpp); this one stops before its last line.
  expect_error(header_of("ObjectType = Image\nNDims = 3\n", "ball.mha"), ErrorCode::TruncatedFile, 29,
               "ElementDataFile");
  // What other files look like is said.
  expect_error(header_of("%PDF-1.7\n%\xE2\xE3\n", "scan.pdf"), ErrorCode::UnknownFormat, 0, "a PDF document");
  expect_error(header_of(std::string("PK\x03\x04\x14\0\x06\0", 8) + "[Content_Types].xml xl/workbook.xml", "a.xlsx"),
               ErrorCode::UnknownFormat, 0, "an Excel workbook");
  expect_error(header_of("NR"), ErrorCode::TruncatedFile, 2);
  expect_error(header_of("type: uchar\ndimension: 3\n", "ball.nhdr"), ErrorCode::UnsupportedFile, 0, "detached");
  expect_error(header_of("NRRD0004\ntype: uchar\n", "x.nhdr"), ErrorCode::TruncatedFile, 21);
}

// ------------------------------------------------------------------------------------------------
// NIfTI

TEST(VolumeErrors, NiftiTruncated) {
  const std::string file = nifti();
  expect_error(header_of(file.substr(0, 200)), ErrorCode::TruncatedFile, 200, "348");
  // Voxels cut short: the file ends 100 bytes before the data does.
  const std::string cut = file.substr(0, file.size() - 100);
  expect_error(header_of(cut), ErrorCode::TruncatedFile, static_cast<long long>(cut.size()), "100 bytes short");
  // make_volume with fewer bytes than promised: where the data stopped.
  const auto info = header_of(file);
  ASSERT_TRUE(info.ok());
  std::vector<std::uint8_t> buffer(info.value().data_bytes);
  const auto v = make_volume(info.value(), buffer.data(), buffer.size() - 10);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code, ErrorCode::TruncatedFile);
  EXPECT_EQ(v.error().offset, static_cast<long long>(info.value().data_offset + buffer.size() - 10));
  const auto longer = make_volume(info.value(), buffer.data(), buffer.size() + 1);  // only the size is looked at
  ASSERT_FALSE(longer.ok());
  EXPECT_EQ(longer.error().code, ErrorCode::InvalidFile);
  const auto null = make_volume(info.value(), nullptr, 0);
  ASSERT_FALSE(null.ok());
  EXPECT_EQ(null.error().code, ErrorCode::InvalidOption);
}

TEST(VolumeErrors, NiftiImpossibleFields) {
  std::string f = nifti();
  put<std::int16_t>(f, 40, 9);
  expect_error(header_of(f), ErrorCode::InvalidFile, 40, "dim[0] = 9");
  f = nifti();
  put<std::int16_t>(f, 44, 0);
  expect_error(header_of(f), ErrorCode::InvalidFile, 44, "dim[2] = 0");
  f = nifti();
  put<std::int16_t>(f, 46, -5);
  expect_error(header_of(f), ErrorCode::InvalidFile, 46, "dim[3] = -5");
  f = nifti();
  put<float>(f, 108, 100.0f);
  expect_error(header_of(f), ErrorCode::InvalidFile, 108, "vox_offset = 100");
  f = nifti();
  put<float>(f, 108, NAN);
  expect_error(header_of(f), ErrorCode::InvalidFile, 108);
  // NIfTI-2 with a damaged magic.
  f = read_file_bytes(volume_path("mask_nifti2.nii"));
  f[5] = 'x';
  expect_error(header_of(f), ErrorCode::InvalidFile, 4, "n+2");
}

TEST(VolumeErrors, NiftiUnsupported) {
  std::string f = nifti();
  put<std::int16_t>(f, 70, 32);
  expect_error(header_of(f), ErrorCode::UnsupportedFile, 70, "complex64");
  put<std::int16_t>(f, 70, 1024);
  expect_error(header_of(f), ErrorCode::UnsupportedFile, 70, "int64");
  put<std::int16_t>(f, 70, 2304);
  expect_error(header_of(f), ErrorCode::UnsupportedFile, 70, "RGBA32");
  f = nifti();
  std::memcpy(&f[344], "ni1\0", 4);
  expect_error(header_of(f), ErrorCode::UnsupportedFile, 344, ".hdr/.img");
  std::memcpy(&f[344], "\0\0\0\0", 4);
  expect_error(header_of(f), ErrorCode::UnsupportedFile, 344, "Analyze");
  f = nifti();
  put<std::int16_t>(f, 40, 1);
  expect_error(header_of(f), ErrorCode::UnsupportedFile, 40, "1D");
  // Too big for a browser tab: 30000³ bytes (and no allocation was tried).
  f = nifti();
  for (int d = 1; d <= 3; ++d) put<std::int16_t>(f, 40 + 2 * d, 30000);
  expect_error(header_of(f), ErrorCode::UnsupportedFile, -1, "MiB");
}

TEST(VolumeErrors, NiftiWarnings) {
  // Metres are converted to mm.
  std::string f = nifti();
  f[123] = 1;
  const auto metres = header_of(f);
  ASSERT_TRUE(metres.ok());
  EXPECT_TRUE(has_warning(metres.value().warnings, WarningCode::VolumeGeometry, "metres"));
  const auto mm = header_of(nifti());
  ASSERT_TRUE(mm.ok());
  EXPECT_TRUE(mm.value().warnings.empty());
  EXPECT_NEAR((metres.value().affine.topRows<3>() - 1000 * mm.value().affine.topRows<3>()).norm(), 0, 1e-9);
  // A singular sform gives way to the qform, with a warning.
  f = nifti();
  for (int c = 0; c < 4; ++c) put<float>(f, 280 + 4 * c, 0.0f);
  const auto singular = header_of(f);
  ASSERT_TRUE(singular.ok());
  EXPECT_EQ(singular.value().affine_source, AffineSource::Qform);
  EXPECT_TRUE(has_warning(singular.value().warnings, WarningCode::VolumeGeometry, "sform"));
  // pixdim only.
  const auto pixdim = header_of(read_file_bytes(volume_path("mask_pixdim.nii")));
  ASSERT_TRUE(pixdim.ok());
  EXPECT_TRUE(has_warning(pixdim.value().warnings, WarningCode::VolumeGeometry, "neither an sform nor a qform"));
  // 4D: the first volume.
  const auto four_d = header_of(read_file_bytes(volume_path("four_d.nii")));
  ASSERT_TRUE(four_d.ok());
  EXPECT_TRUE(has_warning(four_d.value().warnings, WarningCode::FirstVolumeOnly, "3 volumes along dimension 4"));
}

// ------------------------------------------------------------------------------------------------
// NRRD

TEST(VolumeErrors, NrrdHeader) {
  ASSERT_TRUE(header_of(nrrd(kBasicFields)).ok()) << header_of(nrrd(kBasicFields)).error().message;
  const auto at_line = [](const Outcome<VolumeInfo>& r, int line) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().line, line) << r.error().message;
  };
  expect_error(header_of("NRRD00X4\ntype: uchar\n\n"), ErrorCode::InvalidFile, 0, "magic");
  // No empty line: the whole (short) file is header.
  const std::string unfinished = "NRRD0004\ntype: uchar\ndimension: 3\n";
  expect_error(header_of(unfinished), ErrorCode::TruncatedFile, static_cast<long long>(unfinished.size()));
  auto r = header_of(nrrd(std::string(kBasicFields) + "nonsense without colon\n"));
  expect_error(r, ErrorCode::InvalidFile, 136, "neither a field");
  at_line(r, 9);
  r = header_of(nrrd(std::string(kBasicFields) + "type: uchar\n"));
  expect_error(r, ErrorCode::InvalidFile, 136, "second time");
  expect_error(header_of(nrrd("dimension: 3\nsizes: 4 4 4\nencoding: raw\n")), ErrorCode::InvalidFile, 0, "\"type:\"");
  expect_error(header_of(nrrd("type: uchar\nsizes: 4 4 4\nencoding: raw\n")), ErrorCode::InvalidFile, 0, "dimension");
  expect_error(header_of(nrrd("type: uchar\ndimension: 3\nencoding: raw\n")), ErrorCode::InvalidFile, 0, "sizes");
  expect_error(header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\n")), ErrorCode::InvalidFile, 0, "encoding");
  r = header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4\nencoding: raw\n"));
  expect_error(r, ErrorCode::InvalidFile, 34, "2 sizes for 3 dimensions");
  at_line(r, 4);
  expect_error(header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 0 4\nencoding: raw\n")), ErrorCode::InvalidFile, 34);
  expect_error(header_of(nrrd("type: uchar\ndimension: 17\nsizes: 4 4 4\nencoding: raw\n")), ErrorCode::InvalidFile,
               21);
  expect_error(header_of(nrrd("type: short\ndimension: 3\nsizes: 4 4 4\nencoding: raw\n", std::string(128, '\0'))),
               ErrorCode::InvalidFile, 9, "endian");
  expect_error(header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: raw\nspace: RAS\n"
                              "space directions: (1,0,0) (0,1,0)\n")),
               ErrorCode::InvalidFile, 72, "2 space directions for 3");
  expect_error(header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: raw\nspace: RAS\n"
                              "space directions: (1,0,0) (0,1,0) (0,0,\n")),
               ErrorCode::InvalidFile, 72);
  expect_error(header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: raw\nspace: RAS\n"
                              "space directions: (1,0,0) (2,0,0) (0,0,1)\n")),
               ErrorCode::InvalidFile, 72, "parallel");
  expect_error(header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: raw\nspace: RAS\n"
                              "space directions: (1,0,0) (0,1,0) (0,0,1)\nspace origin: (0,nan,0)\n")),
               ErrorCode::InvalidFile, 114, "space origin");
}

TEST(VolumeErrors, NrrdUnsupported) {
  auto r = header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: ascii\n"));
  expect_error(r, ErrorCode::UnsupportedFile, 47, "as text");
  expect_error(header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: bzip2\n")),
               ErrorCode::UnsupportedFile, 47, "bzip2");
  expect_error(header_of(nrrd("type: long long\ndimension: 3\nsizes: 4 4 4\nencoding: raw\nendian: little\n")),
               ErrorCode::UnsupportedFile, 9, "long long");
  expect_error(header_of(nrrd("type: block\ndimension: 3\nsizes: 4 4 4\nencoding: raw\n")), ErrorCode::UnsupportedFile,
               9);
  expect_error(
      header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: raw\nspace: right-anterior-superior-time\n")),
      ErrorCode::UnsupportedFile, 61, "time");
  // A vector axis before the spatial ones interleaves the components.
  r =
      header_of(nrrd("type: uchar\ndimension: 4\nsizes: 3 4 4 4\nencoding: raw\nspace: RAS\n"
                     "space directions: none (1,0,0) (0,1,0) (0,0,1)\nkinds: vector domain domain domain\n",
                     std::string(192, '\0')));
  expect_error(r, ErrorCode::UnsupportedFile, 34, "interleaves");
  // A Slicer segmentation with two layers: the layers and their segments are named.
  r = header_of(read_file_bytes(volume_path("layers.seg.nrrd")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::UnsupportedFile);
  EXPECT_NE(r.error().message.find("layer 0: femoral head; layer 1: head and bead"), std::string::npos)
      << r.error().message;
  // Raw data shorter than the sizes say.
  expect_error(header_of(nrrd(kBasicFields, std::string(10, '\0'))), ErrorCode::TruncatedFile, 147, "54 bytes short");
}

TEST(VolumeErrors, NrrdLayoutAndGeometry) {
  // Extra volumes along a last axis: the first is read.
  auto r =
      header_of(nrrd("type: uchar\ndimension: 4\nsizes: 4 4 4 2\nencoding: raw\nspace: RAS\n"
                     "space directions: (1,0,0) (0,1,0) (0,0,1) none\nkinds: domain domain domain list\n",
                     std::string(128, '\0')));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().data_bytes, 64u);
  EXPECT_TRUE(has_warning(r.value().warnings, WarningCode::FirstVolumeOnly, "2 volumes along axis 3 (kind list)"));
  // byte skip and line skip.
  r = header_of(
      nrrd(std::string(kBasicFields) + "line skip: 1\nbyte skip: 5\n", "comment line\nabcde" + std::string(64, '\0')));
  ASSERT_TRUE(r.ok()) << r.error().message;
  const std::size_t header = nrrd(std::string(kBasicFields) + "line skip: 1\nbyte skip: 5\n", "").size();
  EXPECT_EQ(r.value().data_offset, header + 13 + 5);
  r = header_of(nrrd(std::string(kBasicFields) + "byte skip: -1\n", "padding" + std::string(64, '\0')));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().data_offset, nrrd(std::string(kBasicFields) + "byte skip: -1\n", "padding").size());
  // gzip: byte skip is counted in the decompressed data.
  r = header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: gzip\nbyte skip: 7\n", "\x1f\x8b"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r.value().data_gzip);
  EXPECT_EQ(r.value().data_skip, 7u);
  // LAS flips x only; metres become mm; scanner-xyz is used as it is, with a warning.
  r = header_of(
      nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: raw\nspace: left-anterior-superior\n"
           "space directions: (1,0,0) (0,2,0) (0,0,3)\nspace origin: (5,6,7)\nspace units: \"m\" \"m\" \"m\"\n"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  Eigen::Matrix4d las;
  las << -1000, 0, 0, -5000, 0, 2000, 0, 6000, 0, 0, 3000, 7000, 0, 0, 0, 1;
  EXPECT_EQ(r.value().affine, las);
  EXPECT_TRUE(has_warning(r.value().warnings, WarningCode::VolumeGeometry, "converted to mm"));
  r =
      header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: raw\nspace: scanner-xyz\n"
                     "space directions: (1,0,0) (0,1,0) (0,0,1)\n"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(has_warning(r.value().warnings, WarningCode::VolumeGeometry, "scanner-xyz"));
  EXPECT_TRUE(has_warning(r.value().warnings, WarningCode::VolumeGeometry, "no space origin"));
  r = header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: raw\nspacings: 0.5 0.5 2\n"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().affine_source, AffineSource::Spacings);
  EXPECT_EQ(r.value().affine(2, 2), 2.0);
  r = header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: raw\n"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().affine_source, AffineSource::Identity);
  EXPECT_TRUE(has_warning(r.value().warnings, WarningCode::VolumeGeometry, "neither space directions nor spacings"));
}

// A detached header names its data file; the core never opens it. Where the voxels start in it:
// byte skip (in the decompressed data for gzip), or its end (byte skip −1, resolved with its size).
TEST(VolumeErrors, NrrdDetachedHeaderNamesItsDataFile) {
  const std::string fields =
      "type: short\ndimension: 3\nsizes: 4 4 4\nendian: big\nencoding: raw\nspace: LPS\n"
      "space directions: (1,0,0) (0,1,0) (0,0,1)\n";
  // No empty line is needed at the end of a detached header; the data file may be cut short of
  // nothing here (it is another file).
  auto r = header_of("NRRD0004\n" + fields + "data file: ./volumes/ball.raw\nbyte skip: 16\n", "ball.nhdr");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().data_file, "./volumes/ball.raw");
  EXPECT_EQ(r.value().data_offset, 16u);
  EXPECT_EQ(r.value().data_bytes, 128u);
  EXPECT_TRUE(r.value().big_endian);
  auto attached = attach_data_file(r.value(), 144);
  ASSERT_TRUE(attached.ok()) << attached.error().message;
  attached = attach_data_file(r.value(), 143);
  expect_error(attached, ErrorCode::TruncatedFile, 143, "\"./volumes/ball.raw\"");
  // gzip: byte skip inside the decompressed data.
  r = header_of(
      nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: gzip\ndata file: ball.raw.gz\nbyte skip: 3\n", ""),
      "ball.nhdr");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().data_compression, DataCompression::Gzip);
  EXPECT_TRUE(r.value().data_gzip);
  EXPECT_EQ(r.value().data_offset, 0u);
  EXPECT_EQ(r.value().data_skip, 3u);
  // byte skip −1: the last 128 bytes of the data file, once its size is known.
  r = header_of("NRRD0004\n" + fields + "data file: ball.raw\nbyte skip: -1\n", "ball.nhdr");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r.value().data_at_end);
  EXPECT_EQ(r.value().data_tail_bytes, 128u);
  attached = attach_data_file(r.value(), 1000);
  ASSERT_TRUE(attached.ok());
  EXPECT_EQ(attached.value().data_offset, 872u);
  // Lists and numbered files, one per slice, and line skip in the data file are refused.
  r = header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: raw\ndata file: LIST\n"), "x.nhdr");
  expect_error(r, ErrorCode::UnsupportedFile, 61, "a list of files");
  EXPECT_EQ(r.error().line, 6);
  EXPECT_EQ(r.error().column, 12);
  r = header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: raw\ndata file: slice%03d.raw 1 4 1 2\n"),
                "x.nhdr");
  expect_error(r, ErrorCode::UnsupportedFile, 61, "numbered files");
  r = header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: raw\ndata file: b.raw\nline skip: 2\n"),
                "x.nhdr");
  expect_error(r, ErrorCode::UnsupportedFile, 78, "line skip");
}

// Issue 22: every error a NRRD header gives has a 1-based line and column (the value's).
TEST(VolumeErrors, NrrdColumnsAreOneBased) {
  auto r = header_of(nrrd("type: uchar\ndimension: 3\nsizes: 4 4\nencoding: raw\n"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().line, 4);
  EXPECT_EQ(r.error().column, 8);  // "sizes: " is 7 characters
  r = header_of(nrrd(std::string(kBasicFields) + "nonsense without colon\n"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().column, 1);
  r = header_of("NRRD00X4\ntype: uchar\n\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().line, 1);
  EXPECT_EQ(r.error().column, 1);
}

// Issue 22: voxel data that stop before they start point inside the file, not past its end.
TEST(VolumeErrors, DataThatStopEarlyPointInsideTheFile) {
  const std::string file =
      nrrd("type: uchar\ndimension: 3\nsizes: 4 4 4\nencoding: gzip\nbyte skip: 100\n", "\x1f\x8b");
  const auto info = header_of(file);
  ASSERT_TRUE(info.ok()) << info.error().message;
  std::vector<std::uint8_t> buffer(64);
  // The decompressed data end before byte skip's 100 bytes: no voxel arrives.
  const auto none = make_volume(info.value(), buffer.data(), 0);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::TruncatedFile);
  EXPECT_EQ(none.error().offset, static_cast<long long>(info.value().data_offset));  // the compressed data's start
  EXPECT_LE(none.error().offset, static_cast<long long>(file.size()));
  EXPECT_NE(none.error().message.find("decompressed"), std::string::npos) << none.error().message;
  // Raw data of a stream of unknown size that ends before the voxels start: no offset at all.
  VolumeInfo raw;
  raw.size = {4, 4, 4};
  raw.data_bytes = 64;
  raw.data_offset = 5000;  // a .nii.gz streamed of unknown size whose vox_offset lies past its end
  const auto v = make_volume(raw, buffer.data(), 0);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().offset, -1) << v.error().message;
  const auto some = make_volume(raw, buffer.data(), 10);
  ASSERT_FALSE(some.ok());
  EXPECT_EQ(some.error().offset, 5010) << some.error().message;
}

// Issue 22: the NIfTI placement is judged in mm, whichever field placed it.
TEST(VolumeErrors, NiftiGeometryIsCheckedInEveryPath) {
  // pixdim only, pixdim[1] = 3e38: refused at pixdim[1]'s byte (before, a "fit" of R = 1.19e39).
  std::string f = read_file_bytes(volume_path("mask_pixdim.nii"));
  put<float>(f, 80, 3e38f);
  expect_error(header_of(f), ErrorCode::InvalidFile, 80, "pixdim[1]");
  // A qform whose spacing is 3e38: the qform gives way, and pixdim alone is refused the same way.
  f = read_file_bytes(volume_path("mask_qform.nii"));
  put<float>(f, 84, 3e38f);
  expect_error(header_of(f), ErrorCode::InvalidFile, 84, "pixdim[2]");
  // An sform of 1e8 m = 1e11 mm: refused in mm, so the qform places the voxels (before: R = 3.97e11 mm).
  f = nifti();
  f[123] = 1;  // metres
  for (int row = 0; row < 3; ++row)
    for (int c = 0; c < 4; ++c) put<float>(f, 280 + 16 * row + 4 * c, row == c ? 1e8f : 0.0f);
  auto r = header_of(f);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().affine_source, AffineSource::Qform);
  EXPECT_LE(r.value().affine.cwiseAbs().maxCoeff(), 1e9);
  EXPECT_TRUE(has_warning(r.value().warnings, WarningCode::VolumeGeometry, "beyond 10⁹ mm"));
  // NIfTI-2, pixdim only, pixdim[1] = 1e100: a geometry error at byte 112 (before: TooFewSlices).
  f = read_file_bytes(volume_path("mask_nifti2.nii"));
  put<std::int32_t>(f, 344, 0);
  put<std::int32_t>(f, 348, 0);
  put<double>(f, 112, 1e100);
  expect_error(header_of(f), ErrorCode::InvalidFile, 112, "pixdim[1] = 1e+100");
}

// ------------------------------------------------------------------------------------------------
// Labels, thresholds, contours

// A volume made here: ni × nj × nk voxels of T, 1 mm, at the origin.
template <class T>
struct Made {
  std::vector<T> voxels;
  VolumeInfo info;
  Volume volume;

  Made(int ni, int nj, int nk, VoxelType type) : voxels(static_cast<std::size_t>(ni) * nj * nk, T{}) {
    info.format = VolumeFormat::Nrrd;
    info.size = {ni, nj, nk};
    info.type = type;
    info.data_bytes = voxels.size() * sizeof(T);
  }
  T& at(int i, int j, int k) { return voxels[i + info.size[0] * (j + info.size[1] * static_cast<std::size_t>(k))]; }
  const Volume& make() {
    const auto v = make_volume(info, reinterpret_cast<std::uint8_t*>(voxels.data()), info.data_bytes);
    EXPECT_TRUE(v.ok());
    volume = v.value();
    return volume;
  }
};

void expect_code(const Error& e, ErrorCode code, const std::string& says = "") {
  EXPECT_EQ(error_code_name(e.code), std::string(error_code_name(code))) << e.message;
  if (!says.empty()) EXPECT_NE(e.message.find(says), std::string::npos) << e.message;
}

TEST(VolumeErrors, LabelNotFoundListsTheLabels) {
  const auto loaded = load_volume_file("segmentation.seg.nrrd");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const auto c = extract_contours(loaded.value()->volume, ContourSelector::label(2));
  ASSERT_FALSE(c.ok());
  expect_code(c.error(), ErrorCode::LabelNotFound,
              "0, 1 \u201C"
              "femoral head\u201D, 3 \u201C"
              "bead\u201D");
}

TEST(VolumeErrors, EmptyMask) {
  // A named segment without voxels.
  Made<std::uint8_t> m(8, 8, 4, VoxelType::UInt8);
  m.at(3, 3, 1) = 1;
  m.info.segments = {Segment{0, "Segment_1", "ball", 1, 0}, Segment{1, "Segment_2", "not painted yet", 9, 0}};
  const auto c = extract_contours(m.make(), ContourSelector::label(9));
  ASSERT_FALSE(c.ok());
  expect_code(c.error(), ErrorCode::EmptyMask, "\u201Cnot painted yet\u201D (label 9)");
  // A threshold above every grey value.
  const auto ct = load_volume_file("ct_ball.nii");
  ASSERT_TRUE(ct.ok());
  const auto high = extract_contours(ct.value()->volume, ContourSelector::threshold(5000));
  ASSERT_FALSE(high.ok());
  expect_code(high.error(), ErrorCode::EmptyMask, "the grey values run from");
}

TEST(VolumeErrors, NoClosedContoursSaysWhy) {
  const auto loaded = load_volume_file("leftout.nii");
  ASSERT_TRUE(loaded.ok());
  const auto c = extract_contours(loaded.value()->volume, ContourSelector::label(3));
  ASSERT_FALSE(c.ok());
  expect_code(c.error(), ErrorCode::NoClosedContours, "16 touch the volume's edge (k = 13\u201328)");
}

TEST(VolumeErrors, InvalidOptions) {
  Made<std::uint8_t> m(8, 8, 4, VoxelType::UInt8);
  m.at(3, 3, 1) = 1;
  const Volume& v = m.make();
  for (int axis : {-1, 3}) {
    const auto c = extract_contours(v, ContourSelector::label(1), axis);
    ASSERT_FALSE(c.ok());
    expect_code(c.error(), ErrorCode::InvalidOption, "0 (i), 1 (j) or 2 (k)");
  }
  Made<std::uint8_t> thin(2, 8, 8, VoxelType::UInt8);
  const auto too_thin = extract_contours(thin.make(), ContourSelector::label(0));
  ASSERT_FALSE(too_thin.ok());
  expect_code(too_thin.error(), ErrorCode::NoClosedContours, "2 × 8 voxels");
  const auto nan = extract_contours(v, ContourSelector::threshold(NAN));
  ASSERT_FALSE(nan.ok());
  expect_code(nan.error(), ErrorCode::InvalidOption);
  // One voxel: a diamond of 4 points in slice k = 1, kept.
  const auto one = extract_contours(v, ContourSelector::label(1));
  ASSERT_TRUE(one.ok()) << one.error().message;
  EXPECT_EQ(one.value().points.size(), 4u);
  EXPECT_EQ(one.value().slices[1].status, SliceContourStatus::Kept);
}

TEST(VolumeErrors, ScalingBeyondDoubles) {
  Made<std::int32_t> m(8, 8, 4, VoxelType::Int32);
  m.at(2, 2, 2) = 2000000000;
  m.info.scaled = true;
  m.info.scl_slope = 1e300;
  const auto labels = count_labels(m.make());
  ASSERT_FALSE(labels.ok());
  expect_code(labels.error(), ErrorCode::InvalidFile, "scaling is damaged");
  const auto iso = iso50_threshold(m.volume);
  ASSERT_FALSE(iso.ok());
  expect_code(iso.error(), ErrorCode::NoMaterialPeak);
}

TEST(VolumeErrors, Iso50NeedsTwoPeaks) {
  Made<std::int16_t> uniform(16, 16, 8, VoxelType::Int16);
  for (auto& v : uniform.voxels) v = 7;
  const auto one_value = iso50_threshold(uniform.make());
  ASSERT_FALSE(one_value.ok());
  expect_code(one_value.error(), ErrorCode::NoMaterialPeak, "Every voxel holds 7");

  Made<float> noise(32, 32, 32, VoxelType::Float32);
  std::mt19937 rng(5);
  std::normal_distribution<float> normal(100.0f, 10.0f);
  for (auto& v : noise.voxels) v = normal(rng);
  const auto one_peak = iso50_threshold(noise.make());
  ASSERT_FALSE(one_peak.ok());
  expect_code(one_peak.error(), ErrorCode::NoMaterialPeak, "a single peak at");

  Made<float> nan(8, 8, 8, VoxelType::Float32);
  for (auto& v : nan.voxels) v = NAN;
  const auto none = iso50_threshold(nan.make());
  ASSERT_FALSE(none.ok());
  expect_code(none.error(), ErrorCode::NonFiniteValue);
}

// Background 0, a small holder at 300 and a ball at 1000, a NaN and an infinite voxel: ISO-50
// between the most common value and the most prominent peak above it, with both warnings.
TEST(VolumeErrors, SeveralMaterialsAndNonFiniteVoxels) {
  Made<float> m(40, 40, 40, VoxelType::Float32);
  std::mt19937 rng(11);
  std::normal_distribution<float> noise(0.0f, 15.0f);
  for (int k = 0; k < 40; ++k)
    for (int j = 0; j < 40; ++j)
      for (int i = 0; i < 40; ++i) {
        const double d = std::hypot(i - 20.0, j - 20.0, k - 24.0);
        float v = d < 10 ? 1000.0f : (k < 6 && i > 11 && i < 29 && j > 11 && j < 29) ? 300.0f : 0.0f;
        m.at(i, j, k) = v + noise(rng);
      }
  m.at(0, 0, 0) = NAN;
  m.at(1, 0, 0) = INFINITY;
  const Volume& v = m.make();
  const auto iso = iso50_threshold(v);
  ASSERT_TRUE(iso.ok()) << iso.error().message;
  EXPECT_EQ(iso.value().peaks.size(), 3u);
  EXPECT_NEAR(iso.value().background, 0.0, 15.0);
  EXPECT_NEAR(iso.value().material, 1000.0, 20.0);
  EXPECT_TRUE(has_warning(iso.value().warnings, WarningCode::SeveralMaterials, "3 peaks"));
  EXPECT_TRUE(has_warning(iso.value().warnings, WarningCode::NonFiniteVoxels, "2 voxels"));
  const auto c = extract_contours(v, ContourSelector::threshold(iso.value().threshold));
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_TRUE(has_warning(c.value().warnings, WarningCode::NonFiniteVoxels, "2 voxels"));
  // +inf counts as inside: it puts an inside voxel on the edge of slice k = 0.
  EXPECT_TRUE(has_warning(c.value().warnings, WarningCode::ContoursLeftOut, "1 touches the volume's edge (k = 0)"));
}

// ------------------------------------------------------------------------------------------------
// Random damage

void expect_sane(const Error& e, std::size_t file_size) {
  EXPECT_FALSE(e.message.empty());
  EXPECT_GE(e.offset, -1);
  EXPECT_LE(e.offset, static_cast<long long>(std::max(file_size, kVolumeHeadBytes)));
}

void exercise(const Volume& v, std::mt19937& rng) {
  const auto labels = count_labels(v);
  if (!labels.ok()) expect_sane(labels.error(), 0);
  const auto iso = iso50_threshold(v);
  if (iso.ok()) {
    EXPECT_TRUE(std::isfinite(iso.value().threshold));
  } else {
    expect_sane(iso.error(), 0);
  }
  const int axis = static_cast<int>(rng() % 3);
  const ContourSelector selector =
      iso.ok() && rng() % 2
          ? ContourSelector::threshold(iso.value().threshold)
          : ContourSelector::label(labels.ok() && labels.value().size() > 1 ? labels.value()[1].value : 1.0);
  const auto c = extract_contours(v, selector, axis);
  if (!c.ok()) {
    expect_sane(c.error(), 0);
    return;
  }
  const PointTable& t = c.value().points;
  for (std::size_t i = 0; i < t.size(); ++i)
    ASSERT_TRUE(std::isfinite(t.x[i]) && std::isfinite(t.y[i]) && std::isfinite(t.z[i]));
  ASSERT_TRUE(c.value().normal.allFinite());
}

TEST(VolumeFuzz, DamagedHeadersAndVoxelsGiveAnswers) {
  // Another seed for exploring: SPHEREFIT_FUZZ_SEED=n.
  const unsigned seed = std::getenv("SPHEREFIT_FUZZ_SEED")
                            ? static_cast<unsigned>(std::atoi(std::getenv("SPHEREFIT_FUZZ_SEED")))
                            : 20240917u;
  std::printf("volume fuzz seed %u\n", seed);
  std::mt19937 rng(seed);
  const std::vector<std::string> names = {"mask_sform.nii", "mask_nifti2.nii", "mask_bigendian.nii",
                                          "ct_ball.nii",    "mask_lps.nrrd",   "segmentation.seg.nrrd",
                                          "ct_ball.nrrd",   "four_d.nii"};
  int opened = 0, refused = 0;
  for (const std::string& name : names) {
    const std::string original = read_file_bytes(volume_path(name));
    const bool text = original.compare(0, 4, "NRRD") == 0;
    const std::size_t header =
        text ? original.find("\n\n") + 2 : (original[0] == 0x1C || original[3] == 0x1C ? 544 : 352);
    for (int trial = 0; trial < 150; ++trial) {
      std::string f = original;
      const int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits; ++e) {
        const std::size_t at = rng() % header;
        if (text && rng() % 3 == 0) {
          static const char* const kWords[] = {"none", "(",  ")",  ",",     " ",   "\n",
                                               ":",    ":=", "-1", "1e308", "nan", "99999999"};
          f.insert(at, kWords[rng() % 12]);
        } else {
          f[at] = static_cast<char>(rng() % 3 == 0 ? 0xFF : rng());
        }
      }
      if (rng() % 5 == 0) f.resize(rng() % f.size());
      const auto loaded = load_volume_bytes(f, name);
      if (!loaded.ok()) {
        ++refused;
        expect_sane(loaded.error(), f.size());
        continue;
      }
      ++opened;
      // Damage the voxels too: extreme values of the type.
      auto& buffer = loaded.value()->buffer;
      for (int e = 0; e < 20 && !buffer.empty(); ++e) buffer[rng() % buffer.size()] = static_cast<std::uint8_t>(rng());
      exercise(loaded.value()->volume, rng);
    }
    // Every truncation of the header.
    for (std::size_t n = 0; n <= header + 8 && n < original.size(); ++n) {
      const auto loaded = load_volume_bytes(original.substr(0, n), name);
      ASSERT_FALSE(loaded.ok()) << name << " cut to " << n;
      expect_sane(loaded.error(), n);
    }
  }
  std::printf("%d damaged files opened, %d refused\n", opened, refused);
  EXPECT_GT(opened, 100);
  EXPECT_GT(refused, 100);
}

}  // namespace
}  // namespace spherefit
