#include "extract/actors/fold.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>
#include <mutex>

#include "text/utf8.h"

namespace cronaca::actors {

namespace {

// What one code point folds to.
struct FoldEntry {
  static constexpr size_t kMaxText = 6;
  enum Kind : uint8_t { kSeparator = 0, kLetter, kDigit, kDrop };
  char text[kMaxText] = {};
  uint8_t length = 0;
  Kind kind = kSeparator;
  bool upper = false;
};

// Code points with a precomputed entry: Latin-1 Supplement to Cyrillic
// Supplement, and Latin Extended Additional (Vietnamese and friends).
constexpr char32_t kTableEnd = 0x1F00;
constexpr char32_t kGapBegin = 0x530;   // Armenian .. 0x1DFF: folded on the fly
constexpr char32_t kGapEnd = 0x1E00;

bool InTable(char32_t cp) { return cp < kTableEnd && !(cp >= kGapBegin && cp < kGapEnd); }

class FoldTable {
 public:
  FoldTable() : entries_(kTableEnd) {
    for (char32_t cp = 0; cp < 0x80; ++cp) {
      FoldEntry& e = entries_[cp];
      if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
        e.kind = FoldEntry::kLetter;
        e.text[0] = static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
        e.length = 1;
        e.upper = cp >= 'A' && cp <= 'Z';
      } else if (cp >= '0' && cp <= '9') {
        e.kind = FoldEntry::kDigit;
        e.text[0] = static_cast<char>(cp);
        e.length = 1;
      }
    }
    // Transliterate every letter of the table in one ICU call, one per line.
    std::vector<char32_t> letters;
    icu::UnicodeString batch;
    for (char32_t cp = 0x80; cp < kTableEnd; ++cp) {
      if (!InTable(cp)) continue;
      const UChar32 c = static_cast<UChar32>(cp);
      if (IsMark(c)) {
        entries_[cp].kind = FoldEntry::kDrop;
      } else if (u_isalnum(c)) {
        letters.push_back(cp);
        batch.append(c);
        batch.append(static_cast<UChar>('\n'));
      }
    }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> translit(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    std::vector<std::string> folded;
    if (U_SUCCESS(status)) {
      translit->transliterate(batch);
      std::string utf8;
      batch.toUTF8String(utf8);
      size_t pos = 0;
      while (pos < utf8.size()) {
        size_t nl = utf8.find('\n', pos);
        if (nl == std::string::npos) nl = utf8.size();
        folded.emplace_back(utf8.substr(pos, nl - pos));
        pos = nl + 1;
      }
    }
    const bool batch_ok = folded.size() == letters.size();
    for (size_t i = 0; i < letters.size(); ++i) {
      const char32_t cp = letters[i];
      std::string one;
      if (batch_ok) {
        one = folded[i];
      } else if (translit) {
        icu::UnicodeString u(static_cast<UChar32>(cp));
        translit->transliterate(u);
        u.toUTF8String(one);
      }
      Fill(cp, one);
    }
  }

  const FoldEntry& Get(char32_t cp) const { return entries_[cp]; }

 private:
  static bool IsMark(UChar32 c) {
    const int8_t type = u_charType(c);
    return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK;
  }

  // Keeps the letters and digits of a transliteration; a letter that folds to
  // nothing (the Cyrillic soft sign) is dropped rather than splitting a word.
  void Fill(char32_t cp, const std::string& transliterated) {
    FoldEntry& e = entries_[cp];
    const UChar32 c = static_cast<UChar32>(cp);
    e.upper = u_isupper(c) || u_istitle(c);
    e.kind = u_isdigit(c) ? FoldEntry::kDigit : FoldEntry::kLetter;
    std::string kept;
    size_t pos = 0;
    while (pos < transliterated.size()) {
      const size_t start = pos;
      const char32_t t = DecodeUtf8(transliterated, &pos);
      if (u_isalnum(static_cast<UChar32>(t))) kept.append(transliterated, start, pos - start);
    }
    if (kept.empty()) {
      // Letters that fold to nothing (the Cyrillic soft sign) are dropped
      // rather than splitting the word.
      e.kind = FoldEntry::kDrop;
      return;
    }
    if (kept.size() > FoldEntry::kMaxText) {
      kept.clear();
      AppendUtf8(static_cast<char32_t>(u_tolower(c)), &kept);
    }
    for (size_t i = 0; i < kept.size(); ++i) e.text[i] = kept[i];
    e.length = static_cast<uint8_t>(kept.size());
  }

