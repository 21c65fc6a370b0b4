// ApiRoutes: how the API's handlers are added to the worker's Router. Each
// handler gets one pooled connection for the whole request, and this is the
// one place that turns a refusal into its answer: an ApiError as itself, the
// sql layer's unique and foreign-key violations as 409 conflict (the
// database is the last word on races such as two requests taking the same
// project number). Paths are given after /api/v1, each written out on the
// line that adds it, so that a grep of the path lands on its handler.
#pragma once

#include <functional>
#include <source_location>
#include <string>

#include "domain/role.hpp"
#include "operations/signature_requests.hpp"
#include "sql/pool.hpp"
#include "worker/router.hpp"

namespace construction::api {

inline constexpr std::string_view kApiBase = "/api/v1";
// The access of a route open to anyone; every other route wants a bearer
// token, and openapi.json gives it a security requirement.
inline constexpr std::string_view kAnyone = "anyone";

using ApiHandler = std::function<http::Response(http::RequestContext&, sql::Connection&)>;

class ApiRoutes {
 public:
  ApiRoutes(http::Router& router, sql::Pool& pool, std::string public_url = {},
            operations::SignatureWording signature_wording = {})
      : router_(router),
        pool_(pool),
        public_url_(std::move(public_url)),
        signature_mail_{public_url_, std::move(signature_wording)} {}

  // A route for a caller with a bearer token whose role allows `permission`.
  // The handler checks it (authorize, api/auth.hpp, gives it the Caller);
  // the route says it, so that `construction routes` lists the roles that
  // may call it ("owner|manager").
  void add(http::Verb method, const std::string& path, domain::Permission permission,
           ApiHandler handler, std::string summary,
           std::source_location source = std::source_location::current());
  // A route for a caller with a bearer token of any role (GET /me).
  void add_any_role(http::Verb method, const std::string& path, ApiHandler handler,
                    std::string summary,
                    std::source_location source = std::source_location::current());
  // A route open to anyone (logging in for a token).
  void add_public(http::Verb method, const std::string& path, ApiHandler handler,
                  std::string summary,
                  std::source_location source = std::source_location::current());
  // A route open to anyone that needs no database (openapi.json).
  void add_static(http::Verb method, const std::string& path,
                  std::function<http::Response(http::RequestContext&)> handler, std::string summary,
                  std::source_location source = std::source_location::current());

  http::Router& router() { return router_; }
  // PUBLIC_URL, no trailing slash: links a route puts in an email. Never the
  // request's Host, which the client chooses.
  const std::string& public_url() const { return public_url_; }
  // PUBLIC_URL and the words of the signature requests' emails (the pages'
  // own, views/, handed over by the composition root). A handler keeps a
  // copy: the routes outlive this object.
  const operations::SignatureMail& signature_mail() const { return signature_mail_; }

 private:
  void add_route(http::Verb method, const std::string& path, ApiHandler handler,
                 std::string summary, std::string access, std::source_location source);

  http::Router& router_;
  sql::Pool& pool_;
  std::string public_url_;
  operations::SignatureMail signature_mail_;
};

}  // namespace construction::api
