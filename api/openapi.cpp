#include "api/openapi.hpp"

#include <map>
#include <vector>

#include "api/api_routes.hpp"
#include "api/json_writer.hpp"
#include "api/routes.hpp"
#include "runtime/version.hpp"

namespace construction::api {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

// A POST creates (201) unless it is a transition (200 with the object).
constexpr std::string_view kTransitions[] = {"/send",    "/accept",  "/decline", "/revise",
                                             "/submit",  "/approve", "/reject",  "/void",
                                             "/certify", "/return",  "/close",   "/pay"};

std::string_view success_status(const http::Route& route) {
  if (route.method == http::Verb::delete_) return "204";
  if (route.method != http::Verb::post) return "200";
  for (std::string_view transition : kTransitions)
    if (route.pattern.ends_with(transition)) return "200";
  return "201";
}

void write_operation(JsonWriter& w, const http::Route& route) {
  auto verb = http::beast_http::to_string(route.method);
  w.key(lower({verb.data(), verb.size()})).begin_object().str("summary", route.summary);
  w.key("parameters").begin_array();
  for (const auto& segment : route.segments) {
    if (segment.size() < 3 || segment.front() != '{') continue;
    w.begin_object()
        .str("name", segment.substr(1, segment.size() - 2))
        .str("in", "path")
        .flag("required", true)
        .key("schema")
        .begin_object()
        .str("type", "integer")
        .end_object()
        .end_object();
  }
  w.end_array();
  w.key("responses").begin_object();
  w.key(success_status(route)).begin_object().str("description", "Success").end_object();
  w.key("default")
      .begin_object()
      .str("description", "An error: {\"error\": {\"code\", \"message\", \"fields\"}}")
      .end_object();
  w.end_object();
  if (route.access != kAnyone)
    w.key("security")
        .begin_array()
        .begin_object()
        .key("bearer")
        .begin_array()
        .end_array()
        .end_object()
        .end_array();
  w.end_object();
}

}  // namespace

std::string openapi_document(const http::Router& router) {
  std::map<std::string, std::vector<const http::Route*>> paths;
  for (const auto& route : router.routes())
    if (route.pattern.starts_with(std::string(kApiBase) + "/"))
      paths[route.pattern].push_back(&route);
  JsonWriter w;
  w.begin_object().str("openapi", "3.0.3");
  w.key("info")
      .begin_object()
      .str("title", "construction API")
      .str("version", CONSTRUCTION_VERSION)
      .end_object();
  w.key("components")
      .begin_object()
      .key("securitySchemes")
      .begin_object()
      .key("bearer")
      .begin_object()
      .str("type", "http")
      .str("scheme", "bearer")
      .end_object()
      .end_object()
      .end_object();
  w.key("paths").begin_object();
  for (const auto& [pattern, routes] : paths) {
    w.key(pattern).begin_object();
    for (const auto* route : routes) write_operation(w, *route);
    w.end_object();
  }
  w.end_object().end_object();
  return std::move(w).text();
}

void add_openapi_route(ApiRoutes& routes) {
  http::Router* router = &routes.router();
  routes.add_static(
      http::Verb::get, "/openapi.json",
      [router](http::RequestContext&) {
        return http::json_response(200, openapi_document(*router));
      },
      "This description of the API (OpenAPI 3.0), generated from the route table");
}

}  // namespace construction::api
