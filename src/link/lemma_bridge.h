// LemmaBridge: maps the content lemmas of one language to lemmas of a pivot
// language through an Apertium bilingual dictionary, so that reports in
// different languages share terms ("telefonata" and "call" both give the
// Catalan "trucada").
//
//   Result<std::unique_ptr<LemmaBridge>> bridge = LemmaBridge::Load("it");
//   std::vector<std::string> keys;
//   (*bridge)->Translate("telefonata", Pos::kNoun, &keys);   // keys == {"trucada"}
//
// Configuration is data: resources/<lang>/link.txt names the dictionary and
// the pivot (format in that file's header). Load() returns kNotFound when
// the language has no link.txt (no bridge: its lemmas stay as they are) and
// kResourceError, with file and line, when the file is wrong or the
// dictionary cannot be read.
//
// Only nouns, verbs and adjectives are looked up; at most
// kMaxTranslations alternatives are kept, in the dictionary's order (one:
// with two, "house" -> casa, cambra merged unrelated words and B-cubed F1
// on English headlines fell from 0.61 to 0.53); lemmas the dictionary does
// not know ("@lemma") give nothing. Coverage is the dictionaries': Italian
// "vertice" is missing from ita-cat, so "vertice" and "summit" do not meet.
//
// Not thread-safe: translations are cached in the object. Not copyable
// (the cache can be large); movable.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/document.h"
#include "common/status.h"

namespace cronaca {

namespace morph {
class FstAnalyser;
}

class LemmaBridge {
 public:
  static constexpr size_t kMaxTranslations = 1;

  static Result<std::unique_ptr<LemmaBridge>> Load(const std::string& lang);

  LemmaBridge(const LemmaBridge&) = delete;
  LemmaBridge& operator=(const LemmaBridge&) = delete;
  LemmaBridge(LemmaBridge&&) = default;
  LemmaBridge& operator=(LemmaBridge&&) = default;
  ~LemmaBridge();

  // Appends the pivot lemmas of `lemma` (lower case) to *keys; returns how
  // many. `pos` outside noun/verb/adjective gives none.
  size_t Translate(std::string_view lemma, Pos pos, std::vector<std::string>* keys);

  const std::string& pivot() const { return pivot_; }

 private:
  LemmaBridge() = default;
  std::shared_ptr<const morph::FstAnalyser> dictionary_;
  std::string pivot_;
  std::unordered_map<std::string, std::vector<std::string>> cache_;  // "lemma<tag>" -> pivot lemmas
};

}  // namespace cronaca
