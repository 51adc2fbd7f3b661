#include "serve/output.h"

#include <algorithm>
#include <sstream>

namespace cronaca {

namespace {

nlohmann::json SpanJson(const Span& s) { return nlohmann::json::array({s.begin, s.end}); }

}  // namespace

nlohmann::json DocumentToJson(const Document& doc, const StringStore& strings, const OutputOptions& options) {
  using nlohmann::json;
  const Metadata& meta = doc.metadata();
  json j = json::object();
  j["id"] = doc.id();
  j["lang"] = doc.lang();
  j["date"] = meta.has_date ? json(meta.date.ToString()) : json(nullptr);
  const Extractions& ex = doc.extractions();
  auto text = [&](const Span& span) { return std::string(doc.Text(span)); };
  auto null_if_empty = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  json events = json::array();
  for (const Event& e : ex.events) {
    json modality = json::array();
    if (e.modality & kModalityNegated) modality.push_back("negated");
    if (e.modality & kModalityIntent) modality.push_back("intent");
    if (e.modality & kModalityAlleged) modality.push_back("alleged");
    if (e.modality & kModalityReported) modality.push_back("reported");
    if (e.modality & kModalityHistory) modality.push_back("history");
    json ev = {{"source", null_if_empty(e.source)}, {"target", null_if_empty(e.target)},
               {"code", e.code}, {"plover", e.plover}, {"trigger", text(e.trigger)},
               {"date", null_if_empty(e.date)}, {"trigger_span", SpanJson(e.trigger)},
               {"goldstein", e.goldstein}, {"quad_class", e.quad_class}, {"modality", modality},
               {"rule", e.rule}, {"confidence", e.confidence}};
    if (!e.plover_mode.empty()) ev["plover_mode"] = e.plover_mode;
    if (e.source_mention != kNoIndex) ev["source_span"] = SpanJson(ex.mentions[e.source_mention].span);
    if (e.target_mention != kNoIndex) ev["target_span"] = SpanJson(ex.mentions[e.target_mention].span);
    if (!e.place.empty()) ev["place"] = e.place;
    events.push_back(std::move(ev));
  }
  j["events"] = std::move(events);
  json quotes = json::array();
  json claims = json::array();
  json empty_quotes = json::array();
  for (const Quotation& q : ex.quotes) {
    json item = {{"quote", text(q.content)}, {"speaker", null_if_empty(q.speaker)},
                 {"speaker_code", null_if_empty(q.speaker_code)}, {"kind", QuoteKindName(q.kind)},
                 {"span", SpanJson(q.span)}, {"content_span", SpanJson(q.content)}, {"rule", q.rule},
                 {"confidence", q.confidence}};
    if (!q.speaker_entity.empty()) item["speaker_entity"] = q.speaker_entity;
    if (!q.relay.empty()) item["relay"] = {{"name", q.relay}, {"code", null_if_empty(q.relay_code)}};
    if (q.kind == QuoteKind::kEmpty) {
      empty_quotes.push_back(std::move(item));  // damage, not a quotation of anyone
    } else {
      (q.indirect ? claims : quotes).push_back(std::move(item));
    }
  }
  j["quotes"] = std::move(quotes);
  json times = json::array();
  for (const TimeExpression& t : ex.times) {
    json item = {{"text", text(t.span)}, {"value", null_if_empty(t.value)}, {"type", TimeTypeName(t.type)},
                 {"span", SpanJson(t.span)}, {"rule", t.rule}};
    if (!t.candidates.empty()) item["candidates"] = t.candidates;
    if (t.relative) item["relative"] = true;
    times.push_back(std::move(item));
  }
  j["times"] = std::move(times);
  j["claims"] = std::move(claims);
  j["empty_quotes"] = std::move(empty_quotes);
  json mentions = json::array();
  for (const Mention& m : ex.mentions) {
    json item = {{"text", text(m.span)}, {"span", SpanJson(m.span)}, {"entity", m.entity}, {"name", m.name},
                 {"code", null_if_empty(m.code)}, {"type", MentionTypeName(m.type)},
                 {"resolution", ResolutionName(m.resolution)}, {"rule", m.rule}};
    if (!m.correction.empty()) item["correction"] = m.correction;
    if (m.antecedent != kNoIndex) item["antecedent"] = m.antecedent;
    mentions.push_back(std::move(item));
  }
  j["mentions"] = std::move(mentions);
  json places = json::array();
  for (const PlaceMention& p : ex.places) {
    json item = {{"text", text(p.span)}, {"span", SpanJson(p.span)}, {"place", p.place}, {"name", p.name},
                 {"country", p.country}, {"kind", p.kind}, {"lat", p.latitude}, {"lon", p.longitude},
                 {"population", p.population}, {"rule", p.rule}};
    if (!p.correction.empty()) item["correction"] = p.correction;
    places.push_back(std::move(item));
  }
  j["places"] = std::move(places);
  if (!ex.story.empty()) j["story"] = ex.story;
  j["key"] = doc.key();
  if (!meta.title.empty()) j["title"] = meta.title;
  if (!meta.source.empty()) j["source"] = meta.source;
  if (!meta.url.empty()) j["url"] = meta.url;
  j["lang_confidence"] = doc.lang_confidence();
  j["body"] = SpanJson(doc.body());
  json paragraphs = json::array();
  for (const Paragraph& p : doc.paragraphs()) {
    paragraphs.push_back({{"span", SpanJson(p.span)}, {"lang", p.lang}, {"confidence", p.lang_confidence}});
  }
  j["paragraphs"] = std::move(paragraphs);
  if (options.sentences) {
    json sentences = json::array();
    for (const Sentence& s : doc.sentences()) {
      sentences.push_back({{"span", SpanJson(s.span)}, {"tokens", {s.token_begin, s.token_end}}});
    }
    j["sentences"] = std::move(sentences);
  }
  json flags = json::array();
  for (const QualityFlag& f : doc.quality_flags()) {
    flags.push_back({{"kind", f.kind},
                     {"category", f.category},
                     {"span", SpanJson(f.span)},
                     {"text", std::string(doc.Text(f.span))},
                     {"explanation", f.explanation},
                     {"rule", f.rule}});
  }
  j["quality_flags"] = std::move(flags);
  if (doc.layers() & kLayerQualityFlags) {
    j["quality"] = {{"score", ex.quality}, {"machine_translation", ex.machine_translation}};
  }
  if (options.tokens) {
    json tokens = json::array();
    for (const TokenData& t : doc.tokens()) {
      json tok = {{"text", std::string(doc.Text(t.span))}, {"span", SpanJson(t.span)},
                  {"kind", TokenKindName(t.kind)}, {"pos", PosName(t.pos)}};
      if (t.lemma) tok["lemma"] = std::string(strings.Get(t.lemma));
      if (t.proper != ProperClass::kNone) tok["proper"] = ProperClassName(t.proper);
      if (t.stem) tok["stem"] = std::string(strings.Get(t.stem));
      tok["known"] = (t.flags & kTokenKnown) != 0;
      tokens.push_back(std::move(tok));
    }
    j["tokens"] = std::move(tokens);
  }
  return j;
}

std::string DocumentToMarkdown(const Document& doc, const StringStore& strings, const OutputOptions& options) {
  std::ostringstream out;
  const Metadata& meta = doc.metadata();
  out << "# " << (meta.title.empty() ? doc.id() : meta.title) << "\n\n";
  out << "- id: `" << doc.id() << "` (key `" << doc.key().substr(0, 16) << "`)\n";
  if (!meta.source.empty()) out << "- source: " << meta.source << "\n";
  out << "- date: " << (meta.has_date ? meta.date.ToString() : std::string("unknown")) << "\n";
  char conf[16];
  std::snprintf(conf, sizeof conf, "%.2f", doc.lang_confidence());
  out << "- language: " << (doc.lang().empty() ? "unknown" : doc.lang()) << " (confidence " << conf << ")\n";
  out << "- " << doc.paragraphs().size() << " paragraphs, " << doc.sentences().size() << " sentences";
  if (doc.layers() & kLayerTokens) out << ", " << doc.tokens().size() << " tokens";
  out << "\n";
  if (!doc.quality_flags().empty()) {
    out << "\n## Quality flags\n\n";
    for (const QualityFlag& f : doc.quality_flags()) {
      out << "- **" << f.kind << "** (" << f.category << ", bytes " << f.span.begin << "-" << f.span.end
          << ", rule `" << f.rule << "`): " << f.explanation << "\n";
    }
  }
  const Extractions& ex = doc.extractions();
  if (!ex.events.empty()) {
    out << "\n## Events\n\n| source | code | target | date | trigger | rule |\n|---|---|---|---|---|---|\n";
    for (const Event& e : ex.events) {
      out << "| " << (e.source.empty() ? "-" : e.source) << " | " << e.code << " " << e.plover << " | "
          << (e.target.empty() ? "-" : e.target) << " | " << (e.date.empty() ? "-" : e.date) << " | "
          << doc.Text(e.trigger) << " | `" << e.rule << "` |\n";
    }
  }
  bool any_quote = false;
  for (const Quotation& q : ex.quotes) {
    if (q.indirect || q.kind == QuoteKind::kEmpty) continue;
    if (!any_quote) out << "\n## Quotations\n\n";
    any_quote = true;
    out << "- \u201C" << doc.Text(q.content) << "\u201D — " << (q.speaker.empty() ? "(no speaker)" : q.speaker);
    if (!q.relay.empty()) out << ", as reported by " << q.relay;
    out << "\n";
  }
  if (!ex.times.empty()) {
    out << "\n## Time expressions\n\n";
    for (const TimeExpression& t : ex.times) {
      out << "- " << doc.Text(t.span) << " → ";
      if (!t.value.empty()) {
        out << t.value;
      } else if (!t.candidates.empty()) {
        out << "one of";
        for (const std::string& c : t.candidates) out << " " << c;
      } else {
        out << "(no anchor)";
      }
      out << "\n";
    }
  }
  if (!ex.mentions.empty()) {
    out << "\n## Actors\n\n";
    std::vector<std::string> seen;
    for (const Mention& m : ex.mentions) {
      std::string line = (m.name.empty() ? std::string(doc.Text(m.span)) : m.name) + " (" + m.code + ")";
      if (std::find(seen.begin(), seen.end(), line) != seen.end()) continue;
      seen.push_back(line);
    }
    for (size_t i = 0; i < seen.size(); ++i) out << (i ? ", " : "") << seen[i];
    out << "\n";
  }
  if (options.sentences) {
    out << "\n## Sentences\n\n";
    for (size_t i = 0; i < doc.sentences().size(); ++i) {
      const Sentence& s = doc.sentences()[i];
      out << i + 1 << ". " << doc.Text(s.span) << "\n";
    }
  }
  if (options.tokens && (doc.layers() & kLayerTokens)) {
    out << "\n## Tokens\n\n| token | lemma | pos | proper | stem |\n|---|---|---|---|---|\n";
    for (const TokenData& t : doc.tokens()) {
      out << "| " << doc.Text(t.span) << " | " << strings.Get(t.lemma) << " | " << PosName(t.pos) << " | "
          << ProperClassName(t.proper) << " | " << strings.Get(t.stem) << " |\n";
    }
  }
  return out.str();
}

}  // namespace cronaca
