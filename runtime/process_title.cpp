#include "runtime/process_title.hpp"

#include <sys/prctl.h>

#include <cstdlib>
#include <cstring>

extern char** environ;

namespace construction {

namespace {
char* title_start = nullptr;
size_t title_capacity = 0;
}  // namespace

std::vector<std::string> init_process_title(int argc, char** argv) {
  std::vector<std::string> original(argv, argv + argc);
  if (argc == 0) return original;
  // argv strings and then environ strings lie end to end; the title may use
  // all of that space once environ has been copied elsewhere.
  char* end = argv[argc - 1] + std::strlen(argv[argc - 1]) + 1;
  size_t env_count = 0;
  while (environ[env_count]) ++env_count;
  for (size_t i = 0; i < env_count; ++i)
    if (environ[i] == end) end = environ[i] + std::strlen(environ[i]) + 1;
  char** moved = static_cast<char**>(std::calloc(env_count + 1, sizeof(char*)));
  if (!moved) return original;
  for (size_t i = 0; i < env_count; ++i) moved[i] = ::strdup(environ[i]);
  environ = moved;
  for (int i = 1; i < argc; ++i) argv[i] = nullptr;
  title_start = argv[0];
  title_capacity = static_cast<size_t>(end - argv[0]);
  return original;
}

void set_process_title(const std::string& title) {
  ::prctl(PR_SET_NAME, title.substr(0, 15).c_str(), 0, 0, 0);
  if (!title_start || title_capacity < 2) return;
  size_t n = std::min(title.size(), title_capacity - 1);
  std::memcpy(title_start, title.data(), n);
  std::memset(title_start + n, 0, title_capacity - n);
}

}  // namespace construction
