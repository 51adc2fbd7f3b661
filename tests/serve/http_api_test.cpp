// The HTTP API of `cronaca serve` (serve/http_server.h), in process: three
// articles written for this test are analysed, linked and stored through
// engine/ingest_batch.h, a server is started on a free loopback port, and
// every endpoint is queried with httplib::Client: shapes, filters (each
// returned item must satisfy the filter), pagination, errors, the escaping
// of markup in article text, static files and their security headers, the
// response cache's invalidation, and the token-protected ingest endpoint.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "engine/analyzer.h"
#include "engine/ingest_batch.h"
#include "ingest/reader.h"
#include "serve/http_server.h"
#include "store/query.h"
#include "store/store.h"

namespace cronaca {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char* kToken = "test-token-0123456789abcdef";

// Fixture articles (written for this test).
constexpr const char* kGenevaCourier =
    "title: Foreign ministers meet in Geneva over prisoner exchange\n"
    "source: Test Courier\n"
    "date: 2025-03-10\n"
    "url: https://example.org/courier/geneva\n"
    "\n"
    "GENEVA (Test Courier) - Russian Foreign Minister Sergei Lavrov met Turkish Foreign Minister Hakan Fidan in "
    "Geneva on Monday to discuss a prisoner exchange between Russia and Ukraine.\n"
    "\n"
    "\"We have agreed on the next steps,\" Lavrov told reporters after the meeting.\n"
    "\n"
    "Russia accused Ukraine of shelling a power station near the border. Ukraine condemned the Russian strikes on "
    "Kharkiv, which killed three civilians.\n";

constexpr const char* kGenevaGazette =
    "title: Lavrov and Fidan hold talks in Geneva\n"
    "source: Sample Gazette\n"
    "date: 2025-03-11\n"
    "\n"
    "Russian Foreign Minister Sergei Lavrov and Turkish Foreign Minister Hakan Fidan held talks in Geneva on "
    "Monday about a prisoner exchange between Russia and Ukraine.\n"
    "\n"
    "\"The talks were useful,\" Fidan said. Turkey offered to host the next round.\n";

// Markup in untrusted text must come back as text.
constexpr const char* kMarkupTitle = "<b>Students</b> protest in Belgrade";
constexpr const char* kBelgradeMarkup =
    "title: <b>Students</b> protest in Belgrade\n"
    "source: Test Courier\n"
    "date: 2025-06-02\n"
    "\n"
    "Thousands of students protested in Belgrade on Sunday. <script>alert(\"owned\")</script> Serbian police "
    "arrested twelve protesters near the parliament.\n"
    "\n"
    "\"We will not stop <img src=x onerror=alert(1)>,\" a student leader said.\n";

struct Reply {
  int status = 0;
  json body;
  std::string raw;
  httplib::Headers headers;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// A server on a free port, serving on its own thread until destroyed.
class RunningServer {
 public:
  explicit RunningServer(ServerOptions options) {
    options.port = 0;
    options.threads = 4;
    auto server = HttpServer::Create(std::move(options));
    EXPECT_TRUE(server.ok()) << server.status().ToString();
    if (!server.ok()) return;
    server_ = std::move(*server);
    auto port = server_->Bind();
    EXPECT_TRUE(port.ok()) << port.status().ToString();
    if (!port.ok()) return;
    port_ = *port;
    thread_ = std::thread([this] { server_->Serve(); });
  }
  ~RunningServer() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }

  Reply Get(const std::string& target) const {
    httplib::Client client("127.0.0.1", port_);
    auto res = client.Get(target.c_str());
    return ToReply(res);
  }
  Reply Post(const std::string& target, const std::string& body, const std::string& token = "") const {
    httplib::Client client("127.0.0.1", port_);
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    auto res = client.Post(target.c_str(), headers, body, "text/plain");
    return ToReply(res);
  }

