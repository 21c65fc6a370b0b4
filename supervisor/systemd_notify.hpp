// sd_notify(3) without libsystemd: one datagram to $NOTIFY_SOCKET
// ("READY=1", "RELOADING=1", "STOPPING=1", "MAINPID=N"). Does nothing when
// the variable is unset (not started by systemd).
#pragma once

#include <string>

namespace construction {

void systemd_notify(const std::string& state);

}  // namespace construction
