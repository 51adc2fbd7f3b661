#include "engine/analyzer.h"

#if __has_include("morph/morphology.h")
#include "morph/morphology.h"
#define CRONACA_HAVE_MORPH 1
#endif
#include "text/language.h"
#include "text/normalizer.h"
#include "text/segmenter.h"

namespace cronaca {

std::vector<std::string> Analyzer::DefaultStages() {
  return {"cronaca.Normalizer.v1", "cronaca.LanguageId.v1", "cronaca.Segmenter.v1",
          "cronaca.Morphology.v1"};
}

Result<std::unique_ptr<Analyzer>> Analyzer::Create(const AnalyzerOptions& options) {
  std::unique_ptr<Analyzer> analyzer(new Analyzer());
  std::vector<std::string> names = options.stages.empty() ? DefaultStages() : options.stages;
  for (const std::string& name : names) {
    std::unique_ptr<Stage> stage;
    if (name == "cronaca.Normalizer.v1") {
      stage = MakeNormalizer();
    } else if (name == "cronaca.LanguageId.v1") {
      std::string model = options.language_model.empty() ? DefaultLanguageModelPath() : options.language_model;
      std::shared_ptr<const LanguageIdentifier> lid = LanguageIdentifier::Load(model, SupportedLanguages());
      analyzer->language_model_loaded_ = lid->model_loaded();
      stage = MakeLanguageIdentifier(std::move(lid));
    } else if (name == "cronaca.Segmenter.v1") {
      Result<std::unique_ptr<Stage>> seg = MakeSegmenter();
      if (!seg.ok()) return seg.status();
      stage = std::move(*seg);
    } else if (name == "cronaca.Morphology.v1") {
      if (!options.morphology) continue;
#ifdef CRONACA_HAVE_MORPH
      MorphologyOptions morph_options;
      morph_options.use_cg3 = options.cg3;
      Result<std::unique_ptr<Stage>> morph = MakeMorphology(analyzer->context_.get(), morph_options);
      if (!morph.ok()) return morph.status();
      stage = std::move(*morph);
#else
      continue;
#endif
    } else {
      return Status(StatusCode::kInvalidArgument, "unknown stage '" + name + "'");
    }
    CRONACA_RETURN_IF_ERROR(analyzer->pipeline_.Add(std::move(stage)));
  }
  return analyzer;
}

}  // namespace cronaca
