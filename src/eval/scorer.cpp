#include "eval/scorer.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace cronaca::eval {
namespace {

using nlohmann::json;

// ---------------------------------------------------------------------------
// UTF-8 and character folding.

std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      out.push_back(b0);
      ++i;
      continue;
    }
    size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
      len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4, cp = b0 & 0x07, min = 0x10000;
    }
    bool ok = len != 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) {
      const unsigned char b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (ok && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) ok = false;
    if (ok) {
      out.push_back(cp);
      i += len;
    } else {
      out.push_back(U'\uFFFD');
      ++i;
    }
  }
  return out;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string EncodeUtf8(const std::u32string& s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t cp : s) AppendUtf8(cp, &out);
  return out;
}

// Simple lower-casing for Latin, Greek and Cyrillic (enough for names and
// news text in the languages at hand; no locale rules).
char32_t ToLower(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + 0x20;
  if (c < 0xC0) return c;
  if (c <= 0xDE) return c == 0xD7 ? c : c + 0x20;
  if (c >= 0x100 && c <= 0x137) return c | 1;                   // Ā ā ... Ķ ķ
  if (c >= 0x139 && c <= 0x148) return (c & 1) ? c + 1 : c;     // Ĺ ĺ ... Ň ň
  if (c >= 0x14A && c <= 0x177) return c | 1;                   // Ŋ ŋ ... Ŷ ŷ
  if (c == 0x178) return 0xFF;                                  // Ÿ
  if (c >= 0x179 && c <= 0x17E) return (c & 1) ? c + 1 : c;     // Ź ź ... Ž ž
  if (c >= 0x218 && c <= 0x21B) return c | 1;                   // Ș ș Ț ț
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 0x20;  // Greek
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;                // Cyrillic А-Я
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;                // Cyrillic Ѐ-Џ
  return c;
}

bool IsUpper(char32_t c) { return ToLower(c) != c; }

bool IsCombiningMark(char32_t c) { return c >= 0x300 && c <= 0x36F; }

// Base letters of U+0100..U+017F (lower case); '*' marks the ligatures
// handled separately (Ĳ ĳ Œ œ).
constexpr std::string_view kLatinExtendedABase =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkklllllllllln"
    "nnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatinExtendedABase.size() == 0x80);

// Appends the lower-case, accent-free form of c (several letters for
// ligatures such as ß or æ).
void AppendFolded(char32_t c, std::u32string* out) {
  c = ToLower(c);
  if (c < 0x80) {
    out->push_back(c);
    return;
  }
  if (IsCombiningMark(c)) return;  // decomposed accents (NFD input)
  if (c >= 0xE0 && c <= 0xFF && c != 0xF7) {
    static constexpr std::string_view kLatin1Base = "aaaaaaeceeeeiiiidnooooo*ouuuuyty";
    if (c == 0xE6) {
      out->append(U"ae");
    } else if (c == 0xFE) {
      out->append(U"th");
    } else {
      out->push_back(static_cast<char32_t>(kLatin1Base[c - 0xE0]));
    }
    return;
  }
  if (c == 0xDF) {
    out->append(U"ss");
    return;
  }
  if (c >= 0x100 && c <= 0x17F) {
    const char base = kLatinExtendedABase[c - 0x100];
    if (base != '*') {
      out->push_back(static_cast<char32_t>(base));
    } else if (c == 0x133) {
      out->append(U"ij");
    } else {
      out->append(U"oe");
    }
    return;
  }
  if (c == 0x219) {
    out->push_back(U's');
    return;
  }
  if (c == 0x21B) {
    out->push_back(U't');
    return;
  }
  out->push_back(c);
}

