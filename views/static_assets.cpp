#include "views/static_assets.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <span>
#include <sstream>
#include <stdexcept>

#include "domain/hex.hpp"

namespace construction::views {

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("Cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string version_of(const std::string& body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(body.data(), body.size(), digest, &length, EVP_sha256(), nullptr);
  // The first 8 bytes: a version, not a proof.
  return domain::hex_digits(std::span<const unsigned char>(digest, 8));
}

std::string content_type_of(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  return "application/octet-stream";
}

}  // namespace

StaticAssets::StaticAssets(const std::filesystem::path& dir) {
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::string body = read_file(entry.path());
    std::string version = version_of(body);
    assets_.emplace(entry.path().filename().string(),
                    Asset{content_type_of(entry.path()), std::move(body), std::move(version)});
  }
}

std::string StaticAssets::url(std::string_view name) const {
  auto found = assets_.find(name);
  if (found == assets_.end()) throw std::out_of_range("No static asset " + std::string(name));
  return "/static/" + std::string(name) + "?v=" + found->second.version;
}

void StaticAssets::add_routes(http::Router& router) const {
  router.add(
      http::Verb::get, "/static/{name}", [this](http::RequestContext& ctx) { return serve(ctx); },
      "Static assets (htmx, stylesheets), cached for a year");
}

http::Response StaticAssets::serve(const http::RequestContext& ctx) const {
  auto found = assets_.find(*ctx.param("name"));
  if (found == assets_.end())
    return http::text_response(404, "There is nothing at this address.\n");
  const Asset& asset = found->second;
  std::string etag = "\"" + asset.version + "\"";
  http::Response res = ctx.header("If-None-Match") == etag
                           ? http::make_response(304, asset.content_type, {})
                           : http::make_response(200, asset.content_type, asset.body);
  res.set(http::Field::etag, etag);
  res.set(http::Field::cache_control, "public, max-age=31536000, immutable");
  res.set("X-Content-Type-Options", "nosniff");
  return res;
}

}  // namespace construction::views
