#include "extract/events/cameo.h"

#include <cstdlib>
#include <mutex>

#include "common/resources.h"

namespace cronaca {
namespace {

constexpr double kMinGoldstein = -10.0;
constexpr double kMaxGoldstein = 10.0;
constexpr int kColumns = 8;

constexpr std::string_view kPloverTypes[] = {
    "AGREE",   "CONSULT",  "SUPPORT", "CONCEDE",  "COOPERATE", "AID",      "RETREAT", "REQUEST",
    "ACCUSE",  "REJECT",   "THREATEN", "PROTEST", "MOBILIZE",  "SANCTION", "COERCE",  "ASSAULT"};

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

}  // namespace

int QuadClassOfRoot(int root) {
  if (root >= 1 && root <= 5) return 1;
  if (root >= 6 && root <= 8) return 2;
  if (root >= 9 && root <= 13) return 3;
  if (root >= 14 && root <= 20) return 4;
  return 0;
}

const CameoCode* CameoTable::Find(std::string_view code) const {
  auto it = index_.find(std::string(code));
  return it == index_.end() ? nullptr : &codes_[it->second];
}

Result<CameoTable> CameoTable::Load(const std::filesystem::path& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return Parse(*text, path.string());
}

Result<const CameoTable*> CameoTable::Default() {
  static std::once_flag once;
  static Result<CameoTable>* loaded = nullptr;
  std::call_once(once, [] { loaded = new Result<CameoTable>(Load(ResourceDir() / "cameo" / "codes.tsv")); });
  if (!loaded->ok()) return loaded->status();
  return &**loaded;
}

Result<CameoTable> CameoTable::Parse(std::string_view text, const std::string& file_name) {
  CameoTable table;
  std::vector<std::pair<std::string, size_t>> intents;  // checked once every code is known
  size_t line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto error = [&](const std::string& what) {
      return Status(StatusCode::kResourceError, file_name + ":" + std::to_string(line_no) + ": " + what);
    };
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> cols = SplitTabs(line);
    if (cols.size() != kColumns) {
      return error("expected " + std::to_string(kColumns) + " tab-separated columns, got " +
                   std::to_string(cols.size()));
    }
    CameoCode c;
    c.code = std::string(cols[0]);
    if (!AllDigits(c.code) || c.code.size() < 2 || c.code.size() > 4) {
      return error("code '" + c.code + "' is not 2 to 4 digits");
    }
    int root = std::atoi(c.code.substr(0, 2).c_str());
    if (QuadClassOfRoot(root) == 0) return error("code '" + c.code + "' has no CAMEO root 01..20");
    if (c.code.size() > 2) {
      std::string parent = c.code.substr(0, c.code.size() == 3 ? 2 : 3);
      if (!table.index_.count(parent)) return error("code '" + c.code + "' comes before its parent '" + parent + "'");
    }
    if (table.index_.count(c.code)) return error("duplicate code '" + c.code + "'");
    c.name = std::string(cols[1]);
    if (c.name.empty()) return error("code '" + c.code + "' has no name");
    if (cols[2] != "-") {
      bool known = false;
      for (std::string_view p : kPloverTypes) known |= (p == cols[2]);
      if (!known) return error("unknown PLOVER type '" + std::string(cols[2]) + "'");
      c.plover = std::string(cols[2]);
    }
    if (cols[3] != "-") c.plover_mode = std::string(cols[3]);
    std::string score(cols[4]);
    char* end = nullptr;
    c.goldstein = std::strtod(score.c_str(), &end);
    if (score.empty() || end != score.c_str() + score.size()) return error("Goldstein score '" + score + "' is not a number");
    if (c.goldstein < kMinGoldstein || c.goldstein > kMaxGoldstein) {
      return error("Goldstein score " + score + " is outside [-10, 10]");
    }
    if (cols[5].size() != 1 || cols[5][0] < '1' || cols[5][0] > '4') return error("quad class must be 1..4");
    c.quad_class = cols[5][0] - '0';
    if (c.quad_class != QuadClassOfRoot(root)) {
      return error("quad class " + std::string(cols[5]) + " does not match root " + c.code.substr(0, 2) +
                   " (expected " + std::to_string(QuadClassOfRoot(root)) + ")");
    }
    if (cols[6] != "-") {
      c.intent = std::string(cols[6]);
      intents.emplace_back(c.intent, line_no);
    }
    if (cols[7] != "-") {
      c.refusal = std::string(cols[7]);
      intents.emplace_back(c.refusal, line_no);
    }
    table.index_.emplace(c.code, table.codes_.size());
    table.codes_.push_back(std::move(c));
  }
  for (const auto& [intent, at] : intents) {
    if (!table.index_.count(intent)) {
      return Status(StatusCode::kResourceError,
                    file_name + ":" + std::to_string(at) + ": intent or refusal code '" + intent + "' is not in the table");
    }
  }
  if (table.codes_.empty()) return Status(StatusCode::kResourceError, file_name + ": no codes");
  return table;
}

}  // namespace cronaca
