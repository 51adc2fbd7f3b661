#include "text/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "text/utf8.h"

namespace cronaca {

namespace {

// Folding of typographic variants. Returns the replacement (possibly empty
// for removal), or nullptr if `c` is kept as it is.
const char* Fold(char32_t c) {
  switch (c) {
    case 0x2019: case 0x2018: case 0x201B: case 0x201A: case 0x2032: case 0x2039: case 0x203A:
      return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: case 0x2033:
      return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return "-";
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004: case 0x2005:
    case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A: case 0x202F: case 0x205F:
    case 0x3000:
      return " ";
    case 0x2026:
      return "...";
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
    case 0x200E: case 0x200F: case 0x202A: case 0x202B: case 0x202C: case 0x202D: case 0x202E:
      return "";
    case 0x2028: case 0x2029:
      return "\n";
    default:
      return nullptr;
  }
}

const icu::Normalizer2* Nfc() {
  static const icu::Normalizer2* nfc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return nfc;
}

// Emits code point `c` (after folding) with every output byte mapped to `from`.
void Emit(char32_t c, Offset from, NormalizedText* out) {
  if (const char* folded = Fold(c)) {
    for (const char* p = folded; *p; ++p) {
      out->text.push_back(*p);
      out->map.push_back(from);
    }
    return;
  }
  size_t before = out->text.size();
  AppendUtf8(c, &out->text);
  out->map.insert(out->map.end(), out->text.size() - before, from);
}

}  // namespace

NormalizedText Normalize(std::string_view original, Span span) {
  NormalizedText out;
  out.text.reserve(span.size());
  out.map.reserve(span.size() + 1);
  const icu::Normalizer2* nfc = Nfc();
  size_t pos = span.begin;
  const size_t end = span.end;
  while (pos < end) {
    const auto b0 = static_cast<unsigned char>(original[pos]);
    if (b0 < 0x80) {  // ASCII fast path: never changes under NFC or folding
      // U+0300..U+036F (lead bytes CC, CD) are the marks that compose with ASCII.
      const auto b1 = pos + 1 < end ? static_cast<unsigned char>(original[pos + 1]) : 0;
      bool combining_follows = b1 == 0xCC || b1 == 0xCD;
      if (!combining_follows) {
        out.text.push_back(static_cast<char>(b0));
        out.map.push_back(static_cast<Offset>(pos));
        ++pos;
        continue;
      }
    }
    // A normalisation segment: this code point plus following ones that do
    // not start a new segment (combining marks).
    size_t seg_begin = pos;
    size_t next = pos;
    char32_t first = DecodeUtf8(original, &next);
    size_t seg_end = next;
    size_t n_code_points = 1;
    while (seg_end < end) {
      size_t probe = seg_end;
      char32_t c = DecodeUtf8(original, &probe);
      if (nfc && nfc->hasBoundaryBefore(c)) break;
      seg_end = probe;
      ++n_code_points;
    }
    if (n_code_points == 1 && (!nfc || nfc->isInert(first) || nfc->hasBoundaryAfter(first))) {
      bool normal = true;
      if (nfc && !nfc->isInert(first)) {
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString one(static_cast<UChar32>(first));
        normal = nfc->isNormalized(one, status) && U_SUCCESS(status);
      }
      if (normal) {
        Emit(first, static_cast<Offset>(seg_begin), &out);
        pos = seg_end;
        continue;
      }
    }
    // Slow path: let ICU compose the segment; all its output maps to its start.
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString segment = icu::UnicodeString::fromUTF8(
        icu::StringPiece(original.data() + seg_begin, static_cast<int32_t>(seg_end - seg_begin)));
    icu::UnicodeString composed = nfc ? nfc->normalize(segment, status) : segment;
    if (U_FAILURE(status)) composed = segment;
    for (int32_t i = 0; i < composed.length();) {
      UChar32 c = composed.char32At(i);
      Emit(static_cast<char32_t>(c), static_cast<Offset>(seg_begin), &out);
      i += U16_LENGTH(c);
    }
    pos = seg_end;
  }
  out.map.push_back(static_cast<Offset>(end));
  return out;
}

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// True if a line ending in `line` followed by a line starting at `next`
// looks like a hard wrap inside one paragraph.
bool LooksHardWrapped(std::string_view line, std::string_view next) {
  while (!line.empty() && IsSpace(line.back())) line.remove_suffix(1);
  while (!next.empty() && IsSpace(next.front())) next.remove_prefix(1);
  if (line.empty() || next.empty()) return false;
  char last = line.back();
  if (last == '.' || last == '!' || last == '?' || last == ':' || last == '"' || last == '\'') return false;
  auto first = static_cast<unsigned char>(next.front());
  return first >= 'a' && first <= 'z';
}

}  // namespace

std::vector<Span> SplitParagraphs(std::string_view text) {
  std::vector<Span> paragraphs;
  size_t para_begin = 0;
  size_t line_begin = 0;
  auto close = [&](size_t para_end) {
    size_t b = para_begin;
    size_t e = para_end;
    while (b < e && (IsSpace(text[b]) || text[b] == '\n')) ++b;
    while (e > b && (IsSpace(text[e - 1]) || text[e - 1] == '\n')) --e;
    if (e > b) paragraphs.push_back(Span{static_cast<Offset>(b), static_cast<Offset>(e)});
  };
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\n') continue;
    if (i == text.size()) {
      close(i);
      break;
    }
    std::string_view line = text.substr(line_begin, i - line_begin);
    size_t next_begin = i + 1;
    size_t next_end = text.find('\n', next_begin);
    if (next_end == std::string_view::npos) next_end = text.size();
    std::string_view next = text.substr(next_begin, next_end - next_begin);
    if (!LooksHardWrapped(line, next)) {
      close(i);
      para_begin = i + 1;
    }
    line_begin = i + 1;
  }
  return paragraphs;
}

namespace {

class NormalizerStage final : public Stage {
 public:
  std::string_view name() const override { return "cronaca.Normalizer.v1"; }
  LayerSet requires_layers() const override { return kLayerOriginal; }
  LayerSet assigns_layers() const override { return kLayerNormalized | kLayerParagraphs; }

  Status Process(Document& doc) override {
    NormalizedText norm = Normalize(doc.original(), doc.body());
    std::vector<Span> spans = SplitParagraphs(norm.text);
    auto& paragraphs = doc.paragraphs();
    paragraphs.clear();
    for (const Span& s : spans) {
      Paragraph p;
      p.norm = s;
      p.span = Span{norm.map[s.begin], norm.map[s.end]};
      paragraphs.push_back(std::move(p));
    }
    doc.SetNormalized(std::move(norm.text), std::move(norm.map));
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Stage> MakeNormalizer() { return std::make_unique<NormalizerStage>(); }

}  // namespace cronaca
