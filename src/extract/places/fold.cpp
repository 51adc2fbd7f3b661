#include "extract/places/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <mutex>
#include <vector>

namespace cronaca::places {

namespace {

// Code points below this get a precomputed folding; above it (CJK and
// beyond) a letter is kept as it is.
constexpr UChar32 kTableSize = 0x3000;

// Latin letters that NFKD does not decompose but a reader would spell with
// plain letters.
struct Spelling {
  UChar32 code_point;
  const char* folded;
};
constexpr std::array<Spelling, 16> kSpellings = {{
    {0x00DF, "ss"}, {0x1E9E, "ss"}, {0x00C6, "ae"}, {0x00E6, "ae"}, {0x0152, "oe"}, {0x0153, "oe"},
    {0x00D8, "o"}, {0x00F8, "o"}, {0x0110, "d"}, {0x0111, "d"}, {0x0141, "l"}, {0x0142, "l"},
    {0x0131, "i"}, {0x00DE, "th"}, {0x00FE, "th"}, {0x00F0, "d"},
}};

constexpr std::array<UChar32, 7> kApostropheLetters = {0x02B9, 0x02BB, 0x02BC, 0x02BD, 0x02BE, 0x02BF, 0x02C8};

struct FoldTable {
  // folded[c]: the folded UTF-8 of code point c; empty means "separator".
  std::vector<std::string> folded;
  // upper[c]: c is an upper-case or title-case letter.
  std::vector<bool> upper;
};

void AppendUtf8(UChar32 c, std::string* out) {
  char buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(buffer, length, U8_MAX_LENGTH, c, error);
  if (!error) out->append(buffer, static_cast<size_t>(length));
}

const FoldTable& Table() {
  static FoldTable table;
  static std::once_flag once;
  std::call_once(once, [] {
    table.folded.resize(kTableSize);
    table.upper.resize(kTableSize);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    for (UChar32 c = 0; c < kTableSize; ++c) {
      table.upper[c] = u_isupper(c) || u_istitle(c);
      if (!u_isalnum(c)) continue;  // separator
      std::string& out = table.folded[c];
      icu::UnicodeString decomposition;
      if (U_SUCCESS(status) && nfkd->getDecomposition(c, decomposition)) {
        for (int32_t i = 0; i < decomposition.length();) {
          UChar32 part = decomposition.char32At(i);
          i += U16_LENGTH(part);
          if (u_charType(part) == U_NON_SPACING_MARK || u_charType(part) == U_ENCLOSING_MARK) continue;
          if (!u_isalnum(part)) continue;
          AppendUtf8(u_tolower(part), &out);
        }
      } else {
        AppendUtf8(u_tolower(c), &out);
      }
    }
    for (const Spelling& spelling : kSpellings) table.folded[spelling.code_point] = spelling.folded;
    // Modifier letters used as apostrophes and for the Arabic ayin and hamza
    // in transliterations ("Raʼs", "Ḩaḑramawt"): ICU calls them letters, a
    // reader calls them apostrophes.
    for (UChar32 c : kApostropheLetters) table.folded[c].clear();
    // Combining marks left in non-NFC input vanish instead of splitting words.
    for (UChar32 c = 0x0300; c < 0x0370; ++c) table.folded[c].clear();
  });
  return table;
}

bool IsCombiningMark(UChar32 c) { return c >= 0x0300 && c < 0x0370; }

}  // namespace

FoldResult FoldWords(std::string_view text, std::string* out) {
  const FoldTable& table = Table();
  FoldResult result;
  bool in_word = false;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t pos = 0;
  auto start_word = [&](bool capital) {
    if (!out->empty()) out->push_back(' ');
    if (result.words < 32 && capital) result.capital_mask |= 1u << result.words;
    ++result.words;
    in_word = true;
  };
  while (pos < length) {
    uint8_t byte = bytes[pos];
    if (byte < 0x80) {  // ASCII fast path
      ++pos;
      char c = static_cast<char>(byte);
      bool upper = c >= 'A' && c <= 'Z';
      bool lower = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!upper && !lower) {
        in_word = false;
        continue;
      }
      if (!in_word) start_word(upper);
      out->push_back(upper ? static_cast<char>(c - 'A' + 'a') : c);
      ++result.letters;
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, pos, length, c);
    if (c < 0) {  // invalid UTF-8
      in_word = false;
      continue;
    }
    if (c < kTableSize) {
      const std::string& folded = table.folded[c];
      if (folded.empty()) {
        if (!IsCombiningMark(c)) in_word = false;
        continue;
      }
      if (!in_word) start_word(table.upper[c]);
      out->append(folded);
      ++result.letters;
      continue;
    }
    if (!u_isalnum(c)) {
      in_word = false;
      continue;
    }
    if (!in_word) start_word(u_isupper(c) || u_istitle(c));
    AppendUtf8(u_tolower(c), out);
    ++result.letters;
  }
  return result;
}

std::string Fold(std::string_view text) {
  std::string out;
  FoldWords(text, &out);
  return out;
}

}  // namespace cronaca::places
