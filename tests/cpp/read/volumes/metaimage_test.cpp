// MetaImage files written by ITK (plastimatch convert, run by make_volumes.py) read against
// nibabel's affine of the NIfTI they came from and numpy's statistics of its voxels; the variants
// make_volumes.py writes from them (zlib-compressed, big-endian, detached .zraw); then hand-written
// headers for every refusal, with the line, column and byte offset they name.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "read/volumes/voxels.hpp"
#include "read/volumes/volume.hpp"
#include "support/volume_data.hpp"

namespace spherefit {
namespace {

using testing::Json;
using testing::matrix4;
using testing::read_file_bytes;
using testing::volume_path;
using testing::volume_truth;

Outcome<VolumeInfo> header_of(const std::string& bytes, const std::string& name = "volume.mha") {
  const std::string_view head(bytes.data(), std::min(bytes.size(), kVolumeHeadBytes));
  return read_volume_header(head, name, static_cast<std::int64_t>(bytes.size()));
}

void expect_error(const Outcome<VolumeInfo>& r, ErrorCode code, int line, const std::string& says) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(error_code_name(r.error().code), std::string(error_code_name(code))) << r.error().message;
  EXPECT_EQ(r.error().line, line) << r.error().message;
  if (line > 0) EXPECT_GE(r.error().column, 1) << r.error().message;
  EXPECT_NE(r.error().message.find(says), std::string::npos) << r.error().message;
}

bool has_warning(const std::vector<Warning>& warnings, WarningCode code, const std::string& says = "") {
  for (const Warning& w : warnings)
    if (w.code == code && w.message.find(says) != std::string::npos) return true;
  return false;
}

// A zlib stream's first two bytes (RFC 1950): deflate, and the check bits.
bool zlib_start(const std::string& bytes, std::uint64_t at) {
  if (at + 2 > bytes.size()) return false;
  const auto cmf = static_cast<unsigned char>(bytes[at]), flg = static_cast<unsigned char>(bytes[at + 1]);
  return (cmf & 0x0F) == 8 && (cmf * 256 + flg) % 31 == 0;
}

const Json& metaimages() { return volume_truth()["metaimage"]; }

TEST(MetaImage, PlastimatchFilesMatchNibabel) {
  ASSERT_FALSE(volume_truth().is_null()) << "truth.json missing: run ctest (fixture make_volumes)";
  if (metaimages().size() == 0) GTEST_SKIP() << "plastimatch is not installed: no MetaImage files were written";
  int checked = 0;
  for (const auto& [name, t] : metaimages().items()) {
    SCOPED_TRACE(name + " (from " + t["source"].string() + ")");
    const std::string bytes = read_file_bytes(volume_path(name));
    const Outcome<VolumeInfo> read = header_of(bytes, name);
    ASSERT_TRUE(read.ok()) << read.error().message;
    VolumeInfo info = read.value();
    EXPECT_EQ(info.format, VolumeFormat::MetaImage);
    EXPECT_EQ(info.affine_source, AffineSource::TransformMatrix);
    const std::vector<double> shape = t["shape"].numbers();
    for (int a = 0; a < 3; ++a) EXPECT_EQ(info.size[a], static_cast<std::int64_t>(shape[a]));
    // ITK writes float32 matrices with 17 digits; nibabel reads the same float32 NIfTI fields.
    const Eigen::Matrix4d truth = matrix4(t["affine_ras"]);
    EXPECT_LT((info.affine - truth).cwiseAbs().maxCoeff(), 1e-5) << info.affine << "\nnibabel:\n" << truth;
    EXPECT_EQ(name_of(kDataCompressionNames, info.data_compression), t["compression"].string());
    EXPECT_EQ(info.data_gzip, false);
    EXPECT_EQ(info.data_file, t["data_file"].string());

    // The bytes the voxels come from: this file, or the data file the header names (as the page
    // finds it among the files dropped with the header).
    std::string data = bytes;
    if (!info.data_file.empty()) {
      data = read_file_bytes(volume_path(info.data_file));
      const Outcome<VolumeInfo> attached = attach_data_file(info, static_cast<std::int64_t>(data.size()));
      ASSERT_TRUE(attached.ok()) << attached.error().message;
      info = attached.value();
    }
    if (info.data_compressed()) {
      // A zlib stream from data_offset to the end (DecompressionStream('deflate') reads it).
      EXPECT_TRUE(zlib_start(data, info.data_offset));
      ++checked;
      continue;
    }
    ASSERT_LE(info.data_offset + info.data_bytes, data.size());
    std::vector<std::uint8_t> buffer(data.begin() + static_cast<std::ptrdiff_t>(info.data_offset),
                                     data.begin() + static_cast<std::ptrdiff_t>(info.data_offset + info.data_bytes));
    const Outcome<Volume> volume = make_volume(info, buffer.data(), buffer.size());
    ASSERT_TRUE(volume.ok()) << volume.error().message;
    const Volume& v = volume.value();
    const ValueScale scale(v.info);
    double sum = 0, most = -INFINITY;
    with_voxels(v, [&](auto voxels) {
      for (std::size_t i = 0; i < v.voxel_count(); ++i) {
        const double value = scale(static_cast<double>(voxels[i]));
        sum += value;
        most = std::max(most, value);
      }
      for (std::size_t s = 0; s < t["value_at"].size(); ++s) {
        const std::vector<double> at = t["value_at"][s].numbers();
        const std::size_t index = static_cast<std::size_t>(at[0] + v.ni() * (at[1] + v.nj() * at[2]));
        EXPECT_NEAR(scale(static_cast<double>(voxels[index])), at[3], 1e-4 * (1 + std::abs(at[3])))
            << "voxel " << at[0] << ", " << at[1] << ", " << at[2];
      }
      return 0;
    });
    EXPECT_NEAR(sum, t["value_sum"].number(), 1e-6 * (1 + std::abs(t["value_sum"].number())));
    EXPECT_NEAR(most, t["value_max"].number(), 1e-5 * (1 + std::abs(t["value_max"].number())));
    ++checked;
  }
  EXPECT_EQ(checked, 6);
}

TEST(MetaImage, CompressedAndDetachedHeadersSayWhereTheDataAre) {
  if (metaimages().size() == 0) GTEST_SKIP() << "plastimatch is not installed";
  const std::string local = read_file_bytes(volume_path("ct_ball_zlib.mha"));
  const auto zlib = header_of(local, "ct_ball_zlib.mha");
  ASSERT_TRUE(zlib.ok()) << zlib.error().message;
  EXPECT_EQ(zlib.value().data_compression, DataCompression::Zlib);
  EXPECT_TRUE(zlib.value().data_compressed());
  EXPECT_EQ(zlib.value().data_bytes, 48u * 48 * 48 * 4);
  // The header ends with ElementDataFile's line; CompressedDataSize bytes follow to the end.
  const std::size_t header_end = local.find("ElementDataFile = LOCAL\n") + 24;
  EXPECT_EQ(zlib.value().data_offset, header_end);
  // Cut: the compressed size reaches past the end.
  const auto cut = header_of(local.substr(0, local.size() - 100), "ct_ball_zlib.mha");
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().code, ErrorCode::TruncatedFile);
  EXPECT_EQ(cut.error().offset, static_cast<long long>(local.size() - 100));
  // The detached raw file too short, named.
  const std::string mhd = read_file_bytes(volume_path("mask_bigendian.mhd"));
  const auto detached = header_of(mhd, "mask_bigendian.mhd");
  ASSERT_TRUE(detached.ok()) << detached.error().message;
  const auto short_raw = attach_data_file(detached.value(), 1000);
  ASSERT_FALSE(short_raw.ok());
  EXPECT_EQ(short_raw.error().code, ErrorCode::TruncatedFile);
  EXPECT_NE(short_raw.error().message.find("\"mask_bigendian.raw\""), std::string::npos) << short_raw.error().message;
}

