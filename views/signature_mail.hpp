// How the emails of a signature request read (operations/signing.hpp and
// operations/signature_requests.hpp queue them): the link to sign, the
// one-time code, a decline told to the sender, and the sealed PDF sent to
// everyone. Plain text; the links are built by the operations on PUBLIC_URL.
#pragma once

#include "operations/signature_requests.hpp"
#include "views/page_context.hpp"

namespace construction::views {

operations::SignatureMail signature_mail(const Views& views);
// The same, where no page is served (the mailer): links on `public_url`.
operations::SignatureMail signature_mail(const std::string& public_url);

}  // namespace construction::views