 private:
  static Reply ToReply(const httplib::Result& res) {
    Reply reply;
    if (!res) return reply;
    reply.status = res->status;
    reply.raw = res->body;
    reply.headers = res->headers;
    reply.body = json::parse(res->body, nullptr, /*allow_exceptions=*/false);
    return reply;
  }
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
};

class HttpApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("cronaca_http_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_ / "web" / "assets");
    std::ofstream(*dir_ / "web" / "index.html") << "<!doctype html><title>cronaca</title><div id=app></div>";
    std::ofstream(*dir_ / "web" / "assets" / "app.js") << "console.log('ui');";
    db_ = new std::string((*dir_ / "api.db").string());
    auto analyzer = Analyzer::Create(AnalyzerOptions{});
    ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
    auto store = Store::Open(*db_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    BatchIngester ingester(**analyzer, store->get(), IngestOptions{}, nullptr,
                           [](const Status& s) { ADD_FAILURE() << s.ToString(); });
    for (auto [id, text] : {std::pair{"geneva-courier", kGenevaCourier},
                            {"geneva-gazette", kGenevaGazette},
                            {"belgrade-markup", kBelgradeMarkup}}) {
      ASSERT_TRUE(ingester.Add(MakeDocument(id, text, id)).ok());
    }
    ASSERT_TRUE(ingester.Flush().ok());
    ASSERT_EQ(ingester.done(), 3u);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete db_;
  }

  static ServerOptions Options() {
    ServerOptions options;
    options.db = *db_;
    options.web_dir = (*dir_ / "web").string();
    return options;
  }

  static fs::path* dir_;
  static std::string* db_;
};

fs::path* HttpApiTest::dir_ = nullptr;
std::string* HttpApiTest::db_ = nullptr;

void ExpectPage(const Reply& r, size_t limit, size_t offset) {
  ASSERT_EQ(r.status, 200) << r.raw;
  ASSERT_TRUE(r.body.is_object()) << r.raw;
  EXPECT_EQ(r.body["limit"], limit);
  EXPECT_EQ(r.body["offset"], offset);
  EXPECT_TRUE(r.body["total"].is_number_integer());
  EXPECT_TRUE(r.body["items"].is_array());
  EXPECT_LE(r.body["items"].size(), limit);
}

void ExpectError(const Reply& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.raw;
  ASSERT_TRUE(r.body.is_object()) << r.raw;
  EXPECT_EQ(r.body["error"]["code"], code) << r.raw;
  EXPECT_FALSE(r.body["error"]["message"].get<std::string>().empty());
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
}

TEST_F(HttpApiTest, HealthCountsWhatTheStoreHolds) {
  RunningServer server(Options());
  Reply r = server.Get("/api/health");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["documents"], 3);
  EXPECT_GE(r.body["stories"].get<int>(), 2);  // Geneva and Belgrade cannot be one story
  EXPECT_GT(r.body["events"].get<int>(), 0);
  EXPECT_EQ(r.body["version"], CRONACA_VERSION);
  EXPECT_NE(r.Header("Content-Type").find("application/json"), std::string::npos);
}

TEST_F(HttpApiTest, OpenApiDescribesEveryEndpoint) {
  RunningServer server(Options());
  Reply r = server.Get("/api/openapi.json");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["openapi"], "3.0.3");
  for (const char* path : {"/api/health", "/api/documents", "/api/documents/{id}", "/api/stories", "/api/stories/{id}",
                           "/api/events", "/api/actors", "/api/actors/{id}", "/api/quotes", "/api/network",
                           "/api/ingest"}) {
    EXPECT_TRUE(r.body["paths"].contains(path)) << path;
  }
}

