#include "support/mini_json.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace spherefit::testing {

class JsonParser {
 public:
  explicit JsonParser(std::string_view s) : s_(s) {}

  bool value(Json& out) {
    space();
    if (i_ >= s_.size()) return false;
    const char c = s_[i_];
    if (c == '{') return object(out);
    if (c == '[') return array(out);
    if (c == '"') {
      out.kind_ = Json::Kind::String;
      return string(out.string_);
    }
    if (literal("true")) return out.kind_ = Json::Kind::Bool, out.boolean_ = true, true;
    if (literal("false")) return out.kind_ = Json::Kind::Bool, out.boolean_ = false, true;
    if (literal("null")) return out.kind_ = Json::Kind::Null, true;
    if (literal("NaN")) return out.kind_ = Json::Kind::Number, out.number_ = std::nan(""), true;
    const std::string rest(s_.substr(i_, 40));
    char* end = nullptr;
    out.number_ = std::strtod(rest.c_str(), &end);
    if (end == rest.c_str()) return false;
    out.kind_ = Json::Kind::Number;
    i_ += static_cast<std::size_t>(end - rest.c_str());
    return true;
  }
  bool done() {
    space();
    return i_ == s_.size();
  }

 private:
  void space() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }
  bool string(std::string& out) {
    ++i_;
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\' && i_ + 1 < s_.size()) {
        const char e = s_[++i_];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
      } else {
        out += s_[i_];
      }
      ++i_;
    }
    if (i_ >= s_.size()) return false;
    ++i_;
    return true;
  }
  bool array(Json& out) {
    out.kind_ = Json::Kind::Array;
    ++i_;
    space();
    if (i_ < s_.size() && s_[i_] == ']') return ++i_, true;
    while (true) {
      Json item;
      if (!value(item)) return false;
      out.array_.push_back(std::move(item));
      space();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == ']') return ++i_, true;
      return false;
    }
  }
  bool object(Json& out) {
    out.kind_ = Json::Kind::Object;
    ++i_;
    space();
    if (i_ < s_.size() && s_[i_] == '}') return ++i_, true;
    while (true) {
      space();
      std::string key;
      if (i_ >= s_.size() || s_[i_] != '"' || !string(key)) return false;
      space();
      if (i_ >= s_.size() || s_[i_] != ':') return false;
      ++i_;
      Json item;
      if (!value(item)) return false;
      out.object_[key] = std::move(item);
      space();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == '}') return ++i_, true;
      return false;
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

Json Json::parse(std::string_view text) {
  JsonParser p(text);
  Json out;
  if (!p.value(out) || !p.done()) return Json();
  return out;
}

const Json& Json::operator[](const std::string& key) const {
  static const Json null;
  const auto it = object_.find(key);
  return it == object_.end() ? null : it->second;
}

std::vector<double> Json::numbers() const {
  std::vector<double> out;
  for (const Json& item : array_) {
    if (item.kind_ == Kind::Array) {
      for (double v : item.numbers()) out.push_back(v);
    } else {
      out.push_back(item.number_);
    }
  }
  return out;
}

}  // namespace spherefit::testing
