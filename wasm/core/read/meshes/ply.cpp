#include "read/meshes/ply.hpp"

#include <limits>
#include <memory>

#include "read/file_error.hpp"
#include "read/meshes/ply_binary.hpp"
#include "read/meshes/ply_header.hpp"
#include "read/meshes/ply_layout.hpp"
#include "read/meshes/ply_text.hpp"

namespace spherefit {

Outcome<PointFile> read_ply(std::string_view bytes) {
  const Outcome<PlyHeader> header = read_ply_header(bytes);
  if (!header.ok()) return header.error();
  const PlyHeader& h = header.value();
  const Outcome<PlyVertexLayout> layout = find_ply_vertex(h);
  if (!layout.ok()) return layout.error();
  const PlyVertexLayout& vertex = layout.value();

  PointFile out;
  out.format = h.encoding == PlyEncoding::Ascii                ? PointFileFormat::PlyAscii
               : h.encoding == PlyEncoding::BinaryLittleEndian ? PointFileFormat::PlyBinaryLittleEndian
                                                               : PointFileFormat::PlyBinaryBigEndian;
  constexpr std::uint64_t kMost = std::numeric_limits<std::size_t>::max();
  std::uint64_t faces = 0;
  for (const PlyElement& e : h.elements)
    if (e.name == "face") faces = e.count > kMost - faces ? kMost : faces + e.count;
  out.faces = static_cast<std::size_t>(faces);

  std::unique_ptr<PlyRecords> records;
  if (h.encoding == PlyEncoding::Ascii)
    records = std::make_unique<PlyTextRecords>(bytes, h, out.points);
  else
    records =
        std::make_unique<PlyBinaryRecords>(bytes, h.data_start, h.encoding == PlyEncoding::BinaryBigEndian, out.points);
  bool damaged = false;
  for (std::size_t i = 0; i < h.elements.size() && !damaged; ++i) {
    const std::optional<Error> error = records->read(h.elements[i], i == vertex.element ? &vertex : nullptr);
    if (!error) continue;
    if (i <= vertex.element) return *error;
    // The points are complete; what follows them is not needed for the fit.
    out.warnings.push_back({WarningCode::IncompleteFile, "The file is damaged after its vertices (" + error->message +
                                                             "). All " + grouped(out.points.size()) +
                                                             " vertices were read."});
    damaged = true;
  }
  if (!damaged) {
    if (const std::optional<Warning> rest = records->trailing()) out.warnings.push_back(*rest);
  }
  out.vertices_read = out.points.size();
  return out;
}

}  // namespace spherefit
