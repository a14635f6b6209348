#include "read/meshes/obj.hpp"

#include <cmath>
#include <string>

#include "read/file_error.hpp"
#include "read/tables/number.hpp"
#include "read/meshes/text_scan.hpp"

namespace spherefit {
namespace {

constexpr const char* kAxisNames[3] = {"x", "y", "z"};

bool is_comment(const Word& w) { return !w.text.empty() && w.text.front() == '#'; }

}  // namespace

Outcome<PointFile> read_obj(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  PointFile out;
  out.format = PointFileFormat::Obj;
  PointTable& t = out.points;
  TextScan scan(bytes);
  auto at = [&](ErrorCode code, const Word& w, const std::string& what) {
    return text_error(code, w.line, scan.column(w), what);
  };
  while (!scan.at_end()) {
    const Word keyword = scan.word_on_line();
    if (keyword.text == "f") ++out.faces;
    if (keyword.text != "v") {
      scan.next_line();
      continue;
    }
    double xyz[3];
    for (int a = 0; a < 3; ++a) {
      const Word w = scan.word_on_line();
      if (w.text.empty() || is_comment(w)) {
        return at(ErrorCode::WrongFieldCount, w,
                  "a vertex needs three coordinates ('v x y z'); this one has " + std::to_string(a) + ".");
      }
      const auto n = read_number(w.text, false);
      if (!n)
        return at(ErrorCode::InvalidNumber, w,
                  std::string("the ") + kAxisNames[a] + " of this vertex, " + quoted(w.text) + ", is not a number.");
      if (!std::isfinite(n->value)) {
        Error e = at(ErrorCode::NonFiniteValue, w,
                     std::string("the ") + kAxisNames[a] + " of this vertex, " + quoted(w.text) +
                         ", is not a finite number; repair or remove this vertex.");
        e.point = static_cast<long>(t.size());
        return e;
      }
      xyz[a] = n->value;
      ColumnFormat& f = t.format[a];
      f.decimals = f.decimals > n->decimals ? f.decimals : n->decimals;
      f.exponent = f.exponent || n->exponent;
    }
    t.x.push_back(xyz[0]);
    t.y.push_back(xyz[1]);
    t.z.push_back(xyz[2]);
    t.source_line.push_back(keyword.line);
    scan.next_line();  // w, or r g b: not needed
  }
  if (t.size() == 0) {
    return file_error(ErrorCode::InvalidFile,
                      "The OBJ file has no vertex lines ('v x y z'), so there are no points to fit.");
  }
  out.vertices_read = t.size();
  return out;
}

}  // namespace spherefit
