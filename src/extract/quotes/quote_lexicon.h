// QuoteLexicon: the language knowledge of the quotation stage, read from
// resources/<lang>/quotes.txt (the format is documented in the file's own
// comment header, and below).
//
//   Result<QuoteLexicon> lex = ParseQuoteLexicon(text, "resources/it/quotes.txt");
//   if (!lex.ok()) return lex.status();          // "file:line: why"
//   lex->IsSpeechVerb("dire");                   // true
//   lex->according().size();                     // phrases such as {"secondo"}
//
// Format: one "key = value | value | ..." per line; '#' starts a comment;
// keys may repeat and their values add up. Values are stored lower-cased and
// matched against a token's lemma or its lower-cased written form. Keys:
//   speech_verb        one word each: verbs that introduce words
//   complementizer     one word each: opens reported speech ("che", "that")
//   according          phrases naming a source anywhere ("secondo", "according to")
//   according_initial  the same, only at the start of a sentence ("per")
//   passive_agent      one word each: passive agent after a quotation ("da", "by")
//   title_noun         one word each: nouns announcing a title ("brano", "song")
//   next_cue           phrases of a following sentence that attribute a
//                      stand-alone quotation ("con queste parole")
//   scare_cue          one word each: words before scare quotes ("cosiddetta")
//   subject_pronoun    one word each: pronouns that can be a sentence's subject
//                      ("he", "lei"): the speaker is then someone named before
//   gerund_suffix      endings of gerunds ("ing", "ndo"): ", describing" after
//                      an actor is not that actor's verb
// Unknown keys, empty values and a multi-word value for a one-word key are
// errors naming the file and line; ParseQuoteLexicon returns the first.
//
// A QuoteLexicon is immutable after parsing, so it is thread-safe to share;
// copyable and movable (plain containers).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/status.h"

namespace cronaca::quotes {

class QuoteLexicon {
 public:
  // A set of words searchable by string_view.
  struct WordHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

  // Phrases are split into lower-cased words: {"stando", "a"}.
  using Phrase = std::vector<std::string>;

  // Lookups take a view and do not allocate (heterogeneous lookup).
  bool IsSpeechVerb(std::string_view word) const { return speech_verbs_.find(word) != speech_verbs_.end(); }
  bool IsComplementizer(std::string_view word) const { return complementizers_.find(word) != complementizers_.end(); }
  bool IsPassiveAgent(std::string_view word) const { return passive_agents_.find(word) != passive_agents_.end(); }
  bool IsTitleNoun(std::string_view word) const { return title_nouns_.find(word) != title_nouns_.end(); }
  bool IsScareCue(std::string_view word) const { return scare_cues_.find(word) != scare_cues_.end(); }
  bool IsSubjectPronoun(std::string_view word) const {
    return subject_pronouns_.find(word) != subject_pronouns_.end();
  }
  const std::vector<std::string>& gerund_suffixes() const { return gerund_suffixes_; }
  const std::vector<Phrase>& according() const { return according_; }
  const std::vector<Phrase>& according_initial() const { return according_initial_; }
  const std::vector<Phrase>& next_cues() const { return next_cues_; }
  size_t speech_verb_count() const { return speech_verbs_.size(); }

 private:
  friend Result<QuoteLexicon> ParseQuoteLexicon(std::string_view text, const std::string& file_name);

  WordSet speech_verbs_;
  WordSet complementizers_;
  WordSet passive_agents_;
  WordSet title_nouns_;
  WordSet scare_cues_;
  WordSet subject_pronouns_;
  std::vector<std::string> gerund_suffixes_;
  std::vector<Phrase> according_;
  std::vector<Phrase> according_initial_;
  std::vector<Phrase> next_cues_;
};

// Parses the text of a quotes.txt file; `file_name` is used in errors.
Result<QuoteLexicon> ParseQuoteLexicon(std::string_view text, const std::string& file_name);

}  // namespace cronaca::quotes
