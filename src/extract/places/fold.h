// Folding place names for matching: one spelling per name, whatever the
// case, accents or apostrophes.
//
//   std::string key;
//   FoldResult r = FoldWords("L'Aia", &key);      // key == "l aia"
//   // r.words == 2, r.capital_mask == 0b10 ("Aia" starts with a capital)
//   FoldWords("Monaco di Baviera", &key);          // appends " monaco di baviera"
//
// Folding lower-cases, strips accents (NFKD minus combining marks: "Århus"
// -> "arhus", "Ḩalḩūl" -> "halhul"), spells out the few Latin letters that
// have no decomposition ("ß" -> "ss", "ø" -> "o", "ł" -> "l", "æ" -> "ae").
// Everything that is not a letter or a digit separates words: spaces,
// apostrophes of every kind ("L'Aia", "L’Aia" and "Raʼs" all split),
// hyphens, dots and other punctuation. Words are joined by one space; the
// result has no leading or trailing space. Letters of non-Latin scripts are
// kept as they are (lower-cased when ICU knows a lower case).
//
// Gazetteer names and document tokens go through the same function, so they
// agree by construction.
//
// Thread-safe: the per-code-point table is built once (std::call_once) and
// then only read. FoldWords appends to a caller-owned string and does not
// allocate once that string has grown to the largest input seen.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cronaca::places {

struct FoldResult {
  uint32_t words = 0;         // words appended
  uint32_t capital_mask = 0;  // bit k: word k started with an upper-case letter
                              // (words beyond 32 are not recorded)
  uint32_t letters = 0;       // letters and digits appended (not spaces)
};

// Appends the folded words of `text` (UTF-8) to *out, preceded by one space
// when *out is not empty and `text` has at least one word. Invalid UTF-8
// bytes separate words.
// REQUIRES: out != nullptr.
FoldResult FoldWords(std::string_view text, std::string* out);

// The folded form of `text` as a new string ("Kyïv" -> "kyiv"), for loading
// and tests.
std::string Fold(std::string_view text);

}  // namespace cronaca::places
