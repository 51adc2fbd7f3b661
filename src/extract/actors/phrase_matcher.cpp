#include "extract/actors/phrase_matcher.h"

#include <algorithm>
#include <bit>

namespace cronaca::actors {

uint32_t PhraseMatcher::Builder::InternChunk(std::string_view folded) {
  auto [it, inserted] = chunk_ids_.try_emplace(std::string(folded), static_cast<uint32_t>(chunk_text_.size()));
  if (inserted) chunk_text_.emplace_back(folded);
  return it->second;
}

uint32_t PhraseMatcher::Builder::Child(uint32_t node, uint32_t chunk) {
  const uint64_t key = (static_cast<uint64_t>(node) << 32) | chunk;
  auto [it, inserted] = edges_.try_emplace(key, static_cast<uint32_t>(node_phrase_.size()));
  if (inserted) node_phrase_.push_back(kNoPhrase);
  return it->second;
}

uint32_t PhraseMatcher::Builder::AddPhrase(std::string_view text) {
  folded_.clear();
  chunks_.clear();
  FoldChunks(text, &folded_, &chunks_);
  if (chunks_.empty() || chunks_.size() > kMaxPhraseChunks) return kNoPhrase;
  uint32_t node = 0;
  for (const FoldedChunk& c : chunks_) node = Child(node, InternChunk(ChunkText(folded_, c)));
  if (node_phrase_[node] == kNoPhrase) {
    node_phrase_[node] = static_cast<uint32_t>(phrase_length_.size());
    phrase_length_.push_back(static_cast<uint32_t>(chunks_.size()));
  }
  return node_phrase_[node];
}

void PhraseMatcher::Builder::AddWord(std::string_view text) {
  folded_.clear();
  chunks_.clear();
  FoldChunks(text, &folded_, &chunks_);
  for (const FoldedChunk& c : chunks_) InternChunk(ChunkText(folded_, c));
}

PhraseMatcher PhraseMatcher::Builder::Build() && {
  PhraseMatcher m;
  // Tables at most half full, sizes powers of two.
  const size_t chunk_slots = std::bit_ceil(std::max<size_t>(16, chunk_text_.size() * 2));
  m.chunk_slots_.assign(chunk_slots, ChunkSlot());
  m.chunk_mask_ = chunk_slots - 1;
  for (uint32_t id = 0; id < chunk_text_.size(); ++id) {
    const std::string& text = chunk_text_[id];
    const uint64_t hash = FoldHash(text);
    size_t slot = Mix(hash) & m.chunk_mask_;
    while (m.chunk_slots_[slot].id != kNoChunk) slot = (slot + 1) & m.chunk_mask_;
    m.chunk_slots_[slot] = ChunkSlot{hash, static_cast<uint32_t>(m.chunk_bytes_.size()),
                                     static_cast<uint32_t>(text.size()), id};
    m.chunk_bytes_ += text;
  }
  const size_t edge_slots = std::bit_ceil(std::max<size_t>(16, edges_.size() * 2));
  m.edges_.assign(edge_slots, Edge());
  m.edge_mask_ = edge_slots - 1;
  for (const auto& [key, child] : edges_) {
    size_t slot = Mix(key) & m.edge_mask_;
    while (m.edges_[slot].child != kNoNode) slot = (slot + 1) & m.edge_mask_;
    m.edges_[slot] = Edge{key, child};
  }
  m.node_phrase_ = std::move(node_phrase_);
  m.phrase_count_ = phrase_length_.size();
  m.chunk_count_ = chunk_text_.size();
  for (uint32_t length : phrase_length_) m.max_length_ = std::max(m.max_length_, length);
  return m;
}

uint32_t PhraseMatcher::ChunkId(std::string_view folded, uint64_t hash) const {
  if (chunk_slots_.empty()) return kNoChunk;
  size_t slot = Mix(hash) & chunk_mask_;
  while (true) {
    const ChunkSlot& s = chunk_slots_[slot];
    if (s.id == kNoChunk) return kNoChunk;
    if (s.hash == hash && s.length == folded.size() &&
        std::string_view(chunk_bytes_).substr(s.offset, s.length) == folded) {
      return s.id;
    }
    slot = (slot + 1) & chunk_mask_;
  }
}

}  // namespace cronaca::actors
