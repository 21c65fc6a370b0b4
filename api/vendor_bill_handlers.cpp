// /projects/{id}/vendor-bills, /vendor-bills/{id}, its lines
// /vendor-bills/{id}/lines[/{line_id}] and the transitions
// POST /vendor-bills/{id}/approve|pay|void: owners and managers only,
// through the handlers of the documents that share a shape
// (api/amount_document_handlers.hpp). A new bill may bring its lines along
// ("lines": [...], credits allowed); only a draft is changed or deleted (409
// invalid_state otherwise). A bill that would take its commitment past its
// amount is refused 422, naming the line.
#include "api/amount_document_handlers.hpp"
#include "api/routes.hpp"
#include "operations/vendor_bill_transitions.hpp"

namespace construction::api {

namespace {

using domain::VendorBillAction;

struct VendorBillApi {
  using Shape = operations::VendorBillShape;
  static constexpr std::string_view kBase = "/vendor-bills";
  static constexpr std::string_view kDocumentKey = "vendor_bill_id";
  static constexpr domain::AmountSign kSign = domain::AmountSign::credit_allowed;

  static void read_new(FieldReader& in, operations::NewVendorBill& input) {
    in.require({"number", "party_id", "bill_date"});
    read_vendor_bill_fields(in, input.fields, false);
  }
  static void read_change(FieldReader& in, sql::VendorBillFields& fields) {
    read_vendor_bill_fields(in, fields, true);
  }
  static void write_fields(JsonWriter& w, const sql::VendorBillRecord& bill) {
    write_vendor_bill_fields(w, bill);
  }
};

using Handlers = AmountDocumentHandlers<VendorBillApi>;

}  // namespace

void add_vendor_bill_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/projects/{id}/vendor-bills", domain::Permission::read_commercial, Handlers::list,
             "List a project's vendor bills");
  routes.add(http::Verb::post, "/projects/{id}/vendor-bills", domain::Permission::write_commercial, Handlers::create,
             "Enter a draft vendor bill, against a commitment or direct, optionally with lines");
  routes.add(http::Verb::get, "/vendor-bills/{id}", domain::Permission::read_commercial, Handlers::show,
             "One vendor bill with its lines");
  routes.add(http::Verb::patch, "/vendor-bills/{id}", domain::Permission::write_commercial, Handlers::update,
             "Change a draft bill's number, party, commitment or dates");
  routes.add(http::Verb::delete_, "/vendor-bills/{id}", domain::Permission::write_commercial, Handlers::remove,
             "Delete a draft vendor bill");
  routes.add(http::Verb::post, "/vendor-bills/{id}/approve", domain::Permission::write_commercial,
             Handlers::transition(VendorBillAction::approve),
             "Approve a draft bill: it becomes actual cost (not past its commitment's amount)");
  routes.add(http::Verb::post, "/vendor-bills/{id}/pay", domain::Permission::write_commercial,
             Handlers::transition(VendorBillAction::pay), "Record that an approved bill was paid");
  routes.add(http::Verb::post, "/vendor-bills/{id}/void", domain::Permission::write_commercial,
             Handlers::transition(VendorBillAction::void_), "Void a draft or approved bill");
}

void add_vendor_bill_line_routes(ApiRoutes& routes) {
  routes.add(http::Verb::get, "/vendor-bills/{id}/lines", domain::Permission::read_commercial, Handlers::list_lines,
             "A vendor bill's lines, in the order they were entered");
  routes.add(http::Verb::post, "/vendor-bills/{id}/lines", domain::Permission::write_commercial, Handlers::add_line,
             "Add a line to a draft vendor bill");
  routes.add(http::Verb::get, "/vendor-bills/{id}/lines/{line_id}", domain::Permission::read_commercial, Handlers::show_line,
             "One line of a vendor bill");
  routes.add(http::Verb::patch, "/vendor-bills/{id}/lines/{line_id}", domain::Permission::write_commercial, Handlers::change_line,
             "Change a line of a draft vendor bill");
  routes.add(http::Verb::delete_, "/vendor-bills/{id}/lines/{line_id}", domain::Permission::write_commercial, Handlers::remove_line,
             "Remove a line from a draft vendor bill");
}

}  // namespace construction::api
