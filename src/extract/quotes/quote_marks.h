// FindQuotePairs: the quotation marks of a stretch of text, paired.
//
//   std::vector<QuotePair> pairs;
//   FindQuotePairs("Disse «no» e l'altro “sì”.", &pairs);
//   // pairs[0]: open = bytes of «, close = bytes of », depth 0
//
// Marks understood: “…” „…” «…» ‹…› ‘…’ "…" '…'. Curly and angle marks say
// which side they are; straight marks (" and ') alternate: a straight mark
// opens when no straight mark of its kind is open, else it closes, so the
// spaces scrapers leave inside (`" Scusate "`) do not matter. A ’ or '
// between two letters is an apostrophe (l'aiutante, Russia's), and a single
// mark opens only before a non-space and closes only after one, so elisions
// and possessives do not start quotations. Pairs nest: a mark that closes
// an outer quotation also closes whatever is still open inside it (depth
// tells the nesting level, 0 outermost). A mark left open at the end of the
// text is dropped: the text is meant to be one paragraph.
//
// Pure function, no allocation besides the output and a small stack.
// Offsets are bytes of `text`.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace cronaca::quotes {

struct QuotePair {
  uint32_t open_begin = 0, open_end = 0;    // the opening mark's bytes
  uint32_t close_begin = 0, close_end = 0;  // the closing mark's bytes
  uint32_t depth = 0;                       // 0 for an outermost quotation
};

// Replaces *pairs with the pairs of `text`, ordered by opening mark.
void FindQuotePairs(std::string_view text, std::vector<QuotePair>* pairs);

}  // namespace cronaca::quotes
