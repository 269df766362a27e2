// The instrument registry and filing workflow end to end over HTTP, including territorial
// routing (an enterprise of 江岸区 whose chargers stand in 江汉区) and access from other
// enterprises and districts.
#include <cstdio>
#include <fstream>
#include <map>

#include "fixture.hpp"

namespace mvis::testing {
namespace {

using nlohmann::json;

json Charger(const std::string& serial, const std::string& region = "420103") {
  return {{"type_code", "ev_ac_charger"},
          {"name", "交流充电桩" + serial},
          {"model", "AC7-X"},
          {"serial_no", serial},
          {"manufacturer", "武汉某电气有限公司"},
          {"brand", "某品牌"},
          {"accuracy_class", "2"},
          {"install_address", "武汉市江汉区建设大道1号"},
          {"install_region_code", region},
          {"use", "trade_settlement"},
          {"in_use_date", "2025-03-01"},
          {"charger",
           {{"current_type", "AC"},
            {"rated_power_kw", 7},
            {"rated_voltage_v", 220},
            {"max_current_a", 32},
            {"min_current_a", 6},
            {"connector_count", 1},
            {"station_name", "建设大道充电站"},
            {"equipment_id", "EQ" + serial},
            {"tou_billing", true}}}};
}

class InstrumentTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    SeedDemo();  // includes the 江汉区 bureau and its regulator "jianghan"
  }
  int64_t Create(Client& c, const json& body) {
    auto r = c.Post("/api/v1/instruments", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", int64_t{0});
  }
  static std::string Path(int64_t id, const std::string& suffix = "") {
    return "/api/v1/instruments/" + std::to_string(id) + suffix;
  }
  std::vector<int64_t> Ids(Client& c, const std::string& query) {
    std::vector<int64_t> ids;
    json i_list = c.Get("/api/v1/instruments?" + query).json()["items"];
    for (const auto& i : i_list) ids.push_back(i["id"]);
    return ids;
  }
};

TEST_F(InstrumentTest, FilingLoopRoutesToTheInstallationDistrict) {
  Client ent = SignIn("charger");  // registered in 江岸区
  int64_t saved = Create(ent, Charger("SN-A"));
  json b = Charger("SN-B");
  b["submit"] = true;
  auto created = ent.Post("/api/v1/instruments", b);
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(created.json()["status"], "submitted");
  int64_t applied = created.json()["id"];
  EXPECT_EQ(ent.Get(Path(saved)).json()["status"], "draft");
  ASSERT_EQ(ent.Post("/api/v1/instruments/apply", {{"ids", {saved}}}).json()["applied"], 1);

  Client jianghan = SignIn("jianghan");
  Client jiangan = SignIn("jiangan");
  Client city = SignIn("city");
  EXPECT_EQ(Ids(jianghan, "status=needs_review"), (std::vector<int64_t>{applied, saved}));
  EXPECT_TRUE(Ids(jiangan, "status=needs_review").empty());
  EXPECT_EQ(jiangan.Get(Path(saved)).status, 404);
  EXPECT_EQ(Ids(city, "status=needs_review").size(), 2u);
  EXPECT_EQ(
      city.Post("/api/v1/instruments/review", {{"ids", {saved}}, {"decision", "approve"}}).status,
      403);
  EXPECT_EQ(jiangan.Post("/api/v1/instruments/review", {{"ids", {saved}}, {"decision", "approve"}})
                .status,
            404);
  EXPECT_EQ(jianghan.Get("/api/v1/home").json()["todos"][0],
            json({{"key", "review_pending"}, {"count", 2}}));

  auto no_reason =
      jianghan.Post("/api/v1/instruments/review", {{"ids", {saved}}, {"decision", "return"}});
  EXPECT_EQ(no_reason.error_code(), "reason_required");
  ASSERT_EQ(jianghan
                .Post("/api/v1/instruments/review",
                      {{"ids", {saved}}, {"decision", "return"}, {"reason", "出厂编号与铭牌不符"}})
                .status,
            200);
  ASSERT_EQ(
      jianghan.Post("/api/v1/instruments/review", {{"ids", {applied}}, {"decision", "approve"}})
          .status,
      200);

  auto returned = ent.Get(Path(saved)).json();
  EXPECT_EQ(returned["status"], "returned");
  EXPECT_EQ(returned["last_reason"], "出厂编号与铭牌不符");
  EXPECT_EQ(ent.Get(Path(applied)).json()["status"], "approved");
  auto inbox = ent.Get("/api/v1/inbox").json()["items"];
  bool told = false;
  for (const auto& m : inbox)
    told = told || m["body"].get<std::string>().find("出厂编号与铭牌不符") != std::string::npos;
  EXPECT_TRUE(told);
  EXPECT_NE(LatestSms("13900000006").find("审核"),
            std::string::npos);  // the enterprise's contact phone

  json fixed = Charger("SN-A2");
  fixed["submit"] = true;
  auto resubmitted = ent.Put(Path(saved), fixed);
  ASSERT_EQ(resubmitted.status, 200) << resubmitted.body;
  EXPECT_EQ(resubmitted.json()["status"], "submitted");
  EXPECT_EQ(resubmitted.json()["serial_no"], "SN-A2");
  EXPECT_EQ(Ids(jianghan, "status=needs_review"), std::vector<int64_t>{saved});

  std::vector<std::string> actions;
  json e_list = ent.Get(Path(saved, "/history")).json()["items"];
  for (const auto& e : e_list) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"edit", "submit", "return", "edit", "submit"}));
  auto history = jianghan.Get(Path(saved, "/history")).json()["items"];
  EXPECT_EQ(history[2]["reason"], "出厂编号与铭牌不符");
  EXPECT_EQ(history[2]["username"], "jianghan");
  EXPECT_EQ(history[2]["display_name"], "江汉区局计量科");  // the timeline names the person
}