  std::vector<FoldEntry> entries_;
};

const FoldTable& Table() {
  static std::once_flag once;
  static const FoldTable* table = nullptr;
  std::call_once(once, [] { table = new FoldTable(); });
  return *table;
}

constexpr uint64_t kFnvOffset = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

}  // namespace

void FoldChunks(std::string_view text, std::string* folded, std::vector<FoldedChunk>* chunks) {
  const FoldTable& table = Table();
  bool in_chunk = false;
  FoldedChunk chunk;
  auto close = [&](uint32_t at) {
    if (!in_chunk) return;
    chunk.end = at;
    chunk.folded_end = static_cast<uint32_t>(folded->size());
    chunks->push_back(chunk);
    in_chunk = false;
  };
  auto append = [&](const char* bytes, size_t n, uint32_t at, bool letter, bool upper) {
    if (!in_chunk) {
      chunk = FoldedChunk();
      chunk.begin = at;
      chunk.folded_begin = static_cast<uint32_t>(folded->size());
      chunk.hash = kFnvOffset;
      in_chunk = true;
    }
    for (size_t i = 0; i < n; ++i) {
      chunk.hash ^= static_cast<unsigned char>(bytes[i]);
      chunk.hash *= kFnvPrime;
    }
    folded->append(bytes, n);
    if (letter) {
      ++chunk.letters;
      if (upper) ++chunk.upper;
    }
  };
  size_t pos = 0;
  while (pos < text.size()) {
    const uint32_t at = static_cast<uint32_t>(pos);
    const unsigned char b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) {
      ++pos;
      const FoldEntry& e = table.Get(b);
      if (e.kind == FoldEntry::kSeparator) {
        close(at);
      } else {
        append(e.text, e.length, at, e.kind == FoldEntry::kLetter, e.upper);
      }
      continue;
    }
    // Validate the sequence length before decoding (documents are valid
    // UTF-8, dictionary files are checked, but never read past the end).
    const size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
    if (need == 0 || pos + need > text.size()) {
      close(at);
      ++pos;
      continue;
    }
    const char32_t cp = DecodeUtf8(text, &pos);
    if (InTable(cp)) {
      const FoldEntry& e = table.Get(cp);
      switch (e.kind) {
        case FoldEntry::kSeparator: close(at); break;
        case FoldEntry::kDrop: break;
        default: append(e.text, e.length, at, e.kind == FoldEntry::kLetter, e.upper); break;
      }
      continue;
    }
    const UChar32 c = static_cast<UChar32>(cp);
    if (u_isalnum(c)) {
      char buf[4];
      struct Sink {
        char* p;
        size_t n = 0;
        void push_back(char ch) { p[n++] = ch; }
      } sink{buf};
      AppendUtf8(static_cast<char32_t>(u_tolower(c)), &sink);
      append(buf, sink.n, at, u_isalpha(c), u_isupper(c) || u_istitle(c));
    } else {
      const int8_t type = u_charType(c);
      if (type != U_NON_SPACING_MARK && type != U_ENCLOSING_MARK && type != U_COMBINING_SPACING_MARK &&
          type != U_FORMAT_CHAR) {
        close(at);
      }
    }
  }
  close(static_cast<uint32_t>(text.size()));
}

std::string FoldForDisplay(std::string_view text) {
  std::string folded;
  std::vector<FoldedChunk> chunks;
  FoldChunks(text, &folded, &chunks);
  std::string out;
  for (const FoldedChunk& c : chunks) {
    if (!out.empty()) out.push_back(' ');
    out.append(ChunkText(folded, c));
  }
  return out;
}

}  // namespace cronaca::actors
