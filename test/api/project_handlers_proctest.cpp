// A project's architect through the API, against the real server: named on
// creation, changed, cleared with null, read back on the project; a party of
// another kind, or another organisation's architect, is refused (422 naming
// `architect_id`, as a client of the wrong kind is refused naming
// `client_id`) and nothing changes.
#include <catch2/catch.hpp>

#include "test/support/api_project.hpp"
#include "test/support/api_server.hpp"

using namespace construction::testing;

namespace {

std::string new_party(ApiServer& api, const std::string& token, const std::string& kind,
                      const std::string& name) {
  return at(expect(api, 201, "POST", "/api/v1/parties", token,
                   R"({"kind":")" + kind + R"(","name":")" + name + R"("})"),
            "id");
}

}  // namespace

TEST_CASE("a project names its architect, changes it and clears it", "[process]") {
  ApiServer& api = shared_api_server();
  std::string token =
      api.user_token(unique("Architect"), unique("owner") + "@example.com", "owner");
  std::string client = new_party(api, token, "client", "Northwind Legal LLP");
  std::string lindqvist = new_party(api, token, "architect", "Lindqvist Architecture");
  std::string other = new_party(api, token, "architect", "Okafor Design Studio");

  HttpResult created = expect(api, 201, "POST", "/api/v1/projects", token,
                              R"({"number":"2026-021","name":"Fit-out","client_id":)" + client +
                                  R"(,"architect_id":)" + lindqvist + "}");
  std::string path = "/api/v1/projects/" + at(created, "id");
  CHECK(at(created, "architect_id") == lindqvist);
  CHECK(at(created, "client_id") == client);
  CHECK(at(expect(api, 200, "GET", path, token), "architect_id") == lindqvist);

  // Another architect; a change of name alone keeps the architect.
  CHECK(at(expect(api, 200, "PATCH", path, token, R"({"architect_id":)" + other + "}"),
           "architect_id") == other);
  CHECK(at(expect(api, 200, "PATCH", path, token, R"({"name":"Office fit-out"})"),
           "architect_id") == other);

  HttpResult cleared = expect(api, 200, "PATCH", path, token, R"({"architect_id":null})");
  CHECK(at(cleared, "architect_id") == "null");
  CHECK(at(cleared, "client_id") == client);

  // A project without one says so: null, not absent.
  HttpResult none = expect(api, 201, "POST", "/api/v1/projects", token,
                           R"({"number":"2026-022","name":"Lobby"})");
  CHECK(at(none, "architect_id") == "null");
}

TEST_CASE("an architect of the wrong kind or another organisation's is refused naming the field",
          "[process]") {
  ApiServer& api = shared_api_server();
  std::string a = api.user_token(unique("Architect A"), unique("owner") + "@example.com", "owner");
  std::string b = api.user_token(unique("Architect B"), unique("owner") + "@example.com", "owner");
  std::string client = new_party(api, a, "client", "Northwind Legal LLP");
  std::string vendor = new_party(api, a, "vendor", "Cedar Supply Co.");
  std::string theirs = new_party(api, b, "architect", "Lindqvist Architecture");
  const std::string message = "must be one of your organisation's architects";

  // A client named as the architect, on creation: the field is named, the
  // client's own field is not.
  HttpResult wrong = expect(
      api, 422, "POST", "/api/v1/projects", a,
      R"({"number":"W-1","name":"P","client_id":)" + client + R"(,"architect_id":)" + client + "}");
  CHECK(field_error(wrong, "architect_id") == message);
  CHECK(field_error(wrong, "client_id").empty());
  // Another organisation's architect reads as no architect at all.
  HttpResult foreign = expect(api, 422, "POST", "/api/v1/projects", a,
                              R"({"number":"W-2","name":"P","architect_id":)" + theirs + "}");
  CHECK(field_error(foreign, "architect_id") == message);
  CHECK(field_error(expect(api, 422, "POST", "/api/v1/projects", a,
                           R"({"number":"W-3","name":"P","architect_id":999999999})"),
                    "architect_id") == message);
  CHECK(!field_error(expect(api, 422, "POST", "/api/v1/projects", a,
                            R"({"number":"W-4","name":"P","architect_id":"x"})"),
                     "architect_id")
             .empty());

  // On a change, the same, and the project stays as it was.
  HttpResult project =
      expect(api, 201, "POST", "/api/v1/projects", a, R"({"number":"W-5","name":"P"})");
  std::string path = "/api/v1/projects/" + at(project, "id");
  CHECK(field_error(expect(api, 422, "PATCH", path, a, R"({"architect_id":)" + vendor + "}"),
                    "architect_id") == message);
  CHECK(field_error(expect(api, 422, "PATCH", path, a, R"({"architect_id":)" + theirs + "}"),
                    "architect_id") == message);
  HttpResult after = expect(api, 200, "GET", path, a);
  CHECK(at(after, "architect_id") == "null");
  CHECK(at(after, "version") == at(project, "version"));
}
