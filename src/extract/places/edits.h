// One-edit neighbours of a word, for the typo rule of the places stage.
//
//   std::string scratch;
//   ForEachOneEdit("aahrus", &scratch, [&](std::string_view variant) {
//     // "ahrus", "aarhus" (transposition), "bahrus", ... each once or more
//   });
//   OsaDistance("istabnul", "istanbul") == 1;
//
// ForEachOneEdit enumerates every string at optimal string alignment (OSA,
// "restricted Damerau-Levenshtein") distance exactly 1 from `word` over the
// alphabet a-z and 0-9: deletions, adjacent transpositions, substitutions and
// insertions. The same string may be produced more than once (deleting either
// of two equal letters); callers deduplicate. Words are folded keys
// (fold.h), so bytes outside a-z/0-9 are kept but never inserted.
// OsaDistance is the slow, obvious reference the tests check it against.
//
// Thread-safe (no shared state). ForEachOneEdit reuses *scratch and does not
// allocate once it has grown to word.size() + 1.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace cronaca::places {

inline constexpr std::string_view kEditAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

template <typename Fn>
void ForEachOneEdit(std::string_view word, std::string* scratch, Fn fn) {
  const size_t n = word.size();
  // Deletions.
  for (size_t i = 0; i < n; ++i) {
    scratch->assign(word.substr(0, i));
    scratch->append(word.substr(i + 1));
    fn(std::string_view(*scratch));
  }
  // Adjacent transpositions.
  for (size_t i = 0; i + 1 < n; ++i) {
    if (word[i] == word[i + 1]) continue;
    scratch->assign(word);
    std::swap((*scratch)[i], (*scratch)[i + 1]);
    fn(std::string_view(*scratch));
  }
  // Substitutions.
  for (size_t i = 0; i < n; ++i) {
    scratch->assign(word);
    for (char c : kEditAlphabet) {
      if (c == word[i]) continue;
      (*scratch)[i] = c;
      fn(std::string_view(*scratch));
    }
  }
  // Insertions.
  for (size_t i = 0; i <= n; ++i) {
    for (char c : kEditAlphabet) {
      scratch->assign(word.substr(0, i));
      scratch->push_back(c);
      scratch->append(word.substr(i));
      fn(std::string_view(*scratch));
    }
  }
}

// Optimal string alignment distance (edits: insert, delete, substitute,
// transpose two adjacent characters; no substring edited twice). O(|a||b|).
inline size_t OsaDistance(std::string_view a, std::string_view b) {
  const size_t rows = a.size() + 1, cols = b.size() + 1;
  std::vector<size_t> d(rows * cols);
  for (size_t i = 0; i < rows; ++i) d[i * cols] = i;
  for (size_t j = 0; j < cols; ++j) d[j] = j;
  for (size_t i = 1; i < rows; ++i) {
    for (size_t j = 1; j < cols; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t best = std::min({d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1,
                              d[(i - 1) * cols + j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, d[(i - 2) * cols + j - 2] + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1];
}

}  // namespace cronaca::places
