// The stores' "which vendor bills count" says what the domain says, for
// every status a bill can have.
#include <catch2/catch.hpp>

#include "domain/vendor_bill.hpp"
#include "sql/counted_vendor_bills.hpp"
#include "test/support/scratch_database.hpp"

using namespace construction;
using construction::testing::ScratchDatabase;

TEST_CASE("the stores count the vendor bills the domain counts as cost", "[pg]") {
  ScratchDatabase scratch(false);
  sql::Connection db = scratch.connect();
  using S = domain::VendorBillStatus;
  for (S status : {S::draft, S::approved, S::paid, S::void_}) {
    std::string name(domain::to_string(status));
    INFO(name);
    bool counted = db.exec("SELECT " SQL_COUNTED_VENDOR_BILL("b") " AS counted "
                           "FROM (SELECT $1::text AS status) b",
                           name)
                       .single_row()["counted"]
                       .boolean();
    CHECK(counted == domain::counts_as_cost(status));
  }
}