TEST_F(HttpApiTest, DocumentListShapesFiltersAndPages) {
  RunningServer server(Options());
  Reply all = server.Get("/api/documents");
  ExpectPage(all, 50, 0);
  ASSERT_EQ(all.body["total"], 3);
  std::set<std::string> ids;
  for (const json& d : all.body["items"]) {
    for (const char* field : {"id", "key", "title", "source", "date", "lang", "url", "story", "quality",
                              "machine_translation", "n_events", "n_quotes", "n_mentions"}) {
      EXPECT_TRUE(d.contains(field)) << field;
    }
    ids.insert(d["id"]);
  }
  EXPECT_EQ(ids, (std::set<std::string>{"geneva-courier", "geneva-gazette", "belgrade-markup"}));
  // Newest first.
  EXPECT_EQ(all.body["items"][0]["id"], "belgrade-markup");

  // Pages do not overlap and keep the total.
  Reply first = server.Get("/api/documents?limit=1");
  Reply second = server.Get("/api/documents?limit=1&offset=1");
  ExpectPage(first, 1, 0);
  ExpectPage(second, 1, 1);
  EXPECT_EQ(first.body["total"], 3);
  EXPECT_EQ(second.body["total"], 3);
  ASSERT_EQ(first.body["items"].size(), 1u);
  ASSERT_EQ(second.body["items"].size(), 1u);
  EXPECT_NE(first.body["items"][0]["id"], second.body["items"][0]["id"]);
  Reply past_end = server.Get("/api/documents?offset=10");
  ExpectPage(past_end, 50, 10);
  EXPECT_TRUE(past_end.body["items"].empty());
  ExpectPage(server.Get("/api/documents?limit=100000"), 500, 0);  // cut to the maximum

  Reply by_source = server.Get("/api/documents?source=Sample%20Gazette");
  ExpectPage(by_source, 50, 0);
  ASSERT_EQ(by_source.body["total"], 1);
  EXPECT_EQ(by_source.body["items"][0]["id"], "geneva-gazette");

  Reply june = server.Get("/api/documents?from=2025-06");
  ASSERT_EQ(june.body["total"], 1) << june.raw;
  EXPECT_EQ(june.body["items"][0]["id"], "belgrade-markup");
  Reply march = server.Get("/api/documents?from=2025-03-11&to=2025-03");
  ASSERT_EQ(march.body["total"], 1) << march.raw;
  EXPECT_EQ(march.body["items"][0]["id"], "geneva-gazette");

  Reply text = server.Get("/api/documents?q=power%20station");
  ASSERT_EQ(text.body["total"], 1) << text.raw;
  EXPECT_EQ(text.body["items"][0]["id"], "geneva-courier");

  const std::string story = all.body["items"][0]["story"];
  ASSERT_FALSE(story.empty());
  Reply in_story = server.Get("/api/documents?story=" + story);
  ASSERT_GE(in_story.body["total"].get<int>(), 1);
  for (const json& d : in_story.body["items"]) EXPECT_EQ(d["story"], story);

  ExpectError(server.Get("/api/documents?limit=0"), 400, "bad_request");
  ExpectError(server.Get("/api/documents?limit=ten"), 400, "bad_request");
  ExpectError(server.Get("/api/documents?offset=-1"), 400, "bad_request");
  ExpectError(server.Get("/api/documents?from=March"), 400, "bad_request");
}

TEST_F(HttpApiTest, DocumentHasItsTextAndLayersAsByteSpans) {
  RunningServer server(Options());
  Reply r = server.Get("/api/documents/geneva-courier");
  ASSERT_EQ(r.status, 200) << r.raw;
  const std::string text = r.body["text"];
  EXPECT_EQ(text, kGenevaCourier);
  EXPECT_EQ(r.body["title"], "Foreign ministers meet in Geneva over prisoner exchange");
  EXPECT_EQ(r.body["ids"], json::array({"geneva-courier"}));
  auto check_span = [&](const json& item, const char* begin, const char* end) {
    int64_t b = item[begin], e = item[end];
    EXPECT_LE(0, b);
    EXPECT_LE(b, e);
    EXPECT_LE(e, static_cast<int64_t>(text.size()));
  };
  ASSERT_FALSE(r.body["mentions"].empty());
  bool lavrov = false;
  for (const json& m : r.body["mentions"]) {
    check_span(m, "begin", "end");
    lavrov |= text.substr(m["begin"], m["end"].get<size_t>() - m["begin"].get<size_t>()).find("Lavrov") !=
              std::string::npos;
  }
  EXPECT_TRUE(lavrov) << "a mention of Lavrov, by its byte span";
  ASSERT_FALSE(r.body["events"].empty());
  for (const json& e : r.body["events"]) {
    check_span(e, "trigger_begin", "trigger_end");
    EXPECT_EQ(e["root"], e["code"].get<std::string>().substr(0, 2));
  }
  for (const json& q : r.body["quotes"]) check_span(q, "content_begin", "content_end");
  for (const char* layer : {"places", "times", "quality_flags", "sentences"}) EXPECT_TRUE(r.body[layer].is_array());

  // By key and by key prefix too.
  const std::string key = r.body["key"];
  EXPECT_EQ(server.Get("/api/documents/" + key).body["id"], "geneva-courier");
  EXPECT_EQ(server.Get("/api/documents/" + key.substr(0, 12)).body["id"], "geneva-courier");
  ExpectError(server.Get("/api/documents/no-such-document"), 404, "not_found");
}

