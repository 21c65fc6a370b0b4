#pragma once

// The worker's heap between requests.
//
// glibc gives the top of the heap back to the kernel as soon as more than
// 128 KiB of it is free (M_TRIM_THRESHOLD, raised only by a freed mmap'd
// block). A request that builds a page of fifty projects ends with about
// 150 KiB free at the top, so every such request shrank the heap with one
// brk and grew it again with the next: a TLB flush and some forty page
// faults on freshly zeroed pages a request. Measured on the bench machine,
// that was 120-200 µs of the worker's system time a request, more than the
// page's own user time, and it came and went with the heap's layout.
//
// A serving worker keeps what it has freed (up to kHeldBytes) for the next
// request, and gives it back once it has been idle for a second.

#include <cstddef>

namespace construction {

// Free heap a serving worker keeps for the next request.
inline constexpr std::size_t kHeldBytes = std::size_t{16} << 20;
// Blocks at least this big are mapped on their own and unmapped when freed,
// never held: a rare huge body does not stay in the worker.
inline constexpr std::size_t kMappedBlockBytes = std::size_t{4} << 20;

// Once per worker, after fork: keep freed heap up to kHeldBytes.
void hold_heap_between_requests();

// When idle: give every free page of the heap back to the kernel.
void release_idle_heap();

}  // namespace construction
