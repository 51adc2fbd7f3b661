#include "extract/actors/dictionary.h"

#include "common/resource_text.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <set>
#include <unordered_map>

#include "common/resources.h"
#include "extract/actors/fold.h"

namespace cronaca::actors {

// --- diagnostics -------------------------------------------------------------

void Diagnostics::Error(const std::string& file, size_t line, const std::string& message) {
  errors_.push_back(file + ":" + std::to_string(line) + ": " + message);
}

void Diagnostics::Error(const std::string& message) { errors_.push_back(message); }

Status Diagnostics::ToStatus(size_t max_listed) const {
  if (errors_.empty()) return Status::Ok();
  std::string message = std::to_string(errors_.size()) + " error(s) in the actor dictionaries";
  for (size_t i = 0; i < errors_.size() && i < max_listed; ++i) message += "\n  " + errors_[i];
  if (errors_.size() > max_listed) message += "\n  ... (run 'cronaca dict check' for all)";
  return Status(StatusCode::kResourceError, message);
}

const char* EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kPerson: return "person";
    case EntityType::kOrganisation: return "organisation";
    case EntityType::kGroup: return "group";
    case EntityType::kOther: return "other";
  }
  return "?";
}

const char* SurfaceKindName(SurfaceKind kind) {
  switch (kind) {
    case SurfaceKind::kEntityName: return "name";
    case SurfaceKind::kSeat: return "seat";
    case SurfaceKind::kCountryName: return "country";
    case SurfaceKind::kCapital: return "capital";
    case SurfaceKind::kEntityMetonym: return "metonym";
    case SurfaceKind::kCountryAdjective: return "adjective";
    case SurfaceKind::kDemonym: return "demonym";
    case SurfaceKind::kEpithet: return "epithet";
    case SurfaceKind::kSurname: return "surname";
    case SurfaceKind::kAgent: return "agent";
  }
  return "?";
}

// --- entities ------------------------------------------------------------------

std::string_view Entity::CodeOn(Day day) const {
  const CodeSpell* undated = nullptr;
  const CodeSpell* latest = nullptr;
  for (const CodeSpell& c : codes) {
    if (!c.dated) {
      undated = &c;
      continue;
    }
    if (c.range.Contains(day)) return c.code;
    if (!latest || c.range.to > latest->range.to) latest = &c;
  }
  if (undated) return undated->code;
  if (day == kUndatedDay && latest) return latest->code;
  return {};
}

bool Entity::ActiveOn(Day day) const {
  for (const CodeSpell& c : codes) {
    if (c.dated && c.range.Contains(day)) return true;
  }
  for (const RoleSpell& r : roles) {
    if (r.range.Contains(day)) return true;
  }
  return false;
}

// --- the compiler: parse, validate, compile --------------------------------------

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Calls fn(line, line_no) for every line (without '\n' and '\r').
template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  size_t pos = 0;
  uint32_t line_no = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(line, ++line_no);
    pos = nl + 1;
  }
}

// Removes a trailing comment: '#' at the start or after a space or tab.
std::string_view StripComment(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return Trim(line.substr(0, i));
  }
  return Trim(line);
}

// Splits "a | b | c"; empty parts are reported through *empty.
std::vector<std::string_view> SplitValues(std::string_view cell, bool* empty) {
  std::vector<std::string_view> out;
  *empty = false;
  cell = Trim(cell);
  if (cell.empty()) return out;
  size_t pos = 0;
  while (true) {
    size_t bar = cell.find('|', pos);
    std::string_view part = Trim(cell.substr(pos, bar == std::string_view::npos ? std::string_view::npos : bar - pos));
    if (part.empty()) {
      *empty = true;
    } else {
      out.push_back(part);
    }
    if (bar == std::string_view::npos) break;
    pos = bar + 1;
  }
  return out;
}


