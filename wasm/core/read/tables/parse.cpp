#include "read/tables/parse.hpp"

#include <array>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "read/tables/columns.hpp"
#include "read/file_error.hpp"
#include "read/tables/number.hpp"
#include "read/tables/text_lines.hpp"

namespace spherefit {
namespace {

bool has_extension(std::string_view name, std::initializer_list<std::string_view> extensions) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string ext;
  for (char c : name.substr(dot + 1)) ext += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view e : extensions)
    if (ext == e) return true;
  return false;
}

// A first line that is only a whole number: the count of points that follow (.ds, .pts).
std::optional<long long> point_count(const Line& line) {
  if (line.fields.size() != 1) return std::nullopt;
  const std::string_view t = line.fields[0].text;
  if (t.empty() || t.size() > 12) return std::nullopt;
  long long n = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    n = 10 * n + (c - '0');
  }
  return n;
}

void note_format(ColumnFormat& f, const TypedNumber& n) {
  f.decimals = std::max(f.decimals, n.decimals);
  f.exponent = f.exponent || n.exponent;
}

// One row's values by role; the text of a slice id.
struct Row {
  std::array<double, kRoles> value{};
  std::string_view slice_id;
  std::string_view object_id;
};

// Reads the rows of a table whose layout is known, into slices or points.
class TableReader {
 public:
  TableReader(const Layout& layout, bool decimal_comma, ParsedTable& out)
      : layout_(layout), decimal_comma_(decimal_comma), out_(out) {
    out_.mode = layout.mode;
    out_.slices.has_normals = layout.has(Role::NX);
    out_.slices.has_weights = layout.has(Role::W);
  }

  std::optional<Error> add(const Line& line, std::string_view content, Separator separator) {
    if (auto e = check_count(line, content, separator)) return e;
    Row row;
    for (std::size_t k = 0; k < layout_.roles.size(); ++k) {
      const Role role = layout_.roles[k];
      if (role == Role::Ignored) continue;
      const Field& f = line.fields[k];
      if (role == Role::Slice) {
        if (f.text.empty())
          return text_error(ErrorCode::InvalidNumber, line.number, line.column(f), "the slice id is missing here.");
        row.slice_id = f.text;
        continue;
      }
      if (role == Role::Object) {
        if (f.text.empty())
          return text_error(ErrorCode::InvalidNumber, line.number, line.column(f),
                            "the object's name is missing here.");
        row.object_id = f.text;
        continue;
      }
      if (auto e = read_value(line, f, role, row)) return e;
    }
    if (layout_.has(Role::Object)) add_object(row.object_id);
    return layout_.mode == InputMode::Circles ? add_circle(line, row) : add_point(line, row);
  }

 private:
  std::optional<Error> check_count(const Line& line, std::string_view content, Separator separator) const {
    const std::size_t expected = layout_.roles.size();
    if (line.fields.size() == expected) return std::nullopt;
    if (line.fields.size() < expected && line.dropped_empty) {
      return text_error(ErrorCode::InvalidNumber, line.number, line.column_at(line.dropped_offset),
                        "a value is missing here.");
    }
    // Mixed separators only when this line does not use the table's at all: a line that does is
    // short or long of a field (and with decimal commas, its commas are decimal marks).
    const auto other = line.fields.size() == 1 ? other_separator_fitting(content, separator, expected) : std::nullopt;
    if (other && !(decimal_comma_ && *other == Separator::Comma)) {
      return text_error(ErrorCode::MixedSeparators, line.number, 1,
                        std::string("this line separates its values with ") + separator_name(*other) +
                            ", the lines before it with " + separator_name(separator) +
                            ". Use one separator throughout the table.");
    }
    const int column = line.fields.size() > expected ? line.column(line.fields[expected]) : line.end_column();
    return text_error(
        ErrorCode::WrongFieldCount, line.number, column,
        "expected " + std::to_string(expected) + " fields, found " + std::to_string(line.fields.size()) + ".");
  }

