// The JSON handlers of the documents that share a shape (commitments, vendor
// bills: operations/amount_document.hpp): the document under /<documents>,
// its lines under /<documents>/{id}/lines, and its transitions. Each
// resource's file writes its routes out (so that a grep of a URL finds
// them) with the handlers AmountDocumentHandlers<Api> makes, where Api says
// what is the resource's own:
//   Shape                  its operations' shape (operations/…_document.hpp);
//   kBase                  "/commitments", for the Location of what is made;
//   kDocumentKey           "commitment_id", naming the document in a line;
//   kSign                  whether a line may be a credit;
//   read_new(in, input)    the fields of a new one, the required named;
//   read_change(in, f)     the fields a PATCH may change, over the stored;
//   write_fields(w, r)     its members in JSON.
// Reads need read_commercial, writes write_commercial (owners and managers).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "api/api_error.hpp"
#include "api/api_routes.hpp"
#include "api/auth.hpp"
#include "api/job_cost_json.hpp"
#include "api/project_documents.hpp"
#include "api/request.hpp"
#include "operations/amount_document.hpp"

namespace construction::api {

template <class Api>
struct AmountDocumentHandlers {
  using Shape = typename Api::Shape;
  using Documents = operations::AmountDocuments<Shape>;
  using Record = typename Documents::Record;
  using Fields = typename Documents::Fields;
  using New = typename Shape::New;
  using Permission = domain::Permission;
  using RequestContext = http::RequestContext;
  using Response = http::Response;

  static std::string document_json(const typename Shape::Document& document) {
    const auto& [header, lines] = document;
    JsonWriter w;
    w.begin_object();
    Api::write_fields(w, header);
    w.key("lines").begin_array();
    for (const auto& line : lines) write_amount_line(w, line, Api::kDocumentKey);
    w.end_array().end_object();
    return std::move(w).text();
  }

  static Response list(RequestContext& ctx, sql::Connection& db) {
    auto list = [](sql::Connection& db, std::int64_t org_id, std::int64_t project_id,
                   const sql::Page& page) {
      return sql::fetch(db, sql::documents_query(Shape::statements(), org_id, project_id, page));
    };
    return list_project_documents(ctx, db, list, Api::write_fields);
  }

  static Response create(RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    JsonValue body = json_body(ctx);
    auto saved = Documents::create(db, caller.org_id, path_id(ctx), [&] {
      domain::FieldErrors errors;
      FieldReader in(body, errors);
      New input;
      Api::read_new(in, input);
      input.lines = read_new_amount_lines(in, Api::kSign);
      in.finish();
      if (!errors.empty()) throw validation_failed(std::move(errors));
      return input;
    });
    [[maybe_unused]] const auto& [header, lines] = saved;
    return created(document_json(saved), std::string(kApiBase) + std::string(Api::kBase) + "/" +
                                             std::to_string(header.id));
  }

  static Response show(RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::read_commercial);
    return ok(document_json(Documents::load(db, caller.org_id, path_id(ctx))));
  }

  static Response update(RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    JsonValue body = json_body(ctx);
    auto saved = Documents::change(db, caller.org_id, path_id(ctx), if_match(ctx),
                                   [&](const Fields& stored) {
                                     domain::FieldErrors errors;
                                     FieldReader in(body, errors);
                                     Fields fields = stored;
                                     Api::read_change(in, fields);
                                     in.finish();
                                     if (!errors.empty())
                                       throw validation_failed(std::move(errors));
                                     return fields;
                                   });
    return ok(document_json(saved));
  }

  static Response remove(RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    Documents::remove(db, caller.org_id, path_id(ctx), if_match(ctx));
    return no_content();
  }

  static ApiHandler transition(typename Shape::Action action) {
    return [action](RequestContext& ctx, sql::Connection& db) {
      Caller caller = authorize(ctx, db, Permission::write_commercial);
      refuse_body(ctx);
      return ok(document_json(Documents::transition(db, caller.org_id, path_id(ctx), action)));
    };
  }

  // ---- lines: only a draft's change (409 otherwise); each change
  // recomputes the document's amounts in the same transaction.

  static std::string line_json(const sql::AmountLineRecord& line) {
    JsonWriter w;
    write_amount_line(w, line, Api::kDocumentKey);
    return std::move(w).text();
  }

  static operations::AmountLineEdit line_reader(const JsonValue& body, bool creating) {
    return [&body, creating](const sql::AmountLineFields& base) {
      domain::FieldErrors errors;
      FieldReader in(body, errors);
      auto line = read_amount_line(in, base, creating, Api::kSign);
      if (!line) throw validation_failed(std::move(errors));
      return *line;
    };
  }

  static Response list_lines(RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::read_commercial);
    sql::PageOf<sql::AmountLineRecord> all{Documents::load(db, caller.org_id, path_id(ctx)).lines,
                                           false};
    return ok(list_json(all, [](JsonWriter& w, const sql::AmountLineRecord& line) {
      write_amount_line(w, line, Api::kDocumentKey);
    }));
  }

  static Response add_line(RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    JsonValue body = json_body(ctx);
    auto line = Documents::add_line(db, caller.org_id, path_id(ctx), line_reader(body, true)).line;
    return created(line_json(line), std::string(kApiBase) + std::string(Api::kBase) + "/" +
                                        std::to_string(line.document_id) + "/lines/" +
                                        std::to_string(line.id));
  }

  static Response show_line(RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::read_commercial);
    auto line = sql::find_amount_line(db, Shape::kLines, caller.org_id, path_id(ctx),
                                      path_id(ctx, "line_id"));
    if (!line) throw not_found();
    return ok(line_json(*line));
  }

  static Response change_line(RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    JsonValue body = json_body(ctx);
    auto line = Documents::change_line(db, caller.org_id, path_id(ctx), path_id(ctx, "line_id"),
                                       if_match(ctx), line_reader(body, false))
                    .line;
    return ok(line_json(line));
  }

  static Response remove_line(RequestContext& ctx, sql::Connection& db) {
    Caller caller = authorize(ctx, db, Permission::write_commercial);
    Documents::remove_line(db, caller.org_id, path_id(ctx), path_id(ctx, "line_id"));
    return no_content();
  }
};

}  // namespace construction::api
