#include "supervisor/signal_queue.hpp"

#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "runtime/syscall.hpp"

namespace construction {

namespace {
constexpr int kHandled[] = {SIGHUP,  SIGTERM, SIGINT,  SIGQUIT,  SIGTTIN,
                            SIGTTOU, SIGUSR1, SIGUSR2, SIGWINCH, SIGCHLD};
}

SignalQueue::SignalQueue() {
  sigset_t set;
  sigemptyset(&set);
  for (int s : kHandled) sigaddset(&set, s);
  check_syscall(::sigprocmask(SIG_BLOCK, &set, &original_mask_), "sigprocmask");
  fd_.reset(check_syscall(::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC), "signalfd"));
}

std::vector<int> SignalQueue::drain() {
  std::vector<int> signals;
  signalfd_siginfo info;
  while (::read(fd_.get(), &info, sizeof info) == sizeof info)
    signals.push_back(static_cast<int>(info.ssi_signo));
  return signals;
}

void SignalQueue::restore_in_child() {
  fd_.reset();
  ::sigprocmask(SIG_SETMASK, &original_mask_, nullptr);
}

std::string_view signal_name(int signo) {
  switch (signo) {
    case SIGHUP: return "hup";
    case SIGTERM: return "term";
    case SIGINT: return "int";
    case SIGQUIT: return "quit";
    case SIGTTIN: return "ttin";
    case SIGTTOU: return "ttou";
    case SIGUSR1: return "usr1";
    case SIGUSR2: return "usr2";
    case SIGWINCH: return "winch";
    case SIGCHLD: return "chld";
    case SIGKILL: return "kill";
    case SIGABRT: return "abrt";
    case SIGSEGV: return "segv";
    case SIGBUS: return "bus";
    case SIGFPE: return "fpe";
    case SIGILL: return "ill";
    case SIGPIPE: return "pipe";
  }
  return "unknown";
}

}  // namespace construction
