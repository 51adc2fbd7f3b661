// TimeGrammar: one language's time-expression grammar, read from
// resources/<lang>/time.txt and compiled once.
//
//   Result<TimeGrammar> g = TimeGrammar::Load(ResourceDir() / "it" / "time.txt");
//   if (!g.ok()) return g.status();        // "…/time.txt:42: unknown class '@mese'"
//   uint32_t id = g->FindWord("giovedì");  // kNoWord if the grammar never names it
//
// All the language knowledge of the time tagger lives in these files: the
// words (months, weekdays, numbers, units, relative words, parts of periods),
// the token patterns, and the normalising operation each pattern maps to. The
// code (time_matcher, time_resolver, time_tagger) is language-neutral: adding
// a language is adding resources/<lang>/time.txt.
//
// THE FILE FORMAT
// ---------------
// UTF-8 text. A line whose first character is '#' is a comment, and so is
// the rest of a line from a '#' with a space on both sides (so "#year" in a
// pattern is not a comment, " # why" after it is). Blank lines are ignored.
// The file is divided into sections, each opened by a line "[name]":
//
// [settings]   "key = value" lines:
//   weekday_includes_today = yes|no   a bare weekday read in the past (or
//       future) direction may be the publication day itself ("on Monday" in
//       a Monday dispatch). Default no: the same weekday means a week away.
//   numeric_date_order = dmy|mdy|ymd  field order of a one-token numeric date
//       ("3.7.2025", matched by #numdate); if the order gives an impossible
//       date, the day and month are swapped. Default dmy.
//   compound_numbers = yes|no         a number word not in the lexicon may be
//       a tens word followed by a unit word written as one word, the tens word
//       possibly losing its final vowel ("ventiquattro" = venti + quattro,
//       "trentuno" = trent(a) + uno). Default no.
//   ordinal_suffixes = st nd rd th    letters that may follow the digits of a
//       day ("3rd"); space-separated. Default none.
//   tense_lookahead = N               tokens after an expression searched for a
//       tense cue when none precedes it in the sentence; the search also
//       stops at punctuation. Default 2.
//   tense_weak_window = N             how far before a weak tense cue a
//       decisive one overrides it. Default 2.
//
// [classes]    "name slot [capitalised]" lines declare word classes. The slot
//   is what a word of the class fills when a pattern matches it:
//     year month day weekday number   integers (weekday: 1 = Monday ... 7)
//     unit     a unit name: second minute hour day week month year decade century
//     offset   a signed integer: -1 "ieri", "scorso"; 0 "oggi"; 1 "domani"
//     half     1: the word adds half a unit ("mezzo", "half")
//     part     an integer naming a part of a period (1 start, 2 middle,
//              3 end); informative only: the value of "metà giugno" is the
//              month, 2025-06, as the gold format asks
//     none     the class is a plain word set (contexts, age nouns)
//   "capitalised" makes the class match only capitalised tokens (English
//   "May" the month, not "may" the verb).
//
// [lexicon]    "class word [value]" lines: one word (no spaces; lower case is
//   not required, matching ignores case) and, for a class with a slot other
//   than none, its value. A word may belong to several classes.
//
// [tense]      "LIST word word ..." lines, LIST one of future, past,
//   future_weak, past_weak, future_suffix, past_suffix: cues for the
//   direction of an expression whose value depends on it (a bare weekday, a
//   date or month without a year). The tagger looks for the nearest cue
//   before the expression in its sentence, then up to tense_lookahead tokens
//   after it (not past punctuation); without a cue the past is presumed
//   (news reports what happened), more weakly (time_resolver.h). A weak cue
//   (a participle such as "held", which serves "was held" and "will be held"
//   alike, and every suffix cue) gives way to a decisive cue found at most
//   tense_weak_window tokens before it. Suffix cues apply only to lower-case
//   words (and, when morphology ran, only to verbs and auxiliaries).
//
// [rules]      "id : pattern => operation [key=value ...]" lines.
//   The pattern is a sequence of space-separated elements, each matching one
//   token (case-insensitive) unless marked:
//     word         that word ("nel", "all'", "-", "/")
//     @class       a word of the class; fills the class's slot
//     #int         a token of ASCII digits; fills number
//     #num         #int, digits with thousands separators ("1.000", "1,000"),
//                  a word of a class with the number slot, or a compound
//                  number word; fills number
//     #day         digits 1..31, optionally followed by an ordinal suffix
//                  ("3rd"); fills day
//     #month       digits 1..12; fills month
//     #year        four digits 1000..2999; fills year
//     #numdate     one token "d.m.yyyy" (see numeric_date_order); fills
//                  year, month and day
//     a|b|@c       any of the alternatives
//     x?           optional (tried first with, then without)
//     !x           zero-width: the next token (if any) is not x
//     [ ... ]      the span: the tokens a human annotator marks. Elements
//                  outside the brackets are context that must match but is
//                  not part of the expression (the preposition of "nel 2022",
//                  the "on" of "on Monday"). Without brackets the whole match
//                  is the span. A span must contain a non-optional element,
//                  and never starts or ends with a punctuation token (the
//                  optional "," of "2 July, 2025" is dropped when no year
//                  follows).
//   When two elements of one match fill the number slot, the numbers are
//   added ("twenty - four" is 24); every other slot keeps the last value.
//   Context elements fill only the slots the span leaves empty: in
//   "[#day] e il? #day @month" the day is the first one, the month the
//   context's ("l'8 e il 9 giugno" gives 8 June for "8").
//   Operations (time_resolver.h says exactly how each computes its value):
//     date       year/month/day as far as known; a missing year is the one
//                nearest the publication date, a distance against the
//                sentence's tense counting more;
//                part-of-period words keep the period ("inizio del 2020" = 2020)
//     weekday    the weekday nearest the publication date in the tense's
//                direction, or in the direction of an offset slot ("lunedì
//                scorso"); gran=week gives its ISO week ("the weekend")
//     relday     publication date + offset days ("ieri")
//     refday     reference date + offset days ("the previous day", "in
//                serata"): the last day-precise date found before it in the
//                document, else the publication date
//     relunit    the calendar unit holding publication date + offset units
//                ("il mese scorso" = 2025-06; "next week" = 2025-W28)
//     shift      publication date moved sign=-1|1 times number units, at the
//                unit's precision ("two days ago", "tre anni fa")
//     duration   number (default 1) units, plus half a unit with the half
//                slot: P12D, PT1H, PT1H30M, P10Y
//     none       a time expression whose value is not computed
//     reject     not a time expression: its span's tokens are taken by no
//                other rule ("ragazzo di 20 anni", "a 20-year-old")
//   key=value after the operation sets a slot to a constant, which wins over
//   a captured value ("offset=-2", "unit=hour", "month=12 day=25",
//   "number=0" for "half an hour"), or a parameter: gran=week (weekday only:
//   the value is the day's ISO week, "the weekend"), sign=-1|1 (shift),
//   tense=past|future (the direction, whatever the sentence's cues: "by
//   Friday" is ahead, "since Friday" behind).
//   The loader checks that the operation can find the slots it needs.
//
// Choosing among matches: reject rules run first. Then, among all matches in
// a sentence, the longest span wins; on equal length the rule written first
// wins; chosen spans never overlap.
//
// A TimeGrammar is immutable after Load/Parse: thread-safe to share, copyable
// and movable (it is plain data).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace cronaca::timex {

