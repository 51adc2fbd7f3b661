// Source quality: machine translation and scraping damage, found and
// reported, never silently repaired.
//
// Stage "cronaca.Quality.v1" looks at a document's text and tokens and adds
// QualityFlags (common/document.h), each with its span, kind, category, a
// plain explanation and the rule that raised it:
//
//   category "machine-translation" (evidence that the text was translated
//   by a machine):
//     repeated-phrase     "nel 2022 nel 2022": a word sequence said twice
//     double-negation     "non era “non felice”": a negation negated again,
//                         which inverts the meaning
//     untranslated-words  "NATO Military Alliance": words of another
//                         language (its lexicon knows them, this one does not)
//     garbled-phrase      "ha effetto in effetti" (one stem twice in a row)
//                         or a known calque ("colpire un accordo")
//     source-spelling     Kyiv, Zelenskyy in Italian text (weak alone)
//   category "scraping":
//     leaked-metadata     (raised by ingest) "date 2025-07" glued to the text
//     empty-quotation     "" with nothing inside
//     orphan-fragment     a paragraph that starts in lower case and has no
//                         final stop: a piece of a sentence whose start is lost
//     missing-space       "Ucraina,argomenti", "fine.Il"
//     missing-final-stop  the text ends without a full stop
//     cut-off-ending      ...and the last word cannot end a sentence
//   category "spelling":
//     misspelt-name       a place or name the dictionaries corrected
//                         ("Aahrus" → Aarhus), taken from the places and
//                         actors layers when they ran before
//
// Then a document-level verdict: when the machine-translation evidence
// weighs at least kMachineTranslationThreshold and includes one strong kind,
// a "machine-translation-suspected" flag covering the body; and a quality
// score in [0, 1] (Extractions::quality). Weak evidence alone never makes the
// verdict, so a clean Italian article that writes "Kyiv" is not called a
// translation.
//
// The story dossier (`cronaca story ID`) lists the reports of doubtful
// quality: those with the machine-translation verdict or a score below 0.8.
//
// Extraction uses the flags: the stage runs after the extract stages and
// halves the confidence of a quotation or event whose span (an event's
// sentence) overlaps a damage or garbling flag, and multiplies by 0.8 the
// confidence of everything in a suspected machine translation. Nothing is
// repaired or removed.
//
// Language knowledge is in resources/<lang>/quality.txt (negators, source
// spellings, calques, the foreign lexicon to test for untranslated words,
// words that cannot end a sentence); the code is language-neutral.
//
// Not thread-safe (caches); not copyable.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/pipeline.h"
#include "common/status.h"

namespace cronaca {

// resources/<lang>/quality.txt, parsed.
//   negation = non                       words that negate (repeatable, " | " lists)
//   source_spelling = Kyiv | Zelenskyy   spellings that betray a source language
//   calque = colpire accordo             two lemmas, the second within 3 words
//   foreign_language = en                whose lexicon reveals untranslated words
//   foreign_function_words = the | of    words of that language that make a run certain
//   no_final = di | a | il               words that cannot end a sentence
struct QualityRules {
  std::vector<std::string> negations;
  std::vector<std::string> source_spellings;  // lower case
  std::vector<std::pair<std::string, std::string>> calques;
  std::string foreign_language;
  std::vector<std::string> foreign_function_words;
  std::vector<std::string> no_final;
};

Result<QualityRules> ParseQualityRules(std::string_view text, const std::string& file_name);

// Weight of machine-translation evidence needed for the verdict.
inline constexpr double kMachineTranslationThreshold = 3.0;

// Stage "cronaca.Quality.v1": requires tokens, sentences, language and
// morphology; assigns quality flags. Run it after the extract stages so it
// can report their corrections and empty quotations.
Result<std::unique_ptr<Stage>> MakeQualityChecker(PipelineContext* context);

}  // namespace cronaca