bool IsSpace(char32_t c) {
  return c == U' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

bool IsInvisible(char32_t c) {
  return c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

// Folds one character for text comparison: spaces to ' ', quote marks to
// ' or ", dashes to '-', the ellipsis to "...", letters lower-cased without
// accents; invisible characters vanish.
void AppendNormalizedChar(char32_t c, std::u32string* out) {
  if (IsSpace(c)) {
    out->push_back(U' ');
  } else if (IsInvisible(c)) {
    // dropped
  } else if (c == U'\'' || c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B ||
             c == 0x2032 || c == 0x2039 || c == 0x203A || c == 0x60 || c == 0xB4) {
    out->push_back(U'\'');
  } else if (c == U'"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F ||
             c == 0xAB || c == 0xBB || c == 0x2033) {
    out->push_back(U'"');
  } else if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212) {
    out->push_back(U'-');
  } else if (c == 0x2026) {
    out->append(U"...");
  } else {
    AppendFolded(c, out);
  }
}

bool IsTrimmable(char32_t c) {
  switch (c) {
    case U' ': case U'\'': case U'"': case U'.': case U',': case U';': case U':':
    case U'!': case U'?': case 0xA1: case 0xBF: case U'(': case U')': case U'[': case U']':
      return true;
    default:
      return false;
  }
}

// Characters folded and whitespace collapsed and trimmed.
std::u32string FoldText(std::string_view text) {
  std::u32string folded;
  for (char32_t c : DecodeUtf8(text)) AppendNormalizedChar(c, &folded);
  std::u32string out;
  out.reserve(folded.size());
  for (char32_t c : folded) {
    if (c == U' ' && (out.empty() || out.back() == U' ')) continue;
    out.push_back(c);
  }
  if (!out.empty() && out.back() == U' ') out.pop_back();
  return out;
}

// FoldText, then surrounding quote marks, brackets and punctuation trimmed.
std::u32string NormalizeText(std::string_view text) {
  std::u32string out = FoldText(text);
  size_t begin = 0;
  size_t end = out.size();
  while (begin < end && IsTrimmable(out[begin])) ++begin;
  while (end > begin && IsTrimmable(out[end - 1])) --end;
  return out.substr(begin, end - begin);
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') ||
                       (c >= U'0' && c <= U'9');
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
  if (IsSpace(c) || IsInvisible(c)) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c == 0xFFFD) return false;
  return true;
}

