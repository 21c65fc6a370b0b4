// Where the pages' templates and static assets are: beside the binary in the
// build tree (build/views), or where install() put them
// (share/construction/views beside bin/). Found from the binary's own path,
// so neither a source tree nor a setting is needed.
#pragma once

#include <filesystem>

namespace construction::views {

// Throws std::runtime_error naming the places looked at when none holds them.
std::filesystem::path views_directory();

}  // namespace construction::views