  std::optional<Error> read_value(const Line& line, const Field& f, Role role, Row& row) {
    const std::optional<TypedNumber> n = read_number(f.text, decimal_comma_);
    if (!n) {
      return text_error(
          ErrorCode::InvalidNumber, line.number, line.column(f),
          f.text.empty() ? std::string("a value is missing here.") : "'" + std::string(f.text) + "' is not a number.");
    }
    if (!std::isfinite(n->value)) {
      return text_error(ErrorCode::NonFiniteValue, line.number, line.column(f),
                        "'" + std::string(f.text) + "' is not a finite number.");
    }
    if (role == Role::R && n->value < 0.0 && layout_.circles_guessed) {
      // Not a radius: the rows are points with an attribute column. The table becomes points at
      // the end (read_circles_as_points); the value is kept meanwhile.
      if (negative_fourth_line_ == 0) negative_fourth_line_ = line.number, negative_fourth_column_ = line.column(f);
    } else if ((role == Role::R || role == Role::D) && n->value < 0.0) {
      return text_error(
          ErrorCode::NegativeRadius, line.number, line.column(f),
          std::string("the ") + (role == Role::R ? "radius" : "diameter") + " is negative; it must be ≥ 0.");
    }
    if (role == Role::W && n->value < 0.0) {
      return text_error(ErrorCode::InvalidWeights, line.number, line.column(f),
                        "the weight is negative; weights must be ≥ 0.");
    }
    row.value[static_cast<std::size_t>(role)] = n->value;
    note(role, *n);
    return std::nullopt;
  }

  // How the user typed each column, for display; r from d needs a decimal more when d is odd.
  void note(Role role, const TypedNumber& n) {
    static constexpr int kSliceColumn[kRoles] = {0, 1, 2, 3, 3, 4, 5, 6, 7, -1, -1};
    const int k = kSliceColumn[static_cast<std::size_t>(role)];
    if (k < 0) return;
    if (layout_.mode == InputMode::Points) {
      if (k < 3) note_format(out_.points.format[k], n);
      return;
    }
    TypedNumber typed = n;
    if (role == Role::D && !n.exponent) {
      const double units = std::round(std::abs(n.value) * std::pow(10.0, n.decimals));
      if (units < 1e15 && std::fmod(units, 2.0) == 1.0) typed.decimals += 1;
    }
    note_format(out_.slices.format[k], typed);
  }

  Eigen::Vector3d normal_of(const Row& row) const {
    return {row.value[static_cast<std::size_t>(Role::NX)], row.value[static_cast<std::size_t>(Role::NY)],
            row.value[static_cast<std::size_t>(Role::NZ)]};
  }

  std::optional<Error> check_normal(const Line& line, const Eigen::Vector3d& normal) const {
    if (normal.norm() > 0.0) return std::nullopt;
    return text_error(ErrorCode::ZeroNormal, line.number,
                      line.column(line.fields[static_cast<std::size_t>(layout_.at(Role::NX))]),
                      "the plane normal (nx, ny, nz) is zero; give the direction the slice plane faces.");
  }

  // Objects usually arrive as runs of rows: look the name up only when it changes.
  void add_object(std::string_view id) {
    if (out_.object_names.empty() || id != current_object_) {
      current_object_ = std::string(id);
      const auto [it, added] =
          objects_.try_emplace(current_object_, static_cast<std::int32_t>(out_.object_names.size()));
      if (added) out_.object_names.push_back(current_object_);
      current_object_id_ = it->second;
    }
    out_.object.push_back(current_object_id_);
  }

  std::optional<Error> add_circle(const Line& line, const Row& row) {
    SliceCircle circle;
    circle.center = {row.value[0], row.value[1], row.value[2]};
    circle.radius = layout_.has(Role::D) ? row.value[static_cast<std::size_t>(Role::D)] / 2.0
                                         : row.value[static_cast<std::size_t>(Role::R)];
    if (out_.slices.has_normals) {
      circle.normal = normal_of(row);
      if (auto e = check_normal(line, circle.normal)) return e;
    }
    if (out_.slices.has_weights) circle.weight = row.value[static_cast<std::size_t>(Role::W)];
    out_.slices.add(circle, line.number);
    return std::nullopt;
  }