// Splits text into runs of word characters (original case kept).
std::vector<std::u32string> SplitWords(const std::u32string& text) {
  std::vector<std::u32string> words;
  std::u32string current;
  for (char32_t c : text) {
    if (IsWordChar(c) || (IsCombiningMark(c) && !current.empty())) {
      current.push_back(c);
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::u32string FoldWord(const std::u32string& word) {
  std::u32string out;
  for (char32_t c : word) AppendFolded(c, &out);
  return out;
}

std::string Trim(std::string_view s) {
  size_t begin = 0;
  size_t end = s.size();
  while (begin < end && (s[begin] == ' ' || (s[begin] >= '\t' && s[begin] <= '\r'))) ++begin;
  while (end > begin && (s[end - 1] == ' ' || (s[end - 1] >= '\t' && s[end - 1] <= '\r'))) --end;
  return std::string(s.substr(begin, end - begin));
}

std::string TrimUpper(std::string_view s) {
  std::string out = Trim(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

size_t EditDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

size_t LongestCommonSubstring(const std::u32string& a, const std::u32string& b) {
  if (a.empty() || b.empty()) return 0;
  std::vector<size_t> previous(b.size() + 1, 0);
  std::vector<size_t> current(b.size() + 1, 0);
  size_t best = 0;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : 0;
      best = std::max(best, current[j]);
    }
    std::swap(previous, current);
  }
  return best;
}

double Overlap(const std::u32string& a, const std::u32string& b) {
  const size_t longer = std::max(a.size(), b.size());
  if (longer == 0) return 0.0;
  return static_cast<double>(LongestCommonSubstring(a, b)) / static_cast<double>(longer);
}

// Whether Overlap(a, b) >= threshold, skipping the quadratic work when the
// length ratio alone rules it out (the overlap is at most shorter / longer).
bool OverlapAtLeast(const std::u32string& a, const std::u32string& b, double threshold) {
  const double longer = static_cast<double>(std::max(a.size(), b.size()));
  const double shorter = static_cast<double>(std::min(a.size(), b.size()));
  if (longer == 0 || shorter < threshold * longer - 1e-9) return false;
  return static_cast<double>(LongestCommonSubstring(a, b)) >= threshold * longer - 1e-9;
}

// ---------------------------------------------------------------------------
// Speakers.

// A speaker prepared once for many comparisons.
struct Speaker {
  std::vector<std::u32string> tokens;  // lower case, no accents
  std::vector<bool> content;           // tokens[k] is a content token
  std::string code;                    // trimmed, upper case
  bool body = false;                   // IsBodyName
};

class SpeakerMatcher {
 public:
  explicit SpeakerMatcher(const ScoreOptions& options)
      : stop_words_(options.speaker_stop_words.begin(), options.speaker_stop_words.end()),
        body_words_(options.body_words.begin(), options.body_words.end()) {}

  Speaker Prepare(std::string_view name, std::string_view code) const {
    Speaker speaker;
    for (const std::u32string& word : SplitWords(DecodeUtf8(name))) {
      speaker.tokens.push_back(FoldWord(word));
      const std::u32string& token = speaker.tokens.back();
      speaker.content.push_back(token.size() >= 4 &&
                                stop_words_.count(EncodeUtf8(token)) == 0);
    }
    speaker.code = TrimUpper(code);
    speaker.body = IsBody(name);
    return speaker;
  }

  static bool Same(const Speaker& a, const Speaker& b) {
    if (a.tokens.empty() || b.tokens.empty()) return false;
    if (ContainsRun(a.tokens, b.tokens) || ContainsRun(b.tokens, a.tokens)) return true;
    for (size_t i = 0; i < a.tokens.size(); ++i) {
      if (!a.content[i]) continue;
      for (size_t j = 0; j < b.tokens.size(); ++j) {
        if (b.content[j] && SameToken(a.tokens[i], b.tokens[j])) return true;
      }
    }
    return !a.code.empty() && a.code == b.code && (a.body || b.body);
  }

  bool IsBody(std::string_view name) const {
    static constexpr std::string_view kParticles[] = {
        "de", "di", "da", "del", "della", "la", "le", "von", "van", "der", "den",
        "bin", "ibn", "al", "el", "dos", "das", "du", "y", "ben", "ter", "zu"};
    bool previous_capitalised = false;
    bool has_person_name = false;
    for (const std::u32string& word : SplitWords(DecodeUtf8(name))) {
      const std::string folded = EncodeUtf8(FoldWord(word));
      if (body_words_.count(folded) > 0) return true;
      const bool acronym =
          word.size() >= 2 && std::all_of(word.begin(), word.end(), [](char32_t c) {
            return IsUpper(c) || (c >= U'0' && c <= U'9');
          });
      if (!acronym && IsUpper(word[0])) {
        if (previous_capitalised) has_person_name = true;
        previous_capitalised = true;
      } else if (std::find(std::begin(kParticles), std::end(kParticles), folded) ==
                 std::end(kParticles)) {
        previous_capitalised = false;
      }
    }
    return !has_person_name;
  }

 private:
  // Whether `part` occurs as a contiguous run of tokens in `whole`.
  static bool ContainsRun(const std::vector<std::u32string>& whole,
                          const std::vector<std::u32string>& part) {
    if (part.size() > whole.size()) return false;
    for (size_t start = 0; start + part.size() <= whole.size(); ++start) {
      const auto first = whole.begin() + static_cast<std::ptrdiff_t>(start);
      if (std::equal(part.begin(), part.end(), first)) return true;
    }
    return false;
  }

  static bool SameToken(const std::u32string& a, const std::u32string& b) {
    if (a == b) return true;
    return a.size() >= 6 && b.size() >= 6 && EditDistance(a, b) <= 2;
  }

  std::unordered_set<std::string> stop_words_;
  std::unordered_set<std::string> body_words_;
};

// ---------------------------------------------------------------------------
// Reading documents without throwing.

const json* Field(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string StringField(const json& object, const char* key) {
  const json* value = Field(object, key);
  return value != nullptr && value->is_string() ? value->get_ref<const std::string&>()
                                                : std::string();
}

std::vector<const json*> Items(const json* document, const char* key) {
  std::vector<const json*> items;
  if (document == nullptr) return items;
  const json* list = Field(*document, key);
  if (list == nullptr || !list->is_array()) return items;
  for (const json& item : *list) {
    if (item.is_object()) items.push_back(&item);
  }
  return items;
}

std::optional<std::string> DocumentId(const json& document) {
  const json* id = Field(document, "id");
  if (id == nullptr) return std::nullopt;
  if (id->is_string()) return id->get_ref<const std::string&>();
  if (id->is_number()) return id->dump();
  return std::nullopt;
}

struct Event {
  std::optional<std::string> source;
  std::optional<std::string> target;
  std::string code;
};

std::optional<std::string> ReadActor(const json& event, const char* key) {
  const json* value = Field(event, key);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  std::string actor = TrimUpper(value->get_ref<const std::string&>());
  if (actor.empty()) return std::nullopt;
  return actor;
}

Event ReadEvent(const json& object) {
  Event event;
  event.source = ReadActor(object, "source");
  event.target = ReadActor(object, "target");
  event.code = Trim(StringField(object, "code"));
  return event;
}

std::string_view Root(const std::string& code) {
  return std::string_view(code).substr(0, 2);
}

bool ActorsAgree(const std::optional<std::string>& gold,
                 const std::optional<std::string>& predicted, bool full) {
  if (!gold.has_value() || !predicted.has_value()) {
    return !gold.has_value() && !predicted.has_value();
  }
  if (full) return *gold == *predicted;
  return std::string_view(*gold).substr(0, 3) == std::string_view(*predicted).substr(0, 3);
}

bool Match(const Event& gold, const Event& predicted, bool full) {
  if (gold.code.empty() || predicted.code.empty()) return false;
  const bool codes_agree =
      full ? gold.code == predicted.code : Root(gold.code) == Root(predicted.code);
  if (!codes_agree) return false;
  if (ActorsAgree(gold.source, predicted.source, full) &&
      ActorsAgree(gold.target, predicted.target, full)) {
    return true;
  }
  const bool reciprocal = (Root(gold.code) == "04" && Root(predicted.code) == "04") ||
                          (gold.code == "057" && predicted.code == "057");
  return reciprocal && ActorsAgree(gold.source, predicted.target, full) &&
         ActorsAgree(gold.target, predicted.source, full);
}

struct Quote {
  std::u32string text;  // normalised
  Speaker speaker;
};

Quote ReadQuote(const json& object, const SpeakerMatcher& speakers) {
  return Quote{NormalizeText(StringField(object, "quote")),
               speakers.Prepare(StringField(object, "speaker"),
                                StringField(object, "speaker_code"))};
}

struct Time {
  std::string text;  // normalised
  std::string value;
};

std::string ReadTimeValue(const json& object) {
  const json* value = Field(object, "value");
  if (value == nullptr || value->is_null()) return std::string();
  if (value->is_string()) return TrimUpper(value->get_ref<const std::string&>());
  if (value->is_number()) return value->dump();
  return std::string("\x01") + value->type_name();  // never equal to a real value
}

Time ReadTime(const json& object, const ScoreOptions& options) {
  return Time{NormalizeTimeText(StringField(object, "text"), options), ReadTimeValue(object)};
}

// ---------------------------------------------------------------------------
// Maximum-weight bipartite matching.

// Hungarian algorithm on the sub-graph of gold `rows` and predicted `cols`
// (weights[i][j] > 0 is an edge, 0 no edge): appends the pairs (i, j) of a
// matching of maximum total weight. O(n^2 m) for n = min, m = max of sizes.
void HungarianMatch(const std::vector<std::vector<int64_t>>& weights,
                    const std::vector<size_t>& rows, const std::vector<size_t>& cols,
                    std::vector<std::pair<size_t, size_t>>* pairs) {
  // Cost matrix with n <= m (transposed if needed), minimising -weight.
  const bool transposed = rows.size() > cols.size();
  const std::vector<size_t>& r = transposed ? cols : rows;
  const std::vector<size_t>& c = transposed ? rows : cols;
  const size_t n = r.size();
  const size_t m = c.size();
  auto cost = [&](size_t i, size_t j) -> int64_t {  // 1-based
    return transposed ? -weights[c[j - 1]][r[i - 1]] : -weights[r[i - 1]][c[j - 1]];
  };

  constexpr int64_t kInf = std::numeric_limits<int64_t>::max() / 4;
  std::vector<int64_t> u(n + 1, 0), v(m + 1, 0);
  std::vector<size_t> p(m + 1, 0), way(m + 1, 0);
  for (size_t i = 1; i <= n; ++i) {
    p[0] = i;
    size_t j0 = 0;
    std::vector<int64_t> min_v(m + 1, kInf);
    std::vector<bool> used(m + 1, false);
    do {
      used[j0] = true;
      const size_t i0 = p[j0];
      int64_t delta = kInf;
      size_t j1 = 0;
      for (size_t j = 1; j <= m; ++j) {
        if (used[j]) continue;
        const int64_t current = cost(i0, j) - u[i0] - v[j];
        if (current < min_v[j]) min_v[j] = current, way[j] = j0;
        // Any column of minimal reduced cost will do; a free one ends the
        // search at once (keeps cliques of equal items at O(n m)).
        if (min_v[j] < delta || (min_v[j] == delta && p[j] == 0 && p[j1] != 0)) {
          delta = min_v[j], j1 = j;
        }
      }
      for (size_t j = 0; j <= m; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          min_v[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }

  for (size_t j = 1; j <= m; ++j) {
    if (p[j] == 0) continue;
    const size_t gold = transposed ? c[j - 1] : r[p[j] - 1];
    const size_t predicted = transposed ? r[p[j] - 1] : c[j - 1];
    if (weights[gold][predicted] > 0) pairs->emplace_back(gold, predicted);
  }
}

size_t FindRoot(std::vector<size_t>* parent, size_t x) {
  while ((*parent)[x] != x) x = (*parent)[x] = (*parent)[(*parent)[x]];
  return x;
}

// weights[i][j] > 0 is an edge between gold i and predicted j, 0 no edge.
// Returns the pairs (i, j) of a matching of maximum total weight. The graph
// is split into connected components first (mostly tiny: one time
// expression and its one or two candidates), each solved on its own.
std::vector<std::pair<size_t, size_t>> MaxWeightMatching(
    const std::vector<std::vector<int64_t>>& weights, size_t n_cols) {
  const size_t n_rows = weights.size();
  std::vector<size_t> parent(n_rows + n_cols);  // rows, then columns
  for (size_t k = 0; k < parent.size(); ++k) parent[k] = k;
  std::vector<bool> has_edge(n_rows + n_cols, false);
  for (size_t i = 0; i < n_rows; ++i) {
    for (size_t j = 0; j < n_cols; ++j) {
      if (weights[i][j] <= 0) continue;
      has_edge[i] = has_edge[n_rows + j] = true;
      parent[FindRoot(&parent, i)] = FindRoot(&parent, n_rows + j);
    }
  }
  std::map<size_t, std::pair<std::vector<size_t>, std::vector<size_t>>> components;
  for (size_t i = 0; i < n_rows; ++i) {
    if (has_edge[i]) components[FindRoot(&parent, i)].first.push_back(i);
  }
  for (size_t j = 0; j < n_cols; ++j) {
    if (has_edge[n_rows + j]) components[FindRoot(&parent, n_rows + j)].second.push_back(j);
  }
  std::vector<std::pair<size_t, size_t>> pairs;
  for (const auto& [root, component] : components) {
    HungarianMatch(weights, component.first, component.second, &pairs);
  }
  return pairs;
}

// Matches gold and predicted items one to one: maximum number of pairs
// first, then the maximum number of pairs with a bonus. `edge(i, j)` returns
// -1 for no match, 0 for a match, 1 for a match with a bonus. Returns
// {pairs, pairs with a bonus}.
template <typename EdgeFn>
std::pair<size_t, size_t> MatchItems(size_t n_gold, size_t n_predicted, EdgeFn edge) {
  if (n_gold == 0 || n_predicted == 0) return {0, 0};
  // A pair is worth `big` plus its bonus; big exceeds any total of bonuses,
  // so a larger matching always outweighs a smaller one.
  const int64_t big = static_cast<int64_t>(std::min(n_gold, n_predicted)) + 1;
  std::vector<std::vector<int64_t>> weights(n_gold, std::vector<int64_t>(n_predicted, 0));
  for (size_t i = 0; i < n_gold; ++i) {
    for (size_t j = 0; j < n_predicted; ++j) {
      const int e = edge(i, j);
      if (e >= 0) weights[i][j] = big + e;
    }
  }
  size_t bonus = 0;
  const auto pairs = MaxWeightMatching(weights, n_predicted);
  for (const auto& [i, j] : pairs) {
    if (weights[i][j] > big) ++bonus;
  }
  return {pairs.size(), bonus};
}

void ScoreDocument(const json& gold_doc, const json* predicted_doc, const ScoreOptions& options,
                   const SpeakerMatcher& speakers, EvalReport* report) {
  ++report->n_docs;
  if (predicted_doc == nullptr) ++report->n_docs_missing;

  // Events.
  std::vector<Event> gold_events;
  std::vector<Event> predicted_events;
  for (const json* e : Items(&gold_doc, "events")) gold_events.push_back(ReadEvent(*e));
  for (const json* e : Items(predicted_doc, "events")) predicted_events.push_back(ReadEvent(*e));
  for (bool full : {false, true}) {
    PRF& prf = full ? report->events_full : report->events_root;
    prf.n_gold += gold_events.size();
    prf.n_pred += predicted_events.size();
    prf.tp += MatchItems(gold_events.size(), predicted_events.size(), [&](size_t i, size_t j) {
                return Match(gold_events[i], predicted_events[j], full) ? 0 : -1;
              }).first;
  }

  // Quotes.
  std::vector<Quote> gold_quotes;
  std::vector<Quote> predicted_quotes;
  for (const json* q : Items(&gold_doc, "quotes")) {
    gold_quotes.push_back(ReadQuote(*q, speakers));
  }
  for (const json* q : Items(predicted_doc, "quotes")) {
    predicted_quotes.push_back(ReadQuote(*q, speakers));
  }
  report->quotes.n_gold += gold_quotes.size();
  report->quotes.n_pred += predicted_quotes.size();
  const auto [quote_tp, speaker_ok] =
      MatchItems(gold_quotes.size(), predicted_quotes.size(), [&](size_t i, size_t j) {
        const Quote& g = gold_quotes[i];
        const Quote& p = predicted_quotes[j];
        if (!OverlapAtLeast(g.text, p.text, options.quote_min_overlap)) return -1;
        return SpeakerMatcher::Same(g.speaker, p.speaker) ? 1 : 0;
      });
  report->quotes.tp += quote_tp;
  report->quotes_speaker_ok += speaker_ok;

  // Times.
  std::vector<Time> gold_times;
  std::vector<Time> predicted_times;
  for (const json* t : Items(&gold_doc, "times")) gold_times.push_back(ReadTime(*t, options));
  for (const json* t : Items(predicted_doc, "times")) {
    predicted_times.push_back(ReadTime(*t, options));
  }
  report->times.n_gold += gold_times.size();
  report->times.n_pred += predicted_times.size();
  const auto [time_tp, value_ok] =
      MatchItems(gold_times.size(), predicted_times.size(), [&](size_t i, size_t j) {
        const Time& g = gold_times[i];
        const Time& p = predicted_times[j];
        if (g.text.empty() || g.text != p.text) return -1;
        return g.value == p.value ? 1 : 0;
      });
  report->times.tp += time_tp;
  report->times_value_ok += value_ok;
}

// Predicted documents by id (first occurrence wins); counts the unused ones.
struct PredictionIndex {
  std::unordered_map<std::string, const json*> by_id;
  size_t n_unusable = 0;  // not an object, no id, or a repeated id

  explicit PredictionIndex(const std::vector<json>& predicted) {
    for (const json& doc : predicted) {
      const std::optional<std::string> id = doc.is_object() ? DocumentId(doc) : std::nullopt;
      if (!id.has_value() || !by_id.emplace(*id, &doc).second) ++n_unusable;
    }
  }

  const json* Find(const json& gold_doc) const {
    const std::optional<std::string> id = DocumentId(gold_doc);
    if (!id.has_value()) return nullptr;
    const auto it = by_id.find(*id);
    return it == by_id.end() ? nullptr : it->second;
  }
};

double Ratio(size_t numerator, size_t denominator) {
  return denominator == 0 ? 0.0
                          : static_cast<double>(numerator) / static_cast<double>(denominator);
}

json PrfToJson(const PRF& prf) {
  return json{{"precision", prf.Precision()}, {"recall", prf.Recall()}, {"f1", prf.F1()},
              {"tp", prf.tp}, {"predicted", prf.n_pred}, {"gold", prf.n_gold}};
}

std::string FormatRow(const char* label, const PRF& prf) {
  char line[160];
  std::snprintf(line, sizeof(line), "%-14s %9.3f %7.3f %7.3f %7zu %7zu %7zu\n", label,
                prf.Precision(), prf.Recall(), prf.F1(), prf.tp, prf.n_pred, prf.n_gold);
  return line;
}

}  // namespace

// ---------------------------------------------------------------------------
// Public API.

double PRF::Precision() const { return Ratio(tp, n_pred); }
double PRF::Recall() const { return Ratio(tp, n_gold); }
double PRF::F1() const {
  const double p = Precision();
  const double r = Recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

PRF& PRF::operator+=(const PRF& other) {
  tp += other.tp;
  n_pred += other.n_pred;
  n_gold += other.n_gold;
  return *this;
}

double EvalReport::SpeakerAccuracy() const { return Ratio(quotes_speaker_ok, quotes.tp); }
double EvalReport::ValueAccuracy() const { return Ratio(times_value_ok, times.tp); }

EvalReport& EvalReport::operator+=(const EvalReport& other) {
  events_root += other.events_root;
  events_full += other.events_full;
  quotes += other.quotes;
  quotes_speaker_ok += other.quotes_speaker_ok;
  times += other.times;
  times_value_ok += other.times_value_ok;
  n_docs += other.n_docs;
  n_docs_missing += other.n_docs_missing;
  n_pred_extra += other.n_pred_extra;
  return *this;
}

EvalReport Score(const std::vector<json>& gold, const std::vector<json>& predicted,
                 const ScoreOptions& options) {
  const PredictionIndex index(predicted);
  const SpeakerMatcher speakers(options);
  EvalReport report;
  std::unordered_set<std::string> used_ids;
  for (const json& gold_doc : gold) {
    if (!gold_doc.is_object()) continue;
    const json* predicted_doc = index.Find(gold_doc);
    if (predicted_doc != nullptr) used_ids.insert(*DocumentId(gold_doc));
    ScoreDocument(gold_doc, predicted_doc, options, speakers, &report);
  }
  report.n_pred_extra = index.n_unusable + (index.by_id.size() - used_ids.size());
  return report;
}

std::map<std::string, EvalReport> ScoreByLanguage(const std::vector<json>& gold,
                                                  const std::vector<json>& predicted,
                                                  const ScoreOptions& options) {
  const PredictionIndex index(predicted);
  const SpeakerMatcher speakers(options);
  std::map<std::string, EvalReport> reports;
  for (const json& gold_doc : gold) {
    if (!gold_doc.is_object()) continue;
    ScoreDocument(gold_doc, index.Find(gold_doc), options, speakers,
                  &reports[StringField(gold_doc, "lang")]);
  }
  return reports;
}

std::string FormatReport(const EvalReport& report, const std::string& title) {
  std::string out = title + "\n";
  char line[200];
  std::snprintf(line, sizeof(line), "documents: %zu (without prediction: %zu", report.n_docs,
                report.n_docs_missing);
  out += line;
  if (report.n_pred_extra > 0) {
    std::snprintf(line, sizeof(line), "; predictions not in gold: %zu", report.n_pred_extra);
    out += line;
  }
  out += ")\n";
  std::snprintf(line, sizeof(line), "%-14s %9s %7s %7s %7s %7s %7s\n", "", "precision",
                "recall", "F1", "tp", "pred", "gold");
  out += line;
  out += FormatRow("events (root)", report.events_root);
  out += FormatRow("events (full)", report.events_full);
  out += FormatRow("quotes", report.quotes);
  out += FormatRow("times", report.times);
  std::snprintf(line, sizeof(line), "speaker accuracy: %.3f (%zu of %zu matched quotes)\n",
                report.SpeakerAccuracy(), report.quotes_speaker_ok, report.quotes.tp);
  out += line;
  std::snprintf(line, sizeof(line), "value accuracy:   %.3f (%zu of %zu matched times)\n",
                report.ValueAccuracy(), report.times_value_ok, report.times.tp);
  out += line;
  return out;
}

json ReportToJson(const EvalReport& report) {
  json quotes = PrfToJson(report.quotes);
  quotes["speaker_ok"] = report.quotes_speaker_ok;
  quotes["speaker_accuracy"] = report.SpeakerAccuracy();
  json times = PrfToJson(report.times);
  times["value_ok"] = report.times_value_ok;
  times["value_accuracy"] = report.ValueAccuracy();
  return json{{"documents", report.n_docs},
              {"documents_missing", report.n_docs_missing},
              {"predicted_documents_extra", report.n_pred_extra},
              {"events_root", PrfToJson(report.events_root)},
              {"events_full", PrfToJson(report.events_full)},
              {"quotes", std::move(quotes)},
              {"times", std::move(times)}};
}

bool EventsMatch(const json& gold, const json& predicted, bool full) {
  return Match(ReadEvent(gold), ReadEvent(predicted), full);
}

std::string NormalizeQuote(std::string_view text) { return EncodeUtf8(NormalizeText(text)); }

double QuoteOverlap(std::string_view a, std::string_view b) {
  return Overlap(NormalizeText(a), NormalizeText(b));
}

bool SameSpeaker(std::string_view gold_name, std::string_view gold_code,
                 std::string_view predicted_name, std::string_view predicted_code,
                 const ScoreOptions& options) {
  const SpeakerMatcher matcher(options);
  return SpeakerMatcher::Same(matcher.Prepare(gold_name, gold_code),
                              matcher.Prepare(predicted_name, predicted_code));
}

bool IsBodyName(std::string_view name, const ScoreOptions& options) {
  return SpeakerMatcher(options).IsBody(name);
}

std::string NormalizeTimeText(std::string_view text, const ScoreOptions& options) {
  std::u32string normalized = NormalizeText(text);
  std::vector<std::u32string> articles;
  for (const std::string& article : options.time_articles) {
    std::u32string folded = FoldText(article);
    if (!folded.empty()) articles.push_back(std::move(folded));
  }
  bool changed = true;
  while (changed) {
    changed = false;
    for (const std::u32string& article : articles) {
      const bool elided = article.back() == U'\'';
      const size_t skip = elided ? article.size() : article.size() + 1;
      if (normalized.size() <= skip || normalized.compare(0, article.size(), article) != 0) {
        continue;
      }
      if (!elided && normalized[article.size()] != U' ') continue;
      size_t begin = skip;
      while (begin < normalized.size() && normalized[begin] == U' ') ++begin;
      normalized.erase(0, begin);
      changed = true;
    }
  }
  return EncodeUtf8(normalized);
}

}  // namespace cronaca::eval
