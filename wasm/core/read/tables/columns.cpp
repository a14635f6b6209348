#include "read/tables/columns.hpp"

#include <cctype>
#include <initializer_list>
#include <string>

#include "read/file_error.hpp"
#include "read/tables/number.hpp"

namespace spherefit {
namespace {

constexpr const char* kRoleNames[kRoles] = {"x", "y", "z", "r", "d", "nx", "ny", "nz", "w", "slice", "object"};

const char* role_name(Role r) { return kRoleNames[static_cast<std::size_t>(r)]; }

std::string normalise_name(std::string_view name) {
  std::string out;
  int depth = 0;
  for (char c : name) {
    if (c == '(' || c == '[' || c == '{')
      ++depth;
    else if (c == ')' || c == ']' || c == '}')
      depth = depth > 0 ? depth - 1 : 0;
    else if (depth == 0 && !std::isspace(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.')
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

Role classify(std::string_view raw) {
  const std::string n = normalise_name(raw);
  auto any = [&](std::initializer_list<const char*> names) {
    for (const char* candidate : names)
      if (n == candidate) return true;
    return false;
  };
  if (any({"x", "cx", "xc", "x0", "centerx", "centrex"})) return Role::X;
  if (any({"y", "cy", "yc", "y0", "centery", "centrey"})) return Role::Y;
  if (any({"z", "cz", "zc", "z0", "centerz", "centrez"})) return Role::Z;
  if (any({"r", "radius", "rad"})) return Role::R;
  if (any({"d", "diameter", "diam", "dia"})) return Role::D;
  if (any({"nx", "normalx"})) return Role::NX;
  if (any({"ny", "normaly"})) return Role::NY;
  if (any({"nz", "normalz"})) return Role::NZ;
  if (any({"w", "weight", "weights"})) return Role::W;
  if (any({"slice", "contour", "section", "layer", "sliceid", "contourid", "sectionid", "layerid", "sliceindex",
           "slicenumber", "sliceno"})) {
    return Role::Slice;
  }
  if (any({"object", "sphere", "id", "name", "feature", "objectid", "objectname", "sphereid", "spherename", "featureid",
           "featurename", "ball"})) {
    return Role::Object;
  }
  return Role::Ignored;
}

bool is_bracketed(std::string_view s) {
  if (s.size() < 2) return false;
  const char open = s.front(), close = s.back();
  return (open == '(' && close == ')') || (open == '[' && close == ']') || (open == '{' && close == '}');
}

// The text of a field's first bracketed part, trimmed: "x (mm)" → "mm"; "" without one.
std::string unit_in(std::string_view field) {
  const std::size_t open = field.find_first_of("([{");
  if (open == std::string_view::npos) return {};
  const char close = field[open] == '(' ? ')' : field[open] == '[' ? ']' : '}';
  const std::size_t end = field.find(close, open + 1);
  if (end == std::string_view::npos) return {};
  std::string_view unit = field.substr(open + 1, end - open - 1);
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.front()))) unit.remove_prefix(1);
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.back()))) unit.remove_suffix(1);
  return std::string(unit);
}

}  // namespace

