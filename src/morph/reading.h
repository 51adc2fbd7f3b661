// Reading: one cached analysis of a word form, in the shape the Morphology
// stage and its disambiguators use (ids, not strings).
#pragma once

#include <cstdint>

#include "common/document.h"

namespace cronaca::morph {

struct Reading {
  uint32_t lemma = 0;        // StringStore id
  Pos pos = Pos::kUnknown;
  ProperClass proper = ProperClass::kNone;
  uint16_t features = 0;     // ReadingFeature bits (apertium_tags.h)
  uint32_t cg_begin = 0;     // CG-3 tag ids of the reading: [cg_begin, cg_end) of
  uint32_t cg_end = 0;       // the language's tag-id arena (TagTable ids)
};

// The bit of `pos` in a part-of-speech set.
constexpr uint32_t PosBit(Pos pos) { return 1u << static_cast<uint32_t>(pos); }

}  // namespace cronaca::morph
