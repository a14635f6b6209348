#include "read/meshes/stl.hpp"

#include <cmath>
#include <cstdint>
#include <string>

#include "read/meshes/bytes.hpp"
#include "read/file_error.hpp"
#include "read/tables/number.hpp"
#include "read/meshes/text_scan.hpp"
#include "read/meshes/vertex_merge.hpp"

namespace spherefit {
namespace {

constexpr std::size_t kHeaderSize = 84;
constexpr std::size_t kTriangleSize = 50;
constexpr const char* kAxisNames[3] = {"x", "y", "z"};

bool is_keyword(std::string_view word, std::string_view keyword) {
  if (word.size() != keyword.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if ((word[i] | 0x20) != keyword[i]) return false;  // keyword is lower case
  return true;
}

}  // namespace

Outcome<PointFile> read_stl_binary(std::string_view bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() < kHeaderSize) {
    return binary_error(
        ErrorCode::TruncatedFile, bytes.size(), "", -1,
        "the file ends inside the 84-byte header of a binary STL (an 80-byte title and the triangle count).");
  }
  const std::uint32_t count = load<std::uint32_t>(data + 80, false);
  const std::size_t whole = (bytes.size() - kHeaderSize) / kTriangleSize;
  if (count > whole) {
    const std::size_t at = kHeaderSize + whole * kTriangleSize;
    return binary_error(ErrorCode::TruncatedFile, at, "triangle " + grouped(whole), static_cast<long>(3 * whole),
                        "the file ends " + std::string(at < bytes.size() ? "inside this triangle" : "here") +
                            "; it holds " + grouped(whole) + " of the " + grouped(count) +
                            " triangles its header announces. The file is cut short, or its count is wrong.");
  }
  PointFile out;
  out.format = PointFileFormat::StlBinary;
  out.faces = count;
  out.vertices_read = 3 * static_cast<std::size_t>(count);
  // A closed triangulated surface has about half as many vertices as triangles.
  VertexMerger merger(out.points, count / 2 + 3);
  // Triangles in blocks: decode and check a block's vertices, then merge them together.
  constexpr std::size_t kBlock = 256;
  double xyz[kBlock * 9];
  for (std::size_t first = 0; first < count; first += kBlock) {
    const std::size_t block = count - first < kBlock ? count - first : kBlock;
    for (std::size_t t = first; t < first + block; ++t) {
      const unsigned char* triangle = data + kHeaderSize + t * kTriangleSize;
      for (std::size_t c = 0; c < 9; ++c) {  // three corners after the normal, x y z each
        const unsigned char* p = triangle + 12 + 4 * c;
        const double value = load<float>(p, false);
        if (!std::isfinite(value)) {
          return binary_error(
              ErrorCode::NonFiniteValue, static_cast<std::uint64_t>(p - data),
              "triangle " + grouped(t) + ", vertex " + std::to_string(c / 3), static_cast<long>(3 * t + c / 3),
              std::string("the ") + kAxisNames[c % 3] + " coordinate is " + (std::isnan(value) ? "NaN" : "infinite") +
                  "; points need finite coordinates: repair or remove this triangle.");
        }
        xyz[9 * (t - first) + c] = value;
      }
    }
    merger.add_all(xyz, 3 * block);
  }
  out.duplicates_merged = out.vertices_read - out.points.size();
  const std::size_t end = kHeaderSize + count * static_cast<std::size_t>(kTriangleSize);
  if (end < bytes.size()) {
    out.warnings.push_back(
        {WarningCode::TrailingData, "Byte " + grouped(end) + ": the " + grouped(bytes.size() - end) +
                                        " bytes after the last of the " + grouped(count) +
                                        " triangles are ignored. If the triangle count is wrong, so are the points."});
  }
  return out;
}

namespace {

class AsciiStlReader {
 public:
  explicit AsciiStlReader(std::string_view bytes) : scan_(bytes), merger_(out_.points, bytes.size() / 400 + 3) {}
  Outcome<PointFile> read();

 private:
  Error at(ErrorCode code, const Word& w, const std::string& what) const {
    return text_error(code, w.line, scan_.column(w), what);
  }
  // The next word, which must be `keyword` (any case).
  std::optional<Error> expect(const char* keyword, const char* inside);
  std::optional<Error> read_facet();
  std::optional<Error> read_vertex();
  void merge_pending();

