// What `construction mailer` queues besides delivering (mail/mailer.hpp,
// MailerOptions::queue_owed), composed here because its words are the
// pages': the signers of signature requests that ended unsigned, told in
// views/signature_mail.cpp's words, links built on PUBLIC_URL.
#pragma once

#include <functional>

#include "runtime/config.hpp"
#include "sql/connection.hpp"

namespace construction {

std::function<void(sql::Connection&)> mailer_duties(const Config& config);

}  // namespace construction
