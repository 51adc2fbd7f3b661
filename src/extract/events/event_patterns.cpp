#include "extract/events/event_patterns.h"

#include <set>

namespace cronaca {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    std::string_view piece = Trim(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    out.emplace_back(piece);
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

const char* SlotKindName(SlotKind kind) {
  switch (kind) {
    case SlotKind::kNone: return "NONE";
    case SlotKind::kSubject: return "SUBJ";
    case SlotKind::kObject: return "OBJ";
    case SlotKind::kPrep: return "PREP";
    case SlotKind::kAgent: return "AGENT";
    case SlotKind::kGenitive: return "GEN";
    case SlotKind::kBetweenFirst: return "BETWEEN1";
    case SlotKind::kBetweenSecond: return "BETWEEN2";
    case SlotKind::kPair: return "PAIR";
  }
  return "?";
}

Result<EventRules> ParseEventRules(std::string_view text, const std::string& file_name, const CameoTable& cameo) {
  EventRules rules;
  rules.file = file_name;
  const std::unordered_map<std::string, std::vector<std::string>*> lists = {
      {"negation", &rules.negation}, {"alleged", &rules.alleged},     {"intent", &rules.intent}, {"intent_ending", &rules.intent_ending},
      {"clitic", &rules.clitic},     {"enclitic", &rules.enclitic},     {"coord", &rules.coord},         {"boundary", &rules.boundary},
      {"nonsubject", &rules.nonsubject}, {"agent", &rules.agent},     {"genitive", &rules.genitive},
      {"between", &rules.between},   {"since", &rules.since},           {"passive", &rules.passive},
      {"purpose", &rules.purpose}};
  std::set<std::string> ids;
  std::vector<std::pair<std::string, int>> prep_uses;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    auto error = [&](const std::string& what) {
      return Status(StatusCode::kResourceError, file_name + ":" + std::to_string(line_no) + ": " + what);
    };
    std::string_view line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find(" = ");
    size_t bar = line.find('|');
    if (eq != std::string_view::npos && (bar == std::string_view::npos || eq < bar)) {
      std::string key(Trim(line.substr(0, eq)));
      std::vector<std::string> values = Split(line.substr(eq + 3), '|');
      for (const std::string& v : values) {
        if (v.empty()) return error("empty item in the list for '" + key + "'");
      }
      if (key.rfind("prep ", 0) == 0) {
        std::string name(Trim(std::string_view(key).substr(5)));
        if (name.empty() || name.find(' ') != std::string::npos) return error("'prep' needs one name: prep NAME = ...");
        auto& list = rules.preps[name];
        list.insert(list.end(), values.begin(), values.end());
        continue;
      }
      auto it = lists.find(key);
      if (it == lists.end()) return error("unknown key '" + key + "'");
      it->second->insert(it->second->end(), values.begin(), values.end());
      continue;
    }
    std::vector<std::string> fields = Split(line, '|');
    if (fields.size() != 5) {
      return error("a pattern has 5 fields 'id | elements | code | source | target', got " +
                   std::to_string(fields.size()));
    }
    EventPattern p;
    p.line = line_no;
    p.id = fields[0];
    if (p.id.empty() || p.id.find(' ') != std::string::npos) return error("pattern id '" + p.id + "' is empty or has a space");
    if (!ids.insert(p.id).second) return error("duplicate pattern id '" + p.id + "'");
    bool explicit_trigger = false;
    for (std::string word : SplitWords(fields[1])) {
      PatternElement e;
      bool is_trigger = false;
      if (word[0] == '^') {
        if (explicit_trigger) return error("two triggers ('^') in one pattern");
        is_trigger = explicit_trigger = true;
        word = word.substr(1);
        if (word.empty()) return error("'^' must precede a word");
      }
      if (word.size() > 2 && word[word.size() - 2] == ':') {
        char pos = word.back();
        if (pos != 'N' && pos != 'V') return error("part of speech after ':' must be N or V, got '" + word + "'");
        e.pos = pos;
        word.resize(word.size() - 2);
      }
      if (word == "...") {
        if (is_trigger) return error("the trigger cannot be a gap");
        e.kind = PatternElement::Kind::kGap;
      } else if (word.size() > 1 && word.back() == '*') {
        e.kind = PatternElement::Kind::kPrefix;
        e.words.push_back(word.substr(0, word.size() - 1));
      } else {
        e.words = Split(word, '/');
        for (const std::string& w : e.words) {
          if (w.empty()) return error("empty choice in '" + word + "'");
        }
      }
      if (is_trigger) p.trigger = p.elements.size();
      p.elements.push_back(std::move(e));
    }
    if (p.elements.empty()) return error("pattern '" + p.id + "' has no elements");
    if (p.elements.front().kind == PatternElement::Kind::kGap || p.elements.back().kind == PatternElement::Kind::kGap) {
      return error("a pattern cannot start or end with '...'");
    }
    p.code = fields[2];
    if (!cameo.Find(p.code)) return error("unknown CAMEO code '" + p.code + "'");
    auto parse_slot = [&](std::string s, EventSlot* slot) -> std::string {
      if (s.size() > 5 && s.compare(s.size() - 5, 5, "/HOME") == 0) {
        slot->home = true;
        s.resize(s.size() - 5);
      }
      if (!s.empty() && s.back() == '?') {
        slot->optional = true;
        s.pop_back();
      }
      if (s == "NONE") slot->kind = SlotKind::kNone;
      else if (s == "SUBJ") slot->kind = SlotKind::kSubject;
      else if (s == "OBJ") slot->kind = SlotKind::kObject;
      else if (s == "AGENT") slot->kind = SlotKind::kAgent;
      else if (s == "GEN") slot->kind = SlotKind::kGenitive;
      else if (s == "BETWEEN1") slot->kind = SlotKind::kBetweenFirst;
      else if (s == "BETWEEN2") slot->kind = SlotKind::kBetweenSecond;
      else if (s == "PAIR") slot->kind = SlotKind::kPair;
      else if (s.rfind("PREP:", 0) == 0 && s.size() > 5) {
        slot->kind = SlotKind::kPrep;
        slot->prep = s.substr(5);
        prep_uses.emplace_back(slot->prep, line_no);
      } else {
        return "unknown slot '" + s + "' (SUBJ OBJ PREP:x AGENT GEN BETWEEN1 BETWEEN2 PAIR NONE)";
      }
      return "";
    };
    if (std::string e = parse_slot(fields[3], &p.source); !e.empty()) return error(e);
    if (std::string e = parse_slot(fields[4], &p.target); !e.empty()) return error(e);
    if (p.source.kind == SlotKind::kNone) return error("the source cannot be NONE");
    if (p.source.optional) return error("the source cannot be optional");
    if (p.source.home) return error("/HOME is for targets");
    if (p.target.home && p.target.optional) return error("a /HOME target is never empty: drop the '?'");
    if (p.source.kind == SlotKind::kPair) return error("PAIR is a target slot");
    if (p.target.kind == SlotKind::kPair && p.source.kind != SlotKind::kSubject) return error("PAIR needs a SUBJ source");
    rules.patterns.push_back(std::move(p));
  }
  for (const auto& [name, at] : prep_uses) {
    if (!rules.preps.count(name)) {
      return Status(StatusCode::kResourceError,
                    file_name + ":" + std::to_string(at) + ": PREP:" + name + " has no 'prep " + name + " = ...' line");
    }
  }
  return rules;
}

}  // namespace cronaca