TEST_F(HttpApiTest, MarkupInArticlesComesBackAsEscapedText) {
  RunningServer server(Options());
  Reply r = server.Get("/api/documents/belgrade-markup");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["title"], kMarkupTitle);
  EXPECT_EQ(r.body["text"], kBelgradeMarkup);  // unchanged once decoded
  // ... but no raw markup on the wire.
  EXPECT_EQ(r.raw.find("<script>"), std::string::npos);
  EXPECT_EQ(r.raw.find("<b>"), std::string::npos);
  EXPECT_NE(r.raw.find("\\u003cscript\\u003e"), std::string::npos);
  EXPECT_EQ(r.Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
  Reply list = server.Get("/api/documents?q=Belgrade");
  ASSERT_EQ(list.body["total"], 1);
  EXPECT_EQ(list.body["items"][0]["title"], kMarkupTitle);
  EXPECT_EQ(list.raw.find("<b>"), std::string::npos);
}

TEST_F(HttpApiTest, StoriesAndDossiers) {
  RunningServer server(Options());
  Reply list = server.Get("/api/stories");
  ExpectPage(list, 50, 0);
  ASSERT_GE(list.body["total"].get<int>(), 2);
  int documents = 0;
  for (const json& s : list.body["items"]) {
    for (const char* field : {"id", "first_date", "last_date", "label", "n_documents", "n_sources"}) {
      EXPECT_TRUE(s.contains(field)) << field;
    }
    EXPECT_LE(s["n_sources"].get<int>(), s["n_documents"].get<int>());
    documents += s["n_documents"].get<int>();
  }
  EXPECT_EQ(documents, 3);
  // Most recent first: the Belgrade story (June) leads.
  EXPECT_EQ(list.body["items"][0]["last_date"], "2025-06-02");
  Reply june = server.Get("/api/stories?from=2025-06-01");
  ASSERT_EQ(june.body["total"], 1) << june.raw;
  Reply march = server.Get("/api/stories?to=2025-03");
  ASSERT_GE(march.body["total"].get<int>(), 1) << march.raw;
  for (const json& s : march.body["items"]) EXPECT_LE(s["first_date"].get<std::string>(), "2025-03-31");

  const std::string id = list.body["items"][0]["id"];
  Reply dossier = server.Get("/api/stories/" + id);
  ASSERT_EQ(dossier.status, 200) << dossier.raw;
  EXPECT_EQ(dossier.body["story"], id);
  ASSERT_TRUE(dossier.body["documents"].is_array());
  EXPECT_EQ(dossier.body["documents"][0]["id"], "belgrade-markup");
  EXPECT_TRUE(dossier.body.contains("shared_actors"));
  // The story's row beside the dossier: the same values as in the list.
  for (const char* field : {"label", "first_date", "last_date", "n_documents", "n_sources"}) {
    EXPECT_EQ(dossier.body[field], list.body["items"][0][field]) << field;
  }
  EXPECT_EQ(dossier.body["n_documents"].get<size_t>(), dossier.body["documents"].size());
  EXPECT_EQ(dossier.body["first_date"], "2025-06-02");
  ExpectError(server.Get("/api/stories/s-1999-01-01-nothing"), 404, "not_found");
}

