// Span: a half-open byte range into a Document's original text.
//
// THE SPAN INVARIANT (common/document.h): for every annotation,
// original.substr(span.begin, span.end - span.begin) is exactly the text it
// claims to cover.
#pragma once

#include <cstdint>

namespace cronaca {

// Byte offset into Document::original(). Documents are limited far below 4 GiB.
using Offset = uint32_t;

struct Span {
  Offset begin = 0;
  Offset end = 0;
  Offset size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Contains(const Span& other) const { return begin <= other.begin && other.end <= end; }
  bool Overlaps(const Span& other) const { return begin < other.end && other.begin < end; }
  friend bool operator==(const Span&, const Span&) = default;
};

}  // namespace cronaca
