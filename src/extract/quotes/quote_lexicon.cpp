#include "extract/quotes/quote_lexicon.h"

#include <cctype>

#include "common/resource_text.h"

namespace cronaca::quotes {

namespace {

// ASCII lower case; the other bytes of UTF-8 letters are kept (the cue
// words that matter are lower case already).
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Result<QuoteLexicon> ParseQuoteLexicon(std::string_view text, const std::string& file_name) {
  QuoteLexicon lex;
  Status status = ForEachKeyValue(text, file_name, [&](std::string_view key_view, std::string_view value,
                                                       size_t line_no) -> Status {
    auto error = [&](const std::string& why) { return LineError(file_name, line_no, why); };
    std::string key(key_view);
    std::vector<std::string> items = SplitValues(value);
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
      return Status::Ok();
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
      std::vector<std::string> parts = SplitValues(Lower(item), ' ');
      if (words != nullptr) {
        if (parts.size() != 1) return error("'" + key + "' takes single words, got '" + item + "'");
        words->insert(parts[0]);
      } else {
        phrases->push_back(std::move(parts));
      }
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return lex;
}

}  // namespace cronaca::quotes
