#include "extract/actors/actor_coverage.h"

namespace cronaca::actors {

namespace {
constexpr size_t kCompared = 3;  // country or organisation part of a code
}  // namespace

bool CoversCode(const std::vector<Mention>& mentions, const std::string& code) {
  const std::string want = code.substr(0, kCompared);
  for (const Mention& m : mentions) {
    if (!m.code.empty() && m.code.substr(0, kCompared) == want) return true;
  }
  return false;
}

void CountActorCoverage(const nlohmann::json& gold, const std::vector<Mention>& mentions,
                        std::map<std::string, CoverageCount>* by_lang, std::vector<std::string>* misses) {
  const std::string lang = gold.contains("lang") && gold["lang"].is_string() ? gold["lang"].get<std::string>() : "";
  const std::string id = gold.contains("id") && gold["id"].is_string() ? gold["id"].get<std::string>() : "?";
  CoverageCount& count = (*by_lang)[lang];
  if (!gold.contains("events") || !gold["events"].is_array()) return;
  for (const nlohmann::json& event : gold["events"]) {
    for (const char* field : {"source", "target"}) {
      if (!event.contains(field) || !event[field].is_string()) continue;
      const std::string code = event[field].get<std::string>();
      if (code.empty()) continue;
      ++count.actors;
      if (CoversCode(mentions, code)) {
        ++count.found;
      } else if (misses) {
        misses->push_back(id + ": " + code);
      }
    }
  }
}

}  // namespace cronaca::actors
