#include "text/language.h"

#include <cstdio>  // before CLD2's header, which uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <fasttext/fasttext.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <system_error>
#include <utility>
#include <vector>

#include "common/resources.h"

namespace cronaca {

namespace {
constexpr float kUnsure = 0.5f;     // below this, fastText is "unsure"
constexpr int kTopCandidates = 5;
constexpr std::string_view kLabelPrefix = "__label__";
}  // namespace

std::set<std::string> SupportedLanguages() {
  std::set<std::string> langs;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(ResourceDir(), ec)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory() && name.size() == 2) langs.insert(name);
  }
  return langs;
}

std::string DefaultLanguageModelPath() { return (DataDir() / "lid.176.ftz").string(); }

LanguageIdentifier::~LanguageIdentifier() = default;

std::unique_ptr<LanguageIdentifier> LanguageIdentifier::Load(const std::string& model_path,
                                                             std::set<std::string> supported) {
  std::unique_ptr<LanguageIdentifier> lid(new LanguageIdentifier());
  lid->supported_ = std::move(supported);
  std::error_code ec;
  if (std::filesystem::is_regular_file(model_path, ec)) {
    auto model = std::make_unique<fasttext::FastText>();
    try {
      model->loadModel(model_path);
      lid->fasttext_ = std::move(model);
    } catch (const std::exception&) {
      // A corrupt model: fall back to CLD2 rather than failing every document.
    }
  }
  return lid;
}

LanguageGuess LanguageIdentifier::IdentifyCld2(std::string_view text) const {
  bool reliable = false;
  int percent3[3];
  CLD2::Language langs3[3];
  int text_bytes = 0;
  CLD2::Language lang = CLD2::ExtDetectLanguageSummary(
      text.data(), static_cast<int>(text.size()), true, langs3, percent3, &text_bytes, &reliable);
  LanguageGuess guess;
  if (lang == CLD2::UNKNOWN_LANGUAGE) return guess;
  guess.lang = CLD2::LanguageCode(lang);
  guess.confidence = static_cast<float>(percent3[0]) / 100.0f * (reliable ? 1.0f : 0.5f);
  guess.method = "cld2";
  return guess;
}

LanguageGuess LanguageIdentifier::Identify(std::string_view text) const {
  if (!fasttext_) return IdentifyCld2(text);
  // fastText reads one line: newlines would end the input early.
  std::string line(text);
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  line.push_back('\n');
  std::istringstream in(line);
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  fasttext_->predictLine(in, predictions, kTopCandidates, 0.0f);
  LanguageGuess guess;
  guess.method = "fasttext";
  for (size_t i = 0; i < predictions.size(); ++i) {
    std::string lang = predictions[i].second.substr(kLabelPrefix.size());
    float prob = predictions[i].first;
    if (i == 0) {
      guess.lang = lang;
      guess.confidence = prob;
    }
    // Short text: prefer a supported language among the candidates.
    if (text.size() < kShortText && !supported_.empty() && !supported_.count(guess.lang) &&
        supported_.count(lang)) {
      guess.lang = lang;
      guess.confidence = prob;
      break;
    }
  }
  if (guess.confidence < kUnsure) {
    LanguageGuess cld = IdentifyCld2(text);
    if (cld.confidence > guess.confidence && !cld.lang.empty() &&
        (supported_.empty() || supported_.count(cld.lang) || !supported_.count(guess.lang))) {
      return cld;
    }
  }
  return guess;
}

namespace {

// fastText's cost grows with the words it reads, and a language shows in
// its first few dozen words: paragraphs are identified by their first
// kIdentifyBytes bytes, cut at a space.
constexpr size_t kIdentifyBytes = 160;

std::string_view Prefix(std::string_view text) {
  if (text.size() <= kIdentifyBytes) return text;
  size_t cut = text.rfind(' ', kIdentifyBytes);
  return text.substr(0, cut == std::string_view::npos || cut == 0 ? kIdentifyBytes : cut);
}

class LanguageStage final : public Stage {
 public:
  explicit LanguageStage(std::shared_ptr<const LanguageIdentifier> lid) : lid_(std::move(lid)) {}
  std::string_view name() const override { return "cronaca.LanguageId.v1"; }
  LayerSet requires_layers() const override { return kLayerNormalized | kLayerParagraphs; }
  LayerSet assigns_layers() const override { return kLayerLanguage; }

  Status Process(Document& doc) override {
    std::map<std::string, double> votes;
    double total = 0;
    for (Paragraph& p : doc.paragraphs()) {
      std::string_view text = std::string_view(doc.normalized()).substr(p.norm.begin, p.norm.size());
      LanguageGuess g = lid_->Identify(Prefix(text));
      p.lang = g.lang;
      p.lang_confidence = g.confidence;
      if (!g.lang.empty()) votes[g.lang] += static_cast<double>(text.size()) * g.confidence;
      total += static_cast<double>(text.size());
    }
    std::string best;
    double best_votes = 0;
    for (const auto& [lang, v] : votes) {
      if (v > best_votes) {
        best = lang;
        best_votes = v;
      }
    }
    float confidence = total > 0 ? static_cast<float>(best_votes / total) : 0.0f;
    const std::string& hint = doc.metadata().lang_hint;
    if (!hint.empty()) {
      doc.set_lang(hint, 1.0f);  // the input said so
    } else {
      doc.set_lang(best, confidence);
    }
    return Status::Ok();
  }

 private:
  std::shared_ptr<const LanguageIdentifier> lid_;
};

}  // namespace

std::unique_ptr<Stage> MakeLanguageIdentifier(std::shared_ptr<const LanguageIdentifier> lid) {
  return std::make_unique<LanguageStage>(std::move(lid));
}

}  // namespace cronaca
