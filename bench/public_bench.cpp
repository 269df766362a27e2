// Public page and document benchmark driver.
//   mvis_bench_public seed DB_URL N TOKENS_FILE
//       migrates DB_URL, seeds the demo (accounts, registry, verification business), then adds N
//       pass certificates cloned from a real demo certificate in one transaction — each with its
//       own instrument, approved record, number, snapshot and signed token — and writes the N
//       tokens to TOKENS_FILE, one a line (wrk picks from them). 100k take 30–40 s.
//   mvis_bench_public profile DB_URL TOKENS_FILE N
//       where one public check's CPU goes, stage by stage, in process on one thread (N calls each,
//       over 30 000 tokens spread over the file): the whole CertificateService::Check, then its
//       parts.
//   mvis_bench_public pdf N
//       renders N certificate PDFs (a real demo certificate) on 1 and on 2 threads, then N
//       one-label PDFs and one 100-label A4 sheet.
// Each timing line is "<what> key=value …" for bench/public_page_bench.sh to read.
#include <spdlog/spdlog.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>
#include <unordered_map>

#include "app/runtime.hpp"
#include "demo/demo_seed.hpp"
#include "domain/time.hpp"
#include "domain/verification.hpp"
#include "http/verification/public_page.hpp"
#include "store/institutes_store.hpp"
#include "store/instruments_store.hpp"
#include "store/verifications_store.hpp"

