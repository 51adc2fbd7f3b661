#include "extract/time/time_grammar.h"

#include "common/resource_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "common/resources.h"

namespace cronaca::timex {

namespace {

constexpr const char* kSlotNames[] = {"year", "month", "day",    "weekday", "number",
                                      "unit", "offset", "half", "part"};
constexpr const char* kUnitNames[] = {"",    "second", "minute", "hour",   "day",
                                      "week", "month", "year",  "decade", "century"};
constexpr const char* kOpNames[] = {"date",  "weekday",  "relday", "refday", "relunit",
                                    "shift", "duration", "none",   "reject"};
constexpr const char* kBuiltinNames[] = {"int", "num", "day", "month", "year", "numdate"};

// The slots each builtin fills.
uint16_t BuiltinSlots(Builtin builtin) {
  auto bit = [](Slot s) { return static_cast<uint16_t>(1u << static_cast<unsigned>(s)); };
  switch (builtin) {
    case Builtin::kInt:
    case Builtin::kNum: return bit(Slot::kNumber);
    case Builtin::kDay: return bit(Slot::kDay);
    case Builtin::kMonth: return bit(Slot::kMonth);
    case Builtin::kYear: return bit(Slot::kYear);
    case Builtin::kNumDate: return bit(Slot::kYear) | bit(Slot::kMonth) | bit(Slot::kDay);
  }
  return 0;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Removes a comment: '#' at the start of the line, or '#' preceded by a space
// and followed by a space or the end of the line.
std::string_view StripComment(std::string_view line) {
  std::string_view trimmed = Trim(line);
  if (!trimmed.empty() && trimmed.front() == '#') return {};
  for (size_t i = 1; i < line.size(); ++i) {
    if (line[i] != '#') continue;
    bool space_before = line[i - 1] == ' ' || line[i - 1] == '\t';
    bool space_after = i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\t';
    if (space_before && space_after) return Trim(line.substr(0, i));
  }
  return trimmed;
}

std::optional<int64_t> ParseInt(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

template <size_t N>
int IndexOf(const char* const (&names)[N], std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (name == names[i]) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

const char* SlotName(Slot slot) {
  return slot == Slot::kNone ? "none" : kSlotNames[static_cast<size_t>(slot)];
}
const char* TimeUnitName(TimeUnit unit) { return kUnitNames[static_cast<size_t>(unit)]; }
const char* TimeOpName(TimeOp op) { return kOpNames[static_cast<size_t>(op)]; }

void LowerInto(std::string_view text, std::string* out) {
  out->clear();
  int32_t i = 0;
  const int32_t length = static_cast<int32_t>(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  while (i < length) {
    if (bytes[i] < 0x80) {
      char c = static_cast<char>(bytes[i++]);
      out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) c = 0xFFFD;
    c = u_tolower(c);
    char buf[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buf), n, c);
    out->append(buf, static_cast<size_t>(n));
  }
}

uint32_t TimeGrammar::FindWord(std::string_view lower) const {
  auto it = word_ids_.find(lower);
  return it == word_ids_.end() ? kNoWord : it->second;
}

uint32_t TimeGrammar::InternWord(std::string_view lower) {
  auto it = word_ids_.find(lower);
  if (it != word_ids_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(words_.size());
  words_.emplace_back();
  word_ids_.emplace(std::string(lower), id);
  return id;
}

void TimeGrammar::IndexRuleStarts() {
  // Members of each class, to expand @class alternatives.
  std::vector<std::vector<uint32_t>> members(classes_.size());
  for (uint32_t w = 0; w < words_.size(); ++w) {
    for (const WordInfo::Entry& entry : words_[w].entries) members[entry.word_class].push_back(w);
  }
  auto add = [](std::vector<uint32_t>* list, uint32_t rule) {
    if (list->empty() || list->back() != rule) list->push_back(rule);
  };
  for (uint32_t r = 0; r < rules_.size(); ++r) {
    // The first token is matched by the first element that is neither
    // optional nor zero-width, or by an optional one before it.
    for (const Element& element : rules_[r].elements) {
      if (!element.negative) {
        for (const Alternative& alt : element.alternatives) {
          switch (alt.kind) {
            case Alternative::Kind::kWord: add(&words_[alt.id].starting_rules, r); break;
            case Alternative::Kind::kClass:
              for (uint32_t w : members[alt.id]) add(&words_[w].starting_rules, r);
              break;
            case Alternative::Kind::kBuiltin: add(&number_starting_rules_, r); break;
          }
        }
      }
      if (!element.optional && !element.negative) break;
    }
  }
  // A number word can start a #num rule too: the matcher tries both lists,
  // so a rule may be listed for a word and for numbers; it then runs twice
  // at that token and finds the same match, which selection discards.
}

int64_t TimeGrammar::NumberWordValue(uint32_t word) const {
  if (word == kNoWord) return -1;
  for (const WordInfo::Entry& entry : words_[word].entries) {
    if (classes_[entry.word_class].slot == Slot::kNumber) return entry.value;
  }
  return -1;
}

// Reads the sections of a grammar file into a TimeGrammar. One parser per file.
class GrammarParser {
 public:
  GrammarParser(std::string file_name, std::string lang)
      : file_name_(std::move(file_name)), lang_(std::move(lang)) {}

  Result<TimeGrammar> Parse(std::string_view text) {
    // Pass 1: split into sections, remembering line numbers.
    std::string section;
    size_t line_no = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = StripComment(text.substr(pos, nl - pos));
      ++line_no;
      pos = nl + 1;
      if (!line.empty()) {
        if (line.front() == '[' && line.back() == ']' && line.find(' ') == std::string_view::npos) {
          section = std::string(line.substr(1, line.size() - 2));
          static const std::set<std::string, std::less<>> kSections = {
              "settings", "classes", "lexicon", "tense", "rules"};
          if (!kSections.count(section)) return Error(line_no, "unknown section [" + section + "]");
        } else if (section.empty()) {
          return Error(line_no, "a line before the first [section]");
        } else {
          lines_[section].push_back({line, line_no});
        }
      }
      if (nl == text.size()) break;
    }
    // Pass 2: in dependency order, so sections may appear in any order.
    for (const auto& [line, no] : lines_["settings"]) CRONACA_RETURN_IF_ERROR(ParseSetting(line, no));
    for (const auto& [line, no] : lines_["classes"]) CRONACA_RETURN_IF_ERROR(ParseClass(line, no));
    for (const auto& [line, no] : lines_["lexicon"]) CRONACA_RETURN_IF_ERROR(ParseLexicon(line, no));
    for (const auto& [line, no] : lines_["tense"]) CRONACA_RETURN_IF_ERROR(ParseTense(line, no));
    for (const auto& [line, no] : lines_["rules"]) CRONACA_RETURN_IF_ERROR(ParseRule(line, no));
    if (grammar_.rules_.empty()) return Error(line_no, "no [rules]");
    grammar_.IndexRuleStarts();
    std::stable_sort(grammar_.tense_suffixes_.begin(), grammar_.tense_suffixes_.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    return std::move(grammar_);
  }

 private:
  struct Line {
    std::string_view text;
    size_t no;
  };

  Status Error(size_t line_no, const std::string& why) const {
    return Status(StatusCode::kResourceError, file_name_ + ":" + std::to_string(line_no) + ": " + why);
  }

  Status ParseSetting(std::string_view line, size_t no) {
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) return Error(no, "expected 'key = value'");
    std::string_view key = Trim(line.substr(0, eq));
    std::string_view value = Trim(line.substr(eq + 1));
    TimeSettings& s = grammar_.settings_;
    auto yes_no = [&](bool* out) -> Status {
      if (value != "yes" && value != "no") return Error(no, std::string(key) + " must be yes or no");
      *out = value == "yes";
      return Status::Ok();
    };
    if (key == "weekday_includes_today") return yes_no(&s.weekday_includes_today);
    if (key == "compound_numbers") return yes_no(&s.compound_numbers);
    if (key == "numeric_date_order") {
      if (value == "dmy") s.numeric_date_order = TimeSettings::DateOrder::kDmy;
      else if (value == "mdy") s.numeric_date_order = TimeSettings::DateOrder::kMdy;
      else if (value == "ymd") s.numeric_date_order = TimeSettings::DateOrder::kYmd;
      else return Error(no, "numeric_date_order must be dmy, mdy or ymd");
      return Status::Ok();
    }
    if (key == "ordinal_suffixes") {
      for (std::string_view suffix : SplitWords(value)) s.ordinal_suffixes.emplace_back(suffix);
      return Status::Ok();
    }
    if (key == "tense_lookahead" || key == "tense_weak_window") {
      std::optional<int64_t> n = ParseInt(value);
      constexpr int64_t kMaxWindow = 20;
      if (!n || *n < 0 || *n > kMaxWindow) return Error(no, std::string(key) + " must be 0..20");
      (key == "tense_lookahead" ? s.tense_lookahead : s.tense_weak_window) = static_cast<uint32_t>(*n);
      return Status::Ok();
    }
    return Error(no, "unknown setting '" + std::string(key) + "'");
  }

  Status ParseClass(std::string_view line, size_t no) {
    std::vector<std::string_view> fields = SplitWords(line);
    if (fields.size() < 2 || fields.size() > 3) return Error(no, "expected 'name slot [capitalised]'");
    WordClass cls;
    cls.name = std::string(fields[0]);
    if (class_ids_.count(cls.name)) return Error(no, "class '" + cls.name + "' declared twice");
    if (fields[1] == "none") {
      cls.slot = Slot::kNone;
    } else {
      int slot = IndexOf(kSlotNames, fields[1]);
      if (slot < 0) return Error(no, "unknown slot '" + std::string(fields[1]) + "'");
      cls.slot = static_cast<Slot>(slot);
    }
    if (fields.size() == 3) {
      if (fields[2] != "capitalised") return Error(no, "unknown class flag '" + std::string(fields[2]) + "'");
      cls.capitalised = true;
    }
    class_ids_.emplace(cls.name, static_cast<uint32_t>(grammar_.classes_.size()));
    grammar_.classes_.push_back(std::move(cls));
    return Status::Ok();
  }

  // Parses a slot value: a unit name for the unit slot, else an integer.
  Status ParseSlotValue(Slot slot, std::string_view text, size_t no, int64_t* out) const {
    if (slot == Slot::kUnit) {
      int unit = IndexOf(kUnitNames, text);
      if (unit <= 0) return Error(no, "unknown unit '" + std::string(text) + "'");
      *out = unit;
      return Status::Ok();
    }
    std::optional<int64_t> value = ParseInt(text);
    if (!value) return Error(no, "'" + std::string(text) + "' is not an integer");
    auto out_of_range = [&](int64_t lo, int64_t hi) {
      return *value < lo || *value > hi;
    };
    constexpr int64_t kMaxYear = 9999;
    constexpr int64_t kMaxOffset = 1000;
    if ((slot == Slot::kMonth && out_of_range(1, 12)) || (slot == Slot::kDay && out_of_range(1, 31)) ||
        (slot == Slot::kWeekday && out_of_range(1, 7)) || (slot == Slot::kYear && out_of_range(1, kMaxYear)) ||
        (slot == Slot::kHalf && out_of_range(0, 1)) || (slot == Slot::kNumber && *value < 0) ||
        (slot == Slot::kOffset && out_of_range(-kMaxOffset, kMaxOffset))) {
      return Error(no, std::string("value out of range for slot ") + SlotName(slot) + ": " + std::string(text));
    }
    *out = *value;
    return Status::Ok();
  }

  Status ParseLexicon(std::string_view line, size_t no) {
    std::vector<std::string_view> fields = SplitWords(line);
    if (fields.size() < 2 || fields.size() > 3) return Error(no, "expected 'class word [value]'");
    auto it = class_ids_.find(fields[0]);
    if (it == class_ids_.end()) return Error(no, "unknown class '" + std::string(fields[0]) + "'");
    const WordClass& cls = grammar_.classes_[it->second];
    WordInfo::Entry entry;
    entry.word_class = it->second;
    if (cls.slot == Slot::kNone) {
      if (fields.size() == 3) return Error(no, "class '" + cls.name + "' has no slot: no value expected");
    } else {
      if (fields.size() != 3) return Error(no, "class '" + cls.name + "' needs a value");
      CRONACA_RETURN_IF_ERROR(ParseSlotValue(cls.slot, fields[2], no, &entry.value));
    }
    LowerInto(fields[1], &scratch_);
    WordInfo& info = grammar_.words_[grammar_.InternWord(scratch_)];
    for (const WordInfo::Entry& e : info.entries) {
      if (e.word_class == entry.word_class) {
        return Error(no, "'" + scratch_ + "' is already in class '" + cls.name + "'");
      }
    }
    info.entries.push_back(entry);
    return Status::Ok();
  }

  Status ParseTense(std::string_view line, size_t no) {
    std::vector<std::string_view> fields = SplitWords(line);
    if (fields.size() < 2) return Error(no, "expected 'LIST word ...' (future, past, future_weak, past_weak, future_suffix, past_suffix)");
    Tense tense;
    bool suffix = false;
    bool weak = false;
    if (fields[0] == "future") { tense = Tense::kFuture; }
    else if (fields[0] == "past") { tense = Tense::kPast; }
    else if (fields[0] == "future_weak") { tense = Tense::kFuture; weak = true; }
    else if (fields[0] == "past_weak") { tense = Tense::kPast; weak = true; }
    else if (fields[0] == "future_suffix") { tense = Tense::kFuture; suffix = true; }
    else if (fields[0] == "past_suffix") { tense = Tense::kPast; suffix = true; }
    else return Error(no, "unknown tense list '" + std::string(fields[0]) + "'");
    for (size_t i = 1; i < fields.size(); ++i) {
      LowerInto(fields[i], &scratch_);
      if (suffix) {
        grammar_.tense_suffixes_.emplace_back(scratch_, tense);
        continue;
      }
      WordInfo& info = grammar_.words_[grammar_.InternWord(scratch_)];
      if (info.tense != Tense::kNone) return Error(no, "'" + scratch_ + "' is already a tense cue");
      info.tense = tense;
      info.weak_tense = weak;
    }
    return Status::Ok();
  }

  // Parses one pattern alternative ("nel", "@month", "#year").
  Status ParseAlternative(std::string_view text, size_t no, Alternative* alt, uint16_t* slots) {
    if (text.empty()) return Error(no, "empty alternative in a pattern");
    if (text.front() == '@') {
      auto it = class_ids_.find(text.substr(1));
      if (it == class_ids_.end()) return Error(no, "unknown class '" + std::string(text) + "'");
      alt->kind = Alternative::Kind::kClass;
      alt->id = it->second;
      Slot slot = grammar_.classes_[it->second].slot;
      if (slot != Slot::kNone) *slots |= static_cast<uint16_t>(1u << static_cast<unsigned>(slot));
      return Status::Ok();
    }
    if (text.front() == '#' && text.size() > 1) {
      int builtin = IndexOf(kBuiltinNames, text.substr(1));
      if (builtin < 0) return Error(no, "unknown builtin '" + std::string(text) + "'");
      alt->kind = Alternative::Kind::kBuiltin;
      alt->id = static_cast<uint32_t>(builtin);
      *slots |= BuiltinSlots(static_cast<Builtin>(builtin));
      return Status::Ok();
    }
    std::string word;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\\' && i + 1 < text.size()) ++i;
      word.push_back(text[i]);
    }
    LowerInto(word, &scratch_);
    alt->kind = Alternative::Kind::kWord;
    alt->id = grammar_.InternWord(scratch_);
    return Status::Ok();
  }

  Status ParseRule(std::string_view line, size_t no) {
    std::vector<std::string_view> fields = SplitWords(line);
    if (fields.size() < 4 || fields[1] != ":") return Error(no, "expected 'id : pattern => operation'");
    Rule rule;
    rule.line = no;
    rule.id = "time." + lang_ + "." + std::string(fields[0]);
    if (!rule_ids_.insert(rule.id).second) return Error(no, "rule id '" + std::string(fields[0]) + "' used twice");
    size_t arrow = 0;
    for (size_t i = 2; i < fields.size(); ++i) {
      if (fields[i] == "=>") { arrow = i; break; }
    }
    if (arrow == 0 || arrow == 2) return Error(no, "a rule needs a pattern and '=> operation'");
    if (arrow + 1 >= fields.size()) return Error(no, "missing operation after '=>'");

    // The pattern.
    uint16_t reachable = 0;
    int span_begin = -1;
    int span_end = -1;
    for (size_t i = 2; i < arrow; ++i) {
      std::string_view token = fields[i];
      bool opens = false;
      bool closes = false;
      if (token.size() > 1 && token.front() == '[') { opens = true; token.remove_prefix(1); }
      else if (token == "[") { opens = true; token = {}; }
      if (token.size() > 1 && token.back() == ']' && (token.size() < 2 || token[token.size() - 2] != '\\')) {
        closes = true;
        token.remove_suffix(1);
      } else if (token == "]") {
        closes = true;
        token = {};
      }
      if (opens) {
        if (span_begin >= 0) return Error(no, "a pattern has one span '[ ... ]'");
        span_begin = static_cast<int>(rule.elements.size());
      }
      if (!token.empty()) {
        Element element;
        if (token.size() > 1 && token.front() == '!') { element.negative = true; token.remove_prefix(1); }
        if (token.size() > 1 && token.back() == '?' && token[token.size() - 2] != '\\') {
          element.optional = true;
          token.remove_suffix(1);
        }
        if (element.negative && element.optional) return Error(no, "'!x?' makes no sense");
        size_t start = 0;
        while (start <= token.size()) {
          size_t bar = token.find('|', start);
          if (bar == std::string_view::npos) bar = token.size();
          Alternative alt;
          uint16_t alt_slots = 0;
          CRONACA_RETURN_IF_ERROR(ParseAlternative(token.substr(start, bar - start), no, &alt, &alt_slots));
          if (!element.negative) reachable |= alt_slots;
          element.alternatives.push_back(alt);
          start = bar + 1;
          if (bar == token.size()) break;
        }
        rule.elements.push_back(std::move(element));
      }
      if (closes) {
        if (span_begin < 0 || span_end >= 0) return Error(no, "unbalanced ']'");
        span_end = static_cast<int>(rule.elements.size());
      }
    }
    if (span_begin >= 0 && span_end < 0) return Error(no, "unclosed '['");
    if (span_begin < 0) {
      span_begin = 0;
      span_end = static_cast<int>(rule.elements.size());
    }
    rule.span_begin = static_cast<uint32_t>(span_begin);
    rule.span_end = static_cast<uint32_t>(span_end);
    bool has_mandatory = false;
    for (uint32_t e = rule.span_begin; e < rule.span_end; ++e) {
      const Element& element = rule.elements[e];
      if (!element.optional && !element.negative) has_mandatory = true;
    }
    if (!has_mandatory) return Error(no, "the span '[ ... ]' needs an element that is not optional");

    // The operation and its arguments.
    int op = IndexOf(kOpNames, fields[arrow + 1]);
    if (op < 0) return Error(no, "unknown operation '" + std::string(fields[arrow + 1]) + "'");
    rule.op = static_cast<TimeOp>(op);
    for (size_t i = arrow + 2; i < fields.size(); ++i) {
      std::string_view arg = fields[i];
      size_t eq = arg.find('=');
      if (eq == std::string_view::npos || eq == 0 || eq + 1 == arg.size()) {
        return Error(no, "expected key=value, got '" + std::string(arg) + "'");
      }
      std::string_view key = arg.substr(0, eq);
      std::string_view value = arg.substr(eq + 1);
      if (key == "gran") {
        if (value != "week") return Error(no, "gran must be week");
        if (static_cast<TimeOp>(op) != TimeOp::kWeekday) return Error(no, "gran=week is for the weekday operation");
        rule.granularity = Granularity::kWeek;
        continue;
      }
      if (key == "tense") {
        if (value == "past") rule.tense = Tense::kPast;
        else if (value == "future") rule.tense = Tense::kFuture;
        else return Error(no, "tense must be past or future");
        continue;
      }
      if (key == "sign") {
        if (value == "-1") rule.sign = -1;
        else if (value == "1" || value == "+1") rule.sign = 1;
        else return Error(no, "sign must be -1 or 1");
        continue;
      }
      int slot = IndexOf(kSlotNames, key);
      if (slot < 0) return Error(no, "unknown argument '" + std::string(key) + "'");
      int64_t v = 0;
      CRONACA_RETURN_IF_ERROR(ParseSlotValue(static_cast<Slot>(slot), value, no, &v));
      rule.constants.Set(static_cast<Slot>(slot), v);
    }
    reachable |= rule.constants.set;
    CRONACA_RETURN_IF_ERROR(CheckOperation(rule, reachable, no));
    grammar_.rules_.push_back(std::move(rule));
    return Status::Ok();
  }

  // The operation must be able to find the slots it needs.
  Status CheckOperation(const Rule& rule, uint16_t reachable, size_t no) const {
    auto has = [&](Slot s) { return (reachable & (1u << static_cast<unsigned>(s))) != 0; };
    auto need = [&](Slot s) -> Status {
      if (has(s)) return Status::Ok();
      return Error(no, std::string("operation '") + TimeOpName(rule.op) + "' needs the " + SlotName(s) +
                           " slot, which no element of the pattern fills");
    };
    switch (rule.op) {
      case TimeOp::kDate:
        if (!has(Slot::kYear) && !has(Slot::kMonth) && !has(Slot::kDay)) {
          return Error(no, "operation 'date' needs a year, month or day slot");
        }
        return Status::Ok();
      case TimeOp::kWeekday: return need(Slot::kWeekday);
      case TimeOp::kRelDay:
      case TimeOp::kRefDay: return need(Slot::kOffset);
      case TimeOp::kRelUnit:
        CRONACA_RETURN_IF_ERROR(need(Slot::kUnit));
        return need(Slot::kOffset);
      case TimeOp::kShift:
        if (rule.sign == 0) return Error(no, "operation 'shift' needs sign=-1 or sign=1");
        return need(Slot::kUnit);
      case TimeOp::kDuration: return need(Slot::kUnit);
      case TimeOp::kNone:
      case TimeOp::kReject: return Status::Ok();
    }
    return Status::Ok();
  }

  std::string file_name_;
  std::string lang_;
  TimeGrammar grammar_;
  std::unordered_map<std::string, std::vector<Line>> lines_;
  std::map<std::string, uint32_t, std::less<>> class_ids_;
  std::set<std::string> rule_ids_;
  std::string scratch_;
};

Result<TimeGrammar> TimeGrammar::Parse(std::string_view text, const std::string& file_name,
                                       const std::string& lang) {
  GrammarParser parser(file_name, lang);
  return parser.Parse(text);
}

Result<TimeGrammar> TimeGrammar::Load(const std::filesystem::path& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return Parse(*text, path.string(), path.parent_path().filename().string());
}

}  // namespace cronaca::timex