  TextScan scan_;
  PointFile out_;
  VertexMerger merger_;
  // Vertices read but not merged yet: merged in blocks, which lets the merger fetch ahead.
  static constexpr std::size_t kBlock = 256;
  double pending_xyz_[3 * kBlock];
  int pending_line_[kBlock];
  std::size_t pending_ = 0;
};

void AsciiStlReader::merge_pending() {
  merger_.add_all(pending_xyz_, pending_, pending_line_);
  pending_ = 0;
}

std::optional<Error> AsciiStlReader::expect(const char* keyword, const char* inside) {
  const Word w = scan_.word();
  if (is_keyword(w.text, keyword)) return std::nullopt;
  if (w.text.empty()) {
    return at(ErrorCode::TruncatedFile, w,
              std::string("the file ends inside ") + inside + " " + grouped(out_.faces) + ", where '" + keyword +
                  "' should follow.");
  }
  return at(ErrorCode::InvalidFile, w,
            std::string("expected '") + keyword + "' in " + inside + " " + grouped(out_.faces) + ", found " +
                quoted(w.text) + ".");
}

std::optional<Error> AsciiStlReader::read_vertex() {
  double* xyz = pending_xyz_ + 3 * pending_;
  for (int a = 0; a < 3; ++a) {
    const Word w = scan_.word();
    if (a == 0) pending_line_[pending_] = w.line;
    if (w.text.empty())
      return at(ErrorCode::TruncatedFile, w, "the file ends inside a vertex of facet " + grouped(out_.faces) + ".");
    const auto n = read_number(w.text, false);
    if (!n) {
      return at(ErrorCode::InvalidNumber, w,
                std::string("the ") + kAxisNames[a] + " of a vertex of facet " + grouped(out_.faces) + ", " +
                    quoted(w.text) + ", is not a number.");
    }
    if (!std::isfinite(n->value)) {
      Error e = at(ErrorCode::NonFiniteValue, w,
                   std::string("the ") + kAxisNames[a] + " of a vertex of facet " + grouped(out_.faces) + ", " +
                       quoted(w.text) + ", is not a finite number; repair or remove this facet.");
      e.point = static_cast<long>(out_.vertices_read);
      return e;
    }
    xyz[a] = n->value;
    ColumnFormat& f = out_.points.format[a];
    f.decimals = f.decimals > n->decimals ? f.decimals : n->decimals;
    f.exponent = f.exponent || n->exponent;
  }
  ++out_.vertices_read;
  if (++pending_ == kBlock) merge_pending();
  return std::nullopt;
}

// After "facet": normal nx ny nz, outer loop, vertices, endloop, endfacet. The normal's numbers
// are not read (writers put NaN there for degenerate triangles); a facet's vertex count is not
// checked either (some writers emit polygons): every vertex is a point on the surface.
std::optional<Error> AsciiStlReader::read_facet() {
  if (auto e = expect("normal", "facet")) return e;
  for (int a = 0; a < 3; ++a) {
    const Word w = scan_.word();
    if (w.text.empty())
      return at(ErrorCode::TruncatedFile, w, "the file ends inside the normal of facet " + grouped(out_.faces) + ".");
  }
  if (auto e = expect("outer", "facet")) return e;
  if (auto e = expect("loop", "facet")) return e;
  while (true) {
    const Word w = scan_.word();
    if (is_keyword(w.text, "vertex")) {
      if (auto e = read_vertex()) return e;
    } else if (is_keyword(w.text, "endloop")) {
      break;
    } else if (w.text.empty()) {
      return at(ErrorCode::TruncatedFile, w, "the file ends inside facet " + grouped(out_.faces) + ".");
    } else {
      return at(ErrorCode::InvalidFile, w,
                "expected 'vertex' or 'endloop' in facet " + grouped(out_.faces) + ", found " + quoted(w.text) + ".");
    }
  }
  if (auto e = expect("endfacet", "facet")) return e;
  ++out_.faces;
  return std::nullopt;
}

Outcome<PointFile> AsciiStlReader::read() {
  out_.format = PointFileFormat::StlAscii;
  const Word first = scan_.word();
  if (!is_keyword(first.text, "solid")) {
    return at(ErrorCode::InvalidFile, first,
              "an ASCII STL file begins with 'solid'" +
                  (first.text.empty() ? std::string(".") : ", not " + quoted(first.text) + "."));
  }
  scan_.rest_of_line();  // the solid's name
  while (true) {
    const Word w = scan_.word();
    if (is_keyword(w.text, "facet")) {
      if (auto e = read_facet()) return *e;
    } else if (is_keyword(w.text, "endsolid")) {
      scan_.rest_of_line();
      const Word next = scan_.word();
      if (next.text.empty()) break;
      if (is_keyword(next.text, "solid")) {  // another solid follows
        scan_.rest_of_line();
        continue;
      }
      out_.warnings.push_back({WarningCode::TrailingData, "Line " + std::to_string(next.line) + ", column " +
                                                              std::to_string(scan_.column(next)) +
                                                              ": the text after 'endsolid' is ignored."});
      break;
    } else if (w.text.empty()) {
      out_.warnings.push_back(
          {WarningCode::IncompleteFile, "Line " + std::to_string(w.line) +
                                            ": the file ends without 'endsolid'; it may be cut short. All " +
                                            grouped(out_.faces) + " facets before the end were read."});
      break;
    } else {
      return at(ErrorCode::InvalidFile, w, "expected 'facet' or 'endsolid', found " + quoted(w.text) + ".");
    }
  }
  merge_pending();
  out_.duplicates_merged = out_.vertices_read - out_.points.size();
  return std::move(out_);
}

}  // namespace

Outcome<PointFile> read_stl_ascii(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  return AsciiStlReader(bytes).read();
}

}  // namespace spherefit
