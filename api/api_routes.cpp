#include "api/api_routes.hpp"

#include <map>

#include "api/api_error.hpp"
#include "runtime/log.hpp"
#include "sql/error.hpp"
#include "worker/url_encoded.hpp"

namespace construction::api {

namespace {

// What a violated constraint means to the client; others get a general line.
std::string conflict_message(const sql::DatabaseError& error) {
  static const std::map<std::string, std::string, std::less<>> kMessages = {
      {"users_email_key", "A user with this email already exists"},
      {"organisations_name_key", "An organisation with this name already exists"},
      {"projects_number_key", "A project with this number already exists"},
      {"estimates_number_revision_key", "An estimate with this number already exists"},
      {"estimates_one_accepted", "The project already has an accepted estimate"},
      {"estimates_revised_from_key", "This estimate was revised already"},
  };
  auto found = kMessages.find(error.constraint());
  if (found != kMessages.end()) return found->second;
  if (dynamic_cast<const sql::ForeignKeyViolation*>(&error))
    return "Other records still refer to this one";
  return "The change conflicts with another record";
}

http::Response answer(http::RequestContext& ctx, const std::function<http::Response()>& work) {
  try {
    return work();
  } catch (const ApiError& e) {
    return error_response(e);
  } catch (const http::NotText& e) {
    return error_response(field_error(e.field, "must be UTF-8 text"));
  } catch (const operations::Refusal& e) {
    return error_response(from_refusal(e));
  } catch (const sql::UniqueViolation& e) {
    return error_response(conflict(conflict_message(e)));
  } catch (const sql::ForeignKeyViolation& e) {
    return error_response(conflict(conflict_message(e)));
  } catch (const sql::CheckViolation& e) {
    // Validation should have refused this first: worth a log line.
    log::warning("Check constraint ", e.constraint(), " refused a write to ", ctx.path);
    return error_response(
        ApiError(422, "validation_failed",
                 "The data breaks a rule of the database (" + e.constraint() + ")"));
  }
}

}  // namespace

namespace {

// "owner|manager": the roles domain::allows `permission`, or every role.
std::string roles_allowed(std::optional<domain::Permission> permission) {
  std::string roles;
  for (domain::Role role : {domain::Role::owner, domain::Role::manager, domain::Role::field})
    if (!permission || domain::allows(role, *permission))
      roles += (roles.empty() ? "" : "|") + std::string(domain::to_string(role));
  return roles;
}

}  // namespace

void ApiRoutes::add(http::Verb method, const std::string& path, domain::Permission permission,
                    ApiHandler handler, std::string summary, std::source_location source) {
  add_route(method, path, std::move(handler), std::move(summary), roles_allowed(permission),
            source);
}

void ApiRoutes::add_any_role(http::Verb method, const std::string& path, ApiHandler handler,
                             std::string summary, std::source_location source) {
  add_route(method, path, std::move(handler), std::move(summary), roles_allowed(std::nullopt),
            source);
}

void ApiRoutes::add_public(http::Verb method, const std::string& path, ApiHandler handler,
                           std::string summary, std::source_location source) {
  add_route(method, path, std::move(handler), std::move(summary), std::string(kAnyone), source);
}

void ApiRoutes::add_route(http::Verb method, const std::string& path, ApiHandler handler,
                          std::string summary, std::string access, std::source_location source) {
  sql::Pool* pool = &pool_;
  router_.add(
      method, std::string(kApiBase) + path,
      [pool, handler = std::move(handler)](http::RequestContext& ctx) {
        return answer(ctx, [&] {
          sql::Lease lease = pool->acquire();
          return handler(ctx, *lease);
        });
      },
      std::move(summary), std::move(access), source);
}

void ApiRoutes::add_static(http::Verb method, const std::string& path,
                           std::function<http::Response(http::RequestContext&)> handler,
                           std::string summary, std::source_location source) {
  router_.add(
      method, std::string(kApiBase) + path,
      [handler = std::move(handler)](http::RequestContext& ctx) {
        return answer(ctx, [&] { return handler(ctx); });
      },
      std::move(summary), std::string(kAnyone), source);
}

}  // namespace construction::api
