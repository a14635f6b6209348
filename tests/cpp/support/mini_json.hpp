// Just enough JSON for the tests to read the generators' truth files (objects, arrays, numbers,
// strings without \u escapes, true/false/null). A malformed file fails the test that reads it.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace spherefit::testing {

class Json {
 public:
  enum class Kind { Null, Bool, Number, String, Array, Object };

  static Json parse(std::string_view text);  // Kind::Null on malformed input; see error()

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool has(const std::string& key) const { return object_.count(key) > 0; }
  const Json& operator[](const std::string& key) const;
  const Json& operator[](std::size_t index) const { return array_.at(index); }
  std::size_t size() const { return kind_ == Kind::Array ? array_.size() : object_.size(); }
  double number() const { return number_; }
  bool boolean() const { return boolean_; }
  const std::string& string() const { return string_; }
  const std::map<std::string, Json>& items() const { return object_; }
  std::vector<double> numbers() const;

 private:
  Kind kind_ = Kind::Null;
  bool boolean_ = false;
  double number_ = 0.0;
  std::string string_;
  std::vector<Json> array_;
  std::map<std::string, Json> object_;
  friend class JsonParser;
};

}  // namespace spherefit::testing
