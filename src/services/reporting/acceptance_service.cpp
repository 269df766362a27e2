// 发改委验收 checks, their evidence PDF and public confirmation, and the public lookup.
#include "services/reporting/acceptance_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <set>

#include "domain/access_policy.hpp"
#include "domain/label_token.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"
#include "io/acceptance_pdf.hpp"
#include "io/spreadsheet_reader.hpp"
#include "services/core/workflow.hpp"
#include "store/orgs_store.hpp"

namespace mvis::services {

using domain::access::Kind;
using domain::access::Op;
using Json = nlohmann::json;

namespace {

constexpr char kWhat[] = "验收核查";
constexpr size_t kMaxChargers = 5000;

// Gap kinds in the order the verdict lists them.
constexpr const char* kGapKinds[] = {"unfiled", "never_verified", "failed", "expired", "revoked"};

const char* StatusName(const std::string& status) {
  if (status == "ok") return "合格有效";
  if (status == "unfiled") return "未备案";
  if (status == "never_verified") return "未检定";
  if (status == "failed") return "检定不合格";
  if (status == "expired") return "超期未检";
  if (status == "revoked") return "证书已注销";
  return "";
}

// The item as the check shows it, and its status.
Json ItemOf(const std::optional<store::EvidenceInstrument>& e, const std::string& equipment_id,
            const std::string& manufacturer, const std::string& serial_no, const std::string& today,
            const CertificateService& certificates) {
  Json j{{"equipment_id", equipment_id}, {"manufacturer", manufacturer}, {"serial_no", serial_no},
         {"status", "unfiled"},          {"certificate_no", nullptr},    {"district_name", ""},
         {"filed_on", nullptr},          {"institute_name", ""},         {"verified_on", nullptr},
         {"valid_until", nullptr},       {"conclusion", nullptr},        {"live_status", nullptr},
         {"check_url", nullptr}};
  if (!e || e->status == "deregistered") return j;
  j["equipment_id"] = e->equipment_id;
  j["manufacturer"] = e->manufacturer;
  j["serial_no"] = e->serial_no;
  j["district_name"] = e->district_name;
  if (e->filed_at) j["filed_on"] = domain::ChinaDate(*e->filed_at);
  std::string status;
  if (e->verification_state == "never")
    status = "never_verified";
  else if (e->verification_state == "revoked")
    status = "revoked";
  else if (e->verification_state == "failed")
    status = "failed";
  else
    status = e->valid_until >= today ? "ok" : "expired";
  j["status"] = status;
  if (!e->certificate_no.empty()) {
    j["certificate_no"] = e->certificate_no;
    j["institute_name"] = e->institute_name;
    if (!e->verified_on.empty()) j["verified_on"] = e->verified_on;
    if (!e->certificate_valid_until.empty()) j["valid_until"] = e->certificate_valid_until;
    const bool pass = e->certificate_kind == "certificate";
    j["conclusion"] = pass ? "pass" : "fail";
    j["live_status"] = e->certificate_status == "revoked" ? "revoked"
                       : !pass                            ? "failed"
                       : e->certificate_status == "superseded"
                           ? "superseded"
                           : (e->certificate_valid_until >= today ? "valid" : "expired");
    if (!e->token.empty()) j["check_url"] = certificates.QrUrl(e->token);
  }
  return j;
}

// The signed statement of a check: "ac1|<id>|<checked on>|<verdict>|<items>|<gaps>|<kid>".
std::string Statement(const store::AcceptanceCheckRow& c, const std::string& kid) {
  return "ac1|" + std::to_string(c.id) + "|" + c.checked_on + "|" + c.verdict + "|" +
         std::to_string(c.item_count) + "|" + std::to_string(c.gap_count) + "|" + kid;
}

std::string SignStatement(const std::string& statement, const domain::LabelKeyPair& key) {
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(statement.data()),
                       statement.size(),
                       reinterpret_cast<const unsigned char*>(key.secret_key.data()));
  return domain::Base64UrlEncode(statement) + "." +
         domain::Base64UrlEncode(std::string_view(reinterpret_cast<char*>(sig), sizeof sig));
}

domain::access::Resource ResourceOf(const store::AcceptanceCheckRow& c) {
  domain::access::Resource r;
  r.kind = Kind::kAcceptanceCheck;
  r.id = c.id;
  r.owner_org_id = c.owner_org_id;
  r.region_codes = {c.region_code};
  return r;
}

std::string Cleaned(const std::string& s) { return domain::Trim(s); }

}  // namespace

