// TagTable: interns the CG-3 tags of one language's readings ("n", "sg",
// "\"ministro\"", "\"<ministri>\"") as small ids, so cached readings are
// arrays of ids and the CG-3 bridge converts each distinct tag to a libcg3
// tag once.
//
//   TagTable tags;
//   uint32_t id = tags.Intern("n");     // ids start at 0 and are dense
//   tags.Text(id) == "n";
//
// Not thread-safe; one per language per Morphology stage. Not copyable
// (views into it would dangle); movable.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cronaca::morph {

class TagTable {
 public:
  // Separates the parts of a multi-part reading in a tag-id sequence.
  static constexpr uint32_t kPartBreak = 0xFFFFFFFFu;

  TagTable() = default;
  TagTable(const TagTable&) = delete;
  TagTable& operator=(const TagTable&) = delete;
  TagTable(TagTable&&) = default;
  TagTable& operator=(TagTable&&) = default;

  uint32_t Intern(std::string_view text) {
    auto it = index_.find(text);
    if (it != index_.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(texts_.size());
    texts_.emplace_back(text);
    index_.emplace(texts_.back(), id);
    return id;
  }
  // REQUIRES: id < size()
  std::string_view Text(uint32_t id) const { return texts_[id]; }
  size_t size() const { return texts_.size(); }
  void Clear() {
    index_.clear();
    texts_.clear();
  }

 private:
  std::deque<std::string> texts_;  // stable addresses for the views in index_
  std::unordered_map<std::string_view, uint32_t> index_;
};

}  // namespace cronaca::morph
