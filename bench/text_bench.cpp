// Text-stage throughput on news-like text: normalisation, language,
// segmentation and morphology, on one core.
//
//   make bench   (or build/bench/cronaca_bench --benchmark_filter=Text)
//
// The corpus is the bundled examples/ (articles written for this project),
// analysed over and over; the counters report sentences and bytes per
// second of CPU time on one thread (one core). Morphology runs with a warm cache, as
// it does after the first few hundred documents of a real batch.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/analyzer.h"
#include "ingest/reader.h"
#include "text/language.h"

namespace cronaca {
namespace {

struct Corpus {
  std::vector<std::pair<std::string, std::string>> files;  // id, text
  size_t bytes = 0;
};

const Corpus& LoadCorpus() {
  static Corpus corpus = [] {
    Corpus c;
    InputReader reader({std::string(CRONACA_SOURCE_DIR) + "/examples"});
    while (auto item = reader.Next()) {
      if (!item->ok()) continue;
      c.bytes += item->value().original().size();
      c.files.emplace_back(item->value().id(), item->value().original());
    }
    return c;
  }();
  return corpus;
}

void RunPipeline(benchmark::State& state, std::vector<std::string> stages, bool cg3) {
  const Corpus& corpus = LoadCorpus();
  AnalyzerOptions options;
  options.stages = std::move(stages);
  options.cg3 = cg3;
  auto analyzer = Analyzer::Create(options);
  if (!analyzer.ok()) {
    state.SkipWithError(analyzer.status().ToString().c_str());
    return;
  }
  // Warm caches (morphology analyses each word form once).
  for (const auto& [id, text] : corpus.files) {
    auto doc = MakeDocument(id, text, id);
    (void)(*analyzer)->Analyze(*doc);
  }
  size_t sentences = 0, bytes = 0;
  for (auto _ : state) {
    for (const auto& [id, text] : corpus.files) {
      auto doc = MakeDocument(id, text, id);
      Status s = (*analyzer)->Analyze(*doc);
      if (!s.ok()) state.SkipWithError(s.ToString().c_str());
      sentences += doc->sentences().size();
      bytes += text.size();
      benchmark::DoNotOptimize(doc->tokens().data());
    }
  }
  state.counters["sentences/s"] = benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
  state.counters["MB/s"] = benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsRate);
}

void BM_TextNormalizeSegment(benchmark::State& state) {
  RunPipeline(state, {"cronaca.Normalizer.v1", "cronaca.LanguageId.v1", "cronaca.Segmenter.v1"}, false);
}
// The text stage of the issue: segmentation, language and morphology.
const std::vector<std::string> kTextStages = {"cronaca.Normalizer.v1", "cronaca.LanguageId.v1",
                                              "cronaca.Segmenter.v1", "cronaca.Morphology.v1"};
void BM_TextFullWithMorphologyHeuristic(benchmark::State& state) { RunPipeline(state, kTextStages, false); }
void BM_TextFullWithMorphologyCg3(benchmark::State& state) { RunPipeline(state, kTextStages, true); }
// Everything cronaca runs on a document today (text + extract stages).
void BM_AllStages(benchmark::State& state) { RunPipeline(state, Analyzer::DefaultStages(), false); }
BENCHMARK(BM_AllStages)->Unit(benchmark::kMillisecond);

BENCHMARK(BM_TextNormalizeSegment)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TextFullWithMorphologyHeuristic)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TextFullWithMorphologyCg3)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cronaca

namespace cronaca {
namespace {
void BM_TextNormalizeLanguage(benchmark::State& state) {
  RunPipeline(state, {"cronaca.Normalizer.v1", "cronaca.LanguageId.v1"}, false);
}
void BM_TextNormalizeOnly(benchmark::State& state) { RunPipeline(state, {"cronaca.Normalizer.v1"}, false); }
BENCHMARK(BM_TextNormalizeOnly)->Unit(benchmark::kMillisecond);

// One fastText call on the first N bytes of an Italian paragraph.
void BM_LanguageIdentify(benchmark::State& state) {
  static const std::string text =
      "Il presidente del Consiglio ha incontrato ieri a Palazzo Chigi i rappresentanti dei sindacati per "
      "discutere della manovra di bilancio e delle misure sul lavoro, ma al termine della riunione non e' "
      "stato raggiunto alcun accordo e le parti si rivedranno la prossima settimana per un nuovo confronto "
      "sulle pensioni e sui salari dei dipendenti pubblici.";
  auto lid = LanguageIdentifier::Load(DefaultLanguageModelPath(), SupportedLanguages());
  std::string_view sample = std::string_view(text).substr(0, static_cast<size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(lid->Identify(sample));
}
BENCHMARK(BM_LanguageIdentify)->Arg(80)->Arg(160)->Arg(320)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TextNormalizeLanguage)->Unit(benchmark::kMillisecond);
}  // namespace
}  // namespace cronaca
