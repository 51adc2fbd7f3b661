// resources/<lang>/morphology.txt: which analyser, rules and stemmer a
// language uses. Human-edited; checked line by line when read.
//
//   # Morphology resources for Italian. Paths are absolute or relative to this file.
//   analyser = /usr/share/apertium/apertium-cat-ita/ita-cat.automorf.bin
//   cg3 = /usr/share/apertium/apertium-cat-ita/ita-cat.rlx.bin
//   snowball = italian
//   multiwords = yes
//   surface_lemma = prpers
//   word = po' poco<adv>
//
// Keys (each at most once, except surface_lemma and word):
//   analyser       lttoolbox binary (.automorf.bin). Leave it out to give the
//                  language stems only.
//   cg3            CG-3 rules (binary .rlx.bin or text); optional.
//   snowball       Snowball algorithm name or ISO code ("italian", "it");
//                  optional. Stems every word token.
//   multiwords     yes|no (default yes): join tokens into the analyser's
//                  multiword entries ("Stati Uniti", "per esempio").
//   surface_lemma  a placeholder lemma the analyser uses ("prpers" for
//                  English personal pronouns) to replace by the lower-cased
//                  surface form ("he", "them"). Repeatable.
//   word           an entry the analyser lacks: the surface form, a space,
//                  and its readings in Apertium notation separated by '/'
//                  ("word = n't not<adv>"). Used when the analyser does not
//                  know the form. Repeatable.
//
//   Result<MorphologyConfig> config = LoadMorphologyConfig("it", path);
//   if (!config.ok()) ...   // "resources/it/morphology.txt:3: unknown key 'analyzer' ..."
//
// Every error is kResourceError with "file:line: reason": unknown keys,
// lines without '=', repeated keys, empty values, files that do not exist,
// Snowball names libstemmer does not know, malformed `word` readings.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace cronaca {

struct MorphologyConfig {
  std::string lang;                    // "it"
  std::filesystem::path source;        // the file read, for messages
  std::filesystem::path analyser;      // empty: no analyser (stems only)
  std::filesystem::path cg3;           // empty: no CG-3 rules
  std::string snowball;                // empty: no stems
  bool multiwords = true;
  std::vector<std::string> surface_lemmas;
  struct Word {
    std::string form;                  // surface form as written in the file
    std::string readings;              // "/not<adv>" (the analyser's notation)
  };
  std::vector<Word> words;
};

// Parses the text of a morphology.txt. `file` names it in messages and is
// the base of relative paths; referenced files must exist.
Result<MorphologyConfig> ParseMorphologyConfig(std::string_view text, const std::filesystem::path& file,
                                               std::string lang);

// Reads and parses `file` (kResourceError if it cannot be read).
Result<MorphologyConfig> LoadMorphologyConfig(const std::filesystem::path& file, std::string lang);

}  // namespace cronaca
