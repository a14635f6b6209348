#include "read/tables/text_lines.hpp"

#include <algorithm>
#include <cstring>

#include "read/sniff.hpp"

namespace spherefit {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kNbsp = "\xC2\xA0";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD, what a browser decodes junk bytes to

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
bool is_nbsp_at(std::string_view s, std::size_t i) { return s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0'; }
bool is_blank_char(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Content of a line without its comment: '#' outside quotes starts one.
std::string_view strip_comment(std::string_view line) {
  if (line.find('#') == std::string_view::npos) return line;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (line[i] == '#' && !quoted) return line.substr(0, i);
  }
  return line;
}

bool is_blank(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_blank_char(s[i])) continue;
    if (is_nbsp_at(s, i)) {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

char delimiter_of(Separator s) {
  switch (s) {
    case Separator::Comma:
      return ',';
    case Separator::Tab:
      return '\t';
    case Separator::Semicolon:
      return ';';
    case Separator::Space:
      return ' ';
  }
  return ' ';
}

// Trims white space (and non-breaking spaces) from both ends of a field.
std::string_view trim(std::string_view s) {
  while (!s.empty()) {
    if (is_blank_char(s.front()))
      s.remove_prefix(1);
    else if (is_nbsp_at(s, 0))
      s.remove_prefix(2);
    else
      break;
  }
  while (!s.empty()) {
    if (is_blank_char(s.back()))
      s.remove_suffix(1);
    else if (s.size() >= 2 && is_nbsp_at(s, s.size() - 2))
      s.remove_suffix(2);
    else
      break;
  }
  return s;
}

// A delimited split is believable when it gives at least three fields and no unquoted field has
// white space inside it ("1,5 2,5 3" split at commas gives "5 2": spaces with decimal commas).
bool splits_cleanly(std::string_view content, Separator candidate, Line& line) {
  split_fields(content, candidate, 0, line);
  if (line.fields.size() < 3) return false;
  for (const Field& f : line.fields) {
    if (f.quoted) continue;
    // A blank inside a field splits numbers ("1 2,5"), unless the field is a name ("left eye").
    const bool name = std::any_of(f.text.begin(), f.text.end(),
                                  [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; });
    if (name) continue;
    for (char c : f.text)
      if (c == ' ' || c == '\t') return false;
  }
  return true;
}

}  // namespace

bool is_cloud_header(std::string_view line) {
  std::size_t i = line.substr(0, 3) == kBom ? 3 : 0;
  while (i < line.size() && is_blank_char(line[i])) ++i;
  return line.substr(i, 2) == "//";
}

std::optional<Error> check_is_text(std::string_view text) {
  auto binary = [](const std::string& what) { return Error{ErrorCode::BinaryInput, what}; };
  // What the bytes look like (a ZIP, an Excel workbook, a PDF, a PNG, DICOM, gzip…), and what to do.
  if (const std::string looks = describe_file(text); !looks.empty()) {
    return binary("This looks like " + looks + ", not a text table. " + advice_for(text));
  }
  const std::string_view head = text.substr(0, 4096);
  std::size_t junk = 0, replaced = 0;
  for (std::size_t at = head.find(kReplacement); at != std::string_view::npos; at = head.find(kReplacement, at + 1))
    ++replaced;
  for (char c : head) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') ++junk;
  }
  if (std::memchr(text.data(), 0, text.size()) != nullptr || junk + replaced > 8) {
    return binary(
        "This looks like a binary file of a kind this app does not know, not a text table (it has bytes "
        "that are not text). Export the data as CSV or plain text, or open a point cloud (PLY, STL, OBJ, "
        "PCD, LAS, LAZ) or a volume (NIfTI, NRRD, MetaImage, DICOM) as a file.");
  }
  return std::nullopt;
}

ContentLines::ContentLines(std::string_view text) : text_(text) {
  if (text_.substr(0, kBom.size()) == kBom) text_.remove_prefix(kBom.size());
}

bool ContentLines::next(std::string_view& content, int& number) {
  while (start_ <= text_.size()) {
    std::size_t end = text_.find('\n', start_);
    if (end == std::string_view::npos) end = text_.size();
    std::string_view raw = text_.substr(start_, end - start_);
    start_ = end + 1;
    ++number_;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    // CloudCompare's header ("//X,Y,Z,Scalar field #1") keeps its '#'.
    const std::string_view stripped = is_cloud_header(raw) ? raw : strip_comment(raw);
    if (is_blank(stripped)) continue;
    content = stripped;
    number = number_;
    return true;
  }
  return false;
}

int Line::column_at(std::size_t offset) const {
  int column = 1;
  for (std::size_t i = 0; i < offset && i < content.size(); ++i) column += !is_continuation(content[i]);
  return column;
}

void split_fields(std::string_view content, Separator separator, int number, Line& line) {
  line.number = number;
  line.content = content;
  line.fields.clear();
  line.dropped_empty = false;
  line.storage.clear();
  const char delimiter = delimiter_of(separator);
  const bool spaces = separator == Separator::Space;
  const std::size_t size = content.size();
  // A separator (or padding) at i, and its length in bytes: a non-breaking space is two.
  auto separator_at = [&](std::size_t i) -> std::size_t {
    const char c = content[i];
    if (spaces) return c == ' ' || c == '\t' ? 1 : is_nbsp_at(content, i) ? 2 : 0;
    return c == delimiter ? 1 : 0;
  };
  auto padding_at = [&](std::size_t i) -> std::size_t {
    const char c = content[i];
    return c == ' ' ? 1 : is_nbsp_at(content, i) ? 2 : 0;
  };
  std::size_t i = 0;
  while (true) {
    // Leading padding: all separators in white-space mode, plain spaces otherwise.
    for (std::size_t step; i < size && (step = spaces ? separator_at(i) : padding_at(i)) > 0;) i += step;
    if (spaces && i >= size) break;
    Field field;
    field.offset = i;
    if (i < size && content[i] == '"') {
      if (line.storage.capacity() < size) line.storage.reserve(size);
      field.quoted = true;
      ++i;
      const std::size_t begin = line.storage.size();
      while (i < size) {
        if (content[i] == '"') {
          if (i + 1 < size && content[i + 1] == '"') {
            line.storage += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        line.storage += content[i++];
      }
      while (i < size && separator_at(i) == 0) {  // text after the closing quote
        if (!is_blank_char(content[i])) line.storage += content[i];
        ++i;
      }
      field.text = trim(std::string_view(line.storage).substr(begin));
    } else {
      const std::size_t begin = i;
      if (!spaces) {
        const std::size_t next = content.find(delimiter, i);
        i = next == std::string_view::npos ? size : next;
      } else {
        while (i < size && separator_at(i) == 0) ++i;
      }
      field.text = trim(content.substr(begin, i - begin));
    }
    line.fields.push_back(field);
    if (i >= size) break;
    i += separator_at(i);  // the separator
    if (!spaces && i >= size) {
      Field empty;
      empty.offset = i;
      line.fields.push_back(empty);
      break;
    }
  }
  // Empty trailing fields (an Excel row's trailing tabs) carry nothing: drop them.
  while (!spaces && !line.fields.empty() && line.fields.back().text.empty() && !line.fields.back().quoted) {
    line.dropped_empty = true;
    line.dropped_offset = line.fields.back().offset;
    line.fields.pop_back();
  }
}

Dialect detect_dialect(std::string_view text) {
  constexpr int kSample = 20;
  std::vector<std::string_view> sample;
  ContentLines lines(text);
  std::string_view content;
  int number = 0;
  while (static_cast<int>(sample.size()) < kSample && lines.next(content, number)) sample.push_back(content);
  Dialect d;
  if (sample.empty()) return d;
  // The first line may be a header (or a point count); the lines after it decide when there are any.
  const std::size_t from = sample.size() > 1 ? 1 : 0;
  Line line;
  for (Separator candidate : {Separator::Tab, Separator::Semicolon, Separator::Comma}) {
    const char c = delimiter_of(candidate);
    std::size_t count = 0;
    bool consistent = true;
    for (std::size_t k = from; k < sample.size() && consistent; ++k) {
      if (sample[k].find(c) == std::string_view::npos) {
        consistent = false;
        break;
      }
      if (!splits_cleanly(sample[k], candidate, line)) {
        consistent = false;
        break;
      }
      if (count == 0) count = line.fields.size();
      consistent = line.fields.size() == count;
    }
    if (consistent) {
      d.separator = candidate;
      d.decimal_comma = candidate != Separator::Comma;
      return d;
    }
  }
  // Nothing consistent: the first data line's own characters decide, as a person would read it.
  const std::string_view first = sample[from];
  if (first.find('\t') != std::string_view::npos)
    d.separator = Separator::Tab;
  else if (first.find(';') != std::string_view::npos)
    d.separator = Separator::Semicolon;
  else if (first.find(',') != std::string_view::npos && splits_cleanly(first, Separator::Comma, line))
    d.separator = Separator::Comma;
  d.decimal_comma = d.separator != Separator::Comma;
  return d;
}

const char* separator_name(Separator separator) {
  switch (separator) {
    case Separator::Comma:
      return "','";
    case Separator::Tab:
      return "tabs";
    case Separator::Semicolon:
      return "';'";
    case Separator::Space:
      return "spaces";
  }
  return "spaces";
}

std::optional<Separator> other_separator_fitting(std::string_view content, Separator used, std::size_t expected) {
  Line line;
  for (Separator candidate : {Separator::Tab, Separator::Semicolon, Separator::Comma, Separator::Space}) {
    if (candidate == used) continue;
    if (candidate != Separator::Space && content.find(delimiter_of(candidate)) == std::string_view::npos) continue;
    split_fields(content, candidate, 0, line);
    if (line.fields.size() == expected) return candidate;
  }
  return std::nullopt;
}

}  // namespace spherefit
