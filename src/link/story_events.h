// Story events: the events of a story's reports, merged across reports.
//
// Each report codes its own events (extract/events): "Putin and Trump spoke
// by phone" in one report and "the call between the two presidents" in
// another are two Event items. A story event is the one happening they both
// report: it counts its documents and distinct sources (GDELT's NumArticles
// and NumSources) and keeps every mention with its provenance (document,
// trigger span and text, rule).
//
//   std::vector<const Document*> docs = ...;           // the story's reports, oldest first
//   std::vector<StoryEvent> events = MergeStoryEvents(docs);
//   for (const StoryEvent& e : events) e.n_documents, e.n_sources, e.mentions[0].rule ...
//
// When two event mentions are the same event (EventsCompatible):
//   - compatible CAMEO codes (CodesCompatible): the same root (first two
//     digits), and one code a prefix of the other (1622 and 162), or one of
//     them the root's unspecified code (040 "consult" meets 041 "by
//     telephone"), or two specific codes of the root, except that a
//     telephone call (041) is not a meeting in person (042-046);
//   - the same actors, compared by country (the first three letters of a
//     CAMEO actor code whose length is a multiple of three, "RUSGOV" ->
//     "RUS"; other codes whole, "NATO", "EU"); an empty target is compatible
//     with any target. For consultations (04x) and agreements (057) the pair
//     is unordered: "Putin called Trump" = "Trump called Putin". A
//     consultation also matches a visit (042) by the same source to the
//     country where it took place ("met EU leaders in Denmark" = "arrived in
//     Denmark"): the places of a mention are the countries of the place
//     mentions of its sentence, other than its own actors';
//   - the same negation, intent and history flags (a promised call is not
//     the call; background from 2022 is not today's news);
//   - compatible dates. A mention's date is a set of possible values: its
//     Event::date, else the value or candidates of its time expression ("the
//     Thursdays of July 2025"), else unknown (compatible with anything). Two
//     values are compatible when one is a prefix of the other ("2025-07" and
//     "2025-07-03"); a story event keeps the narrowest values consistent with
//     all its mentions, so a "giovedì" with candidates meets a report that
//     dates the call and the merged event takes that date.
// Mentions are merged greedily in document order (the first compatible story
// event wins) and a mention is compared with the story event's merged state.
//
// Sources: a document's source (Metadata::source) counts once; a document
// without a source counts as a source of its own (unknown outlets are not
// assumed to be the same outlet).
//
// Thread-safe (no state). The result refers to documents by id only.
#pragma once

#include <string>
#include <vector>

#include "common/document.h"

namespace cronaca {

// One report's mention of a story event.
struct StoryEventMention {
  std::string document;  // document id
  std::string source;    // the document's source ("" if unknown)
  uint32_t event = 0;    // index into that document's events
  Span trigger;
  std::string trigger_text;
  uint32_t sentence = 0;
  std::string code, event_source, event_target;  // as the report coded them
  std::string date;                              // the mention's own date value, "" if unknown
  std::vector<std::string> candidates;           // or its candidate dates
  uint8_t modality = kModalityNone;
  std::string rule;
  float confidence = 1.0f;
};

struct StoryEvent {
  std::string code;                  // the most specific code among the mentions (longest, then first)
  std::vector<std::string> codes;    // every code the reports used, in order of first use
  std::string source, target;        // countries ("RUS"), target "" if none
  std::vector<std::string> targets;  // every target country seen (a consultation may have several)
  std::vector<std::string> places;   // countries where it happened, when the sentences say
  std::vector<std::string> visited;  // countries its visits (042) went to
  std::vector<std::string> dates;    // narrowest consistent values; empty: unknown
  uint8_t modality = kModalityNone;  // negated / intent / history flags shared by all mentions
  size_t n_documents = 0, n_sources = 0;
  std::vector<std::string> documents;  // ids, in order of first mention
  std::vector<StoryEventMention> mentions;
  // The one date when the values narrow to one, else "".
  std::string Date() const { return dates.size() == 1 ? dates[0] : ""; }
};

// The country part of a CAMEO actor code ("RUSGOV" -> "RUS", "NATO" -> "NATO").
std::string ActorCountry(const std::string& code);

// Whether two CAMEO event codes can name one event (see above).
bool CodesCompatible(const std::string& a, const std::string& b);

// The CAMEO root of an event code ("041" -> "04", "1622" -> "16").
std::string CameoRoot(const std::string& code);

// Two date values are compatible when one is a prefix of the other.
bool DatesCompatible(const std::string& a, const std::string& b);

// The values of `a` and `b` that are consistent with each other, the more
// precise of each compatible pair, narrowest first; `a` or `b` empty means
// unknown (the other is returned). *ok is false when both are known and no
// pair is compatible.
std::vector<std::string> NarrowDates(const std::vector<std::string>& a, const std::vector<std::string>& b, bool* ok);

// Merges the events of `docs` (a story's reports, oldest first). Story events
// come in order of first mention.
std::vector<StoryEvent> MergeStoryEvents(const std::vector<const Document*>& docs);

}  // namespace cronaca
