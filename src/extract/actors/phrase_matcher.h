// PhraseMatcher: finds dictionary phrases in a sequence of folded chunks.
//
//   PhraseMatcher::Builder builder;
//   uint32_t kyiv = builder.AddPhrase("Kyiv");          // phrase ids, deduplicated
//   uint32_t us = builder.AddPhrase("Stati Uniti");    // by folded form
//   builder.AddWord("del");                            // a vocabulary word only
//   PhraseMatcher matcher = std::move(builder).Build();
//
//   uint32_t id = matcher.ChunkId("uniti", FoldHash("uniti"));   // or kNoChunk
//   PhraseMatch m = matcher.LongestMatch(ids, n, accept);        // from ids[0]
//
// How it works: every distinct folded chunk of every phrase gets a small id
// (an open-addressing hash table over the chunk bytes); phrases form a trie
// over chunk ids whose edges live in one flat hash table keyed by
// (node, chunk id). A document is turned into chunk ids once (most words are
// not in the vocabulary and get kNoChunk, which ends any walk at once); then
// LongestMatch walks the trie from a start position and returns the longest
// phrase that the caller's `accept` predicate allows (case, language and
// boundary rules live with the caller). No allocation while matching.
//
// A Builder is single-threaded. A built PhraseMatcher is immutable: safe to
// share between threads. Movable, not copyable (it can be large).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/actors/fold.h"

namespace cronaca::actors {

inline constexpr uint32_t kNoChunk = 0xFFFFFFFFu;
inline constexpr uint32_t kNoPhrase = 0xFFFFFFFFu;

struct PhraseMatch {
  uint32_t phrase = kNoPhrase;
  uint32_t length = 0;  // in chunks; 0 if nothing matched
};

class PhraseMatcher {
 public:
  class Builder {
   public:
    // Adds the folded form of `text` (fold.h) and returns its phrase id; the
    // same folded form gets the same id. Returns kNoPhrase if `text` has no
    // letters or digits or more than kMaxPhraseChunks chunks.
    uint32_t AddPhrase(std::string_view text);
    // Adds the chunks of `text` to the vocabulary without making a phrase,
    // so ChunkId() knows them (link words, prepositions).
    void AddWord(std::string_view text);
    // Number of chunks of the phrase. REQUIRES: phrase < phrase count.
    uint32_t PhraseLength(uint32_t phrase) const { return phrase_length_[phrase]; }
    PhraseMatcher Build() &&;

   private:
    uint32_t InternChunk(std::string_view folded);
    uint32_t Child(uint32_t node, uint32_t chunk);

    std::unordered_map<std::string, uint32_t> chunk_ids_;
    std::vector<std::string> chunk_text_;                // by chunk id
    std::unordered_map<uint64_t, uint32_t> edges_;       // (node << 32 | chunk) -> child
    std::vector<uint32_t> node_phrase_{kNoPhrase};       // by node; node 0 is the root
    std::vector<uint32_t> phrase_length_;                // by phrase id
    std::string folded_;
    std::vector<FoldedChunk> chunks_;
  };

  PhraseMatcher() = default;
  PhraseMatcher(PhraseMatcher&&) = default;
  PhraseMatcher& operator=(PhraseMatcher&&) = default;
  PhraseMatcher(const PhraseMatcher&) = delete;
  PhraseMatcher& operator=(const PhraseMatcher&) = delete;

  // The id of a folded chunk, or kNoChunk. `hash` is FoldHash(folded).
  uint32_t ChunkId(std::string_view folded, uint64_t hash) const;

  // The longest phrase starting at ids[0] (at most n chunks) for which
  // accept(phrase, length) is true; {kNoPhrase, 0} if none.
  template <typename Accept>
  PhraseMatch LongestMatch(const uint32_t* ids, size_t n, Accept&& accept) const {
    // Collect the phrase ends on the way down, then try the longest first.
    uint32_t ends[kMaxPhraseChunks];
    uint32_t phrases[kMaxPhraseChunks];
    size_t found = 0;
    uint32_t node = 0;
    const size_t limit = n < max_length_ ? n : max_length_;
    for (size_t i = 0; i < limit; ++i) {
      node = Child(node, ids[i]);
      if (node == kNoNode) break;
      if (node_phrase_[node] != kNoPhrase) {
        ends[found] = static_cast<uint32_t>(i + 1);
        phrases[found] = node_phrase_[node];
        ++found;
      }
    }
    while (found > 0) {
      --found;
      if (accept(phrases[found], ends[found])) return PhraseMatch{phrases[found], ends[found]};
    }
    return PhraseMatch{};
  }

  size_t phrase_count() const { return phrase_count_; }
  size_t chunk_count() const { return chunk_count_; }
  uint32_t max_length() const { return max_length_; }

  // Phrases longer than this many chunks are rejected by the Builder
  // (AddPhrase returns kNoPhrase).
  static constexpr size_t kMaxPhraseChunks = 16;

 private:
  static constexpr uint32_t kNoNode = 0xFFFFFFFFu;

  uint32_t Child(uint32_t node, uint32_t chunk) const {
    if (chunk == kNoChunk || edges_.empty()) return kNoNode;
    const uint64_t key = (static_cast<uint64_t>(node) << 32) | chunk;
    size_t slot = Mix(key) & edge_mask_;
    while (true) {
      const Edge& e = edges_[slot];
      if (e.child == kNoNode) return kNoNode;
      if (e.key == key) return e.child;
      slot = (slot + 1) & edge_mask_;
    }
  }
  static uint64_t Mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
  }

  struct ChunkSlot {
    uint64_t hash = 0;
    uint32_t offset = 0;   // into chunk_bytes_
    uint32_t length = 0;
    uint32_t id = kNoChunk;
  };
  struct Edge {
    uint64_t key = 0;
    uint32_t child = kNoNode;
  };

  std::string chunk_bytes_;
  std::vector<ChunkSlot> chunk_slots_;
  size_t chunk_mask_ = 0;
  std::vector<Edge> edges_;
  size_t edge_mask_ = 0;
  std::vector<uint32_t> node_phrase_;
  size_t phrase_count_ = 0;
  size_t chunk_count_ = 0;
  uint32_t max_length_ = 0;
};

}  // namespace cronaca::actors
