#include "common/string_store.h"

namespace cronaca {

namespace {
constexpr size_t kChunkBytes = 64 * 1024;
}

StringStore::StringStore() { views_.emplace_back(); }

uint32_t StringStore::Find(std::string_view s) const {
  if (s.empty()) return kNone;
  auto it = index_.find(s);
  return it == index_.end() ? kNone : it->second;
}

uint32_t StringStore::Intern(std::string_view s) {
  if (s.empty()) return kNone;
  auto it = index_.find(s);
  if (it != index_.end()) return it->second;
  if (chunks_.empty() || chunks_.back().capacity() - chunks_.back().size() < s.size()) {
    chunks_.emplace_back();
    chunks_.back().reserve(s.size() > kChunkBytes ? s.size() : kChunkBytes);
  }
  std::string& chunk = chunks_.back();
  size_t at = chunk.size();
  chunk.append(s);  // never reallocates: capacity checked above
  std::string_view stored(chunk.data() + at, s.size());
  uint32_t id = static_cast<uint32_t>(views_.size());
  views_.push_back(stored);
  index_.emplace(stored, id);
  return id;
}

}  // namespace cronaca
