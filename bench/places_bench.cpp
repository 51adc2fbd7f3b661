// Benchmarks of the places stage (src/extract/places/).
//
//   BM_PlacesGazetteerLoad   reading and indexing data/places.tsv (generated
//                            by scripts/setup) and resources/places/
//                            gazetteer.txt: the start-up cost, once per
//                            process (target: well under 200 ms)
//   BM_PlacesStage           the stage alone on the bundled examples/
//                            (articles written for this project), already
//                            normalised, segmented and analysed by the
//                            morphology outside the timed loop; bytes/s is
//                            original bytes per second on one core
//   BM_PlacesStageNoMorph    the same without the morphology layer (no
//                            lexicon evidence, no typo rule)
//
// Figures measured when the stage was written (Release build, one core of a
// two-core machine; rates count original bytes):
//   load   30-32 ms (24,361 cities, 2,681 regions, 230 countries and 24
//          curated areas and sites; 29,367 (spelling, place) entries);
//          35-40 ms CPU when the machine is busy
//   stage  ~240 MB/s with the morphology layer, ~300 MB/s without
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/pipeline.h"
#include "common/resources.h"
#include "extract/places/gazetteer.h"
#include "extract/places/places.h"
#include "ingest/reader.h"
#include "morph/morphology.h"
#include "text/language.h"
#include "text/normalizer.h"
#include "text/segmenter.h"

namespace cronaca {
namespace {

void BM_PlacesGazetteerLoad(benchmark::State& state) {
  const std::filesystem::path data = DataDir() / "places.tsv";
  const std::filesystem::path resources = ResourceDir() / "places" / "gazetteer.txt";
  size_t names = 0;
  for (auto _ : state) {
    Result<std::unique_ptr<places::Gazetteer>> g = places::Gazetteer::Load(data, resources);
    if (!g.ok()) {
      state.SkipWithError(g.status().ToString().c_str());
      return;
    }
    names = (*g)->name_count();
    benchmark::DoNotOptimize(names);
  }
  state.counters["names"] = static_cast<double>(names);
}
BENCHMARK(BM_PlacesGazetteerLoad)->Unit(benchmark::kMillisecond);

// The examples, analysed up to (and optionally including) morphology.
struct Corpus {
  PipelineContext context;
  std::vector<Document> docs;
  size_t bytes = 0;
  Status status;
};

std::unique_ptr<Corpus> Prepare(bool morphology) {
  auto corpus = std::make_unique<Corpus>();
  Pipeline pipeline(&corpus->context);
  std::vector<Status> adds;
  adds.push_back(pipeline.Add(MakeNormalizer()));
  adds.push_back(pipeline.Add(MakeLanguageIdentifier(
      LanguageIdentifier::Load(DefaultLanguageModelPath(), SupportedLanguages()))));
  Result<std::unique_ptr<Stage>> segmenter = MakeSegmenter();
  if (!segmenter.ok()) {
    corpus->status = segmenter.status();
    return corpus;
  }
  adds.push_back(pipeline.Add(std::move(*segmenter)));
  if (morphology) {
    MorphologyOptions options;
    options.use_cg3 = false;
    Result<std::unique_ptr<Stage>> morph = MakeMorphology(&corpus->context, options);
    if (!morph.ok()) {
      corpus->status = morph.status();
      return corpus;
    }
    adds.push_back(pipeline.Add(std::move(*morph)));
  }
  for (const Status& s : adds) {
    if (!s.ok()) {
      corpus->status = s;
      return corpus;
    }
  }
  InputReader reader({std::string(CRONACA_SOURCE_DIR) + "/examples"});
  while (auto item = reader.Next()) {
    if (!item->ok()) continue;
    Document doc = std::move(item->value());
    if (!pipeline.Process(doc).ok()) continue;
    corpus->bytes += doc.original().size();
    corpus->docs.push_back(std::move(doc));
  }
  return corpus;
}

void RunStage(benchmark::State& state, bool morphology) {
  static std::unique_ptr<Corpus> with_morph, without_morph;
  std::unique_ptr<Corpus>& corpus = morphology ? with_morph : without_morph;
  if (!corpus) corpus = Prepare(morphology);
  if (!corpus->status.ok() || corpus->docs.empty()) {
    state.SkipWithError(corpus->status.ok() ? "no documents in examples/" : corpus->status.ToString().c_str());
    return;
  }
  Result<std::unique_ptr<Stage>> stage = MakePlaces(&corpus->context);
  if (!stage.ok()) {
    state.SkipWithError(stage.status().ToString().c_str());
    return;
  }
  size_t places_found = 0;
  for (auto _ : state) {
    places_found = 0;
    for (Document& doc : corpus->docs) {
      Status s = (*stage)->Process(doc);
      benchmark::DoNotOptimize(s);
      places_found += doc.extractions().places.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus->bytes));
  state.counters["places_per_pass"] = static_cast<double>(places_found);
  state.counters["docs"] = static_cast<double>(corpus->docs.size());
}

void BM_PlacesStage(benchmark::State& state) { RunStage(state, true); }
void BM_PlacesStageNoMorph(benchmark::State& state) { RunStage(state, false); }
BENCHMARK(BM_PlacesStage)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PlacesStageNoMorph)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace cronaca
