#include "api/request.hpp"

#include "api/api_error.hpp"
#include "api/field_reader.hpp"

namespace construction::api {

namespace {
bool is_json_media_type(std::string_view content_type) {
  auto semicolon = content_type.find(';');
  std::string_view type = content_type.substr(0, semicolon);
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  std::string lower;
  for (char c : type) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return lower == "application/json";
}
}  // namespace

JsonValue json_body(const http::RequestContext& ctx) {
  if (!is_json_media_type(ctx.header("Content-Type"))) throw unsupported_media_type();
  JsonParse parsed = parse_json(ctx.request.body());
  if (!parsed.value) throw bad_json(parsed.error);
  if (parsed.value->kind != JsonValue::Kind::object)
    throw bad_json("the body must be an object, not " + std::string(describe(parsed.value->kind)));
  return std::move(*parsed.value);
}

void refuse_body(const http::RequestContext& ctx) {
  if (ctx.request.body().empty()) return;
  JsonValue body = json_body(ctx);
  domain::FieldErrors errors;
  FieldReader(body, errors).finish();
  if (!errors.empty()) throw validation_failed(std::move(errors));
}

std::int64_t path_id(const http::RequestContext& ctx, std::string_view name) {
  auto text = ctx.param(name);
  auto id = text ? parse_whole_number(*text) : std::nullopt;
  if (!id || *id < 1) throw not_found();
  return *id;
}

std::optional<int> if_match(const http::RequestContext& ctx) {
  std::string_view value = ctx.header("If-Match");
  if (value.empty()) return std::nullopt;
  if (value.starts_with("W/")) value.remove_prefix(2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
    value = value.substr(1, value.size() - 2);
  auto version = parse_whole_number(value);
  if (!version || *version < 1 || *version > 2147483647) return 0;  // matches nothing
  return static_cast<int>(*version);
}

void check_if_match(const http::RequestContext& ctx, int current) {
  auto wanted = if_match(ctx);
  if (wanted && *wanted != current) throw stale_version(current);
}

sql::Page page_of(const http::RequestContext& ctx) {
  sql::Page page{std::nullopt, kDefaultPageSize};
  domain::FieldErrors errors;
  if (auto limit = ctx.query_value("limit")) {
    auto n = parse_whole_number(*limit);
    if (!n || *n < 1 || *n > kMaxPageSize)
      errors.add("limit", "must be a whole number from 1 to " + std::to_string(kMaxPageSize));
    else
      page.limit = static_cast<int>(*n);
  }
  if (auto cursor = ctx.query_value("cursor")) {
    auto id = parse_whole_number(*cursor);
    if (!id || *id < 0)
      errors.add("cursor", "must be a next_cursor from an earlier page");
    else
      page.after_id = *id;
  }
  if (!errors.empty()) throw validation_failed(std::move(errors));
  return page;
}

std::optional<std::string> filter(const http::RequestContext& ctx, std::string_view name) {
  // A value that is not text never gets here: query_value throws NotText,
  // which the API's boundary answers 422 (api_routes.cpp).
  auto value = ctx.query_value(name);
  if (!value) return std::nullopt;
  if (count_characters(*value) > 200) throw field_error(name, "must be at most 200 characters");
  return value;
}

std::optional<std::string> choice_filter(const http::RequestContext& ctx, std::string_view name,
                                         std::span<const std::string_view> allowed) {
  auto value = filter(ctx, name);
  if (!value) return value;
  for (auto option : allowed)
    if (*value == option) return value;
  throw field_error(name, "must be one of " + join(allowed));
}

http::Response ok(std::string json) {
  return http::json_response(200, std::move(json));
}

http::Response created(std::string json, const std::string& location) {
  http::Response res = http::json_response(201, std::move(json));
  res.set(http::Field::location, location);
  return res;
}

http::Response no_content() {
  http::Response res{http::Status::no_content, 11};
  res.set(http::Field::content_type, "application/json");
  return res;
}

}  // namespace construction::api
