// How Catch prints domain values in a failed check ("$1,234.56", not "{?}").
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "domain/cost_line.hpp"
#include "domain/money.hpp"
#include "domain/quantity.hpp"

namespace Catch {

template <>
struct StringMaker<construction::domain::Cents> {
  static std::string convert(construction::domain::Cents value) {
    return construction::domain::format_cents(value);
  }
};

template <>
struct StringMaker<construction::domain::BasisPoints> {
  static std::string convert(construction::domain::BasisPoints value) {
    return std::to_string(value.value) + " bps";
  }
};

template <>
struct StringMaker<construction::domain::Quantity> {
  static std::string convert(construction::domain::Quantity value) { return value.to_string(); }
};

template <>
struct StringMaker<construction::domain::LineAmounts> {
  static std::string convert(const construction::domain::LineAmounts& value) {
    return "{cost " + construction::domain::format_cents(value.cost) + ", price " +
           construction::domain::format_cents(value.price) + "}";
  }
};

}  // namespace Catch
