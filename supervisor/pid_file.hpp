// The pid file: written once the master has bound its sockets, removed at
// exit, renamed to FILE.oldbin while a USR2 upgrade runs.
#pragma once

#include <sys/types.h>

#include <string>

namespace construction {

class PidFile {
 public:
  explicit PidFile(std::string path) : path_(std::move(path)) {}
  void write(pid_t pid) const;
  void remove() const;
  // For a USR2 upgrade: FILE becomes FILE.oldbin (and back, if it fails).
  void rename_to_oldbin();
  void restore_from_oldbin();
  const std::string& path() const { return current_; }
  bool enabled() const { return !path_.empty(); }

 private:
  std::string path_;
  std::string current_ = path_;
};

}  // namespace construction
