#include "read/meshes/text_scan.hpp"

namespace spherefit {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

TextScan::TextScan(std::string_view text, std::size_t start, int line)
    : text_(text), pos_(start < text.size() ? start : text.size()), line_(line), line_start_(pos_) {
  // Start of the line holding `start`, so that columns count from it.
  while (line_start_ > 0 && text_[line_start_ - 1] != '\n') --line_start_;
}

Word TextScan::word_on_line() {
  while (pos_ < text_.size() && is_blank(text_[pos_])) ++pos_;
  const std::size_t begin = pos_;
  while (pos_ < text_.size() && text_[pos_] != '\n' && !is_blank(text_[pos_])) ++pos_;
  return {text_.substr(begin, pos_ - begin), begin, line_, line_start_};
}

Word TextScan::word() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == '\n') {
      ++pos_;
      ++line_;
      line_start_ = pos_;
    } else if (is_blank(c)) {
      ++pos_;
    } else {
      break;
    }
  }
  return word_on_line();
}

void TextScan::next_line() {
  while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
  if (pos_ < text_.size()) {
    ++pos_;
    ++line_;
    line_start_ = pos_;
  }
}

std::string_view TextScan::rest_of_line() {
  const std::size_t begin = pos_;
  std::size_t end = begin;
  while (end < text_.size() && text_[end] != '\n') ++end;
  std::string_view rest = text_.substr(begin, end - begin);
  if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
  pos_ = end;
  next_line();
  return rest;
}

Word TextScan::here() const { return {std::string_view(), pos_, line_, line_start_}; }

int TextScan::column(const Word& w) const {
  int column = 1;
  for (std::size_t i = w.line_start; i < w.offset && i < text_.size(); ++i)
    column += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;  // not a UTF-8 continuation byte
  return column;
}

}  // namespace spherefit