namespace {

using mvis::Result;
namespace services = mvis::services;
namespace demo = mvis::demo;
namespace store = mvis::store;
namespace domain = mvis::domain;

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int Report(const mvis::Error& e) {
  std::cerr << "mvis_bench_public: " << e.message << " [" << e.code << "]\n";
  return 1;
}

// The demo's accounts, registry and issued certificates, made as `mvis demo` makes them.
mvis::Status SeedDemoData(mvis::app::Runtime& rt) {
  if (auto ok = demo::SeedDemo(rt.context(), rt.admin()); !ok) return std::unexpected(ok.error());
  if (auto ok = demo::SeedDemoInstruments(rt.context(), rt.instruments()); !ok)
    return std::unexpected(ok.error());
  if (auto ok = demo::SeedDemoVerifications(rt.context(), rt.appointments(), rt.verifications());
      !ok)
    return std::unexpected(ok.error());
  return {};
}

// A pass certificate issued by the demo, with its record and instrument.
struct Template {
  domain::Certificate certificate;
  domain::VerificationRecord record;
  domain::Instrument instrument;
};

Result<Template> FindTemplate(store::Database& db) {
  return db.Read([](store::Tx& tx) -> Result<Template> {
    store::CertificateFilter f;
    f.kind = domain::DocumentKind::kCertificate;
    auto page = store::ListCertificates(tx, f, {1, 1});
    if (page.items.empty())
      return mvis::Fail(mvis::ErrorKind::kFailedPrecondition, "no_certificate",
                        "the demo issued no pass certificate");
    Template t{page.items.front(), {}, {}};
    auto record = store::FindVerification(tx, t.certificate.verification_id);
    auto instrument = store::FindInstrument(tx, t.certificate.instrument_id);
    if (!record || !instrument) return mvis::Internal("demo certificate without its record");
    t.record = *record;
    t.instrument = *instrument;
    return t;
  });
}

// Adds `n` certificates like `t` in one transaction, each with its own instrument (bulk-inserted
// like an import: drafts; the public page never reads the instrument) and approved record.
Result<std::vector<std::string>> AddCertificates(mvis::app::Runtime& rt, const Template& t, int n) {
  return rt.db().Write([&](store::Tx& tx) -> Result<std::vector<std::string>> {
    // The transaction writes ~7 KB a certificate; a page cache that holds it all avoids spilling
    // dirty pages to the WAL mid-transaction (with the default 32 MiB, 100k took twice as long).
    tx.Exec("PRAGMA cache_size = -1048576");
    const int64_t now = domain::SystemTime().Now();
    const auto key = rt.label_keys().Active(tx, now);
    if (!key) return std::unexpected(key.error());
    const auto profile = store::FindInstituteProfile(tx, t.certificate.institute_org_id);
    const int year = std::stoi(t.certificate.issue_date.substr(0, 4));

    std::vector<store::NewInstrument> instruments(n, {t.instrument.data, t.instrument.mandatory});
    std::vector<std::string> serials(n);
    for (int i = 0; i < n; ++i)
      serials[i] = instruments[i].data.serial_no = "PUB" + std::to_string(1000000 + i);
    store::InsertImportedInstruments(tx, t.instrument.org_id, 0, instruments, now);
    std::unordered_map<std::string, int64_t> ids;
    for (const auto& identity : store::FindIdentitiesBySerial(tx, serials))
      ids[identity.serial_no] = identity.id;

    auto snapshot = nlohmann::json::parse(t.certificate.snapshot);
    std::vector<std::string> tokens;
    tokens.reserve(n);
    for (const auto& serial : serials) {
      domain::VerificationRecord record = t.record;
      record.instrument_id = ids.at(serial);
      record.created_at = record.updated_at = now;
      domain::Certificate c = t.certificate;
      c.instrument_id = record.instrument_id;
      c.verification_id = store::InsertVerification(tx, record);
      c.number = domain::CertificateNumber(
          profile->code, year, store::NextCertificateSequence(tx, c.institute_org_id, year, c.kind),
          false);
      c.token = domain::SignLabelToken({c.number, c.valid_until, ""}, *key);
      snapshot["instrument"]["id"] = c.instrument_id;
      snapshot["instrument"]["serial_no"] = serial;
      c.snapshot = snapshot.dump();
      c.created_at = now;
      store::InsertCertificate(tx, c);
      tokens.push_back(std::move(c.token));
    }
    return tokens;
  });
}

int Seed(const std::string& url, int n, const std::string& tokens_path) {
  auto start = std::chrono::steady_clock::now();
  mvis::app::AppConfig config;
  config.db = url;
  auto rt = mvis::app::Runtime::Create(config);
  if (!rt) return Report(rt.error());
  if (auto ok = SeedDemoData(**rt); !ok) return Report(ok.error());
  double demo_seconds = Since(start);
  auto t = FindTemplate((*rt)->db());
  if (!t) return Report(t.error());
  auto tokens = AddCertificates(**rt, *t, n);
  if (!tokens) return Report(tokens.error());
  std::ofstream out(tokens_path);
  for (const auto& token : *tokens) out << token << "\n";
  std::printf("seed certificates=%d seconds=%.2f demo_seconds=%.2f\n", n, Since(start),
              demo_seconds);
  return 0;
}

// A real certificate of the demo as the PDF layer receives it.
Result<mvis::io::CertificateDocument> DemoDocument() {
  auto dir =
      std::filesystem::temp_directory_path() / ("mvis-bench-pdf-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  mvis::app::AppConfig config;
  config.db = "sqlite:" + (dir / "demo.db").string();
  Result<mvis::io::CertificateDocument> out = [&]() -> Result<mvis::io::CertificateDocument> {
    auto rt = mvis::app::Runtime::Create(config);
    if (!rt) return std::unexpected(rt.error());
    if (auto ok = SeedDemoData(**rt); !ok) return std::unexpected(ok.error());
    auto t = FindTemplate((*rt)->db());
    if (!t) return std::unexpected(t.error());
    auto doc = services::DocumentFromSnapshot(t->certificate,
                                              nlohmann::json::parse(t->certificate.snapshot));
    doc.qr_url = (*rt)->certificates().QrUrl(t->certificate.token);
    return doc;
  }();
  std::filesystem::remove_all(dir);
  return out;
}

double ProcessCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

struct Timing {
  double seconds = 0;      // wall
  double cpu_seconds = 0;  // all threads of the process
};

// Renders `n` PDFs with `render` spread over `threads` threads.
template <typename F>
Timing RenderOn(int threads, int n, F render) {
  auto start = std::chrono::steady_clock::now();
  double cpu = ProcessCpuSeconds();
  std::vector<std::jthread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (int i = t; i < n; i += threads) render();
    });
  pool.clear();
  return {Since(start), ProcessCpuSeconds() - cpu};
}

// "<what> threads=… pdfs=… seconds=… per_second=… cpu_seconds=… per_cpu_second=… bytes=…"
void PrintRate(const char* what, int threads, int n, Timing t, size_t bytes) {
  std::printf(
      "%s threads=%d pdfs=%d seconds=%.3f per_second=%.1f cpu_seconds=%.3f "
      "per_cpu_second=%.1f bytes=%zu\n",
      what, threads, n, t.seconds, n / t.seconds, t.cpu_seconds, n / t.cpu_seconds, bytes);
}

int Pdf(int n) {
  auto doc = DemoDocument();
  if (!doc) return Report(doc.error());
  size_t bytes = 0;
  auto certificate = [&] {
    auto pdf = mvis::io::RenderCertificatePdf(*doc);
    if (!pdf) std::abort();
    bytes = pdf->size();
  };
  certificate();  // warm up: font loading and pango's caches
  for (int threads : {1, 2})
    PrintRate("certificate-pdf", threads, n, RenderOn(threads, n, certificate), bytes);
  mvis::io::LabelData label{doc->qr_url, doc->number, doc->valid_until, doc->institute_name};
  auto one_label = [&] {
    auto pdf = mvis::io::RenderLabelsPdf({label}, {50, 30, false});
    if (!pdf) std::abort();
    bytes = pdf->size();
  };
  one_label();
  PrintRate("label-pdf", 1, n, RenderOn(1, n, one_label), bytes);
  std::vector<mvis::io::LabelData> sheet(100, label);
  auto start = std::chrono::steady_clock::now();
  auto pdf = mvis::io::RenderLabelsPdf(sheet, {50, 30, true});
  if (!pdf) return Report(pdf.error());
  double s = Since(start);
  std::printf("label-sheet threads=1 labels=100 seconds=%.3f labels_per_second=%.1f bytes=%zu\n", s,
              100 / s, pdf->size());
  return 0;
}

