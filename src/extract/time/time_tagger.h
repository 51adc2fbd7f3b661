// The time-expression stage, "cronaca.Times.v1": finds dates, relative
// dates and durations in Italian and English text and normalises them in
// the notation of shared/eval/FORMAT.md, anchored to the publication date.
//
//   Result<std::unique_ptr<Stage>> stage = MakeTimeTagger();
//   RETURN_IF_ERROR(pipeline.Add(std::move(*stage)));   // after the Segmenter
//   ...
//   for (const TimeExpression& t : doc.extractions().times) {
//     // t.span      original bytes, e.g. "metà giugno" (no leading preposition)
//     // t.value     "2025-06"; or "" with t.candidates when the anchor is partial
//     // t.rule      "time.it.part.month": the grammar rule that matched
//   }
//
// What it does, sentence by sentence:
//   1. picks the grammar of the sentence's language (the paragraph's language
//      when identified with confidence, else the document's):
//      resources/<lang>/time.txt, format in time_grammar.h. A language
//      without that file gets no time expressions;
//   2. matches the grammar's token patterns (time_matcher.h);
//   3. finds the tense cue nearest each match (TimeMatcher::TenseAt): a
//      "venerdì" in a sentence about a hoped-for call is the coming Friday,
//      a "giovedì" in a sentence about a call that happened is the past one;
//   4. computes the value (time_resolver.h) from the publication date
//      (doc.metadata().date, which may be only YYYY-MM or YYYY: then the
//      value is the set of candidates) and the reference date (the last
//      day-precise value found so far in the document, used by "the previous
//      day" and "in serata").
// A document without a publication date keeps its relative expressions with
// an empty value: no anchor is invented. Absolute dates ("nel 2022",
// "a febbraio del 2022") and durations are resolved anyway.
//
// Requires tokens, sentences and language; uses part-of-speech tags when
// morphology ran (to keep nouns such as "Partito" from acting as past-tense
// cues) but does not require them. Assigns kLayerTimes.
//
// MakeTimeTagger() loads and checks every resources/*/time.txt at once, so a
// broken grammar fails when the pipeline is built, with the file and line.
// The stage is not thread-safe (matching buffers): one per pipeline.
#pragma once

#include <filesystem>
#include <memory>

#include "common/pipeline.h"
#include "common/status.h"

namespace cronaca {

// Loads the grammars of ResourceDir().
Result<std::unique_ptr<Stage>> MakeTimeTagger();
// Loads the grammars of <resource_dir>/<lang>/time.txt (tests, other setups).
Result<std::unique_ptr<Stage>> MakeTimeTagger(const std::filesystem::path& resource_dir);

}  // namespace cronaca
