// Quotes: the stage that finds who said what, "cronaca.Quotes.v1".
//
//   Result<std::unique_ptr<Stage>> quotes = MakeQuotes(&context);  // loads resources/*/quotes.txt
//   if (!quotes.ok()) return quotes.status();                      // a lexicon error, file:line
//   pipeline.Add(std::move(*quotes));                              // after the actors stage
//   ...
//   for (const Quotation& q : doc.extractions().quotes) {
//     q.indirect;      // false: a direct quotation; true: reported speech ("ha detto che ...")
//     q.kind;          // kFull, kPhrase, kScare or kEmpty (a `""` left by a scraper)
//     q.speaker;       // "Yuri Ushakov" (the entity's fullest name in the text), "Cremlino"
//     q.relay;         // who passes the words on: "Ushakov said Putin told Trump ..."
//   }
//
// Requires tokens, sentences, language, morphology and mentions; assigns
// kLayerQuotes. What it does, paragraph by paragraph:
//   1. pairs the quotation marks of the paragraph's original text
//      (quote_marks.h: “…” «…» "…" ‘…’ '…', apostrophes left alone), so a
//      quotation may run over several sentences; a quotation inside another
//      is part of the outer one's content and is not reported on its own.
//      It reads the original bytes, not doc.normalized(): the normaliser
//      folds every mark to " or ', which loses which side a mark is on, and
//      spans are original bytes anyway;
//   2. drops titles: a short quoted run in Title Case (or after a noun such
//      as "brano", "song") that sits in the middle of a sentence and is not
//      attributed by a speech verb ("il brano «Balorda nostalgia»");
//   3. finds reported speech: a speech verb followed closely by the
//      complementizer ("ha detto ai giornalisti che ...", "said on Sunday
//      that ...") gives a claim (indirect = true) whose content runs to the
//      end of the sentence;
//   4. finds the speaker of each quotation, first rule that applies:
//        after      «…», ha detto X  /  "…," X said  /  "…," said X
//        passive    «…» ventilata da X  /  "…" proposed by X
//        according  secondo X, …  /  according to X  /  Per X, … (sentence start)
//        claim      the speaker of the reported speech the quotation sits in
//        subject    the subject of the sentence: the last actor before the
//                   quotation followed by a verb ("Mosca si è detta «pronta»"),
//                   or an actor right after a speech verb ("ha detto ai
//                   giornalisti l'aiutante del Cremlino Yuri Ushakov: «…»")
//        next       a quotation that opens its paragraph: the subject of the
//                   next sentence ("«…». Con queste parole X …")
//        previous   the last person named in the previous sentence ("«…»,
//                   ha spiegato." / '"…," he said.')
//      A body that reports a person's embedded words is kept as the relay
//      ("X ha chiesto che «…», ha riferito la Farnesina"), as is the speaker
//      of an earlier speech verb or a "secondo" source in a chain;
//   5. labels the kind: empty content is kEmpty with no speaker and no
//      content; a clause (four words or more starting with a capital, or
//      eight or more) is kFull; a shorter run is kPhrase when attributed
//      and kScare when not ("la cosiddetta «flotta ombra»").
//      '"…," the world number one said': a noun phrase that names no actor
//      is an epithet for the subject of the previous sentence.
// Speakers are the actors stage's mentions, plus names it does not know:
// runs of capitalised proper or unknown words outside any mention ("Julio
// Velasco"), used by the same rules as person mentions but never added to
// doc.extractions().mentions (speaker_mention stays kNoIndex, no code).
// The speaker's name is the longest person mention of its entity in the
// document ("Yuri Ushakov" for "Ushakov"), the title as written when only a
// title named it ("il ministro degli Esteri turco"), the canonical name for
// an epithet ("il tycoon"); for a body it is the mention's text.
//
// Language knowledge is in resources/<lang>/quotes.txt (quote_lexicon.h);
// a language without that file gets quotations with speakers found by
// position only (no speech verbs, no claims).
//
// Not thread-safe (scratch buffers reused between documents): one per
// pipeline. Not copyable (returned as a unique_ptr<Stage>).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/pipeline.h"
#include "common/status.h"

namespace cronaca {

// The stage with the lexicons of ResourceDir(). REQUIRES: context != nullptr
// and outlives the stage (lemmas are read from context->strings).
Result<std::unique_ptr<Stage>> MakeQuotes(PipelineContext* context);
// The same with the lexicons of <resource_dir>/<lang>/quotes.txt.
Result<std::unique_ptr<Stage>> MakeQuotes(PipelineContext* context, const std::filesystem::path& resource_dir);

}  // namespace cronaca
