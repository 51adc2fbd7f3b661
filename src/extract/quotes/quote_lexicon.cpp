#include "extract/quotes/quote_lexicon.h"

#include <cctype>

namespace cronaca::quotes {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// ASCII lower case; the other bytes of UTF-8 letters are kept (the cue
// words that matter are lower case already).
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> SplitOn(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view item = Trim(s.substr(start, end - start));
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

}  // namespace

Result<QuoteLexicon> ParseQuoteLexicon(std::string_view text, const std::string& file_name) {
  QuoteLexicon lex;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    auto error = [&](const std::string& why) {
      return Status(StatusCode::kResourceError, file_name + ":" + std::to_string(line_no) + ": " + why);
    };
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) return error("expected 'key = value'");
    std::string key(Trim(line.substr(0, eq)));
    std::vector<std::string> items = SplitOn(Trim(line.substr(eq + 1)), '|');
    if (items.empty()) return error("empty value for '" + key + "'");
    QuoteLexicon::WordSet* words = nullptr;
    std::vector<QuoteLexicon::Phrase>* phrases = nullptr;
    if (key == "speech_verb") {
      words = &lex.speech_verbs_;
    } else if (key == "complementizer") {
      words = &lex.complementizers_;
    } else if (key == "passive_agent") {
      words = &lex.passive_agents_;
    } else if (key == "title_noun") {
      words = &lex.title_nouns_;
    } else if (key == "scare_cue") {
      words = &lex.scare_cues_;
    } else if (key == "subject_pronoun") {
      words = &lex.subject_pronouns_;
    } else if (key == "gerund_suffix") {
      for (const std::string& item : items) {
        if (item.find(' ') != std::string::npos) return error("'gerund_suffix' takes single endings, got '" + item + "'");
        lex.gerund_suffixes_.push_back(Lower(item));
      }
      continue;
    } else if (key == "according") {
      phrases = &lex.according_;
    } else if (key == "according_initial") {
      phrases = &lex.according_initial_;
    } else if (key == "next_cue") {
      phrases = &lex.next_cues_;
    } else {
      return error("unknown key '" + key + "'");
    }
    for (const std::string& item : items) {
      std::vector<std::string> parts = SplitOn(Lower(item), ' ');
      if (words != nullptr) {
        if (parts.size() != 1) return error("'" + key + "' takes single words, got '" + item + "'");
        words->insert(parts[0]);
      } else {
        phrases->push_back(std::move(parts));
      }
    }
  }
  return lex;
}

}  // namespace cronaca::quotes
