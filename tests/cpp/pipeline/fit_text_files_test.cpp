// The text files users hold besides tables of circles: CloudCompare's ASCII exports (written by
// CloudCompare itself, headless, when it is installed; and as CloudCompare writes them, by hand),
// Leica's PTS, headerless point clouds with attribute columns, the four-column table whose fourth
// column is no radius; and bytes that are no table at all, named. Points on a sphere from a printed
// seed; the expected sphere is the construction's (exact data: exact answer).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include "pipeline/fit_text.hpp"
#include "read/sniff.hpp"
#include "support/tools.hpp"
#include "support/volume_data.hpp"

namespace spherefit {
namespace {

using testing::have_tool;
using testing::read_file_bytes;
using testing::run_command;
using testing::temp_folder;
using testing::write_file;

constexpr unsigned kSeed = 20250613;
const Eigen::Vector3d kCentre(12.5, -7.25, 40.0);
constexpr double kRadius = 30.0;

// Exact points on the sphere, each line "x y z" then the extra columns extra(i) gives.
template <class Extra>
std::string sphere_rows(int n, const char* separator, Extra extra) {
  std::mt19937 rng(kSeed);
  std::normal_distribution<double> normal;
  std::string out;
  char line[256];
  for (int i = 0; i < n; ++i) {
    Eigen::Vector3d d(normal(rng), normal(rng), normal(rng));
    const Eigen::Vector3d p = kCentre + kRadius * d.normalized();
    std::snprintf(line, sizeof line, "%.12f%s%.12f%s%.12f", p.x(), separator, p.y(), separator, p.z());
    out += std::string(line) + std::string(extra(i)) + "\n";
  }
  return out;
}

bool has_warning(const std::vector<Warning>& warnings, WarningCode code, const std::string& says = "") {
  for (const Warning& w : warnings)
    if (w.code == code && w.message.find(says) != std::string::npos) return true;
  return false;
}

void expect_sphere(const Outcome<TextFit>& fit, std::size_t points, double tolerance = 1e-9) {
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  EXPECT_EQ(fit.value().table.mode, InputMode::Points);
  EXPECT_EQ(fit.value().table.points.size(), points);
  EXPECT_LT((fit.value().fit.center - kCentre).norm(), tolerance * kRadius) << fit.value().fit.center.transpose();
  EXPECT_NEAR(fit.value().fit.radius, kRadius, tolerance * kRadius);
}

TEST(TextFiles, CloudCompareHeadersAreAPointCloud) {
  std::printf("sphere points of seed %u\n", kSeed);
  const auto attributes = [](int i) {
    return "," + std::to_string(i % 256) + ",20,30," + std::to_string(i * 0.5) + ",0,0,1";
  };
  // R is red here, not a radius; Nx, Ny, Nz a point's normal, not a slice's.
  auto fit = fit_text("//X,Y,Z,R,G,B,intensity,Nx,Ny,Nz\n" + sphere_rows(50, ",", attributes), {}, "scan.txt");
  expect_sphere(fit, 50);
  EXPECT_TRUE(has_warning(fit.value().fit.warnings, WarningCode::UnknownColumn, "R, G, B, intensity, Nx, Ny, Nz"));
  // A scalar field's name with a '#' (no comment on the header line) and spaces; semicolons.
  fit = fit_text(
      "//X;Y;Z;Scalar field #1;Nx\n" + sphere_rows(40, ";", [](int i) { return ";" + std::to_string(i) + ";1"; }), {},
      "scan.asc");
  expect_sphere(fit, 40);
  // Space-separated, as CloudCompare writes with -SEP SPACE (names with '_' for spaces).
  fit = fit_text("//X Y Z Mean_curvature_(2)\n" + sphere_rows(30, " ", [](int) { return " 0.2"; }));
  expect_sphere(fit, 30);
  // Circles asked for: a point cloud has no radius.
  FitOptions circles;
  circles.mode = InputMode::Circles;
  fit = fit_text("//X,Y,Z,R,G,B\n" + sphere_rows(10, ",", [](int) { return ",1,2,3"; }), circles);
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.error().code, ErrorCode::MissingColumn);
  EXPECT_EQ(fit.error().line, 1);
}

// CloudCompare itself (headless under Xvfb) exporting a PLY as ASC with a header, as PTS with a
// point count, and as plain text without either.
TEST(TextFiles, CloudComparesOwnExports) {
  if (!have_tool("CloudCompare") || !have_tool("xvfb-run")) {
    GTEST_SKIP() << "CloudCompare or xvfb-run is not installed (apt-get install cloudcompare xvfb xauth)";
  }
  const std::string folder = temp_folder("cloudcompare");
  std::string ply =
      "ply\nformat ascii 1.0\nelement vertex 60\nproperty double x\nproperty double y\nproperty double z\n"
      "property uchar red\nproperty uchar green\nproperty uchar blue\nproperty float intensity\nend_header\n";
  ply += sphere_rows(60, " ", [](int i) { return " 200 100 50 " + std::to_string(i); });
  write_file(folder + "/sphere.ply", ply);
  const std::string cc =
      "cd " + folder + " && timeout 120 xvfb-run -a CloudCompare -SILENT -O sphere.ply -C_EXPORT_FMT ASC ";
  ASSERT_TRUE(run_command(cc + "-ADD_HEADER -SEP COMMA -PREC 12 -SAVE_CLOUDS FILE header.asc"));
  ASSERT_TRUE(run_command(cc + "-ADD_PTS_COUNT -SEP SPACE -PREC 12 -SAVE_CLOUDS FILE counted.pts"));
  ASSERT_TRUE(run_command(cc + "-SEP SPACE -PREC 12 -SAVE_CLOUDS FILE plain.txt"));
  for (const char* name : {"header.asc", "counted.pts", "plain.txt"}) {
    SCOPED_TRACE(name);
    const std::string text = read_file_bytes(folder + "/" + name);
    ASSERT_FALSE(text.empty());
    // CloudCompare keeps coordinates in float32 around a global shift: the sphere to float precision.
    expect_sphere(fit_text(text, {}, name), 60, 1e-6);
  }
}

TEST(TextFiles, LeicaPtsAndHeaderlessCloudsWithAttributes) {
  // PTS: a count, then x y z intensity r g b — seven columns that are not x y z r nx ny nz.
  auto fit =
      fit_text("40\n" + sphere_rows(40, " ", [](int i) { return " " + std::to_string(-2000 + i) + " 255 128 0"; }), {},
               "scan.txt");
  expect_sphere(fit, 40);
  // Ten columns without a header (CloudCompare's plain export): x y z and attributes.
  fit = fit_text(sphere_rows(30, " ", [](int) { return " 10 20 30 0.5 0 0 1"; }));
  expect_sphere(fit, 30);
  EXPECT_TRUE(has_warning(fit.value().fit.warnings, WarningCode::UnknownColumn, "point cloud"));
  // Five and six columns.
  expect_sphere(fit_text(sphere_rows(25, "\t", [](int i) { return "\t" + std::to_string(i) + "\t7"; })), 25);
}

// Issue 18: four columns without a header, the fourth no radius. The same bytes give the same
// reading whatever the file's name.
TEST(TextFiles, AFourthColumnThatIsNoRadiusGivesPoints) {
  // Negative values: a scalar field, never a radius.
  const std::string signed_field = sphere_rows(60, " ", [](int i) { return " " + std::to_string(std::sin(i) * 5); });
  for (const char* name : {"scan.txt", "scan.xyz", "scan.csv", ""}) {
    SCOPED_TRACE(name);
    const auto fit = fit_text(signed_field, {}, name);
    expect_sphere(fit, 60);
    EXPECT_TRUE(has_warning(fit.value().fit.warnings, WarningCode::ReadAsPoints, "negative"));
  }
  // An intensity of 0…255: as circles they fit nothing (R = 940 ± 890 before), as points exactly.
  const std::string intensity = sphere_rows(80, ",", [](int i) { return "," + std::to_string((i * 37) % 256); });
  for (const char* name : {"scan.txt", "scan.xyz"}) {
    SCOPED_TRACE(name);
    const auto fit = fit_text(intensity, {}, name);
    expect_sphere(fit, 80);
    EXPECT_TRUE(has_warning(fit.value().fit.warnings, WarningCode::ReadAsPoints, "fit one as points"));
    EXPECT_EQ(fit.value().table.points.source_line[3], 4);
  }
  // Real circles stay circles: parallel slices of the sphere, x y z r exactly.
  std::string circles;
  for (int k = -3; k <= 3; ++k) {
    const double h = 7.0 * k;
    char line[128];
    std::snprintf(line, sizeof line, "%.12f %.12f %.12f %.12f\n", kCentre.x(), kCentre.y(), kCentre.z() + h,
                  std::sqrt(kRadius * kRadius - h * h));
    circles += line;
  }
  const auto fit = fit_text(circles, {}, "slices.xyz");
  ASSERT_TRUE(fit.ok()) << fit.error().message;
  EXPECT_EQ(fit.value().table.mode, InputMode::Circles);
  EXPECT_NEAR(fit.value().fit.radius, kRadius, 1e-9);
  EXPECT_FALSE(has_warning(fit.value().fit.warnings, WarningCode::ReadAsPoints));
  // Asked for circles, they are circles (the negative radius is an error on its line).
  FitOptions forced;
  forced.mode = InputMode::Circles;
  const auto refused = fit_text(signed_field, forced);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::NegativeRadius);
}

