#include "worker/heap.hpp"

#include <malloc.h>

namespace construction {

void hold_heap_between_requests() {
  // Setting either threshold also stops glibc from moving both on its own.
  ::mallopt(M_TRIM_THRESHOLD, static_cast<int>(kHeldBytes));
  ::mallopt(M_MMAP_THRESHOLD, static_cast<int>(kMappedBlockBytes));
}

void release_idle_heap() {
  ::malloc_trim(0);
}

}  // namespace construction
