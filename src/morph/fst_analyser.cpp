#include "morph/fst_analyser.h"

#include <lttoolbox/alphabet.h>
#include <lttoolbox/file_utils.h>
#include <lttoolbox/node.h>
#include <lttoolbox/state.h>
#include <lttoolbox/trans_exe.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <array>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

namespace cronaca::morph {

namespace {

constexpr UChar32 kSoftHyphen = 0x00AD;
// Characters lttoolbox escapes with a backslash in its output.
constexpr std::string_view kEscapedChars = "[]{}^$/\\@<>";

// The shared cache of Analyse() results: forms looked up by one thread are
// not analysed again by another. Sharded to keep lock contention low.
constexpr size_t kCacheShards = 16;
constexpr size_t kCacheShardLimit = 1 << 15;  // entries per shard, then the shard is cleared

// Feeds UTF-8 text to an lttoolbox State, the way lt-proc does in analysis
// mode (case-insensitive for upper-case input). Returns false if the text is
// not valid UTF-8 or the state died.
bool StepText(State& state, std::string_view text) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c < 0) return false;
    if (c == kSoftHyphen) continue;
    state.step_case(c, false);
    if (state.size() == 0) return false;
  }
  return true;
}

std::string ToUtf8(const UString& text) {
  std::string out;
  out.resize(text.size() * 3);
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &length, text.data(),
              static_cast<int32_t>(text.size()), &status);
  if (U_FAILURE(status)) return std::string();
  out.resize(length);
  return out;
}

struct CacheShard {
  std::mutex mutex;
  std::unordered_map<std::string, std::string> entries;  // form → readings ("" = unknown)
};

}  // namespace

struct FstAnalyser::Impl {
  std::set<UChar32> letters;
  Alphabet alphabet;
  std::map<UString, TransExe> transducers;
  Node root;
  State initial;
  std::map<Node*, double> finals;
  std::set<UChar32> escaped;
  mutable std::array<CacheShard, kCacheShards> cache;

  UString Filter(const State& state) const {
    return state.filterFinals(finals, alphabet, escaped, /*display_weights=*/false,
                              /*max_analyses=*/INT_MAX, /*max_weight_classes=*/INT_MAX,
                              /*uppercase=*/false, /*firstupper=*/false, /*firstchar=*/0);
  }
};

FstAnalyser::FstAnalyser(std::filesystem::path path)
    : path_(std::move(path)), impl_(std::make_unique<Impl>()) {}

FstAnalyser::~FstAnalyser() = default;

Result<std::shared_ptr<const FstAnalyser>> FstAnalyser::Load(const std::filesystem::path& path) {
  // Analysers stay loaded for the life of the process (a few MB each), so
  // stages created later find them, and their shared cache, ready.
  static std::mutex registry_mutex;
  static auto* registry = new std::map<std::filesystem::path, std::shared_ptr<const FstAnalyser>>();

  std::lock_guard<std::mutex> lock(registry_mutex);
  if (auto it = registry->find(path); it != registry->end()) return it->second;

  FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return Status(StatusCode::kResourceError,
                  "cannot open morphological analyser " + path.string() + ": " + std::strerror(errno));
  }
  char magic[4] = {0, 0, 0, 0};
  size_t got = std::fread(magic, 1, sizeof(magic), file);
  if (got != sizeof(magic) || std::memcmp(magic, "LTTB", 4) != 0) {
    std::fclose(file);
    return Status(StatusCode::kResourceError,
                  path.string() + " is not an lttoolbox transducer (no LTTB header)");
  }
  std::rewind(file);

  std::shared_ptr<FstAnalyser> fst(new FstAnalyser(path));
  Impl& impl = *fst->impl_;
  try {
    readTransducerSet(file, impl.letters, impl.alphabet, impl.transducers);
  } catch (const std::exception& e) {
    std::fclose(file);
    return Status(StatusCode::kResourceError,
                  "cannot read morphological analyser " + path.string() + ": " + e.what());
  }
  std::fclose(file);
  if (impl.transducers.empty()) {
    return Status(StatusCode::kResourceError, path.string() + " holds no transducer");
  }
  // As FSTProcessor::initAnalysis: one start node with epsilon arcs into every
  // section (main@standard, final@inconditional, …); any section's final
  // state ends a word.
  for (auto& [name, transducer] : impl.transducers) {
    impl.root.addTransition(0, 0, transducer.getInitial(), 0.0);
    impl.finals.insert(transducer.getFinals().begin(), transducer.getFinals().end());
  }
  impl.initial.init(&impl.root);
  for (char c : kEscapedChars) impl.escaped.insert(static_cast<UChar32>(c));

  (*registry)[path] = fst;
  return std::shared_ptr<const FstAnalyser>(std::move(fst));
}

bool FstAnalyser::Analyse(std::string_view form, std::string* readings) const {
  readings->clear();
  if (form.empty()) return false;
  CacheShard& shard = impl_->cache[std::hash<std::string_view>()(form) % kCacheShards];
  {
    std::lock_guard<std::mutex> lock(shard.mutex);
    auto it = shard.entries.find(std::string(form));
    if (it != shard.entries.end()) {
      *readings = it->second;
      return !readings->empty();
    }
  }
  State state = impl_->initial;
  if (StepText(state, form) && state.isFinal(impl_->finals)) {
    *readings = ToUtf8(impl_->Filter(state));
  }
  std::lock_guard<std::mutex> lock(shard.mutex);
  if (shard.entries.size() >= kCacheShardLimit) shard.entries.clear();
  shard.entries.emplace(std::string(form), *readings);
  return !readings->empty();
}

bool FstAnalyser::Translate(std::string_view lemma, std::string_view tag, std::string* outputs) const {
  outputs->clear();
  if (lemma.empty() || tag.empty()) return false;
  State state = impl_->initial;
  if (!StepText(state, lemma)) return false;
  UString symbol_name;
  for (char c : tag) symbol_name.push_back(static_cast<UChar>(static_cast<unsigned char>(c)));
  const Alphabet& alphabet = impl_->alphabet;
  if (!alphabet.isSymbolDefined(UStringView(symbol_name))) return false;  // no such tag
  const int32_t symbol = alphabet(UStringView(symbol_name));
  state.step(symbol);
  if (state.size() == 0 || !state.isFinal(impl_->finals)) return false;
  *outputs = ToUtf8(impl_->Filter(state));
  return !outputs->empty();
}

bool FstAnalyser::CanStartMultiword(std::string_view form) const {
  if (form.empty()) return false;
  State state = impl_->initial;
  return StepText(state, form) && StepText(state, " ");
}

FstCursor::FstCursor(const FstAnalyser& fst)
    : fst_(fst), state_(std::make_unique<State>(fst.impl_->initial)) {}

FstCursor::~FstCursor() = default;

void FstCursor::Reset() {
  *state_ = fst_.impl_->initial;
  dead_ = false;
}

bool FstCursor::Step(std::string_view text) {
  if (dead_) return false;
  if (!StepText(*state_, text)) dead_ = true;
  return !dead_;
}

bool FstCursor::alive() const { return !dead_; }

bool FstCursor::final() const { return !dead_ && state_->isFinal(fst_.impl_->finals); }

std::string FstCursor::Readings() const { return ToUtf8(fst_.impl_->Filter(*state_)); }

}  // namespace cronaca::morph
