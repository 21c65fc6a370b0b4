// StaticAssets: the files under views/static (htmx, Pico CSS, our own
// stylesheet), read once at boot and served from memory at /static/{name}.
// Each has a version, the first 16 hex digits of its SHA-256: pages link to
// "/static/htmx.min.js?v=<version>", so the year-long immutable cache is safe
// (a new file is a new URL), and the version is also the ETag.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "worker/router.hpp"

namespace construction::views {

class StaticAssets {
 public:
  explicit StaticAssets(const std::filesystem::path& dir);

  // "/static/htmx.min.js?v=…"; throws std::out_of_range for an unknown name.
  std::string url(std::string_view name) const;
  void add_routes(http::Router& router) const;

 private:
  struct Asset {
    std::string content_type;
    std::string body;
    std::string version;
  };
  http::Response serve(const http::RequestContext& ctx) const;

  std::map<std::string, Asset, std::less<>> assets_;
};

}  // namespace construction::views
