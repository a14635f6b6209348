#include "read/meshes/ply_header.hpp"

#include <optional>

#include "read/file_error.hpp"
#include "read/meshes/text_scan.hpp"

namespace spherefit {
namespace {

struct TypeName {
  const char* name;
  PlyType type;
};

constexpr TypeName kTypeNames[] = {
    {"char", PlyType::Int8},       {"uchar", PlyType::UInt8},    {"short", PlyType::Int16},
    {"ushort", PlyType::UInt16},   {"int", PlyType::Int32},      {"uint", PlyType::UInt32},
    {"float", PlyType::Float32},   {"double", PlyType::Float64}, {"int8", PlyType::Int8},
    {"uint8", PlyType::UInt8},     {"int16", PlyType::Int16},    {"uint16", PlyType::UInt16},
    {"int32", PlyType::Int32},     {"uint32", PlyType::UInt32},  {"float32", PlyType::Float32},
    {"float64", PlyType::Float64},
};

// A record count: decimal digits only, at most 10^19 - 1.
std::optional<std::uint64_t> read_count(std::string_view word) {
  if (word.empty() || word.size() > 19) return std::nullopt;
  std::uint64_t n = 0;
  for (char c : word) {
    if (c < '0' || c > '9') return std::nullopt;
    n = 10 * n + static_cast<std::uint64_t>(c - '0');
  }
  return n;
}

// The words of one header line. A header line has at most five; more are an error, so a binary
// file without end_header does not make us collect its bytes.
constexpr std::size_t kMaxWords = 6;

struct HeaderLine {
  Word words[kMaxWords];
  std::size_t size = 0;
  Word end;  // where the line ends
};

class HeaderReader {
 public:
  explicit HeaderReader(std::string_view bytes) : scan_(bytes) {}
  Outcome<PlyHeader> read();

 private:
  HeaderLine next_line();
  Error at(ErrorCode code, const Word& w, const std::string& what) const {
    return text_error(code, w.line, scan_.column(w), what);
  }
  std::optional<Error> expect_words(const HeaderLine& l, std::size_t n, const char* example);
  Outcome<PlyType> type_of(const Word& w) const;
  std::optional<Error> read_format(const HeaderLine& l);
  std::optional<Error> read_element(const HeaderLine& l);
  std::optional<Error> read_property(const HeaderLine& l);