// Issue 22: values a fit cannot square are errors on their line, not "AllSlicesCoplanar".
TEST(TextFiles, HugeValuesInACircleTableNameTheirLine) {
  const std::string head = "x,y,z,r,nx,ny,nz,w\n";
  const std::string rows = "0,0,-5,4,0,0,1,1\n0,0,0,5,0,0,1,1\n0,0,5,4,0,0,1,1\n";
  FitOptions weighted;
  weighted.weights = WeightMode::Column;
  for (const auto& [bad, column] :
       {std::pair{"0,0,3,1e308,0,0,1,1\n", "radius"}, std::pair{"0,0,3,4,0,0,1e308,1\n", "normal"},
        std::pair{"0,0,3,4,0,0,1,1e308\n", "weight"}}) {
    SCOPED_TRACE(column);
    const auto fit = fit_text(head + rows + bad, weighted);
    ASSERT_FALSE(fit.ok());
    EXPECT_EQ(fit.error().code, ErrorCode::NonFiniteValue) << fit.error().message;
    EXPECT_EQ(fit.error().line, 5) << fit.error().message;
    EXPECT_NE(fit.error().message.find(column), std::string::npos) << fit.error().message;
  }
}

TEST(TextFiles, FilesThatAreNoTableAreNamed) {
  const auto expect = [](const std::string& bytes, const std::string& says) {
    const auto fit = fit_text(bytes, {}, "data.txt");
    ASSERT_FALSE(fit.ok());
    EXPECT_NE(fit.error().message.find(says), std::string::npos) << fit.error().message;
  };
  expect(std::string("%PDF-1.5\n%\xE2\xE3\xCF\xD3\n1 0 obj\n"), "a PDF document");
  expect(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "a PNG image");
  expect(std::string("\xFF\xD8\xFF\xE0\0\x10JFIF", 10), "a JPEG image");
  expect("GIF89a\x01\0\x01\0", "a GIF image");
  expect(std::string("II*\0\x08\0\0\0", 8), "a TIFF image");
  expect(std::string("BM\x46\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x01\0\0\0\x01\0\0\0", 26), "a BMP image");
  expect(std::string("\x89HDF\r\n\x1A\n\0\0\0\0", 12), "an HDF5 file");
  expect(std::string("PK\x03\x04\x14\0\0\0", 8) + "[Content_Types].xml....word/document.xml", "a Word document");
  expect(std::string("PK\x03\x04\x14\0\0\0", 8) + "data/points.csv", "a ZIP archive");
  expect(std::string("\x1F\x8B\x08\0\0\0\0\0", 8), "compressed twice");
  // DICOM with its preamble, and a bare data set starting at group 0008.
  expect(std::string(128, '\0') + "DICM" + std::string("\x02\0\0\0UL\x04\0", 8), "DICOM");
  expect(std::string("\x08\0\x05\0CS\x0A\0ISO_IR 100", 18), "DICOM");
  EXPECT_EQ(sniff_file(std::string(128, '\0') + "DICMxxxx", "IM0001"), FileKind::Dicom);
  EXPECT_EQ(sniff_file(std::string("\x08\0\x16\0UI\x1A\0", 8) + "1.2.840.10008.5.1.4.1.1.2", "slice"), FileKind::Dicom);
  // A NRRD volume whose header is damaged is still a NRRD (its error), never a text table.
  EXPECT_EQ(sniff_file("NRRD00X4\ntype: uchar\n\n", "ball.nrrd"), FileKind::Volume);
  const auto nrrd = fit_text("NRRD0004\ntype: uchar\ndimension: 3\nsizes: 4 4\nencoding: raw\n\n", {}, "ball.nrrd");
  ASSERT_FALSE(nrrd.ok());
  EXPECT_NE(nrrd.error().message.find("NRRD header, line 4"), std::string::npos) << nrrd.error().message;
  EXPECT_EQ(nrrd.error().column, 8);
  // MetaImage and PCD headers are recognised too.
  EXPECT_EQ(sniff_file("ObjectType = Image\nNDims = 3\n", "ball.mhd"), FileKind::Volume);
  EXPECT_EQ(sniff_file("# .PCD v0.7\nVERSION 0.7\nFIELDS x y z\n", "cloud.pcd"), FileKind::PointFile);
}

}  // namespace
}  // namespace spherefit
