// Volume headers, voxels, labels and ISO-50 against the generator's truth (make_volumes.py:
// nibabel's affines, numpy's label counts, the grey levels it drew) and a hand-computed NRRD.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "pipeline/fit_volume.hpp"
#include "read/volumes/labels.hpp"
#include "read/volumes/threshold.hpp"
#include "read/volumes/volume.hpp"
#include "support/volume_data.hpp"

namespace spherefit {
namespace {

using testing::Json;
using testing::load_volume_bytes;
using testing::load_volume_file;
using testing::matrix4;
using testing::read_file_bytes;
using testing::volume_path;
using testing::volume_truth;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool has_warning(const std::vector<Warning>& warnings, WarningCode code) {
  for (const Warning& w : warnings)
    if (w.code == code) return true;
  return false;
}

TEST(VolumeHeader, EveryGeneratedFileMatchesTheTruth) {
  ASSERT_FALSE(volume_truth().is_null()) << "truth.json missing: run ctest (fixture make_volumes)";
  std::printf("volumes from make_volumes.py, seed %.0f\n", volume_truth()["seed"].number());
  int checked = 0;
  for (const auto& [name, t] : volume_truth()["files"].items()) {
    if (t.has("error") || ends_with(name, ".nii.gz")) continue;  // .nii.gz: decompressed by the page
    SCOPED_TRACE(name);
    const std::string bytes = read_file_bytes(volume_path(name));
    const std::string_view head(bytes.data(), std::min(bytes.size(), kVolumeHeadBytes));
    const Outcome<VolumeInfo> read = read_volume_header(head, name, static_cast<std::int64_t>(bytes.size()));
    ASSERT_TRUE(read.ok()) << read.error().message;
    const VolumeInfo& info = read.value();
    EXPECT_EQ(name_of(kVolumeFormatNames, info.format), t["format"].string());
    const std::vector<double> shape = t["shape"].numbers();
    for (int a = 0; a < 3; ++a) EXPECT_EQ(info.size[a], static_cast<std::int64_t>(shape[a]));
    if (t.has("file_dims")) {
      const std::vector<double> dims = t["file_dims"].numbers();
      ASSERT_EQ(info.file_dims.size(), dims.size());
      for (std::size_t a = 0; a < dims.size(); ++a) EXPECT_EQ(info.file_dims[a], static_cast<std::int64_t>(dims[a]));
      EXPECT_TRUE(has_warning(info.warnings, WarningCode::FirstVolumeOnly));
    }
    EXPECT_EQ(name_of(kVoxelTypeNames, info.type), t["dtype"].string());
    EXPECT_EQ(info.big_endian, t["big_endian"].boolean());
    EXPECT_EQ(info.data_offset, static_cast<std::uint64_t>(t["data_offset"].number()));
    EXPECT_EQ(info.data_bytes, static_cast<std::uint64_t>(t["data_bytes"].number()));
    EXPECT_EQ(info.data_gzip, t["gzip"].boolean());
    EXPECT_EQ(name_of(kAffineSourceNames, info.affine_source), t["affine_source"].string());
    const Eigen::Matrix4d expected = matrix4(t["affine_ras"]);
    EXPECT_LT((info.affine - expected).cwiseAbs().maxCoeff(), 1e-9 * (1 + expected.cwiseAbs().maxCoeff()))
        << "read\n"
        << info.affine << "\nexpected\n"
        << expected;
    if (!t["nibabel_affine"].is_null() && info.affine_source != AffineSource::Pixdim) {
      EXPECT_LT((info.affine - matrix4(t["nibabel_affine"])).cwiseAbs().maxCoeff(),
                1e-9 * (1 + expected.cwiseAbs().maxCoeff()));
    }
    if (info.affine_source == AffineSource::Pixdim)
      EXPECT_TRUE(has_warning(info.warnings, WarningCode::VolumeGeometry));
    if (t.has("scl_slope") && (t["scl_slope"].number() != 1.0 || t["scl_inter"].number() != 0.0)) {
      EXPECT_TRUE(info.scaled);
      EXPECT_EQ(info.scl_slope, t["scl_slope"].number());
      EXPECT_EQ(info.scl_inter, t["scl_inter"].number());
    }
    if (t.has("segments")) {
      ASSERT_EQ(info.segments.size(), t["segments"].size());
      for (std::size_t s = 0; s < info.segments.size(); ++s) {
        EXPECT_EQ(info.segments[s].name, t["segments"][s]["name"].string());
        EXPECT_EQ(info.segments[s].id, t["segments"][s]["id"].string());
        EXPECT_EQ(info.segments[s].label_value, static_cast<long long>(t["segments"][s]["label"].number()));
      }
    }
    ++checked;
  }
  EXPECT_GE(checked, 14);
}

// A NRRD written here, its RAS matrix worked out by hand: LPS → RAS negates x and y of every
// direction and of the origin; big-endian shorts are swapped to this machine's order.
TEST(VolumeHeader, HandComputedLpsNrrd) {
  std::string file =
      "NRRD0004\n# by hand\ntype: short\ndimension: 3\nspace: left-posterior-superior\nsizes: 4 3 2\n"
      "space directions: (0.5,0,0) (0, 0.25, 0.1) (0,0,2)\nkinds: domain domain domain\nendian: big\n"
      "encoding: raw\nspace origin: (10,-20,30)\n\n";
  const std::size_t header = file.size();
  for (int k = 0; k < 2; ++k)
    for (int j = 0; j < 3; ++j)
      for (int i = 0; i < 4; ++i) {
        const int v = i + 10 * j + 100 * k - 50;
        file += static_cast<char>((v >> 8) & 0xFF);
        file += static_cast<char>(v & 0xFF);
      }
  const auto loaded = load_volume_bytes(file, "hand.nrrd");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const VolumeInfo& info = loaded.value()->volume.info;
  EXPECT_EQ(info.data_offset, header);
  Eigen::Matrix4d expected;
  expected << -0.5, 0, 0, -10,  //
      0, -0.25, 0, 20,          //
      0, 0.1, 2, 30,            //
      0, 0, 0, 1;
  EXPECT_EQ(info.affine, expected);
  // Voxel (1, 2, 1): LPS (10 + 0.5, −20 + 0.5, 30 + 0.2 + 2) → RAS (−10.5, 19.5, 32.2).
  const Eigen::Vector3d w = world_of(info, {1, 2, 1});
  EXPECT_NEAR((w - Eigen::Vector3d(-10.5, 19.5, 32.2)).norm(), 0, 1e-12);
  EXPECT_NEAR((voxel_of(info, w) - Eigen::Vector3d(1, 2, 1)).norm(), 0, 1e-12);
  const std::uint8_t* data = loaded.value()->volume.data;
  for (int idx = 0; idx < 24; ++idx) {
    std::int16_t v;
    std::memcpy(&v, data + 2 * idx, 2);
    const int i = idx % 4, j = idx / 4 % 3, k = idx / 12;
    EXPECT_EQ(v, i + 10 * j + 100 * k - 50);
  }
}

TEST(VolumeHeader, WorldAndVoxelIndicesAreInverse) {
  const auto loaded = load_volume_file("mask_qform.nii");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const VolumeInfo& info = loaded.value()->volume.info;
  for (const Eigen::Vector3d ijk :
       {Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(3.25, 40.5, 11.75), Eigen::Vector3d(-2, 50, 7)}) {
    EXPECT_NEAR((voxel_of(info, world_of(info, ijk)) - ijk).norm(), 0, 1e-11);
  }
}

TEST(VolumeLabels, CountsMatchNumpy) {
  int checked = 0;
  for (const auto& [name, t] : volume_truth()["files"].items()) {
    if (!t.has("label_counts") || t["gzip"].boolean() || ends_with(name, ".nii.gz")) continue;
    SCOPED_TRACE(name);
    const auto loaded = load_volume_file(name);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    const Outcome<std::vector<LabelCount>> labels = count_labels(loaded.value()->volume);
    ASSERT_TRUE(labels.ok()) << labels.error().message;
    const Json& expected = t["label_counts"];
    ASSERT_EQ(labels.value().size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(labels.value()[i].value, expected[i][0].number());
      EXPECT_EQ(labels.value()[i].count, static_cast<std::uint64_t>(expected[i][1].number()));
    }
    if (t.has("segments")) {
      for (const LabelCount& l : labels.value()) {
        std::string want;
        for (std::size_t s = 0; s < t["segments"].size(); ++s)
          if (t["segments"][s]["label"].number() == l.value) want = t["segments"][s]["name"].string();
        EXPECT_EQ(l.name, want) << "label " << l.value;
      }
    }
    ++checked;
  }
  EXPECT_GE(checked, 9);
}

TEST(VolumeLabels, GreyFloatVolumeIsNotALabelmap) {
  const auto loaded = load_volume_file("ct_ball.nrrd");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const auto labels = count_labels(loaded.value()->volume);
  ASSERT_FALSE(labels.ok());
  EXPECT_EQ(labels.error().code, ErrorCode::GreyValues);
  EXPECT_NE(labels.error().message.find("Voxel (0, 0, 0)"), std::string::npos) << labels.error().message;
}

// An 8-bit grey ball: each voxel's value is 255 × the fraction of it inside the ball (measured by
// 6 × 6 × 6 sub-samples), so it holds few distinct values — yet is no labelmap.
std::string grey_ball_nrrd(const Eigen::Vector3d& centre, double radius, int n) {
  std::string file = "NRRD0004\ntype: uchar\ndimension: 3\nsizes: " + std::to_string(n) + " " + std::to_string(n) +
                     " " + std::to_string(n) + "\nspacings: 1 1 1\nencoding: raw\n\n";
  const int m = 6;
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        int inside = 0;
        for (int c = 0; c < m; ++c)
          for (int b = 0; b < m; ++b)
            for (int a = 0; a < m; ++a) {
              const Eigen::Vector3d p(i - 0.5 + (a + 0.5) / m, j - 0.5 + (b + 0.5) / m, k - 0.5 + (c + 0.5) / m);
              inside += (p - centre).norm() <= radius;
            }
        file += static_cast<char>(static_cast<unsigned char>(std::lround(255.0 * inside / (m * m * m))));
      }
  return file;
}

TEST(VolumeLabels, AnEightBitGreyBallIsContouredAtIso50NotTakenForLabels) {
  const Eigen::Vector3d centre(15.3, 16.1, 15.7);
  const auto loaded = load_volume_bytes(grey_ball_nrrd(centre, 9.0, 32), "grey8.nrrd");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const Volume& volume = loaded.value()->volume;
  const auto labels = count_labels(volume);
  ASSERT_TRUE(labels.ok());
  EXPECT_GT(labels.value().size(), 2u);
  EXPECT_LE(labels.value().size(), kMaxMaskLabels) << "few values: only the ramps tell it from a labelmap";
  EXPECT_FALSE(looks_like_labelmap(volume));
  const VolumeSummary summary = summarize_volume(volume);
  EXPECT_FALSE(summary.labelmap);
  ASSERT_TRUE(summary.iso50);
  EXPECT_NEAR(summary.iso50->threshold, 127.5, 2.0);
  const auto fit = fit_volume(volume, summary, {}, {});
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  // NRRD without a space is taken as RAS with the spacings: voxel indices are millimetres.
  EXPECT_NEAR((fit.value().center_voxel - centre).norm(), 0.0, 0.02);
  EXPECT_NEAR(fit.value().contours.fit.radius, 9.0, 0.02);
}

TEST(VolumeLabels, EveryGeneratedLabelmapStillLooksLikeOne) {
  for (const auto& [name, t] : volume_truth()["files"].items()) {
    if (t.has("error") || !t.has("balls") || ends_with(name, ".gz") || name.find("gzip") != std::string::npos)
      continue;  // gzip: inflated by the page
    SCOPED_TRACE(name);
    const auto loaded = load_volume_file(name);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_TRUE(summarize_volume(loaded.value()->volume).labelmap);
  }
  for (const char* name : {"ct_ball.nii", "ct_ball.nrrd"}) {
    const auto loaded = load_volume_file(name);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_FALSE(summarize_volume(loaded.value()->volume).labelmap) << name;
  }
}

TEST(VolumeIso50, AThresholdInTheBackgroundNoiseIsToldWhereIso50Is) {
  const auto loaded = load_volume_file("ct_ball.nii");  // background −1000 with noise σ = 20
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const Volume& volume = loaded.value()->volume;
  const VolumeSummary summary = summarize_volume(volume);
  ASSERT_TRUE(summary.iso50);
  VolumeSelection selection;
  selection.threshold = -990.0;
  const auto fit = fit_volume(volume, summary, selection, {});
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.error().code, ErrorCode::NoClosedContours);
  EXPECT_NE(fit.error().message.find("Or the threshold -990 lies in the noise"), std::string::npos)
      << fit.error().message;
  EXPECT_NE(fit.error().message.find("ISO-50 is"), std::string::npos) << fit.error().message;
}