Result<AcceptanceView> AcceptanceService::Create(const Actor& actor, const AcceptanceInput& in) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kAcceptanceCheck, Op::kCreate);
      !ok)
    return std::unexpected(ok.error());
  const std::string project = Cleaned(in.project_name);
  if (project.empty())
    return InvalidField("project_name", "project_name_required", "请填写项目名称");
  if (domain::CodePoints(project) > 100)
    return InvalidField("project_name", "project_name_too_long", "项目名称不能超过100字");
  const std::string owner = Cleaned(in.owner_name);
  if (domain::CodePoints(owner) > 100)
    return InvalidField("owner_name", "owner_name_too_long", "建设单位名称不能超过100字");
  // The chargers asked about, each once, in the order given.
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> wanted;
  std::set<std::string> seen;
  for (const auto& raw : in.equipment_ids) {
    std::string id = Cleaned(raw);
    if (id.empty()) continue;
    if (id.size() > 64)
      return InvalidField("equipment_ids", "equipment_id_invalid", "设备编码过长：" + id);
    if (seen.insert("e:" + id).second) wanted.push_back({id, {}});
  }
  for (const auto& [m, s] : in.identifiers) {
    std::string manufacturer = Cleaned(m), serial = Cleaned(s);
    if (manufacturer.empty() || serial.empty())
      return InvalidField("identifiers", "identifier_incomplete", "请同时填写生产厂家和出厂编号");
    if (seen.insert("m:" + manufacturer + "\n" + serial).second)
      wanted.push_back({"", {manufacturer, serial}});
  }
  if (wanted.empty())
    return InvalidField("equipment_ids", "chargers_required", "请至少填写一台充电桩");
  if (wanted.size() > kMaxChargers)
    return InvalidField("equipment_ids", "too_many_chargers", "一次核查不能超过5000台充电桩");
  std::vector<std::string> stations;
  for (const auto& s : in.station_names)
    if (auto t = Cleaned(s); !t.empty()) stations.push_back(t);

  auto created = WriteAs(ctx_, actor, [&](Work& w) -> Result<int64_t> {
    auto office = actor.org_id ? store::FindOrg(w.tx, *actor.org_id) : std::nullopt;
    if (!office) return Forbidden();
    const std::string today = w.Today();
    store::AcceptanceCheckRow c;
    c.project_name = project;
    c.owner_name = owner;
    c.station_names = Json(stations).dump();
    c.checked_on = today;
    c.creator_org_id = office->id;
    c.region_code = office->region_code;
    c.created_by = actor.user_id;
    c.created_by_name = actor.username;
    c.created_at = w.now;
    c.token = "pending:" + std::to_string(w.now) + ":" + std::to_string(actor.user_id) + ":" +
              std::to_string(randombytes_random());
    std::vector<store::AcceptanceItemRow> items;
    std::map<std::string, int64_t> counts{{"ok", 0}};
    for (const char* k : kGapKinds) counts[k] = 0;
    std::set<int64_t> owners;
    for (const auto& [equipment_id, identity] : wanted) {
      auto e = equipment_id.empty() ? store::FindByIdentity(w.tx, identity.first, identity.second)
                                    : store::FindByEquipmentId(w.tx, equipment_id);
      Json item = ItemOf(e, equipment_id, identity.first, identity.second, today, certificates_);
      const std::string status = item["status"];
      ++counts[status];
      if (e && e->status != "deregistered") owners.insert(e->org_id);
      items.push_back({static_cast<int>(items.size()) + 1,
                       e ? std::optional<int64_t>(e->id) : std::nullopt, status, item.dump()});
    }
    c.item_count = static_cast<int64_t>(items.size());
    c.gap_count = c.item_count - counts["ok"];
    c.verdict = c.gap_count == 0 ? "passed" : "gaps";
    c.counts = Json(counts).dump();
    // The project's operator, when every charger found belongs to one: it sees the check.
    if (owners.size() == 1) c.owner_org_id = *owners.begin();
    c.id = store::InsertAcceptanceCheck(w.tx, c);
    for (const auto& item : items) store::InsertAcceptanceItem(w.tx, c.id, item);
    auto key = keys_.Active(w.tx, w.now);
    if (!key) return std::unexpected(key.error());
    store::SetAcceptanceToken(w.tx, c.id, SignStatement(Statement(c, key->kid), *key));
    Record(w, Transition{{Kind::kAcceptanceCheck, std::to_string(c.id)},
                         "create",
                         "",
                         c.verdict,
                         "",
                         project + "（" + std::to_string(c.item_count) + "台，问题" +
                             std::to_string(c.gap_count) + "台）",
                         {},
                         {}});
    return c.id;
  });
  if (!created) return std::unexpected(created.error());
  return Get(actor, *created);
}

