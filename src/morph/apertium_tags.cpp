#include "morph/apertium_tags.h"

#include <array>
#include <utility>

namespace cronaca::morph {

namespace {

struct TagPos {
  std::string_view tag;
  Pos pos;
};

constexpr std::array<TagPos, 38> kPosTags = {{
    {"n", Pos::kNoun},
    {"np", Pos::kProperNoun},
    {"vblex", Pos::kVerb},
    {"vbser", Pos::kAuxiliary},
    {"vbhaver", Pos::kAuxiliary},
    {"vbmod", Pos::kAuxiliary},
    {"vbdo", Pos::kAuxiliary},
    {"vaux", Pos::kAuxiliary},
    {"adj", Pos::kAdjective},
    {"adv", Pos::kAdverb},
    {"preadv", Pos::kAdverb},
    {"det", Pos::kDeterminer},
    {"predet", Pos::kDeterminer},
    {"detnt", Pos::kDeterminer},
    {"prn", Pos::kPronoun},
    {"rel", Pos::kPronoun},
    {"pr", Pos::kPreposition},
    {"cnjcoo", Pos::kConjunction},
    {"cnjsub", Pos::kConjunction},
    {"cnjadv", Pos::kConjunction},
    {"num", Pos::kNumeral},
    {"ij", Pos::kInterjection},
    {"sent", Pos::kPunctuation},
    {"cm", Pos::kPunctuation},
    {"lpar", Pos::kPunctuation},
    {"rpar", Pos::kPunctuation},
    {"lquest", Pos::kPunctuation},
    {"lquot", Pos::kPunctuation},
    {"rquot", Pos::kPunctuation},
    {"quot", Pos::kPunctuation},
    {"guio", Pos::kPunctuation},
    {"apos", Pos::kPunctuation},
    {"percent", Pos::kSymbol},
    {"web", Pos::kSymbol},
    {"email", Pos::kSymbol},
    {"url", Pos::kSymbol},
    {"sym", Pos::kSymbol},
    {"symbol", Pos::kSymbol},
}};

// Tags that mark a finite verb form (tense or mood with person).
constexpr std::array<std::string_view, 14> kFiniteTags = {
    "pri", "pii", "ifi", "fti", "prs", "pis", "cni", "pres", "past", "fut", "cond", "subs", "pres2", "pprs"};

// Reads a run of text up to one of `stops` (unescaped), unescaping "\x".
// Leaves *pos at the stop character (or the end).
std::string ReadUntil(std::string_view text, size_t* pos, std::string_view stops) {
  std::string out;
  size_t i = *pos;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {
      out.push_back(text[i + 1]);
      i += 2;
      continue;
    }
    if (stops.find(c) != std::string_view::npos) break;
    out.push_back(c);
    ++i;
  }
  *pos = i;
  return out;
}

// Parses one part starting at *pos: lemma, optional '#' queue, tags, optional
// '#' queue after the tags. Stops at '/', at a '+' after a tag, or at the end.
bool ParsePart(std::string_view text, size_t* pos, ReadingPart* part) {
  part->lemma = ReadUntil(text, pos, "<#/");
  std::string queue;
  bool has_queue = false;
  if (*pos < text.size() && text[*pos] == '#') {
    ++*pos;
    has_queue = true;
    queue = ReadUntil(text, pos, "<+/");
  }
  while (*pos < text.size() && text[*pos] == '<') {
    size_t close = text.find('>', *pos);
    if (close == std::string_view::npos) return false;
    part->tags.emplace_back(text.substr(*pos + 1, close - *pos - 1));
    *pos = close + 1;
  }
  if (*pos < text.size() && text[*pos] == '#') {
    ++*pos;
    has_queue = true;
    queue += ReadUntil(text, pos, "+/");
  }
  if (part->tags.empty()) return false;
  part->queue = has_queue;
  part->lemma += queue;  // the queue keeps its leading space: "avere bisogno di"
  return true;
}

bool IsFinite(std::string_view tag) {
  for (std::string_view finite : kFiniteTags) {
    if (tag == finite) return true;
  }
  return false;
}

}  // namespace

Pos PosFromTag(std::string_view tag) {
  for (const TagPos& entry : kPosTags) {
    if (entry.tag == tag) return entry.pos;
  }
  return Pos::kOther;
}

ProperClass ProperFromTag(std::string_view tag) {
  if (tag == "ant" || tag == "antm" || tag == "antf") return ProperClass::kGivenName;
  if (tag == "cog" || tag == "cogm" || tag == "cogf") return ProperClass::kSurname;
  if (tag == "top" || tag == "hyd") return ProperClass::kPlace;
  if (tag == "org") return ProperClass::kOrganisation;
  if (tag == "al") return ProperClass::kOther;
  return ProperClass::kNone;
}

bool ParseReadings(std::string_view text, std::vector<ParsedReading>* out) {
  if (text.empty() || text.front() != '/') return false;
  std::vector<ParsedReading> parsed;
  size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos] != '/') return false;
    ++pos;
    ParsedReading reading;
    while (true) {
      ReadingPart part;
      if (!ParsePart(text, &pos, &part)) return false;
      reading.parts.push_back(std::move(part));
      if (pos < text.size() && text[pos] == '+') {
        ++pos;
        continue;
      }
      break;
    }
    const ReadingPart& head = reading.parts.front();
    reading.lemma = head.lemma;
    reading.pos = PosFromTag(head.tags.front());
    if (reading.pos == Pos::kProperNoun && head.tags.size() > 1) {
      reading.proper = ProperFromTag(head.tags[1]);
    }
    if (head.queue) reading.features |= kFeatureMultiwordQueue;
    for (const std::string& tag : head.tags) {
      if (tag == "pp") reading.features |= kFeatureParticiple;
      else if (tag == "inf") reading.features |= kFeatureInfinitive;
      else if (tag == "imp") reading.features |= kFeatureImperative;
      else if (tag == "ger") reading.features |= kFeatureGerund;
      else if (tag == "def") reading.features |= kFeatureDefinite;
      else if (tag == "pl") reading.features |= kFeaturePlural;
      else if (tag == "sg") reading.features |= kFeatureSingular;
      else if (tag == "rel") reading.features |= kFeatureRelative;
      else if (IsFinite(tag)) reading.features |= kFeatureFinite;
    }
    if (reading.parts.size() > 1) {
      reading.features |= kFeatureContraction;
      const ReadingPart& last = reading.parts.back();
      if (reading.pos == Pos::kPreposition && !last.tags.empty() && last.tags.front() == "det") {
        reading.features |= kFeatureArticulated;
      }
    }
    for (size_t part_idx = 1; part_idx < reading.parts.size(); ++part_idx) {
      for (const std::string& tag : reading.parts[part_idx].tags) {
        if (tag == "enc") reading.features |= kFeatureEnclitic;
      }
    }
    parsed.push_back(std::move(reading));
  }
  if (parsed.empty()) return false;
  for (ParsedReading& reading : parsed) out->push_back(std::move(reading));
  return true;
}

std::string FormatReading(const ParsedReading& reading) {
  std::string out;
  for (size_t part_idx = 0; part_idx < reading.parts.size(); ++part_idx) {
    if (part_idx > 0) out.push_back('+');
    out += reading.parts[part_idx].lemma;
    for (const std::string& tag : reading.parts[part_idx].tags) {
      out.push_back('<');
      out += tag;
      out.push_back('>');
    }
  }
  return out;
}

}  // namespace cronaca::morph