bool IsUpperAlpha(std::string_view s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

bool IsEntityId(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool IsLanguageCode(std::string_view s) {
  if (s.size() < 2 || s.size() > 3) return false;
  for (char c : s) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

// Codes: upper-case letters and digits, starting with a letter.
bool IsCodeShape(std::string_view code) {
  constexpr size_t kMaxCode = 9;
  if (code.size() < 2 || code.size() > kMaxCode || code[0] < 'A' || code[0] > 'Z') return false;
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

// The case rule of a dictionary spelling.
CaseRule CaseRuleOf(std::string_view text) {
  std::string folded;
  std::vector<FoldedChunk> chunks;
  FoldChunks(text, &folded, &chunks);
  size_t letters = 0, upper = 0;
  for (const FoldedChunk& c : chunks) {
    letters += c.letters;
    upper += c.upper;
  }
  constexpr size_t kShortAcronymLetters = 3;
  if (upper == 0) return CaseRule::kAny;
  if (upper == letters && letters >= 2) {
    return letters <= kShortAcronymLetters ? CaseRule::kShortAcronym : CaseRule::kAcronym;
  }
  return CaseRule::kCapitalised;
}

// Organisation codes every dictionary knows (shared/eval/FORMAT.md).
constexpr std::array<std::string_view, 9> kBuiltinOrganisations = {"NATO", "EU",   "UN",  "IAEA", "WHO",
                                                                   "IMF",  "AU",   "OPEC", "ICC"};

// The 13 columns of countries.tsv.
enum CountryColumn : size_t {
  kIso3 = 0, kIso2, kStatus, kNamesEn, kNamesIt, kAdjEn, kAdjIt, kDemonymsEn, kDemonymsIt,
  kCapitalEn, kCapitalIt, kSeatsEn, kSeatsIt, kCountryColumns,
};
constexpr std::array<std::string_view, kCountryColumns> kCountryColumnNames = {
    "iso3", "iso2", "status", "names_en", "names_it", "adj_en", "adj_it", "demonyms_en", "demonyms_it",
    "capital_en", "capital_it", "seats_en", "seats_it"};
constexpr size_t kMinCountryColumns = kNamesEn + 1;

}  // namespace

class DictionaryCompiler {
 public:
  explicit DictionaryCompiler(Diagnostics* diag) : diag_(diag), dict_(new ActorDictionary()) {}

  void AddCountries(const std::string& file, std::string_view text) {
    ForEachLine(text, [&](std::string_view raw, uint32_t line_no) {
      std::string_view line = Trim(raw);
      if (line.empty() || line.front() == '#') return;
      std::vector<std::string_view> cells;
      size_t pos = 0;
      while (true) {
        size_t tab = raw.find('\t', pos);
        cells.push_back(Trim(raw.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos)));
        if (tab == std::string_view::npos) break;
        pos = tab + 1;
      }
      if (cells[0] == "iso3") return;  // the optional header row
      auto error = [&](const std::string& why) { diag_->Error(file, line_no, why); };
      if (cells.size() < kMinCountryColumns || cells.size() > kCountryColumns) {
        error("expected " + std::to_string(kCountryColumns) + " tab-separated columns (at least " +
              std::to_string(kMinCountryColumns) + "), got " + std::to_string(cells.size()));
        return;
      }
      cells.resize(kCountryColumns);
      Country country;
      country.iso3 = std::string(cells[kIso3]);
      country.source = SourceLine{file, line_no};
      if (!IsUpperAlpha(cells[kIso3], 3)) return error("iso3 '" + std::string(cells[kIso3]) + "' must be 3 capital letters");
      if (cells[kIso2] == "-") cells[kIso2] = {};
      if (!cells[kIso2].empty() && !IsUpperAlpha(cells[kIso2], 2)) {
        return error("iso2 '" + std::string(cells[kIso2]) + "' must be 2 capital letters, or '-'");
      }
      country.iso2 = std::string(cells[kIso2]);
      static constexpr std::array<std::pair<std::string_view, CountryStatus>, 4> kStatuses = {{
          {"un", CountryStatus::kUnMember}, {"observer", CountryStatus::kObserver},
          {"territory", CountryStatus::kTerritory}, {"historic", CountryStatus::kHistoric}}};
      bool status_ok = false;
      for (const auto& [name, status] : kStatuses) {
        if (cells[kStatus] == name) {
          country.status = status;
          status_ok = true;
        }
      }
      if (!status_ok) return error("status '" + std::string(cells[kStatus]) + "' must be un, observer, territory or historic");
      if (auto it = dict_->country_index_.find(country.iso3); it != dict_->country_index_.end()) {
        return error("duplicate country " + country.iso3 + " (first at " +
                     dict_->countries_[it->second].source.ToString() + ")");
      }
      if (!country.iso2.empty()) {
        auto [it, inserted] = iso2_.try_emplace(country.iso2, SourceLine{file, line_no});
        if (!inserted) return error("duplicate iso2 " + country.iso2 + " (first at " + it->second.ToString() + ")");
      }
      const uint32_t index = static_cast<uint32_t>(dict_->countries_.size());
      struct ColumnKind {
        CountryColumn column;
        SurfaceKind kind;
        const char* lang;
      };
      static constexpr std::array<ColumnKind, 10> kColumns = {{
          {kNamesEn, SurfaceKind::kCountryName, "en"}, {kNamesIt, SurfaceKind::kCountryName, "it"},
          {kAdjEn, SurfaceKind::kCountryAdjective, "en"}, {kAdjIt, SurfaceKind::kCountryAdjective, "it"},
          {kDemonymsEn, SurfaceKind::kDemonym, "en"}, {kDemonymsIt, SurfaceKind::kDemonym, "it"},
          {kCapitalEn, SurfaceKind::kCapital, "en"}, {kCapitalIt, SurfaceKind::kCapital, "it"},
          {kSeatsEn, SurfaceKind::kSeat, "en"}, {kSeatsIt, SurfaceKind::kSeat, "it"}}};
      for (const ColumnKind& col : kColumns) {
        std::string_view cell = cells[col.column];
        if (cell == "-") continue;
        bool empty = false;
        std::vector<std::string_view> values = SplitValues(cell, &empty);
        if (empty) error(std::string(kCountryColumnNames[col.column]) + ": empty value between '|'");
        for (std::string_view v : values) {
          if (country.name.empty() && (col.column == kNamesEn || col.column == kNamesIt)) {
            country.name = std::string(v);  // names_en comes first: English if given
          }
          AddSurface(v, col.kind, LanguageBit(col.lang), index,
                     country.iso3 + "/" + std::string(kCountryColumnNames[col.column]) + ":" + std::string(v), file,
                     line_no);
        }
      }
      if (cells[kNamesEn].empty() && cells[kNamesIt].empty()) error("a country needs a name (names_en or names_it)");
      dict_->country_index_.emplace(country.iso3, index);
      dict_->countries_.push_back(std::move(country));
    });
  }

  void AddEntities(const std::string& file, std::string_view text) {
    bool in_block = false;
    PendingEntity pending;
    ForEachLine(text, [&](std::string_view raw, uint32_t line_no) {
      std::string_view line = StripComment(raw);
      if (line.empty()) return;
      auto error = [&](const std::string& why) { diag_->Error(file, line_no, why); };
      if (line.front() == '[') {
        if (in_block) FinishEntity(&pending);
        in_block = false;
        if (line.back() != ']') return error("an entry starts with [id]");
        std::string_view id = Trim(line.substr(1, line.size() - 2));
        if (!IsEntityId(id)) return error("id '" + std::string(id) + "' must be lower case letters, digits and _");
        pending = PendingEntity();
        pending.entity.id = std::string(id);
        pending.entity.source = SourceLine{file, line_no};
        in_block = true;
        return;
      }
      if (!in_block) return error("'" + std::string(line) + "' outside an [id] block");
      const size_t eq = line.find('=');
      if (eq == std::string_view::npos) return error("expected 'key = value'");
      std::string_view key = Trim(line.substr(0, eq));
      std::string_view value = Trim(line.substr(eq + 1));
      if (value.empty()) return error("empty value for '" + std::string(key) + "'");
      std::string_view base = key;
      std::string_view lang;
      if (size_t dot = key.find('.'); dot != std::string_view::npos) {
        base = key.substr(0, dot);
        lang = key.substr(dot + 1);
        if (!IsLanguageCode(lang)) return error("'" + std::string(lang) + "' is not a language code (it, en, ...)");
        if (base != "variants" && base != "epithet" && base != "metonyms") {
          return error("key '" + std::string(base) + "' has no per-language form");
        }
      }
      bool empty = false;
      Entity& e = pending.entity;
      if (base == "type") {
        if (pending.has_type) return error("second 'type' line");
        pending.has_type = true;
        if (value == "person") e.type = EntityType::kPerson;
        else if (value == "organisation") e.type = EntityType::kOrganisation;
        else if (value == "group") e.type = EntityType::kGroup;
        else if (value == "other") e.type = EntityType::kOther;
        else return error("type '" + std::string(value) + "' must be person, organisation, group or other");
      } else if (base == "name") {
        if (!e.name.empty()) return error("second 'name' line (use variants)");
        e.name = std::string(value);
        pending.surfaces.push_back({std::string(value), SurfaceKind::kEntityName, kAllLanguages, "name", line_no});
      } else if (base == "variants" || base == "surname" || base == "epithet" || base == "metonyms") {
        const SurfaceKind kind = base == "variants"  ? SurfaceKind::kEntityName
                                 : base == "surname" ? SurfaceKind::kSurname
                                 : base == "epithet" ? SurfaceKind::kEpithet
                                                     : SurfaceKind::kEntityMetonym;
        const uint32_t languages = lang.empty() ? kAllLanguages : LanguageBit(lang);
        const std::string field = base == "variants" ? "variant" : std::string(base);
        for (std::string_view v : SplitValues(value, &empty)) {
          pending.surfaces.push_back({std::string(v), kind, languages,
                                      lang.empty() ? field : field + "." + std::string(lang), line_no});
        }
        if (empty) error("empty value between '|'");
      } else if (base == "code") {
        for (std::string_view v : SplitValues(value, &empty)) {
          std::vector<std::string_view> words = SplitWords(v);
          if (words.size() > 2) {
            error("expected 'CODE' or 'CODE FROM..TO', got '" + std::string(v) + "'");
            continue;
          }
          CodeSpell spell;
          spell.code = std::string(words[0]);
          spell.line = line_no;
          if (!IsCodeShape(spell.code)) {
            error("code '" + spell.code + "' must be capital letters (and digits), e.g. RUSGOV, NATO");
            continue;
          }
          if (words.size() == 2) {
            Result<DayRange> range = ParseDayRange(words[1]);
            if (!range.ok()) {
              error(range.status().message());
              continue;
            }
            spell.range = *range;
            spell.dated = true;
          }
          e.codes.push_back(std::move(spell));
        }
        if (empty) error("empty value between '|'");
      } else if (base == "role") {
        for (std::string_view v : SplitValues(value, &empty)) {
          std::vector<std::string_view> words = SplitWords(v);
          if (words.size() < 2 || words.size() > 3) {
            error("expected 'ROLE PLACE [FROM..TO]', got '" + std::string(v) + "'");
            continue;
          }
          std::optional<RoleId> role = ParseRoleId(words[0], /*allow_leader=*/false);
          if (!role) {
            error("unknown role id '" + std::string(words[0]) + "'");
            continue;
          }
          RoleSpell spell;
          spell.role = *role;
          spell.where = std::string(words[1]);
          spell.line = line_no;
          if (words.size() == 3) {
            Result<DayRange> range = ParseDayRange(words[2]);
            if (!range.ok()) {
              error(range.status().message());
              continue;
            }
            spell.range = *range;
          }
          e.roles.push_back(std::move(spell));
        }
        if (empty) error("empty value between '|'");
      } else if (base == "note") {
        // Free text for editors.
      } else {
        error("unknown key '" + std::string(key) + "'");
      }
    });
    if (in_block) FinishEntity(&pending);
  }

  void AddLeaders(const std::string& file, std::string_view text) {
    ForEachLine(text, [&](std::string_view raw, uint32_t line_no) {
      std::string_view line = StripComment(raw);
      if (line.empty()) return;
      std::vector<std::string_view> words = SplitWords(line);
      if (words.size() != 2) return diag_->Error(file, line_no, "expected 'ISO3 ROLE'");
      pending_leaders_.push_back({std::string(words[0]), std::string(words[1]), SourceLine{file, line_no}});
    });
  }

  void AddAgents(const std::string& lang, const std::string& file, std::string_view text) {
    const uint32_t bit = LanguageBit(lang);
    LanguageRules& rules = RulesFor(lang);
    std::map<std::string, uint32_t> seen;  // folded surface -> line
    ForEachLine(text, [&](std::string_view raw, uint32_t line_no) {
      std::string_view line = StripComment(raw);
      if (line.empty()) return;
      auto error = [&](const std::string& why) { diag_->Error(file, line_no, why); };
      const size_t eq = line.find('=');
      if (eq == std::string_view::npos) return error("expected 'surface | surface = ROLE_OR_AGENT SUFFIX'");
      std::string_view lhs = Trim(line.substr(0, eq));
      std::string_view rhs = Trim(line.substr(eq + 1));
      bool empty = false;
      if (!lhs.empty() && lhs.front() == '@') {
        std::string_view key = lhs.substr(1);
        if (key == "adjective" || key == "noun_before") {
          const bool before = key == "adjective" ? rhs == "before" : rhs == "yes";
          const bool valid = key == "adjective" ? (rhs == "before" || rhs == "after") : (rhs == "yes" || rhs == "no");
          if (!valid) return error("@" + std::string(key) + (key == "adjective" ? " must be before or after" : " must be yes or no"));
          (key == "adjective" ? rules.adjective_before : rules.noun_before) = before;
          return;
        }
        std::vector<std::string>* words = key == "link"         ? &pending_words_[lang].link
                                          : key == "locative"   ? &pending_words_[lang].locative
                                          : key == "possessive" ? &pending_words_[lang].possessive
                                          : key == "former"     ? &pending_words_[lang].former
                                                                : nullptr;
        if (!words) return error("unknown directive '@" + std::string(key) + "' (adjective, noun_before, link, locative, possessive, former)");
        for (std::string_view w : SplitValues(rhs, &empty)) {
          if (FoldForDisplay(w).find(' ') != std::string::npos || FoldForDisplay(w).empty()) {
            error("'" + std::string(w) + "' must be a single word");
            continue;
          }
          words->emplace_back(w);
        }
        if (empty) error("empty value between '|'");
        return;
      }
      std::vector<std::string_view> words = SplitWords(rhs);
      if (words.size() != 2) return error("expected 'ROLE_OR_AGENT SUFFIX' after '=', got '" + std::string(rhs) + "'");
      AgentRule agent;
      agent.id = std::string(words[0]);
      agent.role = ParseRoleId(words[0], /*allow_leader=*/true);
      if (!agent.role && !IsKnownAgentId(words[0])) {
        return error("unknown role or agent id '" + agent.id + "' (see docs/DICTIONARIES.md)");
      }
      agent.suffix = std::string(words[1]);
      if (!IsKnownSuffix(agent.suffix)) return error("unknown code suffix '" + agent.suffix + "'");
      agent.lang = lang;
      agent.source = SourceLine{file, line_no};
      const uint32_t index = static_cast<uint32_t>(dict_->agents_.size());
      std::vector<std::string_view> surfaces = SplitValues(lhs, &empty);
      if (empty) error("empty surface between '|'");
      if (surfaces.empty()) return error("no surface before '='");
      agent.surface = std::string(surfaces[0]);
      for (std::string_view s : surfaces) {
        std::string folded = FoldForDisplay(s);
        auto [it, inserted] = seen.try_emplace(folded, line_no);
        if (!inserted) {
          error("surface '" + std::string(s) + "' already defined at line " + std::to_string(it->second));
          continue;
        }
        AddSurface(s, SurfaceKind::kAgent, bit, index, "agents." + lang + "/" + std::string(s), file, line_no);
      }
      dict_->agents_.push_back(std::move(agent));
    });
  }

  // Cross-file checks and compilation. Never returns null.
  std::shared_ptr<ActorDictionary> Finish() {
    ActorDictionary& d = *dict_;
    // Organisation codes: built-in ones and those of organisation/group
    // entries that are not a country code.
    std::set<std::string> orgs(kBuiltinOrganisations.begin(), kBuiltinOrganisations.end());
    for (const Entity& e : d.entities_) {
      if (e.type != EntityType::kOrganisation && e.type != EntityType::kGroup) continue;
      for (const CodeSpell& c : e.codes) {
        if (!IsCountryCode(c.code)) orgs.insert(c.code);
      }
    }
    d.organisation_codes_.assign(orgs.begin(), orgs.end());
    for (const Entity& e : d.entities_) {
      for (const CodeSpell& c : e.codes) {
        if (IsCountryCode(c.code) || d.IsOrganisationCode(c.code)) continue;
        diag_->Error(e.source.file, c.line, UnknownCodeMessage(c.code));
      }
      for (const RoleSpell& r : e.roles) {
        if (d.FindCountry(r.where) >= 0 || d.IsOrganisationCode(r.where) || IsNonStatePrefix(r.where)) continue;
        diag_->Error(e.source.file, r.line,
                     "unknown place '" + r.where + "' in role (a country of countries.tsv or an organisation code)");
      }
    }
    for (const PendingLeader& l : pending_leaders_) {
      if (d.FindCountry(l.iso3) < 0) {
        diag_->Error(l.source.file, l.source.line, "unknown country '" + l.iso3 + "'");
        continue;
      }
      std::optional<RoleId> role = ParseRoleId(l.role, false);
      static constexpr std::array<RoleId, 6> kLeading = {RoleId::kPresident, RoleId::kPrimeMinister,
                                                         RoleId::kChancellor, RoleId::kKing,
                                                         RoleId::kSupremeLeader, RoleId::kHeadOfState};
      if (!role || std::find(kLeading.begin(), kLeading.end(), *role) == kLeading.end()) {
        diag_->Error(l.source.file, l.source.line,
                     "'" + l.role + "' must be president, prime_minister, chancellor, king, supreme_leader or head_of_state");
        continue;
      }
      if (!d.leader_role_.emplace(l.iso3, *role).second) {
        diag_->Error(l.source.file, l.source.line, "second line for " + l.iso3);
      }
    }
    // Role holders.
    for (uint32_t i = 0; i < d.entities_.size(); ++i) {
      for (const RoleSpell& r : d.entities_[i].roles) {
        d.holders_[std::string(RoleIdName(r.role)) + " " + r.where].emplace_back(i, r.range);
      }
    }
    Compile();
    return std::move(dict_);
  }

  static std::shared_ptr<ActorDictionary> CompileSources(const DictionarySources& sources,
                                                         Diagnostics* diagnostics);

 private:
  struct PendingSurfaceText {
    std::string text;
    SurfaceKind kind;
    uint32_t languages;
    std::string field;   // "name", "variant", "surname", "epithet.it"
    uint32_t line;
  };
  struct PendingEntity {
    Entity entity;
    bool has_type = false;
    std::vector<PendingSurfaceText> surfaces;
  };
  struct PendingSurface {
    std::string text;
    Surface surface;
    std::string file;
    uint32_t line;
  };
  struct PendingLeader {
    std::string iso3;
    std::string role;
    SourceLine source;
  };
  struct PendingWords {
    std::vector<std::string> link, locative, possessive, former;
  };

  size_t LanguageIndex(std::string_view lang) {
    for (size_t i = 0; i < dict_->languages_.size(); ++i) {
      if (dict_->languages_[i] == lang) return i;
    }
    dict_->languages_.emplace_back(lang);
    return dict_->languages_.size() - 1;
  }

  uint32_t LanguageBit(std::string_view lang) {
    constexpr size_t kMaxLanguages = 31;
    const size_t index = LanguageIndex(lang);
    if (index >= kMaxLanguages) {
      diag_->Error("more than " + std::to_string(kMaxLanguages) + " languages in the actor dictionaries");
      return kAllLanguages;
    }
    return 1u << index;
  }

  LanguageRules& RulesFor(std::string_view lang) {
    const size_t index = LanguageIndex(lang);
    if (dict_->rules_.size() <= index) dict_->rules_.resize(index + 1);
    dict_->rules_[index].lang = std::string(lang);
    return dict_->rules_[index];
  }

  void AddSurface(std::string_view text, SurfaceKind kind, uint32_t languages, uint32_t target, std::string rule,
                  const std::string& file, uint32_t line) {
    PendingSurface p;
    p.text = std::string(text);
    p.surface.kind = kind;
    p.surface.languages = languages;
    p.surface.target = target;
    p.surface.case_rule = kind == SurfaceKind::kAgent ? CaseRule::kAny : CaseRuleOf(text);
    p.surface.rule = std::move(rule);
    p.file = file;
    p.line = line;
    surfaces_.push_back(std::move(p));
  }

  void FinishEntity(PendingEntity* pending) {
    Entity& e = pending->entity;
    const std::string& file = e.source.file;
    const uint32_t line = e.source.line;
    if (!pending->has_type) {
      diag_->Error(file, line, "[" + e.id + "] has no 'type' (person, organisation, group or other)");
    }
    if (e.name.empty()) {
      diag_->Error(file, line, "[" + e.id + "] has no 'name'");
    }
    if (e.codes.empty() && e.type != EntityType::kOther) {
      diag_->Error(file, line, "[" + e.id + "] has no 'code'");
    }
    // Dated codes must not overlap; at most one undated code.
    const CodeSpell* undated = nullptr;
    for (size_t i = 0; i < e.codes.size(); ++i) {
      const CodeSpell& c = e.codes[i];
      if (!c.dated) {
        if (undated) {
          diag_->Error(file, c.line, "second code without a date range (first at line " + std::to_string(undated->line) + ")");
        }
        undated = &c;
        continue;
      }
      for (size_t j = 0; j < i; ++j) {
        if (e.codes[j].dated && e.codes[j].range.Overlaps(c.range)) {
          diag_->Error(file, c.line, "code range overlaps the one at line " + std::to_string(e.codes[j].line));
        }
      }
    }
    for (size_t i = 0; i < e.roles.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        const RoleSpell& a = e.roles[j];
        const RoleSpell& b = e.roles[i];
        if (a.role == b.role && a.where == b.where && a.range.Overlaps(b.range)) {
          diag_->Error(file, b.line, std::string("role ") + RoleIdName(b.role) + " " + b.where +
                                         " overlaps the one at line " + std::to_string(a.line));
        }
      }
    }
    if (auto it = dict_->entity_index_.find(e.id); it != dict_->entity_index_.end()) {
      diag_->Error(file, line, "duplicate id '" + e.id + "' (first at " + dict_->entities_[it->second].source.ToString() + ")");
      return;
    }
    // An entry with errors is still added, so that later references resolve.
    const uint32_t index = static_cast<uint32_t>(dict_->entities_.size());
    for (PendingSurfaceText& s : pending->surfaces) {
      AddSurface(s.text, s.kind, s.languages, index, e.id + "/" + s.field + ":" + s.text, file, s.line);
    }
    dict_->entity_index_.emplace(e.id, index);
    dict_->entities_.push_back(std::move(e));
  }

  bool IsCountryCode(std::string_view code) const {
    CodeParts parts = SplitActorCode(code);
    if (code.size() < 3) return false;
    if (dict_->FindCountry(parts.prefix) < 0 && !IsNonStatePrefix(parts.prefix)) return false;
    return parts.suffix.empty() || IsKnownSuffix(parts.suffix);
  }

  std::string UnknownCodeMessage(const std::string& code) const {
    CodeParts parts = SplitActorCode(code);
    if (code.size() >= 3 && (dict_->FindCountry(parts.prefix) >= 0 || IsNonStatePrefix(parts.prefix))) {
      return "unknown code suffix '" + std::string(parts.suffix) + "' in '" + code + "'";
    }
    return "unknown code '" + code + "': not a country of countries.tsv (+ suffix) nor an organisation code";
  }

  void Compile() {
    ActorDictionary& d = *dict_;
    PhraseMatcher::Builder builder;
    std::vector<std::pair<uint32_t, uint32_t>> order;  // (phrase, pending index)
    order.reserve(surfaces_.size());
    for (uint32_t i = 0; i < surfaces_.size(); ++i) {
      const PendingSurface& p = surfaces_[i];
      const uint32_t phrase = builder.AddPhrase(p.text);
      if (phrase == kNoPhrase) {
        diag_->Error(p.file, p.line, "'" + p.text + "' has no letters or digits, or more than " +
                                         std::to_string(PhraseMatcher::kMaxPhraseChunks) + " words");
        continue;
      }
      order.emplace_back(phrase, i);
    }
    // A country surface names one country only (countries.tsv's rule).
    std::unordered_map<uint32_t, uint32_t> country_phrase;  // phrase -> first pending surface
    for (const auto& [phrase, i] : order) {
      const PendingSurface& p = surfaces_[i];
      const SurfaceKind kind = p.surface.kind;
      if (kind != SurfaceKind::kCountryName && kind != SurfaceKind::kCountryAdjective &&
          kind != SurfaceKind::kDemonym && kind != SurfaceKind::kCapital && kind != SurfaceKind::kSeat) {
        continue;
      }
      auto [it, inserted] = country_phrase.try_emplace(phrase, i);
      const PendingSurface& first = surfaces_[it->second];
      if (!inserted && first.surface.target != p.surface.target) {
        diag_->Error(p.file, p.line, "'" + p.text + "' is already a surface of " +
                                         d.countries_[first.surface.target].iso3 + " (" + first.file + ":" +
                                         std::to_string(first.line) + ")");
      }
    }
    // Directive words join the vocabulary so that documents can be checked
    // against them by chunk id.
    for (const auto& [lang, words] : pending_words_) {
      for (const auto* list : {&words.link, &words.locative, &words.possessive, &words.former}) {
        for (const std::string& w : *list) builder.AddWord(w);
      }
    }
    d.matcher_ = std::move(builder).Build();
    for (auto& [lang, words] : pending_words_) {
      LanguageRules& rules = RulesFor(lang);
      auto resolve = [&](const std::vector<std::string>& in, std::vector<uint32_t>* out) {
        out->clear();
        for (const std::string& w : in) {
          std::string folded = FoldForDisplay(w);
          out->push_back(d.matcher_.ChunkId(folded, FoldHash(folded)));
        }
      };
      resolve(words.link, &rules.link);
      resolve(words.locative, &rules.locative);
      resolve(words.possessive, &rules.possessive);
      resolve(words.former, &rules.former);
    }
    std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first < b.first;
      return surfaces_[a.second].surface.kind < surfaces_[b.second].surface.kind;
    });
    d.phrase_begin_.assign(d.matcher_.phrase_count() + 1, 0);
    size_t next = 0;
    for (uint32_t phrase = 0; phrase < d.matcher_.phrase_count(); ++phrase) {
      d.phrase_begin_[phrase] = static_cast<uint32_t>(d.surfaces_.size());
      const size_t group_begin = d.surfaces_.size();
      for (; next < order.size() && order[next].first == phrase; ++next) {
        Surface& s = surfaces_[order[next].second].surface;
        // One reading per (kind, target, case rule): merge languages.
        bool merged = false;
        for (size_t k = group_begin; k < d.surfaces_.size(); ++k) {
          Surface& t = d.surfaces_[k];
          if (t.kind == s.kind && t.target == s.target && t.case_rule == s.case_rule) {
            t.languages |= s.languages;
            merged = true;
            break;
          }
        }
        if (!merged) d.surfaces_.push_back(std::move(s));
      }
    }
    d.phrase_begin_[d.matcher_.phrase_count()] = static_cast<uint32_t>(d.surfaces_.size());
    d.stats_.countries = d.countries_.size();
    d.stats_.entities = d.entities_.size();
    d.stats_.agents = d.agents_.size();
    d.stats_.surfaces = d.surfaces_.size();
    d.stats_.phrases = d.matcher_.phrase_count();
    d.stats_.chunks = d.matcher_.chunk_count();
  }

  Diagnostics* diag_;
  std::shared_ptr<ActorDictionary> dict_;
  std::vector<PendingSurface> surfaces_;
  std::vector<PendingLeader> pending_leaders_;
  std::map<std::string, PendingWords> pending_words_;
  std::map<std::string, SourceLine> iso2_;
};

