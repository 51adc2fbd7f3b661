// Actor stage figures: dictionary load time and matching throughput.
//
//   build/bench/cronaca_bench --benchmark_filter=Actors
//
// Load: the whole dictionary under resources/ (actors/*.txt, countries.tsv,
// leaders.tsv, */agents.txt) read, validated and compiled, from files each
// time. The first load in a process also builds the folding table (ICU
// transliteration of ~1,500 code points); it is reported separately as the
// counter `first_load_ms`. Target: under 200 ms.
//
// Matching: the stage alone (ActorFinder::Find: folding, matching,
// resolution) on documents tokenised beforehand by the text stages and the
// morphology, the bundled examples/ (news articles written for this project)
// over and over, one thread. MB/s counts original bytes. Target: at least
// 50 MB/s per core.
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>
#include <vector>

#include "common/resources.h"
#include "engine/analyzer.h"
#include "extract/actors/actor_finder.h"
#include "extract/actors/dictionary.h"
#include "ingest/reader.h"

namespace cronaca {
namespace {

double g_first_load_ms = -1;

std::shared_ptr<const actors::ActorDictionary> LoadOnce() {
  const auto start = std::chrono::steady_clock::now();
  auto dict = actors::ActorDictionary::Load(ResourceDir());
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (g_first_load_ms < 0) g_first_load_ms = ms;
  return dict.ok() ? *dict : nullptr;
}

void BM_ActorsDictionaryLoad(benchmark::State& state) {
  std::shared_ptr<const actors::ActorDictionary> dict = LoadOnce();
  if (!dict) {
    state.SkipWithError("the dictionary does not load: run 'cronaca dict check'");
    return;
  }
  for (auto _ : state) {
    auto again = actors::ActorDictionary::Load(ResourceDir());
    benchmark::DoNotOptimize(again.ok());
  }
  state.counters["first_load_ms"] = g_first_load_ms;
  state.counters["entities"] = static_cast<double>(dict->stats().entities);
  state.counters["surfaces"] = static_cast<double>(dict->stats().surfaces);
}

struct Corpus {
  std::vector<Document> docs;
  size_t bytes = 0;
};

// The examples, analysed up to the morphology once.
const Corpus& TokenisedCorpus() {
  static Corpus corpus = [] {
    Corpus c;
    AnalyzerOptions options;
    options.stages = {"cronaca.Normalizer.v1", "cronaca.LanguageId.v1", "cronaca.Segmenter.v1",
                      "cronaca.Morphology.v1"};
    auto analyzer = Analyzer::Create(options);
    if (!analyzer.ok()) return c;
    InputReader reader({std::string(CRONACA_SOURCE_DIR) + "/examples"});
    while (auto item = reader.Next()) {
      if (!item->ok()) continue;
      Document doc = std::move(item->value());
      if (!(*analyzer)->Analyze(doc).ok()) continue;
      c.bytes += doc.original().size();
      c.docs.push_back(std::move(doc));
    }
    return c;
  }();
  return corpus;
}

void BM_ActorsMatch(benchmark::State& state) {
  std::shared_ptr<const actors::ActorDictionary> dict = LoadOnce();
  const Corpus& corpus = TokenisedCorpus();
  if (!dict || corpus.docs.empty()) {
    state.SkipWithError("no dictionary or no examples");
    return;
  }
  actors::ActorFinder finder(dict);
  std::vector<Mention> mentions;
  size_t bytes = 0, found = 0, tokens = 0;
  for (auto _ : state) {
    for (const Document& doc : corpus.docs) {
      finder.Find(doc, &mentions);
      bytes += doc.original().size();
      tokens += doc.tokens().size();
      found += mentions.size();
      benchmark::DoNotOptimize(mentions.data());
    }
  }
  state.counters["MB/s"] = benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsRate);
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.counters["mentions/doc"] =
      static_cast<double>(found) / static_cast<double>(state.iterations() * corpus.docs.size());
}

BENCHMARK(BM_ActorsDictionaryLoad)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ActorsMatch)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace cronaca