// What a matched token fills. kCount is the number of slots.
enum class Slot : uint8_t {
  kYear = 0, kMonth, kDay, kWeekday, kNumber, kUnit, kOffset, kHalf, kPart, kNone, kCount = kNone,
};
inline constexpr size_t kSlotCount = static_cast<size_t>(Slot::kCount);
const char* SlotName(Slot slot);

enum class TimeUnit : uint8_t {
  kNone = 0, kSecond, kMinute, kHour, kDay, kWeek, kMonth, kYear, kDecade, kCentury,
};
const char* TimeUnitName(TimeUnit unit);

enum class TimeOp : uint8_t {
  kDate = 0, kWeekday, kRelDay, kRefDay, kRelUnit, kShift, kDuration, kNone, kReject,
};
const char* TimeOpName(TimeOp op);

enum class Granularity : uint8_t { kDefault = 0, kWeek };

enum class Tense : uint8_t { kNone = 0, kPast, kFuture };

// The values captured by a match, by slot. Small and copied by value while
// matching backtracks.
struct Slots {
  std::array<int64_t, kSlotCount> value{};
  uint16_t set = 0;

  bool Has(Slot slot) const { return set & (1u << static_cast<unsigned>(slot)); }
  int64_t Get(Slot slot) const { return value[static_cast<size_t>(slot)]; }
  void Set(Slot slot, int64_t v) {
    value[static_cast<size_t>(slot)] = v;
    set = static_cast<uint16_t>(set | (1u << static_cast<unsigned>(slot)));
  }
  // A second number in one match adds to the first: "twenty - four".
  void AddNumber(int64_t v) { Set(Slot::kNumber, Has(Slot::kNumber) ? Get(Slot::kNumber) + v : v); }
};

