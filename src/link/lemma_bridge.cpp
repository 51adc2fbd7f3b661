#include "link/lemma_bridge.h"

#include <filesystem>

#include "common/resource_text.h"
#include "common/resources.h"
#include "morph/fst_analyser.h"

namespace cronaca {

namespace {

constexpr const char* kConfigName = "link.txt";

// The Apertium tag a bilingual dictionary expects first, or nullptr.
const char* TagOf(Pos pos) {
  switch (pos) {
    case Pos::kNoun: return "<n>";
    case Pos::kVerb: return "<vblex>";
    case Pos::kAdjective: return "<adj>";
    default: return nullptr;
  }
}

// "/trucada<n><f>/sol·licitud<n><f>" -> {"trucada", "sol·licitud"}; unknown
// ("@...") alternatives are dropped and "#" (a multiword's fixed part) is removed.
std::vector<std::string> PivotLemmas(const std::string& outputs) {
  std::vector<std::string> lemmas;
  size_t pos = 0;
  while (pos < outputs.size() && lemmas.size() < LemmaBridge::kMaxTranslations) {
    if (outputs[pos] != '/') {
      ++pos;
      continue;
    }
    size_t end = outputs.find('/', pos + 1);
    if (end == std::string::npos) end = outputs.size();
    std::string_view reading(outputs.data() + pos + 1, end - pos - 1);
    size_t tag = reading.find('<');
    std::string lemma;
    for (char c : reading.substr(0, tag)) {
      if (c == '#') continue;
      if (c == '\\') continue;
      lemma += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    if (!lemma.empty() && lemma[0] != '@' && lemma[0] != '*') lemmas.push_back(std::move(lemma));
    pos = end;
  }
  return lemmas;
}

}  // namespace

LemmaBridge::~LemmaBridge() = default;

Result<std::unique_ptr<LemmaBridge>> LemmaBridge::Load(const std::string& lang) {
  std::filesystem::path path = ResourceDir() / lang / kConfigName;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status(StatusCode::kNotFound, path.string() + ": no lemma bridge for language '" + lang + "'");
  }
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  std::string dictionary, pivot;
  size_t dictionary_line = 0;
  Status s = ForEachKeyValue(*text, path.string(), [&](std::string_view key, std::string_view value,
                                                       size_t line_no) -> Status {
    if (key == "bridge") {
      dictionary = std::string(value);
      dictionary_line = line_no;
    } else if (key == "pivot") {
      pivot = std::string(value);
    } else {
      return LineError(path.string(), line_no, "unknown key '" + std::string(key) + "'");
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (dictionary.empty() || pivot.empty()) {
    return Status(StatusCode::kResourceError, path.string() + ": both 'bridge' and 'pivot' are required");
  }
  auto fst = morph::FstAnalyser::Load(dictionary);
  if (!fst.ok()) return LineError(path.string(), dictionary_line, fst.status().message());
  std::unique_ptr<LemmaBridge> bridge(new LemmaBridge());
  bridge->dictionary_ = std::move(*fst);
  bridge->pivot_ = std::move(pivot);
  return bridge;
}

size_t LemmaBridge::Translate(std::string_view lemma, Pos pos, std::vector<std::string>* keys) {
  const char* tag = TagOf(pos);
  if (tag == nullptr || lemma.empty()) return 0;
  std::string cache_key = std::string(lemma) + tag;
  auto it = cache_.find(cache_key);
  if (it == cache_.end()) {
    std::string outputs;
    std::vector<std::string> lemmas;
    if (dictionary_->Translate(lemma, tag, &outputs)) lemmas = PivotLemmas(outputs);
    it = cache_.emplace(std::move(cache_key), std::move(lemmas)).first;
  }
  keys->insert(keys->end(), it->second.begin(), it->second.end());
  return it->second.size();
}

}  // namespace cronaca