// Average thread CPU µs of `fn` over the tokens (cycled `n` times in all).
template <typename F>
void Stage(const char* what, const std::vector<std::string>& tokens, int n, F fn) {
  timespec a{}, b{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
  for (size_t i = 0; i < static_cast<size_t>(n); ++i) fn(tokens[(i * 7919) % tokens.size()]);
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
  double us = ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / 1e3 / n;
  std::printf("stage %s calls=%d cpu_us=%.1f\n", what, n, us);
}

// Where the time of one public check goes, stage by stage, in process (no HTTP), on one thread.
int Profile(const std::string& url, const std::string& tokens_path, int n) {
  std::vector<std::string> tokens;
  std::ifstream in(tokens_path);
  for (std::string line; std::getline(in, line);) tokens.push_back(line);
  if (tokens.empty()) return 2;
  // 30 000 spread over all certificates: a working set beyond the page cache, as with wrk.
  std::vector<std::string> sample;
  for (size_t i = 0; i < tokens.size(); i += std::max<size_t>(1, tokens.size() / 30000))
    sample.push_back(tokens[i]);
  tokens = std::move(sample);
  mvis::app::AppConfig config;
  config.db = url;
  config.threads = 1;
  auto rt = mvis::app::Runtime::Create(config);
  if (!rt) return Report(rt.error());
  auto* db = &(*rt)->db();
  auto& certificates = (*rt)->certificates();
  auto keys = (*rt)->label_keys().Keys(true);
  const int64_t now = domain::SystemTime().Now();
  std::unordered_map<std::string, std::string> numbers;  // token -> certificate number
  for (const auto& t : tokens) numbers[t] = domain::VerifyLabelToken(t, keys, now)->number;
  auto number = [&](const std::string& token) { return numbers.at(token); };
  auto read = [&](auto fn) {
    return db->Read([&](store::Tx& tx) -> Result<bool> {
      fn(tx);
      return true;
    });
  };
  certificates.Check(tokens.front());  // warm up: key cache, connections, page cache
  Stage("check_total", tokens, n, [&](const std::string& t) { certificates.Check(t); });
  Stage("verify_signature", tokens, n,
        [&](const std::string& t) { domain::VerifyLabelToken(t, keys, now); });
  Stage("read_tx_empty", tokens, n, [&](const std::string&) { read([](store::Tx&) {}); });
  Stage("find_certificate", tokens, n, [&](const std::string& t) {
    auto c = number(t);
    read([&](store::Tx& tx) { store::FindCertificate(tx, c); });
  });
  Stage("list_revisions", tokens, n, [&](const std::string& t) {
    auto c = number(t);
    read([&](store::Tx& tx) { store::ListCertificateRevisions(tx, c); });
  });
  std::unordered_map<std::string, int64_t> instruments;  // number -> instrument id
  read([&](store::Tx& tx) {
    for (const auto& [t, c] : numbers)
      instruments[c] = store::FindCertificate(tx, c)->instrument_id;
  });
  Stage("latest_of_instrument", tokens, n, [&](const std::string& t) {
    auto c = number(t);
    read([&](store::Tx& tx) { store::LatestCertificateOfInstrument(tx, instruments.at(c)); });
  });
  auto check = certificates.Check(tokens.front());
  Stage("parse_snapshot", tokens, n, [&](const std::string&) {
    auto j = nlohmann::json::parse(check->certificate.snapshot, nullptr, false);
  });
  Stage("render_html", tokens, n,
        [&](const std::string&) { mvis::http::RenderPublicPage(*check); });
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);  // migrations log at info: keep stdout to the figures
  std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "seed" && argc == 5) return Seed(argv[2], std::stoi(argv[3]), argv[4]);
  if (cmd == "pdf" && argc == 3) return Pdf(std::stoi(argv[2]));
  if (cmd == "profile" && argc == 5) return Profile(argv[2], argv[3], std::stoi(argv[4]));
  std::cerr << "usage: mvis_bench_public seed DB_URL N TOKENS_FILE | pdf N | profile DB_URL "
               "TOKENS_FILE N\n";
  return 2;
}
