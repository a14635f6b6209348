// Lines and fields of a pasted or exported table, in the dialects people really produce.
//
// A UTF-8 BOM, CRLF, '#' comments (whole line or trailing, outside quotes; not on CloudCompare's
// "//X Y Z" header line), blank lines and
// "quoted" fields (with "" for a quote) are fine. The separator is a comma, tab, semicolon or
// white space; a non-breaking space counts as white space. It is chosen from the first lines:
// the first of tab, semicolon, comma that splits every sampled data line into the same number (at
// least three) of fields, else white space. A decimal comma is read whenever the separator is not
// a comma (German Excel writes tab- and semicolon-separated files with decimal commas). Empty
// trailing fields (Excel's trailing tabs) are dropped. Columns count characters from 1.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/status.hpp"

namespace spherefit {

enum class Separator { Comma, Tab, Semicolon, Space };

struct Dialect {
  Separator separator = Separator::Space;
  bool decimal_comma = true;
};

struct Field {
  std::string_view text;   // trimmed; points into the source text or into Line::storage
  std::size_t offset = 0;  // byte offset of the field's start in the line's content
  bool quoted = false;
};

// Columns are counted in characters only when a message needs one, not for every field read.
struct Line {
  int number = 0;  // 1-based line number in the text
  std::string_view content;
  std::vector<Field> fields;
  bool dropped_empty = false;      // empty trailing fields were dropped
  std::size_t dropped_offset = 0;  // where the first of them started
  std::string storage;             // unescaped quoted text; reserved up front so views stay valid

  // 1-based column, in characters (UTF-8 code points), of a byte offset in the content.
  int column_at(std::size_t offset) const;
  int column(const Field& f) const { return column_at(f.offset); }
  int end_column() const { return column_at(content.size()); }
};

// A BinaryInput error when the text is a spreadsheet or other binary file, not a table; the
// message names what it looks like (read/sniff.hpp's describe_file).
std::optional<Error> check_is_text(std::string_view text);

// A CloudCompare header line: "//" first ("//X,Y,Z,R,G,B,Nx,Ny,Nz"). Its '#' starts no comment.
bool is_cloud_header(std::string_view line);

// Walks the lines that have content: no BOM, no CR, no comment, not blank.
class ContentLines {
 public:
  explicit ContentLines(std::string_view text);
  // The next line's content and 1-based number; false at the end.
  bool next(std::string_view& content, int& number);

 private:
  std::string_view text_;
  std::size_t start_ = 0;
  int number_ = 0;
};

Dialect detect_dialect(std::string_view text);

// Splits one line's content into fields (reusing `out`'s storage).
void split_fields(std::string_view content, Separator separator, int number, Line& out);

// "','", "tab", "';'" or "spaces", for messages.
const char* separator_name(Separator separator);

// When `line` has `wrong_count` fields but another separator would split it into `expected`
// fields: that separator (for a MixedSeparators message), else nothing.
std::optional<Separator> other_separator_fitting(std::string_view content, Separator used, std::size_t expected);

}  // namespace spherefit