// --- ActorDictionary -------------------------------------------------------------

int ActorDictionary::FindCountry(std::string_view iso3) const {
  auto it = country_index_.find(iso3);
  return it == country_index_.end() ? -1 : static_cast<int>(it->second);
}

int ActorDictionary::FindEntity(std::string_view id) const {
  auto it = entity_index_.find(id);
  return it == entity_index_.end() ? -1 : static_cast<int>(it->second);
}

uint32_t ActorDictionary::LanguageMask(std::string_view lang) const {
  for (size_t i = 0; i < languages_.size(); ++i) {
    if (languages_[i] == lang) return 1u << i;
  }
  return kAllLanguages;
}

const LanguageRules* ActorDictionary::Rules(std::string_view lang) const {
  for (const LanguageRules& r : rules_) {
    if (r.lang == lang) return &r;
  }
  return nullptr;
}

bool ActorDictionary::IsOrganisationCode(std::string_view code) const {
  return std::binary_search(organisation_codes_.begin(), organisation_codes_.end(), code);
}

void ActorDictionary::Holders(RoleId role, std::string_view where, Day day, std::vector<uint32_t>* out) const {
  auto holders_of = [&](RoleId r) {
    const size_t before = out->size();
    std::string key = std::string(RoleIdName(r)) + " " + std::string(where);
    auto it = holders_.find(key);
    if (it == holders_.end()) return false;
    for (const auto& [entity, range] : it->second) {
      if (range.Contains(day) && std::find(out->begin(), out->end(), entity) == out->end()) out->push_back(entity);
    }
    return out->size() > before;
  };
  if (role == RoleId::kLeader) {
    if (auto it = leader_role_.find(where); it != leader_role_.end() && holders_of(it->second)) return;
    for (RoleId r : {RoleId::kSupremeLeader, RoleId::kPresident, RoleId::kHeadOfState, RoleId::kKing,
                     RoleId::kPrimeMinister, RoleId::kChancellor}) {
      if (holders_of(r)) return;
    }
    return;
  }
  if (role == RoleId::kHeadOfState) {
    for (RoleId r : {RoleId::kHeadOfState, RoleId::kPresident, RoleId::kKing}) {
      if (holders_of(r)) return;
    }
    return;
  }
  holders_of(role);
}

