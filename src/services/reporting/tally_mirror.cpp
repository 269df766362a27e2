// The in-process copy of the statistics tallies: see tally_mirror.hpp. Strings are interned into
// small integers and dates held as YYYYMMDD numbers (which order as the ISO strings do), so a card
// is one pass over compact entries.
#include "services/reporting/tally_mirror.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <utility>

namespace mvis::services {

namespace {

// Interned strings: every key string of the copy, one id each.
class Dict {
 public:
  int32_t Id(const std::string& s) {
    auto [it, added] = ids_.try_emplace(s, static_cast<int32_t>(names_.size()));
    if (added) names_.push_back(s);
    return it->second;
  }
  // -1 when the string was never seen (so nothing in the copy carries it).
  int32_t Find(const std::string& s) const {
    auto it = ids_.find(s);
    return it == ids_.end() ? -1 : it->second;
  }
  const std::string& Name(int32_t id) const { return names_[static_cast<size_t>(id)]; }
  size_t size() const { return names_.size(); }

 private:
  std::unordered_map<std::string, int32_t> ids_;
  std::vector<std::string> names_;
};

// "YYYY-MM-DD" → YYYYMMDD, "YYYY-MM" → YYYYMM; anything else 0 (sorts before every date, as ""
// does before every ISO date).
int32_t DateNum(const std::string& s) {
  const bool month = s.size() == 7;
  if (s.size() != 10 && !month) return 0;
  int32_t out = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 4 || i == 7) {
      if (s[i] != '-') return 0;
      continue;
    }
    if (s[i] < '0' || s[i] > '9') return 0;
    out = out * 10 + (s[i] - '0');
  }
  return out;
}

std::string MonthText(int32_t yyyymm) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", yyyymm / 100, yyyymm % 100);
  return buf;
}

size_t Mix(std::initializer_list<int64_t> fields) {
  uint64_t h = 1469598103934665603ull;
  for (int64_t f : fields) {
    h ^= static_cast<uint64_t>(f) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h *= 1099511628211ull;
  }
  return static_cast<size_t>(h);
}

struct OrgKey {
  int64_t org;
  int32_t region, type, use, brand, model, status, state, valid_until;
  bool operator==(const OrgKey&) const = default;
  size_t Hash() const {
    return Mix({org, region, type, use, brand, model, status, state, valid_until});
  }
};
struct MonthKey {
  int32_t region, type, month, metric;
  bool operator==(const MonthKey&) const = default;
  size_t Hash() const { return Mix({region, type, month, metric}); }
};
struct FailureKey {
  int32_t region, type, month, item, name;
  bool operator==(const FailureKey&) const = default;
  size_t Hash() const { return Mix({region, type, month, item, name}); }
};
struct FirstUseKey {
  int64_t org;
  int32_t region, type, in_use;
  bool operator==(const FirstUseKey&) const = default;
  size_t Hash() const { return Mix({org, region, type, in_use}); }
};

struct KeyHash {
  template <typename K>
  size_t operator()(const K& k) const {
    return k.Hash();
  }
};

// One tally summed per key: entries in a vector (one pass per card), an index to find a key.
template <typename K>
struct Summed {
  struct Entry {
    K key;
    int64_t n = 0, connectors = 0;
  };
  std::vector<Entry> entries;
  std::unordered_map<K, size_t, KeyHash> index;

  void Add(const K& key, int64_t n, int64_t connectors) {
    auto [it, added] = index.try_emplace(key, entries.size());
    if (added) entries.push_back({key, 0, 0});
    auto& e = entries[it->second];
    e.n += n;
    e.connectors += connectors;
  }
};

}  // namespace

struct TallyData {
  Dict strings;
  Summed<OrgKey> org;
  Summed<MonthKey> monthly;
  Summed<FailureKey> failures;
  Summed<FirstUseKey> first_use;

  void Apply(store::TallyLog log, const store::Row& r) {
    using L = store::TallyLog;
    switch (log) {
      case L::kOrg:
        org.Add({r.Int(0), strings.Id(r.Str(1)), strings.Id(r.Str(2)), strings.Id(r.Str(3)),
                 strings.Id(r.Str(4)), strings.Id(r.Str(5)), strings.Id(r.Str(6)),
                 strings.Id(r.Str(7)), DateNum(r.Str(8))},
                r.Int(9), r.Int(10));
        break;
      case L::kMonthly:
        monthly.Add(
            {strings.Id(r.Str(0)), strings.Id(r.Str(1)), DateNum(r.Str(2)), strings.Id(r.Str(3))},
            r.Int(4), 0);
        break;
      case L::kFailures:
        failures.Add({strings.Id(r.Str(0)), strings.Id(r.Str(1)), DateNum(r.Str(2)),
                      strings.Id(r.Str(3)), strings.Id(r.Str(4))},
                     r.Int(5), 0);
        break;
      case L::kFirstUse:
        first_use.Add({r.Int(0), strings.Id(r.Str(1)), strings.Id(r.Str(2)), DateNum(r.Str(3))},
                      r.Int(4), 0);
        break;
    }
  }
};

