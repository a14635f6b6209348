// The one place where an enum's values get the names users and JavaScript see. Every enum that
// crosses the WebAssembly boundary (error and warning codes, weight modes, input modes, fit types)
// has a table of these; the bindings export the tables, so the JavaScript side never spells a
// name of its own.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace spherefit {

template <class E>
struct NamedValue {
  E value;
  const char* name;
};

template <class E, std::size_t N>
constexpr const char* name_of(const NamedValue<E> (&table)[N], E value) {
  for (const NamedValue<E>& entry : table)
    if (entry.value == value) return entry.name;
  return table[0].name;
}

template <class E, std::size_t N>
constexpr std::optional<E> value_named(const NamedValue<E> (&table)[N], std::string_view name) {
  for (const NamedValue<E>& entry : table)
    if (name == entry.name) return entry.value;
  return std::nullopt;
}

}  // namespace spherefit