// ------------------------------------------------------------------------------------------------
// Hand-written headers

const char* const kBasic =
    "ObjectType = Image\nNDims = 3\nDimSize = 4 4 4\nElementType = MET_UCHAR\nElementSpacing = 1 2 3\n"
    "Offset = 10 20 30\nTransformMatrix = 1 0 0 0 1 0 0 0 1\n";

std::string mha(const std::string& fields, const std::string& data_file = "LOCAL",
                const std::string& data = std::string(64, '\0')) {
  return fields + "ElementDataFile = " + data_file + "\n" + data;
}

TEST(MetaImage, LpsBecomesRasAndTheAxesAreReadAxisByAxis) {
  // Axis i runs along LPS (0, 1, 0), j along (−1, 0, 0), k along z: spacings 1, 2, 3.
  const auto r =
      header_of(mha("ObjectType = Image\nNDims = 3\nDimSize = 4 4 4\nElementType = MET_SHORT\n"
                    "BinaryDataByteOrderMSB = True\nElementSpacing = 1 2 3\nPosition = 10 20 30\n"
                    "Orientation = 0 1 0 -1 0 0 0 0 1\nAnatomicalOrientation = ALI\n",
                    "LOCAL", std::string(128, '\0')));
  ASSERT_TRUE(r.ok()) << r.error().message;
  Eigen::Matrix4d expected;
  expected << 0, 2, 0, -10,  //
      -1, 0, 0, -20,         //
      0, 0, 3, 30,           //
      0, 0, 0, 1;
  EXPECT_EQ(r.value().affine, expected);
  EXPECT_TRUE(r.value().big_endian);
  EXPECT_EQ(r.value().type, VoxelType::Int16);
  EXPECT_FALSE(has_warning(r.value().warnings, WarningCode::VolumeGeometry, "AnatomicalOrientation"));
  // A disagreeing AnatomicalOrientation: the matrix wins, with a warning (ITK ignores the field).
  const auto disagree = header_of(mha(std::string(kBasic) + "AnatomicalOrientation = LPS\n"));
  ASSERT_TRUE(disagree.ok()) << disagree.error().message;
  EXPECT_TRUE(has_warning(disagree.value().warnings, WarningCode::VolumeGeometry, "RAI"));
}

