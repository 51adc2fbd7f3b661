#include "ingest/metadata.h"

#include <string>

namespace cronaca {

namespace {

enum class Key { kNone, kTitle, kSource, kDate, kUrl, kLang };

struct KeyName {
  std::string_view name;
  Key key;
};

constexpr KeyName kKeys[] = {
    {"title", Key::kTitle},   {"titolo", Key::kTitle}, {"source", Key::kSource},
    {"fonte", Key::kSource},  {"date", Key::kDate},    {"data", Key::kDate},
    {"url", Key::kUrl},       {"link", Key::kUrl},     {"lang", Key::kLang},
    {"lingua", Key::kLang},   {"language", Key::kLang},
};

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

// Reads "key" at text[pos] followed by ':' or blanks; returns the key and
// sets *value_pos to where the value starts.
Key ReadKey(std::string_view line, size_t* value_pos) {
  size_t i = 0;
  while (i < line.size() && ((line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z'))) ++i;
  if (i == 0) return Key::kNone;
  std::string_view word = line.substr(0, i);
  Key key = Key::kNone;
  for (const KeyName& k : kKeys) {
    if (EqualsIgnoreCase(word, k.name)) key = k.key;
  }
  if (key == Key::kNone) return Key::kNone;
  size_t j = i;
  while (j < line.size() && IsBlank(line[j])) ++j;
  bool colon = j < line.size() && line[j] == ':';
  if (colon) {
    ++j;
    while (j < line.size() && IsBlank(line[j])) ++j;
  } else if (j == i) {
    return Key::kNone;  // "datebase", "titles"
  }
  *value_pos = j;
  return key;
}

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// Length of a date token at the start of `s` (YYYY, YYYY-MM, YYYY-MM-DD
// with '-' or '/'), 0 if none.
size_t DateTokenLength(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && ((s[n] >= '0' && s[n] <= '9') || s[n] == '-' || s[n] == '/' || s[n] == ':' ||
                          s[n] == 'T' || s[n] == 'Z' || s[n] == '+')) {
    ++n;
  }
  return n;
}

}  // namespace

HeaderParse ParseHeader(std::string_view text, Span range) {
  HeaderParse out;
  out.body = range;
  size_t pos = range.begin;
  // A UTF-8 byte order mark is not text.
  if (text.substr(pos, 3) == "\xEF\xBB\xBF") pos += 3;
  // Leading blank lines.
  auto skip_blank_lines = [&] {
    while (pos < range.end) {
      size_t nl = text.find('\n', pos);
      size_t line_end = nl == std::string_view::npos || nl > range.end ? range.end : nl;
      if (!TrimBlanks(text.substr(pos, line_end - pos)).empty()) break;
      pos = line_end == range.end ? range.end : line_end + 1;
    }
  };
  skip_blank_lines();
  bool any_header = false;
  while (pos < range.end) {
    size_t nl = text.find('\n', pos);
    size_t line_end = nl == std::string_view::npos || nl > range.end ? range.end : nl;
    // Scrapers leave stray blanks before a leaked header (" date 2025-07 ...").
    while (pos < line_end && IsBlank(text[pos])) ++pos;
    std::string_view line = text.substr(pos, line_end - pos);
    size_t value_pos = 0;
    Key key = ReadKey(line, &value_pos);
    if (key == Key::kNone) break;
    std::string_view rest = line.substr(value_pos);
    if (key == Key::kDate) {
      size_t n = DateTokenLength(rest);
      auto date = PartialDate::Parse(rest.substr(0, n));
      if (!date) {
        if (!any_header) break;  // "Data la situazione, ..." is prose, not a header
        out.bad_date = true;
      } else {
        out.metadata.has_date = true;
        out.metadata.date = *date;
        std::string_view after = TrimBlanks(rest.substr(n));
        if (!after.empty()) {
          // Inline leak: the body continues on this very line.
          size_t body_begin = pos + value_pos + n;
          while (body_begin < line_end && IsBlank(text[body_begin])) ++body_begin;
          out.leaked_inline = true;
          out.leaked_span = Span{static_cast<Offset>(pos), static_cast<Offset>(body_begin)};
          pos = body_begin;
          any_header = true;
          break;
        }
      }
    } else {
      std::string value(TrimBlanks(rest));
      // Without a colon, only accept header-like values (no sentence prose).
      bool colon = line.find(':') != std::string_view::npos && line.find(':') < value_pos;
      if (!colon && !any_header) break;
      switch (key) {
        case Key::kTitle: out.metadata.title = value; break;
        case Key::kSource: out.metadata.source = value; break;
        case Key::kUrl: out.metadata.url = value; break;
        case Key::kLang: out.metadata.lang_hint = value; break;
        default: break;
      }
    }
    any_header = true;
    pos = line_end == range.end ? range.end : line_end + 1;
  }
  skip_blank_lines();
  out.body = Span{static_cast<Offset>(pos), range.end};
  return out;
}

}  // namespace cronaca
