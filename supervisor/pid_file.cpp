#include "supervisor/pid_file.hpp"

#include <stdio.h>
#include <unistd.h>

#include <fstream>

#include "runtime/syscall.hpp"

namespace construction {

void PidFile::write(pid_t pid) const {
  if (!enabled()) return;
  std::string tmp = current_ + ".tmp";
  {
    std::ofstream out(tmp);
    out << pid << "\n";
    if (!out) throw std::runtime_error("cannot write pid file " + tmp);
  }
  check_syscall(::rename(tmp.c_str(), current_.c_str()), ("rename to " + current_).c_str());
}

void PidFile::remove() const {
  if (enabled()) ::unlink(current_.c_str());
}

void PidFile::rename_to_oldbin() {
  if (!enabled() || current_ != path_) return;
  std::string oldbin = path_ + ".oldbin";
  if (::rename(path_.c_str(), oldbin.c_str()) == 0) current_ = oldbin;
}

void PidFile::restore_from_oldbin() {
  if (!enabled() || current_ == path_) return;
  if (::rename(current_.c_str(), path_.c_str()) == 0) current_ = path_;
}

}  // namespace construction
