// Morphology: lemma, part of speech, proper-noun class and stem for every
// token, from the Apertium analysers packaged by Debian, called in-process.
//
//   PipelineContext context;
//   Result<std::unique_ptr<Stage>> morph = MakeMorphology(&context);
//   if (!morph.ok()) return morph.status();      // a bad resources/*/morphology.txt
//   pipeline.Add(std::move(*morph));             // after the segmenter and language id
//   ...
//   const TokenData& t = doc.tokens()[i];
//   context.strings.Get(t.lemma);                // "ministro", "avere", "Roma"
//   t.pos == Pos::kNoun; t.proper == ProperClass::kPlace;
//   (t.flags & kTokenKnown) != 0;                // the lexicon knew the word
//   context.strings.Get(t.stem);                 // Snowball stem: "ministr"
//
// Stage "cronaca.Morphology.v1": requires kLayerTokens | kLayerSentences |
// kLayerLanguage, assigns kLayerMorphology. What each token gets:
//   word tokens   lemma, pos, proper (kNone unless pos is kProperNoun) and
//                 kTokenKnown from the analyser; the Snowball stem of the
//                 lower-cased surface whenever the language has a stemmer.
//                 Unknown words: lemma = lower-cased surface (surface as is
//                 if guessed to be a name), pos kProperNoun for capitalised
//                 words inside a sentence and all-caps words, else kUnknown;
//                 kTokenKnown clear.
//   numbers       pos kNumeral, lemma = the text.
//   punctuation   pos kPunctuation, lemma = the text. Symbols: kSymbol.
// Lemmas are in the dictionary's case: lower case for common words, capitals
// for names ("Roma", "New York"). Apertium's placeholder lemmas listed as
// surface_lemma (English "prpers") become the lower-cased surface ("he").
//
// Multiword units. Where consecutive tokens separated by spaces form one
// dictionary entry ("Stati Uniti", "New York", "per esempio"), every token of
// the unit gets the unit's lemma ("Stati Uniti"), pos and proper class; the
// second and later tokens are flagged kTokenMultiwordContinuation (below).
// Entries that split a lemma from fixed words ("avere# bisogno di",
// "ministro# degli esteri") are not joined: their words are analysed one by
// one, so "ministro" stays a noun with lemma "ministro".
//
// Languages. A sentence's language is its paragraph's language if set with
// confidence >= 0.6 (the segmenter's rule), else doc.lang(). resources/<lang>/
// morphology.txt (morph/morphology_config.h) names the analyser, CG-3 rules
// and Snowball stemmer; a language without the file gets Snowball stems if
// libstemmer knows its code ("de", "fr", …), else no morphology at all —
// never an error. Without an analyser, word tokens keep lemma kNone and pos
// kUnknown; numbers and punctuation still get kNumeral / kPunctuation. All morphology.txt files are read and checked by
// MakeMorphology (so a typo fails at startup); the analysers and rules are
// loaded when the first sentence of their language arrives.
//
// Disambiguation. The analyser gives every reading of a word; CG-3 rules from
// the Apertium package remove some (MorphologyOptions::use_cg3, only on
// sentences where a word's readings differ in lemma, part of speech or proper
// class), then a heuristic (morph/disambiguator.h) picks one. CG-3 is by far
// the slowest part: see bench/morph_bench.cpp for figures.
//
// Cache. Each distinct surface form is analysed once per stage: its readings,
// stem and flags are kept in a hash table (looked up by string_view without
// allocating) until it holds MorphologyOptions::cache_limit forms, then it is
// emptied between documents. Analyser results are also shared between the
// stages of all threads (morph/fst_analyser.h).
//
// Thread-safety: a Morphology stage is not thread-safe (caches, the
// StringStore); use one per pipeline and thread. Stages in different threads
// share the loaded analysers safely; their CG-3 runs are serialised by a
// process-wide lock (libcg3 has global state), so with several threads
// use_cg3 = false scales and use_cg3 = true does not. Not copyable (returned
// as a unique_ptr<Stage>).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "common/pipeline.h"
#include "common/status.h"

namespace cronaca {



struct MorphologyOptions {
  // Run the CG-3 rules before the heuristic choice. Slow (tens of µs per
  // token); false leaves the heuristic alone.
  bool use_cg3 = true;
  // Distinct forms (and multiword probes) kept per language before the cache
  // is emptied.
  size_t cache_limit = 1 << 20;
  // Where to find <lang>/morphology.txt; empty: ResourceDir().
  std::filesystem::path resource_dir;
};

// Creates the stage. Reads and checks every <resource_dir>/<lang>/
// morphology.txt: kResourceError naming the file and line if one has an
// unknown key, a malformed line, or names a file that does not exist.
// REQUIRES: context != nullptr and outlives the stage.
Result<std::unique_ptr<Stage>> MakeMorphology(PipelineContext* context, MorphologyOptions options = {});

}  // namespace cronaca