  std::optional<Error> add_point(const Line& line, const Row& row) {
    PointTable& p = out_.points;
    p.x.push_back(row.value[0]);
    p.y.push_back(row.value[1]);
    p.z.push_back(row.value[2]);
    p.source_line.push_back(line.number);
    if (!layout_.has(Role::Slice)) return std::nullopt;
    // Contours usually arrive as runs of rows: look the id up only when it changes.
    if (p.slice_names.empty() || row.slice_id != current_name_) {
      current_name_ = std::string(row.slice_id);
      const auto [it, added] = ids_.try_emplace(current_name_, static_cast<std::int32_t>(p.slice_names.size()));
      if (added) {
        p.slice_names.push_back(current_name_);
        first_line_.push_back(line.number);
        if (layout_.has(Role::NX)) p.slice_normals.push_back(Eigen::Vector3d::Zero());
      }
      current_id_ = it->second;
    }
    p.slice.push_back(current_id_);
    if (layout_.has(Role::NX)) {
      const Eigen::Vector3d normal = normal_of(row);
      if (auto e = check_normal(line, normal)) return e;
      Eigen::Vector3d& known = p.slice_normals[static_cast<std::size_t>(current_id_)];
      if (known.isZero()) {
        known = normal;
      } else if (normal.normalized().cross(known.normalized()).norm() > 1e-9) {
        return text_error(ErrorCode::InconsistentContour, line.number,
                          line.column(line.fields[static_cast<std::size_t>(layout_.at(Role::NX))]),
                          "the contour '" + current_name_ + "' has another plane normal here than on line " +
                              std::to_string(first_line_[static_cast<std::size_t>(current_id_)]) +
                              "; a contour lies in one plane: give its points one normal.");
      }
    }
    return std::nullopt;
  }

  const Layout& layout_;
  bool decimal_comma_;

 public:
  int negative_fourth_line_ = 0;  // the first line whose guessed radius is negative
  int negative_fourth_column_ = 0;

 private:
  ParsedTable& out_;
  std::unordered_map<std::string, std::int32_t> ids_;
  std::vector<int> first_line_;
  std::string current_name_;
  std::int32_t current_id_ = 0;
  std::unordered_map<std::string, std::int32_t> objects_;
  std::string current_object_;
  std::int32_t current_object_id_ = 0;
};

Error empty_input(InputMode mode) {
  Error e;
  e.code = ErrorCode::EmptyInput;
  e.message =
      mode == InputMode::Points
          ? "No points found: paste one point per line as x, y, z (optionally a slice column), with or without a "
            "header."
          : "No data found: paste one circle per line as x, y, z, r (optionally nx, ny, nz, w), or one point per "
            "line as x, y, z, with or without a header.";
  return e;
}

}  // namespace

void read_circles_as_points(ParsedTable& table, const std::string& why) {
  SliceTable& s = table.slices;
  PointTable p;
  p.x = std::move(s.x);
  p.y = std::move(s.y);
  p.z = std::move(s.z);
  p.source_line = std::move(s.source_line);
  for (int k = 0; k < 3; ++k) p.format[k] = s.format[k];
  table.points = std::move(p);
  table.slices = SliceTable{};
  table.mode = InputMode::Points;
  table.circles_guessed = false;
  table.warnings.push_back({WarningCode::ReadAsPoints, why});
}

