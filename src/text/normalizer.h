// Normalisation with an offset map back to the original bytes.
//
// Matchers want one spelling of each character: “Cremlino”, «Cremlino» and
// "Cremlino" should look alike, as should l’aiutante and l'aiutante, or an
// "é" typed as e + combining acute. Reports must still point at the bytes
// the article really contains. So normalisation produces a second string
// plus a map, in the manner of sentencepiece's norm_to_orig:
//
//   NormalizedText n = Normalize(original, body);
//   // n.text[i] came from original byte n.map[i]; n.map has n.text.size()+1
//   // entries, the last one is body.end.
//   Span s = {n.map[b], n.map[e]};   // original span of normalised [b, e)
//
// What changes (and nothing else):
//   - Unicode NFC composition (ICU), so decomposed accents match;
//   - quotation marks ’ ‘ ‛ ‚ ′ → '   and  “ ” „ ‟ « » ‹ › ″ → "   (‹ › → ')
//   - dashes and minus ‐ ‑ ‒ – — ― − → -
//   - exotic spaces (NBSP, thin, narrow, ideographic …) → ' '; ellipsis … → ...
//   - removed: soft hyphen, zero-width space/joiners, BOM, bidi marks.
// Case is kept (names need it); lower-casing is the matcher's business.
//
// Thread-safe (no state).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.h"
#include "common/pipeline.h"

namespace cronaca {

struct NormalizedText {
  std::string text;
  std::vector<Offset> map;  // size text.size() + 1
};

// Normalises original[span] (valid UTF-8). Offsets in the map are absolute
// offsets into `original`.
NormalizedText Normalize(std::string_view original, Span span);

// Splits normalised text into paragraphs: a blank line always separates
// paragraphs; a single line break does too, unless the line looks
// hard-wrapped (it does not end a sentence and the next line starts in
// lower case). Spans are in normalised offsets, trimmed of whitespace.
std::vector<Span> SplitParagraphs(std::string_view normalized);

// Stage "cronaca.Normalizer.v1": requires original; assigns normalized and
// paragraphs (paragraph spans are original offsets).
std::unique_ptr<Stage> MakeNormalizer();

}  // namespace cronaca