// copy_of comes from the copies table: a record written into a copy of the
// fixture database shows in the document and in the list; other documents
// have null.
TEST_F(HttpApiTest, DocumentsNameTheOriginTheyCopy) {
  const std::string db = (*dir_ / "copies.db").string();
  fs::copy_file(*db_, db, fs::copy_options::overwrite_existing);
  std::string origin_key, copy_key;
  {
    auto store = Store::Open(db);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto courier = (*store)->Load("geneva-courier");
    auto gazette = (*store)->Load("geneva-gazette");
    ASSERT_TRUE(courier.ok() && *courier && gazette.ok() && *gazette);
    origin_key = (*courier)->key();
    copy_key = (*gazette)->key();
    CopyRecord copy{.key = copy_key, .origin = origin_key, .kind = CopyKind::kNear, .similarity = 0.8125,
                    .rule = "copy.near.jaccard"};
    ASSERT_TRUE((*store)->PutCopy(copy).ok());
  }
  ServerOptions options = Options();
  options.db = db;
  RunningServer server(options);
  Reply doc = server.Get("/api/documents/geneva-gazette");
  ASSERT_EQ(doc.status, 200) << doc.raw;
  const json expected = {{"origin", "geneva-courier"}, {"origin_key", origin_key}, {"kind", "near"},
                         {"similarity", 0.813}, {"rule", "copy.near.jaccard"}};
  EXPECT_EQ(doc.body["copy_of"], expected);
  Reply origin = server.Get("/api/documents/geneva-courier");
  ASSERT_TRUE(origin.body.contains("copy_of"));
  EXPECT_TRUE(origin.body["copy_of"].is_null());
  Reply list = server.Get("/api/documents");
  ASSERT_EQ(list.body["items"].size(), 3u) << list.raw;
  for (const json& d : list.body["items"]) {
    ASSERT_TRUE(d.contains("copy_of")) << d["id"];
    if (d["id"] == "geneva-gazette") {
      EXPECT_EQ(d["copy_of"], expected);
    } else {
      EXPECT_TRUE(d["copy_of"].is_null()) << d["id"];
    }
  }
}

TEST_F(HttpApiTest, EventFiltersKeepOnlyMatchingEvents) {
  RunningServer server(Options());
  Reply all = server.Get("/api/events?limit=500");
  ExpectPage(all, 500, 0);
  ASSERT_GT(all.body["total"].get<int>(), 0);
  const json first = all.body["items"][0];
  for (const char* field : {"document", "idx", "date", "source", "target", "code", "root", "plover", "quad_class",
                            "goldstein", "place", "modality", "rule", "trigger", "sentence"}) {
    EXPECT_TRUE(first.contains(field)) << field;
  }
  for (const json& e : all.body["items"]) {
    EXPECT_FALSE(e["trigger"].get<std::string>().empty());
    EXPECT_NE(e["sentence"].get<std::string>().find(e["trigger"].get<std::string>()), std::string::npos);
  }
  auto expect_all = [&](const std::string& query, auto predicate) {
    Reply r = server.Get("/api/events?limit=500&" + query);
    ASSERT_EQ(r.status, 200) << query << r.raw;
    EXPECT_GE(r.body["total"].get<int>(), 1) << query;
    EXPECT_EQ(r.body["total"].get<size_t>(), r.body["items"].size()) << query;
    for (const json& e : r.body["items"]) EXPECT_TRUE(predicate(e)) << query << ": " << e.dump();
  };
  const std::string root = first["root"], code = first["code"];
  expect_all("root=" + root, [&](const json& e) { return e["root"] == root; });
  expect_all("code=" + code, [&](const json& e) { return e["code"].get<std::string>().rfind(code, 0) == 0; });
  const int quad = first["quad_class"];
  expect_all("quad=" + std::to_string(quad), [&](const json& e) { return e["quad_class"] == quad; });
  const std::string doc = first["document"];
  expect_all("document=" + doc, [&](const json& e) { return e["document"] == doc; });
  const std::string date = first["date"];
  expect_all("from=" + date + "&to=" + date, [&](const json& e) { return e["date"].get<std::string>().rfind(date, 0) == 0; });
  // Country: a 3-letter prefix of the source or the target.
  std::string actor_code = first["source"].get<std::string>().empty() ? first["target"] : first["source"];
  ASSERT_GE(actor_code.size(), 3u) << first.dump();
  const std::string country = actor_code.substr(0, 3);
  expect_all("country=" + country, [&](const json& e) {
    return e["source"].get<std::string>().rfind(country, 0) == 0 || e["target"].get<std::string>().rfind(country, 0) == 0;
  });
  expect_all("actor=" + actor_code, [&](const json& e) {
    return e["source"].get<std::string>().rfind(actor_code, 0) == 0 ||
           e["target"].get<std::string>().rfind(actor_code, 0) == 0;
  });
  const std::string word = first["trigger"];
  expect_all("q=" + httplib::detail::encode_query_param(word),
             [&](const json& e) { return e["sentence"].get<std::string>().find(word) != std::string::npos; });
  // A filter that matches nothing.
  Reply none = server.Get("/api/events?country=ZZZ");
  ASSERT_EQ(none.status, 200);
  EXPECT_EQ(none.body["total"], 0);
  EXPECT_TRUE(none.body["items"].empty());

  ExpectError(server.Get("/api/events?root=1"), 400, "bad_request");
  ExpectError(server.Get("/api/events?root=ab"), 400, "bad_request");
  ExpectError(server.Get("/api/events?quad=7"), 400, "bad_request");
  ExpectError(server.Get("/api/events?to=2025-3-1"), 400, "bad_request");
}

