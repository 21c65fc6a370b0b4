// The real `construction serve` on a scratch database of its own, and what
// the API tests do with it: make users and tokens through the command line,
// send JSON with a bearer token, read the answers as JSON. One worker, so
// "the worker still serves" means the same pid answers afterwards (unless a
// test asks for more, to make requests meet).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "api/json_value.hpp"
#include "test/support/http_client.hpp"
#include "test/support/scratch_database.hpp"
#include "test/support/server_process.hpp"

namespace construction::testing {

class ApiServer {
 public:
  explicit ApiServer(int workers = 1);

  // create-user (the organisation too when new), then create-token: the token.
  std::string user_token(const std::string& org, const std::string& email, const std::string& role,
                         const std::string& password = "");
  HttpResult call(const std::string& method, const std::string& path, const std::string& token,
                  const std::string& body = "",
                  std::map<std::string, std::string> headers = {}) const;
  // POST/PATCH with Content-Type: application/json.
  HttpResult send(const std::string& method, const std::string& path, const std::string& token,
                  const std::string& json, std::map<std::string, std::string> headers = {}) const;

  ScratchDatabase db;
  std::unique_ptr<ServerProcess> server;
};

// One per test binary run: the first test that asks starts it. Every test
// makes its own organisation, so each stays correct when run alone.
ApiServer& shared_api_server();
// A name unique within the run ("org-7"), for organisations and emails.
std::string unique(const std::string& prefix);

api::JsonValue json_of(const HttpResult& result);
// The text of a member by path ("error.code", "lines.0.price_cents"); "" when absent.
std::string at(const api::JsonValue& value, const std::string& path);
std::string at(const HttpResult& result, const std::string& path);

}  // namespace construction::testing
