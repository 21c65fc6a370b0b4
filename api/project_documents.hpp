// GET /projects/{id}/<documents>: a page of one kind of a project's
// commercial documents (commitments, vendor bills, pay applications), each
// written as an object by the resource's own `write_fields`. Owners and
// managers only; 404 when the project is not the caller's organisation's,
// before anything is listed.
#pragma once

#include <cstdint>

#include "api/api_error.hpp"
#include "api/auth.hpp"
#include "api/json_writer.hpp"
#include "api/request.hpp"
#include "sql/connection.hpp"
#include "sql/project_store.hpp"
#include "worker/request_context.hpp"

namespace construction::api {

// `list(db, org_id, project_id, page)` gives a sql::PageOf<Record>;
// `write_fields(w, record)` writes a record's members.
template <class List, class WriteFields>
http::Response list_project_documents(http::RequestContext& ctx, sql::Connection& db, List list,
                                      WriteFields write_fields) {
  Caller caller = authorize(ctx, db, domain::Permission::read_commercial);
  auto project = sql::find_project(db, caller.org_id, path_id(ctx));
  if (!project) throw not_found();
  auto page = list(db, caller.org_id, project->id, page_of(ctx));
  return ok(list_json(page, [&](JsonWriter& w, const auto& record) {
    w.begin_object();
    write_fields(w, record);
    w.end_object();
  }));
}

}  // namespace construction::api
