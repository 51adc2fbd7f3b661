#include "common/pipeline.h"

namespace cronaca {

namespace {
constexpr const char* kLayerNames[] = {
    "original", "normalized", "paragraphs", "sentences", "tokens", "language",
    "morphology", "quality-flags", "mentions", "times", "quotes", "events"};

std::string LayerNames(LayerSet layers) {
  std::string out;
  for (size_t bit = 0; bit < std::size(kLayerNames); ++bit) {
    if (layers & (1u << bit)) {
      if (!out.empty()) out += ", ";
      out += kLayerNames[bit];
    }
  }
  return out;
}
}  // namespace

Status Pipeline::Add(std::unique_ptr<Stage> stage) {
  LayerSet missing = stage->requires_layers() & ~available_;
  if (missing) {
    return Status(StatusCode::kInvalidArgument,
                  std::string(stage->name()) + " requires layers that no earlier stage assigns: " +
                      LayerNames(missing));
  }
  available_ |= stage->assigns_layers();
  stages_.push_back(std::move(stage));
  return Status::Ok();
}

Status Pipeline::Process(Document& doc) const {
  for (const auto& stage : stages_) {
    Status status = stage->Process(doc);
    if (!status.ok()) return status.WithContext(doc.id() + " [" + std::string(stage->name()) + "]");
    doc.AddLayers(stage->assigns_layers());
  }
  return Status::Ok();
}

std::string Pipeline::Signature() const {
  std::string out;
  for (const auto& stage : stages_) {
    if (!out.empty()) out += '+';
    out += stage->name();
  }
  return out;
}

}  // namespace cronaca
