// Which vendor bills count: the approved and the paid ones are actual cost,
// what a commitment has been billed and what the budget's actual column
// sums; a draft and a void bill are neither. The domain's rule
// (domain::counts_as_cost, domain/vendor_bill.hpp) as every query that sums
// bills writes it, `alias` naming the bills' table; a test holds the two
// together (test/sql/counted_vendor_bills_pgtest.cpp). A macro, as
// SQL_UNIX_SECONDS, so that it joins the statements' string literals.
#pragma once

#define SQL_COUNTED_VENDOR_BILL(alias) alias ".status IN ('approved', 'paid')"
