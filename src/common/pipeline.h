// Stages and the pipeline that runs them.
//
// A stage is a component with one entry point, Process(Document&), and a
// declared contract: the layers it requires and the layers it assigns
// (common/document.h, enum Layer). Stages are registered under versioned
// names ("cronaca.Segmenter.v1"); a change of behaviour is a new version, so
// each stored analysis records exactly what produced it.
//
//   PipelineContext ctx = ...;              // shared strings and resources
//   Pipeline pipeline(&ctx);
//   RETURN_IF_ERROR(pipeline.Add(MakeNormalizer()));
//   RETURN_IF_ERROR(pipeline.Add(MakeSegmenter(...)));   // fails if a needed
//                                                         // layer is missing
//   Status s = pipeline.Process(doc);
//
// Pipeline::Add checks contracts when the pipeline is built, so a stage that
// needs a layer no earlier stage produces fails at startup, not mid-batch.
// A Pipeline is not thread-safe (stages keep caches); use one per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.h"
#include "common/status.h"
#include "common/string_store.h"

namespace cronaca {

// What the stages of one pipeline share. Owned by the caller; outlives the
// pipeline.
struct PipelineContext {
  StringStore strings;
};

class Stage {
 public:
  virtual ~Stage() = default;
  // Registered, versioned name, e.g. "cronaca.Segmenter.v1".
  virtual std::string_view name() const = 0;
  virtual LayerSet requires_layers() const = 0;
  virtual LayerSet assigns_layers() const = 0;
  // Adds this stage's layers to `doc`. An error is about this document only.
  virtual Status Process(Document& doc) = 0;
};

class Pipeline {
 public:
  explicit Pipeline(PipelineContext* context) : context_(context) {}

  // Appends a stage. Fails (kInvalidArgument) if the stage requires a layer
  // that neither the input (kLayerOriginal) nor an earlier stage assigns.
  Status Add(std::unique_ptr<Stage> stage);

  // Runs every stage in order; stops at the first error, which names the
  // stage and the document.
  Status Process(Document& doc) const;

  // "cronaca.Normalizer.v1+cronaca.Segmenter.v1+..." for provenance records.
  std::string Signature() const;
  PipelineContext& context() const { return *context_; }
  const std::vector<std::unique_ptr<Stage>>& stages() const { return stages_; }

 private:
  PipelineContext* context_;
  std::vector<std::unique_ptr<Stage>> stages_;
  LayerSet available_ = kLayerOriginal;
};

}  // namespace cronaca
