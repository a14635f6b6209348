// Word by word through the text formats (ASCII PLY, ASCII STL, OBJ), knowing where each word is.
// Lines end with "\n" or "\r\n"; words are separated by spaces, tabs, '\r', '\f' and '\v'; a
// column counts characters (UTF-8 code points) from 1, as an editor shows it. Nothing is copied.
#pragma once

#include <cstddef>
#include <string_view>

namespace spherefit {

// A word and where it starts. An empty word marks an end (of the line, or of the text).
struct Word {
  std::string_view text;
  std::size_t offset = 0;  // byte offset into the scanned text
  int line = 1;
  std::size_t line_start = 0;  // byte offset of the first character of its line
};

class TextScan {
 public:
  // Scans text from byte start, which is on line `line`.
  explicit TextScan(std::string_view text, std::size_t start = 0, int line = 1);

  // The next word on the current line; an empty word at the end of the line (the scan stays
  // before the line end) or of the text.
  Word word_on_line();
  // The next word, across line ends; an empty word at the end of the text.
  Word word();
  // Moves past the end of the current line (or to the end of the text).
  void next_line();
  // The rest of the current line without its line end; the scan moves to the next line.
  std::string_view rest_of_line();

  // An empty word at the current position (to point at the end of a line or of the text).
  Word here() const;
  // 1-based column, in characters, of a word found by this scan.
  int column(const Word& w) const;
  std::size_t position() const { return pos_; }
  int line() const { return line_; }
  bool at_end() const { return pos_ >= text_.size(); }

 private:
  std::string_view text_;
  std::size_t pos_;
  int line_;
  std::size_t line_start_;
};

}  // namespace spherefit