TEST_F(HttpApiTest, ActorsQuotesAndNetwork) {
  RunningServer server(Options());
  Reply actors = server.Get("/api/actors");
  ExpectPage(actors, 50, 0);
  ASSERT_FALSE(actors.body["items"].empty());
  const json top = actors.body["items"][0];
  for (const char* field : {"id", "name", "code", "n_mentions", "n_documents", "n_events"}) {
    EXPECT_TRUE(top.contains(field)) << field;
  }
  Reply lavrov = server.Get("/api/actors?q=lavrov");
  ASSERT_GE(lavrov.body["total"].get<int>(), 1) << lavrov.raw;
  const std::string lavrov_id = lavrov.body["items"][0]["id"];
  EXPECT_EQ(lavrov.body["items"][0]["n_documents"], 2);  // both Geneva reports name him

  Reply actor = server.Get("/api/actors/" + lavrov_id);
  ASSERT_EQ(actor.status, 200) << actor.raw;
  EXPECT_EQ(actor.body["id"], lavrov_id);
  EXPECT_EQ(actor.body["documents"].size(), 2u);
  for (const char* list : {"events_as_source", "events_as_target", "quotes"}) EXPECT_TRUE(actor.body[list].is_array());
  ExpectError(server.Get("/api/actors/nobody_at_all"), 404, "not_found");

  Reply quotes = server.Get("/api/quotes");
  ExpectPage(quotes, 50, 0);
  ASSERT_GE(quotes.body["total"].get<int>(), 2) << quotes.raw;
  bool steps = false;
  for (const json& q : quotes.body["items"]) {
    for (const char* field : {"document", "idx", "text", "speaker", "speaker_code", "date"}) {
      EXPECT_TRUE(q.contains(field)) << field;
    }
    steps |= q["text"] == "We have agreed on the next steps";  // content: inside the marks, trimmed
  }
  EXPECT_TRUE(steps) << quotes.raw;
  // The speaker filter: by entity id; every quotation returned is theirs.
  Reply by_lavrov = server.Get("/api/quotes?speaker=" + lavrov_id);
  ASSERT_GE(by_lavrov.body["total"].get<int>(), 1) << by_lavrov.raw;
  for (const json& q : by_lavrov.body["items"]) EXPECT_EQ(q["speaker_entity"], lavrov_id);
  Reply in_doc = server.Get("/api/quotes?document=geneva-gazette");
  ASSERT_GE(in_doc.body["total"].get<int>(), 1);
  for (const json& q : in_doc.body["items"]) EXPECT_EQ(q["document"], "geneva-gazette");
  Reply text = server.Get("/api/quotes?q=useful");
  ASSERT_EQ(text.body["total"], 1) << text.raw;

  Reply network = server.Get("/api/network");
  ASSERT_EQ(network.status, 200) << network.raw;
  std::set<std::string> nodes;
  for (const json& n : network.body["nodes"]) nodes.insert(n["id"]);
  for (const json& e : network.body["edges"]) {
    EXPECT_TRUE(nodes.count(e["source"])) << e.dump();
    EXPECT_TRUE(nodes.count(e["target"])) << e.dump();
    EXPECT_GE(e["n_events"].get<int>(), 1);
  }
}

