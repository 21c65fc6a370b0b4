// What a stopping master does with the connections still waiting in its
// listening sockets' queues when the last worker has gone: the kernel
// resets every queued connection when a listening socket's last descriptor
// closes, so the master accepts each first and answers it 503 (with
// Retry-After and Connection: close). A connection can then be lost only
// in the moment between the last empty accept and the close: one syscall,
// not the whole of the workers' drain (DESIGN.md, "Stopping (TERM)").
#pragma once

#include <cstddef>
#include <vector>

#include "runtime/listener.hpp"

namespace construction {

// Accepts and answers what is queued on `listeners`, closes them (their
// addresses stay, for removing unix socket files), and gives the answered
// clients up to a second to read the answer and close. Returns how many
// connections it answered.
size_t answer_queued_connections(std::vector<Listener>& listeners);

}  // namespace construction
