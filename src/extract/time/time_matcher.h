// TimeMatcher: finds the time expressions of one sentence by running a
// TimeGrammar's token patterns (time_grammar.h) over its tokens.
//
//   TimeMatcher matcher;
//   matcher.Match(grammar, doc, sentence, use_pos);
//   for (const TimeMatch& m : matcher.matches()) {
//     // tokens [m.token_begin, m.token_end) of the document, rule m.rule,
//     // values in m.slots; matcher.TenseAt(grammar, m) is the direction cue.
//   }
//
// How a sentence is matched: each token is lower-cased and looked up in the
// grammar's vocabulary once; numbers are parsed once. At each token only the
// rules that can start with it are tried (the grammar indexes rules by their
// possible first word, and keeps a list of rules that can start with a
// number); a rule
// matches by backtracking over its optional elements, first trying to take
// an optional token. Reject rules are run first and block their span's
// tokens. A span never starts or ends with punctuation (an optional ","
// before a missing year is not part of "2 July"). Among the remaining matches the longest span wins, then the
// earlier rule, then the earlier start; chosen spans do not overlap. The
// result is in text order.
//
// Cost: per token, the rules indexed under it, each failing fast on an
// integer comparison; no allocation once the buffers have grown to the
// longest sentence seen.
//
// Not thread-safe (reusable buffers): one matcher per pipeline. Movable, not
// copyable (copying buffers is never what you want).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/document.h"
#include "extract/time/time_grammar.h"

namespace cronaca::timex {

struct TimeMatch {
  uint32_t token_begin = 0;  // document token indices of the span
  uint32_t token_end = 0;
  uint32_t rule = 0;         // index into grammar.rules()
  Slots slots;               // captured values, then the rule's constants
};

class TimeMatcher {
 public:
  TimeMatcher() = default;
  TimeMatcher(const TimeMatcher&) = delete;
  TimeMatcher& operator=(const TimeMatcher&) = delete;
  TimeMatcher(TimeMatcher&&) = default;
  TimeMatcher& operator=(TimeMatcher&&) = default;

  // Finds the expressions of `sentence`. `use_pos` says whether the tokens
  // carry part-of-speech tags (morphology ran), which gates suffix tense cues.
  // REQUIRES: sentence's tokens are in doc.tokens().
  void Match(const TimeGrammar& grammar, const Document& doc, const Sentence& sentence, bool use_pos);

  // The matches of the last Match() call, in text order.
  const std::vector<TimeMatch>& matches() const { return matches_; }

  // The tense cue nearest to a match of the last Match() call: the closest
  // cue before it in the sentence (a weak one yields to a decisive one at
  // most tense_weak_window tokens further back: "will be held"), else one
  // within tense_lookahead tokens after it and before the next punctuation,
  // else Tense::kNone.
  Tense TenseAt(const TimeGrammar& grammar, const TimeMatch& match) const;

 private:
  // What the matcher knows about one token of the current sentence.
  struct TokenView {
    uint32_t word = TimeGrammar::kNoWord;  // grammar word id of the lower-case text
    int64_t digits = -1;       // value of an all-ASCII-digit token (<= 9 digits)
    uint8_t digit_count = 0;
    int64_t number = -1;       // #num value: digits, grouped digits, number word, compound
    int64_t ordinal_day = -1;  // "3rd": digits followed by an ordinal suffix
    int32_t numdate[3] = {0, 0, 0};  // year, month, day of a "d.m.yyyy" token, or zeros
    bool capitalised = false;
    bool punct = false;        // a punctuation token: never the first or last of a span
    Tense tense = Tense::kNone;
    bool weak_tense = false;
  };

  void BuildViews(const TimeGrammar& grammar, const Document& doc, const Sentence& sentence, bool use_pos);
  bool MatchAlternative(const TimeGrammar& grammar, const Alternative& alt, const TokenView& token,
                        Slots* slots) const;
  bool MatchElement(const TimeGrammar& grammar, const Element& element, const TokenView& token,
                    Slots* slots) const;
  // What a partial match has captured: values from span elements and from
  // context elements apart, and the span's token bounds.
  struct StepState {
    Slots span_slots;
    Slots context_slots;
    uint32_t span_begin = 0;
    uint32_t span_end = 0;
  };
  // Matches rule elements [e, end) from token `pos`; on success sets *out.
  bool Step(const TimeGrammar& grammar, const Rule& rule, uint32_t e, uint32_t pos, const StepState& state,
            TimeMatch* out) const;
  // Runs rule r from token `start`; a match whose span is free joins found_.
  void TryRule(const TimeGrammar& grammar, uint32_t r, uint32_t start);
  void Collect(const TimeGrammar& grammar, bool rejects);

  std::vector<TokenView> views_;
  std::string lower_;
  std::string scratch_;
  std::vector<uint8_t> blocked_;    // per token: taken by a reject rule or a chosen match
  std::vector<TimeMatch> found_;    // all matches of one pass
  std::vector<TimeMatch> matches_;  // chosen, in text order
  uint32_t first_token_ = 0;        // document index of the sentence's first token
};

}  // namespace cronaca::timex
