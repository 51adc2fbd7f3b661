// The default analysis: the pipeline cronaca runs on every document.
//
//   AnalyzerOptions options;                 // defaults are what `analyze` uses
//   Result<std::unique_ptr<Analyzer>> a = Analyzer::Create(options);
//   Status s = (*a)->Analyze(doc);           // adds every layer to doc
//
// Stages are built by their registered names, in this order:
//   cronaca.Normalizer.v1    normalised text + offset map, paragraphs
//   cronaca.LanguageId.v1    paragraph and document language
//   cronaca.Segmenter.v1     sentences and tokens
//   cronaca.Morphology.v1    lemma, part of speech, proper class, stem
//   cronaca.Actors.v1        actor mentions with codes on the document's date
//   cronaca.Quality.v1       quality flags, machine-translation verdict (last:
//                            it reads what the extract stages found)
// Pipeline::Add checks each stage's declared needs when the analyzer is
// created, so a mis-ordered configuration fails at startup.
//
// Not thread-safe (stages hold caches and ICU iterators): one per thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/pipeline.h"
#include "common/status.h"

namespace cronaca {

struct AnalyzerOptions {
  std::string language_model;   // empty: DefaultLanguageModelPath()
  bool morphology = true;
  // CG-3 disambiguation of morphology: about 2 points more agreement with
  // Apertium's own tagger, but ~10x slower (1.5-2.5k sentences/s instead of
  // 20k+): off by default, `--cg3` turns it on.
  bool cg3 = false;
  // Stage names to run; empty means the default list above.
  std::vector<std::string> stages;
};

class Analyzer {
 public:
  static Result<std::unique_ptr<Analyzer>> Create(const AnalyzerOptions& options);

  Status Analyze(Document& doc) { return pipeline_.Process(doc); }
  const Pipeline& pipeline() const { return pipeline_; }
  StringStore& strings() { return context_->strings; }
  // True if fastText's model was found (else CLD2 alone identifies language).
  bool language_model_loaded() const { return language_model_loaded_; }

  // The names of the default stages, in order.
  static std::vector<std::string> DefaultStages();

 private:
  Analyzer() : context_(std::make_unique<PipelineContext>()), pipeline_(context_.get()) {}
  std::unique_ptr<PipelineContext> context_;
  Pipeline pipeline_;
  bool language_model_loaded_ = false;
};

}  // namespace cronaca