// --- loading ---------------------------------------------------------------------

namespace fs = std::filesystem;

DictionarySources ActorDictionary::ReadSources(const fs::path& resources, Diagnostics* diagnostics, size_t* files) {
  DictionarySources sources;
  *files = 0;
  std::error_code ec;
  auto read = [&](const fs::path& path, auto* list, const std::string& name) {
    Result<std::string> text = ReadFile(path);
    if (!text.ok()) {
      diagnostics->Error(text.status().message());
      return;
    }
    ++*files;
    list->emplace_back(name, std::move(*text));
  };
  const fs::path actors = resources / "actors";
  if (fs::is_directory(actors, ec)) {
    const fs::path countries = actors / "countries.tsv";
    if (fs::is_regular_file(countries, ec)) {
      read(countries, &sources.countries, countries.string());
    } else {
      diagnostics->Error(countries.string() + ": missing (every actor code is checked against it)");
    }
    std::vector<fs::path> entity_files;
    for (const auto& entry : fs::directory_iterator(actors, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".txt") entity_files.push_back(entry.path());
    }
    std::sort(entity_files.begin(), entity_files.end());
    for (const fs::path& p : entity_files) read(p, &sources.entities, p.string());
    const fs::path leaders = actors / "leaders.tsv";
    if (fs::is_regular_file(leaders, ec)) read(leaders, &sources.leaders, leaders.string());
  }
  std::vector<fs::path> lang_dirs;
  for (const auto& entry : fs::directory_iterator(resources, ec)) {
    if (entry.is_directory() && IsLanguageCode(entry.path().filename().string())) lang_dirs.push_back(entry.path());
  }
  std::sort(lang_dirs.begin(), lang_dirs.end());
  for (const fs::path& dir : lang_dirs) {
    const fs::path agents = dir / "agents.txt";
    if (!fs::is_regular_file(agents, ec)) continue;
    Result<std::string> text = ReadFile(agents);
    if (!text.ok()) {
      diagnostics->Error(text.status().message());
      continue;
    }
    ++*files;
    sources.agents.emplace_back(dir.filename().string(), agents.string(), std::move(*text));
  }
  return sources;
}