TEST_F(InstrumentTest, OtherEnterprisesAndDistrictsCannotTouchAnInstrument) {
  Client owner = SignIn("charger");
  int64_t draft = Create(owner, Charger("SN-X"));
  json b = Charger("SN-Y");
  b["submit"] = true;
  int64_t submitted = Create(owner, b);
  Client other = SignIn("kuaichong");
  Client hongshan = SignIn("hongshan");
  for (int64_t id : {draft, submitted}) {
    EXPECT_EQ(other.Get(Path(id)).status, 404);
    EXPECT_EQ(other.Put(Path(id), Charger("SN-Z")).status, 404);
    EXPECT_EQ(other.Delete(Path(id)).status, 404);
    EXPECT_EQ(other.Get(Path(id, "/history")).status, 404);
    EXPECT_EQ(other
                  .Post(Path(id, "/deregister"),
                        {{"kind", "scrapped"}, {"reason", "x"}, {"date", "2025-01-01"}})
                  .status,
              404);
    EXPECT_EQ(other.Post("/api/v1/instruments/apply", {{"ids", {id}}}).status, 404);
    EXPECT_EQ(hongshan.Get(Path(id)).status, 404);
    EXPECT_EQ(hongshan.Post("/api/v1/instruments/review", {{"ids", {id}}, {"decision", "approve"}})
                  .status,
              404);
  }
  EXPECT_TRUE(Ids(other, "").empty());
  EXPECT_EQ(SignIn("jianghan").Get(Path(draft)).status, 404);  // drafts stay private
  EXPECT_EQ(
      other.Post("/api/v1/instruments/review", {{"ids", {submitted}}, {"decision", "approve"}})
          .status,
      403);
  EXPECT_EQ(SignIn("admin").Get("/api/v1/instruments").status, 403);
  EXPECT_EQ(SignIn("verifier").Get(Path(submitted)).status, 404);
  EXPECT_EQ(owner.Get(Path(draft)).status, 200);
}

