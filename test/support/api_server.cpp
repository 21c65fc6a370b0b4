#include "test/support/api_server.hpp"

#include <catch2/catch.hpp>

#include "test/support/command.hpp"

namespace construction::testing {

ApiServer::ApiServer(int workers) {
  server = std::make_unique<ServerProcess>(
      ServerOptions{.binary = CONSTRUCTION_BINARY,
                    .args = {"-w", std::to_string(workers)},
                    .env = {{"DATABASE_URL", db.url()}, {"APP_ENV", "development"}}});
}

std::string ApiServer::user_token(const std::string& org, const std::string& email,
                                  const std::string& role, const std::string& password) {
  std::map<std::string, std::string> env = {{"DATABASE_URL", db.url()}, {"APP_ENV", "development"}};
  std::vector<std::string> args = {CONSTRUCTION_BINARY, "create-user", "--org",  org,
                                   "--email",           email,         "--role", role};
  if (!password.empty()) args.push_back("--password-stdin");
  CommandResult user = run_command(args, env, make_temp_dir("cli"), password + "\n");
  INFO(user.out << user.err);
  REQUIRE(user.status == 0);
  CommandResult token = run_command({CONSTRUCTION_BINARY, "create-token", "--email", email}, env,
                                    make_temp_dir("cli"));
  INFO(token.out << token.err);
  REQUIRE(token.status == 0);
  return token.out.substr(0, token.out.find('\n'));
}

HttpResult ApiServer::call(const std::string& method, const std::string& path,
                           const std::string& token, const std::string& body,
                           std::map<std::string, std::string> headers) const {
  if (!token.empty()) headers["Authorization"] = "Bearer " + token;
  return http_request(server->port(), method, path, body, headers, 10000);
}

HttpResult ApiServer::send(const std::string& method, const std::string& path,
                           const std::string& token, const std::string& json,
                           std::map<std::string, std::string> headers) const {
  headers["Content-Type"] = "application/json";
  return call(method, path, token, json, headers);
}

ApiServer& shared_api_server() {
  static ApiServer server;
  return server;
}

std::string unique(const std::string& prefix) {
  static int counter = 0;
  return prefix + "-" + std::to_string(++counter) + "-" + std::to_string(::getpid());
}

api::JsonValue json_of(const HttpResult& result) {
  api::JsonParse parsed = api::parse_json(result.body);
  INFO(result.body);
  REQUIRE(parsed.value);
  return *parsed.value;
}

std::string at(const api::JsonValue& value, const std::string& path) {
  const api::JsonValue* current = &value;
  std::size_t start = 0;
  while (current && start <= path.size()) {
    std::size_t dot = path.find('.', start);
    std::string part =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (current->kind == api::JsonValue::Kind::array) {
      std::size_t index = std::stoul(part);
      current = index < current->items.size() ? &current->items[index] : nullptr;
    } else {
      current = current->member(part);
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (!current) return "";
  if (current->kind == api::JsonValue::Kind::boolean) return current->boolean ? "true" : "false";
  if (current->kind == api::JsonValue::Kind::null) return "null";
  return current->text;
}

std::string at(const HttpResult& result, const std::string& path) {
  return at(json_of(result), path);
}

}  // namespace construction::testing