TEST(MetaImage, TwoDimensionalAndFourDimensional) {
  const auto two = header_of(mha("NDims = 2\nDimSize = 8 8\nElementType = MET_UCHAR\nElementSpacing = 0.5 0.5\n"));
  ASSERT_TRUE(two.ok()) << two.error().message;
  EXPECT_EQ(two.value().size[2], 1);
  EXPECT_EQ(two.value().affine_source, AffineSource::Spacings);
  EXPECT_NEAR(std::abs(two.value().affine.topLeftCorner<3, 3>().determinant()), 0.25, 1e-12);
  const auto four = header_of(mha("ObjectType = Image\nNDims = 4\nDimSize = 4 4 4 3\nElementType = MET_FLOAT\n",
                                  "LOCAL", std::string(4 * 64 * 3, '\0')));
  ASSERT_TRUE(four.ok()) << four.error().message;
  EXPECT_EQ(four.value().data_bytes, 256u);
  EXPECT_TRUE(has_warning(four.value().warnings, WarningCode::FirstVolumeOnly, "3 volumes along dimension 4"));
}

TEST(MetaImage, HeaderSizePlacesTheData) {
  // Local, HeaderSize counted from the file's start (MetaIO seeks it from the beginning).
  auto r = header_of(mha(std::string(kBasic) + "HeaderSize = 300\n", "LOCAL", std::string(300, '\0')));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().data_offset, 300u);
  // Local, −1: the last 64 bytes.
  const std::string tail = mha(std::string(kBasic) + "HeaderSize = -1\n", "LOCAL", std::string(100, '\0'));
  r = header_of(tail);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().data_offset, tail.size() - 64);
  // Detached, −1: resolved once the data file's size is known.
  r = header_of(mha(std::string(kBasic) + "HeaderSize = -1\n", "ball.raw", ""), "ball.mhd");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r.value().data_at_end);
  EXPECT_EQ(r.value().data_tail_bytes, 64u);
  EXPECT_EQ(r.value().data_file, "ball.raw");
  const auto attached = attach_data_file(r.value(), 1000);
  ASSERT_TRUE(attached.ok());
  EXPECT_EQ(attached.value().data_offset, 936u);
  EXPECT_FALSE(attached.value().data_at_end);
  const auto short_file = attach_data_file(r.value(), 10);
  ASSERT_FALSE(short_file.ok());
  EXPECT_EQ(short_file.error().offset, 10);
  // A .zraw: zlib, from the data file's start.
  r = header_of(mha(std::string(kBasic) + "CompressedData = True\nCompressedDataSize = 17\n", "ball.zraw", ""),
                "ball.mhd");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().data_compression, DataCompression::Zlib);
  EXPECT_EQ(r.value().data_offset, 0u);
}

