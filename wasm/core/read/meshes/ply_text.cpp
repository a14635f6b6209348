#include "read/meshes/ply_text.hpp"

#include <cmath>
#include <cstdint>
#include <string>

#include "read/file_error.hpp"
#include "read/tables/number.hpp"

namespace spherefit {

PlyTextRecords::PlyTextRecords(std::string_view bytes, const PlyHeader& header, PointTable& points)
    : bytes_(bytes), scan_(bytes, header.data_start, header.data_line), points_(points) {}

Error PlyTextRecords::at(ErrorCode code, const Word& w, const std::string& what) const {
  return text_error(code, w.line, scan_.column(w), what);
}

Error PlyTextRecords::cut_short(const PlyElement& e, std::uint64_t index, bool inside) const {
  return at(ErrorCode::TruncatedFile, scan_.here(),
            "the file ends " + std::string(inside ? "inside " : "before ") + ply_record(e, index) + "; it holds " +
                grouped(index) + " of the " + ply_announced(e) +
                " the header announces. The file is cut short, or its header is wrong.");
}

std::optional<Error> PlyTextRecords::skip_list(const PlyElement& e, std::uint64_t index, const PlyProperty& p,
                                               const Word& count) {
  const auto n = read_number(count.text, false);
  if (!n || n->value != std::floor(n->value)) {
    return at(ErrorCode::InvalidNumber, count,
              "the count of list " + ply_name(p.name) + " in " + ply_record(e, index) + ", " + quoted(count.text) +
                  ", is not a whole number.");
  }
  if (n->value < 0) {
    return at(ErrorCode::InvalidFile, count,
              "the count of list " + ply_name(p.name) + " in " + ply_record(e, index) + " is " + quoted(count.text) +
                  "; a count is ≥ 0.");
  }
  // Each item takes a character and a separator.
  const double room = static_cast<double>(bytes_.size() - scan_.position()) / 2.0 + 1.0;
  if (n->value > room) {
    return at(ErrorCode::TruncatedFile, count,
              "the list " + ply_name(p.name) + " in " + ply_record(e, index) + " claims " + quoted(count.text) +
                  " items, more than the rest of the file can hold: the file is cut short, or this count is wrong.");
  }
  for (auto j = static_cast<std::uint64_t>(n->value); j > 0; --j)
    if (scan_.word().text.empty()) return cut_short(e, index, true);
  return std::nullopt;
}

std::optional<Error> PlyTextRecords::read(const PlyElement& e, const PlyVertexLayout* v) {
  if (e.properties.empty()) return std::nullopt;  // records without properties take no text
  // Every record takes at least one word, so the loop below ends within the file whatever the
  // count says; a value takes a character and a separator, which bounds what may be reserved.
  const std::uint64_t at_most = (bytes_.size() - scan_.position() + 1) / (2 * e.properties.size());
  PointTable& t = points_;
  if (v) {
    const auto n = static_cast<std::size_t>(e.count < at_most ? e.count : at_most);
    t.x.reserve(n);
    t.y.reserve(n);
    t.z.reserve(n);
    t.source_line.reserve(n);
  }
  for (std::uint64_t i = 0; i < e.count; ++i) {
    double xyz[3] = {0, 0, 0};
    int line = 0;
    for (std::size_t k = 0; k < e.properties.size(); ++k) {
      const PlyProperty& p = e.properties[k];
      const Word w = scan_.word();
      if (w.text.empty()) return cut_short(e, i, k > 0);
      if (k == 0) line = w.line;
      if (p.is_list) {
        if (auto error = skip_list(e, i, p, w)) return error;
        continue;
      }
      const int a = v ? v->axis_of[k] : -1;
      if (a < 0) continue;  // a value we do not need is not even parsed
      const auto n = read_number(w.text, false);
      if (!n)
        return at(ErrorCode::InvalidNumber, w,
                  std::string("the ") + kPlyAxisNames[a] + " of " + ply_record(e, i) + ", " + quoted(w.text) +
                      ", is not a number.");
      if (!std::isfinite(n->value)) {
        Error error = at(ErrorCode::NonFiniteValue, w,
                         std::string("the ") + kPlyAxisNames[a] + " of " + ply_record(e, i) + ", " + quoted(w.text) +
                             ", is not a finite number; repair or remove this vertex.");
        error.point = static_cast<long>(i);
        return error;
      }
      xyz[a] = n->value;
      ColumnFormat& f = t.format[a];
      f.decimals = f.decimals > n->decimals ? f.decimals : n->decimals;
      f.exponent = f.exponent || n->exponent;
    }
    if (v) {
      t.x.push_back(xyz[0]);
      t.y.push_back(xyz[1]);
      t.z.push_back(xyz[2]);
      t.source_line.push_back(line);
    }
  }
  return std::nullopt;
}

std::optional<Warning> PlyTextRecords::trailing() {
  const Word w = scan_.word();
  if (w.text.empty()) return std::nullopt;
  return Warning{
      WarningCode::TrailingData,
      "Line " + std::to_string(w.line) + ", column " + std::to_string(scan_.column(w)) +
          ": the text after the last element is ignored. If the header's counts are wrong, the points may be too."};
}

}  // namespace spherefit
