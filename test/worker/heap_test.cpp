// The worker's heap between requests (worker/heap.hpp): freed blocks stay for
// the next request, and go back to the kernel when the worker is idle. Under
// AddressSanitizer malloc is the sanitizer's own, so these hold only in the
// plain build.
#include "worker/heap.hpp"

#include <malloc.h>
#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
// A skip, as ctest counts it (SKIP_REGULAR_EXPRESSION in test/CMakeLists.txt:
// Catch2 2.13 has no SKIP), with its reason.
TEST_CASE("the worker's heap is glibc's only without AddressSanitizer", "[unit]") {
  std::cout << "SKIP: the worker's heap is glibc's malloc, and under AddressSanitizer malloc is "
               "the sanitizer's: these tests run in the plain build\n";
}
#else
namespace {

long minor_faults() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// A request that builds a page in small blocks, about 380 KiB of them (by
// default), all freed at its end.
void request_of_small_blocks(int count = 96) {
  std::vector<void*> blocks;
  blocks.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    void* block = std::malloc(4000);
    std::memset(block, 1, 4000);
    asm volatile("" : : "g"(block) : "memory");  // the block is used: keep it
    blocks.push_back(block);
  }
  for (void* block : blocks) std::free(block);
}

}  // namespace

TEST_CASE("a serving worker keeps the heap it freed: the next request faults no page in",
          "[unit]") {
  construction::hold_heap_between_requests();
  request_of_small_blocks();
  long before = minor_faults();
  for (int request = 0; request < 20; ++request) request_of_small_blocks();
  // With glibc's own thresholds the top of the heap went back to the kernel
  // after each of these (all but 128 KiB of it) and came back a page fault
  // at a time in the next: 940 faults here.
  CHECK(minor_faults() - before < 10);
}

TEST_CASE("an idle worker gives its free heap back to the kernel", "[unit]") {
  construction::hold_heap_between_requests();
  // A megabyte: free holes that the tests before this one left in the heap
  // take some of its blocks, and what they leave of it must still end at
  // the top.
  request_of_small_blocks(256);
  CHECK(mallinfo2().keepcost >= 300 * 1024);  // held at the top of the heap
  construction::release_idle_heap();
  CHECK(mallinfo2().keepcost < 64 * 1024);
}
#endif