// Event pages are cut two ways (sorting the matches, or walking documents in
// date order when there are many): both must give the same pages.
TEST_F(HttpApiTest, EventPagesAreTheSameWhicheverWayTheyAreCut) {
  auto sorted = QueryStore::Open(*db_, QueryOptions{.sort_limit = 1000000});
  auto walked = QueryStore::Open(*db_, QueryOptions{.sort_limit = 0});
  ASSERT_TRUE(sorted.ok() && walked.ok());
  auto all = (*sorted)->Events(EventFilter{}, Page{500, 0});
  ASSERT_TRUE(all.ok());
  ASSERT_GE((*all)["total"].get<int>(), 3);
  const std::string root = (*all)["items"][0]["root"];
  std::vector<EventFilter> filters(3);
  filters[1].root = root;
  filters[2].from = "2025-03";
  for (const EventFilter& filter : filters) {
    for (Page page : {Page{500, 0}, Page{2, 0}, Page{2, 1}, Page{1, 2}}) {
      auto a = (*sorted)->Events(filter, page);
      auto b = (*walked)->Events(filter, page);
      ASSERT_TRUE(a.ok() && b.ok());
      EXPECT_EQ(*a, *b) << "root=" << filter.root << " from=" << filter.from << " offset=" << page.offset;
      if (page.offset == 0) EXPECT_FALSE((*a)["items"].empty());
    }
  }
}

// The count of an event list stops at total_limit: past it, total is the
// limit and total_exact false; the page itself is unchanged.
TEST_F(HttpApiTest, EventTotalsAreCappedAndSaySo) {
  auto exact = QueryStore::Open(*db_);
  ASSERT_TRUE(exact.ok());
  auto all = (*exact)->Events(EventFilter{}, Page{2, 0});
  ASSERT_TRUE(all.ok());
  const int64_t n = (*all)["total"];
  ASSERT_GE(n, 3);
  EXPECT_EQ((*all)["total_exact"], true);
  auto at_limit = QueryStore::Open(*db_, QueryOptions{.total_limit = n});
  auto below = QueryStore::Open(*db_, QueryOptions{.total_limit = n - 1});
  ASSERT_TRUE(at_limit.ok() && below.ok());
  auto same = (*at_limit)->Events(EventFilter{}, Page{2, 0});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, *all);
  auto capped = (*below)->Events(EventFilter{}, Page{2, 0});
  ASSERT_TRUE(capped.ok());
  EXPECT_EQ((*capped)["total"], n - 1);
  EXPECT_EQ((*capped)["total_exact"], false);
  EXPECT_EQ((*capped)["items"], (*all)["items"]);
}

TEST_F(HttpApiTest, UnknownApiPathsAreJsonErrors) {
  RunningServer server(Options());
  ExpectError(server.Get("/api/nothing-here"), 404, "not_found");
  ExpectError(server.Get("/api"), 404, "not_found");
}

