#include "app/mailer_duties.hpp"

#include "operations/signature_requests.hpp"
#include "runtime/log.hpp"
#include "views/signature_mail.hpp"

namespace construction {

std::function<void(sql::Connection&)> mailer_duties(const Config& config) {
  return [mail = views::signature_mail(config.public_url)](sql::Connection& db) {
    if (int told = operations::tell_signers_of_ended_requests(db, mail))
      log::info("Signers told of ", told, told == 1 ? " signature request" : " signature requests",
                " that ended unsigned");
  };
}

}  // namespace construction