  TextScan scan_;
  PlyHeader header_;
  bool has_format_ = false;
};

HeaderLine HeaderReader::next_line() {
  HeaderLine l;
  for (Word w = scan_.word_on_line(); !w.text.empty(); w = scan_.word_on_line()) {
    if (l.size == kMaxWords) break;
    l.words[l.size++] = w;
  }
  l.end = scan_.here();
  return l;
}

std::optional<Error> HeaderReader::expect_words(const HeaderLine& l, std::size_t n, const char* example) {
  if (l.size == n) return std::nullopt;
  if (l.size > n)
    return at(ErrorCode::InvalidFile, l.words[n],
              "unexpected " + quoted(l.words[n].text) + "; the line should read '" + example + "'.");
  return at(ErrorCode::InvalidFile, l.end, std::string("the line ends early; it should read '") + example + "'.");
}

Outcome<PlyType> HeaderReader::type_of(const Word& w) const {
  for (const TypeName& t : kTypeNames)
    if (w.text == t.name) return t.type;
  return at(ErrorCode::UnsupportedFile, w,
            quoted(w.text) +
                " is not a PLY type; PLY's types are char, uchar, short, ushort, int, uint, float and "
                "double (or int8, uint8, int16, uint16, int32, uint32, float32, float64).");
}

std::optional<Error> HeaderReader::read_format(const HeaderLine& l) {
  if (has_format_) return at(ErrorCode::InvalidFile, l.words[0], "a second format line; a PLY header has one.");
  if (auto e = expect_words(l, 3, "format binary_little_endian 1.0")) return e;
  const std::string_view encoding = l.words[1].text;
  if (encoding == "ascii")
    header_.encoding = PlyEncoding::Ascii;
  else if (encoding == "binary_little_endian")
    header_.encoding = PlyEncoding::BinaryLittleEndian;
  else if (encoding == "binary_big_endian")
    header_.encoding = PlyEncoding::BinaryBigEndian;
  else {
    return at(ErrorCode::UnsupportedFile, l.words[1],
              "the PLY format " + quoted(encoding) +
                  " is unknown; PLY files are ascii, binary_little_endian or binary_big_endian.");
  }
  const std::string_view version = l.words[2].text;
  if (version != "1.0" && version != "1") {
    return at(ErrorCode::UnsupportedFile, l.words[2],
              "PLY version " + quoted(version) + " is unknown; this reader knows version 1.0.");
  }
  has_format_ = true;
  return std::nullopt;
}

std::optional<Error> HeaderReader::read_element(const HeaderLine& l) {
  if (auto e = expect_words(l, 3, "element vertex 1000")) return e;
  const std::optional<std::uint64_t> n = read_count(l.words[2].text);
  if (!n) {
    return at(ErrorCode::InvalidFile, l.words[2],
              "the count of element " + quoted(l.words[1].text) + ", " + quoted(l.words[2].text) +
                  ", is not a whole number ≥ 0.");
  }
  PlyElement e;
  e.name.assign(l.words[1].text);
  e.count = *n;
  e.line = l.words[0].line;
  e.count_column = scan_.column(l.words[2]);
  header_.elements.push_back(std::move(e));
  return std::nullopt;
}

std::optional<Error> HeaderReader::read_property(const HeaderLine& l) {
  if (header_.elements.empty()) {
    return at(ErrorCode::InvalidFile, l.words[0],
              "a property before any element line; properties belong to the element above them.");
  }
  PlyProperty p;
  p.line = l.words[0].line;
  if (l.size > 1 && l.words[1].text == "list") {
    if (auto e = expect_words(l, 5, "property list uchar int vertex_indices")) return e;
    const Outcome<PlyType> count = type_of(l.words[2]);
    if (!count.ok()) return count.error();
    if (!ply_type_is_integer(count.value())) {
      return at(
          ErrorCode::InvalidFile, l.words[2],
          "a list's count type must be an integer type (uchar, ushort, int, …), not " + quoted(l.words[2].text) + ".");
    }
    const Outcome<PlyType> item = type_of(l.words[3]);
    if (!item.ok()) return item.error();
    p.is_list = true;
    p.count_type = count.value();
    p.type = item.value();
    p.name.assign(l.words[4].text);
  } else {
    if (auto e = expect_words(l, 3, "property float x")) return e;
    const Outcome<PlyType> type = type_of(l.words[1]);
    if (!type.ok()) return type.error();
    p.type = type.value();
    p.name.assign(l.words[2].text);
  }
  header_.elements.back().properties.push_back(std::move(p));
  return std::nullopt;
}

Outcome<PlyHeader> HeaderReader::read() {
  const HeaderLine magic = next_line();
  if (magic.size != 1 || magic.words[0].text != "ply") {
    return text_error(ErrorCode::InvalidFile, 1, 1, "a PLY file begins with the line 'ply'.");
  }
  scan_.next_line();
  while (true) {
    if (scan_.at_end()) {
      const Word end = scan_.here();
      return at(ErrorCode::TruncatedFile, end, "the file ends inside the PLY header, before its end_header line.");
    }
    const HeaderLine l = next_line();
    if (l.size == 0) {  // a blank line: not in the description, but harmless
      scan_.next_line();
      continue;
    }
    const std::string_view keyword = l.words[0].text;
    std::optional<Error> error;
    if (keyword == "comment" || keyword == "obj_info") {
      // Free text; next_line() stopped after a few words, the rest goes with the line.
    } else if (keyword == "format") {
      error = read_format(l);
    } else if (keyword == "element") {
      error = read_element(l);
    } else if (keyword == "property") {
      error = read_property(l);
    } else if (keyword == "end_header") {
      if (auto e = expect_words(l, 1, "end_header")) return *e;
      if (!has_format_)
        return at(ErrorCode::InvalidFile, l.words[0],
                  "the header has no format line; add 'format binary_little_endian 1.0' (or ascii, binary_big_endian) "
                  "after 'ply'.");
      header_.end_line = l.words[0].line;
      scan_.next_line();
      header_.data_start = scan_.position();
      header_.data_line = scan_.line();
      return header_;
    } else {
      return at(ErrorCode::InvalidFile, l.words[0],
                quoted(keyword) +
                    " is not a PLY header keyword; header lines begin with format, comment, obj_info, element, "
                    "property or end_header.");
    }
    if (error) return *error;
    scan_.next_line();
  }
}

}  // namespace

std::size_t ply_type_size(PlyType type) {
  switch (type) {
    case PlyType::Int8:
    case PlyType::UInt8:
      return 1;
    case PlyType::Int16:
    case PlyType::UInt16:
      return 2;
    case PlyType::Int32:
    case PlyType::UInt32:
    case PlyType::Float32:
      return 4;
    case PlyType::Float64:
      return 8;
  }
  return 1;
}

bool ply_type_is_integer(PlyType type) { return type != PlyType::Float32 && type != PlyType::Float64; }

bool PlyElement::has_lists() const {
  for (const PlyProperty& p : properties)
    if (p.is_list) return true;
  return false;
}

std::size_t PlyElement::fixed_size() const {
  std::size_t size = 0;
  for (const PlyProperty& p : properties) size += ply_type_size(p.is_list ? p.count_type : p.type);
  return size;
}

Outcome<PlyHeader> read_ply_header(std::string_view bytes) { return HeaderReader(bytes).read(); }

}  // namespace spherefit
