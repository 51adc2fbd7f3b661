// Benchmarks of the Morphology stage (src/morph/).
//
// The text is ten news-style sentences per language written for this file
// (about 25 tokens each), segmented once by the Normalizer and Segmenter
// stages outside the timed loop. Counters: tokens/s and sentences/s, and
// us_per_sentence for comparison with the text-stage budget (20,000
// sentences/s for segmentation + language + morphology on one core).
//
//   BM_Morphology<lang>Warm      every form already cached (the steady state
//                                of a long batch): the cost that matters
//   BM_Morphology<lang>WarmCg3   the same with MorphologyOptions::use_cg3
//   BM_Morphology<lang>NewStage  a fresh stage per iteration: its cache is
//                                empty, but the analyser's process-wide
//                                cache (fst_analyser.h) is warm
//   BM_FstAnalyse<lang>          lttoolbox alone on every distinct form, no
//                                cache: the true cold cost per form
//
// Figures measured while writing the stage (one core, Release build):
//   this file's texts (small vocabulary, everything in CPU caches)
//     warm            Italian ~2 us/sentence, English ~1.5 us/sentence
//     warm + CG-3     Italian 700-900 us/sentence, English 200-360 us/sentence
//     new stage       6-8 us/token (stage cache empty, analyser cache warm)
//     lttoolbox       2.5-4 us per distinct form, uncached
//   ~75k tokens of Italian and ~150k of English news (large vocabulary)
//     warm            0.17-0.25 us/token: 3 us per 16-token Italian sentence,
//                     6 us per 25-token English one
//     cold            3.4-4.5 us/token (every new form analysed)
//     warm + CG-3     ~32 us/token Italian, ~16 us/token English
// and agreement of (lemma, pos, proper class) on those tokens with Apertium's
// own pipeline (lt-proc -w | cg-proc -w | apertium-tagger -g): Italian 94.2%
// with the heuristic alone, 96.5% with CG-3; English 89.6% and 93.9%
// (English pronoun lemmas "prpers" counted as equal to ours).
#include <benchmark/benchmark.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/pipeline.h"
#include "common/resources.h"
#include "morph/fst_analyser.h"
#include "morph/morphology.h"
#include "morph/morphology_config.h"
#include "text/normalizer.h"
#include "text/segmenter.h"