namespace {

// A filter resolved against the copy's strings.
struct Scope {
  std::vector<bool> region;  // by string id
  int32_t type = -1;         // -1 every type; -2 a type nothing carries
  std::optional<int64_t> org;
  int32_t today = 0, soon = 0;

  Scope(const Dict& strings, const store::StatFilter& f)
      : region(strings.size(), false),
        org(f.org_id),
        today(DateNum(f.today)),
        soon(DateNum(f.soon)) {
    for (const auto& code : f.regions)
      if (int32_t id = strings.Find(code); id >= 0) region[static_cast<size_t>(id)] = true;
    if (!f.type_code.empty()) {
      type = strings.Find(f.type_code);
      if (type < 0) type = -2;
    }
  }
  bool Covers(int32_t r, int32_t t) const {
    return region[static_cast<size_t>(r)] && (type == -1 || type == t);
  }
  bool Covers(int64_t o, int32_t r, int32_t t) const { return Covers(r, t) && (!org || *org == o); }
};

// The ids of the state and status names the figures test (-1 when absent from the copy).
struct Names {
  int32_t approved, passed, never, revoked, failed;
  explicit Names(const Dict& d)
      : approved(d.Find("approved")),
        passed(d.Find("passed")),
        never(d.Find("never")),
        revoked(d.Find("revoked")),
        failed(d.Find("failed")) {}
};

// The eight figures of StateCounts for one tally entry (statistics_store.cpp, StateSums).
void Count(store::StateCounts& c, const OrgKey& k, int64_t n, int64_t connectors,
           const Names& names, const Scope& s) {
  const bool approved = k.status == names.approved, passed = k.state == names.passed;
  c.filed += n;
  c.connectors += connectors;
  if (approved) c.approved += n;
  if (passed && k.valid_until >= s.today) c.valid += n;
  if (passed && k.valid_until >= s.today && k.valid_until <= s.soon) c.due_30d += n;
  if (approved && passed && k.valid_until < s.today) c.overdue += n;
  if (approved && (k.state == names.never || k.state == names.revoked)) c.never_verified += n;
  if (k.state == names.failed) c.failed += n;
}

}  // namespace

std::vector<store::StatGroup> TallyView::Counts(const store::StatFilter& f, store::StatDimension by,
                                                const std::string& order_by, int limit) const {
  using D = store::StatDimension;
  const Scope s(d_.strings, f);
  const Names names(d_.strings);
  std::unordered_map<int64_t, store::StateCounts> groups;
  for (const auto& e : d_.org.entries) {
    const auto& k = e.key;
    if (e.n == 0 || !s.Covers(k.org, k.region, k.type)) continue;
    int64_t g = 0;
    switch (by) {
      case D::kNone:
        break;
      case D::kRegion:
        g = k.region;
        break;
      case D::kType:
        g = k.type;
        break;
      case D::kUse:
        g = k.use;
        break;
      case D::kBrandModel:
        g = (int64_t{k.brand} << 32) | static_cast<uint32_t>(k.model);
        break;
      case D::kOrg:
        g = k.org;
        break;
    }
    Count(groups[g], k, e.n, e.connectors, names, s);
  }
  std::vector<store::StatGroup> out;
  if (by == D::kNone) {
    out.push_back({"", "", groups[0]});
    return out;
  }
  // The groups' keys as text (the order of the SQL it stands for: GROUP BY the text columns).
  auto text = [&](int64_t g) -> std::pair<std::string, std::string> {
    if (by == D::kOrg) return {std::to_string(g), ""};
    if (by == D::kBrandModel)
      return {d_.strings.Name(static_cast<int32_t>(g >> 32)),
              d_.strings.Name(static_cast<int32_t>(g & 0xffffffff))};
    return {d_.strings.Name(static_cast<int32_t>(g)), ""};
  };
  std::vector<std::pair<int64_t, store::StateCounts>> kept;
  for (const auto& [g, counts] : groups)
    if (counts.filed != 0) kept.emplace_back(g, counts);
  auto before = [&](const auto& a, const auto& b) {
    if (order_by == "overdue" && a.second.overdue != b.second.overdue)
      return a.second.overdue > b.second.overdue;
    if ((order_by == "overdue" || order_by == "filed") && a.second.filed != b.second.filed)
      return a.second.filed > b.second.filed;
    return text(a.first) < text(b.first);
  };
  // Only the first `limit` groups are ordered (top operators out of thousands).
  auto end = kept.end();
  if (limit > 0 && kept.size() > static_cast<size_t>(limit)) end = kept.begin() + limit;
  std::partial_sort(kept.begin(), end, kept.end(), before);
  for (auto it = kept.begin(); it != end; ++it) {
    auto [key, key2] = text(it->first);
    out.push_back({std::move(key), std::move(key2), it->second});
  }
  return out;
}

