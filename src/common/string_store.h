// StringStore: interns strings (lemmas, tags, stems) so that annotations can
// hold a 32-bit id instead of a string.
//
//   StringStore store;
//   uint32_t id = store.Intern("telefonata");   // same id for equal strings
//   std::string_view s = store.Get(id);         // "telefonata"
//
// Id 0 is reserved for "no string" and Get(0) returns "". Views returned by
// Get() stay valid for the store's lifetime: strings live in stable chunks
// that are never reallocated.
//
// Not thread-safe: one store per pipeline (per worker thread). Not copyable
// (ids would silently alias across copies); movable.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cronaca {

class StringStore {
 public:
  static constexpr uint32_t kNone = 0;

  StringStore();
  StringStore(const StringStore&) = delete;
  StringStore& operator=(const StringStore&) = delete;
  StringStore(StringStore&&) = default;
  StringStore& operator=(StringStore&&) = default;

  // Returns the id of `s`, adding it if new. Intern("") returns kNone.
  uint32_t Intern(std::string_view s);
  // Returns the id of `s`, or kNone if it was never interned.
  uint32_t Find(std::string_view s) const;
  // REQUIRES: id < size()
  std::string_view Get(uint32_t id) const { return views_[id]; }
  size_t size() const { return views_.size(); }

 private:
  std::deque<std::string> chunks_;  // stable storage; each chunk never grows past its reserve
  std::vector<std::string_view> views_;
  std::unordered_map<std::string_view, uint32_t> index_;
};

}  // namespace cronaca
