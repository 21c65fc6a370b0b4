// The change order store hands up its status as the domain's enum, written
// under its name, and approved_at as an instant only while it is approved.
#include <catch2/catch.hpp>

#include "sql/change_order_store.hpp"
#include "sql/time_columns.hpp"
#include "test/sql/org_with_project.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using construction::testing::ScratchDatabase;
using domain::ChangeOrderStatus;

TEST_CASE("a change order's status is stored by name and approved_at follows approval", "[pg]") {
  ScratchDatabase scratch;
  sql::Connection db = scratch.connect();
  auto [org, job] = sql::test::org_with_project(db, "Change org");

  sql::ChangeOrderRecord order = sql::insert_change_order(db, org, job, {"CO-001", "Extra", "", 3});
  CHECK(order.status == ChangeOrderStatus::draft);
  CHECK_FALSE(order.approved_at);

  order = sql::set_change_order_status(db, org, order.id, ChangeOrderStatus::pending);
  CHECK(order.status == ChangeOrderStatus::pending);
  order = sql::set_change_order_status(db, org, order.id, ChangeOrderStatus::approved);
  CHECK(order.status == ChangeOrderStatus::approved);
  REQUIRE(order.approved_at);
  CHECK(*order.approved_at >= order.created_at);
  sql::Row stored = db.exec("SELECT status, " SQL_UNIX_SECONDS(
                                "approved_at") " AS approved_at FROM change_orders WHERE id = $1",
                            order.id)
                        .single_row();
  CHECK(stored["status"].string() == "approved");
  CHECK(stored["approved_at"].timestamp() == *order.approved_at);
  CHECK(sql::find_change_order(db, org, order.id)->approved_at == order.approved_at);

  order = sql::set_change_order_status(db, org, order.id, ChangeOrderStatus::void_);
  CHECK(order.status == ChangeOrderStatus::void_);
  CHECK(db.exec("SELECT status FROM change_orders WHERE id = $1", order.id)
            .single_row()["status"]
            .string() == "void");
  CHECK_FALSE(order.approved_at);
}
