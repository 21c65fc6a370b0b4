#include "operations/sodium.hpp"

#include <sodium.h>

#include <stdexcept>

namespace construction::operations {

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace construction::operations
