#include "extract/time/time_matcher.h"

#include <algorithm>

#include "common/date.h"

namespace cronaca::timex {

namespace {

constexpr uint8_t kMaxDigits = 9;  // keeps every parsed number far from overflow
constexpr int64_t kMinYear = 1000;
constexpr int64_t kMaxYear = 2999;
constexpr int64_t kMaxDay = 31;
constexpr int64_t kMaxMonth = 12;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Value of an all-digit string, or -1.
int64_t DigitsValue(std::string_view s) {
  if (s.empty() || s.size() > kMaxDigits) return -1;
  int64_t v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// "1.000", "1,000", "12.500.000": digits grouped by threes with one
// separator. Returns -1 for anything else ("2,5", "3.7.2025").
int64_t GroupedValue(std::string_view s) {
  size_t first = 0;
  while (first < s.size() && IsDigit(s[first])) ++first;
  if (first == 0 || first > 3 || first == s.size()) return -1;
  char sep = s[first];
  if (sep != '.' && sep != ',') return -1;
  int64_t v = DigitsValue(s.substr(0, first));
  size_t pos = first;
  size_t digits = first;
  while (pos < s.size()) {
    if (s[pos] != sep || pos + 4 > s.size()) return -1;
    int64_t group = DigitsValue(s.substr(pos + 1, 3));
    if (group < 0) return -1;
    digits += 3;
    if (digits > kMaxDigits) return -1;
    v = v * 1000 + group;
    pos += 4;
  }
  return v;
}

// "3.7.2025" / "03.07.2025": three dot-separated digit groups.
bool SplitNumericDate(std::string_view s, int64_t parts[3]) {
  size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    size_t end = i < 2 ? s.find('.', pos) : s.size();
    if (end == std::string_view::npos) return false;
    parts[i] = DigitsValue(s.substr(pos, end - pos));
    if (parts[i] < 0 || end - pos > 4) return false;
    pos = end + 1;
  }
  return true;
}

bool ValidDate(int64_t y, int64_t m, int64_t d) {
  if (y < kMinYear || y > kMaxYear || m < 1 || m > kMaxMonth || d < 1) return false;
  return d <= DaysInMonth(static_cast<int>(y), static_cast<int>(m));
}

// A number word made of a tens word and a unit word ("ventiquattro",
// "trentuno": the tens word may drop its final vowel). -1 if not one.
int64_t CompoundValue(const TimeGrammar& grammar, std::string_view lower, std::string* scratch) {
  constexpr int64_t kMinTens = 20;
  constexpr int64_t kMaxTens = 90;
  constexpr int64_t kMaxUnit = 9;
  // Try every split point; the unit part is a known number word 1..9.
  for (size_t cut = 2; cut + 2 <= lower.size(); ++cut) {
    if ((static_cast<unsigned char>(lower[cut]) & 0xC0) == 0x80) continue;  // inside a code point
    std::string_view head = lower.substr(0, cut);
    std::string_view tail = lower.substr(cut);
    int64_t unit = grammar.NumberWordValue(grammar.FindWord(tail));
    if (unit < 1 || unit > kMaxUnit) continue;
    int64_t tens = grammar.NumberWordValue(grammar.FindWord(head));
    if (tens < 0) {
      // The elided vowel: "vent" + "uno" from "venti".
      static constexpr std::string_view kVowels[] = {"a", "e", "i", "o"};
      for (std::string_view vowel : kVowels) {
        scratch->assign(head);
        scratch->append(vowel);
        tens = grammar.NumberWordValue(grammar.FindWord(*scratch));
        if (tens >= 0) break;
      }
    }
    if (tens >= kMinTens && tens <= kMaxTens && tens % 10 == 0) return tens + unit;
  }
  return -1;
}

bool IsVerbLike(Pos pos) { return pos == Pos::kVerb || pos == Pos::kAuxiliary || pos == Pos::kUnknown; }

}  // namespace

void TimeMatcher::BuildViews(const TimeGrammar& grammar, const Document& doc, const Sentence& sentence,
                             bool use_pos) {
  views_.clear();
  first_token_ = sentence.token_begin;
  const TimeSettings& settings = grammar.settings();
  for (uint32_t t = sentence.token_begin; t < sentence.token_end; ++t) {
    const TokenData& token = doc.tokens()[t];
    TokenView view;
    LowerInto(doc.NormText(token), &lower_);
    std::string_view lower = lower_;
    view.word = grammar.FindWord(lower);
    view.capitalised = (token.flags & kTokenCapitalised) != 0;
    view.punct = token.kind == TokenKind::kPunct;
    if (view.word != TimeGrammar::kNoWord) {
      view.tense = grammar.word(view.word).tense;
      view.weak_tense = grammar.word(view.word).weak_tense;
    }
    if (!lower.empty() && IsDigit(lower.front())) {
      view.digits = DigitsValue(lower);
      if (view.digits >= 0) {
        view.digit_count = static_cast<uint8_t>(lower.size());
        view.number = view.digits;
      } else {
        view.number = GroupedValue(lower);
        int64_t parts[3];
        if (SplitNumericDate(lower, parts)) {
          int64_t y = 0, m = 0, d = 0;
          switch (settings.numeric_date_order) {
            case TimeSettings::DateOrder::kDmy: d = parts[0]; m = parts[1]; y = parts[2]; break;
            case TimeSettings::DateOrder::kMdy: m = parts[0]; d = parts[1]; y = parts[2]; break;
            case TimeSettings::DateOrder::kYmd: y = parts[0]; m = parts[1]; d = parts[2]; break;
          }
          if (!ValidDate(y, m, d)) std::swap(m, d);
          if (ValidDate(y, m, d)) {
            view.numdate[0] = static_cast<int32_t>(y);
            view.numdate[1] = static_cast<int32_t>(m);
            view.numdate[2] = static_cast<int32_t>(d);
          }
        }
        // "3rd": digits then an ordinal suffix.
        size_t digits_end = 0;
        while (digits_end < lower.size() && IsDigit(lower[digits_end])) ++digits_end;
        std::string_view suffix = lower.substr(digits_end);
        for (const std::string& s : settings.ordinal_suffixes) {
          if (suffix == s) {
            int64_t day = DigitsValue(lower.substr(0, digits_end));
            if (day >= 1 && day <= kMaxDay) view.ordinal_day = day;
            break;
          }
        }
      }
    } else if (view.word != TimeGrammar::kNoWord) {
      view.number = grammar.NumberWordValue(view.word);
    }
    if (view.number < 0 && settings.compound_numbers && token.kind == TokenKind::kWord) {
      view.number = CompoundValue(grammar, lower, &scratch_);
    }
    // Suffix tense cues: lower-case words only, and verbs when tagged.
    if (view.tense == Tense::kNone && !view.capitalised && token.kind == TokenKind::kWord &&
        (!use_pos || IsVerbLike(token.pos))) {
      for (const auto& [suffix, tense] : grammar.tense_suffixes()) {
        constexpr size_t kMinStem = 2;
        if (lower.size() >= suffix.size() + kMinStem &&
            lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0) {
          view.tense = tense;
          view.weak_tense = true;
          break;
        }
      }
    }
    views_.push_back(view);
  }
}

bool TimeMatcher::MatchAlternative(const TimeGrammar& grammar, const Alternative& alt, const TokenView& token,
                                   Slots* slots) const {
  switch (alt.kind) {
    case Alternative::Kind::kWord:
      return token.word == alt.id;
    case Alternative::Kind::kClass: {
      if (token.word == TimeGrammar::kNoWord) return false;
      const WordClass& cls = grammar.classes()[alt.id];
      if (cls.capitalised && !token.capitalised) return false;
      for (const WordInfo::Entry& entry : grammar.word(token.word).entries) {
        if (entry.word_class != alt.id) continue;
        if (cls.slot == Slot::kNumber) {
          slots->AddNumber(entry.value);
        } else if (cls.slot != Slot::kNone) {
          slots->Set(cls.slot, entry.value);
        }
        return true;
      }
      return false;
    }
    case Alternative::Kind::kBuiltin:
      switch (static_cast<Builtin>(alt.id)) {
        case Builtin::kInt:
          if (token.digits < 0) return false;
          slots->AddNumber(token.digits);
          return true;
        case Builtin::kNum:
          if (token.number < 0) return false;
          slots->AddNumber(token.number);
          return true;
        case Builtin::kDay:
          if (token.digits >= 1 && token.digits <= kMaxDay && token.digit_count <= 2) {
            slots->Set(Slot::kDay, token.digits);
            return true;
          }
          if (token.ordinal_day > 0) {
            slots->Set(Slot::kDay, token.ordinal_day);
            return true;
          }
          return false;
        case Builtin::kMonth:
          if (token.digits < 1 || token.digits > kMaxMonth || token.digit_count > 2) return false;
          slots->Set(Slot::kMonth, token.digits);
          return true;
        case Builtin::kYear:
          if (token.digit_count != 4 || token.digits < kMinYear || token.digits > kMaxYear) return false;
          slots->Set(Slot::kYear, token.digits);
          return true;
        case Builtin::kNumDate:
          if (token.numdate[0] == 0) return false;
          slots->Set(Slot::kYear, token.numdate[0]);
          slots->Set(Slot::kMonth, token.numdate[1]);
          slots->Set(Slot::kDay, token.numdate[2]);
          return true;
      }
  }
  return false;
}

bool TimeMatcher::MatchElement(const TimeGrammar& grammar, const Element& element, const TokenView& token,
                               Slots* slots) const {
  for (const Alternative& alt : element.alternatives) {
    if (MatchAlternative(grammar, alt, token, slots)) return true;
  }
  return false;
}

bool TimeMatcher::Step(const TimeGrammar& grammar, const Rule& rule, uint32_t e, uint32_t pos,
                       const StepState& state, TimeMatch* out) const {
  StepState here = state;
  if (e == rule.span_begin) here.span_begin = pos;
  if (e == rule.span_end) here.span_end = pos;
  if (e == rule.elements.size()) {
    out->token_begin = here.span_begin;
    out->token_end = here.span_end;
    // The span's values win; context fills only what the span leaves empty
    // ("[8] e il 9 giugno" is the 8th, of June).
    out->slots = here.span_slots;
    for (size_t s = 0; s < kSlotCount; ++s) {
      Slot slot = static_cast<Slot>(s);
      if (!out->slots.Has(slot) && here.context_slots.Has(slot)) out->slots.Set(slot, here.context_slots.Get(slot));
    }
    return true;
  }
  const Element& element = rule.elements[e];
  const uint32_t n = static_cast<uint32_t>(views_.size());
  if (element.negative) {
    Slots ignored;
    if (pos < n && MatchElement(grammar, element, views_[pos], &ignored)) return false;
    return Step(grammar, rule, e + 1, pos, here, out);
  }
  if (pos < n) {
    StepState taken = here;
    const bool in_span = e >= rule.span_begin && e < rule.span_end;
    if (MatchElement(grammar, element, views_[pos], in_span ? &taken.span_slots : &taken.context_slots) &&
        Step(grammar, rule, e + 1, pos + 1, taken, out)) {
      return true;
    }
  }
  if (element.optional) return Step(grammar, rule, e + 1, pos, here, out);
  return false;
}

void TimeMatcher::TryRule(const TimeGrammar& grammar, uint32_t r, uint32_t start) {
  const Rule& rule = grammar.rules()[r];
  TimeMatch match;
  if (!Step(grammar, rule, 0, start, StepState(), &match)) return;
  while (match.token_begin < match.token_end && views_[match.token_begin].punct) ++match.token_begin;
  while (match.token_end > match.token_begin && views_[match.token_end - 1].punct) --match.token_end;
  if (match.token_end <= match.token_begin) return;
  for (uint32_t t = match.token_begin; t < match.token_end; ++t) {
    if (blocked_[t]) return;
  }
  match.rule = r;
  for (size_t s = 0; s < kSlotCount; ++s) {
    Slot slot = static_cast<Slot>(s);
    if (rule.constants.Has(slot)) match.slots.Set(slot, rule.constants.Get(slot));
  }
  found_.push_back(match);
}

void TimeMatcher::Collect(const TimeGrammar& grammar, bool rejects) {
  found_.clear();
  const uint32_t n = static_cast<uint32_t>(views_.size());
  for (uint32_t start = 0; start < n; ++start) {
    const TokenView& view = views_[start];
    // Only the rules indexed under the token's word, or under numbers, can
    // match from here (TimeGrammar::RulesStartingWith).
    if (view.word != TimeGrammar::kNoWord) {
      for (uint32_t r : grammar.RulesStartingWith(view.word)) {
        if ((grammar.rules()[r].op == TimeOp::kReject) == rejects) TryRule(grammar, r, start);
      }
    }
    if (view.number >= 0 || view.ordinal_day >= 0 || view.numdate[0] != 0) {
      for (uint32_t r : grammar.RulesStartingWithNumber()) {
        if ((grammar.rules()[r].op == TimeOp::kReject) == rejects) TryRule(grammar, r, start);
      }
    }
  }
  // Longest span first, then the rule written first, then the earlier start.
  std::sort(found_.begin(), found_.end(), [](const TimeMatch& a, const TimeMatch& b) {
    uint32_t la = a.token_end - a.token_begin;
    uint32_t lb = b.token_end - b.token_begin;
    if (la != lb) return la > lb;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.token_begin < b.token_begin;
  });
  for (const TimeMatch& match : found_) {
    bool free = true;
    for (uint32_t t = match.token_begin; t < match.token_end; ++t) {
      if (blocked_[t]) { free = false; break; }
    }
    if (!free) continue;
    for (uint32_t t = match.token_begin; t < match.token_end; ++t) blocked_[t] = 1;
    if (!rejects) {
      TimeMatch chosen = match;
      chosen.token_begin += first_token_;
      chosen.token_end += first_token_;
      matches_.push_back(chosen);
    }
  }
}

void TimeMatcher::Match(const TimeGrammar& grammar, const Document& doc, const Sentence& sentence,
                        bool use_pos) {
  matches_.clear();
  BuildViews(grammar, doc, sentence, use_pos);
  blocked_.assign(views_.size(), 0);
  Collect(grammar, /*rejects=*/true);
  Collect(grammar, /*rejects=*/false);
  std::sort(matches_.begin(), matches_.end(),
            [](const TimeMatch& a, const TimeMatch& b) { return a.token_begin < b.token_begin; });
}

Tense TimeMatcher::TenseAt(const TimeGrammar& grammar, const TimeMatch& match) const {
  const uint32_t begin = match.token_begin - first_token_;
  const uint32_t end = match.token_end - first_token_;
  const uint32_t window = grammar.settings().tense_weak_window;
  for (uint32_t t = begin; t > 0; --t) {
    const TokenView& cue = views_[t - 1];
    if (cue.tense == Tense::kNone) continue;
    if (!cue.weak_tense) return cue.tense;
    // A weak cue: a decisive one just before it wins ("will be held").
    for (uint32_t back = 1; back <= window && back < t; ++back) {
      const TokenView& before = views_[t - 1 - back];
      if (before.punct) break;
      if (before.tense != Tense::kNone && !before.weak_tense) return before.tense;
    }
    return cue.tense;
  }
  const uint32_t limit = std::min<uint32_t>(static_cast<uint32_t>(views_.size()),
                                            end + grammar.settings().tense_lookahead);
  for (uint32_t t = end; t < limit && !views_[t].punct; ++t) {
    if (views_[t].tense != Tense::kNone) return views_[t].tense;
  }
  return Tense::kNone;
}

}  // namespace cronaca::timex
