// The title `ps` shows: "construction: master [0.0.0.0:8000]",
// "construction: worker [1]". Linux shows /proc/PID/cmdline, which is the
// memory of argv; setting the title rewrites that memory (after moving the
// environment out of the way, as setproctitle does) and the thread name.
#pragma once

#include <string>
#include <vector>

namespace construction {

// Call once at the very start of main, before anything reads argv or environ.
// Returns a copy of the original arguments (for re-exec on USR2).
std::vector<std::string> init_process_title(int argc, char** argv);
void set_process_title(const std::string& title);

}  // namespace construction
