#include "sql/database_settings.hpp"

#include <catch2/catch.hpp>
#include <map>

using construction::sql::database_url;
using construction::sql::redact_password;

namespace {

construction::sql::SettingLookup from(std::map<std::string, std::string> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    auto found = values.find(std::string(name));
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

}  // namespace

TEST_CASE("DATABASE_URL wins when it is set", "[unit]") {
  CHECK(database_url(from({{"DATABASE_URL", "postgresql://a@b/c"}, {"POSTGRES_USER", "x"}})) ==
        "postgresql://a@b/c");
}

TEST_CASE("without DATABASE_URL the defaults name basecommerce on localhost", "[unit]") {
  CHECK(database_url(from({})) == "postgresql://basecommerce@localhost:5432/basecommerce");
  CHECK(database_url(from({{"DATABASE_URL", ""}})) ==
        "postgresql://basecommerce@localhost:5432/basecommerce");
}

TEST_CASE("the URL is built from the POSTGRES_* parts", "[unit]") {
  auto url = database_url(from({{"POSTGRES_USER", "app"},
                                {"POSTGRES_PASSWORD", "secret"},
                                {"INFRA_HOST", "db.internal"},
                                {"POSTGRES_PORT", "6432"},
                                {"POSTGRES_DB", "construction"}}));
  CHECK(url == "postgresql://app:secret@db.internal:6432/construction");
}

TEST_CASE("a password with URI delimiters is percent-encoded", "[unit]") {
  auto url = database_url(from({{"POSTGRES_PASSWORD", "p@ss:w/rd?#% é"}}));
  CHECK(url ==
        "postgresql://basecommerce:p%40ss%3Aw%2Frd%3F%23%25%20%C3%A9@localhost:5432/basecommerce");
}

TEST_CASE("an IPv6 INFRA_HOST is bracketed", "[unit]") {
  CHECK(database_url(from({{"INFRA_HOST", "::1"}})) ==
        "postgresql://basecommerce@[::1]:5432/basecommerce");
}

TEST_CASE("redact_password hides the password in URIs and conninfo strings", "[unit]") {
  CHECK(redact_password("postgresql://app:s3cr%40t@db:5432/x") == "postgresql://app:***@db:5432/x");
  CHECK(redact_password("postgresql://app@db/x") == "postgresql://app@db/x");
  CHECK(redact_password("postgresql://app@db/x?sslmode=require&password=hunter2") ==
        "postgresql://app@db/x?sslmode=require&password=***");
  CHECK(redact_password("host=db user=app password=hunter2 dbname=x") ==
        "host=db user=app password=*** dbname=x");
  CHECK(redact_password("host=db password='a b\\' c' dbname=x") == "host=db password=*** dbname=x");
}
