// The charge-order rules over a whole period (a batch run over up to tens of millions of
// orders): the facts the rules read, kept beside each order in a compact text so that a run
// parses no JSON, and the period-wide rules — overlaps on a connector (rule 3), statistics
// (rule 5) and station balance (rule 6) — collected order by order in compact form, judged at
// the end. Memory is a few dozen bytes per order. Pure; not thread-safe (one run, one thread).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/charge_order_rules.hpp"

namespace mvis::domain {

// An order's facts that have no column of their own (money split, SumPeriod, the periods), as
// a short text; nullopt when a period's time holds a character the text uses as a separator
// (the order is then read from its body). Decode fills those parts of `order` and returns
// false on a text it did not write (the caller reads the body instead).
std::optional<std::string> EncodeOrderFacts(const ChargeOrder& order);
bool DecodeOrderFacts(std::string_view facts, ChargeOrder& order);

// Names (equipment, peer groups, connectors) as small numbers, each kept once.
class NameTable {
 public:
  int32_t Id(std::string_view name);
  const std::string& Name(int32_t id) const { return names_.at(static_cast<size_t>(id)); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, int32_t, Hash, std::equal_to<>> ids_;
  std::vector<std::string> names_;
};

// The StartChargeSeqs of the orders a finding names, asked for once at the end of a run.
using SeqLookup =
    std::function<std::unordered_map<int64_t, std::string>(const std::vector<int64_t>& refs)>;

// Rule 3, connector_overlap over a period: every pair of orders on one connector whose
// [StartTime, EndTime) overlap (orders without a positive duration are left out). The finding
// is on the later order, as on arrival when orders arrive in their order.
class ConnectorSpans {
 public:
  // `connector` names the connector uniquely across operators; `connector_id` is shown.
  void Add(int64_t order_ref, std::string_view connector, const std::string& start,
           const std::string& end);
  std::vector<std::pair<int64_t, RuleFinding>> Findings(const SeqLookup& seqs);

 private:
  struct Span {
    int64_t ref, start;
    int32_t seconds, connector;
  };
  std::vector<Span> spans_;
  NameTable connectors_;
};
// The finding naming two overlapping orders (periods as "start — end").
RuleFinding OverlapFinding(const std::string& connector_id, const std::string& seq,
                           const std::string& period, const std::string& other_seq,
                           const std::string& other_period);

// Rule 5 over a period (CheckStatistics over orders given one by one).
class OrderStatistics {
 public:
  void Add(int64_t order_ref, std::string_view equipment_id, std::string_view peer_group,
           double energy_kwh, double minutes);
  std::vector<std::pair<int64_t, RuleFinding>> Findings(const RuleParams& params,
                                                        const SeqLookup& seqs) const;

 private:
  struct Entry {
    int64_t ref;
    double energy, minutes;
    int32_t equipment, group;  // -1: none
  };
  std::vector<Entry> entries_;
  NameTable equipment_, groups_;
};

// Rule 6 over a period (CheckStationBalance over orders given one by one).
class StationTotals {
 public:
  void Add(int64_t order_ref, std::string_view station, std::string_view day, double energy_kwh);
  std::vector<std::pair<int64_t, RuleFinding>> Findings(const std::vector<StationEnergy>& metered,
                                                        const RuleParams& params) const;

 private:
  struct Day {
    double sum = 0, largest = -1;
    int64_t count = 0, largest_ref = 0;
  };
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Day, Hash, std::equal_to<>> days_;  // station '\x1f' day
  std::string key_;
};

}  // namespace mvis::domain