int64_t TallyView::Enterprises(const store::StatFilter& f) const {
  const Scope s(d_.strings, f);
  std::unordered_map<int64_t, int64_t> filed;
  for (const auto& e : d_.org.entries)
    if (e.n != 0 && s.Covers(e.key.org, e.key.region, e.key.type)) filed[e.key.org] += e.n;
  return std::count_if(filed.begin(), filed.end(), [](const auto& o) { return o.second > 0; });
}

int64_t TallyView::FirstUseUnverified(const store::StatFilter& f, const std::string& since) const {
  const Scope s(d_.strings, f);
  const int32_t from = DateNum(since);
  int64_t n = 0;
  for (const auto& e : d_.first_use.entries)
    if (e.key.in_use >= from && s.Covers(e.key.org, e.key.region, e.key.type)) n += e.n;
  return n;
}

std::vector<store::MonthFigures> TallyView::MonthlyFlows(const store::StatFilter& f,
                                                         int year) const {
  const Scope s(d_.strings, f);
  const int32_t from = year * 100 + 1, to = year * 100 + 12;
  std::map<std::pair<int32_t, std::string>, int64_t> sums;
  for (const auto& e : d_.monthly.entries)
    if (e.key.month >= from && e.key.month <= to && s.Covers(e.key.region, e.key.type))
      sums[{e.key.month, d_.strings.Name(e.key.metric)}] += e.n;
  std::vector<store::MonthFigures> out;
  for (const auto& [k, n] : sums) out.push_back({MonthText(k.first), k.second, n});
  return out;
}

std::vector<store::MonthFigures> TallyView::ExpiredByMonth(const store::StatFilter& f,
                                                           int year) const {
  const Scope s(d_.strings, f);
  const Names names(d_.strings);
  const int32_t from = year * 10000 + 101, to = year * 10000 + 1231;
  std::map<int32_t, int64_t> sums;
  for (const auto& e : d_.org.entries) {
    const auto& k = e.key;
    if (k.status != names.approved || k.state != names.passed) continue;
    if (k.valid_until >= s.today || k.valid_until < from || k.valid_until > to) continue;
    if (s.Covers(k.org, k.region, k.type)) sums[k.valid_until / 100] += e.n;
  }
  std::vector<store::MonthFigures> out;
  for (const auto& [month, n] : sums) out.push_back({MonthText(month), "expired", n});
  return out;
}

std::vector<store::FailureCount> TallyView::FailureItems(const store::StatFilter& f, int year,
                                                         int limit) const {
  const Scope s(d_.strings, f);
  const int32_t from = year * 100 + 1, to = year * 100 + 12;
  std::map<std::string, std::pair<int64_t, std::string>> items;  // item → count, name
  for (const auto& e : d_.failures.entries) {
    if (e.key.month < from || e.key.month > to || !s.Covers(e.key.region, e.key.type)) continue;
    auto& [n, name] = items[d_.strings.Name(e.key.item)];
    n += e.n;
    name = std::max(name, d_.strings.Name(e.key.name));
  }
  std::vector<store::FailureCount> out;
  for (const auto& [item, v] : items)
    if (v.first > 0) out.push_back({item, v.second, v.first});
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.n > b.n; });
  if (limit > 0 && out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
  return out;
}

TallyMirror::TallyMirror(store::Database& db) : db_(db), data_(std::make_unique<TallyData>()) {}

TallyMirror::~TallyMirror() = default;

Status TallyMirror::Refresh() {
  const uint64_t ticket = ++requested_;
  std::lock_guard serial(refresh_mu_);
  // A refresh that started after this call arrived has already applied what it needs.
  if (served_ >= ticket) return {};
  const uint64_t serving = requested_.load();
  std::unique_ptr<TallyData> fresh;  // a full read builds a new copy beside the one in use
  std::vector<std::pair<store::TallyLog, store::Row>> staged;
  auto read = db_.Read([&](store::Tx& tx) -> Result<store::TallyRead> {
    return store::ReadTallyLog(
        tx, cursor_,
        [&](bool full) {
          if (full) fresh = std::make_unique<TallyData>();
        },
        [&](store::TallyLog log, const store::Row& r) {
          if (fresh)
            fresh->Apply(log, r);
          else
            staged.emplace_back(log, r);
        });
  });
  if (!read) return std::unexpected(read.error());
  {
    std::unique_lock lock(mu_);
    if (fresh)
      data_ = std::move(fresh);
    else
      for (const auto& [log, r] : staged) data_->Apply(log, r);
  }
  cursor_ = std::move(read->cursor);
  served_ = serving;
  rows_read_ += read->rows;
  if (read->full) ++reloads_;
  return {};
}

}  // namespace mvis::services
