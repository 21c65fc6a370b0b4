// Result<T, E>: an expected outcome as a value, either the thing or the reason
// it could not be made. Bugs are exceptions; a refused input or a forbidden
// transition is a Result (house style, habit 6).
#pragma once

#include <utility>
#include <variant>

namespace construction::domain {

template <class T, class E>
class Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(E error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Asking for the wrong side is a bug: std::bad_variant_access.
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const E& error() const& { return std::get<1>(state_); }

 private:
  std::variant<T, E> state_;
};

}  // namespace construction::domain