TEST(VolumeIso50, GreyVolumesAgainstTheGeneratorsLevels) {
  for (const char* name : {"ct_ball.nii", "ct_ball.nrrd"}) {
    SCOPED_TRACE(name);
    const Json& g = volume_truth()["files"][name]["grey"];
    const auto loaded = load_volume_file(name);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    const Outcome<Iso50Threshold> iso = iso50_threshold(loaded.value()->volume);
    ASSERT_TRUE(iso.ok()) << iso.error().message;
    const double background = g["background"].number(), material = g["material"].number();
    const double contrast = material - background;
    std::printf(
        "%s: background %.2f (true %.0f), material %.2f (true %.0f), ISO-50 %.2f (true %.1f), "
        "error %.3f %% of the contrast\n",
        name, iso.value().background, background, iso.value().material, material, iso.value().threshold,
        0.5 * (background + material), 100 * (iso.value().threshold - 0.5 * (background + material)) / contrast);
    EXPECT_NEAR(iso.value().background, background, 0.01 * contrast);
    EXPECT_NEAR(iso.value().material, material, 0.02 * contrast);
    EXPECT_NEAR(iso.value().threshold, 0.5 * (background + material), 0.01 * contrast);
    EXPECT_EQ(iso.value().peaks.size(), 2u);
    EXPECT_TRUE(iso.value().warnings.empty());
  }
}

TEST(VolumeIso50, MaskGivesTheMidpointOfItsTwoValues) {
  const auto loaded = load_volume_file("mask_bigendian.nii");  // scaled values 1 and 7
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const auto iso = iso50_threshold(loaded.value()->volume);
  ASSERT_TRUE(iso.ok()) << iso.error().message;
  EXPECT_EQ(iso.value().background, 1.0);
  EXPECT_EQ(iso.value().material, 7.0);
  EXPECT_EQ(iso.value().threshold, 4.0);
}

}  // namespace
}  // namespace spherefit
