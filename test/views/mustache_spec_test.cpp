// The renderer held to the mustache spec: every case of its core modules,
// read from the spec's own JSON files (test/views/mustache-spec/). A case
// the renderer deliberately does not pass is named in kNotPassed, with its
// reason in DESIGN.md ("Rendering cost"); any other failing case fails the
// test, and so does a named one that passes (the list cannot go stale).
#include <rapidjson/document.h>

#include <array>
#include <catch2/catch.hpp>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "views/mustache.hpp"

using construction::views::Data;
using construction::views::List;
using construction::views::Mustache;

namespace {

const std::filesystem::path kSpecDir =
    std::filesystem::path(CONSTRUCTION_SOURCE_DIR) / "test/views/mustache-spec";

constexpr std::array<const char*, 6> kModules = {"interpolation", "sections", "inverted",
                                                 "comments",      "partials", "delimiters"};
constexpr std::size_t kCases = 136;  // the six modules at the copied commit

// "module: case name" of each case not passed on purpose.
const std::set<std::string> kNotPassed = {};

// JSON data as the pages' data: numbers become their text (the spec prints
// 1.210 as "1.21"), null is false (hidden, and renders nothing).
Data to_data(const rapidjson::Value& json) {
  if (json.IsString()) return Data(std::string(json.GetString(), json.GetStringLength()));
  if (json.IsBool()) return Data(json.GetBool());
  if (json.IsNull()) return Data(false);
  if (json.IsNumber()) {
    if (json.IsInt64()) return Data(std::to_string(json.GetInt64()));
    std::array<char, 32> text{};
    auto [end, error] = std::to_chars(text.data(), text.data() + text.size(), json.GetDouble());
    return Data(std::string(text.data(), end));
  }
  if (json.IsArray()) {
    List list;
    for (const auto& item : json.GetArray()) list.push_back(to_data(item));
    return Data(std::move(list));
  }
  Data object;
  for (const auto& member : json.GetObject())
    object.set(std::string(member.name.GetString(), member.name.GetStringLength()),
               to_data(member.value));
  return object;
}

std::string text_of(const rapidjson::Value& json, const char* key) {
  const auto& value = json[key];
  return std::string(value.GetString(), value.GetStringLength());
}

// One case rendered as the spec asks: its partials by name, a missing one
// rendering as nothing (the spec's "Failed Lookup").
std::string render(const rapidjson::Value& test) {
  std::map<std::string, std::unique_ptr<Mustache>, std::less<>> partials;
  if (test.HasMember("partials"))
    for (const auto& p : test["partials"].GetObject())
      partials.emplace(p.name.GetString(), std::make_unique<Mustache>(p.value.GetString()));
  auto find = [&partials](std::string_view name) -> const Mustache* {
    auto found = partials.find(name);
    return found == partials.end() ? nullptr : found->second.get();
  };
  Mustache main(text_of(test, "template"));
  main.link_partials(find);
  for (auto& [name, partial] : partials) partial->link_partials(find);
  std::string out;
  main.render(to_data(test["data"]), out);
  return out;
}

}  // namespace

TEST_CASE("every case of the mustache spec's core modules renders as the spec expects", "[unit]") {
  std::size_t cases = 0;
  std::set<std::string> not_passed;
  for (const char* module : kModules) {
    std::filesystem::path file = kSpecDir / (std::string(module) + ".json");
    INFO(file.string());
    REQUIRE(std::filesystem::is_regular_file(file));
    std::ifstream in(file, std::ios::binary);
    std::ostringstream json;
    json << in.rdbuf();
    rapidjson::Document spec;
    spec.Parse(json.str().c_str());
    REQUIRE(!spec.HasParseError());
    REQUIRE(spec["tests"].Size() > 0);
    for (const auto& test : spec["tests"].GetArray()) {
      ++cases;
      std::string name = std::string(module) + ": " + test["name"].GetString();
      std::string expected = text_of(test, "expected");
      std::string rendered;
      try {
        rendered = render(test);
      } catch (const std::exception& e) {
        rendered = std::string("(refused: ") + e.what() + ")";
      }
      INFO(name << "\ntemplate: " << text_of(test, "template") << "\nexpected: " << expected);
      if (kNotPassed.count(name)) {
        not_passed.insert(name);
        CHECK(rendered != expected);
      } else {
        CHECK(rendered == expected);
      }
    }
  }
  CHECK(cases == kCases);
  CHECK(not_passed == kNotPassed);  // each listed case exists
}