bool same_unit(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

namespace {

// The length columns' unit, when the header gives one; a warning when they disagree.
void read_units(Layout& layout, const Line& header, const std::vector<std::string>& units,
                std::vector<Warning>& warnings) {
  for (Role r : {Role::X, Role::Y, Role::Z, Role::R, Role::D}) {
    if (!layout.has(r)) continue;
    const std::size_t k = static_cast<std::size_t>(layout.at(r));
    const std::string& unit = k < units.size() ? units[k] : std::string();
    if (unit.empty()) continue;
    if (layout.units.empty()) {
      layout.units = unit;
    } else if (!same_unit(layout.units, unit)) {
      warnings.push_back({WarningCode::UnitsDiffer,
                          "Line " + std::to_string(header.number) + ", column " +
                              std::to_string(header.column(header.fields[k])) + ": the column '" +
                              std::string(header.fields[k].text) + "' is in " + unit + ", the columns before it in " +
                              layout.units + ". Nothing is converted: give every length in one unit."});
    }
  }
}

void set(Layout& layout, Role role, int field) { layout.position[static_cast<std::size_t>(role)] = field; }

// Drops a role the mode does not use, with a warning saying why.
void ignore(Layout& layout, Role role, const Line& header, std::vector<Warning>& warnings, WarningCode code,
            const std::string& why) {
  if (!layout.has(role)) return;
  const Field& f = header.fields[static_cast<std::size_t>(layout.at(role))];
  layout.roles[static_cast<std::size_t>(layout.at(role))] = Role::Ignored;
  set(layout, role, -1);
  warnings.push_back({code, "Line " + std::to_string(header.number) + ", column " + std::to_string(header.column(f)) +
                                ": the column '" + std::string(f.text) + "' is ignored: " + why});
}

}  // namespace

Outcome<Layout> layout_from_cloud_header(const Line& header, const Line& first, InputMode requested,
                                         std::vector<Warning>& warnings) {
  Layout layout;
  layout.position.fill(-1);
  layout.mode = InputMode::Points;
  const std::size_t n = first.fields.size();
  layout.roles.assign(n, Role::Ignored);
  std::string ignored;
  for (std::size_t k = 0; k < header.fields.size(); ++k) {
    const Field& f = header.fields[k];
    const std::string name = normalise_name(f.text);
    const Role role = name == "x" ? Role::X : name == "y" ? Role::Y : name == "z" ? Role::Z : Role::Ignored;
    if (role == Role::Ignored || k >= n) {
      if (!f.text.empty()) ignored += (ignored.empty() ? "" : ", ") + std::string(f.text);
      continue;
    }
    if (layout.has(role)) {
      return text_error(
          ErrorCode::DuplicateColumn, header.number, header.column(f),
          "the column '" + std::string(f.text) + "' names " + role_name(role) + " a second time; keep one of them.");
    }
    layout.roles[k] = role;
    set(layout, role, static_cast<int>(k));
  }
  for (Role r : {Role::X, Role::Y, Role::Z}) {
    if (!layout.has(r)) {
      return text_error(ErrorCode::MissingColumn, header.number, 1,
                        std::string("CloudCompare's header (\"//…\") has no ") + role_name(r) + " column among the " +
                            std::to_string(n) + " columns of the data.");
    }
  }
  if (requested == InputMode::Circles) {
    return text_error(ErrorCode::MissingColumn, header.number, 1,
                      "this is a point cloud (CloudCompare's header \"//X Y Z …\"): it has no radius column. Fit its "
                      "x, y, z as points.");
  }
  if (!ignored.empty()) {
    warnings.push_back({WarningCode::UnknownColumn, "Line " + std::to_string(header.number) +
                                                        ": a point cloud (CloudCompare's header); its columns " +
                                                        ignored + " are ignored, x, y, z are fitted."});
  }
  return layout;
}

bool looks_like_header(const Line& line, bool decimal_comma) {
  for (const Field& f : line.fields)
    if (!f.text.empty() && !read_number(f.text, decimal_comma)) return true;
  return false;
}

std::vector<std::string> join_unit_fields(Line& header, Separator separator) {
  std::vector<Field> joined;
  std::vector<std::string> units;
  for (const Field& f : header.fields) {
    if (separator == Separator::Space && !joined.empty() && is_bracketed(f.text)) {
      units.back() = unit_in(f.text);  // the unit of the name before it
      continue;
    }
    joined.push_back(f);
    units.push_back(unit_in(f.text));
  }
  header.fields = std::move(joined);
  return units;
}

Outcome<Layout> layout_from_header(const Line& header, const std::vector<std::string>& units, InputMode requested,
                                   std::vector<Warning>& warnings) {
  Layout layout;
  layout.position.fill(-1);
  for (std::size_t k = 0; k < header.fields.size(); ++k) {
    const Field& f = header.fields[k];
    const Role role = classify(f.text);
    layout.roles.push_back(role);
    if (role == Role::Ignored) {
      warnings.push_back({WarningCode::UnknownColumn,
                          "Line " + std::to_string(header.number) + ", column " + std::to_string(header.column(f)) +
                              ": the column '" + std::string(f.text) +
                              "' is not recognised (x, y, z, r, d, nx, ny, nz, w, slice, object) and is ignored."});
      continue;
    }
    if (layout.has(role)) {
      return text_error(
          ErrorCode::DuplicateColumn, header.number, header.column(f),
          "the column '" + std::string(f.text) + "' names " + role_name(role) + " a second time; keep one of them.");
    }
    set(layout, role, static_cast<int>(k));
  }
  for (Role r : {Role::X, Role::Y, Role::Z}) {
    if (!layout.has(r)) {
      return text_error(ErrorCode::MissingColumn, header.number, 1,
                        std::string("the header has no ") + role_name(r) +
                            " column; name the columns x, y, z (and r or d for circles).");
    }
  }
  const bool radius = layout.has(Role::R) || layout.has(Role::D);
  layout.mode = requested == InputMode::Auto ? (radius ? InputMode::Circles : InputMode::Points) : requested;
  if (layout.mode == InputMode::Points) {
    ignore(layout, Role::R, header, warnings, WarningCode::RadiusColumnIgnored, "points have no radius.");
    ignore(layout, Role::D, header, warnings, WarningCode::RadiusColumnIgnored, "points have no diameter.");
    ignore(layout, Role::W, header, warnings, WarningCode::UnknownColumn, "points are weighted equally.");
    if (!layout.has(Role::Slice)) {
      for (Role r : {Role::NX, Role::NY, Role::NZ}) {
        ignore(layout, r, header, warnings, WarningCode::UnknownColumn,
               "a plane normal needs a slice column to belong to.");
      }
    }
  } else {
    if (layout.has(Role::R) && layout.has(Role::D)) {
      return text_error(ErrorCode::DuplicateColumn, header.number,
                        header.column(header.fields[static_cast<std::size_t>(layout.at(Role::D))]),
                        "both a radius and a diameter column are given; keep one of them.");
    }
    if (!radius) {
      return text_error(ErrorCode::MissingColumn, header.number, 1,
                        "the header has no radius column; name it r (or radius), or d (diameter) — or fit the "
                        "x, y, z values as points.");
    }
    // A slice column of a circle table only labels its rows.
    if (layout.has(Role::Slice)) {
      layout.roles[static_cast<std::size_t>(layout.at(Role::Slice))] = Role::Ignored;
      set(layout, Role::Slice, -1);
    }
  }
  const int normals = layout.has(Role::NX) + layout.has(Role::NY) + layout.has(Role::NZ);
  if (normals != 0 && normals != 3) {
    return text_error(ErrorCode::MissingColumn, header.number, 1,
                      "a plane normal needs all three columns nx, ny and nz (or none: slices along Z).");
  }
  read_units(layout, header, units, warnings);
  return layout;
}

Outcome<Layout> layout_without_header(const Line& first, InputMode requested, bool scanner_columns,
                                      std::vector<Warning>& warnings) {
  const std::size_t n = first.fields.size();
  Layout layout;
  layout.position.fill(-1);
  std::vector<Role> order;
  const bool circle_count = n == 4 || n == 7 || n == 8;
  const bool points = requested == InputMode::Points ||
                      (requested == InputMode::Auto && (n == 3 || scanner_columns || (n > 3 && !circle_count)));
  if (points && n >= 3) {
    layout.mode = InputMode::Points;
    order = {Role::X, Role::Y, Role::Z};
    if (n == 4 && !scanner_columns && requested == InputMode::Points) order.push_back(Role::Slice);
    while (order.size() < n) order.push_back(Role::Ignored);
    if (order.size() > 3 && order[3] == Role::Ignored) {
      warnings.push_back({WarningCode::UnknownColumn,
                          "Line " + std::to_string(first.number) + ": the table has no header and " +
                              std::to_string(n) + " columns: it is read as a point cloud, x y z and then " +
                              std::to_string(n - 3) +
                              " columns of attributes (intensity, colour, normals…), which are ignored."});
    }
  } else if (!points) {
    layout.mode = InputMode::Circles;
    static const std::vector<Role> circle = {Role::X, Role::Y, Role::Z, Role::R, Role::NX, Role::NY, Role::NZ, Role::W};
    if (circle_count) order.assign(circle.begin(), circle.begin() + static_cast<std::ptrdiff_t>(n));
    layout.circles_guessed = requested == InputMode::Auto;
  }
  if (order.empty()) {
    return text_error(ErrorCode::WrongFieldCount, first.number, 1,
                      "found " + std::to_string(n) +
                          " fields; circles without a header line have 4 (x y z r), 7 (x y z r "
                          "nx ny nz) or 8 (… w) columns. Add a header naming the columns.");
  }
  for (std::size_t k = 0; k < n; ++k) {
    layout.roles.push_back(order[k]);
    if (order[k] != Role::Ignored) set(layout, order[k], static_cast<int>(k));
  }
  return layout;
}

}  // namespace spherefit