Outcome<ParsedTable> parse_table(std::string_view text, const ParseOptions& options) {
  if (auto e = check_is_text(text)) return *e;
  const Dialect dialect = detect_dialect(text);
  const bool named_scanner = has_extension(options.file_name, {"xyz", "pts", "asc"});
  ParsedTable out;
  out.points_hinted = named_scanner;
  std::optional<std::pair<std::string_view, int>> cloud_header;  // CloudCompare's, waiting for a data line
  ContentLines lines(text);
  Line line;
  std::string_view content;
  int number = 0;
  std::optional<Layout> layout;
  std::string object_column;  // where the header names an object column, for a message
  std::optional<TableReader> reader;
  std::optional<long long> declared;
  auto fail = [&](Error e) {
    for (const Warning& w : out.warnings) e.notes.push_back(w.message);
    return e;
  };
  while (lines.next(content, number)) {
    split_fields(content, dialect.separator, number, line);
    if (!layout) {
      if (!declared && !cloud_header && (declared = point_count(line))) continue;
      if (!cloud_header && is_cloud_header(content)) {
        cloud_header = std::make_pair(content, number);
        continue;
      }
      if (cloud_header) {
        // The header's names against this first data line's fields.
        Line header;
        std::string_view names = cloud_header->first;
        names.remove_prefix(names.find("//") + 2);
        split_fields(names, dialect.separator, cloud_header->second, header);
        header.content = cloud_header->first;  // columns count from the line's start
        for (Field& f : header.fields) f.offset += cloud_header->first.size() - names.size();
        Outcome<Layout> made = layout_from_cloud_header(header, line, options.mode, out.warnings);
        if (!made.ok()) return fail(made.error());
        layout = made.value();
        reader.emplace(*layout, dialect.decimal_comma, out);
        if (auto e = reader->add(line, content, dialect.separator)) return fail(*e);
        continue;
      }
      const bool header = looks_like_header(line, dialect.decimal_comma);
      const std::vector<std::string> units =
          header ? join_unit_fields(line, dialect.separator) : std::vector<std::string>();
      // A count line before more than x y z says a scanner's list (x y z intensity r g b); so does
      // the name, except for 4 columns, where the data decide (see ParsedTable::circles_guessed).
      const bool scanner = (declared && line.fields.size() > 3) || (named_scanner && line.fields.size() != 4);
      Outcome<Layout> made = header ? layout_from_header(line, units, options.mode, out.warnings)
                                    : layout_without_header(line, options.mode, scanner, out.warnings);
      if (!made.ok()) return fail(made.error());
      layout = made.value();
      out.header_units = layout->units;
      if (header && layout->has(Role::Object)) {
        const Field& f = line.fields[static_cast<std::size_t>(layout->at(Role::Object))];
        object_column = "Line " + std::to_string(line.number) + ", column " + std::to_string(line.column(f)) +
                        ": the column '" + std::string(f.text) + "'";
      }
      reader.emplace(*layout, dialect.decimal_comma, out);
      if (header) continue;
    }
    if (auto e = reader->add(line, content, dialect.separator)) return fail(*e);
  }
  if (cloud_header && !layout) {
    return fail(text_error(ErrorCode::EmptyInput, cloud_header->second, 1,
                           "CloudCompare's header is not followed by any points."));
  }
  out.circles_guessed = layout && layout->circles_guessed;
  if (reader && reader->negative_fourth_line_ > 0) {
    read_circles_as_points(out, "Line " + std::to_string(reader->negative_fourth_line_) + ", column " +
                                    std::to_string(reader->negative_fourth_column_) +
                                    ": the fourth column holds a negative value, which no radius is: the table (no "
                                    "header) is read as points x, y, z, and its fourth column (an intensity or scalar "
                                    "field) is ignored. Add a header (x, y, z, r) if these are circles.");
  }
  const std::size_t rows = out.mode == InputMode::Circles ? out.slices.size() : out.points.size();
  if (rows == 0) return fail(empty_input(layout ? layout->mode : options.mode));
  // A column that names every row differently numbers the rows; it groups none into objects.
  if (rows > 1 && out.object_names.size() == rows) {
    out.object.clear();
    out.object_names.clear();
    out.warnings.push_back({WarningCode::UnknownColumn,
                            object_column + " gives every row a name of its own: it is read as a row number, not "
                                            "as the object (sphere) each row belongs to, and is ignored."});
  }
  if (declared && *declared != static_cast<long long>(rows)) {
    out.warnings.push_back({WarningCode::PointCountMismatch, "The first line says " + std::to_string(*declared) +
                                                                 " rows follow; the table has " + std::to_string(rows) +
                                                                 ". The file may be cut short or edited."});
  }
  return out;
}

}  // namespace spherefit
