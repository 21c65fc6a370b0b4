#include "views/views_directory.hpp"

#include <stdexcept>
#include <string>

namespace construction::views {

std::filesystem::path views_directory() {
  namespace fs = std::filesystem;
  fs::path bin = fs::read_symlink("/proc/self/exe").parent_path();
  const fs::path candidates[] = {bin / "views", bin / ".." / "views",
                                 bin / ".." / "share" / "construction" / "views"};
  std::string looked;
  for (const fs::path& dir : candidates) {
    if (fs::is_directory(dir / "templates")) return fs::weakly_canonical(dir);
    looked += (looked.empty() ? "" : ", ") + dir.string();
  }
  throw std::runtime_error("The pages' templates are not installed (looked in " + looked + ")");
}

}  // namespace construction::views