TEST_F(InstrumentTest, ValidationDuplicatesAndContract) {
  Client ent = SignIn("charger");
  json bad = Charger("SN-1");
  bad["serial_no"] = "";
  bad["charger"]["rated_power_kw"] = "fast";
  auto r = ent.Post("/api/v1/instruments", bad);
  EXPECT_EQ(r.status, 400);
  std::set<std::string> fields;
  json f_list = r.json()["error"]["details"]["fields"];
  for (const auto& f : f_list) fields.insert(f["field"]);
  EXPECT_TRUE(fields.count("charger.rated_power_kw"));
  bad["charger"]["rated_power_kw"] = 7;
  r = ent.Post("/api/v1/instruments", bad);
  EXPECT_EQ(r.error_code(), "serial_no_required");
  EXPECT_FALSE(r.json()["error"]["message"].get<std::string>().empty());

  int64_t first = Create(ent, Charger("SN-1"));
  auto dup = ent.Post("/api/v1/instruments", Charger("SN-1"));
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.error_code(), "instrument_duplicate");
  EXPECT_NE(dup.json()["error"]["message"].get<std::string>().find(std::to_string(first)),
            std::string::npos);
  auto foreign = SignIn("kuaichong").Post("/api/v1/instruments", Charger("SN-1", "420111"));
  EXPECT_EQ(foreign.status, 409);
  EXPECT_NE(foreign.json()["error"]["message"].get<std::string>().find("其他单位"),
            std::string::npos);

  auto list = ent.Get("/api/v1/instruments?status=draft&page=1&page_size=10").json();
  EXPECT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["id"], first);
  EXPECT_EQ(ent.Get("/api/v1/instruments?status=bogus").status, 400);
  EXPECT_EQ(ent.Delete(Path(first)).status, 204);
  EXPECT_EQ(ent.Get(Path(first)).status, 404);
}

TEST_F(InstrumentTest, NonMandatoryInstrumentsStayInTheRegistryUnfiled) {
  Client ent = SignIn("charger");
  json other_use = Charger("SN-NM");
  other_use["use"] = "other";
  other_use["submit"] = true;
  auto refused = ent.Post("/api/v1/instruments", other_use);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.error_code(), "not_mandatory");
  EXPECT_EQ(ent.Get("/api/v1/instruments").json()["total"], 0);  // nothing half-written
  other_use.erase("submit");
  auto kept = ent.Post("/api/v1/instruments", other_use);
  ASSERT_EQ(kept.status, 201);
  EXPECT_EQ(kept.json()["mandatory"], false);
  int64_t id = kept.json()["id"];
  auto apply = ent.Post("/api/v1/instruments/apply", {{"ids", {id}}});
  EXPECT_EQ(apply.error_code(), "not_mandatory");
  EXPECT_NE(apply.json()["error"]["message"].get<std::string>().find("校准"), std::string::npos);
}

TEST_F(InstrumentTest, ChangeRequestsKeepApprovedDataUntilApproved) {
  Client ent = SignIn("charger");
  json b = Charger("SN-C");
  b["submit"] = true;
  int64_t id = Create(ent, b);
  Client reg = SignIn("jianghan");
  ASSERT_EQ(reg.Post("/api/v1/instruments/review", {{"ids", {id}}, {"decision", "approve"}}).status,
            200);

  json change = Charger("SN-C");
  change["charger"]["station_name"] = "新站名";
  auto requested = ent.Put(Path(id), change);
  ASSERT_EQ(requested.status, 200) << requested.body;
  EXPECT_EQ(requested.json()["status"], "approved");
  EXPECT_EQ(requested.json()["change_pending"], true);
  EXPECT_EQ(requested.json()["charger"]["station_name"], "建设大道充电站");
  EXPECT_EQ(requested.json()["pending_change"]["charger"]["station_name"], "新站名");
  EXPECT_EQ(ent.Put(Path(id), change).error_code(), "filing_illegal_transition");  // one at a time
  EXPECT_EQ(Ids(reg, "status=needs_review"), std::vector<int64_t>{id});
  ASSERT_EQ(reg.Post("/api/v1/instruments/review", {{"ids", {id}}, {"decision", "approve"}}).status,
            200);
  auto after = ent.Get(Path(id)).json();
  EXPECT_EQ(after["charger"]["station_name"], "新站名");
  EXPECT_EQ(after["change_pending"], false);

  change["charger"]["station_name"] = "再次改名";
  ASSERT_EQ(ent.Put(Path(id), change).status, 200);
  ASSERT_EQ(reg.Post("/api/v1/instruments/review",
                     {{"ids", {id}}, {"decision", "return"}, {"reason", "无变更依据"}})
                .status,
            200);
  after = ent.Get(Path(id)).json();
  EXPECT_EQ(after["charger"]["station_name"], "新站名");
  EXPECT_EQ(after["status"], "approved");
  EXPECT_EQ(after["last_reason"], "无变更依据");
}

