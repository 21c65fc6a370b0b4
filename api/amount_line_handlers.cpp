// /commitments/{id}/lines[/{line_id}] and /vendor-bills/{id}/lines[/{line_id}]:
// the lines of the two job-cost documents, which differ only in which
// operations they call and in a bill's lines being allowed to be credits.
// Each change recomputes the document's amounts in the same transaction;
// only a draft's lines change (409 otherwise).
#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/job_cost_json.hpp"
#include "api/request.hpp"
#include "api/routes.hpp"
#include "operations/vendor_bill_document.hpp"

namespace construction::api {

namespace {

using domain::Permission;
using http::RequestContext;
using http::Response;
using operations::AmountLineEdit;

// What a document's line routes need to know of it.
struct LineDocument {
  std::string base;  // "/commitments", for a new line's Location
  std::string document_key;
  sql::AmountLineTable table;
  domain::AmountSign sign;
  // Not found when the document is not the organisation's.
  std::function<std::vector<sql::AmountLineRecord>(sql::Connection&, std::int64_t, std::int64_t)>
      lines;
  std::function<sql::AmountLineRecord(sql::Connection&, std::int64_t, std::int64_t,
                                      const AmountLineEdit&)>
      add;
  std::function<sql::AmountLineRecord(sql::Connection&, std::int64_t, std::int64_t, std::int64_t,
                                      std::optional<int>, const AmountLineEdit&)>
      change;
  std::function<void(sql::Connection&, std::int64_t, std::int64_t, std::int64_t)> remove;
};

AmountLineEdit reader(const JsonValue& body, bool creating, domain::AmountSign sign) {
  return [&body, creating, sign](const sql::AmountLineFields& base) {
    domain::FieldErrors errors;
    FieldReader in(body, errors);
    auto line = read_amount_line(in, base, creating, sign);
    if (!line) throw validation_failed(std::move(errors));
    return *line;
  };
}

std::string line_json(const LineDocument& doc, const sql::AmountLineRecord& line) {
  JsonWriter w;
  write_amount_line(w, line, doc.document_key);
  return std::move(w).text();
}

ApiHandler list_lines(LineDocument doc) {
  return [doc = std::move(doc)](RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::read_commercial);
    sql::PageOf<sql::AmountLineRecord> all{doc.lines(db, caller.org_id, path_id(ctx)), false};
    return ok(list_json(all, [&](JsonWriter& w, const sql::AmountLineRecord& line) {
      write_amount_line(w, line, doc.document_key);
    }));
  };
}

ApiHandler add_line(LineDocument doc) {
  return [doc = std::move(doc)](RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    JsonValue body = json_body(ctx);
    auto line = doc.add(db, caller.org_id, path_id(ctx), reader(body, true, doc.sign));
    return created(line_json(doc, line), std::string(kApiBase) + doc.base + "/" +
                                             std::to_string(line.document_id) + "/lines/" +
                                             std::to_string(line.id));
  };
}

ApiHandler show_line(LineDocument doc) {
  return [doc = std::move(doc)](RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::read_commercial);
    auto line =
        sql::find_amount_line(db, doc.table, caller.org_id, path_id(ctx), path_id(ctx, "line_id"));
    if (!line) throw not_found();
    return ok(line_json(doc, *line));
  };
}

ApiHandler change_line(LineDocument doc) {
  return [doc = std::move(doc)](RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    JsonValue body = json_body(ctx);
    auto line = doc.change(db, caller.org_id, path_id(ctx), path_id(ctx, "line_id"), if_match(ctx),
                           reader(body, false, doc.sign));
    return ok(line_json(doc, line));
  };
}

ApiHandler remove_line(LineDocument doc) {
  return [doc = std::move(doc)](RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    doc.remove(db, caller.org_id, path_id(ctx), path_id(ctx, "line_id"));
    return no_content();
  };
}

