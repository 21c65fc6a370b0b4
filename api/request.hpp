// What every API handler does with the request before and after its own
// work: the JSON body (415 for another media type, 400 for broken JSON),
// ids from the path (a malformed id is as missing as an unknown one: 404),
// If-Match, list paging, and the answers (200, 201 + Location, 204).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "api/json_value.hpp"
#include "api/json_writer.hpp"
#include "sql/page.hpp"
#include "worker/request_context.hpp"

namespace construction::api {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 200;

// The body as a JSON object.
JsonValue json_body(const http::RequestContext& ctx);
// For transitions: an empty body, or an empty JSON object.
void refuse_body(const http::RequestContext& ctx);

std::int64_t path_id(const http::RequestContext& ctx, std::string_view name = "id");

// The version named by If-Match ("3", "\"3\"", W/"3"); nullopt when absent.
// A value that names no version at all can never match: 412 like a stale one.
std::optional<int> if_match(const http::RequestContext& ctx);
// 412 when If-Match names a version other than `current`.
void check_if_match(const http::RequestContext& ctx, int current);

// ?limit=&cursor= (422 naming the parameter when bad). The cursor is the id
// of the last row of the previous page, in decimal, opaque to clients.
sql::Page page_of(const http::RequestContext& ctx);
// A query filter, ≤ 200 characters, "" when absent.
std::optional<std::string> filter(const http::RequestContext& ctx, std::string_view name);
// A filter on an enumerated field: one of `allowed`, else 422 naming the
// parameter (an unknown value is a mistake, not a filter matching nothing).
std::optional<std::string> choice_filter(const http::RequestContext& ctx, std::string_view name,
                                         std::span<const std::string_view> allowed);

// A row of the longer lists (a project with its financials) is about 700
// bytes: room for 1 KiB a row saves growing the JSON on the way.
inline constexpr std::size_t kListRowBytes = 1024;

// {"data": [...], "next_cursor": null|"…"}: `write_row` writes one element.
template <class PageOfRecords, class WriteRow>
std::string list_json(const PageOfRecords& page, WriteRow write_row) {
  JsonWriter w(kListRowBytes * (page.rows.size() + 1));
  w.begin_object().key("data").begin_array();
  for (const auto& row : page.rows) write_row(w, row);
  w.end_array().key("next_cursor");
  if (page.more)
    w.string(std::to_string(page.rows.back().id));
  else
    w.null();
  w.end_object();
  return std::move(w).text();
}

http::Response ok(std::string json);
http::Response created(std::string json, const std::string& location);
http::Response no_content();

}  // namespace construction::api