TEST_F(InstrumentTest, DeregistrationAndBatchAllOrNothing) {
  Client ent = SignIn("charger");
  json b = Charger("SN-D");
  b["submit"] = true;
  int64_t approved = Create(ent, b);
  int64_t draft = Create(ent, Charger("SN-E"));
  ASSERT_EQ(SignIn("jianghan")
                .Post("/api/v1/instruments/review", {{"ids", {approved}}, {"decision", "approve"}})
                .status,
            200);

  auto mixed = ent.Post("/api/v1/instruments/apply", {{"ids", {draft, approved}}});
  EXPECT_EQ(mixed.status, 409);
  EXPECT_EQ(ent.Get(Path(draft)).json()["status"], "draft");  // nothing applied
  EXPECT_EQ(ent.Delete(Path(approved)).error_code(), "filing_illegal_transition");

  EXPECT_EQ(ent.Post(Path(approved, "/deregister"),
                     {{"kind", "lost"}, {"reason", "x"}, {"date", "2025-01-01"}})
                .error_code(),
            "deregister_kind_invalid");
  EXPECT_EQ(ent.Post(Path(approved, "/deregister"),
                     {{"kind", "scrapped"}, {"reason", ""}, {"date", "2025-01-01"}})
                .error_code(),
            "reason_required");
  auto done = ent.Post(Path(approved, "/deregister"),
                       {{"kind", "scrapped"}, {"reason", "设备损坏"}, {"date", "2025-06-01"}});
  ASSERT_EQ(done.status, 200);
  EXPECT_EQ(done.json()["status"], "deregistered");
  EXPECT_EQ(ent.Post(Path(approved, "/deregister"),
                     {{"kind", "scrapped"}, {"reason", "x"}, {"date", "2025-06-01"}})
                .status,
            409);
  // The serial number is free again once deregistered.
  EXPECT_EQ(ent.Post("/api/v1/instruments", Charger("SN-D")).status, 201);
}

TEST_F(InstrumentTest, CatalogueIsEditedByTheCityRegulatorOnly) {
  json type = {{"code", "tyre_gauge"},         {"name", "轮胎压力表"},
               {"regulation", "JJG 927-2013"}, {"verification_form", "periodic"},
               {"period_months", 12},          {"mandatory_uses", {"safety"}}};
  EXPECT_EQ(SignIn("charger").Post("/api/v1/instrument-types", type).status, 403);
  EXPECT_EQ(SignIn("jiangan").Post("/api/v1/instrument-types", type).status, 403);
  Client city = SignIn("city");
  json odd = type;
  odd["verification_form"] = "sometimes";
  EXPECT_EQ(city.Post("/api/v1/instrument-types", odd).error_code(), "verification_form_invalid");
  ASSERT_EQ(city.Post("/api/v1/instrument-types", type).status, 201);
  EXPECT_EQ(city.Get("/api/v1/instrument-types").body.find("sometimes"), std::string::npos);
  EXPECT_EQ(city.Post("/api/v1/instrument-types", type).error_code(), "type_code_taken");
  type["period_months"] = 24;
  auto updated =
      city.Put("/api/v1/instrument-types/ev_ac_charger", {{"name", "电动汽车交流充电桩"},
                                                          {"regulation", "JJG 1148-2022"},
                                                          {"verification_form", "periodic"},
                                                          {"period_months", 24},
                                                          {"mandatory_uses", {"trade_settlement"}},
                                                          {"accuracy_classes", {"1", "2"}}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json()["period_months"], 24);
  EXPECT_EQ(updated.json()["charger_current"], "AC");
  bool codes = false;
  json t_list = SignIn("charger").Get("/api/v1/instrument-types").json()["items"];
  for (const auto& t : t_list) {
    codes = codes || t["code"] == "ev_dc_charger";
  }
  EXPECT_TRUE(codes);
  auto audit = SignIn("admin").Get("/api/v1/admin/audit?action=catalogue.type.update").json();
  ASSERT_EQ(audit["total"], 1);
  EXPECT_NE(audit["items"][0]["summary"].get<std::string>().find("检定周期 36 → 24 个月"),
            std::string::npos);
  EXPECT_EQ(audit["items"][0]["action_name"], "修改器具类型");
  EXPECT_EQ(audit["items"][0]["object_name"], "器具类型");
}

TEST_F(InstrumentTest, ExportIsARealWorkbookWithEscapedCells) {
  Client ent = SignIn("charger");
  json b = Charger("SN-F");
  b["name"] = "=HYPERLINK(\"http://evil\")";
  Create(ent, b);
  auto r = ent.Get("/api/v1/instruments/export?status=draft");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  EXPECT_NE(r.headers["content-type"].find("spreadsheetml"), std::string::npos);
  std::string path = ::testing::TempDir() + "export-test.xlsx";
  std::ofstream(path, std::ios::binary) << r.body;
  std::string cmd =
      "/usr/bin/python3 -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); "
      "print(''.join(z.read(n).decode() for n in z.namelist() if n.startswith('xl/')))\" " +
      path;
  std::string xml;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) xml.append(buf, n);
  pclose(p);
  EXPECT_NE(xml.find("'=HYPERLINK"), std::string::npos);
  EXPECT_NE(xml.find("SN-F"), std::string::npos);
  EXPECT_NE(xml.find("出厂编号"), std::string::npos);
  EXPECT_EQ(SignIn("kuaichong").Get("/api/v1/instruments/export").body.find("SN-F"),
            std::string::npos);
}