std::shared_ptr<ActorDictionary> DictionaryCompiler::CompileSources(const DictionarySources& sources,
                                                                   Diagnostics* diagnostics) {
  const auto start = std::chrono::steady_clock::now();
  DictionaryCompiler compiler(diagnostics);
  // Italian first, then English: stable language bits whatever the order of files.
  compiler.LanguageIndex("it");
  compiler.LanguageIndex("en");
  for (const auto& [name, text] : sources.countries) compiler.AddCountries(name, text);
  for (const auto& [name, text] : sources.entities) compiler.AddEntities(name, text);
  for (const auto& [name, text] : sources.leaders) compiler.AddLeaders(name, text);
  for (const auto& [lang, name, text] : sources.agents) compiler.AddAgents(lang, name, text);
  std::shared_ptr<ActorDictionary> dict = compiler.Finish();
  dict->stats_.files = sources.countries.size() + sources.entities.size() + sources.leaders.size() +
                       sources.agents.size();
  dict->stats_.load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return dict;
}

std::shared_ptr<const ActorDictionary> ActorDictionary::FromSourcesAll(const DictionarySources& sources,
                                                                       Diagnostics* diagnostics) {
  return DictionaryCompiler::CompileSources(sources, diagnostics);
}

Result<std::shared_ptr<const ActorDictionary>> ActorDictionary::FromSources(const DictionarySources& sources) {
  Diagnostics diagnostics;
  std::shared_ptr<const ActorDictionary> dict = FromSourcesAll(sources, &diagnostics);
  if (!diagnostics.ok()) return diagnostics.ToStatus();
  return dict;
}

std::shared_ptr<const ActorDictionary> ActorDictionary::LoadAll(const fs::path& resources, Diagnostics* diagnostics) {
  const auto start = std::chrono::steady_clock::now();
  size_t files = 0;
  DictionarySources sources = ReadSources(resources, diagnostics, &files);
  std::shared_ptr<ActorDictionary> dict = DictionaryCompiler::CompileSources(sources, diagnostics);
  dict->stats_.load_ms =  // including reading the files
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return dict;
}

Result<std::shared_ptr<const ActorDictionary>> ActorDictionary::Load(const fs::path& resources) {
  Diagnostics diagnostics;
  std::shared_ptr<const ActorDictionary> dict = LoadAll(resources, &diagnostics);
  if (!diagnostics.ok()) return diagnostics.ToStatus();
  return dict;
}

}  // namespace cronaca::actors