TEST(MetaImage, RefusalsNameTheLine) {
  expect_error(header_of(mha(std::string(kBasic) + "ElementNumberOfChannels = 3\n")), ErrorCode::UnsupportedFile, 8,
               "3 values");
  expect_error(header_of(mha(kBasic, "LIST")), ErrorCode::UnsupportedFile, 8, "list of files");
  expect_error(header_of(mha(kBasic, "slice%03d.raw 1 4 1")), ErrorCode::UnsupportedFile, 8, "numbered files");
  expect_error(header_of(mha(std::string(kBasic) + "BinaryData = False\n")), ErrorCode::UnsupportedFile, 8, "as text");
  expect_error(header_of(mha("ObjectType = Image\nNDims = 3\nDimSize = 4 4\nElementType = MET_UCHAR\n")),
               ErrorCode::InvalidFile, 3, "2 sizes for NDims = 3");
  expect_error(header_of(mha("ObjectType = Image\nNDims = 3\nDimSize = 4 4 4\nElementType = MET_LONG_LONG\n")),
               ErrorCode::UnsupportedFile, 4, "MET_LONG_LONG");
  expect_error(header_of(mha("ObjectType = Image\nNDims = 3\nDimSize = 4 4 4\n")), ErrorCode::InvalidFile, 0,
               "ElementType");
  expect_error(header_of(mha("ObjectType = Spline\nNDims = 3\n")), ErrorCode::UnsupportedFile, 1, "Spline");
  expect_error(header_of(mha(std::string(kBasic) + "TransformMatrix = 1 0 0 1 0 0 0 0 1\n")), ErrorCode::InvalidFile, 8,
               "second time");
  expect_error(header_of("ObjectType = Image\nNDims = 3\nthis line has no equals sign\n"), ErrorCode::InvalidFile, 3,
               "not a \"Key = Value\" line");
  // The header stops before ElementDataFile: cut short, at the file's end.
  const auto cut = header_of("ObjectType = Image\nNDims = 3\nDimSize = 4 4 4\n");
  expect_error(cut, ErrorCode::TruncatedFile, 0, "ElementDataFile");
  EXPECT_EQ(cut.error().offset, 45);
  // Parallel axes, and a spacing in the 10¹¹ range: the voxels cannot be placed.
  expect_error(
      header_of(mha("NDims = 3\nDimSize = 4 4 4\nElementType = MET_UCHAR\nTransformMatrix = 1 0 0 1 0 0 0 0 1\n")),
      ErrorCode::InvalidFile, 4, "parallel");
  expect_error(header_of(mha("NDims = 3\nDimSize = 4 4 4\nElementType = MET_UCHAR\nElementSpacing = 1e11 1 1\n")),
               ErrorCode::InvalidFile, 4, "10⁹ mm");
  // Voxels that run past the end of a local file.
  const auto short_data = header_of(mha(kBasic, "LOCAL", std::string(10, '\0')));
  ASSERT_FALSE(short_data.ok());
  EXPECT_EQ(short_data.error().code, ErrorCode::TruncatedFile);
}

}  // namespace
}  // namespace spherefit
