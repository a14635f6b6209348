#include "read/parse.hpp"

#include "read/number.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <optional>

namespace spherefit {
namespace {

enum class Column { X, Y, Z, R, D, NX, NY, NZ, W, Ignored };
constexpr std::size_t kColumnKinds = 9;
constexpr std::array<const char*, kColumnKinds> kColumnNames = {"x", "y", "z", "r", "d", "nx", "ny", "nz", "w"};

struct Field {
  std::string text;
  int column = 1;  // 1-based, in characters
  bool quoted = false;
};

struct Line {
  std::vector<Field> fields;
  int number = 0;
  int end_column = 1;  // just past the last character of content
};

enum class Separator { Comma, Tab, Semicolon, Space };

Error located(ErrorCode code, int line, int column, const std::string& what) {
  Error e;
  e.code = code;
  e.line = line;
  e.column = column;
  e.message = "Line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what;
  return e;
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Content of a line without its comment, and the separator it suggests.
std::string_view strip_comment(std::string_view line) {
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (line[i] == '#' && !quoted) return line.substr(0, i);
  }
  return line;
}

bool is_blank(std::string_view s) {
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

Separator detect_separator(std::string_view content) {
  if (content.find('\t') != std::string_view::npos) return Separator::Tab;
  if (content.find(';') != std::string_view::npos) return Separator::Semicolon;
  if (content.find(',') != std::string_view::npos) return Separator::Comma;
  return Separator::Space;
}

Line split_fields(std::string_view content, Separator sep, int number) {
  Line line;
  line.number = number;
  const char delimiter = sep == Separator::Comma ? ',' : sep == Separator::Tab ? '\t' : ';';
  auto is_sep = [&](char c) { return sep == Separator::Space ? (c == ' ' || c == '\t') : c == delimiter; };
  auto is_pad = [&](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  std::size_t i = 0;
  int column = 1;
  auto advance = [&]() {
    if (!is_continuation(content[i])) ++column;
    ++i;
  };
  while (true) {
    if (sep == Separator::Space) {
      while (i < content.size() && is_sep(content[i])) advance();
      if (i >= content.size()) break;
    } else {
      while (i < content.size() && content[i] == ' ') advance();
    }
    Field field;
    field.column = column;
    if (i < content.size() && content[i] == '"') {
      field.quoted = true;
      advance();
      while (i < content.size()) {
        if (content[i] == '"') {
          if (i + 1 < content.size() && content[i + 1] == '"') {
            field.text += '"';
            advance();
            advance();
            continue;
          }
          advance();
          break;
        }
        field.text += content[i];
        advance();
      }
      while (i < content.size() && !is_sep(content[i])) {  // text after the closing quote
        if (!is_pad(content[i])) field.text += content[i];
        advance();
      }
    } else {
      while (i < content.size() && !is_sep(content[i])) {
        field.text += content[i];
        advance();
      }
      while (!field.text.empty() && is_pad(field.text.back())) field.text.pop_back();
    }
    line.fields.push_back(std::move(field));
    if (i >= content.size()) break;
    advance();  // the separator
    if (sep != Separator::Space && i >= content.size()) {
      Field empty;
      empty.column = column;
      line.fields.push_back(empty);
      break;
    }
  }
  line.end_column = column;
  return line;
}

std::optional<double> read_value(const std::string& text, bool decimal_comma) {
  const auto n = read_number(text, decimal_comma);
  if (!n) return std::nullopt;
  return n->value;
}

std::string normalise_name(std::string name) {
  std::string out;
  int depth = 0;
  for (char c : name) {
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if (c == ')' || c == ']' || c == '}') depth = depth > 0 ? depth - 1 : 0;
    else if (depth == 0 && !std::isspace(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.')
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

Column classify(const std::string& raw) {
  const std::string n = normalise_name(raw);
  auto any = [&](std::initializer_list<const char*> names) {
    for (const char* candidate : names)
      if (n == candidate) return true;
    return false;
  };
  if (any({"x", "cx", "xc", "x0", "centerx", "centrex"})) return Column::X;
  if (any({"y", "cy", "yc", "y0", "centery", "centrey"})) return Column::Y;
  if (any({"z", "cz", "zc", "z0", "centerz", "centrez"})) return Column::Z;
  if (any({"r", "radius", "rad"})) return Column::R;
  if (any({"d", "diameter", "diam", "dia"})) return Column::D;
  if (any({"nx", "normalx"})) return Column::NX;
  if (any({"ny", "normaly"})) return Column::NY;
  if (any({"nz", "normalz"})) return Column::NZ;
  if (any({"w", "weight", "weights"})) return Column::W;
  return Column::Ignored;
}

struct Layout {
  std::vector<Column> columns;
  std::array<int, kColumnKinds> position{};  // index into the fields, -1 when absent
};

Outcome<Layout> layout_from_header(const Line& header, std::vector<Warning>& warnings) {
  Layout layout;
  layout.position.fill(-1);
  for (std::size_t k = 0; k < header.fields.size(); ++k) {
    const Field& f = header.fields[k];
    const Column c = classify(f.text);
    layout.columns.push_back(c);
    if (c == Column::Ignored) {
      warnings.push_back({WarningCode::UnknownColumn, "Line " + std::to_string(header.number) + ", column " + std::to_string(f.column) +
                         ": the column '" + f.text + "' is not one of x, y, z, r, d, nx, ny, nz, w and is ignored."});
      continue;
    }
    int& slot = layout.position[static_cast<std::size_t>(c)];
    if (slot >= 0) {
      return located(ErrorCode::DuplicateColumn, header.number, f.column,
                     "the column '" + f.text + "' names " + kColumnNames[static_cast<std::size_t>(c)] +
                         " a second time; keep one of them.");
    }
    slot = static_cast<int>(k);
  }
  auto has = [&](Column c) { return layout.position[static_cast<std::size_t>(c)] >= 0; };
  for (Column c : {Column::X, Column::Y, Column::Z}) {
    if (!has(c)) {
      return located(ErrorCode::MissingColumn, header.number, 1,
                     std::string("the header has no ") + kColumnNames[static_cast<std::size_t>(c)] +
                         " column; name the columns x, y, z and r (or d for diameter).");
    }
  }
  if (has(Column::R) && has(Column::D)) {
    return located(ErrorCode::DuplicateColumn, header.number, header.fields[layout.position[static_cast<std::size_t>(Column::D)]].column,
                   "both a radius and a diameter column are given; keep one of them.");
  }
  if (!has(Column::R) && !has(Column::D)) {
    return located(ErrorCode::MissingColumn, header.number, 1,
                   "the header has no radius column; name it r (or radius), or d (diameter).");
  }
  const int normals = has(Column::NX) + has(Column::NY) + has(Column::NZ);
  if (normals != 0 && normals != 3) {
    return located(ErrorCode::MissingColumn, header.number, 1,
                   "a plane normal needs all three columns nx, ny and nz (or none: slices along Z).");
  }
  return layout;
}

Outcome<Layout> layout_without_header(const Line& first) {
  static const std::vector<Column> order = {Column::X, Column::Y, Column::Z, Column::R,
                                            Column::NX, Column::NY, Column::NZ, Column::W};
  const std::size_t n = first.fields.size();
  if (n != 4 && n != 7 && n != 8) {
    return located(ErrorCode::WrongFieldCount, first.number, 1,
                   "found " + std::to_string(n) + " fields; without a header line the data must have 4 "
                   "(x y z r), 7 (x y z r nx ny nz) or 8 (… w) columns. Add a header naming the columns.");
  }
  Layout layout;
  layout.position.fill(-1);
  layout.columns.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n));
  for (std::size_t k = 0; k < n; ++k) layout.position[static_cast<std::size_t>(order[k])] = static_cast<int>(k);
  return layout;
}

// A header has a name in it; an empty field is a missing number, not a name.
bool looks_like_header(const Line& line, bool decimal_comma) {
  for (const Field& f : line.fields)
    if (!f.text.empty() && !read_value(f.text, decimal_comma)) return true;
  return false;
}

}  // namespace

Outcome<ParsedSlices> parse_slices(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  ParsedSlices out;
  std::optional<Separator> separator;
  std::optional<Layout> layout;
  int number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    const std::string_view content = strip_comment(raw);
    if (is_blank(content)) {
      if (end == text.size()) break;
      continue;
    }
    if (!separator) separator = detect_separator(content);
    const bool decimal_comma = *separator == Separator::Semicolon;
    const Line line = split_fields(content, *separator, number);

    if (!layout) {
      Outcome<Layout> made = looks_like_header(line, decimal_comma)
                                 ? layout_from_header(line, out.warnings)
                                 : layout_without_header(line);
      if (!made.ok()) return made.error();
      layout = made.value();
      out.table.has_normals = layout->position[static_cast<std::size_t>(Column::NX)] >= 0;
      out.table.has_weights = layout->position[static_cast<std::size_t>(Column::W)] >= 0;
      if (looks_like_header(line, decimal_comma)) continue;
    }

    const std::size_t expected = layout->columns.size();
    if (line.fields.size() != expected) {
      const int column = line.fields.size() > expected ? line.fields[expected].column : line.end_column;
      return located(ErrorCode::WrongFieldCount, number, column,
                     "expected " + std::to_string(expected) + " fields, found " + std::to_string(line.fields.size()) + ".");
    }
    std::array<double, kColumnKinds> value{};
    for (std::size_t k = 0; k < expected; ++k) {
      const Column c = layout->columns[k];
      if (c == Column::Ignored) continue;
      const Field& f = line.fields[k];
      const std::optional<double> v = read_value(f.text, decimal_comma);
      if (!v) {
        return located(ErrorCode::InvalidNumber, number, f.column,
                       f.text.empty() ? std::string("a value is missing here.")
                                      : "'" + f.text + "' is not a number.");
      }
      if (!std::isfinite(*v)) {
        return located(ErrorCode::NonFiniteValue, number, f.column, "'" + f.text + "' is not a finite number.");
      }
      if ((c == Column::R || c == Column::D) && *v < 0.0) {
        return located(ErrorCode::NegativeRadius, number, f.column,
                       std::string("the ") + (c == Column::R ? "radius" : "diameter") + " is negative; it must be ≥ 0.");
      }
      if (c == Column::W && *v < 0.0) {
        return located(ErrorCode::InvalidWeights, number, f.column, "the weight is negative; weights must be ≥ 0.");
      }
      value[static_cast<std::size_t>(c)] = *v;
    }
    SliceCircle circle;
    circle.center = {value[0], value[1], value[2]};
    const bool by_diameter = layout->position[static_cast<std::size_t>(Column::D)] >= 0;
    circle.radius = by_diameter ? value[static_cast<std::size_t>(Column::D)] / 2.0 : value[static_cast<std::size_t>(Column::R)];
    if (out.table.has_normals) {
      circle.normal = {value[5], value[6], value[7]};
      if (circle.normal.norm() == 0.0) {
        return located(ErrorCode::ZeroNormal, number, line.fields[layout->position[static_cast<std::size_t>(Column::NX)]].column,
                       "the plane normal (nx, ny, nz) is zero; give the direction the slice plane faces.");
      }
    }
    if (out.table.has_weights) circle.weight = value[static_cast<std::size_t>(Column::W)];
    out.table.add(circle, number);
    if (end == text.size()) break;
  }
  if (out.table.size() == 0) {
    Error e;
    e.code = ErrorCode::EmptyInput;
    e.message = "No slices found: paste one circle per line as x, y, z, r (optionally nx, ny, nz, w), with or without a header.";
    return e;
  }
  return out;
}

}  // namespace spherefit