TEST_F(InstrumentTest, DistrictArchiveShowsEnterprisesWithCounts) {
  Client ent = SignIn("charger");
  json b = Charger("SN-G");
  b["submit"] = true;
  Create(ent, b);
  auto find = [](const json& archive, const std::string& name) {
    for (const auto& e : archive["items"]) {
      if (e["org"]["name"] == name) return e;
    }
    return json();
  };
  // Active in 江汉区: the 江岸 enterprise (chargers there) and 湖北电投 (registered there).
  auto archive = SignIn("jianghan").Get("/api/v1/archive/enterprises").json();
  ASSERT_EQ(archive["total"], 2);
  auto entry = find(archive, "武汉新能源充电科技有限公司");
  EXPECT_EQ(entry["counts"]["submitted"], 1);
  EXPECT_EQ(entry["phone"], "13900000006");
  EXPECT_EQ(find(archive, "湖北电投充电服务有限公司")["counts"]["submitted"], 0);
  auto city = SignIn("city").Get("/api/v1/archive/enterprises?region_code=420103").json();
  EXPECT_EQ(find(city, "武汉新能源充电科技有限公司")["phone"], "139****0006");
  EXPECT_EQ(SignIn("charger").Get("/api/v1/archive/enterprises").status, 403);
  EXPECT_EQ(SignIn("jianghan").Get("/api/v1/archive/enterprises?region_code=420111").status, 404);
}

TEST_F(InstrumentTest, HomeCountsForTheEnterprise) {
  Client ent = SignIn("charger");
  Create(ent, Charger("SN-H1"));
  json b = Charger("SN-H2");
  b["submit"] = true;
  Create(ent, b);
  std::map<std::string, int64_t> todos;
  json t_list = ent.Get("/api/v1/home").json()["todos"];
  for (const auto& t : t_list) todos[t["key"]] = t["count"];
  EXPECT_EQ(todos["filing_draft"], 1);
  EXPECT_EQ(todos["filing_submitted"], 1);
  EXPECT_EQ(todos["filing_approved"], 0);
  auto stats = ent.Get("/api/v1/instruments/stats").json();
  EXPECT_EQ(stats["draft"], 1);
  EXPECT_EQ(stats["submitted"], 1);
}

// The field table the form and the template follow is the one the server validates with.
TEST_F(ApiTest, InstrumentFieldTableIsPublished) {
  SeedDemo();
  auto r = SignIn("charger").Get("/api/v1/instrument-fields");
  ASSERT_EQ(r.status, 200) << r.body;
  std::map<std::string, json> fields;
  const json body = r.json();
  for (const auto& f : body["items"]) fields[f["key"].get<std::string>()] = f;
  EXPECT_EQ(fields["serial_no"]["required"], "always");
  EXPECT_EQ(fields["serial_no"]["max_length"], 64);
  EXPECT_EQ(fields["charger.rated_power_kw"]["required"], "charger");
  EXPECT_EQ(fields["charger.rated_power_kw"]["max"], 1000);
  EXPECT_TRUE(fields["charger.rated_power_kw"]["min_exclusive"].get<bool>());
  EXPECT_EQ(fields["charger.connector_count"]["min"], 1);
  EXPECT_FALSE(fields["charger.connector_count"]["min_exclusive"].get<bool>());
  EXPECT_EQ(fields["charger.station_name"]["required"], "charger");
  EXPECT_EQ(fields["asset_no"]["required"], "optional");
  EXPECT_TRUE(fields["charger.longitude"]["min"].is_null());
}

}  // namespace
}  // namespace mvis::testing