Result<AcceptanceView> AcceptanceService::Get(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<AcceptanceView> {
    auto c = store::FindAcceptanceCheck(tx, id);
    if (!c) return NotFound(kWhat);
    if (auto ok = domain::access::Check(SubjectOf(actor), ResourceOf(*c), Op::kRead, kWhat); !ok)
      return std::unexpected(ok.error());
    AcceptanceView v;
    v.check = *c;
    for (const auto& item : store::ListAcceptanceItems(tx, id)) {
      Json j = Json::parse(item.data, nullptr, false);
      if (j.is_object()) v.items.push_back(std::move(j));
    }
    v.public_url = certificates_.public_url() + "/ac/" + c->token;
    return v;
  });
}

Result<domain::Page<store::AcceptanceCheckRow>> AcceptanceService::List(
    const Actor& actor, const std::string& q, const std::string& verdict,
    const domain::PageRequest& page) {
  auto scope = domain::access::ScopeFor(SubjectOf(actor), Kind::kAcceptanceCheck);
  if (!scope.allowed)
    return std::unexpected(domain::access::DenialError(domain::access::Decision::kForbidden,
                                                       Kind::kAcceptanceCheck, Op::kRead, kWhat));
  if (!verdict.empty() && verdict != "passed" && verdict != "gaps")
    return InvalidField("verdict", "verdict_invalid", "核查结论无效");
  store::AcceptanceFilter f{scope.owner_org_id, scope.region_codes, Cleaned(q), verdict};
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<store::AcceptanceCheckRow>> {
    return store::ListAcceptanceChecks(tx, f, page);
  });
}

