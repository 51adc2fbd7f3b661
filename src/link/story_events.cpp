#include "link/story_events.h"

#include <algorithm>
#include <set>

namespace cronaca {
namespace {

// The modality flags that make two mentions different events.
constexpr uint8_t kIdentityFlags = kModalityNegated | kModalityIntent | kModalityHistory;

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void AddUnique(std::vector<std::string>* v, const std::string& s) {
  if (!s.empty() && !Contains(*v, s)) v->push_back(s);
}

// Consultations and agreements are symmetric: who called whom is not what
// distinguishes one call from another.
bool Reciprocal(const std::string& code) { return CameoRoot(code) == "04" || code.rfind("057", 0) == 0; }

// A mention before merging: the event and what the merge compares.
struct Candidate {
  StoryEventMention mention;
  std::string root, source, target;
  std::vector<std::string> dates;
  std::vector<std::string> places;
  std::string visited;  // the country a visit (042) goes to
};

// How a candidate's actors meet a story event's.
enum class ActorMatch { kNo, kSame, kReversed, kPlace };

ActorMatch MatchActors(const StoryEvent& e, const std::string& root, const Candidate& c) {
  auto target_ok = [&](const std::string& target) {
    return target.empty() || e.targets.empty() || Contains(e.targets, target);
  };
  if (c.source == e.source && target_ok(c.target)) return ActorMatch::kSame;
  if (Reciprocal(root)) {
    // The pair reversed: the candidate's target is the event's source.
    if (!c.target.empty() && c.target == e.source && Contains(e.targets, c.source)) return ActorMatch::kReversed;
    // A visit and a consultation by the same source in the country visited:
    // "arrived in Denmark" (042, target DNK) and "met EU leaders in Denmark"
    // (044 with Denmark in its sentence). A country that is merely named
    // in the sentence of two consultations is not enough.
    if (c.source == e.source) {
      if (!c.visited.empty() && Contains(e.places, c.visited)) return ActorMatch::kPlace;
      for (const std::string& v : e.visited) {
        if (Contains(c.places, v)) return ActorMatch::kPlace;
      }
    }
  }
  return ActorMatch::kNo;
}

}  // namespace

std::string ActorCountry(const std::string& code) {
  if (code.size() >= 3 && code.size() % 3 == 0) return code.substr(0, 3);
  return code;
}

bool CodesCompatible(const std::string& a, const std::string& b) {
  if (CameoRoot(a) != CameoRoot(b)) return false;
  if (a.compare(0, b.size(), b) == 0 || b.compare(0, a.size(), a) == 0) return true;
  // The unspecified code of a root ("040", "120") meets any code of it.
  auto unspecified = [](const std::string& c) { return c.size() == 3 && c[2] == '0'; };
  if (unspecified(a) || unspecified(b)) return true;
  // A telephone call (041) is not a meeting in person (042-046).
  auto phone = [](const std::string& c) { return c.rfind("041", 0) == 0; };
  if (CameoRoot(a) == "04" && phone(a) != phone(b)) return false;
  return true;
}

std::string CameoRoot(const std::string& code) { return code.substr(0, std::min<size_t>(2, code.size())); }

bool DatesCompatible(const std::string& a, const std::string& b) {
  const std::string& shorter = a.size() <= b.size() ? a : b;
  const std::string& longer = a.size() <= b.size() ? b : a;
  if (longer.compare(0, shorter.size(), shorter) != 0) return false;
  // "2025-07" is a prefix of "2025-07-03" but "2025-1" is not a period of "2025-11".
  return longer.size() == shorter.size() || longer[shorter.size()] == '-';
}

std::vector<std::string> NarrowDates(const std::vector<std::string>& a, const std::vector<std::string>& b, bool* ok) {
  *ok = true;
  if (a.empty()) return b;
  if (b.empty()) return a;
  std::vector<std::string> out;
  for (const std::string& x : a) {
    for (const std::string& y : b) {
      if (DatesCompatible(x, y)) AddUnique(&out, x.size() >= y.size() ? x : y);
    }
  }
  // Narrowest first: a day before a month before a year.
  std::stable_sort(out.begin(), out.end(),
                   [](const std::string& x, const std::string& y) { return x.size() > y.size(); });
  *ok = !out.empty();
  return out;
}

std::vector<StoryEvent> MergeStoryEvents(const std::vector<const Document*>& docs) {
  std::vector<StoryEvent> events;
  for (const Document* doc : docs) {
    const Extractions& ex = doc->extractions();
    for (uint32_t i = 0; i < ex.events.size(); ++i) {
      const Event& ev = ex.events[i];
      Candidate c;
      StoryEventMention& m = c.mention;
      m.document = doc->id();
      m.source = doc->metadata().source;
      m.event = i;
      m.trigger = ev.trigger;
      m.trigger_text = std::string(doc->Text(ev.trigger));
      m.sentence = ev.sentence;
      m.code = ev.code;
      m.event_source = ev.source;
      m.event_target = ev.target;
      m.modality = ev.modality;
      m.rule = ev.rule;
      m.confidence = ev.confidence;
      if (!ev.date.empty()) {
        m.date = ev.date;
      } else if (ev.time < ex.times.size() && ex.times[ev.time].type == TimeType::kDate) {
        m.date = ex.times[ev.time].value;
        m.candidates = ex.times[ev.time].candidates;
      }
      if (!m.date.empty()) {
        c.dates = {m.date};
      } else {
        c.dates = m.candidates;
      }
      c.root = CameoRoot(ev.code);
      c.source = ActorCountry(ev.source);
      c.target = ActorCountry(ev.target);
      if (ev.code.rfind("042", 0) == 0) c.visited = c.target;
      for (const PlaceMention& p : ex.places) {
        if (p.sentence != ev.sentence || p.country.empty()) continue;
        if (p.country == c.source || p.country == c.target) continue;
        AddUnique(&c.places, p.country);
      }
      // The first compatible story event takes it.
      StoryEvent* home = nullptr;
      ActorMatch match = ActorMatch::kSame;
      std::vector<std::string> narrowed;
      for (StoryEvent& e : events) {
        if (CameoRoot(e.code) != c.root) continue;
        bool codes_ok = true;
        for (const std::string& code : e.codes) codes_ok = codes_ok && CodesCompatible(code, ev.code);
        if (!codes_ok) continue;
        if ((e.modality & kIdentityFlags) != (m.modality & kIdentityFlags)) continue;
        match = MatchActors(e, c.root, c);
        if (match == ActorMatch::kNo) continue;
        bool ok = false;
        narrowed = NarrowDates(e.dates, c.dates, &ok);
        if (!ok) continue;
        home = &e;
        break;
      }
      if (home == nullptr) {
        events.emplace_back();
        home = &events.back();
        home->code = ev.code;
        home->source = c.source;
        home->target = c.target;
        home->modality = m.modality & kIdentityFlags;
        narrowed = c.dates;
        match = ActorMatch::kSame;
      }
      if (ev.code.size() > home->code.size()) home->code = ev.code;
      AddUnique(&home->codes, ev.code);
      if (home->target.empty()) home->target = c.target;
      // Reversed ("Trump called Putin" into "Putin called Trump"): the
      // candidate's source is the event's target.
      AddUnique(&home->targets, match == ActorMatch::kReversed ? c.source : c.target);
      for (const std::string& p : c.places) AddUnique(&home->places, p);
      AddUnique(&home->visited, c.visited);
      home->dates = std::move(narrowed);
      AddUnique(&home->documents, m.document);
      home->mentions.push_back(std::move(m));
    }
  }
  for (StoryEvent& e : events) {
    std::set<std::string> sources;
    for (const StoryEventMention& m : e.mentions) sources.insert(m.source.empty() ? "doc:" + m.document : m.source);
    e.n_documents = e.documents.size();
    e.n_sources = sources.size();
    // A place that is one of the actors is not news about where.
    std::erase_if(e.places, [&](const std::string& p) { return p == e.source || Contains(e.targets, p); });
  }
  return events;
}

}  // namespace cronaca