namespace cronaca {
namespace {

const char* const kItalian[] = {
    "Il presidente del Consiglio ha incontrato ieri a Palazzo Chigi i rappresentanti dei sindacati per "
    "discutere della riforma delle pensioni e del costo dell'energia.",
    "Secondo fonti vicine al governo, l'accordo potrebbe essere firmato entro la fine del mese, ma i "
    "sindacati chiedono garanzie più precise sui salari.",
    "La Commissione europea ha presentato a Bruxelles un nuovo piano per ridurre le emissioni, che sarà "
    "discusso dai ministri dell'Ambiente la prossima settimana.",
    "Il ministro degli Esteri è partito questa mattina per Washington, dove parlerà con il segretario di "
    "Stato della crisi in Medio Oriente.",
    "Nel frattempo a Milano la polizia ha arrestato tre persone accusate di aver organizzato una truffa ai "
    "danni di centinaia di anziani.",
    "Gli investigatori ritengono che il gruppo abbia raccolto più di due milioni di euro negli ultimi anni, "
    "spostando il denaro su conti all'estero.",
    "Il sindaco di Roma ha annunciato che le scuole resteranno chiuse lunedì a causa del maltempo che sta "
    "colpendo il centro del Paese.",
    "Le previsioni indicano piogge intense e forti raffiche di vento fino a mercoledì, soprattutto lungo la "
    "costa tirrenica e nelle zone di montagna.",
    "Durante la conferenza stampa, la portavoce ha detto ai giornalisti che il governo non intende "
    "aumentare le tasse sulle famiglie con redditi bassi.",
    "Gli Stati Uniti e l'Unione europea hanno deciso di rafforzare la cooperazione sulla sicurezza "
    "informatica dopo una serie di attacchi contro ospedali e università.",
};

const char* const kEnglish[] = {
    "The prime minister met union leaders in London on Tuesday to discuss pension reform and the rising "
    "cost of energy for households and small businesses.",
    "According to officials close to the government, the agreement could be signed by the end of the "
    "month, although unions want firmer guarantees on wages.",
    "The European Commission presented a new plan in Brussels to cut emissions, which environment "
    "ministers will discuss when they meet next week.",
    "The foreign secretary left for Washington this morning, where she is expected to talk with the "
    "secretary of state about the crisis in the Middle East.",
    "Meanwhile police in Manchester have arrested three people accused of running a scam that targeted "
    "hundreds of elderly residents across the region.",
    "Investigators believe the group raised more than two million pounds over the past few years, moving "
    "the money through accounts held abroad.",
    "The mayor of New York said schools would stay closed on Monday because of the storm that has been "
    "battering the east coast since the weekend.",
    "Forecasters expect heavy rain and strong winds until Wednesday, especially along the coast and in "
    "mountain areas where flooding has already been reported.",
    "During the press conference, the spokeswoman told reporters that the government does not intend to "
    "raise taxes on families with low incomes.",
    "The United States and the European Union have agreed to strengthen cooperation on cyber security "
    "after a series of attacks on hospitals and universities.",
};

// One document per sentence, segmented, with the language set by hand.
struct Corpus {
  std::vector<Document> docs;
  size_t tokens = 0;
  size_t sentences = 0;
};

template <size_t N>
Corpus Segment(const std::string& lang, const char* const (&texts)[N]) {
  Corpus corpus;
  std::unique_ptr<Stage> normalizer = MakeNormalizer();
  Result<std::unique_ptr<Stage>> segmenter = MakeSegmenter();
  if (!segmenter.ok()) return corpus;
  for (size_t i = 0; i < N; ++i) {
    Document doc(lang + std::to_string(i), texts[i]);
    if (!normalizer->Process(doc).ok()) continue;
    doc.AddLayers(kLayerNormalized | kLayerParagraphs);
    doc.set_lang(lang, 1.0f);
    for (Paragraph& paragraph : doc.paragraphs()) {
      paragraph.lang = lang;
      paragraph.lang_confidence = 1.0f;
    }
    doc.AddLayers(kLayerLanguage);
    if (!(*segmenter)->Process(doc).ok()) continue;
    corpus.tokens += doc.tokens().size();
    corpus.sentences += doc.sentences().size();
    corpus.docs.push_back(std::move(doc));
  }
  return corpus;
}

Corpus& ItalianCorpus() {
  static Corpus corpus = Segment("it", kItalian);
  return corpus;
}

Corpus& EnglishCorpus() {
  static Corpus corpus = Segment("en", kEnglish);
  return corpus;
}

void SetCounters(benchmark::State& state, const Corpus& corpus) {
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(corpus.tokens), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["sentences/s"] =
      benchmark::Counter(static_cast<double>(corpus.sentences), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["us_per_sentence"] = benchmark::Counter(
      static_cast<double>(corpus.sentences) * 1e-6,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void RunWarm(benchmark::State& state, Corpus& corpus, bool use_cg3) {
  PipelineContext context;
  MorphologyOptions options;
  options.use_cg3 = use_cg3;
  Result<std::unique_ptr<Stage>> stage = MakeMorphology(&context, options);
  if (!stage.ok() || corpus.docs.empty()) {
    state.SkipWithError(stage.ok() ? "no documents" : stage.status().ToString().c_str());
    return;
  }
  for (Document& doc : corpus.docs) (void)(*stage)->Process(doc);  // fill the cache
  for (auto _ : state) {
    for (Document& doc : corpus.docs) {
      Status status = (*stage)->Process(doc);
      benchmark::DoNotOptimize(status);
    }
  }
  SetCounters(state, corpus);
}

void RunNewStage(benchmark::State& state, Corpus& corpus) {
  for (auto _ : state) {
    PipelineContext context;
    MorphologyOptions options;
    options.use_cg3 = false;
    Result<std::unique_ptr<Stage>> stage = MakeMorphology(&context, options);
    if (!stage.ok()) {
      state.SkipWithError(stage.status().ToString().c_str());
      return;
    }
    for (Document& doc : corpus.docs) {
      Status status = (*stage)->Process(doc);
      benchmark::DoNotOptimize(status);
    }
  }
  SetCounters(state, corpus);
}

void RunFst(benchmark::State& state, const std::string& lang, const Corpus& corpus) {
  Result<MorphologyConfig> config = LoadMorphologyConfig(ResourceDir() / lang / "morphology.txt", lang);
  if (!config.ok()) {
    state.SkipWithError(config.status().ToString().c_str());
    return;
  }
  Result<std::shared_ptr<const morph::FstAnalyser>> fst = morph::FstAnalyser::Load(config->analyser);
  if (!fst.ok()) {
    state.SkipWithError(fst.status().ToString().c_str());
    return;
  }
  std::set<std::string> forms;
  for (const Document& doc : corpus.docs) {
    for (const TokenData& token : doc.tokens()) forms.emplace(doc.NormText(token));
  }
  morph::FstCursor cursor(**fst);
  for (auto _ : state) {
    for (const std::string& form : forms) {
      cursor.Reset();
      if (cursor.Step(form) && cursor.final()) {
        std::string readings = cursor.Readings();
        benchmark::DoNotOptimize(readings);
      }
    }
  }
  state.counters["forms/s"] =
      benchmark::Counter(static_cast<double>(forms.size()), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_MorphologyItalianWarm(benchmark::State& state) { RunWarm(state, ItalianCorpus(), false); }
void BM_MorphologyItalianWarmCg3(benchmark::State& state) { RunWarm(state, ItalianCorpus(), true); }
void BM_MorphologyItalianNewStage(benchmark::State& state) { RunNewStage(state, ItalianCorpus()); }
void BM_MorphologyEnglishWarm(benchmark::State& state) { RunWarm(state, EnglishCorpus(), false); }
void BM_MorphologyEnglishWarmCg3(benchmark::State& state) { RunWarm(state, EnglishCorpus(), true); }
void BM_MorphologyEnglishNewStage(benchmark::State& state) { RunNewStage(state, EnglishCorpus()); }
void BM_FstAnalyseItalian(benchmark::State& state) { RunFst(state, "it", ItalianCorpus()); }
void BM_FstAnalyseEnglish(benchmark::State& state) { RunFst(state, "en", EnglishCorpus()); }

BENCHMARK(BM_MorphologyItalianWarm);
BENCHMARK(BM_MorphologyItalianWarmCg3);
BENCHMARK(BM_MorphologyItalianNewStage);
BENCHMARK(BM_MorphologyEnglishWarm);
BENCHMARK(BM_MorphologyEnglishWarmCg3);
BENCHMARK(BM_MorphologyEnglishNewStage);
BENCHMARK(BM_FstAnalyseItalian);
BENCHMARK(BM_FstAnalyseEnglish);

}  // namespace
}  // namespace cronaca
