// Event coding: who did what to whom, in CAMEO and PLOVER.
//
// Stage "cronaca.Events.v1" reads each sentence's tokens (with lemmas), the
// actor mentions (cronaca.Actors.v1) and time expressions (cronaca.Times.v1)
// and adds doc.extractions().events:
//
//   auto stage = MakeEventCoder(&context);      // loads resources lazily
//   stage.value()->Process(doc);                // fills extractions().events
//
// For each sentence:
//   1. Triggers: every token is looked up (by lemma id and lower-case form
//      id) in the index of the language's patterns (resources/<lang>/
//      events.txt; format in event_patterns.h and docs/EVENT_PATTERNS.md),
//      and each candidate pattern is matched around it. Longer patterns win;
//      a token used by an accepted match cannot trigger another one.
//   2. Slots: the source and target are filled from the actor mentions
//      (only mentions with an actor code) by slot rules: SUBJ the nearest
//      actor before the match in the clause (skipping actors governed by a
//      `nonsubject` preposition), OBJ the first actor after it, PREP:x the
//      actor after preposition x, AGENT after da/by, GEN the adjective or
//      genitive actor of a noun, BETWEEN1/2 for "tra X e Y". Coordinated
//      actors ("Francia e Germania") give one event per actor. A verbal
//      With no actor before a match that opens the sentence (an elided
//      subject), the first actor of the previous sentence in the paragraph
//      is the source; inside a quotation, the speaker. A verbal
//      pattern (SUBJ -> OBJ) followed by an agent phrase is read as passive:
//      the agent is the source and the subject the target. An object clitic
//      ("lo ha incontrato", "met him") takes the nearest earlier actor that
//      is not the source.
//   3. Modality: a negation just before the match ("non ha condannato")
//      drops the event (nothing is recorded), except that a cooperative
//      event (roots 03-08) becomes its refusal (codes.tsv column `refusal`:
//      "non terrà negoziati" 046 -> 125) marked kModalityNegated; an intent word ("pronto a",
//      "promised to", "will") turns the code into its intent form
//      (codes.tsv column `intent`) and sets kModalityIntent; a conditional
//      or hearsay word ("avrebbe", "reportedly") sets kModalityAlleged and
//      lowers confidence; a trigger inside a quotation (if the quotation
//      stage ran) sets kModalityReported and the quotation index.
//      A passive auxiliary ("è stato", "was") before the match lets the
//      agent stand up to 8 tokens away ("was signed in Geneva on Monday by
//      A and B"). A target slot marked /HOME defaults to the source's own
//      government (protests). A word of an actor's name triggers nothing; a
//      noun trigger after a `purpose` word ("for talks") is the aim of an
//      earlier trigger, not an event. A reaction (016, roots 10-13) with no
//      target answers the source of the previous sentence's first event.
//      Fallbacks for a missing subject: the agent of a nominal event in a
//      passive, the actor after a fronted phrase's comma, the pair after
//      "tra"/"between" of a subjectless clause. An actor joined by an
//      unspaced hyphen to another ("il conflitto israeliano-iraniano", "the
//      Iran-Iraq war") modifies a noun and is never a subject; a spaced dash
//      (the dateline "ROME - ...") joins nothing.
//      A PREP target that names no actor but a place (the places stage, if
//      it ran: "è arrivato ad Aarhus") takes the place's country as target
//      code and sets Event::place.
//   4. Date: the nearest dated time expression in the sentence; if its year
//      is before the publication year the event is kModalityHistory. No time
//      expression: date "" (only the publication date is known).
//   5. Codes: a country named with no role takes the role of the act
//      (source: MIL for roots 15 and 18-20, CVL for 14, else GOV; target: GOV
//      for roots 01-14 and 16, else the bare country).
//   6. Provenance: rule = "events.<lang>.<pattern id>", trigger span, source
//      and target mention indices (their spans are the mentions').
// An event whose source is unknown, or whose source and target are the
// same actor, is not coded. The same (source, target, code) is coded once
// per document.
//
// Not thread-safe (per-document scratch buffers); not copyable.
#pragma once

#include <memory>

#include "common/pipeline.h"
#include "common/status.h"

namespace cronaca {

// Stage "cronaca.Events.v1": requires tokens, sentences, language,
// morphology, mentions and times; assigns events. Fails if the CAMEO table
// (resources/cameo/codes.tsv) is invalid; a language's events.txt is loaded
// at its first document and its errors are returned then.
// REQUIRES: `context` outlives the stage (pattern words are interned there).
Result<std::unique_ptr<Stage>> MakeEventCoder(PipelineContext* context);

}  // namespace cronaca
