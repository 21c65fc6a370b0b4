// The master's signals, read as data. The signals are blocked and delivered
// through a signalfd that the master's poll() waits on, so no work ever runs
// inside a signal handler (see SIGNALS.md).
#pragma once

#include <signal.h>

#include <string_view>
#include <vector>

#include "runtime/unique_fd.hpp"

namespace construction {

class SignalQueue {
 public:
  // Blocks HUP, TERM, INT, QUIT, TTIN, TTOU, USR1, USR2, WINCH and CHLD.
  SignalQueue();
  SignalQueue(const SignalQueue&) = delete;
  SignalQueue& operator=(const SignalQueue&) = delete;

  int fd() const { return fd_.get(); }
  // Every signal that arrived since the last call, in order.
  std::vector<int> drain();
  // In a child after fork: the mask the process started with, no signalfd.
  void restore_in_child();

 private:
  sigset_t original_mask_;
  UniqueFd fd_;
};

std::string_view signal_name(int signo);  // "hup", "term", …

}  // namespace construction
