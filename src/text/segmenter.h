// Sentence and word segmentation (ICU) with per-language data.
//
// Sentences: ICU's sentence BreakIterator for the paragraph's language; a
// break is dropped when the word before it is one of the abbreviations in
// resources/<lang>/abbreviations.txt ("sig.", "on.", "Gen."; compared as a
// whole word, case-insensitively) or a single capital initial ("J."). ICU's
// own FilteredBreakIterator is not used: it matches abbreviations as word
// suffixes, so "l." would swallow the break after "social.". A paragraph
// boundary always ends a sentence.
//
// Words: ICU's word BreakIterator (UAX #29) over each sentence; whitespace is
// dropped, punctuation becomes one token per mark. Then the language's
// tokenizer table (resources/<lang>/tokenizer.txt) splits clitics that UAX #29
// keeps inside a word: Italian elisions ("l'aiutante" → "l'" + "aiutante",
// "dell'Ucraina") and English suffixes ("Russia's" → "Russia" + "'s").
//
// ICU iterates UTF-8 through UText, so boundaries are byte offsets of the
// normalised text; every Sentence and TokenData gets both its normalised
// span and its original span (through the offset map).
//
// Not thread-safe: the stage owns ICU iterators. Use one per thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/pipeline.h"
#include "common/status.h"

namespace cronaca {

// resources/<lang>/tokenizer.txt, loaded and checked.
//   # comment
//   split_after_apostrophe = yes        (Italian, French: elision)
//   suffix = 's                          (English clitics, one per line)
struct TokenizerRules {
  bool split_after_apostrophe = false;
  std::vector<std::string> suffixes;  // lower case, normalised apostrophe '
};

// Parses a tokenizer table; errors name the file and line.
Result<TokenizerRules> ParseTokenizerRules(std::string_view text, const std::string& file_name);
// Parses an abbreviation list: one abbreviation per line, ending in '.'.
Result<std::vector<std::string>> ParseAbbreviations(std::string_view text,
                                                    const std::string& file_name);

// Stage "cronaca.Segmenter.v1": requires normalized, paragraphs, language;
// assigns sentences and tokens. Resources for each language are loaded on
// first use; a language without resources uses ICU's root rules.
// Fails at construction only if ICU itself cannot create iterators.
Result<std::unique_ptr<Stage>> MakeSegmenter();

}  // namespace cronaca
