// The fuzz target's body, shared by the libFuzzer binary (fuzz/) and the
// corpus replay test (tests/fuzz/). Aborts on a broken invariant.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cronaca {

// Returns true if the input was accepted and analysed, false if refused.
bool FuzzOneInput(const uint8_t* data, size_t size);

}  // namespace cronaca
