#include "extract/actors/actors.h"

#include <map>
#include <mutex>

#include "common/resources.h"
#include "extract/actors/actor_finder.h"

namespace cronaca {

namespace {

class ActorStage final : public Stage {
 public:
  explicit ActorStage(std::shared_ptr<const actors::ActorDictionary> dictionary) : finder_(std::move(dictionary)) {}

  std::string_view name() const override { return "cronaca.Actors.v1"; }
  LayerSet requires_layers() const override { return kLayerTokens | kLayerSentences | kLayerLanguage; }
  LayerSet assigns_layers() const override { return kLayerMentions; }

  Status Process(Document& doc) override {
    finder_.Find(doc, &doc.extractions().mentions);
    doc.AddLayers(kLayerMentions);
    return Status::Ok();
  }

 private:
  actors::ActorFinder finder_;
};

}  // namespace

Result<std::shared_ptr<const actors::ActorDictionary>> SharedActorDictionary(const std::filesystem::path& resources) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const actors::ActorDictionary>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  const std::string key = resources.lexically_normal().string();
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  Result<std::shared_ptr<const actors::ActorDictionary>> dict = actors::ActorDictionary::Load(resources);
  if (!dict.ok()) return dict.status();
  cache.emplace(key, *dict);
  return *dict;
}

Result<std::unique_ptr<Stage>> MakeActors() {
  Result<std::shared_ptr<const actors::ActorDictionary>> dict = SharedActorDictionary(ResourceDir());
  if (!dict.ok()) return dict.status();
  return MakeActors(std::move(*dict));
}

std::unique_ptr<Stage> MakeActors(std::shared_ptr<const actors::ActorDictionary> dictionary) {
  return std::make_unique<ActorStage>(std::move(dictionary));
}

DictionaryCheck CheckActorDictionaries(const std::filesystem::path& resources) {
  DictionaryCheck check;
  actors::Diagnostics diagnostics;
  std::error_code ec;
  if (!std::filesystem::is_directory(resources / "actors", ec)) {
    diagnostics.Error((resources / "actors").string() + ": missing folder (countries.tsv, people and organisations)");
  }
  std::shared_ptr<const actors::ActorDictionary> dict = actors::ActorDictionary::LoadAll(resources, &diagnostics);
  check.errors = diagnostics.errors();
  check.stats = dict->stats();
  return check;
}

}  // namespace cronaca
