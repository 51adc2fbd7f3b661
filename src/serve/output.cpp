#include "serve/output.h"

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
  j["events"] = json::array();
  j["quotes"] = json::array();
  j["times"] = json::array();
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