TEST_F(HttpApiTest, StaticFilesCarrySecurityHeaders) {
  RunningServer server(Options());
  Reply index = server.Get("/");
  ASSERT_EQ(index.status, 200);
  EXPECT_NE(index.raw.find("<div id=app>"), std::string::npos);
  EXPECT_EQ(index.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.Header("X-Content-Type-Options"), "nosniff");
  const std::string csp = index.Header("Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);

  Reply js = server.Get("/assets/app.js");
  ASSERT_EQ(js.status, 200);
  EXPECT_EQ(js.raw, "console.log('ui');");
  EXPECT_EQ(js.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("X-Content-Type-Options"), "nosniff");
  // A client-side route gets the page; a missing asset is a 404; no way out of the folder.
  EXPECT_NE(server.Get("/stories/s-2025-03-10-abc").raw.find("<div id=app>"), std::string::npos);
  EXPECT_EQ(server.Get("/assets/missing.js").status, 404);
  Reply escape = server.Get("/assets/%2e%2e/%2e%2e/api.db");
  EXPECT_NE(escape.status, 200);
  EXPECT_EQ(escape.raw.find("SQLite format"), std::string::npos);
}

TEST_F(HttpApiTest, CacheFollowsChangesToTheDatabase) {
  RunningServer server(Options());
  Reply before = server.Get("/api/documents/geneva-gazette");
  ASSERT_EQ(before.body["title"], "Lavrov and Fidan hold talks in Geneva");
  EXPECT_EQ(server.Get("/api/documents/geneva-gazette").raw, before.raw);  // served again (from the cache)
  // Another process edits the database: the next answer shows it.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_->c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE documents SET title = 'Edited title' WHERE id = 'geneva-gazette'", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  Reply after = server.Get("/api/documents/geneva-gazette");
  EXPECT_EQ(after.body["title"], "Edited title");
  ASSERT_EQ(sqlite3_exec(db,
                         "UPDATE documents SET title = 'Lavrov and Fidan hold talks in Geneva' "
                         "WHERE id = 'geneva-gazette'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
}

TEST_F(HttpApiTest, IngestDoesNotExistWithoutAToken) {
  RunningServer server(Options());
  ExpectError(server.Post("/api/ingest", "text", kToken), 404, "not_found");
}

TEST_F(HttpApiTest, IngestRequiresTheTokenAndStoresTheArticle) {
  // A copy of the database: this test writes.
  const std::string db = (*dir_ / "ingest.db").string();
  fs::copy_file(*db_, db, fs::copy_options::overwrite_existing);
  ServerOptions options = Options();
  options.db = db;
  options.token = kToken;
  options.max_ingest_bytes = 4096;
  RunningServer server(options);
  ASSERT_EQ(server.Get("/api/health").body["documents"], 3);  // now cached

  const std::string article =
      "title: Ankara hosts talks\nsource: Test Courier\ndate: 2025-03-12\n\n"
      "Turkish Foreign Minister Hakan Fidan hosted Russian and Ukrainian negotiators in Ankara on Wednesday.\n";
  ExpectError(server.Post("/api/ingest", article), 401, "unauthorized");
  ExpectError(server.Post("/api/ingest", article, "wrong-token-0123456789abcdef"), 401, "unauthorized");
  ExpectError(server.Post("/api/ingest", article, std::string(kToken) + "x"), 401, "unauthorized");
  ExpectError(server.Post("/api/ingest", std::string(5000, 'a'), kToken), 413, "payload_too_large");
  EXPECT_EQ(server.Get("/api/health").body["documents"], 3);

  Reply stored = server.Post("/api/ingest?id=ankara-talks", article, kToken);
  ASSERT_EQ(stored.status, 200) << stored.raw;
  EXPECT_EQ(stored.body["stored"], json::array({"ankara-talks"}));
  EXPECT_TRUE(stored.body["failed"].empty());
  Reply doc = server.Get("/api/documents/ankara-talks");
  ASSERT_EQ(doc.status, 200) << doc.raw;
  EXPECT_EQ(doc.body["text"], article);
  EXPECT_FALSE(doc.body["story"].get<std::string>().empty());  // linked
  EXPECT_EQ(server.Get("/api/health").body["documents"], 4);    // the cache saw the change

  // JSONL: one good line, one bad.
  Reply jsonl = server.Post("/api/ingest",
                            "{\"id\": \"jsonl-one\", \"date\": \"2025-03-13\", \"text\": \"Ukraine and Russia "
                            "exchanged prisoners on Thursday.\"}\n{\"id\": \"jsonl-two\"}\n",
                            kToken);
  ASSERT_EQ(jsonl.status, 200) << jsonl.raw;
  EXPECT_EQ(jsonl.body["stored"], json::array({"jsonl-one"}));
  ASSERT_EQ(jsonl.body["failed"].size(), 1u);
  EXPECT_EQ(jsonl.body["failed"][0]["origin"], "ingest:2");
  EXPECT_EQ(server.Get("/api/documents/jsonl-one").status, 200);
}

}  // namespace
}  // namespace cronaca
