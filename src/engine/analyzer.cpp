#include "engine/analyzer.h"

#include "morph/morphology.h"
#include "extract/actors/actors.h"
#include "extract/events/events.h"
#include "extract/places/places.h"
#include "extract/quotes/quotes.h"
#include "extract/quality/quality.h"
#include "extract/time/time_tagger.h"
#include "text/language.h"
#include "text/normalizer.h"
#include "text/segmenter.h"

namespace cronaca {

std::vector<std::string> Analyzer::DefaultStages() {
  return {"cronaca.Normalizer.v1", "cronaca.LanguageId.v1", "cronaca.Segmenter.v1",
          "cronaca.Morphology.v1", "cronaca.Actors.v1", "cronaca.Places.v1", "cronaca.Times.v1", "cronaca.Quotes.v1", "cronaca.Events.v1", "cronaca.Quality.v1"};
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
      MorphologyOptions morph_options;
      morph_options.use_cg3 = options.cg3;
      Result<std::unique_ptr<Stage>> morph = MakeMorphology(analyzer->context_.get(), morph_options);
      if (!morph.ok()) return morph.status();
      stage = std::move(*morph);
    } else if (name == "cronaca.Actors.v1") {
      Result<std::unique_ptr<Stage>> actors = MakeActors();
      if (!actors.ok()) return actors.status();
      stage = std::move(*actors);
    } else if (name == "cronaca.Places.v1") {
      Result<std::unique_ptr<Stage>> places = MakePlaces(analyzer->context_.get());
      if (!places.ok()) return places.status();
      stage = std::move(*places);
    } else if (name == "cronaca.Times.v1") {
      Result<std::unique_ptr<Stage>> times = MakeTimeTagger();
      if (!times.ok()) return times.status();
      stage = std::move(*times);
    } else if (name == "cronaca.Events.v1") {
      if (!options.morphology) continue;  // needs lemmas, like Quality
      Result<std::unique_ptr<Stage>> events = MakeEventCoder(analyzer->context_.get());
      if (!events.ok()) return events.status();
      stage = std::move(*events);
    } else if (name == "cronaca.Quotes.v1") {
      if (!options.morphology) continue;
      Result<std::unique_ptr<Stage>> quotes = MakeQuotes(analyzer->context_.get());
      if (!quotes.ok()) return quotes.status();
      stage = std::move(*quotes);
    } else if (name == "cronaca.Quality.v1") {
      if (!options.morphology) continue;
      Result<std::unique_ptr<Stage>> quality = MakeQualityChecker(analyzer->context_.get());
      if (!quality.ok()) return quality.status();
      stage = std::move(*quality);
    } else {
      return Status(StatusCode::kInvalidArgument, "unknown stage '" + name + "'");
    }
    CRONACA_RETURN_IF_ERROR(analyzer->pipeline_.Add(std::move(stage)));
  }
  return analyzer;
}

}  // namespace cronaca