Result<std::string> AcceptanceService::EvidencePdf(const Actor& actor, int64_t id) {
  auto v = Get(actor, id);
  if (!v) return std::unexpected(v.error());
  io::AcceptanceEvidenceDocument doc;
  const auto& c = v->check;
  doc.project_name = c.project_name;
  doc.owner_name = c.owner_name;
  Json stations = Json::parse(c.station_names, nullptr, false);
  if (stations.is_array())
    for (const auto& s : stations)
      if (s.is_string()) doc.stations += (doc.stations.empty() ? "" : "、") + s.get<std::string>();
  auto office = ctx_.db.Read([&](store::Tx& tx) -> Result<std::string> {
    auto o = store::FindOrg(tx, c.creator_org_id);
    return o ? o->name : std::string();
  });
  doc.office_name = office ? *office : "";
  doc.checked_on = c.checked_on;
  doc.created_by = c.created_by_name;
  doc.passed = c.verdict == "passed";
  Json counts = Json::parse(c.counts, nullptr, false);
  if (doc.passed) {
    doc.verdict_text = "全部检定合格且在有效期内（共" + std::to_string(c.item_count) + "台）";
  } else {
    doc.verdict_text = "存在问题：";
    bool first = true;
    for (const char* k : kGapKinds) {
      const int64_t n = counts.is_object() ? counts.value(k, int64_t{0}) : 0;
      if (n == 0) continue;
      doc.verdict_text +=
          std::string(first ? "" : "，") + StatusName(k) + " " + std::to_string(n) + " 台";
      first = false;
    }
  }
  doc.summary_url = v->public_url;
  const auto dot = c.token.find('.');
  auto statement = domain::Base64UrlDecode(c.token.substr(0, dot)).value_or("");
  doc.signature_note = "签名摘要：" + statement + "（Ed25519）";
  auto text = [](const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  for (const auto& j : v->items) {
    io::AcceptanceEvidenceItem it;
    it.equipment_id = text(j, "equipment_id");
    it.identity = text(j, "manufacturer") + " / " + text(j, "serial_no");
    it.district = text(j, "district_name");
    it.certificate_no =
        j["certificate_no"].is_string() ? j["certificate_no"].get<std::string>() : "";
    it.institute = text(j, "institute_name");
    it.verified_on = text(j, "verified_on");
    it.valid_until = text(j, "valid_until");
    const std::string status = text(j, "status");
    it.status_name = StatusName(status);
    it.ok = status == "ok";
    it.qr_url = text(j, "check_url");
    doc.items.push_back(std::move(it));
  }
  return io::RenderAcceptanceEvidencePdf(doc);
}

Result<ParsedIdentifiers> AcceptanceService::Parse(const Actor& actor, const std::string& bytes) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kAcceptanceCheck, Op::kCreate);
      !ok)
    return std::unexpected(ok.error());
  ParsedIdentifiers out;
  int equipment_col = -1, manufacturer_col = -1, serial_col = -1;
  bool header_seen = false;
  io::SheetLimits limits;
  limits.max_file_bytes = 5 << 20;
  limits.max_rows = kMaxChargers + 10;
  limits.max_columns = 50;
  auto text = [](const std::vector<io::Cell>& cells, int col) {
    return col >= 0 && col < static_cast<int>(cells.size()) ? domain::Trim(cells[col].text)
                                                            : std::string();
  };
  auto read = io::ReadSpreadsheet(
      bytes, "chargers.xlsx", limits, [&](int64_t row, const std::vector<io::Cell>& cells) {
        if (!header_seen) {
          for (size_t i = 0; i < cells.size(); ++i) {
            std::string h = domain::Trim(cells[i].text);
            std::string lower;
            for (char ch : h)
              lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            if (lower == "equipmentid" || lower == "equipment_id" || h == "设备编码" ||
                h == "充电设备编码")
              equipment_col = static_cast<int>(i);
            if (h == "生产厂家" || h == "制造单位" || h == "制造厂" || lower == "manufacturer")
              manufacturer_col = static_cast<int>(i);
            if (h == "出厂编号" || lower == "serial_no" || lower == "serial")
              serial_col = static_cast<int>(i);
          }
          header_seen = equipment_col >= 0 || (manufacturer_col >= 0 && serial_col >= 0);
          if (!header_seen && !cells.empty()) {
            out.errors.push_back(
                {row, "未找到表头：需要“EquipmentID/设备编码”列，或“生产厂家”和“出厂编号”两列"});
            return false;
          }
          return true;
        }
        const std::string e = text(cells, equipment_col);
        const std::string m = text(cells, manufacturer_col), s = text(cells, serial_col);
        if (!e.empty()) {
          out.equipment_ids.push_back(e);
        } else if (!m.empty() && !s.empty()) {
          out.identifiers.emplace_back(m, s);
        } else if (!m.empty() || !s.empty()) {
          out.errors.push_back({row, "生产厂家和出厂编号须同时填写"});
        }
        return true;
      });
  if (!read) return std::unexpected(read.error());
  if (!header_seen && out.errors.empty()) out.errors.push_back({1, "文件中没有数据"});
  return out;
}

