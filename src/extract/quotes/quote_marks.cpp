#include "extract/quotes/quote_marks.h"

#include <algorithm>

namespace cronaca::quotes {

namespace {

// The families of marks; an opening mark is closed by one of its family.
enum class Family : uint8_t { kNone = 0, kDouble, kGuillemet, kSingleAngle, kSingle, kStraightDouble, kStraightSingle };
enum class Side : uint8_t { kOpen, kClose, kEither };

struct Mark {
  Family family = Family::kNone;
  Side side = Side::kOpen;
  uint32_t length = 0;
};

// Decodes the code point at text[i] (0 for a broken sequence), its length in *len.
char32_t Decode(std::string_view text, size_t i, uint32_t* len) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) { *len = 1; return c; }
  uint32_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (n == 1 || i + n > text.size()) { *len = 1; return 0; }
  char32_t cp = c & (0xFF >> (n + 1));
  for (uint32_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  *len = n;
  return cp;
}

// Letters and digits, roughly: ASCII alphanumerics and any non-ASCII code
// point that is not punctuation or a space we know of.
bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c == 0xA0 || (c >= 0x2000 && c <= 0x206F) || c == 0xAB || c == 0xBB || c == 0x3000) return false;
  return true;
}

bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x202F; }

Mark Classify(char32_t c, uint32_t len) {
  switch (c) {
    case U'\u201C': case U'\u201E': case U'\u201F': return {Family::kDouble, Side::kOpen, len};
    case U'\u201D': return {Family::kDouble, Side::kClose, len};
    case U'\u00AB': return {Family::kGuillemet, Side::kOpen, len};
    case U'\u00BB': return {Family::kGuillemet, Side::kClose, len};
    case U'\u2039': return {Family::kSingleAngle, Side::kOpen, len};
    case U'\u203A': return {Family::kSingleAngle, Side::kClose, len};
    case U'\u2018': case U'\u201A': case U'\u201B': return {Family::kSingle, Side::kOpen, len};
    case U'\u2019': return {Family::kSingle, Side::kClose, len};
    case U'"': return {Family::kStraightDouble, Side::kEither, len};
    case U'\'': return {Family::kStraightSingle, Side::kEither, len};
    default: return {};
  }
}

struct Open {
  Family family;
  uint32_t begin, end;
};

}  // namespace

void FindQuotePairs(std::string_view text, std::vector<QuotePair>* pairs) {
  pairs->clear();
  std::vector<Open> stack;
  char32_t previous = ' ';
  for (size_t i = 0; i < text.size();) {
    uint32_t len = 1;
    const char32_t c = Decode(text, i, &len);
    const Mark mark = Classify(c, len);
    if (mark.family == Family::kNone) {
      previous = c;
      i += len;
      continue;
    }
    uint32_t next_len = 1;
    const char32_t next = i + len < text.size() ? Decode(text, i + len, &next_len) : U' ';
    const bool single = mark.family == Family::kSingle || mark.family == Family::kStraightSingle;
    // An apostrophe, not a mark: l'aiutante, Russia's, dell’Iran.
    if (single && mark.side != Side::kOpen && IsWordChar(previous) && IsWordChar(next)) {
      previous = c;
      i += len;
      continue;
    }
    auto open_index = [&](Family family) -> int {
      for (int k = static_cast<int>(stack.size()) - 1; k >= 0; --k) {
        if (stack[k].family == family) return k;
      }
      return -1;
    };
    Side side = mark.side;
    const int open_at = open_index(mark.family);
    if (side == Side::kEither) side = open_at >= 0 ? Side::kClose : Side::kOpen;
    // Single marks open only before a non-space and close only after one.
    if (single && side == Side::kOpen && (IsSpace(next) || IsWordChar(previous))) side = Side::kEither;
    if (single && side == Side::kClose && IsSpace(previous)) side = Side::kEither;
    if (side == Side::kOpen) {
      stack.push_back({mark.family, static_cast<uint32_t>(i), static_cast<uint32_t>(i + len)});
    } else if (side == Side::kClose && open_at >= 0) {
      const Open open = stack[open_at];
      pairs->push_back({open.begin, open.end, static_cast<uint32_t>(i), static_cast<uint32_t>(i + len),
                        static_cast<uint32_t>(open_at)});
      stack.resize(open_at);
    }
    previous = c;
    i += len;
  }
  std::sort(pairs->begin(), pairs->end(),
            [](const QuotePair& a, const QuotePair& b) { return a.open_begin < b.open_begin; });
}

}  // namespace cronaca::quotes
