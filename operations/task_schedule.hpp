// A project's tasks: create, change, delete. Each runs in one transaction
// with the project locked, so two changes to one schedule never race into a
// cycle. A predecessor must be a task of the same project and may not make
// the task follow itself through any chain (field predecessor_id); an
// assignee must be one of the organisation's parties (assignee_party_id).
// A task other tasks follow cannot be deleted (conflict). Its dates lie
// within ten years of today (UTC) and the end is not before the start.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "domain/validation.hpp"
#include "sql/task_store.hpp"

namespace construction::operations {

// The dates' rule (domain::validate_task_dates with today's date): create
// and change check it; a reader may call it to name every bad field at once.
domain::FieldErrors check_task_dates(const sql::TaskFields& fields);

// `read`/`edit` give the fields once the records are found (404 first).
sql::TaskRecord create_task(sql::Connection& db, std::int64_t org_id, std::int64_t project_id,
                            const std::function<sql::TaskFields()>& read);
sql::TaskRecord change_task(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                            std::optional<int> expected_version,
                            const std::function<sql::TaskFields(const sql::TaskFields&)>& edit);
void delete_task(sql::Connection& db, std::int64_t org_id, std::int64_t id,
                 std::optional<int> expected_version);

}  // namespace construction::operations
