// Enum <-> stored-name tables: one array per enum lists every value with its name, and these two
// helpers read it both ways (the store writes names, the API shows them).
#pragma once

#include <optional>
#include <string_view>

namespace mvis::domain {

template <typename E>
struct EnumName {
  E value;
  std::string_view name;
};

template <typename E, size_t N>
constexpr std::string_view NameIn(const EnumName<E> (&table)[N], E value) {
  for (const auto& e : table)
    if (e.value == value) return e.name;
  return {};
}

template <typename E, size_t N>
constexpr std::optional<E> ParseIn(const EnumName<E> (&table)[N], std::string_view name) {
  for (const auto& e : table)
    if (e.name == name) return e.value;
  return std::nullopt;
}

}  // namespace mvis::domain