enum class Builtin : uint8_t { kInt = 0, kNum, kDay, kMonth, kYear, kNumDate };

// One alternative of a pattern element.
struct Alternative {
  enum class Kind : uint8_t { kWord, kClass, kBuiltin };
  Kind kind = Kind::kWord;
  uint32_t id = 0;  // word id, class id or Builtin
};

struct Element {
  std::vector<Alternative> alternatives;
  bool optional = false;
  bool negative = false;  // zero-width "!x"
};

struct Rule {
  std::string id;        // "time.it.date.dmy": language and the file's id
  std::vector<Element> elements;
  uint32_t span_begin = 0;  // elements [span_begin, span_end) are the span
  uint32_t span_end = 0;
  TimeOp op = TimeOp::kNone;
  Slots constants;          // key=value slot settings
  Granularity granularity = Granularity::kDefault;
  int sign = 0;             // shift: -1 or 1
  Tense tense = Tense::kNone;  // tense=past|future: overrides the sentence's cues
  size_t line = 0;
};

struct WordClass {
  std::string name;
  Slot slot = Slot::kNone;
  bool capitalised = false;
};

// What the grammar knows about one word (lower case).
struct WordInfo {
  struct Entry {
    uint32_t word_class = 0;
    int64_t value = 0;
  };
  std::vector<Entry> entries;  // its classes, with values
  Tense tense = Tense::kNone;  // a tense cue
  bool weak_tense = false;     // the cue yields to a decisive one just before it
  std::vector<uint32_t> starting_rules;  // see TimeGrammar::RulesStartingWith
};

struct TimeSettings {
  bool weekday_includes_today = false;
  enum class DateOrder : uint8_t { kDmy, kMdy, kYmd } numeric_date_order = DateOrder::kDmy;
  bool compound_numbers = false;
  std::vector<std::string> ordinal_suffixes;
  uint32_t tense_lookahead = 2;
  uint32_t tense_weak_window = 2;
};

class TimeGrammar {
 public:
  static constexpr uint32_t kNoWord = UINT32_MAX;

  // Reads and compiles a grammar file; errors name the file and line.
  static Result<TimeGrammar> Load(const std::filesystem::path& path);
  // The same from text; `file_name` is used in error messages and `lang` in
  // rule ids ("time.<lang>.<id>").
  static Result<TimeGrammar> Parse(std::string_view text, const std::string& file_name,
                                   const std::string& lang);

  // The id of a lower-case word, or kNoWord.
  uint32_t FindWord(std::string_view lower) const;
  const WordInfo& word(uint32_t id) const { return words_[id]; }
  const std::vector<WordClass>& classes() const { return classes_; }
  const std::vector<Rule>& rules() const { return rules_; }
  const TimeSettings& settings() const { return settings_; }
  // The rules whose first token can be this word (a literal or a class
  // member), and the rules whose first token can be a number (#int, #num,
  // #day, ...). Every rule that can match starting at a token is in one of
  // the two lists for it; the lists are in rule order.
  const std::vector<uint32_t>& RulesStartingWith(uint32_t word) const { return words_[word].starting_rules; }
  const std::vector<uint32_t>& RulesStartingWithNumber() const { return number_starting_rules_; }
  // Suffix cues, longest first.
  const std::vector<std::pair<std::string, Tense>>& tense_suffixes() const { return tense_suffixes_; }
  // Whether any class fills the number slot with this word's entries.
  bool IsNumberClass(uint32_t class_id) const { return classes_[class_id].slot == Slot::kNumber; }
  // The value of a number word (any class with the number slot), or -1.
  int64_t NumberWordValue(uint32_t word) const;

 private:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };

  uint32_t InternWord(std::string_view lower);
  // Fills starting_rules and number_starting_rules_ once all rules are read.
  void IndexRuleStarts();

  friend class GrammarParser;
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> word_ids_;
  std::vector<WordInfo> words_;
  std::vector<WordClass> classes_;
  std::vector<Rule> rules_;
  std::vector<std::pair<std::string, Tense>> tense_suffixes_;
  std::vector<uint32_t> number_starting_rules_;
  TimeSettings settings_;
};

// Lower-cases UTF-8 text (full Unicode simple case mapping) into `out`,
// replacing its contents. Used for grammar words and tokens alike.
void LowerInto(std::string_view text, std::string* out);

}  // namespace cronaca::timex
