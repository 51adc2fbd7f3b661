// Folding text for name matching: one spelling per name, whatever the case,
// accents, apostrophes or script.
//
//   std::string folded;
//   std::vector<FoldedChunk> chunks;
//   FoldChunks("Zelens'kyj, Kyjiv", &folded, &chunks);
//   // chunks: "zelens" "kyj" "kyjiv" (views into `folded` via ChunkText)
//
// A *chunk* is a maximal run of letters and digits after folding. Folding
// lower-cases, strips accents and transliterates to Latin letter by letter
// (ICU "Any-Latin; Latin-ASCII; Lower", precomputed once per code point for
// Latin, Greek and Cyrillic): "Élysée" -> "elysee", "Łukaszenka" ->
// "lukaszenka", "Путин" -> "putin", "Straße" -> "strasse". Everything
// else (spaces, apostrophes, dots, hyphens, other punctuation) separates
// chunks: "Stati Uniti d'America" -> stati uniti d america; "U.S." -> u s.
// Letters of other scripts are kept, lower-cased, as they are. Dictionary
// names and document tokens go through the same function, so they agree by
// construction.
//
// Each chunk records its byte range in the input, its FNV-1a hash and case
// facts (any upper-case letter; every letter upper case), which the matcher
// uses to keep "nato" (Italian "born") from matching "Nato".
//
// Thread-safe: the code-point table is built once (std::call_once) and then
// only read. Appending to caller-owned buffers does not allocate once they
// have grown to the largest input seen.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cronaca::actors {

struct FoldedChunk {
  uint32_t begin = 0;         // byte range in the input text
  uint32_t end = 0;
  uint32_t folded_begin = 0;  // byte range in the folded buffer
  uint32_t folded_end = 0;
  uint64_t hash = 0;          // FoldHash of the folded bytes
  uint16_t letters = 0;       // letters in the chunk (digits excluded)
  uint16_t upper = 0;         // of which upper case in the input
};

// Appends the chunks of `text` (UTF-8) to *chunks and their folded bytes to
// *folded. Invalid UTF-8 bytes separate chunks.
void FoldChunks(std::string_view text, std::string* folded, std::vector<FoldedChunk>* chunks);

inline std::string_view ChunkText(const std::string& folded, const FoldedChunk& chunk) {
  return std::string_view(folded).substr(chunk.folded_begin, chunk.folded_end - chunk.folded_begin);
}

// The hash FoldChunks computes: 64-bit FNV-1a.
inline uint64_t FoldHash(std::string_view bytes) {
  uint64_t h = 1469598103934665603ull;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// The folded chunks of `text` joined by single spaces ("stati uniti d america"),
// for messages and tests.
std::string FoldForDisplay(std::string_view text);

}  // namespace cronaca::actors
