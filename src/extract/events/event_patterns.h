// Event dictionaries: the pattern language of resources/<lang>/events.txt.
//
// A pattern ties a trigger (a verb or noun lemma, with the words around it)
// to a CAMEO code and says where the source and the target actors are. The
// language is documented with examples in docs/EVENT_PATTERNS.md; in short,
// one pattern a line:
//
//   id | elements | code | source-slot | target-slot
//   condemn.v      | condannare                | 111  | SUBJ     | OBJ
//   call.light     | avere ... ^telefonata     | 041  | SUBJ     | PREP:con
//   call.between   | telefonata                | 041  | BETWEEN1 | BETWEEN2
//   raid.n         | raid                      | 195  | GEN      | PREP:su
//   ready.refl     | si ... dire pronto        | 036  | SUBJ     | NONE
//
// Elements (space-separated): a word matches a token whose lemma or lower-
// case form is that word; "a/b" is a choice; "sanzion*" matches a form that
// starts with "sanzion"; "..." skips up to kMaxGap tokens (determiners and
// adjectives not counted); a leading '^'
// marks the trigger (else the first word is the trigger); a trailing ":N"
// or ":V" ("strike:N", "call/phone:V") also requires the token's part of
// speech to be a noun or a verb (auxiliaries count as verbs). Slots: SUBJ, OBJ,
// PREP:<name>, AGENT, GEN, BETWEEN1, BETWEEN2, PAIR and NONE (target
// only: "Roma e Parigi hanno firmato" gives Roma->Parigi and Parigi->Roma,
// and nothing for a single subject); a trailing
// '?' makes a target optional, and a trailing '/HOME' makes a target
// default to the source's own government ("PREP:contro/HOME").
//
// Besides patterns, a file sets the word lists the coder needs, one per line
// as `key = w1 | w2 | ...`: negation, alleged, intent, intent_ending
// (future-tense endings of the trigger), clitic, enclitic,
// coord, boundary, nonsubject, agent, genitive, between, since (words that
// make the time expression after them a starting point, "dal 2022", "since
// 2015", never an event's date), passive (the auxiliaries of a passive:
// "è stato", "was"), purpose (a noun trigger after it is the aim of an
// earlier trigger: "flew to Sochi FOR talks"), and `prep NAME = ...` for
// each preposition a PREP slot names (with its articulated forms).
//
// ParseEventRules checks everything and names file:line for each error:
// unknown keys, a wrong number of fields, an empty element list, a gap at
// either end, a trigger that is a gap, an unknown CAMEO code, an unknown
// slot, PREP:<name> with no `prep NAME` line, NONE as a source, duplicate
// ids. The result is a plain value (copyable, movable, immutable once
// built; thread-safe to read).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "extract/events/cameo.h"

namespace cronaca {

// Most tokens one "..." skips.
inline constexpr int kMaxGap = 6;

enum class SlotKind : uint8_t {
  kNone = 0,       // NONE: no target
  kSubject,        // SUBJ: the actor nearest before the match in the clause
  kObject,         // OBJ: the first actor after the match (or a clitic's antecedent)
  kPrep,           // PREP:x: the actor after preposition x, after the trigger
  kAgent,          // AGENT: the actor after da/by (passives)
  kGenitive,       // GEN: adjective or genitive actor of a noun ("raid israeliani", "of Iran")
  kBetweenFirst,   // BETWEEN1: X in "tra X e Y"
  kBetweenSecond,  // BETWEEN2: Y in "tra X e Y"
  kPair,           // PAIR (target only): the other member of a two-actor subject
};
const char* SlotKindName(SlotKind kind);

struct EventSlot {
  SlotKind kind = SlotKind::kNone;
  std::string prep;       // for kPrep: the `prep NAME` list
  bool optional = false;  // '?': the event is coded even if no actor fills it
  // '/HOME' (targets): if no actor fills the slot, the source's own
  // government (its country code + GOV): "i manifestanti sono scesi in
  // piazza" is a protest against their government.
  bool home = false;
};

struct PatternElement {
  enum class Kind : uint8_t { kWord, kPrefix, kGap };
  Kind kind = Kind::kWord;
  std::vector<std::string> words;  // alternatives (kWord) or the prefix (kPrefix)
  char pos = 0;                    // 'N' noun, 'V' verb, 0 any
};

struct EventPattern {
  std::string id;
  int line = 0;
  std::vector<PatternElement> elements;
  size_t trigger = 0;        // index into elements
  std::string code;          // CAMEO
  EventSlot source;
  EventSlot target;
};

struct EventRules {
  std::string file;
  std::vector<std::string> negation, alleged, intent, intent_ending, clitic, enclitic, coord, boundary, nonsubject, agent, genitive,
      between, since, passive, purpose;
  std::unordered_map<std::string, std::vector<std::string>> preps;
  std::vector<EventPattern> patterns;
};

// Parses one events.txt. `cameo` is the codebook codes are checked against.
Result<EventRules> ParseEventRules(std::string_view text, const std::string& file_name, const CameoTable& cameo);

}  // namespace cronaca
