#include "extract/actors/actor_finder.h"

#include <algorithm>

namespace cronaca::actors {

namespace {

// Chunk flags.
constexpr uint8_t kStartOk = 1u << 0;  // a phrase may start here (token start or after an apostrophe)
constexpr uint8_t kEndOk = 1u << 1;    // a phrase may end here

// Confidence of each way of finding an actor.
constexpr float kConfidenceName = 1.0f;
constexpr float kConfidenceSurnameAntecedent = 0.95f;
constexpr float kConfidenceSurnameUnique = 0.8f;
constexpr float kConfidenceSurnameActive = 0.6f;
constexpr float kConfidenceEpithetAntecedent = 0.9f;
constexpr float kConfidenceEpithet = 0.7f;
constexpr float kConfidenceCountryName = 1.0f;
constexpr float kConfidenceAdjective = 0.9f;
constexpr float kConfidenceSeat = 0.9f;
constexpr float kConfidenceCapitalActing = 0.9f;
constexpr float kConfidenceCapitalPlace = 0.8f;
constexpr float kConfidenceCapitalNeutral = 0.6f;
constexpr float kConfidenceApposition = 0.95f;
constexpr float kConfidenceTitle = 0.9f;
constexpr float kConfidenceTitleAntecedent = 0.85f;
constexpr float kConfidenceAgent = 0.9f;
constexpr float kConfidenceAgentFocus = 0.5f;

// A paragraph's language counts when identified with this confidence (the
// segmenter's rule).
constexpr float kTrustParagraphLanguage = 0.6f;

// Words allowed between an agent and a following country or metonym
// ("ministro degli Esteri DEL governo"): at most this many link words.
constexpr uint32_t kMaxLinkWords = 3;

// Punctuation inside names ("Guinea-Bissau", "St. Kitts", "U.S."): does not
// stop a phrase. Every other punctuation mark does.
bool IsTransparentPunct(std::string_view text) { return text == "-" || text == "." || text == "'"; }

bool IsPunct(const TokenData& t) { return t.kind == TokenKind::kPunct || t.kind == TokenKind::kSymbol; }

std::string_view SentenceLanguage(const Document& doc, const Sentence& sentence) {
  if (sentence.paragraph < doc.paragraphs().size()) {
    const Paragraph& para = doc.paragraphs()[sentence.paragraph];
    if (!para.lang.empty() && para.lang_confidence >= kTrustParagraphLanguage) return para.lang;
  }
  return doc.lang();
}

MentionType TypeOf(const Entity& e) {
  switch (e.type) {
    case EntityType::kPerson: return MentionType::kPerson;
    case EntityType::kOrganisation:
    case EntityType::kGroup: return MentionType::kOrganisation;
    case EntityType::kOther: return MentionType::kOther;
  }
  return MentionType::kOther;
}

// True if `held` answers a title naming `asked` (a generic "leader" is any
// leading office; "head of state" a president or monarch).
bool RoleAnswers(RoleId asked, RoleId held) {
  if (asked == held) return true;
  switch (asked) {
    case RoleId::kLeader:
      return held == RoleId::kSupremeLeader || held == RoleId::kPresident || held == RoleId::kHeadOfState ||
             held == RoleId::kKing || held == RoleId::kPrimeMinister || held == RoleId::kChancellor;
    case RoleId::kHeadOfState:
      return held == RoleId::kPresident || held == RoleId::kKing;
    default:
      return false;
  }
}

bool IsVerb(const TokenData& t) { return t.pos == Pos::kVerb || t.pos == Pos::kAuxiliary; }

// Agents that, named without a country, are taken to be the document's main
// country's: offices and the actors of domestic news (police, protesters,
// army). Not journalists, diplomats, officials or weapons, who in news are
// as often foreign as not.
bool TakesFocus(const AgentRule& agent) {
  if (agent.role) return true;
  static constexpr std::string_view kDomestic[] = {
      "government", "army",      "navy",    "air_force",  "police",     "security_forces",
      "judiciary",  "prosecutor", "court",  "legislature", "lawmaker",  "opposition",
      "protesters", "workers",   "rebels",  "militants"};
  for (std::string_view id : kDomestic) {
    if (agent.id == id) return true;
  }
  return false;
}

// The place of offices that exist in one place only: the EU's presidents and
// High Representative, Iran's Supreme Leader, the Pope.
std::string ImplicitPlace(RoleId role) {
  switch (role) {
    case RoleId::kCommissionPresident:
    case RoleId::kHighRepresentative:
    case RoleId::kCouncilPresident:
      return "EU";
    case RoleId::kSupremeLeader:
      return "IRN";
    case RoleId::kPope:
      return "VAT";
    default:
      return {};
  }
}

// Agents that are one person, so that a name next to them is who they are
// ("il ministro Tajani"); for the others a name gives the country ("il
// governo Meloni" is ITAGOV, not Meloni).
bool IsPersonAgent(const AgentRule& agent) {
  return agent.role || agent.id == "minister" || agent.id == "official" || agent.id == "diplomat" ||
         agent.id == "negotiator" || agent.id == "lawmaker";
}

}  // namespace

ActorFinder::ActorFinder(std::shared_ptr<const ActorDictionary> dictionary) : dict_(std::move(dictionary)) {}

// --- chunks and matches -----------------------------------------------------------

void ActorFinder::BuildChunks(const Document& doc) {
  const PhraseMatcher& matcher = dict_->matcher();
  const std::vector<TokenData>& tokens = doc.tokens();
  chunks_.clear();
  ids_.clear();
  sentence_chunks_.clear();
  token_chunk_.assign(tokens.size(), kNoChunk);
  for (const Sentence& sentence : doc.sentences()) {
    sentence_chunks_.push_back(static_cast<uint32_t>(chunks_.size()));
    for (uint32_t tok_idx = sentence.token_begin; tok_idx < sentence.token_end; ++tok_idx) {
      const TokenData& token = tokens[tok_idx];
      std::string_view text = doc.NormText(token);
      if (IsPunct(token)) {
        if (!IsTransparentPunct(text)) {
          chunks_.push_back(Chunk{kNoChunk, tok_idx, 0, 0, 0, token.norm.begin, token.norm.end});
          ids_.push_back(kNoChunk);
        }
        continue;
      }
      folded_.clear();
      token_chunks_.clear();
      FoldChunks(text, &folded_, &token_chunks_);
      for (size_t i = 0; i < token_chunks_.size(); ++i) {
        const FoldedChunk& c = token_chunks_[i];
        const uint32_t id = matcher.ChunkId(ChunkText(folded_, c), c.hash);
        uint8_t flags = 0;
        if (i == 0 || text[c.begin - 1] == '\'') flags |= kStartOk;
        if (i + 1 == token_chunks_.size() || text[c.end] == '\'') flags |= kEndOk;
        chunks_.push_back(Chunk{id, tok_idx, c.letters, c.upper, flags, token.norm.begin + c.begin,
                                token.norm.begin + c.end});
        ids_.push_back(id);
        if (i == 0) token_chunk_[tok_idx] = id;
      }
    }
  }
  sentence_chunks_.push_back(static_cast<uint32_t>(chunks_.size()));
}

bool ActorFinder::Accept(const Document& doc, const Surface& s, uint32_t chunk_begin, uint32_t length,
                         uint32_t lang_mask, bool has_morph) const {
  if ((s.languages & lang_mask) == 0) return false;
  const uint32_t chunk_end = chunk_begin + length;
  bool any_upper = false;
  for (uint32_t c = chunk_begin; c < chunk_end; ++c) any_upper |= chunks_[c].upper > 0;
  // A surname alone is a name only when written as one.
  if (s.kind == SurfaceKind::kSurname && !any_upper) return false;
  // Agents are nouns: "inviato" in "ha inviato le truppe" is a verb,
  // "militari" in "aiuti militari" an adjective.
  if (s.kind == SurfaceKind::kAgent && has_morph && chunks_[chunk_begin].token == chunks_[chunk_end - 1].token) {
    const uint32_t token_idx = chunks_[chunk_begin].token;
    const TokenData& token = doc.tokens()[token_idx];
    if (IsVerb(token)) return false;
    // An adjective only next to a noun (or adjective) it goes with ("aiuti
    // militari", "military aid", "obiettivi militari"); "detained by police
    // on Monday" is the agent, tagged an adjective by mistake.
    if (token.pos == Pos::kAdjective) {
      const auto& tokens = doc.tokens();
      auto nominal = [](Pos pos) { return pos == Pos::kNoun || pos == Pos::kProperNoun || pos == Pos::kAdjective; };
      bool noun_before = token_idx > 0 && nominal(tokens[token_idx - 1].pos);
      bool noun_after = token_idx + 1 < tokens.size() && nominal(tokens[token_idx + 1].pos);
      if (noun_before || noun_after) return false;
    }
  }
  switch (s.case_rule) {
    case CaseRule::kAny:
      return true;
    case CaseRule::kShortAcronym:
      for (uint32_t c = chunk_begin; c < chunk_end; ++c) {
        if (chunks_[c].upper != chunks_[c].letters) return false;
      }
      return true;
    case CaseRule::kAcronym:
      return chunks_[chunk_begin].upper > 0;
    case CaseRule::kCapitalised: {
      if (any_upper) return true;
      // All lower case: only words the lexicon does not know as common words.
      if (!has_morph) return false;
      const std::vector<TokenData>& tokens = doc.tokens();
      for (uint32_t t = chunks_[chunk_begin].token; t <= chunks_[chunk_end - 1].token; ++t) {
        if ((tokens[t].flags & kTokenKnown) && tokens[t].pos != Pos::kProperNoun) return false;
      }
      return true;
    }
  }
  return false;
}

void ActorFinder::MatchSentence(const Document& doc, uint32_t sent_idx, uint32_t lang_mask, bool has_morph) {
  const PhraseMatcher& matcher = dict_->matcher();
  const uint32_t end = sentence_chunks_[sent_idx + 1];
  uint32_t c = sentence_chunks_[sent_idx];
  while (c < end) {
    if (ids_[c] == kNoChunk || !(chunks_[c].flags & kStartOk)) {
      ++c;
      continue;
    }
    const uint32_t start = c;
    PhraseMatch match = matcher.LongestMatch(&ids_[start], end - start, [&](uint32_t phrase, uint32_t length) {
      if (!(chunks_[start + length - 1].flags & kEndOk)) return false;
      for (const Surface& s : dict_->SurfacesOf(phrase)) {
        if (Accept(doc, s, start, length, lang_mask, has_morph)) return true;
      }
      return false;
    });
    if (match.length == 0) {
      ++c;
      continue;
    }
    Unit unit;
    unit.chunk_begin = start;
    unit.chunk_end = start + match.length;
    unit.tok_begin = chunks_[start].token;
    unit.tok_end = chunks_[unit.chunk_end - 1].token + 1;
    unit.sentence = sent_idx;
    unit.surfaces_begin = static_cast<uint32_t>(accepted_.size());
    for (const Surface& s : dict_->SurfacesOf(match.phrase)) {
      if (Accept(doc, s, start, match.length, lang_mask, has_morph)) accepted_.push_back(&s);
    }
    unit.surfaces_end = static_cast<uint32_t>(accepted_.size());
    unit.kind = accepted_[unit.surfaces_begin]->kind;
    units_.push_back(unit);
    c = unit.chunk_end;
  }
}

// --- combining agents with their countries ------------------------------------

bool ActorFinder::IsModifier(const Unit& unit) const {
  switch (unit.kind) {
    case SurfaceKind::kCountryName:
    case SurfaceKind::kCountryAdjective:
    case SurfaceKind::kCapital:
    case SurfaceKind::kSeat:
    case SurfaceKind::kEntityMetonym:
      return true;
    case SurfaceKind::kEntityName: {
      const EntityType type = dict_->entity(FirstSurface(unit).target).type;
      return type == EntityType::kOrganisation || type == EntityType::kGroup;
    }
    default:
      return false;
  }
}

bool ActorFinder::IsPerson(const Unit& unit) const {
  if (unit.kind == SurfaceKind::kSurname) return true;
  return unit.kind == SurfaceKind::kEntityName && dict_->entity(FirstSurface(unit).target).type == EntityType::kPerson;
}

std::string ActorFinder::PlaceOf(const Unit& unit, Day day, int* entity) const {
  *entity = -1;
  const Surface& s = FirstSurface(unit);
  switch (unit.kind) {
    case SurfaceKind::kCountryName:
    case SurfaceKind::kCountryAdjective:
    case SurfaceKind::kDemonym:
    case SurfaceKind::kCapital:
    case SurfaceKind::kSeat:
      return dict_->country(s.target).iso3;
    case SurfaceKind::kEntityName:
    case SurfaceKind::kEntityMetonym:
      *entity = static_cast<int>(s.target);
      return std::string(dict_->entity(s.target).CodeOn(day));
    default:
      return {};
  }
}

template <typename Pred>
bool ActorFinder::GapAll(uint32_t from, uint32_t to, Pred pred) const {
  for (uint32_t t = from; t < to; ++t) {
    if (!pred(t)) return false;
  }
  return true;
}

uint32_t ActorFinder::TokensBetween(uint32_t from, uint32_t to) const { return to > from ? to - from : 0; }

void ActorFinder::CombineSentence(const Document& doc, uint32_t units_begin, uint32_t units_end,
                                  const LanguageRules* rules, bool has_morph) {
  const std::vector<TokenData>& tokens = doc.tokens();
  const bool adjective_before = rules && rules->adjective_before;
  const bool noun_before = rules && rules->noun_before;
  auto is_link = [&](uint32_t t) { return rules && rules->IsLink(token_chunk_[t]); };
  auto is_possessive = [&](uint32_t t) { return rules && rules->IsPossessive(token_chunk_[t]); };
  // A plain word that may sit between an agent and its adjective ("forze
  // speciali ucraine", "Russian top diplomat"): lower case, not punctuation,
  // not a link word, not a verb.
  auto is_filler = [&](uint32_t t) {
    const TokenData& tok = tokens[t];
    if (IsPunct(tok) || (tok.flags & kTokenCapitalised) || is_link(t)) return false;
    return !(has_morph && IsVerb(tok));
  };
  const size_t drafts_begin = drafts_.size();

  // 1. Agents take a country, capital, seat or organisation next to them.
  for (uint32_t i = units_begin; i < units_end; ++i) {
    Unit& agent = units_[i];
    if (agent.kind != SurfaceKind::kAgent) continue;
    Draft draft{i, agent.tok_begin, agent.tok_end};
    auto try_after = [&]() -> bool {
      if (i + 1 >= units_end || units_[i + 1].consumed || !IsModifier(units_[i + 1])) return false;
      const Unit& mod = units_[i + 1];
      const uint32_t gap = TokensBetween(agent.tok_end, mod.tok_begin);
      bool ok;
      if (mod.kind == SurfaceKind::kCountryAdjective) {
        ok = !adjective_before && gap <= 1 && GapAll(agent.tok_end, mod.tok_begin, is_filler);
      } else {
        const bool organisation = mod.kind == SurfaceKind::kEntityName || mod.kind == SurfaceKind::kEntityMetonym;
        ok = (gap >= 1 && gap <= kMaxLinkWords && GapAll(agent.tok_end, mod.tok_begin, is_link)) ||
             (gap == 0 && organisation);
      }
      if (!ok) return false;
      draft.modifier = static_cast<int>(i + 1);
      draft.tok_end = mod.tok_end;
      return true;
    };
    auto try_before = [&]() -> bool {
      if (i == units_begin || units_[i - 1].consumed || !IsModifier(units_[i - 1])) return false;
      const Unit& mod = units_[i - 1];
      const uint32_t gap = TokensBetween(mod.tok_end, agent.tok_begin);
      bool ok;
      if (mod.kind == SurfaceKind::kCountryAdjective) {
        ok = adjective_before && gap <= 1 && GapAll(mod.tok_end, agent.tok_begin, is_filler);
      } else {
        ok = noun_before && (gap == 0 || (gap <= 2 && is_possessive(mod.tok_end) &&
                                          GapAll(mod.tok_end + 1, agent.tok_begin, is_filler)));
      }
      if (!ok) return false;
      draft.modifier = static_cast<int>(i - 1);
      draft.tok_begin = mod.tok_begin;
      return true;
    };
    const bool found = adjective_before ? (try_before() || try_after()) : (try_after() || try_before());
    if (found) units_[draft.modifier].consumed = true;
    drafts_.push_back(draft);
  }

  // 2. An agent without a place takes that of a neighbouring agent: "il
  // portavoce del ministero degli Esteri russo", "Foreign Ministry spokeswoman".
  for (size_t d = drafts_begin; d < drafts_.size(); ++d) {
    Draft& draft = drafts_[d];
    if (draft.modifier >= 0 || units_[draft.unit].consumed) continue;
    // The drafts next to this one, by position.
    for (size_t other_idx = drafts_begin; other_idx < drafts_.size(); ++other_idx) {
      Draft& other = drafts_[other_idx];
      if (other_idx == d || other.modifier < 0 || units_[other.unit].consumed) continue;
      const bool after = other.tok_begin >= draft.tok_end &&
                         TokensBetween(draft.tok_end, other.tok_begin) >= 1 &&
                         TokensBetween(draft.tok_end, other.tok_begin) <= kMaxLinkWords &&
                         GapAll(draft.tok_end, other.tok_begin, is_link);
      const bool before = noun_before && other.tok_end == draft.tok_begin;
      if (!after && !before) continue;
      draft.inherited = static_cast<int>(other.unit);
      draft.modifier = other.modifier;
      draft.tok_begin = std::min(draft.tok_begin, other.tok_begin);
      draft.tok_end = std::max(draft.tok_end, other.tok_end);
      units_[other.unit].consumed = true;  // absorbed into this draft
      break;
    }
  }

  // 3. A name right after an agent (or before it, with a comma) is the
  // person it names: "il presidente russo Vladimir Putin", "Tajani, ministro".
  // "ex presidente" / "former president" is not today's holder.
  const Sentence& sentence = doc.sentences()[units_[units_begin].sentence];
  for (size_t d = drafts_begin; d < drafts_.size(); ++d) {
    Draft& draft = drafts_[d];
    if (units_[draft.unit].consumed) continue;
    if (draft.tok_begin > sentence.token_begin && rules &&
        rules->IsFormer(token_chunk_[draft.tok_begin - 1])) {
      draft.former = true;
    }
    for (uint32_t j = units_begin; j < units_end; ++j) {
      const Unit& person = units_[j];
      if (!IsPerson(person) || person.consumed) continue;
      if (person.tok_begin >= draft.tok_end) {
        const uint32_t gap = person.tok_begin - draft.tok_end;
        if (gap == 0 || (gap == 1 && doc.NormText(tokens[draft.tok_end]) == ",")) draft.appositive = static_cast<int>(j);
        break;
      }
      if (person.tok_end + 1 == draft.tok_begin && doc.NormText(tokens[person.tok_end]) == ",") {
        draft.appositive = static_cast<int>(j);
      }
    }
  }
}

// --- resolution ------------------------------------------------------------------

void ActorFinder::Resolve(const Document& doc, const Draft& draft, Day day, const LanguageRules* rules,
                          bool has_morph, std::vector<Mention>* mentions) {
  const Unit& unit = units_[draft.unit];
  const Surface& surface = FirstSurface(unit);
  const std::vector<TokenData>& tokens = doc.tokens();
  Mention m;
  {
    uint32_t norm_begin = chunks_[unit.chunk_begin].norm_begin;
    uint32_t norm_end = chunks_[unit.chunk_end - 1].norm_end;
    for (int other : {draft.modifier, draft.inherited}) {
      if (other < 0) continue;
      norm_begin = std::min(norm_begin, chunks_[units_[other].chunk_begin].norm_begin);
      norm_end = std::max(norm_end, chunks_[units_[other].chunk_end - 1].norm_end);
    }
    m.span = doc.ToOriginal(norm_begin, norm_end);
  }
  m.sentence = unit.sentence;
  m.rule = surface.rule;
  auto last_mention = [&](uint32_t entity) -> uint32_t {
    for (auto it = last_mention_.rbegin(); it != last_mention_.rend(); ++it) {
      if (it->first == entity) return it->second;
    }
    return kNoIndex;
  };
  // Among candidate entities, the one mentioned most recently (or -1).
  auto most_recent = [&](auto begin, auto end) -> int {
    for (auto it = last_mention_.rbegin(); it != last_mention_.rend(); ++it) {
      if (std::find(begin, end, it->first) != end) return static_cast<int>(it->first);
    }
    return -1;
  };
  auto set_entity = [&](uint32_t e) {
    const Entity& ent = dict_->entity(e);
    m.entity = ent.id;
    m.name = ent.name;
    m.code = std::string(ent.CodeOn(day));
    m.type = TypeOf(ent);
  };
  auto set_country = [&](uint32_t country, std::string_view suffix) {
    const Country& c = dict_->country(country);
    m.entity = c.iso3;
    m.name = c.name;
    m.code = c.iso3 + std::string(suffix);
  };
  // The entity targets of the unit's readings of `kind`.
  auto targets_of = [&](const Unit& u, SurfaceKind kind) {
    holders_.clear();
    for (uint32_t k = u.surfaces_begin; k < u.surfaces_end; ++k) {
      if (accepted_[k]->kind == kind &&
          std::find(holders_.begin(), holders_.end(), accepted_[k]->target) == holders_.end()) {
        holders_.push_back(accepted_[k]->target);
      }
    }
  };
  // Picks one person among a unit's name or surname readings: the one named
  // before, else the only one, else the only one in office; -1 if unsure.
  // *antecedent is set when the choice comes from an earlier mention.
  auto pick_person = [&](const Unit& u, uint32_t* antecedent, float* confidence) -> int {
    targets_of(u, u.kind);
    const int recent = most_recent(holders_.begin(), holders_.end());
    if (recent >= 0) {
      *antecedent = last_mention(static_cast<uint32_t>(recent));
      *confidence = kConfidenceSurnameAntecedent;
      return recent;
    }
    *antecedent = kNoIndex;
    if (holders_.size() == 1) {
      *confidence = u.kind == SurfaceKind::kSurname ? kConfidenceSurnameUnique : kConfidenceName;
      return static_cast<int>(holders_[0]);
    }
    int active = -1;
    for (uint32_t e : holders_) {
      if (!dict_->entity(e).ActiveOn(day)) continue;
      if (active >= 0) return -1;
      active = static_cast<int>(e);
    }
    *confidence = kConfidenceSurnameActive;
    return active;
  };

  int entity_index = -1;
  switch (unit.kind) {
    case SurfaceKind::kEntityName: {
      uint32_t antecedent = kNoIndex;
      float confidence = kConfidenceName;
      entity_index = pick_person(unit, &antecedent, &confidence);
      if (entity_index < 0) entity_index = static_cast<int>(surface.target);
      set_entity(static_cast<uint32_t>(entity_index));
      m.resolution = Resolution::kDirect;
      m.confidence = kConfidenceName;
      break;
    }
    case SurfaceKind::kSurname: {
      uint32_t antecedent = kNoIndex;
      float confidence = 0;
      entity_index = pick_person(unit, &antecedent, &confidence);
      if (entity_index < 0) return;  // an ambiguous surname and nobody named before
      set_entity(static_cast<uint32_t>(entity_index));
      for (uint32_t k = unit.surfaces_begin; k < unit.surfaces_end; ++k) {
        if (accepted_[k]->target == static_cast<uint32_t>(entity_index)) m.rule = accepted_[k]->rule;
      }
      m.resolution = antecedent != kNoIndex ? Resolution::kSurname : Resolution::kDirect;
      m.antecedent = antecedent;
      m.confidence = confidence;
      break;
    }
    case SurfaceKind::kEpithet: {
      targets_of(unit, SurfaceKind::kEpithet);
      const int recent = most_recent(holders_.begin(), holders_.end());
      entity_index = recent >= 0 ? recent : static_cast<int>(surface.target);
      set_entity(static_cast<uint32_t>(entity_index));
      m.resolution = Resolution::kEpithet;
      m.antecedent = last_mention(static_cast<uint32_t>(entity_index));
      m.confidence = m.antecedent != kNoIndex ? kConfidenceEpithetAntecedent : kConfidenceEpithet;
      break;
    }
    case SurfaceKind::kCountryName:
    case SurfaceKind::kCountryAdjective:
    case SurfaceKind::kDemonym:
      set_country(surface.target, "");
      m.type = MentionType::kCountry;
      m.confidence = unit.kind == SurfaceKind::kCountryName ? kConfidenceCountryName : kConfidenceAdjective;
      break;
    case SurfaceKind::kSeat:
      set_country(surface.target, "GOV");
      m.type = MentionType::kMetonym;
      m.confidence = kConfidenceSeat;
      break;
    case SurfaceKind::kCapital:
    case SurfaceKind::kEntityMetonym: {
      // Acting (government), a place (the country), or undecided.
      const Sentence& sentence = doc.sentences()[unit.sentence];
      enum class Reading { kActing, kPlace, kNeutral } reading = Reading::kNeutral;
      if (unit.tok_begin > sentence.token_begin && rules && rules->IsLocative(token_chunk_[unit.tok_begin - 1])) {
        reading = Reading::kPlace;
      } else {
        // Before a verb (skipping a negation, adverbs or clitic pronouns), or
        // a possessive: acting.
        constexpr uint32_t kMaxSkipped = 2;
        uint32_t t = unit.tok_end;
        uint32_t skipped = 0;
        while (t < sentence.token_end && has_morph && skipped < kMaxSkipped &&
               (tokens[t].pos == Pos::kAdverb || tokens[t].pos == Pos::kPronoun)) {
          ++t;
          ++skipped;
        }
        if (t < sentence.token_end && ((has_morph && IsVerb(tokens[t])) || (rules && rules->IsPossessive(token_chunk_[t])))) {
          reading = Reading::kActing;
        }
        // Or the subject at the start of the sentence.
        bool first = true;
        for (uint32_t b = sentence.token_begin; b < unit.tok_begin; ++b) {
          if (!IsPunct(tokens[b]) && !(has_morph && tokens[b].pos == Pos::kDeterminer)) first = false;
        }
        if (first) reading = Reading::kActing;
      }
      int metonym_entity = -1;
      int capital = -1;
      for (uint32_t k = unit.surfaces_begin; k < unit.surfaces_end; ++k) {
        if (accepted_[k]->kind == SurfaceKind::kEntityMetonym && metonym_entity < 0) {
          metonym_entity = static_cast<int>(accepted_[k]->target);
        }
        if (accepted_[k]->kind == SurfaceKind::kCapital && capital < 0) capital = static_cast<int>(accepted_[k]->target);
      }
      m.type = MentionType::kMetonym;
      if (metonym_entity >= 0 && (reading != Reading::kPlace || capital < 0)) {
        entity_index = metonym_entity;
        set_entity(static_cast<uint32_t>(metonym_entity));
        m.type = MentionType::kMetonym;
        for (uint32_t k = unit.surfaces_begin; k < unit.surfaces_end; ++k) {
          if (accepted_[k]->kind == SurfaceKind::kEntityMetonym) {
            m.rule = accepted_[k]->rule;
            break;
          }
        }
        m.confidence = reading == Reading::kActing ? kConfidenceCapitalActing : kConfidenceCapitalNeutral;
        if (reading == Reading::kPlace) m.confidence = kConfidenceCapitalPlace * kConfidenceCapitalNeutral;
        break;
      }
      set_country(static_cast<uint32_t>(capital), reading == Reading::kPlace ? "" : "GOV");
      m.confidence = reading == Reading::kActing  ? kConfidenceCapitalActing
                     : reading == Reading::kPlace ? kConfidenceCapitalPlace
                                                  : kConfidenceCapitalNeutral;
      m.rule += reading == Reading::kActing ? " +acting" : reading == Reading::kPlace ? " +place" : "";
      break;
    }
    case SurfaceKind::kAgent: {
      const AgentRule& agent = dict_->agent(surface.target);
      m.role = agent.id;
      int place_entity = -1;
      std::string place;
      if (draft.modifier >= 0) {
        const Unit& mod = units_[draft.modifier];
        place = PlaceOf(mod, day, &place_entity);
        if (draft.inherited >= 0) m.rule += " + " + FirstSurface(units_[draft.inherited]).rule;
        m.rule += " + " + FirstSurface(mod).rule;
      }
      // Offices that exist in one place only need no place in the text.
      if (place.empty() && agent.role) place = ImplicitPlace(*agent.role);
      // A generic head of a body is of that body: "il capo della polizia
      // libica" is LBYCOP, "the head of the army" MIL.
      std::string_view suffix = agent.suffix;
      if (draft.inherited >= 0 && agent.id == "official") suffix = dict_->agent(FirstSurface(units_[draft.inherited]).target).suffix;
      // The code of the agent itself: country + suffix, or an organisation's code.
      auto agent_code = [&]() {
        return place_entity >= 0 || dict_->IsOrganisationCode(place) ? place : place + std::string(suffix);
      };
      m.type = MentionType::kAgent;
      if (draft.appositive >= 0 && !IsPersonAgent(agent) && place.empty()) {
        // "il governo Meloni": the country of the person named.
        uint32_t antecedent = kNoIndex;
        float confidence = 0;
        const int person = pick_person(units_[draft.appositive], &antecedent, &confidence);
        const std::string_view code = person >= 0 ? dict_->entity(person).CodeOn(day) : std::string_view();
        if (code.size() >= 3 && dict_->FindCountry(code.substr(0, 3)) >= 0) {
          place = std::string(code.substr(0, 3));
          m.rule += " +person";
        }
      } else if (draft.appositive >= 0) {
        uint32_t antecedent = kNoIndex;
        float confidence = 0;
        const int person = pick_person(units_[draft.appositive], &antecedent, &confidence);
        if (person >= 0) {
          entity_index = person;
          set_entity(static_cast<uint32_t>(person));
          if (m.code.empty() && !place.empty()) m.code = agent_code();
          m.resolution = Resolution::kTitle;
          m.confidence = kConfidenceApposition;
          m.rule += " +apposition";
          break;
        }
      }
      if (agent.role && !draft.former) {
        holders_.clear();
        if (!place.empty()) {
          dict_->Holders(*agent.role, place, day, &holders_);
          int chosen = most_recent(holders_.begin(), holders_.end());
          if (chosen < 0 && holders_.size() == 1) chosen = static_cast<int>(holders_[0]);
          if (chosen >= 0) {
            entity_index = chosen;
            set_entity(static_cast<uint32_t>(chosen));
            if (m.code.empty()) m.code = agent_code();
            m.resolution = Resolution::kTitle;
            m.antecedent = last_mention(static_cast<uint32_t>(chosen));
            m.confidence = kConfidenceTitle;
            m.rule += " +holder";
            break;
          }
        } else {
          // "il presidente" alone: the last person named who holds that office.
          for (auto it = last_mention_.rbegin(); it != last_mention_.rend() && entity_index < 0; ++it) {
            for (const RoleSpell& r : dict_->entity(it->first).roles) {
              if (RoleAnswers(*agent.role, r.role) && r.range.Contains(day)) {
                entity_index = static_cast<int>(it->first);
                break;
              }
            }
          }
          if (entity_index >= 0) {
            set_entity(static_cast<uint32_t>(entity_index));
            m.resolution = Resolution::kTitle;
            m.antecedent = last_mention(static_cast<uint32_t>(entity_index));
            m.confidence = kConfidenceTitleAntecedent;
            m.rule += " +antecedent";
            break;
          }
        }
      }
      if (!place.empty()) {
        m.code = agent_code();
        m.entity = place_entity >= 0 ? dict_->entity(place_entity).id : place;
        m.name = agent.id + " " + (place_entity >= 0 ? dict_->entity(place_entity).name : place);
        m.confidence = kConfidenceAgent;
      } else if (!focus_.empty() && TakesFocus(agent)) {
        m.code = focus_ + std::string(suffix);
        m.entity = focus_;
        m.name = agent.id + " " + focus_;
        m.confidence = kConfidenceAgentFocus;
        m.rule += " +focus";
      } else {
        return;  // an agent of no known country
      }
      break;
    }
  }
  const uint32_t index = static_cast<uint32_t>(mentions->size());
  if (entity_index >= 0) last_mention_.emplace_back(static_cast<uint32_t>(entity_index), index);
  mentions->push_back(std::move(m));
}

// --- the document ------------------------------------------------------------------

void ActorFinder::Find(const Document& doc, std::vector<Mention>* mentions) {
  mentions->clear();
  accepted_.clear();
  units_.clear();
  drafts_.clear();
  last_mention_.clear();
  focus_.clear();
  sentence_units_.clear();
  if (doc.sentences().empty()) return;
  const bool has_morph = (doc.layers() & kLayerMorphology) != 0;
  const Day day = ReferenceDay(doc.metadata());
  BuildChunks(doc);
  const uint32_t sentence_count = static_cast<uint32_t>(doc.sentences().size());
  for (uint32_t sent_idx = 0; sent_idx < sentence_count; ++sent_idx) {
    sentence_units_.push_back(static_cast<uint32_t>(units_.size()));
    const uint32_t mask = dict_->LanguageMask(SentenceLanguage(doc, doc.sentences()[sent_idx]));
    MatchSentence(doc, sent_idx, mask, has_morph);
  }
  sentence_units_.push_back(static_cast<uint32_t>(units_.size()));

  // The document's most-mentioned country, for agents named without one.
  {
    std::vector<std::pair<std::string_view, uint32_t>>& counts = focus_counts_;  // iso3, count (first seen first)
    counts.clear();
    for (const Unit& u : units_) {
      std::string_view iso3;
      const Surface& s = FirstSurface(u);
      switch (u.kind) {
        case SurfaceKind::kCountryName:
        case SurfaceKind::kCountryAdjective:
        case SurfaceKind::kDemonym:
        case SurfaceKind::kCapital:
        case SurfaceKind::kSeat:
          iso3 = dict_->country(s.target).iso3;
          break;
        case SurfaceKind::kEntityName: {
          std::string_view code = dict_->entity(s.target).CodeOn(day);
          if (code.size() >= 3 && dict_->FindCountry(code.substr(0, 3)) >= 0) iso3 = code.substr(0, 3);
          break;
        }
        default:
          break;
      }
      if (iso3.empty()) continue;
      auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& p) { return p.first == iso3; });
      if (it == counts.end()) {
        counts.emplace_back(iso3, 1);
      } else {
        ++it->second;
      }
    }
    uint32_t best = 0;
    for (const auto& [iso3, n] : counts) {
      if (n > best) {
        best = n;
        focus_ = iso3;
      }
    }
  }

  for (uint32_t sent_idx = 0; sent_idx < sentence_count; ++sent_idx) {
    const uint32_t units_begin = sentence_units_[sent_idx];
    const uint32_t units_end = sentence_units_[sent_idx + 1];
    if (units_begin == units_end) continue;
    const LanguageRules* rules = dict_->Rules(SentenceLanguage(doc, doc.sentences()[sent_idx]));
    const size_t drafts_begin = drafts_.size();
    CombineSentence(doc, units_begin, units_end, rules, has_morph);
    for (uint32_t i = units_begin; i < units_end; ++i) {
      if (units_[i].kind == SurfaceKind::kAgent || units_[i].consumed) continue;
      drafts_.push_back(Draft{i, units_[i].tok_begin, units_[i].tok_end});
    }
    std::sort(drafts_.begin() + static_cast<std::ptrdiff_t>(drafts_begin), drafts_.end(),
              [](const Draft& a, const Draft& b) { return a.tok_begin < b.tok_begin; });
    for (size_t d = drafts_begin; d < drafts_.size(); ++d) {
      if (units_[drafts_[d].unit].consumed) continue;
      Resolve(doc, drafts_[d], day, rules, has_morph, mentions);
    }
  }
}

}  // namespace cronaca::actors