Result<std::vector<store::StationChargers>> AcceptanceService::Stations(const Actor& actor,
                                                                        const std::string& q) {
  if (auto ok = domain::access::CheckRole(SubjectOf(actor), Kind::kAcceptanceCheck, Op::kCreate);
      !ok)
    return std::unexpected(ok.error());
  const std::string term = Cleaned(q);
  if (domain::CodePoints(term) < 2)
    return InvalidField("q", "query_too_short", "请输入至少2个字的充电站名称");
  return ctx_.db.Read([&](store::Tx& tx) -> Result<std::vector<store::StationChargers>> {
    return store::FindStations(tx, term, 20);
  });
}

Result<PublicAcceptance> AcceptanceService::PublicCheck(const std::string& token) {
  auto invalid = [] {
    return Fail(ErrorKind::kNotFound, "acceptance_invalid", "核查证明无效：无法验证此二维码");
  };
  const auto dot = token.find('.');
  if (dot == std::string::npos || token.size() > 600) return invalid();
  auto statement = domain::Base64UrlDecode(std::string_view(token).substr(0, dot));
  auto sig = domain::Base64UrlDecode(std::string_view(token).substr(dot + 1));
  if (!statement || !sig || sig->size() != crypto_sign_BYTES) return invalid();
  const std::string kid = statement->substr(statement->rfind('|') + 1);
  auto verifies = [&](const std::vector<domain::LabelPublicKey>& keys) {
    for (const auto& k : keys)
      if (k.kid == kid && k.public_key.size() == crypto_sign_PUBLICKEYBYTES &&
          crypto_sign_verify_detached(
              reinterpret_cast<const unsigned char*>(sig->data()),
              reinterpret_cast<const unsigned char*>(statement->data()), statement->size(),
              reinterpret_cast<const unsigned char*>(k.public_key.data())) == 0)
        return true;
    return false;
  };
  if (!verifies(keys_.Keys(false)) && !verifies(keys_.Keys(true))) return invalid();
  return ctx_.db.Read([&](store::Tx& tx) -> Result<PublicAcceptance> {
    auto c = store::FindAcceptanceCheckByToken(tx, token);
    if (!c || Statement(*c, kid) != *statement) return invalid();
    auto office = store::FindOrg(tx, c->creator_org_id);
    return PublicAcceptance{c->project_name, c->verdict,  c->checked_on, office ? office->name : "",
                            c->item_count,   c->gap_count};
  });
}

Result<LookupResult> AcceptanceService::Lookup(const std::string& equipment_id,
                                               const std::string& manufacturer,
                                               const std::string& serial_no) {
  const std::string e = Cleaned(equipment_id), m = Cleaned(manufacturer), s = Cleaned(serial_no);
  const bool by_id = !e.empty() && m.empty() && s.empty();
  const bool by_identity = e.empty() && !m.empty() && !s.empty();
  if (!by_id && !by_identity)
    return Fail(ErrorKind::kInvalidArgument, "identifier_required",
                "请输入完整的设备编码，或同时输入生产厂家和出厂编号");
  if (e.size() > 64 || m.size() > 200 || s.size() > 64)
    return Fail(ErrorKind::kInvalidArgument, "identifier_required", "查询条件过长");
  auto found = ctx_.db.Read([&](store::Tx& tx) -> Result<std::optional<store::EvidenceInstrument>> {
    return by_id ? store::FindByEquipmentId(tx, e) : store::FindByIdentity(tx, m, s);
  });
  if (!found) return std::unexpected(found.error());
  const auto& ins = *found;
  if (!ins || ins->status == "deregistered")
    return Fail(ErrorKind::kNotFound, "not_found", "未找到该充电桩的备案信息");
  if (ins->token.empty()) return LookupResult{std::nullopt, *ins};  // none, or a result notice
  auto check = certificates_.Check(ins->token);
  if (!check) return std::unexpected(check.error());
  return LookupResult{std::move(*check), *ins};
}

}  // namespace mvis::services