LineDocument commitment_lines() {
  return {"/commitments",
          "commitment_id",
          sql::AmountLineTable::commitment_lines,
          domain::AmountSign::positive,
          [](sql::Connection& db, std::int64_t org, std::int64_t id) {
            return operations::load_commitment(db, org, id).lines;
          },
          [](sql::Connection& db, std::int64_t org, std::int64_t id, const AmountLineEdit& edit) {
            return operations::add_commitment_line(db, org, id, edit).line;
          },
          [](sql::Connection& db, std::int64_t org, std::int64_t id, std::int64_t line_id,
             std::optional<int> version, const AmountLineEdit& edit) {
            return operations::change_commitment_line(db, org, id, line_id, version, edit).line;
          },
          [](sql::Connection& db, std::int64_t org, std::int64_t id, std::int64_t line_id) {
            operations::remove_commitment_line(db, org, id, line_id);
          }};
}

LineDocument vendor_bill_lines() {
  return {"/vendor-bills",
          "vendor_bill_id",
          sql::AmountLineTable::vendor_bill_lines,
          domain::AmountSign::credit_allowed,
          [](sql::Connection& db, std::int64_t org, std::int64_t id) {
            return operations::load_vendor_bill(db, org, id).lines;
          },
          [](sql::Connection& db, std::int64_t org, std::int64_t id, const AmountLineEdit& edit) {
            return operations::add_vendor_bill_line(db, org, id, edit).line;
          },
          [](sql::Connection& db, std::int64_t org, std::int64_t id, std::int64_t line_id,
             std::optional<int> version, const AmountLineEdit& edit) {
            return operations::change_vendor_bill_line(db, org, id, line_id, version, edit).line;
          },
          [](sql::Connection& db, std::int64_t org, std::int64_t id, std::int64_t line_id) {
            operations::remove_vendor_bill_line(db, org, id, line_id);
          }};
}

}  // namespace

void add_commitment_line_routes(ApiRoutes& routes) {
  LineDocument doc = commitment_lines();
  routes.add(http::Verb::get, "/commitments/{id}/lines", domain::Permission::read_commercial,
             list_lines(doc), "A commitment's lines, in the order they were entered");
  routes.add(http::Verb::post, "/commitments/{id}/lines", domain::Permission::write_commercial,
             add_line(doc), "Add a line to a draft commitment");
  routes.add(http::Verb::get, "/commitments/{id}/lines/{line_id}",
             domain::Permission::read_commercial, show_line(doc), "One line of a commitment");
  routes.add(http::Verb::patch, "/commitments/{id}/lines/{line_id}",
             domain::Permission::write_commercial, change_line(doc),
             "Change a line of a draft commitment");
  routes.add(http::Verb::delete_, "/commitments/{id}/lines/{line_id}",
             domain::Permission::write_commercial, remove_line(doc),
             "Remove a line from a draft commitment");
}

void add_vendor_bill_line_routes(ApiRoutes& routes) {
  LineDocument doc = vendor_bill_lines();
  routes.add(http::Verb::get, "/vendor-bills/{id}/lines", domain::Permission::read_commercial,
             list_lines(doc), "A vendor bill's lines, in the order they were entered");
  routes.add(http::Verb::post, "/vendor-bills/{id}/lines", domain::Permission::write_commercial,
             add_line(doc), "Add a line to a draft vendor bill");
  routes.add(http::Verb::get, "/vendor-bills/{id}/lines/{line_id}",
             domain::Permission::read_commercial, show_line(doc), "One line of a vendor bill");
  routes.add(http::Verb::patch, "/vendor-bills/{id}/lines/{line_id}",
             domain::Permission::write_commercial, change_line(doc),
             "Change a line of a draft vendor bill");
  routes.add(http::Verb::delete_, "/vendor-bills/{id}/lines/{line_id}",
             domain::Permission::write_commercial, remove_line(doc),
             "Remove a line from a draft vendor bill");
}

}  // namespace construction::api
